"""Credentials go only to the provider's own hosts (#19).

A SaaS profile (Google) pointed at a loopback recording server stands in for "another host": no byte of the
secret may reach it on any probe or flag combination unless the user passes ``--trust-host``. A self-hosted
profile on loopback (node oidc-provider) stands in for "the provider": its trials run. A discovery document
that names a token endpoint on another host is refused, and the report names every refusal.
"""

from __future__ import annotations

import ast
import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote_plus, unquote_plus

import pytest
from pytest_httpserver import HTTPServer

from oauthdoctor.net.guard import CredentialGuard

SECRET = "CANARY-guard-secret-8f3a2b7c"
REFRESH = "CANARY-guard-refresh-1d2e3f4a"
CLIENT_ID = "1234567890-abc123def456.apps.googleusercontent.com"
PACKAGE = Path(__file__).resolve().parent.parent / "oauthdoctor"

GOOGLE = CredentialGuard.for_profile(
    provider="Google", kind="provider", own_hosts=["accounts.google.com", "oauth2.googleapis.com"]
)


@pytest.mark.parametrize(
    ("guard", "url", "refused"),
    [
        (GOOGLE, "https://oauth2.googleapis.com/token", None),
        (GOOGLE, "https://OAUTH2.googleapis.com./token", None),
        (GOOGLE, "https://oauth2.googleapis.co/token",
         "refused to send the client secret to oauth2.googleapis.co: not a Google host; "
         "pass --trust-host oauth2.googleapis.co if this is yours"),
        (GOOGLE, "http://127.0.0.1:8080/token",
         "refused to send the client secret to 127.0.0.1: a loopback address is not a Google host; "
         "pass --trust-host 127.0.0.1 if this is yours"),
        (CredentialGuard.for_profile(provider="Google", kind="provider", trusted=["127.0.0.1"]),
         "http://127.0.0.1:8080/token", None),
        (CredentialGuard.for_profile(provider="Google", kind="provider", trusted=["evil.example"]),
         "http://evil.example/token", "refused to send the client secret over plain http to evil.example; use https"),
        (GOOGLE, "ftp://oauth2.googleapis.com/token",
         "refused to send the client secret over plain ftp to oauth2.googleapis.com; use https"),
        (GOOGLE, "/token", "refused to send the client secret: the URL has no host"),
        # Self-hosted and generic: loopback, and the host the user configured.
        (CredentialGuard.for_profile(provider="Keycloak", kind="server"), "http://127.0.0.1:8080/token", None),
        (CredentialGuard.for_profile(provider="Keycloak", kind="server", issuer="https://sso.example.com/realms/a"),
         "https://sso.example.com/realms/a/protocol/openid-connect/token", None),
        (CredentialGuard.for_profile(provider="generic", kind="generic", token_url="https://as.example/token"),
         "https://as.example/token", None),
        (CredentialGuard.for_profile(provider="generic", kind="generic", issuer="https://as.example"),
         "https://tokens.example/token",
         "refused to send the client secret to tokens.example: not a generic host; "
         "pass --trust-host tokens.example if this is yours"),
        (CredentialGuard.for_profile(provider="generic", kind="generic", issuer="https://as.example",
                                     token_url="https://other.example/token"),
         "https://other.example/token",
         "refused to send the client secret to other.example: the token URL host other.example and the issuer "
         "host as.example differ; pass --trust-host for the one that is yours"),
        # Custom domains (Okta, Auth0): the user's own host counts, another provider's never.
        (CredentialGuard.for_profile(provider="Okta", kind="provider", own_hosts=["*.okta.com"], custom_domains=True,
                                     issuer="https://login.acme.com/oauth2/default"),
         "https://login.acme.com/oauth2/default/v1/token", None),
        (CredentialGuard.for_profile(provider="Okta", kind="provider", own_hosts=["*.okta.com"], custom_domains=True,
                                     token_url="https://oauth2.googleapis.com/token",
                                     claimed_by_other=frozenset({"oauth2.googleapis.com"})),
         "https://oauth2.googleapis.com/token",
         "refused to send the client secret to oauth2.googleapis.com: not a Okta host; "
         "pass --trust-host oauth2.googleapis.com if this is yours"),
        (CredentialGuard.for_profile(provider="Shopify", kind="provider", own_hosts=["{shop}.myshopify.com"]),
         "https://acme.myshopify.com/admin/oauth/access_token", None),
    ],
)
def test_guard_table(guard: CredentialGuard, url: str, refused: str | None) -> None:
    result = guard.refusal(url)
    assert (result.message if result else None) == refused


