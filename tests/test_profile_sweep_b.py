"""Sweep for 2025-2026 provider changes the bundled profiles did not know yet, group b (2026-12-07).

Shopify now refuses non-expiring offline tokens from public apps with a 403 of its own; X's docs say its OAuth 2.0
refresh tokens rotate; Spotify's February 2026 Development Mode rules (5 users, Premium owner); GitLab's scheduled
removal of the password grant in 19.0; Apple's server-to-server notification endpoint for Korean developers. Each
test says what the profile said before and fails on it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from profile_probe_support import policy_judgement

from oauthdoctor import classify
from oauthdoctor.model import Status
from oauthdoctor.probes.token_policy import ROTATION_HINT
from oauthdoctor.profiles.loader import get_profile

NOW = datetime(2026, 12, 7, tzinfo=UTC)
SHOPIFY_SECTION = ("https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens"
                   "#expiring-vs-non-expiring-offline-tokens")
SPOTIFY_GUIDE = "https://developer.spotify.com/documentation/web-api/tutorials/february-2026-migration-guide"


def test_shopify_non_expiring_token_403_is_the_token_kind_not_a_scope() -> None:
    # was: insufficient_scope, ambiguous (missing scope vs refused consent); Shopify's offline-access-tokens page says
    # public apps must use expiring offline tokens and get errors with non-expiring ones
    body = {"errors": "[API] Non-expiring access tokens are no longer accepted for the Admin API. Start using "
                      f"expiring offline tokens: {SHOPIFY_SECTION}"}
    result = classify(403, body, provider="shopify")
    assert (result.failure_class, result.cause, result.decision) == (
        "invalid_token", "non_expiring_offline_token_refused", "fix_config")
    assert "switch the app to expiring offline tokens" in result.summary


def test_x_refresh_tokens_rotate() -> None:
    # was: no rotation fact, so the token-policy probe gave no hint; docs.x.com's Ads MCP page (August 2026) says
    # refresh tokens rotate and the newest one must be kept
    rotation = get_profile("x").token_policy.rotation
    assert rotation is not None
    assert (rotation.mode, rotation.basis, rotation.source) == (
        "always", "confirmed", "https://docs.x.com/x-ads-api/mcp#user-access-token-curl-custom-agents")
    [skip] = policy_judgement("x", NOW)
    assert skip.status is Status.SKIP
    assert skip.hint == ROTATION_HINT
    assert skip.evidence["rotation"] == "always"


def test_spotify_development_mode_user_cap_is_five_for_new_apps() -> None:
    # was: "Development Mode allows up to 25 users"; Spotify's February 2026 migration guide says 5 per new app
    result = classify(403, {"error": {"status": 403, "message": "User not registered in the Developer Dashboard"}},
                      provider="spotify")
    assert (result.failure_class, result.cause, result.decision) == (
        "access_denied", "app_in_testing_mode_user_not_test_user", "fix_config")
    assert "allows 5 users for apps created from 2026-02-11" in result.summary
    assert "allows up to 25 users" not in result.summary


def test_spotify_development_mode_needs_a_premium_owner() -> None:
    # was: no quirk; Spotify's February 2026 migration guide says a lapsed Premium subscription stops the app
    [quirk] = [q for q in get_profile("spotify").quirks if (q.source or "").startswith(SPOTIFY_GUIDE)]
    assert quirk.basis == "confirmed"
    assert "active Spotify Premium subscription" in quirk.text and "2026-03-09" in quirk.text


def test_gitlab_password_grant_is_scheduled_for_removal_in_19() -> None:
    # was: the password grant listed with no retirement; GitLab's deprecation entry names removal milestone 19.0
    [quirk] = [q for q in get_profile("gitlab").quirks if "scheduled for removal" in q.text]
    assert quirk.source == ("https://docs.gitlab.com/update/deprecations/"
                            "#resource-owner-password-credentials-grant-is-deprecated")
    assert "deprecated since GitLab 18.0" in quirk.text and "removal from GitLab Self-Managed in 19.0" in quirk.text


def test_apple_korean_developers_need_a_notification_endpoint() -> None:
    # was: no quirk; Apple Developer News of 2025-10-09 requires the endpoint from 2026-01-01
    [quirk] = [q for q in get_profile("apple").quirks if q.source == "https://developer.apple.com/news/?id=j5j9ep1b"]
    assert quirk.basis == "confirmed"
    assert quirk.text.startswith("From 2026-01-01, developers based in the Republic of Korea")
