"""The matching engine: one case per difference kind and per rule family, with exact outcomes."""

from __future__ import annotations

import json

import pytest
from test_redirect_support import block_rule

from oauthdoctor.profiles.redirect_schema import CallbackLimitRule
from oauthdoctor.redirect import RedirectRule, compare_with_rule
from oauthdoctor.redirect.parse import char_kind, char_name, parse_uri, visible

GENERIC = RedirectRule()

# (registered, sent, kind of the first difference, its position in SENT) under the generic rule: all rejected.
KINDS = [
    ("https://a.example/cb", "http://a.example/cb", "scheme", 4),
    ("https://a.example/cb", "https://b.example/cb", "host", 8),
    ("https://a.example/cb", "https://A.example/cb", "host_case", 8),
    ("https://a.example:8443/cb", "https://a.example:9443/cb", "port", 18),
    ("https://a.example/cb", "https://a.example:443/cb", "default_port", 18),
    ("https://a.example/cb", "https://a.example/other", "path", 18),
    ("https://a.example/cb", "https://a.example/CB", "path_case", 18),
    ("https://a.example/cb", "https://a.example/cb/", "trailing_slash", 20),
    ("https://a.example/cb?x=1", "https://a.example/cb?x=2", "query", 23),
    ("https://a.example/cb", "https://a.example/cb#top", "fragment", 20),
    ("https://a.example/a~b", "https://a.example/a%7Eb", "percent_encoding", 19),
    ("https://a.example/cb", "https://a.example/x/../cb", "dot_segment", 18),
    ("https://a.example/cb", "https://user@a.example/cb", "userinfo", 8),
    ("https://a.example/cb", "https://a.example/cb\n", "whitespace", 20),
    ("https://a.example/cb", "https://a.example/cb\t", "whitespace", 20),
    ("https://a.example/cb", "https://a.example/cb\x00", "control_char", 20),
    ("https://a.example/cb", "https://a.example/c\u200bb", "invisible_char", 19),
    ("https://a.example/cb", "https://a.example/\uff43b", "invisible_char", 18),
    ("https://a.example/cb", "https://a.example/cb\u00a0", "whitespace", 20),
    ("https://xn--bcher-kva.example/cb", "https://b\u00fccher.example/cb", "unicode_host", 8),
    ("https://a.example/", "https://a.example", "empty_path", 17),
    ("http://localhost/cb", "http://127.0.0.1/cb", "loopback_alias", 7),
    ("https://*.a.example/cb", "https://x.a.example/cb", "wildcard", 8),
    ("https://a.example/cb", "https://a.example/cb/more", "subdirectory", 20),
    ("https://a.example/cb", "a.example/cb", "not_absolute", 0),
]


@pytest.mark.parametrize(("registered", "sent", "kind", "position"), KINDS, ids=[k[2] + ":" + k[1] for k in KINDS])
def test_each_difference_kind(registered: str, sent: str, kind: str, position: int) -> None:
    result = compare_with_rule([registered], sent, GENERIC)
    assert result.accepted is False
    assert result.closest == registered
    first = result.differences[0]
    assert (first.kind, first.position) == (kind, position)
    assert first.explanation.endswith(".") and "\n" not in first.explanation
    assert result.fix


def test_subdomain_kind_under_github() -> None:
    result = compare_with_rule(["https://example.com/cb"], "https://app.example.com/cb", block_rule("github"))
    assert result.accepted is True
    assert [d.kind for d in result.differences] == ["subdomain"]
    assert any("RFC 9700" in w for w in result.warnings)


def test_invisible_characters_are_named_with_byte_position() -> None:
    result = compare_with_rule(["https://a.example/cb"], "https://a.example/cb\u200b", GENERIC)
    text = result.differences[0].explanation
    assert "ZERO WIDTH SPACE (U+200B)" in text and "position 20 (byte 20)" in text
    result = compare_with_rule(["https://a.example/\u00e9/cb"], "https://a.example/\u00e9/cb\r", GENERIC)
    assert "CARRIAGE RETURN" in result.differences[0].explanation
    assert "position 22 (byte 23)" in result.differences[0].explanation


