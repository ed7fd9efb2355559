"""Run every check-env rule over a set of env files and build one Report.

Order of work: read every file (an unreadable one stops the run before any output), map each file's
keys onto one or more client configurations, run the per-file rules, then the cross-file redirect rules
that need all files of one client at once. Secrets are collected here, once, for every renderer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from oauthdoctor.checkenv.context import EnvFileCheck, FileCheck, strip_invisible
from oauthdoctor.checkenv.rules import REGISTRY
from oauthdoctor.checks.values import is_placeholder
from oauthdoctor.config import (
    SECRET_KEYS,
    EnvFile,
    MappedConfig,
    known_provider_names,
    map_keys,
    read_env_file,
)
from oauthdoctor.config.keys import framework_match
from oauthdoctor.config.sources import from_mapped, with_environment
from oauthdoctor.model import Finding, Report

if TYPE_CHECKING:
    from oauthdoctor.profiles.model import Profile

_SECRET_NAME = re.compile(r"SECRET|TOKEN|PASSW|PRIVATE|API_?KEY|CREDENTIAL|SIGNING_KEY", re.IGNORECASE)
_NOT_SECRET_SUFFIXES = ("_URL", "_URI", "_ENDPOINT", "_HOST", "_PATH", "_AT", "_EXPIRES", "_TTL", "_LIFETIME",
                        "_TYPE", "_METHOD", "_COUNT", "_TOKENS")


def check_files(
    paths: Sequence[str],
    provider: str | None = None,
    prefix: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    now: datetime | None = None,
    providers: Mapping[str, str] | None = None,
) -> Report:
    """Lint ``paths``; raises ``EnvFileError`` for an unreadable file or one that is not an env file."""
    files = [read_env_file(p) for p in paths]
    names = known_provider_names() if providers is None else providers
    default_provider = _resolve(provider) if provider else None
    moment = now or datetime.now(UTC)
    chosen = set(select) or {r.id for r in REGISTRY}
    chosen -= set(ignore)
    active = [r for r in REGISTRY if r.id in chosen]
    findings: list[Finding] = []
    checks: list[FileCheck] = []
    secrets: set[str] = set()
    for env in files:
        file_check, file_checks = _checks_of(env, prefix, default_provider, names)
        findings += [f for r in active if r.scope == "file" for f in r.check(file_check)]
        for check in file_checks:
            findings += [f for r in active if r.scope == "client" for f in r.check(check, moment)]
        checks += file_checks
        secrets |= _secrets_of(env, file_checks)
    findings += [f for r in active if r.scope == "clients" for f in r.check(checks, moment)]
    order = {path: i for i, path in enumerate(paths)}
    kept = sorted(
        _dedupe(findings),
        key=lambda f: (order.get(f.location.file, len(order)), f.location.line, f.location.column, f.id)
        if f.location else (len(order), 0, 0, f.id),
    )
    providers_seen = {c.provider for c in checks if c.provider}
    return Report(
        command="check-env",
        findings=tuple(kept),
        rules=tuple(r.meta for r in active),
        provider=providers_seen.pop() if len(providers_seen) == 1 else None,
        files=tuple(paths),
        secrets=frozenset(secrets),
    )


def _resolve(provider: str) -> str:
    from oauthdoctor.profiles.loader import resolve_id

    return resolve_id(provider)


def configs_for(values: Mapping[str, str], prefix: str | None, provider: str | None,
                names: Mapping[str, str]) -> list[MappedConfig]:
    """One configuration per client in the file: several when framework keys name several providers."""
    first = map_keys(values, prefix, None, names)
    if first.provider is None and provider:
        return [map_keys(values, prefix, provider, names)]
    explicit = prefix or any(k.startswith("OAUTH_") for k in first.origin.values())
    if explicit or not first.other_providers:
        return [first]
    return [first, *(map_keys(values, None, other, names) for other in first.other_providers)]


def _checks_of(env: EnvFile, prefix: str | None, provider: str | None,
               names: Mapping[str, str]) -> tuple[EnvFileCheck, list[FileCheck]]:
    """The file as the file rules see it, and one ``FileCheck`` per client configuration in it."""
    key_names = {strip_invisible(e.key): e.key for e in env.entries}
    cleaned = {strip_invisible(k): v for k, v in env.values.items()}
    configs = configs_for(cleaned, prefix, provider, names)
    oauth = _oauth_keys(cleaned, configs, prefix, names)
    lists = frozenset(key_names.get(k, k) for c in configs for ck, k in c.origin.items()
                      if ck == "registered_redirect_uris")
    has_config = any(c.origin for c in configs) or bool(provider)
    file_check = EnvFileCheck(env, frozenset(key_names.get(k, k) for k in oauth), lists, has_config)
    if not has_config:
        return file_check, []
    checks = []
    for config in configs:
        framework = bool(config.origin.get("client_id")) and not config.origin["client_id"].startswith("OAUTH_") \
            and not (prefix and config.origin["client_id"].upper().startswith(prefix.upper()))
        resolved = with_environment(from_mapped(config, "env_file", env.path, prefix), env.path)
        check = FileCheck(env, resolved, config.provider, None, frozenset(oauth), key_names, framework)
        profile, unknown = _profile_for(check)
        checks.append(FileCheck(env, resolved, config.provider, profile, check.oauth_keys, key_names, framework,
                                unknown))
    return file_check, checks


def _profile_for(check: FileCheck) -> tuple[Profile | None, tuple[str, ...] | None]:
    """The profile of the check's provider, or None with the close matches when the provider is unknown."""
    from oauthdoctor.profiles.loader import UnknownProfile, get_profile

    name = check.provider
    if not name:
        return None, None
    try:
        return get_profile(name), None
    except UnknownProfile as exc:
        return None, tuple(exc.suggestions)


