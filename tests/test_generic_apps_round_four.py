"""Self-hosted applications that sign users in with OAuth or OIDC, round four, in the phrase layer.

Matrix Synapse renders its SSO error template (the description, then "Error code" and the code) and logs through
Python's logging; BookStack flashes its message into the login page's notification; Wiki.js answers GraphQL
``{"errors": [{"message": ...}]}``; PocketBase answers ``{"status", "message", "data"}`` and its JavaScript SDK wraps
a plain ``Error`` in ``ClientResponseError``; NetBird's client prints gRPC statuses and its own ``fmt.Errorf``
chains; paperless-ngx logs ``[time] [LEVEL] [paperless_mail] ...``. Every text below is built the way that code
builds it (its format strings, templates and message files); none is taken from a reported case. The rules' pinned
sources in ``providers/generic.yaml`` say where the words come from.
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
REPOS = ("element-hq/synapse", "BookStackApp/BookStack", "requarks/wiki", "pocketbase/pocketbase", "pocketbase/js-sdk",
         "netbirdio/netbird", "paperless-ngx/paperless-ngx")


run = answer
from_this_block = functools.partial(cites, REPOS)


def synapse_page(error: str, description: str) -> str:
    """sso_error.html's general branch: the description in bold, the advice, then 'Error code' and the code."""
    return ("<!DOCTYPE html><html lang=\"en\"><head><title>Authentication failed</title></head><body>"
            "<div class=\"error_page\"><header><h1>There was an error</h1>"
            f"<p><strong id=\"errormsg\">{description}</strong></p>"
            "<p>If you are seeing this page after clicking a link sent to you via email, make sure you only click the "
            "confirmation link once, and that you open the validation link in the same client you're logging in "
            "from.</p><p>Try logging in again from your Matrix client and if the problem persists please contact the "
            "server's administrator.</p><div id=\"error_code\"><p><strong>Error code</strong></p>"
            f"<p>{error}</p></div></header></div></body></html>")


def synapse_log(module: str, line: int, level: str, message: str) -> str:
    """Synapse's default log format: time - logger - line - level - request - message."""
    return f"2026-12-05 10:00:00,123 - {module} - {line} - {level} - GET-42 - {message}"


def bookstack_login(message: str) -> str:
    """BookStack's login page with an error notification (the flashed message, HTML-escaped)."""
    return ("<!DOCTYPE html><html lang=\"en\"><head><title>Log In | BookStack</title></head><body>"
            "<div component=\"notification\" class=\"notification neg\" role=\"alert\">"
            f"<svg></svg> <span>{message}</span><div class=\"dismiss\"><svg></svg></div></div>"
            "<main><h1>Log In</h1><a href=\"/oidc/login\">Login with SSO</a></main></body></html>")


def pocketbase(status: int, message: str, data: dict[str, object] | None = None) -> str:
    return json.dumps({"data": data or {}, "message": message, "status": status})


# --- Matrix Synapse ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "body", "expected"), [
    (400, synapse_page("missing_session", "No session cookie found"),
     ("invalid_request", "state_or_session_lost", FIXED)),
    (None, synapse_log("synapse.handlers.oidc", 243, "INFO", "Received OIDC callback, with no session cookie"),
     ("invalid_request", "state_or_session_lost", FIXED)),
    (400, synapse_page("mismatching_session", "Signatures do not match"),
     ("invalid_request", "state_or_session_lost", REAUTH)),
    (None, synapse_log("synapse.handlers.oidc", 283, "WARNING",
                       "Could not verify session for OIDC callback: Signatures do not match"),
     ("invalid_request", "state_or_session_lost", REAUTH)),
    (400, synapse_page("mapping_error", "User does not exist and registrations are disabled"),
     ("access_denied", "signups_disabled", FIXED)),
    (400, synapse_page("mapping_error", "Failed to extract subject from OIDC response: 'sub'"),
     ("access_denied", "required_claim_missing", FIXED)),
    (400, synapse_page("mapping_error", "Unable to generate a Matrix ID from the SSO response"),
     ("access_denied", "account_linked_to_other_user", FIXED)),
    (400, synapse_page("mapping_error", "Mapping provider does not support de-duplicating Matrix IDs"),
     ("access_denied", "account_linked_to_other_user", FIXED)),
    (400, synapse_page("mapping_error", "Attempted to login as '@jo:example.org' but it matches more than one user "
                                        "inexactly: {'@jo:example.org', '@JO:example.org'}"),
     ("access_denied", "account_linked_to_other_user", FIXED)),
    (400, synapse_page("server_error", 'Authorization server responded with a "401 Unauthorized" error but did not '
                                       'include an "error" field in its response.'),
     ("invalid_client", "bad_client_credentials", FIXED)),
    (400, synapse_page("server_error", 'Authorization server responded with a "404 Not Found" error but did not '
                                       'include an "error" field in its response.'),
     ("invalid_request", "ambiguous", FIXED)),
    (400, synapse_page("invalid_token", "Missing id_token in token response"),
     ("unknown", "token_response_without_id_token", FIXED)),
])
def test_synapse_oidc_callback_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected
    assert from_this_block(status, body)