def test_character_helpers() -> None:
    assert [char_kind(c) for c in " \n\x01\u200b\ufeff\uff41a"] == [
        "whitespace", "whitespace", "control_char", "invisible_char", "invisible_char", "invisible_char", None]
    assert char_name("\u00a0") == "NO-BREAK SPACE (U+00A0)"
    assert visible("a b\n\u200b") == "a\u2423b\\n<U+200B>"


def test_parser_is_lossless() -> None:
    p = parse_uri("HTTPS://u:p@[::1]:8080/a/b?x=1&y#frag")
    assert (p.scheme, p.userinfo, p.host, p.port, p.path, p.query, p.fragment) == (
        "HTTPS", "u:p", "[::1]", "8080", "/a/b", "x=1&y", "frag")
    assert parse_uri("com.example.app:/cb").path == "/cb"
    assert parse_uri("https://a.example:/").port == ""


# (provider, registered, sent, accepted, kinds of all differences)
FAMILIES = [
    # generic: exact + loopback IP literals any port; localhost gets no exception
    ("generic", ["http://127.0.0.1/cb"], "http://127.0.0.1:5000/cb", True, ["port"]),
    ("generic", ["http://[::1]:80/cb"], "http://[::1]:81/cb", True, ["port"]),
    ("generic", ["http://localhost/cb"], "http://localhost:5000/cb", False, ["port"]),
    ("generic", ["http://127.0.0.1/cb"], "http://127.0.0.1:5000/cb?x", False, ["query"]),
    # fosite: sent http loopback ignores port and the registered scheme
    ("hydra", ["https://127.0.0.1/cb"], "http://127.0.0.1:8080/cb", True, ["scheme", "port"]),
    ("hydra", ["https://127.0.0.1/cb"], "https://127.0.0.1:8080/cb", False, ["port"]),
    ("hydra", ["https://a.example/cb"], "", True, ["omitted"]),  # Go's Form.Get: empty is absent
    # fosite compares Go's decoded url.Path on loopback only
    ("hydra", ["http://127.0.0.1/a/b"], "http://127.0.0.1:8080/a%2Fb", True, ["port", "percent_encoding"]),
    ("hydra", ["https://a.example/a/b"], "https://a.example/a%2Fb", False, ["percent_encoding"]),
    ("hydra", ["https://a.example/cb", "https://b.example/cb"], "", False, ["omitted"]),
    # oidc-provider: loopback relaxed for native clients only
    ("oidc-provider", ["http://localhost/cb"], "http://localhost:3000/cb", False, ["port"]),
    # spring: loopback any scheme, equal scheme; localhost exact
    ("spring-authorization-server", ["https://127.0.0.1:8080/cb"], "https://127.0.0.1/cb", True, ["port"]),
    ("spring-authorization-server", ["https://a.example/cb#x"], "https://a.example/cb#x", False, ["fragment"]),
    # doorkeeper: whitespace-separated registration, empty path differs from '/' even on loopback
    ("doorkeeper", ["https://a.example/one\nhttps://a.example/two"], "https://a.example/two", True, []),
    ("doorkeeper", ["http://127.0.0.1/"], "http://127.0.0.1:3000", False, ["empty_path"]),
    # DOT 3.4.1: case-insensitive scheme/host, the exact query, userinfo refused, one trailing \n
    # (tests/test_redirect_dot_real.py runs DOT's own matcher on such pairs)
    ("django-oauth-toolkit", ["https://a.example/cb?a=1"], "https://a.example/cb?b=2&a=1", False, ["query"]),
    ("django-oauth-toolkit", ["https://a.example/cb"], "https://user@a.example/cb", False, ["userinfo"]),
    ("django-oauth-toolkit", ["https://a.example/cb?a=1"], "https://a.example/cb?b=2", False, ["query"]),
    ("django-oauth-toolkit", ["https://a.example/cb"], "https://a.example/cb\n", True, ["whitespace"]),
    ("django-oauth-toolkit", ["https://*.example.com/cb"], "https://a.b.example.com/cb", True, ["wildcard"]),
    ("django-oauth-toolkit", ["http://127.0.0.1:8000/cb"], "http://127.0.0.1:9000/cb", True, ["port"]),
    ("django-oauth-toolkit", ["http://localhost:8000/cb"], "http://localhost:9000/cb", False, ["port"]),
    # authlib: exact, no loopback exception; no redirect_uri means the first registered one
    ("authlib", ["http://127.0.0.1/cb"], "http://127.0.0.1:5000/cb", False, ["port"]),
    ("authlib", ["https://client.test/a", "https://client.test/b"], "", True, ["omitted"]),
    # keycloak: trailing '*' prefix, port '*', bare '*', loopback only when registered without a port
    ("keycloak", ["https://test.com:*"], "https://test.com:8443/x", True, ["port"]),
    ("keycloak", ["*"], "https://anything.example/x", True, ["wildcard"]),
    ("keycloak", ["custom2:*"], "custom2:/whatever", True, ["wildcard"]),
    ("keycloak", ["https://k.example/app/*"], "https://k.example/app/%2E%2E/admin", False, ["dot_segment"]),
    ("keycloak", ["https://k.example/app/*"], "https://k.example/app/a b", False, ["whitespace"]),
    ("keycloak", ["https://k.example/app/*"], "https://evil@k.example/app/x", False, ["userinfo"]),
    ("keycloak", ["http://127.0.0.1:8080/cb"], "http://127.0.0.1:9090/cb", False, ["port"]),
    # keycloak RedirectUtilsTest: bare '*' is http(s) only; '..' in any spelling switches wildcards off;
    # characters a URI must encode are refused
    ("keycloak", ["custom2:*", "*"], "custom3:/test", False, ["scheme"]),  # closest is 'custom2:*'
    ("keycloak", ["*"], "custom3:/test", False, ["wildcard"]),
    ("keycloak", ["*"], "http://keycloak.org/test%2Fother", True, ["wildcard"]),
    ("keycloak", ["https://k.example/test/*"], "https://k.example/test/%2F%2E%2E%2Fdocs", False, ["dot_segment"]),
    ("keycloak", ["https://k.example/test/*"], "https://k.example/test/a/../b", False, ["dot_segment"]),
    ("keycloak", ["https://k.example/test/*"], "https://k.example/test/.../", True, ["wildcard"]),
    ("keycloak", ["https://k.example/*"], "https://k.example/path<less/", False, ["percent_encoding"]),
    ("keycloak", ["https://k.example/*"], "https://k.example/path%3Cless/", True, ["wildcard"]),
    ("keycloak", ["http://localhost/cb"], "http://localhost:9090/cb", True, ["port"]),
    # IdentityServer: case-insensitive; AppAuth only for a literal 'http://127.0.0.1'
    ("identityserver", ["http://127.0.0.1"], "http://127.0.0.1:65535", True, ["port"]),
    ("identityserver", ["http://127.0.0.1"], "http://127.0.0.1:65536/cb", False, ["port", "path"]),
    ("identityserver", ["http://127.0.0.1"], "https://127.0.0.1:5000/cb", False, ["scheme", "port", "path"]),
    ("identityserver", ["http://127.0.0.1/cb"], "http://127.0.0.1:5000/cb", False, ["port"]),
    # AppAuth: the port ends at the first '/', '?' or '#'; another ':' fails its three-part split
    ("identityserver", ["http://127.0.0.1"], "http://127.0.0.1:123?q=123", True, ["port", "query"]),
    ("identityserver", ["http://127.0.0.1"], "http://127.0.0.1:443#abc", True, ["port", "fragment"]),
    ("identityserver", ["http://127.0.0.1"], "http://127.0.0.1:123/a:b", False, ["port", "path"]),
    # GitHub: subdomain + subdirectory, same port
    ("github", ["http://example.com/path"], "http://example.com/path/subdir/other", True, ["subdirectory"]),
    ("github", ["http://example.com/path"], "http://example.com/", False, ["path"]),
    ("github", ["http://example.com/path"], "http://example.com:8080/path", False, ["port"]),
    ("github", ["http://example.com/path"], "http://example.com/pathology", False, ["path"]),
    # Google: exact; https required; registration rules; desktop loopback without a registered port
    ("google", ["http://a.example/cb"], "http://a.example/cb", False, ["scheme"]),
    ("google", ["https://u@a.example/cb"], "https://u@a.example/cb", False, ["userinfo"]),
    ("google", ["https://203.0.113.9/cb"], "https://203.0.113.9/cb", False, ["host"]),
    ("google", ["http://127.0.0.1:8080/cb"], "http://127.0.0.1:9090/cb", False, ["port"]),
    ("google", ["http://localhost:8080/cb"], "http://localhost:8080/cb", True, []),
    # Entra: localhost any port, http only for localhost, empty path equals '/'
    ("microsoft", ["http://localhost:5000/app"], "http://localhost:6000/app", True, ["port"]),
    ("microsoft", ["https://contoso.com"], "https://contoso.com/", True, ["empty_path"]),
    ("microsoft", ["http://contoso.com/cb"], "http://contoso.com/cb", False, ["scheme"]),
    ("microsoft", ["http://[::1]/cb"], "http://[::1]:5000/cb", False, ["port"]),
    # Auth0 / Okta: one label in the left-most position
    ("auth0", ["https://*.example.com/cb"], "https://a.b.example.com/cb", False, ["wildcard"]),
    ("auth0", ["https://pre-*-suf.example.com/cb"], "https://pre-1-suf.example.com/cb", True, ["wildcard"]),
    ("auth0", ["https://*.com/cb"], "https://example.com/cb", False, ["wildcard"]),
    ("okta", ["https://*.example.com/cb"], "https://example.com/cb", False, ["wildcard"]),
    # PingOne: '*' in the path or query
    ("pingone", ["https://a.example/cb?tenant=*"], "https://a.example/cb?tenant=acme", True, ["wildcard"]),
    ("pingone", ["https://a.example/th*/cb"], "https://a.example/th/is/cb", False, ["wildcard"]),
    # PingOne: loopback IP or localhost, http or https, any port
    ("pingone", ["http://localhost/cb"], "http://localhost:8080/cb", True, ["port"]),
    ("pingone", ["https://127.0.0.1/cb"], "https://127.0.0.1:8443/cb", True, ["port"]),
    # Slack: sub-paths allowed, https always
    ("slack", ["https://a.example/slack"], "https://a.example/slack/oauth", True, ["subdirectory"]),
    ("slack", ["http://localhost/slack"], "http://localhost/slack", False, ["scheme"]),
    # HubSpot: http only for localhost
    ("hubspot", ["http://127.0.0.1/cb"], "http://127.0.0.1/cb", False, ["scheme"]),
    ("hubspot", ["http://localhost/cb"], "http://localhost/cb", True, []),
]


