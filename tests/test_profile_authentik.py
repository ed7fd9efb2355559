"""The authentik profile: authentik's own pages (Client ID Error, Redirect URI Error, Permission denied) and the RFC
codes whose causes authentik folds together map to the class, cause and decision the profile states; its endpoint
paths and its access-denied page name authentik without ``--provider``; other servers' bodies are not claimed; and the
facts a verdict rests on read as authentik's code and API schema have them.

Bodies are built the way authentik's code writes them: token errors as ``{"error", "error_description"}`` with the
RFC 6749 definition as description (``TokenError``), authorization errors redirected with ``error`` and
``error_description`` in the query, and its own HTML pages (``bad_request_message``, ``policies/denied.html``).
Nothing here is copied from a report.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile, resolve_id
from oauthdoctor.redirect.engine import compare_with_rule

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TOKEN_URL = "https://auth.example.com/application/o/token/"

GRANT = ("The provided authorization grant or refresh token is invalid, expired, revoked, does not match the "
         "redirection URI used in the authorization request, or was issued to another client")
CLIENT = ("Client authentication failed (e.g., unknown client, no client authentication included, or unsupported "
          "authentication method)")


def body(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description})


def page(title: str, message: str) -> str:
    """authentik's generic error page (core/templates/error/generic.html) as bad_request_message renders it."""
    return (f"<html><head><title>{title}</title></head><body><section class=\"pf-c-page__main-section\">"
            f"<h1 class=\"pf-c-title pf-m-lg\">{title}</h1><div class=\"pf-c-empty-state__body\"><h3>{message}</h3>"
            "</div></section></body></html>")


DENIED_PAGE = ("<html><head><title>Permission denied</title></head><body><h1>Permission denied</h1><form>"
               "<p><i class=\"pf-icon pf-icon-error-circle-o\"></i> Request has been denied.</p><hr><em>Explanation:"
               "</em><ul class=\"pf-c-list\"><li>Policy 'staff-only' returned result 'False'</li></ul></form>"
               "</body></html>")
REDIRECT_PAGE = page("Redirect URI Error",
                     "The request fails due to a missing, invalid, or mismatching redirection URI (redirect_uri).")
CLIENT_ID_PAGE = page("Client ID Error", "The client identifier (client_id) is missing or invalid.")

CASES = [
    # (status, body, class, cause, decision)
    (200, DENIED_PAGE, "access_denied", "access_policy_denied", "fix_config"),
    (400, REDIRECT_PAGE, "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, CLIENT_ID_PAGE, "invalid_client", "unknown_client_id", "fix_config"),
    (400, body("invalid_client", CLIENT), "invalid_client", "ambiguous", "fix_config"),
    (400, body("invalid_grant", GRANT), "invalid_grant", "ambiguous", "reauth"),
    (400, body("unsupported_grant_type", "The authorization grant type is not supported by the authorization "
                                         "server"), "unsupported_grant_type", "grant_type_not_supported", "fix_config"),
    (400, body("invalid_scope", "The requested scope is invalid, unknown, malformed, or exceeds the scope granted by "
                                "the resource owner"), "invalid_scope", "invalid_scope_requested", "fix_config"),
    (400, body("unauthorized_client", "The authenticated client is not authorized to use this authorization grant "
                                      "type"),
     "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config"),
    # prompt=none without a session (views/authorize.py), redirected to the app with the OIDC text.
    (None, "https://app.example.com/cb?error=login_required&error_description=The%20Authorization%20Server%20"
           "requires%20End-User%20authentication&state=abc123", "interaction_required", "login_required", "reauth"),
]


@pytest.mark.parametrize(("status", "text", "cls", "cause", "decision"), CASES)
def test_authentik_error_texts(status: int | None, text: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, text, provider="authentik")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_invalid_client_lists_the_token_endpoints_redirect_uri_check() -> None:
    got = classify(400, body("invalid_client", CLIENT), provider="authentik")
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("unknown_client_id", "fix_config"), ("bad_client_secret", "fix_config"),
        ("redirect_uri_not_registered", "fix_config")]


def test_invalid_grant_lists_codes_verifier_and_refresh_causes() -> None:
    got = classify(400, body("invalid_grant", GRANT), provider="authentik")
    assert [c.cause for c in got.candidates] == [
        "auth_code_expired_or_reused", "pkce_verifier_mismatch", "pkce_verifier_missing",
        "pkce_verifier_without_challenge", "client_credentials_policy_denied",
        "grant_issued_for_other_client_or_endpoint", "refresh_token_reused_after_rotation",
        "refresh_token_expired_or_revoked"]


