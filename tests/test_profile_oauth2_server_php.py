"""bshaffer/oauth2-server-php's profile (providers/oauth2-server-php.yaml): its own error descriptions detect it and
give the exact class, cause and decision; RFC-definition wordings it shares with other servers claim nobody, and
other servers' bodies do not match its rules.

Bodies are built from the library's own ``setError`` calls (src/OAuth2/GrantType/*.php, ClientAssertionType/
HttpBasic.php, Controller/*.php, TokenType/Bearer.php at bshaffer/oauth2-server-php@1c715c2), not copied from any
reported case.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify

RFC_URI = "http://tools.ietf.org/html/rfc6749"


def body(error: str, description: str, section: str | None = None) -> str:
    """Response::setError's JSON: error, error_description and, for a '#section' bookmark, an RFC 6749 error_uri."""
    data = {"error": error, "error_description": description}
    if section is not None:
        data["error_uri"] = RFC_URI + section
    return json.dumps(data)


CASES = [
    # (status, body, class, cause, decision)
    # token endpoint: client authentication (HttpBasic)
    (400, body("invalid_client", "Client credentials were not found in the headers or body"), "invalid_client",
     "ambiguous", "fix_config"),
    (400, body("invalid_client", "Client credentials were not found in the headers"), "invalid_client", "ambiguous",
     "fix_config"),
    (400, body("invalid_client", "The client credentials are invalid"), "invalid_client", "bad_client_credentials",
     "fix_config"),
    (400, body("invalid_client", "This client is invalid or must authenticate using a client secret"),
     "invalid_client", "ambiguous", "fix_config"),
    (400, body("invalid_client", "client credentials are required"), "invalid_client",
     "client_authentication_missing", "fix_config"),
    # token endpoint: request shape
    (405, body("invalid_request", "The request method must be POST when requesting an access token", "#section-3.2"),
     "invalid_request", "wrong_http_method", "fix_config"),
    (400, body("invalid_request", "The grant type was not specified in the request"), "invalid_request", "ambiguous",
     "fix_config"),
    (400, body("unsupported_grant_type", 'Grant type "password" not supported'), "unsupported_grant_type",
     "grant_type_not_supported", "fix_config"),
    (400, body("unauthorized_client", "The grant type is unauthorized for this client_id"), "unauthorized_client",
     "grant_type_not_enabled_for_client", "fix_config"),
    (400, body("invalid_grant", "refresh_token doesn't exist or is invalid for the client"), "invalid_grant",
     "grant_issued_for_other_client_or_endpoint", "fix_config"),
    (400, body("invalid_grant", "authorization_code doesn't exist or is invalid for the client"), "invalid_grant",
     "grant_issued_for_other_client_or_endpoint", "fix_config"),
    # authorization code grant
    (400, body("invalid_request", 'Missing parameter: "code" is required'), "invalid_request", "missing_parameter",
     "fix_config"),
    (400, body("invalid_grant", "Authorization code doesn't exist or is invalid for the client"), "invalid_grant",
     "ambiguous", "reauth"),
    (400, body("redirect_uri_mismatch", "The redirect URI is missing or do not match", "#section-4.1.3"),
     "redirect_uri_mismatch", "ambiguous", "fix_config"),
    (400, body("invalid_grant", "The authorization code has expired"), "invalid_grant", "auth_code_expired", "reauth"),
    (400, body("code_verifier_missing", "The PKCE code verifier parameter is required."), "invalid_request",
     "pkce_verifier_missing", "fix_config"),
    (400, body("code_verifier_invalid", "The PKCE code verifier parameter is invalid."), "invalid_request",
     "pkce_verifier_malformed", "fix_config"),
    (400, body("code_verifier_mismatch", "The PKCE code verifier parameter does not match the code challenge."),
     "invalid_grant", "pkce_verifier_mismatch", "fix_config"),
    (400, body("code_challenge_method_invalid", "Unknown PKCE code challenge method."), "invalid_request",
     "pkce_method_not_supported", "fix_config"),
    # refresh token grant
    (400, body("invalid_grant", "Invalid refresh token"), "invalid_grant", "ambiguous", "reauth"),
    (400, body("invalid_grant", "Refresh token has expired"), "invalid_grant", "refresh_token_expired", "reauth"),
    (400, body("invalid_scope", "The scope requested is invalid for this request"), "invalid_scope",
     "invalid_scope_requested", "fix_config"),
    (400, body("invalid_scope", "The scope requested is invalid for this client"), "invalid_scope",
     "scope_not_allowed", "fix_config"),
    (400, body("invalid_scope", "This application requires you specify a scope parameter"), "invalid_scope",
     "scope_missing", "fix_config"),
    # password and JWT bearer grants
    (401, body("invalid_grant", "Invalid username and password combination"), "invalid_grant",
     "resource_owner_credentials_invalid", "fix_config"),
    (400, body("invalid_grant", "Unable to retrieve user information"), "invalid_grant", "user_details_not_found",
     "fix_config"),
    (400, body("invalid_grant", "JWT has expired"), "invalid_grant", "ambiguous", "fix_config"),
    (400, body("invalid_grant", "Invalid audience (aud)"), "invalid_grant", "assertion_invalid", "fix_config"),
    (400, body("invalid_grant", "JWT failed signature verification"), "invalid_grant", "assertion_invalid",
     "fix_config"),
    # authorization endpoint: shown errors and redirected ones
    (400, body("invalid_client", "The client id supplied is invalid"), "invalid_client", "unknown_client_id",
     "fix_config"),
    (400, body("redirect_uri_mismatch", "The redirect URI provided is missing or does not match", "#section-3.1.2"),
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, body("invalid_uri", "The redirect URI must not contain a fragment"), "redirect_uri_mismatch",
     "redirect_uri_has_fragment", "fix_config"),
    (400, body("invalid_uri", "No redirect URI was supplied or stored"), "redirect_uri_mismatch",
     "redirect_uri_not_registered", "fix_config"),
    (400, body("invalid_uri", "A redirect URI must be supplied when multiple redirect URIs are registered",
               "#section-3.1.2.3"), "redirect_uri_mismatch", "missing_parameter", "fix_config"),
    (None, "https://app.example.com/cb?error=invalid_request&error_description=The+state+parameter+is+required",
     "invalid_request", "missing_parameter", "fix_config"),
    (None, "https://app.example.com/cb?state=s1&error=unsupported_response_type&error_description=implicit+grant+"
           "type+not+supported", "unsupported_response_type", "response_type_not_enabled_on_server", "fix_config"),
    (None, "https://app.example.com/cb?state=s1&error=invalid_client&error_description=This+application+requires+"
           "you+specify+a+scope+parameter", "invalid_scope", "scope_missing", "fix_config"),
    (None, "https://app.example.com/cb?state=s1&error=access_denied&error_description=The+user+denied+access+to+"
           "your+application", "access_denied", "user_denied_consent", "reauth"),
    (None, "https://app.example.com/cb?state=s1&error=login_required&error_description=The+user+must+log+in",
     "interaction_required", "login_required", "reauth"),
    (400, body("missing_code_challenge", "This application requires you provide a PKCE code challenge"),
     "invalid_request", "pkce_challenge_missing", "fix_config"),
    # resource controller and bearer token type
    (401, body("invalid_token", "The access token provided has expired"), "invalid_token", "access_token_expired",
     "retry"),
    (401, body("invalid_token", "The access token provided is invalid"), "invalid_token", "ambiguous", "retry"),
    (401, body("malformed_token", 'Malformed token (missing "expires")'), "invalid_token", "token_misconfigured",
     "fix_config"),
    (403, body("insufficient_scope", "The request requires higher privileges than provided by the access token"),
     "insufficient_scope", "missing_scope", "fix_config"),
    (400, body("invalid_request", "Only one method may be used to authenticate at a time (Auth header, GET or POST)"),
     "invalid_request", "access_token_sent_twice", "fix_config"),
    (400, body("invalid_request", "Malformed auth header"), "invalid_request", "authorization_header_not_bearer",
     "fix_config"),
    (400, body("invalid_request", 'The content type for POST requests must be "application/x-www-form-urlencoded"'),
     "invalid_request", "request_body_not_form_encoded", "fix_config"),
]