@pytest.mark.parametrize(("provider", "registered", "sent", "accepted", "kinds"), FAMILIES,
                         ids=[f"{f[0]}:{f[2]!r}" for f in FAMILIES])
def test_rule_families(provider: str, registered: list[str], sent: str, accepted: bool, kinds: list[str]) -> None:
    result = compare_with_rule(registered, sent, block_rule(provider), provider=provider)
    assert (result.accepted, [d.kind for d in result.differences]) == (accepted, kinds)
    assert (result.matched is not None) is accepted


def test_native_client_type_relaxes_oidc_provider_loopback() -> None:
    rule = block_rule("oidc-provider")
    web = compare_with_rule(["http://127.0.0.1/cb"], "http://127.0.0.1:3000/cb", rule, "web")
    native = compare_with_rule(["http://127.0.0.1/cb"], "http://127.0.0.1:3000/cb", rule, "native")
    assert (web.accepted, native.accepted) == (False, True)


def test_closest_prefers_case_only_difference() -> None:
    result = compare_with_rule(["https://other.example/x", "https://a.example/Callback"],
                               "https://a.example/callback", GENERIC)
    assert result.closest == "https://a.example/Callback"
    assert result.fix == "Send exactly https://a.example/Callback or register exactly https://a.example/callback"


def test_fix_for_invisible_character_is_the_string_to_send() -> None:
    result = compare_with_rule(["https://a.example/cb"], "https://a.example/cb\r\n", GENERIC)
    assert result.fix == "Send exactly the registered URI: https://a.example/cb"


