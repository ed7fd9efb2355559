"""Browser (SPA) OpenID Connect libraries' own errors in the phrase layer (``# --- browser OIDC libraries ---``).

A single-page app's developer pastes what the library printed in the console, not what the provider answered:
oidc-client-ts's ``logger.throw`` prints ``[Class] method: Error: <message>`` and then throws, keycloak-js warns
``[KEYCLOAK] ...`` and rejects plain ``Error``s, angular-auth-oidc-client logs ``[WARN] <configId> - <message>``,
Auth0 SPA JS throws ``GenericError`` subclasses whose message is the description. Every text below is the message
the pinned source of its rule builds; none is taken from a reported case. The last tests check that the block keeps
to these libraries' words and that each of its rules is pinned here.
"""

from __future__ import annotations

import re

import pytest
from phrase_blocks import block_rules

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
BLOCK = "browser OIDC libraries"


def angular(level: str, message: str) -> str:
    """A line of angular-auth-oidc-client's LoggerService (configId 0-spa)."""
    return f"[{level}] 0-spa - {message}"


STATE_LOST = ("invalid_request", "state_or_session_lost", "fix_config")
IFRAME_TIMEOUT = ("invalid_request", "silent_renewal_redirect_page", "fix_config")
CHECK_IFRAME = ("invalid_request", "iframe_blocked", "fix_config")
KEYCLOAK_REFRESH = ("invalid_grant", "ambiguous", "reauth")
CANCELLED = ("access_denied", "user_cancelled_sign_in", "reauth")
POPUP_BLOCKED = ("invalid_request", "popup_blocked", "fix_config")
NO_REDIRECT_URI = ("invalid_request", "redirect_uri_not_configured", "fix_config")
CLOCK = ("invalid_token", "clock_skew", "fix_config")
ISSUER = ("invalid_token", "token_from_other_issuer", "fix_config")
NO_REFRESH_TOKEN = ("invalid_request", "refresh_token_missing", "fix_config")
VALIDATION_FAILED = ("unknown", "ambiguous", "fix_config")

