"""Probe ``discovery``: does the provider's discovery document agree with the configuration?

The document is the server's own statement of its token endpoint, auth methods, grants and PKCE
methods; a disagreement there explains failures before any request is sent (RFC 8414, OIDC Discovery).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from oauthdoctor.hosts import host_of
from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.probing import target
from oauthdoctor.probing.contract import ProbeContext, Skipped, error_finding, make_finding, skip_finding
from oauthdoctor.probing.discovery_doc import DiscoveryObservation, Tried
from oauthdoctor.probing.reach import EndpointVisit
from oauthdoctor.probing.trials import configured_method

META = RuleMeta(
    id="discovery",
    title="Discovery document",
    question="Does the discovery document agree with the configured endpoint, auth method, grant and PKCE?",
    severity=Severity.ERROR,
    help_uri="https://datatracker.ietf.org/doc/html/rfc8414#section-2",
)
NETWORK = True
SENDS_SECRET = False
JUDGE_AFTER = ("client_auth", "grant_types")  # observed behaviour beats metadata: judged with their findings

GRANT_URNS = {
    "device_code": "urn:ietf:params:oauth:grant-type:device_code",
    "jwt_bearer": "urn:ietf:params:oauth:grant-type:jwt-bearer",
    "token_exchange": "urn:ietf:params:oauth:grant-type:token-exchange",
    "saml2_bearer": "urn:ietf:params:oauth:grant-type:saml2-bearer",
    "ciba": "urn:openid:params:grant-type:ciba",
}


@dataclass(frozen=True)
class DiscoveryProbeObservation:
    """The document (or why there is none) and, when there is none, the token endpoint's answer to a GET."""

    document: DiscoveryObservation | Skipped
    token: EndpointVisit | Skipped | None = None


async def observe(ctx: ProbeContext, client: Any) -> DiscoveryProbeObservation:
    """The run's one discovery fetch; without a document, whether the given token endpoint answers."""
    document: DiscoveryObservation | Skipped = await ctx.shared.discovery()
    token: EndpointVisit | Skipped | None = None
    given = ctx.endpoints.token
    if isinstance(document, DiscoveryObservation) and document.document is None and given.url and not given.missing:
        # missing, unreachable or "not now": whether the given token endpoint answers tells if that matters
        token = await ctx.shared.visit(given.url)
    return DiscoveryProbeObservation(document, token)


def _grant_name(grant: str) -> str:
    return GRANT_URNS.get(grant, grant)


def judge(
    ctx: ProbeContext, observation: DiscoveryProbeObservation | DiscoveryObservation | Skipped | None
) -> list[Finding]:
    """One finding per disagreement, or one pass naming the document compared; a missing document only
    counts when something needs it."""
    token: EndpointVisit | Skipped | None = None
    if isinstance(observation, DiscoveryProbeObservation):
        token = observation.token
        observation = observation.document
    if isinstance(observation, Skipped) or observation is None:
        return [skip_finding(META, observation.reason if observation else "not run")]
    obs = observation
    tried = [_tried_evidence(t) for t in obs.tried] or [{"url": obs.url, "status": obs.status}]
    if obs.failure_kind or obs.transient:
        return [_unavailable(ctx, obs, token)]
    if obs.document is None:
        return [_missing(ctx, obs, tried, token)]
    return _compare(ctx, obs.url, obs.document)


def _token_answers(token: EndpointVisit | Skipped | None, evidence: dict[str, Any], why: str) -> Finding | None:
    """The skip for a document nothing needs, when the configured token endpoint answered; else None."""
    if not (isinstance(token, EndpointVisit) and token.answered):
        return None
    evidence["token_endpoint"] = token.evidence()
    title = f"skipped: {why}: the configured token endpoint answers (HTTP {token.status})"
    return make_finding(META, Status.SKIP, title, evidence=evidence)


def _unavailable(ctx: ProbeContext, obs: DiscoveryObservation, token: EndpointVisit | Skipped | None) -> Finding:
    """Unreachable, or a transient answer: decides nothing (or retry) — and is information when nothing needs
    the document and the configured token endpoint answers."""
    if obs.failure_kind:
        what = f"could not reach the discovery document at {obs.url}: {obs.failure_message}"
        evidence: dict[str, Any] = {"url": obs.url, "failure": obs.failure_kind, "message": obs.failure_message}
    else:
        retry = f" with Retry-After: {obs.retry_after}" if obs.retry_after else ""
        what = f"the discovery document's server answered {status_words(obs.status)}{retry}"
        evidence = {"url": obs.url, "status": obs.status, "retry_after": obs.retry_after}
    if needed_because(ctx) is None and (skip := _token_answers(token, evidence, f"{what} — nothing needs the "
                                                                             "document")) is not None:
        return skip
    if obs.failure_kind:
        return error_finding(META, what, evidence=evidence)
    return error_finding(
        META,
        f"{what}: the server asks to try again later",
        failure_class="rate_limited" if obs.status == 429 else "temporarily_unavailable",
        decision=Decision.RETRY,
        evidence=evidence,
    )


