"""Build a ``ResolvedConfig`` from its sources: flags > --config > --env-file > environment.

Within an environment (file or process) the canonical ``<PREFIX>KEY`` names win over framework names
(Auth.js ``AUTH_GITHUB_ID``, ``<PROVIDER>_CLIENT_ID``). The deployment environment comes from a declared
``environment`` value or, failing that, from the env file's name (``.env.production``), with that origin.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from oauthdoctor.config.environment import environment_from_name, normalise_environment
from oauthdoctor.config.keys import CANONICAL_KEYS, PLACEHOLDER_KEYS, MappedConfig, map_keys
from oauthdoctor.config.resolved import Origin, OriginKind, ResolvedConfig

CONFIG_KEYS = (*CANONICAL_KEYS, *PLACEHOLDER_KEYS)


class ConfigError(Exception):
    """Unusable configuration input; the message names the file and the key."""


def from_mapped(mapped: MappedConfig, kind: OriginKind, file: str | None = None,
                prefix: str | None = None) -> ResolvedConfig:
    """One mapped environment (an env file or the process environment) as a ``ResolvedConfig``.

    A provider implied by a framework name (``AUTH_GITHUB_ID``) or by ``--prefix GOOGLE_`` becomes the
    ``provider`` value, with the key that implied it as its origin.
    """
    values = dict(mapped.values)
    origins = {k: Origin(kind, key, file) for k, key in mapped.origin.items()}
    if "provider" not in values and mapped.provider and (mapped.provider_origin or prefix):
        values["provider"] = mapped.provider
        implied_by = mapped.provider_origin
        origins["provider"] = Origin(kind, implied_by, file) if implied_by else Origin("flag", f"--prefix {prefix}")
    return ResolvedConfig(values, origins)


def from_environment(env: Mapping[str, str], kind: OriginKind, file: str | None = None,
                     prefix: str | None = None, provider: str | None = None) -> ResolvedConfig:
    """Canonical values and their origins from one environment-like mapping."""
    return from_mapped(map_keys(env, prefix=prefix, provider=provider), kind, file, prefix)


def read_config_file(path: str | Path) -> dict[str, str]:
    """The YAML ``--config`` file: canonical names in lower case; lists become space-separated strings.

    Read within the configuration limits (``limits.py``) and strictly (``yamlpos.StrictLoader``: no aliases,
    no duplicate keys); every refusal is a ``ConfigError`` naming the file, and the line and column."""
    import yaml

    from oauthdoctor.limits import InputError, read_config_text
    from oauthdoctor.profiles.yamlpos import StrictLoader, yaml_problem

    name = str(path)
    try:
        data = yaml.load(read_config_text(name, "a YAML config file"), Loader=StrictLoader)  # noqa: S506 - safe
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    except (yaml.YAMLError, RecursionError) as exc:
        line, column, problem = yaml_problem(exc)
        raise ConfigError(f"{name}:{line}:{column}: not valid YAML: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected a mapping of keys (client_id: ..., token_url: ...)")
    out: dict[str, str] = {}
    for key, value in data.items():
        key = str(key)
        if key not in CONFIG_KEYS:
            close = difflib.get_close_matches(key.lower(), CONFIG_KEYS, n=1)
            suggestion = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"{name}: ==> At key: {key}: unknown key{suggestion}")
        out[key] = _scalar(name, key, value)
    return out


def _scalar(name: str, key: str, value: Any) -> str:
    if isinstance(value, list):
        if any(isinstance(v, list | dict) for v in value):
            raise ConfigError(f"{name}: ==> At key: {key}: expected a list of values, not of lists or mappings")
        return " ".join(_scalar(name, key, v) for v in value)
    if isinstance(value, dict):
        raise ConfigError(f"{name}: ==> At key: {key}: expected a value, not a mapping")
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))


def resolve(
    flags: Mapping[str, str | None],
    *,
    config_file: str | None = None,
    env_file: str | None = None,
    environ: Mapping[str, str] | None = None,
    prefix: str | None = None,
    service: str | None = None,
) -> ResolvedConfig:
    """Merge the sources (flags > --config > --env-file > environment) into one ``ResolvedConfig``.

    ``env_file`` may be an env file, a docker-compose file or a Kubernetes manifest; ``service`` picks the
    compose service or container when the file has several (``env_file.py``).
    """
    layers: list[ResolvedConfig] = []
    given = {k: v for k, v in flags.items() if v is not None}
    layers.append(ResolvedConfig(given, {k: Origin("flag", f"--{k.replace('_', '-')}") for k in given}))
    if config_file:
        config = read_config_file(config_file)
        layers.append(ResolvedConfig(config, {k: Origin("config_file", k, config_file) for k in config}))
    provider = given.get("provider") or (layers[-1].values.get("provider") if config_file else None)
    if env_file:
        from oauthdoctor.config.env_layer import env_file_layer

        file_layer = env_file_layer(env_file, dict(environ or {}), prefix, provider, service)
        layers.append(file_layer)
        provider = provider or file_layer.values.get("provider")
    layers.append(from_environment(dict(environ or {}), "environment", None, prefix, provider))
    values: dict[str, str] = {}
    origins: dict[str, Origin] = {}
    for layer in reversed(layers):
        values.update(layer.values)
        origins.update({k: layer.origins[k] for k in layer.values})
    kept = {k: v for k, v in values.items() if v != ""}
    resolved = ResolvedConfig(kept, {k: o for k, o in origins.items() if k in kept})
    return with_environment(resolved, env_file)


def with_environment(config: ResolvedConfig, file: str | None) -> ResolvedConfig:
    """The declared environment in its canonical spelling, else the one the file name says (``.env.prod``)."""
    declared = config.get("environment")
    if declared is not None:
        normal = normalise_environment(declared)
        origin = config.origins.get("environment") or Origin("flag", "--environment")
        return config if normal == declared else config.with_value("environment", normal or declared, origin)
    found = environment_from_name(file) if file else None
    return config.with_value("environment", found, Origin("file_name", file or "")) if found else config
