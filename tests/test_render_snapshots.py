"""Every renderer over one fixed document per kind, compared with a committed snapshot.

Terminal views are drawn at 60, 100 and 140 columns with ``Console(record=True)`` through the registry's
``render_document`` (the same path ``emit`` takes, minus the terminal), machine formats once. A view that
changes on purpose is re-recorded with ``OAUTHDOCTOR_UPDATE_SNAPSHOTS=1 python -m pytest
tests/test_render_snapshots.py`` and the diff reviewed like code. Kinds whose views other packages own
(diff-redirect, trace) are checked by their own tests and by the properties in ``test_render_layout.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from render_samples import SECRET, documents

from oauthdoctor.render.formats import FORMATS, render_document
from oauthdoctor.version import __version__

SNAPSHOTS = Path(__file__).parent / "snapshots"
WIDTHS = (60, 100, 140)
UPDATE = os.environ.get("OAUTHDOCTOR_UPDATE_SNAPSHOTS") == "1"
DOCUMENTS = documents()
CASES = [(kind, fmt, width) for kind in DOCUMENTS for fmt, r in FORMATS[kind].items()
         for width in (WIDTHS if r.console else (None,))]


def _name(kind: str, fmt: str, width: int | None) -> str:
    return f"{kind}.{fmt}" + (f".{width}" if width else "") + ".txt"


@pytest.mark.parametrize(("kind", "fmt", "width"), CASES, ids=[_name(*c)[:-4] for c in CASES])
def test_snapshot(kind: str, fmt: str, width: int | None) -> None:
    document = DOCUMENTS[kind]
    text = render_document(document, kind, fmt, secrets=frozenset({SECRET}), width=width, verbose=True)
    text = text.replace(__version__, "VERSION")
    assert SECRET not in text
    path = SNAPSHOTS / _name(kind, fmt, width)
    if UPDATE or not path.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{path.name} was missing and has been written; review it and run again")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs (see the module docstring)"


def test_every_snapshot_belongs_to_a_case() -> None:
    expected = {_name(*c) for c in CASES}
    assert {p.name for p in SNAPSHOTS.glob("*.txt")} <= expected
