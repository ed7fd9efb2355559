"""The built wheel carries the provider profiles and runs from a separate virtual environment."""

from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_profiles_and_runs(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv*", "node_modules", "__pycache__",
                                                             "*.egg-info", "dist", "build"))
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(src)],
                   check=True, capture_output=True, text=True)
    (wheel,) = dist.glob("oauthdoctor-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    # The running interpreter's site-packages supply the dependencies (no download). A path added by a .pth
    # line does not get its own .pth files processed, so the editable install of the checkout stays invisible.
    target = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            check=True, capture_output=True, text=True).stdout.strip()
    Path(target, "_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                   check=True, capture_output=True, text=True)
    where = subprocess.run([str(py), "-c", "import oauthdoctor; print(oauthdoctor.__file__)"], cwd=tmp_path,
                           check=True, capture_output=True, text=True).stdout.strip()
    assert where.startswith(str(env_dir)), where
    result = subprocess.run([str(env_dir / "bin" / "oauthdoctor"), "providers", "list", "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    ids = {p["id"] for p in json.loads(result.stdout)["providers"]}
    assert {"google", "microsoft", "generic", "oidc-provider"} <= ids
