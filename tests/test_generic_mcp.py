"""MCP authorization, in the phrase layer: what an MCP client or server prints when the client cannot connect.

The MCP TypeScript SDK throws plain ``Error``s from its discovery and registration steps, prints its transport
errors as ``Streamable HTTP error: <message>`` and wraps a body that is not an OAuth error as ``HTTP <status>:
Invalid OAuth error response: <parse error>. Raw body: <body>``; the Python SDK raises ``OAuthFlowError`` and
``OAuthRegistrationError`` with f-strings; FastMCP's server answers JSON (and an HTML page) and its client raises
``ClientNotFoundError``; mcp-remote logs and throws its own reconnect guard. Every text below is built the way that
code builds it (the format strings at the commits the rules pin); none is taken from a reported case.
"""

from __future__ import annotations

import functools
import json

import pytest
from phrase_blocks import answer, cites

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIXED, REAUTH, RETRY = "fix_config", "reauth", "retry"
REPOS = ("modelcontextprotocol/typescript-sdk", "modelcontextprotocol/python-sdk", "jlowin/fastmcp",
         "geelen/mcp-remote")
MCP = "https://mcp.example.com/mcp"
AS = "https://auth.example.com"


run = answer


cited = functools.partial(cites, REPOS)


def node_error(message: str) -> str:
    """How Node prints an uncaught Error: its name and message, then the stack."""
    return f"Error: {message}\n    at discoverOAuthServerInfo (file:///app/node_modules/@modelcontextprotocol/sdk/" \
           f"dist/esm/client/auth.js:612:15)"


def py_error(cls: str, message: str) -> str:
    """The last line of a Python traceback: the exception's qualified name and its message."""
    return f"Traceback (most recent call last):\n  File \"client.py\", line 12, in main\n{cls}: {message}"


def streamable(message: str) -> str:
    return f"Error: Streamable HTTP error: {message}"


