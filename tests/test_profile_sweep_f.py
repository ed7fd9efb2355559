"""Changes that providers of group f (Strava, Figma, Mailchimp, eBay, Etsy, Miro, Asana, Bitbucket, Twitch, Adobe,
Autodesk, RingCentral) announced in 2025-2026 outside the pages their profiles cite, read into the bundled profiles
on 2026-12-07.

Found: Bitbucket Cloud removed app passwords on 2026-07-28 (Basic authentication now takes an API token with the
Atlassian account email); Figma made every OAuth app re-publish with granular scopes and new rate limits on
2025-11-17 (files:read and file_read removed, a low per-seat budget of a few Tier 1 requests a month) and switched
its old token URL off in February 2025; Miro switched /v1/oauth/revoke off on 2025-02-15; Asana introduced granular
OAuth permission scopes in 2025. Nothing new was found for Strava, Mailchimp, eBay, Etsy, Twitch, Adobe, Autodesk
and RingCentral. Each test says what the profile said before and what the source says, and fails on the old
profile.
"""

from __future__ import annotations

from profile_probe_support import sourced_quirk

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

BITBUCKET_BROWNOUT = ("https://community.atlassian.com/forums/Bitbucket-articles/"
                      "Deprecation-notice-Bitbucket-Cloud-app-password-brownout/ba-p/3237429")
BITBUCKET_BASIC_CHALLENGE = {"WWW-Authenticate": 'Basic realm="Bitbucket.org HTTP"', "server": "envoy"}
FIGMA_REPUBLISH = "https://developers.figma.com/docs/rest-api/republish-oauth-apps"
FIGMA_OLD_TOKEN_URL = "https://community.auth0.com/t/figma-tokenurl-migration/182728"
FIGMA_RATE_LIMITS = "https://developers.figma.com/docs/rest-api/rate-limits"
MIRO_REVOKE_CHANGELOG = "https://developers.miro.com/changelog/2024-12-16"
ASANA_SCOPES = "https://forum.asana.com/t/new-oauth-permission-scopes/1048556"


# Bitbucket Cloud


def test_bitbucket_basic_auth_401_names_the_retired_app_passwords() -> None:
    # was: no Bitbucket rule, the generic 401 reading (a token for another API, expired or revoked); Atlassian's KB
    # reads this Basic challenge as wrong credentials and the brownout notice removed app passwords on 2026-07-28
    result = classify(401, "", headers=BITBUCKET_BASIC_CHALLENGE, provider="bitbucket")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_token", "ambiguous", "fix_config")
    causes = [c.cause for c in result.candidates]
    assert causes[:2] == ["app_password_retired", "username_instead_of_email"]
    assert all(c.decision == "fix_config" for c in result.candidates)
    assert "2026-07-28" in result.summary


def test_bitbucket_app_password_removal_is_a_dated_quirk() -> None:
    # was: not mentioned; Atlassian's brownout notice ran brownouts from 2026-06-09 and removed app passwords on
    # 2026-07-28 (creation stopped on 2025-09-09)
    quirk = sourced_quirk("bitbucket", BITBUCKET_BROWNOUT)
    assert "2026-07-28" in quirk.text and "2025-09-09" in quirk.text
    assert "Atlassian account email" in quirk.text
    assert quirk.basis == "confirmed" and str(quirk.checked) == "2026-12-07"


# Figma


def test_figma_low_rate_limit_is_a_seat_or_plan_budget() -> None:
    # was: every 429 'wait (typically a minute) and retry'; Figma's limits since 2025-11-17 give View and Collab
    # seats (and Starter-plan files) a few Tier 1 requests a month, so waiting does not fix a low-limit 429
    result = classify(429, {"status": 429, "err": "Rate limit exceeded"},
                      headers={"Retry-After": "396749", "X-Figma-Rate-Limit-Type": "low", "X-Figma-Plan-Tier": "pro"},
                      provider="figma")
    assert (result.failure_class, result.cause, result.decision) == ("rate_limited", "seat_or_plan_rate_limit",
                                                                     "fix_config")
    assert "Full or Dev seat" in result.summary


def test_figma_429_follows_retry_after_since_november_2025() -> None:
    # was: 'wait (typically a minute) and retry'; Figma's Rate Limits page: the updated limits apply since
    # 2025-11-17 and are counted per user, per plan and per app for OAuth apps
    result = classify(429, {"status": 429, "err": "Rate limit exceeded"},
                      headers={"X-Figma-Rate-Limit-Type": "high"}, provider="figma")
    assert (result.cause, result.decision) == ("rate_limit_exceeded", "retry")
    assert "Retry-After" in result.summary and "2025-11-17" in result.summary
    assert "typically a minute" not in result.summary
    assert FIGMA_RATE_LIMITS in result.references


def test_figma_apps_republished_without_files_read() -> None:
    # was: not mentioned; Figma's Re-publish OAuth Apps page: from 2025-11-17 apps are re-published as private or
    # public with granular scopes, and files:read / file_read are removed
    quirk = sourced_quirk("figma", FIGMA_REPUBLISH)
    assert "2025-11-17" in quirk.text and "files:read" in quirk.text and "file_read" in quirk.text
    assert quirk.basis == "confirmed"


def test_figma_old_token_url_switched_off() -> None:
    # was: not mentioned; Auth0's knowledge article (a field report, so heuristic) says Figma sunset
    # www.figma.com/api/oauth/token in February 2025
    quirk = sourced_quirk("figma", FIGMA_OLD_TOKEN_URL)
    assert "https://www.figma.com/api/oauth/token" in quirk.text and "February 2025" in quirk.text
    assert quirk.basis == "heuristic"


# Miro


def test_miro_v1_revoke_switched_off() -> None:
    # was: /v1/oauth/revoke only 'deprecated as unsafe'; Miro's changelog (2025-01-14) says it is inaccessible after
    # 2025-02-15 and the fields go in the body of /v2/oauth/revoke
    quirk = sourced_quirk("miro", MIRO_REVOKE_CHANGELOG)
    assert "2025-02-15" in quirk.text and "/v2/oauth/revoke" in quirk.text
    assert "2025-02-15" in get_profile("miro").endpoints.revocation.note


# Asana


def test_asana_granular_scopes_are_known() -> None:
    # was: Asana tokens described as full access only; Asana's developer announcement introduces OAuth permission
    # scopes (resource:action) that an app must register, with general availability announced for July 2025
    quirk = sourced_quirk("asana", ASANA_SCOPES)
    assert "tasks:read" in quirk.text and "registered" in quirk.text and "July 2025" in quirk.text
    assert quirk.basis == "confirmed"
