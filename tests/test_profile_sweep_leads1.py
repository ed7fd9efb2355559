"""Leads an earlier sweep could not confirm, settled against the providers' own words on 2026-12-07 (group leads1:
GitLab, Microsoft Entra, Keycloak, X).

Confirmed and applied: Microsoft's MCP guidance has the v2.0 endpoint accept an RFC 8707 resource equal to the API's
Application ID URI and fail the request otherwise (the profile said v2 never takes resource); Keycloak 26.4.3 (Red Hat
build 26.4.4) answers paths with '..' or '//' with HTTP 400, and Keycloak 26.8 enables Client Secret Rotation by
default. Not confirmed, so unchanged: GitLab 19.0 removing the password grant, a change to Entra's implicit grant, and
any change to X's loopback rule. Each test says what the profile said before and fails on the old profile.
"""

from __future__ import annotations

from datetime import UTC, datetime

from profile_probe_support import policy_findings, sourced_quirk

from oauthdoctor import classify
from oauthdoctor.model import Status
from oauthdoctor.profiles.loader import get_profile

ENTRA_MCP = ("https://learn.microsoft.com/entra/agent-id/secure-mcp-server-with-entra-id"
             "#how-mcp-authorization-works-with-microsoft-entra-id")
KC_NORMALIZED_PATHS = ("https://github.com/keycloak/keycloak/blob/1fac0fe39ea7b2898f2522d2b49f21254331d94c/docs/"
                       "documentation/upgrading/topics/changes/changes-26_4_3.adoc"
                       "#_accepting_only_normalized_paths_in_requests")
KC_SECRET_ROTATION = ("https://github.com/keycloak/keycloak/blob/01cfb586e15421330f7a01e15eb6fa548e34855d/docs/"
                      "documentation/upgrading/topics/changes/changes-26_8_0.adoc"
                      "#_client_secret_rotation_is_now_enabled_by_default")


# Microsoft Entra


def test_entra_v2_accepts_a_resource_equal_to_the_application_id_uri() -> None:
    # was: 'the resource parameter is not supported on v2 (AADSTS901002)'; Microsoft's MCP guidance page says Entra
    # compares resource with the API's Application ID URI, issues the token on a match and fails the request otherwise
    quirk = sourced_quirk("microsoft", ENTRA_MCP)
    assert "equals the Application ID URI" in quirk.text and "AADSTS9010010" in quirk.text
    assert (quirk.basis, str(quirk.checked)) == ("confirmed", "2026-12-07")
    single_resource = [q for q in get_profile("microsoft").quirks if "AADSTS700022" in q.text]
    assert single_resource and all("not supported on v2" not in q.text for q in single_resource)


ENTRA_MCP_FAQ = ("https://github.com/MicrosoftDocs/entra-docs/blob/a1347dc0f9415db57d661f650aa61c221e946825/docs/"
                 "agent-id/secure-mcp-server-with-entra-id.md"
                 "#i-get-error-aadsts9010010-when-a-client-requests-a-token-for-my-mcp-server")


def test_entra_9010010_is_fixed_by_the_application_id_uri() -> None:
    # was: the generic invalid_scope_requested, then (earlier today) field reports only, fix 'drop resource or send
    # the App ID URI'; Microsoft's MCP guidance page has the API's Application ID URI set to the URL that clients
    # send as resource (the MCP server's canonical URL)
    body = {"error": "invalid_target", "error_codes": [9010010],
            "error_description": "AADSTS9010010: The resource parameter provided in the request doesn't match with "
                                 "the requested scopes."}
    result = classify(400, body, provider="microsoft")
    assert (result.failure_class, result.cause, result.decision) == (
        "invalid_scope", "resource_scope_mismatch", "fix_config")
    assert "set that API's Application ID URI to the URL the client sends as resource" in result.summary
    assert "drop the resource parameter" in result.summary  # the older fix stays on offer
    # round thirty-five: the page's FAQ names the code; a trailing slash is the usual culprit and the API must be on
    # v2 access tokens
    assert "a resource ending in '/' never matches" in result.summary
    assert "requestedAccessTokenVersion 2" in result.summary
    rule = get_profile("microsoft").errors.codes["AADSTS9010010"]
    assert (rule.source, rule.basis) == (ENTRA_MCP_FAQ, "confirmed")


def test_entra_901002_no_longer_says_v2_never_takes_resource() -> None:
    # was: 'the resource parameter is not supported on v2.0'; Microsoft's MCP guidance page says v2.0 takes a resource
    # equal to the API's Application ID URI
    body = {"error": "invalid_request", "error_codes": [901002],
            "error_description": "AADSTS901002: The 'resource' request parameter is not supported."}
    result = classify(400, body, provider="microsoft")
    assert (result.cause, result.decision) == ("resource_parameter_not_supported", "fix_config")
    assert "send resource only when it equals the Application ID URI" in result.summary
    assert "not supported on v2.0" not in result.summary


# Keycloak


def test_keycloak_rejects_non_normalized_paths_from_26_4_3() -> None:
    # was: not mentioned; Keycloak's 26.4.3 upgrading notes (Red Hat build 26.4.4) say paths with '..' or '//' now
    # get HTTP 400 unless http-accept-non-normalized-paths is true
    quirk = sourced_quirk("keycloak", KC_NORMALIZED_PATHS)
    assert "26.4.3" in quirk.text and "26.4.4" in quirk.text and "HTTP 400" in quirk.text
    assert "trailing slash" in quirk.text and "http-accept-non-normalized-paths=true" in quirk.text
    assert quirk.basis == "confirmed"


def test_keycloak_client_secret_rotation_is_on_by_default_from_26_8() -> None:
    # was: not mentioned; Keycloak's 26.8.0 upgrading notes say the client-secret-rotation feature is supported and
    # enabled by default
    quirk = sourced_quirk("keycloak", KC_SECRET_ROTATION)
    assert "26.8" in quirk.text and "enabled by default" in quirk.text and "client policy" in quirk.text
    assert quirk.basis == "confirmed"


def test_x_keeps_one_live_grant_per_app_and_user() -> None:
    # was: no cap; X's Ads MCP page (step one) says X keeps a single live OAuth grant per app and user, so signing
    # in from a second client revokes the first one's tokens. One token is the normal state, not a warning.
    now = datetime(2026, 12, 7, tzinfo=UTC)
    assert policy_findings("x", now, active_refresh_tokens="1", grant_type="refresh_token") == []
    assert policy_findings("x", now, active_refresh_tokens="2", grant_type="refresh_token") == [
        (Status.FAIL, "2 refresh tokens for one user and client exceed the cap of 1: the oldest have been revoked")]
    # a cap above one still warns at the cap (GitHub's ten OAuth tokens per user, app and scopes)
    assert policy_findings("github", now, active_refresh_tokens="10") == [
        (Status.WARN, "10 refresh tokens: at the cap of 10; the next one revokes the oldest")]
