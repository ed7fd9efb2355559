"""The Kanidm profile: Kanidm's bare error codes, its own pages and kanidmd's log lines map to the class, cause and
decision the profile states; its distinctive bodies are recognised without ``--provider``; other servers' bodies are
not claimed; and the facts a verdict rests on (endpoints, 15-minute access tokens, rotating refresh tokens with reuse
detection, PKCE S256 always, exact redirect URLs) read as Kanidm's code has them.

Bodies are built the way Kanidm writes them (kanidm/kanidm@f72676f): ``ErrorResponse`` skips absent fields, so a
token or userinfo error is ``{"error": "<code>"}`` and nothing else (server/core/src/https/errors.rs); authorization
errors are Kanidm's own pages (templates ``unrecoverable_error.html`` and ``oauth2_access_denied.html``); a refused
consent is the one error sent to the app (``AuthoriseReject::build_redirect_uri``). Log lines are kanidmd's messages
from server/lib/src/idm/oauth2.rs. Nothing here is copied from a report.
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
from oauthdoctor.redirect import compare

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
OPERATION_ID = "5a1b7c2e-3d4f-4a5b-8c6d-7e8f9a0b1c2d"


def code(error: str) -> str:
    """A Kanidm OAuth2 error body: the code alone (``ErrorResponse`` with ``skip_serializing_none``)."""
    return json.dumps({"error": error})


ERROR_PAGE = (
    "<!DOCTYPE html><html><head><title>Error</title></head><body>"
    '<main id="main" class="m-auto align-items-center d-flex flex-column"><h3>Example IDM</h3><h2>Error</h2>'
    "<p>An unrecoverable error occurred. Please contact your administrator with the details below.</p>"
    f"<p>Operation ID: {OPERATION_ID}</p><p>Error Code: InvalidState</p><a href=/ui>Return</a></main></body></html>"
)
DENIED_PAGE = (
    "<!DOCTYPE html><html><head><title>Access Denied</title></head><body><h2>Access Denied</h2>"
    '<main id="main"><p>If you believe this is an error, please quote the below Operation ID to support persons.</p>'
    f"<p>Operation ID: {OPERATION_ID}</p></main></body></html>"
)
REJECTED = "https://app.example.com/oauth2/callback?error=access_denied&error_description=authorisation+rejected"
RESUME = "UI0003InvalidOauth2Resume - The server attempted to resume OAuth2, but no OAuth2 session is in progress."


def log(message: str) -> str:
    return f"2026-12-05T10:15:02.118Z WARN kanidmd_lib::idm::oauth2: {message}"


REDIRECT_LOG = log("Invalid OAuth2 redirect_uri (must be an exact match to a redirect-url) - got "
                   "https://app.example.com/callback from client but configured uris do not match (check "
                   "oauth2_rs_origin entries)")
LOCALHOST_LOG = log("OAuth2 redirect_uri returns to localhost, but localhost redirection is not allowed. See "
                    "'kanidm system oauth2 enable-localhost-redirects' redirect_uri=http://localhost:8400/")
PKCE_LOG = log("No PKCE code challenge was provided with client in enforced PKCE mode o2rs.name=\"nextcloud\"")
REUSE_LOG = log("Attempt to reuse a refresh token detected, destroying session session_id=9c1e0b7a-2f34-4c1d-"
                "8e5f-6a7b8c9d0e1f")
SCOPES_LOG = log('Identity does not have access to the requested scopes ident=alice@idm.example.com '
                 'requested_scopes={"email", "openid"} available_scopes={}')

CASES = [
    # (status, body, class, cause, decision)
    (400, code("invalid_origin"), "redirect_uri_mismatch", "redirect_uri_differs_from_authorize", "fix_config"),
    (400, code("invalid_client_id"), "invalid_client", "unknown_client_id", "fix_config"),
    (400, code("invalid_grant"), "invalid_grant", "ambiguous", "reauth"),
    (400, code("invalid_request"), "invalid_request", "ambiguous", "fix_config"),
    (400, code("invalid_scope"), "invalid_scope", "ambiguous", "fix_config"),
    (400, code("access_denied"), "access_denied", "missing_permission", "fix_config"),
    (400, code("invalid_target"), "invalid_request", "unknown_resource", "fix_config"),
    (400, code("server_error"), "server_error", "idp_server_error", "retry"),
    (401, code("invalid_token"), "invalid_token", "ambiguous", "retry"),
    (401, "", "invalid_client", "ambiguous", "fix_config"),
    (None, REJECTED, "access_denied", "user_denied_consent", "reauth"),
    (200, DENIED_PAGE, "access_denied", "user_not_assigned_to_app", "fix_config"),
    (200, ERROR_PAGE, "invalid_request", "ambiguous", "fix_config"),
    (None, RESUME, "invalid_request", "state_or_session_lost", "reauth"),
    (None, REDIRECT_LOG, "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (None, LOCALHOST_LOG, "redirect_uri_mismatch", "loopback_redirect_not_enabled", "fix_config"),
    (None, log("Invalid OAuth2 redirect_uri scheme (must be a secure origin) - got http://app.example.com/cb "
               "instead. Secure origins are required when *at least* one redirect_uri is https, then all uri's must "
               "also be secure origins."), "redirect_uri_mismatch", "insecure_redirect_uri", "fix_config"),
    (None, log("Invalid OAuth2 redirect_uri (differs from original request uri)"), "redirect_uri_mismatch",
     "redirect_uri_differs_from_authorize", "fix_config"),
    (None, PKCE_LOG, "invalid_request", "pkce_challenge_missing", "fix_config"),
    (None, log("PKCE code verification failed - code challenge is present, but no verifier was provided"),
     "invalid_request", "pkce_verifier_missing", "fix_config"),
    (None, log("PKCE code verification failed - this may indicate malicious activity"), "invalid_grant",
     "pkce_verifier_mismatch", "fix_config"),
    (None, log("Invalid OAuth2 code_challenge_method (must be 'S256')"), "invalid_request",
     "pkce_method_not_supported", "fix_config"),
    (None, SCOPES_LOG, "access_denied", "user_not_assigned_to_app", "fix_config"),
    (None, REUSE_LOG, "invalid_grant", "refresh_token_reused_after_rotation", "reauth"),
    (None, log("Invalid OAuth2 authentication - no secret in access token request - this can happen if you're "
               "expecting a public client and configured a basic one."), "invalid_client",
     "client_authentication_missing", "fix_config"),
    (None, log("Invalid OAuth2 client_id secret"), "invalid_client", "bad_client_secret", "fix_config"),
    (None, log("Invalid OAuth2 client_id (nextcloud) Have you configured the OAuth2 resource server?"),
     "invalid_client", "unknown_client_id", "fix_config"),
    (None, f"ERROR kanidmd_core::https::views::oauth2: Unable to authorise - Error ID: {OPERATION_ID} error: "
           "invalid_origin", "redirect_uri_mismatch", "ambiguous", "fix_config"),
    (None, f"ERROR Unable to authorise - Error ID: {OPERATION_ID} error: invalid_client_id", "invalid_client",
     "unknown_client_id", "fix_config"),
    (None, "oidc: id token signed with unsupported algorithm, expected [\"RS256\"] got \"ES256\"", "invalid_token",
     "token_signing_alg_unsupported", "fix_config"),
]


@pytest.mark.parametrize(("status", "text", "cls", "cause", "decision"), CASES)
def test_kanidm_error_texts(status: int | None, text: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, text, provider="kanidm")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_refresh_invalid_grant_lists_kanidms_session_ends() -> None:
    got = classify(400, code("invalid_grant"), provider="kanidm", grant_type="refresh_token")
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("refresh_token_expired", "reauth"), ("refresh_token_reused_after_rotation", "reauth"),
        ("session_ended", "reauth"), ("account_disabled", "fix_config")]


def test_code_exchange_invalid_request_keeps_code_and_pkce_causes() -> None:
    got = classify(400, code("invalid_request"), provider="kanidm", grant_type="authorization_code")
    causes = [c.cause for c in got.candidates]
    assert {"pkce_verifier_missing", "pkce_verifier_mismatch", "auth_code_expired"} <= set(causes)
    assert "refresh_token_malformed" not in causes


def test_refresh_invalid_request_drops_the_code_exchanges_pkce_causes() -> None:
    """A missing PKCE challenge belongs to the authorization code grant: a refresh cannot meet it."""
    got = classify(400, code("invalid_request"), provider="kanidm", grant_type="refresh_token")
    causes = [c.cause for c in got.candidates]
    assert not {"pkce_challenge_missing", "pkce_verifier_missing", "pkce_verifier_mismatch"} & set(causes)


def test_userinfo_invalid_token_leans_on_refresh_first() -> None:
    got = classify(401, code("invalid_token"), {"WWW-Authenticate": "Bearer"}, provider="kanidm")
    assert [(c.cause, c.decision) for c in got.candidates] == [("access_token_expired", "retry"),
                                                               ("session_ended", "reauth")]


@pytest.mark.parametrize(("status", "text", "cls", "decision"), [
    (400, code("invalid_origin"), "redirect_uri_mismatch", "fix_config"),
    (None, REJECTED, "access_denied", "reauth"),
    (200, DENIED_PAGE, "access_denied", "fix_config"),
    (200, ERROR_PAGE, "invalid_request", "fix_config"),
    (None, RESUME, "invalid_request", "reauth"),
    (None, REDIRECT_LOG, "redirect_uri_mismatch", "fix_config"),
    (None, PKCE_LOG, "invalid_request", "fix_config"),
    (None, REUSE_LOG, "invalid_grant", "reauth"),
    (None, SCOPES_LOG, "access_denied", "fix_config"),
])
def test_kanidm_bodies_are_detected_without_provider(status: int | None, text: str, cls: str, decision: str) -> None:
    got = classify(status, text)
    assert got.provider == "kanidm"
    assert (got.failure_class, got.decision) == (cls, decision)


def test_kanidm_authorize_url_names_kanidm() -> None:
    assert classify(200, ERROR_PAGE, url="https://idm.example.com/ui/oauth2").provider == "kanidm"
    # /oauth2/token and /oauth2/token/revoke are other servers' paths too (Hydra, Spring, WSO2, Discord ...).
    assert classify(400, code("invalid_grant"), url="https://idm.example.com/oauth2/token").provider is None


def test_bare_rfc_codes_are_not_claimed() -> None:
    # Kanidm's bare bodies look like any server's: without --provider they stay generic.
    for error in ("invalid_grant", "invalid_request", "invalid_scope", "access_denied"):
        assert classify(400, code(error)).provider != "kanidm"


def test_other_servers_bodies_are_not_claimed() -> None:
    salesforce = json.dumps({"error": "invalid_client_id", "error_description": "client identifier invalid"})
    assert classify(400, salesforce).provider == "salesforce"
    fusionauth = json.dumps({"error": "invalid_request", "error_description": "Invalid origin",
                             "error_reason": "invalid_origin"})
    assert classify(400, fusionauth).provider != "kanidm"
    keycloak = json.dumps({"error": "invalid_grant", "error_description": "Token is not active"})
    assert classify(400, keycloak).provider != "kanidm"
    # A generic library message about ES256 says nothing about Kanidm without --provider.
    assert classify(None, "unexpected JWT alg received, expected RS256, got: ES256").provider != "kanidm"


def test_no_other_providers_corpus_body_is_claimed() -> None:
    book = RuleBook()
    claimed = []
    for path in sorted(FIXTURES.glob("errors_corpus_dev*.yaml")) + [FIXTURES / "errors_dev.yaml"]:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            if case.get("provider") == "kanidm":
                continue
            got = classify(case.get("status"), case.get("body"), case.get("headers"), rulebook=book)
            if got.provider == "kanidm":
                claimed.append(case.get("id"))
    assert claimed == []


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "kanidmd", "--format",
                           "json", "--status", "400", code("invalid_origin")], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["provider"] == "kanidm"
    assert (out["class"], out["cause"], out["decision"]) == ("redirect_uri_mismatch",
                                                             "redirect_uri_differs_from_authorize", "fix_config")


def test_alias_resolves() -> None:
    assert resolve_id("kanidmd") == "kanidm"


@pytest.mark.parametrize(("registered", "sent", "accepted"), [
    ("https://app.example.com/oauth2/callback", "https://app.example.com/oauth2/callback", True),
    ("https://app.example.com/oauth2/callback", "https://app.example.com/oauth2/callback/", False),
    ("https://App.Example.com/oauth2/callback", "https://app.example.com:443/oauth2/callback", True),
    ("https://app.example.com", "https://app.example.com/", True),
    ("https://app.example.com/cb?x=1", "https://app.example.com/cb?x=2", False),
    ("http://localhost:8080/cb", "http://localhost:9000/cb", False),
])
def test_redirect_urls_match_exactly_as_parsed_urls(registered: str, sent: str, accepted: bool) -> None:
    assert compare([registered], sent, provider="kanidm").accepted is accepted


def test_missing_redirect_uri_is_refused() -> None:
    assert compare(["https://app.example.com/oauth2/callback"], None, provider="kanidm").accepted is False


def test_kanidm_profile_facts() -> None:
    profile = get_profile("kanidm")
    assert profile.kind == "server"
    assert profile.endpoints.authorize.url == "{issuer}/ui/oauth2"
    assert profile.endpoints.token.url == "{issuer}/oauth2/token"
    assert profile.endpoints.revocation.url == "{issuer}/oauth2/token/revoke"
    assert profile.endpoints.discovery.url == "{issuer}/oauth2/openid/{client_id}/.well-known/openid-configuration"
    assert profile.endpoints.device is None
    assert profile.client_auth.preferred == "client_secret_basic"
    assert profile.pkce.required == "always" and profile.pkce.methods == ["S256"]
    policy = profile.token_policy
    assert policy.access_token_lifetime is not None and policy.access_token_lifetime.seconds == 900
    assert policy.refresh_inactivity_expiry is not None and policy.refresh_inactivity_expiry.seconds == 16 * 3600
    assert policy.rotation is not None and policy.rotation.mode == "always" and policy.rotation.reuse_detection
    assert set(profile.grants.supported) == {"authorization_code", "refresh_token", "client_credentials",
                                             "token_exchange"}
    assert profile.redirect.loopback.enabled is False
    assert profile.redirect.omission().when == "rejected"