def test_warnings_for_risky_tolerances() -> None:
    http = compare_with_rule(["http://a.example/cb"], "http://a.example/cb", GENERIC)
    assert http.accepted and any("plain http" in w for w in http.warnings)
    wild = compare_with_rule(["https://*.example.com/cb"], "https://a.example.com/cb", block_rule("auth0"))
    assert wild.accepted and any("RFC 9700 §2.1" in w for w in wild.warnings)
    # A provider whose app kinds have different limits: the warning names the kind that the count outgrows.
    kinds = RedirectRule(callback_limits=[CallbackLimitRule(kind="classic", app="classic app", count=1),
                                          CallbackLimitRule(kind="modern", app="modern app", count=10)])
    too_many = compare_with_rule(["https://a.example/0", "https://b.example/1"], "https://a.example/0", kinds)
    assert "2 URIs are registered: fine for a modern app (up to 10), but a classic app has 1." in too_many.warnings
    eleven = compare_with_rule([f"https://a.example/{i}" for i in range(11)], "https://a.example/1",
                               block_rule("github"))
    assert "11 URIs are registered, but generic allows at most 10." in eleven.warnings
    unconfirmed = compare_with_rule(["https://a.example/cb"], "https://a.example/cb", block_rule("freshdesk"))
    assert any("not confirmed" in w for w in unconfirmed.warnings)


