"""JUnit XML: one test case per rule and file, so CI test tabs show which checks passed.

A case fails when it has warning- or error-level findings (their messages are the failure text);
info-level findings go to ``system-out``; a check that could not decide is an ``error``; a skipped
probe is ``skipped``. Reports without files (diagnose) get one case per rule.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from oauthdoctor.model import Finding, Report, Severity, Status
from oauthdoctor.render.sarif import finding_message, rules_for


def _line(finding: Finding) -> str:
    where = f"{finding.location.line}:{finding.location.column} " if finding.location else ""
    return f"{where}{finding.severity.value}: {finding_message(finding)}"


def junit_tree(report: Report) -> ET.Element:
    files: list[str | None] = list(report.files)
    for f in report.findings:
        if f.location is not None and f.location.file not in files:
            files.append(f.location.file)
    if not files:
        files = [None]
    root = ET.Element("testsuites", name="oauthdoctor")
    suite = ET.SubElement(root, "testsuite", name=f"oauthdoctor {report.command}")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for file in files:
        for rule in rules_for(report):
            mine = [f for f in report.findings if f.id == rule.id
                    and (f.location.file if f.location else (None if file is None else files[0])) == file]
            case = ET.SubElement(suite, "testcase", name=rule.id,
                                 classname=file if file is not None else f"oauthdoctor.{report.command}")
            totals["tests"] += 1
            problems = [f for f in mine if f.is_problem and f.severity is not Severity.INFO]
            errors = [f for f in mine if f.status in (Status.ERROR, Status.CRASH)]
            notes = [f for f in mine if f.is_problem and f.severity is Severity.INFO]
            if problems:
                totals["failures"] += 1
                failure = ET.SubElement(case, "failure", type=rule.id,
                                        message=f"{len(problems)} finding(s): {problems[0].title}")
                failure.text = "\n".join(_line(f) for f in problems)
            elif errors:
                totals["errors"] += 1
                error = ET.SubElement(case, "error", type=rule.id, message=errors[0].title)
                error.text = "\n".join(_line(f) for f in errors)
            elif mine and all(f.status is Status.SKIP for f in mine):
                totals["skipped"] += 1
                ET.SubElement(case, "skipped", message=mine[0].hint or mine[0].title)
            if notes:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in notes)
    for element in (root, suite):
        for name, value in totals.items():
            element.set(name, str(value))
    return root


def render_junit(report: Report) -> str:
    root = junit_tree(report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
