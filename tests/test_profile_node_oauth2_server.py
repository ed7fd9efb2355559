"""node-oauth2-server's profile (providers/node-oauth2-server.yaml): the library's own error messages, read in
node-oauth/node-oauth2-server (lib/handlers, lib/grant-types, lib/errors at 7463db7) and oauthjs/node-oauth2-server
(6d4c987), give the exact class, cause and decision; its bodies and its fixed realm detect it; other servers' bodies
do not match its rules.

Bodies are built the way express-oauth-server renders the library's errors ({error: name, error_description:
message}, the error's own status; an empty 401 for a request without a token), not copied from any reported case.
"""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlencode

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

PID = "node-oauth2-server"


def body(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description})


CASES = [
    # (status, body, class, cause, decision)
    # the application's model and setup: the server's operator fixes them, never the client
    (500, body("invalid_argument", "Invalid argument: model does not implement `getRefreshToken()`"),
     "server_error", "model_method_missing", "fix_config"),
    (500, body("invalid_argument", "Missing parameter: `accessTokenLifetime`"), "server_error",
     "server_setup_incomplete", "fix_config"),
    (503, body("server_error", "Server error: `getAccessToken()` did not return a `user` object"), "server_error",
     "model_returned_invalid_data", "fix_config"),
    (503, body("server_error", "Server error: missing client `grants`"), "server_error",
     "model_returned_invalid_data", "fix_config"),
    (503, body("server_error", "Server error: `refreshTokenExpiresAt` must be a Date instance"), "server_error",
     "model_returned_invalid_data", "fix_config"),
    (503, body("server_error", "Service Unavailable"), "server_error", "ambiguous", "retry"),
    # client authentication and registration
    (400, body("invalid_client", "Invalid client: cannot retrieve client credentials"), "invalid_client",
     "ambiguous", "fix_config"),
    (400, body("invalid_client", "Invalid client: client is invalid"), "invalid_client", "bad_client_credentials",
     "fix_config"),
    (401, body("invalid_client", "Invalid client: client is invalid"), "invalid_client", "bad_client_credentials",
     "fix_config"),
    (400, body("invalid_client", "Invalid client: client credentials are invalid"), "invalid_client",
     "unknown_client_id", "fix_config"),
    (400, body("invalid_client", "Invalid client: missing client `redirectUri`"), "invalid_client",
     "client_registration_incomplete", "fix_config"),
    (400, body("invalid_request", "Missing parameter: `client_secret`"), "invalid_client",
     "client_authentication_missing", "fix_config"),
    (400, body("unauthorized_client", "Unauthorized client: `grant_type` is invalid"), "unauthorized_client",
     "grant_type_not_enabled_for_client", "fix_config"),
    (400, body("invalid_request", "Invalid parameter: `client_id`"), "invalid_request", "parameter_malformed",
     "fix_config"),
    (400, body("invalid_request", "Invalid request: method must be POST"), "invalid_request", "wrong_http_method",
     "fix_config"),
    # the code exchange, redirect URI and PKCE
    (400, body("invalid_grant", "Invalid grant: authorization code is invalid"), "invalid_grant", "ambiguous",
     "reauth"),
    (400, body("invalid_grant", "Invalid grant: authorization code has expired"), "invalid_grant",
     "auth_code_expired", "reauth"),
    (400, body("invalid_request", "Invalid request: `redirect_uri` is invalid"), "redirect_uri_mismatch",
     "redirect_uri_differs_from_authorize", "fix_config"),
    (400, body("invalid_request", "Invalid request: `redirect_uri` is not a valid URI"), "invalid_request",
     "ambiguous", "fix_config"),
    (400, body("invalid_grant", "Invalid grant: `redirect_uri` is not a valid URI"), "server_error",
     "model_returned_invalid_data", "fix_config"),
    (400, body("invalid_client", "Invalid client: `redirect_uri` does not match client value"),
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, body("invalid_grant", "Invalid grant: code verifier is invalid"), "invalid_grant", "ambiguous",
     "fix_config"),
    (400, body("invalid_grant", "Missing parameter: `code_verifier`"), "invalid_grant", "pkce_verifier_missing",
     "fix_config"),
    (400, body("invalid_request", "Invalid parameter: `code_verifier`"), "invalid_request",
     "pkce_verifier_malformed", "fix_config"),
    (400, body("invalid_grant", "Invalid grant: user credentials are invalid"), "invalid_grant", "ambiguous",
     "fix_config"),
    # refresh tokens: rotation is on by default
    (400, body("invalid_grant", "Invalid grant: refresh token is invalid"), "invalid_grant", "ambiguous", "reauth"),
    (400, body("invalid_grant", "Invalid grant: refresh token is invalid or could not be revoked"), "invalid_grant",
     "ambiguous", "reauth"),
    (400, body("invalid_grant", "Invalid grant: refresh token has expired"), "invalid_grant",
     "refresh_token_expired", "reauth"),
    (400, body("invalid_grant", "Invalid grant: refresh token was issued to another client"), "invalid_grant",
     "refresh_token_client_mismatch", "fix_config"),
    (400, body("invalid_scope", "Invalid scope: Unable to add extra scopes"), "invalid_scope",
     "refresh_scope_exceeds_original", "fix_config"),
    # protected resources
    (401, body("invalid_token", "Invalid token: access token has expired"), "invalid_token",
     "access_token_expired", "retry"),
    (401, body("invalid_token", "Invalid token: access token is invalid"), "invalid_token", "ambiguous", "retry"),
    (403, body("insufficient_scope", "Insufficient scope: authorized scope is insufficient"), "insufficient_scope",
     "missing_scope", "fix_config"),
    (401, body("unauthorized_request", "Unauthorized request: no authentication given"), "invalid_request",
     "access_token_missing", "fix_config"),
    (400, body("invalid_request", "Invalid request: malformed authorization header"), "invalid_request",
     "authorization_header_malformed", "fix_config"),
    (400, body("invalid_request", "Invalid request: do not send bearer tokens in query URLs"), "invalid_request",
     "access_token_sent_wrongly", "fix_config"),
    (400, body("invalid_request", "Invalid request: only one authentication method is allowed"), "invalid_request",
     "access_token_sent_wrongly", "fix_config"),
]


