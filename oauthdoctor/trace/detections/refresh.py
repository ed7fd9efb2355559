"""Detections over refresh-token use: concurrent refreshes of one rotating token, a token kept after it was
rotated, and a refresh answer without ``refresh_token`` that wiped the stored one.

Refreshes are grouped by the fingerprint of the refresh token they sent, so "the same token twice" is seen
without the token. Two uses of one token are a race when the second started before the first answer was in
(or within ``race_window`` of it: the second process read the store before the first wrote it); later uses
are stale.
"""

from __future__ import annotations

from collections import defaultdict

from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.record.wire import SENTINELS
from oauthdoctor.trace.detections.base import TraceContext, finding, numbers, passed, refs, seconds, skipped
from oauthdoctor.trace.model import Exchange
from oauthdoctor.trace.timeline import Timeline

RFC9700_ROTATION = "https://datatracker.ietf.org/doc/html/rfc9700#section-4.14.2"
RFC6749_REFRESH = "https://datatracker.ietf.org/doc/html/rfc6749#section-6"

REFRESH_RACE = RuleMeta("refresh_race", "Concurrent refreshes of one refresh token",
                        "Did two or more refreshes send the same refresh token at (nearly) the same time, one "
                        "failing while another got a fresh pair?", Severity.ERROR, RFC9700_ROTATION)
STALE_REFRESH_TOKEN = RuleMeta("stale_refresh_token", "Refresh token used after it was rotated",
                               "Was a refresh token sent again after an answer had already replaced it?",
                               Severity.ERROR, RFC9700_ROTATION)
LOST_REFRESH_TOKEN = RuleMeta("lost_refresh_token", "Refresh token lost after an answer without one",
                              "After a refresh answer without refresh_token, did the client keep its refresh "
                              "token?", Severity.ERROR, RFC6749_REFRESH)


def refreshes(timeline: Timeline) -> list[Exchange]:
    """Token requests with ``grant_type=refresh_token`` (with or without the token itself)."""
    return [e for e in timeline.exchanges if e.kind == "token" and e.grant_type == "refresh_token"]


def _groups(timeline: Timeline) -> dict[str, list[Exchange]]:
    groups: dict[str, list[Exchange]] = defaultdict(list)
    for e in refreshes(timeline):
        token = e.sent.get("refresh_token")
        if token and token not in SENTINELS:
            groups[token].append(e)
    return groups


def _clusters(group: list[Exchange], window: float) -> list[list[Exchange]]:
    """Uses of one token that overlap or follow each other within ``window`` seconds."""
    clusters: list[list[Exchange]] = []
    end = float("-inf")
    for e in group:
        if clusters and e.started <= end + window:
            clusters[-1].append(e)
        else:
            clusters.append([e])
            end = float("-inf")
        end = max(end, e.finished)
    return clusters


