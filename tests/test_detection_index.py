"""Detection through the index answers exactly as trying every profile's every signature does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.classifier.extract import extract
from oauthdoctor.profiles.error_schema import ErrorRules, Signature

FIXTURES = Path(__file__).parent / "fixtures"
CORPORA = sorted(FIXTURES.glob("errors_corpus_dev*.yaml")) + [FIXTURES / "errors_dev.yaml"]


def brute_force(book: RuleBook, body: str, status: int | None, headers: dict[str, str] | None) -> str | None:
    """The plain definition: each provider's heaviest matching signature; the heaviest provider, none on a tie."""
    ex = extract(status, body, headers)
    weights = {pid: max((s.weight for m, s in rules.signatures if m.matches(ex, ex.error_key, None)), default=0)
               for pid, rules in book._everything()}
    best = max(weights.values(), default=0)
    leaders = [pid for pid, weight in weights.items() if weight and weight == best]
    return leaders[0] if len(leaders) == 1 else None


def _cases() -> list[tuple[str, int | None, dict[str, str] | None]]:
    cases = []
    for path in CORPORA:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append((case.get("body") or "", case.get("status"), case.get("headers") or None))
    return cases


def test_the_index_detects_what_trying_every_signature_detects() -> None:
    book = RuleBook()
    cases = _cases()
    assert len(cases) > 600
    detected = 0
    for body, status, headers in cases:
        ex = extract(status, body, headers)
        got = book.by_body(ex, ex.error_key)
        assert got == brute_force(book, body, status, headers), body[:200]
        detected += got is not None
    assert detected > 100  # the comparison covers real detections, not only bodies nobody claims


@pytest.mark.parametrize(("signature", "body", "headers"), [
    (Signature(error=["weird_code"], weight=9), '{"error": "weird_code"}', None),
    (Signature(fields={"vendor_trace": ".+"}, weight=9), '{"error": "x", "vendor_trace": "abc"}', None),
    (Signature(headers={"x-vendor-id": ".+"}, weight=9), "denied", {"X-Vendor-Id": "1"}),
    (Signature(description="zorblax refused", weight=9), '{"error_description": "Zorblax refused it"}', None),
    (Signature(text="(?:a|b)+", weight=9), "ab", None),  # no literal anchor: always tried
])
def test_each_kind_of_condition_finds_its_signature(signature: Signature, body: str,
                                                    headers: dict[str, str] | None) -> None:
    book = RuleBook(overrides={"vendor-x": ErrorRules(signatures=[signature])})
    assert classify(400, body, headers, rulebook=book).provider == "vendor-x"


def test_a_long_rule_list_finds_through_its_prefilter_the_rule_a_linear_scan_finds() -> None:
    """The phrase layer and the long provider lists (Entra's codes) try only the rules a body can meet, in order;
    the first match must be the one trying every rule in order gives, for every case and every such list."""
    book = RuleBook()
    lists = [book.phrases()] + [book.compiled(pid) for pid in book.facts.ids]
    long_lists = [rules for rules in lists if rules is not None and rules._prefilter is not None]
    assert len(long_lists) >= 5
    compared = 0
    for body, status, headers in _cases():
        ex = extract(status, body, headers)
        for rules in long_lists:
            code = rules.provider_code(ex)
            linear = next((r for m, r in rules.rules if m.matches(ex, ex.error_key, code)), None)
            found = rules.find(ex, ex.error_key, code)
            expected = linear if linear is not None else (rules.codes.get(code.upper()) if code else None)
            assert found is expected, (rules.provider, body[:200])
            compared += linear is not None
    assert compared > 300


def test_rules_read_from_cached_data_are_built_once_and_only_when_read() -> None:
    from oauthdoctor.classifier.lazy_rules import LazyRules
    from oauthdoctor.profiles.error_schema import Candidate, ErrorRule

    plain = [{"text": "jwt expired", "failure_class": "invalid_token"},
             {"error": ["invalid_grant"], "candidates": [{"cause": "c", "tells_apart": "t"}]}]
    rules = LazyRules(plain)
    assert len(rules) == 2 and rules._built == [None, None]
    first = rules[0]
    assert first == ErrorRule(text="jwt expired", failure_class="invalid_token")
    assert rules[0] is first and rules._built[1] is None  # the second was not read, so not built
    assert rules[1].candidates == [Candidate(cause="c", tells_apart="t")]
    assert list(rules) == [first, rules[1]] and rules == list(rules) and rules[:1] == [first]
    assert rules != [first] and LazyRules(plain) == rules


def test_the_prefilter_read_from_cached_data_files_every_rule_as_from_built_rules() -> None:
    import dataclasses

    from oauthdoctor.classifier.detection import Prefilter
    from oauthdoctor.classifier.lazy_rules import LazyRules
    from oauthdoctor.profiles.loader import get_profile

    built = get_profile("generic").errors.rules
    plain = [{k: v for k, v in dataclasses.asdict(rule).items() if v not in (None, [], {})} for rule in built]
    lazy = LazyRules(plain)
    assert vars(Prefilter.of_rules(lazy)) == vars(Prefilter.of_rules(built))
    assert not any(lazy._built)  # filing them built none of the rules
    assert lazy[len(lazy) - 1] == built[-1]
