"""Probe ``token_policy`` (offline): does the token state break a rule of the provider's token policy?

Refresh tokens die quietly — Testing-mode expiry, inactivity, a per-user cap that revokes the oldest,
an expired client secret — and every one of them surfaces as a bare ``invalid_grant``. The numbers come
from the profile (with their sources) and the state from the OAUTH_* token-state keys.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from oauthdoctor.checks.credentials import secret_expiry
from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.probing.contract import ProbeContext, make_finding, nothing_to_observe
from oauthdoctor.profiles.model import Duration

META = RuleMeta(
    id="token_policy",
    title="Token policy",
    question="Do token age, token count and secret expiry stay within the provider's limits?",
    severity=Severity.ERROR,
    help_uri="https://developers.google.com/identity/protocols/oauth2#expiration",
)
NETWORK = False
SENDS_SECRET = False
observe = nothing_to_observe

ROTATION_HINT = (
    "Store the new refresh token from every refresh response, and refresh single-flight per "
    "account (one refresh at a time), or a parallel refresh will use a rotated token."
)


def days(delta: timedelta) -> str:
    value = delta.total_seconds() / 86400
    return f"{value:.0f} days" if value >= 2 else f"{delta.total_seconds() / 3600:.0f} hours"


def _limit(duration: Duration | None) -> timedelta | None:
    return timedelta(seconds=duration.seconds) if duration and duration.seconds else None


def _evidence(expected: Any, actual: Any, duration: Duration | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"expected": expected, "actual": actual}
    if duration is not None and duration.source:
        out["source"] = duration.source
    if duration is not None:
        out["basis"] = duration.basis
    return out


def _testing(ctx: ProbeContext, issued: datetime | None) -> list[Finding]:
    if (ctx.config.get("app_publishing_status") or "").lower() != "testing" or ctx.profile is None:
        return []
    rule = ctx.profile.token_policy.testing_mode_expiry
    limit = _limit(rule)
    if limit is None:
        return []
    name = ctx.profile.name
    if issued is None:
        return [
            make_finding(
                META,
                Status.WARN,
                f"{name} apps in Testing get refresh tokens that expire after {days(limit)}",
                decision=Decision.FIX_CONFIG,
                failure_class="invalid_grant",
                evidence=_evidence(rule.text if rule else None, "testing", rule),
                hint="Publish the app (move it to Production) so refresh tokens stop expiring.",
                key="OAUTH_APP_PUBLISHING_STATUS",
            )
        ]
    age = ctx.now - issued
    if age > limit:
        return [
            make_finding(
                META,
                Status.FAIL,
                f"the refresh token is {days(age)} old; {name} expires refresh tokens after "
                f"{days(limit)} while the app is in Testing",
                decision=Decision.FIX_CONFIG,
                failure_class="invalid_grant",
                evidence=_evidence(f"younger than {days(limit)} (app in Testing)", f"{days(age)} old", rule),
                hint="Publish the app (move it to Production), then have the user authorise again: tokens "
                "issued in "
                "Testing keep their short expiry.",
                key="OAUTH_APP_PUBLISHING_STATUS",
            )
        ]
    return [
        make_finding(
            META,
            Status.WARN,
            f"the refresh token expires in {days(limit - age)} because the app is in Testing",
            decision=Decision.FIX_CONFIG,
            evidence=_evidence(f"younger than {days(limit)}", f"{days(age)} old", rule),
            hint="Publish the app (move it to Production) so refresh tokens stop expiring.",
            key="OAUTH_APP_PUBLISHING_STATUS",
        )
    ]


def _age(ctx: ProbeContext, issued: datetime | None) -> list[Finding]:
    if ctx.profile is None:
        return []
    out: list[Finding] = []
    policy = ctx.profile.token_policy
    last_used = ctx.config.timestamp("refresh_token_last_used_at")
    idle_limit = _limit(policy.refresh_inactivity_expiry)
    if idle_limit and last_used and ctx.now - last_used > idle_limit:
        out.append(
            make_finding(
                META,
                Status.FAIL,
                f"the refresh token was last used {days(ctx.now - last_used)} ago; it expires after "
                f"{days(idle_limit)} unused",
                decision=Decision.REAUTH,
                failure_class="invalid_grant",
                evidence=_evidence(
                    f"used within {days(idle_limit)}",
                    f"{days(ctx.now - last_used)} unused",
                    policy.refresh_inactivity_expiry,
                ),
                hint="Have the user authorise again, and refresh at least once per inactivity window.",
            )
        )
    life = _limit(policy.refresh_token_lifetime)
    if life and issued and ctx.now - issued > life:
        out.append(
            make_finding(
                META,
                Status.FAIL,
                f"the refresh token is {days(ctx.now - issued)} old; its lifetime is {days(life)}",
                decision=Decision.REAUTH,
                failure_class="invalid_grant",
                evidence=_evidence(
                    f"younger than {days(life)}",
                    f"{days(ctx.now - issued)} old",
                    policy.refresh_token_lifetime,
                ),
                hint="Have the user authorise again.",
            )
        )
    return out


def _cap(ctx: ProbeContext) -> list[Finding]:
    count = ctx.config.integer("active_refresh_tokens")
    cap = ctx.profile.token_policy.max_refresh_tokens if ctx.profile else None
    if count is None or cap is None or not cap.count or count < cap.count:
        return []
    if count == cap.count == 1:  # one grant per user and client (X): the normal state, not a warning
        return []
    evidence = _evidence(f"fewer than {cap.count} ({cap.scope})", count)
    evidence["at_cap"] = cap.at_cap
    if cap.source:
        evidence["source"] = cap.source
    hint = (
        "Reuse one refresh token per user and client across environments instead of authorising again "
        "for each; every new one past the cap revokes the oldest."
    )
    if count > cap.count:
        return [
            make_finding(
                META,
                Status.FAIL,
                f"{count} refresh tokens for one user and client exceed the cap "
                f"of {cap.count}: the oldest have been revoked",
                decision=Decision.FIX_CONFIG,
                failure_class="invalid_grant",
                evidence=evidence,
                hint=hint,
                key="OAUTH_ACTIVE_REFRESH_TOKENS",
            )
        ]
    return [
        make_finding(
            META,
            Status.WARN,
            f"{count} refresh tokens: at the cap of {cap.count}; the next one revokes the oldest",
            decision=Decision.FIX_CONFIG,
            evidence=evidence,
            hint=hint,
            key="OAUTH_ACTIVE_REFRESH_TOKENS",
        )
    ]


def _secret(ctx: ProbeContext) -> list[Finding]:
    """Secret expiry, judged by the check check-env's secret-expiry rule makes too."""
    raw = ctx.config.get("client_secret_expires_at")
    if raw is None:
        return []
    verdict = secret_expiry(raw, ctx.now)
    if verdict.state in ("valid", "unreadable") or verdict.when is None or verdict.left is None:
        return []  # an unreadable date is the config probe's finding
    evidence = _evidence("a secret valid for more than 30 days", verdict.when.isoformat())
    if verdict.state == "expired":
        return [
            make_finding(
                META,
                Status.FAIL,
                f"the client secret expired {days(-verdict.left)} ago",
                decision=Decision.FIX_CONFIG,
                failure_class="invalid_client",
                evidence=evidence,
                hint="Create a new client secret in the provider's console and deploy it.",
                key="OAUTH_CLIENT_SECRET_EXPIRES_AT",
            )
        ]
    return [
        make_finding(
            META,
            Status.WARN,
            f"the client secret expires in {days(verdict.left)}",
            decision=Decision.FIX_CONFIG,
            evidence=evidence,
            hint="Create the next client secret now and deploy it before this one expires.",
            key="OAUTH_CLIENT_SECRET_EXPIRES_AT",
        )
    ]


