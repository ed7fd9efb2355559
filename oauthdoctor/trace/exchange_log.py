"""Read an exchange log: JSON Lines, one HTTP exchange per line (schema: ``schemas/exchange-log.schema.json``).

``oauthdoctor.record`` writes these for back-end token traffic no browser sees; anything else may write
them too. Every line must be a JSON object with at least ``time``, ``method`` and ``url``; a line that is not
is an input error naming its number, because a log with holes would hide exactly the exchange that matters.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import msgspec

from oauthdoctor.trace.errors import TraceInputError
from oauthdoctor.trace.har import BodyWanted, parse_time
from oauthdoctor.trace.model import Capture

FORMAT_VERSION = 1

Headers = dict[str, str] | list[tuple[str, str]] | None
Body = str | dict[str, Any] | list[Any] | None


class LogLine(msgspec.Struct, omit_defaults=True):
    """One line of an exchange log (field names are the documented contract)."""

    time: str | float
    method: str
    url: str
    exchange_log: int = FORMAT_VERSION
    duration: float | None = None  # seconds
    request_headers: Headers = None
    request_body: Body = None
    status: int | None = None
    response_headers: Headers = None
    response_body: Body = None
    client_id: str | None = None
    origin: str | None = None  # which process or host sent it (``host:pid``)
    derived: dict[str, str] | None = None  # e.g. code_verifier_s256: computed before the verifier was hidden
    failure: str | None = None  # why there is no response (timeout, connection refused)


_LINE = msgspec.json.Decoder(LogLine, strict=False)


def read_exchange_log(data: bytes, source: str, body_wanted: BodyWanted | None = None) -> Iterator[Capture]:
    """Every non-blank line as a ``Capture``; ``TraceInputError`` names the file, the line and why.

    As in a HAR, a response body is kept only where ``body_wanted`` says it is worth reading (token answers,
    refused API calls): a log of a million page requests must not hold a million page bodies."""
    for number, line in _lines(data):
        if not line.strip():
            continue
        try:
            item = _LINE.decode(line)
        except msgspec.ValidationError as exc:
            raise TraceInputError(source, f"line {number} is not an exchange: {_message(exc)}") from None
        except msgspec.DecodeError:
            raise TraceInputError(source, f"line {number} is not JSON") from None
        except RecursionError:
            raise TraceInputError(source, f"line {number} is nested too deeply to read") from None
        yield _capture(item, number, source, body_wanted)


def _lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Numbered lines, one slice at a time (``splitlines`` would copy a large log whole)."""
    start, number = 0, 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        number += 1
        yield number, data[start:end]
        start = end + 1


def _message(exc: msgspec.ValidationError) -> str:
    return str(exc).replace("`$.", "`").replace("`$`", "the line")


def _capture(item: LogLine, number: int, source: str, body_wanted: BodyWanted | None = None) -> Capture:
    started = float(item.time) if isinstance(item.time, float | int) else parse_time(item.time)
    if started is None:
        raise TraceInputError(source, f"line {number}: time {str(item.time)[:40]!r} is not an RFC 3339 time")
    if item.exchange_log > FORMAT_VERSION:
        raise TraceInputError(source, f"line {number}: exchange_log version {item.exchange_log} is newer than "
                                      f"this oauthdoctor reads ({FORMAT_VERSION})")
    derived = dict(item.derived or {})
    if item.client_id:
        derived["client_id"] = item.client_id
    if item.origin:
        derived["origin"] = item.origin
    method, status = item.method.upper(), item.status or None
    request_headers, request_body = _headers(item.request_headers), _body(item.request_body)
    wanted = body_wanted is None or body_wanted(method, item.url, status, request_headers, request_body)
    return Capture(
        source=source, position=number, line_based=True, started=started, duration=item.duration,
        method=method, url=item.url, request_headers=request_headers, request_body=request_body, status=status,
        response_headers=_headers(item.response_headers), response_body=_body(item.response_body) if wanted else None,
        derived=derived, failure=item.failure,
    )


def _headers(headers: Headers) -> tuple[tuple[str, str], ...]:
    if headers is None:
        return ()
    items = headers.items() if isinstance(headers, dict) else headers
    return tuple((str(k), str(v)) for k, v in items)


def _body(body: Body) -> str | None:
    if body is None or isinstance(body, str):
        return body
    return json.dumps(body, ensure_ascii=False)
