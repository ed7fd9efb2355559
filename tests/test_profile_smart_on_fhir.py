"""The SMART App Launch profile (providers/smart-on-fhir.yaml): the specification's requirements and its reference
servers' messages give the exact class, cause and decision; the reference servers' own wording detects the profile;
other servers' bodies do not match its rules.

Bodies are built the way the servers build them, not copied from any reported case: smart-launcher-v2 (at 6437425)
answers ``{"error", "error_description"}`` with the HTTP status its handler sets, or redirects to the app's
``redirect_uri`` with both as query parameters (backend/errors.ts); bulk-data-server (at 5df455a) answers the same
JSON, 400 unless stated (lib.ts replyWithOAuthError); the FHIR proxy of the launcher answers plain text
(backend/lib.ts validateToken). Descriptions that name the assertion's checks follow the specification
(client-confidential-asymmetric.md) where no reference server has its own words.
"""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlencode

import pytest

from oauthdoctor import classify

LAUNCHER_TOKEN = "https://launcher.example.test/v/r4/auth/token"


def err(error: str, description: str) -> str:
    """A reference server's OAuth error body."""
    return json.dumps({"error": error, "error_description": description})


def redirected(error: str, description: str) -> str:
    """The launcher's authorization error, sent back to the app's redirect_uri (errors.ts OAuthError.render)."""
    return "https://app.example.test/after-auth?" + urlencode(
        {"error": error, "error_description": description, "state": "s1"})


