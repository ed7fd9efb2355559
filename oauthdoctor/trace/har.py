"""Read a HAR 1.2 (or 1.1) capture as exported by browser devtools, mitmproxy, Charles, Proxyman or Fiddler.

Parsing uses msgspec with typed structs that name only the fields trace reads: everything else (timings,
cookies, initiators, page lists) is skipped without being built, and bodies are kept as ``msgspec.Raw``
slices of the input until something asks for them. A 100 MB capture of page traffic therefore costs the
input bytes plus a few small objects per entry, and decodes several times faster than ``json.load``
(numbers in the README). A type error inside an entry is reported with the entry's number and field.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from urllib.parse import urlencode

import msgspec

from oauthdoctor.trace.errors import TraceInputError
from oauthdoctor.trace.model import Capture

SUPPORTED_VERSIONS = ("1.1", "1.2")

# (method, url, status, request headers, request body) -> should the response body be decoded?
BodyWanted = Callable[[str, str, int | None, tuple[tuple[str, str], ...], str | None], bool]


class _NameValue(msgspec.Struct, gc=False):
    name: str = ""
    value: str | None = ""


class _PostData(msgspec.Struct, gc=False):
    mimeType: str | None = None  # noqa: N815 - HAR field names
    text: str | None = None
    params: list[_NameValue] | None = None


class _Content(msgspec.Struct, gc=False):
    mimeType: str | None = None  # noqa: N815
    text: str | None = None
    encoding: str | None = None


class _Request(msgspec.Struct, gc=False):
    method: str = "GET"
    url: str = ""
    headers: list[_NameValue] | None = None
    postData: msgspec.Raw = msgspec.Raw()  # noqa: N815 - empty when absent


class _Response(msgspec.Struct, gc=False):
    status: int | None = None
    headers: list[_NameValue] | None = None
    content: msgspec.Raw = msgspec.Raw()
    redirectURL: str | None = None  # noqa: N815


class _Entry(msgspec.Struct, gc=False):
    startedDateTime: str | None = None  # noqa: N815
    time: float | None = None
    request: _Request | None = None
    response: _Response | None = None
    from_cache: str | None = msgspec.field(default=None, name="_fromCache")  # Chrome: "disk" or "memory"


class _Log(msgspec.Struct, gc=False):
    version: str | None = None
    entries: list[_Entry] | None = None


class _Har(msgspec.Struct, gc=False):
    log: _Log


_HAR = msgspec.json.Decoder(_Har, strict=False)
_ENTRY_PATH = re.compile(r"`\$\.log\.entries\[(\d+)\]\.?([^`]*)`")
_POST = msgspec.json.Decoder(_PostData, strict=False)
_CONTENT = msgspec.json.Decoder(_Content, strict=False)


def read_har(data: bytes | memoryview, source: str, body_wanted: BodyWanted) -> Iterator[Capture]:
    """Every entry of the HAR as a ``Capture``; ``TraceInputError`` names the file and what is wrong."""
    try:
        har = _HAR.decode(data)
    except msgspec.ValidationError as exc:
        raise TraceInputError(source, _validation_problem(str(exc))) from None
    except msgspec.DecodeError as exc:
        raise TraceInputError(source, json_problem(str(exc), data)) from None
    except RecursionError:
        raise TraceInputError(source, "not a HAR: its JSON is nested too deeply to read") from None
    version = har.log.version
    if version is not None and version.strip() not in SUPPORTED_VERSIONS:
        raise TraceInputError(source, f"HAR version {version!r} is not supported (1.1 and 1.2 are)")
    for number, entry in enumerate(har.log.entries or (), 1):
        yield _capture(entry, number, source, body_wanted)


def _validation_problem(message: str) -> str:
    """A type error inside an entry names the entry (1-based) and the field; elsewhere the HAR is not one."""
    found = _ENTRY_PATH.search(message)
    if found is None:
        return "not a HAR: " + message.replace("`$.", "`").replace("`$`", "the top level")
    where = f" - at `{found.group(2)}`" if found.group(2) else ""
    return f"entry {int(found.group(1)) + 1}: {message[:found.start()].removesuffix(' - at ')}{where}"


def json_problem(message: str, data: bytes | memoryview) -> str:
    """msgspec's decode error as a sentence naming the byte: truncated, or not JSON at a position."""
    if "truncated" in message:
        return f"truncated at byte {len(data)} (the JSON ends before the document is complete)"
    where = message.rsplit("(byte ", 1)
    if len(where) == 2 and where[1].rstrip(")").isdigit():
        return f"not JSON at byte {where[1].rstrip(')')}"
    return f"not JSON ({message})"


def _capture(entry: _Entry, number: int, source: str, body_wanted: BodyWanted) -> Capture:
    request = entry.request or _Request()
    response = entry.response or _Response()
    if not entry.startedDateTime:
        raise TraceInputError(source, f"entry {number} has no startedDateTime")
    started = parse_time(entry.startedDateTime)
    if started is None:
        raise TraceInputError(source, f"entry {number}: startedDateTime {entry.startedDateTime[:40]!r} is not "
                                      "an ISO 8601 time")
    request_headers = _headers(request.headers)
    status = response.status if response.status else None  # devtools write 0 for a request that failed
    request_body = _post_text(request.postData) if len(request.postData) else None
    response_body = None
    if len(response.content) and body_wanted(request.method, request.url, status, request_headers, request_body):
        response_body = _content_text(response.content)
    duration = entry.time / 1000.0 if entry.time is not None and entry.time >= 0 else None
    return Capture(
        source=source, position=number, line_based=False, started=started, duration=duration,
        method=(request.method or "GET").upper(), url=request.url, request_headers=request_headers,
        request_body=request_body, status=status, response_headers=_headers(response.headers),
        response_body=response_body, redirect_url=response.redirectURL or None,
        failure=None if status else "no response (the request failed or was blocked)",
        derived={"from_cache": entry.from_cache} if entry.from_cache else {},
    )


def _headers(items: list[_NameValue] | None) -> tuple[tuple[str, str], ...]:
    if not items:
        return ()
    return tuple([(h.name, h.value or "") for h in items])


def _post_text(raw: msgspec.Raw) -> str | None:
    try:
        post = _POST.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    if post.text is not None:
        return post.text
    if post.params:  # Firefox and some proxies give only the parsed fields
        return urlencode([(p.name, p.value or "") for p in post.params])
    return None


def _content_text(raw: msgspec.Raw) -> str | None:
    try:
        content = _CONTENT.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    if content.text is None:
        return None
    if (content.encoding or "").lower() == "base64":
        try:
            return base64.b64decode(content.text, validate=False).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return None
    return content.text


def parse_time(text: str) -> float | None:
    """An ISO 8601 / RFC 3339 time as epoch seconds; a time without a zone is taken as UTC."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()
