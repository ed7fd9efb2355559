"""The pre-commit hook and the GitHub Action pick up env files, compose files and Secret/ConfigMap manifests by
default, leave templates alone, and everything they pick up is a file check-env reads."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from oauthdoctor.config.files import read_config

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"

PICKED = [".env", "app/.env.production", "deploy/prod.env", "docker-compose.yml", "docker-compose.override.yml",
          "compose.yaml", "deploy/compose.prod.yaml", "k8s/oauth2-proxy-secret.yaml", "k8s/secrets.yml",
          "k8s/app-configmap.yaml"]
LEFT = [".env.example", "app/.env.sample", "chart/templates/secret.yaml", "k8s/deployment.yaml", "values.yaml",
        "README.md", "docker-compose.yml.example"]


def test_pre_commit_hook_globs() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    include, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    picked = [p for p in PICKED + LEFT if include.search(p) and not exclude.search(p)]
    assert picked == PICKED


def _find_step() -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "files"]
    return step["run"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps are bash")
@pytest.mark.parametrize("paths", ["", "k8s/deployment.yaml .env.*"])
def test_action_default_globs(tmp_path: Path, paths: str) -> None:
    repo = tmp_path / "repo"
    for name in PICKED + LEFT:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("", encoding="utf-8")
    out = tmp_path / "github_output"
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(out), "INPUT_PATHS": paths}
    subprocess.run(["bash", "-e", "-c", _find_step()], cwd=repo, env=env, check=True, capture_output=True, timeout=30)
    outputs = dict(line.split("=", 1) for line in out.read_text().splitlines())
    listed = Path(outputs["list"]).read_text().splitlines()
    if paths:  # paths given are all checked, templates included
        assert listed == [".env.example", "k8s/deployment.yaml"]
    else:
        assert listed == sorted(PICKED)  # LC_ALL=C sort: byte order, as Python sorts
    assert outputs["count"] == str(len(listed))


def test_what_the_globs_pick_is_read() -> None:
    for path in [*(FIXTURES / "manifests").iterdir(), *(FIXTURES / "dialects").iterdir()]:
        assert read_config(path).kind in ("env", "compose", "kubernetes"), path
