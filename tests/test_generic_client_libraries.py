"""Client libraries and proxies in the phrase layer: what passport-oauth2, Auth.js / NextAuth.js, OmniAuth,
oauth2-proxy, social-core, oauthlib, django-allauth and AppAuth print when a sign-in fails, read as their code
means it.

Users paste the library's line, not the provider's body. Every text below is the message the library's code
builds (the pinned ``source`` of each rule in ``providers/generic.yaml``), in the shapes a log wraps it in: the
library's logger prefix, a stack trace's first line, the failure URL, the error page. None is taken from a
reported case. The last tests check that the rules keep to their library's words and step aside for an RFC error
code in the same paste.
"""

from __future__ import annotations

import re

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile

BOOK = RuleBook()
STATE_LOST = ("invalid_request", "state_or_session_lost", "fix_config")
NODE_STACK = "\n    at OAuth2Strategy._createOAuthError (/srv/app/node_modules/passport-oauth2/lib/strategy.js:423:17)"
NEW_CAUSES = {"app_secret_missing", "host_not_trusted", "sign_in_link_expired_or_used", "account_linked_to_other_user",
              "sign_in_request_without_csrf_token", "email_not_verified_at_idp", "token_response_without_id_token",
              "insecure_transport", "token_response_without_token_type"}


