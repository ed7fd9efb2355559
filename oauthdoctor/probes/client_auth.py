"""Probe ``client_auth``: does the client authenticate, and with which method?

The trial posts an authorization-code grant with a random code, once with HTTP Basic and once with the
credentials in the body. ``invalid_grant`` means the server authenticated the client and then rejected
the code; ``invalid_client``/401 means it did not get that far. Nothing real is redeemed.
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
    auth_outcome,
    bogus,
    configured_method,
    describe,
    fault_finding,
    fault_verdict,
    is_catch_all,
    post_trial,
    with_credentials,
)

META = RuleMeta(
    id="client_auth",
    title="Client authentication",
    question="Does the token endpoint accept this client id and secret, and with which method?",
    severity=Severity.ERROR,
    help_uri="https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1",
)
NETWORK = True
SENDS_SECRET = True

@dataclass(frozen=True)
class ClientAuthObservation:
    """One answer per method tried; ``configured`` is the method the app uses."""

    token_url: str
    configured: str
    answers: dict[str, TokenAnswer] = field(default_factory=dict)


def trial_request(ctx: ProbeContext, method: str) -> tuple[dict[str, str], tuple[str, str] | None]:
    """Form body and Basic credentials of one trial with a random code."""
    data = {"grant_type": "authorization_code", "code": bogus("code")}
    redirect = ctx.config.get("redirect_uri")
    if redirect:
        data["redirect_uri"] = redirect
    return with_credentials(ctx, data, method)


async def observe(ctx: ProbeContext, client: Any) -> ClientAuthObservation | Skipped:
    """Try the configured method and the other one, concurrently."""
    url = await target.token_target(ctx)
    if isinstance(url, Skipped):
        return url
    configured = configured_method(ctx)
    if configured not in (BASIC, POST, NONE):
        return Skipped(f"auth method {configured} is not trialled")
    methods = [NONE] if configured == NONE else [BASIC, POST]
    guard = target.credential_guard(ctx)
    trials = (post_trial(client, url, *trial_request(ctx, m), guard=guard) for m in methods)
    answers = await asyncio.gather(*trials)
    return ClientAuthObservation(url, configured, dict(zip(methods, answers, strict=True)))


def _matrix(obs: ClientAuthObservation) -> dict[str, Any]:
    return {m: {"outcome": auth_outcome(a), **a.evidence()} for m, a in obs.answers.items()}


def judge(ctx: ProbeContext, observation: ClientAuthObservation | Skipped | None) -> list[Finding]:
    """The verdict over the method matrix: both, only the configured, only the other, or neither."""
    if isinstance(observation, Skipped) or observation is None:
        return [skip_finding(META, observation.reason if observation else "not run")]
    outcomes = {m: auth_outcome(a) for m, a in observation.answers.items()}
    conf = observation.configured
    evidence = {"token_url": observation.token_url, "configured_method": conf, "matrix": _matrix(observation)}
    ordered = [observation.answers[conf], *(a for m, a in observation.answers.items() if m != conf)]
    for answer in ordered:
        verdict = fault_verdict(answer)
        if verdict is not None and verdict.fail:  # a redirect: this URL is not the token endpoint
            return [fault_finding(META, verdict, evidence)]
    if conf == NONE:
        return [_public(observation, outcomes[NONE], evidence)]
    other = POST if conf == BASIC else BASIC
    mine, theirs = outcomes[conf], outcomes[other]
    if mine == "authenticated":
        evidence["observed"] = (
            f"{describe(observation.answers[conf])} to a random code sent with {conf}: the client got past "
            "authentication"
        )
    if mine == "authenticated" and theirs == "authenticated":
        strict = ctx.profile.client_auth.strict if ctx.profile else False
        note = (
            ""
            if strict
            else " (this server accepts either method whatever is registered, so the method "
            "is not the problem)"
        )
        return [
            make_finding(
                META, Status.PASS, f"the client authenticates with both methods{note}", evidence=evidence
            )
        ]
    if mine == "authenticated":
        return [make_finding(META, Status.PASS, f"the client authenticates with {conf}", evidence=evidence)]
    if mine == "rejected" and theirs == "authenticated":
        return [
            make_finding(
                META,
                Status.FAIL,
                f"only {other} works: the server rejects {conf} for this client",
                decision=Decision.FIX_CONFIG,
                failure_class="invalid_client",
                evidence=evidence,
                key="OAUTH_AUTH_METHOD",
                hint=f"Set OAUTH_AUTH_METHOD={other} (send the credentials that way), or register {conf} for "
                "the client at the provider.",
            )
        ]
    if mine == "rejected" and theirs == "rejected":
        return [
            make_finding(
                META,
                Status.FAIL,
                "neither method authenticates: wrong client id or secret, or the secret expired",
                decision=Decision.FIX_CONFIG,
                failure_class="invalid_client",
                evidence=evidence,
                hint="Copy the client id and a current secret from the provider console (check the "
                "environment: a staging secret with a production client id fails the same way).",
            )
        ]
    return [_undecided(observation, evidence)]


def _public(obs: ClientAuthObservation, outcome: str, evidence: dict[str, Any]) -> Finding:
    if outcome == "authenticated":
        evidence["observed"] = (
            f"{describe(obs.answers[NONE])} to a random code sent with the client id alone: the client got past "
            "authentication"
        )
        return make_finding(
            META, Status.PASS, "the public client is accepted without a secret", evidence=evidence
        )
    if outcome == "rejected":
        return make_finding(
            META,
            Status.FAIL,
            "the client is rejected without a secret: unknown client id, or it is confidential",
            decision=Decision.FIX_CONFIG,
            failure_class="invalid_client",
            evidence=evidence,
            hint="Check OAUTH_CLIENT_ID; a confidential (web) client also needs OAUTH_CLIENT_SECRET.",
        )
    return _undecided(obs, evidence)


def _undecided(obs: ClientAuthObservation, evidence: dict[str, Any]) -> Finding:
    answers = [obs.answers[obs.configured], *(a for m, a in obs.answers.items() if m != obs.configured)]
    if any(is_catch_all(a) for a in answers):
        return error_finding(
            META,
            "the provider answers every failure with the same catch-all error: the method cannot be told "
            "apart here",
            evidence={**evidence, "why": "401 server_error/access_denied for any failure"},
        )
    for answer in answers:
        verdict = fault_verdict(answer)
        if verdict is not None:
            return fault_finding(META, verdict, evidence)
    return error_finding(
        META, "the token endpoint's answers do not tell whether the client authenticated", evidence=evidence
    )
