"""The shape of the house (docs/architecture.md): arrows point down, and no two packages import each other.

Every ``import`` counts, also one inside a function (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "oauthdoctor"

# Lowest first. A unit may import units of its own layer or of a lower one, never of a higher one.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"model", "vocabulary", "exitcodes", "hosts", "redact", "version", "limits"}),  # foundations
    frozenset({"profiles"}),  # provider knowledge: schema, files, cache
    frozenset({"redirect", "classifier"}),  # engines that apply profile rules
    frozenset({"config", "net", "record"}),  # the input model; network I/O; the traffic recorder
    frozenset({"checks"}),  # pure checks shared by diagnose and check-env
    frozenset({"probing"}),  # the probe contract and its helpers
    frozenset({"probes"}),  # one module per probe
    frozenset({"diagnose", "checkenv", "trace"}),  # command cores: build a Report
    frozenset({"render"}),  # reports → text
    frozenset({"cli", "__main__", "__init__"}),  # the command line and the public API facade
)
LAYER_OF = {unit: i for i, layer in enumerate(LAYERS) for unit in layer}


def _unit(module: str) -> str:
    """``oauthdoctor.probes.config`` → ``probes``; ``oauthdoctor.model`` → ``model``; ``oauthdoctor`` → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports() -> dict[str, set[tuple[str, str]]]:
    """unit → {(imported unit, importing file)} for every import of another unit."""
    edges: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(p for p in rel.parts if p != "__init__")
        unit = _unit(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "oauthdoctor":
                top = node.module == "oauthdoctor"
                targets = [f"oauthdoctor.{a.name}" for a in node.names] if top else [node.module]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.split(".")[0] == "oauthdoctor"]
            for target in targets:
                other = _unit(target)
                if other != unit:
                    edges[unit].add((other, str(path.relative_to(PACKAGE))))
    return edges


def test_every_unit_has_a_layer() -> None:
    units = {_unit(".".join(("oauthdoctor", *p.relative_to(PACKAGE).with_suffix("").parts)))
             for p in PACKAGE.rglob("*.py")}
    assert units - set(LAYER_OF) == set()


def test_no_import_points_up() -> None:
    upward = sorted(
        f"{where}: {unit} (layer {LAYER_OF[unit]}) imports {other} (layer {LAYER_OF[other]})"
        for unit, edges in _imports().items()
        for other, where in edges
        if LAYER_OF[other] > LAYER_OF[unit]
    )
    assert upward == []


def test_no_two_packages_import_each_other() -> None:
    edges = _imports()
    targets = {unit: {other for other, _ in found} for unit, found in edges.items()}
    pairs = sorted({tuple(sorted((a, b))) for a, found in targets.items() for b in found if a in targets.get(b, ())})
    assert pairs == []


def test_there_is_one_loopback_predicate() -> None:
    """Only oauthdoctor/hosts.py decides what loopback is; everything else asks it."""
    definers = sorted({
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and "loopback" in node.name.lower()
        and node.name.startswith(("is_", "_is", "loopback"))
    })
    assert definers == ["hosts.py"]


def test_generated_reference_is_current() -> None:
    """Rule and probe tables in the docs, the schema enums and diagnose's probe help come from the registries."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(PACKAGE.parent / "tools" / "generate_reference.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
