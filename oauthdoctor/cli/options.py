"""Option choices shared by the report commands (diagnose, check-env).

``--format`` choices come from the format registry (``cli/output.py``'s ``format_option``).
``ReportFormat`` and ``ViewFormat`` remain only for commands still being moved onto it (``trace``); new code
uses ``format_choices(kind)``.
"""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    """Output formats of a findings report."""

    rich = "rich"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


class FailOn(StrEnum):
    """The --fail-on threshold: exit 1 on findings at or above this severity, or never."""

    error = "error"
    warning = "warning"
    never = "never"


class ViewFormat(StrEnum):
    """Output formats of the single-answer commands (diff-redirect, explain, providers)."""

    rich = "rich"
    json = "json"
