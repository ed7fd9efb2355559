"""league/oauth2-server's profile (providers/league-oauth2-server.yaml, also Laravel Passport): its error payload
({error, error_description, hint}, before 9.0 also message) detects it, and the reason in ``hint`` gives the exact
class, cause and decision; other servers' bodies do not match its rules.

Bodies are built from the library's own exception factories and hints (src/Exception/OAuthServerException.php,
src/Grant/*.php, src/AuthorizationValidators/BearerTokenValidator.php at thephpleague/oauth2-server@9d2f6fc and
8.5.4) and Passport's own messages (laravel/passport@6594120), not copied from any reported case.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify

INVALID_REQUEST = ("The request is missing a required parameter, includes an invalid parameter value, includes a "
                   "parameter more than once, or is otherwise malformed.")
INVALID_GRANT = ("The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh "
                 "token is invalid, expired, revoked, does not match the redirection URI used in the authorization "
                 "request, or was issued to another client.")
DENIED = "The resource owner or authorization server denied the request."
REFRESH = "The refresh token is invalid."


def league(error: str, description: str, hint: str | None = None, *, legacy: bool = False) -> str:
    """league's payload; ``legacy`` adds 8.x's ``message`` copy of the description."""
    body = {"error": error, "error_description": description}
    if hint is not None:
        body["hint"] = hint
    if legacy:
        body["message"] = description
    return json.dumps(body)


CASES = [
    # (status, body, class, cause, decision)
    # resource server: access_denied 401 with the reason in hint
    (401, league("access_denied", DENIED, "Access token could not be verified"), "invalid_token", "ambiguous",
     "fix_config"),
    (401, league("access_denied", DENIED, "Access token has been revoked"), "invalid_token", "ambiguous", "reauth"),
    (401, league("access_denied", DENIED, "The JWT string must have two dots"), "invalid_token",
     "access_token_malformed", "fix_config"),
    (401, league("access_denied", DENIED, "Error while decoding from JSON"), "invalid_token", "access_token_malformed",
     "fix_config"),
    # authorization endpoint
    (401, league("invalid_client", "Client authentication failed"), "invalid_client", "ambiguous", "fix_config"),
    (None, "https://app.example.com/cb?state=s1&error=access_denied&error_description=The+resource+owner+or+"
           "authorization+server+denied+the+request.&hint=Unauthenticated", "interaction_required", "login_required",
     "reauth"),
    (None, "https://app.example.com/cb?error=access_denied&error_description=The+resource+owner+or+authorization+"
           "server+denied+the+request.&hint=The+user+denied+the+request&state=s1", "access_denied", "ambiguous",
     "reauth"),
    # token endpoint: client, request shape, PKCE, the code
    (400, league("invalid_request", INVALID_REQUEST, "Check the `client_secret` parameter"), "invalid_client",
     "client_authentication_missing", "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "Check the `redirect_uri` parameter"), "invalid_request",
     "missing_parameter", "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "Check the `refresh_token` parameter"), "invalid_request",
     "missing_parameter", "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "Invalid redirect URI"), "redirect_uri_mismatch",
     "redirect_uri_differs_from_authorize", "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "Check the `code_verifier` parameter"), "invalid_request",
     "pkce_verifier_missing", "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "code_verifier received when no code_challenge is present"),
     "invalid_request", "pkce_challenge_missing", "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "Code Verifier must follow the specifications of RFC-7636."),
     "invalid_request", "pkce_verifier_malformed", "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "Code challenge must follow the specifications of RFC-7636."),
     "invalid_request", "pkce_challenge_malformed", "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "Code challenge method must be one of `S256`, `plain`"),
     "invalid_request", "pkce_method_not_supported", "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "Code challenge must be provided for public clients"),
     "invalid_request", "pkce_challenge_missing", "fix_config"),
    (400, league("invalid_grant", INVALID_GRANT, "Authorization code has been revoked"), "invalid_grant",
     "auth_code_reused", "reauth"),
    (400, league("invalid_grant", INVALID_GRANT, "Cannot validate the provided authorization code"), "invalid_grant",
     "ambiguous", "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "Issue decrypting the authorization code"), "invalid_request",
     "auth_code_malformed", "fix_config"),
    # refresh_token grant, 9.x (invalid_grant 400) and 8.x (invalid_request 401 with message)
    (400, league("invalid_grant", REFRESH, "Cannot decrypt the refresh token"), "invalid_grant", "ambiguous",
     "fix_config"),
    (401, league("invalid_request", REFRESH, "Cannot decrypt the refresh token", legacy=True), "invalid_grant",
     "ambiguous", "fix_config"),
    (400, league("invalid_grant", REFRESH, "Token has expired"), "invalid_grant", "refresh_token_expired", "reauth"),
    (401, league("invalid_request", REFRESH, "Token has expired", legacy=True), "invalid_grant",
     "refresh_token_expired", "reauth"),
    (400, league("invalid_grant", REFRESH, "Token has been revoked"), "invalid_grant", "ambiguous", "reauth"),
    (401, league("invalid_request", REFRESH, legacy=True), "invalid_grant", "refresh_token_invalid", "reauth"),
    # other grants
    (400, league("invalid_grant", "The user credentials were incorrect."), "invalid_grant",
     "resource_owner_credentials_invalid", "fix_config"),
    (400, league("unsupported_grant_type", "The authorization grant type is not supported by the authorization server.",
                 "Check that all required parameters have been provided"), "unsupported_grant_type", "ambiguous",
     "fix_config"),
    (400, league("invalid_scope", "The requested scope is invalid, unknown, or malformed",
                 "Specify a scope in the request or set a default scope"), "invalid_scope", "scope_missing",
     "fix_config"),
    (400, league("invalid_request", INVALID_REQUEST, "Device code has been revoked"), "invalid_grant",
     "device_code_revoked", "reauth"),
    # Laravel Passport's own messages and the server's keys
    (403, json.dumps({"message": "Invalid scope(s) provided."}), "insufficient_scope", "missing_scope", "fix_config"),
    (500, "RuntimeException: Personal access client not found. Please create one.", "server_error",
     "personal_access_client_missing", "fix_config"),
    (500, 'LogicException: Key path "file:///var/www/app/storage/oauth-private.key" does not exist or is not '
          "readable", "server_error", "server_keys_missing", "fix_config"),
    (500, "LogicException: Invalid key supplied", "server_error", "server_keys_missing", "fix_config"),
    (403, json.dumps({"message": "The provided auth token for the request is different from the session auth token."}),
     "invalid_request", "state_or_session_lost", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_league_rules(status: int | None, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="league-oauth2-server")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_ambiguous_answers_name_the_league_causes() -> None:
    def causes(status: int, body: str) -> dict[str, str | None]:
        got = classify(status, body, provider="passport").to_json()
        return {c["cause"]: c.get("decision") for c in got["candidates"]}

    verified = causes(401, league("access_denied", DENIED, "Access token could not be verified"))
    assert verified == {"token_signature_invalid": "fix_config", "access_token_expired": "retry",
                        "clock_skew": "fix_config"}
    client = causes(401, league("invalid_client", "Client authentication failed"))
    assert {"bad_client_secret", "unknown_client_id", "redirect_uri_not_registered", "client_not_allowed_grant"} \
        == set(client)
    refresh = causes(400, league("invalid_grant", REFRESH, "Cannot decrypt the refresh token"))
    assert refresh["encryption_key_changed"] == "reauth"
    assert refresh["refresh_token_malformed"] == "fix_config"
    revoked = causes(401, league("access_denied", DENIED, "Access token has been revoked"))
    assert revoked == {"token_revoked": "reauth", "access_token_superseded_by_refresh": "fix_config"}
    rotated = causes(400, league("invalid_grant", REFRESH, "Token has been revoked"))
    assert rotated == {"refresh_token_reused_after_rotation": "fix_config", "refresh_token_revoked": "reauth"}


@pytest.mark.parametrize("body", [
    league("access_denied", DENIED, "Access token could not be verified"),
    league("invalid_grant", REFRESH, "Cannot decrypt the refresh token"),
    league("slow_down", "The authorization request is still pending and polling should continue, but the interval "
                        "MUST be increased by 5 seconds for this and all subsequent requests.", ""),
    league("invalid_client", "Client authentication failed"),
    league("invalid_client", "Client authentication failed", legacy=True),
    "RuntimeException: Personal access client not found. Please create one.",
])
def test_league_detected_from_its_body(body: str) -> None:
    assert classify(400, body).to_json()["provider"] == "league-oauth2-server"


def test_league_not_detected_from_other_servers_bodies() -> None:
    # oidc-provider's lower-case invalid_client and fosite's error_hint are not league's payload.
    oidc_provider = json.dumps({"error": "invalid_client", "error_description": "client authentication failed"})
    fosite = json.dumps({"error": "invalid_grant", "error_description": INVALID_GRANT,
                         "error_hint": "The refresh token has expired."})
    assert classify(401, oidc_provider).to_json()["provider"] != "league-oauth2-server"
    assert classify(400, fosite).to_json()["provider"] != "league-oauth2-server"


def test_other_servers_texts_fall_through_league_rules() -> None:
    # Keycloak's dead session under --provider league: no league rule matches, the generic layers answer.
    got = classify(400, json.dumps({"error": "invalid_grant", "error_description": "Token is not active"}),
                   provider="league")
    assert got.basis is None  # no league rule answered
    assert got.cause not in {"refresh_token_expired", "auth_code_reused"}
    assert got.decision == "reauth"
    # An API's plain expired-token answer is not league's "could not be verified".
    api = classify(401, json.dumps({"error": "invalid_token", "error_description": "The access token expired"}),
                   provider="league")
    assert api.basis is None
    assert (api.failure_class, api.decision) == ("invalid_token", "retry")


def test_redirect_rule_loopback_ip_any_port_but_not_localhost() -> None:
    def accepted(registered: str, sent: str) -> bool:
        proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "diff-redirect", "--provider", "league",
                               "--format", "json", registered, sent], capture_output=True, text=True, check=False)
        return json.loads(proc.stdout)["accepted"]

    assert accepted("http://127.0.0.1:8080/cb", "http://127.0.0.1:5000/cb")
    assert accepted("http://[::1]/cb", "http://[::1]:5000/cb")
    assert not accepted("http://localhost:8080/cb", "http://localhost:5000/cb")
    assert not accepted("https://app.example.com/cb", "https://app.example.com/cb/")


def test_cli_explain_end_to_end() -> None:
    body = league("invalid_grant", REFRESH, "Token has expired")
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "laravel-passport",
                           "--status", "400", "--format", "json", body], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"]) == (
        "invalid_grant", "refresh_token_expired", "reauth", "league-oauth2-server")
