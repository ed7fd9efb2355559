"""Apply the dialect table: one ``MappedConfig`` per client a tool's variables configure.

Pure: the input is ``{env name: value}`` and the provider-name table (``keys.known_provider_names``). Every
mapped value keeps the variable it came from, so findings name ``GF_AUTH_GITHUB_CLIENT_SECRET`` and not
``OAUTH_CLIENT_SECRET``. ``claimed`` lists every variable a tool owns, so the ``OAUTH_*``/framework mapping does
not read the same variable a second time.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from oauthdoctor.config.dialects import DIALECTS, DISCOVERY_URL, DRIVER, ENABLED, SECRET_FILE, Dialect, Family
from oauthdoctor.config.keys import MappedConfig, normalise_provider_name

_OFF = frozenset({"false", "0", "no", "off"})
_WORD = re.compile(r"[A-Z0-9]+")
_TEMPLATE = re.compile(r"\{[A-Za-z]+\}")
_WELL_KNOWN = "/.well-known/openid-configuration"


@dataclass(frozen=True)
class DialectMapping:
    """The clients found in one environment, and every variable the tools own."""

    configs: tuple[MappedConfig, ...] = ()
    claimed: frozenset[str] = frozenset()
    switched_off: tuple[str, ...] = ()  # "grafana GITHUB": clients whose enabled setting is false
    by_key: dict[str, str] = field(default_factory=dict)  # claimed variable → dialect id


def map_dialects(values: Mapping[str, str], providers: Mapping[str, str],
                 dialects: Iterable[Dialect] = DIALECTS) -> DialectMapping:
    """Every client the dialects find in ``values``, in the order of the table, clients in order of appearance."""
    configs: list[MappedConfig] = []
    claimed: dict[str, str] = {}
    off: list[str] = []
    for dialect in dialects:
        for family in dialect.families:
            if family.marker and family.marker not in values:
                continue
            clients, owned = _clients_of(family, values)
            claimed.update({k: dialect.id for k in owned})
            sections: dict[str, dict[str, str]] = {}
            if family.provider_section is not None:
                sections, section_keys = _clients_of(family.provider_section, values)
                claimed.update({k: dialect.id for k in section_keys})
            for client, found in clients.items():
                config = _client_config(dialect, family, client, found, values, providers, sections)
                if config is None:
                    off.append(f"{dialect.id} {client}")
                elif config.origin:
                    configs.append(config)
    return DialectMapping(tuple(configs), frozenset(claimed), tuple(off), claimed)


def _client_names(family: Family, values: Mapping[str, str]) -> dict[str, str]:
    """Client name in the variables (upper case) → its spelling for the callback path."""
    if family.clients is not None:
        return {name: family.callback_names.get(name, name.lower()) for name in family.clients}
    if family.clients_from is not None:
        listed = values.get(family.clients_from, "")
        names = [n.strip() for n in re.split(r"[,\s]+", listed) if n.strip()]
        return {normalise_provider_name(n): n for n in names}
    return {}


def _clients_of(family: Family, values: Mapping[str, str]) -> tuple[dict[str, dict[str, str]], set[str]]:
    """Client name → {setting: variable}, and every variable the family owns."""
    names = _client_names(family, values)
    ordered = sorted(names, key=len, reverse=True)
    clients: dict[str, dict[str, str]] = {}
    owned: set[str] = set()
    for key in values:
        if not key.startswith(family.prefix):
            continue
        rest = key[len(family.prefix):]
        client, setting = "", rest
        if names:
            client = next((n for n in ordered if rest.startswith(n + "_")), "")
            if not client:
                continue
            setting = rest[len(client) + 1:]
        elif family.open_clients:
            word = _WORD.match(rest)
            if not word or not rest[word.end():].startswith("_"):
                continue
            client, setting = word.group(0), rest[word.end() + 1:]
        elif family.clients is not None or family.clients_from is not None:
            continue  # a closed list that names nobody
        if setting in family.settings:
            owned.add(key)
            clients.setdefault(client, {}).setdefault(setting, key)
        elif family.claim_all:
            owned.add(key)
    return clients, owned


def _pick(family: Family, found: Mapping[str, str], canonical: str) -> str | None:
    """The variable supplying ``canonical``: the first spelling in the table's order that is present."""
    return next((found[s] for s, c in family.settings.items() if c == canonical and s in found), None)


