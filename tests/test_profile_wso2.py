"""WSO2 Identity Server's profile (providers/wso2.yaml, also Asgardeo): the messages its OAuth component puts in
error_description give the exact class, cause and decision; its own messages, error page and device path detect
it; other servers' bodies do not match its rules.

Bodies are built the way the component builds them (wso2-extensions/identity-inbound-auth-oauth at c4c32bb): the
grant handler's exception message as error_description of an invalid_grant (AccessTokenIssuer
validateGrantAndIssueToken), the client authentication context's message under invalid_client at 401
(OAuth2TokenEndpoint handleBasicAuthFailure), the authorize endpoint's error page URL with oauthErrorCode and
oauthErrorMsg (EndpointUtil.getErrorPageURL). None is copied from a reported case.
"""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlencode

import pytest

from oauthdoctor import classify


def wso2(error: str, description: str) -> str:
    """A WSO2 token endpoint error body (OAuthASResponse.errorResponse(...).buildJSONMessage())."""
    return json.dumps({"error_description": description, "error": error})


def error_page(code: str, message: str) -> str:
    """Where the authorize endpoint sends the browser on an error: WSO2's own page, not the client."""
    query = urlencode({"oauthErrorCode": code, "oauthErrorMsg": message})
    return f"https://localhost:9443/authenticationendpoint/oauth2_error.do?{query}"


CODE = "received from token request"

