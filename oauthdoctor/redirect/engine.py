"""Decide whether SENT matches any registered URI under one ``RedirectRule``, and say exactly why.

Pure and offline: no network, no rich/typer/pydantic. Nothing is stripped or normalised unless the rule
says the server does it, because the bug being hunted is usually one invisible character.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from typing import Any

from oauthdoctor.profiles.redirect_schema import MissingSentRule, RedirectRule
from oauthdoctor.redirect.components import (
    Difference,
    compare_authority_shape,
    compare_fragment,
    compare_host,
    compare_path,
    compare_port,
    compare_query,
    compare_scheme,
    compare_userinfo,
)
from oauthdoctor.redirect.parse import (
    ParsedURI,
    bad_percent,
    has_dot_segment,
    is_ip_literal,
    parse_uri,
    rule_allows_loopback,
    specials,
)
from oauthdoctor.redirect.wildcard import glob_matchers, host_matcher, prefix_match

SCHEMA_VERSION = 1
_CHAR_KINDS = ("whitespace", "control_char", "invisible_char")
# Case-only and invisible differences are what people get wrong while meaning the same URI: prefer them
# when picking the registered URI closest to SENT.
_SUBTLE = {"host_case": 0.4, "path_case": 0.4, "trailing_slash": 0.5, "whitespace": 0.3, "control_char": 0.3,
           "invisible_char": 0.3, "default_port": 0.5, "empty_path": 0.5, "percent_encoding": 0.5}


@dataclass(frozen=True)
class RedirectMatch:
    """The answer for one SENT against the registered URIs: the JSON contract of ``diff-redirect``.

    ``sent`` is None when the request carries no redirect_uri; ``redirect_to`` is where the server sends the
    user (SENT itself, or the registered URI it falls back on), None when it refuses or shows the code itself.
    """

    accepted: bool
    provider: str
    rule: str
    matched: str | None
    closest: str | None
    differences: list[Difference] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fix: str | None = None
    sent: str | None = ""
    registered: list[str] = field(default_factory=list)
    omitted: bool = False
    redirect_to: str | None = None
    omission: MissingSentRule | None = None  # the server's rule for a missing redirect_uri, when it applied

    def to_json(self) -> dict[str, Any]:
        """The documented JSON object (schema_version 1; fields after ``fix`` were added later)."""
        omission = self.omission
        return {
            "schema_version": SCHEMA_VERSION,
            "accepted": self.accepted,
            "provider": self.provider,
            "rule": self.rule,
            "matched": self.matched,
            "closest": self.closest,
            "differences": [
                {"kind": d.kind, "registered": d.registered, "sent": d.sent, "position": d.position,
                 "explanation": d.explanation}
                for d in self.differences
            ],
            "warnings": list(self.warnings),
            "fix": self.fix,
            "sent": self.sent,
            "omitted": self.omitted,
            "redirect_to": self.redirect_to,
            "omission": None if omission is None else {
                "when": omission.when, "openid_requires": omission.openid_requires,
                "empty_is_omitted": omission.empty_is_omitted, "source": omission.source,
                "checked": omission.checked, "basis": omission.basis,
            },
        }


def _loopback_applies(r: ParsedURI, s: ParsedURI, rule: RedirectRule, client_type: str) -> bool:
    lb = rule.loopback
    if not lb.enabled or client_type not in lb.client_types or lb.vary != "port":
        return False
    if lb.only_when_registered is not None and r.raw != lb.only_when_registered:
        return False
    if not (rule_allows_loopback(s.host, list(lb.hosts)) and rule_allows_loopback(r.host, list(lb.hosts))):
        return False
    if lb.schemes and (s.scheme or "").lower() not in lb.schemes:
        return False
    if lb.registered_port_blocks and r.port:
        return False
    return not (lb.sent_port_required and not s.port)


# IdentityServer4 AppAuth: the port runs to the first '/', '?' or '#' (StrictRedirectUriValidatorAppAuth.IsLoopback).
_APPAUTH_TAIL = re.compile(r":(\d{1,5})([/?#].*)?", re.DOTALL)


def _appauth(r: ParsedURI, s: ParsedURI, rule: RedirectRule, client_type: str) -> list[Difference] | None:
    """IdentityServer4 AppAuth: ``http://127.0.0.1`` registered admits any port and anything after it."""
    lb = rule.loopback
    if not lb.enabled or lb.vary != "everything_after_port" or client_type not in lb.client_types:
        return None
    if lb.only_when_registered is not None and r.raw != lb.only_when_registered:
        return None
    head = r.raw.rstrip("/")
    if not s.raw.startswith(head) or not rule_allows_loopback(r.host, list(lb.hosts)):
        return None
    m = _APPAUTH_TAIL.fullmatch(s.raw[len(head):])
    if m is None or int(m.group(1)) > 65535 or ":" in (m.group(2) or ""):
        return None
    out = [Difference("port", r.port or "", m.group(1), len(head) + 1,
                      f"The port {m.group(1)} is allowed: this server accepts any port on '{head}'.", tolerated=True)]
    tail = m.group(2)
    if tail:
        kind = {"/": "path", "?": "query", "#": "fragment"}[tail[0]]
        out.append(Difference(kind, r.raw[len(head):], tail, len(head) + 1 + len(m.group(1)),
                              f"Everything after the port ('{tail}') is accepted for '{head}' by this "
                              "server's AppAuth loopback rule.", tolerated=True))
    return out


