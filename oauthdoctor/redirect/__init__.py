"""Redirect-URI comparison (pure; no network imports): ``compare`` answers "will this server accept SENT?".

The matching rule of each server is profile data (``oauthdoctor.profiles.redirect_schema``); this package is
the engine that applies it.
"""

from __future__ import annotations

from oauthdoctor.profiles.redirect_schema import (
    LoopbackRule,
    MissingSentRule,
    PathTraversalRule,
    RedirectRule,
    WildcardRule,
)
from oauthdoctor.redirect.components import Difference
from oauthdoctor.redirect.engine import SCHEMA_VERSION, RedirectMatch, compare_with_rule

__all__ = [
    "SCHEMA_VERSION", "Difference", "LoopbackRule", "MissingSentRule", "PathTraversalRule", "RedirectMatch",
    "RedirectRule", "WildcardRule", "compare", "compare_with_rule",
]


def compare(registered: list[str], sent: str | None, provider: str = "generic", client_type: str = "web",
            openid: bool = False) -> RedirectMatch:
    """Would ``provider`` accept ``sent`` given the ``registered`` URIs? Raises UnknownProfile for a bad id.

    ``sent=None``: the request carries no redirect_uri (the answer says which URI the server uses instead);
    ``openid``: the request asks for scope openid, which makes redirect_uri required on some servers.
    """
    from oauthdoctor.profiles.sections import redirect_rule

    profile_id, rule = redirect_rule(provider)
    return compare_with_rule(registered, sent, rule, client_type, provider=profile_id, openid=openid)
