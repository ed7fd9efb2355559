"""Every terminal view at 60, 100 and 140 columns keeps the properties #13 asks for.

No line is wider than the terminal; no id or alias a user must type is cut; wrapped text hangs under its
own first character instead of restarting at column 0; a URI that fits on a line is never broken; the
diff-redirect caret points at the differing character. Checked over the fixed samples of
``render_samples.py`` drawn with ``Console(record=True, width=...)`` through the format registry, and over
real diff-redirect comparisons.
"""

from __future__ import annotations

import re

import pytest
from render_samples import LONG_URI, REGISTERED, SENT, check_env_report, documents, profile
from rich.cells import cell_len

from oauthdoctor.render.formats import FORMATS, render_document
from oauthdoctor.render.layout import Hanging, KeyValues
from oauthdoctor.render.limits import length_marker

WIDTHS = (60, 100, 140)
DOCUMENTS = documents()
MARKS = "✓✗!-?‼"
URLS = (REGISTERED, SENT, LONG_URI, "https://developers.google.com/identity/protocols/oauth2#expiration",
        "https://oauth2.googleapis.com/token", "https://auth.example.test/.well-known/openid-configuration")


def draw(kind: str, width: int, document: object | None = None) -> list[str]:
    doc = DOCUMENTS[kind] if document is None else document
    return render_document(doc, kind, "rich", width=width, verbose=True).splitlines()


def whole(word: str, text: str) -> bool:
    """``word`` occurs in ``text`` with no id character glued to either side (so not cut, not run on)."""
    return re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w-]|…)", text) is not None


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", sorted(k for k in DOCUMENTS if FORMATS[k]["rich"].console))
def test_no_line_is_wider_than_the_terminal(kind: str, width: int) -> None:
    assert [line for line in draw(kind, width) if cell_len(line) > width] == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", sorted(k for k in DOCUMENTS if FORMATS[k]["rich"].console))
def test_a_uri_that_fits_on_a_line_is_never_broken(kind: str, width: int) -> None:
    lines = draw(kind, width)
    text = "\n".join(lines)
    for url in URLS:
        pieces = [url[:n] for n in range(20, len(url))]
        if len(url) <= width and any(p in text for p in pieces):
            assert any(url in line for line in lines), (kind, width, url)


@pytest.mark.parametrize("width", WIDTHS)
def test_diagnose_probe_ids_are_whole_and_wrapped_titles_hang(width: int) -> None:
    report = DOCUMENTS["diagnose"]
    lines = draw("diagnose", width)
    column = 2 + max(len(f.id) for f in report.findings) + 2
    start = next(i for i, line in enumerate(lines) if line.startswith("✓ config "))
    end = next(i for i, line in enumerate(lines) if re.match(r"^\d+ pass", line))
    for line in lines[start:end]:
        if line[0] in MARKS:
            assert line[2:].split()[0] in {f.id for f in report.findings}
        else:
            assert line.startswith(" " * column) and line[column] != " ", line
    assert [line[2:].split()[0] for line in lines[start:end] if line[0] in MARKS] == [f.id for f in report.findings]


@pytest.mark.parametrize("width", WIDTHS)
def test_diagnose_details_never_restart_at_column_0(width: int) -> None:
    lines = draw("diagnose", width)
    counts = next(i for i, line in enumerate(lines) if re.match(r"^\d+ pass", line))
    for line in lines[counts + 1:]:
        if not line or line == "Inputs" or (line[0] in MARKS and line[1] == " "):
            continue
        assert line.startswith("  "), line


@pytest.mark.parametrize("width", WIDTHS)
def test_diagnose_headline_comes_first_and_names_every_problem(width: int) -> None:
    lines = draw("diagnose", width)
    top = next(i for i, line in enumerate(lines) if line.startswith("╭"))
    assert top <= 2 and lines[top].startswith("╭─ Decision: fix_config ")
    panel = " ".join(line.strip("│ ") for line in lines[top:lines.index(next(x for x in lines if x.startswith("╰")))])
    for phrase in ("Root cause", "Next", "redirect_uri:", "client_auth:", "Undecided grant_types"):
        assert phrase in " ".join(panel.split()), phrase


