"""Round seventeen (issue #16): reading written from corpus twenty-three's development half. The texts are written for
these tests in the sources' terms; none is a corpus case."""

from __future__ import annotations

import pytest
from classify_answers import BOOK, answer

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.extract import extract


@pytest.mark.parametrize("body", [
    "ID token not issued by the expected OpenID provider (iss https://login.example/a)",
    "id_token not issued by correct OIDC issuer - expected: https://a.example | from: https://b.example",
])
def test_a_token_not_issued_by_the_expected_provider_is_another_issuers(body: str) -> None:
    assert answer(None, body) == ("invalid_token", "token_from_other_issuer", "fix_config")


@pytest.mark.parametrize("body", ["Insecure redirect URI", "error: insecure redirect_uri for this client"])
def test_an_insecure_redirect_uri_is_refused_as_unregistered(body: str) -> None:
    assert answer(None, body) == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


@pytest.mark.parametrize("body", [
    "OAuth state not valid (expected: abc123, received: xyz)",
    "state mismatch: expected 'abc123' but was 'xyz'",
    "State invalid - expected abc123, got xyz",
])
def test_a_state_compared_with_the_stored_one_and_found_different_is_a_lost_session(body: str) -> None:
    assert answer(None, body) == ("invalid_request", "state_or_session_lost", "fix_config")


def test_a_state_word_without_a_comparison_is_not_a_callback_state() -> None:
    # "state" is a common word: a record's state that is not valid is no OAuth callback
    assert answer(None, "order state not valid for shipping")[1] != "state_or_session_lost"


@pytest.mark.parametrize("body", [
    "'redirectUrl' must be a valid URI",
    "The return_url is not a valid absolute URL.",
    "callback url must not contain a fragment",
])
def test_a_redirect_uri_that_is_not_a_well_formed_uri_is_the_request(body: str) -> None:
    assert answer(None, body) == ("invalid_request", "redirect_uri_malformed", "fix_config")


def test_a_redirect_uri_that_must_be_registered_stays_a_mismatch() -> None:
    body = "The redirect_uri parameter must be an absolute URI that is registered for the client."
    assert answer(400, body)[0] == "redirect_uri_mismatch"
    assert answer(None, "Redirect URL must use https")[0] == "redirect_uri_mismatch"


def test_passport_token_error_with_googles_bad_request_is_its_invalid_grant() -> None:
    assert answer(400, "TokenError: Bad Request", provider="google") == ("invalid_grant", "ambiguous", "reauth")
    # the bare words under another provider stay the request
    assert answer(400, "TokenError: Bad Request", provider="github")[0] != "invalid_grant"


def test_a_missing_word_after_a_closed_bracket_is_not_the_tokens() -> None:
    # "[... Invalid ID Token], Issuer host can not be empty": what is empty is the issuer host, not a token
    body = "Failed to authorize: [error: null, description: Invalid ID Token], Issuer host can not be empty"
    assert answer(None, body)[0] == "invalid_token"
    assert answer(None, "access token is empty")[1] == "access_token_missing"


def test_google_custom_scheme_refused_for_the_client_type_is_the_wrong_client() -> None:
    body = "Error 400: invalid_request Custom scheme URIs are not allowed for 'WEB' client type."
    assert answer(400, body, provider="google") == ("invalid_request", "client_type_mismatch", "fix_config")


@pytest.mark.parametrize("body", [
    "Token has been expired or revoked.",
    "google.auth.exceptions.RefreshError: ('Token has been expired or revoked.')",
])
def test_googles_refresh_wording_logged_without_its_code_is_its_invalid_grant(body: str) -> None:
    assert answer(None, body, provider="google") == ("invalid_grant", "ambiguous", "reauth")
    # another code with the same words keeps its own class
    other = '{"error": "invalid_token", "error_description": "Token has been expired or revoked."}'
    assert answer(401, other, provider="google")[0] == "invalid_token"