@pytest.mark.parametrize(("status", "text", "cls", "cause", "decision"), CASES)
def test_node_oauth2_server_rules(status: int, text: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, text, provider=PID)
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_authorize_error_redirected_to_the_client() -> None:
    query = urlencode({"error": "invalid_request",
                       "error_description": 'Invalid request: `code_challenge_method` "plain" is not allowed; use '
                                            '"S256"', "state": "s1"})
    got = classify(None, f"https://app.example.com/cb?{query}", provider=PID)
    assert (got.failure_class, got.cause, got.decision) == ("invalid_request", "pkce_method_not_allowed",
                                                            "fix_config")


def test_empty_401_with_the_library_realm_is_a_missing_token() -> None:
    got = classify(401, "", headers={"WWW-Authenticate": 'Bearer realm="Service"'}, provider=PID)
    assert (got.failure_class, got.cause, got.decision) == ("invalid_request", "access_token_missing", "fix_config")
    # with an error parameter it is not the missing-token case
    got = classify(401, "", headers={"WWW-Authenticate": 'Bearer realm="Service",error="invalid_token"'},
                   provider=PID)
    assert got.failure_class == "invalid_token"


def test_ambiguous_answers_carry_candidates() -> None:
    def causes(status: int, text: str) -> set[str]:
        return {c["cause"] for c in classify(status, text, provider=PID).to_json()["candidates"]}

    assert {"client_authentication_missing", "public_client_refresh_without_secret", "request_body_not_parsed"} <= \
        causes(400, body("invalid_client", "Invalid client: cannot retrieve client credentials"))
    assert {"refresh_token_reused_after_rotation", "refresh_token_revoked"} <= \
        causes(400, body("invalid_grant", "Invalid grant: refresh token is invalid"))
    assert {"pkce_verifier_mismatch", "pkce_challenge_not_stored"} <= \
        causes(400, body("invalid_grant", "Invalid grant: code verifier is invalid"))
    assert {"resource_owner_credentials_invalid", "client_credentials_user_missing"} <= \
        causes(400, body("invalid_grant", "Invalid grant: user credentials are invalid"))


