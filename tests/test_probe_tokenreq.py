"""Reading token-endpoint answers: every provider quirk is a row in a table."""

from __future__ import annotations

import pytest

from oauthdoctor.probing.trials import TokenAnswer, auth_outcome, bogus, grant_outcome, read_answer

ANSWERS = [
    # (status, body, expected error, auth outcome, grant outcome)
    (
        400,
        '{"error":"invalid_grant","error_description":"grant request is invalid"}',
        "invalid_grant",
        "authenticated",
        "allowed",
    ),
    (
        401,
        '{"error":"invalid_client","error_description":"client authentication failed"}',
        "invalid_client",
        "rejected",
        "client_rejected",
    ),
    # GitHub: HTTP 200 with an error body, JSON or form-encoded
    (
        200,
        '{"error":"bad_verification_code","error_description":"The code passed is incorrect or expired."}',
        "bad_verification_code",
        "authenticated",
        "allowed",
    ),
    (
        200,
        "error=incorrect_client_credentials&error_description=The+client_id+and%2For+client_secret+passed+are"
        "+incorrect.",
        "incorrect_client_credentials",
        "rejected",
        "client_rejected",
    ),
    # Slack-style envelope carries `error` too
    (200, '{"ok":false,"error":"invalid_grant"}', "invalid_grant", "authenticated", "allowed"),
    # oidc-provider: grant not allowed is an invalid_request with a telling description
    (
        400,
        '{"error":"invalid_request","error_description":"requested grant type is not allowed"}',
        "invalid_request",
        "authenticated",
        "not_allowed",
    ),
    (400, '{"error":"unauthorized_client"}', "unauthorized_client", "authenticated", "not_allowed"),
    (400, '{"error":"unsupported_grant_type"}', "unsupported_grant_type", "unclear", "not_allowed"),
    # ServiceNow catch-all: decides nothing
    (
        401,
        '{"error":"server_error","error_description":"access_denied"}',
        "server_error",
        "unclear",
        "unclear",
    ),
    # bare 401 with no body
    (401, "", None, "rejected", "client_rejected"),
    # HTML error page and 5xx
    (
        400,
        "<!DOCTYPE html><html><title>Error 400 (Bad Request)!!1</title></html>",
        None,
        "unclear",
        "unclear",
    ),
    (500, '{"error":"server_error"}', "server_error", "error", "error"),
    (503, "upstream unavailable", None, "error", "error"),
]


@pytest.mark.parametrize(("status", "body", "error", "auth", "grant"), ANSWERS)
def test_answers_table(status: int, body: str, error: str | None, auth: str, grant: str) -> None:
    answer = read_answer(status, body)
    assert answer.error == error
    assert auth_outcome(answer) == auth
    assert grant_outcome(answer) == grant


def test_body_kinds() -> None:
    assert read_answer(400, b'{"error":"invalid_grant"}').body_kind == "json"
    assert read_answer(200, "error=bad_verification_code").body_kind == "form"
    assert read_answer(400, "<html><body>no</body></html>").body_kind == "html"
    assert read_answer(400, "").body_kind == "empty"


def test_a_transport_failure_is_an_error_outcome() -> None:
    answer = TokenAnswer(failure_kind="timeout", failure_message="timed out")
    assert auth_outcome(answer) == "error" and grant_outcome(answer) == "error"
    assert answer.evidence() == {"failure": "timeout", "message": "timed out"}


def test_evidence_never_carries_a_token() -> None:
    answer = read_answer(200, '{"access_token":"at-canary-123456","token_type":"bearer"}')
    assert answer.issued_token is True
    assert "at-canary" not in repr(answer.evidence())


def test_bogus_values_are_random_and_marked() -> None:
    first, second = bogus("code"), bogus("code")
    assert first != second and first.startswith("oauthdoctor-probe-code-") and len(first) > 30


# --- faults a verdict names (#11) ----------------------------------------------------------------------------

from oauthdoctor.probing.trials import answer_fault, fault_verdict  # noqa: E402


@pytest.mark.parametrize(
    ("answer", "words", "fail", "decision"),
    [
        (read_answer(503, '{"error":"temporarily_unavailable"}', headers={"Retry-After": "120"}),
         "the token endpoint answered 503 Service Unavailable with Retry-After: 120: the server asks to try again "
         "later", False, "retry"),
        (read_answer(500, "<html>oops</html>"), "the token endpoint answered 500 Internal Server Error: the server "
         "asks to try again later", False, "retry"),
        (read_answer(429, ""), "the token endpoint answered 429 Too Many Requests: the server asks to try again "
         "later", False, "retry"),
        (read_answer(301, "", headers={"Location": "https://idp.test/token/"}),
         "the token endpoint redirected to https://idp.test/token/ — not followed, credentials not sent there",
         True, "fix_config"),
        (read_answer(200, "x" * 100, truncated=True), "the token endpoint's answer is too large (over 1 MB, 200 OK): "
         "not an OAuth answer", False, "none"),
        (read_answer(200, "<!doctype html><p>hi"), "the token endpoint answered HTML, not JSON (200 OK)", False,
         "none"),
        (read_answer(200, '{"access_token": '), "the token endpoint answered invalid JSON (200 OK)", False, "none"),
        (TokenAnswer(failure_kind="timeout", failure_message="timed out: x"),
         "the token endpoint did not answer in time: timed out: x", False, "retry"),
        (TokenAnswer(failure_kind="dns", failure_message="host name did not resolve: x"),
         "the token endpoint could not be reached: host name did not resolve: x", False, "none"),
    ],
)
def test_faults_are_named(answer: TokenAnswer, words: str, fail: bool, decision: str) -> None:
    assert answer_fault(answer) == words
    verdict = fault_verdict(answer)
    assert verdict is not None and (verdict.fail, verdict.decision) == (fail, decision)


def test_a_readable_answer_has_no_fault() -> None:
    assert answer_fault(read_answer(400, '{"error":"invalid_grant"}')) is None
    assert fault_verdict(read_answer(401, '{"error":"invalid_client"}')) is None


def test_retry_after_becomes_a_wait_hint() -> None:
    verdict = fault_verdict(read_answer(503, "", headers={"retry-after": "120"}))
    assert verdict is not None and verdict.hint == "Wait 120 s (Retry-After) before the next attempt; do not retry " \
        "sooner."
    assert read_answer(503, "", headers={"retry-after": "120"}).evidence()["retry_after"] == "120"
