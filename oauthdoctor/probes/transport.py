"""Probe ``transport``: will the secret travel over TLS?

Decided before any request: when the token endpoint is plain http off loopback, every probe that would
send the secret is skipped by the runner (RFC 6749 §2.3.1 requires TLS for client credentials).
Certificates are always verified by the HTTP client; a TLS failure shows up in the network probes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from oauthdoctor.hosts import is_loopback_host
from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.probing.contract import ProbeContext, make_finding, nothing_to_observe, skip_finding

META = RuleMeta(
    id="transport",
    title="Transport security",
    question="Does the token endpoint use https (loopback excepted), so the secret is never sent in clear?",
    severity=Severity.ERROR,
    help_uri="https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1",
)
NETWORK = False
SENDS_SECRET = False
observe = nothing_to_observe


def judge(ctx: ProbeContext, observation: object = None) -> list[Finding]:
    """https → pass; http on loopback → pass (test servers); anything else → fail, secret-sending skipped."""
    token = ctx.endpoints.token
    url, which = token.url, "token endpoint"
    if not url:
        resolved = ctx.endpoints.discovery
        url, which = resolved.url, "issuer"
    if not url:
        return [skip_finding(META, "no token endpoint configured")]
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), parts.hostname
    evidence = {"url": url, "scheme": scheme}
    if scheme == "https":
        return [
            make_finding(
                META, Status.PASS, f"the {which} uses https (certificates verified)", evidence=evidence
            )
        ]
    if scheme == "http" and is_loopback_host(host):
        return [
            make_finding(
                META,
                Status.PASS,
                f"the {which} is http on loopback (allowed for local servers)",
                evidence=evidence,
            )
        ]
    return [
        make_finding(
            META,
            Status.FAIL,
            f"the {which} is not https: the client secret would travel in clear text",
            decision=Decision.FIX_CONFIG,
            failure_class="invalid_request",
            evidence={**evidence, "expected": "https"},
            hint="Use the provider's https token URL; probes that send the secret were skipped.",
            key="OAUTH_TOKEN_URL",
        )
    ]
