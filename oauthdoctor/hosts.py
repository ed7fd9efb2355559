"""Host names: which count as loopback, which belong to a provider. Pure; every package asks here.

Loopback is the only place plain http may carry a secret; a provider's hosts (``endpoints.hosts`` of a profile)
are the only places its credentials may go.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from typing import Literal
from urllib.parse import SplitResult, urlsplit

LoopbackForm = Literal["localhost", "127.0.0.1", "127.0.0.0/8", "::1", "ipv4-mapped"]


def loopback_form(host: str | None) -> LoopbackForm | None:
    """Which loopback spelling ``host`` is (brackets, case and a trailing dot ignored), or None.

    ``localhost``; ``127.0.0.1`` exactly; another address of ``127.0.0.0/8``; ``::1``; an IPv4-mapped
    ``::ffff:127.x``. Redirect rules say which of these forms a server treats as loopback; for everything
    else any form counts. Other names are never trusted, even if they resolve to loopback today (a
    ``*.localhost`` name included): DNS can change under us.
    """
    if not host:
        return None
    name = host.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name in ("localhost", "localhost."):
        return "localhost"
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return "ipv4-mapped" if address.ipv4_mapped.is_loopback else None
        return "::1" if address.is_loopback else None
    if not address.is_loopback:
        return None
    return "127.0.0.1" if name == "127.0.0.1" else "127.0.0.0/8"


def is_loopback_host(host: str | None) -> bool:
    """True for ``localhost``, 127.0.0.0/8, ::1 and IPv4-mapped ::ffff:127.x: the one loopback predicate.

    Loopback is where plain http may carry a secret, where a redirect URI may use http, and what a production
    configuration must not point at.
    """
    return loopback_form(host) is not None


_LABEL = "[a-z0-9-]+(?:--[a-z0-9-]+)*"


def host_matches(host: str, patterns: Iterable[str]) -> bool:
    """``host`` (any case, trailing dot ignored) is one of the profile host ``patterns``.

    A pattern is an exact name, ``*.example.com`` for any subdomain (not the bare domain), or a name with a
    ``{placeholder}`` label (``{shop}.myshopify.com``) that stands for one tenant label.
    """
    host = host.lower().rstrip(".")
    for pattern in patterns:
        pattern = pattern.lower()
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]):
                return True
        elif "{" in pattern:
            if re.fullmatch(re.sub(r"\\\{[a-z_]+\\\}", _LABEL, re.escape(pattern)), host):
                return True
        elif host == pattern:
            return True
    return False


def split_url(url: str) -> SplitResult:
    """``urlsplit`` that never raises. A URL it refuses (``https://[::1``, ``http://[zz]/``) splits into no scheme
    and no host, its text kept as the path: every check then sees a URL that is not absolute, which it is not."""
    try:
        return urlsplit(url)
    except ValueError:
        return SplitResult("", "", url, "", "")


def port_of(parts: SplitResult) -> int | None:
    """The explicit port, or None when there is none or it is not a port (``:99999``, ``:http``)."""
    try:
        return parts.port
    except ValueError:
        return None


def host_of(url: str | None) -> str | None:
    """Lower-case host name of a URL (no trailing dot), or None when it has none or is not a URL."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.rstrip(".") or None if host else None
