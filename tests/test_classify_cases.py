"""Every development case (a copy of shared/cases/errors_dev.yaml in tests/fixtures): class and decision, and cause
unless ambiguous. The copy keeps the tests runnable from a clone of the repository alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

pytest_plugins = ["test_classify_support"]

CASES_FILE = Path(__file__).resolve().parent / "fixtures" / "errors_dev.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
PROVIDER_IDS = {"entra": "microsoft"}
UNPROFILED = {"databricks"}  # no profile: the generic baseline must answer


def _check(case: dict[str, Any], provider: str | None) -> None:
    result = classify(case["status"], case["body"], case.get("headers"), provider=provider, rulebook=RuleBook())
    got = (result.failure_class, result.decision)
    assert got == (case["expected_class"], case["expected_decision"]), (case["id"], result.cause, result.summary)
    if case["expected_cause"] == "ambiguous":
        assert result.cause == "ambiguous" or result.candidates, case["id"]
    else:
        assert result.cause == case["expected_cause"], case["id"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_dev_case_with_provider(case: dict[str, Any], merged_profiles: Path) -> None:
    _check(case, case["provider"])
    result = classify(case["status"], case["body"], case.get("headers"), provider=case["provider"])
    expected = None if case["provider"] in UNPROFILED else PROVIDER_IDS.get(case["provider"], case["provider"])
    assert result.provider == expected


DETECTABLE = {c["id"] for c in CASES} - {
    # bodies that carry no provider-specific shape: the generic answer differs from the provider's
    "salesforce-invalid-client-credentials", "zendesk-invalid-token-401",
}


@pytest.mark.parametrize("case", [c for c in CASES if c["id"] in DETECTABLE], ids=sorted(DETECTABLE, key=[
    c["id"] for c in CASES].index))
def test_dev_case_without_provider(case: dict[str, Any], merged_profiles: Path) -> None:
    _check(case, None)


def test_detection_finds_the_provider_from_body_shape(merged_profiles: Path) -> None:
    detection = Path(__file__).parent / "fixtures" / "detection_cases.yaml"  # from the repository alone
    by_id = {c["id"]: c for c in yaml.safe_load(detection.read_text(encoding="utf-8"))}
    expected = {
        "entra-700082-refresh-token-inactive": "microsoft", "slack-token-revoked": "slack",
        "hubspot-bad-refresh-token": "hubspot", "okta-rate-limit-e0000047": "okta",
        "github-redirect-uri-mismatch-token-200": "github", "keycloak-stale-refresh-token": "keycloak",
        "google-redirect-uri-mismatch-authorize": "google", "zoom-invalid-client-400": "zoom",
    }
    for case_id, provider in expected.items():
        case = by_id[case_id]
        assert classify(case["status"], case["body"], case.get("headers")).provider == provider, case_id
