"""A JSON cache of parsed profile YAML, so offline commands skip importing and running the YAML parser.

One small file per profile path, keyed by size and modification time: a command that needs one profile reads
one cache file, and a changed profile is parsed again. A name index maps every id and alias to its file, so
an alias (``entra``) finds its profile without loading them all; it is keyed by every profile file's size and
modification time. A summary index holds what ``providers list`` shows of every profile, keyed the same way
and by the modules that computed it. The cache holds plain data (never pickles) and is only
an optimisation: any failure to read or write it is ignored. ``OAUTHDOCTOR_NO_CACHE=1`` bypasses it.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

from oauthdoctor.version import __version__


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "oauthdoctor" / f"profiles-{__version__}"


def _slot(path: Path) -> tuple[Path, str] | None:
    """The cache file for ``path`` and the key its content must carry, or None when caching is off."""
    if os.environ.get("OAUTHDOCTOR_NO_CACHE"):
        return None
    try:
        resolved = path.resolve()
        st = resolved.stat()
    except OSError:
        return None
    # The file name only spreads paths apart (zlib is much cheaper to import than hashlib); the key inside
    # the entry holds the full path, so two paths sharing a name only miss the cache, never mix up.
    raw = str(resolved).encode("utf-8", "surrogatepass")
    name = f"{resolved.stem[:40]}-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
    return _cache_dir() / f"{name}.json", f"{resolved}|{st.st_size}|{st.st_mtime_ns}"


def get(path: Path) -> Any | None:
    """The cached parsed data of ``path`` if the file is unchanged since it was cached."""
    slot = _slot(path)
    return None if slot is None else _read(*slot)


def put(path: Path, data: Any) -> None:
    """Remember the parsed data of ``path``; silently does nothing where the cache dir is not writable."""
    slot = _slot(path)
    if slot is not None:
        _write(*slot, data)


def get_names(files: list[Path]) -> dict[str, str] | None:
    """The name index (id or alias -> profile file) written for exactly these files, unchanged since."""
    found = get_index("names", files)
    return found if isinstance(found, dict) else None


def put_names(files: list[Path], names: dict[str, str]) -> None:
    """Remember which file holds each profile id and alias, for this set of profile files."""
    put_index("names", files, names)


def get_index(name: str, files: list[Path], code: tuple[Path, ...] = ()) -> Any | None:
    """An index over every profile file (``names``, ``summaries``) written for exactly these files, unchanged
    since; ``code`` lists the source files that computed it, so that editing one makes it stale too."""
    slot = _index_slot(name, files, code)
    return None if slot is None else _read(*slot)


def put_index(name: str, files: list[Path], data: Any, code: tuple[Path, ...] = ()) -> None:
    """Remember an index over every profile file (see ``get_index``)."""
    slot = _index_slot(name, files, code)
    if slot is not None:
        _write(*slot, data)


def _index_slot(name: str, files: list[Path], code: tuple[Path, ...]) -> tuple[Path, str] | None:
    """One index slot; its key lists every file with its size and mtime, so any edit makes it stale."""
    if os.environ.get("OAUTHDOCTOR_NO_CACHE"):
        return None
    parts = []
    for file in (*files, *code):
        try:
            st = file.stat()
        except OSError:
            return None
        parts.append(f"{file}|{st.st_size}|{st.st_mtime_ns}")
    return _cache_dir() / f"{name}.json", "\n".join(parts)


def _read(target: Path, key: str) -> Any | None:
    try:
        entry = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry.get("data") if isinstance(entry, dict) and entry.get("key") == key else None


def _write(target: Path, key: str, data: Any) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": key, "data": data}), encoding="utf-8")
        tmp.replace(target)
    except (OSError, TypeError, ValueError):  # unwritable, or data JSON cannot hold: the cache is optional
        pass
