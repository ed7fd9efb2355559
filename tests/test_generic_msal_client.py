"""MSAL's own client-side errors in the phrase layer (``# --- MSAL client errors ---`` in providers/generic.yaml).

Users of Entra ID and Azure AD B2C often paste what MSAL printed, not the server's AADSTS answer. Every text below
is the message MSAL's code builds: msal-browser and msal-common's ``AuthError`` reads ``<code>: <message>`` under
the error's name (``BrowserAuthError: popup_window_error: Error opening popup window. ...``), MSAL.NET's
``MsalException.ToString()`` puts ``ErrorCode: <code>`` under ``MSAL.<platform>.<version>.<type>:``, MSAL Python
raises ``ValueError``. The messages are those of the pinned sources of the rules; none is taken from a reported case.
The last tests check that the block keeps to MSAL's words and that each of its rules is pinned here.
"""

from __future__ import annotations

import re

import pytest
from phrase_blocks import block_rules

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
BLOCK = "MSAL client errors"
LINK = " For more visit: aka.ms/msaljs/browser-errors"
NET = "MSAL.NetCore.4.61.3.0.{kind}:\n\tErrorCode: {code}\nMicrosoft.Identity.Client.{kind}: {message}"
PY_TRACE = "Traceback (most recent call last):\n  File \"app.py\", line 42, in authorized\n    result = {call}\n{last}"


def browser(code: str, message: str) -> str:
    return f"BrowserAuthError: {code}: {message}"


POPUP_BLOCKED = ("invalid_request", "popup_blocked", "fix_config")
REDIRECT_PAGE = ("invalid_request", "redirect_page_calls_msal", "fix_config")
TIMEOUT = ("invalid_request", "silent_renewal_redirect_page", "fix_config")
STATE_LOST = ("invalid_request", "state_or_session_lost", "fix_config")
NO_REDIRECT_URI = ("invalid_request", "redirect_uri_not_configured", "fix_config")
CACHE_AMBIGUOUS = ("invalid_request", "cache_lookup_ambiguous", "fix_config")
LOGIN = ("interaction_required", "login_required", "reauth")
NETWORK = ("temporarily_unavailable", "network_error", "retry")
NOT_READY = ("invalid_request", "library_not_initialized", "fix_config")
IN_IFRAME = ("invalid_request", "redirect_api_in_iframe", "fix_config")
AUTHORITY = ("invalid_request", "authority_misconfigured", "fix_config")

