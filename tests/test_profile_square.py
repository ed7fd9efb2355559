"""The Square profile: each documented Square error code maps to the class, cause and decision the profile states,
Square's error bodies and hosts are recognised without ``--provider``, the profile claims no other provider's body,
and the facts a verdict rests on read as Square's OpenAPI specification gives them.

Bodies are written here in the shape of the spec's ``Error`` object (``{"errors": [{"category", "code", "detail",
"field"}]}``, square/connect-api-specification ``api.json``) with the spec's own ``ErrorCode`` and ``ErrorCategory``
values; the ``detail`` texts are made up (Square does not document them), so no assertion rests on their words.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile, resolve_id

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
API_URL = "https://connect.squareup.com/v2/locations"
TOKEN_URL = "https://connect.squareup.com/oauth2/token"


def square(category: str, code: str, detail: str = "", field: str | None = None) -> str:
    """A Square error body as the spec's Error object defines it (category and code required)."""
    error: dict[str, str] = {"category": category, "code": code}
    if detail:
        error["detail"] = detail
    if field:
        error["field"] = field
    return json.dumps({"errors": [error]})


AUTH = "AUTHENTICATION_ERROR"
INVALID = "INVALID_REQUEST_ERROR"

CASES = [
    # (status, body, class, cause, decision)
    # An expired access token is refreshed (code-flow refresh tokens never expire).
    (401, square(AUTH, "ACCESS_TOKEN_EXPIRED", "The access token has expired."), "invalid_token",
     "access_token_expired", "retry"),
    # Revoked: usually the whole authorization (reauth); revoke_only_access_token keeps it (candidate).
    (401, square(AUTH, "ACCESS_TOKEN_REVOKED"), "invalid_token", "ambiguous", "reauth"),
    # UNAUTHORIZED for an access token: expired or not a valid token (RetrieveTokenStatus); refresh once.
    (401, square(AUTH, "UNAUTHORIZED", "This request could not be authorized."), "invalid_token", "ambiguous",
     "retry"),
    (403, square("INVALID_REQUEST_ERROR", "INSUFFICIENT_SCOPES", "The merchant has not given access."),
     "insufficient_scope", "ambiguous", "fix_config"),
    (401, square(AUTH, "CLIENT_DISABLED"), "unauthorized_client", "app_disabled", "fix_config"),
    (403, square(AUTH, "APPLICATION_DISABLED"), "unauthorized_client", "app_disabled", "fix_config"),
    (403, square("MERCHANT_SUBSCRIPTION_ERROR", "MERCHANT_SUBSCRIPTION_NOT_FOUND"), "access_denied",
     "plan_or_project_lacks_access", "fix_config"),
    (401, square(AUTH, "V1_ACCESS_TOKEN"), "invalid_token", "ambiguous", "reauth"),
    (403, square(AUTH, "V1_APPLICATION"), "unauthorized_client", "app_too_old_for_v2", "fix_config"),
    (403, square(AUTH, "FORBIDDEN"), "access_denied", "ambiguous", "fix_config"),
    # ObtainToken's request fields (spec): the missing one names the fix.
    (400, square(INVALID, "MISSING_REQUIRED_PARAMETER", "Missing required parameter.", "redirect_uri"),
     "invalid_request", "missing_parameter", "fix_config"),
    (400, square(INVALID, "MISSING_REQUIRED_PARAMETER", "Missing required parameter.", "code_verifier"),
     "invalid_request", "pkce_verifier_missing", "fix_config"),
    (400, square(INVALID, "MISSING_REQUIRED_PARAMETER", "Missing required parameter.", "client_secret"),
     "invalid_client", "client_authentication_missing", "fix_config"),
    (400, square(INVALID, "EXPECTED_JSON_BODY"), "invalid_request", "request_body_not_json", "fix_config"),
    (415, square(INVALID, "INVALID_CONTENT_TYPE"), "invalid_request", "request_body_not_json", "fix_config"),
    (400, square(INVALID, "API_VERSION_INCOMPATIBLE"), "invalid_request", "api_version_mismatch", "fix_config"),
    (400, square(INVALID, "SANDBOX_NOT_SUPPORTED"), "invalid_request", "sandbox_not_supported", "fix_config"),
    # Transient: retry (RATE_LIMIT_ERROR asks for exponential backoff with jitter).
    (429, square("RATE_LIMIT_ERROR", "RATE_LIMITED"), "rate_limited", "rate_limit_exceeded", "retry"),
    (500, square("API_ERROR", "TEMPORARY_ERROR"), "server_error", "idp_server_error", "retry"),
    (503, square("API_ERROR", "SERVICE_UNAVAILABLE"), "temporarily_unavailable", "idp_transient_outage", "retry"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_square_error_bodies(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="square", url=API_URL, rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision), got.summary
    assert got.provider == "square"
    assert got.provider_code == json.loads(body)["errors"][0]["code"]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_square_bodies_are_detected_without_provider(status: int, body: str, cls: str, cause: str,
                                                     decision: str) -> None:
    got = classify(status, body, rulebook=RuleBook())
    assert got.provider == "square"
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_a_lone_error_object_is_square_too() -> None:
    # SDKs and logs print errors[0] alone; the code is then read from the text.
    body = json.dumps({"code": "ACCESS_TOKEN_EXPIRED", "detail": "expired", "category": AUTH})
    got = classify(401, body, rulebook=RuleBook())
    assert (got.provider, got.provider_code, got.failure_class, got.decision) == (
        "square", "ACCESS_TOKEN_EXPIRED", "invalid_token", "retry")


def test_the_python_sdk_exception_text_is_read() -> None:
    # square-python-sdk's ApiError.__str__ prints headers, status_code and the parsed body (a Python dict repr).
    body = {"errors": [{"category": AUTH, "code": "ACCESS_TOKEN_REVOKED", "detail": "x"}]}
    text = f"headers: {{'content-type': 'application/json'}}, status_code: 401, body: {body!r}"
    got = classify(None, text, rulebook=RuleBook())
    assert (got.provider, got.provider_code, got.failure_class, got.decision) == (
        "square", "ACCESS_TOKEN_REVOKED", "invalid_token", "reauth")


def test_a_log_line_with_the_codes_is_square() -> None:
    got = classify(401, "square api call failed: AUTHENTICATION_ERROR ACCESS_TOKEN_EXPIRED", rulebook=RuleBook())
    assert (got.provider, got.provider_code, got.cause, got.decision) == (
        "square", "ACCESS_TOKEN_EXPIRED", "access_token_expired", "retry")


def test_revoked_token_lists_both_revocations() -> None:
    got = classify(401, square(AUTH, "ACCESS_TOKEN_REVOKED"), provider="square", rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [("token_revoked", "reauth"),
                                                                ("access_token_revoked_only", "retry")]


def test_unauthorized_at_the_token_endpoint_is_client_authentication() -> None:
    # RFC 6749 5.2: a 401 from the token endpoint without an OAuth error is client authentication.
    got = classify(401, square(AUTH, "UNAUTHORIZED"), url=TOKEN_URL, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.cause, got.decision) == (
        "square", "invalid_client", "bad_client_credentials", "fix_config")


@pytest.mark.parametrize("url", [TOKEN_URL, "https://connect.squareupsandbox.com/oauth2/token",
                                 "https://connect.squareup.com/oauth2/revoke"])
def test_square_is_detected_from_its_hosts(url: str) -> None:
    got = classify(400, '{"message": "something unforeseen"}', url=url, rulebook=RuleBook())
    assert got.provider == "square"


@pytest.mark.parametrize("body", [
    # Other APIs' lower-case error types (Nylas-like, Anthropic-like) are not Square's upper-case categories.
    '{"message": "Could not verify access credential.", "type": "invalid_request_error"}',
    'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Invalid token."}}',
    # HubSpot's error: category plus correlationId, not Square's categories.
    '{"status":"error","message":"Authentication credentials not found.","correlationId":"c0ffee",'
    '"category":"INVALID_AUTHENTICATION"}',
    # GitHub's validation errors: errors[] with lower-case codes and no category.
    '{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}]}',
    # An RFC 6749 body.
    '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}',
])
def test_other_bodies_are_not_claimed(body: str) -> None:
    assert classify(401, body, rulebook=RuleBook()).provider != "square"


def test_rfc_body_under_square_keeps_its_generic_answer() -> None:
    got = classify(400, '{"error":"invalid_client","error_description":"Client authentication failed."}',
                   provider="square", rulebook=RuleBook())
    assert (got.failure_class, got.decision) == ("invalid_client", "fix_config")


def test_a_callback_code_is_never_a_provider_code() -> None:
    # A pasted callback carries the authorization code in a "code" field: it must not become the provider code.
    got = classify(None, "https://app.example.com/cb?code=sq0cgb-abc123XYZ&state=s1&error=access_denied",
                   provider="square", rulebook=RuleBook())
    assert got.provider_code is None


def test_aliases_resolve() -> None:
    assert resolve_id("squareup") == "square"
    assert resolve_id("Square-Connect") == "square"


def test_square_profile_facts() -> None:
    profile = get_profile("square")
    assert profile.endpoints.authorize.url == "https://connect.squareup.com/oauth2/authorize"
    assert profile.endpoints.token.url == TOKEN_URL
    assert profile.endpoints.revocation.url == "https://connect.squareup.com/oauth2/revoke"
    assert profile.client_auth.body_format == "json"
    assert profile.client_auth.accepted == ["client_secret_post", "none"]
    assert profile.grants.supported == ["authorization_code", "refresh_token"]
    assert (profile.pkce.required, profile.pkce.methods) == ("public_clients", ["S256"])
    policy = profile.token_policy
    assert policy.access_token_lifetime.seconds == 30 * 86400 and policy.access_token_lifetime.basis == "confirmed"
    assert policy.refresh_token_lifetime.seconds is None and "90 days" in policy.refresh_token_lifetime.text
    assert policy.rotation.mode == "optional"
    pinned = "https://github.com/square/connect-api-specification/blob/5733f6624e9a5b930a8426f0e02a6bf7e35c6c0f/"
    assert policy.access_token_lifetime.source.startswith(pinned)


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "square", "--format", "json", "--status", "401",
         square(AUTH, "ACCESS_TOKEN_REVOKED", "The access token has been revoked.")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    # The detail's "revoked" narrows the two candidates to the first (a revocation of the authorization).
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "square", "invalid_token", "token_revoked", "reauth", "ACCESS_TOKEN_REVOKED")
    assert out["basis"] == "confirmed"
