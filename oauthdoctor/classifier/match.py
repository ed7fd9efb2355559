"""Compiled rules: each regex compiled once, on its first use, so batch mode stays fast and a single ``explain``
compiles only the patterns it actually tries (compiling the phrase layer's fifty patterns up front would cost
more than the whole classification)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from oauthdoctor.classifier.anchors import anchors_of
from oauthdoctor.classifier.extract import Extracted, failure_identifiers
from oauthdoctor.profiles.error_schema import ErrorRule, ErrorRules, Outcome, Signature

if TYPE_CHECKING:
    from oauthdoctor.classifier.detection import Prefilter

_FLAGS = re.I | re.S
_SERVER_SIDE = frozenset({"server_error", "temporarily_unavailable"})
_PREFILTER_FROM = 24  # rules in a list before a prefilter pays for itself


class LazyPattern:
    """A case-insensitive pattern compiled on first use (a broken one matches as a literal string), with the
    literal anchors that let most texts be refused without compiling or running it."""

    __slots__ = ("source", "_anchors", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._anchors: tuple[str, ...] | None | Literal[False] = False  # False: not computed yet
        self._compiled: re.Pattern[str] | None = None

    def anchors(self) -> tuple[str, ...] | None:
        """The lower-case literals one of which every text this pattern matches contains (None: no such set)."""
        found = self._anchors
        if found is False:
            found = self._anchors = anchors_of(self.source)
        return found

    def may_match(self, lowered: str) -> bool:
        """False only when the (lower-cased) text cannot match: none of the anchors occurs in it."""
        found = self._anchors
        if found is False:
            found = self.anchors()
        if found is None:
            return True
        for anchor in found:  # a plain loop: any() over a generator costs more here
            if anchor in lowered:
                return True
        return False

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            try:
                self._compiled = re.compile(self.source, _FLAGS)
            except re.error:
                self._compiled = re.compile(re.escape(self.source), _FLAGS)
        return self._compiled

    def search(self, text: str) -> bool:
        return self.compiled().search(text) is not None

    def fullmatch(self, text: str) -> bool:
        return self.compiled().fullmatch(text) is not None


def _rx(pattern: str | None) -> LazyPattern | None:
    return LazyPattern(pattern) if pattern else None


@dataclass(frozen=True)
class Matcher:
    """The matcher half of a rule or signature, ready to run."""

    status: frozenset[int]
    error: frozenset[str]
    not_error: frozenset[str]
    description: LazyPattern | None
    text: LazyPattern | None
    fields: tuple[tuple[str, LazyPattern], ...]
    headers: tuple[tuple[str, LazyPattern], ...]
    provider_code: frozenset[str]
    empty_body: bool | None

    @classmethod
    def of(cls, rule: ErrorRule | Signature) -> Matcher:
        fields = tuple((k, LazyPattern(v)) for k, v in rule.fields.items())
        headers = tuple((k.lower(), LazyPattern(v)) for k, v in rule.headers.items())
        if isinstance(rule, ErrorRule):
            status = frozenset(rule.status)
            codes, empty = frozenset(c.upper() for c in rule.provider_code), rule.empty_body
            not_error = frozenset(norm(e) for e in rule.not_error)
        else:
            status, codes, empty, not_error = frozenset(), frozenset(), None, frozenset()
        return cls(status=status, error=frozenset(norm(e) for e in rule.error), not_error=not_error,
                   description=_rx(rule.description),
                   text=_rx(rule.text), fields=fields, headers=headers, provider_code=codes, empty_body=empty)

    def matches(self, ex: Extracted, error_key: str | None, code: str | None) -> bool:
        """All set matchers hold; cheap checks first."""
        if self.status and ex.status not in self.status:
            return False
        if self.error and error_key not in self.error:
            return False
        if self.not_error and error_key in self.not_error:
            return False
        if self.provider_code and (code is None or code.upper() not in self.provider_code):
            return False
        if self.empty_body is not None and ex.empty != self.empty_body:
            return False
        for name, rx in self.fields:
            value = ex.fields.get(name)
            if value is None or not (rx.may_match(value.lower()) and rx.fullmatch(value)):
                return False
        for name, rx in self.headers:
            value = ex.headers.get(name)
            if value is None or not rx.search(value):
                return False
        # An empty text, or one without the pattern's anchors, cannot match: nothing to compile or run.
        description = self.description
        if description is not None and not (ex.desc_text and description.may_match(ex.desc_lower)
                                            and description.search(ex.desc_text)):
            return False
        text = self.text
        return text is None or bool(ex.text and text.may_match(ex.text_lower) and text.search(ex.text))


def _last_match(rx: re.Pattern[str], text: str, lowered: str, anchors: tuple[str, ...] | None,
                first: re.Match[str]) -> re.Match[str]:
    """The last match of ``rx`` in ``text`` (``first`` is the first). A scan of the whole text costs more than the
    rest of a classification when the pattern has no literal prefix (Entra's code pattern on a long body). Every
    match holds one of the pattern's anchors, so none can start after the last anchor in the text: when a match
    starts right there, it is the last one; otherwise the text is scanned."""
    if anchors and len(lowered) == len(text):  # a lower-casing that changed lengths would move the positions
        last_anchor = max(lowered.rfind(anchor) for anchor in anchors)
        if last_anchor <= first.start():  # no anchor after the first match's start: no match after it either
            return first
        if (found := rx.match(text, last_anchor)) is not None:
            return found
    *_, last = rx.finditer(text, first.start())
    return last


_IDENTIFIER_DOT = re.compile(r"(?<=\w)\.(?=\w)")
_OAUTH_VERSION = re.compile(r"\b(oauth) ?2(?:\.0)?\b", re.I)


def _family_text(ex: Extracted) -> Extracted:
    """The text as the word families read it. The protocol's version is part of its name ("Invalid OAuth 2.0 Access
    Token" reads as "Invalid OAuth2 Access Token": the families allow an "oauth2" before "token", not two more
    words). Each dot inside a dotted name (a host, a bundle id, a version: "app.example.com") is read as a middle
    dot: the families keep to one sentence with windows that stop at a dot, and such a dot does not end one
    ("Redirect URI https://app.example.com/cb is not supported"). The words of identifiers that name a failure are
    read after the description ("failed to get root: InvalidAuthenticationToken: ..." as if it also said "invalid
    authentication token"; ``extract.failure_identifiers``)."""
    text, desc = ex.text, ex.desc_text
    if named := failure_identifiers(desc):
        text, desc = f"{text} {named}", f"{desc} {named}"
    if "2" in text:
        text, desc = _OAUTH_VERSION.sub(r"\g<1>2", text), _OAUTH_VERSION.sub(r"\g<1>2", desc)
    if "." in text or "." in desc:
        text, desc = _IDENTIFIER_DOT.sub("\u00b7", text), _IDENTIFIER_DOT.sub("\u00b7", desc)
    if text == ex.text and desc == ex.desc_text:
        return ex
    return replace(ex, text=text, desc_text=desc)


def norm(value: str) -> str:
    """An error value as matchers compare it: lower case, dashes and spaces as underscores."""
    return value.strip().lower().replace("-", "_").replace(" ", "_")


class CompiledRules:
    """One provider's ``ErrorRules`` (or the generic baseline) with every regex compiled.

    Signatures are compiled at once (detecting the provider of a body runs every profile's signatures); the
    rules only on first use, because a single ``explain`` needs the rules of one provider, not of thirty.
    """

    def __init__(self, rules: ErrorRules, provider: str | None = None) -> None:
        self.provider = provider
        self.source = rules.source
        self.hints = list(rules.hints)
        self.code_pattern = _rx(rules.code_pattern)
        self.code_pick_last = rules.code_pick == "last"
        self.code_prefix = rules.code_prefix or ""
        self.code_fields = tuple(rules.code_fields)
        self.codes = {k.upper(): v for k, v in rules.codes.items()}
        self._error_rules = rules.rules
        self._fallback_rules = rules.fallback
        self._built: dict[int, Matcher] = {}  # position -> matcher, for the rules tried so far
        self.signatures = [(Matcher.of(s), s) for s in rules.signatures]

    @property
    def rules(self) -> list[tuple[Matcher, ErrorRule]]:
        """Each rule with its compiled matcher, in profile order."""
        return [(self._matcher(position), rule) for position, rule in enumerate(self._error_rules)]

    def _matcher(self, position: int) -> Matcher:
        """The matcher of the rule at ``position``, built on its first use and kept."""
        found = self._built.get(position)
        if found is None:
            found = self._built[position] = Matcher.of(self._error_rules[position])
        return found

    @functools.cached_property
    def fallback(self) -> list[tuple[Matcher, ErrorRule]]:
        """Each word-family rule with its compiled matcher, in profile order."""
        return [(Matcher.of(r), r) for r in self._fallback_rules]

    def find_fallback(self, ex: Extracted, error_key: str | None) -> Outcome | None:
        """First matching word-family rule (see ``ErrorRules.fallback``). Under a 4xx status the words of a server
        or network failure do not count: RFC 9110 15.5 makes a 4xx the request's fault, whatever the page adds
        ("An unexpected error has occurred ... try again" on a refused authorization)."""
        client_error = ex.status is not None and 400 <= ex.status <= 499
        ex = _family_text(ex)
        open_cause = None  # a family that knows the class but not the cause gives way to a later one that names it
        for matcher, rule in self.fallback:
            if client_error and rule.failure_class in _SERVER_SIDE:
                continue
            if (open_cause is None or rule.cause != "ambiguous") and matcher.matches(ex, error_key, None):
                if rule.cause != "ambiguous":
                    return rule
                open_cause = rule
        return open_cause

    def provider_code(self, ex: Extracted) -> str | None:
        """The provider's own code (AADSTS70008, BAD_REFRESH_TOKEN, E0000047), if the body carries one."""
        for name in self.code_fields:
            value = ex.fields.get(name)
            if value and value != "null":
                return value
        if self.code_pattern is not None and self.code_pattern.may_match(ex.text_lower):
            rx = self.code_pattern.compiled()
            m = rx.search(ex.text)
            if m and self.code_pick_last:
                m = _last_match(rx, ex.text, ex.text_lower, self.code_pattern.anchors(), m)
            if m:
                found = m.group(m.lastindex) if m.lastindex else m.group(0)  # the alternative that matched
                return self.code_prefix + found if self.code_prefix and found.isdigit() else found
        return None

    @functools.cached_property
    def _prefilter(self) -> Prefilter | None:
        """For a long rule list (the phrase layer, Entra's codes): which rules a body can meet at all."""
        if len(self._error_rules) < _PREFILTER_FROM:
            return None
        from oauthdoctor.classifier.detection import Prefilter

        return Prefilter.of_rules(self._error_rules)

    def find(self, ex: Extracted, error_key: str | None, code: str | None) -> Outcome | None:
        """First matching rule, else the code table entry. Through the prefilter, only the matchers of the rules
        the body can meet are built."""
        prefilter = self._prefilter
        tried = prefilter.positions(ex, error_key, code) if prefilter is not None else range(len(self._error_rules))
        for position in tried:
            if self._matcher(position).matches(ex, error_key, code):
                return self._error_rules[position]
        if code is not None:
            return self.codes.get(code.upper())
        return None

