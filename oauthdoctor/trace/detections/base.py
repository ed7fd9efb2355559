"""What every detection shares: its metadata as data, the context it judges with, and how it words a finding.

A detection is a pure function over the timeline. Everything it needs from outside — the classifier, the
provider's clock tolerance — comes through ``TraceContext``, so tests call it with a hand-built timeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from oauthdoctor.model import Decision, Finding, Location, RuleMeta, Severity, Status
from oauthdoctor.trace.model import Exchange
from oauthdoctor.trace.timeline import Timeline

if TYPE_CHECKING:
    from oauthdoctor.classifier.result import Explanation

# Refreshes of one token that start within this many seconds of each other (or of the previous answer)
# come from processes that read the stored token before either wrote the new one: a race.
RACE_WINDOW_SECONDS = 2.0
# Token requests with the same dead credential after a non-retryable answer before it is called a storm.
STORM_REPEATS = 2
# Classes that never succeed on a retry with the same request.
NON_RETRYABLE = frozenset({"invalid_grant", "invalid_client", "unauthorized_client"})
MAX_LISTED = 50  # entry numbers listed in one finding; the count says how many there were


@dataclass
class TraceContext:
    """How detections classify answers and read provider facts; memoised per exchange."""

    classifier: Callable[[Exchange], Explanation]
    clock_thresholds: Callable[[str | None], tuple[float, float]]
    race_window: float = RACE_WINDOW_SECONDS
    storm_repeats: int = STORM_REPEATS
    _explained: dict[int, Explanation] = field(default_factory=dict)

    def explain(self, exchange: Exchange) -> Explanation:
        """The classifier's answer for a failed exchange (class, cause, decision)."""
        found = self._explained.get(exchange.number)
        if found is None:
            found = self.classifier(exchange)
            self._explained[exchange.number] = found
        return found

    def failure_class(self, exchange: Exchange) -> str:
        """The class of a failed exchange: the classifier's, else the raw ``error``."""
        return self.explain(exchange).failure_class


@dataclass(frozen=True)
class Detection:
    """One detection: metadata (id, title, question, severity, reference) and its pure function."""

    meta: RuleMeta
    run: Callable[[Timeline, TraceContext], list[Finding]]


def numbers(exchanges: Iterable[Exchange]) -> list[int]:
    """Entry numbers, in order, without repeats."""
    return sorted({e.number for e in exchanges})


def refs(entries: Sequence[int]) -> str:
    """``#3, #4`` (the first few, then how many more)."""
    shown = ", ".join(f"#{n}" for n in entries[:8])
    return shown + (f" and {len(entries) - 8} more" if len(entries) > 8 else "")


def finding(meta: RuleMeta, status: Status, title: str, entries: Sequence[Exchange] = (), *,
            severity: Severity | None = None, decision: Decision = Decision.NONE, failure_class: str | None = None,
            evidence: dict[str, Any] | None = None, hint: str | None = None, fix: str | None = None) -> Finding:
    """A finding whose evidence names the entries it rests on (``entries``) and where they came from."""
    listed = numbers(entries)
    data: dict[str, Any] = {"entries": listed[:MAX_LISTED]}
    if len(listed) > MAX_LISTED:
        data["entry_count"] = len(listed)
    if entries:
        data["sources"] = sorted({e.where for e in entries})[:MAX_LISTED // 5]
    data.update(evidence or {})
    first = min(entries, key=lambda e: e.number) if entries else None
    location = Location(first.source, first.position) if first is not None and first.line_based else None
    return Finding(id=meta.id, status=status, severity=severity or meta.severity, title=title, decision=decision,
                   failure_class=failure_class, evidence=data, hint=hint,
                   references=(meta.help_uri,) if meta.help_uri else (), location=location, fix=fix)


def passed(meta: RuleMeta, title: str, entries: Sequence[Exchange] = (), **evidence: Any) -> Finding:
    """Observed and fine: the title says what was seen."""
    return finding(meta, Status.PASS, title, entries, evidence=evidence or None)


def skipped(meta: RuleMeta, reason: str) -> Finding:
    """Not observed: nothing in the capture could show this failure; the reason says what was missing."""
    return Finding(id=meta.id, status=Status.SKIP, severity=meta.severity, title=reason, hint=reason)


def seconds(value: float) -> str:
    """``0.35 s``, ``12 s``, ``3 min``, ``2.5 h``: a duration a person reads at a glance."""
    size = abs(value)
    if size < 10:
        return f"{value:.2f} s"
    if size < 120:
        return f"{value:.0f} s"
    if size < 7200:
        return f"{value / 60:.1f} min"
    return f"{value / 3600:.1f} h"
