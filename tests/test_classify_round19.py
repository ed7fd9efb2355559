"""Round nineteen (issue #16): codes of the IANA OAuth Extensions Error Registry that earlier rounds did not read, each
taken from its specification (RFC 7591, OpenID Connect Core, CIBA Core, the unmet-authentication-requirements error,
UMA 2.0 as Keycloak answers it). The bodies are written for these tests; none is a corpus case."""

from __future__ import annotations

import json

import pytest
from classify_answers import answer

from oauthdoctor.classifier.extract import extract


@pytest.mark.parametrize(("error", "expected"), [
    # RFC 7591 3.2.2: the registration endpoint's answers
    ("invalid_client_metadata", ("invalid_request", "client_metadata_invalid", "fix_config")),
    ("invalid_software_statement", ("invalid_request", "software_statement_invalid", "fix_config")),
    ("unapproved_software_statement", ("unauthorized_client", "software_statement_not_approved", "fix_config")),
    # OpenID Connect Core 3.1.2.6 and RFC 9101
    ("invalid_request_object", ("invalid_request", "request_object_invalid", "fix_config")),
    ("invalid_request_uri", ("invalid_request", "request_uri_invalid", "fix_config")),
    ("request_not_supported", ("invalid_request", "request_parameter_not_supported", "fix_config")),
    ("request_uri_not_supported", ("invalid_request", "request_parameter_not_supported", "fix_config")),
    ("registration_not_supported", ("invalid_request", "request_parameter_not_supported", "fix_config")),
    ("unmet_authentication_requirements",
     ("interaction_required", "authentication_requirements_unmet", "fix_config")),
    # CIBA Core 13: the backchannel authentication endpoint's answers
    ("unknown_user_id", ("invalid_request", "login_hint_unknown_user", "fix_config")),
    ("expired_login_hint_token", ("invalid_request", "login_hint_token_expired", "reauth")),
    ("missing_user_code", ("invalid_request", "backchannel_request_parameter_invalid", "fix_config")),
    ("invalid_binding_message", ("invalid_request", "backchannel_request_parameter_invalid", "fix_config")),
    ("invalid_user_code", ("invalid_request", "user_code_invalid", "reauth")),
    # UMA 2.0 grant
    ("request_denied", ("access_denied", "uma_permission_denied", "fix_config")),
])
def test_a_registered_extension_code_is_read_by_its_specification(error: str, expected: tuple[str, str, str]) -> None:
    assert answer(400, json.dumps({"error": error})) == expected


def test_keycloaks_uma_refusal_is_a_policy_not_a_user_who_declined() -> None:
    body = '{"error": "access_denied", "error_description": "request_denied"}'
    assert answer(403, body, provider="keycloak") == ("access_denied", "uma_permission_denied", "fix_config")
    assert answer(403, body) == ("access_denied", "uma_permission_denied", "fix_config")
    # a user's refusal stays a refusal
    declined = '{"error": "access_denied", "error_description": "The resource owner denied the request"}'
    assert answer(400, declined)[1:] == ("user_denied_consent", "reauth")


def test_google_api_python_clients_http_error_is_read_by_the_message_it_returned() -> None:
    # googleapiclient's HttpError prints the API's own message, then the per-error Details (a vaguer reason)
    body = ('<HttpError 403 when requesting https://www.googleapis.com/drive/v3/files?alt=json returned "Request had '
            'insufficient authentication scopes.". Details: "[{\'message\': \'Insufficient Permission\', \'domain\': '
            '\'global\', \'reason\': \'insufficientPermissions\'}]">')
    assert answer(None, body) == ("insufficient_scope", "missing_scope", "fix_config")
    ex = extract(None, body)
    assert (ex.status, ex.description) == (403, "Request had insufficient authentication scopes.")
    # without Details, and with an empty message the Details still speak
    assert extract(None, '<HttpError 404 when requesting https://x.example/y returned "Not Found">').description == (
        "Not Found")
    assert extract(None, '<HttpError 429 when requesting https://x.example/y returned "">').status == 429