@pytest.mark.parametrize(("status", "text", "cls", "cause", "decision"), CASES)
def test_oauth2_server_php_rules(status: int | None, text: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, text, provider="oauth2-server-php")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_ambiguous_answers_name_the_library_causes() -> None:
    def causes(status: int, text: str) -> list[str]:
        return [c["cause"] for c in classify(status, text, provider="bshaffer").to_json()["candidates"]]

    assert causes(400, body("invalid_client", "Client credentials were not found in the headers or body")) == [
        "basic_auth_header_not_seen_by_server", "client_authentication_missing"]
    assert causes(400, body("invalid_client", "Client credentials were not found in the headers")) == [
        "wrong_client_auth_method", "basic_auth_header_not_seen_by_server"]
    refresh = classify(400, body("invalid_grant", "Invalid refresh token"), provider="bshaffer").to_json()
    assert [c["cause"] for c in refresh["candidates"]] == [
        "refresh_token_reused_after_rotation", "refresh_token_revoked", "refresh_token_malformed"]
    assert refresh["candidates"][0]["decision"] == "fix_config"
    assert "always_issue_new_refresh_token" in refresh["candidates"][0]["hint"]
    assert causes(401, body("invalid_token", "The access token provided is invalid")) == [
        "token_revoked", "access_token_malformed", "token_for_other_environment"]


