"""Detections over the authorization-code flow: a code redeemed twice, a redirect URI that changed between
the authorization request and the token request, a PKCE verifier that does not fit, a foreign state.

All four need to know which authorization request produced a code: the callback that carried the code names
its ``state``, and the state names the request. Without a callback in the capture, the client's latest
authorization request before the redemption stands in.
"""

from __future__ import annotations

from collections import defaultdict

from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.trace.detections.base import (
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

RFC6749_CODE = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2"
RFC6749_TOKEN = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.3"
RFC7636 = "https://datatracker.ietf.org/doc/html/rfc7636#section-4.6"
RFC6749_CSRF = "https://datatracker.ietf.org/doc/html/rfc6749#section-10.12"

CODE_REUSE = RuleMeta("code_reuse", "Authorization code redeemed more than once",
                      "Was any authorization code sent to the token endpoint more than once?", Severity.ERROR,
                      RFC6749_CODE)
REDIRECT_URI_DRIFT = RuleMeta("redirect_uri_drift", "redirect_uri differs between authorization and token request",
                              "Does each token request send the redirect_uri of the authorization request that "
                              "produced its code, byte for byte?", Severity.ERROR, RFC6749_TOKEN)
PKCE_MISMATCH = RuleMeta("pkce_mismatch", "PKCE verifier missing or not matching the challenge",
                         "Does each code redemption send a code_verifier whose S256 is the authorization "
                         "request's code_challenge?", Severity.ERROR, RFC7636)
STATE_MISMATCH = RuleMeta("state_mismatch", "Callback state matches no authorization request",
                          "Does every callback carry the state of an authorization request in the capture?",
                          Severity.ERROR, RFC6749_CSRF)

# An identical-string rule: the token endpoint compares redirect_uri with what the authorization request sent.
_IDENTICAL_RULE_NAME = "identical to the authorization request (RFC 6749 §4.1.3)"


def redemptions(timeline: Timeline) -> list[Exchange]:
    """Token requests that redeem an authorization code."""
    return [e for e in timeline.exchanges
            if e.kind == "token" and e.grant_type == "authorization_code" and e.sent.get("code")]


def origin_of(redemption: Exchange, timeline: Timeline) -> Exchange | None:
    """The authorization request that produced the redeemed code, or None when the capture lacks it."""
    code = redemption.sent.get("code")
    state = next((e.callback.state for e in reversed(timeline.exchanges) if e.callback is not None
                  and e.callback.code == code and e.started <= redemption.started), None)
    authorizes = [e for e in timeline.exchanges if e.kind == "authorize" and e.started <= redemption.started]
    if state is not None:
        found = next((e for e in reversed(authorizes) if e.sent.get("state") == state), None)
        if found is not None:
            return found
    same_client = [e for e in authorizes if redemption.client_id in (None, e.client_id)]
    return same_client[-1] if same_client else None


def linked_pairs(timeline: Timeline, needed: str) -> list[tuple[Exchange, Exchange]]:
    """(authorization request, redemption) pairs whose authorization request sent parameter ``needed``."""
    pairs = []
    for redemption in redemptions(timeline):
        origin = origin_of(redemption, timeline)
        if origin is not None and origin.sent.get(needed):
            pairs.append((origin, redemption))
    return pairs


def code_reuse(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """One code, several redemptions: name every one and what the second answer was."""
    found = redemptions(timeline)
    if not found:
        return [skipped(CODE_REUSE, "no authorization-code token request in the capture")]
    by_code: dict[str, list[Exchange]] = defaultdict(list)
    for e in found:
        by_code[e.sent["code"]].append(e)
    out = []
    for code, group in by_code.items():
        if len(group) < 2:
            continue
        first, second = group[0], group[1]
        answers = [_answer(e, ctx) for e in group]
        gap = second.started - first.started
        klass = ctx.failure_class(second) if second.failed else None
        out.append(finding(
            CODE_REUSE, Status.FAIL,
            f"authorization code {code} was redeemed {len(group)} times ({refs(numbers(group))}); the second "
            f"answer was {answers[1]['answer']}", group, decision=Decision.FIX_CONFIG, failure_class=klass,
            evidence={"code": code, "answers": answers, "gap_seconds": round(gap, 3)},
            hint=("A code is good for one redemption. Make the callback handler exchange each code once (remember "
                  "the codes it has redeemed) and never retry the exchange after a timeout; many servers revoke "
                  "the tokens of the first redemption too, so the user must sign in again."),
        ))
    return out or [passed(CODE_REUSE, f"{len(by_code)} authorization code(s), each redeemed once", found)]


def _answer(e: Exchange, ctx: TraceContext) -> dict[str, object]:
    if e.failure is not None and e.status is None:
        return {"entry": e.number, "answer": f"no answer ({e.failure})"}
    if e.failed:
        return {"entry": e.number, "status": e.status, "error": e.error,
                "answer": f"{e.status} {e.error or ctx.failure_class(e)}"}
    return {"entry": e.number, "status": e.status, "answer": f"{e.status} with tokens"}


def redirect_uri_drift(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """The redirect_uri of the token request against that of the authorization request, by the redirect
    engine under an identical-string rule, so the difference is named and located."""
    pairs = linked_pairs(timeline, "redirect_uri")
    if not pairs:
        return [skipped(REDIRECT_URI_DRIFT, "no code redemption whose authorization request (with a redirect_uri) "
                                            "is in the capture")]
    out = []
    for authorize, token in pairs:
        sent, registered = token.sent.get("redirect_uri"), authorize.sent["redirect_uri"]
        if sent == registered:
            continue
        differences = _differences(registered, sent)
        title = (f"the token request #{token.number} left out the redirect_uri that the authorization request "
                 f"#{authorize.number} sent" if sent is None else
                 f"the token request #{token.number} sent redirect_uri {sent!r}, the authorization request "
                 f"#{authorize.number} {registered!r}")
        out.append(finding(
            REDIRECT_URI_DRIFT, Status.FAIL, title,
            [authorize, token], decision=Decision.FIX_CONFIG,
            failure_class=ctx.failure_class(token) if token.failed else None,
            evidence={"authorization_redirect_uri": registered, "token_redirect_uri": sent,
                      "differences": differences},
            hint=("Send the token request the exact redirect_uri string of the authorization request: build it "
                  "once from configuration, not from the incoming request's Host, scheme or proxy headers."),
            fix=f"redirect_uri={registered}",
        ))
    return out or [passed(REDIRECT_URI_DRIFT, f"{len(pairs)} code redemption(s) sent their authorization "
                                              "request's redirect_uri byte for byte",
                          [e for pair in pairs for e in pair])]


def _differences(registered: str, sent: str | None) -> list[dict[str, object]]:
    if sent is None:
        return [{"kind": "missing", "position": None, "explanation": "The token request has no redirect_uri, "
                 "but the authorization request had one (RFC 6749 §4.1.3 requires it then)."}]
    from oauthdoctor.profiles.redirect_schema import LoopbackRule, RedirectRule
    from oauthdoctor.redirect.engine import compare_with_rule

    rule = RedirectRule(name=_IDENTICAL_RULE_NAME, loopback=LoopbackRule(enabled=False), https_required="never")
    match = compare_with_rule([registered], sent, rule)
    return [{"kind": d.kind, "position": d.position, "authorization": d.registered, "token": d.sent,
             "explanation": d.explanation} for d in match.differences if not d.tolerated]


def pkce_mismatch(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """A challenge in the authorization request needs its verifier in the redemption."""
    pairs = linked_pairs(timeline, "code_challenge")
    if not pairs:
        return [skipped(PKCE_MISMATCH, "no code redemption whose authorization request sent a code_challenge "
                                       "is in the capture")]
    out: list[Finding] = []
    checked: list[Exchange] = []
    for authorize, token in pairs:
        method = authorize.sent.get("code_challenge_method", "plain")
        verifier = token.sent.get("code_verifier")
        if verifier is None:
            problem = (f"sent no code_verifier, although the authorization request #{authorize.number} sent a "
                       "code_challenge")
        else:
            derived = token.sent.get("code_verifier_s256") if method == "S256" else verifier
            if derived is None:
                continue  # the verifier is only a fingerprint: its S256 cannot be computed from here
            if derived == authorize.sent["code_challenge"]:
                checked.extend((authorize, token))
                continue
            problem = (f"sent a code_verifier whose {method} is not the code_challenge of the authorization "
                       f"request #{authorize.number}")
        out.append(finding(
            PKCE_MISMATCH, Status.FAIL,
            f"the token request #{token.number} {problem}",
            [authorize, token], decision=Decision.FIX_CONFIG,
            failure_class=ctx.failure_class(token) if token.failed else None,
            evidence={"code_challenge": authorize.sent["code_challenge"], "code_challenge_method": method,
                      "code_verifier": verifier, "code_verifier_s256": token.sent.get("code_verifier_s256")},
            hint=("Keep the code_verifier with the login attempt that made the challenge (per state, not per "
                  "user or process) and send that one; never generate a new verifier at redemption time."),
        ))
    if out:
        return out
    if not checked:
        return [skipped(PKCE_MISMATCH, "every code_verifier in the capture is a fingerprint without its S256: "
                                       "record with oauthdoctor.record to keep it")]
    return [passed(PKCE_MISMATCH, f"{len(checked) // 2} code redemption(s) sent the verifier of their challenge",
                   checked)]


def state_mismatch(timeline: Timeline, ctx: TraceContext) -> list[Finding]:
    """Every callback's state must be one this client sent in an authorization request."""
    authorizes = timeline.of_kind("authorize")
    if not authorizes:
        return [skipped(STATE_MISMATCH, "no authorization request in the capture to match callbacks against")]
    callbacks = _callbacks(timeline)
    if not callbacks:
        return [skipped(STATE_MISMATCH, "no callback (redirect back with code or error) in the capture")]
    out = []
    for callback in callbacks:
        assert callback.callback is not None
        state = callback.callback.state
        earlier = [a for a in authorizes if a.started <= callback.started]
        if state is not None and any(a.sent.get("state") == state for a in earlier):
            continue
        latest = earlier[-1] if earlier else None
        what = "carries no state" if state is None else f"carries state {state}"
        late = f", {seconds(callback.started - latest.started)} after #{latest.number}" if latest else ""
        out.append(finding(
            STATE_MISMATCH, Status.FAIL,
            f"the callback #{callback.number} {what}, which no authorization request in the capture sent{late}",
            [callback] + ([latest] if latest else []), decision=Decision.FIX_CONFIG,
            evidence={"callback_state": state, "authorization_states": {
                f"#{a.number}": a.sent.get("state") for a in earlier[-5:]}},
            hint=("A callback for a login this client did not start: another tab or an older attempt, a "
                  "bookmarked callback URL, a state kept in a session cookie that was lost (SameSite, another "
                  "host name), or a forged request (login CSRF). Keep the state per login attempt and refuse "
                  "callbacks whose state is unknown."),
        ))
    return out or [passed(STATE_MISMATCH, f"{len(callbacks)} callback(s), each with the state of an "
                                          "authorization request", callbacks)]


def _callbacks(timeline: Timeline) -> list[Exchange]:
    """Callbacks once each: a redirect seen both as the server's Location and as the request that followed
    it counts once (the request)."""
    direct = [e for e in timeline.exchanges if e.callback is not None and not e.callback.via_redirect]
    seen = {(e.callback.code, e.callback.state) for e in direct if e.callback is not None}
    via = [e for e in timeline.exchanges if e.callback is not None and e.callback.via_redirect
           and (e.callback.code, e.callback.state) not in seen]
    return sorted(direct + via, key=lambda e: e.number)