def test_an_unread_answer_of_a_named_provider_is_a_low_lean_not_nothing() -> None:
    r = classify(None, '36004001 "rt was refused"', None, provider="tiktok", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == ("invalid_request", "ambiguous", "fix_config", "low")
    assert "tiktok" in r.summary and [c.cause for c in r.candidates] == [
        "client_or_app_configuration", "grant_or_session_gone", "transient_provider_failure"]
    # the same text with no provider is not recognised: inconclusive, with only the base rate's lean; "generic" is
    # no provider; a provider's 2xx says nothing
    for provider in (None, "generic"):
        r = classify(None, '36004001 "rt was refused"', None, provider=provider, rulebook=BOOK)
        assert (r.failure_class, r.cause, r.decision, r.conclusive) == ("unknown", "unrecognised_response",
                                                                        "fix_config", False)
    assert answer(200, '36004001 "rt was refused"', provider="tiktok")[2] == "none"


# --- from corpus twenty-five's development half -------------------------------------------------------------------
def test_a_rate_limit_spelt_as_a_code_is_a_rate_limit() -> None:
    assert answer(None, "sync failed: error listing folder: too_many_requests/") == (
        "rate_limited", "rate_limit_exceeded", "retry")


def test_a_code_that_been_used_is_a_reused_code() -> None:
    assert answer(None, '{"errcode": 40163, "errmsg": "code been used, hints: [ req_id: abc ]"}')[:2] == (
        "invalid_grant", "auth_code_reused")


def test_an_error_field_holding_a_sentence_is_no_code_at_the_token_endpoint() -> None:
    body = ('Client error: `POST https://id.example/oauth/token` resulted in a `401 Unauthorized` response: '
            '{"error": "Malformed Authorization header"}')
    assert answer(401, body) == ("invalid_client", "bad_client_credentials", "fix_config")
    # an OAuth code in the same place keeps its own meaning
    coded = body.replace("Malformed Authorization header", "invalid_grant")
    assert answer(401, coded)[0] == "invalid_grant"


def test_a_token_request_answered_with_a_redirect_is_the_wrong_token_url() -> None:
    body = 'DEBUG:urllib3.connectionpool:https://auth.example:443 "POST /oauth2/token HTTP/1.1" 302 215'
    assert answer(302, body) == ("invalid_request", "wrong_endpoint_url", "fix_config")


def test_access_denied_in_an_apis_403_body_is_a_permission_not_a_refused_consent() -> None:
    body = '{"errors": [{"error_type": "access_denied", "message": "Access is denied"}], "code": 403}'
    r = classify(403, body, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("access_denied", "ambiguous", "fix_config")
    assert [c.cause for c in r.candidates] == ["missing_scope_or_permission", "access_policy_denied"]
    # in a callback (no status) it stays the user's refusal; words that name a reason still decide
    assert answer(None, "https://app.example/cb?error=access_denied&state=x")[1] == "user_denied_consent"
    words = '{"error": "access_denied", "error_description": "The user must re-authenticate."}'
    assert answer(403, words)[2] == "reauth"


def test_a_call_not_granted_by_any_of_the_scopes_is_insufficient_scope() -> None:
    body = "read permission for 'Observation' is not granted by any of the provided scopes: [patient/Patient.read]"
    assert answer(403, body) == ("insufficient_scope", "missing_scope", "fix_config")


def test_a_client_id_that_is_not_well_formed_is_an_unknown_client() -> None:
    assert answer(400, '{"error_message": "client_id must be a properly formatted, non-empty string"}')[:2] == (
        "invalid_client", "unknown_client_id")


def test_a_client_without_access_to_the_specified_account_is_not_authorised() -> None:
    assert answer(None, "client does not have access to specified account") == (
        "unauthorized_client", "client_not_authorized", "fix_config")


def test_a_refused_dynamic_registration_names_registration() -> None:
    body = "Request session.mcp.oauth.login failed with message: Failed to register OAuth client"
    # the registration endpoint's refusal, as the MCP clients' "registration failed: 403" is read
    assert answer(None, body) == ("unauthorized_client", "dynamic_registration_refused", "fix_config")


def test_openid2_return_to_that_does_not_match_the_realm_is_a_redirect_mismatch() -> None:
    body = "https://site.example/login?openid.mode=error&openid.error=realm+and+return_to+do+not+match"
    assert answer(None, body)[0] == "redirect_uri_mismatch"


def test_php_var_dump_fields_are_read() -> None:
    body = ('array(2) { ["error"]=> string(13) "invalid_grant" ["error_description"]=> string(26) '
            '"Invalid authorization code" }')
    ex = extract(None, body, None)
    assert (ex.error, ex.description) == ("invalid_grant", "Invalid authorization code")
    oauth1 = 'object(AccessToken)#8 (2) { ["key"]=> NULL ["oauth_problem"]=> string(14) "token_rejected" }'
    assert extract(None, oauth1, None).error == "token_rejected"


@pytest.mark.parametrize(("body", "cls"), [
    ("系统错误，错误码：-1", "server_error"),
    ("内部サーバーエラーが発生しました", "server_error"),
    ("내부 서버 오류", "server_error"),
    ('{"errcode": -1, "errmsg": "系统繁忙，此时请开发者稍候再试"}', "temporarily_unavailable"),
])
def test_a_failing_or_busy_server_in_chinese_japanese_or_korean_is_transient(body: str, cls: str) -> None:
    assert answer(None, body)[0::2] == (cls, "retry")


# --- from corpus twenty-six's development half --------------------------------------------------------------------
@pytest.mark.parametrize("status", [404, 302, 400])
def test_nginx_auth_request_with_a_status_it_does_not_take_is_the_wrong_auth_url(status: int) -> None:
    body = f"[error] 29#29: *18 auth request unexpected status: {status} while sending to client, client: 10.0.0.1"
    assert answer(500, body) == ("invalid_request", "wrong_endpoint_url", "fix_config")
    # the auth service's own failure is the server's
    assert answer(500, body.replace(f"status: {status}", "status: 502"))[2] == "retry"


@pytest.mark.parametrize("body", ['{"errors": ["service account name not authorized"]}',
                                  "Code: 403. Errors: * namespace not authorized"])
def test_vault_kubernetes_role_bound_to_another_service_account_is_a_policy(body: str) -> None:
    assert answer(None, body) == ("access_denied", "access_policy_denied", "fix_config")


def test_email_unverified_spelt_as_a_code_is_the_users_to_verify() -> None:
    body = "CallbackHandlerError: Callback handler failed. CAUSE: access_denied (error_email_unverified)"
    assert answer(None, body)[1:] == ("email_not_verified_at_idp", "reauth")


# --- from corpus twenty-seven's development half ------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    'Error Domain=MCOErrorDomain Code=8 "Too many simultaneous connections were made to this account."',
    "FETCH => [OVERQUOTA] Account exceeded command or bandwidth limits.",
])
def test_too_many_connections_and_an_exceeded_quota_are_rate_limits(body: str) -> None:
    assert answer(None, body) == ("rate_limited", "rate_limit_exceeded", "retry")