def test_empty_401_with_only_the_realm_is_a_missing_token() -> None:
    got = classify(401, "", headers={"WWW-Authenticate": 'Bearer realm="Service"'}, provider="bshaffer").to_json()
    assert (got["class"], got["cause"], got["decision"]) == ("invalid_request", "ambiguous", "fix_config")
    assert [c["cause"] for c in got["candidates"]] == ["access_token_missing", "authorization_header_stripped"]
    # with an error in the header it is the error's own rule
    header = 'Bearer realm="Service", error="invalid_token", error_description="The access token provided has expired"'
    got = classify(401, body("invalid_token", "The access token provided has expired"),
                   headers={"WWW-Authenticate": header}, provider="bshaffer")
    assert (got.failure_class, got.cause, got.decision) == ("invalid_token", "access_token_expired", "retry")


@pytest.mark.parametrize("text", [
    body("invalid_client", "Client credentials were not found in the headers or body"),
    body("invalid_client", "This client is invalid or must authenticate using a client secret"),
    body("invalid_grant", "Authorization code doesn't exist or is invalid for the client"),
    body("invalid_grant", "refresh_token doesn't exist or is invalid for the client"),
    body("redirect_uri_mismatch", "The redirect URI is missing or do not match", "#section-4.1.3"),
    body("code_verifier_mismatch", "The PKCE code verifier parameter does not match the code challenge."),
    body("invalid_request", "Only one method may be used to authenticate at a time (Auth header, GET or POST)"),
    body("invalid_grant", "Invalid username and password combination"),
    body("invalid_scope", "An unsupported scope was requested", "#section-3.3"),
])
def test_detected_from_its_body(text: str) -> None:
    assert classify(400, text).provider == "oauth2-server-php"


def test_rfc_wordings_it_shares_claim_nobody() -> None:
    # The RFC 6750 definition and wordings other servers use too must not point at this library.
    for text in (body("insufficient_scope", "The request requires higher privileges than provided by the access token"),
                 body("invalid_grant", "Invalid refresh token"),
                 body("invalid_grant", "Refresh token has expired")):
        assert classify(400, text).provider is None, text


def test_not_detected_from_other_servers_bodies() -> None:
    others = [
        (400, '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}'),
        (401, '{"error":"invalid_client","error_description":"Client authentication failed","hint":""}'),
        (400, '{"error":"invalid_grant","error_description":"Invalid grant: authorization code is invalid"}'),
        (401, '{"error":"invalid_token","error_description":"The access token provided is expired, revoked, '
              'malformed, or invalid for other reasons."}'),
    ]
    for status, text in others:
        assert classify(status, text).provider != "oauth2-server-php", text


def test_other_servers_texts_fall_through_its_rules() -> None:
    # Google's dead refresh token: none of this profile's rules claims it, the generic answer stands.
    got = classify(400, '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}',
                   provider="oauth2-server-php")
    assert (got.failure_class, got.decision) == ("invalid_grant", "reauth")
    assert got.to_json()["basis"] is None


def test_redirect_rule_exact_from_a_space_separated_list() -> None:
    def accepted(registered: str, sent: str) -> bool:
        proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "diff-redirect", "--provider", "bshaffer",
                               "--format", "json", registered, sent], capture_output=True, text=True, check=False)
        return bool(json.loads(proc.stdout)["accepted"])

    assert accepted("https://a.example.com/cb https://b.example.com/cb", "https://b.example.com/cb")
    assert not accepted("https://app.example.com/cb", "https://app.example.com/cb/")
    assert not accepted("https://app.example.com/cb", "https://APP.example.com/cb")
    assert not accepted("http://127.0.0.1:8080/cb", "http://127.0.0.1:5000/cb")


def test_cli_explain_end_to_end() -> None:
    text = body("invalid_grant", "Refresh token has expired")
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "bshaffer", "--status", "400",
                           "--format", "json", text], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"]) == (
        "invalid_grant", "refresh_token_expired", "reauth", "oauth2-server-php")
    assert out["basis"] == "confirmed"
