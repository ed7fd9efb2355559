"""Option choices shared by the report commands (diagnose, check-env, trace).

``--format`` choices come from the format registry (``cli/output.py``'s ``format_option``), not from here.
"""

from __future__ import annotations

from enum import StrEnum


class FailOn(StrEnum):
    """The --fail-on threshold: exit 1 on findings at or above this severity, or never."""

    error = "error"
    warning = "warning"
    never = "never"
