"""The probe contract: what a probe declares, what it may read, and how its findings are built.

A probe is a module that implements ``Probe``: ``META`` (a ``RuleMeta``: id, title, question, severity, link),
``NETWORK`` and ``SENDS_SECRET`` flags, ``async observe(ctx, client)`` that does the I/O with the run's one HTTP
client (``None`` under ``--offline``), and a pure ``judge(ctx, observation) -> list[Finding]``. Probes that
judge configuration alone use ``nothing_to_observe``. An optional ``JUDGE_AFTER`` tuple names probes whose
findings the judge reads in ``ctx.prior`` (the runner judges those first; reporting stays in registry order).
Keeping judgement pure lets the tests drive every verdict from a table of observations without a server.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from oauthdoctor.config.endpoints import ResolvedEndpoints, resolve_endpoints
from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.profiles.model import Profile


@dataclass(frozen=True)
class ProbeOptions:
    """Run-wide knobs from the command line."""

    offline: bool = False
    active: bool = False
    timeout: float = 5.0
    ntp_servers: tuple[tuple[str, int], ...] = ()
    trust_hosts: tuple[str, ...] = ()  # --trust-host: hosts the user vouches for as the provider's


@dataclass(frozen=True)
class Skipped:
    """An observation that did not happen, and why (turned into a ``skip`` finding)."""

    reason: str


class Shared:
    """Work several probes need once per run, memoised: the discovery document, and one plain GET per URL
    (``visit``: does the token endpoint answer, over verified TLS, and with which ``Date``).

    The runner constructs it with the fetchers bound to the run's HTTP client; without one (``--offline``,
    unit tests) nothing is fetched and every answer is a ``Skipped``.
    """

    def __init__(
        self,
        fetch_discovery: Callable[[], Awaitable[Any]] | None = None,
        fetch_visit: Callable[[str], Awaitable[Any]] | None = None,
    ) -> None:
        self._fetch_discovery = fetch_discovery
        self._fetch_visit = fetch_visit
        self._task: asyncio.Task[Any] | None = None
        self._visits: dict[str, asyncio.Task[Any]] = {}

    async def visit(self, url: str) -> Any:
        """One GET of ``url`` without credentials (an ``EndpointVisit``), at most once per run and URL."""
        if self._fetch_visit is None:
            return Skipped("not fetched (offline)")
        if url not in self._visits:
            self._visits[url] = asyncio.ensure_future(self._fetch_visit(url))
        return await asyncio.shield(self._visits[url])

    async def discovery(self) -> Any:
        """The discovery observation (or a Skipped); fetched at most once per run."""
        if self._fetch_discovery is None:
            return Skipped("no discovery document fetched (offline)")
        if self._task is None:
            self._task = asyncio.ensure_future(self._fetch_discovery())
        return await asyncio.shield(self._task)


@dataclass(frozen=True)
class ProbeContext:
    """Everything a probe may read. ``prior`` holds the findings of probes reported before this one."""

    config: ResolvedConfig
    profile: Profile | None
    options: ProbeOptions = field(default_factory=ProbeOptions)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    shared: Shared = field(default_factory=Shared)
    prior: Mapping[str, tuple[Finding, ...]] = field(default_factory=dict)

    @functools.cached_property
    def endpoints(self) -> ResolvedEndpoints:
        """Token, authorize and discovery URLs, worked out once from the configuration and the profile."""
        return resolve_endpoints(self.config, self.profile)

    @property
    def profile_id(self) -> str | None:
        return self.profile.id if self.profile else None


class Probe(Protocol):
    """What the runner, ``--probe``/``--skip``, ``--help``, the SARIF rule table and the docs read of a probe.

    Probe modules implement it (PEP 544 modules-as-protocols); ``probes.REGISTRY`` lists them in report order.
    """

    META: RuleMeta
    NETWORK: bool
    SENDS_SECRET: bool

    async def observe(self, ctx: ProbeContext, client: Any) -> Any: ...

    def judge(self, ctx: ProbeContext, observation: Any) -> list[Finding]: ...


async def nothing_to_observe(ctx: ProbeContext, client: Any) -> None:
    """``observe`` of a probe that judges the configuration alone."""
    return None


_SEVERITY_BY_STATUS = {
    Status.PASS: Severity.INFO,
    Status.SKIP: Severity.INFO,
    Status.ERROR: Severity.WARNING,
    Status.CRASH: Severity.ERROR,
    Status.WARN: Severity.WARNING,
}


def make_finding(
    meta: RuleMeta,
    status: Status,
    title: str,
    *,
    decision: Decision = Decision.NONE,
    failure_class: str | None = None,
    evidence: dict[str, Any] | None = None,
    hint: str | None = None,
    key: str | None = None,
) -> Finding:
    """Build a finding whose severity follows its status (a fail carries the probe's own severity).

    A ``pass`` must name what was observed (``evidence["observed"]``): a pass without an observation is
    a bug in the probe (the run reports it as a crash), never a quiet checkmark.
    """
    if status is Status.PASS and not (evidence or {}).get("observed"):
        raise ValueError(f"{meta.id}: a pass must name its observation in evidence['observed']")
    severity = meta.severity if status is Status.FAIL else _SEVERITY_BY_STATUS[status]
    refs = (meta.help_uri,) if meta.help_uri else ()
    return Finding(
        id=meta.id,
        status=status,
        severity=severity,
        title=title,
        decision=decision,
        failure_class=failure_class,
        evidence=evidence or {},
        hint=hint,
        references=refs,
        key=key,
    )


def skip_finding(meta: RuleMeta, reason: str) -> Finding:
    """The finding for a probe that did not run."""
    return make_finding(meta, Status.SKIP, f"skipped: {reason}")


def crash_finding(meta: RuleMeta, exc: BaseException) -> Finding:
    """A probe raised: a bug in oauthdoctor, reported as such (exit 4) while the rest of the report renders."""
    return make_finding(
        meta, Status.CRASH, f"the {meta.id} probe crashed: {type(exc).__name__}: {exc}",
        hint="This is a bug in oauthdoctor, not in your setup; please report it with this output.",
    )


def error_finding(
    meta: RuleMeta,
    message: str,
    *,
    failure_class: str | None = None,
    decision: Decision = Decision.NONE,
    evidence: dict[str, Any] | None = None,
) -> Finding:
    """The finding for a probe that could not decide (network fault, timeout, or a bug in the probe)."""
    return make_finding(
        meta, Status.ERROR, message, failure_class=failure_class, decision=decision, evidence=evidence
    )
