"""Open follow-ups of the Microsoft Entra ID profile settled in Microsoft's own pages (round thirty-five, 2026-12-07).

AADSTS9010010 is now named by Microsoft (the FAQ of its MCP guidance page; pinned in test_profile_sweep_leads1.py
with the code's earlier facts). Entra's redirect rule stays as it was, but reading an explicit ':443' outside
localhost as a port difference is an inference from the reply-URL page, so the rule lists it as inferred and an
answer that turns on it says so. The test fails on the previous profile.
"""

from __future__ import annotations

from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect.engine import compare_with_rule


def test_entra_explicit_443_stays_a_port_difference_and_says_it_is_the_profiles_reading() -> None:
    # was: no warning; Microsoft's reply-URL page says the port counts outside localhost but never says whether
    # ':443' equals no port, so the behaviour is kept and an answer that turns on it (and only such an answer) says
    # it rests on the profile's reading; the rest of the rule stays confirmed
    rule = get_profile("microsoft").redirect
    assert (rule.basis, rule.inferred) == ("confirmed", ["default_port_equivalent", "empty_path_equals_slash"])
    match = compare_with_rule(["https://app.contoso.com/cb"], "https://app.contoso.com:443/cb", rule,
                              provider="microsoft")
    assert not match.accepted
    assert [d.kind for d in match.differences] == ["default_port"]
    assert match.warnings == [
        "This answer turns on whether an explicit default port (':443', ':80') equals none for microsoft, which is "
        "this profile's reading of its source, not stated there (default_port_equivalent: false); check it against a "
        "real request."]
    empty = compare_with_rule(["https://app.contoso.com"], "https://app.contoso.com/", rule, provider="microsoft")
    assert empty.accepted and len(empty.warnings) == 1 and "whether an empty path equals '/'" in empty.warnings[0]
    exact = compare_with_rule(["https://app.contoso.com/cb"], "https://app.contoso.com/cb", rule,
                              provider="microsoft")
    assert exact.accepted and exact.warnings == []
