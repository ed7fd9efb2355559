"""Every mapped case of the development set (tests/fixtures/redirect_dev_cases.yaml): accepted or not, and the
main difference kind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_redirect_support import CASE_MAP, CASE_SKIP, CASES, block_rule, write_standin_profiles

from oauthdoctor.profiles.loader import ENV_VAR
from oauthdoctor.redirect import compare, compare_with_rule

# Case tags name the difference in the shared vocabulary; the JSON contract spells kinds with underscores.
TAG_KINDS = {
    "loopback-port": {"port"}, "query": {"query"}, "fragment": {"fragment"}, "host": {"host"},
    "malformed": {"host", "not_absolute"}, "host-case": {"host_case"}, "path-case": {"path_case"},
    "whitespace": {"whitespace", "control_char", "invisible_char"}, "scheme": {"scheme"},
    "custom-scheme": {"scheme"}, "wildcard": {"wildcard"}, "default-port": {"default_port"},
    "subdirectory": {"subdirectory"}, "trailing-slash": {"trailing_slash"}, "dot-segments": {"dot_segment"},
    "userinfo": {"userinfo"}, "path": {"path"}, "subdomain": {"subdomain"}, "idn": {"unicode_host"},
    "empty-path": {"empty_path"}, "percent-encoding": {"percent_encoding"}, "localhost": {"loopback_alias"},
}


def _cases() -> list[dict[str, Any]]:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return [c for c in data if c["implementation"] not in CASE_SKIP]


MAPPED = _cases()


def _expected_kinds(case: dict[str, Any]) -> set[str]:
    kinds: set[str] = set()
    for tag in case.get("tags", []):
        kinds |= TAG_KINDS.get(tag, set())
    return kinds


def _check(case: dict[str, Any], accepted: bool, kinds: list[str]) -> None:
    assert accepted is case["accepted"], (case["id"], kinds)
    main = kinds[0] if kinds else None
    expected = _expected_kinds(case)
    if case["accepted"]:
        assert main is None or main in expected, (case["id"], kinds)
    else:
        assert main in expected, (case["id"], kinds, expected)


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    directory = tmp_path_factory.mktemp("redirect-profiles")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_VAR, "")
        write_standin_profiles(directory)
        mp.setenv(ENV_VAR, str(directory))
        yield directory


def test_dev_cases_present() -> None:
    assert len(MAPPED) >= 50


@pytest.mark.parametrize("case", MAPPED, ids=[c["id"] for c in MAPPED])
def test_dev_case_with_block_rule(case: dict[str, Any]) -> None:
    pid = CASE_MAP.get(case["implementation"], case["implementation"])
    result = compare_with_rule(case["registered"], case["sent"], block_rule(pid), case.get("client_type", "web"),
                               provider=pid)
    _check(case, result.accepted, [d.kind for d in result.differences])
    if result.accepted:
        assert result.matched in [p for r in case["registered"] for p in (r, *r.split())]
        assert result.fix is None
    else:
        assert result.matched is None and result.closest is not None and result.fix


@pytest.mark.parametrize("case", MAPPED, ids=[c["id"] for c in MAPPED])
def test_dev_case_through_compare(case: dict[str, Any], profiles: Path) -> None:
    pid = CASE_MAP.get(case["implementation"], case["implementation"])
    result = compare(case["registered"], case["sent"], provider=pid, client_type=case.get("client_type", "web"))
    assert result.provider == pid
    _check(case, result.accepted, [d.kind for d in result.differences])
