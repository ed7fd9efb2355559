"""Dex's profile (providers/dex.yaml): its token-endpoint descriptions and HTML error pages, read in dexidp/dex's
server code, give the exact class, cause and decision; its bodies detect it; other servers' bodies do not match.

Bodies are built from Dex's own error texts (server/grants, server/authflow, server/userinfo at dexidp/dex@ab64ed7),
not copied from any reported case.
"""

from __future__ import annotations

import json
import subprocess
import sys
from http import HTTPStatus

import pytest

from oauthdoctor import classify


def token_error(error: str, description: str | None = None) -> str:
    body = {"error": error}
    if description is not None:
        body["error_description"] = description
    return json.dumps(body)


def page(status: int, message: str) -> str:
    """Dex's error.html: the status text as heading, the message as paragraph, inside the theme panel."""
    return (f'<!DOCTYPE html><html><head><title>https://dex.example.com/dex</title></head><body class="theme-body">'
            f'<div class="dex-container"><div class="theme-panel"><h2 class="theme-heading">'
            f'{HTTPStatus(status).phrase}</h2><p>{message}</p></div></div></body></html>')


CLAIMED = "Refresh token is invalid or has already been claimed by another client."

CASES = [
    # (status, body, class, cause, decision)
    # refresh_token grant
    (400, token_error("invalid_request", CLAIMED), "invalid_grant", "ambiguous", "reauth"),
    (400, token_error("invalid_grant", CLAIMED), "invalid_grant", "refresh_token_issued_to_another_client",
     "fix_config"),
    (400, token_error("invalid_request", "Refresh token expired."), "invalid_grant", "refresh_token_expired", "reauth"),
    (400, token_error("invalid_grant", "The session this refresh token belongs to has ended."), "invalid_grant",
     "session_ended", "reauth"),
    (400, token_error("invalid_request", "No refresh token is found in request."), "invalid_request",
     "refresh_token_missing", "fix_config"),
    (400, token_error("invalid_request", 'Requested scopes contain unauthorized scope(s): ["groups"].'),
     "invalid_scope", "refresh_scope_exceeds_original", "fix_config"),
    (500, token_error("invalid_request"), "server_error", "ambiguous", "reauth"),
    # client authentication and the code grant
    (401, token_error("invalid_client", "Invalid client credentials."), "invalid_client", "ambiguous", "fix_config"),
    (400, token_error("invalid_request", "client_secret improperly encoded"), "invalid_client",
     "basic_auth_not_form_encoded", "fix_config"),
    (400, token_error("invalid_grant", "Invalid or expired code parameter."), "invalid_grant", "ambiguous", "reauth"),
    (400, token_error("invalid_grant", "Invalid code_verifier."), "invalid_grant", "pkce_verifier_mismatch",
     "fix_config"),
    (400, token_error("invalid_grant", "Expecting parameter code_verifier in PKCE flow."), "invalid_grant",
     "pkce_verifier_missing", "fix_config"),
    (400, token_error("invalid_request", "No PKCE flow started. Cannot check code_verifier."), "invalid_request",
     "pkce_verifier_without_challenge", "fix_config"),
    (400, token_error("invalid_request", "redirect_uri did not match URI from initial request."),
     "redirect_uri_mismatch", "redirect_uri_differs_from_authorize", "fix_config"),
    (400, token_error("invalid_grant", "Connector not allowed for this client."), "unauthorized_client",
     "connector_not_allowed_for_client", "fix_config"),
    (400, token_error("invalid_request", "Requested connector does not support this grant type."),
     "unauthorized_client", "connector_grant_type_not_allowed", "fix_config"),
    (400, token_error("unauthorized_client", "Public clients cannot use client_credentials grant."),
     "unauthorized_client", "public_client_cannot_use_grant", "fix_config"),
    (401, token_error("access_denied", "Invalid username or password"), "invalid_grant",
     "resource_owner_credentials_invalid", "fix_config"),
    (400, token_error("invalid_request", "Could not login user"), "server_error", "connector_login_failed", "retry"),
    (400, token_error("invalid_request", 'Missing required scope(s) ["openid"].'), "invalid_scope",
     "openid_scope_missing", "fix_config"),
    (400, token_error("invalid_client", "Error validating cross client trust."), "server_error",
     "storage_backend_failure", "retry"),
    # device flow and token exchange
    (400, token_error("invalid_request", "Invalid Device code."), "invalid_grant", "device_code_invalid", "reauth"),
    (400, token_error("authorization_pending"), "authorization_pending", "device_authorization_pending", "retry"),
    (401, token_error("access_denied"), "invalid_grant", "ambiguous", "fix_config"),
    (400, token_error("request_not_supported", "Invalid subject_token_type."), "invalid_request",
     "token_exchange_parameters_invalid", "fix_config"),
    # userinfo: 401 = no Bearer header, 403 = the token did not verify
    (401, token_error("access_denied", "Invalid bearer token."), "invalid_request", "access_token_missing",
     "fix_config"),
    (403, token_error("access_denied", "Invalid bearer token."), "invalid_token", "ambiguous", "retry"),
    # authorize errors redirected to the client
    (None, "https://app.example.com/cb?error=invalid_request&error_description=Unsupported+PKCE+challenge+method+"
           "%28%22plain%22%29.&state=s1", "invalid_request", "pkce_method_not_allowed", "fix_config"),
    (None, "https://app.example.com/cb?error=request_not_supported&error_description=Server+does+not+support+"
           "request+parameter.&state=s1", "invalid_request", "request_object_not_supported", "fix_config"),
    (None, "https://app.example.com/cb?error=invalid_scope&error_description=Client+can%27t+request+scope%28s%29+"
           "%5B%22audience%3Aserver%3Aclient_id%3Apeer%22%5D&state=s1", "invalid_scope",
     "cross_client_scope_not_trusted", "fix_config"),
    # HTML pages: classed by meaning, whatever the status
    (400, page(400, "Unregistered redirect_uri."), "redirect_uri_mismatch", "redirect_uri_not_registered",
     "fix_config"),
    (500, page(500, "Unregistered redirect_uri."), "redirect_uri_mismatch", "redirect_uri_not_registered",
     "fix_config"),
    (400, page(400, "Unregistered post_logout_redirect_uri."), "redirect_uri_mismatch",
     "post_logout_redirect_uri_not_registered", "fix_config"),
    (404, page(404, "Invalid client_id."), "invalid_client", "client_id_not_registered", "fix_config"),
    (400, page(400, "User session has expired."), "interaction_required", "login_session_expired", "reauth"),
    (400, page(400, "User session error."), "interaction_required", "login_session_not_found", "reauth"),
    (403, page(403, "You are not a member of any of the required groups to authenticate."), "access_denied",
     "user_not_in_required_groups", "fix_config"),
    (500, page(500, "Authentication failed. Please contact your administrator or try again later."),
     "server_error", "ambiguous", "fix_config"),
    (500, page(500, "Login error. Please contact your administrator or try again later."), "server_error",
     "dex_internal_error", "retry"),
    (500, page(500, "Database error."), "server_error", "dex_internal_error", "retry"),
    (500, page(500, "Approval rejected."), "access_denied", "user_denied_consent", "reauth"),
    (403, page(403, "Connector not allowed for this client."), "unauthorized_client",
     "connector_not_allowed_for_client", "fix_config"),
    (401, page(401, "Unauthorized request"), "invalid_request", "login_step_verifier_invalid", "reauth"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_dex_rules(status: int | None, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="dex")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_ambiguous_answers_carry_candidates() -> None:
    got = classify(400, token_error("invalid_request", CLAIMED), provider="dex").to_json()
    causes = {c["cause"] for c in got["candidates"]}
    assert {"refresh_token_replaced_by_new_login", "refresh_token_reused_after_rotation"} <= causes
    internal = classify(500, token_error("invalid_request"), provider="dexidp").to_json()
    assert "upstream_connector_refresh_failed" in {c["cause"] for c in internal["candidates"]}


@pytest.mark.parametrize("body", [
    token_error("invalid_request", CLAIMED),
    token_error("invalid_grant", "Invalid or expired code parameter."),
    token_error("invalid_grant", "Expecting parameter code_verifier in PKCE flow."),
    page(400, "Unregistered redirect_uri."),
    page(400, "User session has expired."),
])
def test_dex_detected_from_its_body(body: str) -> None:
    assert classify(400, body).to_json()["provider"] == "dex"


def test_dex_not_detected_from_other_servers_bodies() -> None:
    keycloak = token_error("invalid_grant", "Token is not active")
    hydra = token_error("invalid_grant", "The provided authorization grant (e.g., authorization code, resource owner "
                                         "credentials) or refresh token is invalid, expired, revoked, does not match "
                                         "the redirection URI used in the authorization request, or was issued to "
                                         "another client. The refresh token was already used.")
    assert classify(400, keycloak).to_json()["provider"] != "dex"
    assert classify(400, hydra).to_json()["provider"] != "dex"


def test_other_servers_texts_fall_through_dex_rules() -> None:
    # Keycloak's dead session under --provider dex: no Dex rule matches, the generic layers answer.
    got = classify(400, token_error("invalid_grant", "Token is not active"), provider="dex")
    assert got.cause not in {"refresh_token_issued_to_another_client", "session_ended", "refresh_token_expired"}
    assert got.decision == "reauth"
    # A plain 401 invalid_token from an API is not Dex's userinfo answer.
    api = classify(401, token_error("invalid_token", "The access token expired"), provider="dex")
    assert api.cause != "access_token_missing"


def test_cli_explain_end_to_end() -> None:
    body = token_error("invalid_request", "Refresh token expired.")
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "dex", "--status", "400",
                           "--format", "json", body], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"]) == (
        "invalid_grant", "refresh_token_expired", "reauth", "dex")