@pytest.mark.parametrize("width", WIDTHS)
def test_long_values_are_cut_with_their_length(width: int) -> None:
    for kind in ("diagnose", "explain"):
        text = "\n".join(draw(kind, width))
        assert length_marker(1_048_590) in " ".join(text.split()) or "…(1,048,590" in text
        assert len(text) < 20_000


@pytest.mark.parametrize("width", WIDTHS)
def test_check_env_rule_ids_are_whole_and_messages_hang(width: int) -> None:
    report = check_env_report()
    lines = draw("check-env", width)
    text = "\n".join(lines)
    for finding in report.findings:
        assert whole(finding.id, text), (width, finding.id)
    for line in lines:
        if line and not line.startswith(" ") and not line.startswith("✓") and not re.match(r"^\d+ error", line):
            assert line in report.files, line  # only file headers start at column 0
    message_column = 2 + len("12:14") + 2
    for line in lines:
        if line.startswith(" ") and not re.match(r"^  \d+:\d+ ", line):
            # a URI too long for the message column gets a line of its own under the row instead
            assert line.startswith(" " * message_column) or line.strip() == LONG_URI, line


@pytest.mark.parametrize("width", WIDTHS)
def test_check_env_rules_listing_keeps_ids_whole(width: int) -> None:
    text = "\n".join(draw("check-env-rules", width))
    for rule in check_env_report().rules:
        assert re.search(rf"^{re.escape(rule.id)}  ", text, re.M), rule.id


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["providers-list", "providers-show"])
def test_provider_ids_and_aliases_are_never_cut(kind: str, width: int) -> None:
    text = "\n".join(draw(kind, width))
    sample = profile()
    for name in (sample.id, *sample.aliases):
        assert whole(name, text), (kind, width, name)


@pytest.mark.parametrize("width", WIDTHS)
def test_providers_show_has_every_section_with_provenance_and_no_reprs(width: int) -> None:
    text = "\n".join(draw("providers-show", width))
    for title in ("Endpoints", "Client authentication", "Grants", "Token policy", "Quirks", "Redirect rule",
                  "Error responses"):
        assert re.search(rf"^{title}$", text, re.M), title
    assert "✓ confirmed · checked 2026-12-05" in text and "~ heuristic · checked 2026-12-01" in text
    assert "? unconfirmed" in text
    for repr_mark in ("['", "']", "=False", "=True", "None"):
        assert repr_mark not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_explain_leads_with_the_decision(width: int) -> None:
    lines = draw("explain", width)
    assert lines[0].startswith("╭─ Decision: reauth ")
    assert "the grant is dead" in lines[1]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("registered", "sent"), [
    ("https://app.example.com/callback", "https://app.example.com/callback/"),
    ("https://app.example.com/cb", "https://App.example.com/cb"),
    # the case: a 56-character URI at 60 columns
    ("https://app.example.com/api/auth/callback/github?next=1", "https://app.example.com/api/auth/callback/gitHub?next=1"),
    ("https://app.example.com/" + "segment/" * 14 + "end", "https://app.example.com/" + "segment/" * 14 + "End"),
])
def test_the_caret_points_at_the_differing_character(registered: str, sent: str, width: int) -> None:
    from oauthdoctor.redirect import compare

    match = compare([registered], sent, provider="generic")
    lines = render_document(match, "diff-redirect", "rich", width=width).splitlines()
    reference = next(line for line in lines if line.startswith("closest "))
    shown = next(line for line in lines if line.startswith("sent "))
    caret = next(line for line in lines if line.strip() == "^")
    column = caret.index("^")
    assert max(cell_len(line) for line in lines) <= width
    assert reference[10:column] == shown[10:column]  # the same text up to the caret ...
    assert column >= len(reference) or column >= len(shown) or reference[column] != shown[column]  # ... then not


def test_hanging_keeps_styles_and_indents_every_paragraph() -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, width=40, color_system=None)
    console.print(Hanging(Text("hint: ", style="bold"), "one two three four five six seven eight\nnine ten"))
    console.print(KeyValues([("a", "x"), ("longer key", "y y y y y y y y y y y y y y y y y y")], indent=2))
    assert console.export_text().splitlines() == [
        "hint: one two three four five six seven",
        "      eight",
        "      nine ten",
        "  a           x",
        "  longer key  y y y y y y y y y y y y y",
        "              y y y y y",
    ]
