"""Probe ``clock_skew``: is the local clock close enough to real time for signed assertions and codes?

A skewed clock makes JWT assertions "not yet valid" or expired and codes look stale, which providers
report as ``invalid_grant``. NTP is the precise signal; the token endpoint's ``Date`` header is the
second signal that still works where UDP 123 is blocked (one-second resolution, so it only fails big skews).
"""

from __future__ import annotations

import asyncio
import statistics
from dataclasses import dataclass, field
from typing import Any

from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.probing import target
from oauthdoctor.probing.contract import ProbeContext, Skipped, error_finding, make_finding, skip_finding

META = RuleMeta(
    id="clock_skew",
    title="Clock skew",
    question="Is the local clock within the provider's tolerance of NTP time and the token endpoint's Date?",
    severity=Severity.ERROR,
    help_uri="https://datatracker.ietf.org/doc/html/rfc7523#section-3",
)
NETWORK = True
SENDS_SECRET = False

DEFAULT_NTP_SERVERS = (("pool.ntp.org", 123),)
FIX_CLOCK = "Synchronise the clock: `sudo timedatectl set-ntp true` (or `sudo chronyc makestep`)."


@dataclass(frozen=True)
class NtpReading:
    """One NTP server's answer: an offset (server minus local, seconds) or why it was rejected."""

    server: str
    offset: float | None = None
    stratum: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class ClockObservation:
    ntp: tuple[NtpReading, ...] = ()
    date_skew: float | None = None
    date_url: str | None = None
    date_error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


async def _ntp(server: str, port: int, timeout: float) -> NtpReading:
    from oauthdoctor.net.ntp import query_ntp_async

    name = server if port == 123 else f"{server}:{port}"
    try:
        obs = await query_ntp_async(server, port=port, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - NetFailure or anything else is a rejected reading
        return NtpReading(name, error=getattr(exc, "message", None) or str(exc) or type(exc).__name__)
    return NtpReading(name, offset=float(obs.offset), stratum=getattr(obs, "stratum", None))


async def _date(ctx: ProbeContext, client: Any) -> tuple[float | None, str | None, str | None]:
    """The token endpoint's Date header, from the run's one GET of it (shared with transport)."""
    url = await target.token_endpoint(ctx)
    if isinstance(url, Skipped):
        return None, None, url.reason
    visit = await ctx.shared.visit(url)
    if isinstance(visit, Skipped):
        return None, url, visit.reason
    if not visit.answered:
        return None, url, visit.failure_message or visit.failure_kind
    if visit.date_skew is None:
        return None, url, "no Date header"
    return float(visit.date_skew), url, None


async def observe(ctx: ProbeContext, client: Any) -> ClockObservation:
    """Ask every NTP server and the token endpoint at once."""
    servers = ctx.options.ntp_servers or DEFAULT_NTP_SERVERS
    timeout = min(ctx.options.timeout, 3.0)
    readings, (skew, url, date_error) = await asyncio.gather(
        asyncio.gather(*(_ntp(host, port, timeout) for host, port in servers)), _date(ctx, client)
    )
    return ClockObservation(tuple(readings), skew, url, date_error)


def describe(offset: float) -> str:
    """``offset`` is reference minus local: positive means the local clock is behind."""
    direction = "behind" if offset > 0 else "ahead"
    return f"{abs(offset):.1f} s {direction}"


def judge(ctx: ProbeContext, observation: ClockObservation | Skipped | None) -> list[Finding]:
    """NTP decides when any server answered acceptably; otherwise the Date header, with its 1 s resolution."""
    if isinstance(observation, Skipped) or observation is None:
        return [skip_finding(META, observation.reason if observation else "not run")]
    warn_at = ctx.profile.clock.skew_warn_seconds if ctx.profile else 5.0
    fail_at = ctx.profile.clock.skew_fail_seconds if ctx.profile else 30.0
    good = [r.offset for r in observation.ntp if r.offset is not None]
    evidence: dict[str, Any] = {
        "ntp": [
            {
                "server": r.server,
                "offset": None if r.offset is None else round(r.offset, 3),
                **({"rejected": r.error} if r.error else {}),
            }
            for r in observation.ntp
        ],
        "date_header_skew": observation.date_skew,
        "thresholds": {"warn": warn_at, "fail": fail_at},
    }
    if observation.date_error and observation.date_url:
        evidence["date_header_error"] = observation.date_error
    if good:
        offset, source = statistics.median(good), "NTP"
        tolerance = 0.0
    elif observation.date_skew is not None:
        offset, source = observation.date_skew, "the token endpoint's Date header"
        tolerance = 1.0  # Date has one-second resolution plus the request's latency
    else:
        return [
            error_finding(
                META, "no time source answered (NTP and the Date header both unavailable)", evidence=evidence
            )
        ]
    evidence["offset"] = round(offset, 3)
    evidence["source"] = source
    size = abs(offset) - tolerance
    if size >= fail_at:
        return [
            make_finding(
                META,
                Status.FAIL,
                f"the local clock is {describe(offset)} ({source})",
                decision=Decision.FIX_CONFIG,
                evidence=evidence,
                hint=FIX_CLOCK,
            )
        ]
    if size >= warn_at:
        return [
            make_finding(
                META,
                Status.WARN,
                f"the local clock is {describe(offset)} ({source})",
                decision=Decision.FIX_CONFIG,
                evidence=evidence,
                hint=FIX_CLOCK,
            )
        ]
    evidence["observed"] = f"{source}: offset {offset:+.1f} s"
    return [
        make_finding(
            META, Status.PASS, f"the local clock is within {warn_at:g} s ({source})", evidence=evidence
        )
    ]
