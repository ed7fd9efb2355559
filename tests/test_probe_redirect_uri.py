"""``redirect_uri``: SENT against the registered URIs under the provider's rule, plus the https rule."""

from __future__ import annotations

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Decision, Status
from oauthdoctor.probes import redirect_uri
from oauthdoctor.probing.contract import ProbeContext
from oauthdoctor.profiles.model import Profile
from oauthdoctor.profiles.redirect_schema import CallbackLimitRule, RedirectRule


def judge(sent: str | None, registered: str | None, profile: Profile | None = None):
    values = {k: v for k, v in {"redirect_uri": sent, "registered_redirect_uris": registered}.items() if v}
    return redirect_uri.judge(ProbeContext(config=ResolvedConfig(values), profile=profile), None)


def test_exact_match_passes() -> None:
    (f,) = judge("https://app.test/cb", "https://other.test/cb https://app.test/cb")
    assert f.status is Status.PASS and f.evidence["matched"] == "https://app.test/cb"


def test_trailing_slash_is_named() -> None:
    (f,) = judge("https://app.test/cb/", "https://app.test/cb")
    assert f.status is Status.FAIL and f.decision is Decision.FIX_CONFIG
    assert f.failure_class == "redirect_uri_mismatch" and "trailing slash" in f.title
    assert f.evidence["expected"] == "https://app.test/cb" and f.evidence["actual"] == "https://app.test/cb/"


def test_host_case_is_named() -> None:
    (f,) = judge("https://App.Test/cb", "https://app.test/cb")
    assert f.status is Status.FAIL and "letter case" in f.title


def test_plain_http_off_loopback_fails_even_unregistered() -> None:
    (f,) = judge("http://app.test/cb", None)
    assert f.status is Status.FAIL and "http" in f.title
    (f,) = judge("http://127.0.0.1:8080/cb", None)
    assert f.status is Status.SKIP


def test_callback_limit_comes_from_the_profile() -> None:
    # #12: no provider's limit is hard-coded in the probe; a profile without one gets no warning.
    registered = "https://app.test/cb https://app.test/other"
    assert [f.status for f in judge("https://app.test/cb", registered, Profile(id="github", name="GitHub"))] == [
        Status.PASS]
    one = Profile(id="acme", name="Acme", redirect=RedirectRule(max_callback_urls=1))
    findings = judge("https://app.test/cb", registered, one)
    assert [f.status for f in findings] == [Status.WARN, Status.PASS]
    assert findings[0].title == "2 callback URLs are registered, but Acme allows 1"


def test_app_kinds_by_client_id_or_declared_kind() -> None:
    # A profile whose app kinds differ in their callback limit (GitHub's did until its 2026 update): the client
    # id's shape picks the kind, and OAUTH_APP_KIND overrides it.
    acme = Profile(id="acme", name="Acme", redirect=RedirectRule(callback_limits=[
        CallbackLimitRule(kind="classic", app="classic app", count=1, client_id="C[0-9]{4}"),
        CallbackLimitRule(kind="modern", app="modern app", count=10, client_id="M[0-9]{4}")]))
    registered = "https://app.test/cb https://app.test/other"
    values = {"redirect_uri": "https://app.test/cb", "registered_redirect_uris": registered}

    def titles(**extra: str) -> list[str]:
        ctx = ProbeContext(config=ResolvedConfig({**values, **extra}), profile=acme)
        return [f.title for f in redirect_uri.judge(ctx, None) if f.status is Status.WARN]

    assert titles(client_id="C1234") == [
        "2 callback URLs are registered, but a classic app (by its client id) allows 1"]
    assert titles(client_id="M1234") == []
    assert titles(client_id="M1234", app_kind="classic") == [
        "2 callback URLs are registered, but a classic app (by its app kind setting) allows 1"]


def test_github_oauth_apps_take_ten_callback_urls() -> None:
    # was: "... but a GitHub OAuth app (by its client id) allows 1" (GitHub's 2026 announcement lifts it to 10)
    from oauthdoctor.profiles.loader import get_profile

    values = {"redirect_uri": "https://app.test/cb", "client_id": "Ov23liAbCdEf12345678",
              "registered_redirect_uris": " ".join(f"https://app.test/{n}" for n in range(10)) + " https://app.test/cb"}
    ctx = ProbeContext(config=ResolvedConfig(values), profile=get_profile("github"))
    assert [f.title for f in redirect_uri.judge(ctx, None) if f.status is Status.WARN] == [
        "11 callback URLs are registered, but GitHub (OAuth Apps and GitHub Apps) allows 10"]


def test_nothing_to_compare() -> None:
    assert judge(None, None)[0].status is Status.SKIP
    assert judge("https://app.test/cb", None)[0].status is Status.SKIP
