"""``clock_skew`` judge: NTP decides; the Date header is the fallback with a one-second allowance."""

from __future__ import annotations

import pytest

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Decision, Status
from oauthdoctor.probes import clock_skew
from oauthdoctor.probes.clock_skew import ClockObservation, NtpReading
from oauthdoctor.probing.contract import ProbeContext
from oauthdoctor.profiles.model import Clock, Profile

CTX = ProbeContext(config=ResolvedConfig({}), profile=None)


def judge(obs: ClockObservation, profile: Profile | None = None):
    (finding,) = clock_skew.judge(ProbeContext(config=ResolvedConfig({}), profile=profile), obs)
    return finding


@pytest.mark.parametrize(
    ("offset", "status"),
    [
        (0.2, Status.PASS),
        (-4.9, Status.PASS),
        (5.0, Status.WARN),
        (-12.0, Status.WARN),
        (30.0, Status.FAIL),
        (300.0, Status.FAIL),
        (-300.0, Status.FAIL),
    ],
)
def test_ntp_thresholds(offset: float, status: Status) -> None:
    finding = judge(ClockObservation(ntp=(NtpReading("127.0.0.1:1123", offset=offset),)))
    assert finding.status is status
    if status is not Status.PASS:
        assert finding.decision is Decision.FIX_CONFIG and "timedatectl" in (finding.hint or "")


def test_direction_is_named() -> None:
    assert "300.0 s behind (NTP)" in judge(ClockObservation(ntp=(NtpReading("s", offset=300.0),))).title
    assert "300.0 s ahead" in judge(ClockObservation(ntp=(NtpReading("s", offset=-300.0),))).title


def test_profile_thresholds() -> None:
    profile = Profile(id="p", name="P", clock=Clock(skew_warn_seconds=1, skew_fail_seconds=2))
    assert judge(ClockObservation(ntp=(NtpReading("s", offset=2.5),)), profile).status is Status.FAIL


def test_rejected_ntp_falls_back_to_date_header() -> None:
    obs = ClockObservation(
        ntp=(NtpReading("s", error="unsynchronised (leap indicator 3)"),),
        date_skew=300.0,
        date_url="https://a.test/token",
    )
    finding = judge(obs)
    assert finding.status is Status.FAIL and "Date header" in finding.title
    assert finding.evidence["ntp"] == [
        {"server": "s", "offset": None, "rejected": "unsynchronised (leap indicator 3)"}
    ]


def test_date_header_has_one_second_allowance() -> None:
    assert judge(ClockObservation(date_skew=5.5)).status is Status.PASS
    assert judge(ClockObservation(date_skew=6.5)).status is Status.WARN


def test_ntp_wins_over_date_header() -> None:
    obs = ClockObservation(ntp=(NtpReading("s", offset=300.0),), date_skew=0.0)
    assert judge(obs).evidence["source"] == "NTP"


def test_no_signal_is_an_error() -> None:
    finding = judge(ClockObservation(ntp=(NtpReading("s", error="timed out"),), date_error="no Date header"))
    assert finding.status is Status.ERROR
