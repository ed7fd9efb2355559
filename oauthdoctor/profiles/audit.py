"""How firm the knowledge in a profile is: every fact with its basis, and the counts that matter.

A fact is every part of a profile that carries provenance (``basis``, ``source``, ``checked``): endpoints,
client authentication, grants, each token-policy entry, the redirect rule and its parts, the errors section
and each error rule and code — as far as the profile states it (with a source, a date, a note or a basis):
a schema default nobody wrote down is not a fact. The *decision-driving* ones are those a verdict rests on:
client authentication, grants, token policy, the redirect rule, and the error rules and codes (``#15``: at
least 85 % of them should be confirmed against a primary source).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from oauthdoctor.profiles.model import Profile
from oauthdoctor.vocabulary import Basis

DECISION_SECTIONS = ("client_auth", "grants", "token_policy", "redirect", "errors")
_NOT_DECISIONS = ("errors.signatures",)  # detection of the provider, not a verdict


@dataclass(frozen=True)
class FactRecord:
    """One fact of one profile: where it sits (``errors.rules[3]``), its basis and provenance."""

    profile: str
    path: str
    basis: Basis
    source: str | None
    checked: str | None
    note: str | None
    decision_driving: bool


def facts_of(profile: Profile) -> list[FactRecord]:
    """Every fact of ``profile``, in profile order; ``checked`` falls back to the profile's own date."""
    found: list[FactRecord] = []
    _walk(profile, "", profile, found)
    return found


def _walk(value: Any, path: str, profile: Profile, found: list[FactRecord]) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if path and hasattr(value, "basis") and _stated(value):
            found.append(FactRecord(
                profile=profile.id, path=path, basis=value.basis, source=getattr(value, "source", None),
                checked=getattr(value, "checked", None) or profile.checked, note=getattr(value, "note", None),
                decision_driving=path.split(".")[0].split("[")[0] in DECISION_SECTIONS
                and not path.startswith(_NOT_DECISIONS),
            ))
        for field in dataclasses.fields(value):
            if field.name != "path":
                _walk(getattr(value, field.name), f"{path}.{field.name}" if path else field.name, profile, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{path}[{index}]", profile, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{path}.{key}", profile, found)


def _stated(fact: Any) -> bool:
    """A fact the profile writes (with some provenance), not a schema default nobody stated."""
    return any(getattr(fact, name, None) for name in ("source", "checked", "note")) or fact.basis != "unconfirmed"


@dataclass(frozen=True)
class BasisCounts:
    """How many facts are confirmed, heuristic and unconfirmed (all, and the decision-driving ones)."""

    confirmed: int = 0
    heuristic: int = 0
    unconfirmed: int = 0
    decision_confirmed: int = 0
    decision_total: int = 0

    @property
    def total(self) -> int:
        return self.confirmed + self.heuristic + self.unconfirmed

    def to_json(self) -> dict[str, int]:
        return {"confirmed": self.confirmed, "heuristic": self.heuristic, "unconfirmed": self.unconfirmed,
                "total": self.total, "decision_confirmed": self.decision_confirmed,
                "decision_total": self.decision_total}


def counts(facts: Iterable[FactRecord]) -> BasisCounts:
    """Tally ``facts`` by basis."""
    tally = {"confirmed": 0, "heuristic": 0, "unconfirmed": 0}
    decision_confirmed = decision_total = 0
    for fact in facts:
        tally[fact.basis] += 1
        if fact.decision_driving:
            decision_total += 1
            decision_confirmed += fact.basis == "confirmed"
    return BasisCounts(tally["confirmed"], tally["heuristic"], tally["unconfirmed"], decision_confirmed,
                       decision_total)


def open_facts(profiles: Iterable[Profile]) -> list[FactRecord]:
    """The heuristic and unconfirmed facts of every profile, oldest check first (then profile and path)."""
    rows = [f for p in profiles for f in facts_of(p) if f.basis != "confirmed"]
    return sorted(rows, key=lambda f: (f.checked or "", f.profile, f.path))
