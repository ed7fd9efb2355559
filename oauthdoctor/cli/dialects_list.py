"""``check-env --list-dialects``: the tools whose variable names check-env and diagnose read, from the table."""

from __future__ import annotations

import json


def dialects_text(as_json: bool) -> str:
    """One block per tool (id, name, variables, how the callback is found, source, date checked), or JSON."""
    from oauthdoctor.config.dialects import DIALECTS

    if as_json:
        return json.dumps([{"id": d.id, "name": d.name, "variables": d.summary, "note": d.note, "source": d.source,
                            "checked": d.checked} for d in DIALECTS], indent=2) + "\n"
    return "".join(f"{d.id}\t{d.name}\n    {d.summary}\n    {d.note}\n    {d.source} (checked {d.checked})\n"
                   for d in DIALECTS)
