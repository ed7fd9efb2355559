"""Where provider profiles live (the bundled directory, ``OAUTHDOCTOR_PROFILES``, ``--profiles DIR``) and which
file holds a given profile.

Kept apart from the loader so that a command needing one fact of one profile can find the file without
importing the profile schema.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path

ENV_VAR = "OAUTHDOCTOR_PROFILES"
_extra_dirs: list[Path] = []


@functools.cache
def bundled_dir() -> Path:
    """The profiles shipped with the package (wheel) or, in a source checkout, the repo's ``providers/``.

    Cached: the package does not move while it runs, and ``classify()`` asks on every call (via the rule book)."""
    packaged = Path(__file__).resolve().parent.parent / "_providers"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "providers"


def add_profile_dirs(dirs: Iterable[str | Path]) -> None:
    """Register user profile directories (``--profiles``); later ones override earlier ones."""
    _extra_dirs.extend(Path(d) for d in dirs)


def dirs_key() -> tuple[str | None, int]:
    """What ``profile_dirs()`` depends on besides the package, cheap to read on every ``classify()``."""
    return os.environ.get(ENV_VAR), len(_extra_dirs)


def profile_dirs() -> list[Path]:
    """Directories searched, lowest precedence first."""
    env = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return [bundled_dir(), *env, *_extra_dirs]


def profile_files() -> list[Path]:
    """Every profile file, lowest precedence first (a later file with the same id wins)."""
    files: list[Path] = []
    for directory in profile_dirs():
        try:
            names = sorted(os.listdir(directory))
        except OSError:  # missing or not a directory
            continue
        files.extend(directory / n for n in names if n.endswith((".yaml", ".yml")) and not n.startswith("."))
    return files


def names_of(profile_id: str, aliases: list[str]) -> set[str]:
    """The lower-cased id and aliases of a profile: what ``--provider`` accepts for it."""
    return {profile_id.lower(), *(alias.lower() for alias in aliases)}


def locate(name: str) -> Path | None:
    """The file that holds the profile with this id or alias (any case), without building any profile.

    With only the bundled directory in use, a file named after the id is the answer: bundled files are named
    after their ids (a test checks it) and nothing overrides them. Otherwise the name index written by the last
    full load answers, exactly while no profile file has changed; a user file may hold any id and override a
    bundled one, so it is never guessed from its name. The caller checks the id and falls
    back to a full load; None means "not found this way", not "unknown".
    """
    from oauthdoctor.profiles import cache

    key = name.strip().lower()
    directories = profile_dirs()
    bundled_only = len(directories) == 1
    if bundled_only and key.replace("-", "").isalnum():  # exact: nothing can override a bundled file
        for suffix in (".yaml", ".yml"):
            if (directories[0] / f"{key}{suffix}").is_file():
                return directories[0] / f"{key}{suffix}"
    names = cache.get_names(profile_files())
    if names is not None:
        found = names.get(key)
        return Path(found) if found else None
    return None
