"""NetSuite's open follow-ups (round thirty-four, follow-up r35d, 2026-12-07): the PKCE requirement announced for
2027.1 and the refresh-token validity settings of 2025.2/2026.1. No Oracle text readable here states either beyond
what the profile already held (the stored help pages stop before the rows that matter), so the facts stay as they
were and their notes, which `oauthdoctor providers show` prints, now say where Oracle's word was looked for. Each test
fails on the previous profile.
"""

from __future__ import annotations

from profile_probe_support import sourced_quirk

from oauthdoctor.profiles.loader import get_profile

PKCE_MANDATE = "https://adaptivesuitesolutions.com/release-notes/2026-1-authentication-oauth2-tba-sunset-pkce-dcr"
RT_VALIDITY = ("https://oracle.hydrogen.sagittarius.connect.product.adaptavist.com/en/cloud/saas/netsuite/"
               "ns-online-help/section_158921905537.html")


def test_netsuite_pkce_mandate_stays_a_vendor_claim_and_says_where_oracle_was_looked_for() -> None:
    # was: a note naming only the release-note part and Step One as silent; the 2026.1 note's stored copy ends before
    # any PKCE paragraph and Oracle's repositories never require PKCE, so the claim stays the vendors' (heuristic)
    quirk = sourced_quirk("netsuite", PKCE_MANDATE)
    assert quirk.basis == "heuristic"
    assert "oracle-samples/netsuite-suitecloud-samples at b540122" in quirk.note
    assert "none says the rule reaches SuiteApp or vendor integrations first" in quirk.note
    pkce = get_profile("netsuite").pkce
    assert (pkce.required, pkce.methods) == ("never", [])
    assert "what the authorize and token endpoints answer when PKCE is missing" in pkce.note


def test_netsuite_refresh_token_keeps_seven_days_and_says_the_default_was_not_found() -> None:
    # was: 7 days checked 2026-12-05 from the example tokens; Oracle's SAFE guide skill (June 2026) still says 7 days,
    # and no Oracle text read gives the default of the integration-record validity field in 2026.1 or later
    life = get_profile("netsuite").token_policy.refresh_token_lifetime
    assert life is not None
    assert (life.seconds, life.basis, life.checked) == (604800, "confirmed", "2026-12-07")
    assert "03-performance-optimization.md#L288" in life.note
    quirk = sourced_quirk("netsuite", RT_VALIDITY)
    assert "any change in 2026.1 or later" in quirk.note
