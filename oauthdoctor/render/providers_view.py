"""Plain data views of profiles for ``providers show`` / ``audit``: the JSON documents and the sections
``providers show`` draws (no rich here). ``providers list`` is drawn from summaries (``providers_list.py``)."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from oauthdoctor.profiles.model import Fact, Profile
from oauthdoctor.vocabulary import Basis

SCHEMA_VERSION = 1
_PROVENANCE = ("source", "checked", "basis", "note")


@dataclass(frozen=True)
class FactRow:
    """One fact of a profile: where it sits, what it says, and where it comes from."""

    path: str
    value: str
    source: str | None
    checked: str | None
    basis: Basis
    note: str | None


def profile_json(profile: Profile) -> dict[str, Any]:
    """The whole profile as JSON-ready data."""
    data = dataclasses.asdict(profile)
    data.pop("path", None)
    return {"schema_version": SCHEMA_VERSION, "profile": data, "file": profile.path}


def profile_facts(profile: Profile) -> list[FactRow]:
    """Every fact-bearing section flattened to rows, with provenance (default date from the profile)."""
    rows: list[FactRow] = []
    _walk(profile, "", profile.checked, rows)
    return rows


def _walk(value: Any, path: str, default_checked: str | None, rows: list[FactRow]) -> None:
    if isinstance(value, Fact):
        summary = {
            f.name: getattr(value, f.name)
            for f in dataclasses.fields(value)
            if f.name not in _PROVENANCE and _worth_showing(getattr(value, f.name))
            and not dataclasses.is_dataclass(getattr(value, f.name))
        }
        if summary:
            rows.append(FactRow(
                path=path, value=_short(summary), source=value.source,
                checked=value.checked or default_checked, basis=value.basis, note=value.note,
            ))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name in _PROVENANCE or f.name == "path":
                continue
            child = getattr(value, f.name)
            if dataclasses.is_dataclass(child) or isinstance(child, list | dict):
                _walk(child, f"{path}.{f.name}" if path else f.name, default_checked, rows)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, f"{path}[{i}]", default_checked, rows)
    elif isinstance(value, dict):
        for k, item in value.items():
            _walk(item, f"{path}.{k}", default_checked, rows)


def _worth_showing(v: Any) -> bool:
    return v not in (None, "", [], {})


def _short(summary: dict[str, Any]) -> str:
    if len(summary) == 1:
        return str(next(iter(summary.values())))
    return "; ".join(f"{k}={v}" for k, v in summary.items())


def audit_json(profiles: list[Profile]) -> dict[str, Any]:
    """``providers audit --format json``: the facts not confirmed by a primary source, oldest check first."""
    from oauthdoctor.profiles.audit import counts, facts_of, open_facts

    everything = [f for p in profiles for f in facts_of(p)]
    return {
        "schema_version": SCHEMA_VERSION,
        "totals": counts(everything).to_json(),
        "facts": [
            {"profile": f.profile, "path": f.path, "basis": f.basis, "checked": f.checked, "source": f.source,
             "note": f.note, "decision_driving": f.decision_driving}
            for f in open_facts(profiles)
        ],
    }


def render_profile_json(profile: Profile) -> str:
    """``providers show --format json``."""
    return json.dumps(profile_json(profile), indent=2) + "\n"


def render_audit_json(profiles: list[Profile]) -> str:
    """``providers audit --format json``."""
    return json.dumps(audit_json(profiles), indent=2) + "\n"


# ---- providers show, as a person reads it -----------------------------------------------------------------

SECTION_TITLES = {
    "endpoints": "Endpoints",
    "client_auth": "Client authentication",
    "client_id": "Client id",
    "grants": "Grants",
    "pkce": "PKCE",
    "token_policy": "Token policy",
    "clock": "Clock",
    "quirks": "Quirks",
    "redirect": "Redirect rule",
    "errors": "Error responses",
}
_LABELS = {"failure_class": "class", "normalized_status": "standard status"}
_MAIN_FIELD = {"Endpoint": "url", "Quirk": "text", "Duration": "text"}  # shown without a label
# Fields of an error rule or signature that say when it applies (shown as "if ...").
_MATCHERS = frozenset({"status", "error", "description", "text", "fields", "headers", "provider_code",
                       "empty_body"})
_MATCHING = frozenset({"ErrorRule", "Signature"})


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: its basis, source, the date it was checked and a note."""

    basis: Basis
    source: str | None
    checked: str | None
    note: str | None


