"""The Pinterest profile: the codes of Pinterest's v5 OpenAPI description map to the class, cause and decision the
profile states, a Pinterest body, header or token URL is recognised without ``--provider``, and other providers'
bodies stay theirs.

Bodies are written here in the ``{"code": <int>, "message": "..."}`` shape of the description's ``Error`` schema,
with the codes and messages of its examples, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id


def pinterest(code: int, message: str) -> str:
    return json.dumps({"code": code, "message": message})


AUTH_FAILED = pinterest(2, "Authentication failed.")
NOT_PERMITTED = pinterest(29, "You are not permitted to access that resource.")
NO_SCOPE = pinterest(3, "Your token does not have sufficient permissions to perform this operation. Please ensure "
                        "your token is authorized with the correct set of scopes.")
HUB = "Please see business hub for more details. https://www.pinterest.com/business/hub/"

# (status, body, class, cause, decision): the body alone names Pinterest
SIGNED = [
    (401, AUTH_FAILED, "invalid_token", "ambiguous", "retry"),
    (401, NO_SCOPE, "insufficient_scope", "missing_scope", "fix_config"),
    (401, NOT_PERMITTED, "access_denied", "ambiguous", "fix_config"),
    (403, NOT_PERMITTED, "access_denied", "ambiguous", "fix_config"),
    (403, pinterest(2625, f"Sorry, you cannot perform this action as your account has been disapproved. {HUB}"),
     "access_denied", "account_disapproved", "fix_config"),
    (403, pinterest(2626, f"We are reviewing your account. {HUB}"), "access_denied", "account_under_review", "retry"),
]

# codes too common to name Pinterest on their own: explained with --provider pinterest
UNSIGNED = [
    (429, pinterest(8, "This request exceeded a rate limit. This can happen if the client exceeds one\nof the "
                       "published rate limits within a short time window."),
     "rate_limited", "rate_limit_exceeded", "retry"),
    (400, pinterest(1104, "The token you provided is not valid or has expired."), "invalid_request",
     "report_token_invalid_or_expired", "fix_config"),
    (405, pinterest(5, "Method not allowed"), "invalid_request", "wrong_http_method", "fix_config"),
    (400, pinterest(1, "Invalid parameters."), "invalid_request", "request_parameters_invalid", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), SIGNED,
                         ids=[f"{c[0]}-{json.loads(c[1])['code']}" for c in SIGNED])
def test_signed_codes_map_as_documented(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    for provider in ("pinterest", None):
        e = classify(status, body, provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("pinterest", cls, cause, decision)
        assert e.provider_code == str(json.loads(body)["code"])


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), UNSIGNED,
                         ids=[f"{c[0]}-{json.loads(c[1])['code']}" for c in UNSIGNED])
def test_other_codes_map_as_documented(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    e = classify(status, body, provider="pinterest")
    assert (e.provider, e.failure_class, e.cause, e.decision, e.basis) == ("pinterest", cls, cause, decision,
                                                                           "confirmed")


def test_authentication_failed_refreshes_once_and_names_the_client_case() -> None:
    e = classify(401, AUTH_FAILED)
    assert [(c.cause, c.decision) for c in e.candidates] == [
        ("access_token_expired", "retry"), ("token_revoked", "reauth"), ("bad_client_credentials", "fix_config")]


def test_report_token_is_not_read_as_an_expired_access_token() -> None:
    e = classify(400, pinterest(1104, "The token you provided is not valid or has expired."), provider="pinterest")
    assert e.failure_class != "invalid_token"


@pytest.mark.parametrize("description", ["redirect_uri does not match", "authorization code has expired",
                                         "refresh token has been revoked"])
def test_invalid_grant_is_left_to_the_generic_reading(description: str) -> None:
    """Pinterest documents no invalid_grant body: the profile adds no rule that would hide what the text says."""
    body = json.dumps({"error": "invalid_grant", "error_description": description})
    mine, plain = classify(400, body, provider="pinterest"), classify(400, body)
    assert (mine.failure_class, mine.cause, mine.decision) == (plain.failure_class, plain.cause, plain.decision)


def test_python_sdk_refresh_failure_is_client_authentication_first() -> None:
    text = ("(401)\nReason: Unauthorized\nHTTP response body: Authentication error. Kindly check if the following "
            "variables are correct: [PINTEREST_ACCESS_TOKEN] or [PINTEREST_APP_ID, PINTEREST_APP_SECRET, "
            "PINTEREST_REFRESH_ACCESS_TOKEN]. Response from server: b'{\"code\":2,\"message\":\"Authentication "
            "failed.\"}'\n")
    e = classify(401, text)
    assert (e.provider, e.failure_class, e.decision) == ("pinterest", "invalid_client", "fix_config")
    assert [c.cause for c in e.candidates] == ["bad_client_credentials", "refresh_token_invalid"]


def test_detection_by_header_and_token_url() -> None:
    by_header = classify(500, json.dumps({"code": 1, "message": "x"}), headers={"x-pinterest-rid": "8d2c3a"})
    assert by_header.provider == "pinterest"
    by_url = classify(400, json.dumps({"error": "invalid_grant"}), url="https://api.pinterest.com/v5/oauth/token")
    assert (by_url.provider, by_url.failure_class) == ("pinterest", "invalid_grant")


def test_other_providers_bodies_are_not_claimed() -> None:
    assert classify(200, json.dumps({"ok": False, "error": "invalid_auth"})).provider == "slack"
    # Zoom-like {code, message} with another code and message is not Pinterest's
    assert classify(401, json.dumps({"code": 124, "message": "Invalid access token."})).provider != "pinterest"
    # a bare code 2 with other words is not Pinterest's either
    assert classify(401, json.dumps({"code": 2, "message": "Unauthorized"})).provider != "pinterest"
    assert classify(400, json.dumps({"error": "invalid_grant"})).provider != "pinterest"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("pinterest")
    assert resolve_id("pinterest-api") == "pinterest"
    assert profile.endpoints.authorize.url == "https://www.pinterest.com/oauth/"
    assert profile.endpoints.token.url == "https://api.pinterest.com/v5/oauth/token"
    assert profile.client_auth.accepted == ["client_secret_basic"]
    assert profile.grants.supported == ["authorization_code", "refresh_token", "client_credentials"]
    assert profile.token_policy.access_token_lifetime.seconds == 30 * 86400
    assert profile.token_policy.refresh_token_lifetime.seconds == 60 * 86400
    assert profile.token_policy.rotation.mode == "always"


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "pinterest", "--format", "json",
         "--status", "401", NO_SCOPE],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "pinterest", "insufficient_scope", "missing_scope", "fix_config", "3")
