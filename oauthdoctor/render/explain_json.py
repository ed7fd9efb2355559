"""``explain --format json``: the classification contract (schema_version 1, ``Explanation.to_json``).

Strings are capped like every machine format (``render/limits.py``).
"""

from __future__ import annotations

import json

from oauthdoctor.classifier.result import Explanation
from oauthdoctor.render.limits import cap_json


def render_explanation_json(result: Explanation) -> str:
    """The answer as one pretty-printed JSON document."""
    return json.dumps(cap_json(result.to_json()), indent=2, ensure_ascii=False) + "\n"
