"""The console script in a real pseudo-terminal: Ctrl-C, NO_COLOR, the bare command, the terminal's width.

Run as a user runs it: the installed ``oauthdoctor`` script (else ``python -m oauthdoctor``) as the session
leader of a new pty, so ^C typed into the terminal reaches it as SIGINT through the line discipline, and
rich sees a real terminal (colours on, width from the window size).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import signal
import socket
import struct
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pty")
import pty  # noqa: E402 - after the skip: POSIX only

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = str(ROOT / "examples" / "google-testing.env")
SCRIPT = shutil.which("oauthdoctor", path=str(Path(sys.executable).parent))
LAUNCH = [SCRIPT] if SCRIPT else [sys.executable, "-m", "oauthdoctor"]
COLOUR = re.compile(rb"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;[25];[0-9;]+)m")
CONTROL = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def plain_text(screen: bytes) -> str:
    """What a person reads: control sequences and carriage returns removed."""
    return CONTROL.sub(b"", screen).decode().replace("\r", "")


def run_in_pty(args: list[str], *, env: dict[str, str] | None = None, columns: int = 100,
               keys: bytes | None = None, after: bytes | float = 1.0, timeout: float = 30) -> tuple[int, bytes, float]:
    """Exit code, everything the terminal showed, and the seconds from sending ``keys`` to the exit.

    ``keys`` are typed once ``after`` (bytes) has appeared on the screen, or after ``after`` seconds.
    """
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", **(env or {})}
    for name in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE"):
        environ.pop(name, None)
    if env:
        environ.update(env)
    pid, fd = pty.fork()
    if pid == 0:  # the child: a session leader whose controlling terminal is the pty
        os.execvpe(LAUNCH[0], [*LAUNCH, *args], environ)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    screen, start, sent_at = b"", time.monotonic(), None
    try:
        while True:
            waited = time.monotonic() - start
            ready = keys is not None and sent_at is None and (
                after in screen if isinstance(after, bytes) else waited >= after)
            if ready:
                os.write(fd, keys or b"")
                sent_at = time.monotonic()
            if waited > timeout:
                os.kill(pid, signal.SIGKILL)
                break
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                screen += chunk
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), screen, time.monotonic() - (sent_at or start)


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A loopback port that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield server.getsockname()[1]
    server.close()


def test_ctrl_c_while_reading_the_terminal_exits_130() -> None:
    code, screen, _ = run_in_pty(["explain", "-"], keys=b"\x03", after=1.5)
    assert code == 130, screen
    assert b"interrupted" in screen


def test_ctrl_c_during_network_probes_exits_130_at_once(silent_server: int) -> None:
    args = ["diagnose", "--provider", "generic", "--client-id", "abc", "--token-url",
            f"http://127.0.0.1:{silent_server}/token", "--timeout", "30", "--ntp-server", "127.0.0.1:9"]
    code, screen, after_keys = run_in_pty(args, keys=b"\x03", after=b"running network probes")
    assert code == 130, screen
    assert after_keys < 5  # not after the 30 s timeout


def test_colour_on_a_terminal_and_none_with_no_color() -> None:
    code, coloured, _ = run_in_pty(["diagnose", "--offline", "--env-file", EXAMPLE])
    assert code == 1 and COLOUR.search(coloured), coloured[:300]
    for env, extra in (({"NO_COLOR": "1"}, []), ({}, ["--no-color"])):
        code, plain, _ = run_in_pty(["diagnose", "--offline", "--env-file", EXAMPLE, *extra], env=env)
        assert code == 1
        assert COLOUR.search(plain) is None, (env, extra, COLOUR.search(plain))
        assert "Decision: fix_config" in plain_text(plain)
    code, plain, _ = run_in_pty(["explain", '{"error":"invalid_grant"}'], env={"NO_COLOR": "1"})
    assert code == 0 and COLOUR.search(plain) is None and "Decision: reauth" in plain_text(plain)


def test_the_bare_command_prints_the_help_with_the_command_list() -> None:
    code, screen, _ = run_in_pty([])
    text = plain_text(screen)
    assert code == 2
    assert "Usage: oauthdoctor [OPTIONS] COMMAND [ARGS]..." in text and "Commands:" in text
    for command in ("diagnose", "diff-redirect", "explain", "check-env", "providers", "trace"):
        assert re.search(rf"^\s+{command}\s", text, re.M), command
    assert "error" not in text.lower().split("commands:")[0].split("usage:")[0]
    code, screen, _ = run_in_pty(["providers"])
    assert code == 2 and b"Commands:" in screen and b"show" in screen


def test_explain_on_a_terminal_without_input_says_what_to_give() -> None:
    code, screen, _ = run_in_pty(["explain"])
    assert code == 2
    assert b"give the response body as RESPONSE, @FILE or - (stdin)" in screen


@pytest.mark.parametrize("columns", [60, 140])
def test_the_report_fits_the_terminal_width(columns: int) -> None:
    code, screen, _ = run_in_pty(["diagnose", "--offline", "--env-file", EXAMPLE, "--no-color"], columns=columns)
    lines = plain_text(screen).splitlines()
    assert code == 1
    assert max(len(line) for line in lines) <= columns
    assert max(len(line) for line in lines) > columns - 10  # it used the width it had