def status_words(status: int | None) -> str:
    from http import HTTPStatus

    try:
        return f"{status} {HTTPStatus(status or 0).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _tried_evidence(tried: Tried) -> dict[str, Any]:
    out: dict[str, Any] = {"url": tried.url, "status": tried.status}
    if tried.fault:
        out["body"] = tried.fault
    return out


_FAULT_WORDS = {
    "html": "answered HTML, not JSON",
    "invalid_json": "answered invalid JSON",
    "too_large": "answered more than 1 MB (answer too large)",
    "not_an_object": "answered JSON that is not an object",
}


def _absence(obs: DiscoveryObservation, tried: list[dict[str, Any]]) -> str:
    """``no discovery document at A (HTTP 404) or B (HTTP 404)``, naming a broken body or a redirect in words."""
    if obs.fault:
        return f"{obs.url} {_FAULT_WORDS[obs.fault]} ({status_words(obs.status)}): no discovery document"
    if obs.location:
        return f"{obs.url} redirected to {obs.location} — not followed: no discovery document"
    places = " or ".join(f"{t['url']} (HTTP {t['status']})" for t in tried)
    return f"no discovery document at {places}"


def needed_because(ctx: ProbeContext) -> str | None:
    """Why this configuration needs the document, or None when a server without one is fine."""
    profile = ctx.profile
    published = profile.endpoints.discovery if profile is not None else None
    if published is not None and published.url and not published.optional:
        return f"{profile.name if profile else 'the provider'} publishes one"
    if ctx.endpoints.token.url is None:
        return "the token endpoint must come from it (no OAUTH_TOKEN_URL)"
    scopes = (ctx.config.get("scopes") or "").replace(",", " ").split()
    if "openid" in scopes:
        return "ID-token validation (scope openid) needs its issuer and jwks_uri"
    return None


def _missing(
    ctx: ProbeContext, obs: DiscoveryObservation, tried: list[dict[str, Any]], token: EndpointVisit | Skipped | None
) -> Finding:
    """No document: a failure when something needs one; information when the given token endpoint answers."""
    absence = _absence(obs, tried)
    evidence: dict[str, Any] = {"tried": tried}
    reason = needed_because(ctx)
    if reason is not None:
        return make_finding(
            META, Status.FAIL, f"{absence}, but {reason}", decision=Decision.FIX_CONFIG, evidence=evidence,
            hint="Check OAUTH_ISSUER: it is the base URL the provider calls its issuer (the document lives "
            "under it).",
            key="OAUTH_ISSUER",
        )
    if (skip := _token_answers(token, evidence, f"{absence} — this server publishes none, and nothing needs "
                                                  "one")) is not None:
        return skip
    if isinstance(token, EndpointVisit):
        evidence["token_endpoint"] = token.evidence()
    return make_finding(
        META, Status.WARN, f"{absence}, and the configured token endpoint did not answer either",
        decision=Decision.FIX_CONFIG, evidence=evidence,
        hint="Check OAUTH_ISSUER and OAUTH_TOKEN_URL: neither leads to this provider's server.",
        key="OAUTH_ISSUER",
    )


def _mismatch(
    title: str, expected: Any, actual: Any, hint: str, key: str, status: Status = Status.FAIL
) -> Finding:
    return make_finding(
        META,
        status,
        title,
        decision=Decision.FIX_CONFIG,
        evidence={"expected": expected, "actual": actual},
        hint=hint,
        key=key,
    )


def _token_endpoint_elsewhere(ctx: ProbeContext, url: str, advertised: Any) -> Finding | None:
    """A document that sends the token endpoint to a host credentials may not go to (mix-up defence).

    RFC 9207's concern: a document (or a man in the middle) that names another server's token endpoint
    collects the client's credentials there. Such a host gets nothing unless the user trusts it.
    """
    if not isinstance(advertised, str) or not advertised:
        return None
    token_host, issuer_host = host_of(advertised), host_of(url)
    refused = target.credential_guard(ctx).refusal(advertised, target.credential_name(ctx), named_by=url)
    if refused is None or refused.kind != "refused_untrusted_host" or token_host == issuer_host:
        return None
    return make_finding(
        META,
        Status.FAIL,
        f"the discovery document names a token endpoint on {token_host}, not on its issuer's host "
        f"{issuer_host}: credentials are not sent there",
        decision=Decision.FIX_CONFIG,
        evidence={"document": url, "token_endpoint": advertised, "refused": refused.message},
        hint=f"Check OAUTH_ISSUER: a document that points elsewhere is how an authorization-server mix-up "
        f"collects credentials (RFC 9207). If {token_host} really serves your tokens, pass --trust-host "
        f"{token_host}.",
        key="OAUTH_ISSUER",
    )