def test_synapse_refusal_by_attribute_requirements_shows_only_its_own_sentence() -> None:
    page = ("<!DOCTYPE html><html lang=\"en\"><head><title>Authentication failed</title></head><body>"
            "<div class=\"error_page\"><header><p>You are not allowed to log in here.</p></header></div></body></html>")
    assert run(403, page) == ("access_denied", "access_policy_denied", FIXED)
    assert run(None, "You are not authorised to log in here.") == ("access_denied", "access_policy_denied", FIXED)


def test_synapse_provider_unavailable_lists_discovery_metadata_and_an_outage() -> None:
    page = ("<!DOCTYPE html><html lang=\"en\"><head><title>Authentication failed</title></head><body>"
            "<div class=\"error_page\"><header><h1>This login provider is unavailable right now.</h1><p>There has "
            "been a problem which means that it's not currently possible to log in with that provider.</p>"
            "<p>This issue could be temporary, so please try again later.</p></header></div></body></html>")
    r = classify(503, page, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("unknown", "ambiguous", FIXED)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("provider_discovery_unreachable", FIXED), ("wrong_endpoint_url", FIXED), ("idp_transient_outage", RETRY)]


def test_synapse_state_mismatch_lists_a_second_login_an_old_cookie_and_a_changed_key() -> None:
    r = classify(400, synapse_page("mismatching_session", "Signatures do not match"), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("concurrent_sign_in", REAUTH), ("login_attempt_expired", REAUTH), ("cookie_secret_changed", FIXED)]


def test_synapse_missing_cookie_names_public_baseurl() -> None:
    r = classify(400, synapse_page("missing_session", "No session cookie found"), rulebook=BOOK)
    assert [c.cause for c in r.candidates] == ["session_not_persisted", "login_attempt_expired"]
    assert "public_baseurl" in r.candidates[0].hint


def test_synapse_leaves_the_providers_own_error_to_the_provider() -> None:
    # The callback's error and error_description are rendered as they came: the RFC code decides, not this block.
    body = synapse_page("invalid_client", "Client authentication failed.")
    assert not from_this_block(400, body)
    assert run(400, body)[0] == "invalid_client"
    # A 5xx without an error field was already read as the provider's failure.
    assert run(400, synapse_page("server_error", 'Authorization server responded with a "502 Bad Gateway" error '
                                                 "while exchanging the authorization code."))[2] == RETRY


