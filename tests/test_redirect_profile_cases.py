"""Each profile's redirect rule answers as tests/fixtures/redirect_profile_cases.yaml says: one table for every
profile's own matching behaviour (exact strings, loopback ports, wildcards, host suffixes, an omitted redirect_uri),
so a profile's redirect cases are data next to the others' rather than one more copy of the same test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from oauthdoctor.redirect import compare

TABLE = Path(__file__).parent / "fixtures" / "redirect_profile_cases.yaml"


def _cases() -> list[Any]:
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return [pytest.param(pid, case, id=f"{pid}-{n}") for pid, cases in table.items() for n, case in enumerate(cases)]


@pytest.mark.parametrize(("pid", "case"), _cases())
def test_redirect_rule_answers_as_the_table_says(pid: str, case: dict[str, Any]) -> None:
    got = compare(case["registered"], case["sent"], provider=pid, client_type=case.get("client_type", "web"),
                  openid=case.get("openid", False))
    assert got.accepted is case["accepted"]
    if "redirect_to" in case:
        assert got.redirect_to == case["redirect_to"]


def test_the_table_covers_only_bundled_profiles_and_each_profile_both_ways() -> None:
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    providers = Path(__file__).resolve().parents[1] / "providers"
    for pid, cases in table.items():
        assert (providers / f"{pid}.yaml").is_file(), pid
        assert {c["accepted"] for c in cases} == {True, False}, pid  # a table that only accepts proves nothing
