"""One profile's redirect rule, read without building the whole profile: the fast path of ``diff-redirect``.

A profile file that a full load has already checked against the schema sits in the JSON cache; its
``redirect`` mapping alone is turned into a ``RedirectRule``. Anything else (no cache yet, an alias, a
changed file, a cache entry that no longer fits the rule's fields) goes through ``get_profile``, which also
fills the cache.
"""

from __future__ import annotations

from typing import Any

from oauthdoctor.profiles import cache
from oauthdoctor.profiles.dirs import stem_candidates
from oauthdoctor.redirect.rule import LoopbackRule, RedirectRule, WildcardRule


def redirect_rule(name: str) -> tuple[str, RedirectRule]:
    """The profile id and redirect rule for a profile id or alias; raises UnknownProfile like ``get_profile``."""
    stem = name.strip().lower()
    for candidate in stem_candidates(name):
        data = cache.get(candidate)
        if isinstance(data, dict) and data.get("id") == stem:
            rule = _from_checked(data.get("redirect", {}))
            if rule is not None:
                return stem, rule
        if data is not None or candidate.is_file():
            break  # the file that decides is not cached as this id: take the full path
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
        return RedirectRule(**fields)
    except TypeError:  # a key this version's rule does not have
        return None
