"""Round twenty-eight (issue #16): wordings from corpora 176-199's development halves that name their failure,
provider codes with a documented meaning (ClickUp's ECODE values, OCI's NotAuthenticated, Matrix's and AT Protocol's
codes, Alipay's sub-codes), and an API's bare 403 as RFC 6750's insufficient_scope. The bodies are written for these
tests."""

from __future__ import annotations

import pytest
from classify_answers import BOOK, answer

from oauthdoctor.classifier import classify


def test_a_pascal_case_error_key_with_a_sentence_is_the_description() -> None:
    # Apigee's non-RFC OAuthV2 answer: the code under ErrorCode, the words under Error
    assert answer(400, '{"ErrorCode": "InvalidRequest", "Error": "Refresh Token expired"}') == (
        "invalid_grant", "refresh_token_expired", "reauth")
    assert answer(401, '{"Error": "invalid_client"}')[0] == "invalid_client"


@pytest.mark.parametrize("body,expected", [
    ("The provided token is not a valid format", ("invalid_token", "access_token_malformed", "fix_config")),
    ("the access token is not in the expected format", ("invalid_token", "access_token_malformed", "fix_config")),
    ("The access token does not have a valid audience claim.",
     ("invalid_token", "token_for_wrong_audience", "fix_config")),
    ("The client_id is not authorized to access the specified endpoint.",
     ("unauthorized_client", "client_not_authorized", "fix_config")),
    ("A client must have at least one registered redirect URL",
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    ("This One-Time PIN has already been used", ("invalid_grant", "sign_in_link_expired_or_used", "reauth")),
    ("The one-time PIN has expired", ("invalid_grant", "sign_in_link_expired_or_used", "reauth")),
])
def test_texts_that_name_their_failure(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_a_request_that_requires_a_valid_token_is_about_the_token() -> None:
    got = answer(None, '{"message": "The request requires a valid access token set in the Authorization header."}')
    assert got[:2] == ("invalid_token", "ambiguous")


def test_clickups_ecode_values_follow_its_error_table() -> None:
    assert answer(401, '{"err": "Oauth token not found", "ECODE": "OAUTH_019"}') == (
        "invalid_token", "token_revoked", "reauth")
    assert answer(401, '{"err": "Team not authorized", "ECODE": "OAUTH_027"}') == (
        "access_denied", "ambiguous", "reauth")
    assert answer(401, '{"err": "Authorization header required", "ECODE": "OAUTH_017"}') == (
        "invalid_request", "access_token_missing", "fix_config")
    # another API's code of the same shape, without ClickUp's key or words, is not read as ClickUp's
    assert answer(401, "upstream said OAUTH_019")[1] != "token_revoked"


def test_oracle_clouds_not_authenticated_lists_its_causes() -> None:
    body = ('{"code": "NotAuthenticated", "message": "The required information to complete authentication was not'
            ' provided or was incorrect.", "status": 401}')
    assert answer(401, body) == ("invalid_client", "ambiguous", "fix_config")


def test_atlassians_token_endpoint_access_denied_is_the_client_not_the_user() -> None:
    assert answer(None, "POST https://auth.atlassian.com/oauth/token\nerror: access_denied", "atlassian") == (
        "invalid_client", "bad_client_credentials", "fix_config")
    # at the authorize step, access_denied stays the user's refusal
    assert answer(None, "https://app.example/callback?error=access_denied&state=x", "atlassian")[0] == (
        "access_denied")


@pytest.mark.parametrize("body,expected", [
    ("Failed to launch 'myapp://cb#x' because the scheme does not have a registered handler.",
     ("redirect_uri_mismatch", "url_scheme_not_registered", "fix_config")),
    ("AADSTS500119: Redirect URIs with urn: schemes are prohibited. Use a different scheme",
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    ("OAuth signature mismatch. Computed: abc, Received: def",
     ("invalid_client", "request_signature_invalid", "fix_config")),
    ('{"Message": "Could not validate nonce."}', ("invalid_request", "nonce_mismatch", "fix_config")),
    ("nonce invalid", ("invalid_request", "nonce_mismatch", "fix_config")),
    ("Error: No trusted publisher configured for this workflow found on https://rubygems.org/",
     ("invalid_grant", "trusted_publisher_not_configured", "fix_config")),
    ("402 2FA Token required. Re-try request with user's 2FA token as CB-2FA-Token header",
     ("interaction_required", "mfa_required", "reauth")),
])
def test_more_texts_that_name_their_failure(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_a_two_factor_token_is_not_the_missing_access_token() -> None:
    assert answer(401, "access token required") == ("invalid_request", "access_token_missing", "fix_config")
    assert answer(None, "2FA token required")[0] == "interaction_required"


def test_a_registry_denial_lists_a_lost_login_and_a_missing_permission() -> None:
    for body in ("denied: requested access to the resource is denied",
                 'Error response from daemon: Head "https://ghcr.io/v2/o/i/manifests/latest": denied: denied'):
        assert answer(None, body) == ("access_denied", "ambiguous", "fix_config")
    # the code is read at the start of a line or after a colon, not as the end of a sentence
    assert answer(None, "the request was denied: denied")[0] == "unknown"


def test_googles_missing_client_id_is_not_the_out_of_band_page() -> None:
    page = ("400. That's an error.\n\nError: invalid_request\n\nMissing required parameter: client_id\n\n"
            "Request Details\nresponse_type=code\nredirect_uri=urn:ietf:wg:oauth:2.0:oob\nclient_id=")
    assert answer(400, page, "google") == ("invalid_request", "missing_parameter", "fix_config")
    oob = page.replace("Missing required parameter: client_id", "Access blocked").replace("client_id=", "client_id=1")
    assert answer(400, oob, "google")[1] == "oob_flow_blocked"


def test_googles_origin_mismatch_and_its_retired_sign_in_library() -> None:
    assert answer(400, '{"error": "origin_mismatch"}', "google") == (
        "redirect_uri_mismatch", "javascript_origin_not_registered", "fix_config")
    details = ('{"error": "idpiframe_initialization_failed", "details": "You have created a new client application that'
               ' uses libraries for user authentication or authorization that are deprecated. New clients must use the'
               ' new libraries instead."}')
    assert answer(None, details, "google") == ("unauthorized_client", "deprecated_library_for_new_client", "fix_config")


def test_stravas_quoted_error_lists_are_read_like_its_json() -> None:
    fault = ("stravalib.exc.Fault: 400 Client Error: Bad Request [Bad Request: [{'resource': 'AuthorizationCode',"
             " 'field': '', 'code': 'expired'}]]")
    assert answer(400, fault, "strava") == ("invalid_grant", "auth_code_expired_or_reused", "reauth")
    broken = '{"message": "Bad request","errors":[{resource":"Application","field":"redirect_uri", "code":"invalid"}]}'
    assert answer(None, broken, "strava") == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


def summary_of(status: int, body: str) -> str:
    return classify(status, body, None, rulebook=BOOK).summary


def test_a_bare_403_from_an_api_is_a_token_without_the_privileges() -> None:
    # RFC 6750 3.1: insufficient_scope is the 403 of a resource server; access_denied is the authorize redirect's
    assert answer(403, "") == ("insufficient_scope", "ambiguous", "fix_config")
    assert "RFC 6750 3.1" in summary_of(403, "{}")
    assert answer(403, "Forbidden")[0] == "insufficient_scope"
    assert answer(403, '{"error": "access_denied"}')[0] == "access_denied"  # a body that names its code keeps it
    assert answer(403, "domainPolicy: App cannot be used within the authenticated user's domain", "google") == (
        "access_denied", "admin_policy_enforced", "fix_config")


@pytest.mark.parametrize("body,expected", [
    ("CWWKS1751E: Validation failed for the ID token requested by [rp] because the (iss) issuer [https://a.example]"
     " specified in the token does not match the [issuerIdentifier] attribute [https://b.example] for the provider",
     ("invalid_token", "token_from_other_issuer", "fix_config")),
    ("CWWKS1754E: Validation failed for the ID token requested by [rp] because the (aud) audience [other-client]"
     " specified in the token does not match the clientId [rp] specified in the OpenID Connect client configuration.",
     ("invalid_token", "token_for_wrong_audience", "fix_config")),
    ('OAuth "invalid_request" error: Scope "transition:generic" is not declared in the client metadata',
     ("invalid_scope", "scope_not_allowed", "fix_config")),
    ("The redirect URI you provided has not been whitelisted for your application.",
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    ("028 Authentication header not exists", ("invalid_request", "access_token_missing", "fix_config")),
    ("Unauthorized client_secret", ("invalid_client", "bad_client_credentials", "fix_config")),
    ('{"error": "invalid_request", "error_description": "Multiple OAuth client credentials are provided"}',
     ("invalid_request", "wrong_client_auth_method", "fix_config")),
    ('{"error": "InvalidToken", "message": "Invalid token type"}', ("invalid_token", "wrong_token_type", "fix_config")),
    ("Error 401: account credentials expired, login again", ("invalid_grant", "grant_dead", "reauth")),
    ("-402: a user has not agreed to provide the user information (scope) that the API attempts to access",
     ("insufficient_scope", "consent_required", "reauth")),
    ("-101: a user whose account is not linked to the app made the request",
     ("invalid_token", "token_revoked", "reauth")),
    ("{'error_description': 'No attributes found in the context of this grant.', 'error': 'invalid_grant'}",
     ("invalid_grant", "access_token_mapping_not_configured", "fix_config")),
    ("javax.ws.rs.WebApplicationException: HTTP 400 Bad Request at org.gluu.oxauth.authorize.ws.rs."
     "AuthorizeRestWebServiceValidator.validateRedirectUri(AuthorizeRestWebServiceValidator.java:268)",
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
])
def test_third_batch_texts_that_name_their_failure(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_at_protocols_expired_token_is_an_access_jwt_not_a_device_code() -> None:
    assert answer(400, '{"error": "ExpiredToken", "message": "Token has expired"}') == (
        "invalid_token", "ambiguous", "retry")
    # RFC 8628's expired_token stays the device code's
    assert answer(400, '{"error": "expired_token"}')[1] == "device_code_expired"


def test_matrix_error_codes() -> None:
    assert answer(401, '{"errcode": "M_UNKNOWN_TOKEN", "error": "Unrecognised access token."}') == (
        "invalid_token", "ambiguous", "reauth")
    assert answer(401, '{"errcode": "M_MISSING_TOKEN", "error": "Missing access token"}') == (
        "invalid_request", "access_token_missing", "fix_config")


def test_alipay_sub_codes_and_discords_code_in_another_body() -> None:
    body = ("{ message: 'sign check failed', info: { alipay_trade_precreate_response: { code: '40002', msg: 'Invalid"
            " Arguments', sub_code: 'isv.invalid-app-id', sub_msg: 'invalid app id' } } }")
    assert answer(None, body) == ("invalid_client", "unknown_client_id", "fix_config")
    assert answer(None, '{"error_response": {"code": "40002", "sub_code": "isv.code-invalid"}}') == (
        "invalid_grant", "auth_code_invalid_or_reused", "reauth")
    # Discord's 40002 is an unverified account only when the text says so
    verify = '{"message": "You need to verify your account in order to perform this action.", "code": 40002}'
    assert answer(403, verify, "discord")[1] == "account_verification_required"


def test_credential_managers_cancellation_leans_to_the_apps_registration() -> None:
    assert answer(None, "CapacitorException: Google Sign-In failed: activity is cancelled by the user.") == (
        "access_denied", "ambiguous", "fix_config")
    assert answer(None, "The user cancelled the sign-in")[2] == "reauth"


@pytest.mark.parametrize("body,expected", [
    ("pyecobee.errors.InvalidTokenError: ecobee tokens invalid; re-authentication required",
     ("invalid_grant", "grant_dead", "reauth")),
    ("Flood detected: IP Locked #374", ("rate_limited", "rate_limit_exceeded", "retry")),
    ("Credentials expired while waiting for you to authorize with Google",
     ("expired_token", "device_code_expired", "reauth")),
    ("Failed to refresh token because of multiple concurrent requests using the same token which is not allowed",
     ("invalid_grant", "concurrent_refresh_requests", "fix_config")),
    # Go's cancelled context is the program giving up, not a refusal: no OAuth meaning, and no new sign-in
    ("Token refresh failed try 1/5: context canceled", ("unknown", "request_cancelled_by_caller", "retry")),
])
def test_fourth_batch_texts_that_name_their_failure(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_entras_aadsts16000_has_two_meanings() -> None:
    select = ("InteractionRequiredAuthError: interaction_required: AADSTS16000: Either multiple user identities are"
              " available for the current request or selected account is not supported for the scenario.")
    assert answer(None, select, "microsoft") == ("interaction_required", "account_selection_required", "reauth")
    guest = ("AADSTS16000: User account 'x@live.com' from identity provider 'live.com' does not exist in tenant"
             " 'Contoso' and cannot access the application")
    assert answer(None, guest, "microsoft") == ("access_denied", "user_not_in_tenant", "fix_config")


def test_msal_browsers_post_request_failed_names_the_spa_registration() -> None:
    body = ("BrowserAuthError: post_request_failed: Network request failed: If the browser threw a CORS error, check"
            " that the redirectUri is registered in the Azure App Portal as type 'SPA'")
    assert answer(None, body, "microsoft") == ("invalid_request", "ambiguous", "fix_config")
