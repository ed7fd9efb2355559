"""OIDC proxies in front of an application, in the phrase layer.

mod_auth_openidc logs through ``oidc_log`` (``<C function>: <message>`` inside Apache's error-log prefix) and shows
an error page with an "Error:" and a "Description:" line; Vouch Proxy logs the error it also puts in its
X-Vouch-Error header; traefik-forward-auth logs logrus lines (``msg="..." error="..."``) and answers a bare
"Not authorized"; Pomerium's authenticate service logs and shows the error its callback returned. Every text below
is built the way that code builds it (the format strings at the commits the rules pin); none is taken from a
reported case.
"""

from __future__ import annotations

import functools
import json

import pytest
from phrase_blocks import answer, cites

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIXED, REAUTH, RETRY = "fix_config", "reauth", "retry"
REPOS = ("OpenIDC/mod_auth_openidc", "vouch/vouch-proxy", "thomseddon/traefik-forward-auth", "pomerium/pomerium")
# Apache's error-log prefix in front of mod_auth_openidc's "<function>: <message>"
APACHE = "[Sat Dec 05 10:00:00.123456 2026] [auth_openidc:error] [pid 4242:tid 140] [client 10.0.0.7:51234] "


run = answer


def page(error: str, description: str) -> str:
    """mod_auth_openidc's error page (oidc_util_html_send_error): the error and its description as paragraphs."""
    return (f"<html><head><title>Error</title></head><body><p>Error: {error}</p>"
            f"<p>Description: {description}</p></body></html>")


cited = functools.partial(cites, REPOS)


STATE_LOST = ("invalid_request", "state_or_session_lost", FIXED)


@pytest.mark.parametrize(("status", "body", "expected"), [
    (None, APACHE + 'oidc_response_proto_state_restore: no "mod_auth_openidc_state_q1w2e3r4" state cookie found: '
     'check domain and samesite cookie settings, referer: https://idp.example.com/', STATE_LOST),
    (400, page("Invalid Authorization Response", "Could not match the authorization response to an earlier request "
               "via the state parameter and corresponding state cookie"), STATE_LOST),
    (None, APACHE + "oidc_response_handle_state_mismatch: invalid authorization response state and no default SSO "
     "URL is set, sending an error...", STATE_LOST),
    (None, APACHE + 'oidc_response_proto_state_restore: calculated state from cookie does not match state parameter '
     'passed back in URL: "abc" != "def"', STATE_LOST),
    (None, APACHE + "oidc_response_proto_state_restore: state has expired",
     ("invalid_request", "login_attempt_expired", REAUTH)),
    (200, page("Invalid Authentication Response", "This is due to a timeout; please restart your authentication "
               "session by re-entering the URL/bookmark you originally wanted to access: https://app.example.com/"),
     ("invalid_request", "login_attempt_expired", REAUTH)),
    (None, APACHE + "oidc_proto_idtoken_validate_nonce: the nonce value (n1) passed in the browser state was found "
     "in the cache already; possible replay attack!?", ("invalid_request", "callback_replayed", REAUTH)),
    (None, APACHE + "oidc_proto_idtoken_validate_nonce: the nonce value (n2) in the id_token did not match the one "
     "stored in the browser session (n1)", ("invalid_request", "nonce_mismatch", FIXED)),
])
def test_mod_auth_openidc_state_and_nonce(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


AUD = ("invalid_token", "token_for_wrong_audience", FIXED)


@pytest.mark.parametrize(("body", "expected"), [
    ('oidc_proto_idtoken_validate_aud_string: the configured client_id (web-app) did not match the "aud" claim '
     'value (other-app) in the id_token', AUD),
    ('oidc_proto_idtoken_validate_aud_array: our configured client_id (web-app) could not be found in the array of '
     'values for "aud" claim', AUD),
    ('oidc_proto_idtoken_validate_aud_string: none of our configured audience values could be found in "aud" claim',
     AUD),
    ('oidc_proto_idtoken_validate_aud_array: our configured audience value (api://x) could not be found in the '
     'array of values for "aud" claim', AUD),
    ('oidc_proto_idtoken_validate_aud_array: our configured audience values are all present in the array of values '
     'for "aud" claim, but there are other unknown/untrusted values included as well', AUD),
    ('oidc_proto_idtoken_validate_azp: the "azp" claim (other) is present in the id_token, but is not equal to the '
     'configured client_id (web-app)', AUD),
    ('oidc_proto_jwt_validate: requested issuer (https://idp.example.com/realms/a) does not match received "iss" '
     'value in id_token (https://idp.example.com/realms/b)', ("invalid_token", "token_from_other_issuer", FIXED)),
    ('oidc_proto_validate_iat: "iat" validation failure (1764900000): JWT was issued more than 600 seconds ago',
     ("invalid_token", "clock_skew", FIXED)),
    ('oidc_proto_validate_iat: "iat" validation failure (1764900000): JWT was issued more than 600 seconds in the '
     'future', ("invalid_token", "clock_skew", FIXED)),
    ('oidc_proto_validate_exp: "exp" validation failure (1764900000): JWT expired 42 seconds ago',
     ("invalid_token", "ambiguous", RETRY)),
    ("oidc_proto_jwt_verify: JWT was not signed with the expected configured algorithm: HS256 != RS256",
     ("invalid_token", "token_signature_invalid", FIXED)),
    ("oidc_proto_idtoken_parse: id_token signature could not be validated, aborting",
     ("invalid_token", "token_signature_invalid", FIXED)),
])
def test_mod_auth_openidc_id_token_checks(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, APACHE + body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ('oidc_oauth_validate_jwt_aud: none of the configured OIDCOAuthVerifyAudience values matches the "aud" claim in '
     'the JWT access token', AUD),
    ('oidc_oauth_validate_jwt_aud: JWT access token does not contain an "aud" claim, so it cannot be matched against '
     'the configured OIDCOAuthVerifyAudience value(s)', AUD),
    ('oidc_oauth_validate_jwt_iss: configured OIDCOAuthVerifyIssuer (https://idp.example.com/a) does not match the '
     '"iss" claim (https://idp.example.com/b) in the JWT access token',
     ("invalid_token", "token_from_other_issuer", FIXED)),
    ('oidc_oauth_validate_jwt_iss: JWT access token does not contain an "iss" claim, so it cannot be matched against '
     'the configured OIDCOAuthVerifyIssuer value (https://idp.example.com/a)',
     ("invalid_token", "token_from_other_issuer", FIXED)),
    ("oidc_oauth_validate_jwt_access_token: JWT access token signature could not be validated, aborting",
     ("invalid_token", "token_signature_invalid", FIXED)),
])
def test_mod_auth_openidc_as_a_resource_server(body: str, expected: tuple[str, str, str]) -> None:
    # AuthType oauth20: a bearer JWT validated locally, answered 401
    assert run(401, APACHE + body) == expected


