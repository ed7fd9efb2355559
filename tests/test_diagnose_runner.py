"""The runner: concurrent observations, registry order, failures as findings, the transport gate."""

from __future__ import annotations

import asyncio
import time

import pytest

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.diagnose import runner
from oauthdoctor.diagnose.decide import exit_code
from oauthdoctor.exitcodes import ExitCode
from oauthdoctor.model import Status
from oauthdoctor.probes import PROBE_IDS, client_auth, clock_skew, config, discovery, grant_types
from oauthdoctor.probing.contract import ProbeContext, ProbeOptions, Skipped

SETTINGS = ResolvedConfig(
    {
        "client_id": "app",
        "client_secret": "s3cret-value-123",
        "token_url": "https://idp.test/token",
        "redirect_uri": "https://app.test/cb",
    }
)
NETWORK = (discovery, clock_skew, client_auth, grant_types)


def run(settings: ResolvedConfig = SETTINGS, **options) -> list:
    return runner.run(ProbeContext(config=settings, profile=None, options=ProbeOptions(**options)))


def by_probe(findings: list) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in findings:
        out.setdefault(f.id, []).append(f)
    return out


def test_offline_skips_network_probes_and_keeps_order() -> None:
    findings = run(offline=True)
    assert [f.id for f in findings] == list(PROBE_IDS)
    grouped = by_probe(findings)
    for probe in NETWORK:
        assert [(f.status, f.title) for f in grouped[probe.META.id]] == [(Status.SKIP, "skipped: --offline")]


def test_probe_and_skip_selection() -> None:
    findings = runner.run(
        ProbeContext(config=SETTINGS, profile=None, options=ProbeOptions(offline=True)),
        only=["config", "transport"],
        skip=["transport"],
    )
    grouped = by_probe(findings)
    assert grouped["config"][0].status is Status.PASS
    assert grouped["transport"][0].title == "skipped: skipped by --skip"
    assert grouped["last_error"][0].title == "skipped: not selected (--probe)"


def test_a_crashing_judge_is_a_crash_finding_and_exit_4(monkeypatch: pytest.MonkeyPatch) -> None:
    # #12: a probe that raises is a bug in oauthdoctor (flutter doctor's crash status), not "inconclusive".
    def boom(ctx, obs):
        raise RuntimeError("boom")

    monkeypatch.setattr(config, "judge", boom)
    findings = run(offline=True)
    (finding,) = by_probe(findings)["config"]
    assert finding.status is Status.CRASH and finding.title == "the config probe crashed: RuntimeError: boom"
    assert exit_code(findings, "error") is ExitCode.INTERNAL
    assert [f.id for f in findings] == list(PROBE_IDS)  # the rest of the report still renders


def _fake_network(monkeypatch: pytest.MonkeyPatch, delay: float) -> None:
    async def slow(ctx, client):
        await asyncio.sleep(delay)
        return Skipped("fake")

    for probe in NETWORK:
        monkeypatch.setattr(probe, "observe", slow)


def test_wall_time_is_the_slowest_probe_not_the_sum(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_network(monkeypatch, 0.6)
    started = time.monotonic()
    findings = run()
    elapsed = time.monotonic() - started
    # Four probes of 0.6 s each: run one after another they take 2.4 s. The bound leaves room for a loaded machine.
    assert 0.6 <= elapsed < 1.8, elapsed
    assert all(f.title == "skipped: fake" for f in findings if f.id in {p.META.id for p in NETWORK})


def test_observe_timeout_and_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_network(monkeypatch, 0.0)

    async def hang(ctx, client):
        await asyncio.sleep(30)

    async def crash(ctx, client):
        raise ValueError("bad")

    monkeypatch.setattr(discovery, "observe", hang)
    monkeypatch.setattr(client_auth, "observe", crash)
    started = time.monotonic()
    grouped = by_probe(run(timeout=0.1))
    assert time.monotonic() - started < 3
    assert (
        grouped["discovery"][0].status is Status.ERROR
        and "timed out after 1 s" in grouped["discovery"][0].title
    )
    assert grouped["discovery"][0].title == "discovery did not finish: timed out after 1 s"
    assert grouped["client_auth"][0].status is Status.CRASH
    assert grouped["client_auth"][0].title == "the client_auth probe crashed: ValueError: bad"


def test_plain_http_token_endpoint_skips_secret_probes(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_network(monkeypatch, 0.0)
    settings = ResolvedConfig({**SETTINGS.values, "token_url": "http://idp.example.com/token"})
    grouped = by_probe(run(settings))
    assert grouped["transport"][0].status is Status.FAIL
    for pid in ("client_auth", "grant_types"):
        (finding,) = grouped[pid]
        assert finding.status is Status.SKIP and "not https" in finding.title
    assert grouped["discovery"][0].title == "skipped: fake"


def test_spinner_callback_brackets_network_work(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_network(monkeypatch, 0.0)
    calls: list[bool] = []
    runner.run(ProbeContext(config=SETTINGS, profile=None), on_network=calls.append)
    assert calls == [True, False]
    calls.clear()
    runner.run(
        ProbeContext(config=SETTINGS, profile=None, options=ProbeOptions(offline=True)),
        on_network=calls.append,
    )
    assert calls == []