def test_refresh_grant_keeps_only_refresh_causes() -> None:
    got = classify(400, body("invalid_grant", GRANT), provider="authentik", grant_type="refresh_token")
    assert got.decision == "reauth"
    assert [c.cause for c in got.candidates] == [
        "grant_issued_for_other_client_or_endpoint", "refresh_token_reused_after_rotation",
        "refresh_token_expired_or_revoked"]


@pytest.mark.parametrize(("status", "text", "url", "cls", "decision"), [
    (200, DENIED_PAGE, None, "access_denied", "fix_config"),
    (400, body("invalid_client", CLIENT), TOKEN_URL, "invalid_client", "fix_config"),
    (400, body("invalid_grant", GRANT), "https://sso.corp.example/application/o/token/", "invalid_grant", "reauth"),
])
def test_authentik_is_detected_without_provider(status: int, text: str, url: str | None, cls: str,
                                                decision: str) -> None:
    got = classify(status, text, url=url)
    assert got.provider == "authentik"
    assert (got.failure_class, got.decision) == (cls, decision)


def test_a_log_line_naming_the_token_url_names_authentik() -> None:
    got = classify(400, f"POST {TOKEN_URL} 400 Bad Request: " + body("invalid_client", CLIENT))
    assert got.provider == "authentik"


def test_other_servers_bodies_are_not_claimed() -> None:
    keycloak = body("invalid_grant", "Token is not active")
    assert classify(400, keycloak).provider != "authentik"
    assert classify(400, body("invalid_client", CLIENT), url="https://id.example.com/api/oidc/token").provider \
        != "authentik"
    # GitHub's paths, which authentik also serves, must not name it.
    assert classify(400, body("invalid_client", CLIENT),
                    url="https://ghe.example.com/login/oauth/access_token").provider != "authentik"
    got = classify(400, keycloak, provider="authentik")
    assert got.cause != "access_policy_denied"


def test_no_other_providers_corpus_body_is_claimed() -> None:
    book = RuleBook()
    claimed = []
    for path in sorted(FIXTURES.glob("errors_corpus_dev*.yaml")) + [FIXTURES / "errors_dev.yaml"]:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            if case.get("provider") == "authentik":
                continue
            got = classify(case.get("status"), case.get("body"), case.get("headers"), rulebook=book)
            if got.provider == "authentik":
                claimed.append(case.get("id"))
    assert claimed == []


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "goauthentik", "--format",
                           "json", "--status", "200", DENIED_PAGE], capture_output=True, text=True, check=False,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["provider"] == "authentik"
    assert (out["class"], out["cause"], out["decision"]) == ("access_denied", "access_policy_denied", "fix_config")


def test_aliases_resolve() -> None:
    assert resolve_id("goauthentik") == "authentik"
    assert resolve_id("authentik-oidc") == "authentik"


def test_authentik_profile_facts() -> None:
    profile = get_profile("authentik")
    assert profile.kind == "server"
    assert profile.endpoints.authorize.url == "https://{domain}/application/o/authorize/"
    assert profile.endpoints.token.url == "https://{domain}/application/o/token/"
    assert profile.endpoints.discovery.url == "https://{domain}/application/o/{realm}/.well-known/openid-configuration"
    assert profile.endpoints.revocation.basis == "unconfirmed"
    assert profile.endpoints.device.basis == "unconfirmed"
    assert profile.client_auth.accepted == ["client_secret_basic", "client_secret_post", "none"]
    assert profile.pkce.required == "never" and profile.pkce.methods == ["S256", "plain"]
    assert profile.token_policy.rotation.mode == "always"
    assert profile.token_policy.access_token_lifetime.seconds == 300  # the admin form's default (re-read 2026-12-07)
    assert profile.token_policy.refresh_token_lifetime.seconds == 30 * 24 * 3600
    assert "client_credentials" in profile.grants.supported and "device_code" in profile.grants.supported
    assert profile.grants.basis == "confirmed"


def test_redirect_is_strict_and_an_omitted_uri_is_refused() -> None:
    rule = get_profile("authentik").redirect
    registered = ["https://app.example.com/oauth/callback"]
    assert compare_with_rule(registered, "https://app.example.com/oauth/callback", rule, provider="authentik").accepted
    assert not compare_with_rule(registered, "https://app.example.com/oauth/callback/", rule,
                                 provider="authentik").accepted
    assert not compare_with_rule(["http://127.0.0.1:8080/cb"], "http://127.0.0.1:9999/cb", rule,
                                 provider="authentik").accepted
    assert not compare_with_rule(registered, None, rule, provider="authentik").accepted
