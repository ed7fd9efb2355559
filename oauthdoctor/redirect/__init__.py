"""Redirect-URI comparison (pure; no network imports): ``compare`` answers "will this server accept SENT?".

The matching rule of each server is profile data (``oauthdoctor.profiles.redirect_schema``); this package is
the engine that applies it.
"""

from __future__ import annotations

from oauthdoctor.profiles.redirect_schema import LoopbackRule, RedirectRule, WildcardRule
from oauthdoctor.redirect.components import Difference
from oauthdoctor.redirect.engine import SCHEMA_VERSION, RedirectMatch, compare_with_rule

__all__ = [
    "SCHEMA_VERSION", "Difference", "LoopbackRule", "RedirectMatch", "RedirectRule", "WildcardRule", "compare",
    "compare_with_rule",
]


def compare(registered: list[str], sent: str, provider: str = "generic", client_type: str = "web") -> RedirectMatch:
    """Would ``provider`` accept ``sent`` given the ``registered`` URIs? Raises UnknownProfile for a bad id."""
    from oauthdoctor.profiles.sections import redirect_rule

    profile_id, rule = redirect_rule(provider)
    return compare_with_rule(registered, sent, rule, client_type, provider=profile_id)