CASES = [
    # oidc-client-ts src/OidcClient.ts, src/ResponseValidator.ts
    ("No matching state found in storage", STATE_LOST),
    ("[OidcClient] readSigninResponseState: Error: No matching state found in storage", STATE_LOST),
    ("Uncaught (in promise) Error: No state in response", STATE_LOST),
    ("[ResponseValidator] _validateIdTokenAttributes: Error: nonce in id_token does not match nonce in client "
     "storage", STATE_LOST),
    # angular-auth-oidc-client check-auth.service.ts, state-validation.service.ts, token-validation.service.ts
    ("Error: could not find matching config for state 3f1c6a0e9b2d4e7f", STATE_LOST),
    (angular("WARN", "authCallback incorrect state"), STATE_LOST),
    (angular("WARN", "authCallback incorrect nonce, did you call the checkAuth() method multiple times?"), STATE_LOST),
    (angular("DEBUG", "Validate_id_token_nonce failed, dataIdToken.nonce: 7a1b local_nonce:9c2d"), STATE_LOST),
    # keycloak-js lib/keycloak.js
    ("Error: Invalid OAuth state in login callback.", STATE_LOST),
    # oidc-client-ts src/navigators/IFrameWindow.ts; oidc-client's older wording
    ("ErrorTimeout: IFrame timed out without a response", IFRAME_TIMEOUT),
    ("[SilentRenewService] _tokenExpiring: Error raising silentRenewError: ErrorTimeout: IFrame timed out without "
     "a response", IFRAME_TIMEOUT),
    ("Frame window timed out", IFRAME_TIMEOUT),
    # keycloak-js #check3pCookiesSupported, updateToken
    ("Timeout when waiting for 3rd party check iframe message.", CHECK_IFRAME),
    ("[KEYCLOAK] Timeout when waiting for 3rd party check iframe message.", CHECK_IFRAME),
    ("Uncaught (in promise) Error: Timeout when waiting for 3rd party check iframe message.\n    at keycloak.js:1748",
     CHECK_IFRAME),
    ("[KEYCLOAK] Failed to refresh token", KEYCLOAK_REFRESH),
    # closed and blocked popups
    ("Error: Popup closed by user", CANCELLED),
    ("Popup window closed", CANCELLED),
    ("Error: User closed the login window.", CANCELLED),
    ("PopupCancelledError: Popup closed", CANCELLED),
    ("Error: Popup blocked by user", POPUP_BLOCKED),
    # oidc-client-ts src/UserManager.ts
    ("[UserManager] signinSilent: Error: No silent_redirect_uri configured", NO_REDIRECT_URI),
    ("Error: No popup_redirect_uri configured", NO_REDIRECT_URI),
    # oidc-client-ts src/utils/CryptoUtils.ts (PKCE on a page that is not a secure context)
    ("Uncaught (in promise) Error: Crypto.subtle is available only in secure contexts (HTTPS).",
     ("invalid_request", "insecure_transport", "fix_config")),
    # angular-auth-oidc-client claim checks
    (angular("WARN", "authCallback Validation, iat rejected id_token was issued too far away from the current time"),
     CLOCK),
    (angular("DEBUG", "Validate_id_token_iss failed, dataIdToken.iss: https://login.example.com/ "
             "authWellKnownEndpoints issuer:https://login.example.com"), ISSUER),
    (angular("DEBUG", "authorizedCallback, token(s) validation failed, resetting. Hash: #"), VALIDATION_FAILED),
    # Auth0 SPA JS src/errors.ts MissingRefreshTokenError
    ("Error: Missing Refresh Token (audience: 'https://api.example.com', scope: 'openid profile email "
     "offline_access')", NO_REFRESH_TOKEN),
    ("Missing Refresh Token (audience: 'default', scope: 'openid profile email')", NO_REFRESH_TOKEN),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_browser_oidc_library_errors(body: str, expected: tuple[str, str, str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == expected


def test_an_iframe_timeout_is_not_a_network_error_and_lists_what_keeps_the_answer_away() -> None:
    r = classify(None, "ErrorTimeout: IFrame timed out without a response", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("silent_renewal_redirect_page", "fix_config"), ("third_party_cookies_blocked", "fix_config"),
        ("iframe_blocked", "fix_config"), ("login_required", "reauth")]
    assert "silent_redirect_uri" in r.candidates[0].hint and "offline_access" in r.candidates[1].hint


def test_keycloak_check_iframe_timeout_names_its_own_switches() -> None:
    r = classify(None, "[KEYCLOAK] Timeout when waiting for 3rd party check iframe message.", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("iframe_blocked", "fix_config"),
                                                            ("network_error", "retry")]
    assert "checkLoginIframe: false" in r.candidates[0].hint and "messageReceiveTimeout" in r.candidates[1].hint


def test_a_keycloak_refresh_failure_and_a_missing_auth0_refresh_token_list_their_candidates() -> None:
    r = classify(None, "[KEYCLOAK] Failed to refresh token", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("session_expired", "reauth"), ("network_error", "retry")]
    r = classify(None, "Missing Refresh Token (audience: 'default', scope: 'openid')", rulebook=BOOK)
    assert [c.cause for c in r.candidates] == ["refresh_token_missing", "session_not_persisted", "login_required"]
    assert "useRefreshTokens" in r.candidates[0].hint and "offline_access" in r.candidates[0].hint


def test_okta_auth_js_pkce_outside_a_secure_context_is_the_page_not_the_verifier() -> None:
    """In providers/okta.yaml: without a provider the RFC baseline reads any 'PKCE' as a verifier mismatch first."""
    body = ("AuthSdkError: PKCE requires a modern browser with encryption support running in a secure context.\n"
            "The current page is not being served with HTTPS protocol. PKCE requires secure HTTPS protocol.")
    r = classify(None, body, provider="okta", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", "insecure_transport", "fix_config")


@pytest.mark.parametrize(("body", "expected"), [
    # These libraries' texts that other rules answered rightly before the block: they stay as they were.
    ("AuthSdkError: OAuth flow response state doesn't match request state", STATE_LOST),  # okta-auth-js
    ("AuthSdkError: Unable to retrieve OAuth redirect params from storage", STATE_LOST),
    ("AuthSdkError: The JWT was issued in the future", CLOCK),
    ("AuthSdkError: The JWT expired and is no longer valid", ("invalid_token", "access_token_expired", "retry")),
    ("GenericError: Invalid state", STATE_LOST),  # auth0-spa-js state_mismatch / missing_transaction
    ("[UserManager] _signinEnd: ErrorResponse: login_required", ("interaction_required", "login_required", "reauth")),
    (angular("WARN", "authCallback incorrect iss does not match authWellKnownEndpoints issuer"), ISSUER),
    ("Error: Unable to update token, no refresh token available.", ("invalid_token", "refresh_token_missing",
                                                                    "fix_config")),
])
def test_texts_answered_elsewhere_stay_as_they_were(body: str, expected: tuple[str, str, str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == expected


@pytest.mark.parametrize("body", [
    # Other libraries' words near these: none of them may be read by a rule of this block.
    "BrowserAuthError: monitor_window_timeout: Token acquisition in iframe failed due to timeout.",  # MSAL.js
    "BrowserAuthError: user_cancelled: User cancelled the flow.",  # MSAL.js
    "Firebase: Error (auth/popup-closed-by-user).",  # Firebase Auth
    "RPError: state mismatch, expected abc, got: def",  # openid-client
    "[authorization_request_not_found] ",  # Spring Security
    "Unable to open a popup for loginWithPopup - window.open returned `null`",  # Auth0 SPA JS's popup_open
    "ValueError: state missing from auth_code_flow",  # MSAL Python
    "Error: Timeout when executing 'fetch'",  # Auth0 SPA JS: a token request that did not answer
    '{"error": "invalid_grant", "error_description": "Session not active"}',  # Keycloak's server
    "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='login.example.com', port=443): Read timed out.",
])
def test_other_libraries_words_do_not_reach_a_rule_of_the_block(body: str) -> None:
    sources = {rule["source"] for rule in block_rules(BLOCK)}
    r = classify(None, body, rulebook=BOOK)
    assert not sources & set(r.references), (body, r.references)


def test_the_block_is_contiguous_pinned_and_each_rule_tested() -> None:
    rules = block_rules(BLOCK)
    assert len(rules) >= 10
    pinned = re.compile(r"^https://github\.com/(?:authts/oidc-client-ts|keycloak/keycloak-js|"
                        r"damienbod/angular-auth-oidc-client|auth0/auth0-spa-js)/blob/[0-9a-f]{40}/\S+#L\d+(?:-L\d+)?$")
    for rule in rules:
        assert pinned.match(rule["source"]), rule["source"]
        assert rule["basis"] in ("confirmed", "heuristic") and rule["note"] and str(rule["checked"]) == "2026-12-05"
        assert rule.get("hints") or rule.get("candidates") or rule["summary"], rule["source"]
    tested = set()
    for body, _ in CASES:
        tested |= set(classify(None, body, rulebook=BOOK).references)
    assert {rule["source"] for rule in rules} <= tested
