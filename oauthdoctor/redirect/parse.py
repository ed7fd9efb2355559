"""Lossless URI splitting and character naming for byte-faithful comparison.

``urllib.parse`` lowercases the scheme, strips tabs and newlines and drops empty delimiters, which would hide
exactly the differences this tool exists to show. This splitter keeps every character: joining the parts with
their delimiters gives back the input, so comparing parts exactly is the same as comparing strings exactly.
"""

from __future__ import annotations

import ipaddress
import re
from typing import NamedTuple

from oauthdoctor.hosts import loopback_form

# Plain string scans instead of regular expressions: compiling patterns at import was a tenth of the
# start-up budget of diff-redirect.
_ALPHA = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_SCHEME_CHARS = _ALPHA | frozenset("0123456789+-.")  # RFC 3986 §3.1
_HEX = frozenset("0123456789ABCDEFabcdef")
_DOT_SEGMENTS = frozenset({".", "..", "%2e", "%2e%2e", ".%2e", "%2e."})  # compared lower-cased

_CONTROL_NAMES = {
    "\t": "TAB \\t", "\n": "LINE FEED \\n", "\r": "CARRIAGE RETURN \\r",
    "\x0b": "LINE TABULATION \\v", "\x0c": "FORM FEED \\f", "\x00": "NULL", "\x7f": "DELETE",
}
_WHITESPACE_CONTROLS = "\t\n\r\x0b\x0c"


class ParsedURI(NamedTuple):
    """One URI split into its RFC 3986 parts, with the offset of each part in the original string.

    An immutable record; a NamedTuple rather than a frozen dataclass because it is created on every start of
    ``diff-redirect`` and a NamedTuple class costs a fifth as much to define.
    """

    raw: str
    scheme: str | None
    has_authority: bool
    userinfo: str | None
    host: str
    port: str | None  # None: no ':' after the host; '' : a ':' with nothing after it
    path: str
    query: str | None
    fragment: str | None
    host_at: int
    port_at: int
    path_at: int
    query_at: int
    fragment_at: int


def parse_uri(raw: str) -> ParsedURI:
    """Split ``raw`` without changing a single character; never raises."""
    pos = 0
    scheme: str | None = None
    end = _scheme_end(raw)
    if end is not None:
        scheme = raw[:end]
        pos = end + 1
    has_authority = raw.startswith("//", pos)
    userinfo: str | None = None
    host = ""
    port: str | None = None
    host_at = port_at = pos
    if has_authority:
        start = pos + 2
        end = _first_of(raw, "/?#", start)
        authority = raw[start:end]
        host_at = start
        at = authority.rfind("@")
        if at != -1:
            userinfo = authority[:at]
            host_at = start + at + 1
        hostport = raw[host_at:end]
        if hostport.startswith("["):
            close = hostport.find("]")
            split = hostport.find(":", close if close != -1 else 0)
        else:
            split = hostport.find(":")
        if split == -1:
            host = hostport
            port_at = end
        else:
            host = hostport[:split]
            port = hostport[split + 1:]
            port_at = host_at + split + 1
        pos = end
    path_end = _first_of(raw, "?#", pos)
    path = raw[pos:path_end]
    path_at = pos
    query: str | None = None
    fragment: str | None = None
    query_at = fragment_at = path_end
    rest = path_end
    if rest < len(raw) and raw[rest] == "?":
        hash_at = raw.find("#", rest)
        q_end = hash_at if hash_at != -1 else len(raw)
        query = raw[rest + 1:q_end]
        query_at = rest + 1
        rest = q_end
        fragment_at = rest
    if rest < len(raw) and raw[rest] == "#":
        fragment = raw[rest + 1:]
        fragment_at = rest + 1
    return ParsedURI(raw, scheme, has_authority, userinfo, host, port, path, query, fragment,
                     host_at, port_at, path_at, query_at, fragment_at)


def _scheme_end(raw: str) -> int | None:
    """Index of the ':' that ends a scheme at the start of ``raw``, else None."""
    if not raw or raw[0] not in _ALPHA:
        return None
    for i, ch in enumerate(raw):
        if ch == ":":
            return i
        if ch not in _SCHEME_CHARS:
            return None
    return None


def char_kind(ch: str) -> str | None:
    """``whitespace``, ``control_char`` or ``invisible_char`` for characters a person cannot see; else None."""
    if " " < ch < "\x7f":
        return None  # printable ASCII: decided without loading the Unicode database
    if ch == " " or ch in _WHITESPACE_CONTROLS:
        return "whitespace"
    if ch < " " or ch == "\x7f":
        return "control_char"
    import unicodedata

    cat = unicodedata.category(ch)
    if cat == "Cc":
        return "control_char"
    if cat == "Zs" or ch in "\u2028\u2029":
        return "whitespace"
    if cat == "Cf":
        return "invisible_char"
    if ord(ch) > 0x7F and unicodedata.normalize("NFKC", ch) != ch and unicodedata.normalize("NFKC", ch).isascii():
        return "invisible_char"  # full-width and other look-alikes of ASCII characters
    return None