# --- the one place that sends credentials -------------------------------------------------------------------


def _calls(tree: ast.AST, names: set[str]) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in names:
                found.append(name)
    return found


def test_every_credential_leaves_through_the_guarded_post_form() -> None:
    """Enumerate the callers: only net/http.py talks to httpx; only tokenreq.post_trial calls post_form, and
    post_form cannot be called without a guard."""
    senders: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(PACKAGE).as_posix()
        calls = _calls(tree, {"post_form", "post_trial", "stream", "request", "post", "send"})
        if calls:
            senders[rel] = sorted(set(calls))
    assert senders == {
        "net/http.py": ["stream"],
        "net/ntp.py": ["request"],  # NTP over UDP: carries no credential
        "probes/client_auth.py": ["post_trial"],
        "probes/grant_types.py": ["post_trial"],
        "probing/trials.py": ["post_form"],
    }
    source = (PACKAGE / "net" / "http.py").read_text(encoding="utf-8")
    signature = re.search(r"async def post_form\((.*?)\) ->", source, re.S)
    assert signature and "guard: CredentialGuard," in signature.group(1)  # keyword-only, no default
    assert "guard.refusal(url)" in source


# --- real servers: nothing reaches another host -------------------------------------------------------------


def _record_everything(httpserver: HTTPServer) -> None:
    httpserver.expect_request(re.compile(".*")).respond_with_json(
        {"error": "invalid_grant", "error_description": "Bad Request"}, status=400
    )


def _leaked(httpserver: HTTPServer) -> list[str]:
    """Every place the secret or refresh token showed up in what reached the server (any encoding)."""
    out = []
    for request, _ in httpserver.log:
        texts = [request.url, request.get_data(as_text=True), unquote_plus(request.get_data(as_text=True))]
        texts += [f"{k}: {v}" for k, v in request.headers.items()]
        auth = request.headers.get("Authorization", "")
        if auth.lower().startswith("basic "):
            texts.append(unquote_plus(base64.b64decode(auth[6:]).decode("utf-8", "replace")))
        for canary in (SECRET, REFRESH, quote_plus(SECRET)):
            out += [f"{request.method} {request.path}: {canary}" for t in texts if canary in t]
    return out


def _diagnose(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OAUTH_")}
    return subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "diagnose", "--skip", "clock_skew", "--timeout", "3", *args],
        env={**clean, **env}, capture_output=True, text=True, check=False, timeout=60,
    )


def _google_env(token_url: str) -> dict[str, str]:
    return {
        "OAUTH_PROVIDER": "google",
        "OAUTH_CLIENT_ID": CLIENT_ID,
        "OAUTH_CLIENT_SECRET": SECRET,
        "OAUTH_TOKEN_URL": token_url,
        "OAUTH_REDIRECT_URI": "https://app.example.com/callback",
        "OAUTH_REFRESH_TOKEN": REFRESH,
        "OAUTH_GRANT_TYPE": "refresh_token",
    }


COMBINATIONS = [
    (),
    ("--active",),
    ("--probe", "client_auth"),
    ("--probe", "grant_types", "--active"),
    ("--auth-method", "client_secret_post"),
    ("--grant-type", "client_credentials", "--active"),
    ("--format", "sarif"),
]


@pytest.mark.network
@pytest.mark.parametrize("args", COMBINATIONS, ids=[" ".join(c) or "default" for c in COMBINATIONS])
def test_a_google_secret_never_reaches_another_host(httpserver: HTTPServer, args: tuple[str, ...]) -> None:
    _record_everything(httpserver)
    result = _diagnose(_google_env(httpserver.url_for("/token")), *args)
    assert result.returncode in (0, 1, 3), result.stderr  # 0: a lone skipped probe finds nothing
    assert [r.method for r, _ in httpserver.log if r.method == "POST"] == []
    assert _leaked(httpserver) == []
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.network
def test_the_report_names_the_refusal_and_decides_fix_config(httpserver: HTTPServer) -> None:
    _record_everything(httpserver)
    result = _diagnose(_google_env(httpserver.url_for("/token")), "--format", "json")
    report = json.loads(result.stdout)
    by_id = {f["probe"]: f for f in report["findings"]}
    refusal = ("refused to send the client secret to 127.0.0.1: a loopback address is not a Google host; "
               "pass --trust-host 127.0.0.1 if this is yours")
    assert by_id["client_auth"]["status"] == "skip"
    assert by_id["client_auth"]["title"] == f"skipped: {refusal}"
    assert by_id["grant_types"]["title"] == f"skipped: {refusal}"
    config = next(f for f in report["findings"] if f["probe"] == "config" and f["status"] == "fail")
    assert config["title"] == "token URL host 127.0.0.1 is not a Google host: credentials are not sent there"
    assert report["decision"] == "fix_config"
    assert report["root_cause"].startswith("token URL host 127.0.0.1 is not a Google host")
    assert report["inputs"]["trusted_hosts"] == []


