"""Which hosts count as loopback: the only place plain http may carry a secret."""

from __future__ import annotations

import ipaddress

_LOOPBACK_NAMES = frozenset({"localhost", "localhost."})


def is_loopback_host(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 (also IPv4-mapped ::ffff:127.x) and ``localhost``.

    Other names are never trusted, even if they resolve to loopback today: DNS can change under us.
    """
    if not host:
        return False
    name = host.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name in _LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback
