"""Self-hosted applications that sign their users in through OAuth/OIDC, in the phrase layer.

Argo CD answers a failed SSO callback with ``http.Error`` (the message and a newline, text/plain), logs through
logrus (``time=... level=warning msg="..."``), and its API refuses a session with a gRPC status that the argocd CLI
prints as ``FATA[0000] rpc error: code = Unauthenticated desc = ...``. JupyterHub's OAuthenticator raises tornado
``HTTPError``s (``str()`` is ``HTTP 400: Bad Request (<message>)``; the page shows the message) and logs warnings
as ``[W <time> JupyterHub <module>:<line>] <message>``. Every text below is built the way that code builds it (the
format strings at the commits the rules pin); none is taken from a reported case. Grafana is not covered: its
repository was too large to read this round.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from phrase_blocks import answer, cites

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIXED, REAUTH, RETRY = "fix_config", "reauth", "retry"
REPOS = ("argoproj/argo-cd", "jupyterhub/oauthenticator", "jupyterhub/jupyterhub")
BLOCK = "self-hosted apps as OIDC clients: Grafana, Argo CD, JupyterHub"
STATE_LOST = ("invalid_request", "state_or_session_lost", FIXED)
POLICY = ("access_denied", "access_policy_denied", FIXED)


run = answer


cited = functools.partial(cites, REPOS)


def http_error(message: str) -> str:
    """Go's http.Error body: the message and a newline."""
    return message + "\n"


def argocd_cli(desc: str, code: str = "Unauthenticated") -> str:
    """The argocd CLI's fatal line for a gRPC status error."""
    return f"FATA[0000] rpc error: code = {code} desc = {desc}"


def logrus(level: str, msg: str) -> str:
    return f'time="2026-12-05T10:00:00Z" level={level} msg="{msg}"'


def tornado(status: int, reason: str, message: str) -> str:
    """str() of tornado's HTTPError, as a traceback's last line or a log shows it."""
    return f"tornado.web.HTTPError: HTTP {status}: {reason} ({message})"


def hub_log(module: str, line: int, message: str, level: str = "W") -> str:
    return f"[{level} 2026-12-05 10:00:00.123 JupyterHub {module}:{line}] {message}"


# --- Argo CD ---

@pytest.mark.parametrize(("status", "body", "expected"), [
    # util/oidc: the SSO callback's state cookie
    (400, http_error("invalid state in 'argocd.token' cookie"), STATE_LOST),
    (400, http_error("http: named cookie not present"), STATE_LOST),
    # the return URL is checked against Argo CD's own url / additionalUrls, not the provider's redirect URI
    (400, http_error("failed to verify app state: invalid return URL"),
     ("invalid_request", "redirect_url_other_domain", FIXED)),
    (400, http_error("Invalid redirect URL: the protocol and host (including port) must match and the path must be "
                     "within allowed URLs if provided"), ("invalid_request", "redirect_url_other_domain", FIXED)),
    (500, http_error("no id_token in token response"), ("unknown", "token_response_without_id_token", FIXED)),
    # the ID token of this very code exchange is already expired: a clock
    (None, logrus("warning", "Failed to verify oidc token: failed to verify provider token: oidc: token is expired "
                             "(Token Expiry: 2026-12-05 09:00:00 +0000 UTC)"), ("invalid_token", "clock_skew", FIXED)),
    (500, http_error("failed to generate client assertion: AZURE_FEDERATED_TOKEN_FILE env variable not found, make "
                     "sure workload identity is enabled on the cluster"),
     ("invalid_client", "credentials_not_configured", FIXED)),
    (500, http_error("failed to generate client assertion: AZURE_FEDERATED_TOKEN_FILE specified file does not exist"),
     ("invalid_client", "credentials_not_configured", FIXED)),
])
def test_argo_cd_sso_callback_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected
    assert cited(status, body)


@pytest.mark.parametrize(("desc", "expected"), [
    ("invalid session: failed to verify the token", ("invalid_token", "ambiguous", REAUTH)),
    ("invalid session: token has invalid claims: token is expired", ("invalid_token", "session_expired", REAUTH)),
    # golang-jwt after 5.3.1 adds how long ago
    ("invalid session: token has invalid claims: token is expired by 2h0m5s",
     ("invalid_token", "session_expired", REAUTH)),
    ("invalid session: account password has changed since token issued", ("invalid_token", "token_revoked", REAUTH)),
    ("invalid session: account ci-bot does not have 'apiKey' capability",
     ("insufficient_scope", "missing_permission", FIXED)),
    ("Account alice does not have login capability", ("insufficient_scope", "missing_permission", FIXED)),
    ("no session information", ("invalid_request", "ambiguous", REAUTH)),
])
def test_argo_cd_api_session_refusals_as_the_cli_prints_them(desc: str, expected: tuple[str, str, str]) -> None:
    assert run(None, argocd_cli(desc)) == expected
    assert cited(None, argocd_cli(desc))


