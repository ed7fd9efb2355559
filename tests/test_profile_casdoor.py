"""Casdoor's profile (providers/casdoor.yaml): the token endpoint's descriptions and the sign-in page's and bearer
filter's messages, read in casdoor/casdoor's code, give the exact class, cause and decision; its bodies detect it;
other servers' bodies do not match its rules.

Bodies are built from Casdoor's own error texts (object/token_oauth.go, object/token_oauth_util.go,
controllers/token.go, controllers/auth.go, routers/auto_signin_filter.go at casdoor/casdoor@e6b2338), not copied
from any reported case.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify


def token_error(error: str, description: str | None = None) -> str:
    body = {"error": error}
    if description is not None:
        body["error_description"] = description
    return json.dumps(body)


def envelope(msg: str) -> str:
    """Casdoor's API answer (HTTP 200): status, msg, sub, name, data, data2, data3."""
    return json.dumps({"status": "error", "msg": msg, "sub": "", "name": "", "data": None, "data2": None,
                       "data3": None})


CASES = [
    # (status, body, class, cause, decision)
    # client authentication
    (401, token_error("invalid_client", "client_id is invalid"), "invalid_client", "unknown_client_id", "fix_config"),
    (401, token_error("invalid_client", "Invalid application or wrong clientSecret"), "invalid_client", "ambiguous",
     "fix_config"),
    (401, token_error("invalid_client", "client_secret is invalid for application: [admin/app-shop], "
                                        "token.CodeChallenge: empty"), "invalid_client", "bad_client_secret",
     "fix_config"),
    (401, token_error("invalid_client", "client_secret is invalid"), "invalid_client", "bad_client_secret",
     "fix_config"),
    (401, token_error("invalid_client", "client_assertion is invalid"), "invalid_client", "assertion_invalid",
     "fix_config"),
    (401, token_error("invalid_client", "client_id does not match the device authorization request"),
     "invalid_client", "client_id_mismatch_in_request", "fix_config"),
    # grant type and parameters
    (400, token_error("unsupported_grant_type", "grant_type: client_credentials is not supported in this application"),
     "unsupported_grant_type", "grant_type_not_enabled_for_client", "fix_config"),
    (400, token_error("unsupported_grant_type", "grant_type should be refresh_token"), "unsupported_grant_type",
     "grant_type_not_supported", "fix_config"),
    (400, token_error("invalid_request", "authorization code should not be empty"), "invalid_request",
     "missing_parameter", "fix_config"),
    # authorization code grant
    (400, token_error("invalid_grant", "authorization code has been used for token: [admin/7f3c]"), "invalid_grant",
     "auth_code_reused", "reauth"),
    (400, token_error("invalid_grant", "authorization code has expired, nowUnix: [2026-12-05T10:10:00Z], "
                                       "token.CodeExpireIn: [2026-12-05T10:05:00Z]"), "invalid_grant",
     "auth_code_expired", "reauth"),
    (400, token_error("invalid_grant", "authorization code: [b1946ac92492d234] is invalid"), "invalid_grant",
     "ambiguous", "reauth"),
    (400, token_error("invalid_grant", "verifier is invalid, challengeAnswer: [47DEQpj8HBSa], "
                                       "token.CodeChallenge: [E9Melhoa2Owv]"), "invalid_grant",
     "pkce_verifier_mismatch", "fix_config"),
    (400, token_error("invalid_grant", "the token is for wrong application (client_id), application.Name: [app-a], "
                                       "token.Application: [app-b]"), "invalid_grant", "token_for_other_client",
     "fix_config"),
    (400, token_error("invalid_grant", "resource parameter does not match authorization request, expected: [], "
                                       "got: [https://api.example.com]"), "invalid_grant",
     "resource_differs_from_authorize", "fix_config"),
    # the user
    (400, token_error("invalid_grant", "invalid username or password: password or code is incorrect"),
     "invalid_grant", "resource_owner_credentials_invalid", "fix_config"),
    (400, token_error("invalid_grant", "the user does not exist"), "invalid_grant", "user_not_found", "fix_config"),
    (400, token_error("invalid_grant", "OAuth users cannot use password grant type, please use authorization code "
                                       "flow"), "unauthorized_client", "federated_user_has_no_password", "fix_config"),
    (400, token_error("invalid_grant", "the user is forbidden to sign in, please contact the administrator"),
     "invalid_grant", "account_disabled", "fix_config"),
    # refresh grant
    (400, token_error("invalid_grant", "refresh token is invalid or revoked"), "invalid_grant", "ambiguous", "reauth"),
    (400, token_error("invalid_grant", "refresh token is expired"), "invalid_grant", "refresh_token_revoked",
     "reauth"),
    (400, token_error("invalid_grant", "parse refresh token error: token has invalid claims: token is expired"),
     "invalid_grant", "refresh_token_expired", "reauth"),
    (400, token_error("invalid_grant", "parse refresh token error: token is malformed: token contains an invalid "
                                       "number of segments"), "invalid_grant", "refresh_token_malformed",
     "fix_config"),
    (400, token_error("invalid_grant", "parse refresh token error: token signature is invalid: crypto/rsa: "
                                       "verification error"), "invalid_grant", "ambiguous", "reauth"),
    (400, token_error("invalid_grant", "cert: cert-app-shop cannot be found"), "server_error",
     "application_cert_missing", "fix_config"),
    # scopes, exchange, minting
    (400, token_error("invalid_scope", "the requested scope is invalid or not defined in the application"),
     "invalid_scope", "invalid_scope_requested", "fix_config"),
    (400, token_error("invalid_request", "unsupported subject_token_type: urn:x"), "invalid_request",
     "token_exchange_parameters_invalid", "fix_config"),
    (400, token_error("endpoint_error", "generate jwt token error: no PEM data"), "server_error",
     "token_signing_failed", "fix_config"),
    # device flow
    (400, token_error("expired_token", "token is expired"), "expired_token", "device_code_expired", "reauth"),
    (400, token_error("access_denied", "device login was denied"), "access_denied", "user_denied_consent", "reauth"),
    (400, token_error("access_denied", "device_code has already been used"), "invalid_grant", "device_code_reused",
     "fix_config"),
    (400, token_error("authorization_pending", "authorization pending"), "authorization_pending",
     "device_authorization_pending", "retry"),
    # sign-in page and API envelope, HTTP 200
    (200, envelope("Redirect URI: http://app.example.com/callback doesn't exist in the allowed Redirect URI list"),
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (200, envelope("Invalid client_id"), "invalid_client", "unknown_client_id", "fix_config"),
    (200, envelope("Grant_type: code id_token is not supported in this application"), "unsupported_response_type",
     "response_type_not_supported", "fix_config"),
    (200, envelope("error: grant_type: token is not supported in this application"), "unauthorized_client",
     "grant_type_not_enabled_for_client", "fix_config"),
    (200, envelope("Challenge method should be S256"), "invalid_request", "pkce_method_not_allowed", "fix_config"),
    (200, envelope("The application: app-shop has disabled users to signin"), "access_denied",
     "access_policy_denied", "fix_config"),
    (200, envelope("The user is forbidden to sign in, please contact the administrator"), "access_denied",
     "account_disabled", "fix_config"),
    (200, envelope("Access token doesn't exist in database"), "invalid_token", "ambiguous", "retry"),
    (200, envelope("Access token has expired, expireTime = 2026-12-05T10:00:00+08:00"), "invalid_token",
     "access_token_expired", "retry"),
    (200, envelope("Please login first"), "invalid_request", "ambiguous", "fix_config"),
    (200, envelope("UserCode Expired"), "expired_token", "device_code_expired", "reauth"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_casdoor_rules(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="casdoor")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_ambiguous_answers_carry_candidates() -> None:
    got = classify(400, token_error("invalid_grant", "refresh token is invalid or revoked"), provider="casdoor")
    causes = {c["cause"] for c in got.to_json()["candidates"]}
    assert {"refresh_token_reused_after_rotation", "refresh_token_malformed"} <= causes
    page = classify(200, envelope("Access token doesn't exist in database"), provider="casbin-casdoor").to_json()
    assert {c["cause"]: c.get("decision") for c in page["candidates"]}["token_revoked"] == "reauth"


@pytest.mark.parametrize("body", [
    token_error("invalid_grant", "authorization code has been used for token: [admin/7f3c]"),
    token_error("unsupported_grant_type", "grant_type: password is not supported in this application"),
    token_error("invalid_grant", "parse refresh token error: token has invalid claims: token is expired"),
    token_error("endpoint_error", "generate jwt token error: no PEM data"),
    envelope("Redirect URI: http://app.example.com/callback doesn't exist in the allowed Redirect URI list"),
    envelope("Please login first"),
])
def test_casdoor_detected_from_its_body(body: str) -> None:
    assert classify(400, body).to_json()["provider"] == "casdoor"


def test_casdoor_detected_from_its_token_url_with_provider_given_placeholder() -> None:
    # Self-hosted: no fixed host, so the URL alone names no provider; --provider does.
    body = token_error("invalid_grant", "refresh token is expired")
    got = classify(400, body, provider="casdoor", url="https://door.example.com/api/login/oauth/access_token")
    assert (got.to_json()["provider"], got.cause) == ("casdoor", "refresh_token_revoked")


def test_other_servers_bodies_do_not_match() -> None:
    keycloak = token_error("invalid_grant", "Token is not active")
    dex = token_error("invalid_grant", "Invalid or expired code parameter.")
    assert classify(400, keycloak).to_json()["provider"] != "casdoor"
    assert classify(400, dex).to_json()["provider"] != "casdoor"
    # Keycloak's dead session under --provider casdoor: no Casdoor rule, the generic layers answer.
    got = classify(400, keycloak, provider="casdoor")
    assert got.cause not in {"refresh_token_revoked", "refresh_token_expired", "auth_code_reused"}
    assert got.decision == "reauth"
    # Supabase's {code, error_code, msg} body has msg but no Casdoor envelope.
    supa = json.dumps({"code": 400, "error_code": "validation_failed", "msg": "Please login first"})
    assert classify(400, supa).to_json()["provider"] != "casdoor"


def test_cli_explain_end_to_end() -> None:
    body = token_error("invalid_grant", "parse refresh token error: token has invalid claims: token is expired")
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "casdoor", "--status", "400",
                           "--format", "json", body], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"]) == (
        "invalid_grant", "refresh_token_expired", "reauth", "casdoor")
