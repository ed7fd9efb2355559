"""Errors that the top-level handler turns into one line on stderr and an exit code."""

from __future__ import annotations

from oauthdoctor.exitcodes import ExitCode


class UsageError(Exception):
    """Bad usage or unusable input: exit 2 with this message on one line, no traceback."""

    exit_code = ExitCode.USAGE


class CommandExit(Exception):  # noqa: N818 - it is a control-flow signal, not an error
    """Finish the command with a given exit code after output was written."""

    def __init__(self, code: ExitCode) -> None:
        super().__init__(int(code))
        self.code = code