def test_json_contract_fields() -> None:
    data = compare_with_rule(["https://a.example/cb"], "https://a.example/cb/", GENERIC).to_json()
    assert list(data)[:7] == ["schema_version", "accepted", "provider", "rule", "matched", "closest", "differences"]
    assert data["schema_version"] == 1 and data["rule"] == GENERIC.name
    assert list(data["differences"][0]) == ["kind", "registered", "sent", "position", "explanation"]
    json.dumps(data)


def test_no_registered_uri_is_a_rejection_with_fix() -> None:
    result = compare_with_rule([], "https://a.example/cb", GENERIC)
    assert (result.accepted, result.closest, result.fix) == (
        False, None, "Register exactly this redirect URI with the provider: https://a.example/cb")


def test_char_kind_ascii_shortcut_agrees_with_the_unicode_categories() -> None:
    import unicodedata

    from oauthdoctor.redirect.parse import char_kind

    for code in range(0x80):
        ch = chr(code)
        expected = ("whitespace" if ch == " " or ch in "\t\n\r\x0b\x0c"
                    else "control_char" if unicodedata.category(ch) == "Cc" else None)
        assert char_kind(ch) == expected, hex(code)
    assert char_kind("\u0085") == "control_char" and char_kind("\u00a0") == "whitespace"
    assert char_kind("\u200b") == "invisible_char" and char_kind("\uff41") == "invisible_char"
