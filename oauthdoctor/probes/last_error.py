"""Probe ``last_error``: what does the error the app actually got mean, given everything else we found?

A bare ``invalid_grant`` has half a dozen causes; the other probes usually tell which one it is. This
probe classifies ``OAUTH_LAST_ERROR`` with explain's classifier and then ties it to the finding that
explains it (skewed clock → fix the clock; Testing-mode expiry → publish the app; a redirect mismatch →
the redirect_uri finding), so the report ends in one root cause instead of a list of symptoms.
"""

from __future__ import annotations

from typing import Any

from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.probing.contract import ProbeContext, make_finding, nothing_to_observe, skip_finding

META = RuleMeta(
    id="last_error",
    title="Last error",
    question="What does the error the app received mean, and which finding explains it?",
    severity=Severity.ERROR,
    help_uri="https://datatracker.ietf.org/doc/html/rfc6749#section-5.2",
)
NETWORK = False
SENDS_SECRET = False
observe = nothing_to_observe

# class of the last error → probes whose problem findings can explain it, in order of preference.
EXPLAINED_BY: dict[str, tuple[str, ...]] = {
    "invalid_grant": ("clock_skew", "token_policy", "redirect_uri", "client_auth"),
    "redirect_uri_mismatch": ("redirect_uri",),
    "invalid_client": ("config", "client_auth", "token_policy", "discovery"),
    "unauthorized_client": ("grant_types", "client_auth", "discovery", "config"),
    "unsupported_grant_type": ("grant_types", "discovery", "config"),
    "invalid_request": ("config", "redirect_uri", "discovery"),
    "invalid_scope": ("config",),
}
_TIE_SUFFIX = {"clock_skew": " — fix the clock", "token_policy": ""}


def classify_last_error(ctx: ProbeContext) -> Any:
    """Explain's classifier on OAUTH_LAST_ERROR (with OAUTH_LAST_ERROR_STATUS and the provider)."""
    from oauthdoctor.classifier import classify

    body = ctx.config.get("last_error") or ""
    provider = ctx.profile_id if ctx.profile is not None and ctx.profile.kind != "generic" else None
    return classify(ctx.config.integer("last_error_status"), body, provider=provider)


def tie(failure_class: str, ctx: ProbeContext) -> Finding | None:
    """The first problem finding of a related probe (fails before warnings), or None."""
    related = EXPLAINED_BY.get(failure_class, ())
    for wanted in (Status.FAIL, Status.WARN):
        for pid in related:
            for finding in ctx.prior.get(pid, ()):
                if finding.status is wanted and _relevant(failure_class, pid, finding):
                    return finding
    return None


def _relevant(failure_class: str, pid: str, finding: Finding) -> bool:
    if pid == "token_policy" and failure_class == "invalid_grant":
        return finding.failure_class == "invalid_grant"
    if pid == "redirect_uri" and failure_class == "invalid_grant":
        return finding.status is Status.FAIL
    if pid == "config" and failure_class == "invalid_client":
        return finding.failure_class == "invalid_client" or (finding.key or "") in (
            "OAUTH_CLIENT_ID",
            "OAUTH_CLIENT_SECRET",
        )
    return True


def judge(ctx: ProbeContext, observation: object = None) -> list[Finding]:
    """Classify, then tie: a tie's decision wins because it names what to change."""
    if not ctx.config.get("last_error"):
        return [skip_finding(META, "no OAUTH_LAST_ERROR supplied")]
    exp = classify_last_error(ctx)
    cls = exp.failure_class
    evidence: dict[str, Any] = {
        "error": exp.error,
        "error_description": exp.error_description,
        "status": exp.status,
        "cause": exp.cause,
    }
    if exp.candidates:
        evidence["candidates"] = [c.cause for c in exp.candidates]
    decision = Decision(exp.decision) if exp.decision in Decision._value2member_map_ else Decision.NONE
    # An error text the classifier cannot read decides nothing: observed but undecidable.
    status = Status.WARN if decision is Decision.RETRY else Status.ERROR if decision is Decision.NONE else Status.FAIL
    hint = exp.hints[0] if exp.hints else None
    title = f"last error {cls}: {exp.summary}"
    linked = tie(cls, ctx)
    if linked is not None:
        evidence["explained_by"] = linked.id
        title = (
            f"last error {cls} is explained by {linked.id}: {linked.title}{_TIE_SUFFIX.get(linked.id, '')}"
        )
        if linked.decision is not Decision.NONE:
            decision = linked.decision
        hint = linked.hint or hint
    return [
        make_finding(META, status, title, decision=decision, failure_class=cls, evidence=evidence, hint=hint)
    ]
