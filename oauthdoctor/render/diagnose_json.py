"""``diagnose --format json``: the versioned machine contract (schema in ``oauthdoctor/schemas``).

Field names are a contract: ``schema_version``, ``provider``, ``environment``, ``decision``,
``root_cause``, ``inputs``, ``findings[]`` with ``probe``, ``status``, ``class``, ``decision``, ``title``,
``evidence``, ``hint``. ``emit`` replaces secrets before the report gets here; strings are capped
(``render/limits.py``).
"""

from __future__ import annotations

import json
from typing import Any

from oauthdoctor.model import Report
from oauthdoctor.render.limits import cap_json

SCHEMA_VERSION = 1


def to_data(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (values the json module cannot write become their ``str``)."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "provider": report.provider,
        "environment": report.environment,
        "decision": str(report.decision),
        "root_cause": report.root_cause,
        "inputs": report.inputs,
        "findings": [
            {
                "probe": f.id,
                "status": str(f.status),
                "class": f.failure_class,
                "decision": str(f.decision),
                "title": f.title,
                "evidence": f.evidence,
                "hint": f.hint,
            }
            for f in report.findings
        ],
    }
    capped: dict[str, Any] = cap_json(json.loads(json.dumps(data, default=str)))  # dates, enums as strings
    return capped


def render(report: Report) -> str:
    """Pretty-printed JSON text (one document, trailing newline)."""
    return json.dumps(to_data(report), indent=2, ensure_ascii=False) + "\n"