def char_name(ch: str) -> str:
    """A readable name with the code point, e.g. ``ZERO WIDTH SPACE (U+200B)``."""
    import unicodedata

    name = _CONTROL_NAMES.get(ch) or unicodedata.name(ch, "")
    if ch == " ":
        name = "SPACE"
    code = f"U+{ord(ch):04X}"
    return f"{name} ({code})" if name else code


def visible(text: str) -> str:
    """The text with every invisible or whitespace character replaced by a visible escape."""
    out = []
    for ch in text:
        kind = char_kind(ch)
        if kind is None:
            out.append(ch)
        elif ch == " ":
            out.append("\u2423")
        elif ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        else:
            out.append(f"<U+{ord(ch):04X}>")
    return "".join(out)


def specials(text: str) -> list[tuple[int, str, str]]:
    """Every (index, character, kind) a person cannot see in ``text``."""
    found = []
    for i, ch in enumerate(text):
        kind = char_kind(ch)
        if kind is not None:
            found.append((i, ch, kind))
    return found


def byte_offset(text: str, index: int) -> int:
    """UTF-8 byte offset of character ``index`` (what a hex dump shows)."""
    return len(text[:index].encode("utf-8", "surrogatepass"))


def has_dot_segment(path: str) -> bool:
    """True when the path holds a '.' or '..' segment, plain or percent-encoded."""
    return any(segment.lower() in _DOT_SEGMENTS for segment in path.split("/"))


def remove_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4 after decoding %2E, so encoded climbs are caught too."""
    segments = re.sub("%2e", ".", path, flags=re.IGNORECASE).split("/")
    out: list[str] = []
    for seg in segments:
        if seg == "..":
            if len(out) > 1:
                out.pop()
        elif seg != ".":
            out.append(seg)
    if segments and segments[-1] in (".", ".."):
        out.append("")
    return "/".join(out)


def bad_percent(text: str) -> int | None:
    """Index of the first invalid percent-escape (or %00), else None."""
    at = text.find("%")
    while at != -1:
        escape = text[at + 1: at + 3]
        if escape == "00" or len(escape) < 2 or escape[0] not in _HEX or escape[1] not in _HEX:
            return at
        at = text.find("%", at + 1)
    return None


def rule_allows_loopback(host: str, allowed: list[str]) -> bool:
    """Is ``host`` (as written in a URI) a loopback form the rule's ``allowed`` list names?"""
    form = loopback_form(host)
    if form == "127.0.0.1":
        return "127.0.0.1" in allowed or "127.0.0.0/8" in allowed
    return form is not None and form in allowed


def is_ip_literal(host: str) -> bool:
    """True for an IPv4 dotted quad or a bracketed IPv6 literal."""
    candidate = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


def _first_of(raw: str, separators: str, start: int) -> int:
    """Index of the first of ``separators`` at or after ``start``, or ``len(raw)`` when none occurs."""
    found = [i for i in (raw.find(sep, start) for sep in separators) if i != -1]
    return min(found, default=len(raw))


class Traversal(NamedTuple):
    """A '..' segment found in a path: where it starts (index in the path), as written, and how many rounds
    of percent-decoding it took to appear (0: written plainly)."""

    at: int
    spelling: str
    depth: int


# What a traversal check decodes: the dot, both separators, and '%' itself (so '%252E' becomes '%2E' and then
# '.'). Nothing else: Keycloak accepts '..%3B' because an encoded ';' does not end the segment.
_TRAVERSAL_DECODE = {"25": "%", "2e": ".", "2f": "/", "5c": "\\"}
_MAX_ROUNDS = 10


def find_traversal(path: str, rounds: int | None) -> Traversal | None:
    """The first '..' segment in ``path`` after at most ``rounds`` decodings (None: every depth).

    Segments end at '/' or '\\' (either possibly encoded); a ';' starts matrix parameters, so '..;x' is a
    '..' segment (Keycloak's RedirectUtilsTest rejects '/test/..;/' under a wildcard).
    """
    text = path
    spans = [(i, i + 1) for i in range(len(path))]
    limit = _MAX_ROUNDS if rounds is None else max(rounds, 0)
    for depth in range(limit + 1):
        found = _dot_dot_segment(text, spans, path)
        if found is not None:
            return Traversal(found[0], found[1], depth)
        if depth == limit:
            break
        decoded, spans = _decode_round(text, spans)
        if decoded == text:
            break
        text = decoded
    return None


def _decode_round(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """One percent-decoding pass over the traversal characters, keeping each character's span in the raw path."""
    out: list[str] = []
    out_spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        code = text[i + 1:i + 3].lower() if text[i] == "%" else ""
        if code in _TRAVERSAL_DECODE:
            out.append(_TRAVERSAL_DECODE[code])
            out_spans.append((spans[i][0], spans[i + 2][1]))
            i += 3
        else:
            out.append(text[i])
            out_spans.append(spans[i])
            i += 1
    return "".join(out), out_spans


def _dot_dot_segment(text: str, spans: list[tuple[int, int]], raw: str) -> tuple[int, str] | None:
    start = 0
    for end in [*(i for i, ch in enumerate(text) if ch in "/\\"), len(text)]:
        segment = text[start:end]
        if segment.split(";", 1)[0] == ".." and start < end:
            first, last = spans[start][0], spans[end - 1][1]
            return first, raw[first:last]
        start = end + 1
    return None
