"""The check-env machine formats: the report's JSON contract (schema_version 1) and the rule listing.

Field names are exact and never change meaning.
"""

from __future__ import annotations

import json
from typing import Any

from oauthdoctor.model import Report, RuleMeta
from oauthdoctor.render.limits import cap_json

SCHEMA_VERSION = 1


def check_env_document(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data."""
    return {
        "schema_version": SCHEMA_VERSION,
        "files": list(report.files),
        "findings": [
            {
                "rule": f.id,
                "file": f.location.file if f.location else None,
                "line": f.location.line if f.location else None,
                "column": f.location.column if f.location else None,
                "severity": f.severity.value,
                "key": f.key,
                "message": f.title,
                "fix": f.fix,
            }
            for f in report.findings
        ],
    }


def render_check_env_json(report: Report) -> str:
    return json.dumps(cap_json(check_env_document(report)), indent=2, ensure_ascii=False) + "\n"


def render_rules_json(rules: tuple[RuleMeta, ...]) -> str:
    """``--list-rules --format json``: id, title, question, default severity and reference of every rule."""
    return json.dumps([{"id": r.id, "title": r.title, "question": r.question, "severity": r.severity.value,
                        "help_uri": r.help_uri} for r in rules], indent=2) + "\n"


def render_rules_text(rules: tuple[RuleMeta, ...]) -> str:
    """``--list-rules`` when not on a terminal: ``id<TAB>severity<TAB>title`` and the question, per rule."""
    return "".join(f"{r.id}\t{r.severity.value}\t{r.title}\n    {r.question}\n" for r in rules)
