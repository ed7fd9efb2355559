"""Integration platforms' own words about a connection's OAuth, in the phrase layer.

Nango answers its API with ``{"error": {"code": ..., "message": ...}}`` built by ``NangoError`` and reports a failed
OAuth callback over its websocket as ``{type, message}`` (``web-socket-error.ts``); the Zapier platform's core
throws ``RefreshAuthError`` on a 401 when auto-refresh is on and defines ``ExpiredAuthError`` for integrations to
throw. Every text below is built the way that code builds it (its messages, codes and format strings); none is
taken from a reported case. n8n's repository was too large to fetch, so none of its words are here.
"""

from __future__ import annotations

import json

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIXED, REAUTH, RETRY = "fix_config", "reauth", "retry"
NO_CODE = "Did not get authorization code in the callback."


def run(status: int | None, body: str) -> tuple[str, str, str]:
    r = classify(status, body, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


def nango_api(code: str, message: str) -> str:
    """Nango's API error body."""
    return json.dumps({"error": {"code": code, "message": message}})


def nango_ws(kind: str, message: str) -> str:
    """The websocket error Nango's frontend SDK receives when the OAuth flow fails."""
    return json.dumps({"message_type": "error", "error_type": kind, "error_desc": message})


REFRESH_FAILED = "The external API returned an error when trying to refresh the access token. Please try again later."


@pytest.mark.parametrize(("status", "body", "expected"), [
    # a failed refresh without the provider's code: Nango's docs read it as a dead refresh token
    (400, REFRESH_FAILED, ("invalid_grant", "ambiguous", REAUTH)),
    (400, nango_api("refresh_token_external_error", REFRESH_FAILED), ("invalid_grant", "ambiguous", REAUTH)),
    (400, "The Attio MCP API returned an error when trying to refresh the access token. Please try again later.",
     ("invalid_grant", "ambiguous", REAUTH)),
    # the connection is marked as failed for good, or backing off after a recent failure
    (424, nango_api("connection_refresh_exhausted", "The refresh limit has been reached for this connection."),
     ("invalid_grant", "grant_dead", REAUTH)),
    (424, nango_api("connection_refresh_backoff", "A recent refresh attempt failed. Backing off before retrying."),
     ("temporarily_unavailable", "ambiguous", RETRY)),
    # the end user's API key or basic credentials failed Nango's test call
    (401, nango_api("connection_test_failed", "The given credentials were found to be invalid and received a 401 on "
                                              "a test API call. Please check the credentials and try again."),
     ("invalid_client", "api_key_invalid", REAUTH)),
    (400, nango_api("connection_test_failed",
                    "The given credentials were found to be invalid. Please check the credentials and try again."),
     ("invalid_client", "api_key_invalid", REAUTH)),
    # the OAuth callback
    (None, nango_ws("callback_err", NO_CODE), ("invalid_request", "ambiguous", REAUTH)),
    (None, nango_ws("state_cookie_err", "OAuth state cookie missing. The callback must be completed by the same "
                                        "browser that started the flow — a server-side or fetch-forwarded callback "
                                        "does not include it."), ("invalid_request", "state_or_session_lost", FIXED)),
    (None, nango_ws("state_err", "Invalid state parameter passed in the callback: 9f8e7d6c"),
     ("invalid_request", "state_or_session_lost", FIXED)),
    # the integration's own configuration
    (None, nango_ws("provider_config_err", 'Provider Config "google-calendar" is missing client ID, secret and/or '
                                           "scopes."), ("invalid_client", "credentials_not_configured", FIXED)),
    (None, nango_ws("provider_config_err", 'Could not find a Provider Config matching the "hubspot-prod" key.'),
     ("invalid_request", "provider_not_configured", FIXED)),
])
def test_nango_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


def test_nango_failed_refresh_lists_what_tells_the_causes_apart() -> None:
    r = classify(400, REFRESH_FAILED, rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("refresh_token_expired_or_revoked", REAUTH), ("bad_client_credentials", FIXED),
        ("idp_transient_outage", RETRY)]
    assert any("Token refresh" in h for h in r.hints)


def test_callback_without_code_names_its_candidates() -> None:
    r = classify(None, NO_CODE, rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("user_cancelled_sign_in", REAUTH), ("redirect_page_opened_directly", FIXED)]


@pytest.mark.parametrize(("status", "body", "expected"), [
    # the provider's code in Nango's refresh log payload (docs/guides/platform/common-issues.mdx)
    (400, json.dumps({"payload": {"dataMessage": {"error_description": "Token has been expired or revoked.",
                                                  "error": "invalid_grant"}},
                      "type": "refresh_token_external_error", "status": 400}),
     ("invalid_grant", "ambiguous", REAUTH)),
    (400, "The Slack API returned an error when trying to refresh the access token. Please try again later. Error: "
          + json.dumps({"ok": False, "error": "invalid_refresh_token"}),
     ("invalid_grant", "refresh_token_invalid", REAUTH)),
    # the callback with the provider's error from the query (getProviderErrorContextFromQuery)
    (None, NO_CODE + " Provider error: error: access_denied; error_description: The user denied access",
     ("access_denied", "user_denied_consent", REAUTH)),
    (None, NO_CODE + " Provider error: error: invalid_scope; error_description: unknown scope",
     ("invalid_scope", "invalid_scope_requested", FIXED)),
    # Zapier: a RefreshAuthError whose message carries the token endpoint's answer
    (None, 'RefreshAuthError: {"error":"invalid_grant","error_description":"Refresh token revoked"}',
     ("invalid_grant", "refresh_token_revoked", REAUTH)),
])
def test_wrapped_provider_errors_keep_their_reading(status: int | None, body: str,
                                                    expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


def test_nango_docs_example_keeps_googles_candidates() -> None:
    body = json.dumps({"payload": {"dataMessage": {"error_description": "Token has been expired or revoked.",
                                                   "error": "invalid_grant"}}, "type": "refresh_token_external_error"})
    r = classify(400, body, rulebook=BOOK)
    assert "idp_transient_outage" not in [c.cause for c in r.candidates]


@pytest.mark.parametrize(("status", "body", "expected"), [
    # throwForStaleAuth on a 401 with autoRefresh: Zapier refreshes and runs the step again
    (401, "RefreshAuthError", ("invalid_token", "access_token_expired", RETRY)),
    (None, "RefreshAuthError: Session key needs refreshing.", ("invalid_token", "access_token_expired", RETRY)),
    # thrown by an integration that knows the credentials are dead
    (None, "ExpiredAuthError: Your API token is no longer valid, please reconnect.",
     ("invalid_grant", "grant_dead", REAUTH)),
])
def test_zapier_platform_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


def test_zapier_refresh_hint_names_the_cli_subcommand() -> None:
    r = classify(401, "RefreshAuthError", rulebook=BOOK)
    assert any("zapier-platform invoke auth refresh" in h for h in r.hints)


@pytest.mark.parametrize(("body", "expected"), [
    # other software's "try again later" is still transient
    ("The service is busy, please try again later.", ("temporarily_unavailable", "token_service_unavailable", RETRY)),
    ("The external API returned an error when trying to request for an access token. Please try again later.",
     ("temporarily_unavailable", "token_service_unavailable", RETRY)),
])
def test_other_try_again_later_stays_transient(body: str, expected: tuple[str, str, str]) -> None:
    assert run(503, body) == expected


@pytest.mark.parametrize("body", [
    "The refresh limit for your plan has been reached.",  # not Nango's words about a connection
    "We did not get your authorization letter in the mail.",  # not Nango's callback
    "Could not find a config matching the given key.",  # no Provider Config
    "AuthError: refresh failed",  # no Zapier class name
    "The given answer was found to be invalid.",  # not Nango's credentials test
])
def test_neighbouring_sentences_do_not_match(body: str) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert r.cause not in {"grant_dead", "api_key_invalid", "provider_not_configured", "access_token_expired"}
    assert r.basis is None or "nango" not in str(r.summary).lower() and "zapier" not in str(r.summary).lower()
