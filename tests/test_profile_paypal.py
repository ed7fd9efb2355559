"""The PayPal profile: PayPal's OAuth and REST error bodies map to the class, cause and decision the profile states,
PayPal's bodies, headers and hosts are recognised without ``--provider``, the profile claims no other provider's
body, and the facts a verdict rests on read as PayPal's own sources give them.

The token-endpoint bodies are the ones PayPal's Node SDK recorded from the sandbox (``test/mocks`` of
paypal/PayPal-node-SDK); the REST bodies follow the ``error_401``/``error_403``/``error_500``/``error_503`` objects of
paypal/paypal-rest-api-specifications (``name``, ``message``, ``debug_id``, ``links``), with made-up ``debug_id``s.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile, resolve_id
from oauthdoctor.redirect import compare

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TOKEN_URL = "https://api-m.paypal.com/v1/oauth2/token"
SANDBOX_TOKEN_URL = "https://api-m.sandbox.paypal.com/v1/oauth2/token"
TOKENSERVICE_URL = "https://api.sandbox.paypal.com/v1/identity/openidconnect/tokenservice"
USERINFO_URL = "https://api.sandbox.paypal.com/v1/identity/openidconnect/userinfo"
ORDERS_URL = "https://api-m.paypal.com/v2/checkout/orders"


def rest(name: str, message: str, debug_id: str = "f0e1d2c3b4a59", details: list | None = None) -> str:
    """A REST API error object as the Orders v2 spec defines it."""
    body: dict[str, object] = {"name": name, "message": message, "debug_id": debug_id,
                               "links": [{"href": f"https://developer.paypal.com/api/rest/reference/orders/v2/errors/#{name}",
                                          "rel": "information_link"}]}
    if details:
        body["details"] = details
    return json.dumps(body)


def oauth(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description})


AUTH_FAILURE = rest("AUTHENTICATION_FAILURE", "Authentication failed due to missing authorization header, or "
                                              "invalid authentication credentials.")
NOT_AUTHORIZED = rest("NOT_AUTHORIZED", "Authorization failed due to insufficient permissions.",
                      details=[{"issue": "PERMISSION_DENIED", "description": "You do not have permission to access "
                                                                            "or perform operations on this resource."}])
USERINFO_401 = {"WWW-Authenticate": 'Bearer error_description="Invalid Access Token",correlation_id="dfaf12d0c5dff",'
                                    'error="invalid_token",information_link="https://developer.paypal.com/docs/api/'
                                    '#errors",realm="UserInfoService"', "Paypal-Debug-Id": "dfaf12d0c5dff"}

CASES = [
    # (status, body, headers, url, class, cause, decision)
    # Token endpoint, as PayPal's SDK recorded it: invalid_request with the real reason in the description.
    (400, oauth("invalid_request", "Invalid auth code"), None, TOKEN_URL, "invalid_grant",
     "auth_code_invalid_or_reused", "reauth"),
    (400, oauth("invalid_request", "Invalid refresh token"), None, TOKEN_URL, "invalid_grant", "ambiguous", "reauth"),
    (400, oauth("invalid_client", "client id or secret is null"), None, TOKENSERVICE_URL, "invalid_client",
     "ambiguous", "fix_config"),
    # A 401 invalid_client without telling words: the three ways client authentication fails.
    (401, oauth("invalid_client", "The client could not be verified."), None, SANDBOX_TOKEN_URL, "invalid_client",
     "ambiguous", "fix_config"),
    # REST API errors by their name.
    (401, AUTH_FAILURE, None, ORDERS_URL, "invalid_token", "ambiguous", "retry"),
    (403, NOT_AUTHORIZED, None, ORDERS_URL, "insufficient_scope", "missing_permission", "fix_config"),
    (500, rest("INTERNAL_SERVER_ERROR", "An internal server error occurred."), None, ORDERS_URL, "server_error",
     "idp_server_error", "retry"),
    (503, rest("SERVICE_UNAVAILABLE", "Service Unavailable."), None, ORDERS_URL, "temporarily_unavailable",
     "idp_transient_outage", "retry"),
    # Log in with PayPal's userinfo: an empty 401 whose reason is in WWW-Authenticate.
    (401, "", USERINFO_401, USERINFO_URL, "invalid_token", "ambiguous", "retry"),
]


@pytest.mark.parametrize(("status", "body", "headers", "url", "cls", "cause", "decision"), CASES)
def test_paypal_error_bodies(status: int, body: str, headers: dict | None, url: str, cls: str, cause: str,
                             decision: str) -> None:
    got = classify(status, body, headers, provider="paypal", url=url, rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision), got.summary
    assert got.provider == "paypal"
    assert got.basis == "confirmed"


@pytest.mark.parametrize(("status", "body", "headers", "url", "cls", "cause", "decision"), CASES)
def test_paypal_is_detected_from_its_url(status: int, body: str, headers: dict | None, url: str, cls: str,
                                         cause: str, decision: str) -> None:
    got = classify(status, body, headers, url=url, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.decision) == ("paypal", cls, decision)


def test_provider_code_is_the_rest_name() -> None:
    got = classify(401, AUTH_FAILURE, rulebook=RuleBook())
    assert (got.provider, got.provider_code) == ("paypal", "AUTHENTICATION_FAILURE")


def test_authentication_failure_retries_first_and_lists_the_environment() -> None:
    got = classify(401, AUTH_FAILURE, provider="paypal", rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("access_token_expired", "retry"), ("token_for_other_environment", "fix_config"),
        ("access_token_missing", "fix_config")]


def test_refused_refresh_token_names_its_three_causes() -> None:
    got = classify(400, oauth("invalid_request", "Invalid refresh token"), provider="paypal", rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("refresh_token_revoked", "reauth"), ("refresh_token_malformed", "fix_config"),
        ("token_for_other_environment", "fix_config")]


def test_client_authentication_failed_wording_narrows_to_bad_credentials() -> None:
    # The generic text rule names bad client credentials, one of the 401 rule's candidates (docs/error-rules.md, 5).
    got = classify(401, oauth("invalid_client", "Client Authentication failed"), url=TOKEN_URL, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.cause, got.decision) == (
        "paypal", "invalid_client", "bad_client_credentials", "fix_config")


@pytest.mark.parametrize(("body", "headers"), [
    # The REST error object alone (upper-case name plus debug_id).
    (AUTH_FAILURE, None),
    # An RFC-shaped token error is PayPal's when PayPal's debug-id header came with it.
    (oauth("invalid_request", "Invalid refresh token"), {"Paypal-Debug-Id": "ebb5ee4b55aff"}),
    # The userinfo challenge names PayPal's developer site.
    ("", USERINFO_401),
])
def test_paypal_is_detected_without_url(body: str, headers: dict | None) -> None:
    assert classify(401, body, headers, rulebook=RuleBook()).provider == "paypal"


def test_node_sdk_environment_message_is_read() -> None:
    # PayPal's Node SDK raises this for an answer it cannot parse (lib/client.js); the text runs words together.
    text = ("Error: Invalid JSON Response Received. If the response received is empty, please checkthe httpStatusCode "
            "attribute of error message for 401 or 403. It is possible that the client credentialsare invalid for the "
            "environment you are using, be it live or sandbox.")
    got = classify(None, text, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.cause, got.decision) == (
        "paypal", "invalid_client", "ambiguous", "fix_config")
    assert got.candidates[0].cause == "client_credentials_for_other_environment"


def test_server_sdk_exception_message_is_read() -> None:
    got = classify(401, "OAuthProviderError: OAuth 2 provider says client authentication failed.", provider="paypal",
                   rulebook=RuleBook())
    assert (got.failure_class, got.decision) == ("invalid_client", "fix_config")


@pytest.mark.parametrize("url", [TOKEN_URL, SANDBOX_TOKEN_URL, "https://api.paypal.com/v1/oauth2/token",
                                 "https://www.paypal.com/signin/authorize?client_id=x", USERINFO_URL])
def test_paypal_is_detected_from_its_hosts(url: str) -> None:
    got = classify(400, '{"message": "something unforeseen"}', url=url, rulebook=RuleBook())
    assert got.provider == "paypal"


@pytest.mark.parametrize("body", [
    # Square's errors list (upper-case codes, but a category and no debug_id).
    '{"errors":[{"category":"AUTHENTICATION_ERROR","code":"ACCESS_TOKEN_EXPIRED","detail":"expired"}]}',
    # Google's API error (status in upper case, no debug_id).
    '{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}',
    # An upper-case name without PayPal's debug_id.
    '{"name":"UNAUTHORIZED","message":"Bad token"}',
    # A bare RFC 6749 body.
    '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}',
])
def test_other_bodies_are_not_claimed(body: str) -> None:
    assert classify(401, body, rulebook=RuleBook()).provider != "paypal"


def test_aliases_resolve() -> None:
    assert resolve_id("paypal-rest") == "paypal"
    assert resolve_id("Log-In-With-PayPal") == "paypal"


def test_paypal_profile_facts() -> None:
    profile = get_profile("paypal")
    assert profile.endpoints.token.url == TOKEN_URL
    assert profile.endpoints.authorize.url == "https://www.paypal.com/signin/authorize"
    assert {"api-m.paypal.com", "api-m.sandbox.paypal.com"} <= set(profile.endpoints.hosts)
    assert (profile.client_auth.accepted, profile.client_auth.body_format) == (["client_secret_basic"], "form")
    assert profile.grants.supported == ["client_credentials", "authorization_code", "refresh_token"]
    policy = profile.token_policy
    assert policy.refresh_token_lifetime.seconds == 10 * 365 * 86400
    assert policy.refresh_token_lifetime.basis == "confirmed"
    # Re-read 2026-12-07: PayPal's token-type table gives code/refresh-grant user tokens 15 minutes (8 h was a
    # client-credentials example); expires_in still decides
    assert (policy.access_token_lifetime.seconds, policy.access_token_lifetime.basis) == (900, "confirmed")
    assert (policy.rotation.mode, policy.rotation.omits_refresh_token) == ("none", True)
    assert profile.redirect.basis == "unconfirmed"
    for fact in (profile.endpoints.token, profile.endpoints.authorize, policy.refresh_token_lifetime, policy.rotation):
        assert fact.source.startswith("https://github.com/paypal/") and "/blob/" in fact.source


@pytest.mark.parametrize(("registered", "sent", "accepted"), [
    ("https://app.example.com/paypal/return", "https://app.example.com/paypal/return", True),
    ("https://app.example.com/paypal/return", "https://app.example.com/paypal/return/", False),
    ("http://localhost:8000/cb", "http://localhost:9000/cb", False),
])
def test_redirect_rule_is_the_strict_reading(registered: str, sent: str, accepted: bool) -> None:
    assert compare([registered], sent, provider="paypal").accepted is accepted


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "paypal", "--format", "json", "--status", "400",
         oauth("invalid_request", "Invalid auth code")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["error"]) == (
        "paypal", "invalid_grant", "auth_code_invalid_or_reused", "reauth", "invalid_request")
    assert out["basis"] == "confirmed"
