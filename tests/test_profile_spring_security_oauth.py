"""The legacy spring-security-oauth2 profile (providers/spring-security-oauth.yaml): the texts its token services,
granters, endpoints and Spring Security's translated failures put in error_description give the exact class, cause
and decision; its bodies and headers detect it; other servers' bodies do not match its rules.

Bodies are built from the project's own exception classes and messages (spring-attic/spring-security-oauth at
0344de8, and 2.5.1.RELEASE 3f33a89 for the texts that still carried a token, code or URI), not copied from any case.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify

PID = "spring-security-oauth"


def body(error: str, description: str, **extra: str) -> str:
    """OAuth2ExceptionJackson2Serializer: error, error_description, then any additional information."""
    return json.dumps({"error": error, "error_description": description, **extra})


def whitelabel(error: str, description: str) -> str:
    """WhitelabelErrorEndpoint: the OAuth2Exception summary, HTML-escaped, under an 'OAuth Error' heading."""
    summary = f'error=&quot;{error}&quot;, error_description=&quot;{description}&quot;'
    return f"<html><body><h1>OAuth Error</h1><p>{summary}</p></body></html>"


CASES = [
    # (status, body, class, cause, decision)
    # refresh grant (DefaultTokenServices.refreshAccessToken)
    (401, body("invalid_token", "Invalid refresh token (expired): eyJhbGciOiJIUzI1NiJ9.e30.x"), "invalid_grant",
     "refresh_token_expired", "reauth"),
    (401, body("invalid_token", "Invalid refresh token (expired)"), "invalid_grant", "refresh_token_expired", "reauth"),
    (400, body("invalid_grant", "Invalid refresh token: 8d1f0c4e-2b7a-4c55-9d0e-111111111111"), "invalid_grant",
     "ambiguous", "reauth"),
    (400, body("invalid_grant", "Invalid refresh token"), "invalid_grant", "ambiguous", "reauth"),
    (400, body("invalid_grant", "Wrong client for this refresh token"), "invalid_grant", "token_for_other_client",
     "fix_config"),
    (401, body("invalid_token", "Encoded token is not a refresh token"), "invalid_grant", "wrong_token_type",
     "fix_config"),
    (400, body("invalid_scope", "Unable to narrow the scope of the client authentication to [admin].", scope="read"),
     "invalid_scope", "scope_not_allowed", "fix_config"),
    # resource server (DefaultTokenServices.loadAuthentication, JwtAccessTokenConverter, OAuth2AuthenticationManager)
    (401, body("invalid_token", "Access token expired: 0b5c8f3e-1c2d-4e5f-8a9b-222222222222"), "invalid_token",
     "access_token_expired", "retry"),
    (401, body("invalid_token", "Access token expired"), "invalid_token", "access_token_expired", "retry"),
    (401, body("invalid_token", "Invalid access token: 0b5c8f3e-1c2d-4e5f-8a9b-333333333333"), "invalid_token",
     "ambiguous", "retry"),
    (401, body("invalid_token", "Invalid access token"), "invalid_token", "ambiguous", "retry"),
    (401, body("invalid_token", "Cannot convert access token to JSON"), "invalid_token", "ambiguous", "fix_config"),
    (401, body("invalid_token", "Encoded token is a refresh token"), "invalid_token", "wrong_token_type", "fix_config"),
    (401, body("invalid_token", "Invalid Issuer (iss) claim: https://other.example.com"), "invalid_token",
     "token_from_other_issuer", "fix_config"),
    (401, body("invalid_token", "Client not valid: legacy-app"), "invalid_token", "unknown_client_id", "fix_config"),
    (403, body("access_denied", "Invalid token does not contain resource id (oauth2-resource)"), "invalid_token",
     "token_for_wrong_audience", "fix_config"),
    (403, body("insufficient_scope", "Insufficient scope for this resource", scope="write"), "insufficient_scope",
     "missing_scope", "fix_config"),
    (403, body("access_denied", "Access is denied"), "access_denied", "missing_permission", "fix_config"),
    (401, body("unauthorized", "Full authentication is required to access this resource"), "invalid_request",
     "ambiguous", "fix_config"),
    # token endpoint: client authentication and the request
    (401, body("invalid_client", "Bad client credentials"), "invalid_client", "bad_client_credentials", "fix_config"),
    (401, body("unauthorized", "Bad credentials"), "invalid_client", "bad_client_credentials", "fix_config"),
    (401, body("unauthorized", "There is no client authentication. Try adding an appropriate authentication filter."),
     "invalid_client", "client_authentication_missing", "fix_config"),
    (401, body("invalid_client", "Given client ID does not match authenticated client"), "invalid_client",
     "client_id_mismatch_in_request", "fix_config"),
    (401, body("invalid_client", "Unauthorized grant type: client_credentials"), "unauthorized_client",
     "grant_type_not_enabled_for_client", "fix_config"),
    (400, body("unsupported_grant_type", "Unsupported grant type: password"), "unsupported_grant_type",
     "grant_type_not_supported", "fix_config"),
    (400, body("invalid_request", "Missing grant type"), "invalid_request", "missing_parameter", "fix_config"),
    (400, body("invalid_request", "refresh_token parameter not provided"), "invalid_request", "refresh_token_missing",
     "fix_config"),
    (405, body("method_not_allowed", "Request method 'GET' not supported"), "invalid_request", "wrong_http_method",
     "fix_config"),
    # code and password grants
    (400, body("invalid_grant", "Invalid authorization code: Xy12Ab"), "invalid_grant", "ambiguous", "reauth"),
    (400, body("invalid_grant", "Invalid authorization code"), "invalid_grant", "ambiguous", "reauth"),
    (400, body("invalid_grant", "Redirect URI mismatch."), "redirect_uri_mismatch",
     "redirect_uri_differs_from_authorize", "fix_config"),
    (400, body("invalid_grant", "Bad credentials"), "invalid_grant", "resource_owner_credentials_invalid",
     "fix_config"),
    (400, body("invalid_grant", "User account is locked"), "invalid_grant", "account_disabled", "fix_config"),
    (400, body("invalid_grant", "User is disabled"), "invalid_grant", "account_disabled", "fix_config"),
    (400, body("invalid_scope", "Invalid scope: admin", scope="read write"), "invalid_scope", "scope_not_allowed",
     "fix_config"),
    # authorization endpoint: redirected errors and the whitelabel page
    (400, body("invalid_grant", "Invalid redirect: https://app.example.com/cb2 does not match one of the registered "
                                "values."), "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (None, whitelabel("invalid_grant", "Invalid redirect uri does not match one of the registered values."),
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (None, whitelabel("invalid_request", "At least one redirect_uri must be registered with the client."),
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (None, whitelabel("invalid_grant", "A redirect_uri can only be used by implicit or authorization_code grant "
                                       "types."), "unauthorized_client", "grant_type_not_enabled_for_client",
     "fix_config"),
    (None, "https://app.example.com/cb?error=access_denied&error_description=User+denied+access&state=s1",
     "access_denied", "user_denied_consent", "reauth"),
    (None, "https://app.example.com/cb?error=unsupported_response_type&error_description=Unsupported+response+types"
           "%3A+%5Bid_token%5D&state=s1", "unsupported_response_type", "response_type_not_allowed_for_client",
     "fix_config"),
    (401, body("unauthorized", "User must be authenticated with Spring Security before authorization can be "
                               "completed."), "invalid_request", "login_not_configured", "fix_config"),
]


@pytest.mark.parametrize(("status", "text", "cls", "cause", "decision"), CASES)
def test_spring_security_oauth_rules(status: int | None, text: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, text, provider=PID)
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_ambiguous_answers_carry_candidates_that_tell_apart() -> None:
    refresh = classify(400, body("invalid_grant", "Invalid refresh token"), provider="spring-security-oauth2").to_json()
    assert {"refresh_token_reused_after_rotation", "token_store_not_shared", "refresh_not_supported"} <= {
        c["cause"] for c in refresh["candidates"]}
    access = classify(401, body("invalid_token", "Invalid access token"), provider="spring-oauth2-legacy").to_json()
    assert {"token_superseded_by_refresh", "token_store_not_shared"} <= {c["cause"] for c in access["candidates"]}
    missing = classify(401, body("unauthorized", "Full authentication is required to access this resource"),
                       provider=PID).to_json()
    assert {"access_token_missing", "client_authentication_missing"} <= {c["cause"] for c in missing["candidates"]}


def test_token_endpoint_basic_realm_header_makes_unauthorized_a_client_failure() -> None:
    headers = {"WWW-Authenticate": 'Basic realm="oauth2/client"'}
    got = classify(401, body("unauthorized", "Full authentication is required to access this resource"),
                   headers=headers, provider=PID)
    assert (got.failure_class, got.cause, got.decision) == ("invalid_client", "bad_client_credentials", "fix_config")


@pytest.mark.parametrize(("status", "text", "headers"), [
    (401, body("invalid_token", "Invalid access token: 0b5c8f3e-1c2d-4e5f-8a9b-333333333333"), None),
    (401, body("invalid_token", "Invalid refresh token (expired)"), None),
    (401, body("invalid_client", "Bad client credentials"), None),
    (401, body("unauthorized", "Full authentication is required to access this resource"), None),
    (401, body("invalid_token", "Cannot convert access token to JSON"), None),
    (401, '{"error":"invalid_token"}',
     {"WWW-Authenticate": 'Bearer realm="oauth2-resource", error="invalid_token", error_description="x"'}),
])
def test_detected_from_its_body_or_headers(status: int, text: str, headers: dict[str, str] | None) -> None:
    assert classify(status, text, headers=headers).to_json()["provider"] == PID


def test_not_detected_from_other_servers_bodies() -> None:
    keycloak = body("invalid_grant", "Token is not active")
    spring_as = json.dumps({"error": "invalid_request", "error_description": "OAuth 2.0 Parameter: grant_type",
                            "error_uri": "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2"})
    assert classify(400, keycloak).to_json()["provider"] != PID
    assert classify(400, spring_as).to_json()["provider"] != PID


def test_other_servers_texts_fall_through_its_rules() -> None:
    # Keycloak's dead session under this profile: no rule of it matches, the generic layers answer.
    got = classify(400, body("invalid_grant", "Token is not active"), provider=PID)
    assert got.cause not in {"refresh_token_expired", "ambiguous"} or got.decision == "reauth"
    assert got.decision == "reauth"
    # Spring Authorization Server's bare invalid_client is not the legacy 'Bad client credentials' text.
    sas = classify(401, json.dumps({"error": "invalid_client"}), provider=PID)
    assert sas.failure_class == "invalid_client" and sas.cause != "client_authentication_missing"


def test_cli_explain_end_to_end() -> None:
    text = body("invalid_token", "Invalid refresh token (expired): eyJhbGciOiJIUzI1NiJ9.e30.x")
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", PID, "--status", "401",
                           "--format", "json", text], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"]) == (
        "invalid_grant", "refresh_token_expired", "reauth", PID)
