"""Part-by-part comparison of a registered and a sent URI under one rule.

Every difference is named (the contract's ``kind``), located in SENT and explained in one sentence. A
difference the rule tolerates is still returned, flagged ``tolerated``, so an accepted answer can say what
the server let through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

from oauthdoctor.hosts import is_loopback_host
from oauthdoctor.profiles.redirect_schema import RedirectRule
from oauthdoctor.redirect.parse import (
    ParsedURI,
    Traversal,
    byte_offset,
    char_name,
    find_traversal,
    has_dot_segment,
    remove_dot_segments,
    specials,
    visible,
)

DEFAULT_PORTS = {"https": "443", "http": "80"}


@dataclass(frozen=True)
class Difference:
    """One way SENT differs from a registered URI."""

    kind: str
    registered: str
    sent: str
    position: int | None
    explanation: str
    tolerated: bool = False


Matcher = Callable[[str, str], bool]


def _first_diff(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def _at(raw: str, index: int) -> str:
    return f"position {index} (byte {byte_offset(raw, index)})"


def special_diffs(part: str, r_text: str, s_text: str, s_at: int, sent_raw: str) -> list[Difference]:
    """Differences caused by characters nobody can see (whitespace, controls, zero-width, full-width)."""
    out: list[Difference] = []
    s_specials = specials(s_text)
    r_specials = specials(r_text)
    for idx, ch, kind in s_specials:
        if (ch, kind) in {(c, k) for _, c, k in r_specials}:
            continue
        pos = s_at + idx
        out.append(Difference(kind, r_text, s_text, pos,
                              f"The sent {part} has a {char_name(ch)} at {_at(sent_raw, pos)} that the registered "
                              "URI does not have."))
        break
    for idx, ch, kind in r_specials:
        if (ch, kind) in {(c, k) for _, c, k in s_specials}:
            continue
        out.append(Difference(kind, r_text, s_text, s_at + min(idx, len(s_text)),
                              f"The registered {part} has a {char_name(ch)} at its character {idx} that the sent "
                              "URI does not have."))
        break
    return out


def _strip_specials(text: str) -> str:
    return "".join(ch for ch in text if not specials(ch))


def _text(part: str, kind: str, r: str, s: str, s_at: int, sent_raw: str, *, case_ok: bool,
          case_kind: str, extra: Callable[[], Difference | None] | None = None) -> list[Difference]:
    """Compare one textual part; refine the kind (invisible chars, case, encoding) and explain it."""
    if r == s:
        return []
    pos = s_at + _first_diff(r, s)
    found = special_diffs(part, r, s, s_at, sent_raw)
    rc, sc = (_strip_specials(r), _strip_specials(s)) if found else (r, s)
    if found and rc == sc:
        return found
    if rc.lower() == sc.lower() and rc.isascii() and sc.isascii():
        how = "ignores case there" if case_ok else "compares it case-sensitively"
        return [*found, Difference(case_kind, r, s, pos,
                                   f"The {part} differs only in letter case ('{visible(s)}' sent, '{visible(r)}' "
                                   f"registered) and this server {how}.", tolerated=case_ok)]
    if extra is not None:
        refined = extra()
        if refined is not None:
            return [*found, refined]
    return [*found, Difference(kind, r, s, pos, f"The {part} differs: '{visible(s)}' sent, '{visible(r)}' "
                               "registered.")]


def compare_scheme(r: ParsedURI, s: ParsedURI, rule: RedirectRule, skip: bool) -> list[Difference]:
    rs, ss = r.scheme or "", s.scheme or ""
    if rs == ss:
        return []
    if skip:
        return [Difference("scheme", rs, ss, 0, f"The scheme differs ('{ss}' sent, '{rs}' registered); this "
                           "server does not compare the registered scheme on loopback.", tolerated=True)]
    case_ok = bool({"whole", "scheme"} & set(rule.ignore_case))
    return _text("scheme", "scheme", rs, ss, 0, s.raw, case_ok=case_ok, case_kind="scheme")


def compare_authority_shape(r: ParsedURI, s: ParsedURI) -> list[Difference]:
    if r.has_authority == s.has_authority:
        return []
    which = "has" if s.has_authority else "lacks"
    return [Difference("host", r.host if r.has_authority else "", s.host if s.has_authority else "", s.host_at,
                       f"The sent URI {which} the '//' authority part that the registered URI "
                       f"{'lacks' if s.has_authority else 'has'}.")]


def compare_userinfo(r: ParsedURI, s: ParsedURI, tolerate: bool) -> list[Difference]:
    if r.userinfo == s.userinfo:
        return []
    ru, su = r.userinfo or "", s.userinfo or ""
    pos = s.host_at - len(su) - 1 if s.userinfo is not None else s.host_at
    if s.userinfo is not None and r.userinfo is None:
        text = f"The sent URI carries userinfo '{su}@' before the host, which the registered URI does not have."
    elif s.userinfo is None:
        text = f"The registered URI carries userinfo '{ru}@' that the sent URI lacks."
    else:
        text = f"The userinfo differs: '{su}' sent, '{ru}' registered."
    return [Difference("userinfo", ru, su, pos, text, tolerated=tolerate)]


def _wildcard(part: str, registered: str, sent: str, at: int, matcher: Matcher) -> list[Difference]:
    """A registered part with a wildcard: tolerated when it matches, the difference when it does not."""
    if matcher(registered, sent):
        if registered == sent:
            return []
        return [Difference("wildcard", registered, sent, at,
                           f"The {part} '{sent}' matches the wildcard {part} '{registered}'.", tolerated=True)]
    return [Difference("wildcard", registered, sent, at,
                       f"The {part} '{sent}' does not match the wildcard {part} '{registered}' under this server's "
                       "rule.")]


def compare_host(r: ParsedURI, s: ParsedURI, rule: RedirectRule, matcher: Matcher | None) -> list[Difference]:
    rh, sh = r.host, s.host
    if matcher is not None:
        return _wildcard("host", rh, sh, s.host_at, matcher)
    if rh == sh:
        return []
    case_ok = bool({"whole", "host"} & set(rule.ignore_case))
    if rule.subdomains and rh and sh.lower().endswith("." + rh.lower()) and (case_ok or sh.endswith(rh)):
        return [Difference("subdomain", rh, sh, s.host_at,
                           f"'{sh}' is a subdomain of the registered host '{rh}', which this server allows.",
                           tolerated=True)]

    def extra() -> Difference | None:
        pos = s.host_at + _first_diff(rh, sh)
        if "*" in rh:
            return Difference("wildcard", rh, sh, pos,
                              f"The registered host '{rh}' contains '*', which this server does not treat as a "
                              "wildcard here, so it only matches itself.")
        if is_loopback_host(rh) and is_loopback_host(sh):
            return Difference("loopback_alias", rh, sh, pos,
                              f"'{sh}' and '{rh}' both mean this machine, but the server compares the names as "
                              "written; send the one that is registered.")
        if not sh.isascii() or not rh.isascii():
            try:
                same = sh.encode("idna").decode().lower() == rh.lower() or rh.encode("idna").decode() == sh
            except UnicodeError:
                same = False
            how = "is the same name in Unicode form" if same else "contains non-ASCII characters"
            return Difference("unicode_host", rh, sh, pos,
                              f"The sent host '{sh}' {how}; this server compares hosts as written, not after "
                              "IDNA (punycode) conversion.")
        if not sh:
            return Difference("host", rh, sh, s.host_at, "The sent URI has an empty host.")
        return None

    return _text("host", "host", rh, sh, s.host_at, s.raw, case_ok=case_ok, case_kind="host_case", extra=extra)


def compare_port(r: ParsedURI, s: ParsedURI, rule: RedirectRule, loopback: bool) -> list[Difference]:
    rp, sp = r.port, s.port
    if rp == sp:
        return []
    shown_r, shown_s = rp or "(none)", sp or "(none)"
    if rp == "*" and rule.wildcard.loopback_port:
        if is_loopback_host(r.host or "") and (r.host or "").lower() == (s.host or "").lower() and (sp or "").isdigit():
            return [Difference("port", rp, sp or "", s.port_at,
                               f"The port {sp} is allowed: '*' as the registered port of a loopback URI admits any "
                               "port on this server (RFC 8252 §7.3).", tolerated=True)]
        if not is_loopback_host(r.host or ""):
            return [Difference("wildcard", rp, sp or "", s.port_at,
                               f"'*' stands for the port only on a loopback host on this server, and "
                               f"'{r.host}' is not one.")]
    if loopback:
        return [Difference("port", rp or "", sp or "", s.port_at,
                           f"The port differs ({shown_s} sent, {shown_r} registered); this server lets a loopback "
                           "redirect use any port (RFC 8252 §7.3).", tolerated=True)]
    default = DEFAULT_PORTS.get((s.scheme or "").lower())
    if default and {rp or "", sp or ""} == {"", default}:
        ok = rule.default_port_equivalent
        return [Difference("default_port", rp or "", sp or "", s.port_at,
                           f"One URI spells out the default port :{default} and the other leaves it out; this "
                           f"server {'treats them as equal' if ok else 'compares them as different strings'}.",
                           tolerated=ok)]
    return [Difference("port", rp or "", sp or "", s.port_at,
                       f"The port differs: {shown_s} sent, {shown_r} registered.")]


def compare_path(r: ParsedURI, s: ParsedURI, rule: RedirectRule, matcher: Matcher | None,
                 decoded: bool = False) -> list[Difference]:
    """Path differences; ``decoded``: the server compares percent-decoded paths (fosite on loopback)."""
    rp, sp = r.path, s.path
    if matcher is not None:
        if rp != sp and matcher(rp, sp):
            blocked = traversal_difference(rp, s, rule, "path wildcard")
            if blocked is not None:
                return [blocked]
        return _wildcard("path", rp, sp, s.path_at, matcher)
    if rp == sp:
        return []
    if rule.subdirectories and sp.startswith(rp if rp.endswith("/") else rp + "/"):
        blocked = traversal_difference(rp, s, rule, "subdirectory matching")
        if blocked is not None:
            return [blocked]
        return [Difference("subdirectory", rp, sp, s.path_at + len(rp),
                           f"'{sp}' is below the registered path '{rp}', which this server allows.", tolerated=True),
                *literal_traversal(rp, s, rule)]
    case_ok = bool({"whole", "path"} & set(rule.ignore_case))

    def extra() -> Difference | None:
        pos = s.path_at + _first_diff(rp, sp)
        if {rp, sp} == {"", "/"}:
            ok = rule.empty_path_equals_slash
            return Difference("empty_path", rp, sp, s.path_at,
                              f"One URI has an empty path and the other has '/'; this server "
                              f"{'treats them as equal' if ok else 'compares them as different strings'}.",
                              tolerated=ok)
        if rp.rstrip("/") == sp.rstrip("/"):
            where = "sent" if sp.endswith("/") else "registered"
            return Difference("trailing_slash", rp, sp, s.path_at + len(sp.rstrip("/")),
                              f"Only the {where} URI ends with a trailing slash.")
        if "*" in rp:
            return Difference("wildcard", rp, sp, pos,
                              f"The registered path '{rp}' contains '*', which this server treats as a literal "
                              "character, not a wildcard.")
        if has_dot_segment(sp) or has_dot_segment(rp):
            same = remove_dot_segments(rp) == remove_dot_segments(sp)
            tail = "; it resolves to the registered path" if same else ""
            return Difference("dot_segment", rp, sp, pos,
                              f"The path contains '.' or '..' segments{tail}, and this server does not resolve "
                              "them before comparing.")
        if decoded and unquote(rp) == unquote(sp):
            return Difference("percent_encoding", rp, sp, pos,
                              "The paths differ only in percent-encoding, and this server compares the decoded "
                              "paths of loopback URIs.", tolerated=True)
        if unquote(rp) == unquote(sp) or rp.lower() == sp.lower():
            return Difference("percent_encoding", rp, sp, pos,
                              "The paths differ only in percent-encoding (e.g. '%7E' vs '~' or '%3a' vs '%3A'); "
                              "this server compares the encoded text.")
        if rule.subdirectories:
            return Difference("path", rp, sp, pos,
                              f"The path '{sp}' is not the registered path '{rp}' or below it.")
        if rp and sp.startswith(rp if rp.endswith("/") else rp + "/"):
            return Difference("subdirectory", rp, sp, s.path_at + len(rp),
                              f"The path '{sp}' is below the registered path '{rp}', but this server needs the "
                              "exact path.")
        return None

    return _text("path", "path", rp, sp, s.path_at, s.raw, case_ok=case_ok, case_kind="path_case", extra=extra)


def compare_query(r: ParsedURI, s: ParsedURI, rule: RedirectRule, ignored: bool = False,
                  matcher: Matcher | None = None) -> list[Difference]:
    rq, sq = r.query, s.query
    if rq == sq:
        return []
    rt, st = rq or "", sq or ""
    pos = s.query_at if sq is not None else len(s.raw) if s.fragment is None else s.fragment_at - 1
    if matcher is not None and rq is not None and sq is not None:
        ok = matcher(rt, st)
        return [Difference("wildcard", rt, st, pos, f"The query '{st}' {'matches' if ok else 'does not match'} "
                           f"the wildcard query '{rt}'.", tolerated=ok)]
    if ignored or rule.query == "ignored":
        return [Difference("query", rt, st, pos, "The query differs, and this server ignores the query here.",
                           tolerated=True)]
    r_pairs, s_pairs = parse_qsl(rt, keep_blank_values=True), parse_qsl(st, keep_blank_values=True)
    if rule.query == "registered_subset" and set(r_pairs) <= set(s_pairs):
        return [Difference("query", rt, st, pos, "The sent query adds parameters to the registered ones, which "
                           "this server allows (registered parameters must all be present).", tolerated=True)]
    found = special_diffs("query", rt, st, pos, s.raw)
    if found and _strip_specials(rt) == _strip_specials(st):
        return found
    if sorted(r_pairs) == sorted(s_pairs) and r_pairs:
        text = "The query has the same parameters in a different order, and this server compares it as a string."
    elif rq is None:
        text = f"The sent URI adds a query '?{st}' that the registered URI does not have."
    elif sq is None:
        text = f"The registered URI has a query '?{rt}' that the sent URI lacks."
    elif unquote(rt) == unquote(st):
        return [*found, Difference("percent_encoding", rt, st, pos,
                                   "The queries differ only in percent-encoding.")]
    else:
        text = f"The query differs: '{st}' sent, '{rt}' registered."
    return [*found, Difference("query", rt, st, pos + _first_diff(rt, st) if sq is not None else pos, text)]


def compare_fragment(r: ParsedURI, s: ParsedURI, rule: RedirectRule, tolerate: bool = False) -> list[Difference]:
    rf, sf = r.fragment, s.fragment
    pos = s.fragment_at - 1 if sf is not None else len(s.raw)
    if sf is not None and rule.fragment == "forbidden" and not tolerate:
        return [Difference("fragment", rf or "", sf, pos,
                           f"The sent URI has a fragment '#{sf}'; this server refuses any redirect URI with a "
                           "fragment (RFC 6749 §3.1.2).")]
    if rf == sf:
        return []
    ok = tolerate or rule.fragment == "ignored"
    if sf is None:
        text = f"The registered URI has a fragment '#{rf}' that the sent URI lacks."
    else:
        text = f"The sent URI has a fragment '#{sf}' that the registered URI does not have."
    return [Difference("fragment", rf or "", sf or "", pos, text, tolerated=ok)]


def _spelled(found: Traversal) -> str:
    if found.depth == 0:
        return f"'{found.spelling}'"
    times = "once" if found.depth == 1 else f"{found.depth} times"
    return f"'{found.spelling}', percent-encoded {times}"


def traversal_difference(registered: str, s: ParsedURI, rule: RedirectRule, pattern: str) -> Difference | None:
    """A '..' segment the server spots in SENT's path: no pattern matches such a URI, only an exact entry."""
    rounds = rule.path_traversal.decode_rounds
    found = find_traversal(s.path, rounds)
    if found is None:
        return None
    if rounds is None:
        how = ("this server's handling of '..' is not documented, so oauthdoctor does not count on the "
               f"{pattern} covering it")
    else:
        how = f"this server applies no {pattern} to it"
    return Difference("dot_segment", registered, s.path, s.path_at + found.at,
                      f"The path has a '..' segment ({_spelled(found)}); {how}: only an exact registered URI can "
                      "match.")


def literal_traversal(registered: str, s: ParsedURI, rule: RedirectRule) -> list[Difference]:
    """A '..' encoded deeper than the server decodes: a literal segment to it (and to a browser), said so."""
    rounds = rule.path_traversal.decode_rounds
    if rounds is None:
        return []
    found = find_traversal(s.path, None)
    if found is None or found.depth <= rounds:
        return []
    decodes = "decodes once" if rounds == 1 else f"decodes {rounds} times" if rounds else "does not decode it"
    rounds_text = "1 round" if found.depth == 1 else f"{found.depth} rounds"
    browser = ("a browser does not resolve it either" if found.depth > 1 else
               "but a browser resolves it as '..' (WHATWG URL), so the user lands outside the registered path")
    return [Difference("dot_segment", registered, s.path, s.path_at + found.at,
                       f"'{found.spelling}' becomes '..' only after {rounds_text} of percent-decoding; this server "
                       f"{decodes}, so it stays an ordinary path segment here ({browser}).", tolerated=True)]