# --- BookStack ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("message", "expected"), [
    ("Login using Keycloak failed, system did not provide successful authorization",
     ("invalid_request", "state_or_session_lost", FIXED)),
    ("ID token validation failed with error: Token audience value did not match the expected client_id",
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    ("ID token validation failed with error: Token audience value has 2 values, Expected 1",
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    ("ID token validation failed with error: Token authorized party exists but does not match the expected client_id",
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    ("ID token validation failed with error: Missing or non-matching token issuer value",
     ("invalid_token", "token_from_other_issuer", FIXED)),
    ("ID token validation failed with error: Token has expired", ("invalid_token", "clock_skew", FIXED)),
    ("ID token validation failed with error: Token issue at time is not recent or is invalid",
     ("invalid_token", "clock_skew", FIXED)),
    ("ID token validation failed with error: Token signature could not be validated using the provided keys",
     ("invalid_token", "token_signature_invalid", FIXED)),
    ("ID token validation failed with error: Only RS256 signature validation is supported. Token reports using HS256",
     ("invalid_token", "token_signature_invalid", FIXED)),
    ("Could not find an email address, for this user, in the data provided by the external authentication system",
     ("access_denied", "required_claim_missing", FIXED)),
    ("A user with the email jo@example.com already exists but with different credentials.",
     ("access_denied", "account_linked_to_other_user", FIXED)),
    ("That email domain does not have access to this application", ("access_denied", "access_policy_denied", FIXED)),
    ("This Github account is not linked to any users. Please attach it in your profile settings. ",
     ("access_denied", "signups_disabled", FIXED)),
    ("Your Gitlab social settings are not configured correctly.",
     ("invalid_request", "provider_not_configured", FIXED)),
])
def test_bookstack_login_notifications(message: str, expected: tuple[str, str, str]) -> None:
    assert run(None, message) == expected
    assert run(200, bookstack_login(message)) == expected
    assert from_this_block(None, message)


def test_bookstack_state_failure_lists_app_url_against_a_second_login() -> None:
    r = classify(None, "Login using SSO failed, system did not provide successful authorization", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("session_not_persisted", FIXED),
                                                            ("concurrent_sign_in", REAUTH)]
    assert "APP_URL" in r.candidates[0].hint


def test_an_expired_token_without_bookstacks_prefix_stays_an_expired_token() -> None:
    assert run(401, "Token has expired") == ("invalid_token", "access_token_expired", RETRY)
    assert not from_this_block(401, "Token has expired")


# --- Wiki.js -----------------------------------------------------------------------------------------------------


def wikijs_graphql(message: str) -> str:
    return json.dumps({"errors": [{"message": message, "locations": [{"line": 3, "column": 7}],
                                   "path": ["authentication", "login"]}], "data": {"authentication": {"login": None}}})


@pytest.mark.parametrize(("message", "expected"), [
    ("Missing or invalid email address from profile.", ("access_denied", "required_claim_missing", FIXED)),
    ("You are not authorized to register. Your domain is not whitelisted.",
     ("access_denied", "access_policy_denied", FIXED)),
    ("You are not authorized to login.", ("access_denied", "signups_disabled", FIXED)),
])
def test_wikijs_profile_checks(message: str, expected: tuple[str, str, str]) -> None:
    assert run(None, message) == expected
    assert run(200, wikijs_graphql(message)) == expected
    assert from_this_block(None, message)


def test_wikijs_short_sentence_is_read_only_alone() -> None:
    longer = "You are not authorized to login. Contact the owner of the page for access to the wiki space."
    assert not from_this_block(403, longer)


# --- PocketBase --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "body", "expected"), [
    (403, pocketbase(403, "The collection is not configured to allow OAuth2 authentication."),
     ("invalid_request", "provider_not_configured", FIXED)),
    (400, pocketbase(400, "An error occurred while loading the submitted data.",
                     {"provider": {"code": "validation_invalid_provider",
                                   "message": "Provider with name gitlab is missing or is not enabled."}}),
     ("invalid_request", "provider_not_configured", FIXED)),
    (None, "ClientResponseError 0: Something went wrong.\n    at RecordService.ts:672:40\n  cause: Error: State "
           "parameters don't match.", ("invalid_request", "state_or_session_lost", FIXED)),
    (None, "ClientResponseError 0: Something went wrong.\n  cause: Error: Not in a browser context - please pass a "
           "custom urlCallback function.", ("invalid_request", "browser_unavailable", FIXED)),
])
def test_pocketbase_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected
    assert from_this_block(status, body)


def test_pocketbase_failed_token_fetch_lists_redirect_secret_and_a_reused_code() -> None:
    r = classify(400, pocketbase(400, "Failed to fetch OAuth2 token."), rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == ("unknown", "ambiguous", FIXED, "low")
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("redirect_uri_differs_from_authorize", FIXED), ("bad_client_credentials", FIXED),
        ("auth_code_expired_or_reused", REAUTH)]


