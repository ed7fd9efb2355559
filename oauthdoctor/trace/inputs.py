"""Open each input (a path or ``-`` for stdin), tell a HAR from an exchange log, and hand back captures.

A HAR is one JSON document with a ``log`` object; an exchange log is JSON Lines whose first line already is
a whole exchange. Anything else is refused with the file's name and the reason, never guessed at.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from oauthdoctor.trace.errors import TraceInputError
from oauthdoctor.trace.exchange_log import read_exchange_log
from oauthdoctor.trace.har import BodyWanted, read_har
from oauthdoctor.trace.model import Capture

STDIN = "-"


def read_bytes(name: str) -> bytes:
    """The whole input (stdin for ``-``), within ``limits.MAX_CAPTURE_BYTES``."""
    from oauthdoctor.limits import MAX_CAPTURE_BYTES, InputError, read_bounded, stdin_bytes

    what = "a HAR or an exchange log"
    try:
        if name == STDIN:
            return stdin_bytes(MAX_CAPTURE_BYTES, what, "<stdin>")
        return read_bounded(name, MAX_CAPTURE_BYTES, what)
    except InputError as exc:
        reason = exc.reason.replace("cannot read:", "cannot read it:", 1)
        raise TraceInputError(exc.name, reason) from None


def input_format(data: bytes, source: str) -> str:
    """``har`` or ``log`` for data that can be one, else ``TraceInputError`` saying why not.

    Works with offsets into ``data``: a slice of a 100 MB input would be a 100 MB copy.
    """
    start = _leading_blank(data)
    if start >= len(data):
        raise TraceInputError(source, "is empty: not a HAR or an exchange log")
    if data[start:start + 1] != b"{":
        shown = data[start:start + 1].decode("latin-1")
        raise TraceInputError(source, f"not a HAR or an exchange log: it does not start with a JSON object "
                                      f"(first character {shown!r})")
    end = data.find(b"\n", start)
    first = data[start:end if end >= 0 else len(data)]
    try:
        head = msgspec.json.decode(first)
    except (msgspec.DecodeError, RecursionError):  # a nesting deeper than Python's stack is not an exchange
        return "log" if _looks_like_lines(data, start) else "har"
    if isinstance(head, dict) and "log" in head:
        return "har"
    if isinstance(head, dict) and "url" in head and "method" in head:
        return "log"
    raise TraceInputError(source, "not a HAR or an exchange log: line 1 is a JSON object with neither 'log' "
                                  "(HAR) nor 'method' and 'url' (exchange log)")


def _looks_like_lines(data: bytes, start: int) -> bool:
    """A broken first line in a file whose next lines are objects of their own: an exchange log."""
    lines: list[bytes] = []
    while len(lines) < 4 and start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end].strip()
        if line:
            lines.append(line)
        start = end + 1
    return len(lines) >= 2 and all(line.startswith(b'{"') and line.endswith(b"}") for line in lines[1:])


def _leading_blank(data: bytes) -> int:
    """How many bytes of byte-order mark and white space come first."""
    index = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while index < len(data) and data[index] in b" \t\r\n":
        index += 1
    return index


def read_captures(name: str, body_wanted: BodyWanted) -> Iterator[Capture]:
    """Captures of one input, in file order."""
    data = read_bytes(name)
    source = "<stdin>" if name == STDIN else name
    if input_format(data, source) == "log":
        return read_exchange_log(data, source, body_wanted)
    skip = _leading_blank(data)
    return read_har(memoryview(data)[skip:] if skip else data, source, body_wanted)
