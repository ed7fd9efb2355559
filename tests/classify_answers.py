"""The (class, cause, decision) a text gets, for the round test files: one rule book for all of them."""

from __future__ import annotations

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()


def answer(status: int | None, body: str, provider: str | None = None) -> tuple[str, str, str]:
    r = classify(status, body, None, provider=provider, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision
