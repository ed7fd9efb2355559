"""Round sixteen (issue #16): reading written from corpus eighteen's development half. The texts are written for these
tests in the sources' terms; none is a corpus case."""

from __future__ import annotations

import json

import pytest
from classify_answers import BOOK, answer

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.extract import extract


def test_a_callback_error_carried_percent_encoded_in_a_return_to_link_is_read() -> None:
    url = ("https://app.example/signin?next=%2Fauth%2Fcallback%3Ferror%3Dinvalid_scope%26error_description%3D"
           "Scope%2Bfoo%2Bis%2Bnot%2Ballowed")
    ex = extract(None, url, None)
    assert (ex.error, ex.description) == ("invalid_scope", "Scope foo is not allowed")
    assert answer(None, url)[0] == "invalid_scope"
    # a parameter that only mentions the word is not a callback, and nothing after the "?" is nothing
    assert extract(None, "https://app.example/help?topic=error%3Dcodes", None).error is None
    assert extract(None, "see error%3Dx ?", None).error is None


def test_oauth1_problem_reports_are_read_in_every_shape() -> None:
    # unencoded form (spaces in the advice), and the WWW-Authenticate style quoted inside a message
    form = "oauth_problem=timestamp_refused&oauth_problem_advice=Timestamp is out of range"
    assert answer(401, form) == ("invalid_token", "clock_skew", "fix_config")
    quoted = '{"description": "Please provide valid credentials. OAuth oauth_problem=\\"consumer_key_unknown\\""}'
    assert answer(401, quoted) == ("invalid_client", "unknown_client_id", "fix_config")
    assert answer(401, 'OAuth oauth_problem="signature_invalid", realm="api.example"')[1] == "request_signature_invalid"


@pytest.mark.parametrize("body", [
    '{"serviceErrorCode": 65601, "message": "Unknown authentication scheme", "status": 401}',
    "401 Unauthorized: authorization scheme not supported",
])
def test_an_authorization_header_under_another_scheme_is_a_fix(body: str) -> None:
    assert answer(401, body) == ("invalid_request", "wrong_auth_scheme", "fix_config")
    # a status-only catch-all of a provider gives way to these words too
    assert answer(401, body, provider="linkedin") == ("invalid_request", "wrong_auth_scheme", "fix_config")


@pytest.mark.parametrize(("status", "body"), [
    (None, "RPError: failed to decode JWT"),
    (502, "Impossible to decode OIDC token: Error: kid must be provided in JWT header."),
])
def test_a_token_that_does_not_decode_is_malformed_whatever_the_status(status: int | None, body: str) -> None:
    assert answer(status, body) == ("invalid_token", "access_token_malformed", "fix_config")


def test_firebase_popup_closed_message_is_a_cancelled_sign_in() -> None:
    body = "The popup has been closed by the user before finalizing the operation."
    assert answer(None, body) == ("access_denied", "user_cancelled_sign_in", "reauth")


