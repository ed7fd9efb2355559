"""Where provider profiles live: the bundled directory, ``OAUTHDOCTOR_PROFILES`` and ``--profiles DIR``.

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


def stem_candidates(name: str) -> list[Path]:
    """Files that may hold the profile whose id is ``name``, highest precedence first (empty for an alias
    that cannot be a file stem)."""
    stem = name.strip().lower()
    if not stem.replace("-", "").isalnum():
        return []
    return [directory / f"{stem}{suffix}" for directory in reversed(profile_dirs()) for suffix in (".yaml", ".yml")]