def test_firebases_invalid_credential_with_an_audience_detail_is_a_token_for_another_project() -> None:
    body = ("[Error: [auth/invalid-credential] The supplied auth credential is malformed or has expired. [ The "
            "audience in ID Token [com.example.android] does not match the expected audience. ]]")
    assert answer(None, body, provider="firebase") == ("invalid_token", "token_for_wrong_audience", "fix_config")
    assert answer(None, "[firebase_auth/invalid-credential] access_token audience is not for this project",
                  provider="firebase")[1] == "token_for_wrong_audience"
    # the code alone stays what it was
    assert answer(None, "[auth/invalid-credential] The supplied auth credential is malformed or has expired.",
                  provider="firebase")[1] != "token_for_wrong_audience"


def test_youtubes_signup_required_is_an_account_without_a_channel() -> None:
    body = json.dumps({"error": {"code": 401, "message": "Unauthorized", "errors": [
        {"message": "Unauthorized", "domain": "youtube.header", "reason": "youtubeSignupRequired"}]}})
    assert answer(401, body, provider="youtube") == ("access_denied", "youtube_channel_required", "reauth")


def test_a_limit_that_has_been_reached_is_a_rate_limit_but_a_count_limit_is_not() -> None:
    assert answer(None, "Global per second users_write group limit has been reached") == (
        "rate_limited", "rate_limit_exceeded", "retry")
    assert answer(None, "The user has reached the limit of 5 devices")[0] != "rate_limited"


@pytest.mark.parametrize("body", [
    "Clients must include a 'code_challenge' when performing the authorize code flow, but it is missing. The client "
    "with id 'app' is registered in a way that enforces PKCE.",
    "PKCE is required for this client",
])
def test_a_client_that_must_send_pkce_lacks_a_challenge_not_a_matching_verifier(body: str) -> None:
    assert answer(400, json.dumps({"error": "invalid_request", "error_description": body})) == (
        "invalid_request", "pkce_challenge_missing", "fix_config")


def test_a_userinfo_refusal_that_names_insufficient_scope_is_read_by_that_code() -> None:
    body = ('[invalid_user_info_response] An error occurred while attempting to retrieve the UserInfo Resource: 403 : '
            '"{"error":"insufficient_scope"}"')
    assert answer(None, body) == ("insufficient_scope", "missing_scope", "fix_config")
    bare = ("[invalid_user_info_response] An error occurred while attempting to retrieve the UserInfo Resource: 401 "
            "Unauthorized: [no body]")
    assert answer(None, bare)[:2] == ("invalid_token", "ambiguous")


def test_giteas_grant_with_another_scope_is_revoked_and_authorised_again() -> None:
    url = "https://app.example/callback?error=server_error&error_description=a+grant+exists+with+different+scope"
    assert answer(None, url) == ("invalid_scope", "existing_grant_scope_mismatch", "reauth")


def test_a_box_developer_token_that_expired_is_generated_again_not_refreshed() -> None:
    body = "Box.Sdk.Gen.BoxSdkException: 'Developer token has expired. Please provide a new one.'"
    assert answer(None, body, provider="box") == ("invalid_token", "developer_token_expired", "fix_config")


@pytest.mark.parametrize("body", [
    "You must provide a valid authenticated access token.",
    '{"errcode": 40001, "errmsg": "token is not exist"}',
])
def test_other_words_for_a_refused_access_token(body: str) -> None:
    assert answer(401, body)[:2] == ("invalid_token", "ambiguous")


def test_a_valid_csrf_token_is_not_an_access_token() -> None:
    assert answer(None, "You must provide a valid CSRF token")[0] != "invalid_token"


def test_a_failed_second_factor_is_signed_in_again() -> None:
    assert answer(None, "The multi-factor authentication was not successful. Please try again.") == (
        "interaction_required", "mfa_failed", "reauth")
    assert answer(None, "MFA challenge failed")[1:] == ("mfa_failed", "reauth")


