"""Build ``Settings`` from the four sources, flags > --config > --env-file > environment.

Within an environment (file or process) the canonical ``<PREFIX>KEY`` names win over framework names
(Auth.js ``AUTH_GITHUB_ID``, ``<PROVIDER>_CLIENT_ID``); every value remembers the key that supplied it,
because "which of my five .env files set this?" is half of every configuration bug.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from oauthdoctor.diagnose.settings import KEYS, PLACEHOLDER_KEYS, Settings

CONFIG_KEYS = (*KEYS, *PLACEHOLDER_KEYS)


class ConfigError(Exception):
    """Unusable configuration input; the message names the file and the key."""


def from_environment(
    env: Mapping[str, str], origin: str, prefix: str | None = None, provider: str | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """Canonical values and their supplying keys from one environment-like mapping (check-env's mapping)."""
    from oauthdoctor.config import map_keys

    mapped = map_keys(env, prefix=prefix, provider=provider)
    values = dict(mapped.values)
    sources = {k: f"{key} ({origin})" for k, key in mapped.origin.items()}
    if "provider" not in values and mapped.provider and (mapped.provider_origin or prefix):
        values["provider"] = mapped.provider
        sources["provider"] = f"{mapped.provider_origin or '--prefix ' + str(prefix)} ({origin})"
    return values, sources


def read_config_file(path: str | Path) -> dict[str, str]:
    """The YAML ``--config`` file: canonical names in lower case; lists become space-separated strings."""
    import yaml

    name = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read: {exc.strerror or type(exc).__name__}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{name}{where}: not valid YAML") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected a mapping of keys (client_id: ..., token_url: ...)")
    out: dict[str, str] = {}
    for key, value in data.items():
        key = str(key)
        if key not in CONFIG_KEYS:
            close = difflib.get_close_matches(key, CONFIG_KEYS, n=1)
            suggestion = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"{name}: ==> At key: {key}: unknown key{suggestion}")
        out[key] = _scalar(name, key, value)
    return out


def _scalar(name: str, key: str, value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, dict):
        raise ConfigError(f"{name}: ==> At key: {key}: expected a value, not a mapping")
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))


def read_env_values(path: str | Path) -> dict[str, str]:
    """An env file as the app sees it (python-dotenv: quotes, ``export``, comments, multi-line values)."""
    from oauthdoctor.config.envfile import EnvFileError, read_env_file

    try:
        return read_env_file(path).values
    except EnvFileError as exc:
        raise ConfigError(str(exc)) from None


def resolve(
    flags: Mapping[str, str | None],
    *,
    config_file: str | None = None,
    env_file: str | None = None,
    environ: Mapping[str, str] | None = None,
    prefix: str | None = None,
) -> Settings:
    """Merge the sources (flags > --config > --env-file > environment) into one ``Settings``."""
    layers: list[tuple[dict[str, str], dict[str, str]]] = []
    given = {k: v for k, v in flags.items() if v is not None}
    layers.append((given, {k: f"--{k.replace('_', '-')}" for k in given}))
    if config_file:
        config = read_config_file(config_file)
        layers.append((config, {k: f"{k} ({config_file})" for k in config}))
    provider = given.get("provider") or (layers[-1][0].get("provider") if config_file else None)
    if env_file:
        file_layer = from_environment(read_env_values(env_file), env_file, prefix, provider)
        layers.append(file_layer)
        provider = provider or file_layer[0].get("provider")
    layers.append(from_environment(dict(environ or {}), "environment", prefix, provider))
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for layer_values, layer_sources in reversed(layers):
        values.update(layer_values)
        sources.update({k: layer_sources[k] for k in layer_values})
    return Settings(
        {k: v for k, v in values.items() if v != ""},
        {k: s for k, s in sources.items() if values.get(k, "") != ""},
    )
