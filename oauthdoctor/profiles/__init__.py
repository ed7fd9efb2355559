"""Provider profiles: schema, fast loader and strict validation.

Names resolve lazily, so that ``oauthdoctor.profiles.redirect_rule`` (used by ``diff-redirect``) can read one
profile's redirect rule without importing the whole profile schema.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oauthdoctor.profiles.loader import (
        ProfileError,
        ProfileIssue,
        UnknownProfile,
        all_profiles,
        get_profile,
        resolve_id,
    )

from oauthdoctor.profiles.dirs import add_profile_dirs

__all__ = [
    "ProfileError", "ProfileIssue", "UnknownProfile", "add_profile_dirs", "all_profiles", "get_profile",
    "resolve_id",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from oauthdoctor.profiles import loader

        return getattr(loader, name)
    raise AttributeError(name)
