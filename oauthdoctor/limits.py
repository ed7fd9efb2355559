"""How much input oauthdoctor reads, in one place: every file reader asks here, and the README quotes it.

A diagnostics tool runs on the worst day of an integration, and what it is handed then is not always what it
claims to be: a 2 GB log named ``.env``, ``/dev/zero``, a UTF-16 file saved by an editor, a binary, a YAML
bomb. Each must end in one line naming the file (exit 2), never in exhausted memory, a hang or a traceback.
So every reader reads through ``read_bounded`` (a size limit checked before the bytes are read, and again
while reading, for pipes and devices that do not know their size) and ``decode_text`` (UTF-8 only, with the
line and column of the first byte that is not).

The limits are generous for what each input really is: configuration is kilobytes and hundreds of lines, so
1 MiB and 10,000 lines are ten to a hundred times the largest real file and keep every check under two seconds
whatever the file holds (the checks cost per statement: a file of 250,000 one-character assignments is 1 MiB);
captures and response bodies are what trace and explain exist for, and a 100 MB HAR is benchmarked (README,
"Benchmarks").
"""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

MiB = 1024 * 1024

MAX_CONFIG_BYTES = 1 * MiB  # env files, docker-compose files, Kubernetes manifests, --config YAML
MAX_CONFIG_LINES = 10_000  # the same files: real ones have hundreds of lines; the checks cost per statement
# Provider profiles are the tool's knowledge, not a user's configuration: the bundled generic profile holds over two
# thousand readings, each with its source and note (2.5 MB and 3,081 lines at the end of round twenty-three). Four
# MiB leaves room to grow and still refuses a runaway file before YAML parses it.
MAX_PROFILE_BYTES = 4 * MiB
MAX_PROFILE_LINES = 40_000
MAX_CAPTURE_BYTES = 256 * MiB  # trace's HAR files and exchange logs, explain's RESPONSE (a file or stdin)
MAX_LINE_BYTES = 8 * MiB  # one line of explain --jsonl (a longer line is reported as unreadable, and skipped)
MAX_SERVER_BODY_BYTES = 1 * MiB  # what diagnose reads of any answer from a server (the rest is never read)

_CHUNK = 1 * MiB


class InputError(Exception):
    """Input that cannot be read as what it must be: ``str()`` is one line, ``{name}: {reason}``."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


def size_words(count: int) -> str:
    """``1 MiB``, ``256 MiB``, ``1,500 bytes``: a limit or a size the way a person reads it."""
    if count >= MiB and count % MiB == 0:
        return f"{count // MiB} MiB"
    return f"{count:,} bytes"


def read_bounded(name: str, limit: int, what: str, stream: BinaryIO | None = None) -> bytes:
    """The bytes of ``name`` (or of ``stream``, named ``name``), at most ``limit`` of them.

    ``what`` is what the file should be (``an env file``) for the messages. A regular file's size is checked
    before anything is read; a pipe, a device or stdin is read in chunks and refused as soon as it passes the
    limit, so ``/dev/zero`` is refused after ``limit`` bytes instead of read without end. Raises
    ``InputError`` naming the file for a directory, an unreadable file, a closed stdin and input past the limit.
    """
    if stream is not None:
        return _read_stream(name, stream, limit, what)
    try:
        with open(name, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError(name, f"is a directory, not {what}")
            if stat.S_ISREG(info.st_mode):
                if info.st_size > limit:
                    raise InputError(name, f"too large for {what} ({info.st_size:,} bytes; the limit is "
                                     f"{size_words(limit)})")
                data = handle.read(info.st_size + 1)  # one buffer of the file's size, no copies
                if len(data) <= info.st_size:
                    return data
                return _read_stream(name, handle, limit, what, data)  # it grew while read (a live log)
            return _read_stream(name, handle, limit, what)
    except IsADirectoryError:
        raise InputError(name, f"is a directory, not {what}") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or type(exc).__name__}") from None


def read_config_text(name: str, what: str, max_bytes: int = MAX_CONFIG_BYTES,
                     max_lines: int = MAX_CONFIG_LINES) -> str:
    """A configuration file (env file, compose file, manifest, ``--config``; a profile with the profile limits) as
    text, within ``max_bytes`` and ``max_lines``; ``InputError`` naming the file otherwise."""
    text = decode_text(read_bounded(name, max_bytes, what), name, what)
    lines = text.count("\n") + text.count("\r") - text.count("\r\n")
    if lines > max_lines:
        raise InputError(name, f"too many lines for {what} ({lines:,}; the limit is {max_lines:,})")
    return text


def _read_stream(name: str, stream: BinaryIO, limit: int, what: str, start: bytes = b"") -> bytes:
    chunks: list[bytes] = [start] if start else []
    size = len(start)
    if size > limit:
        raise InputError(name, f"too large for {what} (more than {size_words(limit)})")
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(name, f"too large for {what} (more than {size_words(limit)})")


def stdin_bytes(limit: int, what: str, name: str = "standard input") -> bytes:
    """Standard input, bounded as ``read_bounded``; a closed stdin (``<&-``) is an ``InputError``."""
    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        raise InputError(name, "closed: nothing to read (give a file instead)")
    return read_bounded(name, limit, what, stream=stream)


def line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as decoded up to there) of byte ``offset``."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


_UTF16_32 = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"),
             (b"\xfe\xff", "UTF-16"))


def decode_text(data: bytes, name: str, what: str) -> str:
    """``data`` as UTF-8 text (a UTF-8 byte-order mark is kept: callers that care report it).

    ``InputError`` for UTF-16/UTF-32 (recognised by their byte-order mark), for binary content (a NUL byte),
    and for bytes that are not UTF-8, naming the line and column of the first offending byte.
    """
    for mark, encoding in _UTF16_32:
        if data.startswith(mark):
            raise InputError(name, f"not {what} ({encoding} text, not UTF-8: save it as UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(name, f"not {what} (binary content)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_and_column(data, exc.start)
        raise InputError(name, f"not {what} (not UTF-8 at line {line}, column {column}, byte {exc.start}; "
                         "save it as UTF-8)") from None


__all__ = [
    "MAX_CAPTURE_BYTES", "MAX_CONFIG_BYTES", "MAX_CONFIG_LINES", "MAX_LINE_BYTES", "MAX_SERVER_BODY_BYTES",
    "InputError", "decode_text", "line_and_column", "read_bounded", "read_config_text", "size_words", "stdin_bytes",
]
