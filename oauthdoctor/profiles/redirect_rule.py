"""One profile's redirect rule, read without building the whole profile: the fast path of ``diff-redirect``.

The ``redirect`` mapping of the profile's checked data (``profiles.sections``) alone becomes a
``RedirectRule``. Anything else (no cache yet, a changed file, a cache entry that no longer fits the rule's
fields, an unknown name) goes through ``get_profile``, which also fills the cache and raises UnknownProfile
with the close matches.
"""

from __future__ import annotations

from typing import Any

from oauthdoctor.profiles.sections import checked_data
from oauthdoctor.redirect.rule import LoopbackRule, MissingSentRule, PathTraversalRule, RedirectRule, WildcardRule


def redirect_rule(name: str) -> tuple[str, RedirectRule]:
    """The profile id and redirect rule for a profile id or alias (any case)."""
    data = checked_data(name)
    if data is not None:
        rule = _from_checked(data.get("redirect", {}))
        if rule is not None:
            return data["id"], rule
    from oauthdoctor.profiles.loader import get_profile

    profile = get_profile(name)
    return profile.id, profile.redirect


def _from_checked(data: Any) -> RedirectRule | None:
    """The rule from data that ``build`` accepted before it was cached; None if it no longer fits."""
    try:
        fields = dict(data)
        if "loopback" in fields:
            fields["loopback"] = LoopbackRule(**fields["loopback"])
        if "wildcard" in fields:
            fields["wildcard"] = WildcardRule(**fields["wildcard"])
        if isinstance(fields.get("missing_sent"), dict):  # a bare string is the shorthand form
            fields["missing_sent"] = MissingSentRule(**fields["missing_sent"])
        if "path_traversal" in fields:
            fields["path_traversal"] = PathTraversalRule(**fields["path_traversal"])
        return RedirectRule(**fields)
    except TypeError:  # a key this version's rule does not have
        return None
