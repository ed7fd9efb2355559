"""Round thirteen's wordings: an API envelope that repeats its HTTP status as the error code, gRPC's canonical
status names, a message that quotes a dump holding only the code, and Google's words for an assertion dated outside
its window pasted without the code (issue #16, family 7)."""

from __future__ import annotations

import pytest
from phrase_blocks import answer

from oauthdoctor.classifier.extract import extract

GOOGLE_SKEW = ("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your "
               "iat and exp values in the JWT claim.")


@pytest.mark.parametrize(("body", "expected"), [
    ('{"error":{"code":500,"message":"Backend Error","errors":[{"message":"Backend Error","domain":"global",'
     '"reason":"backendError"}]}}', ("server_error", "idp_server_error", "retry")),
    ('{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}}',
     ("temporarily_unavailable", "token_service_unavailable", "retry")),
    ('{"error":{"code":504,"message":"Deadline exceeded","status":"DEADLINE_EXCEEDED"}}',
     ("temporarily_unavailable", "token_service_unavailable", "retry")),
])
def test_an_envelope_without_a_status_line_is_read_by_its_code(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body, "google") == expected
    assert answer(None, body) == expected


def test_the_envelope_code_is_the_status_only_for_http_statuses_beside_a_message() -> None:
    assert extract(None, '{"error":{"code":401,"message":"Request had invalid credentials."}}').status == 401
    assert extract(None, '{"error":{"code":190,"message":"Error validating access token"}}').status is None
    assert extract(None, '{"error":{"code":506,"message":"Duplicate status message"}}').status is None
    assert extract(None, '{"error":{"code":500}}').status is None
    assert extract(404, '{"error":{"code":500,"message":"x"}}').status == 404  # the real status wins


@pytest.mark.parametrize("body", [
    "Backend Error", "Internal Server Error.", "The service is currently unavailable.",
])
def test_a_message_that_is_only_a_server_failure_is_transient(body: str) -> None:
    assert answer(None, body)[2] == "retry"


def test_a_server_failure_named_inside_a_longer_message_is_not_taken_alone() -> None:
    assert answer(None, "Backend Error while refreshing: the refresh token was revoked")[0] != "server_error"


def test_the_description_before_a_dump_that_holds_only_the_code_is_read() -> None:
    body = f"google.auth.exceptions.RefreshError: ('invalid_grant: {GOOGLE_SKEW}', {{'error': 'invalid_grant'}})"
    assert extract(None, body).description == GOOGLE_SKEW
    assert answer(None, body) == ("invalid_grant", "clock_skew", "fix_config")
    wrapped = 'OAuthError: invalid_grant: Invalid JWT Signature. {"error":"invalid_grant"}'
    assert extract(None, wrapped).description == "Invalid JWT Signature."
    assert extract(None, 'Error fetching token: {"error":"invalid_client"}').description is None


@pytest.mark.parametrize("provider", [None, "google"])
def test_googles_assertion_window_words_without_the_code_are_clock_skew(provider: str | None) -> None:
    assert answer(None, GOOGLE_SKEW, provider) == ("invalid_grant", "clock_skew", "fix_config")
    assert answer(400, f'{{"error":"invalid_grant","error_description":"{GOOGLE_SKEW}"}}', provider) == (
        "invalid_grant", "clock_skew", "fix_config")
