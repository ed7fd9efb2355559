"""Inputs the network probes share: where the token endpoint is and whether a trial can run at all."""

from __future__ import annotations

from typing import Any

from oauthdoctor.diagnose import endpoints
from oauthdoctor.probes.base import ProbeContext, Skipped


async def token_endpoint(ctx: ProbeContext) -> str | Skipped:
    """The configured or profile token URL, else the one the discovery document names."""
    resolved = endpoints.token_url(ctx.settings, ctx.profile)
    if resolved.missing:
        return Skipped(f"token URL has unresolved placeholders ({', '.join(resolved.missing)})")
    if resolved.url:
        return resolved.url
    doc = discovery_document(await ctx.shared.discovery())
    url = doc.get("token_endpoint") if doc else None
    if isinstance(url, str) and url:
        return url
    return Skipped("no token endpoint (set OAUTH_TOKEN_URL, OAUTH_ISSUER or --provider)")


async def token_target(ctx: ProbeContext) -> str | Skipped:
    """The token endpoint, when a trial has what it needs (a client id)."""
    if not ctx.settings.get("client_id"):
        return Skipped("no client id configured")
    return await token_endpoint(ctx)


def discovery_document(observation: Any) -> dict[str, Any] | None:
    """The parsed discovery JSON of a discovery observation, when it has one."""
    doc = getattr(observation, "document", None)
    return doc if isinstance(doc, dict) else None
