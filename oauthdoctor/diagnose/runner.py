"""Run the probes: all observations at once, each time-boxed; judgements in registry order.

Start everything, report in order (flutter doctor): wall time is the slowest probe, not the sum. The run owns
one HTTP client (verified TLS, no redirects, explicit timeouts) and one memoised discovery fetch, both handed to
the probes. A probe that raises is a ``crash`` finding naming the bug (exit 4), never a crashed run; one that
runs out of time is an ``error``. Probes that would send the secret are skipped, with the reason, when
``transport`` fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

from oauthdoctor.model import Finding, Status
from oauthdoctor.probes import REGISTRY, transport
from oauthdoctor.probing.contract import (
    Probe,
    ProbeContext,
    Shared,
    crash_finding,
    error_finding,
    skip_finding,
)
from oauthdoctor.probing.discovery_doc import fetch_discovery

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


def _pre_skip(probe: Probe, ctx: ProbeContext, chosen: dict[str, str | None], transport_failed: bool) -> str | None:
    reason = chosen.get(probe.META.id)
    if reason:
        return reason
    if probe.NETWORK and ctx.options.offline:
        return "--offline"
    if probe.SENDS_SECRET and transport_failed:
        return "the token endpoint is not https; the secret is not sent in clear text (see transport)"
    return None


@dataclasses.dataclass(frozen=True)
class _Failed:
    """An observation that ended without a result: a timeout (``error``) or an exception (``crash``)."""

    timeout: str | None = None
    exception: BaseException | None = None


async def _observe(probe: Probe, ctx: ProbeContext, client: Any, box: float) -> Any:
    try:
        return await asyncio.wait_for(probe.observe(ctx, client), timeout=box)
    except TimeoutError:
        return _Failed(timeout=f"timed out after {box:g} s")
    except Exception as exc:  # noqa: BLE001 - a bug in one probe must not end the run
        return _Failed(exception=exc)


@contextlib.asynccontextmanager
async def _http_client(ctx: ProbeContext, needed: bool) -> AsyncIterator[Any]:
    """The run's one HTTP client, or None when no network probe runs (nothing imports httpx then)."""
    if not needed:
        yield None
        return
    from oauthdoctor.net.http import make_client

    async with make_client(ctx.options.timeout, verify=True) as client:
        yield client


async def run_probes(
    ctx: ProbeContext,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    on_network: Callable[[bool], None] | None = None,
) -> list[Finding]:
    """Every selected probe's findings, in registry order. ``on_network(True/False)`` drives a spinner."""
    chosen = select(only, skip)
    transport_failed = any(f.status is Status.FAIL for f in transport.judge(ctx, None))
    pre = {p.META.id: r for p in REGISTRY if (r := _pre_skip(p, ctx, chosen, transport_failed))}
    running = [p for p in REGISTRY if p.META.id not in pre]
    networked = any(p.NETWORK for p in running)
    box = max(ctx.options.timeout * _REQUESTS_PER_PROBE, 1.0)
    async with _http_client(ctx, networked) as client:
        if client is not None:
            run_ctx = ctx

            async def discovery() -> Any:
                return await fetch_discovery(run_ctx, client)

            ctx = dataclasses.replace(ctx, shared=Shared(discovery))
        if networked and on_network:
            on_network(True)
        try:
            results = await asyncio.gather(*(_observe(p, ctx, client, box) for p in running))
        finally:
            if networked and on_network:
                on_network(False)
    observed = {p.META.id: r for p, r in zip(running, results, strict=True)}
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


def _judge(probe: Probe, ctx: ProbeContext, observation: Any) -> list[Finding]:
    if isinstance(observation, _Failed):
        if observation.exception is not None:
            return [crash_finding(probe.META, observation.exception)]
        return [error_finding(probe.META, f"{probe.META.id} did not finish: {observation.timeout}")]
    try:
        result = list(probe.judge(ctx, observation))
    except Exception as exc:  # noqa: BLE001 - a bug in a judge is reported as such
        return [crash_finding(probe.META, exc)]
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


__all__ = ["run", "run_probes", "select"]
