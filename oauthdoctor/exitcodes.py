"""Process exit codes: one contract for every command, documented in --help and the README."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Why the process ended; CI scripts branch on these numbers."""

    OK = 0  # nothing at or above the --fail-on threshold
    FINDINGS = 1  # findings at or above the --fail-on threshold
    USAGE = 2  # usage or input error: one clear line on stderr
    INCONCLUSIVE = 3  # probes could not decide
    INTERNAL = 4  # a bug in oauthdoctor
    INTERRUPTED = 130  # Ctrl-C


_MEANING = {
    ExitCode.OK: "nothing at or above --fail-on",
    ExitCode.FINDINGS: "findings at or above it",
    ExitCode.USAGE: "usage or input error",
    ExitCode.INCONCLUSIVE: "inconclusive (probes could not decide)",
    ExitCode.INTERNAL: "internal error",
    ExitCode.INTERRUPTED: "interrupted",
}


def exit_codes_help(*codes: ExitCode) -> str:
    """The ``Exit codes: ...`` sentence for --help, naming only the codes a command can end with."""
    return "Exit codes: " + "; ".join(f"{int(c)} {_MEANING[c]}" for c in codes or tuple(ExitCode)) + "."


EXIT_CODES_HELP = exit_codes_help()
