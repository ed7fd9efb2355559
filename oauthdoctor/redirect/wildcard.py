"""What a ``*`` in a registered URI means, per wildcard style (see ``WildcardRule``).

A pattern the style does not allow (Auth0's ``sub.*.example.com``, Okta's ``*`` in a path) returns no
matcher, so the engine compares the ``*`` literally, which is what those servers do with it.
"""

from __future__ import annotations

import re

from oauthdoctor.profiles.redirect_schema import RedirectRule
from oauthdoctor.redirect.components import (
    Difference,
    Matcher,
    compare_authority_shape,
    compare_host,
    compare_port,
    compare_scheme,
    compare_userinfo,
    literal_traversal,
    traversal_difference,
)
from oauthdoctor.redirect.parse import ParsedURI, parse_uri


def host_matcher(r: ParsedURI, rule: RedirectRule) -> Matcher | None:
    """A host matcher for ``host_suffix`` / ``host_label`` styles, or None when the pattern is not valid."""
    wc = rule.wildcard
    rh = r.host
    if "*" not in rh:
        return None
    fold = bool({"whole", "host"} & set(rule.ignore_case))
    if wc.style == "host_suffix" and rh.startswith("*"):
        suffix = rh[1:]
        return lambda _r, sh: sh.lower().endswith(suffix.lower()) and len(sh) > len(suffix)
    if wc.style != "host_label" or (r.scheme or "").lower() not in ("http", "https"):
        return None
    labels = rh.split(".")
    if rh.count("*") != 1 or "*" not in labels[0] or len(labels) - 1 < wc.min_labels_after:
        return None
    before, after = labels[0].split("*")
    rest = ".".join(labels[1:])
    flags = re.IGNORECASE if fold else 0
    pattern = re.compile(re.escape(before) + r"[^.]+" + re.escape(after) + r"\." + re.escape(rest), flags)
    bare = wc.matches_bare_domain and labels[0] == "*"

    def match(_r: str, sh: str) -> bool:
        if bare and (sh == rest or (fold and sh.lower() == rest.lower())):
            return True
        return pattern.fullmatch(sh) is not None

    return match


def glob_matchers(r: ParsedURI, rule: RedirectRule) -> tuple[Matcher | None, Matcher | None]:
    """PingOne-style: one ``*`` in the path (within a segment) or in the query."""
    if rule.wildcard.style != "path_glob" or r.raw.count("*") != 1 or "*" in r.host:
        return None, None

    def build(text: str, star: str) -> Matcher:
        regex = re.compile(star.join(re.escape(p) for p in text.split("*")))
        return lambda _r, s: regex.fullmatch(s) is not None

    if "*" in r.path:
        return build(r.path, "[^/]*"), None
    if r.query is not None and "*" in r.query:
        return None, build(r.query, ".*")
    return None, None


def prefix_match(reg: str, s: ParsedURI, rule: RedirectRule) -> list[Difference]:
    """Keycloak: a registered entry ending in ``*`` is a prefix; the query and fragment are not checked."""
    if reg == "*":
        if (s.scheme or "").lower() not in ("http", "https"):
            return [Difference("wildcard", reg, s.raw, 0, f"A bare '*' covers http and https only; register "
                               f"'{s.scheme}:*' (or the exact URI) for the '{s.scheme}' scheme.")]
        return [Difference("wildcard", reg, s.raw, 0, "The registered '*' matches any http(s) redirect URI.",
                           tolerated=True)]
    blocked = traversal_difference(reg, s, rule, "wildcard")
    if blocked is not None:
        return [blocked]
    prefix = reg[:-1]
    p = parse_uri(prefix)
    diffs = list(compare_scheme(p, s, rule, skip=False))
    in_authority = p.has_authority and p.path == "" and p.query is None and p.fragment is None
    if p.has_authority or s.has_authority:
        diffs += compare_authority_shape(p, s)
        diffs += compare_userinfo(p, s, tolerate=False)
        if in_authority and prefix.endswith(":"):
            diffs += compare_host(p, s, rule, None)
            if s.port != p.port:
                diffs.append(Difference("port", "*", s.port or "", s.port_at,
                                        "The registered port '*' allows any port.", tolerated=True))
            return diffs
        if in_authority and p.host == "":
            return diffs
        host = compare_host(p, s, rule, None)
        if in_authority and host and not any(d.tolerated for d in host) and s.host.startswith(p.host):
            host = [Difference("wildcard", reg, s.host, s.host_at,
                               f"A trailing '*' never extends a host name here: '{reg}' matches host "
                               f"'{p.host}' only, not '{s.host}'.")]
        diffs += host
        diffs += compare_port(p, s, rule, loopback=False)
        if in_authority:
            return diffs
    base = p.path
    sp = s.path
    # A '..' the server spots was refused above; what is left is compared as written (Keycloak: startsWith).
    inside = sp.startswith(base) or (base.endswith("/") and sp == base[:-1])
    if not inside:
        kind = "path_case" if sp.lower().startswith(base.lower()) else "wildcard"
        diffs.append(Difference(kind, base + "*", sp, s.path_at,
                                f"The path '{sp}' is not under the wildcard prefix '{base}*'."))
    elif sp != base:
        diffs.append(Difference("wildcard", base + "*", sp, s.path_at,
                                f"The path '{sp}' is covered by the wildcard '{base}*'.", tolerated=True))
        diffs += literal_traversal(reg, s, rule)
    if s.query is not None or s.fragment is not None:
        diffs.append(Difference("query" if s.query is not None else "fragment", "", s.query or s.fragment or "",
                                s.query_at if s.query is not None else s.fragment_at,
                                "The query and fragment are not checked under a wildcard entry.", tolerated=True))
    return diffs

