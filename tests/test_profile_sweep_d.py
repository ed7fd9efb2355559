"""Sweep for 2025-2026 provider changes the bundled profiles did not know yet, group d (2026-12-07).

Group d's profiles: Reddit, TikTok, Pinterest, Xero, Zoho, Zendesk, Intuit, DocuSign, Square, Amazon. Found: Zoho's
consent page answers error=no_org since 2025-02-10; Reddit closed self-service API access (Responsible Builder Policy,
November 2025) and blocks unidentified scripts with a network-security page (field reports only); Zendesk's API-token
retirement timeline and password-access removal, with a rule for its 401 'Couldn't authenticate you'; Intuit's first
five-year refresh-token expiries (February 2027) and minor-version floor 75; Xero's September 2027 deadline for the
broad scopes; DocuSign's end of legacy authentication on 2026-09-30. Each test says what the profile said before and
fails on it. Nothing new was found for TikTok, Pinterest, Square and Amazon.
"""

from __future__ import annotations

from profile_probe_support import sourced_quirk

from oauthdoctor import classify

ZOHO_GRANT_FLOW = ("https://help.zoho.com/portal/en/community/topic/"
                   "announcement-upcoming-changes-to-the-permission-grant-flow-for-oauth-apps")
REDDIT_POLICY = "https://support.reddithelp.com/hc/articles/42728983564564"
ZENDESK_MIGRATION = "https://developer.zendesk.com/documentation/api-basics/authentication/oauth-migration/"
INTUIT_REFRESH_POLICY = "https://blogs.intuit.com/2025/11/12/important-changes-to-refresh-token-policy"
INTUIT_MINOR_VERSIONS = ("https://blogs.intuit.com/2025/01/21/"
                         "changes-to-our-accounting-api-that-may-impact-your-application")
XERO_GRANULAR = "https://developer.xero.com/faq/granular-scopes"
DOCUSIGN_MIGRATION = "https://developers.docusign.com/platform/auth/oauth2-requirements-migration"


# Zoho


def test_zoho_no_org_is_a_missing_product_account_not_a_malformed_request() -> None:
    # was: invalid_request, ambiguous (the generic reading); Zoho's announcement says that since 2025-02-10 a user
    # without an account in a requested app cannot grant access and error=no_org goes to the redirect URL
    result = classify(302, "error=no_org&state=abc", provider="zoho")
    assert (result.failure_class, result.cause, result.decision) == (
        "access_denied", "user_lacks_product_account", "fix_config")
    assert "2025-02-10" in result.summary


# Reddit


def test_reddit_network_block_page_is_not_a_scope_problem() -> None:
    # was: insufficient_scope (a bare 403 read as a missing scope); field reports (reddit-oauth-helper#32, sim#1822)
    # say Reddit's network block wants a descriptive User-Agent and developer credentials
    page = ("You've been blocked by network security.\nTo continue, log in to your Reddit account or use your "
            "developer token\n\nIf you think you've been blocked by mistake, file a ticket below and we'll look "
            "into it.")
    result = classify(403, page, provider="reddit")
    assert (result.failure_class, result.cause, result.decision) == (
        "access_denied", "request_blocked_by_network_policy", "fix_config")
    assert {c.cause for c in result.candidates} == {"user_agent_missing_or_generic", "unauthenticated_request"}


def test_reddit_network_block_page_names_reddit_without_provider() -> None:
    # was: no signature, so the page was read generically; the page itself names a Reddit account
    page = ("You've been blocked by network security. To continue, log in to your Reddit account or use your "
            "developer token")
    assert classify(403, page).cause == "request_blocked_by_network_policy"


def test_reddit_api_access_needs_approval() -> None:
    # was: not mentioned; Reddit's Responsible Builder Policy requires approval before any API access (self-service
    # closed in November 2025)
    quirk = sourced_quirk("reddit", REDDIT_POLICY)
    assert "Responsible Builder Policy" in quirk.text and "November 2025" in quirk.text
    assert (quirk.basis, str(quirk.checked)) == ("confirmed", "2026-12-07")


# Zendesk


def test_zendesk_couldnt_authenticate_you_names_retired_credentials() -> None:
    # was: generic invalid_token with OAuth candidates (refresh, wrong audience, revoked); Zendesk's migration guide
    # deactivates API tokens unused for 30 days from 2026-07-28, and password access ended in January 2026
    result = classify(401, {"error": "Couldn't authenticate you"}, provider="zendesk")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_token", "ambiguous", "fix_config")
    causes = [c.cause for c in result.candidates]
    assert causes[:2] == ["api_token_deactivated", "password_access_removed"]
    assert "access_token_expired" not in causes
    assert "2026-07-28" in result.summary and "2027-04-30" in result.summary


def test_zendesk_api_token_retirement_timeline() -> None:
    # was: 'Zendesk is migrating integrations from API tokens to OAuth.' without dates; the migration guide's
    # timeline gives 2026-07-28 (30-day inactivity), 2026-10-27 (no new tokens) and 2027-04-30 (all deactivated)
    quirk = sourced_quirk("zendesk", ZENDESK_MIGRATION)
    for date in ("2026-07-28", "2026-10-27", "2027-04-30"):
        assert date in quirk.text
    assert "30 days" in quirk.text and "January 2026" in quirk.text
    assert quirk.basis == "confirmed"


# Intuit


def test_intuit_first_hard_refresh_token_expiries() -> None:
    # was: only the five-year cap; Intuit's blog of 2025-11-12 says the first tokens expire in February 2027
    # (restricted and granular scopes) and October 2028 (accounting/payments), with a mandatory Reconnect URL
    quirk = sourced_quirk("intuit", INTUIT_REFRESH_POLICY)
    assert "February 2027" in quirk.text and "October 2028" in quirk.text and "Reconnect URL" in quirk.text
    assert quirk.basis == "confirmed"


def test_intuit_minor_versions_below_75_are_ignored() -> None:
    # was: not mentioned; Intuit's blog of 2025-01-21 says minorversion 1-74 are ignored from 2025-08-01
    quirk = sourced_quirk("intuit", INTUIT_MINOR_VERSIONS)
    assert "2025-08-01" in quirk.text and "75" in quirk.text


# Xero


def test_xero_broad_scopes_deadline_for_older_apps() -> None:
    # was: only the 2026-03-02 cut-off for new apps; Xero's Granular Scopes FAQ gives older apps until September 2027
    quirk = sourced_quirk("xero", XERO_GRANULAR)
    assert "September 2027" in quirk.text and "2026-03-02" in quirk.text and "April 2026" in quirk.text
    assert quirk.basis == "confirmed"


# DocuSign


def test_docusign_legacy_authentication_end_of_life() -> None:
    # was: not mentioned; DocuSign's OAuth requirements and migration page sets 2026-09-30 as the final end of life
    # of legacy authentication
    quirk = sourced_quirk("docusign", DOCUSIGN_MIGRATION)
    assert "2026-09-30" in quirk.text and "X-DocuSign-Authentication" in quirk.text
    assert (quirk.basis, str(quirk.checked)) == ("confirmed", "2026-12-07")
