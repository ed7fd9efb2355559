"""A redirect URI's shape, independent of any registration, and how many callback URLs one client may have."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from oauthdoctor.hosts import is_loopback_host

if TYPE_CHECKING:  # the profile model costs ~15 ms to import; check-env only needs the type
    from oauthdoctor.profiles.model import Profile

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")

ShapeKind = Literal["not_absolute", "fragment", "http_not_loopback"]


@dataclass(frozen=True)
class ShapeProblem:
    """``not_absolute`` (RFC 6749 §3.1.2), ``fragment`` (§3.1.2), ``http_not_loopback`` (RFC 9700 §4.1)."""

    kind: ShapeKind
    detail: str  # the fragment or the host; never a secret


def redirect_shape(uri: str) -> list[ShapeProblem]:
    """What is wrong with ``uri`` as a redirect URI whatever is registered; an unusable URI stops the list."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return [ShapeProblem("not_absolute", "")]
    web = parts.scheme.lower() in ("http", "https")
    if not _SCHEME.match(uri) or (web and not parts.netloc):
        return [ShapeProblem("not_absolute", "")]
    out: list[ShapeProblem] = []
    if "#" in uri:
        out.append(ShapeProblem("fragment", parts.fragment))
    try:
        host = parts.hostname or ""
    except ValueError:
        host = ""
    if parts.scheme.lower() == "http" and not is_loopback_host(host):
        out.append(ShapeProblem("http_not_loopback", host))
    return out


def is_absolute(uri: str) -> bool:
    """Has a scheme (and, for http(s), a host): what the cross-file rules need to compare URIs."""
    return bool(_SCHEME.match(uri))


@dataclass(frozen=True)
class CallbackLimit:
    """How many callback URLs this client may register, and which kind of app that limit is for."""

    count: int
    app: str | None = None  # "OAuth app", "GitHub App" ... when the profile tells app kinds apart
    how: str = "profile"  # "client id", "app kind setting" or "profile": how the app kind was decided
    basis: str = "unconfirmed"  # how firm the fact behind the limit is


def callback_limit(profile: Profile | None, client_id: str | None = None, app_kind: str | None = None) -> (
        CallbackLimit | None):
    """The profile's callback limit for this client: by the declared app kind, else the client id's shape,
    else the profile-wide ``max_callback_urls``; None when the profile sets no limit."""
    if profile is None:
        return None
    rule = profile.redirect
    for limit in rule.callback_limits:
        if app_kind and app_kind.strip().lower() == limit.kind:
            return CallbackLimit(limit.count, limit.app, "app kind setting", rule.basis)
    for limit in rule.callback_limits:
        if client_id and limit.client_id and re.fullmatch(limit.client_id, client_id.strip()):
            return CallbackLimit(limit.count, limit.app, "client id", limit.basis)
    return CallbackLimit(rule.max_callback_urls, basis=rule.basis) if rule.max_callback_urls else None
