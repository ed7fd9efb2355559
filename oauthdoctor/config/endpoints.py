"""Where the token, authorize and discovery endpoints are, from the configuration or the profile.

Worked out once per run (``resolve_endpoints``) and read by every check. A configured URL wins over the
profile's template; a template's ``{placeholder}`` is filled from the
setting of the same name (``OAUTH_TENANT`` → ``{tenant}``) or the placeholder's default. Unfilled
placeholders are returned so the ``config`` probe can name them instead of the request failing later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.hosts import host_of
from oauthdoctor.profiles.model import Profile

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class ResolvedUrl:
    """A URL and where it came from; ``missing`` lists placeholders nobody supplied."""

    url: str | None
    origin: str  # "config" | "profile" | "discovery" | "none"
    missing: tuple[str, ...] = ()


def fill(template: str, config: ResolvedConfig, profile: Profile | None) -> tuple[str, tuple[str, ...]]:
    """Substitute ``{name}`` placeholders; return the URL and the names left unfilled."""
    missing: list[str] = []

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        value = config.get(name)
        if value is None and profile is not None and name in profile.endpoints.placeholders:
            value = profile.endpoints.placeholders[name].default
        if name == "issuer" and value is None:
            value = config.get("issuer")
        if value is None:
            missing.append(name)
            return match.group(0)
        return value.rstrip("/") if name == "issuer" else value

    return _PLACEHOLDER.sub(sub, template), tuple(dict.fromkeys(missing))


def _resolve(key: str, endpoint: str, config: ResolvedConfig, profile: Profile | None) -> ResolvedUrl:
    configured = config.get(key)
    if configured:
        return ResolvedUrl(configured, "config")
    ep = getattr(profile.endpoints, endpoint, None) if profile else None
    if ep is not None and ep.url:
        url, missing = fill(ep.url, config, profile)
        return ResolvedUrl(url, "profile", missing)
    return ResolvedUrl(None, "none")


def token_url(config: ResolvedConfig, profile: Profile | None) -> ResolvedUrl:
    """The token endpoint before discovery (discovery may still supply one when this is ``none``)."""
    return _resolve("token_url", "token", config, profile)


def authorize_url(config: ResolvedConfig, profile: Profile | None) -> ResolvedUrl:
    return _resolve("authorize_url", "authorize", config, profile)


def discovery_url(config: ResolvedConfig, profile: Profile | None) -> ResolvedUrl:
    """``OAUTH_ISSUER`` + the well-known path, else the profile's discovery endpoint."""
    issuer = config.get("issuer")
    if issuer:
        return ResolvedUrl(issuer.rstrip("/") + "/.well-known/openid-configuration", "config")
    return _resolve("__none__", "discovery", config, profile)


@dataclass(frozen=True)
class ResolvedEndpoints:
    """The token, authorize and discovery URLs of one run, each with where it came from."""

    token: ResolvedUrl
    authorize: ResolvedUrl
    discovery: ResolvedUrl


def resolve_endpoints(config: ResolvedConfig, profile: Profile | None) -> ResolvedEndpoints:
    """Every endpoint once: what the checks, the report's inputs and the credential guard all read."""
    return ResolvedEndpoints(token_url(config, profile), authorize_url(config, profile), discovery_url(config, profile))


__all__ = ["ResolvedEndpoints", "ResolvedUrl", "authorize_url", "discovery_url", "fill", "host_of",
           "resolve_endpoints", "token_url"]
