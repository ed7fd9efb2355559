"""GitHub's 2026 OAuth and GitHub App platform update, read into the bundled github profile (2026-12-07).

GitHub's announcement (community discussion 204963) says OAuth apps now take token expiration and refresh (an app
setting, or per request with the offline_access scope: an eight-hour token and a refresh token), register up to
10 redirect URIs instead of one, and that subdomain/subdirectory matching ("wildcarding") is a setting of each
redirect URI for both app kinds, on since creation for an app with a single redirect URI. Each test says what the
profile said before and fails on it.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from oauthdoctor import classify
from oauthdoctor.checkenv import check_files
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.profiles.redirect_schema import RedirectRule
from oauthdoctor.redirect.engine import compare_with_rule

ANNOUNCEMENT = "https://github.com/orgs/community/discussions/204963"
ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 12, 7, tzinfo=UTC)


def _github_rule() -> RedirectRule:
    return get_profile("github").redirect


def test_oauth_apps_register_ten_callback_urls_like_github_apps() -> None:
    # was: max_callback_urls 1 and a per-kind limit (OAuth app 1 by its client id, GitHub App 10)
    rule = _github_rule()
    assert (rule.max_callback_urls, rule.callback_limits, rule.source, rule.basis) == (10, [], ANNOUNCEMENT,
                                                                                       "confirmed")


def test_the_only_callback_url_still_takes_subdirectories_and_the_warning_names_the_setting() -> None:
    result = compare_with_rule(["https://app.example.com/cb"], "https://app.example.com/cb/sub", _github_rule(),
                               provider="github")
    assert result.accepted and result.matched == "https://app.example.com/cb"
    assert [(d.kind, d.tolerated) for d in result.differences] == [("subdirectory", True)]
    assert result.warnings[0].endswith(
        "The tolerance holds because this is the app's only registered callback URL, for which it has been on since "
        "the app was created unless its owner switched it off (the callback URL's wildcard setting in the app's "
        "settings).")


def test_with_several_callback_urls_a_subdirectory_is_not_taken_for_granted() -> None:
    # was: accepted (the OAuth app rule applied subdomains and subdirectories to every registered URI)
    registered = ["https://other.example.com/x", "https://app.example.com/cb"]
    for sent in ("https://app.example.com/cb/sub", "https://eu.app.example.com/cb"):
        result = compare_with_rule(registered, sent, _github_rule(), provider="github")
        assert not result.accepted and result.closest == "https://app.example.com/cb"
        assert result.warnings[0].startswith(
            "github accepts a subdomain or subdirectory of 'https://app.example.com/cb' only if wildcard matching is "
            "on for that callback URL (the callback URL's wildcard setting in the app's settings).")
        assert result.fix == f"Send exactly https://app.example.com/cb or register exactly {sent}"
    exact = compare_with_rule(registered, "https://app.example.com/cb", _github_rule(), provider="github")
    assert exact.accepted and exact.warnings == []
    elsewhere = compare_with_rule(registered, "https://evil.example.net/cb", _github_rule(), provider="github")
    assert not elsewhere.accepted and not any("wildcard matching" in w for w in elsewhere.warnings)


def test_a_rule_without_the_scope_keeps_its_tolerance_for_every_registered_uri() -> None:
    # Slack's subdirectory matching (the default 'always') is not narrowed by the new field.
    rule = RedirectRule(name="subdirs", subdirectories=True)
    result = compare_with_rule(["https://a.example/x", "https://b.example/cb"], "https://b.example/cb/more", rule)
    assert result.accepted and [d.kind for d in result.differences] == ["subdirectory"]


def test_diff_redirect_exit_codes_follow_the_registration() -> None:
    def run(*args: str) -> int:
        return subprocess.run([sys.executable, "-m", "oauthdoctor", "diff-redirect", "--provider", "github", *args],
                              capture_output=True, text=True, cwd=ROOT).returncode

    assert run("https://app.example.com/cb", "https://app.example.com/cb/sub") == 0
    assert run("--registered", "https://app.example.com/other", "https://app.example.com/cb",
               "https://app.example.com/cb/sub") == 1


@pytest.mark.parametrize(("count", "findings"), [(2, 0), (10, 0), (11, 1)])
def test_check_env_counts_ten_callbacks_for_a_github_oauth_app(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, findings: int) -> None:
    # was: two environments on different hosts sharing an OAuth app (Ov23 client id) were an error
    monkeypatch.delenv("OAUTHDOCTOR_PROFILES", raising=False)
    paths = []
    for n in range(count):
        path = tmp_path / f"env{n}" / ".env.staging"
        path.parent.mkdir()
        path.write_text("GITHUB_CLIENT_ID=Ov23liAbCdEf12345678\nGITHUB_CLIENT_SECRET=CANARY-9f8e7d6c5b4a3210\n"
                        f"GITHUB_REDIRECT_URI=https://host{n}.example-{n}.net/auth/github/callback\n")
        paths.append(str(path))
    report = check_files(paths, now=NOW)
    too_many = [f for f in report.findings if f.id == "redirect-too-many"]
    assert len(too_many) == findings
    if findings:
        assert too_many[0].evidence["limit"] == 10
        assert too_many[0].evidence["callbacks"][-1] == "https://host10.example-10.net/auth/github/callback"


def test_oauth_app_tokens_can_expire_in_eight_hours() -> None:
    # was: "OAuth App tokens have no fixed lifetime ..." and "OAuth Apps get no refresh token"
    policy = get_profile("github").token_policy
    lifetime, refresh = policy.access_token_lifetime, policy.refresh_token_lifetime
    assert lifetime is not None and refresh is not None
    assert (lifetime.source, lifetime.basis) == (ANNOUNCEMENT, "confirmed")
    assert lifetime.text.startswith("8 hours for a user token from an app with token expiration on (GitHub Apps by "
                                    "default; OAuth apps by an app setting or the offline_access scope)")
    assert "OAuth Apps get no refresh token" not in refresh.text
    assert "offline_access scope" in (get_profile("github").grants.note or "")


def test_bad_credentials_names_the_eight_hour_expiry_of_either_app_kind() -> None:
    # was: "OAuth app tokens do not expire ... a refresh does not bring it back"
    result = classify(401, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"},
                      provider="github")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_token", "ambiguous", "reauth")
    assert "OAuth app tokens do not expire" not in result.summary
    assert "a token from an app with token expiration on lasts 8 hours" in result.summary
    expired = {c.cause: c for c in result.candidates}["user_to_server_token_expired"]
    assert "an OAuth app with the setting or the offline_access scope" in expired.tells_apart
