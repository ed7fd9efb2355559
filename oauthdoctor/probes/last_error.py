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

# The classifier causes (explain's vocabulary) that each kind of finding can produce.
_REDIRECT = frozenset({
    "redirect_uri_not_registered", "redirect_uri_differs_from_authorize", "redirect_uri_mismatch",
    "wrong_parameter_name",
})
_CLIENT = frozenset({
    "bad_client_credentials", "bad_client_secret", "unknown_client_id", "client_secret_expired",
    "client_deleted_or_not_found", "client_authentication_missing", "wrong_client_auth_method",
})
_GRANT = frozenset({"grant_type_not_enabled_for_client", "grant_type_not_supported"})
_CLOCK = frozenset({"clock_skew", "client_assertion_expired", "assertion_invalid", "user_assertion_expired"})
_REFRESH_DEAD = frozenset({"refresh_token_expired", "refresh_token_expired_or_revoked", "refresh_token_invalid"})
_TOKEN_POLICY_BY_KEY = {
    "OAUTH_APP_PUBLISHING_STATUS": _REFRESH_DEAD | {"testing_mode_7_day_expiry"},
    "OAUTH_ACTIVE_REFRESH_TOKENS": _REFRESH_DEAD
    | {"refresh_token_cap_exceeded", "refresh_token_limit_evicted", "refresh_token_revoked"},
    "OAUTH_CLIENT_SECRET_EXPIRES_AT": frozenset({"client_secret_expired", "bad_client_credentials",
                                                 "bad_client_secret"}),
}
_TOKEN_AGE = _REFRESH_DEAD | {"refresh_token_inactive", "refresh_token_unused_6_months"}

# Grants whose requests a finding can spoil (None: any). A refresh or client_credentials request carries no
# redirect_uri; only apps that hold refresh tokens meet the refresh-token limits.
_REDIRECT_GRANTS = frozenset({"authorization_code", "implicit"})
_REFRESHING_GRANTS = frozenset({"authorization_code", "refresh_token", "device_code", "password"})


def causes_of(pid: str, finding: Finding) -> tuple[frozenset[str], frozenset[str] | None]:
    """The classifier causes ``finding`` can produce, and the grants for which it can (None: any)."""
    if pid == "redirect_uri":
        return _REDIRECT, _REDIRECT_GRANTS
    if pid == "clock_skew":
        return _CLOCK, None
    if pid == "token_policy":
        key = finding.key or ""
        if key in _TOKEN_POLICY_BY_KEY:
            grants = None if key == "OAUTH_CLIENT_SECRET_EXPIRES_AT" else _REFRESHING_GRANTS
            return _TOKEN_POLICY_BY_KEY[key], grants
        return (_TOKEN_AGE, _REFRESHING_GRANTS) if finding.failure_class == "invalid_grant" else (frozenset(), None)
    if pid in ("config", "client_auth"):
        if finding.failure_class == "invalid_client" or (finding.key or "") in (
            "OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET", "OAUTH_AUTH_METHOD", "OAUTH_TOKEN_URL",
        ):
            return _CLIENT, None
        if finding.failure_class in ("unsupported_grant_type", "unauthorized_client"):
            return _GRANT, None
        return frozenset(), None
    if pid == "grant_types":
        return _GRANT, None
    if pid == "discovery":
        key = finding.key or ""
        if key == "OAUTH_AUTH_METHOD":
            return frozenset({"wrong_client_auth_method"}), None
        if key == "OAUTH_GRANT_TYPE":
            return _GRANT, None
    return frozenset(), None


def classify_last_error(ctx: ProbeContext) -> Any:
    """Explain's classifier on OAUTH_LAST_ERROR (with OAUTH_LAST_ERROR_STATUS and the provider)."""
    from oauthdoctor.classifier import classify

    body = ctx.config.get("last_error") or ""
    provider = ctx.profile_id if ctx.profile is not None and ctx.profile.kind != "generic" else None
    # Only a grant the user named narrows the causes (ResolvedConfig.grant_type defaults to authorization_code).
    grant = ctx.config.get("grant_type") or None
    return classify(ctx.config.integer("last_error_status"), body, provider=provider, grant_type=grant)


def possible_causes(explanation: Any) -> frozenset[str]:
    """The causes the report lists for the last error: its cause, or its candidates when it is ambiguous."""
    causes = {c.cause for c in getattr(explanation, "candidates", ()) or ()}
    if explanation.cause and explanation.cause != "ambiguous":
        causes.add(explanation.cause)
    return frozenset(causes)


def tie(explanation: Any, ctx: ProbeContext) -> tuple[Finding, str] | None:
    """The first problem finding (fails before warnings) that can produce one of the last error's listed
    causes for the configured grant, and that cause; or None."""
    related = EXPLAINED_BY.get(explanation.failure_class, ())
    listed = possible_causes(explanation)
    grant = ctx.config.grant_type
    for wanted in (Status.FAIL, Status.WARN):
        for pid in related:
            for finding in ctx.prior.get(pid, ()):
                if finding.status is not wanted:
                    continue
                causes, grants = causes_of(pid, finding)
                if grants is not None and grant not in grants:
                    continue
                matched = sorted(causes & listed)
                if matched:
                    return finding, matched[0]
    return None


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
    if exp.basis is not None:
        evidence["basis"] = exp.basis  # how firm the provider rule behind this reading is
    evidence["confidence"] = exp.confidence  # how hard to lean on the decision read from the text alone
    # An error text the classifier cannot read decides nothing (its base-rate lean is no reading): observed but
    # undecidable.
    decision = Decision(exp.decision) if exp.conclusive and exp.decision in Decision._value2member_map_ else (
        Decision.NONE)
    status = Status.WARN if decision is Decision.RETRY else Status.ERROR if decision is Decision.NONE else Status.FAIL
    hint = exp.hints[0] if exp.hints else None
    title = f"last error {cls}: {exp.summary}"
    found = tie(exp, ctx)
    if found is not None:
        linked, cause = found
        evidence["explained_by"] = linked.id
        evidence["explained_cause"] = cause
        title = (
            f"last error {cls} is explained by {linked.id}: {linked.title}{_TIE_SUFFIX.get(linked.id, '')}"
        )
        if linked.decision is not Decision.NONE:
            decision = linked.decision
        hint = linked.hint or hint
    return [
        make_finding(META, status, title, decision=decision, failure_class=cls, evidence=evidence, hint=hint)
    ]
