"""``grant_types`` verdicts: refused grants, the refresh grant the app relies on, and what is never tried."""

from __future__ import annotations

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Decision, Status
from oauthdoctor.probes import grant_types
from oauthdoctor.probes.grant_types import GrantObservation
from oauthdoctor.probing.contract import ProbeContext, ProbeOptions
from oauthdoctor.probing.trials import read_answer
from oauthdoctor.profiles.model import Grants, Profile

ALLOWED = read_answer(400, '{"error":"invalid_grant"}')
REFUSED = read_answer(
    400,
    '{"error":"invalid_request","error_description":"requested grant type is not allowed for this client"}',
)
UNAUTHORIZED = read_answer(400, '{"error":"unauthorized_client"}')
CLIENT = read_answer(401, '{"error":"invalid_client"}')


def judge(answers, values=None, not_tried=None):
    ctx = ProbeContext(config=ResolvedConfig(values or {"client_id": "app"}), profile=None)
    return grant_types.judge(ctx, GrantObservation("https://a.test/token", answers, not_tried or {}))


def test_all_allowed() -> None:
    (f,) = judge({"authorization_code": ALLOWED, "refresh_token": ALLOWED})
    assert f.status is Status.PASS and f.title == "the client may use authorization_code, refresh_token"


def test_configured_grant_refused_fails() -> None:
    (f,) = judge({"authorization_code": UNAUTHORIZED, "refresh_token": ALLOWED})
    assert f.status is Status.FAIL and f.decision is Decision.FIX_CONFIG
    assert f.failure_class == "unauthorized_client"
    assert f.evidence["grants"]["authorization_code"]["outcome"] == "not_allowed"


def test_refresh_refused_warns_unless_the_app_relies_on_it() -> None:
    (f,) = judge({"authorization_code": ALLOWED, "refresh_token": REFUSED})
    assert f.status is Status.WARN
    (f,) = judge(
        {"authorization_code": ALLOWED, "refresh_token": REFUSED},
        {"client_id": "app", "refresh_token_issued_at": "2026-01-01"},
    )
    assert f.status is Status.FAIL


def test_client_rejected_is_a_skip_pointing_at_client_auth() -> None:
    (f,) = judge({"authorization_code": CLIENT, "refresh_token": CLIENT})
    assert f.status is Status.SKIP and "client_auth" in f.title


def test_client_credentials_needs_active() -> None:
    ctx = ProbeContext(
        config=ResolvedConfig({"client_id": "a", "grant_type": "client_credentials"}),
        profile=Profile(id="p", name="P", grants=Grants(supported=["client_credentials"])),
    )
    assert grant_types.grants_to_try(ctx) == ["client_credentials"]
    (f,) = judge({}, not_tried={"client_credentials": "needs --active (it issues a real token)"})
    assert f.status is Status.SKIP and "--active" in f.title
    active = ProbeContext(config=ctx.config, profile=ctx.profile, options=ProbeOptions(active=True))
    assert active.options.active


def test_refresh_trial_only_when_the_provider_issues_refresh_tokens() -> None:
    no_refresh = Profile(id="p", name="P", grants=Grants(supported=["authorization_code"]))
    ctx = ProbeContext(config=ResolvedConfig({"client_id": "a"}), profile=no_refresh)
    assert grant_types.grants_to_try(ctx) == ["authorization_code"]
    assert grant_types.grants_to_try(ProbeContext(config=ctx.config, profile=None)) == [
        "authorization_code",
        "refresh_token",
    ]
