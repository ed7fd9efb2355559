"""Which rules or signatures can match a body, found without running them all.

A rule list is tried in order and a body is weighed against every profile's signatures; with seventy profiles, two
hundred signatures and a phrase layer of two hundred rules, calling each matcher in turn cost more than the rest of
a classification on a log of distinct lines. Each matcher has one cheap necessary condition - the error value or
provider code it requires, a field or header it reads, or one of its pattern's literal anchors - so a body is only
matched against those whose condition it meets, in their original order. The answers are the ones trying all of
them gives (``tests/test_detection_index.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from oauthdoctor.classifier.anchors import anchors_of
from oauthdoctor.classifier.extract import WORD as _WORD
from oauthdoctor.classifier.extract import Extracted
from oauthdoctor.classifier.lazy_rules import LazyRules
from oauthdoctor.classifier.match import CompiledRules, Matcher, norm
from oauthdoctor.profiles.error_schema import ErrorRule


class Condition(NamedTuple):
    """What one matcher needs before it can match: it is filed under the first of these it has."""

    error: frozenset[str]
    provider_code: frozenset[str]
    field: str | None
    header: str | None
    anchors: tuple[str, ...] | None


def _condition(error: list[str] | None, codes: list[str] | None, fields: dict[str, str] | None,
               headers: dict[str, str] | None, pattern: str | None) -> Condition:
    return Condition(frozenset(norm(e) for e in error) if error else frozenset(),
                     frozenset(c.upper() for c in codes) if codes else frozenset(),
                     next(iter(fields), None) if fields else None,
                     next(iter(headers), None) if headers else None,
                     anchors_of(pattern) if pattern else None)


def _inner_words(anchor: str) -> list[str]:
    """The words of an anchor with a separator on both sides ("token" in "refresh token has", not "refresh")."""
    words = _WORD.findall(anchor)
    if words and _WORD.match(anchor):  # the first word starts the anchor
        words.pop(0)
    if words and _WORD.fullmatch(anchor[-1]):  # the last word ends it
        words.pop()
    return words


class Prefilter:
    """Matchers filed by position under their necessary condition."""

    def __init__(self, matchers: Sequence[Matcher]) -> None:
        self._file(Condition(matcher.error, matcher.provider_code,
                             matcher.fields[0][0] if matcher.fields else None,
                             matcher.headers[0][0] if matcher.headers else None,
                             pattern.anchors() if (pattern := matcher.description or matcher.text) else None)
                   for matcher in matchers)

    @classmethod
    def of_rules(cls, rules: Sequence[ErrorRule]) -> Prefilter:
        """The same index read off the rules themselves, so that no matcher is built for a rule the body cannot
        meet (building the phrase layer's two thousand matchers cost more than a single classification)."""
        index = cls.__new__(cls)
        if isinstance(rules, LazyRules):  # the cached mappings: no rule is built for its condition
            plain = (rules.plain(i) for i in range(len(rules)))
            index._file(_condition(e.get("error"), e.get("provider_code"), e.get("fields"), e.get("headers"),
                                   e.get("description") or e.get("text")) for e in plain)
        else:
            index._file(_condition(r.error, r.provider_code, r.fields, r.headers, r.description or r.text)
                        for r in rules)
        return index

    def _file(self, conditions: Iterable[Condition]) -> None:
        self.by_error: dict[str, list[int]] = defaultdict(list)
        self.by_code: dict[str, list[int]] = defaultdict(list)
        self.by_field: dict[str, list[int]] = defaultdict(list)
        self.by_header: dict[str, list[int]] = defaultdict(list)
        by_anchor: dict[str, list[int]] = defaultdict(list)  # anchor -> positions
        self.always: list[int] = []
        for position, condition in enumerate(conditions):
            if condition.error:
                for error in condition.error:
                    self.by_error[error].append(position)
            elif condition.provider_code:
                for code in condition.provider_code:
                    self.by_code[code].append(position)
            elif condition.field is not None:
                self.by_field[condition.field].append(position)
            elif condition.header is not None:
                self.by_header[condition.header.lower()].append(position)
            elif condition.anchors:
                for anchor in condition.anchors:
                    by_anchor[anchor].append(position)
            else:
                self.always.append(position)
        # An anchor with a whole word inside it (letters and digits with a separator on both sides, "token" in
        # "refresh token has") can only be in a text that has that word: filed under its longest such word, it is
        # looked up, not scanned for. The rest are scanned for.
        self.by_word: dict[str, list[tuple[str, list[int]]]] = defaultdict(list)
        scanned = []
        for anchor, at in by_anchor.items():
            inner = _inner_words(anchor)
            if inner:
                self.by_word[max(inner, key=len)].append((anchor, at))
            else:
                scanned.append((anchor, at))
        self.anchors = tuple(scanned)

    def positions(self, ex: Extracted, error_key: str | None, code: str | None = None) -> list[int]:
        """Positions of the matchers whose condition this body meets, in order, each once."""
        found = list(self.always)
        if error_key is not None and error_key in self.by_error:
            found += self.by_error[error_key]
        if code is not None and (key := code.upper()) in self.by_code:
            found += self.by_code[key]
        for name in ex.fields:
            if name in self.by_field:
                found += self.by_field[name]
        for name in ex.headers:
            if name in self.by_header:
                found += self.by_header[name]
        haystack = ex.searched  # a description's anchor is in either part
        for word in ex.words.intersection(self.by_word):
            for anchor, at in self.by_word[word]:
                if anchor in haystack:
                    found += at
        for anchor, at in self.anchors:
            if anchor in haystack:
                found += at
        return sorted(set(found))


class DetectionIndex:
    """Every profile's signatures behind one prefilter."""

    def __init__(self, detectors: Sequence[tuple[str, CompiledRules]]) -> None:
        self.entries = [(pid, matcher, signature.weight) for pid, rules in detectors
                        for matcher, signature in rules.signatures]
        self.prefilter = Prefilter([matcher for _, matcher, _ in self.entries])

    def best(self, ex: Extracted, error_key: str | None) -> str | None:
        """The provider whose matching signatures weigh most; None when nothing matches or two weigh alike."""
        weights: dict[str, int] = {}
        for position in self.prefilter.positions(ex, error_key):
            pid, matcher, weight = self.entries[position]
            if weight > weights.get(pid, 0) and matcher.matches(ex, error_key, None):
                weights[pid] = weight
        if not weights:
            return None
        best = max(weights.values())
        leaders = [pid for pid, weight in weights.items() if weight == best]
        return leaders[0] if len(leaders) == 1 else None
