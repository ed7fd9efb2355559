"""Where the token endpoint is, whether a trial can run at all, and where credentials may go."""

from __future__ import annotations

from oauthdoctor.hosts import host_matches, host_of
from oauthdoctor.net.guard import CredentialGuard
from oauthdoctor.probing.contract import ProbeContext, Skipped
from oauthdoctor.probing.discovery_doc import discovery_document


def credential_guard(ctx: ProbeContext) -> CredentialGuard:
    """The run's guard: the profile's hosts, the hosts the user configured, and ``--trust-host``."""
    profile = ctx.profile
    issuer = ctx.config.get("issuer")
    custom = bool(profile and profile.endpoints.custom_domains and profile.endpoints.custom_domains.supported)
    claimed: set[str] = set()
    if custom and profile is not None:
        from oauthdoctor.classifier.book import default_rulebook

        for url in (issuer, ctx.config.get("token_url")):
            host = host_of(url)
            if host and not host_matches(host, profile.endpoints.hosts):
                if default_rulebook().by_host(url or "") not in (None, profile.id):
                    claimed.add(host)
    return CredentialGuard.for_profile(
        provider=profile.name if profile else "configured",
        kind=profile.kind if profile else "generic",
        own_hosts=profile.endpoints.hosts if profile else (),
        custom_domains=custom,
        issuer=issuer,
        token_url=ctx.config.get("token_url"),
        claimed_by_other=frozenset(claimed),
        trusted=ctx.options.trust_hosts,
    )


def credential_name(ctx: ProbeContext) -> str:
    """What a token trial would carry, for refusal messages."""
    return "the client secret" if ctx.config.get("client_secret") else "the client credentials"


async def token_endpoint(ctx: ProbeContext) -> str | Skipped:
    """The configured or profile token URL, else the one the discovery document names."""
    found = await _token_endpoint(ctx)
    return found if isinstance(found, Skipped) else found[0]


async def _token_endpoint(ctx: ProbeContext) -> tuple[str, str | None] | Skipped:
    """The token URL and, when the discovery document named it, that document's URL."""
    resolved = ctx.endpoints.token
    if resolved.missing:
        return Skipped(f"token URL has unresolved placeholders ({', '.join(resolved.missing)})")
    if resolved.url:
        return resolved.url, None
    observation = await ctx.shared.discovery()
    doc = discovery_document(observation)
    url = doc.get("token_endpoint") if doc else None
    if isinstance(url, str) and url:
        return url, getattr(observation, "url", None)
    return Skipped("no token endpoint (set OAUTH_TOKEN_URL, OAUTH_ISSUER or --provider)")


async def token_target(ctx: ProbeContext) -> str | Skipped:
    """The token endpoint, when a trial has what it needs (a client id) and may carry the credentials there."""
    if not ctx.config.get("client_id"):
        return Skipped("no client id configured")
    found = await _token_endpoint(ctx)
    if isinstance(found, Skipped):
        return found
    target, named_by = found
    refused = credential_guard(ctx).refusal(target, credential_name(ctx), named_by=named_by)
    return Skipped(refused.message) if refused else target
