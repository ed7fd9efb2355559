"""From findings to one decision, one root cause, and the exit code: the precedence of ``docs/decisions.md``.

Only observed findings decide. A ``pass`` says nothing is wrong, a ``skip`` observed nothing, a ``crash`` is a
bug in oauthdoctor, and an ``error`` without a decision observed something it could not read: none of them
ever decides. Among the rest, highest first:

1. the last error, linked to the finding that produces it (``last_error`` evidence ``explained_by``);
2. failures of the configuration or of what the token endpoint did (every probe but ``discovery`` and
   ``last_error``), a fix to the configuration before a re-authorisation (a new grant obtained with a broken
   configuration fails again), then report order;
3. the last error on its own (the classifier's decision);
4. a transient answer the server gave (5xx, 429, a slow answer; ``Retry-After`` named) → ``retry``;
5. a metadata mismatch (``discovery``): observed behaviour already overrode what it could;
6. warnings that ask for a change, ranked like failures;
7. nothing decided while probes could not observe → inconclusive: decision ``none``, and a root cause that
   says "could not reach …; nothing was decided" and lists the probes that could not decide;
8. nothing wrong → ``none`` and no root cause.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from oauthdoctor.exitcodes import ExitCode
from oauthdoctor.hosts import split_url
from oauthdoctor.model import Decision, Finding, Severity, Status

_DECISION_RANK = {Decision.FIX_CONFIG: 0, Decision.REAUTH: 1, Decision.RETRY: 2, Decision.NONE: 3}
_METADATA = frozenset({"discovery"})
_UNREACHED = frozenset({"dns", "connect"})


def _ranked(findings: list[Finding]) -> Finding | None:
    """Fix before reauth before retry; ``min`` is stable, so report order breaks ties."""
    return min(findings, key=lambda f: _DECISION_RANK[f.decision]) if findings else None


def _decides(finding: Finding) -> bool:
    return finding.decision is not Decision.NONE


def rungs(findings: Sequence[Finding]) -> Iterator[tuple[str, Finding | None]]:
    """Each rung of the precedence with the finding that would decide there (lazily, highest first)."""
    last = next((f for f in findings if f.id == "last_error" and f.is_problem and _decides(f)), None)
    linked = last is not None and "explained_by" in last.evidence
    yield "linked last error", last if linked else None
    fails = [f for f in findings if f.status is Status.FAIL and _decides(f)]
    yield "failure", _ranked([f for f in fails if f.id != "last_error" and f.id not in _METADATA])
    yield "last error", last if last is not None and last.status is Status.FAIL else None
    transient = [f for f in findings if f.decision is Decision.RETRY and f.status in (Status.ERROR, Status.WARN)]
    yield "transient", transient[0] if transient else None
    yield "metadata", _ranked([f for f in fails if f.id in _METADATA])
    yield "warning", _ranked([f for f in findings if f.status is Status.WARN and _decides(f)])


def root_finding(findings: Sequence[Finding]) -> Finding | None:
    """The finding the decision rests on, or None when nothing was decided."""
    return next((found for _, found in rungs(findings) if found is not None), None)


def undecided(findings: Sequence[Finding]) -> list[Finding]:
    """Findings of probes that tried to observe and could not decide (``error`` without a decision)."""
    return [f for f in findings if f.status is Status.ERROR and not _decides(f)]


def decide(findings: Sequence[Finding]) -> tuple[Decision, str | None]:
    """Overall decision and root-cause sentence."""
    root = root_finding(findings)
    if root is None:
        return Decision.NONE, inconclusive_cause(findings)
    cause = f"{root.title} ({root.id})"
    linked_id = root.evidence.get("explained_by") if root.id == "last_error" else None
    linked = next((f for f in findings if f.id == linked_id and f.is_problem), None)
    if linked is not None:
        cause = f"{linked.title} ({linked.id}; explains the last error {root.failure_class})"
    if root.hint:
        cause += f". {root.hint}"
    return root.decision, cause


def inconclusive_cause(findings: Sequence[Finding]) -> str | None:
    """"could not reach HOST (why); nothing was decided. Not decided: …", or None when all was decided."""
    stuck = undecided(findings)
    if not stuck:
        return None
    names = ", ".join(dict.fromkeys(f.id for f in stuck))
    reached = _unreached(stuck)
    if reached is not None:
        host, why = reached
        head = f"could not reach {host} ({why})"
    else:
        head = f"{stuck[0].title} ({stuck[0].id})"
    return f"{head}; nothing was decided. Could not decide: {names}."


def _unreached(findings: list[Finding]) -> tuple[str, str] | None:
    """The first host a probe could not reach (DNS or connection failure), and the failure's message."""
    for finding in findings:
        for row in _failure_rows(finding.evidence, finding.evidence.get("token_url")):
            if row.get("failure") in _UNREACHED:
                url = row.get("url") or ""
                host = split_url(url).netloc or url or "the server"
                return host, str(row.get("message") or row["failure"])
    return None


def _failure_rows(evidence: dict[str, Any], url: Any) -> Iterator[dict[str, Any]]:
    """Evidence rows that may carry a failure: the evidence itself and each row of a method or grant matrix."""
    yield evidence
    for table in ("matrix", "grants"):
        rows = evidence.get(table)
        if isinstance(rows, dict):
            for row in rows.values():
                if isinstance(row, dict):
                    yield {"url": url, **row}


def exit_code(findings: Sequence[Finding], fail_on: str) -> ExitCode:
    """A crashed probe → 4 (a bug in oauthdoctor); ``--fail-on`` threshold: findings at or above it → 1;
    otherwise undecided probes → 3; else 0."""
    if any(f.status is Status.CRASH for f in findings):
        return ExitCode.INTERNAL
    if fail_on == "never":
        return ExitCode.OK
    threshold = Severity.ERROR if fail_on == "error" else Severity.WARNING
    ranks = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
    if any(f.is_problem and ranks[f.severity] >= ranks[threshold] for f in findings):
        return ExitCode.FINDINGS
    if any(f.status is Status.ERROR for f in findings):
        return ExitCode.INCONCLUSIVE
    return ExitCode.OK
