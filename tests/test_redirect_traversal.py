"""'..' in every spelling under pattern matching (wildcard prefix, path glob, subdirectories), per server.

Keycloak's expectations are the assertions of its RedirectUtilsTest.testEncodedRedirectUri (keycloak/keycloak
@019046e, cited in keycloak.yaml ``path_traversal.source``): one round of decoding, so '%2E%2E' is a
traversal and '%252E%252E' a literal segment. Servers whose handling is not documented (GitHub, Slack,
PingOne) look through every depth, so a traversal they might block is never reported as accepted.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_redirect_support import block_rule

from oauthdoctor.redirect import PathTraversalRule, RedirectRule, WildcardRule, compare_with_rule
from oauthdoctor.redirect.parse import find_traversal

KC_SET = ["https://keycloak.org/test/*", "https://keycloak.org/exact/%5C%2F/.."]

# testEncodedRedirectUri: (sent, accepted)
KEYCLOAK_ENCODED = [
    ("https://keycloak.org/test/index.html", True),
    ("https://keycloak.org/test?encodeTest=a%3Cb", True),
    ("https://keycloak.org/test/#encode2=a%3Cb", True),
    ("https://keycloak.org/test/../", False),
    ("https://keycloak.org/test/..;/", False),
    ("https://keycloak.org/test\\..\\", False),
    ("https://keycloak.org/test\\..;param=value\\", False),
    ("https://keycloak.org/test/%2E%2E/", False),
    ("https://keycloak.org/test/%2e%2e/", False),
    ("https://keycloak.org/test/%2e%2e;param=value\\", False),
    ("https://keycloak.org/test/%2E./", False),
    ("https://keycloak.org/test/%2E.", False),
    ("https://keycloak.org/test\\%2E.", False),
    ("https://keycloak.org/test%2f%2E%2e%2F", False),
    ("https://keycloak.org/test%5C%2E.%5c", False),
    ("https://keycloak.org/test%5C..", False),
    ("https://keycloak.org/test%5C..;/", False),
    ("https://keycloak.org/test/%2F%2E%2E%2Fdocumentation", False),
    ("https://keycloak.org/test/.../", True),
    ("https://keycloak.org/test/%2E../", True),
    ("https://keycloak.org/test/some%2Fthing/", True),
    ("https://keycloak.org/test/./", True),
    ("https://keycloak.org/test/%252E%252E/", True),  # double-encoded
    ("https://keycloak.org/test/%252E%252E/#encodeTest=a%3Cb", True),
    ("https://keycloak.org/test/%25252E%25252E/", True),  # triple-encoded
    ("https://keycloak.org/exact/%5C%2F/..", True),  # an exact entry still matches
    ("https://keycloak.org/test/..%3Bsomething/", True),  # an encoded ';' does not end the segment
    ("https://keycloak%2Eorg/test/", False),
    ("https://keycloak.org%2Ftest%2F%40sample.com", False),
    ("https://keycloak.org/test%2Fanother/../any/path/", False),
    ("https://keycloak.org/test%2Fanother/%2E%2E/any/path/", False),
]


@pytest.mark.parametrize(("sent", "accepted"), KEYCLOAK_ENCODED, ids=[s for s, _ in KEYCLOAK_ENCODED])
def test_keycloak_redirect_utils_encoded(sent: str, accepted: bool) -> None:
    result = compare_with_rule(KC_SET, sent, block_rule("keycloak"), provider="keycloak")
    assert result.accepted is accepted, [d.explanation for d in result.differences]


def test_keycloak_bare_star_ignores_dot_segments() -> None:
    # testRelativeRedirectUri: '*' is a full wildcard for http(s) even where wildcards are otherwise off.
    result = compare_with_rule(["*"], "https://keycloak.org/test/../other", block_rule("keycloak"))
    assert result.accepted


# One traversal at each depth of percent-encoding: (depth, spelling of '..').
DEPTHS = [(0, ".."), (0, "..;x"), (1, "%2e%2e"), (1, "%2E%2e"), (1, ".%2e"), (1, "%2E."), (2, "%252e%252e"),
          (2, "%252E."), (3, "%25252e%25252e"), (4, "%2525252E%2525252E")]


@pytest.mark.parametrize(("depth", "dots"), DEPTHS, ids=[d for _, d in DEPTHS])
def test_keycloak_at_each_depth(depth: int, dots: str) -> None:
    result = compare_with_rule(["https://k.example/app/*"], f"https://k.example/app/{dots}/admin",
                               block_rule("keycloak"), provider="keycloak")
    kinds = [(d.kind, d.tolerated) for d in result.differences]
    if depth <= 1:  # Keycloak decodes once
        assert not result.accepted and kinds == [("dot_segment", False)]
        assert "only an exact registered URI can match" in result.differences[0].explanation
    else:
        assert result.accepted and ("dot_segment", True) in kinds
        note = next(d for d in result.differences if d.kind == "dot_segment")
        assert f"only after {depth} rounds of percent-decoding" in note.explanation


@pytest.mark.parametrize(("depth", "dots"), DEPTHS, ids=[d for _, d in DEPTHS])
def test_github_subdirectory_never_accepts_a_traversal(depth: int, dots: str) -> None:
    rule = block_rule("github")
    result = compare_with_rule(["https://app.example/cb"], f"https://app.example/cb/{dots}/evil", rule,
                               provider="github")
    assert not result.accepted
    assert [d.kind for d in result.differences] == ["dot_segment"]
    assert "not documented" in result.differences[0].explanation
    assert result.differences[0].position == len("https://app.example/cb/")


@pytest.mark.parametrize(("depth", "dots"), DEPTHS, ids=[d for _, d in DEPTHS])
def test_pingone_path_glob_never_accepts_a_traversal(depth: int, dots: str) -> None:
    rule = block_rule("pingone")
    assert compare_with_rule(["https://app.example/a/*/cb"], "https://app.example/a/x/cb", rule).accepted
    result = compare_with_rule(["https://app.example/a/*/cb"], f"https://app.example/a/{dots}/cb", rule)
    assert not result.accepted and result.differences[0].kind == "dot_segment"


@pytest.mark.parametrize("rounds", [0, 1, 2, 3])
@pytest.mark.parametrize(("depth", "dots"), DEPTHS, ids=[d for _, d in DEPTHS])
def test_a_server_that_decodes_n_times(rounds: int, depth: int, dots: str) -> None:
    rule = RedirectRule(wildcard=WildcardRule(style="trailing_prefix"),
                        path_traversal=PathTraversalRule(decode_rounds=rounds))
    result = compare_with_rule(["https://k.example/app/*"], f"https://k.example/app/{dots}/x", rule)
    assert result.accepted is (depth > rounds)


def test_a_real_subdirectory_is_still_accepted_and_a_literal_deep_encoding_said_so() -> None:
    ok = compare_with_rule(["https://app.example/cb"], "https://app.example/cb/a/b", block_rule("github"))
    assert ok.accepted and [d.kind for d in ok.differences] == ["subdirectory"]
    slack = block_rule("slack")
    assert not compare_with_rule(["https://app.example/cb"], "https://app.example/cb/%2e%2e/x", slack).accepted


@pytest.mark.parametrize(("path", "rounds", "expected"), [
    ("/a/../b", 0, (3, "..", 0)),
    ("/a/%2e%2e/b", 0, None),
    ("/a/%2e%2e/b", 1, (3, "%2e%2e", 1)),
    ("/a%2F..%2Fb", 1, (5, "..", 1)),  # the separators needed one decoding
    ("/a/%252e%252e/b", 1, None),
    ("/a/%252e%252e/b", 2, (3, "%252e%252e", 2)),
    ("/a/%252e%252e/b", None, (3, "%252e%252e", 2)),
    ("/a/..x/b", None, None),
    ("/a/.../b", None, None),
    ("/a/./b", None, None),
    ("/a/..%3Bx/b", None, None),
    ("", None, None),
])
def test_find_traversal(path: str, rounds: int | None, expected: tuple[int, str, int] | None) -> None:
    found = find_traversal(path, rounds)
    assert (None if found is None else tuple(found)) == expected


@st.composite
def encoded_dots(draw: st.DrawFn) -> tuple[str, int]:
    """'..' with each dot encoded to some depth in random hex case; the depth is the deeper of the two."""
    spelled, depths = [], []
    for _ in range(2):
        depth = draw(st.integers(0, 4))
        code = draw(st.sampled_from(["%2e", "%2E"]))
        spelled.append("." if depth == 0 else code.replace("%", "%" + "25" * (depth - 1)))
        depths.append(depth)
    sep = draw(st.sampled_from(["/", "\\", "%2F", "%5c"]))
    return sep.join(["", "".join(spelled), "x"]), max(depths) + (1 if sep.startswith("%") else 0)


@settings(max_examples=300, deadline=None)
@given(case=encoded_dots(), rounds=st.integers(0, 5))
def test_a_traversal_the_server_spots_is_never_accepted(case: tuple[str, int], rounds: int) -> None:
    tail, depth = case
    rule = RedirectRule(wildcard=WildcardRule(style="trailing_prefix"),
                        path_traversal=PathTraversalRule(decode_rounds=rounds))
    result = compare_with_rule(["https://k.example/app/*"], f"https://k.example/app{tail}", rule)
    if depth <= rounds:
        assert not result.accepted
    unknown = compare_with_rule(["https://k.example/app"], f"https://k.example/app{tail}", block_rule("github"))
    assert not unknown.accepted
