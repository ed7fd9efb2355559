"""A JSON cache of parsed profile YAML, so offline commands skip importing and running the YAML parser.

Entries are keyed by path, size and modification time; a changed file is parsed again. The cache holds
plain data (never pickles) and is only an optimisation: any failure to read or write it is ignored.
Set ``OAUTHDOCTOR_NO_CACHE=1`` to bypass it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from oauthdoctor import __version__

_entries: dict[str, Any] | None = None
_dirty = False


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "oauthdoctor" / f"profiles-{__version__}.json"


def _enabled() -> bool:
    return not os.environ.get("OAUTHDOCTOR_NO_CACHE")


def _key(path: Path) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"


def _load() -> dict[str, Any]:
    global _entries
    if _entries is None:
        try:
            _entries = json.loads(_cache_file().read_text(encoding="utf-8"))
            if not isinstance(_entries, dict):
                _entries = {}
        except (OSError, ValueError):
            _entries = {}
    return _entries


def get(path: Path) -> Any | None:
    """The cached parsed data of ``path`` if the file is unchanged since it was cached."""
    if not _enabled():
        return None
    key = _key(path)
    return _load().get(key) if key else None


def put(path: Path, data: Any) -> None:
    """Remember the parsed data of ``path`` (written to disk by ``flush``)."""
    global _dirty
    key = _key(path)
    if not _enabled() or key is None:
        return
    entries = _load()
    prefix = key.rsplit("|", 2)[0] + "|"
    for stale in [k for k in entries if k.startswith(prefix)]:
        del entries[stale]
    entries[key] = data
    _dirty = True


def flush() -> None:
    """Write the cache if anything changed; silently does nothing where the cache dir is not writable."""
    global _dirty
    if not _dirty or _entries is None:
        return
    target = _cache_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(_entries), encoding="utf-8")
        tmp.replace(target)
        _dirty = False
    except OSError:
        pass