def test_system_text_json_on_an_html_page_is_a_wrong_endpoint_candidate() -> None:
    r = classify(None, "Error = '<' is an invalid start of a value. LineNumber: 1 | BytePositionInLine: 0.", None,
                 rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", "ambiguous", "fix_config")
    assert r.candidates[0].cause == "wrong_endpoint_url"


def test_google_refuses_a_redirect_uri_by_its_form_as_a_redirect_problem() -> None:
    # round twenty-six: the class follows issue #16's family 6 (a page saying the redirect URI is invalid is the
    # redirect URI's, whatever error value it shows) and the generic family of malformed redirect URIs
    body = "Error 400: invalid_request Invalid parameter value for redirect_uri: Missing scheme: /oauth2/callback"
    assert answer(400, body, provider="google") == ("redirect_uri_mismatch", "redirect_uri_malformed", "fix_config")
    # a redirect URI that is well formed but not registered stays the mismatch
    assert answer(400, "Error 400: redirect_uri_mismatch", provider="google")[0] == "redirect_uri_mismatch"


@pytest.mark.parametrize("body", [
    "shopify.session.ValidationException: Invalid HMAC: Possibly malicious login",
    "This request is not initiated from a valid shopify shop!",
])
def test_a_callback_whose_hmac_does_not_verify_is_the_apps_secret(body: str) -> None:
    assert answer(None, body) == ("invalid_request", "callback_signature_invalid", "fix_config")


def test_a_bare_invalid_authorization_request_is_invalid_request_with_an_open_cause() -> None:
    assert answer(None, "Invalid authorization request") == ("invalid_request", "ambiguous", "fix_config")
    # the words inside a longer sentence are left to the rules that read that sentence
    assert answer(None, "The client sent an invalid authorization request: redirect_uri is not registered")[0] \
        == "redirect_uri_mismatch"


@pytest.mark.parametrize("body", [
    "Le service est temporairement indisponible",
    "El servicio está temporalmente no disponible",
    "Der Dienst ist vorübergehend nicht verfügbar",
])
def test_temporarily_unavailable_in_other_languages_is_transient(body: str) -> None:
    assert answer(None, body) == ("temporarily_unavailable", "token_service_unavailable", "retry")


def test_firebase_lost_initial_state_is_a_lost_sign_in_transaction() -> None:
    body = ("Unable to process request due to missing initial state. This may happen if browser sessionStorage is "
            "inaccessible or accidentally cleared.")
    assert answer(None, body) == ("invalid_request", "state_or_session_lost", "fix_config")


@pytest.mark.parametrize(("body", "expected"), [
    ("too early to access", ("slow_down", "device_polling_too_fast", "retry")),
    ("authentication timed out", ("expired_token", "device_code_expired", "reauth")),
])
def test_keycloaks_ciba_poll_answers_by_their_descriptions(body: str, expected: tuple[str, str, str]) -> None:
    # Keycloak's CibaGrantType words slow_down and expired_token this way; a body that is only the description
    assert answer(400, body, provider="keycloak") == expected
    wire = json.dumps({"error": expected[0], "error_description": body})
    assert answer(400, wire, provider="keycloak") == expected


def test_squares_malformed_authorization_header_is_not_an_expired_token() -> None:
    body = ('{"errors": [{"category": "AUTHENTICATION_ERROR", "code": "UNAUTHORIZED", "detail": "The `Authorization` '
            'http header of your request was malformed. The header value is expected to be of the format '
            '\\"Bearer TOKEN\\" (without quotation marks)."}]}')
    assert answer(401, body, provider="square") == ("invalid_request", "ambiguous", "fix_config")
    # UNAUTHORIZED without that detail keeps Square's catch-all (refresh once)
    other = '{"errors": [{"category": "AUTHENTICATION_ERROR", "code": "UNAUTHORIZED", "detail": "Not authorized."}]}'
    assert answer(401, other, provider="square") == ("invalid_token", "ambiguous", "retry")


def test_a_message_that_ranks_expiry_first_is_not_read_as_the_ip_restriction() -> None:
    text = ("This authorization request has expired, or (less likely) the IP is restricted or invalid login hours. "
            '[Raw error message: Error in retrieving token: "invalid_grant"]')
    r = classify(None, text, None, provider="salesforce", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_grant", "ambiguous", "reauth")
    assert [c.cause for c in r.candidates] == ["auth_code_expired", "ip_restricted"]
    body = '{"error": "invalid_grant", "error_description": "ip restricted or invalid login hours"}'
    assert answer(400, body, provider="salesforce") == ("invalid_grant", "ip_restricted", "fix_config")


def test_a_failing_servers_words_under_503_are_temporary() -> None:
    # RFC 9110 15.6.4: 503 is temporary; 500 stays the server failing on this request
    assert answer(503, "upstream connect error or disconnect/reset before headers")[0] == "temporarily_unavailable"
    assert answer(500, "upstream connect error or disconnect/reset before headers")[0] == "server_error"
    # the server's own error code keeps its class
    assert answer(503, '{"error": "server_error"}')[0] == "server_error"


def test_try_again_in_a_few_minutes_is_temporary() -> None:
    body = "Sorry, something went wrong. Authentication failed. Please try again in a few minutes."
    assert answer(None, body) == ("temporarily_unavailable", "token_service_unavailable", "retry")


def test_entras_reply_address_compared_with_the_authorize_requests_is_the_413_mismatch() -> None:
    text = ("MSALErrorDescriptionKey=AADSTS500112: The reply address 'msal1://auth' does not match the reply address "
            "'msal1://app' provided when requesting Authorization code., MSALOAuthErrorKey=invalid_client")
    r = classify(None, text, None, provider="microsoft", rulebook=BOOK)
    # the wire's code keeps its class; the cause is the redirect that differs, not the secret
    assert (r.failure_class, r.cause, r.decision) == ("invalid_client", "redirect_uri_differs_from_authorize",
                                                      "fix_config")


def test_githubs_unverified_user_email_is_the_users_to_fix() -> None:
    body = '{"error": "unverified_user_email", "error_description": "The user must have a verified primary email."}'
    assert answer(200, body, provider="github") == ("access_denied", "user_email_not_verified", "reauth")
    assert classify(200, body, None, rulebook=BOOK).provider == "github"  # one of GitHub's own codes


@pytest.mark.parametrize("body", [
    "AADSTS650051: Using application 'X' is currently not supported for your organization example.com because it is "
    "in an unmanaged state. An administrator needs to claim ownership of the company by DNS validation.",
    "Your administrator must enable this application before you can sign in.",
    "Sign-in blocked. Please contact your IT administrator.",
])
def test_a_message_that_sends_the_user_to_an_administrator_is_a_setting(body: str) -> None:
    assert answer(None, body) == ("access_denied", "admin_action_required", "fix_config")
    # approval keeps its own cause, and an error code with a class of its own keeps it
    assert answer(None, "An admin has to approve this app")[1] == "admin_approval_required"
    assert answer(400, '{"error": "invalid_grant", "error_description": "Contact your administrator."}')[0] \
        == "invalid_grant"


def test_a_400_from_the_token_endpoint_is_never_a_refused_access_token() -> None:
    text = "token exchange failed: token endpoint error (400 Bad Request): unknown:"
    assert answer(400, text) == ("invalid_request", "ambiguous", "fix_config")
    # and it carries none of the API-side candidates of a refused access token
    assert classify(400, text, None, rulebook=BOOK).candidates == ()
    # at an API a 401 without a code stays the refused token
    assert answer(401, "GET https://api.example.com/v1/me: 401 Unauthorized")[0] == "invalid_token"


def test_a_redirect_that_did_not_match_the_registered_values_without_a_colon() -> None:
    body = "Invalid redirect https:///_oauth did not match one of the registered values"
    assert answer(400, body) == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")
    assert answer(400, "Invalid redirect to the login page")[0] == "invalid_request"


def test_an_inline_jwks_the_proxy_rejects_is_the_key_set() -> None:
    body = ("Provider 'origins-0' in jwt_authn config has invalid local jwks: Jwks RSA [n] or [e] field is missing or "
            "has a parse error")
    assert answer(None, body) == ("invalid_token", "jwks_invalid", "fix_config")


def test_a_cancelled_callback_is_a_cancelled_sign_in() -> None:
    assert answer(None, "ERROR sign-in failed: OAuth callback was cancelled") == (
        "access_denied", "user_cancelled_sign_in", "reauth")


def test_googles_own_403_page_is_a_block_not_a_users_refusal() -> None:
    page = "Error 403: access_denied  Request details: response_type=code flowName=GeneralOAuthFlow"
    r = classify(403, page, None, provider="google", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("access_denied", "ambiguous", "fix_config")
    assert [c.cause for c in r.candidates] == ["app_in_testing_mode_user_not_test_user", "admin_policy_enforced"]
    # the refusal sent back to the app stays the user's
    assert answer(None, "https://app.example/cb?error=access_denied", provider="google")[1] == "user_denied_consent"


@pytest.mark.parametrize(("status", "cause", "cls"), [(404, "wrong_endpoint_url", "invalid_token"),
                                                      (401, "bad_client_credentials", "invalid_token")])
def test_a_gateways_own_call_to_the_provider_that_failed_is_its_configuration(status: int, cause: str,
                                                                               cls: str) -> None:
    # lua-resty-openidc's message for the provider's answer to the gateway, inside the gateway's 401 challenge
    body = (f'WWW-Authenticate: Bearer realm="apisix", error="invalid_token", error_description="response indicates '
            f'failure, status={status}, body="')
    assert answer(401, body) == (cls, cause, "fix_config")


def test_conditional_access_is_an_organisations_denial_whatever_the_wire_code() -> None:
    # issue #16 family 3: an organisation's policy is access_denied (the development labels: 6 of 6)
    body = ('{"error": "invalid_grant", "error_description": "AADSTS53003: Access has been blocked by Conditional '
            'Access policies. The access policy does not allow token issuance."}')
    assert answer(400, body, provider="microsoft") == ("access_denied", "conditional_access_blocked", "fix_config")


@pytest.mark.parametrize("body", [
    "The OAuth 2.0 access token has expired, and a refresh token is not available.",
    "OAuth2::Error: A refresh_token is not available",
])
def test_an_expired_token_the_client_cannot_refresh_is_the_token_not_a_refused_grant(body: str) -> None:
    # no server refused a refresh token: the client holds none (the labels: invalid_token 3 of 3)
    assert answer(None, body) == ("invalid_token", "refresh_token_missing", "fix_config")


def test_a_forbidden_answer_that_names_the_scope_is_insufficient_scope() -> None:
    body = '{"error": "Forbidden", "message": "This tool is not allowed by the current OAuth scope."}'
    assert answer(403, body) == ("insufficient_scope", "missing_scope", "fix_config")
    other = '{"error": "forbidden", "message": "You are not allowed to perform this action."}'
    assert answer(403, other) == ("insufficient_scope", "missing_permission", "fix_config")  # RFC 6750 (round 26)


def test_a_dump_without_a_message_is_described_by_the_words_before_it() -> None:
    body = ("requests.exceptions.HTTPError: 403 Client Error: Forbidden [Rate Limit Exceeded: [{'resource': "
            "'Application', 'code': 'exceeded', 'field': 'rate limit'}]]")
    assert answer(403, body) == ("rate_limited", "rate_limit_exceeded", "retry")
    assert extract(403, body, None).desc_text.startswith("requests.exceptions.HTTPError: 403 Client Error")


def test_a_network_failure_after_a_librarys_catch_all_is_the_network() -> None:
    text = ("[next-auth][error][SIGNIN_OAUTH_ERROR] https://next-auth.js.org/errors#signin_oauth_error outgoing "
            "request timed out after 3500ms")
    assert answer(None, text) == ("temporarily_unavailable", "network_error", "retry")
    # the catch-all's own words are not what it wraps (Vault's is about the browser, not the network)
    assert answer(None, "Error authenticating: Timed out waiting for response from provider")[0] == "unknown"


def test_a_request_line_for_a_token_path_answered_401_is_client_authentication() -> None:
    log = 'DEBUG:urllib3.connectionpool:https://www.reddit.com:443 "POST /api/v1/access_token HTTP/1.1" 401 41'
    assert answer(None, log) == ("invalid_client", "bad_client_credentials", "fix_config")
    api = 'DEBUG:urllib3.connectionpool:https://api.example.com:443 "GET /v1/me HTTP/1.1" 401 41'
    assert answer(None, api)[0] == "invalid_token"


def test_leagues_logged_access_denied_without_a_hint_is_the_bearer_check() -> None:
    log = ("[2017-01-25 14:40:12] local.ERROR: League\\\\OAuth2\\\\Server\\\\Exception\\\\OAuthServerException: The "
           "resource owner or authorization server denied the request. in /srv/app/vendor/league/oauth2-server/src/"
           "Exception/OAuthServerException.php:165")
    r = classify(None, log, None, rulebook=BOOK)
    assert (r.provider, r.failure_class, r.cause, r.decision) == ("league-oauth2-server", "invalid_token",
                                                                  "ambiguous", "fix_config")
    # the user's refusal, sent back with its hint, stays the user's
    denied = ('{"error": "access_denied", "error_description": "The resource owner or authorization server denied '
              'the request.", "hint": "The user denied the request"}')
    assert answer(400, denied, provider="league-oauth2-server")[0] == "access_denied"
