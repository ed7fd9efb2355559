"""Where provider profiles live (the bundled directory, ``OAUTHDOCTOR_PROFILES``, ``--profiles DIR``) and which
file holds a given profile.

Kept apart from the loader so that a command needing one fact of one profile can find the file without
importing the profile schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

ENV_VAR = "OAUTHDOCTOR_PROFILES"
_extra_dirs: list[Path] = []


def bundled_dir() -> Path:
    """The profiles shipped with the package (wheel) or, in a source checkout, the repo's ``providers/``."""
    packaged = Path(__file__).resolve().parent.parent / "_providers"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "providers"


def add_profile_dirs(dirs: Iterable[str | Path]) -> None:
    """Register user profile directories (``--profiles``); later ones override earlier ones."""
    _extra_dirs.extend(Path(d) for d in dirs)


def profile_dirs() -> list[Path]:
    """Directories searched, lowest precedence first."""
    env = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return [bundled_dir(), *env, *_extra_dirs]


def profile_files() -> list[Path]:
    """Every profile file, lowest precedence first (a later file with the same id wins)."""
    files: list[Path] = []
    for directory in profile_dirs():
        if directory.is_dir():
            files.extend(sorted(p for p in directory.iterdir()
                                if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")))
    return files


def names_of(profile_id: str, aliases: list[str]) -> set[str]:
    """The lower-cased id and aliases of a profile: what ``--provider`` accepts for it."""
    return {profile_id.lower(), *(alias.lower() for alias in aliases)}


def locate(name: str) -> Path | None:
    """The file that holds the profile with this id or alias (any case), without building any profile.

    The name index written by the last full load answers exactly while no profile file has changed.
    Without it, only the bundled directory can be guessed from: its files are named after their ids, while a
    file in a user directory may hold any id and override a bundled one. The caller checks the id and falls
    back to a full load; None means "not found this way", not "unknown".
    """
    from oauthdoctor.profiles import cache

    key = name.strip().lower()
    names = cache.get_names(profile_files())
    if names is not None:
        found = names.get(key)
        return Path(found) if found else None
    directories = profile_dirs()
    if len(directories) == 1 and key.replace("-", "").isalnum():
        for suffix in (".yaml", ".yml"):
            if (directories[0] / f"{key}{suffix}").is_file():
                return directories[0] / f"{key}{suffix}"
    return None