def _policy(r: ParsedURI, s: ParsedURI, rule: RedirectRule, loop: bool) -> list[Difference]:
    """Rejections that do not depend on the registered string: what the server refuses outright."""
    out: list[Difference] = []
    if s.scheme is None:
        out.append(Difference("not_absolute", r.raw, s.raw, 0 if s.raw else None,
                              "The sent value is not an absolute URI (it has no scheme such as 'https:')."))
    elif (s.scheme or "").lower() in ("http", "https") and s.has_authority and s.host == "":
        out.append(Difference("host", r.host, "", s.host_at, "The sent URI has an empty host."))
    if (s.scheme == r.scheme and (s.scheme or "").lower() == "http" and rule.https_enforced
            and not _http_exempt(s.host, rule)):
        out.append(Difference("scheme", "https", "http", 0,
                              "This server requires https for this host; plain http is only allowed for "
                              f"{_exempt_text(rule)}."))
    raw = s.raw
    for item in rule.forbidden:
        found: Difference | None = None
        if item in _CHAR_KINDS:
            hit = next((sp for sp in specials(raw) if sp[2] == item), None)
            if hit:
                found = Difference(item, "", raw, hit[0], "This server refuses redirect URIs that contain "
                                   f"{item.replace('_', ' ')}s.")
        elif item == "fragment" and s.fragment is not None:
            found = Difference("fragment", "", s.fragment, s.fragment_at - 1, "This server refuses fragments.")
        elif item == "userinfo" and s.userinfo is not None:
            found = Difference("userinfo", "", s.userinfo, s.host_at - len(s.userinfo) - 1,
                               "This server refuses userinfo ('user@') in redirect URIs.")
        elif item == "wildcard" and "*" in raw:
            found = Difference("wildcard", r.raw, raw, raw.find("*"), "This server does not allow '*' in "
                               "redirect URIs.")
        elif item == "dot_segment" and has_dot_segment(s.path):
            found = Difference("dot_segment", r.path, s.path, s.path_at, "This server refuses '.' and '..' path "
                               "segments (plain or percent-encoded).")
        elif item == "percent_encoding" and bad_percent(raw) is not None:
            found = Difference("percent_encoding", "", raw, bad_percent(raw), "This server refuses invalid "
                               "percent-escapes and %00.")
        elif item == "unencoded_char" and (at := _unencoded(raw)) is not None:
            found = Difference("percent_encoding", "", raw, at, f"'{raw[at]}' is not allowed unencoded in a URI; this "
                               f"server refuses it (send %{ord(raw[at]):02X}).")
        elif item == "raw_ip" and is_ip_literal(s.host) and not rule_allows_loopback(s.host, ["127.0.0.0/8", "::1"]):
            found = Difference("host", "", s.host, s.host_at, "This server refuses raw IP addresses other than "
                               "loopback.")
        elif item == "query" and s.query is not None:
            found = Difference("query", "", s.query, s.query_at, "This server refuses a query in redirect URIs.")
        if found is not None:
            out.append(found)
    return out


_UNENCODED = frozenset('<>"{}|\\^`')


def _unencoded(raw: str) -> int | None:
    """Position of the first ASCII character RFC 3986 allows only percent-encoded (space aside)."""
    return next((i for i, ch in enumerate(raw) if ch in _UNENCODED), None)


def _http_exempt(host: str, rule: RedirectRule) -> bool:
    if rule.https_required == "never":
        return True
    if rule.https_required == "except_localhost":
        return host.lower() == "localhost"
    if rule.https_required == "except_loopback":
        return rule_allows_loopback(host, ["localhost", "127.0.0.0/8", "::1"])
    return False