@pytest.mark.network
def test_trust_host_sends_it_and_is_echoed(httpserver: HTTPServer) -> None:
    _record_everything(httpserver)
    result = _diagnose(_google_env(httpserver.url_for("/token")), "--trust-host", "127.0.0.1",
                       "--format", "json")
    report = json.loads(result.stdout)
    posts = [r for r, _ in httpserver.log if r.method == "POST"]
    assert len(posts) == 3  # client_auth: Basic and body; grant_types: the refresh grant
    assert _leaked(httpserver)  # the real secret did go where the user said it may
    assert report["inputs"]["trusted_hosts"] == ["127.0.0.1"]
    # A trusted loopback host is the guard's business only: configuration has nothing to say about it.
    config = [f for f in report["findings"] if f["probe"] == "config" and "token URL host" in f["title"]]
    assert config == []
    assert SECRET not in result.stdout


@pytest.mark.network
def test_a_self_hosted_profile_on_loopback_is_the_provider(oidc_server) -> None:
    spec = oidc_server.clients["good"]
    result = _diagnose(
        {"OAUTH_PROVIDER": "oidc-provider", "OAUTH_ISSUER": oidc_server.issuer, "OAUTH_CLIENT_ID": spec.client_id,
         "OAUTH_CLIENT_SECRET": spec.client_secret, "OAUTH_REDIRECT_URI": spec.redirect_uri},
        "--format", "json",
    )
    by_id = {f["probe"]: f for f in json.loads(result.stdout)["findings"]}
    assert by_id["client_auth"]["status"] == "pass", by_id["client_auth"]


@pytest.mark.network
def test_a_discovery_document_pointing_elsewhere_is_refused(httpserver: HTTPServer) -> None:
    port = httpserver.port
    httpserver.expect_request("/.well-known/openid-configuration").respond_with_json({
        "issuer": f"http://127.0.0.1:{port}",
        "token_endpoint": f"http://localhost:{port}/token",
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
    })
    _record_everything(httpserver)
    env = {"OAUTH_ISSUER": f"http://127.0.0.1:{port}", "OAUTH_CLIENT_ID": "app", "OAUTH_CLIENT_SECRET": SECRET}
    report = json.loads(_diagnose(env, "--format", "json").stdout)
    assert [r.method for r, _ in httpserver.log if r.method == "POST"] == []
    assert _leaked(httpserver) == []
    discovery = [f for f in report["findings"] if f["probe"] == "discovery" and f["status"] == "fail"]
    assert [f["title"] for f in discovery] == [
        "the discovery document names a token endpoint on localhost, not on its issuer's host 127.0.0.1: "
        "credentials are not sent there"
    ]
    by_id = {f["probe"]: f for f in report["findings"]}
    assert by_id["client_auth"]["title"] == (
        "skipped: refused to send the client secret to localhost: the discovery document on 127.0.0.1 names it, "
        "and it is not the document's own host; pass --trust-host localhost if this is yours"
    )
    assert report["decision"] == "fix_config"

    httpserver.clear_log()
    trusted = json.loads(_diagnose(env, "--trust-host", "localhost", "--format", "json").stdout)
    assert [f["status"] for f in trusted["findings"] if f["probe"] == "client_auth"] == ["pass"]
    assert len([r for r, _ in httpserver.log if r.method == "POST"]) == 4  # client_auth x2, grant_types x2


def test_trust_host_must_be_a_host() -> None:
    result = _diagnose({}, "--offline", "--trust-host", "evil.example:8443")
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "--trust-host 'evil.example:8443': expected a host name such as auth.example.com (no port or path)"
    )
