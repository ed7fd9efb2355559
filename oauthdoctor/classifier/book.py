"""Where provider error rules come from: the profiles' ``errors`` sections, compiled once and cached.

``RuleBook(overrides=...)`` lets an embedding application supply rules for a provider that has no profile;
a profile's own non-empty ``errors`` always wins over an override.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from oauthdoctor.classifier.extract import Extracted
from oauthdoctor.classifier.facts import ProviderFacts
from oauthdoctor.classifier.match import CompiledRules
from oauthdoctor.classifier.request_context import endpoint_urls, request_urls
from oauthdoctor.profiles.error_schema import ErrorRules, Signature
from oauthdoctor.profiles.hosts import host_matches

if TYPE_CHECKING:
    from oauthdoctor.classifier.detection import DetectionIndex
    from oauthdoctor.classifier.result import Explanation

_EMPTY = ErrorRules()


class RuleBook:
    """Resolves provider names, detects providers and hands out compiled rules (cached per provider)."""

    def __init__(self, overrides: dict[str, ErrorRules] | None = None,
                 aliases: dict[str, str] | None = None) -> None:
        self.overrides = dict(overrides or {})
        self.aliases = {k.lower(): v for k, v in (aliases or {}).items()}
        self._compiled: dict[str, CompiledRules] = {}
        self._resolved: dict[str, str | None] = {}
        self._detectors: list[tuple[str, CompiledRules]] | None = None
        self._index: DetectionIndex | None = None
        self._paths: list[tuple[re.Pattern[str], int, str]] | None = None
        self._facts: ProviderFacts | None = None
        self.results: dict[object, Explanation] = {}  # classify() memo, cleared when full

    @property
    def facts(self) -> ProviderFacts:
        """The profiles' names, hosts and error sections, read on first use."""
        if self._facts is None:
            self._facts = ProviderFacts()
        return self._facts

    def resolve(self, name: str, strict: bool = False) -> str | None:
        """Profile id for an id or alias; None (or UnknownProfile when ``strict``) if there is none."""
        key = name.strip().lower()
        if key in self._resolved and (self._resolved[key] is not None or not strict):
            return self._resolved[key]
        found: str | None = self.aliases.get(key) or self.facts.by_name.get(key)
        if found is None:
            if key in self.overrides:
                found = key
            elif strict:  # UnknownProfile with the close matches, or ProfileError naming a broken file
                from oauthdoctor.profiles.loader import get_profile

                found = get_profile(key).id
        self._resolved[key] = found
        return found

    def compiled(self, pid: str) -> CompiledRules:
        """The compiled rules of one provider (empty rules for a provider without any)."""
        rules = self._compiled.get(pid)
        if rules is None:
            rules = CompiledRules(self._rules(pid), pid)
            self._compiled[pid] = rules
        return rules

    def phrases(self) -> CompiledRules | None:
        """The phrase layer: the generic profile's ``errors.rules``, compiled once, on first use."""
        pid = self.facts.generic_id
        return self.compiled(pid) if pid else None

    def _rules(self, pid: str) -> ErrorRules:
        own = self.facts.errors(pid) or _EMPTY
        if own == _EMPTY and pid in self.overrides:
            return self.overrides[pid]
        return own

    def _signatures(self, pid: str) -> list[Signature]:
        own = self.facts.signatures(pid)
        if not own and pid in self.overrides and self._rules(pid) is self.overrides[pid]:
            return list(self.overrides[pid].signatures)
        return own

    def _everything(self) -> list[tuple[str, CompiledRules]]:
        """Each provider with its compiled signatures (only signatures: detection needs nothing else)."""
        if self._detectors is None:
            ids = list(self.facts.ids)
            ids += [pid for pid in self.overrides if pid not in ids]
            self._detectors = [(pid, CompiledRules(ErrorRules(signatures=self._signatures(pid)), pid))
                               for pid in ids]
        return self._detectors

    def by_text_host(self, text: str) -> str | None:
        """The provider whose OAuth endpoint a log line names: a URL in the text whose host a profile serves (or
        whose path only one profile's endpoints have) and whose path is an OAuth endpoint's (a link to an issue or a
        docs page names no endpoint), else the URL an HTTP client says the failing request went to. One provider only:
        a text naming endpoints of two says nothing."""
        found = {pid for url in endpoint_urls(text) if (pid := self.by_host(url) or self.by_path(url))}
        if not found:  # the URL an HTTP client says it called, API or not: its host answered
            found = {pid for url in request_urls(text) if (pid := self.by_host(url))}
        return found.pop() if len(found) == 1 else None

    def by_path(self, url: str) -> str | None:
        """The provider whose endpoint path (one only its profile has, ``ProviderFacts.endpoint_paths``) the URL's
        path ends with, placeholders standing for one segment: a self-hosted Keycloak's
        ``/realms/acme/protocol/openid-connect/token`` on any host. The longest fitting path wins; None when no
        path or two as long fit."""
        try:
            path = urlsplit(url if "//" in url else f"//{url}").path.rstrip("/").lower()
        except ValueError:
            return None
        if self._paths is None:
            self._paths = [(_path_rx(template), len(template), pid)
                           for template, pid in self.facts.endpoint_paths().items()]
        fits = [(length, pid) for rx, length, pid in self._paths if rx.search(path)]
        longest = max((length for length, _ in fits), default=0)
        found = {pid for length, pid in fits if length == longest}
        return found.pop() if len(found) == 1 else None

    def by_host(self, url: str) -> str | None:
        """The provider whose ``endpoints.hosts`` (or endpoint URLs) cover the URL's host."""
        try:
            host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
        except ValueError:
            return None
        if not host:
            return None
        return next((pid for pattern, pid in self.facts.hosts if host_matches(host, (pattern,))), None)

    def by_body(self, ex: Extracted, error_key: str | None) -> str | None:
        """The provider whose signatures this body matches best; None when nothing or a tie matches. Only the
        signatures whose cheap necessary condition the body meets are tried (``detection.DetectionIndex``)."""
        if self._index is None:
            from oauthdoctor.classifier.detection import DetectionIndex

            self._index = DetectionIndex(self._everything())
        return self._index.best(ex, error_key)


def _path_rx(template: str) -> re.Pattern[str]:
    """A path template's matcher: its end of a path, each ``{placeholder}`` one segment."""
    parts = re.split(r"\{[^}]*\}", template)
    return re.compile("(?:^|/)" + "[^/]+".join(re.escape(p) for p in parts).lstrip("/") + "$")


_default: tuple[tuple[str | None, int], RuleBook] | None = None


def default_rulebook() -> RuleBook:
    """The profile-backed rule book, rebuilt when the profile directories change (``OAUTHDOCTOR_PROFILES``,
    ``--profiles``). ``classify()`` asks on every call, so the check reads only what can change them: the
    variable's value and how many directories ``--profiles`` added (they are only ever added)."""
    global _default
    from oauthdoctor.profiles.dirs import dirs_key

    key = dirs_key()
    if _default is None or _default[0] != key:
        _default = (key, RuleBook())
    return _default[1]