CASES = [
    # (status, body, class, cause, decision)
    # the client assertion (private_key_jwt), launcher: invalid_client 401 ...
    (401, err("invalid_client", "Invalid token. jwt expired"), "invalid_client", "client_assertion_expired",
     "fix_config"),
    (401, err("invalid_client", "Invalid token. jwt not active"), "invalid_client", "clock_skew", "fix_config"),
    (401, err("invalid_client", "Invalid token. invalid signature"), "invalid_client", "assertion_invalid",
     "fix_config"),
    (401, err("invalid_client", "None of the keys found in the JWKS have kid equal to key-2"), "invalid_client",
     "assertion_invalid", "fix_config"),
    (401, err("invalid_client", "None of the keys found in the JWKS have alg equal to RS384"), "invalid_client",
     "assertion_invalid", "fix_config"),
    (401, err("invalid_client", "Multiple usable public keys found in the JWKS"), "invalid_client",
     "assertion_invalid", "fix_config"),
    (401, err("invalid_client", f"Invalid token 'aud' value (https://ehr.example.test/token). Must be "
                                f"'{LAUNCHER_TOKEN}'."), "invalid_client", "assertion_invalid", "fix_config"),
    (401, err("invalid_client", "The token sub does not match the token iss claim"), "invalid_client",
     "assertion_invalid", "fix_config"),
    (401, err("invalid_client", "Invalid 'client_id' (as sub claim of the assertion JWT)"), "invalid_client",
     "assertion_invalid", "fix_config"),
    (401, err("invalid_client", "Missing token 'jti' claim"), "invalid_client", "assertion_invalid", "fix_config"),
    (401, err("invalid_client", "Missing token 'kid' header"), "invalid_client", "assertion_invalid", "fix_config"),
    (401, err("invalid_client", "Invalid token 'typ' header. Must be 'JWT'."), "invalid_client",
     "assertion_invalid", "fix_config"),
    (401, err("invalid_request", "Invalid jku header of the assertion token token. must be "
                                 "'https://app.example.test/jwks.json'"), "invalid_client", "assertion_invalid",
     "fix_config"),
    (401, err("invalid_request", 'Could not decode the "client_assertion" parameter'), "invalid_client",
     "assertion_invalid", "fix_config"),
    (401, err("invalid_client", "Simulated invalid 'jti' value"), "invalid_client", "assertion_invalid",
     "fix_config"),
    (400, err("invalid_client", "Invalid 'client_assertion_type' parameter. Must be "
                                "'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'."), "invalid_client",
     "wrong_client_assertion_type", "fix_config"),
    (400, err("invalid_client", "Missing 'client_assertion' parameter"), "invalid_client",
     "client_authentication_missing", "fix_config"),
    (400, err("invalid_client", "Missing 'scope' parameter"), "invalid_request", "missing_parameter", "fix_config"),
    # ... and the Bulk Data Server: the same checks, mostly invalid_grant 400
    (400, err("invalid_grant", "Unable to verify the token with any of the public keys found in the JWKS: "
                               "jwt expired"), "invalid_client", "client_assertion_expired", "fix_config"),
    (400, err("invalid_grant", "Unable to verify the token with any of the public keys found in the JWKS: "
                               "invalid signature"), "invalid_client", "assertion_invalid", "fix_config"),
    (400, err("invalid_grant", 'No public keys found in the JWKS with "kid" equal to "key-2"'), "invalid_client",
     "assertion_invalid", "fix_config"),
    (400, err("invalid_grant", "The provided jku 'https://a.example.test/jwks' is different than the one used at "
                               "registration time (https://b.example.test/jwks)"), "invalid_client",
     "assertion_invalid", "fix_config"),
    (400, err("invalid_grant", "Invalid token 'aud' value. Must be 'https://bulk.example.test/auth/token'."),
     "invalid_client", "assertion_invalid", "fix_config"),
    (400, err("invalid_grant", "The given iss 'svc-a' does not match the registered client_id 'svc-b'"),
     "invalid_client", "assertion_invalid", "fix_config"),
    (400, err("invalid_grant", "Invalid 'jti' value"), "invalid_client", "assertion_invalid", "fix_config"),
    (400, err("invalid_grant", "No JWKS found"), "invalid_client", "assertion_invalid", "fix_config"),
    (400, err("invalid_request", "Invalid client_assertion_type parameter. Must be "
                                 "'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'."), "invalid_request",
     "wrong_client_assertion_type", "fix_config"),
    (400, err("invalid_grant", "Registration token expired"), "invalid_client", "client_registration_expired",
     "fix_config"),
    (400, err("invalid_grant", "Missing grant_type parameter"), "invalid_request", "missing_parameter",
     "fix_config"),
    # the specification's checks in another server's words (jti replay, exp too far: both decide fix_config)
    (401, err("invalid_client", "jti has already been used for this client"), "invalid_client",
     "assertion_invalid", "fix_config"),
    (401, err("invalid_client", "The exp claim is more than 5 minutes in the future"), "invalid_client",
     "ambiguous", "fix_config"),
    # client secret (HTTP Basic)
    (401, err("invalid_request", "Basic authentication is required for confidential clients"), "invalid_client",
     "wrong_client_auth_method", "fix_config"),
    (401, err("invalid_request", "The decoded header must contain '{client_id}:{client_secret}'"),
     "invalid_client", "basic_auth_malformed", "fix_config"),
    # the authorization request: aud, PKCE, launch, scopes
    (400, err("invalid_request", 'Bad audience value "https://ehr.example.test/fhir2". Expected '
                                 '"https://launcher.example.test/v/r4/fhir".'), "invalid_request",
     "aud_not_fhir_base_url", "fix_config"),
    (400, err("invalid_request", "Missing aud parameter"), "invalid_request", "aud_not_fhir_base_url",
     "fix_config"),
    (400, err("invalid_request", "The aud parameter does not name a FHIR server known here"), "invalid_request",
     "aud_not_fhir_base_url", "fix_config"),
    (400, err("invalid_request", "Invalid code_challenge_method. Must be S256."), "invalid_request",
     "pkce_method_not_s256", "fix_config"),
    (400, err("invalid_request", "Missing code_challenge parameter"), "invalid_request", "pkce_challenge_missing",
     "fix_config"),
    (400, err("invalid_request", "Missing code_verifier parameter"), "invalid_request", "pkce_verifier_missing",
     "fix_config"),
    (401, err("invalid_grant", "Invalid grant or Invalid PKCE Verifier, 'abc' vs 'def'."), "invalid_grant",
     "pkce_verifier_mismatch", "fix_config"),
    (400, err("invalid_request", "The launch parameter is missing or unknown"), "invalid_request", "ambiguous",
     "fix_config"),
    (401, err("invalid_scope", 'Invalid scope(s) "patient/Observation.rs" requested. Only system scopes are '
                               'allowed.'), "invalid_scope", "backend_service_needs_system_scopes", "fix_config"),
    (400, err("invalid_scope", 'Only system-level scopes are allowed for bulk data export (bad scope: '
                               '"patient/*.read")'), "invalid_scope", "backend_service_needs_system_scopes",
     "fix_config"),
    (401, err("invalid_scope", "No scope(s) could be granted"), "invalid_scope", "scope_not_allowed", "fix_config"),
    (400, err("invalid_scope", 'Scopes "patient/Observation.cruds" and "launch" could not be granted. Your client '
                               'is allowed to request "patient/*.rs" and "openid".'), "invalid_scope",
     "scope_not_allowed", "fix_config"),
    (400, err("invalid_scope", "Requested scope patient/Observation.dus is not supported"), "invalid_scope",
     "invalid_scope_requested", "fix_config"),
    # codes, redirect URIs, refresh tokens
    (401, err("invalid_client", "Invalid token (supplied as code parameter in the POST body). jwt expired"),
     "invalid_grant", "auth_code_expired", "reauth"),
    (401, err("invalid_client", "Invalid token (supplied as code parameter in the POST body). invalid signature"),
     "invalid_grant", "auth_code_invalid_or_reused", "reauth"),
    (401, err("invalid_request", "Invalid redirect_uri parameter"), "redirect_uri_mismatch",
     "redirect_uri_differs_from_authorize", "fix_config"),
    (401, err("invalid_grant", "Invalid refresh token"), "invalid_grant", "refresh_token_invalid", "reauth"),
    (403, err("invalid_grant", "Expired refresh token"), "invalid_grant", "refresh_token_expired", "reauth"),
    # the FHIR API (plain text from the launcher's proxy)
    (401, "Unauthorized! No authorization header provided in request.", "invalid_request", "access_token_missing",
     "fix_config"),
    (401, "Invalid token: jwt expired", "invalid_token", "access_token_expired", "retry"),
    (401, "Invalid token: invalid signature", "invalid_token", "token_from_other_issuer", "fix_config"),
    # fhirclient (client-js)
    (None, "Error: No 'state' parameter found. Please (re)launch the app.", "invalid_request", "ambiguous",
     "fix_config"),
    (None, "Error: Unable to refresh. No offline_access or online_access scope found.", "invalid_request",
     "refresh_token_missing", "fix_config"),
    (None, "Error: Required PKCE code challenge method (`S256`) was not found in the server's "
           "codeChallengeMethods declaration.", "invalid_request", "server_does_not_advertise_s256", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_smart_rules(status: int | None, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="smart-on-fhir")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_launcher_redirect_error_is_read() -> None:
    got = classify(None, redirected("invalid_request", 'Bad audience value "https://ehr.example.test/fhir2". '
                                                       'Expected "https://launcher.example.test/v/r4/fhir".'),
                   provider="smart")
    assert (got.failure_class, got.cause, got.decision) == ("invalid_request", "aud_not_fhir_base_url", "fix_config")


def test_ambiguous_answers_carry_candidates() -> None:
    exp = classify(401, err("invalid_client", "The exp claim is more than 5 minutes in the future"),
                   provider="smart-app-launch").to_json()
    assert {c["cause"] for c in exp["candidates"]} == {"assertion_lifetime_too_long", "clock_skew"}
    launch = classify(400, err("invalid_request", "The launch parameter is missing or unknown"),
                      provider="fhir").to_json()
    assert {c["cause"]: c["decision"] for c in launch["candidates"]} == {
        "launch_not_echoed": "fix_config", "standalone_sent_launch_scope": "fix_config",
        "launch_expired_or_used": "reauth"}
    state = classify(None, "Error: No 'state' parameter found. Please (re)launch the app.",
                     provider="smart-on-fhir").to_json()
    assert {c["cause"] for c in state["candidates"]} == {"state_or_session_lost", "redirect_page_opened_directly"}
    jwks = classify(401, err("invalid_client", "Failed to fetch JWKS from https://app.example.test/jwks.json. "
                                               "404 Not Found"), provider="smart-on-fhir").to_json()
    assert {c["cause"]: c["decision"] for c in jwks["candidates"]} == {
        "jwks_url_unreachable": "fix_config", "network_error": "retry"}


@pytest.mark.parametrize("body", [
    err("invalid_client", "None of the keys found in the JWKS have kid equal to key-2"),
    err("invalid_request", 'Bad audience value "https://ehr.example.test/fhir2". Expected '
                           '"https://launcher.example.test/v/r4/fhir".'),
    err("invalid_grant", "Unable to verify the token with any of the public keys found in the JWKS: jwt expired"),
    err("invalid_scope", 'Scopes "launch" could not be granted. Your client is allowed to request "patient/*.rs".'),
])
def test_smart_detected_from_reference_server_wording(body: str) -> None:
    assert classify(400, body).to_json()["provider"] == "smart-on-fhir"


def test_smart_detected_from_bulk_data_host() -> None:
    got = classify(400, err("invalid_scope", "Empty scope"), url="https://bulk-data.smarthealthit.org/auth/token")
    assert got.to_json()["provider"] == "smart-on-fhir"


def test_other_servers_bodies_are_not_smart() -> None:
    keycloak = err("invalid_grant", "Token is not active")
    openiddict = json.dumps({"error": "invalid_grant",
                             "error_description": "The specified refresh token has already been redeemed.",
                             "error_uri": "https://documentation.openiddict.com/errors/ID2012"})
    assert classify(400, keycloak).to_json()["provider"] != "smart-on-fhir"
    assert classify(400, openiddict).to_json()["provider"] != "smart-on-fhir"


def test_other_servers_texts_fall_through_smart_rules() -> None:
    # A refresh token dead at another EHR, explained in its own words: no SMART rule takes it, the generic layers do.
    body = json.dumps({"error": "invalid_client", "error_description": "Refresh token could not be mapped to the "
                       "original authorization request. User must re-authenticate."})
    got = classify(400, body, provider="smart-on-fhir")
    assert got.decision == "reauth"
    assert got.cause not in {"assertion_invalid", "client_assertion_expired", "aud_not_fhir_base_url"}
    # Keycloak's inactive session under --provider smart: not read as an assertion or aud problem.
    kc = classify(400, err("invalid_grant", "Token is not active"), provider="smart")
    assert kc.cause not in {"assertion_invalid", "client_assertion_expired", "aud_not_fhir_base_url"}
    # An audience refused at the token endpoint is not read as the authorization request's aud parameter.
    token_aud = classify(401, err("invalid_client", "Audience validation failed"), provider="smart-on-fhir")
    assert token_aud.cause != "aud_not_fhir_base_url"


def test_explain_cli_end_to_end() -> None:
    body = err("invalid_client", "Invalid token. jwt expired")
    result = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "smart-on-fhir",
                             "--status", "401", "--format", "json", body],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "smart-on-fhir", "invalid_client", "client_assertion_expired", "fix_config")
    assert out["basis"] == "confirmed"
