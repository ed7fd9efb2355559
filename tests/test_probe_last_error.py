"""``last_error``: the classifier's reading of the error, tied to the finding that explains it."""

from __future__ import annotations

from dataclasses import replace

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Decision, Finding, Severity, Status
from oauthdoctor.probes import last_error
from oauthdoctor.probing.contract import ProbeContext

EXPIRED = '{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}'
MISMATCH = '{"error":"redirect_uri_mismatch","error_description":"The redirect_uri MUST match"}'
JWT_TIME = (
    '{"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token (60 minutes) '
    'and in a reasonable timeframe. Check your iat and exp values in the JWT claim."}'
)
BARE = '{"error":"invalid_grant"}'


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


def judge(
    body: str | None,
    prior: dict[str, tuple[Finding, ...]] | None = None,
    status: str = "400",
    **extra: str,
):
    values = {"last_error": body, "last_error_status": status, **extra} if body else {}
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


def test_a_time_window_error_with_clock_skew_says_fix_the_clock() -> None:
    clock = problem("clock_skew", Status.FAIL, "the local clock is 300.0 s behind (NTP)", hint="sync it")
    finding = judge(JWT_TIME, {"clock_skew": (clock,)})
    assert finding.decision is Decision.FIX_CONFIG and finding.evidence["explained_by"] == "clock_skew"
    assert finding.title.endswith("— fix the clock") and finding.hint == "sync it"
    assert finding.evidence["explained_cause"] == "clock_skew"


def test_a_skewed_clock_does_not_explain_an_expired_refresh_token() -> None:
    """A refresh request with a client secret has no time window the local clock could miss."""
    clock = problem("clock_skew", Status.FAIL, "the local clock is 300.0 s behind (NTP)")
    assert "explained_by" not in judge(EXPIRED, {"clock_skew": (clock,)}).evidence


def test_a_redirect_mismatch_explains_nothing_about_a_refresh() -> None:
    """Google's "Token has been expired or revoked." lists no redirect cause, and a refresh sends no redirect_uri."""
    redirect = problem("redirect_uri", Status.FAIL, "the redirect URI is not registered: trailing slash")
    finding = judge(EXPIRED, {"redirect_uri": (redirect,)}, grant_type="refresh_token")
    assert "explained_by" not in finding.evidence and finding.decision is Decision.REAUTH
    # a bare invalid_grant lists redirect_uri_differs_from_authorize: it may be the redirect for a code exchange
    code = judge(BARE, {"redirect_uri": (redirect,)}, grant_type="authorization_code")
    assert code.evidence["explained_by"] == "redirect_uri"
    assert code.evidence["explained_cause"] == "redirect_uri_differs_from_authorize"
    # ... but never for a refresh, which carries no redirect_uri
    assert "explained_by" not in judge(BARE, {"redirect_uri": (redirect,)}, grant_type="refresh_token").evidence


def test_invalid_grant_with_testing_mode_says_publish() -> None:
    policy = replace(problem(
        "token_policy",
        Status.FAIL,
        "the refresh token is 9 days old; ...",
        failure_class="invalid_grant",
        hint="Publish the app (move it to Production), then have the user authorise again",
    ), key="OAUTH_APP_PUBLISHING_STATUS")
    finding = judge(EXPIRED, {"token_policy": (policy,)})
    assert finding.decision is Decision.FIX_CONFIG and finding.evidence["explained_by"] == "token_policy"
    assert "Publish the app" in (finding.hint or "")


def test_fail_beats_warning_among_causes_the_error_lists() -> None:
    age = problem("token_policy", Status.FAIL, "the refresh token is 200 days old", failure_class="invalid_grant")
    cap = replace(problem("token_policy", Status.WARN, "at the cap", failure_class="invalid_grant"),
                  key="OAUTH_ACTIVE_REFRESH_TOKENS")
    clock = problem("clock_skew", Status.FAIL, "clock")
    finding = judge(EXPIRED, {"clock_skew": (clock,), "token_policy": (cap, age)})
    assert finding.evidence["explained_by"] == "token_policy" and "200 days" in finding.title


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


def test_an_unread_last_error_of_a_known_provider_is_a_low_lean_and_unknown_text_alone_decides_nothing() -> None:
    from oauthdoctor.profiles.loader import get_profile

    values = {"last_error": "sync stopped: E77 (see the console)"}
    unread = last_error.judge(ProbeContext(config=ResolvedConfig(values), profile=get_profile("google"), prior={}),
                              None)[0]
    assert (unread.status, unread.decision) == (Status.FAIL, Decision.FIX_CONFIG)
    assert unread.evidence["confidence"] == "low" and "google" in unread.title
    alone = last_error.judge(ProbeContext(config=ResolvedConfig(values), profile=None, prior={}), None)[0]
    assert (alone.status, alone.decision) == (Status.ERROR, Decision.NONE)


def test_a_failure_text_nothing_reads_is_no_decision_of_diagnose() -> None:
    """The classifier gives such a text the base rate's lean (fix_config, cause unrecognised_response); diagnose keeps
    it observed but undecidable, as before the lean."""
    from oauthdoctor.classifier import classify

    text = "sync failed: E77 (see the console)"
    assert (classify(None, text).decision, classify(None, text).conclusive) == ("fix_config", False)
    values = {"last_error": text}
    alone = last_error.judge(ProbeContext(config=ResolvedConfig(values), profile=None, prior={}), None)[0]
    assert (alone.status, alone.decision, alone.evidence["cause"]) == (Status.ERROR, Decision.NONE,
                                                                       "unrecognised_response")
