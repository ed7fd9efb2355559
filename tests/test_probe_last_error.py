"""``last_error``: the classifier's reading of the error, tied to the finding that explains it."""

from __future__ import annotations

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Decision, Finding, Severity, Status
from oauthdoctor.probes import last_error
from oauthdoctor.probing.contract import ProbeContext

EXPIRED = '{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}'
MISMATCH = '{"error":"redirect_uri_mismatch","error_description":"The redirect_uri MUST match"}'


def problem(
    pid: str,
    status: Status,
    title: str,
    decision: Decision = Decision.FIX_CONFIG,
    failure_class: str | None = None,
    hint: str | None = None,
) -> Finding:
    return Finding(
        id=pid,
        status=status,
        severity=Severity.ERROR,
        title=title,
        decision=decision,
        failure_class=failure_class,
        hint=hint,
    )


def judge(body: str | None, prior: dict[str, tuple[Finding, ...]] | None = None, status: str = "400"):
    values = {"last_error": body, "last_error_status": status} if body else {}
    (finding,) = last_error.judge(
        ProbeContext(config=ResolvedConfig(values), profile=None, prior=prior or {}), None
    )
    return finding


def test_no_last_error_is_a_skip() -> None:
    assert judge(None).status is Status.SKIP


def test_untied_invalid_grant_keeps_the_classifier_decision() -> None:
    finding = judge(EXPIRED)
    assert finding.status is Status.FAIL and finding.failure_class == "invalid_grant"
    assert finding.decision is Decision.REAUTH and "explained_by" not in finding.evidence


def test_invalid_grant_with_clock_skew_says_fix_the_clock() -> None:
    clock = problem("clock_skew", Status.FAIL, "the local clock is 300.0 s behind (NTP)", hint="sync it")
    finding = judge(EXPIRED, {"clock_skew": (clock,)})
    assert finding.decision is Decision.FIX_CONFIG and finding.evidence["explained_by"] == "clock_skew"
    assert finding.title.endswith("— fix the clock") and finding.hint == "sync it"


def test_invalid_grant_with_testing_mode_says_publish() -> None:
    policy = problem(
        "token_policy",
        Status.FAIL,
        "the refresh token is 9 days old; ...",
        failure_class="invalid_grant",
        hint="Publish the app (move it to Production), then have the user authorise again",
    )
    finding = judge(EXPIRED, {"token_policy": (policy,)})
    assert finding.decision is Decision.FIX_CONFIG and finding.evidence["explained_by"] == "token_policy"
    assert "Publish the app" in (finding.hint or "")


def test_clock_fail_beats_token_policy_warning() -> None:
    clock = problem("clock_skew", Status.FAIL, "clock")
    policy = problem("token_policy", Status.WARN, "expires soon", failure_class="invalid_grant")
    assert (
        judge(EXPIRED, {"clock_skew": (clock,), "token_policy": (policy,)}).evidence["explained_by"]
        == "clock_skew"
    )


def test_redirect_mismatch_ties_to_the_redirect_finding() -> None:
    redirect = problem("redirect_uri", Status.FAIL, "the redirect URI is not registered: host case differs")
    finding = judge(MISMATCH, {"redirect_uri": (redirect,)}, status="200")
    assert (
        finding.failure_class == "redirect_uri_mismatch"
        and finding.evidence["explained_by"] == "redirect_uri"
    )


def test_passing_findings_explain_nothing() -> None:
    ok = problem("clock_skew", Status.PASS, "fine", decision=Decision.NONE)
    assert "explained_by" not in judge(EXPIRED, {"clock_skew": (ok,)}).evidence
