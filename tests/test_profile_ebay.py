"""The eBay profile: eBay's token-endpoint errors map to the class, cause and decision the profile states, eBay's
hosts find the profile without ``--provider``, the profile claims no other provider's body, and the facts a verdict
rests on (2-hour access tokens, 18-month refresh tokens, Basic client authentication, the RuName sent as
``redirect_uri``, separate sandbox and production keysets) read as eBay's own OAuth clients give them.

eBay's clients (eBay/ebay-oauth-python-client, -nodejs-client, -java-client, -csharp-client) read RFC 6749
``{error, error_description}`` answers from the token endpoint and eBay's Java test expects ``invalid_scope`` for an
unknown scope; eBay's own description texts are not in those sources, so the bodies below carry RFC 6749 §5.2's
definitions and plain descriptions of each cause.
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
TOKEN_URL = "https://api.ebay.com/identity/v1/oauth2/token"
SANDBOX_TOKEN_URL = "https://api.sandbox.ebay.com/identity/v1/oauth2/token"
AUTHORIZE_URL = "https://auth.ebay.com/oauth2/authorize"
SANDBOX_AUTHORIZE_URL = "https://auth.sandbox.ebay.com/oauth2/authorize"
RUNAME = "Example_Inc-ExampleA-PRD-1a2b3c4d5-abcdef12"  # a made-up RuName


def oauth(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description})


GRANT_DEFINITION = oauth("invalid_grant", "the provided authorization grant is invalid, expired, revoked, does not "
                                          "match the redirection URI used in the authorization request, or was "
                                          "issued to another client")
SCOPE_DEFINITION = oauth("invalid_scope", "The requested scope is invalid, unknown, malformed, or exceeds the scope "
                                          "granted to the client")

CASES = [
    # (status, body, url, class, cause, decision)
    # invalid_grant: the definition names every reason, so the rule's candidates stand ...
    (400, GRANT_DEFINITION, TOKEN_URL, "invalid_grant", "ambiguous", "reauth"),
    # ... and words that name one cause narrow to it.
    (400, oauth("invalid_grant", "the provided authorization grant code is invalid or was issued to another client"),
     TOKEN_URL, "invalid_grant", "auth_code_invalid_or_reused", "reauth"),
    (400, oauth("invalid_grant", "The refresh token has expired"), TOKEN_URL, "invalid_grant",
     "refresh_token_expired", "reauth"),
    (400, oauth("invalid_grant", "the redirect_uri does not match the one used in the authorization request"),
     SANDBOX_TOKEN_URL, "invalid_grant", "redirect_uri_differs_from_authorize", "fix_config"),
    (401, oauth("invalid_client", "The client could not be verified."), SANDBOX_TOKEN_URL, "invalid_client",
     "ambiguous", "fix_config"),
    (401, oauth("invalid_client", "client authentication failed"), TOKEN_URL, "invalid_client",
     "bad_client_credentials", "fix_config"),
    (400, SCOPE_DEFINITION, TOKEN_URL, "invalid_scope", "invalid_scope_requested", "fix_config"),
    (400, oauth("unsupported_grant_type", "grant type in request is not supported by the authorization server"),
     TOKEN_URL, "unsupported_grant_type", "grant_type_not_supported", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "url", "cls", "cause", "decision"), CASES)
def test_ebay_token_errors(status: int, body: str, url: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="ebay", rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.cause, got.decision) == ("ebay", cls, cause, decision), got.summary


@pytest.mark.parametrize(("status", "body", "url", "cls", "cause", "decision"), CASES)
def test_ebay_is_detected_from_its_token_url(status: int, body: str, url: str, cls: str, cause: str,
                                             decision: str) -> None:
    got = classify(status, body, url=url, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.cause, got.decision) == ("ebay", cls, cause, decision)


def test_refused_grant_lists_ebays_causes() -> None:
    got = classify(400, GRANT_DEFINITION, provider="ebay", rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("auth_code_invalid_or_reused", "reauth"), ("refresh_token_expired", "reauth"),
        ("refresh_token_revoked", "reauth"), ("redirect_uri_differs_from_authorize", "fix_config"),
        ("token_for_other_environment", "fix_config")]
    assert got.basis == "heuristic"  # RFC 6749's meaning with eBay's causes; eBay's own text was not read
    runame = next(c for c in got.candidates if c.cause == "redirect_uri_differs_from_authorize")
    assert "RuName" in runame.tells_apart and runame.hint == "send the same RuName in both requests"


def test_refused_client_names_the_other_environment() -> None:
    got = classify(401, oauth("invalid_client", "The client could not be verified."), provider="ebay",
                   rulebook=RuleBook())
    assert [c.cause for c in got.candidates] == [
        "bad_client_credentials", "client_credentials_for_other_environment", "client_authentication_missing"]
    assert got.normalized_status == 401


def test_invalid_scope_candidates_and_source() -> None:
    # A scope refusal without telling words keeps the three causes eBay's clients show.
    got = classify(400, oauth("invalid_scope", ""), provider="ebay", rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision, got.basis) == (
        "invalid_scope", "ambiguous", "fix_config", "confirmed")
    assert [c.cause for c in got.candidates] == [
        "invalid_scope_requested", "user_scope_with_client_credentials", "refresh_scope_exceeds_original"]


def test_api_invalid_access_token_refreshes_once() -> None:
    # An API call's error list with "Invalid access token": no eBay rule rests on the errorId (no eBay source was
    # read for the ids); the generic reading of a token refused without a reason: configuration first (the header's
    # value, as eBay's own words say), a refresh among the candidates.
    body = json.dumps({"errors": [{"errorId": 1001, "domain": "OAuth", "category": "REQUEST",
                                   "message": "Invalid access token",
                                   "longMessage": "Invalid access token. Check the value of the Authorization HTTP "
                                                  "request header."}]})
    got = classify(401, body, provider="ebay", rulebook=RuleBook())
    assert (got.failure_class, got.decision) == ("invalid_token", "fix_config")
    assert "access_token_expired" in [c.cause for c in got.candidates]


@pytest.mark.parametrize("url", [TOKEN_URL, SANDBOX_TOKEN_URL, f"{AUTHORIZE_URL}?client_id=x&redirect_uri={RUNAME}",
                                 SANDBOX_AUTHORIZE_URL, "https://api.ebay.com/sell/inventory/v1/inventory_item"])
def test_ebay_is_detected_from_its_hosts(url: str) -> None:
    assert classify(400, '{"message": "something unforeseen"}', url=url, rulebook=RuleBook()).provider == "ebay"


def test_ebay_is_detected_from_a_log_line() -> None:
    got = classify(None, f"POST {SANDBOX_TOKEN_URL} -> 401 invalid_client", rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.decision) == ("ebay", "invalid_client", "fix_config")


@pytest.mark.parametrize("body", [
    # A bare RFC 6749 body with no host: nothing says eBay.
    '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}',
    # Square's errors list (a category, like eBay's API errors).
    '{"errors":[{"category":"AUTHENTICATION_ERROR","code":"ACCESS_TOKEN_EXPIRED","detail":"expired"}]}',
    # PayPal's token error.
    '{"error":"invalid_client","error_description":"Client Authentication failed"}',
])
def test_other_bodies_are_not_claimed(body: str) -> None:
    assert classify(401, body, rulebook=RuleBook()).provider != "ebay"


def test_aliases_resolve() -> None:
    assert resolve_id("ebay-api") == "ebay"
    assert resolve_id("eBay-Sandbox") == "ebay"


def test_ebay_profile_facts() -> None:
    profile = get_profile("ebay")
    assert (profile.endpoints.token.url, profile.endpoints.authorize.url) == (TOKEN_URL, AUTHORIZE_URL)
    assert {"auth.sandbox.ebay.com", "api.sandbox.ebay.com"} <= set(profile.endpoints.hosts)
    assert (profile.client_auth.accepted, profile.client_auth.body_format) == (["client_secret_basic"], "form")
    assert profile.grants.supported == ["authorization_code", "refresh_token", "client_credentials"]
    policy = profile.token_policy
    assert (policy.access_token_lifetime.seconds, policy.access_token_lifetime.basis) == (7200, "confirmed")
    assert (policy.refresh_token_lifetime.seconds, policy.refresh_token_lifetime.basis) == (47304000, "confirmed")
    assert (policy.rotation.mode, policy.rotation.basis) == ("none", "heuristic")
    assert profile.pkce.basis == "unconfirmed"
    for fact in (profile.endpoints.token, profile.endpoints.authorize, profile.client_auth, profile.grants,
                 policy.access_token_lifetime, policy.refresh_token_lifetime):
        assert fact.source.startswith("https://github.com/eBay/") and "/blob/" in fact.source
    runame = next(q for q in profile.quirks if "RuName" in q.text)
    assert runame.basis == "confirmed" and "ru_name" in runame.note


@pytest.mark.parametrize("sent", ["https://app.example.com/ebay/callback",
                                  "Example_Inc-ExampleA-SBX-1a2b3c4d5-abcdef12"])
def test_a_callback_url_or_another_runame_is_refused(sent: str) -> None:
    # Only refusals are tested: the redirect engine takes values as URIs, so an exactly equal RuName is also reported
    # as not absolute (the schema has no "registered name" kind; see the profile's redirect note).
    assert compare([RUNAME], sent, provider="ebay").accepted is False


def test_missing_redirect_uri_is_the_strict_reading() -> None:
    got = compare([RUNAME], None, provider="ebay")
    assert (got.accepted, got.omitted) == (False, True)


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "ebay", "--format", "json", "--status", "400",
         SCOPE_DEFINITION],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["decision"], out["error"]) == (
        "ebay", "invalid_scope", "fix_config", "invalid_scope")
    assert out["basis"] == "confirmed"
