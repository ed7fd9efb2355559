"""GitLab's password grant (ROPC) after its removal in 19.0 (follow-up r35a, 2026-12-07): the grant is no longer
listed, GitLab's refusal of it reads as a configuration change, and the quirk says no setting brings it back.
Each test fails on the previous profile.
"""

from __future__ import annotations

from datetime import UTC, datetime

from profile_probe_support import config_findings, sourced_quirk

import oauthdoctor

NOW = datetime(2026, 12, 7, tzinfo=UTC)
DEPRECATION = "https://docs.gitlab.com/update/deprecations/#resource-owner-password-credentials-grant-is-deprecated"
UNSUPPORTED = ('{"error":"unsupported_grant_type","error_description":'
               '"The authorization grant type is not supported by the authorization server."}')


def test_gitlab_config_with_the_password_grant_is_flagged() -> None:
    # was: password among grants.supported (initializer grant_flows at 017a6c1); GitLab's OAuth API page lists only
    # the code flows and the device grant, and the deprecation entry removes ROPC in 19.0
    assert "GitLab does not support the password grant" in config_findings("gitlab", NOW, grant_type="password")


def test_gitlab_unsupported_grant_type_names_the_removed_password_grant() -> None:
    # was: the generic reading (grant_type_not_supported, no candidates); GitLab's deprecation entry says ROPC is
    # gone in 19.0 even with client credentials, and Doorkeeper answers a grant outside grant_flows this way
    got = oauthdoctor.classify(400, UNSUPPORTED, provider="gitlab", grant_type="password")
    assert (got.failure_class, got.cause, got.decision) == ("unsupported_grant_type", "ambiguous", "fix_config")
    assert [c.cause for c in got.candidates] == ["password_grant_removed", "grant_type_not_supported"]
    assert all(c.decision == "fix_config" for c in got.candidates)
    assert "19.0" in got.summary and "no setting restores it" in got.summary


def test_gitlab_password_grant_quirk_says_no_setting_brings_it_back() -> None:
    # was: "scheduled for removal ... whether 19.0 shipped the removal was not read"; GitLab's deprecation entry
    # says ROPC is unavailable from 19.0 even with client credentials
    quirk = sourced_quirk("gitlab", DEPRECATION)
    assert quirk.basis == "confirmed"
    assert "no instance or application setting brings it back" in quirk.text
    assert "no longer lists it among the supported flows" in quirk.text
