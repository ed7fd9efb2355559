"""``token_policy`` judge: Testing-mode expiry, inactivity, the per-user cap and secret expiry."""

from __future__ import annotations

from datetime import UTC, datetime

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Decision, Status
from oauthdoctor.probes import token_policy
from oauthdoctor.probing.contract import ProbeContext
from oauthdoctor.profiles.model import Duration, Profile, Rotation, TokenCap, TokenPolicy

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
GOOGLE = Profile(
    id="google",
    name="Google",
    token_policy=TokenPolicy(
        testing_mode_expiry=Duration(
            seconds=7 * 86400, text="7 days in Testing", source="https://g.test/expiry"
        ),
        refresh_inactivity_expiry=Duration(seconds=183 * 86400, text="6 months unused"),
        max_refresh_tokens=TokenCap(count=100, at_cap="revoke_oldest", source="https://g.test/cap"),
    ),
)
ROTATING = Profile(
    id="r", name="R", token_policy=TokenPolicy(rotation=Rotation(mode="always", reuse_detection=True))
)


def judge(values: dict[str, str], profile: Profile | None = GOOGLE):
    return token_policy.judge(ProbeContext(config=ResolvedConfig(values), profile=profile, now=NOW), None)


def test_testing_mode_token_older_than_seven_days() -> None:
    (f,) = judge({"app_publishing_status": "testing", "refresh_token_issued_at": "2026-11-18T09:00:00Z"})
    assert (
        f.status is Status.FAIL and f.decision is Decision.FIX_CONFIG and f.failure_class == "invalid_grant"
    )
    assert f.title == (
        "the refresh token is 9 days old; Google expires refresh tokens after 7 days while the app "
        "is in Testing"
    )
    assert "Publish the app" in (f.hint or "") and f.evidence["source"] == "https://g.test/expiry"


def test_testing_mode_young_token_warns() -> None:
    (f,) = judge({"app_publishing_status": "Testing", "refresh_token_issued_at": "2026-11-25T12:00:00Z"})
    assert (
        f.status is Status.WARN
        and f.title == "the refresh token expires in 5 days because the app is in Testing"
    )


def test_production_is_fine() -> None:
    (f,) = judge({"app_publishing_status": "production", "refresh_token_issued_at": "2026-11-18T09:00:00Z"})
    assert f.status is Status.PASS


def test_inactivity() -> None:
    (f,) = judge({"refresh_token_last_used_at": "2026-01-01"})
    assert f.status is Status.FAIL and f.decision is Decision.REAUTH


def test_cap() -> None:
    (f,) = judge({"active_refresh_tokens": "100"})
    assert f.status is Status.WARN
    (f,) = judge({"active_refresh_tokens": "130"})
    assert f.status is Status.FAIL and f.evidence["at_cap"] == "revoke_oldest"
    assert judge({"active_refresh_tokens": "3"})[0].status is Status.PASS


def test_secret_expiry() -> None:
    assert judge({"client_secret_expires_at": "2026-11-01"})[0].status is Status.FAIL
    (f,) = judge({"client_secret_expires_at": "2026-12-10T12:00:00Z"})
    assert f.status is Status.WARN and f.title == "the client secret expires in 13 days"
    assert judge({"client_secret_expires_at": "2027-06-01"})[0].status is Status.PASS


def test_no_token_state_is_a_skip_even_with_rotation_advice() -> None:
    """A pass needs a supplied value that met a limit; rotation advice alone observes nothing (#11)."""
    (f,) = judge({}, ROTATING)
    assert f.status is Status.SKIP and "no token state supplied" in f.title
    assert "single-flight" in (f.hint or "")
    assert judge({}, GOOGLE)[0].status is Status.SKIP


def test_a_pass_names_the_values_it_compared() -> None:
    (f,) = judge({"active_refresh_tokens": "3"})
    assert f.status is Status.PASS and "3 refresh tokens (cap 100)" in f.evidence["observed"]
