"""Every bundled profile declares a ``redirect:`` rule that is valid under strict validation on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_redirect_support import BLOCKS, PROFILE_IDS, block_data, block_rule

from oauthdoctor.profiles.validate import validate_file
from oauthdoctor.redirect import MissingSentRule, RedirectRule


def test_a_block_for_every_profile_id() -> None:
    assert sorted(p.stem for p in BLOCKS.glob("*.yaml")) == sorted(PROFILE_IDS)


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_block_passes_strict_profile_validation(pid: str, tmp_path: Path) -> None:
    body = {"id": pid, "name": pid, "kind": "generic" if pid == "generic" else "provider",
            "redirect": block_data(pid)}
    path = tmp_path / f"{pid}.yaml"
    path.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    assert validate_file(path) == []
    rule = block_rule(pid)
    assert rule.name and rule.note
    assert rule.basis == "confirmed" or rule.note


def test_generic_block_is_the_default_rule_with_provenance() -> None:
    rule = block_rule("generic")
    omission = rule.omission()
    sourced = MissingSentRule(source=omission.source, checked=omission.checked, basis=omission.basis,
                              note=omission.note)
    provenance = {"source": rule.source, "note": rule.note, "checked": rule.checked, "basis": rule.basis}
    assert RedirectRule(name=rule.name, missing_sent=sourced, **provenance) == rule
    assert omission.basis == "confirmed"


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_every_block_says_what_happens_without_redirect_uri(pid: str) -> None:
    """missing_sent is written out in full, with its own provenance, in every profile."""
    raw = block_data(pid)["missing_sent"]
    assert isinstance(raw, dict) and {"when", "openid_requires", "empty_is_omitted", "basis", "checked"} <= set(raw)
    omission = block_rule(pid).omission()
    assert omission.note, pid
    if omission.basis == "confirmed":
        assert (omission.source or "").startswith("https://"), pid
    else:
        assert omission.when in ("rejected", "single_registered"), "an unconfirmed fallback must stay cautious"