CASES = [
    # msal-browser BrowserAuthError.ts
    (browser("popup_window_error", "Error opening popup window. This can happen if you are using IE or if popups are "
             "blocked in the browser."), POPUP_BLOCKED),
    ("popup_window_error", POPUP_BLOCKED),
    (browser("empty_window_error", "window.open returned null or undefined window object."), POPUP_BLOCKED),
    (browser("block_nested_popups", "Request was blocked inside a popup because MSAL detected it was running in a "
             "popup."), REDIRECT_PAGE),
    (browser("block_iframe_reload", "Request was blocked inside an iframe because MSAL detected an authentication "
             "response. " + LINK), REDIRECT_PAGE),
    (browser("monitor_window_timeout", "Token acquisition in iframe failed due to timeout. " + LINK), TIMEOUT),
    (browser("monitor_popup_timeout", "Token acquisition in popup failed due to timeout. " + LINK), TIMEOUT),
    (browser("no_token_request_cache_error", "No token request found in cache."), STATE_LOST),
    ("Uncaught (in promise) BrowserAuthError: no_token_request_cache_error: No token request found in cache.\n"
     "    at createBrowserAuthError (BrowserAuthError.ts:359:12)", STATE_LOST),
    (browser("no_account_error", "No account object provided to acquireTokenSilent and no active account has been "
             "set. Please call setActiveAccount or provide an account on the request."), LOGIN),
    (browser("uninitialized_public_client_application", "You must call and await the initialize function before "
             "attempting to call any other MSAL API. " + LINK), NOT_READY),
    ("BrowserConfigurationAuthError: stubbed_public_client_application_called: Stub instance of Public Client "
     "Application was called. If using msal-react, please ensure context is not used without a provider. For more "
     "visit: aka.ms/msaljs/browser-errors", NOT_READY),
    (browser("redirect_in_iframe", "Redirects are not supported for iframed or brokered applications. Please ensure "
             "you are using MSAL.js in a top frame of the window if using the redirect APIs, or use the popup APIs."),
     IN_IFRAME),
    # msal-common ClientConfigurationError.ts and ClientAuthError.ts (msal-browser and msal-node alike)
    ("ClientConfigurationError: redirect_uri_empty: A redirect URI is required for all calls, and none has been set.",
     NO_REDIRECT_URI),
    ("ClientConfigurationError: authority_uri_insecure: Authority URIs must use https.  Please see here for valid "
     "authority configuration options: https://docs.microsoft.com/en-us/azure/active-directory/develop/"
     "msal-js-initializing-client-applications#configuration-options", AUTHORITY),
    ("ClientAuthError: multiple_matching_tokens: The cache contains multiple tokens satisfying the requirements. "
     "Call AcquireToken again providing more requirements such as authority or account.", CACHE_AMBIGUOUS),
    ("ClientAuthError: multiple_matching_accounts: The cache contains multiple accounts satisfying the given "
     "parameters. Please pass more info to obtain the correct account", CACHE_AMBIGUOUS),
    ("ClientAuthError: network_error: Network request failed", NETWORK),
    ("ClientAuthError: endpoints_resolution_error: Error: could not resolve endpoints. Please check network and try "
     "again.", ("temporarily_unavailable", "ambiguous", "retry")),
    ("ClientAuthError: openid_config_error: Could not retrieve endpoints. Check your authority and verify the "
     ".well-known/openid-configuration endpoint returns the required endpoints.", AUTHORITY),
    ("ClientAuthError: missing_tenant_id_error: A tenant id - not common, organizations, or consumers - must be "
     "specified when using the client_credentials flow.", AUTHORITY),
    ("ClientAuthError: invalid_client_credential: Client credential (secret, certificate, or assertion) must not be "
     "empty when creating a confidential client. An application should at most have one credential",
     ("invalid_client", "credentials_not_configured", "fix_config")),
    ("ClientAuthError: max_age_transpired: Max Age is set to 0, or too much time has elapsed since the last "
     "end-user authentication.", LOGIN),
    ("ClientAuthError: auth_time_not_found: Max Age was requested and the ID token is missing the auth_time variable."
     " auth_time is an optional claim and is not enabled by default - it must be enabled. See "
     "https://aka.ms/msaljs/optional-claims for more information.",
     ("invalid_request", "token_misconfigured", "fix_config")),
    # MSAL.NET (MsalError.cs, MsalErrorMessage.cs; MsalException.ToString())
    (NET.format(kind="MsalClientException", code="multiple_matching_tokens_detected",
                message="The cache contains multiple tokens satisfying the requirements. Try to clear token cache. "),
     CACHE_AMBIGUOUS),
    # MSAL Python (msal/oauth2cli/oauth2.py obtain_token_by_auth_code_flow)
    ("ValueError: state missing from auth_code_flow", STATE_LOST),
    (PY_TRACE.format(call='app.acquire_token_by_auth_code_flow(session.get("flow", {}), request.args)',
                     last="ValueError: state missing from auth_code_flow"), STATE_LOST),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_msal_client_errors(body: str, expected: tuple[str, str, str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == expected


def test_a_popup_or_iframe_timeout_lists_the_causes_msal_docs_name() -> None:
    """MSAL's docs name four reasons for monitor_window_timeout; the redirect page leads, as a rule of thumb."""
    r = classify(None, browser("monitor_window_timeout", "Token acquisition in iframe failed due to timeout." + LINK),
                 rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("silent_renewal_redirect_page", "fix_config"), ("login_required", "reauth"),
        ("rate_limit_exceeded", "retry"), ("network_error", "retry")]
    assert r.confidence == "medium"


def test_an_unresolved_authority_is_a_network_retry_or_a_wrong_authority() -> None:
    r = classify(None, "ClientAuthError: endpoints_resolution_error: Error: could not resolve endpoints. Please check "
                       "network and try again.", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == ("temporarily_unavailable", "ambiguous", "retry",
                                                                    "low")
    assert [(c.cause, c.decision) for c in r.candidates] == [("network_error", "retry"),
                                                             ("authority_misconfigured", "fix_config")]


def test_a_missing_account_names_the_setting_as_the_other_candidate() -> None:
    r = classify(None, browser("no_account_error", "No account object provided to acquireTokenSilent and no active "
                               "account has been set. Please call setActiveAccount or provide an account on the "
                               "request."), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("login_required", "reauth"), ("active_account_not_set", "fix_config")]


@pytest.mark.parametrize(("body", "expected"), [
    # MSAL's codes that the phrase layer answered before this block: the block leaves them as they were.
    (browser("interaction_in_progress", "Interaction is currently in progress. Please ensure that this interaction "
             "has been completed before calling an interactive API.  " + LINK),
     ("invalid_request", "interactive_call_in_progress", "fix_config")),
    (browser("hash_empty_error", "Hash value cannot be processed because it is empty. Please verify that your "
             "redirectUri is not clearing the hash." + LINK), STATE_LOST),
    ("InteractionRequiredAuthError: no_tokens_found: No refresh token found in the cache. Please sign-in.", LOGIN),
    (NET.format(kind="MsalUiRequiredException", code="user_null",
                message="No account or login hint was passed to the AcquireTokenSilent call. "), LOGIN),
    (NET.format(kind="MsalServiceException", code="request_timeout", message="Request to the endpoint timed out."),
     NETWORK),
    (browser("user_cancelled", "User cancelled the flow."), ("access_denied", "user_cancelled_sign_in", "reauth")),
    ('{"error": "invalid_grant", "error_description": "AADSTS700082: The refresh token has expired due to '
     'inactivity."}', ("invalid_grant", "refresh_token_inactive", "reauth")),
])
def test_msal_errors_answered_elsewhere_stay_as_they_were(body: str, expected: tuple[str, str, str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == expected


@pytest.mark.parametrize("body", [
    # Other libraries' words near MSAL's: none of them may be read by an MSAL rule.
    "Unable to open a popup for loginWithPopup - window.open returned `null`",  # Auth0 SPA JS
    "Firebase: Error (auth/popup-blocked).",  # Firebase Auth
    "RPError: state mismatch, expected abc, got: def",  # openid-client
    "[authorization_request_not_found] ",  # Spring Security
    "AuthSdkError: Unable to retrieve OAuth redirect params from storage",  # Okta Auth JS
    "TypeError: Failed to fetch",  # a browser's fetch
    "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='login.example.com', port=443): Max retries "
    "exceeded with url: /token (Caused by NewConnectionError('Failed to establish a new connection: [Errno 101] "
    "Network is unreachable'))",
    '{"error": "invalid_request", "error_description": "redirect_uri is missing"}',
    "Error 400: redirect_uri_mismatch",
])
def test_other_libraries_words_do_not_reach_an_msal_rule(body: str) -> None:
    sources = {rule["source"] for rule in block_rules(BLOCK)}
    r = classify(None, body, rulebook=BOOK)
    assert not sources & set(r.references), (body, r.references)


def test_the_block_is_contiguous_pinned_and_each_rule_tested() -> None:
    rules = block_rules(BLOCK)
    assert len(rules) >= 14
    pinned = re.compile(r"^https://github\.com/AzureAD/microsoft-authentication-library-for-[a-z]+/blob/[0-9a-f]{40}/"
                        r"\S+#L\d+(?:-L\d+)?$")
    for rule in rules:
        assert pinned.match(rule["source"]), rule["source"]
        assert rule["basis"] in ("confirmed", "heuristic") and rule["note"] and str(rule["checked"]) == "2026-12-05"
    tested = set()
    for body, _ in CASES:
        tested |= {ref for ref in classify(None, body, rulebook=BOOK).references}
    assert {rule["source"] for rule in rules} <= tested
