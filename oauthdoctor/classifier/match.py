"""Compiled rules: regexes compiled once per provider so batch mode stays fast."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from oauthdoctor.classifier.extract import Extracted
from oauthdoctor.profiles.error_schema import ErrorRule, ErrorRules, Outcome, Signature

_FLAGS = re.I | re.S


def _rx(pattern: str | None) -> re.Pattern[str] | None:
    if not pattern:
        return None
    try:
        return re.compile(pattern, _FLAGS)
    except re.error:
        return re.compile(re.escape(pattern), _FLAGS)


@dataclass(frozen=True)
class Matcher:
    """The matcher half of a rule or signature, ready to run."""

    status: frozenset[int]
    error: frozenset[str]
    not_error: frozenset[str]
    description: re.Pattern[str] | None
    text: re.Pattern[str] | None
    fields: tuple[tuple[str, re.Pattern[str]], ...]
    headers: tuple[tuple[str, re.Pattern[str]], ...]
    provider_code: frozenset[str]
    empty_body: bool | None

    @classmethod
    def of(cls, rule: ErrorRule | Signature) -> Matcher:
        fields = tuple((k, re.compile(v, re.I | re.S)) for k, v in rule.fields.items())
        if isinstance(rule, ErrorRule):
            status, headers = frozenset(rule.status), tuple(
                (k.lower(), re.compile(v, _FLAGS)) for k, v in rule.headers.items())
            codes, empty = frozenset(c.upper() for c in rule.provider_code), rule.empty_body
            not_error = frozenset(_norm(e) for e in rule.not_error)
        else:
            status, headers, codes, empty, not_error = frozenset(), (), frozenset(), None, frozenset()
        return cls(status=status, error=frozenset(_norm(e) for e in rule.error), not_error=not_error,
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
            if value is None or not rx.fullmatch(value):
                return False
        for name, rx in self.headers:
            value = ex.headers.get(name)
            if value is None or not rx.search(value):
                return False
        if self.description is not None and not self.description.search(ex.desc_text):
            return False
        return self.text is None or bool(self.text.search(ex.text))


def _norm(value: str) -> str:
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
        self.code_fields = tuple(rules.code_fields)
        self.codes = {k.upper(): v for k, v in rules.codes.items()}
        self._error_rules = rules.rules
        self.signatures = [(Matcher.of(s), s) for s in rules.signatures]

    @functools.cached_property
    def rules(self) -> list[tuple[Matcher, ErrorRule]]:
        """Each rule with its compiled matcher, in profile order."""
        return [(Matcher.of(r), r) for r in self._error_rules]

    def provider_code(self, ex: Extracted) -> str | None:
        """The provider's own code (AADSTS70008, BAD_REFRESH_TOKEN, E0000047), if the body carries one."""
        for name in self.code_fields:
            value = ex.fields.get(name)
            if value and value != "null":
                return value
        if self.code_pattern is not None:
            m = self.code_pattern.search(ex.text)
            if m and self.code_pick_last:
                *_, m = self.code_pattern.finditer(ex.text, m.start())
            if m:
                return m.group(1) if m.groups() else m.group(0)
        return None

    def find(self, ex: Extracted, error_key: str | None, code: str | None) -> Outcome | None:
        """First matching rule, else the code table entry."""
        for matcher, rule in self.rules:
            if matcher.matches(ex, error_key, code):
                return rule
        if code is not None:
            return self.codes.get(code.upper())
        return None

    def signature_weight(self, ex: Extracted, error_key: str | None) -> int:
        """Highest weight of the signatures this body matches (0: none)."""
        best = 0
        for matcher, sig in self.signatures:
            if sig.weight > best and matcher.matches(ex, error_key, None):
                best = sig.weight
        return best
