"""Typed network failures: the one place that turns library exceptions into something a probe can judge.

Probes must not depend on httpx, ssl or ntplib exception classes; they read ``NetFailure.kind``. Messages are
one line, built from the exception text (which never contains the request body), and capped in length.
"""

from __future__ import annotations

import socket
import ssl
from typing import Literal

FailureKind = Literal[
    "timeout", "connect", "dns", "tls", "protocol", "refused_plain_http", "refused_untrusted_host"
]

_MAX_MESSAGE = 200


class NetFailure(Exception):
    """A request that produced no usable answer, with a kind a probe can branch on."""

    def __init__(self, kind: FailureKind, message: str) -> None:
        self.kind: FailureKind = kind
        self.message = _one_line(message)
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"NetFailure(kind={self.kind!r}, message={self.message!r})"


def _one_line(text: str) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= _MAX_MESSAGE else flat[: _MAX_MESSAGE - 1] + "…"


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes/contexts: httpx wraps the socket or ssl error that says what happened."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__


def _kind_of(link: BaseException) -> FailureKind | None:
    """Kind for one exception in the chain, or None if this link says nothing specific."""
    if isinstance(link, NetFailure):
        return link.kind
    if isinstance(link, socket.gaierror):
        return "dns"
    if isinstance(link, ssl.SSLError | ssl.CertificateError):
        return "tls"
    if isinstance(link, TimeoutError | socket.timeout):
        return "timeout"
    if isinstance(link, ConnectionRefusedError | ConnectionResetError | ConnectionAbortedError):
        return "connect"
    return None


def _httpx_kind(exc: BaseException) -> FailureKind | None:
    try:
        import httpx
    except ImportError:  # pragma: no cover - httpx is a hard dependency
        return None
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, httpx.ConnectError | httpx.NetworkError):
        return "connect"
    if isinstance(exc, httpx.ProtocolError | httpx.DecodingError | httpx.TooManyRedirects
                  | httpx.UnsupportedProtocol | httpx.InvalidURL):
        return "protocol"
    return None


def _connect_timeout(exc: BaseException) -> bool:
    try:
        import httpx
    except ImportError:  # pragma: no cover - httpx is a hard dependency
        return False
    return isinstance(exc, httpx.ConnectTimeout)


def _ntp_kind(exc: BaseException) -> FailureKind | None:
    try:
        import ntplib
    except ImportError:  # pragma: no cover - ntplib is a hard dependency
        return None
    if isinstance(exc, ntplib.NTPException):
        return "timeout" if "no response" in str(exc).lower() else "protocol"
    return None


def classify_exception(exc: BaseException) -> NetFailure:
    """Map any exception raised while talking to a server to a ``NetFailure``.

    The most specific cause wins: an ``httpx.ConnectError`` caused by ``socket.gaierror`` is "dns", one caused
    by an ``ssl.SSLError`` is "tls". Anything unrecognised is "protocol".
    """
    if isinstance(exc, NetFailure):
        return exc
    if _connect_timeout(exc):  # no connection within the timeout: unreachable, not a slow answer
        return NetFailure("connect", _message("connect", exc if str(exc).strip() else TimeoutError("timed out")))
    chain = _chain(exc)
    for link in chain:
        kind = _kind_of(link)
        if kind is not None:
            return NetFailure(kind, _message(kind, exc if str(exc).strip() else link))
    for kind in (_httpx_kind(exc), _ntp_kind(exc)):
        if kind is not None:
            return NetFailure(kind, _message(kind, exc))
    if isinstance(exc, OSError):
        return NetFailure("connect", _message("connect", exc))
    return NetFailure("protocol", _message("protocol", exc))


_LABELS: dict[str, str] = {
    "timeout": "timed out",
    "connect": "could not connect",
    "dns": "host name did not resolve",
    "tls": "TLS handshake or certificate check failed",
    "protocol": "unexpected reply",
    "refused_plain_http": "refused to send a secret over plain http",
    "refused_untrusted_host": "refused to send a credential to a host it does not belong to",
}


def _message(kind: FailureKind, exc: BaseException) -> str:
    detail = _describe(exc)
    return f"{_LABELS[kind]}: {detail}"
