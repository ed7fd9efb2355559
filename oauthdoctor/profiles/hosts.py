"""Does a host belong to a provider? One answer for check-env, diagnose and provider detection.

A profile lists its hosts (``endpoints.hosts``): an exact name, ``*.example.com`` for any subdomain (not the
bare domain), or a ``{placeholder}`` label (``{shop}.myshopify.com``). Providers that serve a tenant from
the customer's own domain (``endpoints.custom_domains``) can be reached under any host, so an unknown host
is only a problem there when it is another provider's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from oauthdoctor.hosts import host_matches

__all__ = ["HostVerdict", "host_matches", "host_verdict"]

HostVerdict = Literal["own", "custom_domain", "foreign"]


def host_verdict(host: str, patterns: Iterable[str], custom_domains: bool, owner: str | None,
                 profile_id: str) -> HostVerdict:
    """``own`` when the host is the profile's; ``custom_domain`` when it may be the customer's own domain
    (the provider supports them and no other provider claims the host); else ``foreign``."""
    if host_matches(host, patterns):
        return "own"
    if custom_domains and owner in (None, profile_id):
        return "custom_domain"
    return "foreign"
