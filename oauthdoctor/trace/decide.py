"""From trace findings to one decision and one root cause, like diagnose: pure, no I/O.

Findings about behaviour over time explain the error answers that follow them: a refresh race is why the
loser got ``invalid_grant``. So every ``token_error`` that shares an entry with such a finding is marked
``explained_by`` it, and the root cause is the first problem in causal order — what happened first in the
chain, not what was loudest. Aggravations (a retry storm, late refreshes) come after the error they follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from oauthdoctor.model import Decision, Finding, Status

CAUSAL_ORDER = (
    "refresh_race", "stale_refresh_token", "lost_refresh_token", "code_reuse", "redirect_uri_drift",
    "pkce_mismatch", "state_mismatch", "error_in_200", "clock_skew", "token_error", "retry_storm", "late_refresh",
)
_EXPLAINERS = CAUSAL_ORDER[:CAUSAL_ORDER.index("token_error")]
_DECISION_RANK = {Decision.FIX_CONFIG: 0, Decision.REAUTH: 1, Decision.RETRY: 2, Decision.NONE: 3}


def link_explanations(findings: Sequence[Finding]) -> list[Finding]:
    """``token_error`` findings gain ``explained_by``: the first causal finding that shares an entry."""
    problems = [f for f in findings if f.is_problem and f.id in _EXPLAINERS]
    problems.sort(key=lambda f: CAUSAL_ORDER.index(f.id))
    out = []
    for f in findings:
        if f.id == "token_error" and f.is_problem:
            entries = set(f.evidence.get("entries", ()))
            cause = next((p for p in problems if entries & set(p.evidence.get("entries", ()))), None)
            if cause is not None:
                f = replace(f, evidence={**f.evidence, "explained_by": cause.id})
        out.append(f)
    return out


def root_finding(findings: Sequence[Finding]) -> Finding | None:
    """Failures before warnings; among them the earliest link of the causal chain."""
    problems = [f for f in findings if f.is_problem and "explained_by" not in f.evidence]
    if not problems:
        return None

    def rank(f: Finding) -> tuple[int, int, int, int]:
        entries = f.evidence.get("entries") or [0]
        return (0 if f.status is Status.FAIL else 1, CAUSAL_ORDER.index(f.id) if f.id in CAUSAL_ORDER else 99,
                _DECISION_RANK[f.decision], min(entries))

    return min(problems, key=rank)


def decide(findings: Sequence[Finding]) -> tuple[Decision, str | None]:
    """The decision and a root-cause sentence naming the finding (its title names the entries)."""
    root = root_finding(findings)
    if root is None:
        return Decision.NONE, None
    cause = f"{root.id}: {root.title}"
    if root.hint:
        cause += f". {root.hint}"
    return root.decision, cause
