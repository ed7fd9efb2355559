"""Plain data views of profiles for ``providers list`` / ``providers show`` (no rich here)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from oauthdoctor.model import Basis
from oauthdoctor.profiles.model import Fact, Profile

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


def _rule_name(profile: Profile) -> str:
    rule = profile.redirect
    return str(getattr(rule, "name", None) or getattr(rule, "family", None) or "exact")


def summary_rows(profiles: list[Profile]) -> list[dict[str, str]]:
    """One row per profile for the list table."""
    from oauthdoctor.profiles.audit import counts, facts_of

    rows = []
    for p in profiles:
        tally = counts(facts_of(p))
        rotation = p.token_policy.rotation.mode if p.token_policy.rotation else "unknown"
        rows.append({
            "id": p.id,
            "name": p.name,
            "auth": ", ".join(m.replace("client_secret_", "") for m in p.client_auth.accepted) or "-",
            "redirect": _rule_name(p),
            "rotation": rotation,
            "confirmed": f"{tally.confirmed}/{tally.total}",
        })
    return rows


def providers_json(profiles: list[Profile]) -> dict[str, Any]:
    """``providers list --format json``: the documented contract."""
    from oauthdoctor.profiles.audit import counts, facts_of

    return {
        "schema_version": SCHEMA_VERSION,
        "providers": [
            {
                "id": p.id,
                "name": p.name,
                "aliases": list(p.aliases),
                "kind": p.kind,
                "auth_methods": list(p.client_auth.accepted),
                "redirect_rule": _rule_name(p),
                "rotation": p.token_policy.rotation.mode if p.token_policy.rotation else None,
                "facts": counts(facts_of(p)).to_json(),
            }
            for p in profiles
        ],
    }


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
