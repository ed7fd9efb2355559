"""Property tests: any input gives an answer, never an exception; a valid URI always matches itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_redirect_support import PROFILE_IDS, block_rule

from oauthdoctor.redirect import compare_with_rule
from oauthdoctor.redirect.engine import evaluate

RULES = [block_rule(pid) for pid in PROFILE_IDS]
PIECES = st.sampled_from(["http://", "https://", "127.0.0.1", "[::1]", "localhost", ":8080", ":", "/", "//", "?",
                          "#", "@", "*", "*.", "..", "%2e", "%", "a", "B", ".", "=", "&", " ", "\n", "\u200b",
                          "\uff41", "\u00fc", "[", "]", "com.example.app:"])
URIISH = st.lists(PIECES, max_size=10).map("".join) | st.text(max_size=30)

LABEL = st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True)
SEGMENT = st.from_regex(r"[A-Za-z0-9_~\-]{1,8}", fullmatch=True)


@st.composite
def valid_uri(draw: st.DrawFn) -> str:
    """A redirect URI every rule must accept verbatim: https or a private-use scheme, no fragment."""
    path = "".join("/" + s for s in draw(st.lists(SEGMENT, max_size=3)))
    if draw(st.booleans()):
        return "com.example.app:/" + path.lstrip("/")
    host = ".".join(draw(st.lists(LABEL, min_size=2, max_size=3)))
    port = draw(st.sampled_from(["", ":8443", ":443"]))
    query = draw(st.sampled_from(["", "?a=1", "?a=1&b=two", "?"]))
    return f"https://{host}{port}{path}{query}"


@settings(max_examples=300, deadline=None)
@given(registered=st.lists(URIISH, max_size=3), sent=URIISH, rule_index=st.integers(0, len(RULES) - 1),
       client_type=st.sampled_from(["web", "native"]))
def test_any_input_gives_an_answer(registered: list[str], sent: str, rule_index: int, client_type: str) -> None:
    result = compare_with_rule(registered, sent, RULES[rule_index], client_type)
    assert isinstance(result.accepted, bool)
    if result.accepted:
        shows_code = result.omission is not None and result.omission.when == "shows_code"
        assert (result.matched is not None or shows_code) and result.fix is None
        assert all(d.tolerated for d in result.differences)
    elif registered and any(r.strip() for r in registered):
        assert result.differences and result.fix


@settings(max_examples=200, deadline=None)
@given(uri=valid_uri(), client_type=st.sampled_from(["web", "native"]))
def test_valid_uri_matches_itself_under_every_rule(uri: str, client_type: str) -> None:
    for pid, rule in zip(PROFILE_IDS, RULES, strict=True):
        if "query" in rule.forbidden and "?" in uri:
            continue  # a server that refuses any query (TikTok's Login Kit) refuses it in both, by policy
        result = compare_with_rule([uri], uri, rule, client_type, provider=pid)
        assert result.accepted, (pid, uri, result.differences)
        assert result.matched == uri and result.differences == []


@settings(max_examples=300, deadline=None)
@given(uri=URIISH)
def test_any_string_against_itself_differs_only_by_policy(uri: str) -> None:
    # Equal strings can still be refused, but only for what the server forbids outright, never a mismatch.
    policy = {"not_absolute", "fragment", "scheme", "host", "userinfo", "wildcard", "dot_segment", "whitespace",
              "control_char", "invisible_char", "percent_encoding", "query"}
    for rule in RULES:
        for d in evaluate(uri, uri, rule, "web"):
            assert d.tolerated or d.kind in policy


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_loopback_uri_matches_itself(pid: str) -> None:
    uri = "http://127.0.0.1:8765/callback"
    result = compare_with_rule([uri], uri, block_rule(pid))
    exempt = block_rule(pid).https_required in ("never", "except_loopback") or not block_rule(pid).https_enforced
    assert result.accepted is exempt
