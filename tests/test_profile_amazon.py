"""The Login with Amazon profile (Selling Partner API, Amazon Ads, Alexa): LWA's token errors and the Selling
Partner API's error list map to the class, cause and decision the profile states; Amazon is found from its hosts,
its endpoint path, its SP-API body and its SDKs' exception texts; other providers' bodies (Amazon Cognito's
among them, a separate profile) are not claimed.

Bodies are built from Amazon's own sources: the SP-API developer guide's error example (code ``Unauthorized``,
message "Access to requested resource is denied.", details "Access token is missing in the request header."), the
SP-API models' sandbox answers for 401, 403 and 429, the LWA error codes of Amazon's SP-API clients
(``LWAExceptionErrorCode``) and the "Client authentication failed" description of their tests. The
"invalid grant parameter : ..." wording is the one heuristic rule (see the profile's note).
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
TOKEN_URL = "https://api.amazon.com/auth/o2/token"
SPAPI_URL = "https://sellingpartnerapi-na.amazon.com/orders/v0/orders"
DENIED = "Access to requested resource is denied."


def spapi(code: str, message: str, details: str | None = None) -> str:
    """An SP-API error list as the developer guide shows it (code and message required, details optional)."""
    error = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return json.dumps({"errors": [error]})


def lwa(error: str, description: str) -> str:
    """An LWA token-endpoint error (RFC 6749 5.2 fields)."""
    return json.dumps({"error_description": description, "error": error})


SPAPI_CASES = [
    # (status, body, class, cause, decision)
    # The guide's example: no access token in the request.
    (400, spapi("Unauthorized", DENIED, "Access token is missing in the request header."), "invalid_request",
     "access_token_missing", "fix_config"),
    (403, spapi("Unauthorized", DENIED, "Access token is missing in the request header."), "invalid_request",
     "access_token_missing", "fix_config"),
    # The models' 401: a malformed header or no valid token; refresh once.
    (401, spapi("Unauthorized", DENIED), "invalid_token", "ambiguous", "retry"),
    # The models' 403: access denied, unauthorized, expired token, invalid signature; leans fix_config.
    (403, spapi("Unauthorized", DENIED), "access_denied", "ambiguous", "fix_config"),
    (403, spapi("Unauthorized", DENIED, ""), "access_denied", "ambiguous", "fix_config"),
    # The models' 429.
    (429, spapi("QuotaExceeded", "You exceeded your quota for the requested resource."), "rate_limited",
     "rate_limit_exceeded", "retry"),
]

LWA_CASES = [
    # (status, body, class, cause, decision)
    (400, lwa("invalid_grant", "The request has an invalid grant parameter : code"), "invalid_grant", "ambiguous",
     "reauth"),
    (400, lwa("invalid_grant", "The request has an invalid grant parameter : refresh_token"), "invalid_grant",
     "ambiguous", "reauth"),
    (400, lwa("invalid_grant", "The grant is not valid."), "invalid_grant", "ambiguous", "reauth"),
    (401, lwa("invalid_client", "Client authentication failed"), "invalid_client", "bad_client_credentials",
     "fix_config"),
    (400, lwa("invalid_client", "Unknown client."), "invalid_client", "ambiguous", "fix_config"),
    (400, lwa("unauthorized_client", "Not authorized for requested operation"), "unauthorized_client",
     "grant_type_not_enabled_for_client", "fix_config"),
    (400, lwa("invalid_scope", "An unknown scope was requested"), "invalid_scope", "invalid_scope_requested",
     "fix_config"),
    (500, lwa("server_error", "Internal error"), "server_error", "idp_transient_outage", "retry"),
    (503, lwa("temporarily_unavailable", "Try again later"), "temporarily_unavailable", "idp_transient_outage",
     "retry"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), SPAPI_CASES)
def test_spapi_error_bodies(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="amazon", url=SPAPI_URL, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.cause, got.decision) == ("amazon", cls, cause, decision), got.summary


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), SPAPI_CASES)
def test_spapi_bodies_are_detected_without_provider(status: int, body: str, cls: str, cause: str,
                                                    decision: str) -> None:
    got = classify(status, body, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.cause, got.decision) == ("amazon", cls, cause, decision)


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), LWA_CASES)
def test_lwa_token_errors(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="lwa", rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.cause, got.decision) == ("amazon", cls, cause, decision), got.summary


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), LWA_CASES)
def test_lwa_token_errors_found_from_the_token_url(status: int, body: str, cls: str, cause: str,
                                                   decision: str) -> None:
    got = classify(status, body, url=TOKEN_URL, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.cause, got.decision) == ("amazon", cls, cause, decision)


def test_the_403_lists_amazons_reasons_that_still_apply() -> None:
    # the fourth, an invalid SigV4 signature, went with SigV4 itself (SP-API changelog, 2023-10-02)
    got = classify(403, spapi("Unauthorized", DENIED), provider="sp-api", rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("missing_permission", "fix_config"), ("restricted_operation_needs_rdt", "fix_config"),
        ("access_token_expired", "retry")]
    assert got.basis == "confirmed"


def test_the_401_refreshes_once_before_blaming_the_header() -> None:
    got = classify(401, spapi("Unauthorized", DENIED), provider="amazon", rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("access_token_expired", "retry"), ("access_token_malformed", "fix_config")]


def test_a_refused_code_names_the_code_causes_only() -> None:
    got = classify(400, lwa("invalid_grant", "The request has an invalid grant parameter : code"),
                   provider="amazon", rulebook=RuleBook())
    assert [c.cause for c in got.candidates] == ["auth_code_expired", "auth_code_reused",
                                                 "auth_code_from_wrong_parameter"]
    assert got.basis == "heuristic"


def test_a_refused_refresh_token_names_the_refresh_causes_only() -> None:
    got = classify(400, lwa("invalid_grant", "The request has an invalid grant parameter : refresh_token"),
                   provider="amazon", rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("refresh_token_revoked", "reauth"), ("token_for_other_client", "fix_config"),
        ("refresh_token_malformed", "fix_config")]


def test_a_bare_invalid_grant_keeps_every_candidate() -> None:
    got = classify(400, lwa("invalid_grant", "The grant is not valid."), provider="amazon", rulebook=RuleBook())
    assert {c.cause for c in got.candidates} == {"auth_code_expired", "auth_code_reused", "refresh_token_revoked",
                                                 "redirect_uri_differs_from_authorize", "token_for_other_client"}
    assert got.basis == "confirmed"


@pytest.mark.parametrize("text", [
    # Amazon's Java SDK (LWAClient.java) and C#/PHP SDKs (LWAClient.cs, LWAClient.php) wrap LWA's answer.
    'com.amazon.SellingPartnerAPIAA.LWAException: Error getting LWA Token '
    '{"error":"invalid_grant","error_description":"The grant is not valid."}',
    'LWAException: Error getting LWA Access Token {"error":"invalid_grant","error_description":"bad grant"}',
])
def test_the_sdk_exception_texts_are_amazon(text: str) -> None:
    got = classify(None, text, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.decision) == ("amazon", "invalid_grant", "reauth")


@pytest.mark.parametrize("url", [
    TOKEN_URL,
    "https://www.amazon.com/ap/oa?client_id=amzn1.application-oa2-client.x&response_type=code",
    "https://sellercentral.amazon.com/apps/authorize/consent?application_id=amzn1.sellerapps.app.x&version=beta",
    "https://sellercentral-europe.amazon.com/apps/authorize/consent?application_id=amzn1.sellerapps.app.x",
    "https://vendorcentral.amazon.co.jp/apps/authorize/consent?application_id=amzn1.sellerapps.app.x",
    "https://sellingpartnerapi-fe.amazon.com/orders/v0/orders",
    "https://sandbox.sellingpartnerapi-eu.amazon.com/orders/v0/orders",
])
def test_amazon_is_detected_from_its_hosts(url: str) -> None:
    got = classify(400, '{"message": "something unforeseen"}', url=url, rulebook=RuleBook())
    assert got.provider == "amazon"


def test_the_token_path_finds_amazon_in_a_log_line() -> None:
    text = ('POST https://api.amazon.com/auth/o2/token failed: 400 '
            '{"error":"invalid_grant","error_description":"The grant is not valid."}')
    got = classify(None, text, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.decision) == ("amazon", "invalid_grant", "reauth")


@pytest.mark.parametrize(("status", "body", "url"), [
    # Amazon Cognito (its own profile): an RFC body from a Cognito domain and its JSON API's exception shape.
    (400, '{"error":"invalid_grant"}', "https://example.auth.us-east-1.amazoncognito.com/oauth2/token"),
    (400, '{"__type":"NotAuthorizedException","message":"Incorrect username or password."}',
     "https://cognito-idp.us-east-1.amazonaws.com/"),
    # Square's and GitHub's error lists are not the SP-API's.
    (401, '{"errors":[{"category":"AUTHENTICATION_ERROR","code":"UNAUTHORIZED","detail":"x"}]}', None),
    (422, '{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}]}',
     None),
    # A plain RFC body names no provider.
    (400, '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}', None),
])
def test_other_bodies_are_not_claimed(status: int, body: str, url: str | None) -> None:
    assert classify(status, body, url=url, rulebook=RuleBook()).provider != "amazon"


@pytest.mark.parametrize("alias", ["amazon-lwa", "LWA", "login-with-amazon", "sp-api", "selling-partner-api"])
def test_aliases_resolve(alias: str) -> None:
    assert resolve_id(alias) == "amazon"


def test_cognito_aliases_stay_cognito() -> None:
    assert resolve_id("cognito") == "aws-cognito"
    assert resolve_id("amazon-cognito") == "aws-cognito"


def test_amazon_profile_facts() -> None:
    profile = get_profile("amazon")
    assert profile.kind == "provider"
    assert profile.endpoints.authorize.url == "https://www.amazon.com/ap/oa"
    assert profile.endpoints.token.url == TOKEN_URL
    # Basic too, and a public app's 365-day authorisation (Login with Amazon, SP-API docs; re-read 2026-12-07)
    assert profile.client_auth.accepted == ["client_secret_post", "client_secret_basic"]
    assert profile.grants.supported == ["authorization_code", "refresh_token", "client_credentials"]
    policy = profile.token_policy
    assert policy.access_token_lifetime.seconds == 3600 and policy.access_token_lifetime.basis == "confirmed"
    assert policy.refresh_token_lifetime.seconds is None and "365 days" in policy.refresh_token_lifetime.text
    assert policy.rotation.mode == "none" and policy.rotation.omits_refresh_token is False
    pinned = ("https://github.com/amzn/selling-partner-api-docs/blob/c2888de06b0ad6961a7c95560cfddebd36ac530f/"
              "guides/en-US/developer-guide/SellingPartnerApiDeveloperGuide.md#L")
    assert policy.access_token_lifetime.source.startswith(pinned)
    assert any("five minutes" in quirk.text for quirk in profile.quirks)


@pytest.mark.parametrize(("registered", "sent", "accepted"), [
    ("https://app.example.com/amazon/callback", "https://app.example.com/amazon/callback", True),
    ("https://app.example.com/amazon/callback", "https://app.example.com/amazon/callback/", False),
    ("http://localhost:8000/cb", "http://localhost:9000/cb", False),
])
def test_redirect_rule(registered: str, sent: str, accepted: bool) -> None:
    assert compare([registered], sent, provider="amazon").accepted is accepted


def test_omitted_redirect_uri_uses_the_first_registered_one() -> None:
    got = compare(["https://app.example.com/first", "https://app.example.com/second"], None, provider="amazon")
    assert got.accepted is True
    assert got.redirect_to == "https://app.example.com/first"


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "sp-api", "--format", "json", "--status", "400",
         spapi("Unauthorized", DENIED, "Access token is missing in the request header.")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["normalized_status"]) == (
        "amazon", "invalid_request", "access_token_missing", "fix_config", 401)
    assert out["basis"] == "confirmed"
    assert any("x-amz-access-token" in hint for hint in out["hints"])