def test_an_oauth1_callback_the_server_rejected_is_the_redirect_uri() -> None:
    body = ('{code: "parameter_rejected", message: "oauth_problem=parameter_rejected&'
            'oauth_parameters_rejected=oauth_callback"}')
    assert answer(None, body) == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")
    other = "oauth_problem=parameter_rejected&oauth_parameters_rejected=oauth_nonce"
    assert answer(401, other)[:2] == ("invalid_request", "invalid_parameters")


def test_states_that_do_not_match_as_a_code() -> None:
    assert answer(None, "ERR_STATES_NOT_MATCH") == ("invalid_request", "state_or_session_lost", "fix_config")


def test_google_sign_in_for_ios_without_its_url_scheme() -> None:
    body = ("PlatformException(google_sign_in, Your app is missing support for the following URL schemes: "
            "com.googleusercontent.apps.123-abc, NSInvalidArgumentException)")
    assert answer(None, body) == ("redirect_uri_mismatch", "url_scheme_not_registered", "fix_config")


def test_a_registry_client_without_a_login_for_the_host() -> None:
    assert answer(None, "no basic auth credentials") == ("invalid_request", "credentials_not_configured", "fix_config")


def test_api_gateways_missing_authentication_token_in_front_of_sp_api_is_a_wrong_route() -> None:
    body = json.dumps({"errors": [{"message": "Access to requested resource is denied.",
                                   "code": "MissingAuthenticationToken"}]})
    assert answer(403, body, provider="amazon") == ("invalid_request", "wrong_endpoint_url", "fix_config")
    unauthorised = json.dumps({"errors": [{"message": "Access to requested resource is denied.",
                                           "code": "Unauthorized"}]})
    assert answer(403, unauthorised, provider="amazon")[:2] == ("access_denied", "ambiguous")


@pytest.mark.parametrize(("body", "cause"), [
    ("failed to find matching key for verification: invalid signature algorithm", "token_signature_invalid"),
    ("An error occurred while attempting to decode the Jwt: Failed to validate the token", "ambiguous"),
])
def test_more_words_for_a_token_that_does_not_verify(body: str, cause: str) -> None:
    assert answer(None, body)[:2] == ("invalid_token", cause)


@pytest.mark.parametrize(("body", "cause"), [
    ("at_hash does not match access token", "token_pair_mismatch"),
    ("invalid c_hash", "token_pair_mismatch"),
    ("azp claim does not match client_id", "token_for_wrong_audience"),
    ('Firebase ID token has incorrect "aud" (audience) claim.', "token_for_wrong_audience"),
    ("io.jsonwebtoken.MalformedJwtException: JWT strings must contain exactly 2 period characters. Found: 0",
     "access_token_malformed"),
])
def test_id_token_checks_of_oidc_core_and_a_token_that_is_no_jwt(body: str, cause: str) -> None:
    assert answer(None, body) == ("invalid_token", cause, "fix_config")


def test_a_jwks_without_the_tokens_kid_is_a_key_to_publish_not_a_server_error() -> None:
    assert answer(500, "Internal Server Error: JSON::JWK::Set::KidNotFound") == (
        "invalid_token", "token_signature_invalid", "fix_config")


