"""Profile data as a full load last checked it, read from the cache without building any profile.

Commands that need one section (``diff-redirect`` needs ``redirect`` of one profile: ``redirect_rule``;
``explain`` needs ``errors`` and the endpoint hosts of all) build just that section from this data and skip
the whole profile schema; ``providers list`` reads the summaries a full load computed (``all_summaries``).
The data was accepted by the profile builder before it was cached, and the cache entry is tied to the file's
size and modification time. ``None`` means "not cached": the caller does a full load, which fills the cache and
reports any problem with file, line and YAML path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from oauthdoctor.profiles import cache
from oauthdoctor.profiles.dirs import locate, names_of, profile_files

if TYPE_CHECKING:
    from oauthdoctor.profiles.redirect_schema import RedirectRule

# The modules a summary is computed with: editing one makes the cached summaries stale.
_SUMMARY_CODE = tuple(Path(__file__).with_name(name) for name in (
    "summary.py", "audit.py", "model.py", "error_schema.py", "redirect_schema.py", "build.py"))


def names(data: dict[str, Any]) -> set[str]:
    """The lower-cased id and aliases in one profile's data."""
    return names_of(data.get("id", ""), data.get("aliases", []))


def checked_data(name: str) -> dict[str, Any] | None:
    """The data of the profile with this id or alias (any case), if a full load has cached it."""
    path = locate(name)
    data = cache.get(path) if path is not None else None
    if isinstance(data, dict) and name.strip().lower() in names(data):
        return data
    return None


def all_checked_data() -> list[dict[str, Any]] | None:
    """Every profile's data, one per id (a later directory overrides an earlier one), or None unless every
    profile file is cached."""
    by_id: dict[str, dict[str, Any]] = {}
    for file in profile_files():
        data = cache.get(file)
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            return None
        by_id[data["id"]] = data
    return list(by_id.values())


def all_checked_parts(keys: tuple[str, ...]) -> list[tuple[str, dict[str, Any]]] | None:
    """``(file, parts)`` of every profile (one per id, as ``all_checked_data``), where ``parts`` holds only the
    given top-level keys of its checked data (``"errors.signatures"`` names a key one level down).

    Read from one index over every profile file, so a command that needs a few small parts of all thirty
    profiles (explain's provider detection: names, hosts and signatures) reads one small file instead of
    thirty; ``file_data(file)`` then reads the whole data of the one profile it settles on. None unless every
    profile file is cached.
    """
    files = profile_files()
    name = "parts-" + "-".join(keys)
    found = cache.get_index(name, files, (Path(__file__),))
    if isinstance(found, list):
        return [(file, parts) for file, parts in found]
    by_id: dict[str, tuple[str, dict[str, Any]]] = {}
    for file in files:
        data = cache.get(file)
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            return None
        by_id[data["id"]] = (str(file), _parts(data, keys))
    entries = list(by_id.values())
    cache.put_index(name, files, entries, (Path(__file__),))
    return entries


def _parts(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    for key in keys:
        head, _, sub = key.partition(".")
        value = data.get(head)
        if sub and isinstance(value, dict) and sub in value:
            parts.setdefault(head, {})[sub] = value[sub]
        elif not sub and head in data:
            parts[head] = value
    return parts


def file_data(file: str) -> dict[str, Any] | None:
    """The checked data of one profile file (a ``file`` from ``all_checked_parts``), if it is still cached."""
    data = cache.get(Path(file))
    return data if isinstance(data, dict) else None


def all_summaries() -> list[dict[str, Any]]:
    """What ``providers list`` shows of every profile (``summary.summarize``), in its order (generic last).

    From the summary index while no profile file and no module that computes a summary has changed; else from a
    full load, which reports any broken profile and writes the index.
    """
    files = profile_files()
    found = cache.get_index("summaries", files, _SUMMARY_CODE)
    if isinstance(found, list):
        return found
    from oauthdoctor.profiles.loader import all_profiles
    from oauthdoctor.profiles.summary import summarize

    summaries = [summarize(profile) for profile in all_profiles()]
    cache.put_index("summaries", files, summaries, _SUMMARY_CODE)
    return summaries


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
    from oauthdoctor.profiles.redirect_schema import (
        CallbackLimitRule,
        LoopbackRule,
        MissingSentRule,
        PathTraversalRule,
        RedirectRule,
        WildcardRule,
    )

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
        if "callback_limits" in fields:
            fields["callback_limits"] = [CallbackLimitRule(**item) for item in fields["callback_limits"]]
        return RedirectRule(**fields)
    except TypeError:  # a key this version's rule does not have
        return None
