"""One class vocabulary (``oauthdoctor.vocabulary.FailureClass``): the classifier's defaults, the explain JSON schema
and docs/error-rules.md name exactly those classes."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from oauthdoctor.classifier import baseline
from oauthdoctor.vocabulary import FAILURE_CLASSES

ROOT = Path(__file__).resolve().parents[1]


def test_the_vocabulary_holds_the_oidc_interaction_class() -> None:
    assert "interaction_required" in FAILURE_CLASSES
    assert baseline.CLASS_DEFAULTS["interaction_required"][0] == "reauth"


def test_class_defaults_cover_exactly_the_vocabulary() -> None:
    assert list(baseline.CLASS_DEFAULTS) == list(FAILURE_CLASSES)
    assert set(baseline.ERROR_CLASS.values()) <= set(FAILURE_CLASSES)
    assert {rule.failure_class for rule in baseline.GENERIC_RULES} <= set(FAILURE_CLASSES)


def test_explain_schema_lists_the_vocabulary() -> None:
    text = resources.files("oauthdoctor").joinpath("schemas/explain.schema.json").read_text(encoding="utf-8")
    assert json.loads(text)["properties"]["class"]["enum"] == list(FAILURE_CLASSES)


def test_docs_class_table_lists_the_vocabulary() -> None:
    text = (ROOT / "docs" / "error-rules.md").read_text(encoding="utf-8")
    table = text[text.index("## Classes and default decisions"):text.index("## Cause names")]
    named = {name for row in re.findall(r"^\| ([a-z_, ]+) \|", table, re.M) for name in row.split(", ")}
    assert named - {"class"} == set(FAILURE_CLASSES)
    assert f"one of the {len(FAILURE_CLASSES)} classes" in text


def test_docs_name_every_cause_of_the_phrase_layer() -> None:
    """Causes are reused across providers so answers aggregate: the phrase layer's are listed in the docs."""
    from oauthdoctor.profiles.loader import get_profile

    text = (ROOT / "docs" / "error-rules.md").read_text(encoding="utf-8")
    listed = text[text.index("## Cause names"):text.index("## Batch mode")]
    causes = set()
    for rule in get_profile("generic").errors.rules:
        causes |= {rule.cause, *(c.cause for c in rule.candidates)}
    assert {c for c in causes if f"`{c}`" not in listed} == set()