@pytest.mark.parametrize(("body", "expected"), [
    (node_error("Resource server does not implement OAuth 2.0 Protected Resource Metadata."),
     ("invalid_request", "protected_resource_metadata_missing", FIXED)),
    (node_error("HTTP 401 trying to load well-known OAuth protected resource metadata."),
     ("invalid_request", "protected_resource_metadata_missing", FIXED)),
    (node_error("HTTP 403 trying to load well-known OAuth metadata"),
     ("invalid_request", "authorization_server_metadata_missing", FIXED)),
    (node_error("Incompatible auth server: does not support dynamic client registration"),
     ("invalid_request", "dynamic_registration_unsupported", FIXED)),
    (node_error("Incompatible auth server: does not support code challenge method S256"),
     ("invalid_request", "pkce_s256_unsupported", FIXED)),
    (node_error("Incompatible auth server: does not support response type code"),
     ("unsupported_response_type", "response_type_not_allowed_for_client", FIXED)),
    (node_error("Existing OAuth client information is required when exchanging an authorization code"),
     ("invalid_request", "session_not_persisted", FIXED)),
    (node_error(f"Protected resource {MCP} does not match expected https://mcp.example.com:8443/mcp (or origin)"),
     ("invalid_request", "protected_resource_url_mismatch", FIXED)),
    (py_error("mcp.client.auth.exceptions.OAuthFlowError",
              f"Protected resource http://localhost:8000/mcp does not match expected {MCP}"),
     ("invalid_request", "protected_resource_url_mismatch", FIXED)),
])
def test_discovery_and_compatibility_checks(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected


def test_a_server_error_while_loading_metadata_is_still_a_server_error() -> None:
    # 5xx: the rule for the protected-resource metadata takes 4xx only; the status word decides the rest
    body = node_error("HTTP 503 trying to load well-known OAuth protected resource metadata.")
    assert run(None, body)[2] == RETRY
    assert not cited(None, body)
    assert run(None, node_error(f"HTTP 502 trying to load OAuth metadata from {AS}/.well-known/"
                                "oauth-authorization-server"))[2] == RETRY


@pytest.mark.parametrize(("body", "expected"), [
    (py_error("mcp.client.auth.exceptions.OAuthRegistrationError",
              'Registration failed: 400 {"error":"invalid_redirect_uri","error_description":'
              '"redirect_uris must use https"}'), ("invalid_request", "dynamic_registration_refused", FIXED)),
    (py_error("mcp.client.auth.exceptions.OAuthRegistrationError",
              'Registration failed: 401 {"error":"invalid_token","error_description":"initial access token required"}'),
     ("unauthorized_client", "dynamic_registration_refused", FIXED)),
    (py_error("mcp.client.auth.exceptions.OAuthRegistrationError", "Registration failed: 403 Forbidden"),
     ("unauthorized_client", "dynamic_registration_refused", FIXED)),
    # the SDK v2's RegistrationRejectedError: an RFC error the body names does not turn it into a user's refusal
    ('Dynamic Client Registration rejected (HTTP 403): {"error":"access_denied"}',
     ("unauthorized_client", "dynamic_registration_refused", FIXED)),
    ('Dynamic Client Registration rejected (HTTP 400): {"error":"invalid_client_metadata"}',
     ("invalid_request", "dynamic_registration_refused", FIXED)),
])
def test_a_registration_the_server_refuses(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected


@pytest.mark.parametrize(("body", "causes"), [
    # the TypeScript SDK posted to a guessed /register (or /token) at the authorization server's root
    ("ServerError: HTTP 404: Invalid OAuth error response: SyntaxError: Unexpected token 'N', \"Not Found\" is not "
     "valid JSON. Raw body: Not Found",
     ["authorization_server_metadata_missing", "dynamic_registration_unsupported", "wrong_endpoint_url"]),
    (py_error("mcp.client.auth.exceptions.OAuthRegistrationError", "Registration failed: 404 Not Found"),
     ["dynamic_registration_unsupported", "authorization_server_metadata_missing"]),
    (py_error("mcp.client.auth.exceptions.OAuthRegistrationError",
              'Registration failed: 405 {"detail":"Method Not Allowed"}'),
     ["dynamic_registration_unsupported", "authorization_server_metadata_missing"]),
])
def test_a_404_at_a_guessed_endpoint_lists_missing_metadata_against_no_registration(
        body: str, causes: list[str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", "ambiguous", FIXED)
    assert [c.cause for c in r.candidates] == causes
    assert {c.decision for c in r.candidates} == {FIXED}


@pytest.mark.parametrize("body", [
    streamable("Server returned 401 after successful authentication"),
    "SdkHttpError: Server returned 401 after re-authentication",  # the SDK v2
])
def test_a_fresh_token_refused_again_is_configuration(body: str) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_token", "ambiguous", FIXED)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("token_for_wrong_audience", FIXED), ("token_from_other_issuer", FIXED), ("token_misconfigured", FIXED)]


def test_mcp_remote_gives_up_after_one_reconnection() -> None:
    line = "[12345] Already attempted reconnection for reason: authentication-needed. Giving up."
    r = classify(None, line, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_token", "ambiguous", FIXED)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("token_for_wrong_audience", FIXED), ("token_from_other_issuer", FIXED), ("client_registration_lost", FIXED)]
    assert any("rm -rf ~/.mcp-auth" in (c.hint or "") for c in r.candidates)


def test_a_scope_still_missing_after_step_up() -> None:
    r = classify(None, streamable("Server returned 403 after trying upscoping"), rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("insufficient_scope", "ambiguous", FIXED)
    assert [(c.cause, c.decision) for c in r.candidates] == [("granted_scope_differs", FIXED),
                                                             ("missing_permission", FIXED)]
    # the SDK v2's retry limit names insufficient_scope itself: the baseline reads it as the missing scope
    v2 = "SdkHttpError: Server returned 403 insufficient_scope after step-up re-authorization (retry limit 3 reached)"
    assert run(None, v2) == ("insufficient_scope", "missing_scope", FIXED)


def fastmcp_unregistered(client_id: str) -> str:
    return json.dumps({
        "error": "invalid_request",
        "error_description": f"Client ID '{client_id}' is not registered with this server. MCP clients should "
                             "automatically re-register by sending a POST request to the registration_endpoint and "
                             "retry authorization. If this persists, clear cached authentication tokens and reconnect.",
        "registration_endpoint": "https://mcp.example.com/register",
        "authorization_server_metadata": "https://mcp.example.com/.well-known/oauth-authorization-server"})


def fastmcp_unregistered_page(client_id: str) -> str:
    return ("<html><head><title>Client Not Registered</title></head><body><div class=\"info-box error\"><p>The client "
            f"ID <code>{client_id}</code> was not found in the server's client registry.</p></div></body></html>")


LOST = ("invalid_client", "client_registration_lost", FIXED)


@pytest.mark.parametrize(("status", "body"), [
    (400, fastmcp_unregistered("4f1c2d3e-aaaa-bbbb-cccc-0123456789ab")),
    (400, fastmcp_unregistered_page("4f1c2d3e-aaaa-bbbb-cccc-0123456789ab")),
    (None, py_error("fastmcp.client.auth.oauth.ClientNotFoundError",
                    "OAuth client not found - cached credentials may be stale")),
])
def test_a_registration_the_server_lost(status: int | None, body: str) -> None:
    assert run(status, body) == LOST
    hints = " ".join(classify(status, body, rulebook=BOOK).hints)
    assert "rm -rf ~/.mcp-auth" in hints or "token storage" in hints


def test_static_client_credentials_refused_stay_the_client_credentials() -> None:
    body = py_error("fastmcp.client.auth.oauth.ClientNotFoundError",
                    "OAuth server rejected the static client credentials. Verify that the client_id (and "
                    "client_secret, if provided) are correct and that the client is registered with the server.")
    assert run(None, body) == ("invalid_client", "bad_client_credentials", FIXED)
    assert not cited(None, body)


def test_the_python_sdk_servers_unknown_client_id_stays_the_baselines() -> None:
    # "Client ID '<id>' not found" reads like any server's unknown client id: the baseline answers it first
    body = json.dumps({"error": "invalid_request", "error_description": "Client ID 'abc' not found"})
    assert run(400, body) == ("invalid_client", "unknown_client_id", FIXED)


def test_fastmcps_401_leans_to_a_new_sign_in_with_its_candidates() -> None:
    description = ("Authentication failed. The provided bearer token is invalid, expired, or no longer recognized by "
                   "the server. To resolve: clear authentication tokens in your MCP client and reconnect. Your client "
                   "should automatically re-register and obtain new tokens.")
    headers = {"www-authenticate": f'Bearer error="invalid_token", error_description="{description}", '
                                   'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"'}
    r = classify(401, json.dumps({"error": "invalid_token", "error_description": description}), headers,
                 rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_token", "ambiguous", REAUTH)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("token_revoked", REAUTH), ("access_token_expired", RETRY), ("access_token_missing", FIXED)]
    assert r.confidence == "low"


@pytest.mark.parametrize(("status", "body", "expected"), [
    (400, json.dumps({"error": "invalid_target", "error_description": "Resource does not match this server"}),
     ("invalid_scope", "protected_resource_url_mismatch", FIXED)),
    (401, json.dumps({"error": "invalid_token", "error_description": "Token has no expiration time"}),
     ("invalid_token", "token_misconfigured", FIXED)),
    (401, json.dumps({"error": "invalid_token",
                      "error_description": "Invalid Authorization header format, expected 'Bearer TOKEN'"}),
     ("invalid_request", "access_token_malformed", FIXED)),
    (None, 'Issuer mismatch in authorization server metadata (RFC 8414 §3.3): expected "https://auth.example.com", '
           'received "https://auth.example.com/"', ("invalid_request", "authority_misconfigured", FIXED)),
])
def test_mcp_servers_own_answers(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


@pytest.mark.parametrize(("status", "body"), [
    (None, "Incompatible auth server"),  # no check named
    (400, "PKCE verification failed"),  # the baseline's PKCE reading still holds
    (401, json.dumps({"error": "invalid_token", "error_description": "Authentication required"})),  # the SDK's bare one
    (403, json.dumps({"error": "insufficient_scope", "error_description": "Required scope: mcp:tools"})),
    (None, "The protected resource does not match the request"),  # no URLs: not the SDKs' sentence
    (None, "Registration failed: please try again later"),  # no status after it
    (None, "Server returned 401"),  # no "after ..." of the SDK's loop guard
    (None, "This resource does not match the server you asked for"),  # not FastMCP's sentence
    (None, "Giving up after too many attempts"),  # not mcp-remote's guard
    (400, "Invalid OAuth error response"),  # without the SDK's "HTTP 404: " prefix
])
def test_neighbouring_sentences_do_not_take_these_rules(status: int | None, body: str) -> None:
    assert not cited(status, body)


def test_the_baseline_still_reads_what_it_read_before() -> None:
    assert run(400, "PKCE verification failed")[1] == "pkce_verifier_mismatch"
    assert run(403, json.dumps({"error": "insufficient_scope", "error_description": "Required scope: mcp:tools"})) == (
        "insufficient_scope", "missing_scope", FIXED)
    assert run(400, json.dumps({"error": "invalid_client", "error_description": "Invalid client_id"})) == (
        "invalid_client", "unknown_client_id", FIXED)


def test_the_block_sits_after_the_oidc_proxies_block() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "providers" / "generic.yaml").read_text(encoding="utf-8")
    start = text.index("# --- MCP authorization (Model Context Protocol clients and servers) ---")
    end = text.index("# --- end of MCP authorization (Model Context Protocol clients and servers) ---")
    assert text.index("# --- end of OIDC proxies and gateway auth modules ---") < start < end
    before = text[:start].rstrip()  # the self-hosted apps' block may sit between the two
    assert before.endswith("# --- end of OIDC proxies and gateway auth modules ---") or before.endswith(
        "# --- end of self-hosted apps as OIDC clients: Grafana, Argo CD, JupyterHub ---") or before.endswith(
        "# --- end of OIDC sign-in in MinIO, Portainer, Headscale, caddy-security and Outline ---")
