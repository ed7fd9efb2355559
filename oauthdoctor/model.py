"""The report model shared by every command: frozen data, no I/O.

Probes and check-env rules produce ``Finding`` objects; renderers turn a ``Report`` into text.
Nothing here prints, imports rich or touches the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """Outcome of one check.

    ``pass`` means observed and fine; ``skip`` not observed (the title says why); ``error`` observed but
    undecidable (a network fault, an unreadable answer); ``crash`` a bug in oauthdoctor's own check (exit 4).
    """

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"
    ERROR = "error"
    CRASH = "crash"


class Severity(StrEnum):
    """How much a finding matters; ``--fail-on`` compares against it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Decision(StrEnum):
    """What the caller should do next. Every triage ends in one of the first three."""

    REAUTH = "reauth"
    FIX_CONFIG = "fix_config"
    RETRY = "retry"
    NONE = "none"


SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}



@dataclass(frozen=True)
class SeverityVariant:
    """A named case in which a rule reports at another severity than its default, and when that is."""

    name: str
    severity: Severity
    when: str


@dataclass(frozen=True)
class RuleMeta:
    """Metadata of a probe or lint rule, as data: --help, SARIF rule tables and docs read it from here.

    ``severity`` is the default; ``variants`` are the only other severities the rule ever reports, each with
    the case it covers, so the documentation generated from this table is never wrong about ``--fail-on``.
    """

    id: str
    title: str
    question: str
    severity: Severity = Severity.ERROR
    help_uri: str | None = None
    variants: tuple[SeverityVariant, ...] = ()

    def severity_of(self, variant: str | None) -> Severity:
        """The default severity, or the named variant's (an unknown variant name is a bug: KeyError)."""
        if variant is None:
            return self.severity
        return next(v.severity for v in self.variants if v.name == variant)


@dataclass(frozen=True)
class Location:
    """Where in a file a finding points (1-based line and column)."""

    file: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Finding:
    """One result of one probe or rule: what was checked, what was seen, what to do."""

    id: str
    status: Status
    severity: Severity
    title: str
    decision: Decision = Decision.NONE
    failure_class: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    hint: str | None = None
    references: tuple[str, ...] = ()
    location: Location | None = None
    key: str | None = None
    fix: str | None = None

    @property
    def is_problem(self) -> bool:
        """A finding that is about the user's setup (warn/fail), as opposed to pass/skip/error."""
        return self.status in (Status.WARN, Status.FAIL)


@dataclass(frozen=True)
class Report:
    """Everything a renderer needs. ``secrets`` are the raw values every renderer must redact."""

    command: str
    findings: tuple[Finding, ...]
    rules: tuple[RuleMeta, ...] = ()
    provider: str | None = None
    environment: str | None = None
    decision: Decision = Decision.NONE
    root_cause: str | None = None
    inputs: dict[str, Any] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    secrets: frozenset[str] = frozenset()
    # Command-specific data that only that command's own views show (trace: the timeline rows).
    details: dict[str, Any] = field(default_factory=dict)

    def at_or_above(self, threshold: Severity) -> list[Finding]:
        """Problem findings whose severity reaches ``threshold`` (for --fail-on)."""
        rank = SEVERITY_RANK[threshold]
        return [f for f in self.findings if f.is_problem and SEVERITY_RANK[f.severity] >= rank]
