"""The GitHub Action's path expansion (action.yml, step "Find the files"), run by bash as the runner runs it.

A glob that matches nothing must fail the step instead of vanishing (bash's nullglob alone drops it without a
word), and templates a glob picks up (.env.example) are skipped, as the pre-commit hook skips them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
STEP = next(s for s in yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"]
            if s.get("id") == "files")

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def expand(tmp_path: Path, paths: str) -> tuple[int, list[str], str]:
    for name in (".env.production", ".env.staging", ".env.example", "deploy/app.env", "deploy/app.env.sample"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("OAUTH_CLIENT_ID=x\n")
    env = {**os.environ, "INPUT_PATHS": paths, "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "out")}
    result = subprocess.run(["bash", "-c", STEP["run"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                            check=False)
    listed = (tmp_path / "oauthdoctor-files").read_text().splitlines() if result.returncode == 0 else []
    return result.returncode, listed, result.stdout


def test_globs_expand_and_skip_templates(tmp_path: Path) -> None:
    code, listed, _ = expand(tmp_path, ".env.*\n deploy/**/*.env*")
    assert (code, listed) == (0, [".env.production", ".env.staging", "deploy/app.env"])
    assert (tmp_path / "out").read_text() == f"list={tmp_path / 'oauthdoctor-files'}\ncount=3\n"


def test_a_template_named_on_its_own_is_checked(tmp_path: Path) -> None:
    assert expand(tmp_path, ".env.example .env.production")[:2] == (0, [".env.example", ".env.production"])


def test_a_glob_that_matches_nothing_fails_the_step(tmp_path: Path) -> None:
    code, _, out = expand(tmp_path, ".env.production config/*.env")
    assert code == 2
    assert out.strip() == "::error::oauthdoctor: paths: 'config/*.env' matched no file"


def test_only_templates_is_an_error(tmp_path: Path) -> None:
    code, _, out = expand(tmp_path, ".env.ex*")
    assert code == 2 and "only templates matched" in out
