"""Does a host belong to a provider? One answer for check-env, diagnose and provider detection.

A profile lists its hosts (``endpoints.hosts``): an exact name, ``*.example.com`` for any subdomain (not the
bare domain), or a ``{placeholder}`` label (``{shop}.myshopify.com``). Providers that serve a tenant from
the customer's own domain (``endpoints.custom_domains``) can be reached under any host, so an unknown host
is only a problem there when it is another provider's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

_LABEL = "[a-z0-9-]+(?:--[a-z0-9-]+)*"

HostVerdict = Literal["own", "custom_domain", "foreign"]


def host_matches(host: str, patterns: Iterable[str]) -> bool:
    """``host`` (any case, trailing dot ignored) is one of the profile host ``patterns``."""
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


def host_verdict(host: str, patterns: Iterable[str], custom_domains: bool, owner: str | None,
                 profile_id: str) -> HostVerdict:
    """``own`` when the host is the profile's; ``custom_domain`` when it may be the customer's own domain
    (the provider supports them and no other provider claims the host); else ``foreign``."""
    if host_matches(host, patterns):
        return "own"
    if custom_domains and owner in (None, profile_id):
        return "custom_domain"
    return "foreign"
