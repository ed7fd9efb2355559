"""The answer ``explain`` and ``classify()`` give: one normalised, versioned record per response."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = 1
# The cause of an answer that recognised no OAuth error (class unknown).
UNRECOGNISED = "unrecognised_response"


@dataclass(frozen=True)
class CauseCandidate:
    """One cause that remains possible, and what tells it apart from the others."""

    cause: str
    tells_apart: str
    hint: str | None = None
    decision: str | None = None  # what this cause would decide (None: not known apart from the answer's own)


@dataclass(frozen=True)
class Explanation:
    """What an error response is (class), why (cause) and what to do (decision).

    ``failure_class`` is serialised as ``class``; ``error`` keeps the raw value the server sent. ``decision`` is
    ``reauth``, ``fix_config`` or ``retry``; ``none`` when nothing was recognised (class ``unknown``) and nothing leans
    either way: inconclusive.
    """

    failure_class: str
    cause: str
    decision: str
    provider: str | None
    status: int | None
    normalized_status: int | None
    error: str | None
    error_description: str | None
    provider_code: str | None
    summary: str
    hints: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    candidates: tuple[CauseCandidate, ...] = ()
    parse_error: str | None = None
    basis: str | None = None  # of the profile rule the answer rests on; None: the RFC baseline decided
    confidence: str = "low"  # high | medium | low: how hard to lean on the decision (engine._confidence)

    @property
    def conclusive(self) -> bool:
        """Whether an OAuth error was recognised and decided (``explain`` exits 3 when not). A text nothing reads
        may still carry the base rate's lean as its decision (cause ``unrecognised_response``, confidence low):
        that is a rule of thumb, not a reading, so it stays inconclusive."""
        return self.decision != "none" and self.cause != UNRECOGNISED

    def to_json(self) -> dict[str, Any]:
        """The documented JSON contract (schema_version 1); ``parse_error`` only for unreadable batch lines."""
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "class": self.failure_class,
            "cause": self.cause,
            "decision": self.decision,
            "provider": self.provider,
            "status": self.status,
            "normalized_status": self.normalized_status,
            "error": self.error,
            "error_description": self.error_description,
            "provider_code": self.provider_code,
            "summary": self.summary,
            "hints": list(self.hints),
            "references": list(self.references),
            "candidates": [
                {"cause": c.cause, "tells_apart": c.tells_apart, **({"hint": c.hint} if c.hint else {}),
                 **({"decision": c.decision} if c.decision else {})}
                for c in self.candidates
            ],
        }
        data["basis"] = self.basis
        data["confidence"] = self.confidence
        if self.parse_error is not None:
            data["parse_error"] = self.parse_error
        return data
