"""SARIF 2.1.0 for GitHub code scanning, generic over any Report (check-env and diagnose).

Code scanning needs, per rule: id, short/full description, help text and helpUri; per result: ruleId,
level, message and a physicalLocation (artifact URI relative to the repository + region). A finding
without a location (a diagnose probe) is still emitted, without ``locations``: valid SARIF, though code
scanning only shows results that have one. ``emit`` replaces secrets before the report gets here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from oauthdoctor.model import Finding, Report, RuleMeta, Severity, Status
from oauthdoctor.render.limits import JSON_STRING_CAP, shorten
from oauthdoctor.version import __version__

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def reportable(report: Report) -> list[Finding]:
    """Findings CI output shows: problems (warn/fail) and checks that could not decide (error)."""
    return [f for f in report.findings if f.is_problem or f.status in (Status.ERROR, Status.CRASH)]


def finding_message(finding: Finding, with_fix: bool = True) -> str:
    """One human sentence: the title, the hint when there is one, then the fix."""
    text = finding.title if not finding.hint else f"{finding.title}: {finding.hint}"
    if finding.status is Status.ERROR:
        text = f"could not decide: {text}"
    if with_fix and finding.fix:
        text = f"{text}. Fix: {finding.fix}" if not text.endswith(".") else f"{text} Fix: {finding.fix}"
    return shorten(text, JSON_STRING_CAP)


def rules_for(report: Report) -> list[RuleMeta]:
    """The report's rule table plus a minimal entry for any finding id it does not list."""
    rules = list(report.rules)
    known = {r.id for r in rules}
    for f in report.findings:
        if f.id not in known:
            known.add(f.id)
            rules.append(RuleMeta(f.id, f.title, f.title, f.severity, f.references[0] if f.references else None))
    return rules


def artifact_uri(path: str) -> str:
    """A repository-relative URI for a path as given ('./.env' → '.env'); absolute paths become file URIs."""
    if Path(path).is_absolute():
        try:
            path = str(Path(path).relative_to(Path.cwd()))
        except ValueError:
            return Path(path).as_uri()
    posix = PurePosixPath(path.replace("\\", "/")).as_posix()
    while posix.startswith("./"):
        posix = posix[2:]
    return quote(posix, safe="/")


def _rule_json(rule: RuleMeta) -> dict[str, Any]:
    help_text = rule.question + (f"\nReference: {rule.help_uri}" if rule.help_uri else "")
    help_md = rule.question + (f"\n\nReference: [{rule.help_uri}]({rule.help_uri})" if rule.help_uri else "")
    entry: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", rule.id) if part),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.question},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"tags": ["oauth", "configuration"]},
    }
    if rule.help_uri:
        entry["helpUri"] = rule.help_uri
    return entry


def _result_json(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.id,
        "ruleIndex": index[finding.id],
        "level": _LEVELS[finding.severity],
        "message": {"text": finding_message(finding)},
    }
    if finding.location is not None:
        result["locations"] = [{
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(finding.location.file)},
                "region": {"startLine": max(finding.location.line, 1), "startColumn": max(finding.location.column, 1)},
            }
        }]
    if finding.key:
        result["properties"] = {"key": finding.key}
    return result


def sarif_document(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict."""
    rules = rules_for(report)
    index = {r.id: i for i, r in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "oauthdoctor",
                "semanticVersion": __version__,
                "version": __version__,
                "rules": [_rule_json(r) for r in rules],
            }},
            "automationDetails": {"id": f"oauthdoctor/{report.command}/"},
            "columnKind": "unicodeCodePoints",
            "results": [_result_json(f, index) for f in reportable(report)],
        }],
    }


def render_sarif(report: Report) -> str:
    return json.dumps(sarif_document(report), indent=2, ensure_ascii=False) + "\n"
