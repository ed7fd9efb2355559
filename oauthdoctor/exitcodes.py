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


EXIT_CODES_HELP = (
    "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or input error; "
    "3 inconclusive (probes could not decide); 4 internal error; 130 interrupted."
)
