"""Detections over the answers: every failing token response classified, errors hidden in an HTTP 200,
a client hammering the token endpoint after an answer that no retry can change, and refreshes that wait
for a 401 instead of the access token's ``expires_in``.
"""

from __future__ import annotations

from collections import defaultdict

from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.trace.detections.base import (
    NON_RETRYABLE,
    TraceContext,
    finding,
    numbers,
    passed,
    refs,
    seconds,
    skipped,
)
from oauthdoctor.trace.model import Exchange
from oauthdoctor.trace.timeline import Timeline

RFC6749_ERRORS = "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2"
RFC6750_ERRORS = "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1"

TOKEN_ERROR = RuleMeta("token_error", "Failing token response",
                       "Which token responses failed, and what does the classifier make of each?", Severity.ERROR,
                       RFC6749_ERRORS)
ERROR_IN_200 = RuleMeta("error_in_200", "Provider error inside an HTTP 200",
                        "Did a provider answer an error with HTTP 200 (an error field, or ok: false)?",
                        Severity.ERROR, RFC6749_ERRORS)
RETRY_STORM = RuleMeta("retry_storm", "Token requests repeated after a non-retryable error",
                       "After invalid_grant, invalid_client or unauthorized_client, did the client stop sending "
                       "the same request?", Severity.ERROR, RFC6749_ERRORS)
LATE_REFRESH = RuleMeta("late_refresh", "Access token refreshed only after it failed",
                        "Did API calls carry access tokens past their expires_in (answered 401)?", Severity.WARNING,
                        RFC6750_ERRORS)

_DECISIONS = {"reauth": Decision.REAUTH, "fix_config": Decision.FIX_CONFIG, "retry": Decision.RETRY}


def _decision(value: str) -> Decision:
    return _DECISIONS.get(value, Decision.NONE)


