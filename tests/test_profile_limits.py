"""Provider profiles have their own size limits (limits.MAX_PROFILE_BYTES, MAX_PROFILE_LINES): they are the tool's
knowledge, larger than any configuration file, and still bounded before YAML parses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from oauthdoctor.limits import MAX_CONFIG_BYTES, MAX_PROFILE_BYTES, MAX_PROFILE_LINES
from oauthdoctor.profiles.loader import ProfileError, read_profile_text

PROVIDERS = Path(__file__).resolve().parent.parent / "providers"


def test_the_bundled_generic_profile_is_read_within_the_profile_limits() -> None:
    path = PROVIDERS / "generic.yaml"
    text = read_profile_text(path)
    assert len(text.encode()) <= MAX_PROFILE_BYTES
    assert text.count("\n") <= MAX_PROFILE_LINES


def test_a_configuration_sized_limit_no_longer_applies_to_a_profile(tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_text("id: wide\n" + ("# " + "x" * 1000 + "\n") * (MAX_CONFIG_BYTES // 1000 + 10), encoding="utf-8")
    assert len(read_profile_text(path)) > MAX_CONFIG_BYTES


def test_a_profile_past_the_limit_is_refused_with_its_file_named(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"id: huge\n" + b"# " + b"x" * (MAX_PROFILE_BYTES + 10) + b"\n")
    with pytest.raises(ProfileError) as raised:
        read_profile_text(path)
    assert "huge.yaml" in str(raised.value)
    assert "the limit is 4 MiB" in str(raised.value)
    lines = tmp_path / "long.yaml"
    lines.write_text("id: long\n" + "#\n" * (MAX_PROFILE_LINES + 1), encoding="utf-8")
    with pytest.raises(ProfileError, match="too many lines for a provider profile"):
        read_profile_text(lines)


def test_a_broken_profile_directory_is_said_on_stderr_not_passed_over(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    profiles = tmp_path / "profiles"
    profiles.mkdir()
    for path in PROVIDERS.glob("*.yaml"):
        (profiles / path.name).write_bytes(path.read_bytes())
    with (profiles / "generic.yaml").open("a", encoding="utf-8") as f:
        f.write("  bad: [unclosed\n")
    env = {**os.environ, "OAUTHDOCTOR_PROFILES": str(profiles), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "oauthdoctor", "explain", "--format", "json", '{"error":"invalid_grant"}']
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0
    assert '"class": "invalid_grant"' in done.stdout
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "generic.yaml" in warnings[0] and "built-in rules only" in warnings[0]
