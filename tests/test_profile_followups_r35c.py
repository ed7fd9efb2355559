"""Open follow-ups of the Microsoft Entra ID profile settled in Microsoft's own pages (round thirty-four, 2026-12-07).

AADSTS9010010 is now named by Microsoft: the FAQ of its MCP guidance page says the resource a client sends must match
an Application ID URI exactly (a trailing slash never does) and that the API needs v2 access tokens. Entra's redirect
rule stays as it was, but reading an explicit ':443' outside localhost as a port difference is an inference from the
reply-URL page, so the rule lists it as inferred and an answer that turns on it says so. Each test fails on the
previous profile.
"""

from __future__ import annotations

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect.engine import compare_with_rule

ENTRA_MCP_FAQ = ("https://github.com/MicrosoftDocs/entra-docs/blob/a1347dc0f9415db57d661f650aa61c221e946825/docs/"
                 "agent-id/secure-mcp-server-with-entra-id.md"
                 "#i-get-error-aadsts9010010-when-a-client-requests-a-token-for-my-mcp-server")


def test_entra_9010010_names_the_trailing_slash_and_v2_tokens() -> None:
    # was: the fix named only the Application ID URI, the scopes and dropping resource, from a section naming no code;
    # Microsoft's MCP guidance FAQ says AADSTS9010010 is a resource that does not exactly match the Application ID URI
    # (a trailing slash is the usual culprit) and that the API must be on v2 access tokens
    body = {"error": "invalid_target", "error_codes": [9010010],
            "error_description": "AADSTS9010010: The resource parameter provided in the request doesn't match with "
                                 "the requested scopes."}
    result = classify(400, body, provider="microsoft")
    assert (result.failure_class, result.cause, result.decision) == (
        "invalid_scope", "resource_scope_mismatch", "fix_config")
    assert "a resource ending in '/' never matches" in result.summary
    assert "requestedAccessTokenVersion 2" in result.summary
    rule = get_profile("microsoft").errors.codes["AADSTS9010010"]
    assert (rule.source, rule.basis) == (ENTRA_MCP_FAQ, "confirmed")


def test_entra_explicit_443_stays_a_port_difference_and_says_it_is_the_profiles_reading() -> None:
    # was: no warning; Microsoft's reply-URL page says the port counts outside localhost but never says whether
    # ':443' equals no port, so the behaviour is kept and an answer that turns on it (and only such an answer) says
    # it rests on the profile's reading; the rest of the rule stays confirmed
    rule = get_profile("microsoft").redirect
    assert (rule.basis, rule.inferred) == ("confirmed", ["default_port_equivalent", "empty_path_equals_slash"])
    match = compare_with_rule(["https://app.contoso.com/cb"], "https://app.contoso.com:443/cb", rule,
                              provider="microsoft")
    assert not match.accepted
    assert [d.kind for d in match.differences] == ["default_port"]
    assert match.warnings == [
        "This answer turns on whether an explicit default port (':443', ':80') equals none for microsoft, which is "
        "this profile's reading of its source, not stated there (default_port_equivalent: false); check it against a "
        "real request."]
    empty = compare_with_rule(["https://app.contoso.com"], "https://app.contoso.com/", rule, provider="microsoft")
    assert empty.accepted and len(empty.warnings) == 1 and "whether an empty path equals '/'" in empty.warnings[0]
    exact = compare_with_rule(["https://app.contoso.com/cb"], "https://app.contoso.com/cb", rule,
                              provider="microsoft")
    assert exact.accepted and exact.warnings == []
