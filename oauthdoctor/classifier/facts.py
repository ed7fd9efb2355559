"""What the classifier needs from the provider profiles: names, endpoint hosts and the ``errors`` section.

Read from the profiles' checked data (``profiles.sections``) when every profile file is cached, so that
``explain`` neither imports the profile schema nor builds thirty profiles: names, hosts and signatures of all
profiles come from one small index, and a provider's whole ``errors`` section is read and built only when that
provider is needed; detection builds only the signatures. Otherwise (no cache yet) the
profiles are loaded in full, which fills the cache. A broken profile leaves no facts at all: detection is
a convenience, not worth failing for, and naming a provider still reports the broken file.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, cast

from oauthdoctor.classifier.lazy_rules import LazyRules, from_plain
from oauthdoctor.hosts import split_url
from oauthdoctor.profiles.error_schema import Candidate, ErrorRule, ErrorRules, Outcome, Signature

_ENDPOINTS = ("authorize", "token", "device", "revocation", "discovery")
_DETECTION = ("id", "kind", "aliases", "endpoints", "errors.signatures")  # what detection reads of every profile


class ProviderFacts:
    """Every profile's classifier facts; ``ids`` in ``providers list`` order (generic last)."""

    def __init__(self) -> None:
        from oauthdoctor.profiles.sections import all_checked_parts, names

        self._raw: dict[str, dict[str, Any]] = {}  # id -> its errors section as far as detection reads it
        self._files: dict[str, str] = {}  # id -> its file, whose checked data holds the whole errors section
        self._errors: dict[str, ErrorRules] = {}
        self._generic: dict[str, bool] = {}
        self.by_name: dict[str, str] = {}
        self.hosts: list[tuple[str, str]] = []  # (host pattern, id), exact and longest first
        self._paths: list[tuple[str, bool, bool, str]] = []  # (path, on any host?, confirmed?, id): endpoint_paths
        entries = all_checked_parts(_DETECTION)
        if entries is not None:
            for file, data in entries:
                self._raw[data["id"]] = data.get("errors", {})
                self._files[data["id"]] = file
                self._add(data["id"], data.get("kind") == "generic", names(data), _data_hosts(data))
                self._paths += [(*found, data["id"]) for found in _paths(_data_endpoints(data))]
        else:
            for profile in _profiles_or_none():
                self._errors[profile.id] = profile.errors
                self._add(profile.id, profile.kind == "generic", profile.names(), _profile_hosts(profile))
                self._paths += [(*found, profile.id) for found in _paths(_profile_endpoints(profile))]
        self.ids = sorted(self._generic, key=lambda pid: (self._generic[pid], pid))
        self.generic_id = next((pid for pid in self.ids if self._generic[pid]), None)  # the phrase layer's home
        self.hosts.sort(key=lambda item: (item[0].startswith("*."), -len(item[0])))

    def _add(self, pid: str, generic: bool, names: set[str], hosts: list[str]) -> None:
        self._generic[pid] = generic
        self.by_name.update((name, pid) for name in names)
        self.hosts.extend((pattern, pid) for pattern in dict.fromkeys(h.lower() for h in hosts))

    def endpoint_paths(self) -> dict[str, str]:
        """Endpoint paths that find their profile on any host, each with its id: the path of a confirmed URL
        template (OpenIddict's sample paths are a convention, not a default) whose host is a placeholder
        (``{issuer}/protocol/openid-connect/token`` -> ``/protocol/openid-connect/token``), with at least two
        fixed segments, that no other profile's endpoint path ends with. A self-hosted server or a custom domain
        is found by such a path; a standard one (``/.well-known/...``: RFC 8414, OIDC Discovery), ``/oauth/token``
        (five profiles), Casdoor's ``/login/oauth/authorize`` (GitHub's too, and GitHub Enterprise runs on any
        host) or a bare ``/token`` finds nobody."""
        found = {}
        for path, open_host, confirmed, pid in self._paths:
            fixed = sum(1 for part in path.split("/") if part and "{" not in part)
            candidate = open_host and confirmed and fixed >= 2 and "/.well-known/" not in path
            if candidate and not any(other != pid and theirs.endswith(path) for theirs, _, _, other in self._paths):
                found[path] = pid
        return found

    def errors(self, pid: str) -> ErrorRules | None:
        """The provider's ``errors`` section, or None for an id that no profile has."""
        if pid not in self._errors and pid in self._files:
            from oauthdoctor.profiles.sections import file_data

            data = file_data(self._files[pid])
            built: ErrorRules | None = None
            if data is not None and data.get("id") == pid:
                built = _plain_errors(data.get("errors", {}))
                if built is None:  # the builder (and its import) only for data less plain than the cache holds
                    from oauthdoctor.profiles.build import BuildError, build

                    try:
                        built = build(ErrorRules, data.get("errors", {}), ("errors",))
                    except BuildError:
                        pass
            if built is None:  # no longer cached, or cached by another schema: the full load reports or rebuilds it
                from oauthdoctor.profiles.loader import get_profile

                built = get_profile(pid).errors
            self._errors[pid] = built
        return self._errors.get(pid)

    def signatures(self, pid: str) -> list[Signature]:
        """The provider's detection signatures, without building the rest of its ``errors`` section."""
        if pid in self._errors or pid not in self._raw:
            built = self._errors.get(pid)
            return list(built.signatures) if built is not None else []
        raw = self._raw[pid].get("signatures", [])
        quick = _plain_signatures(raw)
        if quick is not None:
            return quick
        from oauthdoctor.profiles.build import BuildError, build

        try:
            return build(list[Signature], raw, ("errors", "signatures"))
        except BuildError:
            errors = self.errors(pid)
            return list(errors.signatures) if errors is not None else []


