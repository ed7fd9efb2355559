"""Round twenty-six (issue #16): a provider's own wording, quoted without the provider's JSON, host or error value,
still names the provider, so its rules (not only the generic phrase layer) read the text. The bodies are written
for these tests."""

from __future__ import annotations

import pytest
from classify_answers import BOOK, answer

from oauthdoctor.classifier import classify


@pytest.mark.parametrize("body,provider,expected", [
    ("Error: Resource not accessible by integration", "github",
     ("insufficient_scope", "missing_permission", "fix_config")),
    ("RequestError [HttpError]: Resource not accessible by personal access token", "github",
     ("insufficient_scope", "missing_permission", "fix_config")),
    ("remote: The `acme' organization has enabled or enforced SAML SSO. To access this repository, you must"
     " re-authorize the OAuth Application", "github", ("access_denied", "token_not_authorized_for_saml_sso", "reauth")),
    ("api request error: 190 Error validating access token: Session has expired on Sunday, 09-Aug-20 01:30:58 PDT.",
     "meta", ("invalid_token", "session_expired", "reauth")),
    ("Error 403: Limit of connected athletes exceeded", "strava",
     ("access_denied", "app_athlete_capacity_exceeded", "fix_config")),
    ("Error: This domain (demo.web.app) is not authorized to run this operation. Add it to the OAuth redirect domains"
     " list in the Firebase console", "firebase", ("redirect_uri_mismatch", "domain_not_authorized", "fix_config")),
    ("Insufficient scopes were provided. Please contact the integrator.", "hubspot",
     ("invalid_scope", "install_url_scopes_differ_from_app", "fix_config")),
    ("Session information is not sufficient for single-sign-on.", "microsoft",
     ("interaction_required", "login_required", "reauth")),
    ("Error 400: invalid_request You can't sign in to this app because it doesn't comply with Google's OAuth 2.0"
     " policy for keeping apps secure.", "google", ("invalid_request", "request_violates_google_policy", "fix_config")),
    ("Status{statusCode=DEVELOPER_ERROR, resolution=null}", "google",
     ("invalid_client", "android_client_registration_mismatch", "fix_config")),
    ("google.auth.exceptions.RefreshError: Token has been expired or revoked.", "google",
     ("invalid_grant", "ambiguous", "reauth")),
])
def test_a_providers_own_wording_names_the_provider(body: str, provider: str, expected: tuple[str, str, str]) -> None:
    assert classify(None, body, None, rulebook=BOOK).provider == provider
    assert answer(None, body) == expected


def test_generic_wording_names_no_provider() -> None:
    # the RFC's and many servers' words stay the phrase layer's: no provider is guessed from them
    for body in ("Token has expired", "Insufficient scope", "The access token has been revoked.",
                 "resource not accessible"):
        assert classify(None, body, None, rulebook=BOOK).provider is None


@pytest.mark.parametrize("body", ['Error: "Unable to refresh the access token"', "Could not refresh token",
                                  "Failed to refresh token: exit status 1", "token refresh failed"])
def test_a_refresh_that_failed_without_a_reason_leans_to_a_dead_grant(body: str) -> None:
    assert answer(None, body) == ("invalid_grant", "ambiguous", "reauth")
    got = classify(None, body, None, rulebook=BOOK)
    assert got.confidence == "low"
    assert [c.decision for c in got.candidates] == ["reauth", "fix_config", "retry"]


def test_a_refresh_failure_that_names_a_server_status_is_not_read_as_a_dead_grant() -> None:
    assert answer(None, "Failed to refresh token: 500")[2] != "reauth"
    assert answer(None, "Failed to refresh token: 503 Service Unavailable") == (
        "temporarily_unavailable", "token_service_unavailable", "retry")


