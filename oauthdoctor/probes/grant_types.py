"""Probe ``grant_types``: may this client use its grant and ``refresh_token``?

Each grant is tried with a random value: ``invalid_grant`` means the server got past the grant-type
check (allowed); ``unauthorized_client``, ``unsupported_grant_type`` or an ``invalid_request`` saying
the grant is not allowed mean it is not. ``client_credentials`` issues a real token, so it is tried only
with ``--active`` (and the token is discarded unread).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.probing import target
from oauthdoctor.probing.contract import ProbeContext, Skipped, error_finding, make_finding, skip_finding
from oauthdoctor.probing.trials import (
    BASIC,
    NONE,
    POST,
    TokenAnswer,
    bogus,
    configured_method,
    describe,
    fault_finding,
    fault_verdict,
    grant_outcome,
    post_trial,
    with_credentials,
)

META = RuleMeta(
    id="grant_types",
    title="Grant types",
    question="Is the client allowed to use its configured grant and the refresh_token grant?",
    severity=Severity.ERROR,
    help_uri="https://datatracker.ietf.org/doc/html/rfc6749#section-5.2",
)
NETWORK = True
SENDS_SECRET = True

_TRIAL_VALUES = {
    "authorization_code": ("authorization_code", "code"),
    "refresh_token": ("refresh_token", "refresh_token"),
    "device_code": ("urn:ietf:params:oauth:grant-type:device_code", "device_code"),
}


@dataclass(frozen=True)
class GrantObservation:
    """Per grant: the answer, or the reason it was not tried."""

    token_url: str
    answers: dict[str, TokenAnswer] = field(default_factory=dict)
    not_tried: dict[str, str] = field(default_factory=dict)


def grants_to_try(ctx: ProbeContext) -> list[str]:
    """The configured grant, plus refresh_token when the provider issues refresh tokens.

    client_credentials gets no refresh token (RFC 6749 §4.4.3), so its apps never need the refresh grant.
    """
    grants = [ctx.config.grant_type]
    if grants == ["client_credentials"]:
        return grants
    supported = ctx.profile.grants.supported if ctx.profile else []
    if "refresh_token" not in grants and (not supported or "refresh_token" in supported):
        grants.append("refresh_token")
    return grants


def _request(ctx: ProbeContext, grant: str) -> tuple[dict[str, str], tuple[str, str] | None]:
    if grant == "client_credentials":
        data = {"grant_type": "client_credentials"}
    else:
        name, param = _TRIAL_VALUES[grant]
        data = {"grant_type": name, param: bogus(param)}
        if grant == "authorization_code" and ctx.config.get("redirect_uri"):
            data["redirect_uri"] = ctx.config.get("redirect_uri") or ""
    return with_credentials(ctx, data, configured_method(ctx))


async def observe(ctx: ProbeContext, client: Any) -> GrantObservation | Skipped:
    """Try the configured grant (and refresh_token) with random values; client_credentials only with --active."""
    url = await target.token_target(ctx)
    if isinstance(url, Skipped):
        return url
    if configured_method(ctx) not in (BASIC, POST, NONE):
        return Skipped(f"auth method {configured_method(ctx)} is not trialled")
    tried, not_tried = [], {}
    for grant in grants_to_try(ctx):
        if grant == "client_credentials" and not ctx.options.active:
            not_tried[grant] = "needs --active (it issues a real token)"
        elif grant in _TRIAL_VALUES or grant == "client_credentials":
            tried.append(grant)
        else:
            not_tried[grant] = "no non-destructive trial for this grant"
    if not tried:
        return GrantObservation(url, {}, not_tried)
    guard = target.credential_guard(ctx)
    answers = await asyncio.gather(*(post_trial(client, url, *_request(ctx, g), guard=guard) for g in tried))
    return GrantObservation(url, dict(zip(tried, answers, strict=True)), not_tried)


def judge(ctx: ProbeContext, observation: GrantObservation | Skipped | None) -> list[Finding]:
    """The configured grant refused is a fail; refresh_token refused fails when the app relies on it."""
    if isinstance(observation, Skipped) or observation is None:
        return [skip_finding(META, observation.reason if observation else "not run")]
    outcomes = {g: grant_outcome(a) for g, a in observation.answers.items()}
    matrix: dict[str, Any] = {
        g: {"outcome": outcomes[g], **a.evidence()} for g, a in observation.answers.items()
    }
    matrix.update({g: {"outcome": "not_tried", "why": why} for g, why in observation.not_tried.items()})
    evidence = {"token_url": observation.token_url, "grants": matrix}
    if not outcomes:
        return [skip_finding(META, "; ".join(f"{g}: {w}" for g, w in observation.not_tried.items()))]
    ordered = sorted(observation.answers.items(), key=lambda item: item[0] != ctx.config.grant_type)
    for _, answer in ordered:
        verdict = fault_verdict(answer)
        if verdict is not None and verdict.fail:  # a redirect: this URL is not the token endpoint
            return [fault_finding(META, verdict, evidence)]
    configured = ctx.config.grant_type
    uses_refresh = configured == "refresh_token" or bool(ctx.config.get("refresh_token_issued_at"))
    refused = [g for g, o in outcomes.items() if o == "not_allowed"]
    if refused:
        decisive = [g for g in refused if g == configured or (g == "refresh_token" and uses_refresh)]
        status = Status.FAIL if decisive else Status.WARN
        names = ", ".join(refused)
        return [
            make_finding(
                META,
                status,
                f"the client may not use the {names} grant",
                decision=Decision.FIX_CONFIG,
                failure_class="unauthorized_client",
                evidence=evidence,
                key="OAUTH_GRANT_TYPE",
                hint=f"Enable the {names} grant for this client in the provider console (or request offline "
                "access / a refresh token where the provider needs that).",
            )
        ]
    if any(o == "client_rejected" for o in outcomes.values()):
        return [
            skip_finding(
                META, "the client did not authenticate, so grants could not be told apart (see client_auth)"
            )
        ]
    if any(o in ("error", "unclear") for o in outcomes.values()):
        for _, answer in ordered:
            verdict = fault_verdict(answer)
            if verdict is not None:
                return [fault_finding(META, verdict, evidence)]
        return [
            error_finding(META, "the answers do not tell whether the grants are allowed", evidence=evidence)
        ]
    evidence["observed"] = "; ".join(f"{g}: {describe(observation.answers[g])}" for g in outcomes)
    return [make_finding(META, Status.PASS, f"the client may use {', '.join(outcomes)}", evidence=evidence)]
