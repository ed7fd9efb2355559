"""Probe ``transport``: will the secret travel over verified TLS?

The scheme is decided before any request: when the token endpoint is plain http off loopback, every probe
that would send the secret is skipped by the runner (RFC 6749 §2.3.1 requires TLS for client credentials).
An https URL only promises TLS; the pass is earned by an answer over a verified connection (one GET without
credentials, shared with ``clock_skew``). Under ``--offline`` or when the host cannot be reached nothing was
verified, and the finding says so.
"""

from __future__ import annotations

from typing import Any

from oauthdoctor.hosts import is_loopback_host, split_url
from oauthdoctor.model import Decision, Finding, RuleMeta, Severity, Status
from oauthdoctor.probing import target
from oauthdoctor.probing.contract import ProbeContext, Skipped, error_finding, make_finding, skip_finding
from oauthdoctor.probing.reach import EndpointVisit

META = RuleMeta(
    id="transport",
    title="Transport security",
    question="Does the token endpoint answer over verified https (loopback excepted), so the secret is never "
    "sent in clear?",
    severity=Severity.ERROR,
    help_uri="https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1",
)
NETWORK = True
SENDS_SECRET = False


def _url(ctx: ProbeContext) -> tuple[str | None, str]:
    token = ctx.endpoints.token
    if token.url:
        return token.url, "token endpoint"
    return ctx.endpoints.discovery.url, "issuer"


def sends_in_clear(ctx: ProbeContext) -> bool:
    """The configured endpoint is plain http off loopback: the runner then skips every secret-sending probe."""
    url, _ = _url(ctx)
    if not url:
        return False
    parts = split_url(url)
    return parts.scheme.lower() != "https" and not (parts.scheme.lower() == "http" and is_loopback_host(parts.hostname))


async def observe(ctx: ProbeContext, client: Any) -> EndpointVisit | Skipped:
    """A GET of the token endpoint (shared with clock_skew): any HTTP answer proves the TLS check passed."""
    url = await target.token_endpoint(ctx)
    if isinstance(url, Skipped):
        return url
    if split_url(url).scheme.lower() != "https":
        return Skipped("not https: nothing to verify")
    visit: EndpointVisit | Skipped = await ctx.shared.visit(url)
    return visit


def judge(ctx: ProbeContext, observation: EndpointVisit | Skipped | None = None) -> list[Finding]:
    """Plain http off loopback → fail (whatever was observed); http on loopback → pass (the URL says so);
    https → pass only when an answer came over a verified connection."""
    url, which = _url(ctx)
    if not url:
        return [skip_finding(META, "no token endpoint configured")]
    parts = split_url(url)
    scheme, host = parts.scheme.lower(), parts.hostname
    evidence: dict[str, Any] = {"url": url, "scheme": scheme}
    if scheme == "http" and is_loopback_host(host):
        evidence["observed"] = f"the {which} URL's host {host} is loopback: requests never leave this machine"
        return [
            make_finding(
                META, Status.PASS, f"the {which} is http on loopback (allowed for local servers)", evidence=evidence
            )
        ]
    if scheme != "https":
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
    return [_tls(which, evidence, observation)]


def _tls(which: str, evidence: dict[str, Any], observation: EndpointVisit | Skipped | None) -> Finding:
    if not isinstance(observation, EndpointVisit):
        reason = observation.reason if isinstance(observation, Skipped) else "not run"
        return skip_finding(META, f"the {which} URL is https, but no connection was made ({reason}): its "
                                  "certificate was not checked")
    host = split_url(observation.url).netloc
    if observation.answered:
        evidence["observed"] = f"{host} answered HTTP {observation.status} over TLS with a verified certificate"
        return make_finding(
            META, Status.PASS, f"the {which} uses https (certificate verified: {host} answered)", evidence=evidence
        )
    evidence.update(failure=observation.failure_kind, message=observation.failure_message)
    if observation.failure_kind == "tls":
        return make_finding(
            META,
            Status.FAIL,
            f"the {which}'s TLS certificate was not accepted: {observation.failure_message}",
            decision=Decision.FIX_CONFIG,
            evidence=evidence,
            hint="Check that OAUTH_TOKEN_URL names the provider's real host (a certificate is issued for a name); "
            "behind a TLS-inspecting proxy, point SSL_CERT_FILE at its CA bundle.",
            key="OAUTH_TOKEN_URL",
        )
    what = "did not answer in time" if observation.failure_kind == "timeout" else "could not be reached"
    return error_finding(
        META,
        f"the {which} {what} ({host}: {observation.failure_message}): TLS was not checked",
        evidence={**evidence, "url": observation.url},
    )