_SIGNATURE_FIELDS = frozenset(f.name for f in dataclasses.fields(Signature))


def _plain_signatures(raw: Any) -> list[Signature] | None:
    """Signatures straight from cached data whose every value already has its schema type (the cache holds only
    data the builder accepted): the builder's per-type set-up costs more than the whole detection table. None
    when any entry is not that plain; the builder then does it."""
    if not isinstance(raw, list):
        return None
    out = []
    for entry in raw:
        if not isinstance(entry, dict) or not entry.keys() <= _SIGNATURE_FIELDS:
            return None
        if not all(isinstance(v, _PLAIN_TYPES[k]) for k, v in entry.items() if v is not None):
            return None
        out.append(Signature(**entry))
    return out


_PLAIN_TYPES: dict[str, type | tuple[type, ...]] = {
    "error": list, "description": str, "text": str, "fields": dict, "headers": dict, "weight": int, "source": str,
    "checked": str, "basis": str, "note": str}


def _plain_errors(raw: Any) -> ErrorRules | None:
    """A whole ``errors`` section straight from cached data whose every value already has its schema type, as
    ``_plain_signatures`` does for signatures: the generic profile's six hundred rules cost the builder some 15 ms,
    more than the rest of a single ``explain``. None when anything is less plain; the builder then does it."""
    if not isinstance(raw, dict) or not raw.keys() <= _ERRORS_FIELDS:
        return None
    rules = _plain_outcomes(raw.get("rules", []), ErrorRule, lazy=True)
    fallback = _plain_outcomes(raw.get("fallback", []), ErrorRule)
    codes = raw.get("codes", {})
    code_outcomes = _plain_outcomes(list(codes.values()), Outcome) if isinstance(codes, dict) else None
    signatures = _plain_signatures(raw.get("signatures", []))
    if rules is None or fallback is None or code_outcomes is None or signatures is None:
        return None
    rest = {k: v for k, v in raw.items() if k not in ("rules", "fallback", "codes", "signatures")}
    if not all(isinstance(v, _ERRORS_TYPES[k]) for k, v in rest.items() if v is not None):
        return None
    return ErrorRules(**rest, rules=rules, fallback=fallback, signatures=signatures,
                      codes=dict(zip([str(k) for k in codes], code_outcomes, strict=True)))


def _plain_outcomes(raw: Any, kind: type[Outcome], lazy: bool = False) -> list[Any] | None:
    """Rules (or code outcomes) whose values have their schema types, candidates included; None otherwise. With
    ``lazy``, a rule list whose rules are built on first use (``lazy_rules.LazyRules``; a list to its readers)."""
    if not isinstance(raw, list):
        return None
    allowed = _RULE_FIELDS if kind is ErrorRule else _OUTCOME_FIELDS
    for entry in raw:
        if not isinstance(entry, dict) or not entry.keys() <= allowed:
            return None
        if not all(isinstance(v, _RULE_TYPES[k]) for k, v in entry.items() if v is not None and k != "candidates"):
            return None
        candidates = entry.get("candidates")
        if candidates is not None and (not isinstance(candidates, list) or not all(
                isinstance(c, dict) and c.keys() <= _CANDIDATE_FIELDS
                and all(isinstance(v, str) for v in c.values() if v is not None) for c in candidates)):
            return None
    if lazy and kind is ErrorRule:
        return cast("list[Any]", LazyRules(raw))
    return [from_plain(kind, entry) for entry in raw]