def token_error(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """Every failed token answer through explain's classifier, grouped by what it is."""
    tokens = timeline.of_kind("token")
    if not tokens:
        return [skipped(TOKEN_ERROR, "no token request in the capture")]
    failed = [e for e in tokens if e.failed and e.status is not None]
    groups: dict[tuple[object, ...], list[Exchange]] = defaultdict(list)
    for e in failed:
        x = ctx.explain(e)
        decided = x.decision if x.conclusive else "none"  # an unread text's base-rate lean decides nothing here
        groups[(x.failure_class, x.cause, decided, x.provider, e.status, e.error, e.host)].append(e)
    out = []
    for (klass, cause, decision, provider, status, error, host), group in groups.items():
        x = ctx.explain(group[0])
        times = f"{len(group)}× " if len(group) > 1 else ""
        out.append(finding(
            TOKEN_ERROR, Status.FAIL,
            f"{times}{status} {error or klass} from {host} ({refs(numbers(group))}): {x.summary}", group,
            severity=Severity.WARNING if decision == "retry" else Severity.ERROR, decision=_decision(str(decision)),
            failure_class=str(klass),
            evidence={"class": klass, "cause": cause, "decision": decision, "provider": provider, "status": status,
                      "error": error, "error_description": group[0].error_description,
                      "count": len(group), "confidence": x.confidence,
                      **({"basis": x.basis} if x.basis is not None else {})},
            hint=x.hints[0] if x.hints else None,
        ))
    return out or [passed(TOKEN_ERROR, f"{len(tokens)} token request(s), none failed", tokens)]


def error_in_200(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """A 2xx answer carrying an error: a client that checks only the status takes it for tokens."""
    answered = [e for e in timeline.exchanges if e.kind in ("token", "api") and e.status is not None
                and 200 <= e.status < 300]
    if not answered:
        return [skipped(ERROR_IN_200, "no 2xx answer from a token endpoint or API in the capture")]
    hidden = [e for e in answered if e.error is not None or e.ok_false]
    groups: dict[tuple[str, str, str], list[Exchange]] = defaultdict(list)
    for e in hidden:
        groups[(e.kind, e.host, e.error or "ok_false")].append(e)
    out = []
    for (kind, host, error), group in groups.items():
        x = ctx.explain(group[0])
        shape = "ok: false" if group[0].ok_false else f"error={error}"
        out.append(finding(
            ERROR_IN_200, Status.FAIL,
            f"{host} answered {len(group)} {kind} request(s) with HTTP {group[0].status} and {shape} "
            f"({refs(numbers(group))}): {x.failure_class}", group, decision=Decision.FIX_CONFIG,
            failure_class=x.failure_class,
            evidence={"error": error, "ok_false": group[0].ok_false, "class": x.failure_class, "cause": x.cause,
                      "provider": x.provider, "status": group[0].status},
            hint=(f"This provider reports errors with HTTP {group[0].status}: check the body ({shape}) before "
                  "using it as tokens or data; a status check alone passes the error on as success."),
        ))
    return out or [passed(ERROR_IN_200, f"{len(answered)} 2xx answer(s), none with an error in the body", answered)]


def _credential(e: Exchange) -> tuple[str, str] | None:
    for key in ("refresh_token", "code", "client_assertion", "device_code", "client_secret"):
        if e.sent.get(key):
            return key, e.sent[key]
    return None


def retry_storm(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """After a non-retryable answer, the same request again and again."""
    tokens = [e for e in timeline.of_kind("token") if e.status is not None]
    dead = [e for e in tokens if e.failed and ctx.failure_class(e) in NON_RETRYABLE]
    if not dead:
        return [skipped(RETRY_STORM, "no invalid_grant, invalid_client or unauthorized_client answer in the "
                                     "capture")]
    out, reported = [], set()
    for first in dead:
        key = (first.client_id, first.grant_type, _credential(first), first.host)
        if key in reported:
            continue
        repeats = [e for e in tokens if e.started > first.started
                   and (e.client_id, e.grant_type, _credential(e), e.host) == key]
        if len(repeats) < ctx.storm_repeats:
            continue
        reported.add(key)
        klass = ctx.failure_class(first)
        span = repeats[-1].started - first.started
        rate = len(repeats) / span * 60 if span > 0 else float(len(repeats))
        what = key[2][0] if key[2] else "client"
        out.append(finding(
            RETRY_STORM, Status.FAIL,
            f"{len(repeats)} more {first.grant_type or 'token'} request(s) with the same {what} after {klass} "
            f"at #{first.number}, over {seconds(span)} ({rate:.1f}/min): {refs(numbers(repeats))}",
            [first, *repeats], decision=Decision.FIX_CONFIG, failure_class=klass,
            evidence={"first_refusal": first.number, "repeats": len(repeats), "span_seconds": round(span, 3),
                      "per_minute": round(rate, 1), "class": klass, "credential": what,
                      "answers": sorted({f"{e.status} {e.error or ''}".strip() for e in repeats})},
            hint=(f"{klass} does not go away on a retry with the same request: stop, drop the stored grant "
                  "and send the user through authorization (or fix the client credentials). Retry only on "
                  "5xx, 429 and network errors, with backoff — a loop like this gets a client rate-limited or "
                  "blocked."),
        ))
    return out or [passed(RETRY_STORM, f"{len(dead)} non-retryable answer(s), none followed by "
                                       f"{ctx.storm_repeats} or more repeats of the same request", dead)]


def late_refresh(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """API calls refused with 401 after the access token's expires_in had run out."""
    issued = {e.issued_access: e for e in timeline.of_kind("token")
              if e.issued_access and e.expires_in is not None and not e.failed}
    calls = [e for e in timeline.of_kind("api") if e.bearer in issued]
    if not calls:
        return [skipped(LATE_REFRESH, "no API call with an access token whose issue (and expires_in) is in the "
                                      "capture")]
    late = []
    for call in calls:
        if call.status != 401 or (call.www_authenticate_error or call.error or "invalid_token") != "invalid_token":
            continue
        origin = issued[call.bearer or ""]
        expired_for = call.started - (origin.finished + (origin.expires_in or 0.0))
        if expired_for > 0:
            late.append((call, origin, expired_for))
    if not late:
        return [passed(LATE_REFRESH, f"{len(calls)} API call(s), none sent an expired access token", calls)]
    involved: list[Exchange] = []
    refreshed_after = []
    for call, origin, _ in late:
        involved += [origin, call]
        follow = next((e for e in timeline.of_kind("token") if e.started >= call.started
                       and e.grant_type == "refresh_token" and e.client_id in (None, origin.client_id)), None)
        if follow is not None:
            involved.append(follow)
            refreshed_after.append(follow.number)
    first_call, first_origin, first_gap = late[0]
    tail = f"; the client refreshed only afterwards ({refs(refreshed_after)})" if refreshed_after else ""
    return [finding(
        LATE_REFRESH, Status.WARN,
        f"{len(late)} API call(s) sent an access token after its expires_in had run out and got 401 "
        f"({refs(numbers(c for c, _, _ in late))}); #{first_call.number} used the token of #{first_origin.number} "
        f"{seconds(first_gap)} after it expired{tail}", involved, decision=Decision.FIX_CONFIG,
        failure_class="invalid_token",
        evidence={"late_calls": numbers(c for c, _, _ in late), "issued_at": numbers(o for _, o, _ in late),
                  "expired_for_seconds": [round(g, 3) for _, _, g in late][:20], "refreshed_after": refreshed_after},
        hint=("Refresh shortly before expires_in runs out (for example 60 s early, measured from when the answer "
              "arrived) instead of waiting for a 401; then a 401 means revoked, not expired."),
    )]