def test_pocketbase_failed_user_fetch_lists_scopes_url_and_an_outage() -> None:
    r = classify(400, pocketbase(400, "Failed to fetch OAuth2 user."), rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("unknown", "ambiguous", FIXED)
    assert [c.cause for c in r.candidates] == ["missing_scope", "wrong_endpoint_url", "idp_transient_outage"]


def test_pocketbase_log_with_the_providers_code_lets_the_code_decide() -> None:
    log = ('Failed to fetch OAuth2 token. error=oauth2: "invalid_client" "Client authentication failed."')
    assert not from_this_block(400, log)
    assert run(400, log)[0] == "invalid_client"


# --- NetBird -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    ("rpc error: code = PermissionDenied desc = peer login has expired, please log in once more",
     ("invalid_grant", "session_expired", REAUTH)),
    ("login failed: rpc error: code = PermissionDenied desc = this peer was originally enrolled via SSO and its "
     "session has expired. Setup keys can only enrol new peers — run `netbird up` (interactive SSO) to re-login.",
     ("invalid_grant", "session_expired", REAUTH)),
    ("PKCE authorization flow failed: authentication failed: invalid access token - invalid JWT token audience field",
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    ("waiting for browser login failed: validate access token failed with error: required token field audience is "
     "absent", ("invalid_token", "token_for_wrong_audience", FIXED)),
    ("getting device authorization flow info failed with error: no SSO provider returned from management. Please "
     "proceed with setting up this device using setup keys https://docs.netbird.io/how-to/register-machines-using-"
     "setup-keys", ("invalid_request", "provider_not_configured", FIXED)),
    ("the management server, https://netbird.example.com:443, does not support SSO providers, please update your "
     "server or use Setup Keys to login", ("invalid_request", "provider_not_configured", FIXED)),
    ("invalid provider configuration received from management: Client ID value is empty. Contact your NetBird "
     "administrator", ("invalid_request", "provider_not_configured", FIXED)),
    ('no available port found from configured redirect URLs: ["http://localhost:53000/" "http://localhost:54000/"]',
     ("unknown", "local_callback_listener_failed", FIXED)),
    ("PKCE authorization flow failed: authentication failed: Invalid state",
     ("invalid_request", "state_or_session_lost", REAUTH)),
    ("failed validating JWT token sent from peer: user ID claim token value is empty",
     ("access_denied", "required_claim_missing", FIXED)),
])
def test_netbird_login_words(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected
    assert from_this_block(None, body)


def test_netbird_pkce_error_from_the_provider_is_the_providers() -> None:
    # handleRequest quotes the callback's error_description after "authentication failed:"
    body = "PKCE authorization flow failed: authentication failed: access_denied"
    assert not from_this_block(None, body)
    assert run(None, body)[2] == REAUTH


# --- paperless-ngx -----------------------------------------------------------------------------------------------


def paperless_log(level: str, message: str) -> str:
    return f"[2026-12-05 10:00:00,123] [{level}] [paperless_mail] {message}"


def test_paperless_failed_refresh_means_connecting_the_account_again() -> None:
    body = paperless_log("ERROR", "Failed to refresh oauth token for account Gmail OAuth 2026-11-20: "
                                  "Token has been expired or revoked.")
    r = classify(None, body, rulebook=BOOK)
    # Google's own "Token has been expired or revoked" names Google (round twenty-six): its reading lists Google's
    # causes, the Testing-mode expiry among them
    assert (r.provider, r.failure_class, r.decision) == ("google", "invalid_grant", REAUTH)
    assert ("testing_mode_7_day_expiry", FIXED) in [(c.cause, c.decision) for c in r.candidates]
    test = paperless_log("ERROR", "Mail account connectivity test failed: Unable to refresh oauth token")
    assert run(None, test) == ("invalid_grant", "refresh_token_expired_or_revoked", REAUTH)
    assert from_this_block(None, test)


def test_paperless_refresh_refused_for_the_client_is_the_clients() -> None:
    body = paperless_log("ERROR", 'Failed to refresh oauth token for account Outlook OAuth: {"error": '
                                  '"invalid_client", "error_description": "AADSTS7000215: Invalid client secret '
                                  'provided."}')
    assert not from_this_block(None, body)
    assert run(None, body)[2] == FIXED


@pytest.mark.parametrize(("message", "expected"), [
    ("Error getting access token from OAuth provider", ("unknown", "ambiguous", FIXED)),
    ("Invalid oauth callback request: state validation failed", ("invalid_request", "state_or_session_lost", FIXED)),
])
def test_paperless_mail_callback(message: str, expected: tuple[str, str, str]) -> None:
    assert run(None, paperless_log("ERROR", message)) == expected
    assert from_this_block(None, paperless_log("ERROR", message))


# --- neighbours ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "No session found for this request",
    "Error code: missing",
    "You are not allowed to log in with a personal account",
    "Login failed, the system is under maintenance",
    "Failed to fetch token.",
    "The state parameter does not match the one sent",
    "the peer is not registered",
    "token audience is invalid",
    "A user with this email already exists.",
    "Missing email address",
    "You are not authorized to view this page.",
    "authentication failed: wrong password",
    "Unable to refresh the page",
    "Failed to refresh token",
    "The server responded with a 404 error",
])
def test_neighbouring_sentences_are_not_read_as_these_apps(body: str) -> None:
    assert not from_this_block(None, body)
    assert not from_this_block(400, body)


def test_the_baselines_yield_only_to_these_wrappers() -> None:
    # NetBird's "PKCE authorization flow failed:" no longer names the verifier by itself; a provider's PKCE words do.
    inner = 'PKCE authorization flow failed: oauth2: "invalid_grant" "PKCE verification failed"'
    assert run(None, inner)[1] == "pkce_verifier_mismatch"
    # Synapse's unavailable-provider page no longer reads as an outage; other "try again later" texts still do.
    assert run(503, "The service is busy, please try again later.")[0] == "temporarily_unavailable"