def test_a_token_endpoint_error_it_logs_is_read_by_its_rfc_code() -> None:
    # oidc_json_string_print: the provider's "error" value, JSON-encoded, after the caller's name
    body = APACHE + ('oidc_util_json_check_error: oidc_util_check_json_error: response contained an "error" entry '
                     'with value: ""invalid_grant""')
    assert run(None, body)[0] == "invalid_grant"
    assert not cited(None, body)


def test_an_expired_jwt_lists_an_access_token_against_clock_skew() -> None:
    r = classify(None, APACHE + 'oidc_proto_validate_exp: "exp" validation failure (1764900000): JWT expired 42 '
                 'seconds ago', rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("access_token_expired", RETRY), ("clock_skew", FIXED)]


@pytest.mark.parametrize(("status", "body", "expected"), [
    (None, APACHE + "oidc_provider_static_config: could not retrieve metadata from url: "
     "https://idp.example.com/.well-known/openid-configuration", ("unknown", "ambiguous", FIXED)),
    (404, page("Invalid Request", "Could not find valid provider metadata for the selected OpenID Connect provider; "
               "contact the administrator"), ("unknown", "ambiguous", FIXED)),
    (None, APACHE + 'oidc_http_set_chunked_cookie: cookie "mod_auth_openidc_session" would have to be split over 40 '
     'chunks, which is more than the maximum of 32; increase OIDCSessionCookieChunkSize (currently 4000) or store '
     'the session in a server-side cache with OIDCSessionType "server-cache"',
     ("unknown", "session_cookie_too_large", FIXED)),
    (None, APACHE.replace(":error]", ":warn]") + "oidc_request_authenticate_user_state_cookie: the number of "
     "existing, valid state cookies (7) has exceeded the limit (7), no additional authorization request + state "
     "cookie can be generated, aborting the request", ("unknown", "state_cookie_limit_reached", FIXED)),
    (500, page("Invalid Request", "You've hit an OpenID Connect Redirect URI with no parameters, this is an invalid "
               "request; you should not open this URL in your browser directly, or have the server administrator "
               "use a different OIDCRedirectURI setting."), ("invalid_request", "ambiguous", FIXED)),
    (500, APACHE + "oidc_handle_redirect_uri_request: The OpenID Connect callback URL received an invalid request: "
     "foo=bar; returning HTTP_INTERNAL_SERVER_ERROR", ("invalid_request", "ambiguous", FIXED)),
    (None, APACHE + 'oidc_check_user_id_openid_connect: configuration error: the authentication type is set to '
     '"openid-connect" but OIDCRedirectURI has not been set', ("invalid_request", "credentials_not_configured", FIXED)),
    (None, APACHE + 'oidc_request_authenticate_user: no Client ID set for the provider: perhaps you are accessing an '
     'endpoint protected with "AuthType openid-connect" instead of "AuthType oauth20"?)',
     ("invalid_request", "credentials_not_configured", FIXED)),
])
def test_mod_auth_openidc_configuration(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


def test_unreachable_metadata_and_a_bare_redirect_uri_list_their_candidates() -> None:
    r = classify(None, APACHE + "oidc_provider_static_config: could not retrieve metadata from url: "
                 "https://idp.example.com/.well-known/openid-configuration", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("provider_discovery_unreachable", FIXED),
                                                             ("idp_transient_outage", RETRY)]
    r = classify(500, page("Invalid Request", "You've hit an OpenID Connect Redirect URI with no parameters, this is "
                           "an invalid request"), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("redirect_uri_is_app_page", FIXED),
                                                             ("redirect_page_opened_directly", REAUTH)]


def test_a_lost_state_cookie_weighs_the_proxy_settings_against_a_second_sign_in() -> None:
    r = classify(None, APACHE + 'oidc_response_proto_state_restore: no "mod_auth_openidc_state_x" state cookie '
                 "found: check domain and samesite cookie settings", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("session_not_persisted", FIXED),
                                                             ("concurrent_sign_in", REAUTH)]
    assert any("OIDCCookieSameSite" in (c.hint or "") for c in r.candidates)


def test_the_provider_error_page_is_read_by_the_code_it_names() -> None:
    # mod_auth_openidc's page for an error the provider sent back: the RFC code decides, not a proxy rule
    body = page("OpenID Connect Provider error: access_denied", "The user denied the request")
    assert run(400, body) == ("access_denied", "user_denied_consent", REAUTH)
    assert not cited(400, body)


@pytest.mark.parametrize(("status", "body", "expected"), [
    # zap's console encoder: time, level, caller, then the error responses.cancelClearSetError logs
    (400, "2026-12-05T10:00:00.000Z\tWARN\tresponses/responses.go:123\t/auth Invalid session state: stored "
     "%!s(<nil>), returned 3Zk8xQ", STATE_LOST),
    (400, json.dumps({"level": "warn", "caller": "responses/responses.go:123",
                      "msg": "/auth securecookie: the value is not valid: could not find session store VouchSession"}),
     STATE_LOST),
    (400, "/login too many unsuccessful authorization attempts for the requested URL https://app.example.com/ ",
     ("invalid_request", "session_not_persisted", FIXED)),
    (400, "not a valid login URL: requested destination URL appears to be invalid: not within a Vouch Proxy managed "
     "domain", ("invalid_request", "redirect_url_other_domain", FIXED)),
    (400, "requested destination URL appears to be invalid: mismatch between requested destination URL and "
     "'vouch.cookie.secure: true' (the cookie is only visible to 'https' but the requested site is 'http')",
     ("invalid_request", "redirect_url_other_domain", FIXED)),
    (403, "/auth User is not authorized: verifyUser: Email bob@other.example is not within a Vouch Proxy managed "
     "domain . Please try again or seek support from your administrator",
     ("access_denied", "access_policy_denied", FIXED)),
    (403, "/auth User is not authorized: verifyUser: user.Username not found in WhiteList: bob . Please try again or "
     "seek support from your administrator", ("access_denied", "access_policy_denied", FIXED)),
    (403, "verifyUser: user.TeamMemberships [dev] not found in TeamWhiteList: [ops] for user bob",
     ("access_denied", "access_policy_denied", FIXED)),
    (401, "http header 'Host: app.example.com' not authorized for configured `vouch.domains` (is Host being sent "
     "properly?)\n", ("invalid_token", "token_for_wrong_audience", FIXED)),
])
def test_vouch_proxy(status: int, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


def test_vouch_passes_the_providers_error_through() -> None:
    # "/auth Error from IdP: <error> - <description>": the provider's code decides
    body = "<p>/auth Error from IdP: access_denied - The user denied the request</p>"
    assert run(401, body) == ("access_denied", "user_denied_consent", REAUTH)
    assert not cited(401, body)


@pytest.mark.parametrize(("body", "expected"), [
    ('time="2026-12-05T10:00:00Z" level=info msg="Missing csrf cookie" handler=AuthCallback host=auth.example.com '
     'method=GET source_ip=10.0.0.7', STATE_LOST),
    ('time="2026-12-05T10:00:00Z" level=warning msg="Error validating csrf cookie" csrf_cookie="&{_forward_auth_csrf '
     '...}" error="CSRF cookie does not match state" handler=AuthCallback', STATE_LOST),
    ('time="2026-12-05T10:00:00Z" level=warning msg="Invalid cookie" error="Invalid cookie mac" handler=Auth '
     'host=app.example.com', ("invalid_request", "cookie_secret_changed", FIXED)),
    ('time="2026-12-05T10:00:00Z" level=warning msg="Invalid email" email=bob@other.example handler=Auth '
     'rule=default', ("access_denied", "access_policy_denied", FIXED)),
])
def test_traefik_forward_auth(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected


def pomerium(error: str) -> str:
    """Pomerium's JSON log line for an error its authenticate handler returned."""
    return json.dumps({"level": "info", "service": "authenticate", "error": error, "status": 400,
                       "status_text": "Bad Request", "message": "httputil: error"})


@pytest.mark.parametrize(("status", "body", "expected"), [
    (400, pomerium("pkce verifier expired or missing"), STATE_LOST),
    (400, "pkce verifier expired or missing", STATE_LOST),
    (400, pomerium("internal/cryptutil: timestamp expired"), ("invalid_request", "ambiguous", REAUTH)),
    (400, "The request expired. This may be because a login attempt took too long, or because the server's clock is "
     "out of sync.", ("invalid_request", "ambiguous", REAUTH)),
    (400, pomerium("internal/cryptutil: timestamp too soon"), ("invalid_request", "clock_skew", FIXED)),
    (401, "config/identity_provider: no identity provider matches the token's iss claim",
     ("invalid_token", "token_from_other_issuer", FIXED)),
    (401, "identity/extjwt: token audience does not match any allowed audience",
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    (500, "identity/oidc: failed getting id_token: identity/oidc: missing id_token",
     ("unknown", "token_response_without_id_token", FIXED)),
])
def test_pomerium(status: int, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


@pytest.mark.parametrize(("status", "body"), [
    (400, "PKCE verification failed"),  # the baseline's PKCE reading still holds
    (400, "invalid redirect_uri"),  # and its redirect-URI reading
    (429, "Too many requests, slow down"),  # and rate limits
    (None, "Missing CSRF token in the form"),  # a web framework's CSRF check, not traefik-forward-auth's cookie
    (None, "Invalid email address, please try again"),  # a form validation, not traefik-forward-auth's rule
    (None, "The state has expired, please reload."),  # not mod_auth_openidc's log line
    (None, "the token audience does not match"),  # no Pomerium prefix
    (None, "JWT expired 42 seconds ago"),  # no mod_auth_openidc "exp" validation prefix
])
def test_neighbouring_sentences_do_not_take_these_rules(status: int | None, body: str) -> None:
    assert not cited(status, body)


def test_the_baseline_still_reads_what_it_read_before() -> None:
    assert run(400, "PKCE verification failed")[1] == "pkce_verifier_mismatch"
    assert run(400, "invalid redirect_uri")[0] == "redirect_uri_mismatch"
    assert run(429, "Too many requests, slow down")[0] == "rate_limited"
