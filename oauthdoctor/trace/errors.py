"""The one error trace raises for unusable input; the CLI turns it into one line and exit code 2."""

from __future__ import annotations


class TraceInputError(Exception):
    """A file that is neither a HAR nor an exchange log, or a broken one: names the file and why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