def _oauth_keys(values: Mapping[str, str], configs: list[MappedConfig], prefix: str | None,
                names: Mapping[str, str]) -> set[str]:
    """Keys the OAuth hygiene rules apply to (the failure body in OAUTH_LAST_ERROR is exempt)."""
    keys = {k for c in configs for k in c.origin.values()}
    user_prefix = (prefix or "").upper()
    for key in values:
        if key.startswith("OAUTH_") or (user_prefix and key.startswith(user_prefix)) or framework_match(key, names):
            keys.add(key)
    return keys - {"OAUTH_LAST_ERROR"} - {k for c in configs for ck, k in c.origin.items() if ck == "last_error"}


def is_secret_key(key: str) -> bool:
    """``*_SECRET``, ``*_TOKEN``, ``*PASSWORD*`` ... but not ``OAUTH_TOKEN_URL`` or ``*_SECRET_EXPIRES_AT``."""
    return bool(_SECRET_NAME.search(key)) and not key.upper().endswith(_NOT_SECRET_SUFFIXES)


def _secrets_of(env: EnvFile, checks: list[FileCheck]) -> set[str]:
    secret_keys = {c.key_of(k) for c in checks for k in SECRET_KEYS} - {None}
    public_keys = {c.key_of(k) for c in checks for k in c.config.origins if k not in SECRET_KEYS} - {None}
    found: set[str] = set()
    for entry in env.entries:
        if entry.key in secret_keys or (entry.key not in public_keys and is_secret_key(entry.key)):
            for candidate in (entry.value, entry.raw, entry.raw[1:-1] if entry.quote else None):
                if candidate:
                    found |= {candidate, candidate.strip(), strip_invisible(candidate).strip()}
    for problem in env.problems:  # a line python-dotenv could not parse may still hold a secret
        key, _, rest = problem.text.partition("=")
        if rest and is_secret_key(key.strip()):
            for line in rest.splitlines():
                found |= {line.strip(), line.strip().strip("\"'")}
    # A placeholder ("changeme") is not a secret; scrubbing it would garble rule texts that name it.
    return {s for s in found if s and not is_placeholder(s)}


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Several configurations in one file share keys: report each (rule, place, message) once."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in findings:
        marker = (f.id, f.location, f.title)
        if marker not in seen:
            seen.add(marker)
            out.append(f)
    return out
