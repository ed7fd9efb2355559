"""Server-side JavaScript auth libraries' own words, in the phrase layer.

better-auth redirects a failed OAuth callback to its error page with ``?error=<code>`` and logs
``<time> ERROR [Better Auth]: <message>``; its API answers ``{"message": ..., "code": ...}``. arctic wraps a fetch
that threw in ``ArcticFetchError``; express-openid-connect v3 throws when its transaction cookie is missing;
nextjs-auth0 raises ``AccessTokenError`` (v4 and v3 wording) and v3's callback handler wraps its state-cookie
errors in ``CallbackHandlerError: Callback handler failed. CAUSE: ...``. Every text below is built the way that
code builds it (its format strings, error classes, logger prefix and redirect); none is taken from a reported
case. The rules' pinned sources in ``providers/generic.yaml`` say where the words come from.
"""

from __future__ import annotations

import json

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIXED, REAUTH, RETRY = "fix_config", "reauth", "retry"
ERROR_PAGE = "https://app.example.com/api/auth/error"
BA_LOG = "2026-12-05T10:00:00.000Z ERROR [Better Auth]: "
REPOS = ("better-auth/better-auth", "pilcrowOnPaper/arctic", "auth0/express-openid-connect", "auth0/nextjs-auth0")


def run(status: int | None, body: str) -> tuple[str, str, str]:
    r = classify(status, body, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


def redirect(code: str) -> str:
    """better-auth's redirectOnError: the error page with ?error=<code>."""
    return f"{ERROR_PAGE}?error={code}"


def api_error(code: str, message: str) -> str:
    """better-auth's APIError.from(status, {code, message}) body."""
    return json.dumps({"message": message, "code": code})


@pytest.mark.parametrize(("status", "body", "expected"), [
    # state past its ten minutes, and a state cookie that another secret encrypted
    (None, BA_LOG + "Failed to parse state StateError: Invalid state: request expired",
     ("invalid_request", "login_attempt_expired", REAUTH)),
    (None, BA_LOG + "Failed to parse state StateError: State invalid: Failed to decrypt or parse auth state",
     ("invalid_request", "cookie_secret_changed", FIXED)),
    # account linking
    (302, redirect("account_not_linked"), ("access_denied", "ambiguous", FIXED)),
    (None, "2026-12-05T10:00:00.000Z WARN [Better Auth]: User already exist but account isn't linked to github. "
           "To read more about how account linking works in Better Auth see "
           "https://www.better-auth.com/docs/concepts/users-accounts#account-linking.",
     ("access_denied", "ambiguous", FIXED)),
    (302, redirect("unable_to_link_account"), ("access_denied", "automatic_linking_disabled", FIXED)),
    (None, BA_LOG + "Unable to link account - untrusted provider",
     ("access_denied", "automatic_linking_disabled", FIXED)),
    (302, redirect("account_already_linked_to_different_user"),
     ("access_denied", "account_linked_to_other_user", REAUTH)),
    (409, api_error("account_ownership_conflict", "Account is already linked to another user"),
     ("access_denied", "account_linked_to_other_user", REAUTH)),
    (302, redirect("email_does_not_match"), ("access_denied", "ambiguous", REAUTH)),
    # the user, the e-mail, sign-up
    (302, redirect("email_not_verified"), ("interaction_required", "email_not_confirmed", REAUTH)),
    (302, redirect("email_not_found"), ("invalid_scope", "email_scope_or_permission_missing", FIXED)),
    (None, BA_LOG + 'Provider "github" did not return an email. Either request the provider\'s email scope, or '
                    "synthesize one via `mapProfileToUser`. See "
                    "https://www.better-auth.com/docs/concepts/oauth#handling-providers-without-email",
     ("invalid_scope", "email_scope_or_permission_missing", FIXED)),
    (302, redirect("signup_disabled"), ("access_denied", "signups_disabled", FIXED)),
    # the app's own configuration
    (302, redirect("oauth_provider_not_found"), ("invalid_request", "provider_not_configured", FIXED)),
    (404, api_error("PROVIDER_NOT_FOUND", "Provider not found"),
     ("invalid_request", "provider_not_configured", FIXED)),
    (302, redirect("issuer_mismatch"), ("invalid_request", "authority_misconfigured", FIXED)),
    (403, api_error("INVALID_ORIGIN", "Invalid origin"), ("invalid_request", "origin_not_trusted", FIXED)),
    (403, api_error("INVALID_CALLBACK_URL", "Invalid callbackURL"), ("invalid_request", "origin_not_trusted", FIXED)),
    (403, api_error("INVALID_ERROR_CALLBACK_URL", "Invalid errorCallbackURL"),
     ("invalid_request", "origin_not_trusted", FIXED)),
    (None, BA_LOG + "Invalid origin: https://preview-42.example.dev", ("invalid_request", "origin_not_trusted", FIXED)),
    (None, BA_LOG + "Invalid callbackURL: https://evil.example.net/after",
     ("invalid_request", "origin_not_trusted", FIXED)),
    (403, api_error("MISSING_OR_NULL_ORIGIN", "Missing or null Origin"),
     ("invalid_request", "origin_header_missing", FIXED)),
])
def test_better_auth_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


@pytest.mark.parametrize("body", [
    redirect("state_mismatch"),
    redirect("state_not_found"),
    BA_LOG + "Failed to parse state StateError: State mismatch: auth state cookie not found",
    BA_LOG + "Failed to parse state StateError: State mismatch: verification not found",
    BA_LOG + "Failed to parse state StateError: State mismatch: State not persisted correctly",
    BA_LOG + "Failed to parse state StateError: State mismatch: OAuth state parameter does not match stored state",
])
def test_better_auth_state_mismatches_stay_with_the_state_rules(body: str) -> None:
    assert run(None, body) == ("invalid_request", "state_or_session_lost", FIXED)


def test_account_not_linked_lists_what_tells_the_causes_apart() -> None:
    r = classify(302, redirect("account_not_linked"), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("automatic_linking_disabled", FIXED), ("idp_never_verifies_email", FIXED),
        ("account_linked_to_other_user", REAUTH)]
    assert r.confidence == "low"


def test_an_untrusted_origin_is_not_read_as_the_providers_redirect_uri() -> None:
    r = classify(403, api_error("INVALID_CALLBACK_URL", "Invalid callbackURL"), rulebook=BOOK)
    assert r.failure_class != "redirect_uri_mismatch"
    assert any("trustedOrigins" in h for h in r.hints)


@pytest.mark.parametrize(("body", "expected"), [
    ("ArcticFetchError: Failed to send request", ("temporarily_unavailable", "network_error", RETRY)),
    # OAuth2RequestError's message carries the RFC code, which the general rules read
    ("OAuth2RequestError: OAuth request error: invalid_client", ("invalid_client", "bad_client_credentials", FIXED)),
])
def test_arctic_words(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected


@pytest.mark.parametrize("body", [
    # v3: the transaction cookie is gone (lib/context.js)
    'Error: "auth_verification" cookie not found. Ensure the login flow is initiated through the SDK\'s login '
    "route before the callback is processed. If using SameSite=None cookies, verify the origin is served over "
    "HTTPS and the Secure flag is set. For multi-app deployments on the same domain, configure a unique "
    "transactionCookie.name and session.cookie.path per application.",
    # v2: empty checks reach openid-client, whose words an earlier rule reads
    "BadRequestError: checks.state argument is missing",
])
def test_express_openid_connect_lost_transaction(body: str) -> None:
    assert run(400, body) == ("invalid_request", "state_or_session_lost", FIXED)


def test_express_openid_connect_candidates_name_its_settings() -> None:
    r = classify(400, 'Error: "auth_verification" cookie not found. Ensure the login flow is initiated through '
                      "the SDK's login route before the callback is processed.", rulebook=BOOK)
    assert [c.cause for c in r.candidates] == ["redirect_page_opened_directly", "session_not_persisted",
                                               "concurrent_sign_in"]


@pytest.mark.parametrize(("status", "body", "expected"), [
    # v3 callback handler wrapping the state-cookie errors
    (500, "CallbackHandlerError: Callback handler failed. CAUSE: Missing state cookie from login request "
          "(check login URL, callback URL and cookie config).", ("invalid_request", "state_or_session_lost", FIXED)),
    (500, "CallbackHandlerError: Callback handler failed. CAUSE: Your state cookie is not valid JSON.",
     ("invalid_request", "state_or_session_lost", FIXED)),
    (500, "CallbackHandlerError: Callback handler failed. CAUSE: Missing state parameter in Authorization Response.",
     ("invalid_request", "state_or_session_lost", FIXED)),
    # v4's default onCallback answers 500 with the error's message
    (500, "The state parameter is invalid.", ("invalid_request", "state_or_session_lost", FIXED)),
    # AccessTokenError: no refresh token in the session (v4, then v3)
    (None, "AccessTokenError: No access token found and a refresh token was not provided. The user needs to "
           "re-authenticate.", ("invalid_request", "refresh_token_missing", FIXED)),
    (None, "AccessTokenError: The access token has expired and a refresh token was not provided. The user needs "
           "to re-authenticate.", ("invalid_request", "refresh_token_missing", FIXED)),
    (None, "AccessTokenError: The access token expired and a refresh token is not available. The user will need "
           "to sign in again.", ("invalid_request", "refresh_token_missing", FIXED)),
    (None, "AccessTokenError: A refresh token is required to refresh the access token, but none is present.",
     ("invalid_request", "refresh_token_missing", FIXED)),
    # a failed refresh without the provider's code leans reauth; with it, the code decides
    (None, "AccessTokenError: The access token has expired and there was an error while trying to refresh it.",
     ("invalid_grant", "ambiguous", REAUTH)),
    (None, "AccessTokenError: The request to refresh the access token failed. CAUSE: invalid_client "
           "(Unauthorized)", ("invalid_client", "bad_client_credentials", FIXED)),
    # sessions
    (None, "AccessTokenError: The session has expired and the user must re-authenticate.",
     ("invalid_grant", "session_expired", REAUTH)),
    (None, "AccessTokenError: The user does not have an active session.",
     ("interaction_required", "login_required", REAUTH)),
    (None, "AccessTokenError: The user does not have a valid session.",
     ("interaction_required", "login_required", REAUTH)),
    # v3: scopes the session's token was not granted
    (None, 'AccessTokenError: Could not retrieve an access token with scopes "read:orders write:orders". The user '
           "will need to sign in again.", ("insufficient_scope", "missing_scope", FIXED)),
    (None, "AccessTokenError: An access token with the requested scopes could not be provided. The user will need "
           "to sign in again.", ("insufficient_scope", "missing_scope", FIXED)),
])
def test_nextjs_auth0_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # a refresh token the server declared expired is still a dead grant, not a missing one
    ("The refresh token has expired", ("invalid_grant", "refresh_token_expired", REAUTH)),
    ("Token expired, refresh token invalid", ("invalid_grant", "refresh_token_expired_or_revoked", REAUTH)),
])
def test_the_baseline_still_reads_dead_refresh_tokens(body: str, expected: tuple[str, str, str]) -> None:
    assert run(400, body) == expected


@pytest.mark.parametrize("body", [
    "Please check the origin of this request before continuing.",  # not better-auth's message
    "The provider was not found in our marketplace.",  # not better-auth's "Provider not found. Make sure ..."
    "Failed to send request to the printer.",  # arctic's words without its class name
    "The user does not have an active subscription.",  # not a session
    "https://shop.example.com/checkout?error=email_not_valid",  # not better-auth's code
])
def test_neighbouring_sentences_do_not_take_these_rules(body: str) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert not any(f"github.com/{repo}/" in ref for ref in r.references for repo in REPOS)
