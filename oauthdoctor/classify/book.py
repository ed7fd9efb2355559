"""Where provider error rules come from: the profiles' ``errors`` sections, compiled once and cached.

``RuleBook(overrides=...)`` lets an embedding application supply rules for a provider that has no profile;
a profile's own non-empty ``errors`` always wins over an override.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from oauthdoctor.classify.extract import Extracted
from oauthdoctor.classify.match import CompiledRules
from oauthdoctor.classify.rules import ErrorRules

if TYPE_CHECKING:
    from pathlib import Path

    from oauthdoctor.profiles.model import Profile

_EMPTY = ErrorRules()


class RuleBook:
    """Resolves provider names, detects providers and hands out compiled rules (cached per provider)."""

    def __init__(self, overrides: dict[str, ErrorRules] | None = None,
                 aliases: dict[str, str] | None = None) -> None:
        self.overrides = dict(overrides or {})
        self.aliases = {k.lower(): v for k, v in (aliases or {}).items()}
        self._compiled: dict[str, CompiledRules] = {}
        self._resolved: dict[str, str | None] = {}
        self._all: list[tuple[str, CompiledRules]] | None = None
        self._hosts: list[tuple[str, str]] | None = None
        self.results: dict[object, object] = {}  # classify() memo, cleared when full

    def resolve(self, name: str, strict: bool = False) -> str | None:
        """Profile id for an id or alias; None (or UnknownProfile when ``strict``) if there is none."""
        key = name.strip().lower()
        if key in self._resolved and (self._resolved[key] is not None or not strict):
            return self._resolved[key]
        from oauthdoctor.profiles import UnknownProfile, get_profile

        found: str | None = self.aliases.get(key)
        if found is None:
            try:
                found = get_profile(key).id
            except UnknownProfile:
                if key in self.overrides:
                    found = key
                elif strict:
                    raise
        self._resolved[key] = found
        return found

    def compiled(self, pid: str) -> CompiledRules:
        """The compiled rules of one provider (empty rules for a provider without any)."""
        rules = self._compiled.get(pid)
        if rules is None:
            rules = CompiledRules(self._rules(pid), pid)
            self._compiled[pid] = rules
        return rules

    def _rules(self, pid: str) -> ErrorRules:
        from oauthdoctor.profiles import UnknownProfile, get_profile

        try:
            own = get_profile(pid).errors
        except (UnknownProfile, KeyError):
            own = _EMPTY
        if own == _EMPTY and pid in self.overrides:
            return self.overrides[pid]
        return own

    def _everything(self) -> list[tuple[str, CompiledRules]]:
        if self._all is None:
            ids = [p.id for p in _profiles_or_none()]
            ids += [pid for pid in self.overrides if pid not in ids]
            self._all = [(pid, self.compiled(pid)) for pid in ids]
        return self._all

    def by_host(self, url: str) -> str | None:
        """The provider whose ``endpoints.hosts`` (or endpoint URLs) cover the URL's host."""
        try:
            host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
        except ValueError:
            return None
        if not host:
            return None
        if self._hosts is None:
            self._hosts = self._host_table()
        for pattern, pid in self._hosts:
            if pattern.startswith("*."):
                if host.endswith(pattern[1:]):
                    return pid
            elif host == pattern:
                return pid
        return None

    def _host_table(self) -> list[tuple[str, str]]:
        table: list[tuple[str, str]] = []
        for profile in _profiles_or_none():
            patterns = [h.lower() for h in profile.endpoints.hosts]
            for name in ("authorize", "token", "device", "revocation", "discovery"):
                endpoint = getattr(profile.endpoints, name)
                host = urlsplit(endpoint.url).hostname if endpoint and "{" not in endpoint.url else None
                if host:
                    patterns.append(host.lower())
            table.extend((p, profile.id) for p in dict.fromkeys(patterns))
        table.sort(key=lambda item: (item[0].startswith("*."), -len(item[0])))  # exact and longest first
        return table

    def by_body(self, ex: Extracted, error_key: str | None) -> str | None:
        """The provider whose signatures this body matches best; None when nothing or a tie matches."""
        best, found, tie = 0, None, False
        for pid, rules in self._everything():
            weight = rules.signature_weight(ex, error_key)
            if weight > best:
                best, found, tie = weight, pid, False
            elif weight and weight == best:
                tie = True
        return None if tie else found


def _profiles_or_none() -> list[Profile]:
    """All profiles, or none when one is broken: detection is a convenience, not worth failing for."""
    from oauthdoctor.profiles import ProfileError, all_profiles

    try:
        return all_profiles()
    except ProfileError:
        return []


_default: tuple[tuple[Path, ...], RuleBook] | None = None


def default_rulebook() -> RuleBook:
    """The profile-backed rule book, rebuilt when the profile directories change (``--profiles``)."""
    global _default
    from oauthdoctor.profiles.dirs import profile_dirs

    key = tuple(profile_dirs())
    if _default is None or _default[0] != key:
        _default = (key, RuleBook())
    return _default[1]