_RULE_TYPES: dict[str, type | tuple[type, ...]] = {
    "failure_class": str, "class_from_error": bool, "cause": str, "decision": str, "normalized_status": int,
    "summary": str, "hints": list, "references": list, "source": str, "checked": str, "basis": str, "note": str,
    "status": list, "error": list, "not_error": list, "description": str, "text": str, "fields": dict,
    "headers": dict, "provider_code": list, "empty_body": bool}
_ERRORS_TYPES: dict[str, type | tuple[type, ...]] = {
    "code_pattern": str, "code_pick": str, "code_prefix": str, "code_fields": list, "hints": list, "source": str,
    "checked": str, "basis": str, "note": str}
_RULE_FIELDS = frozenset(f.name for f in dataclasses.fields(ErrorRule))
_OUTCOME_FIELDS = frozenset(f.name for f in dataclasses.fields(Outcome))
_CANDIDATE_FIELDS = frozenset(f.name for f in dataclasses.fields(Candidate))
_ERRORS_FIELDS = frozenset(f.name for f in dataclasses.fields(ErrorRules))


def _data_urls(data: dict[str, Any]) -> list[str]:
    return [url for url, _ in _data_endpoints(data)]


def _profile_urls(profile: Any) -> list[str]:
    return [url for url, _ in _profile_endpoints(profile)]


def _data_endpoints(data: dict[str, Any]) -> list[tuple[str, bool]]:
    """Each endpoint's URL template and whether its fact is confirmed."""
    endpoints = data.get("endpoints", {})
    found = [endpoints.get(name) or {} for name in _ENDPOINTS]
    return [(e.get("url", "") or "", e.get("basis") == "confirmed") for e in found]


def _profile_endpoints(profile: Any) -> list[tuple[str, bool]]:
    found = [getattr(profile.endpoints, name) for name in _ENDPOINTS]
    return [(getattr(e, "url", "") or "", getattr(e, "basis", None) == "confirmed") for e in found]


def _data_hosts(data: dict[str, Any]) -> list[str]:
    return _hosts(data.get("endpoints", {}).get("hosts", []), _data_urls(data))


def _profile_hosts(profile: Any) -> list[str]:
    return _hosts(profile.endpoints.hosts, _profile_urls(profile))


def _paths(endpoints: list[tuple[str, bool]]) -> list[tuple[str, bool, bool]]:
    """Each endpoint URL template's path, whether its host is a placeholder (``{issuer}/...``,
    ``https://{domain}/...``: software anyone runs, or a custom domain), and whether the fact is confirmed; see
    ``ProviderFacts.endpoint_paths``."""
    found = []
    for url, confirmed in endpoints:
        if url.startswith("{"):  # {issuer}/...: everything after the placeholder
            path, open_host = url[url.find("}") + 1:], True
        elif re.match(r"https?://\{[^}/]*\}/", url):  # https://{domain}/...: the host is all placeholder
            path, open_host = url[url.find("}/") + 1:], True
        elif "://" in url:
            rest = url.split("://", 1)[1]
            path, open_host = (rest[rest.find("/"):] if "/" in rest else ""), False
        else:
            continue
        found.append((path.split("?", 1)[0].rstrip("/").lower(), open_host, confirmed))
    return found


def _hosts(patterns: list[str], urls: list[str]) -> list[str]:
    """The host patterns a profile serves: ``endpoints.hosts`` plus each concrete endpoint URL's host."""
    found = list(patterns)
    for url in urls:
        host = split_url(url).hostname if url and "{" not in url else None
        if host:
            found.append(host)
    return found


_WARNED: set[str] = set()  # the broken-profile warnings already printed by this process


def _profiles_or_none() -> list[Any]:
    from oauthdoctor.profiles.loader import ProfileError, all_profiles

    try:
        return all_profiles()
    except ProfileError as exc:  # said once, on stderr: the answers that follow rest on the built-in rules only
        import sys

        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if first in _WARNED:
            return []
        _WARNED.add(first)
        print(f"oauthdoctor: warning: the provider profiles were not read ({first}); the answers use the "
              "built-in rules only - run 'oauthdoctor providers validate' on the profile directory", file=sys.stderr)
        return []
