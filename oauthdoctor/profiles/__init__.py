"""Provider profiles: schema, fast loader and strict validation."""

from oauthdoctor.profiles.loader import (
    ProfileError,
    ProfileIssue,
    UnknownProfile,
    add_profile_dirs,
    all_profiles,
    get_profile,
    resolve_id,
)

__all__ = [
    "ProfileError", "ProfileIssue", "UnknownProfile", "add_profile_dirs", "all_profiles", "get_profile",
    "resolve_id",
]
