"""Probe ``redirect_uri``: would the provider accept the redirect URI the app sends?

The comparison is diff-redirect's engine with the provider's own matching rule (exact, GitHub's
subdirectory rule, loopback port freedom ...), so a trailing slash or a host-case difference is named
exactly. Independently of the registration, a non-loopback ``http`` redirect is refused by providers.
"""

from __future__ import annotations

from typing import Any

from oauthdoctor.checks.redirects import callback_limit, redirect_shape
from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.probing.contract import ProbeContext, make_finding, nothing_to_observe, skip_finding

META = RuleMeta(
    id="redirect_uri",
    title="Redirect URI",
    question="Does the redirect URI the app sends match a registered one under the provider's rule?",
    severity=Severity.ERROR,
    help_uri="https://datatracker.ietf.org/doc/html/rfc9700#section-4.1",
)
NETWORK = False
SENDS_SECRET = False
observe = nothing_to_observe

HINT_REGISTER = (
    "Make OAUTH_REDIRECT_URI byte-identical to a registered redirect URI (or register the one you send)."
)


def compare(sent: str, registered: list[str], ctx: ProbeContext) -> Any:
    """diff-redirect's engine under the profile's rule."""
    from oauthdoctor.redirect import RedirectRule, compare_with_rule

    rule = ctx.profile.redirect if ctx.profile is not None else RedirectRule()
    client_type = "native" if ctx.config.get("client_type") == "native" else "web"
    return compare_with_rule(registered, sent, rule, client_type, provider=ctx.profile_id or "generic")


_SHAPE_WORDS = {
    "not_absolute": ("is not an absolute URI", "Send the full callback URL, e.g. https://app.example.com/callback."),
    "fragment": ("has a fragment ('#...'), which RFC 6749 §3.1.2 forbids", "Remove everything from '#'."),
    "http_not_loopback": ("uses http on a host that is not loopback (providers require https)",
                          "Serve the callback over https; only loopback redirects may use http."),
}


def _differences(result: Any) -> list[str]:
    diffs = getattr(result, "differences", None) or ()
    return [d.explanation for d in diffs if not d.tolerated]


def _sentence_part(text: str) -> str:
    """``Only the sent URI ...`` → ``only the sent URI ...`` (a clause after a colon, no final period)."""
    text = text.rstrip(".")
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def judge(ctx: ProbeContext, observation: object = None) -> list[Finding]:
    """Scheme first (independent of the registration), then the comparison with the provider's rule."""
    sent = ctx.config.get("redirect_uri")
    if not sent:
        return [skip_finding(META, "no OAUTH_REDIRECT_URI configured")]
    registered = ctx.config.items("registered_redirect_uris")
    out: list[Finding] = []
    for problem in redirect_shape(sent):
        words, hint = _SHAPE_WORDS[problem.kind]
        out.append(
            make_finding(
                META,
                Status.FAIL,
                f"the redirect URI {words}",
                decision=Decision.FIX_CONFIG,
                failure_class="invalid_request",
                evidence={"expected": "https://…", "actual": sent, "problem": problem.kind},
                hint=hint,
                key="OAUTH_REDIRECT_URI",
            )
        )
    limit = callback_limit(ctx.profile, ctx.config.get("client_id"), ctx.config.get("app_kind"))
    if limit is not None and ctx.profile is not None and len(registered) > limit.count:
        app = f"a {limit.app} (by its {limit.how})" if limit.app else ctx.profile.name
        out.append(
            make_finding(
                META,
                Status.WARN,
                f"{len(registered)} callback URLs are registered, but {app} allows {limit.count}",
                decision=Decision.FIX_CONFIG,
                evidence={"registered": registered, "limit": limit.count, "app": limit.app, "decided_by": limit.how,
                          "basis": limit.basis},
                hint="Keep the registered callback URLs within the provider's limit (one app per environment, or "
                "environments that share one callback URL).",
                key="OAUTH_REGISTERED_REDIRECT_URIS",
            )
        )
    if not registered:
        if not out:
            out.append(skip_finding(META, "OAUTH_REGISTERED_REDIRECT_URIS not set: nothing to compare with"))
        return out
    result = compare(sent, registered, ctx)
    evidence: dict[str, Any] = {"actual": sent, "registered": registered}
    if ctx.profile is not None:
        evidence["basis"] = ctx.profile.redirect.basis  # how firm the matching rule this verdict applies is
    rule = getattr(result, "rule", None)
    if rule:
        evidence["rule"] = str(rule)
    if getattr(result, "accepted", False):
        evidence["matched"] = getattr(result, "matched", None)
        evidence["observed"] = f"{sent} compared with {len(registered)} registered URI(s) under {rule or 'the rule'}"
        if getattr(result, "warnings", None):
            evidence["warnings"] = list(result.warnings)
        out.append(
            make_finding(META, Status.PASS, "the redirect URI matches a registered one", evidence=evidence)
        )
        return out
    closest = getattr(result, "closest", None)
    evidence["expected"] = closest if closest else registered
    diffs = _differences(result)
    if diffs:
        evidence["differences"] = diffs
    detail = f": {_sentence_part(diffs[0])}" if diffs else ""
    out.append(
        make_finding(
            META,
            Status.FAIL,
            f"the redirect URI is not registered{detail}",
            decision=Decision.FIX_CONFIG,
            failure_class="redirect_uri_mismatch",
            evidence=evidence,
            hint=getattr(result, "fix", None) or HINT_REGISTER,
            key="OAUTH_REDIRECT_URI",
        )
    )
    return out
