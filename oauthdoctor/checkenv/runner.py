"""Run every check-env rule over a set of configuration files and build one Report.

Order of work: read every file (env file, docker-compose file or Kubernetes manifest; an unreadable one stops
the run before any output), map each environment's keys onto one or more client configurations (the tools'
dialects included), run the file rules on every group of statements as written and the client rules on every
client, then the cross-file redirect rules that need all files of one client at once. Secrets are collected
here, once, for every renderer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from oauthdoctor.checkenv.context import EnvFileCheck, FileCheck
from oauthdoctor.checkenv.rules import REGISTRY
from oauthdoctor.checks.values import is_placeholder, without_invisible
from oauthdoctor.config import (
    SECRET_KEYS,
    EnvFile,
    MappedConfig,
    known_provider_names,
)
from oauthdoctor.config.clients import configs_for
from oauthdoctor.config.dialect_map import map_dialects
from oauthdoctor.config.files import read_config
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
    """Lint ``paths`` (env files, compose files, Kubernetes manifests); raises ``EnvFileError`` for a file that
    is unreadable or none of these."""
    files = [read_config(p) for p in paths]
    names = known_provider_names() if providers is None else providers
    default_provider = _resolve(provider) if provider else None
    moment = now or datetime.now(UTC)
    chosen = set(select) or {r.id for r in REGISTRY}
    chosen -= set(ignore)
    active = [r for r in REGISTRY if r.id in chosen]
    findings: list[Finding] = []
    checks: list[FileCheck] = []
    secrets: set[str] = set()
    given = {_same(p) for p in paths}
    # An env file a compose service reads is checked inside that service, not as a client of its own.
    consumed = {_same(env.path) for f in files for env in f.included}
    extra: list[str] = []
    for config_file in files:
        file_checks = []
        for environment in config_file.environments:
            if config_file.kind == "env" and _same(config_file.path) in consumed:
                continue
            file_checks += _client_checks(environment.effective, prefix, default_provider, names,
                                          bool(environment.unread))
        has_config = any(c.config.origins for c in file_checks) or bool(default_provider)
        used = _used_positions(file_checks)
        parts = [*config_file.parts, *(i for i in config_file.included if _same(i.path) not in given)]
        extra += [i.path for i in config_file.included if _same(i.path) not in given and i.path not in extra]
        known, keys = _SecretKeys.of(file_checks), _ClientKeys.of(file_checks)
        for part in parts or [_empty(config_file.path)]:
            # An env file read through env_file: belongs to the compose file's configuration.
            configured = has_config or part.path != config_file.path or _same(config_file.path) in consumed
            file_check = _file_check(part, keys, used, prefix, names, configured)
            findings += [f for r in active if r.scope == "file" for f in r.check(file_check)]
            secrets |= _secrets_of(part, known, used)
        read: set[int] = set()  # the clients of one environment share its statements: collect them once
        for check in file_checks:
            findings += [f for r in active if r.scope == "client" for f in r.check(check, moment)]
            if id(check.env) not in read:
                read.add(id(check.env))
                secrets |= _secrets_of(check.env, known, used)
        checks += file_checks
    findings += [f for r in active if r.scope == "clients" for f in r.check(checks, moment)]
    listed = (*paths, *extra)
    order = {path: i for i, path in enumerate(listed)}
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
        files=listed,
        secrets=frozenset(secrets),
    )


def _same(path: str) -> str:
    """One spelling per file, so ``./.env`` given and ``.env`` read through ``env_file:`` are the same."""
    return os.path.normcase(os.path.abspath(path))


def _empty(path: str) -> EnvFile:
    return EnvFile(path, "", (), (), (0,))


def _resolve(provider: str) -> str:
    from oauthdoctor.profiles.loader import resolve_id

    return resolve_id(provider)


def _client_checks(env: EnvFile, prefix: str | None, provider: str | None, names: Mapping[str, str],
                   incomplete: bool) -> list[FileCheck]:
    """One ``FileCheck`` per client configuration in one environment."""
    key_names = {without_invisible(e.key): e.key for e in env.entries}
    cleaned = {without_invisible(k): v for k, v in env.values.items()}
    configs = configs_for(cleaned, prefix, provider, names)
    if not any(c.origin for c in configs) and not provider:
        return []
    oauth = frozenset(key_names.get(k, k) for k in _oauth_keys(cleaned, configs, prefix, names))
    checks = []
    for config in configs:
        origin_id = config.origin.get("client_id", "")
        framework = config.derives_redirect if config.dialect else (
            bool(origin_id) and not origin_id.startswith("OAUTH_")
            and not (prefix and origin_id.upper().startswith(prefix.upper())))
        resolved = with_environment(from_mapped(config, "env_file", env.path, prefix), env.path)
        check = FileCheck(env, resolved, config.provider, None, oauth, key_names, framework)
        profile, unknown = _profile_for(check)
        if config.unknown_provider is not None:
            unknown = config.unknown_provider
        checks.append(FileCheck(env, resolved, config.provider, profile, oauth, key_names, framework, unknown,
                                frozenset(config.deferred), incomplete, config.dialect, config.spelled))
    return checks


def _used_positions(checks: Sequence[FileCheck]) -> set[tuple[str, int, int]]:
    """Where the values the client rules read sit: a Secret's ``client-secret`` read by a container's
    ``OAUTH2_PROXY_CLIENT_SECRET`` is an OAuth value although its own key does not say so."""
    out = set()
    for check in checks:
        for canonical in check.config.origins:
            entry = check.entry(canonical)
            if entry is not None:
                out.add((entry.file or check.path, entry.value_line, entry.value_column))
    return out


@dataclass(frozen=True)
class _ClientKeys:
    """What the clients of one file say about its keys (computed once per file, not once per part)."""

    oauth: frozenset[str]  # keys some client reads
    not_oauth: frozenset[str]  # keys that hold a failure body, exempt from the hygiene rules
    lists: frozenset[str]  # keys that hold lists of registered redirect URIs

    @classmethod
    def of(cls, checks: Sequence[FileCheck]) -> _ClientKeys:
        last_error = {c.key_of("last_error") for c in checks}
        shared = {id(c.oauth_keys): c.oauth_keys for c in checks}  # the clients of one environment share one set
        return cls(frozenset().union(*shared.values()),
                   frozenset({"OAUTH_LAST_ERROR", *(k for k in last_error if k)}),
                   frozenset(k for c in checks if (k := c.key_of("registered_redirect_uris"))))


def _file_check(part: EnvFile, keys: _ClientKeys, used: set[tuple[str, int, int]], prefix: str | None,
                names: Mapping[str, str], has_config: bool) -> EnvFileCheck:
    """The part as the file rules see it: which of its keys are OAuth keys, which hold URI lists."""
    key_names = {without_invisible(e.key): e.key for e in part.entries}
    oauth = set(keys.oauth)
    oauth |= {e.key for e in part.entries if (e.file or part.path, e.value_line, e.value_column) in used}
    user_prefix = (prefix or "").upper()
    claimed = map_dialects({without_invisible(e.key): e.value or "" for e in part.entries}, names).claimed
    for key in key_names:
        if key.startswith("OAUTH_") or (user_prefix and key.startswith(user_prefix)) or framework_match(key, names) \
                or key in claimed:
            oauth.add(key_names[key])
    oauth -= keys.not_oauth
    return EnvFileCheck(part, frozenset(k for k in oauth if k), keys.lists, has_config)


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
    keys |= map_dialects(values, names).claimed
    return keys - {"OAUTH_LAST_ERROR"} - {k for c in configs for ck, k in c.origin.items() if ck == "last_error"}


def is_secret_key(key: str) -> bool:
    """``*_SECRET``, ``*_TOKEN``, ``*PASSWORD*`` ... but not ``OAUTH_TOKEN_URL`` or ``*_SECRET_EXPIRES_AT``."""
    return bool(_SECRET_NAME.search(key)) and not key.upper().endswith(_NOT_SECRET_SUFFIXES)


@dataclass(frozen=True)
class _SecretKeys:
    """Which keys and places hold secrets or public values over every client of one file (computed once per
    file: a file of thousands of clients must not recompute it per client)."""

    secret_keys: frozenset[str]
    public_keys: frozenset[str]
    secret_places: frozenset[tuple[str, int, int]]
    public_places: frozenset[tuple[str, int, int]]

    @classmethod
    def of(cls, checks: list[FileCheck]) -> _SecretKeys:
        secret_keys = {c.key_of(k) for c in checks for k in SECRET_KEYS}
        public_keys = {c.key_of(k) for c in checks for k in c.config.origins if k not in SECRET_KEYS}
        return cls(frozenset(k for k in secret_keys if k), frozenset(k for k in public_keys if k),
                   frozenset(_places(checks, SECRET_KEYS)),
                   frozenset(_places(checks, {k for c in checks for k in c.config.origins} - SECRET_KEYS)))


def _secrets_of(env: EnvFile, known: _SecretKeys, used: set[tuple[str, int, int]]) -> set[str]:
    """Every secret value in ``env`` in every spelling a renderer might meet: as loaded, as written, decoded and
    encoded. A value from a Kubernetes Secret is a secret whatever its key."""
    secret_keys, public_keys = known.secret_keys, known.public_keys
    secret_places, public_places = known.secret_places, known.public_places
    found: set[str] = set()
    for entry in env.entries:
        place = (entry.file or env.path, entry.value_line, entry.value_column)
        # A Kubernetes Secret holds secrets whatever their keys, except a value a client reads as public (its id).
        from_secret = (entry.source.startswith("Secret/") or entry.encoded is not None) and place not in public_places
        if place in secret_places or entry.key in secret_keys or from_secret or (
                entry.key not in public_keys and place not in used and is_secret_key(entry.key)):
            for candidate in (entry.value, entry.raw, entry.raw[1:-1] if entry.quote else None, entry.encoded):
                if candidate:
                    found |= {candidate, candidate.strip(), without_invisible(candidate).strip()}
    for problem in env.problems:  # a line python-dotenv could not parse may still hold a secret
        key, _, rest = problem.text.partition("=")
        if rest and is_secret_key(key.strip()):
            for line in rest.splitlines():
                found |= {line.strip(), line.strip().strip("\"'")}
    # A placeholder ("changeme") is not a secret; scrubbing it would garble rule texts that name it.
    return {s for s in found if s and not is_placeholder(s)}


def _places(checks: list[FileCheck], canonicals: Iterable[str]) -> set[tuple[str, int, int]]:
    """Where the values of ``canonicals`` are written, over every client."""
    wanted = set(canonicals)
    return {(e.file or c.path, e.value_line, e.value_column) for c in checks for k in wanted
            if (e := c.entry(k)) is not None}


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