def _rotation_note(ctx: ProbeContext) -> tuple[str | None, dict[str, Any]]:
    rotation = ctx.profile.token_policy.rotation if ctx.profile else None
    if rotation is None or rotation.mode == "none":
        return None, {}
    evidence: dict[str, Any] = {"rotation": rotation.mode, "reuse_detection": rotation.reuse_detection,
                                "basis": rotation.basis}
    if rotation.source:
        evidence["source"] = rotation.source
    if rotation.basis != "confirmed":
        unstated = f" (Rotation here is {rotation.basis}: the provider's own source does not state it.)"
        return ROTATION_HINT + unstated, evidence
    return ROTATION_HINT, evidence


STATE_KEYS = (
    "refresh_token_issued_at",
    "refresh_token_last_used_at",
    "active_refresh_tokens",
    "app_publishing_status",
    "client_secret_expires_at",
)


def compared(ctx: ProbeContext) -> list[str]:
    """Each supplied token-state value that met a limit of the profile: what a pass rests on."""
    out: list[str] = []
    policy = ctx.profile.token_policy if ctx.profile else None
    issued = ctx.config.timestamp("refresh_token_issued_at")
    last_used = ctx.config.timestamp("refresh_token_last_used_at")
    count = ctx.config.integer("active_refresh_tokens")
    if policy is not None:
        life, idle, cap = policy.refresh_token_lifetime, policy.refresh_inactivity_expiry, policy.max_refresh_tokens
        if issued and life is not None and _limit(life):
            out.append(f"refresh token age {days(ctx.now - issued)} (lifetime {life.text})")
        if last_used and idle is not None and _limit(idle):
            out.append(f"last use {days(ctx.now - last_used)} ago (idle expiry {idle.text})")
        if count is not None and cap is not None and cap.count:
            out.append(f"{count} refresh tokens (cap {cap.count})")
        status = (ctx.config.get("app_publishing_status") or "").lower()
        if status and _limit(policy.testing_mode_expiry):
            out.append(f"publishing status {status}")
    raw = ctx.config.get("client_secret_expires_at")
    if raw is not None and secret_expiry(raw, ctx.now).state != "unreadable":
        out.append(f"client secret expiry {raw}")
    return out


def judge(ctx: ProbeContext, observation: object = None) -> list[Finding]:
    """Each broken limit is its own finding; a pass only when a supplied value met a limit; else a skip."""
    issued = ctx.config.timestamp("refresh_token_issued_at")
    findings = [*_testing(ctx, issued), *_age(ctx, issued), *_cap(ctx), *_secret(ctx)]
    hint, rotation = _rotation_note(ctx)
    if findings:
        return findings
    checked = compared(ctx)
    if not checked:
        supplied = [f"OAUTH_{k.upper()}" for k in STATE_KEYS if ctx.config.get(k)]
        name = ctx.profile.name if ctx.profile else "the provider"
        reason = (
            f"no limit of {name} applies to {', '.join(supplied)}"
            if supplied
            else "no token state supplied (OAUTH_REFRESH_TOKEN_ISSUED_AT, OAUTH_ACTIVE_REFRESH_TOKENS, ...)"
        )
        return [make_finding(META, Status.SKIP, f"skipped: {reason}", evidence=rotation or None, hint=hint)]
    return [
        make_finding(
            META,
            Status.PASS,
            f"within {ctx.profile.name if ctx.profile else 'the provider'}'s limits: {'; '.join(checked)}",
            evidence={"observed": "; ".join(checked), **rotation},
            hint=hint,
        )
    ]
