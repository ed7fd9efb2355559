"""Where the token, authorize and discovery endpoints are, from the configuration or the profile.

A configured URL wins over the profile's template; a template's ``{placeholder}`` is filled from the
setting of the same name (``OAUTH_TENANT`` → ``{tenant}``) or the placeholder's default. Unfilled
placeholders are returned so the ``config`` probe can name them instead of the request failing later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from oauthdoctor.diagnose.settings import Settings
from oauthdoctor.profiles.model import Profile

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class ResolvedUrl:
    """A URL and where it came from; ``missing`` lists placeholders nobody supplied."""

    url: str | None
    origin: str  # "config" | "profile" | "discovery" | "none"
    missing: tuple[str, ...] = ()


def fill(template: str, settings: Settings, profile: Profile | None) -> tuple[str, tuple[str, ...]]:
    """Substitute ``{name}`` placeholders; return the URL and the names left unfilled."""
    missing: list[str] = []

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        value = settings.get(name)
        if value is None and profile is not None and name in profile.endpoints.placeholders:
            value = profile.endpoints.placeholders[name].default
        if name == "issuer" and value is None:
            value = settings.get("issuer")
        if value is None:
            missing.append(name)
            return match.group(0)
        return value.rstrip("/") if name == "issuer" else value

    return _PLACEHOLDER.sub(sub, template), tuple(dict.fromkeys(missing))


def _resolve(key: str, endpoint: str, settings: Settings, profile: Profile | None) -> ResolvedUrl:
    configured = settings.get(key)
    if configured:
        return ResolvedUrl(configured, "config")
    ep = getattr(profile.endpoints, endpoint, None) if profile else None
    if ep is not None and ep.url:
        url, missing = fill(ep.url, settings, profile)
        return ResolvedUrl(url, "profile", missing)
    return ResolvedUrl(None, "none")


def token_url(settings: Settings, profile: Profile | None) -> ResolvedUrl:
    """The token endpoint before discovery (discovery may still supply one when this is ``none``)."""
    return _resolve("token_url", "token", settings, profile)


def authorize_url(settings: Settings, profile: Profile | None) -> ResolvedUrl:
    return _resolve("authorize_url", "authorize", settings, profile)


def discovery_url(settings: Settings, profile: Profile | None) -> ResolvedUrl:
    """``OAUTH_ISSUER`` + the well-known path, else the profile's discovery endpoint."""
    issuer = settings.get("issuer")
    if issuer:
        return ResolvedUrl(issuer.rstrip("/") + "/.well-known/openid-configuration", "config")
    return _resolve("__none__", "discovery", settings, profile)


def host_of(url: str | None) -> str | None:
    """Lower-case host name of a URL, or None when it has none."""
    if not url:
        return None
    try:
        return urlsplit(url).hostname or None
    except ValueError:
        return None