def test_scope_wordings_of_rfc_6749_and_6750() -> None:
    assert answer(403, "The access token does not have sufficient scope") == (
        "insufficient_scope", "missing_scope", "fix_config")
    assert answer(400, 'The OAuth 2.0 Client is not allowed to request scope "email".') == (
        "invalid_scope", "scope_not_allowed", "fix_config")
    # a client refused a grant type is still unauthorized_client
    assert answer(400, "The client is not allowed to use this grant")[0] == "unauthorized_client"


def test_a_code_that_does_not_belong_to_the_client_is_the_configurations() -> None:
    assert answer(None, "Stripe::OAuth::InvalidGrantError: Authorization code provided does not belong to you") == (
        "invalid_grant", "token_for_other_client", "fix_config")
    body = '{"error": "invalid_grant", "error_description": "The code does not belong to this client"}'
    assert answer(400, body) == ("invalid_grant", "grant_issued_for_other_client_or_endpoint", "fix_config")


def test_an_introspection_answer_of_an_inactive_token_is_invalid_token() -> None:
    assert answer(200, '{"active": false}') == ("invalid_token", "ambiguous", "retry")
    assert {c.cause for c in classify(200, '{"active":false}', None, rulebook=BOOK).candidates} == {
        "access_token_expired", "token_revoked", "token_from_other_issuer"}
    # a record with an active flag among other fields is no introspection answer
    assert answer(200, '{"active": false, "name": "bob"}')[0] == "unknown"


