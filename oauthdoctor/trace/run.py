"""``trace`` end to end: read the inputs, run every detection, decide, and return a ``model.Report``.

The report is the same model diagnose and check-env produce, so the JSON, SARIF, GitHub and JUnit renderers
work on it; the timeline rows travel in ``Report.details`` for the views that draw them. A detection that
raises becomes an ``error`` finding naming the bug, never the end of the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from oauthdoctor.model import Finding, Report, Status
from oauthdoctor.trace.decide import decide, link_explanations
from oauthdoctor.trace.detections import DETECTIONS
from oauthdoctor.trace.detections.base import TraceContext
from oauthdoctor.trace.model import Exchange
from oauthdoctor.trace.timeline import Timeline, build_timeline

if TYPE_CHECKING:
    from oauthdoctor.classifier.book import RuleBook
    from oauthdoctor.classifier.result import Explanation

MAX_ROWS = 5000  # timeline rows carried in the report; the counts say how many more there were


def trace_files(files: Sequence[str], provider: str | None = None, client_id: str | None = None,
                since: float | None = None, until: float | None = None) -> Report:
    """Trace the given HAR files and exchange logs (``-`` is stdin) into one report."""
    from oauthdoctor.classifier.book import default_rulebook

    book = default_rulebook()
    forced = book.resolve(provider, strict=True) if provider else None
    hosts: dict[str, str | None] = {}

    def provider_of(host: str, path: str) -> str | None:
        """The host's profile, else the one whose endpoint path this is (a self-hosted Keycloak on any host)."""
        if forced is not None:
            return forced
        if host not in hosts:
            hosts[host] = book.by_host(f"//{host}") if host else None
        return hosts[host] or (book.by_path(f"//{host}{path}") if host else None)

    timeline = build_timeline(files, provider_of, client_id=client_id, since=since, until=until)
    ctx = TraceContext(classifier=_classifier(book, forced), clock_thresholds=_clock_thresholds)
    findings = link_explanations(run_detections(timeline, ctx))
    decision, root_cause = decide(findings)
    providers = sorted({e.provider for e in timeline.oauth if e.provider and e.kind == "token"})
    return Report(
        command="trace", findings=tuple(findings), rules=tuple(d.meta for d in DETECTIONS),
        provider=forced or (providers[0] if len(providers) == 1 else None), decision=decision,
        root_cause=root_cause, files=timeline.files,
        inputs={"files": list(timeline.files), "exchanges_read": timeline.read, "duplicates": timeline.duplicates,
                "exchanges": len(timeline.exchanges), "oauth_exchanges": len(timeline.oauth),
                "provider": provider, "client_id": client_id, "since": since, "until": until,
                "providers_seen": providers},
        details={"timeline": timeline_rows(timeline, findings, ctx)},
    )


def run_detections(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """Every detection in table order; a crash is an ``error`` finding, and the others still run."""
    findings: list[Finding] = []
    for detection in DETECTIONS:
        try:
            findings.extend(detection.run(timeline, ctx))
        except Exception as exc:  # noqa: BLE001 - a bug in one detection must not hide the others
            findings.append(Finding(id=detection.meta.id, status=Status.ERROR, severity=detection.meta.severity,
                                    title=f"the detection crashed: {type(exc).__name__}: {exc}",
                                    hint="This is a bug in oauthdoctor; please report it with the capture's "
                                         "shape (not its secrets)."))
    return findings


def _classifier(book: RuleBook, forced: str | None) -> Any:
    from oauthdoctor.classifier.engine import classify

    def explain(e: Exchange) -> Explanation:
        return classify(e.status, e.body, e.headers or None, provider=forced or e.provider, url=e.url,
                        rulebook=book, grant_type=e.grant_type)

    return explain


def _clock_thresholds(provider: str | None) -> tuple[float, float]:
    from oauthdoctor.profiles.model import Clock

    clock = Clock()
    if provider:
        from oauthdoctor.profiles.loader import get_profile

        clock = get_profile(provider).clock
    return clock.skew_warn_seconds, clock.skew_fail_seconds


def timeline_rows(timeline: Timeline, findings: Sequence[Finding], ctx: TraceContext) -> dict[str, Any]:
    """The OAuth steps (and any other entry a finding names) as JSON-ready rows, fingerprints only."""
    marks: dict[int, list[str]] = {}
    for f in findings:
        if f.is_problem or f.status is Status.ERROR:
            for n in f.evidence.get("entries", ()):
                if f.id not in marks.setdefault(n, []):
                    marks[n].append(f.id)
    rows = [_row(e, timeline.start, marks.get(e.number, []), ctx) for e in timeline.exchanges
            if e.kind != "other" or e.callback is not None or e.number in marks]
    return {"start": timeline.start, "rows": rows[:MAX_ROWS], "row_count": len(rows),
            "other_exchanges": len(timeline.exchanges) - len(timeline.oauth)}


def _row(e: Exchange, start: float, marks: list[str], ctx: TraceContext) -> dict[str, Any]:
    row: dict[str, Any] = {
        "entry": e.number, "t": round(e.started - start, 3), "duration": None if e.ended is None else round(
            e.ended - e.started, 3), "kind": e.kind, "method": e.method, "host": e.host, "path": e.path,
        "source": e.where, "status": e.status, "client_id": e.client_id, "grant_type": e.grant_type,
        "sent": {k: v for k, v in e.sent.items() if k != "client_secret"}, "findings": marks,
    }
    issued: dict[str, Any] = {k: v for k, v in (("access_token", e.issued_access),
                                                 ("refresh_token", e.issued_refresh)) if v}
    if e.expires_in is not None:
        issued["expires_in"] = e.expires_in
    if issued:
        row["issued"] = issued
    if e.bearer:
        row["bearer"] = e.bearer
    if e.callback is not None:
        row["callback"] = {"code": e.callback.code, "state": e.callback.state, "error": e.callback.error}
    if e.origin:
        row["origin"] = e.origin
    if e.failure and e.status is None:
        row["failure"] = e.failure
    if e.failed and e.status is not None and e.kind in ("token", "api"):
        x = ctx.explain(e)
        decided = x.decision if x.conclusive else "none"  # an unread text's base-rate lean decides nothing here
        row.update({"error": e.error or x.error, "class": x.failure_class, "decision": decided})
    return row
