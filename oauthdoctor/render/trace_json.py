"""``trace --format json``: the versioned machine contract (schema: ``oauthdoctor/schemas/trace.schema.json``).

Field names are a contract: ``schema_version``, ``provider``, ``decision``, ``root_cause``, ``inputs``,
``findings[]`` (``id``, ``status``, ``severity``, ``class``, ``decision``, ``title``, ``entries``,
``evidence``, ``hint``) and ``timeline`` (``start``, ``rows[]``). Secrets are fingerprints before they get here.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from oauthdoctor.model import Report
from oauthdoctor.redact import scrub

SCHEMA_VERSION = 1


def to_data(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data."""
    timeline = dict(report.details.get("timeline") or {"start": 0.0, "rows": [], "row_count": 0,
                                                         "other_exchanges": 0})
    timeline["start"] = datetime.fromtimestamp(timeline["start"], UTC).isoformat().replace("+00:00", "Z")
    data = {
        "schema_version": SCHEMA_VERSION,
        "command": "trace",
        "provider": report.provider,
        "decision": str(report.decision),
        "root_cause": report.root_cause,
        "inputs": report.inputs,
        "findings": [
            {
                "id": f.id,
                "status": str(f.status),
                "severity": str(f.severity),
                "class": f.failure_class,
                "decision": str(f.decision),
                "title": f.title,
                "entries": list(f.evidence.get("entries", [])),
                "evidence": f.evidence,
                "hint": f.hint,
                "fix": f.fix,
            }
            for f in report.findings
        ],
        "timeline": timeline,
    }
    return scrub(json.loads(json.dumps(data, default=str)), report.secrets)


def render_trace_json(report: Report) -> str:
    """Pretty-printed JSON text (one document, trailing newline)."""
    return json.dumps(to_data(report), indent=2, ensure_ascii=False) + "\n"