def refresh_race(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """Clusters with a winner (a fresh pair) and a loser (an error): the rotating-token race."""
    groups = _groups(timeline)
    if not groups:
        return [skipped(REFRESH_RACE, "no refresh request in the capture")]
    out = []
    for token, group in groups.items():
        for cluster in _clusters(group, ctx.race_window):
            winners = [e for e in cluster if not e.failed]
            losers = [e for e in cluster if e.failed and e.status is not None]
            if not winners or not losers:
                continue
            after = _fallout(timeline, winners, max(e.number for e in cluster))
            overlap = cluster[1].started < cluster[0].finished
            gap = cluster[1].started - cluster[0].started
            origins = sorted({e.origin for e in cluster if e.origin})
            who = f" from {len(origins)} processes ({', '.join(origins)})" if len(origins) > 1 else ""
            klass = ctx.failure_class(losers[0])
            title = (f"{len(cluster)} refreshes sent refresh token {token}{who} "
                     f"{'at the same time' if overlap else f'within {seconds(gap)}'} ({refs(numbers(cluster))}): "
                     f"#{winners[0].number} got a fresh pair, #{losers[0].number} got {klass}")
            if after:
                title += f"; the server then refused the winner's tokens too ({refs(numbers(after))})"
            out.append(finding(
                REFRESH_RACE, Status.FAIL, title, cluster + after, decision=Decision.FIX_CONFIG,
                failure_class=klass,
                evidence={"refresh_token": token, "winners": numbers(winners), "losers": numbers(losers),
                          "overlapping": overlap, "start_gap_seconds": round(gap, 3), "origins": origins,
                          "fallout": numbers(after),
                          "rotated_to": sorted({e.issued_refresh for e in winners if e.issued_refresh})},
                hint=("Serialise refreshes of one grant: a single-flight lock (per refresh token, across every "
                      "worker — a database row lock or a distributed lock) so one process refreshes and the "
                      "others wait for and reuse its answer. A server that detects the reuse revokes the whole "
                      "grant, so after the fix the user signs in once more."),
            ))
    used = [e for group in groups.values() for e in group]
    return out or [passed(REFRESH_RACE, f"{len(used)} refresh(es) of {len(groups)} refresh token(s), none "
                                        "concurrent with a failing one", used)]


def _fallout(timeline: Timeline, winners: list[Exchange], after: int) -> list[Exchange]:
    """Later uses of the winner's fresh tokens that failed: the server revoked the grant on reuse."""
    fresh_refresh = {e.issued_refresh for e in winners if e.issued_refresh}
    fresh_access = {e.issued_access for e in winners if e.issued_access}
    return [e for e in timeline.exchanges if e.number > after and e.failed and e.status is not None and (
        (e.kind == "token" and e.sent.get("refresh_token") in fresh_refresh)
        or (e.kind == "api" and e.bearer in fresh_access))]


def stale_refresh_token(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """A use of a token after (and not concurrent with) an answer that rotated it."""
    groups = _groups(timeline)
    if not groups:
        return [skipped(STALE_REFRESH_TOKEN, "no refresh request in the capture")]
    out = []
    rotations = 0
    for token, group in groups.items():
        rotated = [e for e in group if not e.failed and e.issued_refresh and e.issued_refresh != token]
        rotations += len(rotated)
        if not rotated:
            continue
        first = rotated[0]
        clustered = next(c for c in _clusters(group, ctx.race_window) if first in c)
        stale = [e for e in group if e.started > first.finished and e not in clustered]
        if not stale:
            continue
        failed = [e for e in stale if e.failed]
        accepted = len(failed) < len(stale)
        answer = (f"the server refused it ({ctx.failure_class(failed[0])})" if failed else
                  "the server still accepted it (a grace period or no rotation enforcement)")
        out.append(finding(
            STALE_REFRESH_TOKEN, Status.FAIL if failed else Status.WARN,
            f"refresh token {token} was sent again at {refs(numbers(stale))} after #{first.number} had rotated it "
            f"to {first.issued_refresh} ({seconds(stale[0].started - first.finished)} later); {answer}",
            [first, *stale], severity=None if failed else Severity.WARNING, decision=Decision.FIX_CONFIG,
            failure_class=ctx.failure_class(failed[0]) if failed else None,
            evidence={"refresh_token": token, "rotated_at": first.number, "rotated_to": first.issued_refresh,
                      "stale_uses": numbers(stale), "refused": numbers(failed), "accepted": accepted},
            hint=("Store the refresh token from every refresh answer before using the new access token, and "
                  "read it fresh for the next refresh; a cached copy (another process, a config file, an "
                  "environment variable) still holds the old one."),
        ))
    if out:
        return out
    if not rotations:
        return [skipped(STALE_REFRESH_TOKEN, "no refresh answer in the capture rotated its refresh token")]
    return [passed(STALE_REFRESH_TOKEN, f"{rotations} rotation(s), the old token never sent again",
                   [e for g in groups.values() for e in g])]


def lost_refresh_token(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """A successful refresh answer without ``refresh_token``, and what the client did next."""
    all_refreshes = refreshes(timeline)
    bare = [e for e in all_refreshes if not e.failed and e.issued_access and not e.issued_refresh]
    if not bare:
        reason = ("every successful refresh answer in the capture carried a refresh_token" if all_refreshes
                  else "no refresh request in the capture")
        return [skipped(LOST_REFRESH_TOKEN, reason)]
    out, kept = [], []
    for answer in bare:
        token = answer.sent.get("refresh_token")
        later = [e for e in timeline.exchanges if e.number > answer.number and e.kind in ("token", "authorize")
                 and (answer.client_id in (None, e.client_id))]
        following = next((e for e in later if e.kind == "token" and e.grant_type == "refresh_token"), None)
        if following is not None:
            sent = following.sent.get("refresh_token")
            if sent is not None and sent not in SENTINELS:
                kept.append(answer)
                continue
            what = "no refresh_token at all" if sent is None else f"refresh_token={sent!r}"
            title = (f"the refresh answer #{answer.number} had no refresh_token, and the next refresh "
                     f"#{following.number} sent {what}: the client replaced its stored token with nothing")
            involved = [answer, following]
        else:
            restart = next((e for e in later if e.kind == "authorize"), None)
            if restart is None:
                continue  # the capture ends before the client needed its refresh token again
            title = (f"the refresh answer #{answer.number} had no refresh_token, and the client never refreshed "
                     f"again: #{restart.number} sent the user back through authorization")
            involved = [answer, restart]
        out.append(finding(
            LOST_REFRESH_TOKEN, Status.FAIL, title, involved, decision=Decision.FIX_CONFIG,
            failure_class=ctx.failure_class(involved[1]) if involved[1].failed else None,
            evidence={"refresh_token": token, "answer_without_refresh_token": answer.number,
                      "next": involved[1].number},
            hint=("A refresh answer may leave refresh_token out (RFC 6749 §6): the old one stays valid. Merge "
                  "the answer into the stored grant — keep the stored refresh_token unless the answer brings a "
                  "new one — instead of replacing the stored record."),
        ))
    if out:
        return out
    if not kept:
        return [skipped(LOST_REFRESH_TOKEN, "the capture ends before the client needed its refresh token again")]
    return [passed(LOST_REFRESH_TOKEN, f"{len(kept)} refresh answer(s) without refresh_token, and the client "
                                       "kept its token", kept)]
