"""Supabase Auth (GoTrue) profile: its error bodies as the server builds them, read in supabase/auth's own code.

Bodies are rebuilt from the messages and codes in internal/tokens/service.go, internal/api/auth.go, token.go,
external*.go and middleware.go (both JSON shapes of internal/api/errors.go, the pre-2024-11 invalid_grant shape
of the refresh grant, and the callback redirect of external.go's redirectErrors), not copied from any report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id
from oauthdoctor.redirect import compare

ROOT = Path(__file__).resolve().parents[1]


def legacy(status: int, code: str, msg: str) -> str:
    """The default body: HTTP status as code, error_code and msg (apierrors.HTTPError)."""
    return json.dumps({"code": status, "error_code": code, "msg": msg})


def v2024(code: str, message: str) -> str:
    """The body for X-Supabase-Api-Version 2024-01-01: the error code as code, and message."""
    return json.dumps({"code": code, "message": message})


def callback(error: str, code: str, description: str) -> str:
    """A sign-in error redirected back to the app: query and fragment, with the empty sb marker."""
    from urllib.parse import urlencode

    query = urlencode({"error": error, "error_code": code, "error_description": description})
    return f"http://localhost:3000/?{query}#{query}&sb="


CASES = [
    # (status, body, class, cause, decision)
    # The refresh grant: rotation, reuse detection and session ends.
    (400, legacy(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used"),
     "invalid_grant", "refresh_token_reused_after_rotation", "reauth"),
    (400, legacy(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"),
     "invalid_grant", "ambiguous", "reauth"),
    (400, json.dumps({"error": "invalid_grant", "error_description": "Invalid Refresh Token: Already Used"}),
     "invalid_grant", "refresh_token_reused_after_rotation", "reauth"),
    (400, v2024("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"),
     "invalid_grant", "ambiguous", "reauth"),
    (400, legacy(400, "session_expired", "Invalid Refresh Token: Session Expired (Inactivity)"),
     "invalid_grant", "refresh_token_inactive", "reauth"),
    (400, legacy(400, "session_expired", "Invalid Refresh Token: Session Expired (Revoked by Newer Login)"),
     "invalid_grant", "session_revoked_by_newer_login", "reauth"),
    (400, legacy(400, "session_expired", "Invalid Refresh Token: Session Expired (Low AAL: User Needs MFA "
                 "Verification)"), "interaction_required", "mfa_required", "reauth"),
    (400, legacy(400, "session_expired", "Invalid Refresh Token: Session Expired"),
     "invalid_grant", "session_expired", "reauth"),
    (400, legacy(400, "user_banned", "Invalid Refresh Token: User Banned"),
     "access_denied", "account_disabled", "fix_config"),
    (400, legacy(400, "validation_failed", "Refresh token is not valid"),
     "invalid_grant", "refresh_token_malformed", "fix_config"),
    # Access tokens refused (bad_jwt wraps golang-jwt's text).
    (403, legacy(403, "bad_jwt", "invalid JWT: unable to parse or verify signature, token has invalid claims: "
                 "token is expired"), "invalid_token", "access_token_expired", "retry"),
    (403, legacy(403, "bad_jwt", "invalid JWT: unable to parse or verify signature, token signature is invalid: "
                 "signature is invalid"), "invalid_token", "token_signature_invalid", "fix_config"),
    (403, legacy(403, "bad_jwt", "invalid JWT: unable to parse or verify signature, token is malformed: token "
                 "contains an invalid number of segments"), "invalid_token", "access_token_malformed", "fix_config"),
    (403, legacy(403, "bad_jwt", "invalid claim: missing sub claim"), "invalid_token", "wrong_token_type",
     "fix_config"),
    (403, legacy(403, "bad_jwt", "Invalid token"), "invalid_token", "ambiguous", "retry"),
    (401, legacy(401, "no_authorization", "This endpoint requires a valid Bearer token"),
     "invalid_request", "access_token_missing", "fix_config"),
    (403, legacy(403, "session_not_found", "Session from session_id claim in JWT does not exist"),
     "invalid_token", "session_not_found", "reauth"),
    (403, legacy(403, "not_admin", "User not allowed"), "insufficient_scope", "missing_permission", "fix_config"),
    # Password sign-in, the OAuth server's client authentication, an unknown grant.
    (400, legacy(400, "invalid_credentials", "Invalid login credentials"), "invalid_grant", "ambiguous",
     "fix_config"),
    (400, legacy(400, "invalid_credentials", "invalid authentication method: client is registered for "
                 "'client_secret_basic' but 'client_secret_post' was used"),
     "invalid_client", "bad_client_credentials", "fix_config"),
    (400, legacy(400, "invalid_credentials", "unsupported_grant_type"), "unsupported_grant_type",
     "grant_type_not_supported", "fix_config"),
    (400, legacy(400, "email_not_confirmed", "Email not confirmed"), "access_denied", "email_not_confirmed",
     "reauth"),
    # PKCE sign-in (exchangeCodeForSession).
    (404, legacy(404, "flow_state_not_found", "invalid flow state, no valid flow state found"),
     "invalid_grant", "ambiguous", "reauth"),
    (422, legacy(422, "flow_state_expired", "invalid flow state, flow state has expired"),
     "invalid_grant", "auth_code_expired", "reauth"),
    (400, legacy(400, "bad_code_verifier", "code challenge does not match previously saved code verifier"),
     "invalid_grant", "pkce_verifier_mismatch", "fix_config"),
    (400, legacy(400, "validation_failed", "invalid request: both auth code and code verifier should be non-empty"),
     "invalid_request", "pkce_verifier_missing", "fix_config"),
    # The social sign-in callback: an upstream provider's failure seen through Supabase.
    (None, callback("server_error", "unexpected_failure", "Unable to exchange external code: 4/0A"),
     "invalid_client", "ambiguous", "fix_config"),
    (None, callback("server_error", "unexpected_failure", "Error getting user email from external provider"),
     "invalid_scope", "upstream_email_missing", "fix_config"),
    (None, callback("access_denied", "signup_disabled", "Signups not allowed for this instance"),
     "access_denied", "signups_disabled", "fix_config"),
    (None, callback("access_denied", "otp_expired", "Email link is invalid or has expired"),
     "invalid_grant", "ambiguous", "reauth"),
    (400, legacy(400, "bad_oauth_state", "OAuth state has expired"), "invalid_request", "login_attempt_expired",
     "retry"),
    (400, legacy(400, "bad_oauth_state", "OAuth state parameter is invalid"), "invalid_request",
     "state_or_session_lost", "fix_config"),
    (400, legacy(400, "oauth_provider_not_supported", "Unsupported provider: provider is not enabled"),
     "unauthorized_client", "sign_in_provider_disabled", "fix_config"),
    (500, legacy(500, "unexpected_failure", "Database error saving new user"), "server_error", "ambiguous",
     "fix_config"),
    # Rate limits.
    (429, legacy(429, "over_request_rate_limit", "Request rate limit reached"), "rate_limited",
     "rate_limit_exceeded", "retry"),
    (429, v2024("over_email_send_rate_limit", "email rate limit exceeded"), "rate_limited",
     "email_send_rate_limit", "retry"),
    # Supabase Auth as OAuth 2.1 provider.
    (400, json.dumps({"error": "invalid_grant", "error_description": "Authorization code was not issued for this "
                      "client"}), "invalid_grant", "grant_issued_for_other_client_or_endpoint", "fix_config"),
    (400, legacy(400, "validation_failed", "invalid redirect_uri"), "redirect_uri_mismatch",
     "redirect_uri_not_registered", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "klass", "cause", "decision"), CASES)
def test_supabase_bodies_classify_exactly(status: int | None, body: str, klass: str, cause: str,
                                          decision: str) -> None:
    got = classify(status, body, provider="supabase")
    assert (got.failure_class, got.cause, got.decision) == (klass, cause, decision)


def test_refresh_token_not_found_names_its_candidates() -> None:
    got = classify(400, legacy(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"),
                   provider="supabase").to_json()
    assert [c["cause"] for c in got["candidates"]] == [
        "refresh_token_revoked", "token_for_other_environment", "refresh_token_malformed"]
    assert got["provider_code"] == "refresh_token_not_found"


def test_upstream_code_exchange_failure_lists_the_upstream_causes() -> None:
    got = classify(None, callback("server_error", "unexpected_failure", "Unable to exchange external code: 4/0A"),
                   provider="supabase").to_json()
    assert [c["cause"] for c in got["candidates"]] == [
        "bad_client_secret", "redirect_uri_not_registered", "auth_code_reused", "idp_transient_outage"]
    assert got["basis"] == "heuristic"


@pytest.mark.parametrize("body", [
    legacy(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used"),
    v2024("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"),
    json.dumps({"error": "invalid_grant", "error_description": "Invalid Refresh Token: Refresh Token Not Found"}),
    callback("access_denied", "otp_expired", "Email link is invalid or has expired"),
    callback("server_error", "unexpected_failure", "Unable to exchange external code: 4/0A"),
])
def test_supabase_is_detected_from_its_body(body: str) -> None:
    assert classify(400, body).provider == "supabase"


def test_supabase_is_detected_from_the_project_host() -> None:
    got = classify(400, json.dumps({"error": "invalid_grant", "error_description": "refresh token revoked"}),
                   url="https://abcdefghijklmnopqrst.supabase.co/auth/v1/token?grant_type=refresh_token")
    assert got.provider == "supabase"


@pytest.mark.parametrize(("body", "provider"), [
    # Another provider's code and message: neither the refresh rules nor the signatures may take them.
    (json.dumps({"error": "invalid_grant", "error_description": "Stale token"}), "keycloak"),
    (json.dumps({"error": {"error_code": 5, "error_msg": "User authorization failed: invalid access_token."}}),
     None),
    (json.dumps({"code": 124, "message": "Invalid access token."}), None),
])
def test_other_bodies_are_not_supabase(body: str, provider: str | None) -> None:
    got = classify(400, body, provider=provider).to_json()
    assert got["provider"] != "supabase"
    assert not any("supabase" in ref for ref in got["references"])
    assert "Supabase" not in (got["summary"] or "")


def test_aliases_and_profile_facts() -> None:
    assert resolve_id("gotrue") == "supabase"
    assert resolve_id("supabase-auth") == "supabase"
    profile = get_profile("supabase")
    policy = profile.token_policy
    assert policy.access_token_lifetime is not None and policy.access_token_lifetime.seconds == 3600
    assert policy.rotation is not None and policy.rotation.mode == "always" and policy.rotation.reuse_detection
    assert profile.pkce.required == "always"


def test_oauth_server_redirect_is_exact_and_required() -> None:
    assert compare(["https://app.example.com/cb"], "https://app.example.com/cb", provider="supabase").accepted
    assert not compare(["http://localhost:3000/cb"], "http://localhost:3001/cb", provider="supabase").accepted
    assert not compare(["https://app.example.com/cb"], "https://app.example.com/cb/", provider="supabase").accepted
    assert not compare(["https://app.example.com/cb"], None, provider="supabase").accepted


def test_explain_cli_end_to_end(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    body = legacy(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used")
    run = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "gotrue", "--format", "json",
                          "--status", "400", body], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert (got["provider"], got["class"], got["cause"], got["decision"]) == (
        "supabase", "invalid_grant", "refresh_token_reused_after_rotation", "reauth")
    assert got["provider_code"] == "refresh_token_already_used"


def test_supabase_is_detected_by_its_error_code_header_whatever_the_body() -> None:
    """curl -i output: the x-sb-error-code header names Supabase even where the body is a bare message."""
    result = classify(None, 'HTTP/1.1 401 Unauthorized\r\nx-sb-error-code: bad_jwt\r\n\r\n{"message":"invalid JWT"}')
    assert result.provider == "supabase"
    assert classify(401, '{"message":"invalid JWT"}').provider is None


@pytest.mark.parametrize(("text", "cause"), [
    ("AuthApiError: Email not confirmed", "email_not_confirmed"),
    ("AuthRetryableFetchError: Failed to fetch", "network_error"),
])
def test_supabase_js_error_classes_name_the_provider(text: str, cause: str) -> None:
    r = classify(None, text)
    assert (r.provider, r.cause) == ("supabase", cause)


def test_a_class_name_that_only_ends_like_supabases_is_not_claimed() -> None:
    assert classify(None, "OAuthApiError: request failed").provider != "supabase"
