"""Where a credential may go: the one check before any request that carries a secret, code or token.

A typo in a token URL (``oauth2.googleapis.co``), a stale staging host, a tutorial's URL or a hostile config
file in a pull request must never receive the production secret. A credential goes only to a host it belongs
to: a host of the selected provider profile; for providers that serve tenants from their own domains, the
issuer or token host the user gave unless another provider claims it; for the generic and self-hosted server
profiles, the host the user configured (issuer and token URL must agree) and loopback; and any host the user
named with ``--trust-host``. Plain http off loopback is refused whatever the trust. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from oauthdoctor.hosts import host_matches, host_of, is_loopback_host

_SELF_HOSTED_KINDS = frozenset({"generic", "server"})


@dataclass(frozen=True)
class Refusal:
    """Why a credential is not sent: ``refused_plain_http`` or ``refused_untrusted_host``, and one line."""

    kind: Literal["refused_plain_http", "refused_untrusted_host"]
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class CredentialGuard:
    """The hosts one run may send credentials to, and why any other is refused.

    ``provider`` is the display name (``Google``); ``own_hosts`` the profile's host patterns;
    ``configured_hosts`` the hosts the user's own configuration vouches for (see ``for_profile``);
    ``trusted`` the ``--trust-host`` names; ``conflict`` explains why configured hosts were not trusted.
    """

    provider: str
    own_hosts: tuple[str, ...] = ()
    allow_loopback: bool = False
    configured_hosts: frozenset[str] = frozenset()
    trusted: frozenset[str] = frozenset()
    conflict: str | None = None

    @classmethod
    def for_profile(
        cls,
        *,
        provider: str,
        kind: str,
        own_hosts: Iterable[str] = (),
        custom_domains: bool = False,
        issuer: str | None = None,
        token_url: str | None = None,
        claimed_by_other: frozenset[str] = frozenset(),
        trusted: Iterable[str] = (),
    ) -> CredentialGuard:
        """The guard for one diagnosis.

        ``issuer`` and ``token_url`` are the values the *user* configured (not profile defaults, not discovery).
        For generic and self-hosted server profiles the user's hosts are the provider's; when both are given
        they must agree. For a SaaS provider that serves tenants from their own domains (Okta, Auth0), the
        user's issuer and token hosts count unless another profile claims them (``claimed_by_other``).
        """
        own = tuple(own_hosts)
        issuer_host, token_host = host_of(issuer), host_of(token_url)
        configured: set[str] = set()
        conflict = None
        if kind in _SELF_HOSTED_KINDS:
            if issuer_host and token_host and issuer_host != token_host:
                conflict = (
                    f"the token URL host {token_host} and the issuer host {issuer_host} differ; "
                    "pass --trust-host for the one that is yours"
                )
            else:
                configured.update(h for h in (issuer_host, token_host) if h)
        elif custom_domains:
            configured.update(h for h in (issuer_host, token_host) if h and h not in claimed_by_other)
        return cls(
            provider=provider,
            own_hosts=own,
            allow_loopback=kind in _SELF_HOSTED_KINDS,
            configured_hosts=frozenset(configured),
            trusted=frozenset(h.strip().lower().rstrip(".") for h in trusted if h.strip()),
            conflict=conflict,
        )

    def refusal(self, url: str, what: str = "the client secret", *, named_by: str | None = None) -> Refusal | None:
        """None when ``what`` may be sent to ``url``; otherwise why it is not sent.

        ``named_by`` is the discovery document's URL when the document, not the user, named ``url``: a token
        endpoint on another host than the document's own is followed only to the profile's hosts or a trusted
        one (mix-up defence, RFC 9207), even where loopback or the configured hosts would otherwise do.
        """
        host = host_of(url)
        if host is None:
            return Refusal("refused_untrusted_host", f"refused to send {what}: the URL has no host")
        scheme = url.strip().split(":", 1)[0].lower()
        loopback = is_loopback_host(host)
        if scheme != "https" and not (scheme == "http" and loopback):
            return Refusal("refused_plain_http", f"refused to send {what} over plain {scheme} to {host}; use https")
        if host in self.trusted or host_matches(host, self.own_hosts):
            return None
        issuer_host = host_of(named_by)
        if named_by is not None and host != issuer_host:
            return Refusal(
                "refused_untrusted_host",
                f"refused to send {what} to {host}: the discovery document on {issuer_host} names it, and it is "
                f"not the document's own host; pass --trust-host {host} if this is yours",
            )
        if host in self.configured_hosts:
            return None
        if loopback and self.allow_loopback:
            return None
        if self.conflict:
            return Refusal("refused_untrusted_host", f"refused to send {what} to {host}: {self.conflict}")
        where = "a loopback address is not" if loopback else "not"
        return Refusal(
            "refused_untrusted_host",
            f"refused to send {what} to {host}: {where} a {self.provider} host; "
            f"pass --trust-host {host} if this is yours",
        )
