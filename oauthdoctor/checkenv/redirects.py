"""Redirect-URI rules: shape (absolute, no fragment, https), production loopback, registration under the
provider's matching rule, and consistency across the files of one client.

Matching is diff-redirect's engine with the profile's rule, so check-env and diff-redirect never disagree
about whether a URI is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from oauthdoctor.checkenv.context import FileCheck, finding, show_url
from oauthdoctor.hosts import is_loopback_host
from oauthdoctor.model import Finding

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass(frozen=True)
class Verdict:
    """The engine's answer, reduced to what the rules print."""

    accepted: bool
    explanation: str
    closest: str | None
    evidence: dict[str, Any]
    fix: str | None = None


def _rule_of(check: FileCheck) -> Any:
    from oauthdoctor.profiles.redirect_schema import RedirectRule

    return check.profile.redirect if check.profile is not None else RedirectRule()


def _client_type(check: FileCheck) -> str:
    return "native" if (check.value("client_type") or "").lower() == "native" else "web"


def judge(check: FileCheck, registered: Sequence[str], sent: str) -> Verdict:
    """Is ``sent`` accepted by one of ``registered`` under ``check``'s provider rule?"""
    from oauthdoctor.redirect import compare_with_rule

    provider = check.profile.id if check.profile is not None else "generic"
    result = compare_with_rule(list(registered), sent, _rule_of(check), _client_type(check), provider=provider)
    hard = [d for d in result.differences if not d.tolerated]
    explanation = " ".join(d.explanation for d in hard[:2]) or "no registered URI matches."
    evidence = {
        "sent": sent, "registered": list(registered), "closest": result.closest, "rule": result.rule,
        "differences": [
            {"kind": d.kind, "registered": d.registered, "sent": d.sent, "position": d.position,
             "explanation": d.explanation}
            for d in hard
        ],
    }
    return Verdict(result.accepted, explanation, result.closest, evidence, result.fix)


def registered_uris(check: FileCheck) -> list[str]:
    value = check.value("registered_redirect_uris")
    return [u for u in re.split(r"[\s,]+", value) if u] if value else []


def check_redirect(check: FileCheck) -> list[Finding]:
    """Rules that need only this file."""
    uri = check.value("redirect_uri")
    if uri is None:
        return []
    key, where = check.display_key("redirect_uri"), check.at("redirect_uri")
    out: list[Finding] = []
    parts = urlsplit(uri)
    has_scheme = bool(_SCHEME.match(uri))
    web = parts.scheme.lower() in ("http", "https")
    if not has_scheme or (web and not parts.netloc):
        out.append(finding("redirect-not-absolute", where, f"{key} is not an absolute URI: {show_url(uri)}", key=key,
                           fix=f"Write {key} in full, e.g. https://app.example.com/callback."))
        return out
    if "#" in uri:
        out.append(finding("redirect-fragment", where, f"{key} contains a fragment ('#{parts.fragment}')", key=key,
                           fix=f"Remove everything from '#' in {key}."))
    host = parts.hostname or ""
    if parts.scheme.lower() == "http" and not is_loopback_host(host):
        out.append(finding("redirect-http", where, f"{key} uses plain http on {host}", key=key,
                           fix=f"Use https:// in {key} (and in the registration)."))
    if is_loopback_host(host) and check.environment == "production":
        out.append(finding("redirect-loopback-in-production", where,
                           f"{key} points at {host} in a production file", key=key,
                           fix=f"Set {key} to the public callback URL of the production site."))
    registered = registered_uris(check)
    if registered:
        verdict = judge(check, registered, uri)
        if not verdict.accepted:
            provider = check.profile.name if check.profile is not None else "the generic (exact-match) rule"
            closest = f" closest: {show_url(verdict.closest)};" if verdict.closest else ""
            out.append(finding(
                "redirect-not-registered", where,
                f"{key} {show_url(uri)} is not accepted by any registered URI under {provider}:{closest} "
                f"{verdict.explanation}", key=key, evidence=verdict.evidence,
                fix=verdict.fix or f"Make {key} match a registered URI exactly, or register it with the provider."))
    return out


def _near_miss_key(uri: str) -> str:
    """What two URIs that differ only cosmetically (case, trailing slash, default port) have in common."""
    parts = urlsplit(uri)
    port = parts.port if parts.port not in ({"https": 443, "http": 80}.get(parts.scheme.lower()),) else None
    netloc = (parts.hostname or "") + (f":{port}" if port else "")
    return f"{parts.scheme.lower()}://{netloc.lower()}{parts.path.rstrip('/').lower()}?{parts.query}"


def check_across_files(checks: Sequence[FileCheck]) -> list[Finding]:
    """Rules over all files that configure the same client id of the same provider."""
    groups: dict[tuple[str | None, str], list[FileCheck]] = {}
    for check in checks:
        client_id, uri = check.value("client_id"), check.value("redirect_uri")
        if client_id and uri and _SCHEME.match(uri):
            groups.setdefault((check.provider, client_id), []).append(check)
    out: list[Finding] = []
    for members in groups.values():
        if len({m.path for m in members}) > 1:
            out += _cross_file(members)
            out += _too_many(members)
    return out


def _cross_file(members: list[FileCheck]) -> list[Finding]:
    out = []
    for index, later in enumerate(members):
        sent = later.value("redirect_uri") or ""
        if any(e.value("redirect_uri") == sent for e in members[:index]):
            continue  # the same URI as an earlier file: any near-miss was reported against that one
        for earlier in members[:index]:
            other = earlier.value("redirect_uri") or ""
            if other == sent or earlier.path == later.path or _near_miss_key(other) != _near_miss_key(sent):
                continue
            verdict = judge(later, [other], sent)
            if verdict.accepted:
                continue
            key = later.display_key("redirect_uri")
            out.append(finding(
                "redirect-cross-file", later.at("redirect_uri"),
                f"{key} {show_url(sent)} differs from {show_url(other)} in {earlier.path} (same client id): "
                f"{verdict.explanation}", key=key, evidence=verdict.evidence,
                fix=f"Use exactly the same callback URL as {earlier.path}, or register both spellings."))
            break
    return out


def _too_many(members: list[FileCheck]) -> list[Finding]:
    rule = _rule_of(members[0])
    limit = getattr(rule, "max_callback_urls", None)
    if not limit:
        return []
    distinct: dict[str, FileCheck] = {}
    for member in members:
        distinct.setdefault(member.value("redirect_uri") or "", member)
    uris = list(distinct)
    if len(uris) <= limit:
        return []
    provider = members[0].profile.name if members[0].profile is not None else "the provider"
    if limit == 1:
        # GitHub lets one callback serve its subdirectories (and loopback ports): keep the URI that covers most.
        covers = {c: [u for u in uris if judge(members[0], [c], u).accepted] for c in uris}
        best = max(uris, key=lambda c: len(covers[c]))
        extra = [u for u in uris if u not in covers[best]]
        if not extra:
            return []
        head = f"{provider} allows one callback URL per app; {show_url(best)} ({distinct[best].path}) cannot also serve"
    else:
        extra = uris[limit:]
        head = f"{provider} allows {limit} callback URLs per app; this client needs {len(uris)}, so no room for"
    out = []
    for uri in extra:
        member = distinct[uri]
        key = member.display_key("redirect_uri")
        out.append(finding(
            "redirect-too-many", member.at("redirect_uri"), f"{head} {show_url(uri)}", key=key,
            evidence={"callbacks": uris, "limit": limit},
            fix="Create one OAuth app per environment (each with its own client id), or serve every "
                "environment from one callback URL."))
    return out