def test_model_errors_say_the_server_operator_fixes_them() -> None:
    got = classify(500, body("invalid_argument", "Invalid argument: model does not implement `saveToken()`"),
                   provider=PID)
    assert "operator" in (got.summary or "")


@pytest.mark.parametrize("text", [
    body("invalid_grant", "Invalid grant: refresh token is invalid"),
    body("invalid_client", "Invalid client: cannot retrieve client credentials"),
    body("invalid_token", "Invalid token: access token has expired"),
    body("invalid_argument", "Invalid argument: model does not implement `getAccessToken()`"),
    body("server_error", "Server error: `getRefreshToken()` did not return a `user` object"),
])
def test_detected_from_its_body(text: str) -> None:
    assert classify(400, text).to_json()["provider"] == PID


def test_detected_from_its_realm() -> None:
    got = classify(401, "", headers={"WWW-Authenticate": 'Bearer realm="Service"'}).to_json()
    assert (got["provider"], got["cause"]) == (PID, "access_token_missing")


def test_other_servers_bodies_do_not_match() -> None:
    keycloak = body("invalid_grant", "Token is not active")
    league = json.dumps({"error": "invalid_grant", "error_description": "The refresh token is invalid.",
                         "hint": "Token has been revoked"})
    guzzle = "Server error: `GET https://api.example.com/v1/me` resulted in a `503 Service Unavailable` response"
    for status, text in ((400, keycloak), (400, league), (503, guzzle)):
        assert classify(status, text).to_json()["provider"] != PID
    # another provider's body given to this profile matches none of its rules: the generic answer, no rule basis
    got = classify(400, keycloak, provider=PID).to_json()
    assert (got["class"], got["decision"], got["basis"]) == ("invalid_grant", "reauth", None)


def test_alias_resolves() -> None:
    for alias in ("oauth2-server", "@node-oauth/oauth2-server", "express-oauth-server", "oauthjs"):
        assert resolve_id(alias) == PID


def test_profile_facts() -> None:
    profile = get_profile(PID)
    assert profile.kind == "server"
    assert profile.endpoints.hosts == []
    policy = profile.token_policy
    assert policy.access_token_lifetime is not None and policy.access_token_lifetime.seconds == 3600
    assert policy.refresh_token_lifetime is not None and policy.refresh_token_lifetime.seconds == 14 * 24 * 3600
    assert policy.rotation is not None and policy.rotation.mode == "always" and not policy.rotation.reuse_detection
    assert profile.pkce.supported and profile.pkce.methods == ["S256"]
    assert set(profile.grants.supported) == {"authorization_code", "refresh_token", "client_credentials", "password"}
    assert any("5 minutes" in q.text for q in profile.quirks)


def test_cli_explain_end_to_end() -> None:
    text = body("invalid_grant", "Invalid grant: refresh token has expired")
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "oauth2-server", "--status",
                           "400", "--format", "json", text], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"]) == (
        "invalid_grant", "refresh_token_expired", "reauth", PID)


def test_a_google_api_invalid_argument_status_is_not_taken_for_node_oauth2_server() -> None:
    """node-oauth2-server's error name sits in the top-level error field; Google's INVALID_ARGUMENT is a status."""
    google = ('{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":'
              '"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}')
    assert classify(400, google).provider == "google"
    assert classify(500, '{"error":"invalid_argument","error_description":"Missing parameter: `model`"}').provider == (
        "node-oauth2-server")
