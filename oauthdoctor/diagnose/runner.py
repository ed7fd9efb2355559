"""Run the probes: all observations at once, each time-boxed; judgements in dependency order, reported in order.

Start everything, report in order (flutter doctor): wall time is the slowest probe, not the sum. The run owns
one HTTP client (verified TLS, no redirects, explicit timeouts), one memoised discovery fetch and one memoised
credential-free GET per URL, all handed to the probes. A probe that raises is a ``crash`` finding naming the
bug (exit 4), never a crashed run; one that runs out of time is an ``error``. Probes that would send the secret
are skipped, with the reason, when the token endpoint is plain http off loopback. Under ``--offline`` network
probes observe nothing and are judged with a ``Skipped`` (so ``transport`` can still fail an http URL, and never
passes an unverified https one). Judgement follows each probe's ``JUDGE_AFTER`` (observed behaviour before the
metadata that it beats); findings are reported in registry order.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from typing import Any

from oauthdoctor.model import Finding
from oauthdoctor.probes import REGISTRY, transport
from oauthdoctor.probing import reach
from oauthdoctor.probing.contract import (
    Probe,
    ProbeContext,
    Shared,
    Skipped,
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
    pre = {p.META.id: r for p in REGISTRY if (r := _pre_skip(p, ctx, chosen, transport.sends_in_clear(ctx)))}
    offline = {p.META.id for p in REGISTRY if p.NETWORK and ctx.options.offline and p.META.id not in pre}
    running = [p for p in REGISTRY if p.META.id not in pre and p.META.id not in offline]
    networked = any(p.NETWORK for p in running)
    box = max(ctx.options.timeout * _REQUESTS_PER_PROBE, 1.0)
    async with _http_client(ctx, networked) as client:
        if client is not None:
            run_ctx = ctx

            async def discovery() -> Any:
                return await fetch_discovery(run_ctx, client)

            async def visit(url: str) -> Any:
                return await reach.visit(client, url)

            ctx = dataclasses.replace(ctx, shared=Shared(discovery, visit))
        if networked and on_network:
            on_network(True)
        try:
            results = await asyncio.gather(*(_observe(p, ctx, client, box) for p in running))
        finally:
            if networked and on_network:
                on_network(False)
    observed: dict[str, Any] = {p.META.id: r for p, r in zip(running, results, strict=True)}
    observed.update(dict.fromkeys(offline, Skipped("--offline")))
    prior: dict[str, tuple[Finding, ...]] = {}
    for probe in judge_order(REGISTRY):
        pid = probe.META.id
        if pid in pre:
            result = [skip_finding(probe.META, pre[pid])]
        else:
            result = _judge(probe, dataclasses.replace(ctx, prior=dict(prior)), observed.get(pid))
        prior[pid] = tuple(result)
    return [f for probe in REGISTRY for f in prior[probe.META.id]]


def judge_order(probes: Sequence[Probe]) -> list[Probe]:
    """Registry order, except that a probe comes after the probes its ``JUDGE_AFTER`` names (their findings
    are in its ``ctx.prior``): ``discovery`` weighs metadata against what ``client_auth`` observed."""
    by_id = {p.META.id: p for p in probes}
    done: dict[str, Probe] = {}

    def place(probe: Probe, path: tuple[str, ...]) -> None:
        pid = probe.META.id
        if pid in done:
            return
        if pid in path:
            raise ValueError(f"JUDGE_AFTER cycle: {' → '.join((*path, pid))}")
        for after in getattr(probe, "JUDGE_AFTER", ()):
            if after in by_id:
                place(by_id[after], (*path, pid))
        done[pid] = probe

    for probe in probes:
        place(probe, ())
    return list(done.values())


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


__all__ = ["judge_order", "run", "run_probes", "select"]
