"""The server's metadata document: fetched once per run, read by every probe that needs the server's own word.

From an issuer, two well-known locations are asked in turn: OpenID Connect Discovery
(``{issuer}/.well-known/openid-configuration``) and RFC 8414 (``/.well-known/oauth-authorization-server``
inserted before the issuer's path, plus the appended form that servers mounted under a prefix serve).
Many plain OAuth 2.0 servers publish only the second, many none at all. A profile's own discovery URL is
asked alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlunsplit

from oauthdoctor.hosts import split_url
from oauthdoctor.probing.contract import ProbeContext, Skipped

OIDC_WELL_KNOWN = "/.well-known/openid-configuration"
RFC8414_WELL_KNOWN = "/.well-known/oauth-authorization-server"


@dataclass(frozen=True)
class Tried:
    """One URL asked for the document, and what came back (a status, or the failure's kind)."""

    url: str
    status: int | None = None
    failure: str | None = None
    fault: str | None = None  # "html" | "invalid_json" | "too_large" | "not_an_object" for an unusable 2xx body


@dataclass(frozen=True)
class DiscoveryObservation:
    """The document found (``document``), or the most telling answer of the URLs asked.

    ``url``/``status`` describe the answer the verdict rests on: the URL the document came from, else a
    transient answer, a failure or a broken body, else the first URL asked. ``tried`` lists every URL asked.
    """

    url: str
    origin: str
    status: int | None = None
    document: dict[str, Any] | None = None
    failure_kind: str | None = None
    failure_message: str | None = None
    tried: tuple[Tried, ...] = ()
    fault: str | None = None
    retry_after: str | None = None
    location: str | None = None

    @property
    def transient(self) -> bool:
        return self.status is not None and (self.status >= 500 or self.status == 429)


def candidate_urls(issuer: str) -> list[str]:
    """The well-known locations of an issuer's metadata, OpenID Connect's first (RFC 8414 §5 and §3.1)."""
    base = issuer.rstrip("/")
    parts = split_url(base)
    path = parts.path.rstrip("/")
    urls = [base + OIDC_WELL_KNOWN, urlunsplit((parts.scheme, parts.netloc, RFC8414_WELL_KNOWN + path, "", ""))]
    if path:
        urls.append(base + RFC8414_WELL_KNOWN)
    return list(dict.fromkeys(urls))


async def fetch_discovery(ctx: ProbeContext, client: Any) -> DiscoveryObservation | Skipped:
    """GET the document with the run's client (the runner memoises it in ``ctx.shared``)."""
    resolved = ctx.endpoints.discovery
    if resolved.url is None:
        return Skipped("no discovery document (set OAUTH_ISSUER; this provider publishes none)")
    if resolved.missing:
        return Skipped(f"discovery URL has unresolved placeholders ({', '.join(resolved.missing)})")
    issuer = ctx.config.get("issuer")
    urls = candidate_urls(issuer) if resolved.origin == "config" and issuer else [resolved.url]
    answers = []
    for url in urls:
        answer = await _ask(client, url, resolved.origin)
        answers.append(answer)
        if answer.document is not None or answer.transient or answer.failure_kind:
            break  # found it; or the server said "not now" or could not be reached: asking on tells nothing
    tried = tuple(_tried(a) for a in answers)
    telling = next((a for a in answers if a.document is not None), None) or next(
        (a for a in answers if a.transient or a.failure_kind or a.fault), answers[0]
    )
    return DiscoveryObservation(
        telling.url, telling.origin, telling.status, telling.document, telling.failure_kind,
        telling.failure_message, tried, telling.fault, telling.retry_after, telling.location,
    )


def _tried(answer: DiscoveryObservation) -> Tried:
    return Tried(answer.url, answer.status, answer.failure_kind, answer.fault)


async def _ask(client: Any, url: str, origin: str) -> DiscoveryObservation:
    from oauthdoctor.net.failures import NetFailure, classify_exception
    from oauthdoctor.net.http import get_json

    try:
        obs, parsed = await get_json(client, url)
    except NetFailure as exc:
        return DiscoveryObservation(url, origin, failure_kind=str(exc.kind), failure_message=exc.message)
    except Exception as exc:  # noqa: BLE001 - a network fault is a result
        failure = classify_exception(exc)
        return DiscoveryObservation(url, origin, failure_kind=str(failure.kind), failure_message=failure.message)
    document = parsed if isinstance(parsed, dict) and not obs.truncated and 200 <= obs.status < 300 else None
    fault = None
    if 200 <= obs.status < 300 and document is None:
        fault = _body_fault(obs.body, obs.headers.get("content-type"), obs.truncated, parsed)
    return DiscoveryObservation(
        url, origin, obs.status, document, fault=fault, retry_after=obs.retry_after, location=obs.location
    )


def _body_fault(body: str, content_type: str | None, truncated: bool, parsed: object) -> str:
    if truncated:
        return "too_large"
    text = body.strip()
    if text.lower().startswith(("<!doctype", "<html")) or (content_type or "").startswith("text/html"):
        return "html"
    if parsed is None:
        return "invalid_json"
    return "not_an_object"


def discovery_document(observation: Any) -> dict[str, Any] | None:
    """The parsed discovery JSON of a discovery observation, when it has one."""
    doc = getattr(observation, "document", None)
    return doc if isinstance(doc, dict) else None
