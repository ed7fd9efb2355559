"""Sweep group leads3: leads an earlier sweep could not confirm, settled from the providers' own words (2026-12-07).

RingCentral's password grant is gone (2024-03-31) and its OAU-251 answer says so; Mailchimp's 403 no longer points
at the authorising user's role (account-level API access since 2022-01-11); Supabase switches its legacy keys off as
a pair and only for the apikey header; NetSuite's refresh-token validity is configurable since 2025.2. Bodies are
written here from the sources' descriptions, not copied from reports.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from profile_probe_support import config_findings, sourced_quirk

from oauthdoctor import classify

NOW = datetime(2026, 12, 7, tzinfo=UTC)

RC_BLOG = "https://medium.com/ringcentral-developers/end-of-life-announcement-for-password-flow-grant-type-bae44ab6f872"
MAILCHIMP_RELEASE_NOTE = "https://mailchimp.com/developer/release-notes/scheduled/"
SUPABASE_TOGGLE = ("https://github.com/supabase/supabase/blob/7c685f5763c04ac4ae302e9eda2d717330d797bc/apps/studio/"
                   "components/ui/ProjectSettings/ToggleLegacyApiKeys.tsx#L76-L188")
NETSUITE_2025_2 = ("https://oracle.hydrogen.sagittarius.connect.product.adaptavist.com/en/cloud/saas/netsuite/"
                   "ns-online-help/section_158921905537.html")


def test_ringcentral_password_grant_is_refused_by_config_probe() -> None:
    # was: password in grants.supported (deprecated but accepted); RingCentral's developer blog (2023-07-18) says
    # password grant support is discontinued on 2024-03-31, and its guide offers only 3-legged OAuth and JWT
    assert "RingCentral does not support the password grant" in config_findings("ringcentral", NOW,
                                                                                 grant_type="password")
    assert config_findings("ringcentral", NOW, grant_type="authorization_code") == []


def test_ringcentral_password_grant_retirement_is_a_dated_quirk() -> None:
    # was: no quirk; RingCentral's developer blog (2023-07-18) dates the end of the password grant 2024-03-31
    quirk = sourced_quirk("ringcentral", RC_BLOG)
    assert "2024-03-31" in quirk.text and quirk.basis == "confirmed"


def test_ringcentral_oau_251_names_the_discontinued_password_grant() -> None:
    # was: the generic reading, "enable it in the client's settings"; RingCentral's blog (2023-07-18) says the
    # password grant cannot be used after 2024-03-31, so OAU-251 for it means moving to JWT or auth code
    body = json.dumps({"error": "unauthorized_client", "error_description": "Unauthorized for this grant type",
                       "errors": [{"errorCode": "OAU-251", "message": "Unauthorized for this grant type"}]})
    e = classify(400, body, provider="ringcentral")
    assert (e.failure_class, e.cause, e.decision) == ("unauthorized_client", "grant_type_not_enabled_for_client",
                                                      "fix_config")
    assert "JWT" in e.summary and "2024-03-31" in e.summary


def test_mailchimp_403_points_at_account_not_user_role() -> None:
    # was: summary "the user's role ... decides", insufficient_user_role first; Mailchimp's release note (effective
    # 2022-01-11) says requests no longer get 403 for the authorising user's level: account state or plan first
    body = json.dumps({"type": "https://example.invalid/errors/", "title": "Forbidden", "status": 403,
                       "detail": "This resource is not available.", "instance": "6b1c1c3e-0000-4000-8000-000000000000"})
    e = classify(403, body, provider="mailchimp")
    assert (e.failure_class, e.decision) == ("access_denied", "fix_config")
    assert "user's role in the account" not in e.summary and "2022-01-11" in e.summary
    assert [c.cause for c in e.candidates] == ["account_restricted", "plan_or_project_lacks_access",
                                               "insufficient_user_role"]


def test_mailchimp_account_level_access_quirk_is_confirmed() -> None:
    # was: heuristic quirk from Nango's gotchas (token acts with the user's role); Mailchimp's release note says API
    # access is account-level since 2022-01-11 and authorising needs at least Manager level
    quirk = sourced_quirk("mailchimp", MAILCHIMP_RELEASE_NOTE)
    assert quirk.basis == "confirmed" and "Manager" in quirk.text and "2022-01-11" in quirk.text


def test_supabase_legacy_keys_off_as_a_pair() -> None:
    # was: pairing known only from field reports; Supabase's dashboard code switches anon and service_role together,
    # only for the apikey header (they stay valid as JWTs)
    quirk = sourced_quirk("supabase", SUPABASE_TOGGLE)
    assert quirk.basis == "confirmed" and "apikey header" in quirk.text


def test_supabase_legacy_keys_disabled_summary_names_the_pair() -> None:
    # was: summary without the pairing; Supabase's dashboard code turns both legacy keys off with one switch
    e = classify(401, json.dumps({"message": "Legacy API keys are disabled"}), provider="supabase")
    assert (e.failure_class, e.cause, e.decision) == ("invalid_token", "api_key_invalid", "fix_config")
    assert "one switch turns off both" in e.summary


def test_netsuite_refresh_token_validity_is_configurable() -> None:
    # was: only "7 days" from Oracle's examples; Oracle's 2025.2 release note says the refresh-token validity of the
    # authorization code grant can be changed
    quirk = sourced_quirk("netsuite", NETSUITE_2025_2)
    assert "2025.2" in quirk.text and quirk.basis == "confirmed"