def test_provider_texts_of_this_round() -> None:
    assert answer(None, "remote: Support for password authentication was removed on August 13, 2021.") == (
        "invalid_token", "password_auth_not_accepted", "fix_config")
    assert answer(None, "Error [TOKEN_INVALID]: An invalid token was provided.") == (
        "invalid_token", "bot_token_invalid", "fix_config")
    assert answer(None, "HTTP 403, body error code 50001", "discord") == (
        "access_denied", "missing_access", "fix_config")
    assert answer(None, "重定向 URI：http://10.0.0.1/callback在许可跳转列表中未找到", "casdoor") == (
        "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


@pytest.mark.parametrize("body", ["com.okta.jwt.JoseException: Failed to validate JWT string",
                                  "JWT validation error: Invalid Key: Key must be PEM encoded",
                                  "bearer token verification failed"])
def test_a_jwt_that_did_not_validate_for_no_stated_reason_is_the_configurations(body: str) -> None:
    assert answer(401, body) == ("invalid_token", "ambiguous", "fix_config")
    # a stated reason keeps its own reading
    assert answer(401, "JWT has expired")[1:] == ("access_token_expired", "retry")
    assert answer(401, "JWT validation failed: Audience not allowed")[1] == "token_for_wrong_audience"


def test_draft_10_definitions_name_no_cause() -> None:
    # rack-oauth2's default invalid_grant description lists "invalid assertion" as an example, not as the cause
    body = ('{"error": "invalid_grant", "error_description": "The provided access grant is invalid, expired, or revoked'
            ' (e.g. invalid assertion, expired authorization token, bad end-user password credentials, or mismatching'
            ' authorization code and redirection URI)."}')
    assert answer(400, body) == ("invalid_grant", "ambiguous", "reauth")
    assert answer(400, body.replace("(e.g. ", "(e.g., "))[1] == "ambiguous"
    # an assertion named as the reason keeps its reading
    assert answer(400, '{"error": "invalid_grant", "error_description": "invalid assertion"}')[1] == "assertion_invalid"


def test_trusted_publishing_refusals_are_the_publishers_configuration() -> None:
    pypi = ("* `invalid-publisher`: valid token, but no corresponding publisher (All lookup strategies exhausted)\n"
            "This generally indicates a trusted publisher configuration error, but could\n"
            "also indicate an internal error on GitHub or PyPI's part.")
    npm = "npm verbose oidc Failed token exchange request: OIDC token exchange error - package not found"
    for body in (pypi, npm):
        assert answer(None, body) == ("invalid_grant", "trusted_publisher_not_configured", "fix_config")


@pytest.mark.parametrize("body,expected", [
    ("Resource not in token's scopes", ("insufficient_scope", "missing_scope", "fix_config")),
    ("This redirect URI is not secure.", ("redirect_uri_mismatch", "redirect_uri_malformed", "fix_config")),
    ("Invalid Redirect", ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    ('{"message": "[Keycloak Guard] Algorithm not allowed"}',
     ("invalid_token", "token_signature_invalid", "fix_config")),
])
def test_rfc_wordings_of_the_second_batch(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_provider_texts_of_the_second_batch() -> None:
    assert answer(None, "ERROR: oauth-public.key does not exist", "laravel-passport") == (
        "server_error", "server_keys_missing", "fix_config")
    trial = ('{"code":29,"message":"Apps with Trial access may not create Pins in production https://api.pinterest.com'
             ' - use API Sandbox https://api-sandbox.pinterest.com instead."}')
    assert answer(None, trial, "pinterest") == ("unauthorized_client", "plan_or_project_lacks_access", "fix_config")


def test_wso2_api_managers_authentication_codes_are_not_discords() -> None:
    wso2 = ('{"code":"900901","message":"Invalid Credentials","description":"Access failure for API: /v3/1.0.11,'
            ' version: 1.0.11 status: (900901) - Invalid Credentials."}')
    assert classify(401, wso2, None, rulebook=BOOK).provider != "discord"
    assert classify(403, '{"code": 50001, "message": "Missing Access"}', None, rulebook=BOOK).provider == "discord"


def test_a_callback_url_that_starts_a_page_gives_its_error() -> None:
    page = ("https://acme.auth.us-east-2.amazoncognito.com/error?error=redirect_mismatch&client_id=abc\n"
            "An error was encountered with the requested page.")
    assert answer(None, page) == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


@pytest.mark.parametrize("body,expected", [
    ('{"error":"mfa_registration_required","error_description":"The user has not enrolled"}',
     ("interaction_required", "mfa_required", "reauth")),
    ("FATAL: Audience must contain [http://localhost:8181/], yet it is: [my-realm, account]",
     ("invalid_token", "token_for_wrong_audience", "fix_config")),
    ("Invalid JWT: Failed audience check.", ("invalid_token", "token_for_wrong_audience", "fix_config")),
    ("Access token does not contain openid scope", ("insufficient_scope", "missing_scope", "fix_config")),
    ("callback error (401, \"'state' parameter in callback request does not match our internal 'state'\")",
     ("invalid_request", "state_or_session_lost", "fix_config")),
    # the client's signing key is its credential: invalid_client since round twenty-nine (development labels 2 of 3)
    ("error:0909006C:PEM routines:get_name:no start line", ("invalid_client", "signing_key_malformed", "fix_config")),
])
def test_rfc_wordings_of_the_third_batch(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


@pytest.mark.parametrize("provider,body,expected", [
    ("aws-cognito", "InvalidParameterException: Initiate Auth method not supported.",
     ("unauthorized_client", "grant_type_not_enabled_for_client", "fix_config")),
    ("aws-cognito", "Unauthenticated access is not supported for this identity pool.",
     ("unauthorized_client", "guest_access_disabled", "fix_config")),
    ("aws-cognito", "NotAuthorizedException(message=Client abc is configured with secret but SECRET_HASH was not"
                    " received)",
     ("invalid_client", "client_authentication_missing", "fix_config")),
    ("keycloak", "invalid_user_credentials\ninvalid_user_credentials\nuser_temporarily_disabled",
     ("rate_limited", "too_many_failed_logins", "retry")),
    ("keycloak", "access_denied: Client is not the holder of the token",
     ("access_denied", "token_exchange_not_permitted", "fix_config")),
    ("google", "Request violates constraint 'constraints/iam.disableServiceAccountKeyCreation'",
     ("access_denied", "org_policy_constraint", "fix_config")),
])
def test_provider_texts_of_the_third_batch(provider: str, body: str, expected: tuple[str, str, str]) -> None:
    assert answer(400, body, provider) == expected
