"""Adding a probe is one module plus its line in the registry (docs/architecture.md): nothing else is wired."""

from __future__ import annotations

import importlib.util
import json
import sys
import types
from pathlib import Path

import pytest

from oauthdoctor import probes
from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.diagnose import runner
from oauthdoctor.model import RuleMeta, Status
from oauthdoctor.probing.contract import ProbeContext, ProbeOptions, make_finding, nothing_to_observe

ROOT = Path(__file__).resolve().parent.parent


def _new_probe() -> types.ModuleType:
    module = types.ModuleType("oauthdoctor.probes.scope_shape")
    module.META = RuleMeta("scope_shape", "Scope shape", "Are the scopes space-separated?")
    module.NETWORK = False
    module.SENDS_SECRET = False
    module.observe = nothing_to_observe

    def judge(ctx, observation):
        scopes = ctx.config.get("scopes") or ""
        status = Status.FAIL if "," in scopes else Status.PASS
        return [make_finding(module.META, status, "scopes use commas" if "," in scopes else "scopes look fine",
                             evidence={"scopes": scopes})]

    module.judge = judge
    return module


@pytest.fixture()
def registered(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    probe = _new_probe()
    monkeypatch.setattr(probes, "REGISTRY", (*probes.REGISTRY, probe))
    monkeypatch.setattr(runner, "REGISTRY", probes.REGISTRY)
    return probe


def test_a_registered_probe_is_run_selected_and_documented(registered: types.ModuleType) -> None:
    ctx = ProbeContext(config=ResolvedConfig({"scopes": "openid,email"}), profile=None,
                       options=ProbeOptions(offline=True))
    findings = runner.run(ctx, only=["scope_shape"])
    assert [(f.id, f.status) for f in findings if f.status is not Status.SKIP] == [("scope_shape", Status.FAIL)]
    assert runner.select(skip=["scope_shape"])["scope_shape"] == "skipped by --skip"

    spec = importlib.util.spec_from_file_location("generate_reference", ROOT / "tools" / "generate_reference.py")
    generator = importlib.util.module_from_spec(spec)
    sys.modules["generate_reference"] = generator
    spec.loader.exec_module(generator)
    generator.PROBES = probes.REGISTRY
    schema = json.loads(generator.render_schema((ROOT / generator.SCHEMA).read_text()))
    assert schema["$defs"]["finding"]["properties"]["probe"]["enum"][-1] == "scope_shape"
    assert "| `scope_shape` | no | no | Are the scopes space-separated? |" in generator.probes_table()
    assert "last_error, scope_shape." in generator.probes_help()