def test_an_unverifiable_session_lists_expiry_against_audience_and_issuer() -> None:
    r = classify(None, argocd_cli("invalid session: failed to verify the token"), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("session_expired", REAUTH), ("token_for_wrong_audience", FIXED), ("token_from_other_issuer", FIXED)]


def test_no_session_tells_an_interactive_cli_from_a_script() -> None:
    r = classify(None, argocd_cli("no session information"), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("login_required", REAUTH),
                                                              ("access_token_missing", FIXED)]


def test_the_cli_sso_login_with_another_runs_state_is_a_new_login() -> None:
    assert run(None, "FATA[0012] Unknown state nonce") == ("invalid_request", "state_or_session_lost", REAUTH)
    assert run(400, http_error("Unknown state nonce")) == ("invalid_request", "state_or_session_lost", REAUTH)


@pytest.mark.parametrize(("body", "causes"), [
    (http_error("invalid state in 'argocd.token' cookie"),
     [("concurrent_sign_in", REAUTH), ("session_not_persisted", FIXED)]),
    (http_error("http: named cookie not present"),
     [("session_not_persisted", FIXED), ("login_attempt_expired", REAUTH)]),
])
def test_argo_cd_state_problems_list_what_tells_them_apart(body: str, causes: list[tuple[str, str]]) -> None:
    r = classify(400, body, rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == causes
    assert all(c.tells_apart for c in r.candidates)


# --- JupyterHub and OAuthenticator ---

@pytest.mark.parametrize(("status", "body", "expected"), [
    (400, tornado(400, "Bad Request", "OAuth state missing from cookies"), STATE_LOST),
    (400, "OAuth state missing from cookies", STATE_LOST),
    (400, tornado(400, "Bad Request", "OAuth state missing from URL"), STATE_LOST),
    # the default custom_403_message
    (403, "Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.", POLICY),
    (None, hub_log("github", 184, "User alice is not part of allowed_organizations"),
     ("access_denied", "ambiguous", FIXED)),
    (None, hub_log("google", 306, "Blocked alice with 'hd=gmail.com' not in hosted_domain"), POLICY),
    (None, hub_log("google", 306, "Blocked alice with 'hd=' not in hosted_domain"), POLICY),  # a personal account
    (403, tornado(403, "Forbidden", "Login with unverified email alice@example.com is not allowed"),
     ("access_denied", "email_not_verified_at_idp", FIXED)),
    (403, "This site is restricted to uchicago.edu accounts. Link your account at app.globus.org/account.", POLICY),
    (403, tornado(403, "Forbidden", "Login with identity provider http://google.com/accounts/o8/id is not "
                                    "pre-configured"), POLICY),
    # the hub's own allow and block checks (Python's %r quotes the name)
    (None, hub_log("auth", 743, "User 'alice' not allowed."), POLICY),
    (None, hub_log("auth", 724, "User 'alice' blocked. Stop authentication"), POLICY),
    (403, tornado(403, "Forbidden", "auth has expired for alice, login again"),
     ("invalid_grant", "session_expired", REAUTH)),
])
def test_jupyterhub_and_oauthenticator_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected
    assert cited(status, body)


def test_a_missing_state_cookie_tells_the_callback_host_from_a_reloaded_callback() -> None:
    r = classify(400, "OAuth state missing from cookies", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("session_not_persisted", FIXED),
                                                              ("concurrent_sign_in", REAUTH)]
    assert "oauth_callback_url" in r.candidates[0].tells_apart


def test_github_organisations_list_a_private_membership_without_read_org() -> None:
    r = classify(None, hub_log("github", 184, "User alice is not part of allowed_organizations"), rulebook=BOOK)
    assert [c.cause for c in r.candidates] == ["access_policy_denied", "missing_scope"]
    assert "read:org" in (r.candidates[1].hint or "")


# --- the provider's own error, wrapped by the application, decides ---

@pytest.mark.parametrize(("status", "body", "expected_class"), [
    # Argo CD's HandleCallback: golang.org/x/oauth2's RetrieveError after "failed to get token: "
    (500, http_error('failed to get token: oauth2: "invalid_grant" "Invalid authorization code"'), "invalid_grant"),
    (500, http_error('failed to get token: oauth2: "invalid_grant" "Token is not active"'), "invalid_grant"),
    (500, http_error('failed to get token: oauth2: cannot fetch token: 401 Unauthorized\nResponse: '
                     '{"error":"invalid_client","error_description":"Invalid client or Invalid client credentials"}'),
     "invalid_client"),
    # Argo CD's callback echoes the authorization error "<error>: <description>"
    (400, http_error("access_denied: The resource owner or authorization server denied the request."),
     "access_denied"),
    # OAuthenticator: "OAuth error: <description>", "An access token was not returned: <description>"
    (400, tornado(400, "Bad Request", "OAuth error: The user denied the request"), "access_denied"),
    (403, tornado(403, "Forbidden", "An access token was not returned: The provided authorization grant is invalid, "
                                    "expired, revoked, does not match the redirection URI used in the authorization "
                                    "request, or was issued to another client."), "invalid_grant"),
    # OAuthenticator's fetch wrapper logs the provider's JSON
    (None, hub_log("oauth2", 857, "Error fetching 400 POST https://idp.example.com/oauth/token: " + json.dumps(
        {"error": "invalid_grant", "error_description": "Code not valid"}, sort_keys=True, indent=1), level="E"),
     "invalid_grant"),
])
def test_a_wrapped_provider_error_is_left_to_the_provider(status: int | None, body: str, expected_class: str) -> None:
    r = classify(status, body, rulebook=BOOK)
    assert r.failure_class == expected_class
    assert not cited(status, body)


def test_a_wrapped_invalid_grant_is_the_same_answer_as_the_bare_one() -> None:
    bare = classify(400, '{"error": "invalid_grant", "error_description": "Invalid authorization code"}',
                    rulebook=BOOK)
    wrapped = classify(500, http_error('failed to get token: oauth2: "invalid_grant" "Invalid authorization code"'),
                       rulebook=BOOK)
    assert (wrapped.failure_class, wrapped.cause, wrapped.decision) == (bare.failure_class, bare.cause, bare.decision)


# --- neighbours ---

@pytest.mark.parametrize(("status", "body"), [
    (400, "Invalid redirect URL"),  # a provider's redirect URI page, not Argo CD's return-URL check
    (None, "the session information is missing from the request"),
    (None, "User alice is not allowed to push to this repository"),
    (None, "Blocked request from 10.0.0.1: not in allowed hosts"),
    (None, "OAuth state mismatch"),  # OAuthenticator's words, but already read by an earlier rule the same way
    (None, "invalid state parameter"),
    (401, "token is expired"),
    (None, "Login with a verified email is required"),
])
def test_neighbouring_sentences_do_not_take_these_rules(status: int | None, body: str) -> None:
    assert not cited(status, body)


def test_a_grpc_status_line_is_not_read_as_an_authorization_code() -> None:
    """``rpc error: code = X desc = ...`` names a gRPC status; an authorization code in desc is still one."""
    assert run(None, argocd_cli("invalid session: failed to verify the token"))[1] != "auth_code_invalid_or_reused"
    assert run(None, argocd_cli("invalid authorization code", "InvalidArgument"))[:2] == (
        "invalid_grant", "auth_code_invalid_or_reused")


def test_argo_cds_return_url_check_is_not_a_redirect_uri_mismatch() -> None:
    body = http_error("Invalid redirect URL: the protocol and host (including port) must match and the path must be "
                      "within allowed URLs if provided")
    assert run(400, body)[0] != "redirect_uri_mismatch"
    assert run(400, '{"error": "invalid_request", "error_description": "Invalid redirect URL"}')[0] == (
        "redirect_uri_mismatch")


# --- provenance ---

def test_the_block_is_contiguous_and_placed_before_mcp() -> None:
    lines = (Path(__file__).resolve().parents[1] / "providers" / "generic.yaml").read_text().splitlines()
    start = lines.index(f"    # --- {BLOCK} ---")
    end = lines.index(f"    # --- end of {BLOCK} ---")
    assert lines[end + 1] in ("    # --- MCP authorization (Model Context Protocol clients and servers) ---",
                              "    # --- OIDC sign-in in MinIO, Portainer, Headscale, caddy-security and Outline ---")
    rules = [line for line in lines[start:end] if line.startswith("    - {")]
    assert len(rules) == 22
    assert all(any(f"github.com/{repo}/blob/" in line for repo in REPOS) for line in rules)
