"""Round twenty-five (issue #16): wider word families, each in the RFCs' terms. An audience or tenant named as not
the one the API accepts, an OAuth 1.0a signature that did not verify (the consumer's credential signs it), and a
client credential the caller's own configuration leaves empty or the server found missing. The bodies are written
for these tests."""

from __future__ import annotations

import pytest
from classify_answers import answer


@pytest.mark.parametrize("body", [
    "The audience claim value is invalid for current resource.",
    "Bad Request (Unacceptable audience in id_token: abc)",
    "audience is not accepted",
])
def test_an_audience_named_as_refused_is_a_token_for_another_audience(body: str) -> None:
    assert answer(None, body) == ("invalid_token", "token_for_wrong_audience", "fix_config")


def test_a_token_tenant_that_does_not_match_the_resource_is_another_issuer() -> None:
    for body in ("Token tenant 1234 does not match resource tenant.",
                 "Tenant provided in token does not match resource token"):
        assert answer(400, body) == ("invalid_token", "token_from_other_issuer", "fix_config")
    # a tenant that is only unknown is still the tenant in the request, not the token's
    assert answer(400, "Tenant 'contoso' not found.")[1] != "token_from_other_issuer"


@pytest.mark.parametrize("body", ["Invalid OAuth signature", "The oauth_signature was invalid.",
                                  "OAuth signature rejected"])
def test_an_oauth1_signature_that_did_not_verify_is_the_clients_credential(body: str) -> None:
    assert answer(None, body) == ("invalid_client", "request_signature_invalid", "fix_config")


def test_the_oauth1_problem_report_of_a_bad_signature_is_the_clients_credential() -> None:
    challenge = 'OAuth oauth_problem="signature_invalid", realm="api.example"'
    assert answer(401, challenge) == ("invalid_client", "request_signature_invalid", "fix_config")
    # a JWT's signature is still the token's
    assert answer(401, "JWT signature is invalid")[0] == "invalid_token"


@pytest.mark.parametrize("body,cause", [
    ("java.lang.IllegalArgumentException: clientSecret is null or empty", "credentials_not_configured"),
    ("client_id is not set", "credentials_not_configured"),
    ("Client ID and ClientSecret are missing", "client_authentication_missing"),
])
def test_a_client_credential_left_empty_or_missing_is_the_clients(body: str, cause: str) -> None:
    assert answer(None, body) == ("invalid_client", cause, "fix_config")
    # a refused secret keeps its own cause
    assert answer(None, "client secret is invalid")[1] == "bad_client_secret"


def test_a_frameworks_reason_phrase_is_not_an_oauth_error_code() -> None:
    # hapi's Boom, NestJS and Fastify write the status's reason phrase as "error"; the message says what failed
    boom = '{"statusCode": 401, "error": "Unauthorized", "message": "Invalid token"}'
    assert answer(401, boom, "auth0")[0] == "invalid_token"
    assert answer(401, boom)[0] == "invalid_token"
    assert answer(403, '{"statusCode": 403, "error": "Forbidden", "message": "Insufficient scope"}')[0] == (
        "insufficient_scope")
    # Auth0's own error value from a Rule (error_description, no statusCode) is still the Rule's refusal
    rule = '{"error": "unauthorized", "error_description": "Access from this country is not allowed"}'
    assert answer(401, rule, "auth0")[0] == "access_denied"


@pytest.mark.parametrize("body", [
    '{"error": {"errors": [{"domain": "global", "reason": "insufficientPermissions", "message": "Insufficient '
    'Permission"}], "code": 403, "message": "Insufficient Permission"}}',
    "Error: Insufficient Permission",
    '<HttpError 403 when requesting https://gmail.googleapis.com/gmail/v1/users/me/labels returned '
    '"Insufficient Permission">',
    "google.api_core.exceptions.Forbidden: 403 Access Denied: BigQuery BigQuery: Permission denied while getting "
    "Drive credentials.",
])
def test_googles_scope_refusals_in_their_own_words_are_a_missing_scope(body: str) -> None:
    assert answer(403, body) == ("insufficient_scope", "missing_scope", "fix_config")


def test_a_principals_missing_permission_is_not_read_as_a_scope() -> None:
    body = "The current user has insufficient permissions to perform the requested operation."
    assert answer(403, body)[:2] != ("insufficient_scope", "missing_scope")


