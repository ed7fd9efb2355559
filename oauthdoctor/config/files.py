"""Read any configuration file check-env and diagnose accept: env file, docker-compose file, Kubernetes manifest.

The type comes from the content, not the name: YAML with a ``services:`` mapping is a compose file, YAML whose
documents all have ``apiVersion`` and ``kind`` is a Kubernetes manifest, anything else must parse as an env
file. A ``.yml``/``.yaml`` file that is neither, or any file that is none of the three, is refused with one
line naming it (``EnvFileError``; the command exits 2).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from oauthdoctor.config.envfile import EnvFile, EnvFileError, env_file_of, line_starts_of, read_text
from oauthdoctor.config.unit import ConfigFile, Environment

_YAML_NAME = (".yml", ".yaml")
_YAML_START = re.compile(r"^(?:---|(?:services|apiVersion|kind|version|x-[\w-]+)[ \t]*:)", re.M)
KINDS = ("env", "compose", "kubernetes")


def read_config(path: str | Path, environ: Mapping[str, str] | None = None) -> ConfigFile:
    """Read ``path`` whatever its type. ``environ`` fills in compose variables (diagnose); without it a
    ``${VAR}`` stays a reference (check-env)."""
    name = str(path)
    named_yaml = name.lower().endswith(_YAML_NAME)
    text = read_text(path, "a compose file or manifest" if named_yaml else "an env file")
    yaml_like = named_yaml or bool(_YAML_START.search(text))
    if yaml_like:
        found = _read_yaml(name, text, environ, named_yaml)
        if found is not None:
            return found
    try:
        env = env_file_of(text, name)
    except EnvFileError:
        if yaml_like:
            raise EnvFileError(f"{name}: not an env file, docker-compose file or Kubernetes manifest") from None
        raise
    return ConfigFile(name, "env", (Environment("", env),), (env,))


def _read_yaml(name: str, text: str, environ: Mapping[str, str] | None, named_yaml: bool) -> ConfigFile | None:
    from oauthdoctor.config.compose import compose_environments, is_compose
    from oauthdoctor.config.kubernetes import kubernetes_environments, objects_of
    from oauthdoctor.config.yamlenv import Walker, compose_documents

    try:
        documents = compose_documents(text, name)
    except EnvFileError:
        if named_yaml:
            raise
        return None  # not YAML after all: an env file with a line that looked like YAML
    walker = Walker(name, text)
    starts = line_starts_of(text)
    if is_compose(walker, documents):
        cache: dict[str, EnvFile | str] = {}
        services = compose_environments(walker, documents[0], starts, environ, cache)
        included = tuple(f for f in cache.values() if isinstance(f, EnvFile))
        return ConfigFile(name, "compose", tuple(e for e, _ in services), tuple(d for _, d in services), included)
    objects = objects_of(walker, documents)
    if objects is not None:
        environments, parts = kubernetes_environments(walker, objects, starts)
        return ConfigFile(name, "kubernetes", tuple(environments), tuple(parts))
    if named_yaml:
        raise EnvFileError(f"{name}: not an env file, docker-compose file or Kubernetes manifest")
    return None


__all__ = ["KINDS", "read_config"]
