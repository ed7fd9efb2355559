"""``diff-redirect --format json``: the comparison contract (``RedirectMatch.to_json``)."""

from __future__ import annotations

import json
from typing import Any

from oauthdoctor.render.limits import cap_json


def render_match_json(match: Any) -> str:
    """The comparison as one pretty-printed JSON document (ASCII-escaped, so invisible characters show)."""
    return json.dumps(cap_json(match.to_json()), indent=2) + "\n"
