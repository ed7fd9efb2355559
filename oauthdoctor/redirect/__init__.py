"""Redirect-URI comparison (pure; no network imports): ``compare`` answers "will this server accept SENT?".

Names are resolved lazily: the profile schema imports ``oauthdoctor.redirect.rule`` on every command, and
that must not pull in the comparison engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oauthdoctor.redirect.rule import LoopbackRule, MissingSentRule, PathTraversalRule, RedirectRule, WildcardRule

if TYPE_CHECKING:
    from oauthdoctor.redirect.engine import RedirectMatch

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
    from oauthdoctor.profiles.redirect_rule import redirect_rule
    from oauthdoctor.redirect.engine import compare_with_rule

    profile_id, rule = redirect_rule(provider)
    return compare_with_rule(registered, sent, rule, client_type, provider=profile_id, openid=openid)


def __getattr__(name: str) -> Any:
    if name in ("SCHEMA_VERSION", "RedirectMatch", "compare_with_rule"):
        from oauthdoctor.redirect import engine

        return getattr(engine, name)
    if name == "Difference":
        from oauthdoctor.redirect.components import Difference

        return Difference
    raise AttributeError(name)
