"""Which client configurations one environment holds: the tools' dialects first, then ``OAUTH_*`` names.

Shared by check-env (every client is checked on its own) and diagnose (one client is chosen). A variable a
tool owns (``config/dialects.py``) is read once, by that tool's client; the ``OAUTH_*``/``--prefix``/framework
mapping (``keys.map_keys``) reads the rest.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from oauthdoctor.config.dialect_map import map_dialects
from oauthdoctor.config.keys import MappedConfig, map_keys


def configs_for(values: Mapping[str, str], prefix: str | None, provider: str | None,
                names: Mapping[str, str]) -> list[MappedConfig]:
    """One configuration per client in the environment: the tools' dialects (``config/dialects.py``) each client
    on its own, then ``OAUTH_*``/``--prefix``/framework names over the variables no tool owns (several
    configurations when framework keys name several providers)."""
    found = map_dialects(values, names)
    dialect_configs = [_with_default(c, provider) for c in found.configs]
    rest = {k: v for k, v in values.items() if k not in found.claimed}
    base = _base_configs(rest, prefix, provider, names)
    if dialect_configs:
        return [*dialect_configs, *(c for c in base if c.origin)]
    return base


def _with_default(config: MappedConfig, provider: str | None) -> MappedConfig:
    """``--provider`` names the profile of a dialect client whose variables do not (oauth2-proxy ``oidc``)."""
    if config.provider is not None or provider is None or config.unknown_provider is not None:
        return config
    return dataclasses.replace(config, provider=provider, provider_origin=None)


def _base_configs(values: Mapping[str, str], prefix: str | None, provider: str | None,
                  names: Mapping[str, str]) -> list[MappedConfig]:
    first = map_keys(values, prefix, None, names)
    if first.provider is None and provider:
        return [map_keys(values, prefix, provider, names)]
    explicit = prefix or any(k.startswith("OAUTH_") for k in first.origin.values())
    if explicit or not first.other_providers:
        return [first]
    return [first, *(map_keys(values, None, other, names) for other in first.other_providers)]


def describe(config: MappedConfig) -> str:
    """A client in a few words, to tell several apart: ``grafana GITHUB``, ``oauth2-proxy``, ``OAUTH_*``."""
    if config.dialect:
        return f"{config.dialect} {config.client}" if config.client else config.dialect
    return config.provider or "OAUTH_*"


__all__ = ["configs_for", "describe"]
