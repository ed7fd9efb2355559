"""From findings to one decision, one most likely root cause, and the exit code.

The root cause is the finding that explains the failure best: the ``last_error`` finding when it is tied
to another probe (it names what the user actually hit and why), else the first failing finding in
registry order (configuration before transport before live trials), else the first warning that asks
for a change, else a network error that says "retry". Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from oauthdoctor.exitcodes import ExitCode
from oauthdoctor.model import Decision, Finding, Severity, Status

# When several failures compete, a fix to the configuration comes before a re-authorisation: a new
# grant obtained with a broken configuration fails again.
_DECISION_RANK = {Decision.FIX_CONFIG: 0, Decision.REAUTH: 1, Decision.RETRY: 2, Decision.NONE: 3}


def root_finding(findings: Sequence[Finding]) -> Finding | None:
    """The finding the report leads with, or None when nothing is wrong or undecided."""
    last = next((f for f in findings if f.id == "last_error" and f.is_problem), None)
    if last is not None and "explained_by" in last.evidence:
        return last
    fails = [f for f in findings if f.status is Status.FAIL and f.id != "last_error"]
    if fails:
        return min(fails, key=lambda f: _DECISION_RANK[f.decision])  # min is stable: registry order on ties
    if last is not None:
        return last
    warns = [f for f in findings if f.status is Status.WARN and f.decision is not Decision.NONE]
    if warns:
        return warns[0]
    errors = [f for f in findings if f.status is Status.ERROR and f.decision is Decision.RETRY]
    return errors[0] if errors else None


def decide(findings: Sequence[Finding]) -> tuple[Decision, str | None]:
    """Overall decision and root-cause sentence."""
    root = root_finding(findings)
    if root is None:
        return Decision.NONE, None
    cause = f"{root.title} ({root.id})"
    linked_id = root.evidence.get("explained_by") if root.id == "last_error" else None
    linked = next((f for f in findings if f.id == linked_id and f.is_problem), None)
    if linked is not None:
        cause = f"{linked.title} ({linked.id}; explains the last error {root.failure_class})"
    if root.hint:
        cause += f". {root.hint}"
    return root.decision, cause


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
