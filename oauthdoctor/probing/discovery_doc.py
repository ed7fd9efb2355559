"""The discovery document: fetched once per run, read by every probe that needs the server's own metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from oauthdoctor.probing.contract import ProbeContext, Skipped


@dataclass(frozen=True)
class DiscoveryObservation:
    """The fetched document (``document`` is None when the body was not a JSON object)."""

    url: str
    origin: str
    status: int | None = None
    document: dict[str, Any] | None = None
    failure_kind: str | None = None
    failure_message: str | None = None


async def fetch_discovery(ctx: ProbeContext, client: Any) -> DiscoveryObservation | Skipped:
    """GET the discovery document with the run's client (the runner memoises it in ``ctx.shared``)."""
    resolved = ctx.endpoints.discovery
    if resolved.url is None:
        return Skipped("no discovery document (set OAUTH_ISSUER; this provider publishes none)")
    if resolved.missing:
        return Skipped(f"discovery URL has unresolved placeholders ({', '.join(resolved.missing)})")
    from oauthdoctor.net.failures import NetFailure, classify_exception
    from oauthdoctor.net.http import get_json

    try:
        obs, parsed = await get_json(client, resolved.url)
    except NetFailure as exc:
        return DiscoveryObservation(
            resolved.url, resolved.origin, failure_kind=str(exc.kind), failure_message=exc.message
        )
    except Exception as exc:  # noqa: BLE001 - a network fault is a result
        failure = classify_exception(exc)
        return DiscoveryObservation(
            resolved.url, resolved.origin, failure_kind=str(failure.kind), failure_message=failure.message
        )
    return DiscoveryObservation(
        resolved.url, resolved.origin, obs.status, parsed if isinstance(parsed, dict) else None
    )


def discovery_document(observation: Any) -> dict[str, Any] | None:
    """The parsed discovery JSON of a discovery observation, when it has one."""
    doc = getattr(observation, "document", None)
    return doc if isinstance(doc, dict) else None
