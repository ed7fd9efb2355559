"""The Rich view of diff-redirect at 60, 100 and 140 columns: caret under the differing character, nothing
wider than the terminal, hanging indents, URIs whole when they fit on a line of their own (issue 13)."""

from __future__ import annotations

import pytest
from rich.console import Console
from test_redirect_support import block_rule

from oauthdoctor.redirect import RedirectMatch, RedirectRule, compare_with_rule
from oauthdoctor.render.redirect_console import ELLIPSIS, LABEL_WIDTH, print_match

WIDTHS = [60, 100, 140]
GENERIC = RedirectRule()

URI_56 = "https://app.example-company.com/oauth2/callbacks/handler"  # 56 characters, as in issue 13
LONG = "https://login.very-long-subdomain.example-enterprise.com/tenant/0123456789abcdef/oauth2/v2/callback"
LONG_SENT = LONG.replace("/oauth2/v2/", "/oauth2/V2/")
LONG_TAIL = LONG + "/and/a/much/longer/tail/that/keeps/going/for/a/while/past/the/difference"
CASES = {
    "issue-13-56-chars": ([URI_56], URI_56.replace("handler", "Handler")),
    "difference-at-the-end": ([URI_56], URI_56 + "/"),
    "long-difference-in-the-middle": ([LONG_TAIL], LONG_TAIL.replace("/oauth2/v2/", "/oauth2/V2/")),
    "long-difference-early": ([LONG], LONG.replace("login.", "logon.")),
    "invisible-character": ([URI_56], URI_56[:30] + "\u200b" + URI_56[30:]),
    "newline-at-the-end": ([LONG], LONG + "\n"),
    "accepted-loopback-port": (["http://127.0.0.1/callback"], "http://127.0.0.1:53682/callback"),
}


def render(match: RedirectMatch, width: int) -> list[str]:
    console = Console(record=True, width=width, color_system=None, highlight=False, force_terminal=False)
    print_match(match, console)
    return console.export_text().splitlines()


def _line(lines: list[str], label: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(label))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_caret_points_at_the_differing_character(name: str, width: int) -> None:
    registered, sent = CASES[name]
    match = compare_with_rule(registered, sent, GENERIC)
    reference = match.matched or match.closest
    assert reference is not None
    lines = render(match, width)
    assert all(len(line) <= width for line in lines), (name, width)
    ref_at = _line(lines, "matched" if match.accepted else "closest")
    sent_at = ref_at + 1
    caret = lines[sent_at + 1]
    assert lines[sent_at].startswith("sent      ") and caret.strip() == "^"
    column = caret.index("^")
    assert column >= LABEL_WIDTH
    shown_ref, shown_sent = lines[ref_at], lines[sent_at]
    # Everything left of the caret is the same in both lines; at the caret they differ (or one has ended).
    assert shown_ref[LABEL_WIDTH:column] == shown_sent[LABEL_WIDTH:column]
    assert shown_ref[column:column + 1] != shown_sent[column:column + 1]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_caret_sits_under_the_exact_character(width: int) -> None:
    match = compare_with_rule([LONG_TAIL], LONG_TAIL.replace("/oauth2/v2/", "/oauth2/V2/"), GENERIC)
    lines = render(match, width)
    sent_line = lines[_line(lines, "sent")]
    column = lines[_line(lines, "sent") + 1].index("^")
    assert sent_line[column] == "V"
    folded = len(LONG_TAIL) + LABEL_WIDTH > width
    assert (ELLIPSIS in sent_line) is folded


@pytest.mark.parametrize("width", WIDTHS)
def test_invisible_character_is_shown_and_pointed_at(width: int) -> None:
    registered, sent = CASES["invisible-character"]
    lines = render(compare_with_rule(registered, sent, GENERIC), width)
    sent_line = lines[_line(lines, "sent")]
    column = lines[_line(lines, "sent") + 1].index("^")
    assert sent_line[column:column + 8] == "<U+200B>"


@pytest.mark.parametrize("width", WIDTHS)
def test_sentences_wrap_with_a_hanging_indent(width: int) -> None:
    match = compare_with_rule(["https://k.example/app/*"], "https://k.example/app/%252E%252E/x",
                              block_rule("keycloak"), provider="keycloak")
    lines = render(match, width)
    assert all(len(line) <= width and line == line.rstrip() for line in lines)
    for prefix, indent in (("  \u2022 ", 4), ("warning: ", 9), ("fix: ", 5)):
        for i, line in enumerate(lines):
            if not line.startswith(prefix):
                continue
            for follow in lines[i + 1:]:
                if not follow.startswith(" " * indent) or follow.startswith(("  \u2022 ", "warning: ", "fix: ")):
                    break
                assert follow[indent] != " ", (prefix, follow)
    if width == 60:
        assert any(line.startswith(" " * 9) for line in lines), "a warning must have wrapped at 60 columns"


@pytest.mark.parametrize("width", WIDTHS)
def test_headline_leads_and_the_rule_name_is_never_cut(width: int) -> None:
    pid = "spring-authorization-server"
    match = compare_with_rule(["https://a.example/cb"], "https://a.example/cb/", block_rule(pid), provider=pid)
    lines = render(match, width)
    assert lines[0].startswith("REJECTED  provider spring-authorization-server")
    assert "exact+loopback-ip-any-port-any-scheme" in "\n".join(lines[:2])


@pytest.mark.parametrize("width", WIDTHS)
def test_omitted_view_says_what_the_server_uses_instead(width: int) -> None:
    match = compare_with_rule([URI_56, LONG], None, block_rule("github"), provider="github")
    lines = render(match, width)
    at = _line(lines, "sent")
    assert lines[at] == "sent      (no redirect_uri)"
    if LABEL_WIDTH + len(URI_56) <= width:
        assert lines[at + 1] == "uses      " + URI_56
    else:  # whole, on a line of its own, rather than broken after the label
        assert (lines[at + 1], lines[at + 2]) == ("uses", URI_56)
    assert all(len(line) <= width for line in lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_refused_omission_and_code_shown_by_the_server(width: int) -> None:
    refused = render(compare_with_rule([URI_56], None, block_rule("doorkeeper"), provider="doorkeeper"), width)
    assert refused[_line(refused, "sent") + 1] == "uses      nothing: the server refuses the request"
    assert any(line.startswith("fix: Send redirect_uri with exactly") for line in refused)
    assert any(line.endswith(URI_56) and URI_56 in line for line in refused), "the URI fits whole on a line"
    dropbox = render(compare_with_rule([], None, block_rule("dropbox"), provider="dropbox"), width)
    assert dropbox[0].startswith("ACCEPTED") and "shows the code itself" in dropbox[_line(dropbox, "uses")]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_registration_shows_only_sent(width: int) -> None:
    lines = render(compare_with_rule([], URI_56, GENERIC), width)
    assert not any(line.startswith(("closest", "matched")) for line in lines)
    assert any(line.endswith(URI_56) for line in lines)
