"""Run the probes: all observations at once, each time-boxed; judgements in registry order.

Start everything, report in order (flutter doctor): wall time is the slowest probe, not the sum. A probe
that raises becomes an ``error`` finding naming the bug, never a crashed run. Probes that would send the
secret are skipped, with the reason, when ``transport`` fails.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

from oauthdoctor.model import Finding, Status
from oauthdoctor.probes import REGISTRY, transport
from oauthdoctor.probes.base import ProbeContext, Skipped, error_finding, skip_finding

# Each probe's observation may make a few sequential requests; its box is a few request timeouts.
_REQUESTS_PER_PROBE = 3


def select(only: Iterable[str] = (), skip: Iterable[str] = ()) -> dict[str, str | None]:
    """Probe id → None when it runs, or the reason it does not (``--probe``/``--skip``)."""
    only, skip = set(only), set(skip)
    out: dict[str, str | None] = {}
    for probe in REGISTRY:
        pid = probe.META.id
        if only and pid not in only:
            out[pid] = "not selected (--probe)"
        elif pid in skip:
            out[pid] = "skipped by --skip"
        else:
            out[pid] = None
    return out


def _pre_skip(
    probe: ModuleType, ctx: ProbeContext, chosen: dict[str, str | None], transport_failed: bool
) -> str | None:
    reason = chosen.get(probe.META.id)
    if reason:
        return reason
    if getattr(probe, "NETWORK", False) and ctx.options.offline:
        return "--offline"
    if getattr(probe, "SENDS_SECRET", False) and transport_failed:
        return "the token endpoint is not https; the secret is not sent in clear text (see transport)"
    return None


async def _observe(probe: ModuleType, ctx: ProbeContext, box: float) -> Any:
    try:
        return await asyncio.wait_for(probe.observe(ctx), timeout=box)
    except TimeoutError:
        return _Crash(f"timed out after {box:g} s")
    except Exception as exc:  # noqa: BLE001 - a bug or fault in one probe must not end the run
        return _Crash(f"probe failed: {type(exc).__name__}: {exc}")


@dataclasses.dataclass(frozen=True)
class _Crash:
    message: str


async def run_probes(
    ctx: ProbeContext,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    on_network: Callable[[bool], None] | None = None,
) -> list[Finding]:
    """Every selected probe's findings, in registry order. ``on_network(True/False)`` drives a spinner."""
    from oauthdoctor.probes import discovery

    chosen = select(only, skip)
    transport_failed = any(f.status is Status.FAIL for f in transport.judge(ctx, None))
    if ctx.shared.fetch_discovery is None:
        ctx.shared.fetch_discovery = lambda: discovery.fetch(ctx)
    box = max(ctx.options.timeout * _REQUESTS_PER_PROBE, 1.0)
    pending: dict[str, asyncio.Task[Any]] = {}
    pre: dict[str, str] = {}
    for probe in REGISTRY:
        reason = _pre_skip(probe, ctx, chosen, transport_failed)
        if reason:
            pre[probe.META.id] = reason
        elif hasattr(probe, "observe"):
            pending[probe.META.id] = asyncio.ensure_future(_observe(probe, ctx, box))
    if pending and on_network:
        on_network(True)
    try:
        observed = dict(zip(pending, await asyncio.gather(*pending.values()), strict=True))
    finally:
        if pending and on_network:
            on_network(False)
    findings: list[Finding] = []
    prior: dict[str, tuple[Finding, ...]] = {}
    for probe in REGISTRY:
        pid = probe.META.id
        if pid in pre:
            result = [skip_finding(probe.META, pre[pid])]
        else:
            result = _judge(probe, dataclasses.replace(ctx, prior=dict(prior)), observed.get(pid))
        prior[pid] = tuple(result)
        findings.extend(result)
    return findings


def _judge(probe: ModuleType, ctx: ProbeContext, observation: Any) -> list[Finding]:
    if isinstance(observation, _Crash):
        return [error_finding(probe.META, observation.message)]
    try:
        result = list(probe.judge(ctx, observation))
    except Exception as exc:  # noqa: BLE001 - a bug in a judge is reported as such
        return [error_finding(probe.META, f"probe failed: {type(exc).__name__}: {exc}")]
    if not result:
        return [skip_finding(probe.META, "nothing to check")]
    return result


def run(
    ctx: ProbeContext,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    on_network: Callable[[bool], None] | None = None,
) -> list[Finding]:
    """Synchronous entry point for the CLI."""
    return asyncio.run(run_probes(ctx, only, skip, on_network))


__all__ = ["Skipped", "run", "run_probes", "select"]
