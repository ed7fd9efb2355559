"""Write the reference parts of the docs that come from the registries, so they are never out of date.

Regions between ``<!-- generated: NAME -->`` and ``<!-- end generated -->`` in README.md and docs/*.md are
rewritten from the code: the check-env rule table (``checkenv.rules.REGISTRY``) and dialect table
(``config.dialects.DIALECTS``), the probe table
(``probes.REGISTRY``), the trace detection table (``trace.detections.DETECTIONS``; also ``trace --help``'s list
and the trace JSON schema's detection enum). The diagnose JSON schema's probe and status enums, and
``diagnose --help``'s probe list (between ``# generated:`` and ``# end generated`` in ``cli/diagnose.py``, so
that ``--help`` need not import every probe), come from the same registries.

    python tools/generate_reference.py          # rewrite
    python tools/generate_reference.py --check  # exit 1 and name the stale files (the test suite runs this)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from oauthdoctor.checkenv.rules import REGISTRY as RULES  # noqa: E402
from oauthdoctor.config.dialects import DIALECTS  # noqa: E402
from oauthdoctor.model import Status  # noqa: E402
from oauthdoctor.probes import REGISTRY as PROBES  # noqa: E402
from oauthdoctor.trace.detections import DETECTIONS  # noqa: E402

DOCS = ("README.md", "docs/ci.md", "docs/probes.md")
CODE = ("oauthdoctor/cli/diagnose.py", "oauthdoctor/cli/trace.py")
SCHEMA = "oauthdoctor/schemas/diagnose.schema.json"
TRACE_SCHEMA = "oauthdoctor/schemas/trace.schema.json"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_table() -> str:
    rows = ["| rule | default severity | other severities | checks |", "|---|---|---|---|"]
    for rule in RULES:
        meta = rule.meta
        others = "; ".join(f"{v.severity.value} when {v.when}" for v in meta.variants) or "-"
        rows.append(f"| `{meta.id}` | {meta.severity.value} | {_cell(others)} | {_cell(meta.title)} |")
    return "\n".join(rows)


def probes_table() -> str:
    rows = ["| probe | network | sends the secret | question |", "|---|---|---|---|"]
    for probe in PROBES:
        meta = probe.META
        rows.append(f"| `{meta.id}` | {'yes' if probe.NETWORK else 'no'} | {'yes' if probe.SENDS_SECRET else 'no'} "
                    f"| {_cell(meta.question)} |")
    return "\n".join(rows)


def detections_table() -> str:
    rows = ["| detection | severity | question |", "|---|---|---|"]
    for detection in DETECTIONS:
        meta = detection.meta
        rows.append(f"| `{meta.id}` | {meta.severity.value} | {_cell(meta.question)} |")
    return "\n".join(rows)


def dialects_table() -> str:
    rows = ["| tool | variables | callback and notes | source (checked) |", "|---|---|---|---|"]
    for dialect in DIALECTS:
        summary, note = (_cell(t).replace("<", "&lt;") for t in (dialect.summary, dialect.note))
        rows.append(f"| {dialect.name} | {summary} | {note} | [docs]({dialect.source}) ({dialect.checked}) |")
    return "\n".join(rows)


GENERATORS = {"check-env-rules": rules_table, "probes": probes_table, "trace-detections": detections_table,
              "check-env-dialects": dialects_table}
_REGION = re.compile(r"(<!-- generated: ([a-z-]+) -->\n)(.*?)(<!-- end generated -->)", re.S)


def render_doc(text: str) -> str:
    return _REGION.sub(lambda m: f"{m.group(1)}{GENERATORS[m.group(2)]()}\n{m.group(4)}", text)


_CODE_REGION = re.compile(r"(# generated: ([a-z-]+) [^\n]*\n)(.*?)(# end generated)", re.S)


def probes_help() -> str:
    import textwrap

    text = "Probes, in report order: " + ", ".join(p.META.id for p in PROBES) + "."
    lines = textwrap.wrap(text, 100, drop_whitespace=False)
    return "PROBES_HELP = (\n" + "".join(f"    {line!r}\n" for line in lines) + ")"


def detections_help() -> str:
    import textwrap

    text = "Detections, in report order: " + ", ".join(d.meta.id for d in DETECTIONS) + "."
    lines = textwrap.wrap(text, 100, drop_whitespace=False)
    return "DETECTIONS_HELP = (\n" + "".join(f"    {line!r}\n" for line in lines) + ")"


CODE_GENERATORS = {"probes-help": probes_help, "detections-help": detections_help}


def render_code(text: str) -> str:
    return _CODE_REGION.sub(lambda m: f"{m.group(1)}{CODE_GENERATORS[m.group(2)]()}\n{m.group(4)}", text)


def render_schema(text: str) -> str:
    schema = json.loads(text)
    finding = schema["$defs"]["finding"]["properties"]
    finding["probe"]["enum"] = [p.META.id for p in PROBES]
    finding["status"]["enum"] = [s.value for s in Status]
    return json.dumps(schema, indent=2) + "\n"


def render_trace_schema(text: str) -> str:
    schema = json.loads(text)
    schema["$defs"]["detection"]["enum"] = [d.meta.id for d in DETECTIONS]
    schema["$defs"]["finding"]["properties"]["status"]["enum"] = [s.value for s in Status]
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    stale = []
    outputs = {name: render_doc for name in DOCS}
    outputs.update({name: render_code for name in CODE})
    outputs[SCHEMA] = render_schema
    outputs[TRACE_SCHEMA] = render_trace_schema
    for name, render in outputs.items():
        path = ROOT / name
        current = path.read_text(encoding="utf-8")
        wanted = render(current)
        if wanted != current:
            stale.append(name)
            if "--check" not in argv:
                path.write_text(wanted, encoding="utf-8")
    if stale and "--check" in argv:
        print("stale (run python tools/generate_reference.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
