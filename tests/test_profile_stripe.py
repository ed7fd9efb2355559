"""The Stripe profile: Stripe Connect's OAuth errors and the REST API's key errors map to the class, cause and
decision the profile states, Stripe's bodies and hosts are recognised without ``--provider``, the profile claims no
other provider's body, and the facts a verdict rests on read as Stripe's own SDKs give them.

OAuth bodies are RFC 6749's ``{error, error_description}`` with the descriptions Stripe's SDK tests use
(stripe-node ``test/RequestSender.spec.ts``, stripe-ruby ``test/stripe/api_requestor_test.rb``, stripe-go
``oauth/client_test.go``); API bodies are ``{"error": {"type", "message", "code", "doc_url"}}`` with the messages of
stripe-php's and stripe-ruby's tests. Keys and account ids in them are made up.
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
TOKEN_URL = "https://connect.stripe.com/oauth/token"
DEAUTH_URL = "https://connect.stripe.com/oauth/deauthorize"
API_URL = "https://api.stripe.com/v1/charges"


def oauth(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description})


def api(message: str, code: str | None = None, type_: str = "invalid_request_error") -> str:
    error: dict[str, str] = {"type": type_, "message": message}
    if code:
        error["code"] = code
        error["doc_url"] = f"https://stripe.com/docs/error-codes/{code.replace('_', '-')}"
    return json.dumps({"error": error})


REUSED = "This authorization code has already been used. All tokens issued with this code have been revoked."
NOT_CONNECTED = ("This application is not connected to stripe account acct_1AbCdEfGhIjKlMnO, or that account does "
                 "not exist.")
NO_ACCESS = ("The provided key 'sk_test_********************1234' does not have access to account 'acct_1Zz' (or "
             "that account does not exist). Application access may have been revoked.")

CASES = [
    # (status, body, url, class, cause, decision)
    (400, oauth("invalid_grant", REUSED), TOKEN_URL, "invalid_grant", "auth_code_reused", "reauth"),
    (400, oauth("invalid_grant", "Authorization code does not exist"), TOKEN_URL, "invalid_grant", "ambiguous",
     "reauth"),
    (400, json.dumps({"error": "invalid_grant"}), TOKEN_URL, "invalid_grant", "ambiguous", "reauth"),
    (401, oauth("invalid_client", "No authentication was provided."), TOKEN_URL, "invalid_client",
     "client_authentication_missing", "fix_config"),
    (401, oauth("invalid_client", NOT_CONNECTED), DEAUTH_URL, "invalid_grant", "ambiguous", "reauth"),
    (400, oauth("invalid_request", "No grant type specified"), TOKEN_URL, "invalid_request", "missing_parameter",
     "fix_config"),
    (400, oauth("invalid_scope", "Invalid scope."), TOKEN_URL, "invalid_scope", "invalid_scope_requested",
     "fix_config"),
    (400, oauth("unsupported_grant_type", "Unsupported grant type."), TOKEN_URL, "unsupported_grant_type",
     "grant_type_not_supported", "fix_config"),
    (400, oauth("unsupported_response_type", "Unsupported response type."), TOKEN_URL, "unsupported_response_type",
     "response_type_not_allowed", "fix_config"),
    # The REST API: keys do not expire on their own clock, so a refused key is configuration first.
    (401, api("Invalid API Key provided: sk_test_****1234"), API_URL, "invalid_token", "ambiguous", "fix_config"),
    (401, api("You did not provide an API key."), API_URL, "invalid_request", "api_key_missing", "fix_config"),
    (401, api("Expired API Key provided: sk_live_****1234", "api_key_expired"), API_URL, "invalid_token",
     "api_key_expired", "fix_config"),
    (401, api("Expired API Key provided: sk_live_****1234", "platform_api_key_expired"), API_URL, "invalid_token",
     "api_key_expired", "fix_config"),
    (403, api(NO_ACCESS), API_URL, "access_denied", "ambiguous", "reauth"),
    (400, api("Too many requests hit the API too quickly.", "rate_limit"), API_URL, "rate_limited",
     "rate_limit_exceeded", "retry"),
    (429, api("Too many requests hit the API too quickly.", "rate_limit"), API_URL, "rate_limited",
     "rate_limit_exceeded", "retry"),
]


@pytest.mark.parametrize(("status", "body", "url", "cls", "cause", "decision"), CASES)
def test_stripe_error_bodies(status: int, body: str, url: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="stripe", url=url, rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision), got.summary
    assert got.provider == "stripe"


@pytest.mark.parametrize(("status", "body", "url", "cls", "cause", "decision"), CASES)
def test_stripe_is_detected_from_its_url(status: int, body: str, url: str, cls: str, cause: str,
                                         decision: str) -> None:
    got = classify(status, body, url=url, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.decision) == ("stripe", cls, decision)


def test_api_key_expired_is_confirmed_by_stripes_cli_and_asks_for_a_new_key() -> None:
    got = classify(401, api("Expired API Key provided: sk_live_****1234", "api_key_expired"), provider="stripe",
                   rulebook=RuleBook())
    assert (got.provider_code, got.basis, got.decision) == ("api_key_expired", "confirmed", "fix_config")


def test_invalid_api_key_names_a_revoked_connection_as_a_candidate() -> None:
    got = classify(401, api("Invalid API Key provided: sk_live_****abcd"), provider="stripe", rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [("api_key_invalid", "fix_config"),
                                                                ("token_revoked", "reauth")]
    assert got.basis == "confirmed"


def test_bare_invalid_grant_lists_stripes_four_causes() -> None:
    got = classify(400, json.dumps({"error": "invalid_grant"}), provider="stripe", rulebook=RuleBook())
    assert [c.cause for c in got.candidates] == ["auth_code_invalid_or_reused", "refresh_token_invalid",
                                                 "token_for_other_environment", "token_for_other_client"]


def test_grant_type_narrows_a_bare_invalid_grant() -> None:
    # The failing request's grant keeps only the candidates that can happen in it (docs/error-rules.md).
    got = classify(400, json.dumps({"error": "invalid_grant"}), provider="stripe", grant_type="refresh_token",
                   rulebook=RuleBook())
    # The code's candidate goes; the mode and platform mix-ups can happen in either grant and stay.
    assert [c.cause for c in got.candidates] == ["refresh_token_invalid", "token_for_other_environment",
                                                 "token_for_other_client"]
    assert (got.cause, got.decision) == ("ambiguous", "reauth")


@pytest.mark.parametrize(("status", "body"), [
    # Bodies whose words name Stripe (an account not connected; a key's access to an account).
    (401, oauth("invalid_client", NOT_CONNECTED)),
    (403, api(NO_ACCESS)),
    (401, api("Invalid API Key provided: sk_test_****1234")),
    # A doc_url into Stripe's error-code pages.
    (401, api("Expired API Key provided: sk_live_****1234", "api_key_expired")),
    # The SDKs' exception names in a log line.
    (None, "StripeInvalidGrantError: This authorization code has already been used. All tokens issued with this "
           "code have been revoked."),
    (None, "Stripe::OAuth::InvalidClientError: No authentication was provided."),
])
def test_stripe_is_detected_without_url(status: int | None, body: str) -> None:
    assert classify(status, body, rulebook=RuleBook()).provider == "stripe"


def test_sdk_log_line_keeps_the_reused_code_reading() -> None:
    got = classify(None, f"StripeInvalidGrantError: {REUSED}", rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.cause, got.decision) == (
        "stripe", "invalid_grant", "auth_code_reused", "reauth")


@pytest.mark.parametrize("url", [TOKEN_URL, DEAUTH_URL, "https://connect.stripe.com/oauth/authorize?client_id=ca_1",
                                 API_URL])
def test_stripe_is_detected_from_its_hosts(url: str) -> None:
    assert classify(400, '{"message": "something unforeseen"}', url=url, rulebook=RuleBook()).provider == "stripe"


@pytest.mark.parametrize("body", [
    # Anthropic-like: a nested invalid_request_error under a top-level type, no doc_url, no Stripe words.
    '{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: field required"}}',
    # Nylas-like top-level type.
    '{"message": "Could not verify access credential.", "type": "invalid_request_error"}',
    # Clerk-style keys (sk_test_) in a message that is not Stripe's.
    '{"errors":[{"message":"Invalid authentication","long_message":"The provided secret key sk_test_xxx is invalid",'
    '"code":"authentication_invalid"}]}',
    # A bare RFC 6749 body and PayPal's REST error.
    '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}',
    '{"name":"AUTHENTICATION_FAILURE","message":"Authentication failed.","debug_id":"abc123"}',
])
def test_other_bodies_are_not_claimed(body: str) -> None:
    assert classify(401, body, rulebook=RuleBook()).provider != "stripe"


def test_aliases_resolve() -> None:
    assert resolve_id("stripe-connect") == "stripe"
    assert resolve_id("Stripe-OAuth") == "stripe"


def test_stripe_profile_facts() -> None:
    profile = get_profile("stripe")
    assert profile.endpoints.authorize.url == "https://connect.stripe.com/oauth/authorize"
    assert profile.endpoints.token.url == TOKEN_URL
    assert profile.endpoints.revocation.url == DEAUTH_URL
    assert profile.grants.supported == ["authorization_code", "refresh_token"]
    policy = profile.token_policy
    assert policy.access_token_lifetime.seconds is None and policy.access_token_lifetime.basis == "confirmed"
    assert "not expire" in policy.access_token_lifetime.text
    assert policy.refresh_token_lifetime.basis == "unconfirmed"
    pinned = "https://github.com/stripe/stripe-node/blob/663942164d3876f04bb26617b88f498ba785e580/"
    for fact in (profile.endpoints.authorize, profile.endpoints.token, profile.endpoints.revocation,
                 policy.access_token_lifetime):
        assert fact.source.startswith(pinned)


@pytest.mark.parametrize(("registered", "sent", "accepted"), [
    (["https://platform.example.com/stripe/cb"], "https://platform.example.com/stripe/cb", True),
    (["https://platform.example.com/stripe/cb"], "https://platform.example.com/stripe/cb/", False),
    # One of the comma-separated list must match exactly.
    (["https://a.example.com/cb", "https://b.example.com/cb"], "https://b.example.com/cb", True),
    (["http://localhost:3000/cb"], "http://localhost:4000/cb", False),
])
def test_redirect_rule(registered: list[str], sent: str, accepted: bool) -> None:
    assert compare(registered, sent, provider="stripe").accepted is accepted


def test_omitted_redirect_uri_uses_the_first_registered_one() -> None:
    # Stripe's Connect OAuth reference: without redirect_uri, the first configured redirect URI is used
    assert compare(["https://platform.example.com/stripe/cb"], None, provider="stripe").accepted is True
    assert compare(["https://platform.example.com/stripe/cb", "https://platform.example.com/other"], None,
                   provider="stripe").accepted is True


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "stripe", "--format", "json", "--status", "401",
         "--url", TOKEN_URL, oauth("invalid_client", "No authentication was provided.")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["basis"]) == (
        "stripe", "invalid_client", "client_authentication_missing", "fix_config", "confirmed")