@pytest.mark.parametrize("body,expected", [
    ("This app has requested scopes that have not been added to the app.",
     ("invalid_scope", "scope_not_allowed", "fix_config")),
    ("java.lang.Exception: The Token Authentication Method is not valid.",
     ("invalid_client", "wrong_client_auth_method", "fix_config")),
    ("login error: You are polling faster than the specified interval of 5 seconds.",
     ("slow_down", "device_polling_too_fast", "retry")),
    ("prompt=none was requested. But user is not authenticated.",
     ("interaction_required", "login_required", "reauth")),
    ("failed to retrieve Azure access token: secret can't be empty string",
     ("invalid_client", "credentials_not_configured", "fix_config")),
    ("This app isn't listed in the App Directory, so only workspace owners can install it.",
     ("access_denied", "admin_approval_required", "fix_config")),
    ("JwtInvalidTokenUseError: Token use not allowed: id. Expected: access",
     ("invalid_token", "wrong_token_type", "fix_config")),
])
def test_rfc_failures_in_words_no_family_read_before(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_a_catch_all_error_whose_words_name_a_narrower_failure_takes_that_class() -> None:
    body = '{"error": "invalid_request", "error_description": "Invalid \\"scope\\". See the docs."}'
    assert answer(400, body) == ("invalid_scope", "scope_not_allowed", "fix_config")
    # words that name no narrower failure leave the catch-all as it is
    assert answer(400, '{"error": "invalid_request", "error_description": "Bad request"}')[0] == "invalid_request"
    # a sign-in the words call for is not taken from a catch-all (the decision would change)
    assert answer(400, '{"error": "invalid_request", "error_description": "Session expired"}') == (
        "invalid_request", "ambiguous", "fix_config")


def test_cognito_secret_hash_sent_for_a_client_without_a_secret() -> None:
    body = ("com.amazonaws.services.cognitoidentityprovider.model.InvalidParameterException: App client abc123 is not "
            "configured for secret but secret hash was received (Service: AmazonCognitoIdentityProvider; Status "
            "Code: 400; Error Code: InvalidParameterException)")
    assert answer(400, body, "aws-cognito") == ("invalid_client", "wrong_client_auth_method", "fix_config")


def test_a_page_naming_cognitos_idp_callback_is_the_external_providers_answer() -> None:
    from oauthdoctor.classifier import classify

    google_page = ("Access blocked: This app's request is invalid\nError 400: redirect_uri_mismatch\n"
                   "redirect_uri=https://acme.auth.us-east-1.amazoncognito.com/oauth2/idpresponse")
    assert classify(400, google_page).provider != "aws-cognito"
    assert classify(400, google_page).failure_class == "redirect_uri_mismatch"
    cognito = "POST https://acme.auth.us-east-1.amazoncognito.com/oauth2/token 400 invalid_grant"
    assert classify(400, cognito).provider == "aws-cognito"


def test_googles_policy_page_that_names_the_redirect_uri_is_a_refused_redirect() -> None:
    page = ("Error 400: invalid_request\nYou can't sign in to this app because it doesn't comply with Google's "
            "OAuth 2.0 policy for keeping apps secure.\nRequest details: redirect_uri=com.example.app://callback")
    assert answer(400, page, "google") == ("redirect_uri_mismatch", "redirect_uri_blocked_by_policy", "fix_config")
    without = page.split("\nRequest details")[0]
    assert answer(400, without, "google") == ("invalid_request", "request_violates_google_policy", "fix_config")


def test_x_code_453_is_the_apps_access_level() -> None:
    body = ('{"errors": [{"code": 453, "message": "You currently have access to a subset of X API V2 endpoints and '
            'limited v1.1 endpoints (e.g. media post, oauth) only. If you need access to this endpoint, you may need '
            'a different access level."}]}')
    assert answer(403, body, "x") == ("access_denied", "plan_or_project_lacks_access", "fix_config")


@pytest.mark.parametrize("body,expected", [
    ('{"error": "No active session found"}', ("interaction_required", "login_required", "reauth")),
    ("User does not have API access", ("insufficient_scope", "missing_permission", "fix_config")),
])
def test_more_rfc_failures_in_words(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_a_scope_not_authorized_for_the_application_is_an_invalid_scope() -> None:
    body = 'Scope "r_emailaddress" is not authorized for your application'
    assert answer(400, body) == ("invalid_scope", "scope_not_allowed", "fix_config")
    assert answer(400, "unauthorized_scope_error: " + body, "linkedin")[0] == "invalid_scope"
    # a user not authorized for a resource is still the user's missing permission
    assert answer(403, "You are not authorized to access this resource.")[0] != "invalid_scope"


def test_entra_aadsts90061_is_an_external_issuer_it_cannot_reach() -> None:
    body = ('{"error": "invalid_request", "error_description": "AADSTS90061: Request to External OIDC endpoint '
            'failed. Trace ID: 1 Correlation ID: 2", "error_codes": [90061]}')
    assert answer(400, body, "microsoft") == ("invalid_client", "provider_discovery_unreachable", "fix_config")


def test_spring_bcrypt_refusing_a_plain_text_secret_is_a_client_secret_stored_unencoded() -> None:
    from oauthdoctor.classifier import classify

    line = ("WARN 1 --- [nio-9000-exec-1] o.s.s.c.bcrypt.BCryptPasswordEncoder : Encoded password does not look "
            "like BCrypt")
    found = classify(None, line)
    assert (found.failure_class, found.cause, found.decision) == ("invalid_client", "ambiguous", "fix_config")
    assert [c.cause for c in found.candidates] == ["client_secret_not_encoded", "user_password_not_encoded"]
    assert found.confidence == "medium"  # the cause is open, the decision is not


def test_an_issuer_named_as_not_registered_is_a_token_from_another_issuer() -> None:
    body = ('Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: '
            "The issuer: 'https://login.example/tenant/v2.0/' is not registered as trusted\"")
    assert answer(401, "WWW-Authenticate: " + body) == ("invalid_token", "token_from_other_issuer", "fix_config")
