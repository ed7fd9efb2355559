"""Overall decision, root cause and exit code from a list of findings."""

from __future__ import annotations

from dataclasses import replace

from oauthdoctor.diagnose.decide import decide, exit_code, root_finding
from oauthdoctor.exitcodes import ExitCode
from oauthdoctor.model import Decision, Finding, Severity, Status


def f(
    pid: str,
    status: Status,
    decision: Decision = Decision.NONE,
    severity: Severity | None = None,
    evidence: dict | None = None,
    hint: str | None = None,
) -> Finding:
    sev = severity or {Status.FAIL: Severity.ERROR, Status.WARN: Severity.WARNING}.get(status, Severity.INFO)
    return Finding(
        id=pid,
        status=status,
        severity=sev,
        title=f"{pid} {status}",
        decision=decision,
        evidence=evidence or {},
        hint=hint,
    )


def test_tied_last_error_is_the_root_cause() -> None:
    findings = [
        f("redirect_uri", Status.FAIL, Decision.FIX_CONFIG),
        f("token_policy", Status.FAIL, Decision.FIX_CONFIG),
        replace(
            f(
                "last_error",
                Status.FAIL,
                Decision.FIX_CONFIG,
                evidence={"explained_by": "token_policy"},
                hint="Publish the app",
            ),
            failure_class="invalid_grant",
        ),
    ]
    assert decide(findings) == (
        Decision.FIX_CONFIG,
        "token_policy fail (token_policy; explains the last error invalid_grant). Publish the app",
    )


def test_first_config_fix_before_reauth() -> None:
    findings = [
        f("token_policy", Status.FAIL, Decision.REAUTH),
        f("client_auth", Status.FAIL, Decision.FIX_CONFIG),
    ]
    assert root_finding(findings).id == "client_auth"  # type: ignore[union-attr]


def test_untied_last_error_after_fails() -> None:
    findings = [
        f("last_error", Status.FAIL, Decision.REAUTH),
        f("grant_types", Status.FAIL, Decision.FIX_CONFIG),
    ]
    assert root_finding(findings).id == "grant_types"  # type: ignore[union-attr]
    assert root_finding([f("last_error", Status.FAIL, Decision.REAUTH)]).id == "last_error"  # type: ignore[union-attr]


def test_nothing_wrong() -> None:
    assert decide([f("config", Status.PASS), f("discovery", Status.SKIP)]) == (Decision.NONE, None)


def test_network_error_says_retry() -> None:
    assert decide([f("client_auth", Status.ERROR, Decision.RETRY)])[0] is Decision.RETRY


def test_exit_codes() -> None:
    warn = [f("clock_skew", Status.WARN, Decision.FIX_CONFIG)]
    fail = [f("config", Status.FAIL, Decision.FIX_CONFIG)]
    error = [f("client_auth", Status.ERROR)]
    assert exit_code(warn, "error") is ExitCode.OK
    assert exit_code(warn, "warning") is ExitCode.FINDINGS
    assert exit_code(fail, "error") is ExitCode.FINDINGS
    assert exit_code(fail, "never") is ExitCode.OK
    assert exit_code(error + warn, "error") is ExitCode.INCONCLUSIVE
    assert exit_code(error + fail, "error") is ExitCode.FINDINGS
    assert exit_code([f("config", Status.PASS)], "warning") is ExitCode.OK
