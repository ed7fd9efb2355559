"""Detection ``clock_skew``: the servers' ``Date`` headers against the capture's own timestamps.

A server stamps ``Date`` while it answers, so it must fall between the request's start and the answer's
end (give or take the header's one-second resolution). Per host, the median of the differences says how far
apart the two clocks are; when every host agrees, it is the capturing machine's clock that is off.
Cached answers are left out: their ``Date`` is from when they were first fetched.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.trace.detections.base import TraceContext, finding, passed, seconds, skipped
from oauthdoctor.trace.model import Exchange
from oauthdoctor.trace.timeline import Timeline

CLOCK_SKEW = RuleMeta("clock_skew", "Clock skew between the capture and the servers",
                      "Do the servers' Date headers agree with the capture's own timestamps?", Severity.WARNING,
                      "https://datatracker.ietf.org/doc/html/rfc7523#section-3")
_TRUNCATION = 0.5  # Date is cut to whole seconds: on average half a second behind
_RESOLUTION = 1.0
_SAMPLES_LISTED = 5


def _offset(e: Exchange) -> float | None:
    """Server clock minus capture clock for one answer, or None when it fits inside the exchange."""
    if e.date is None:
        return None
    stamped = e.date + _TRUNCATION
    early, late = e.started - _RESOLUTION, e.finished + _RESOLUTION
    if early <= stamped <= late:
        return 0.0
    return stamped - (e.started if stamped < early else e.finished)


def clock_skew(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """Per host, the median offset of the Date headers; judged with the provider's tolerance."""
    samples: dict[str, list[tuple[float, Exchange]]] = defaultdict(list)
    for e in timeline.exchanges:
        if e.status is not None and e.date is not None and e.status != 304:
            offset = _offset(e)
            if offset is not None:
                samples[e.host].append((offset, e))
    if not samples:
        return [skipped(CLOCK_SKEW, "no answer in the capture carries a Date header")]
    medians = {host: statistics.median(o for o, _ in items) for host, items in samples.items()}
    out = []
    agreeing = [h for h, m in medians.items() if abs(m) > 0]
    everyone = len(medians) > 1 and len(agreeing) == len(medians) and (
        max(medians.values()) - min(medians.values()) < 5.0)
    for host, median in medians.items():
        provider = next((e.provider for _, e in samples[host] if e.provider), None)
        warn_at, fail_at = ctx.clock_thresholds(provider) if abs(median) >= 1.0 else (float("inf"),) * 2
        if abs(median) < warn_at:
            continue
        status = Status.FAIL if abs(median) >= fail_at else Status.WARN
        listed = [e for _, e in sorted(samples[host], key=lambda s: -abs(s[0]))[:_SAMPLES_LISTED]]
        direction = "ahead of" if median > 0 else "behind"
        whose = ("the capturing machine's clock is off (every host agrees)" if everyone else
                 "either clock may be wrong")
        out.append(finding(
            CLOCK_SKEW, status,
            f"{host}'s Date headers run {seconds(abs(median))} {direction} the capture's clock "
            f"({len(samples[host])} answer(s)); {whose}", listed,
            severity=Severity.ERROR if status is Status.FAIL else Severity.WARNING, decision=Decision.FIX_CONFIG,
            evidence={"host": host, "median_offset_seconds": round(median, 3), "answers": len(samples[host]),
                      "thresholds": {"warn": warn_at, "fail": fail_at}, "all_hosts_agree": everyone},
            hint=("Signed assertions, ID tokens and codes carry times; a clock this far off makes them "
                  "'not yet valid' or expired (invalid_grant). Synchronise the clock: `sudo timedatectl "
                  "set-ntp true`."),
        ))
    checked = [e for items in samples.values() for _, e in items]
    return out or [passed(CLOCK_SKEW, f"{len(checked)} Date header(s) from {len(samples)} host(s) agree with "
                                      "the capture's clock", checked[:_SAMPLES_LISTED])]