def _exempt_text(rule: RedirectRule) -> str:
    return {"except_localhost": "localhost", "except_loopback": "localhost and loopback IPs",
            "always": "no host at all", "never": "any host"}[rule.https_required]


def evaluate(reg: str, sent: str, rule: RedirectRule, client_type: str) -> list[Difference]:
    """Every difference between one registered URI and SENT; matched when none is untolerated."""
    r, s = parse_uri(reg), parse_uri(sent)
    if s.scheme is None:
        return _policy(r, s, rule, False)
    if reg == sent:
        return _dedupe(_policy(r, s, rule, False) + compare_fragment(r, s, rule))
    if rule.wildcard.style == "trailing_prefix" and reg.endswith("*") and "?" not in reg:
        return _dedupe(prefix_match(reg, s, rule) + _policy(r, s, rule, False))
    appauth = _appauth(r, s, rule, client_type)
    if appauth is not None:
        return appauth + [d for d in _policy(r, s, rule, True) if d.kind != "fragment"]
    loop = _loopback_applies(r, s, rule, client_type)
    lb = rule.loopback
    host_m = host_matcher(r, rule) if rule.wildcard.style in ("host_suffix", "host_label") else None
    path_m, query_m = glob_matchers(r, rule)
    diffs = [
        *compare_scheme(r, s, rule, skip=loop and not lb.compare_scheme),
        *compare_authority_shape(r, s),
        *compare_userinfo(r, s, tolerate=rule.ignore_userinfo or (loop and not lb.compare_userinfo)),
        *compare_host(r, s, rule, host_m),
        *compare_port(r, s, rule, loop),
        *compare_path(r, s, rule, path_m, decoded=loop and lb.decoded_path),
        *compare_query(r, s, rule, matcher=query_m),
        *compare_fragment(r, s, rule),
    ]
    if "whole" in rule.ignore_case and reg.lower() == sent.lower():
        diffs = [d if d.kind == "fragment" and rule.fragment == "forbidden" else replace(d, tolerated=True)
                 for d in diffs]
    return _dedupe(diffs + _policy(r, s, rule, loop))


def _dedupe(diffs: list[Difference]) -> list[Difference]:
    seen: set[tuple[str, int | None]] = set()
    out = []
    for d in diffs:
        key = (d.kind, d.position)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _entries(registered: list[str], rule: RedirectRule) -> list[str]:
    out: list[str] = []
    for item in registered:
        text = item if isinstance(item, str) else str(item)
        pieces = text.split() if rule.split_registered_on_whitespace else [text]
        for piece in pieces:
            if piece not in out:
                out.append(piece)
    return out


def compare_with_rule(registered: list[str], sent: str | None, rule: RedirectRule, client_type: str = "web",
                      provider: str = "generic", openid: bool = False) -> RedirectMatch:
    """Match SENT against every registered URI under ``rule``; never raises on any input.

    ``sent=None`` is a request without redirect_uri; ``openid``: the request asks for scope openid.
    """
    entries = _entries(list(registered or []), rule)
    omission = rule.omission()
    if sent is None or (sent == "" and omission.empty_is_omitted):
        from oauthdoctor.redirect.omission import judge_omission

        return judge_omission(entries, registered, rule, omission, provider, openid=openid, empty=sent == "")
    sent = sent if isinstance(sent, str) else str(sent)
    pre: list[Difference] = []
    effective = sent
    if rule.sent_trailing_newline_ignored and sent.endswith("\n"):
        effective = sent[:-1]
        pre.append(Difference("whitespace", "", "\n", len(sent) - 1, "The sent URI ends with a LINE FEED (\\n) "
                              "(U+000A), which this server's parser lets through.", tolerated=True))
    scoped = _scoped(rule, entries)
    results = [(e, evaluate(e, effective, scoped, client_type)) for e in entries]
    matches = [(e, d) for e, d in results if not any(not x.tolerated for x in d)]
    if matches:
        best = min(matches, key=lambda m: len(m[1]))
        return _finish(True, provider, rule, best[0], best[0], pre + best[1], registered, sent, entries)
    extra = _per_url_tolerance(entries, effective, rule, scoped, client_type, provider)
    if not results:
        diffs = [d for d in _policy(parse_uri(""), parse_uri(effective), rule, False) if not d.tolerated]
        diffs.append(Difference("not_registered", "", sent, None, "No redirect URI is registered for this client, "
                                "so the server has nothing to match the sent one against."))
        return _finish(False, provider, rule, None, None, diffs, registered, sent, entries)

    def score(item: tuple[str, list[Difference]]) -> tuple[float, float]:
        hard = sum(_SUBTLE.get(d.kind, 1.0) for d in item[1] if not d.tolerated)
        return hard, -_similarity(item[0], effective)

    closest, diffs = results[0] if len(results) == 1 else min(results, key=score)
    hard = [d for d in diffs if not d.tolerated]
    return _finish(False, provider, rule, None, closest, hard, registered, sent, entries, extra)


