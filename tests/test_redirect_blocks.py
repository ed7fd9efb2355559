"""Every bundled profile declares a ``redirect:`` rule that is valid under strict validation on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_redirect_support import BLOCKS, PROFILE_IDS, block_data, block_rule

from oauthdoctor.profiles.validate import validate_file
from oauthdoctor.redirect import RedirectRule


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
    provenance = {"source": rule.source, "note": rule.note, "checked": rule.checked, "basis": rule.basis}
    assert RedirectRule(name=rule.name, **provenance) == rule