def test_a_provider_that_could_not_be_reached_is_the_network() -> None:
    assert answer(None, "We were unable to reach your mail provider. Please try again.") == (
        "temporarily_unavailable", "network_error", "retry")


def test_multi_factor_authentication_expired_by_policy_needs_the_user() -> None:
    body = ("Presented multi-factor authentication has expired due to policies configured by your administrator, "
            "you must refresh your multi-factor authentication to access")
    assert answer(None, body) == ("interaction_required", "mfa_required", "reauth")


def test_an_access_token_named_expired_in_camel_case_is_refreshed() -> None:
    body = "* BYE Session invalidated - AccessTokenExpired; 2959 NO AUTHENTICATE failed."
    assert answer(None, body) == ("invalid_token", "access_token_expired", "retry")


def test_a_redirect_uri_the_client_does_not_support_behind_a_dotted_host_is_a_mismatch() -> None:
    # the host's dots do not end the sentence the word families read
    body = "Redirect URI https://api.app.example/callback is not supported by client."
    assert answer(None, body) == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


def test_client_id_and_client_secret_missing_spelt_together() -> None:
    assert answer(None, "OIDC token exchange failed: Client ID and ClientSecret are missing")[:2] == (
        "invalid_client", "client_authentication_missing")


def test_login_with_amazons_oa2_exception_names_its_code() -> None:
    assert extract(400, "X-Amzn-Errortype:[OA2InvalidGrantException:http://internal.example/]", None).error == (
        "invalid_grant")