def _compare(ctx: ProbeContext, url: str, doc: dict[str, Any]) -> list[Finding]:
    s, out = ctx.config, []
    issuer = s.get("issuer")
    if issuer and doc.get("issuer") and doc["issuer"] != issuer:
        out.append(
            _mismatch(
                "the document's issuer differs from OAUTH_ISSUER",
                doc["issuer"],
                issuer,
                "Set OAUTH_ISSUER to exactly the issuer the document names (trailing slash "
                "included): ID-token validation compares it byte for byte.",
                "OAUTH_ISSUER",
            )
        )
    token = ctx.endpoints.token
    advertised = doc.get("token_endpoint")
    if token.url and not token.missing and advertised and advertised != token.url:
        out.append(
            _mismatch(
                "the token URL differs from the discovery document's token_endpoint",
                advertised,
                token.url,
                "Use the token_endpoint from the discovery document.",
                "OAUTH_TOKEN_URL",
                Status.WARN,
            )
        )
    mixup = _token_endpoint_elsewhere(ctx, url, advertised)
    if mixup is not None:
        out.append(mixup)
    method = configured_method(ctx)
    methods = doc.get("token_endpoint_auth_methods_supported")
    overridden: list[str] = []
    if isinstance(methods, list) and methods and method not in methods:
        if accepted_by_server(ctx, method):
            overridden.append(f"{method} is not listed among the auth methods, but the token endpoint accepted it")
        else:
            out.append(
                _mismatch(
                    f"the server does not list {method} among its token auth methods",
                    methods,
                    method,
                    f"Set OAUTH_AUTH_METHOD to one of: {', '.join(methods)}.",
                    "OAUTH_AUTH_METHOD",
                )
            )
    grant = s.grant_type
    grants = doc.get("grant_types_supported")
    if isinstance(grants, list) and grants and _grant_name(grant) not in grants:
        if allowed_by_server(ctx, grant):
            overridden.append(f"the {grant} grant is not listed, but the token endpoint allowed it")
        else:
            out.append(
                _mismatch(
                    f"the server does not list the {grant} grant",
                    grants,
                    grant,
                    "Use a grant the server supports, or enable this one on the server.",
                    "OAUTH_GRANT_TYPE",
                )
            )
    pkce = doc.get("code_challenge_methods_supported")
    if isinstance(pkce, list) and pkce and "S256" not in pkce:
        out.append(
            _mismatch(
                "the server does not support PKCE S256",
                pkce,
                "S256",
                "Use the method the server lists, or enable S256.",
                "OAUTH_GRANT_TYPE",
                Status.WARN,
            )
        )
    if out:
        return out
    evidence: dict[str, Any] = {
        "observed": f"the document at {url}",
        "url": url,
        "token_endpoint": advertised,
        "auth_methods": methods if isinstance(methods, list) else "not listed",
        "grant_types": grants if isinstance(grants, list) else "not listed",
        "code_challenge_methods": pkce,
    }
    title = "the discovery document agrees with the configuration"
    if overridden:
        evidence["observed_over_metadata"] = overridden
        title += f" (observed behaviour over metadata: {'; '.join(overridden)})"
    return [make_finding(META, Status.PASS, title, evidence=evidence)]


def accepted_by_server(ctx: ProbeContext, method: str) -> bool:
    """client_auth saw the token endpoint authenticate the client with ``method`` in this run."""
    for finding in ctx.prior.get("client_auth", ()):
        row = (finding.evidence.get("matrix") or {}).get(method) or {}
        if finding.status is Status.PASS and row.get("outcome") == "authenticated":
            return True
    return False


def allowed_by_server(ctx: ProbeContext, grant: str) -> bool:
    """grant_types saw the token endpoint get past the grant-type check (or issue a token) for ``grant``."""
    for finding in ctx.prior.get("grant_types", ()):
        row = (finding.evidence.get("grants") or {}).get(grant) or {}
        if row.get("outcome") == "allowed":
            return True
    return False
