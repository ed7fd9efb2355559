"""diagnose against real servers on 127.0.0.1: oidc-provider, a strict server, provider quirks and NTP.

No test touches the internet: every URL is loopback and every NTP server is a local responder.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.diagnose.report import diagnose
from oauthdoctor.model import Decision, Report, Status
from oauthdoctor.probing.contract import ProbeOptions

pytestmark = pytest.mark.network


def run(
    values: dict[str, str],
    *,
    ntp: tuple[tuple[str, int], ...] = (),
    timeout: float = 3.0,
    active: bool = False,
    skip: tuple[str, ...] = ("clock_skew",),
) -> Report:
    options = ProbeOptions(timeout=timeout, active=active, ntp_servers=ntp)
    return diagnose(ResolvedConfig(values), None, options, skip=skip)


def status(report: Report, probe: str) -> Status:
    found = [f for f in report.findings if f.id == probe]
    assert found, probe
    worst = max(found, key=lambda f: ["skip", "pass", "error", "warn", "fail"].index(str(f.status)))
    return worst.status


def finding(report: Report, probe: str):
    return next(f for f in report.findings if f.id == probe)


def oidc_values(server, client: str = "good", **extra: str) -> dict[str, str]:
    spec = server.clients[client]
    values = {
        "issuer": server.issuer,
        "token_url": server.token_url,
        "client_id": spec.client_id,
        "auth_method": spec.auth_method,
    }
    if spec.client_secret:
        values["client_secret"] = spec.client_secret
    if spec.redirect_uri:
        values["redirect_uri"] = spec.redirect_uri
        values["registered_redirect_uris"] = spec.redirect_uri
    values.update(extra)
    return values


# --- node oidc-provider -------------------------------------------------------------------------------------


def test_oidc_good_client(oidc_server) -> None:
    report = run(oidc_values(oidc_server))
    assert {
        p: status(report, p)
        for p in ("config", "redirect_uri", "transport", "discovery", "client_auth", "grant_types")
    } == dict.fromkeys(
        ("config", "redirect_uri", "transport", "discovery", "client_auth", "grant_types"), Status.PASS
    )
    assert "whatever is registered" in finding(report, "client_auth").title  # oidc-provider accepts both
    assert report.decision is Decision.NONE and report.root_cause is None


@pytest.mark.parametrize(
    "override", [{"client_secret": "wrong-secret-0123456789"}, {"client_id": "no-such-client"}]
)
def test_oidc_wrong_secret_or_unknown_client(oidc_server, override: dict[str, str]) -> None:
    report = run(oidc_values(oidc_server, **override))
    auth = finding(report, "client_auth")
    assert auth.status is Status.FAIL and auth.failure_class == "invalid_client"
    assert auth.title.startswith("neither method authenticates")
    assert status(report, "grant_types") is Status.SKIP
    assert report.decision is Decision.FIX_CONFIG and report.root_cause.startswith("neither method")


def test_oidc_wrong_redirect_uri(oidc_server) -> None:
    report = run(oidc_values(oidc_server, redirect_uri="https://client.example.com/callback/"))
    assert status(report, "redirect_uri") is Status.FAIL
    assert status(report, "client_auth") is Status.PASS  # the bogus code fails first; the client is fine
    assert report.decision is Decision.FIX_CONFIG and "(redirect_uri)" in (report.root_cause or "")


def test_oidc_grant_type_not_allowed(oidc_server) -> None:
    report = run(oidc_values(oidc_server, "no_refresh"))
    grants = finding(report, "grant_types")
    assert (
        grants.status is Status.WARN
        and grants.evidence["grants"]["refresh_token"]["outcome"] == "not_allowed"
    )
    report = run(oidc_values(oidc_server, "no_refresh", grant_type="refresh_token"))
    grants = finding(report, "grant_types")
    assert grants.status is Status.FAIL and grants.failure_class == "unauthorized_client"
    assert report.decision is Decision.FIX_CONFIG


def test_oidc_refresh_rotation_is_not_disturbed(oidc_server) -> None:
    """Non-destructive: the real refresh token (given to diagnose) still works afterwards."""
    real = oidc_server.get_refresh_token("good")
    report = run(oidc_values(oidc_server, refresh_token=real, grant_type="refresh_token"))
    assert status(report, "grant_types") is Status.PASS and status(report, "client_auth") is Status.PASS
    assert real in report.secrets
    response = oidc_server.refresh(real, "good")
    assert response.status_code == 200, response.text
    rotated = response.json()["refresh_token"]
    assert rotated != real  # the server rotates; diagnose never redeemed the real one


def test_oidc_public_native_client(oidc_server) -> None:
    report = run(
        oidc_values(
            oidc_server,
            "native",
            registered_redirect_uris="http://127.0.0.1/callback",
            redirect_uri="http://127.0.0.1:53123/callback",
            client_type="native",
        )
    )
    assert finding(report, "client_auth").title == "the public client is accepted without a secret"


def test_client_credentials_only_with_active(oidc_server) -> None:
    values = oidc_values(oidc_server, "machine", grant_type="client_credentials")
    passive = finding(run(values), "grant_types")
    assert passive.status is Status.SKIP and "--active" in passive.title
    active = finding(run(values, active=True), "grant_types")
    assert (
        active.status is Status.PASS
        and active.evidence["grants"]["client_credentials"]["issued_token"] is True
    )


# --- strict server: the registered method only --------------------------------------------------------------


def strict_values(server, client: str, **extra: str) -> dict[str, str]:
    spec = server.clients[client]
    values = {
        "issuer": server.issuer,
        "token_url": server.token_url,
        "client_id": spec.client_id,
        "client_secret": spec.client_secret,
        "auth_method": spec.auth_method,
        "redirect_uri": spec.redirect_uri,
    }
    values.update(extra)
    return values


def test_strict_server_only_the_other_method_works(strict_server) -> None:
    report = run(strict_values(strict_server, "basic", auth_method="client_secret_post"))
    auth = finding(report, "client_auth")
    assert auth.status is Status.FAIL and auth.title.startswith("only client_secret_basic works")
    assert (
        report.decision is Decision.FIX_CONFIG
        and "OAUTH_AUTH_METHOD=client_secret_basic" in report.root_cause
    )
    styles = {r["auth_style"] for r in strict_server.requests if r["grant_type"] == "authorization_code"}
    assert styles == {"basic", "post"}


def test_strict_server_registered_method_passes(strict_server) -> None:
    report = run(strict_values(strict_server, "post"))
    assert finding(report, "client_auth").title == "the client authenticates with client_secret_post"
    assert status(report, "grant_types") is Status.PASS and status(report, "discovery") is Status.PASS


def test_strict_server_unauthorized_client(strict_server) -> None:
    report = run(strict_values(strict_server, "no_refresh", grant_type="refresh_token"))
    grants = finding(report, "grant_types")
    assert (
        grants.status is Status.FAIL
        and grants.evidence["grants"]["refresh_token"]["error"] == "unauthorized_client"
    )


# --- provider quirks ----------------------------------------------------------------------------------------


def quirk_values(url: str, **extra: str) -> dict[str, str]:
    values = {
        "token_url": url,
        "client_id": "Iv1.0123456789abcdef",
        "client_secret": "q" * 40,
        "auth_method": "client_secret_post",
        "redirect_uri": "https://app.test/cb",
    }
    values.update(extra)
    return values


def test_github_http_200_errors(quirks) -> None:
    report = run(quirk_values(quirks.github_200_error("incorrect_client_credentials")))
    auth = finding(report, "client_auth")
    assert auth.status is Status.FAIL and auth.evidence["matrix"]["client_secret_post"]["status"] == 200


def test_github_bad_verification_code_means_authenticated(quirks) -> None:
    report = run(quirk_values(quirks.github_200_error("bad_verification_code")))
    assert status(report, "client_auth") is Status.PASS


def test_servicenow_catch_all_is_inconclusive(quirks) -> None:
    report = run(quirk_values(quirks.servicenow_catch_all()))
    auth = finding(report, "client_auth")
    assert auth.status is Status.ERROR and "catch-all" in auth.title


def test_slow_endpoint_times_out_and_report_still_renders(quirks) -> None:
    from oauthdoctor.render.diagnose_json import render

    started = time.monotonic()
    report = run(quirk_values(quirks.slow(5.0)), timeout=1.0)
    assert time.monotonic() - started < 4.0
    auth = finding(report, "client_auth")
    assert auth.status is Status.ERROR and auth.decision is Decision.RETRY and "timed out" in auth.title
    assert '"probe": "client_auth"' in render(report)


def test_failing_endpoint_says_retry(quirks) -> None:
    report = run(quirk_values(quirks.server_error()))
    auth = finding(report, "client_auth")
    assert (
        auth.status is Status.ERROR
        and auth.decision is Decision.RETRY
        and auth.failure_class == "server_error"
    )
    assert report.decision is Decision.RETRY


def test_wall_time_is_about_the_slowest_probe(quirks) -> None:
    url = quirks.slow(1.0)
    started = time.monotonic()
    run(quirk_values(url), timeout=5.0)
    # client_auth (2 trials) and grant_types (2 trials) each wait ~1 s; concurrently that is ~1 s, not 4 s.
    assert time.monotonic() - started < 3.0


# --- NTP ----------------------------------------------------------------------------------------------------


def test_ntp_offset_300_seconds_fails(ntp_server: Callable, strict_server) -> None:
    ntp = ntp_server(offset=300.0)
    report = run(strict_values(strict_server, "basic"), ntp=((ntp.host, ntp.port),), skip=())
    clock = finding(report, "clock_skew")
    assert clock.status is Status.FAIL and clock.evidence["source"] == "NTP"
    assert 295 < clock.evidence["offset"] < 305 and "behind" in clock.title


def test_unsynchronised_ntp_is_rejected_and_date_header_decides(ntp_server: Callable, strict_server) -> None:
    ntp = ntp_server(offset=300.0, mode="unsynchronised")
    report = run(strict_values(strict_server, "basic"), ntp=((ntp.host, ntp.port),), skip=())
    clock = finding(report, "clock_skew")
    assert clock.status is Status.PASS and "Date header" in clock.title
    assert "unsynchronised" in clock.evidence["ntp"][0]["rejected"]


JWT_TIME = (
    '{"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token (60 minutes) '
    'and in a reasonable timeframe. Check your iat and exp values in the JWT claim."}'
)


def test_invalid_grant_with_clock_skew_says_fix_the_clock(ntp_server: Callable, strict_server) -> None:
    ntp = ntp_server(offset=300.0)
    values = strict_values(strict_server, "basic", last_error=JWT_TIME, last_error_status="400")
    report = run(values, ntp=((ntp.host, ntp.port),), skip=())
    last = finding(report, "last_error")
    assert last.evidence["explained_by"] == "clock_skew" and last.title.endswith("fix the clock")
    assert (
        report.decision is Decision.FIX_CONFIG and "(clock_skew; explains the last error" in report.root_cause
    )