@pytest.mark.parametrize("body,expected", [
    ("[AuthorizationError.USER_PERMISSION_DENIED @ ; trigger:'']",
     ("access_denied", "missing_permission", "fix_config")),
    # round twenty-seven: the developer token's access is the application's, RFC 6749's unauthorized_client
    ("[QuotaCheckError.DEVELOPER_TOKEN_NOT_APPROVED @ ; trigger:'<null>']",
     ("unauthorized_client", "client_not_authorized", "fix_config")),
    ("AuthorizationError.DEVELOPER_TOKEN_PROHIBITED", ("unauthorized_client", "client_not_authorized", "fix_config")),
])
def test_google_ads_authorization_errors_are_access_not_the_token(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_an_apps_script_service_it_may_not_call_is_a_scope() -> None:
    assert answer(None, "Exception: You do not have permission to call UrlFetchApp.fetch") == (
        "insufficient_scope", "missing_scope", "fix_config")


def test_freshdesks_429_that_says_rate_limit_is_one_and_a_bare_429_stays_the_plan() -> None:
    limited = ("freshdesk.v2.errors.FreshdeskRateLimited: 429 Rate Limit Exceeded: API rate-limit has been reached "
               "until 9 seconds.")
    assert answer(429, limited, provider="freshdesk") == ("rate_limited", "account_rate_limit", "retry")
    assert answer(429, "", provider="freshdesk")[:2] == ("access_denied", "plan_without_api_access")


def test_msal_for_ios_cancelled_by_the_user() -> None:
    body = ('Error Domain=MSALErrorDomain Code=-50005 "The operation couldn\u2019t be completed. (MSALErrorDomain '
            'error -50005.)"')
    assert answer(None, body) == ("access_denied", "user_cancelled_sign_in", "reauth")


def test_msal_for_android_without_a_network_retries_later() -> None:
    body = ("com.microsoft.identity.common.java.exception.ClientException: Connection is not available to refresh "
            "token")
    assert answer(None, body) == ("temporarily_unavailable", "network_error", "retry")


@pytest.mark.parametrize("body", [
    "cognito-idp.eu-central-1.amazonaws.com: Access Token does not have required scopes (Http - 400)",
    "GET https://api.github.com/user/orgs: 403 You need at least read:org scope or user scope to list your orgs.",
])
def test_more_words_for_a_token_without_the_scope(body: str) -> None:
    assert answer(None, body) == ("insufficient_scope", "missing_scope", "fix_config")


def test_springs_issuer_it_cannot_read_and_an_enterprise_token_policy() -> None:
    issuer = ('Caused by: java.lang.IllegalArgumentException: Unable to resolve the Configuration with the provided '
              'Issuer of "http://10.0.0.5:8080/realms/master"')
    assert answer(None, issuer) == ("invalid_request", "authority_misconfigured", "fix_config")
    policy = ("GraphQL: The 'Acme' enterprise forbids access via a fine-grained personal access tokens if the token's "
              "lifetime is greater than 366 days.")
    assert answer(None, policy) == ("access_denied", "access_policy_denied", "fix_config")


@pytest.mark.parametrize("body", [
    "No matching JWK",
    'Error while resolving signing key for kid "hBLe8Pk0HtpKnAeQ2LYKzA3XYhWTZJpxlkF-1OCr4bo"',
    "A signing key must be specified if the specified JWT is digitally signed",
])
def test_a_verifier_without_the_tokens_key(body: str) -> None:
    assert answer(None, body) == ("invalid_token", "token_signature_invalid", "fix_config")


def test_a_client_librarys_invalid_state_with_its_stack() -> None:
    body = "Error: Invalid state     at te.handleRedirectCallback (auth0-spa-js.production.js:1:2)"
    assert answer(None, body) == ("invalid_request", "state_or_session_lost", "fix_config")


def test_salesforces_invalid_login_is_the_credentials_not_a_disabled_account() -> None:
    body = '"Error: INVALID_LOGIN: Invalid username, password, security token; or user locked out."'
    assert answer(None, body) == ("invalid_grant", "resource_owner_credentials_invalid", "fix_config")
    assert answer(None, "Your account is locked out")[1] == "account_disabled"


def test_a_callback_url_whose_host_is_a_redaction_is_still_read() -> None:
    body = ("https://[SERVER]/api/v1.0/login_return?state=[snip]&error=access_denied&error_description=User+is+not+"
            "assigned+to+the+client+application.")
    assert answer(None, body) == ("access_denied", "user_not_assigned_to_app", "fix_config")
    assert extract(None, "https://[SERVER]/cb#error=access_denied").error == "access_denied"
