"""The parsed-profile cache: used when a file is unchanged, bypassed as soon as it changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oauthdoctor.profiles import cache
from oauthdoctor.profiles.loader import ProfileError, load_file


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("OAUTHDOCTOR_NO_CACHE", raising=False)


def test_changed_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("id: acme\nname: Acme\n")
    assert load_file(path).name == "Acme"
    assert cache.get(path) == {"id": "acme", "name": "Acme"}
    path.write_text("id: acme\nname: Acme Corp\n")
    os.utime(path, ns=(1, 1))  # a different mtime even on coarse clocks
    assert cache.get(path) is None
    assert load_file(path).name == "Acme Corp"


def test_broken_file_is_never_served_from_cache(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("id: acme\nname: Acme\n")
    load_file(path)
    path.write_text("id: acme\nname: Acme\nbogus: 1\n")
    os.utime(path, ns=(2, 2))
    with pytest.raises(ProfileError) as exc:
        load_file(path)
    assert str(exc.value) == f"{path}:3: bogus: unknown key 'bogus'"