# --- from corpus twenty-eight's development half ------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    "java.lang.RuntimeException: Not enough or too many segments",
    "token contains an invalid number of segments",
    "io.helidon.security.jwt.JwtException: Not a JWT token: abc",
])
def test_a_bearer_value_that_is_not_a_three_part_jwt_is_malformed(body: str) -> None:
    assert answer(None, body) == ("invalid_token", "access_token_malformed", "fix_config")


def test_a_client_assertion_the_server_could_not_parse_is_the_assertion() -> None:
    assert answer(None, "The parsing of the client_assertion failed.") == (
        "invalid_client", "assertion_invalid", "fix_config")


def test_an_sdk_that_ran_out_of_retries_is_transient() -> None:
    body = "Code: tooManyRetries Message: More than 3 retries encountered while sending the request"
    assert answer(None, body)[0::2] == ("temporarily_unavailable", "retry")


# --- from corpus twenty-nine's development half -------------------------------------------------------------------
def test_a_bare_missing_state_is_a_lost_session() -> None:
    assert answer(None, "Error: Missing state") == ("invalid_request", "state_or_session_lost", "fix_config")
    # the words inside a longer sentence about something else are not the callback's state
    assert answer(None, "The form is missing state information for the shipping address")[1] != "state_or_session_lost"


def test_a_jwt_that_could_not_be_decoded_is_malformed() -> None:
    assert answer(None, "[oidc] Error: Provided JWT could not be decoded.") == (
        "invalid_token", "access_token_malformed", "fix_config")


def test_an_invalid_sso_client_application_is_an_unknown_client() -> None:
    assert answer(None, "Invalid SSO client application. Please add the application again.") == (
        "invalid_client", "unknown_client_id", "fix_config")


# --- from corpus thirty's development half ------------------------------------------------------------------------
def test_a_client_certificate_the_request_did_not_provide_is_missing_client_authentication() -> None:
    assert answer(None, "Request did not provide the required two-way TLS certificate.") == (
        "invalid_client", "client_authentication_missing", "fix_config")


def test_consent_required_spelt_as_one_word_needs_the_user() -> None:
    body = "TransferAPIError: ('POST', 'https://transfer.example/v0.10/transfer', 'Bearer', 403, 'ConsentRequired')"
    assert answer(403, body) == ("interaction_required", "consent_required", "reauth")


def test_urllib3_retries_run_out_on_429_are_a_rate_limit_not_the_network() -> None:
    body = ("urllib3.exceptions.MaxRetryError: HTTPSConnectionPool(host='api.example', port=443): Max retries exceeded "
            "with url: /v1/x (Caused by ResponseError('too many 429 error responses'))")
    assert answer(None, body) == ("rate_limited", "rate_limit_exceeded", "retry")
    assert answer(None, body.replace("ResponseError('too many 429 error responses')", "NewConnectionError('refused')"))[
        1] == "network_error"


@pytest.mark.parametrize("body", [
    'array(2) { ["error_description"]=> string(30) "refresh_token rt_s3cr3tVALUE99 refused" '
    '["refresh_token"]=> string(17) "rt_s3cr3tVALUE99" }',
    '{"error" => "invalid_grant", "error_description" => "bad rt_s3cr3tVALUE99", '
    '"refresh_token" => "rt_s3cr3tVALUE99"}',
])
def test_a_credential_in_a_dumped_body_is_hidden_where_the_description_repeats_it(body: str) -> None:
    r = classify(None, body, None, rulebook=BOOK)
    assert r.error_description is not None and "rt_s3cr3tVALUE99" not in r.error_description
    assert "rt_…(16 chars)" in r.error_description
