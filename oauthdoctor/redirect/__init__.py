"""Redirect-URI comparison (pure; no network imports): ``compare`` answers "will this server accept SENT?"."""

from __future__ import annotations

from oauthdoctor.redirect.components import Difference
from oauthdoctor.redirect.engine import SCHEMA_VERSION, RedirectMatch, compare_with_rule
from oauthdoctor.redirect.rule import LoopbackRule, RedirectRule, WildcardRule

__all__ = [
    "SCHEMA_VERSION", "Difference", "LoopbackRule", "RedirectMatch", "RedirectRule", "WildcardRule", "compare",
    "compare_with_rule",
]


def compare(registered: list[str], sent: str, provider: str = "generic", client_type: str = "web") -> RedirectMatch:
    """Would ``provider`` accept ``sent`` given the ``registered`` URIs? Raises UnknownProfile for a bad id."""
    from oauthdoctor.profiles import get_profile

    profile = get_profile(provider)
    return compare_with_rule(registered, sent, profile.redirect, client_type, provider=profile.id)
