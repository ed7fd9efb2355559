"""``diagnose --env-file FILE``: one client's configuration out of an env file, compose file or manifest.

diagnose answers for one client. A compose file with several services takes ``--service NAME``; an
environment with several clients (Grafana's GitHub and Google logins) takes ``--provider`` (the profile id) or
``--service`` naming the client as its variables do (``GENERIC_OAUTH``, a Spring registration id). Compose
variables are filled in from the process environment, as compose does where the stack runs; a value that is
only known at run time (a Spring ``{baseUrl}`` template, a Secret in another file) is left out. Every value keeps
the file it is written in as its origin, the env file a compose service reads included.
"""

from __future__ import annotations

from collections.abc import Mapping

from oauthdoctor.config.clients import configs_for, describe
from oauthdoctor.config.envfile import EnvFile, EnvFileError
from oauthdoctor.config.keys import MappedConfig, known_provider_names, map_keys
from oauthdoctor.config.resolved import Origin, ResolvedConfig
from oauthdoctor.config.sources import ConfigError, from_mapped
from oauthdoctor.config.unit import ConfigFile, Environment


def env_file_layer(path: str, environ: Mapping[str, str], prefix: str | None, provider: str | None,
                   service: str | None) -> ResolvedConfig:
    """The chosen client's values from ``path``, each with the file it is written in."""
    from oauthdoctor.config.files import read_config

    try:
        config_file = read_config(path, environ=environ)
    except EnvFileError as exc:
        raise ConfigError(str(exc)) from None
    names = known_provider_names()
    environment = _environment(config_file, service, prefix, names)
    env = environment.effective
    values = {e.key: e.value for e in env.entries if e.value is not None and e.reference is None}
    configs = configs_for(values, prefix, provider, names)
    if not any(c.dialect for c in configs if c.origin):
        chosen = map_keys(values, prefix, provider, names)  # OAUTH_*/framework names: the mapping chooses
    else:
        by_client = service if config_file.kind == "env" or config_file.environment(service or "") is None else None
        chosen = _client(path, configs, provider, by_client)
    resolved = from_mapped(chosen, "env_file", path, prefix)
    kept = {k: v for k, v in resolved.values.items() if k not in chosen.deferred}
    origins = {k: _written_in(env, o) for k, o in resolved.origins.items() if k in kept}
    return ResolvedConfig(kept, origins)


def _written_in(env: EnvFile, origin: Origin) -> Origin:
    entry = env.entry(origin.key) if origin.kind == "env_file" else None
    return Origin(origin.kind, origin.key, entry.file) if entry is not None and entry.file else origin


def _environment(config_file: ConfigFile, service: str | None, prefix: str | None,
                 names: Mapping[str, str]) -> Environment:
    environments = config_file.environments
    what = "services" if config_file.kind == "compose" else "containers"
    if service is not None and config_file.kind != "env":
        found = config_file.environment(service)
        if found is not None:
            return found
        if not any(service.upper() == (c.client or "") for e in environments for c in _clients(e, prefix, names)):
            listed = ", ".join(e.name for e in environments) or "none"
            raise ConfigError(f"{config_file.path}: no {what[:-1]} named {service!r} ({what}: {listed})")
    if len(environments) == 1:
        return environments[0]
    configured = [e for e in environments if _clients(e, prefix, names)]
    if service is not None:
        configured = [e for e in configured if any(service.upper() == (c.client or "")
                                                   for c in _clients(e, prefix, names))] or configured
    if len(configured) == 1:
        return configured[0]
    if not configured:
        return environments[0] if environments else Environment("", EnvFile(config_file.path, "", (), (), (0,)))
    listed = ", ".join(e.name for e in configured)
    raise ConfigError(f"{config_file.path}: several {what} configure OAuth ({listed}): pass --service NAME")


def _clients(environment: Environment, prefix: str | None, names: Mapping[str, str]) -> list[MappedConfig]:
    values = {e.key: e.value for e in environment.effective.entries if e.value is not None and e.reference is None}
    return [c for c in configs_for(values, prefix, None, names) if c.origin]


def _client(path: str, configs: list[MappedConfig], provider: str | None, service: str | None) -> MappedConfig:
    """The one client to diagnose: the only one, the one --provider or --service names, else an error."""
    candidates = [c for c in configs if c.origin]
    if service is not None:
        named = [c for c in candidates if (c.client or "") == service.upper()]
        if len(named) == 1:
            return named[0]
    if provider is not None:
        named = [c for c in candidates if c.provider == provider]
        said = [c for c in named if c.provider_origin is not None]  # named by its variables, not by --provider
        if len(named) == 1 or len(said) == 1:
            return named[0] if len(named) == 1 else said[0]
    if len(candidates) == 1:
        return candidates[0]
    listed = ", ".join(describe(c) for c in candidates)
    raise ConfigError(f"{path}: configures several clients ({listed}): pass --provider ID or --service CLIENT")


__all__ = ["env_file_layer"]
