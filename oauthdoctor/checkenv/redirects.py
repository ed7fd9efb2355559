"""Redirect-URI rules: shape (absolute, no fragment, https), production loopback, registration under the
provider's matching rule, and consistency across the files of one client.

Matching is diff-redirect's engine with the profile's rule, so check-env and diff-redirect never disagree
about whether a URI is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from oauthdoctor.checkenv.context import FileCheck, show_url
from oauthdoctor.checkenv.registry import finding, rule
from oauthdoctor.checks.redirects import ShapeProblem, callback_limit, is_absolute, redirect_shape
from oauthdoctor.hosts import host_of, is_loopback_host, port_of, split_url
from oauthdoctor.model import Finding, Severity

_E = Severity.ERROR
_RFC6749 = "https://www.rfc-editor.org/rfc/rfc6749"


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
        "basis": _rule_of(check).basis,
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


def _shape(check: FileCheck, kind: str) -> list[ShapeProblem]:
    uri = check.value("redirect_uri")
    return [p for p in redirect_shape(uri) if p.kind == kind] if uri else []


@rule("redirect-not-absolute", "Redirect URI is not absolute",
      "Is the redirect URI an absolute URI with a scheme and host?", _E, scope="client",
      help_uri=f"{_RFC6749}#section-3.1.2")
def redirect_not_absolute(check: FileCheck, now: datetime) -> list[Finding]:
    if not _shape(check, "not_absolute"):
        return []
    key, uri = check.display_key("redirect_uri"), check.value("redirect_uri") or ""
    return [finding("redirect-not-absolute", check.at("redirect_uri"), f"{key} is not an absolute URI: {show_url(uri)}",
                    key=key, fix=f"Write {key} in full, e.g. https://app.example.com/callback.")]


@rule("redirect-fragment", "Redirect URI has a fragment",
      "Is the redirect URI free of a '#fragment'? RFC 6749 forbids one.", _E, scope="client",
      help_uri=f"{_RFC6749}#section-3.1.2")
def redirect_fragment(check: FileCheck, now: datetime) -> list[Finding]:
    key = check.display_key("redirect_uri")
    return [finding("redirect-fragment", check.at("redirect_uri"), f"{key} contains a fragment ('#{p.detail}')",
                    key=key, fix=f"Remove everything from '#' in {key}.") for p in _shape(check, "fragment")]


@rule("redirect-http", "Redirect URI uses http on a non-loopback host",
      "Does the redirect URI use https (plain http is only for loopback)?", _E, scope="client",
      help_uri="https://www.rfc-editor.org/rfc/rfc9700#section-4.1")
def redirect_http(check: FileCheck, now: datetime) -> list[Finding]:
    key = check.display_key("redirect_uri")
    return [finding("redirect-http", check.at("redirect_uri"), f"{key} uses plain http on {p.detail}", key=key,
                    fix=f"Use https:// in {key} (and in the registration).")
            for p in _shape(check, "http_not_loopback")]


@rule("redirect-loopback-in-production", "Loopback redirect URI in a production file",
      "Does a production configuration redirect to a public host rather than localhost or 127.0.0.1?", _E,
      scope="client", help_uri="https://www.rfc-editor.org/rfc/rfc8252#section-7.3")
def redirect_loopback_in_production(check: FileCheck, now: datetime) -> list[Finding]:
    uri = check.value("redirect_uri")
    if uri is None or check.environment != "production" or _shape(check, "not_absolute"):
        return []
    host = host_of(uri)
    if not is_loopback_host(host):
        return []
    key = check.display_key("redirect_uri")
    return [finding("redirect-loopback-in-production", check.at("redirect_uri"),
                    f"{key} points at {host} in a production file", key=key,
                    fix=f"Set {key} to the public callback URL of the production site.")]


@rule("redirect-not-registered", "Redirect URI not accepted by any registered URI",
      "Is OAUTH_REDIRECT_URI accepted by one of OAUTH_REGISTERED_REDIRECT_URIS under the provider's matching rule?",
      _E, scope="client", help_uri="https://www.rfc-editor.org/rfc/rfc9700#section-2.1")
def redirect_not_registered(check: FileCheck, now: datetime) -> list[Finding]:
    uri, registered = check.value("redirect_uri"), registered_uris(check)
    if uri is None or not registered or _shape(check, "not_absolute"):
        return []
    verdict = judge(check, registered, uri)
    if verdict.accepted:
        return []
    key = check.display_key("redirect_uri")
    provider = check.profile.name if check.profile is not None else "the generic (exact-match) rule"
    closest = f" closest: {show_url(verdict.closest)};" if verdict.closest else ""
    return [finding(
        "redirect-not-registered", check.at("redirect_uri"),
        f"{key} {show_url(uri)} is not accepted by any registered URI under {provider}:{closest} "
        f"{verdict.explanation}", key=key, evidence=verdict.evidence,
        fix=verdict.fix or f"Make {key} match a registered URI exactly, or register it with the provider.")]


def _near_miss_key(uri: str) -> str:
    """What two URIs that differ only cosmetically (case, trailing slash, default port) have in common."""
    parts = split_url(uri)
    port = port_of(parts)
    port = port if port not in ({"https": 443, "http": 80}.get(parts.scheme.lower()),) else None
    netloc = (parts.hostname or "") + (f":{port}" if port else "")
    return f"{parts.scheme.lower()}://{netloc.lower()}{parts.path.rstrip('/').lower()}?{parts.query}"


def _clients(checks: Sequence[FileCheck]) -> list[list[FileCheck]]:
    """The files that configure the same client id of the same provider, when there are several files."""
    groups: dict[tuple[str | None, str], list[FileCheck]] = {}
    for check in checks:
        client_id, uri = check.value("client_id"), check.value("redirect_uri")
        if client_id and uri and is_absolute(uri):
            groups.setdefault((check.provider, client_id), []).append(check)
    return [members for members in groups.values() if len({m.path for m in members}) > 1]


@rule("redirect-cross-file", "Redirect URI differs from another file of the same client",
      "Do the files that share a client id send redirect URIs the provider treats as the same, rather than "
      "near-misses (trailing slash, case)?", _E, scope="clients",
      help_uri="https://www.rfc-editor.org/rfc/rfc9700#section-2.1")
def redirect_cross_file(checks: Sequence[FileCheck], now: datetime) -> list[Finding]:
    return [f for members in _clients(checks) for f in _cross_file(members)]


@rule("redirect-too-many", "More callbacks than the provider allows for one client",
      "Do the files of one client id need no more distinct callback URLs than the provider allows (GitHub OAuth "
      "apps: one)?", _E, scope="clients",
      help_uri="https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#redirect-urls")
def redirect_too_many(checks: Sequence[FileCheck], now: datetime) -> list[Finding]:
    return [f for members in _clients(checks) for f in _too_many(members)]


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
    first = members[0]
    found = callback_limit(first.profile, first.value("client_id"), first.value("app_kind"))
    if found is None:
        return []
    limit = found.count
    distinct: dict[str, FileCheck] = {}
    for member in members:
        distinct.setdefault(member.value("redirect_uri") or "", member)
    uris = list(distinct)
    if len(uris) <= limit:
        return []
    provider = members[0].profile.name if members[0].profile is not None else "the provider"
    subject = f"a {found.app} (this is one, by its {found.how})" if found.app else f"{provider}"
    per = "" if found.app else " per app"
    if limit == 1:
        # A server with subdirectory matching lets one callback serve several: keep the URI that covers most.
        covers = {c: [u for u in uris if judge(members[0], [c], u).accepted] for c in uris}
        best = max(uris, key=lambda c: len(covers[c]))
        extra = [u for u in uris if u not in covers[best]]
        if not extra:
            return []
        head = f"{subject} allows one callback URL{per}; {show_url(best)} ({distinct[best].path}) cannot also serve"
    else:
        extra = uris[limit:]
        head = f"{subject} allows {limit} callback URLs{per}; this client needs {len(uris)}, so no room for"
    out = []
    for uri in extra:
        member = distinct[uri]
        key = member.display_key("redirect_uri")
        out.append(finding(
            "redirect-too-many", member.at("redirect_uri"), f"{head} {show_url(uri)}", key=key,
            evidence={"callbacks": uris, "limit": limit, "app": found.app, "decided_by": found.how,
                      "basis": found.basis},
            fix="Create one OAuth app per environment (each with its own client id), or serve every "
                "environment from one callback URL."))
    return out
