"""Map environment-variable names onto oauthdoctor's canonical configuration keys.

Canonical keys are the ``OAUTH_*`` names in lower case without the prefix (``client_id``), the same names
the YAML config uses. Three spellings are recognised, highest precedence first:

1. ``--prefix P``: ``P`` + a known suffix (``GOOGLE_CLIENT_ID``, ``GOOGLE_SECRET``, ``GOOGLE_CALLBACK_URL``);
2. ``OAUTH_`` + the canonical name (``OAUTH_CLIENT_ID``, ``OAUTH_TENANT``);
3. framework names built from a provider name, which also imply the provider: Auth.js
   ``AUTH_<PROVIDER>_ID`` / ``_SECRET`` / ``_ISSUER``, and ``<PROVIDER>_CLIENT_ID`` / ``_CLIENT_SECRET`` /
   ``_ID`` / ``_SECRET`` / ``_REDIRECT_URI`` / ``_CALLBACK_URL`` / ``_TENANT_ID`` ..., where ``<PROVIDER>`` is
   a profile id or alias in upper case with '-' as '_' (``AZURE_AD`` for Entra is recognised too).

Every mapped value remembers the key that supplied it, so reports can say "client_id from GITHUB_ID".
This module is pure: the provider names come in as a mapping; :func:`known_provider_names` builds it
from the installed profiles.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

CANONICAL_KEYS = (
    "provider", "client_id", "client_secret", "redirect_uri", "registered_redirect_uris", "authorize_url",
    "token_url", "issuer", "scopes", "grant_type", "auth_method", "client_type", "environment",
    "refresh_token_issued_at", "refresh_token_last_used_at", "active_refresh_tokens",
    "app_publishing_status", "client_secret_expires_at", "last_error", "last_error_status",
    "refresh_token", "access_token", "app_kind",
)
# Profile placeholders ({tenant}, {instance}, ...) are supplied as OAUTH_TENANT, OAUTH_INSTANCE, ...
PLACEHOLDER_KEYS = ("tenant", "instance", "shop", "domain", "account_id", "subdomain", "org", "realm")
SECRET_KEYS = frozenset({"client_secret", "refresh_token", "access_token"})
AUTH_METHODS = ("client_secret_basic", "client_secret_post", "none")

# Other spellings of a canonical key's suffix seen in frameworks and tutorials.
SUFFIX_ALIASES: dict[str, str] = {
    "ID": "client_id", "CLIENTID": "client_id", "CONSUMER_KEY": "client_id", "APP_ID": "client_id",
    "SECRET": "client_secret", "CLIENTSECRET": "client_secret", "CONSUMER_SECRET": "client_secret",
    "APP_SECRET": "client_secret",
    "REDIRECT_URL": "redirect_uri", "CALLBACK_URL": "redirect_uri", "CALLBACK_URI": "redirect_uri",
    "AUTHORIZATION_URL": "authorize_url", "AUTH_URL": "authorize_url", "TOKEN_ENDPOINT": "token_url",
    "ISSUER_URL": "issuer", "SCOPE": "scopes", "TENANT_ID": "tenant",
}
# Framework spellings of provider names that are not profile ids or aliases: spelling → candidate ids.
FRAMEWORK_PROVIDER_NAMES: dict[str, tuple[str, ...]] = {
    "AZURE_AD": ("entra", "entra-id", "azure-ad", "microsoft"),
    "MICROSOFT_ENTRA_ID": ("entra", "entra-id", "azure-ad", "microsoft"),
    "AZURE": ("entra", "entra-id", "azure-ad", "microsoft"),
}
# Keys under a provider prefix that look like OAuth keys but belong to something else.
_NOT_OAUTH = frozenset({"APP_ID"})  # GitHub App id is not the OAuth client id


@dataclass(frozen=True)
class MappedConfig:
    """Canonical key → value, canonical key → the env key that supplied it, and the provider."""

    values: dict[str, str] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    provider: str | None = None  # profile id from OAUTH_PROVIDER, a framework name, or the caller
    provider_origin: str | None = None  # the key that implied the provider (None: the caller gave it)
    other_providers: tuple[str, ...] = ()  # further providers named by framework keys in the same input
    # Set for a client read in a tool's dialect (config/dialects.py):
    dialect: str | None = None  # the dialect id: "oauth2-proxy", "grafana", "spring-boot", ...
    client: str | None = None  # the client's name in the variables: "GITHUB", "GOOGLE" (a Spring registration)
    derives_redirect: bool = False  # the tool builds the callback itself when no redirect is configured
    deferred: dict[str, str] = field(default_factory=dict)  # canonical → key: supplied, known only at run time
    unknown_provider: tuple[str, ...] | None = None  # the provider value is not the tool's: close matches
    spelled: dict[str, str] = field(default_factory=dict)  # canonical → the tool's name for it, to name a missing key

    def get(self, key: str) -> str | None:
        return self.values.get(key)


def env_name(canonical: str) -> str:
    """``client_id`` → ``OAUTH_CLIENT_ID``."""
    return f"OAUTH_{canonical.upper()}"


@functools.cache
def suffix_table(with_aliases: bool) -> Mapping[str, str]:
    """Env-name suffix → canonical key (built once: it is asked for every key of every file)."""
    table = {k.upper(): k for k in (*CANONICAL_KEYS, *PLACEHOLDER_KEYS)}
    if with_aliases:
        for suffix, canonical in SUFFIX_ALIASES.items():
            table.setdefault(suffix, canonical)
    return MappingProxyType(table)


def normalise_provider_name(name: str) -> str:
    """``microsoft-entra`` → ``MICROSOFT_ENTRA``: how a provider name appears inside an env key."""
    return name.strip().upper().replace("-", "_").replace(".", "_")


def known_provider_names(resolver: Iterable[tuple[str, Iterable[str]]] | None = None) -> dict[str, str]:
    """Upper-case provider spelling → profile id, from ``(id, aliases)`` pairs or the installed profiles."""
    if resolver is None:
        from oauthdoctor.profiles.sections import all_checked_parts

        entries = all_checked_parts(("id", "kind", "aliases"))  # every profile's names, from one small index
        if entries is not None:
            resolver = [(d["id"], d.get("aliases", [])) for _, d in entries if d.get("kind") != "generic"]
        else:
            from oauthdoctor.profiles.loader import all_profiles

            resolver = [(p.id, p.aliases) for p in all_profiles() if p.kind != "generic"]
    names: dict[str, str] = {}
    for profile_id, aliases in resolver:
        for name in (profile_id, *aliases):
            names.setdefault(normalise_provider_name(name), profile_id)
    ids = set(names.values())
    for spelling, candidates in FRAMEWORK_PROVIDER_NAMES.items():
        match = next((c for c in candidates if c in ids), None)
        if match:
            names.setdefault(spelling, match)
    return names


def framework_match(key: str, providers: Mapping[str, str]) -> tuple[str, str, tuple[int, int]] | None:
    """``AUTH_GITHUB_ID`` → (profile id, canonical key, precedence); a lower precedence wins.

    The longest provider name that the key continues with ``_`` and a known suffix wins. Only the key's own
    ``_`` positions are tried (longest first), so a file of 100,000 keys costs 100,000 short scans, not a sort
    of every provider name per key.
    """
    table, exact = suffix_table(with_aliases=True), suffix_table(with_aliases=False)
    for head, rank in (("AUTH_", 2), ("", 3), ("NEXT_PUBLIC_", 4)):
        if not key.startswith(head):
            continue
        rest = key[len(head):]
        split = rest.rfind("_")
        while split >= 0:
            name = rest[:split]
            if name in providers:
                suffix = rest[split + 1:]
                if suffix in table and suffix not in _NOT_OAUTH:
                    return providers[name], table[suffix], (rank, 0 if suffix in exact else 1)
            split = rest.rfind("_", 0, split)
    return None


def detect_providers(values: Mapping[str, str], providers: Mapping[str, str]) -> list[str]:
    """Profile ids named by framework keys, in order of first appearance."""
    found: list[str] = []
    for key in values:
        match = framework_match(key, providers)
        if match and match[0] not in found:
            found.append(match[0])
    return found


def map_keys(
    values: Mapping[str, str],
    prefix: str | None = None,
    provider: str | None = None,
    providers: Mapping[str, str] | None = None,
) -> MappedConfig:
    """Map env values onto canonical keys.

    ``provider`` (a profile id, e.g. from ``--provider``) restricts framework names to that provider; without
    it the provider comes from ``OAUTH_PROVIDER`` (or ``<prefix>PROVIDER``), then from the prefix itself when it
    names a provider (``GOOGLE_``), then from the first provider named by framework keys.
    ``providers`` is the name table from :func:`known_provider_names` (loaded from the profiles if None).
    """
    names = known_provider_names() if providers is None else providers
    # candidates: canonical → (precedence, key, value)
    chosen: dict[str, tuple[tuple[int, int], str, str]] = {}

    def offer(canonical: str, precedence: tuple[int, int], key: str, value: str) -> None:
        if canonical not in chosen or precedence < chosen[canonical][0]:
            chosen[canonical] = (precedence, key, value)

    user_prefix = prefix.upper() if prefix else None
    if user_prefix and not user_prefix.endswith("_"):
        user_prefix += "_"
    exact, aliased = suffix_table(False), suffix_table(True)
    for key, value in values.items():
        if user_prefix and key.startswith(user_prefix):
            suffix = key[len(user_prefix):]
            if suffix in aliased:
                offer(aliased[suffix], (0, 0 if suffix in exact else 1), key, value)
        if key.startswith("OAUTH_") and key[6:] in aliased:
            offer(aliased[key[6:]], (1, 0 if key[6:] in exact else 1), key, value)

    prefix_provider = names.get(user_prefix[:-1]) if user_prefix else None
    explicit = provider or _provider_value(chosen, names)
    implied = detect_providers(values, names)
    target = explicit or prefix_provider or (implied[0] if implied else None)
    for key, value in values.items():
        match = framework_match(key, names)
        if match and match[0] == target:
            offer(match[1], match[2], key, value)

    mapped = {canonical: v for canonical, (_, _, v) in chosen.items()}
    origin = {canonical: k for canonical, (_, k, _) in chosen.items()}
    if provider:
        provider_origin = None
    elif explicit:
        provider_origin = origin.get("provider")
    elif prefix_provider:
        provider_origin = None
    else:
        provider_origin = next((k for k in values if (m := framework_match(k, names)) and m[0] == target), None)
    others = tuple(p for p in implied if p != target)
    return MappedConfig(mapped, origin, target, provider_origin, others)


def _provider_value(chosen: Mapping[str, tuple[tuple[int, int], str, str]], names: Mapping[str, str]) -> str | None:
    """The provider named by OAUTH_PROVIDER, as a profile id when known (else the value as written)."""
    if "provider" not in chosen:
        return None
    value = chosen["provider"][2].strip()
    if not value:
        return None
    return names.get(normalise_provider_name(value), value.lower())