def run(body: str, status: int | None = None) -> tuple[str, str, str]:
    r = classify(status, body, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize(("body", "expected"), [
    # passport-oauth2 (lib/state/session.js): no state in the session, or another one.
    ("Unable to verify authorization request state.", STATE_LOST),
    ("Invalid authorization request state.", STATE_LOST),
    ("2026-12-05T10:00:00.000Z warn auth: login failed: Unable to verify authorization request state.", STATE_LOST),
    ('{"message":"Invalid authorization request state."}', STATE_LOST),
    ("Error: OAuth 2.0 authentication requires session support when using state. Did you forget to use "
     "express-session middleware?" + NODE_STACK, STATE_LOST),
    # Auth.js v5 logger ("[auth][error] <Type>: <message>. Read more at https://errors.authjs.dev#<type>")
    ("[auth][error] MissingSecret: Please define a `secret`. Read more at https://errors.authjs.dev#missingsecret",
     ("unknown", "app_secret_missing", "fix_config")),
    ("[next-auth][error][NO_SECRET] \nhttps://next-auth.js.org/errors#no_secret Please define a `secret` in "
     "production.",
     ("unknown", "app_secret_missing", "fix_config")),
    ("[auth][error] UntrustedHost: Host must be trusted. URL was: http://10.0.0.7:3000/api/auth/session. Read more "
     "at https://errors.authjs.dev#untrustedhost", ("unknown", "host_not_trusted", "fix_config")),
    ("[auth][error] AccessDenied: AccessDenied. Read more at https://errors.authjs.dev#accessdenied",
     ("access_denied", "access_policy_denied", "fix_config")),
    ("https://app.example.com/api/auth/error?error=AccessDenied",
     ("access_denied", "access_policy_denied", "fix_config")),
    ("Access Denied\nYou do not have permission to sign in.\nSign in",
     ("access_denied", "access_policy_denied", "fix_config")),
    ("https://app.example.com/api/auth/error?error=Verification",
     ("invalid_grant", "sign_in_link_expired_or_used", "reauth")),
    ("Unable to sign in\nThe sign in link is no longer valid.\nIt may have been used already or it may have expired.",
     ("invalid_grant", "sign_in_link_expired_or_used", "reauth")),
    ("[auth][error] OAuthAccountNotLinked: Another account already exists with the same e-mail address. Read more at "
     "https://errors.authjs.dev#oauthaccountnotlinked", ("access_denied", "account_linked_to_other_user", "reauth")),
    ("[auth][error] OAuthAccountNotLinked: The account is already associated with another user. Read more at "
     "https://errors.authjs.dev#oauthaccountnotlinked", ("access_denied", "account_linked_to_other_user", "reauth")),
    ("https://app.example.com/api/auth/signin?error=OAuthAccountNotLinked",
     ("access_denied", "account_linked_to_other_user", "reauth")),
    ("To confirm your identity, sign in with the same account you used originally.",
     ("access_denied", "account_linked_to_other_user", "reauth")),
    ("https://app.example.com/api/auth/signin?error=SessionRequired&callbackUrl=%2Fdashboard",
     ("interaction_required", "login_required", "reauth")),
    ("[next-auth][error][OAUTH_CALLBACK_ERROR] \nhttps://next-auth.js.org/errors#oauth_callback_error State cookie was "
     "missing.", STATE_LOST),
    ("TypeError: Nonce cookie was missing.", STATE_LOST),
    # OmniAuth ("(<provider>) Authentication failure! <key>: <class>, <message>" and /auth/failure?message=<key>)
    ("E, [2026-12-05T10:00:00.000000 #4242] ERROR -- omniauth: (github) Authentication failure! authenticity_error: "
     "OmniAuth::AuthenticityError, Forbidden", ("invalid_request", "sign_in_request_without_csrf_token", "fix_config")),
    ("https://app.example.com/auth/failure?message=authenticity_error&strategy=google_oauth2",
     ("invalid_request", "sign_in_request_without_csrf_token", "fix_config")),
    ("(google_oauth2) Authentication failure! timeout: Faraday::ConnectionFailed, execution expired",
     ("temporarily_unavailable", "network_error", "retry")),
    ("(google_oauth2) Authentication failure! failed_to_connect: SocketError, Failed to open TCP connection",
     ("temporarily_unavailable", "network_error", "retry")),
    ("https://app.example.com/auth/failure?message=invalid_credentials&strategy=google_oauth2",
     ("unknown", "ambiguous", "fix_config")),
    ("(github) Authentication failure! invalid_credentials encountered.", ("unknown", "ambiguous", "fix_config")),
    # oauth2-proxy (its logger: "[date] [file:line] message"; the error page's text)
    ("[2026/12/05 10:00:00] [oauthproxy.go:921] 10.0.0.1 - 0af1 - - [2026/12/05 10:00:00] [AuthFailure] Invalid "
     "authentication via OAuth2: unable to obtain CSRF cookie: CSRF cookie with name '_oauth2_proxy_csrf' was not "
     "found (state=3f2a)", STATE_LOST),
    ("403 Forbidden\nLogin Failed: Unable to find a valid CSRF token. Please try again.", STATE_LOST),
    ("Invalid authentication via OAuth2: unable to obtain CSRF cookie: CSRF cookie failed validation (state=3f2a)",
     STATE_LOST),
    ("Error redeeming code during OAuth2 callback: id_token nonce claim does not match the session nonce", STATE_LOST),
    ("10.0.0.1 - 0af1 - jane@example.com [2026/12/05 10:00:00] [AuthFailure] Invalid authentication via OAuth2: "
     "unauthorized", ("access_denied", "access_policy_denied", "fix_config")),
    ("403 Forbidden\nInvalid session: unauthorized", ("access_denied", "access_policy_denied", "fix_config")),
    ("[2026/12/05 10:00:00] [oauthproxy.go:928] Error redeeming code during OAuth2 callback: email in id_token "
     "(jane@example.com) isn't verified", ("access_denied", "email_not_verified_at_idp", "fix_config")),
    ("[2026/12/05 10:00:00] [oauthproxy.go:936] Error creating session during OAuth2 callback: neither the id_token "
     "nor the profileURL set an email", ("insufficient_scope", "email_scope_or_permission_missing", "fix_config")),
    ("Error redeeming code during OAuth2 callback: token response did not contain an id_token",
     ("unknown", "token_response_without_id_token", "fix_config")),
    # social-core (Python traceback's last line)
    ("social_core.exceptions.AuthTokenError: Token error: Invalid key/secret, perhaps expired",
     ("invalid_client", "bad_client_credentials", "fix_config")),
    ("social_core.exceptions.AuthMissingParameter: Missing needed parameter state", STATE_LOST),
    ("social_core.exceptions.AuthMissingParameter: Missing needed parameter code",
     ("invalid_request", "missing_parameter", "fix_config")),
    ("social_core.exceptions.AuthAlreadyAssociated: This account is already in use.",
     ("access_denied", "account_linked_to_other_user", "reauth")),
    ("social_core.exceptions.AuthCanceled: Authentication process canceled", ("access_denied", "ambiguous", "reauth")),
    # oauthlib / requests-oauthlib
    ("oauthlib.oauth2.rfc6749.errors.InsecureTransportError: (insecure_transport) OAuth 2 MUST utilize https.",
     ("invalid_request", "insecure_transport", "fix_config")),
    ("oauthlib.oauth2.rfc6749.errors.MissingCodeError: (missing_code) Missing code parameter in response.",
     ("invalid_request", "missing_parameter", "fix_config")),
    ("oauthlib.oauth2.rfc6749.errors.MissingTokenTypeError: (missing_token_type) ",
     ("unknown", "token_response_without_token_type", "fix_config")),
    # AppAuth (Android's AuthorizationException.toString() and its IdTokenException cause; iOS's NSError)
    ("Caused by: net.openid.appauth.IdToken$IdTokenException: Issued at time is more than 10 minutes before or after "
     "the current time", ("invalid_token", "clock_skew", "fix_config")),
    ('Error Domain=org.openid.appauth.general Code=-15 "Issued at time is more than 600 seconds before or after the '
     'current time" UserInfo={}', ("invalid_token", "clock_skew", "fix_config")),
    ("net.openid.appauth.IdToken$IdTokenException: ID Token expired", ("invalid_token", "clock_skew", "fix_config")),
    # AppAuth-iOS's NSError for the same check: its "Code=-15" is an error number, not an authorization code
    ('Error Domain=org.openid.appauth.general Code=-15 "ID Token expired" UserInfo={NSLocalizedDescription=ID Token '
     'expired}', ("invalid_token", "clock_skew", "fix_config")),
    ('AuthorizationException: {"type":0,"code":9,"errorDescription":"Response state param did not match request '
     'state"}', STATE_LOST),
    ('AuthorizationException: {"type":0,"code":0,"errorDescription":"Invalid discovery document"}',
     ("invalid_request", "authority_misconfigured", "fix_config")),
    ('Error Domain=org.openid.appauth.general Code=-6 "Non-200 HTTP response (404) fetching discovery document '
     '\'https://idp.example.com/.well-known/openid-configuration\'." UserInfo={}',
     ("invalid_request", "authority_misconfigured", "fix_config")),
    ('AuthorizationException: {"type":0,"code":3,"errorDescription":"Network error"}',
     ("temporarily_unavailable", "network_error", "retry")),
    ('AuthorizationException: {"type":0,"code":1,"errorDescription":"User cancelled flow"}',
     ("access_denied", "user_cancelled_sign_in", "reauth")),
])
def test_library_messages(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


@pytest.mark.parametrize("body", [
    # Auth.js: every error the page may not show becomes Configuration; its cause is in the server log.
    "https://app.example.com/api/auth/error?error=Configuration",
    "Server error\nThere is a problem with the server configuration.\nCheck the server logs for more information.",
    "https://app.example.com/api/auth/signin?error=OAuthCallbackError",
    "[auth][error] OAuthCallbackError: OAuth Provider returned an error. Read more at "
    "https://errors.authjs.dev#oauthcallbackerror",
    "https://app.example.com/api/auth/error?error=OAuthCallback",
    "https://app.example.com/api/auth/error?error=Callback",
    "[auth][error] CallbackRouteError: Read more at https://errors.authjs.dev#callbackrouteerror",
    "https://app.example.com/api/auth/error?error=OAuthSignin",
    # django-allauth's failure page (the current wording and the one before 2024)
    "<html><head><title>Third-Party Login Failure</title></head><body><h1>Third-Party Login Failure</h1><p>An error "
    "occurred while attempting to login via your third-party account.</p></body></html>",
    "Social Network Login Failure\nAn error occurred while attempting to login via your social network account.",
    # passport-oauth2's token error without an OAuth body
    "InternalOAuthError: Failed to obtain access token" + NODE_STACK,
    "Error: Failed to obtain access token" + NODE_STACK,
    "InternalOAuthError: Failed to obtain access token",
])
def test_wrappers_that_name_no_cause_lean_fix_config_with_candidates(body: str) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == ("unknown", "ambiguous", "fix_config", "low")
    assert len(r.candidates) >= 2 and r.hints


def test_state_rules_list_what_tells_a_lost_session_from_a_second_sign_in() -> None:
    for body in ("Unable to verify authorization request state.",
                 "Invalid authentication via OAuth2: unable to obtain CSRF cookie: CSRF cookie with name "
                 "'_oauth2_proxy_csrf' was not found (state=3f2a)"):
        r = classify(None, body, rulebook=BOOK)
        assert {(c.cause, c.decision) for c in r.candidates} == {("session_not_persisted", "fix_config"),
                                                                 ("concurrent_sign_in", "reauth")}
        assert r.confidence == "high"


def test_library_hints_name_the_librarys_own_fix() -> None:
    hints = " ".join(classify(None, "Unable to verify authorization request state.", rulebook=BOOK).hints)
    assert "req.session" in hints
    hints = " ".join(classify(None, "(github) Authentication failure! authenticity_error: OmniAuth::AuthenticityError, "
                                    "Forbidden", rulebook=BOOK).hints)
    assert "omniauth-rails_csrf_protection" in hints
    oauth2_proxy = classify(None, "Login Failed: Unable to find a valid CSRF token. Please try again.", rulebook=BOOK)
    assert any("cookie_domains" in (c.hint or "") for c in oauth2_proxy.candidates)


@pytest.mark.parametrize(("body", "expected"), [
    # The OAuth error the library carried is the answer, not the wrapper around it.
    ('InternalOAuthError: Failed to obtain access token (status: 401 data: {"error":"invalid_client"})',
     ("invalid_client", "bad_client_credentials", "fix_config")),
    ('Request failed with 400: {"error": "invalid_client"}\nsocial_core.exceptions.AuthCanceled: Authentication '
     "process canceled", ("invalid_client", "bad_client_credentials", "fix_config")),
    ("[next-auth][error][OAUTH_CALLBACK_HANDLER_ERROR] \nhttps://next-auth.js.org/errors#oauth_callback_handler_error "
     "access_denied", ("access_denied", "user_denied_consent", "reauth")),
    ("E, [2026-12-05T10:00:00.000000 #1] ERROR -- omniauth: (github) Authentication failure! invalid_credentials: "
     "OAuth2::Error, bad_verification_code: The code passed is incorrect or expired.",
     ("invalid_grant", "auth_code_invalid_or_expired", "reauth")),
    ("https://app.example.com/api/auth/error?error=Configuration&error_description=x&error=invalid_client",
     ("invalid_client", "bad_client_credentials", "fix_config")),
    # A cancel that says so is still the user's cancel.
    ("social_core.exceptions.AuthCanceled: Authentication process canceled: The user denied the request",
     ("access_denied", "user_cancelled_sign_in", "reauth")),
])
def test_an_oauth_error_in_the_same_paste_wins(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # Other libraries' and servers' texts with neighbouring words keep their own answers.
    ('{"error":"access_denied","error_description":"AccessDenied"}',
     ("access_denied", "user_denied_consent", "reauth")),
    ("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
     ("access_denied", "ambiguous", "fix_config")),
    ("BrowserAuthError: state_mismatch: State mismatch error. Please check your network.",
     STATE_LOST),
    ("org.springframework.security.oauth2.core.OAuth2AuthenticationException: [authorization_request_not_found] ",
     STATE_LOST),
    ("Laravel\\Socialite\\Two\\InvalidStateException", STATE_LOST),
    ("oauth2: cannot fetch token: 401 Unauthorized\nResponse: {\"error\":\"invalid_client\"}",
     ("invalid_client", "bad_client_credentials", "fix_config")),
    ("msal: no_network_connectivity: No network connectivity. Check your internet connection.",
     ("temporarily_unavailable", "network_error", "retry")),
    ("The user cancelled the flow.", ("access_denied", "user_cancelled_sign_in", "reauth")),
    # A stored ID token that expired (not AppAuth's check of a fresh one) is a token to refresh.
    ("FirebaseAuthError: Firebase ID token has expired. Get a fresh ID token from your client app and try again "
     "(auth/id-token-expired).", ("invalid_token", "access_token_expired", "retry")),
])
def test_other_libraries_texts_do_not_match(body: str, expected: tuple[str, str, str]) -> None:
    got = run(body)
    assert got == expected
    assert got[1] not in NEW_CAUSES


@pytest.mark.parametrize("body", [
    "The configuration of the server changed; the account settings page lists the new options.",
    "Please sign in to continue.",
    "Invalid session id in request",
    "This e-mail address is already in use.",
])
def test_ordinary_sentences_stay_out(body: str) -> None:
    assert run(body)[1] not in NEW_CAUSES | {"state_or_session_lost", "access_policy_denied"}


def test_every_client_library_rule_pins_its_source_to_a_commit_and_lines() -> None:
    rules = get_profile("generic").errors.rules
    libraries = ("passport-oauth2", "next-auth", "omniauth", "oauth2-proxy", "social-core", "django-allauth",
                 "oauthlib/oauthlib", "AppAuth-Android")
    pinned = re.compile(r"^https://github\.com/[\w.-]+/[\w.-]+/blob/[0-9a-f]{40}/[^#\s]+#L\d+(?:-L\d+)?$")
    found = [r for r in rules if any(f"/{lib}/blob/" in (r.source or "") or f"{lib}/blob/" in (r.source or "")
                                     for lib in libraries)]
    assert len(found) >= 34
    for r in found:
        if "#L" in r.source:
            assert pinned.match(r.source), r.source
        assert r.basis == "confirmed" and r.note, r.source
    assert sum("#L" in r.source for r in found) >= 34


def test_devises_failure_flash_is_omniauths_failure() -> None:
    """Devise shows OmniAuth's failure as 'Could not authenticate you from <Strategy> because "<Reason>".', the
    reason humanized from OmniAuth's error type (devise omniauth_callbacks_controller#failure_message)."""
    r = classify(None, 'Could not authenticate you from GoogleOauth2 because "Invalid credentials".', None)
    assert (r.failure_class, r.cause, r.decision) == ("unknown", "ambiguous", "fix_config")
    assert [c.cause for c in r.candidates] == [
        "bad_client_credentials", "redirect_uri_differs_from_authorize", "auth_code_invalid_or_reused"]
    r = classify(None, 'Could not authenticate you from Facebook because "Csrf detected".', None)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", "state_or_session_lost", "fix_config")
    # an API's own "Invalid credentials" is still a refused credential
    assert classify(401, '{"message": "Invalid credentials"}', None).failure_class == "invalid_token"
