"""The check-env JSON contract (schema_version 1); field names are exact and never change meaning."""

from __future__ import annotations

import json
from typing import Any

from oauthdoctor.model import Report
from oauthdoctor.redact import scrub

SCHEMA_VERSION = 1


def check_env_document(report: Report) -> dict[str, Any]:
    clean = scrub(report, report.secrets)
    return {
        "schema_version": SCHEMA_VERSION,
        "files": list(clean.files),
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
            for f in clean.findings
        ],
    }


def render_check_env_json(report: Report) -> str:
    return json.dumps(check_env_document(report), indent=2, ensure_ascii=False) + "\n"
