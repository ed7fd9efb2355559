"""Test support for the classifier: the ``errors:`` rules of the bundled profiles.

``merged_profile_dir`` yields a profile directory for ``OAUTHDOCTOR_PROFILES``; every bundled profile with
rules already carries its ``errors:`` mapping, so the tests exercise the real path: ``get_profile(id).errors``.
Also checks every profile's rules against the schema.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from oauthdoctor.profiles.build import build
from oauthdoctor.profiles.error_schema import ErrorRules
from oauthdoctor.profiles.yamlpos import load_text

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "providers"
BLOCKS = BUNDLED
FALLBACK_ALIASES = {"microsoft": ["entra", "azure", "azure-ad"], "oidc-provider": ["node-oidc-provider"]}
BLOCK_FILES = sorted(p for p in BLOCKS.glob("*.yaml") if re.search(r"^errors:", p.read_text(encoding="utf-8"), re.M))


def merged_profile_dir(tmp: Path) -> Path:
    """A directory of profiles: bundled profile + its errors block (or a minimal stand-in profile)."""
    for block in BLOCK_FILES:
        pid = block.stem
        bundled = BUNDLED / f"{pid}.yaml"
        if bundled.is_file():
            text = bundled.read_text(encoding="utf-8")
            if re.search(r"^errors:", text, re.M):
                continue
            text = text.rstrip("\n") + "\n" + block.read_text(encoding="utf-8")
        else:
            aliases = FALLBACK_ALIASES.get(pid, [])
            text = f"id: {pid}\nname: {pid}\naliases: [{', '.join(aliases)}]\n" + block.read_text(encoding="utf-8")
        (tmp / f"{pid}.yaml").write_text(text, encoding="utf-8")
    return tmp


@pytest.fixture()
def merged_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = merged_profile_dir(tmp_path)
    monkeypatch.setenv("OAUTHDOCTOR_PROFILES", str(directory))
    return directory


REQUIRED_BLOCKS = {
    "google", "microsoft", "salesforce", "github", "hubspot", "slack", "netsuite", "servicenow", "freshdesk", "okta",
    "auth0", "atlassian", "zoom", "xero", "intuit", "dropbox", "shopify", "linkedin", "box", "zendesk", "keycloak",
    "oidc-provider",
}


def test_every_required_provider_has_a_block() -> None:
    assert REQUIRED_BLOCKS <= {p.stem for p in BLOCK_FILES}


@pytest.mark.parametrize("path", BLOCK_FILES, ids=[p.stem for p in BLOCK_FILES])
def test_block_has_one_errors_mapping_and_builds(path: Path) -> None:
    data = load_text(path.read_text(encoding="utf-8"))
    assert "errors" in data
    rules = build(ErrorRules, data["errors"], ("errors",))
    assert rules.source and rules.source.startswith("https://")
    for pattern in [rules.code_pattern, *(r.description for r in rules.rules), *(r.text for r in rules.rules)]:
        if pattern:
            re.compile(pattern)
    for rule in rules.rules:
        assert rule.failure_class, f"{path.stem}: every rule names its class"


@pytest.mark.parametrize("path", BLOCK_FILES, ids=[p.stem for p in BLOCK_FILES])
def test_merged_profile_is_strictly_valid(path: Path, tmp_path: Path) -> None:
    from oauthdoctor.profiles.validate import validate_file

    merged_profile_dir(tmp_path)
    target = tmp_path / path.name
    if not target.exists():  # already merged into the bundled profile
        target = BUNDLED / path.name
    assert [str(i) for i in validate_file(target)] == []


def test_entra_code_table_covers_the_reference() -> None:
    listed = (Path(__file__).parent / "fixtures" / "aadsts_reference_codes.txt").read_text(encoding="utf-8")
    codes = {line.strip() for line in listed.splitlines() if line.strip() and not line.startswith("#")}
    assert len(codes) > 40
    rules = build(ErrorRules, load_text((BLOCKS / "microsoft.yaml").read_text())["errors"])
    assert codes - set(rules.codes) == set()
    for code, outcome in rules.codes.items():
        assert outcome.cause and outcome.decision and outcome.summary, code
        # Without a class the endpoint's own error decides the class: only for sign-in-again codes.
        assert outcome.failure_class or outcome.decision == "reauth", code


def test_detection_signatures_built_from_cached_data_equal_the_builders() -> None:
    """explain builds every profile's signatures straight from the cache when each value already has its type; they
    must be the very signatures the profile builder makes, and anything less plain goes to the builder."""
    from oauthdoctor.classifier.facts import _plain_signatures
    from oauthdoctor.profiles.build import build
    from oauthdoctor.profiles.error_schema import Signature
    from oauthdoctor.profiles.loader import all_profiles

    for profile in all_profiles():
        raw = [{k: v for k, v in vars(s).items()} for s in profile.errors.signatures]
        assert _plain_signatures(raw) == build(list[Signature], raw) == list(profile.errors.signatures)
    assert _plain_signatures([{"text": "x", "weight": "high"}]) is None  # not the schema's type: the builder decides
    assert _plain_signatures([{"text": "x", "unknown_key": 1}]) is None


def test_errors_sections_built_from_cached_data_equal_the_builders() -> None:
    """explain builds a provider's errors section (the generic profile's six hundred rules included) straight from
    the cache when each value already has its type: it must be the very section the profile builder makes, and
    anything less plain goes to the builder."""
    from oauthdoctor.classifier.facts import _plain_errors
    from oauthdoctor.profiles.build import build
    from oauthdoctor.profiles.error_schema import ErrorRules
    from oauthdoctor.profiles.loader import all_profiles
    from oauthdoctor.profiles.sections import all_checked_parts, file_data

    profiles = {p.id: p for p in all_profiles()}  # a full load fills the cache the fast path reads
    parts = all_checked_parts(("id",))
    assert parts is not None
    files = [file for file, _ in parts]
    checked = [data for data in (file_data(f) for f in files) if data is not None and data.get("id") in profiles]
    assert len(checked) == len(profiles)
    for data in checked:
        raw = data.get("errors", {})
        plain = _plain_errors(raw)
        assert plain is not None, data["id"]
        assert plain == build(ErrorRules, raw, ("errors",)) == profiles[data["id"]].errors, data["id"]
    assert _plain_errors({"rules": [{"text": "x", "status": "400"}]}) is None  # not the schema's type
    assert _plain_errors({"rules": [{"text": "x", "candidates": [{"cause": "a", "weight": 2}]}]}) is None
    assert _plain_errors({"unknown_key": 1}) is None
