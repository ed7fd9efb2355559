"""Does an endpoint URL's host belong to the provider? One answer for check-env, diagnose and the guard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from oauthdoctor.hosts import host_matches, host_of, is_loopback_host
from oauthdoctor.profiles.hosts import HostVerdict, host_verdict

if TYPE_CHECKING:  # the profile model costs ~15 ms to import; check-env only needs the type
    from oauthdoctor.profiles.model import Profile


@dataclass(frozen=True)
class EndpointHost:
    """The host, the verdict (``own``, ``custom_domain``, ``foreign``) and the profile that claims it, if any."""

    host: str
    verdict: HostVerdict
    owner: str | None = None


def owner_of(url: str) -> str | None:
    """The profile whose hosts cover this URL's host, if any (reads every profile's hosts: asked only when needed)."""
    from oauthdoctor.classifier.book import default_rulebook

    return default_rulebook().by_host(url)


def endpoint_host(url: str, profile: Profile | None) -> EndpointHost | None:
    """The verdict on ``url``'s host for ``profile``; None when there is nothing to judge.

    Nothing to judge: no profile, a profile without hosts (generic, self-hosted servers), a URL without a host,
    or a loopback host (a local test server is a matter for the credential guard, not for configuration).
    """
    host = host_of(url)
    if profile is None or not profile.endpoints.hosts or host is None or is_loopback_host(host):
        return None
    hosts = profile.endpoints.hosts
    custom = profile.endpoints.custom_domains is not None and profile.endpoints.custom_domains.supported
    owner = owner_of(url) if custom and not host_matches(host, hosts) else None
    return EndpointHost(host, host_verdict(host, hosts, custom, owner, profile.id), owner)
