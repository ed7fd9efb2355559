"""Probe ``config``: are the values the provider needs present, resolved and free of stray characters?

Most "invalid_client" tickets end in a pasted secret with a trailing newline, a `{tenant}` nobody
filled in, or a token URL copied from another provider's docs; this probe names the key that did it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oauthdoctor.checks.credentials import HASHED_SECRET_HINT, client_id_mismatch, password_hash_scheme
from oauthdoctor.checks.endpoints import endpoint_host
from oauthdoctor.checks.values import is_placeholder, value_problems
from oauthdoctor.config.keys import AUTH_METHODS, SECRET_KEYS
from oauthdoctor.hosts import host_of
from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.probing import target
from oauthdoctor.probing.contract import ProbeContext, make_finding, nothing_to_observe
from oauthdoctor.redact import fingerprint

if TYPE_CHECKING:
    pass

META = RuleMeta(
    id="config",
    title="Configuration",
    question="Are the required values present, placeholders resolved and values free of stray characters?",
    severity=Severity.ERROR,
    help_uri="https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1",
)
NETWORK = False
SENDS_SECRET = False
observe = nothing_to_observe

_TIMESTAMP_KEYS = ("refresh_token_issued_at", "refresh_token_last_used_at", "client_secret_expires_at")
_INTEGER_KEYS = ("active_refresh_tokens", "last_error_status")
_FREE_TEXT_KEYS = ("last_error", "registered_redirect_uris", "scopes")


def env_name(key: str) -> str:
    """The canonical environment name of a key, for hints."""
    return f"OAUTH_{key.upper()}"


def _finding(
    status: Status,
    title: str,
    key: str | None,
    ctx: ProbeContext,
    *,
    hint: str | None = None,
    evidence: dict[str, Any] | None = None,
    failure_class: str | None = None,
    decision: Decision | None = None,
) -> Finding:
    ev = dict(evidence or {})
    if key is not None and ctx.config.source(key):
        ev.setdefault("supplied_by", ctx.config.source(key))
    if decision is None:
        decision = Decision.FIX_CONFIG if status in (Status.FAIL, Status.WARN) else Decision.NONE
    return make_finding(
        META,
        status,
        title,
        decision=decision,
        failure_class=failure_class,
        evidence=ev,
        hint=hint,
        key=env_name(key) if key else None,
    )


def _stray(ctx: ProbeContext) -> list[Finding]:
    """Stray characters in any value (the check check-env's value-* rules make too)."""
    out: list[Finding] = []
    for key, raw in sorted(ctx.config.values.items()):
        if key in _FREE_TEXT_KEYS:
            continue
        problems = value_problems(raw)
        if not problems:
            continue
        shown = fingerprint(raw) if key in SECRET_KEYS else repr(raw)
        out.append(
            _finding(
                Status.FAIL,
                f"{env_name(key)} has {', '.join(p.words for p in problems)}",
                key,
                ctx,
                evidence={"expected": "the bare value", "actual": shown, "problems": [p.kind for p in problems]},
                hint=f"Remove the stray characters from {ctx.config.source(key) or env_name(key)}; the "
                "provider compares the value byte for byte.",
                failure_class="invalid_client" if key in ("client_id", "client_secret") else None,
            )
        )
    return out


def _credentials(ctx: ProbeContext) -> list[Finding]:
    """Placeholder credentials and a password hash pasted where the plain secret belongs."""
    out: list[Finding] = []
    for key, label in (("client_id", "client id"), ("client_secret", "client secret")):
        value = ctx.config.get(key)
        if value is not None and is_placeholder(value):
            out.append(_finding(Status.FAIL, f"{env_name(key)} holds a placeholder, not a real {label}", key, ctx,
                                failure_class="invalid_client",
                                hint=f"Copy the {label} from the provider's app registration."))
    scheme = password_hash_scheme(ctx.config.get("client_secret") or "")
    if scheme:
        out.append(_finding(Status.FAIL, f"OAUTH_CLIENT_SECRET is a {scheme} password hash, not the secret itself",
                            "client_secret", ctx, failure_class="invalid_client",
                            evidence={"hash_scheme": scheme},
                            hint=HASHED_SECRET_HINT))
    return out


def _required(ctx: ProbeContext) -> list[Finding]:
    s, out = ctx.config, []
    if not s.get("client_id"):
        out.append(
            _finding(
                Status.FAIL,
                "no client id configured",
                "client_id",
                ctx,
                hint="Set OAUTH_CLIENT_ID to the client id shown in the provider's console.",
            )
        )
    method = s.get("auth_method")
    if method is not None and method not in AUTH_METHODS:
        out.append(
            _finding(
                Status.FAIL,
                f"OAUTH_AUTH_METHOD '{method}' is not one of {', '.join(AUTH_METHODS)}",
                "auth_method",
                ctx,
                evidence={"expected": list(AUTH_METHODS), "actual": method},
            )
        )
    public = method == "none" or s.get("client_type") == "native"
    if not s.get("client_secret") and not public and s.grant_type != "device_code":
        out.append(
            _finding(
                Status.FAIL,
                "no client secret configured",
                "client_secret",
                ctx,
                hint="Set OAUTH_CLIENT_SECRET in the environment (not on the command line), or "
                "OAUTH_AUTH_METHOD=none for a public client.",
            )
        )
    if s.grant_type == "authorization_code" and not s.get("redirect_uri"):
        out.append(
            _finding(
                Status.WARN,
                "no redirect URI configured: the redirect check cannot run",
                "redirect_uri",
                ctx,
                hint="Set OAUTH_REDIRECT_URI to the redirect_uri your app sends.",
                decision=Decision.NONE,
            )
        )
    return out


def _endpoint(ctx: ProbeContext) -> list[Finding]:
    s, profile, out = ctx.config, ctx.profile, []
    token = ctx.endpoints.token
    if token.url is None and not s.get("issuer"):
        out.append(
            _finding(
                Status.FAIL,
                "no token endpoint: set OAUTH_TOKEN_URL, OAUTH_ISSUER or --provider",
                "token_url",
                ctx,
            )
        )
        return out
    if token.missing:
        names = ", ".join(env_name(m) for m in token.missing)
        out.append(
            _finding(
                Status.FAIL,
                f"token URL placeholder not resolved: set {names}",
                "token_url",
                ctx,
                evidence={"template": token.url, "missing": list(token.missing)},
                hint=_placeholder_hint(ctx, token.missing),
            )
        )
        return out
    host = host_of(token.url)
    hosts = profile.endpoints.hosts if profile else []
    if token.origin != "config" or not host:
        return out
    refused = target.credential_guard(ctx).refusal(token.url or "", target.credential_name(ctx))
    if refused is not None and refused.kind == "refused_untrusted_host":
        name = profile.name if profile else "configured provider"
        out.append(
            _finding(
                Status.FAIL,
                f"token URL host {host} is not a {name} host: credentials are not sent there",
                "token_url",
                ctx,
                evidence={"expected": hosts, "actual": host, "refused": refused.message},
                hint="Check that OAUTH_TOKEN_URL was not mistyped or copied from another provider, environment or "
                f"tutorial; if {host} really is your provider's, pass --trust-host {host}.",
            )
        )
    elif (verdict := endpoint_host(token.url or "", profile)) is not None and verdict.verdict == "foreign":
        out.append(
            _finding(
                Status.WARN,
                f"token URL host {host} is not a {profile.name if profile else 'provider'} host "
                "(trusted with --trust-host)",
                "token_url",
                ctx,
                evidence={"expected": hosts, "actual": host},
                hint="Check that OAUTH_TOKEN_URL was not copied from another provider or environment.",
            )
        )
    return out


def _placeholder_hint(ctx: ProbeContext, missing: tuple[str, ...]) -> str:
    parts = []
    for name in missing:
        ph = ctx.profile.endpoints.placeholders.get(name) if ctx.profile else None
        desc = f" ({ph.description}; e.g. {ph.example})" if ph and ph.example else ""
        parts.append(f"{env_name(name)}{desc}")
    return "Set " + "; ".join(parts) + "."


def _formats(ctx: ProbeContext) -> list[Finding]:
    s, profile, out = ctx.config, ctx.profile, []
    for key in _TIMESTAMP_KEYS:
        if s.get(key) and s.timestamp(key) is None:
            out.append(
                _finding(
                    Status.WARN,
                    f"{env_name(key)} is not an ISO 8601 date",
                    key,
                    ctx,
                    evidence={"expected": "2026-01-31T12:00:00Z", "actual": s.get(key)},
                )
            )
    for key in _INTEGER_KEYS:
        if s.get(key) and s.integer(key) is None:
            out.append(
                _finding(
                    Status.WARN,
                    f"{env_name(key)} is not a whole number",
                    key,
                    ctx,
                    evidence={"actual": s.get(key)},
                )
            )
    client_id = s.get("client_id")
    fmt = profile.client_id if profile else None
    if fmt is not None and client_id_mismatch(client_id, fmt):
        example, pattern = fmt.example, fmt.pattern
        out.append(
            _finding(
                Status.WARN,
                f"client id does not look like a {profile.name if profile else ''} client id",
                "client_id",
                ctx,
                evidence={"expected": example or pattern, "actual": client_id, "basis": fmt.basis},
            )
        )
    if profile and profile.grants.supported and s.grant_type not in profile.grants.supported:
        out.append(
            _finding(
                Status.FAIL,
                f"{profile.name} does not support the {s.grant_type} grant",
                "grant_type",
                ctx,
                failure_class="unsupported_grant_type",
                evidence={"expected": list(profile.grants.supported), "actual": s.grant_type},
            )
        )
    for off in profile.grants.off_by_default if profile else []:
        if off.grant == s.grant_type:
            out.append(
                _finding(
                    Status.WARN,
                    f"the {off.grant} grant is off by default at {profile.name if profile else 'the provider'}",
                    "grant_type",
                    ctx,
                    hint=off.how_to_enable or None,
                    evidence={"source": off.source} if off.source else None,
                )
            )
    return out


def judge(ctx: ProbeContext, observation: object = None) -> list[Finding]:
    """Every configuration problem as its own finding (so each names its key), or one pass."""
    findings = [*_required(ctx), *_stray(ctx), *_credentials(ctx), *_endpoint(ctx), *_formats(ctx)]
    if findings:
        return findings
    source = ctx.config.source("client_id")
    present = [env_name(k) for k in ("client_id", "client_secret", "token_url", "issuer", "redirect_uri")
               if ctx.config.get(k)]
    evidence: dict[str, Any] = {"observed": f"{', '.join(present)} set, without placeholders or stray characters"}
    if source:
        evidence["client_id_from"] = source
    return [make_finding(META, Status.PASS, "required values present and clean", evidence=evidence)]
