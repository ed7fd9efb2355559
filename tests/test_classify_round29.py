"""Round twenty-nine (issue #16): detection that claims only what a provider documents, and wordings from corpora
204 and later's development halves that name their failure. The bodies are written for these tests."""

from __future__ import annotations

import pytest
from classify_answers import BOOK, answer

from oauthdoctor.classifier import classify


@pytest.mark.parametrize("code", [50001, 10012, 40002, 530007, 110001])
def test_a_code_from_discords_table_with_a_message_is_discords(code: int) -> None:
    body = f'{{"code": {code}, "message": "Missing Access"}}'
    assert classify(403, body, None, rulebook=BOOK).provider == "discord"


@pytest.mark.parametrize("code", [10401, 12500, 100002, 105002, 390198, 900901])
def test_another_services_code_and_message_is_not_discords(code: int) -> None:
    # UPS, a Capacitor plugin, QQ's bot API, Shopee, Snowflake and WSO2 answer {code, message} with codes that
    # Discord's JSON error code table does not list
    body = f'{{"code": {code}, "message": "Invalid Credentials"}}'
    assert classify(401, body, None, rulebook=BOOK).provider != "discord"


@pytest.mark.parametrize("body,expected", [
    ("googleapi: Error 403: Calendar API has not been used in project 123 before or it is disabled.",
     ("unauthorized_client", "api_not_enabled_for_project", "fix_config")),
    ('{"error": {"errors": [{"domain": "usageLimits", "reason": "accessNotConfigured", "message": "Access Not '
     'Configured."}], "code": 403}}', ("unauthorized_client", "api_not_enabled_for_project", "fix_config")),
    ('Issued At (iat) claim error in the ID token; current time "10:00:01" is before issued at time "10:00:03"',
     ("invalid_token", "clock_skew", "fix_config")),
    ("Missing id_token in OAuth response", ("invalid_scope", "ambiguous", "fix_config")),
    ("No id_token was returned by the provider", ("invalid_scope", "ambiguous", "fix_config")),
    ("Scope NOT_AUTHORIZED : r_network", ("invalid_scope", "scope_not_authorized_for_app", "fix_config")),
    ("Error: api_calls exceeding plan authorized calls", ("rate_limited", "rate_limit_exceeded", "retry")),
    ("Login not possible. The organization of the user must be granted to the project",
     ("access_denied", "ambiguous", "fix_config")),
])
def test_texts_that_name_their_failure(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_an_id_token_that_a_ci_variable_lacks_is_not_the_openid_scope() -> None:
    assert answer(None, "No id_token found on SITE_ID_TOKEN variable. Please update your CI job")[0] != "invalid_scope"


def test_a_bare_token_is_not_active_is_a_session_that_ended() -> None:
    assert answer(400, "Token is not active") == ("invalid_grant", "refresh_token_or_session_expired", "reauth")
    assert answer(401, "Token is not active")[::2] == ("invalid_token", "retry")  # an API's: refresh once


def test_xeros_invalid_scope_for_client_is_not_a_bad_secret() -> None:
    assert answer(400, '{"error": "unauthorized_client", "error_description": "Invalid scope for client"}',
                  "xero") == ("unauthorized_client", "scope_not_allowed_for_client", "fix_config")


def test_a_form_encoded_oauth_problem_in_a_log_line_is_read() -> None:
    line = ("RateExceededException: oauth_problem=rate%20limit%20exceeded&oauth_problem_advice=please%20wait "
            "at Xero.Api.HandleErrors()")
    assert answer(None, line)[::2] == ("rate_limited", "retry")


def test_a_json_body_cut_short_by_a_log_is_read_as_json() -> None:
    # the closing brace is missing, as in a log that kept the first lines: Google's rule for the message still applies
    cut = ('gspread.exceptions.APIError: { "error": { "errors": [ { "domain": "global", "reason": "authError", '
           '"message": "Invalid Credentials", "locationType": "header", "location": "Authorization" } ], '
           '"code": 401, "message": "Invalid Credentials" }')
    assert answer(401, cut, "google") == ("invalid_token", "ambiguous", "retry")


def test_an_invalid_client_after_a_redirect_uri_parameter_is_not_a_redirect_mismatch() -> None:
    text = ('{"error": {"message": "Error getting access token, request is: https://idp.test/token?grant_type='
            'authorization_code&redirect_uri=https://app.test/cb, response is: error=invalid_client'
            '&error_description=Unauthorized"}}')
    assert answer(None, text)[0] == "invalid_client"


@pytest.mark.parametrize("body,provider,expected", [
    ('{"message": "\'Issuer\' claim (\'iss\') must be an Integer", "documentation_url": "https://docs.github.com/rest"}',
     "github", ("invalid_client", "app_jwt_claim_invalid", "fix_config")),
    ('{"odata.error": {"code": "Authorization_RequestDenied", "message": {"lang": "en", "value": '
     '"Insufficient privileges to complete the operation."}}}', None,
     ("insufficient_scope", "missing_permission", "fix_config")),
    ('{"error": {"message": "Your credentials lack one or more required privilege scopes."}}', None,
     ("insufficient_scope", "missing_scope", "fix_config")),
    ('{"error": "invalid_request", "error_description": "Invalid resource owner username/password"}', None,
     ("invalid_grant", "resource_owner_credentials_invalid", "fix_config")),
    ('{"error": "Expected an ID token, but was given a custom token."}', None,
     ("invalid_token", "wrong_token_type", "fix_config")),
    ('The header "kid" is missing.', None, ("invalid_token", "signing_key_not_found", "fix_config")),
    ("missing json web key", None, ("invalid_token", "signing_key_not_found", "fix_config")),
    ("NotAuthorizedException: SecretHash does not match for the client: abc", "aws-cognito",
     ("invalid_client", "secret_hash_mismatch", "fix_config")),
    ("You can't get there from here. You cannot access this right now.", None,
     ("access_denied", "conditional_access_blocked", "fix_config")),
    ("400. That's an error. Error: redirect_url_mismatch", None,
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    ("W/SignInActivity: signInResult:failed code=10", "google",
     ("invalid_client", "android_client_registration_mismatch", "fix_config")),
])
def test_batch_two_texts_that_name_their_failure(body: str, provider: str | None,
                                                 expected: tuple[str, str, str]) -> None:
    assert answer(None, body, provider) == expected


@pytest.mark.parametrize("body,provider,expected", [
    ("Client validation failed because 'https://app.test/cb' was not a valid redirect_uri for app.", None,
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    ("The authentication demand was rejected because the confidential application 'app' didn't specify a client "
     "secret or a client assertion.", None, ("invalid_client", "client_authentication_missing", "fix_config")),
    ("The request was rejected because the 'client_secret_basic' client authentication method that was used by the "
     "client application is not enabled in the server options.", None,
     ("invalid_client", "wrong_client_auth_method", "fix_config")),
    ("[Critical] Startup: No signing key material found. IdentityServer cannot issue tokens.", None,
     ("server_error", "server_keys_missing", "fix_config")),
    ("Successfully authenticated, but user does not have one of the required group(s).", None,
     ("access_denied", "user_not_in_required_groups", "fix_config")),
    ("requests.exceptions.ConnectTimeout", None, ("temporarily_unavailable", "network_error", "retry")),
    ("X-Hub-Signature-256 does not match blob signature", None,
     ("invalid_client", "callback_signature_invalid", "fix_config")),
    ("error:0906D06C:PEM routines:PEM_read_bio:no start line", None,
     ("invalid_client", "signing_key_malformed", "fix_config")),
    ("Token request failed: certificate signed by unknown authority", None,
     ("unknown", "tls_certificate_untrusted", "fix_config")),
    ('az login --tenant "t" --scope "https://management.core.windows.net//.default" --claims-challenge "x"', None,
     ("interaction_required", "step_up_required", "reauth")),
    ("Token has expired or is invalid", "supabase", ("invalid_grant", "ambiguous", "reauth")),  # a one-time code
    ('{"errorCode": "E0000004", "errorSummary": "Authentication failed", "errorCauses": []}', "okta",
     ("invalid_grant", "resource_owner_credentials_invalid", "reauth")),
    ('{"errorCode": "E0000007", "errorSummary": "Not found: Resource not found: me (Session)"}', "okta",
     ("interaction_required", "session_expired", "reauth")),
])
def test_batch_three_texts_that_name_their_failure(body: str, provider: str | None,
                                                   expected: tuple[str, str, str]) -> None:
    assert answer(None, body, provider) == expected


def test_okta_not_found_for_another_resource_is_not_a_session() -> None:
    assert answer(404, '{"errorCode": "E0000007", "errorSummary": "Not found: Resource not found: 00u1 (User)"}',
                  "okta")[0] != "interaction_required"


@pytest.mark.parametrize("body,provider", [
    ("http error, 'https://api.github.com/graphql' failed (401): 'Bad credentials'", "github"),
    ("Restforce::AuthenticationError: invalid_grant: authentication failure", "salesforce"),
    ("simple_salesforce.exceptions.SalesforceAuthenticationFailed: INVALID_LOGIN", "salesforce"),
    ("com.okta.sdk.resource.ResourceException: HTTP 401, Okta E0000011 (Invalid token provided)", "okta"),
    ("google.auth.exceptions.RefreshError: ('invalid_grant: Bad Request', {'error': 'invalid_grant'})", "google"),
])
def test_a_providers_host_codes_or_client_library_name_it(body: str, provider: str) -> None:
    assert classify(None, body, None, rulebook=BOOK).provider == provider
