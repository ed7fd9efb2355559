"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding.

Escaping follows the runner's rules: in the message '%', CR and LF are percent-encoded; in property
values ':' and ',' are as well, because they separate properties.
"""

from __future__ import annotations

from oauthdoctor.model import Report, Severity
from oauthdoctor.render.sarif import finding_message, reportable

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """Annotation lines, then one plain summary line."""
    lines = []
    for finding in reportable(report):
        props = []
        if finding.location is not None:
            props += [f"file={escape_property(finding.location.file)}", f"line={finding.location.line}",
                      f"col={finding.location.column}"]
        props.append(f"title={escape_property(f'oauthdoctor {finding.id}')}")
        lines.append(f"::{_COMMANDS[finding.severity]} {','.join(props)}::{escape_data(finding_message(finding))}")
    counts = {s: sum(1 for f in reportable(report) if f.severity is s) for s in Severity}
    lines.append(f"oauthdoctor {report.command}: {counts[Severity.ERROR]} error(s), "
                 f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} note(s)")
    return "\n".join(lines) + "\n"