def _scoped(rule: RedirectRule, entries: list[str]) -> RedirectRule:
    """The rule as it applies to this registration: subdomain and subdirectory matching switched off where the
    server grants them only to an app's one callback URL and several are registered (GitHub's per-URL setting)."""
    if rule.tolerance_scope == "single_registered" and len(entries) > 1 and (rule.subdomains or rule.subdirectories):
        return replace(rule, subdomains=False, subdirectories=False)
    return rule


def _per_url_tolerance(entries: list[str], sent: str, rule: RedirectRule, scoped: RedirectRule, client_type: str,
                       provider: str) -> list[str]:
    """When only the per-URL setting stands between SENT and a match, say which URL and which setting."""
    if scoped is rule:
        return []
    for entry in entries:
        if not any(not d.tolerated for d in evaluate(entry, sent, rule, client_type)):
            setting = f" ({rule.tolerance_enabled_by})" if rule.tolerance_enabled_by else ""
            return [f"{provider} accepts a subdomain or subdirectory of '{entry}' only if wildcard matching is on for "
                    f"that callback URL{setting}. That setting cannot be seen from here, and the server turns it on by "
                    "itself only for an app's single callback URL. Register the exact URI rather than relying on it "
                    "(RFC 9700 §2.1)."]
    return []


_SIMILARITY_CHARS = 1024  # URIs are compared for closeness by their start: the match is quadratic in length


def _similarity(registered: str, sent: str) -> float:
    """How alike two URIs are (0..1), to pick the registered URI closest to the sent one. Only the first
    ``_SIMILARITY_CHARS`` count: a 10 kB URI of repeated segments made difflib take seconds."""
    limit = _SIMILARITY_CHARS
    return difflib.SequenceMatcher(None, registered[:limit], sent[:limit], autojunk=False).ratio()


def _finish(accepted: bool, provider: str, rule: RedirectRule, matched: str | None, closest: str | None,
            diffs: list[Difference], registered: list[str], sent: str, entries: list[str],
            extra: list[str] | None = None) -> RedirectMatch:
    from oauthdoctor.redirect.advice import fix_for, warnings_for

    warnings = [*(extra or []), *warnings_for(accepted, rule, diffs, registered, sent, entries, provider)]
    fix = None if accepted else fix_for(rule, diffs, closest, sent)
    return RedirectMatch(accepted, provider, rule.name, matched, closest, diffs, warnings, fix, sent,
                         list(registered), redirect_to=sent if accepted else None)


def registration_problem(registered: list[str], rule: RedirectRule) -> str | None:
    """Why a registered value cannot be a redirect URI for this rule (a usage error), or None."""
    if any(isinstance(item, str) and item == "" for item in registered):
        return "REGISTERED is empty; leave it out (with --omitted) when no redirect URI is registered"
    for entry in _entries(list(registered), rule):
        if entry == "*" and rule.wildcard.style == "trailing_prefix":
            continue
        parsed = parse_uri(entry)
        if parsed.scheme is None:
            hint = (" (relative entries are resolved against the client's root URL, which diff-redirect does not "
                    "know: give the absolute URI)") if entry.startswith("/") else ""
            return f"REGISTERED {entry!r} is not an absolute URI: it has no scheme such as 'https:'{hint}"
        if (bad := _authority_problem(parsed)) is not None:
            return f"REGISTERED {entry!r} is not a valid URI: {bad}"
    return None


def _authority_problem(p: ParsedURI) -> str | None:
    """What makes a URI's host or port unparseable (an unclosed IPv6 bracket, a port that is no port), or None."""
    if not p.has_authority:
        return None
    if p.host.startswith("[") and "]" not in p.host:
        return "its host opens '[' (an IPv6 address) and never closes it"
    port = p.port or ""
    if port and "*" not in port and (any(ch not in "0123456789" for ch in port) or int(port) > 65535):
        return f"its port {port!r} is not a number from 0 to 65535"
    return None