CASES = [
    # (status, body, class, cause, decision)
    # authorization codes (AuthorizationCodeGrantHandler)
    (400, wso2("invalid_grant", f"Inactive authorization code {CODE}"), "invalid_grant", "auth_code_reused",
     "reauth"),
    (400, wso2("invalid_grant", f"Expired or Revoked authorization code {CODE}"), "invalid_grant", "ambiguous",
     "reauth"),
    (400, wso2("invalid_grant", f"Invalid authorization code {CODE}"), "invalid_grant", "ambiguous", "reauth"),
    (400, wso2("invalid_grant", "Callback url mismatch"), "redirect_uri_mismatch",
     "redirect_uri_differs_from_authorize", "fix_config"),
    # PKCE (validatePKCECode, OAuth2Util.validatePKCE, AuthzUtil)
    (400, wso2("invalid_grant", "PKCE validation failed"), "invalid_grant", "pkce_verifier_mismatch", "fix_config"),
    (400, wso2("invalid_grant", "No PKCE code verifier found.PKCE is mandatory for this oAuth 2.0 application."),
     "invalid_grant", "pkce_verifier_missing", "fix_config"),
    (400, wso2("invalid_grant", "Empty PKCE code_verifier sent. This authorization code requires a PKCE "
                                "verification to obtain an access token."), "invalid_grant", "pkce_verifier_missing",
     "fix_config"),
    (400, wso2("invalid_grant", "Code verifier used is not up to RFC 7636 specifications."), "invalid_grant",
     "pkce_verifier_malformed", "fix_config"),
    (400, wso2("invalid_grant", "This application does not allow 'plain' transformation algorithm."),
     "invalid_grant", "pkce_method_not_allowed", "fix_config"),
    (302, error_page("invalid_request", "PKCE is mandatory for this application. PKCE Challenge is not provided or "
                                        "is not upto RFC 7636 specification."), "invalid_request",
     "pkce_challenge_missing", "fix_config"),
    (302, error_page("invalid_request", 'This application does not support "plain" transformation algorithm.'),
     "invalid_request", "pkce_method_not_allowed", "fix_config"),
    (302, error_page("invalid_request", "Unsupported PKCE Challenge Method"), "invalid_request",
     "pkce_challenge_invalid", "fix_config"),
    # refresh tokens (RefreshGrantHandler, DefaultRefreshTokenGrantProcessor)
    (400, wso2("invalid_grant", "Refresh token is expired."), "invalid_grant", "refresh_token_expired", "reauth"),
    (400, wso2("invalid_grant", "Invalid refresh token state"), "invalid_grant", "ambiguous", "reauth"),
    (400, wso2("invalid_grant", "Invalid refresh token value in the request"), "invalid_grant",
     "refresh_token_reused_after_rotation", "reauth"),
    (400, wso2("invalid_grant", "Persisted access token data not found"), "invalid_grant", "ambiguous", "reauth"),
    (400, wso2("invalid_grant", "Refresh token grace period has expired."), "invalid_grant",
     "refresh_token_reused_after_rotation", "reauth"),
    (400, wso2("invalid_grant", "Refresh token has reached the configured graceful reuse limit."), "invalid_grant",
     "refresh_token_reused_after_rotation", "reauth"),
    (400, wso2("invalid_grant", "Token binding validation failed. Token is not bound to an active SSO session."),
     "invalid_grant", "session_expired", "reauth"),
    # password grant
    (400, wso2("invalid_grant", "Authentication failed for alice@carbon.super"), "invalid_grant",
     "resource_owner_credentials_invalid", "fix_config"),
    # client authentication (OAuthClientAuthnService, BasicAuthClientAuthenticator, AccessTokenIssuer, OAuth2Service)
    (401, wso2("invalid_client", "Client credentials are invalid."), "invalid_client", "ambiguous", "fix_config"),
    (401, wso2("invalid_client", "Invalid Client : 5kZ8c2lL0a7Yb"), "invalid_client", "unknown_client_id",
     "fix_config"),
    (401, wso2("invalid_client", "Invalid Client"), "invalid_client", "unknown_client_id", "fix_config"),
    (401, wso2("invalid_client", "Client ID not found in the request."), "invalid_client",
     "client_authentication_missing", "fix_config"),
    (401, wso2("invalid_client", "Unsupported Client Authentication Method!"), "invalid_client",
     "client_authentication_missing", "fix_config"),
    (400, wso2("invalid_request", "Request body and headers contain authorization information"), "invalid_request",
     "multiple_client_auth_methods", "fix_config"),
    (400, wso2("invalid_request", "The client MUST NOT use more than one authentication method in each"),
     "invalid_request", "multiple_client_auth_methods", "fix_config"),
    (401, wso2("invalid_client", 'Error decoding authorization header. Space delimited "<authMethod> <base64Hash>" '
                                 'format violated.'), "invalid_client", "basic_auth_header_malformed", "fix_config"),
    (400, wso2("invalid_request", "No valid authenticators found for the application."), "invalid_request",
     "wrong_client_auth_method", "fix_config"),
    # grants and the client at the authorization endpoint
    (400, wso2("unauthorized_client", "The authenticated client is not authorized to use this authorization grant "
                                      "type"), "unauthorized_client", "grant_type_not_enabled_for_client",
     "fix_config"),
    (400, wso2("unsupported_grant_type", "Unsupported grant type : urn:example:custom, is used."),
     "unsupported_grant_type", "grant_type_not_supported", "fix_config"),
    (302, error_page("invalid_callback", "callback.not.match"), "redirect_uri_mismatch",
     "redirect_uri_not_registered", "fix_config"),
    (302, error_page("invalid_client", "A valid OAuth client could not be found for client_id: abc"),
     "invalid_client", "unknown_client_id", "fix_config"),
    (302, error_page("invalid_client", "Oauth application is not in active state"), "invalid_client",
     "client_not_active", "fix_config"),
    # userinfo (UserInfoISAccessTokenValidator)
    (401, wso2("invalid_token", "Access token validation failed"), "invalid_token", "ambiguous", "retry"),
    (403, wso2("insufficient_scope", "Access token does not have the openid scope"), "insufficient_scope",
     "missing_scope", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_wso2_rules(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="wso2")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)
    assert got.basis == "confirmed"


def test_aliases_reach_the_same_rules() -> None:
    body = wso2("invalid_grant", f"Inactive authorization code {CODE}")
    for alias in ("wso2is", "wso2-identity-server", "asgardeo"):
        assert classify(400, body, provider=alias).to_json()["provider"] == "wso2"


def test_ambiguous_answers_name_the_wso2_causes() -> None:
    def causes(status: int, body: str) -> dict[str, str | None]:
        got = classify(status, body, provider="wso2").to_json()
        return {c["cause"]: c.get("decision") for c in got["candidates"]}

    revoked = causes(400, wso2("invalid_grant", f"Expired or Revoked authorization code {CODE}"))
    # A failed exchange revokes the code: the retry's answer points back at the first failure.
    assert revoked["auth_code_revoked_by_failed_exchange"] == "fix_config"
    assert {"auth_code_expired", "auth_code_reused"} <= set(revoked)
    state = causes(400, wso2("invalid_grant", "Invalid refresh token state"))
    assert set(state) == {"refresh_token_reused_after_rotation", "refresh_token_revoked"}
    missing = causes(400, wso2("invalid_grant", "Persisted access token data not found"))
    assert missing == {"refresh_token_invalid": "fix_config", "token_for_other_client": "fix_config",
                       "refresh_token_revoked": "reauth"}
    client = causes(401, wso2("invalid_client", "Client credentials are invalid."))
    assert set(client) == {"bad_client_secret", "unknown_client_id"}


@pytest.mark.parametrize("body", [
    wso2("invalid_grant", f"Inactive authorization code {CODE}"),
    wso2("invalid_grant", f"Expired or Revoked authorization code {CODE}"),
    wso2("invalid_grant", "Persisted access token data not found"),
    wso2("invalid_grant", "Invalid refresh token state"),
    wso2("invalid_grant", "Provided Authorization Grant is invalid"),
    wso2("invalid_client", "Unsupported Client Authentication Method!"),
    error_page("invalid_callback", "callback.not.match"),
])
def test_wso2_detected_from_its_body(body: str) -> None:
    assert classify(400, body).to_json()["provider"] == "wso2"


def test_wso2_detected_from_asgardeo_host_and_device_path() -> None:
    body = '{"error":"invalid_request"}'
    assert classify(400, body, url="https://api.asgardeo.io/t/acme/oauth2/token").provider == "wso2"
    # /oauth2/device_authorize is FusionAuth's path too: a self-hosted server's URL alone names neither.
    assert classify(400, body, url="https://iam.example.org:9443/oauth2/device_authorize").provider is None


def test_wso2_not_detected_from_other_servers_bodies() -> None:
    keycloak = wso2("invalid_grant", "Token is not active")
    openiddict = json.dumps({"error": "invalid_grant", "error_description": "The specified refresh token is no "
                             "longer valid.", "error_uri": "https://documentation.openiddict.com/errors/ID2018"})
    # WSO2 API Manager's gateway fault is another product's body: it must not be read as the identity server.
    apim = '{"fault":{"code":900901,"message":"Invalid Credentials","description":"Access failure for API"}}'
    for status, body in ((400, keycloak), (400, openiddict), (401, apim)):
        assert classify(status, body).to_json()["provider"] != "wso2"


def test_other_servers_texts_fall_through_wso2_rules() -> None:
    # Keycloak's dead session under --provider wso2: no WSO2 rule matches, the generic layers answer.
    got = classify(400, wso2("invalid_grant", "Token is not active"), provider="wso2")
    assert got.basis is None
    assert got.cause not in {"auth_code_reused", "refresh_token_reused_after_rotation"}
    assert got.decision == "reauth"
    # An API's plain expired-token answer is not WSO2's userinfo text.
    api = classify(401, wso2("invalid_token", "The access token expired"), provider="wso2")
    assert api.basis is None
    assert (api.failure_class, api.decision) == ("invalid_token", "retry")


def test_redirect_rule_exact_and_loopback_ip_any_port() -> None:
    def accepted(registered: str, sent: str) -> bool:
        proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "diff-redirect", "--provider", "wso2",
                               "--format", "json", registered, sent], capture_output=True, text=True, check=False)
        return bool(json.loads(proc.stdout)["accepted"])

    assert accepted("https://app.example.com/cb", "https://app.example.com/cb")
    assert not accepted("https://app.example.com/cb", "https://app.example.com/cb/")
    assert not accepted("https://app.example.com/cb", "https://APP.example.com/cb")
    assert accepted("http://127.0.0.1:8080/cb", "http://127.0.0.1:5000/cb")
    assert accepted("http://[::1]/cb", "http://[::1]:5000/cb")
    assert not accepted("http://localhost:8080/cb", "http://localhost:5000/cb")


def test_cli_explain_end_to_end() -> None:
    body = wso2("invalid_grant", "Invalid refresh token state")
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "asgardeo",
                           "--status", "400", "--format", "json", body], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"]) == (
        "invalid_grant", "ambiguous", "reauth", "wso2")
    assert "refresh_token_reused_after_rotation" in {c["cause"] for c in out["candidates"]}