@dataclass(frozen=True)
class Entry:
    """One labelled part of a section: its value as text, its provenance when it is a fact, its parts."""

    label: str
    value: str = ""
    provenance: Provenance | None = None
    children: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]


def profile_sections(profile: Profile) -> list[Section]:
    """Every section of the profile, in file order, as labelled entries with plain-language values."""
    sections = []
    for name, title in SECTION_TITLES.items():
        value = getattr(profile, name)
        if value in (None, [], {}):
            continue
        entry = _entry(name, value, profile.checked, keep_defaults=True)
        own = (Entry("", entry.value, entry.provenance),) if entry.value or entry.provenance else ()
        sections.append(Section(title, own + entry.children))
    return sections


def _entry(label: str, value: Any, default_checked: str | None, keep_defaults: bool, nested: bool = False) -> Entry:
    """A dataclass, list or dict as an entry; scalars of a dataclass become its value lines. ``nested``: the
    value is a part of a plain group (no provenance of its own above it)."""
    if isinstance(value, list) and value and all(dataclasses.is_dataclass(v) for v in value):
        return Entry(label, children=tuple(_entry(_item_label(v, i), v, default_checked, False)
                                           for i, v in enumerate(value, 1)))
    if isinstance(value, dict) and value and all(dataclasses.is_dataclass(v) for v in value.values()):
        return Entry(label, children=tuple(_entry(k, v, default_checked, False) for k, v in value.items()))
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return Entry(label, human(value))
    lines: list[str] = []
    children: list[Entry] = []
    for field in dataclasses.fields(value):
        if field.name in _PROVENANCE or field.name == "path":
            continue
        item = getattr(value, field.name)
        default = field.default if field.default is not dataclasses.MISSING else (
            field.default_factory() if field.default_factory is not dataclasses.MISSING else dataclasses.MISSING)
        # Defaults nobody needs to read: list items (rules, quirks) show none; the parts of a plain group (an
        # endpoint, a token-policy entry) skip a default "no"; a section's own fact shows every field.
        unstated = item == default and (not keep_defaults or (nested and item is False))
        if item in (None, "", [], {}) or unstated:
            continue
        if dataclasses.is_dataclass(item) or (isinstance(item, list | dict) and item
                                              and any(dataclasses.is_dataclass(v) for v in
                                                      (item.values() if isinstance(item, dict) else item))):
            children.append(_entry(field.name.replace("_", " "), item, default_checked, keep_defaults,
                                   nested=not hasattr(value, "basis")))
            continue
        kind = type(value).__name__
        name = "" if _MAIN_FIELD.get(kind) == field.name else _LABELS.get(field.name, field.name.replace("_", " "))
        if kind in _MATCHING and field.name in _MATCHERS:
            name = f"if {name}"
        if not hasattr(value, "basis"):  # a plain group (endpoints, placeholders): each value is its own row
            children.append(Entry(field.name.replace("_", " "), human(item)))
        else:
            lines.append(f"{name}: {human(item)}" if name else human(item))
    provenance = None
    if hasattr(value, "basis"):
        provenance = Provenance(value.basis, getattr(value, "source", None),
                                getattr(value, "checked", None) or default_checked, getattr(value, "note", None))
    lines.sort(key=lambda line: not line.startswith("if "))  # when a rule applies, then what it concludes
    return Entry(label, "\n".join(lines), provenance, tuple(children))


def _item_label(value: Any, number: int) -> str:
    """A grant that is off by default is named by its grant; rules, quirks, candidates by their number."""
    grant = getattr(value, "grant", None)
    return str(grant) if grant else str(number)


def human(value: Any) -> str:
    """A value as a sentence part: yes/no, lists joined by commas, mappings as 'key: value', never a repr."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(human(v) for v in value) if value else "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {human(v)}" for k, v in value.items()) if value else "(none)"
    return str(value)
