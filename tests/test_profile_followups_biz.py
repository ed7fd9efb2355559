"""Open follow-ups of the business profiles settled in their primary sources (round thirty-four, 2026-12-07):
PayPal's user-token lifetime, where Intuit's realmId comes from, Notion's authorize request without redirect_uri and
what Mastodon's 422 'This method requires an authenticated user' stands for. Each test fails on the previous profile.
"""

from __future__ import annotations

import json

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect.engine import compare_with_rule

NOTION_CB = "https://app.example.com/notion/callback"


def _notion(registered: list[str], sent: str | None):  # type: ignore[no-untyped-def]
    return compare_with_rule(registered, sent, get_profile("notion").redirect, provider="notion")


def test_paypal_user_tokens_live_fifteen_minutes() -> None:
    # was: 28800 s (heuristic, from example responses); PayPal's token-type table gives 15 minutes to tokens from
    # the authorization_code and refresh_token grants and 8 hours only to client_credentials tokens
    life = get_profile("paypal").token_policy.access_token_lifetime
    assert life is not None and life.seconds == 900 and life.basis == "confirmed"
    assert "client_credentials" in life.text and "8 hours" in life.text
    assert life.source == "https://developer.paypal.com/limited-release/paypal-provisioning-platform/reference/token-types"


def test_intuit_realm_id_arrives_on_the_callback_for_accounting_and_payments() -> None:
    # was: cited Tokens.md, which does not say where realmId arrives; Intuit's Python client guide says the callback
    # carries it (Accounting and Payments scopes only), and Intuit's Node client reads it from the redirect query
    quirk = get_profile("intuit").quirks[0]
    assert "realmId" in quirk.text and "Accounting or Payments" in quirk.text
    assert quirk.source.startswith("https://github.com/intuit/oauth-pythonclient/")


def test_notion_authorize_without_redirect_uri_uses_the_single_registered_uri() -> None:
    # was: rejected (unconfirmed); Notion's create-a-token reference describes an authorization URL without
    # redirect_uri and one registered URI, for which the token call must leave redirect_uri out
    single = _notion([NOTION_CB], None)
    assert single.accepted
    assert not _notion([NOTION_CB, "https://app.example.com/other"], None).accepted
    assert get_profile("notion").redirect.omission().basis == "confirmed"


def test_mastodon_user_method_with_an_app_token_is_not_an_invalid_token() -> None:
    # was: invalid_token with standard status 401; Mastodon's require_user! answers 422 when the token has no user,
    # a valid token without the privileges the method needs (RFC 6750's insufficient_scope, 403)
    e = classify(422, json.dumps({"error": "This method requires an authenticated user"}), provider="mastodon")
    assert (e.failure_class, e.cause, e.decision) == ("insufficient_scope", "app_token_where_user_token_required",
                                                      "fix_config")
    assert e.normalized_status == 403
    # the 401 variant stays the secure-mode reading
    e401 = classify(401, json.dumps({"error": "This method requires an authenticated user"}), provider="mastodon")
    assert (e401.failure_class, e401.decision) == ("invalid_request", "fix_config")