def _client_config(dialect: Dialect, family: Family, client: str, found: Mapping[str, str],
                   values: Mapping[str, str], providers: Mapping[str, str],
                   sections: Mapping[str, Mapping[str, str]]) -> MappedConfig | None:
    """One client's canonical values; None when the tool has it switched off."""
    switch = _pick(family, found, ENABLED)
    if switch is not None and values[switch].strip().strip("\"'").lower() in _OFF:
        return None
    driver = _pick(family, found, DRIVER)
    if driver is not None and values[driver].strip().strip("\"'").lower() not in family.oauth_drivers:
        return None
    mapped: dict[str, str] = {}
    origin: dict[str, str] = {}
    deferred: dict[str, str] = {}
    canonicals = dict.fromkeys(c for c in family.settings.values() if c is not None)
    for canonical in canonicals:
        key = _pick(family, found, canonical)
        if key is None or canonical in (ENABLED, DRIVER, "provider"):
            continue
        if canonical == SECRET_FILE:
            deferred.setdefault("client_secret", key)
        elif canonical == DISCOVERY_URL:
            value = values[key].strip()
            mapped["issuer"] = value[: -len(_WELL_KNOWN)] if value.endswith(_WELL_KNOWN) else value
            origin["issuer"] = key
        else:
            mapped[canonical], origin[canonical] = values[key], key
    if mapped.get("client_secret", "").strip():
        deferred.pop("client_secret", None)  # a secret written in the variable wins over the file

    provider, provider_origin, unknown, section_id = _provider(family, client, found, values, providers)
    if family.provider_section is not None and section_id in sections:
        section = sections[section_id]
        for canonical in dict.fromkeys(c for c in family.provider_section.settings.values() if c is not None):
            key = _pick(family.provider_section, section, canonical)
            if key is not None and canonical not in mapped:
                mapped[canonical], origin[canonical] = values[key], key
    if not origin:
        return MappedConfig()
    if provider_origin is not None and (provider is not None or unknown is not None):
        mapped["provider"] = provider if provider is not None else values[provider_origin].strip()
        origin["provider"] = provider_origin
    _redirect(family, client, mapped, origin, deferred, values)
    head = family.prefix + (f"{client}_" if client else "")
    spelled: dict[str, str] = {}
    for setting, target in family.settings.items():
        if target is not None:
            spelled.setdefault(target, head + setting)
    return MappedConfig(mapped, origin, provider, provider_origin, (), dialect.id, client or None,
                        not family.redirect_required, deferred, unknown, spelled)


def _provider(family: Family, client: str, found: Mapping[str, str], values: Mapping[str, str],
              providers: Mapping[str, str]) -> tuple[str | None, str | None, tuple[str, ...] | None, str]:
    """(profile id, the variable that says so, close matches when the tool does not know the value, section id)."""
    setting = _pick(family, found, "provider")
    first = _pick(family, found, "client_id") or next(iter(found.values()))
    if setting is not None and values[setting].strip():
        written = values[setting].strip().strip("\"'")
        if family.provider_values is not None:
            if written.lower() in family.provider_values:
                return family.provider_values[written.lower()], setting, None, ""
            close = difflib.get_close_matches(written.lower(), list(family.provider_values), n=3)
            return None, setting, tuple(close), ""
        section = normalise_provider_name(written).replace("_", "")
        return providers.get(normalise_provider_name(written)), setting, None, section
    if family.clients is not None and client:
        return family.clients.get(client), first, None, client
    if client:
        return providers.get(client), first, None, client
    return None, None, None, ""


def _redirect(family: Family, client: str, mapped: dict[str, str], origin: dict[str, str],
              deferred: dict[str, str], values: Mapping[str, str]) -> None:
    """Resolve the tool's templates in a configured callback, or derive the callback from the site URL."""
    value = mapped.get("redirect_uri")
    if value is not None:
        text = value.strip().strip("\"'")
        if family.templates:
            text = text.replace("{registrationId}", client.lower())
            if any(t in text for t in family.templates) or _TEMPLATE.search(text):
                deferred["redirect_uri"] = origin["redirect_uri"]
                return
            mapped["redirect_uri"] = text
        if family.relative_redirect and text.startswith("/"):
            deferred["redirect_uri"] = origin["redirect_uri"]
        return
    base_key = family.redirect_base
    if base_key is None or base_key not in values:
        return
    base = values[base_key].strip().strip("\"'")
    names = _client_names(family, values)
    path = family.redirect_path.replace("{client}", names.get(client, client.lower()))
    mapped["redirect_uri"], origin["redirect_uri"] = base.rstrip("/") + path, base_key
    if "%(" in base or not base:
        deferred["redirect_uri"] = base_key  # Grafana's %(protocol)s://%(domain)s... is filled in at run time


__all__ = ["DialectMapping", "map_dialects"]
