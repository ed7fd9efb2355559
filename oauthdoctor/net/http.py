"""HTTP requests for the live probes: explicit timeouts, verified TLS, no redirects, typed failures.

Redirects are never followed: a token endpoint that redirects is itself a finding, and following a redirect
could carry a secret to another host. Every request that carries a credential goes through ``post_form``,
which asks the run's ``CredentialGuard`` first (``oauthdoctor.net.guard``): no other function here sends a
credential. Bodies are read up to a cap so a misbehaving server cannot exhaust memory.
"""

from __future__ import annotations

import base64
import email.utils
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast
from urllib.parse import quote_plus

from oauthdoctor.net.failures import NetFailure, classify_exception
from oauthdoctor.version import __version__

if TYPE_CHECKING:
    import httpx

    from oauthdoctor.net.guard import CredentialGuard

USER_AGENT = f"oauthdoctor/{__version__}"
MAX_BODY_BYTES = 1024 * 1024

# Form fields whose value must never cross plain http off loopback (a bogus code is still treated as one:
# the rule is about the request shape, not about whether this particular value is real).
SECRET_FIELDS = frozenset({
    "client_secret", "client_assertion", "code", "code_verifier", "refresh_token", "password",
    "assertion", "device_code", "subject_token", "actor_token",
})


@dataclass(frozen=True)
class HttpObservation:
    """What came back: enough for a probe to judge the answer without holding the httpx response."""

    url: str
    status: int
    headers: dict[str, str]
    body: str
    elapsed: float
    date: datetime | None
    truncated: bool = False  # the body went past MAX_BODY_BYTES and was cut there

    @property
    def retry_after(self) -> str | None:
        """The ``Retry-After`` header as sent (seconds or an HTTP date), when there is one."""
        value = self.headers.get("retry-after")
        return value.strip() if value and value.strip() else None

    @property
    def location(self) -> str | None:
        """Where a redirect points (never followed), when the answer is one."""
        return self.headers.get("location") if 300 <= self.status < 400 else None


def make_client(timeout: float, verify: bool = True) -> httpx.AsyncClient:
    """An AsyncClient with a per-request timeout, verified TLS, no redirects and our User-Agent.

    Its transport makes the TLS context (which loads the certificate bundle, some 20 ms) on the first https
    request, so a run against plain-http servers on loopback never waits for it.
    """
    import httpx

    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout),
        verify=verify,  # for proxies from the environment; the transport below verifies by itself
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
        transport=cast("httpx.AsyncBaseTransport", _TransportPerScheme(verify)),
    )


class _TransportPerScheme:
    """One httpx transport per URL scheme, each made on its first request: https with the verified TLS context
    (or none, ``verify=False``), http with a context that trusts no certificate at all. Plain http never uses
    a TLS context; if anything ever did, that one would refuse every certificate."""

    def __init__(self, verify: bool) -> None:
        self._verify = verify
        self._made: dict[str, httpx.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        scheme = request.url.scheme
        transport = self._made.get(scheme)
        if transport is None:
            transport = self._made[scheme] = self._make(scheme)
        return await transport.handle_async_request(request)

    def _make(self, scheme: str) -> httpx.AsyncHTTPTransport:
        import ssl

        import httpx

        if scheme == "https" or not self._verify:
            return httpx.AsyncHTTPTransport(verify=self._verify)
        return httpx.AsyncHTTPTransport(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))

    async def __aenter__(self) -> _TransportPerScheme:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        for transport in self._made.values():
            await transport.aclose()


def basic_auth_header(client_id: str, client_secret: str) -> str:
    """``Basic`` credentials per RFC 6749 §2.3.1: form-urlencode id and secret, then base64.

    Plain RFC 7617 encoding (what httpx's ``auth=`` does) breaks for ids or secrets containing ``:``, ``%``
    or non-ASCII characters on servers that decode as the OAuth spec says.
    """
    raw = f"{quote_plus(client_id, safe='')}:{quote_plus(client_secret, safe='')}"
    return "Basic " + base64.b64encode(raw.encode("utf-8")).decode("ascii")


def parse_http_date(value: str | None) -> datetime | None:
    """Parse a ``Date`` header into an aware UTC datetime; None when missing or malformed."""
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def carries_credential(data: dict[str, str], basic_auth: tuple[str, str] | None) -> bool:
    """True when a request with this form body and Basic credentials carries anything secret."""
    return basic_auth is not None or any(key in SECRET_FIELDS for key in data)


async def post_form(
    client: httpx.AsyncClient,
    url: str,
    data: dict[str, str],
    *,
    guard: CredentialGuard,
    basic_auth: tuple[str, str] | None = None,
) -> HttpObservation:
    """POST ``data`` as application/x-www-form-urlencoded, optionally with §2.3.1 Basic credentials.

    The guard is asked before any connection when the request carries a credential; a refusal is a
    ``NetFailure`` of kind ``refused_untrusted_host`` (or ``refused_plain_http``) and nothing is sent.
    """
    if carries_credential(data, basic_auth):
        refused = guard.refusal(url)
        if refused is not None:
            raise NetFailure(refused.kind, refused.message)
    headers = {"Accept": "application/json"}
    if basic_auth is not None:
        headers["Authorization"] = basic_auth_header(*basic_auth)
    return await _send(client, "POST", url, headers=headers, data=data)


async def get_json(client: httpx.AsyncClient, url: str) -> tuple[HttpObservation, object | None]:
    """GET ``url``; the parsed JSON body, or None if the body is not JSON (the observation still is)."""
    observation = await _send(client, "GET", url, headers={"Accept": "application/json"})
    return observation, parse_json(observation.body)


def parse_json(body: str) -> object | None:
    """The JSON value of ``body``, or None for empty or non-JSON text."""
    if not body.strip():
        return None
    try:
        value: object = json.loads(body)
    except ValueError:
        return None
    return value


async def _send(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    headers: dict[str, str],
    data: dict[str, str] | None = None,
) -> HttpObservation:
    started = time.monotonic()
    try:
        async with client.stream(method, url, headers=headers, data=data) as response:
            raw, truncated = await _read_capped(response)
            status = response.status_code
            response_headers = {name.lower(): value for name, value in response.headers.items()}
            encoding = response.charset_encoding or "utf-8"
    except NetFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - every transport fault becomes a typed NetFailure
        raise classify_exception(exc) from exc
    elapsed = time.monotonic() - started
    try:
        body = raw.decode(encoding, errors="replace")
    except LookupError:
        body = raw.decode("utf-8", errors="replace")
    return HttpObservation(
        url=url,
        status=status,
        headers=response_headers,
        body=body,
        elapsed=elapsed,
        date=parse_http_date(response_headers.get("date")),
        truncated=truncated,
    )


async def _read_capped(response: httpx.Response) -> tuple[bytes, bool]:
    """The body up to MAX_BODY_BYTES, and whether there was more (the rest is never read)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            break
    return b"".join(chunks)[:MAX_BODY_BYTES], size > MAX_BODY_BYTES


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` (RFC 9110 §10.2.3) as seconds from now: delay-seconds or an HTTP date; None if unreadable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    when = parse_http_date(text)
    if when is None:
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
