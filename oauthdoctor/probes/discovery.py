"""Probe ``discovery``: does the provider's discovery document agree with the configuration?

The document is the server's own statement of its token endpoint, auth methods, grants and PKCE
methods; a disagreement there explains failures before any request is sent (RFC 8414, OIDC Discovery).
"""

from __future__ import annotations

from typing import Any

from oauthdoctor.hosts import host_of
from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.probing import target
from oauthdoctor.probing.contract import ProbeContext, Skipped, error_finding, make_finding, skip_finding
from oauthdoctor.probing.discovery_doc import DiscoveryObservation
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

GRANT_URNS = {
    "device_code": "urn:ietf:params:oauth:grant-type:device_code",
    "jwt_bearer": "urn:ietf:params:oauth:grant-type:jwt-bearer",
    "token_exchange": "urn:ietf:params:oauth:grant-type:token-exchange",
    "saml2_bearer": "urn:ietf:params:oauth:grant-type:saml2-bearer",
    "ciba": "urn:openid:params:grant-type:ciba",
}


async def observe(ctx: ProbeContext, client: Any) -> DiscoveryObservation | Skipped:
    """The run's one discovery fetch (shared with every probe that reads the document)."""
    result: DiscoveryObservation | Skipped = await ctx.shared.discovery()
    return result


def _grant_name(grant: str) -> str:
    return GRANT_URNS.get(grant, grant)


def judge(ctx: ProbeContext, observation: DiscoveryObservation | Skipped | None) -> list[Finding]:
    """One finding per disagreement, or one pass naming what was compared."""
    if isinstance(observation, Skipped) or observation is None:
        return [skip_finding(META, observation.reason if observation else "not run")]
    obs = observation
    if obs.failure_kind:
        return [
            error_finding(
                META,
                f"could not fetch the discovery document: {obs.failure_message}",
                evidence={"url": obs.url, "failure": obs.failure_kind},
            )
        ]
    if obs.document is None or (obs.status or 0) >= 400:
        status = Status.FAIL if obs.origin == "config" else Status.WARN
        return [
            make_finding(
                META,
                status,
                f"no discovery document at {obs.url} (HTTP {obs.status})",
                decision=Decision.FIX_CONFIG,
                evidence={"url": obs.url, "status": obs.status},
                hint="Check OAUTH_ISSUER: it is the base URL the provider calls its issuer.",
                key="OAUTH_ISSUER",
            )
        ]
    return _compare(ctx, obs.url, obs.document)


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
    methods = doc.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    if method not in methods:
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
    grants = doc.get("grant_types_supported") or ["authorization_code", "implicit"]
    if _grant_name(grant) not in grants:
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
    return [
        make_finding(
            META,
            Status.PASS,
            "the discovery document agrees with the configuration",
            evidence={
                "url": url,
                "token_endpoint": advertised,
                "auth_methods": methods,
                "grant_types": grants,
                "code_challenge_methods": pkce,
            },
        )
    ]
