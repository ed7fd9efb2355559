"""The Rauthy profile: Rauthy's own error bodies and messages map to the class, cause and decision the profile states;
its body shape is recognised without ``--provider``; Spring Boot's look-alike error body and other servers' bodies are
not claimed; and the facts a verdict rests on (endpoints under /auth/v1, PKCE S256 by default, refresh tokens only
with the refresh_token flow, a 5-second reuse grace, exact-or-trailing-star redirect URIs) read as Rauthy's code has
them.

Bodies are built the way Rauthy writes them (sebadob/rauthy@f622330): ``ErrorResponse {timestamp, error, message}``
with a unit variant of ``ErrorResponseType`` as ``error`` (src/error/src/lib.rs), the messages of its grant handlers,
client checks and JWT validation. Nothing here is copied from a report.
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


def rauthy(error: str, message: str) -> str:
    """Rauthy's ErrorResponse: unix-seconds timestamp, the error type's variant name, the message."""
    return json.dumps({"timestamp": 1764930000, "error": error, "message": message})


CASES = [
    # (status, body, class, cause, decision)
    (400, rauthy("BadRequest", "Invalid redirect uri"), "redirect_uri_mismatch", "redirect_uri_not_registered",
     "fix_config"),
    (400, rauthy("BadRequest", "'code_challenge' is missing"), "invalid_request", "pkce_challenge_missing",
     "fix_config"),
    (400, rauthy("BadRequest", "code_challenge_method 'plain' is not allowed"), "invalid_request",
     "pkce_method_not_supported", "fix_config"),
    (400, rauthy("BadRequest", "'code_challenge' not enabled for this client"), "invalid_request",
     "pkce_not_enabled_for_client", "fix_config"),
    (400, rauthy("BadRequest", "'code_verifier' is missing"), "invalid_request", "pkce_verifier_missing",
     "fix_config"),
    (401, rauthy("Unauthorized", "'code_verifier' does not match the challenge"), "invalid_grant",
     "pkce_verifier_mismatch", "fix_config"),
    (401, rauthy("Unauthorized", "'auth_code' could not be found inside the cache"), "invalid_grant",
     "auth_code_invalid_or_reused", "reauth"),
    (401, rauthy("SessionExpired", "The Authorization Code has expired"), "invalid_grant", "auth_code_expired",
     "reauth"),
    (401, rauthy("Unauthorized", "Wrong 'code' for client_id 'app'"), "invalid_grant",
     "grant_issued_for_other_client_or_endpoint", "fix_config"),
    (400, rauthy("BadRequest", "'redirect_uri' is missing"), "invalid_request", "missing_parameter", "fix_config"),
    (400, rauthy("BadRequest", "'client_secret' is missing"), "invalid_client", "ambiguous", "fix_config"),
    (401, rauthy("Unauthorized", "Invalid 'client_secret'"), "invalid_client", "bad_client_secret", "fix_config"),
    (404, rauthy("NotFound", "Client 'app' not found"), "invalid_client", "unknown_client_id", "fix_config"),
    (400, rauthy("BadRequest", "client is disabled"), "unauthorized_client", "client_disabled", "fix_config"),
    (400, rauthy("BadRequest", "'refresh_token' flow is not allowed for this client"), "unauthorized_client",
     "grant_type_not_enabled_for_client", "fix_config"),
    (400, rauthy("BadRequest", "'client_credentials' flow is allowed for confidential clients only"),
     "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config"),
    (400, rauthy("BadRequest", "Invalid 'grant_type'"), "unsupported_grant_type", "grant_type_not_supported",
     "fix_config"),
    (404, rauthy("NotFound", "Refresh Token does not exist"), "invalid_grant", "ambiguous", "reauth"),
    (401, rauthy("JwtToken", "Token is not valid yet"), "invalid_grant", "ambiguous", "fix_config"),
    (401, rauthy("JwtToken", "Token was issued in the future"), "invalid_token", "clock_skew", "fix_config"),
    (401, rauthy("JwtToken", "Token has expired"), "invalid_token", "ambiguous", "retry"),
    (401, rauthy("JwtToken", "Invalid `iss`"), "invalid_token", "token_from_other_issuer", "fix_config"),
    (403, rauthy("Forbidden", "The refresh token is bound to a missing DPoP proof"), "invalid_grant",
     "dpop_proof_invalid", "fix_config"),
    (401, rauthy("Disabled", "User is not enabled"), "access_denied", "account_disabled", "fix_config"),
    (401, rauthy("Disabled", "User has expired"), "access_denied", "account_disabled", "fix_config"),
    (403, rauthy("Forbidden", "You don't have access to this client, please contact your Administrator"),
     "access_denied", "user_not_assigned_to_app", "fix_config"),
    (400, rauthy("BadRequest", "Coming from an external Origin 'https://spa.example.com' which is not allowed"),
     "invalid_request", "origin_not_trusted", "fix_config"),
    (406, rauthy("MfaRequired", "MFA is required for this client"), "interaction_required", "mfa_required",
     "reauth"),
    # userinfo's WWWAuthenticate variant serialises as an object in "error".
    (401, json.dumps({"timestamp": 1764930000, "error": {"WWWAuthenticate": "token-revoked"},
                      "message": "The token has been revoked"}), "invalid_token", "token_revoked", "reauth"),
    (401, json.dumps({"timestamp": 1764930000, "error": {"WWWAuthenticate": "user-not-found"},
                      "message": "The user has not been found"}), "invalid_token", "user_deleted", "reauth"),
    (400, rauthy("BadRequest", "Not a user token"), "invalid_token", "wrong_token_type", "fix_config"),
]


@pytest.mark.parametrize(("status", "text", "cls", "cause", "decision"), CASES)
def test_rauthy_error_texts(status: int, text: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, text, provider="rauthy")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_client_secret_missing_names_the_client_credentials_quirk() -> None:
    got = classify(400, rauthy("BadRequest", "'client_secret' is missing"), provider="rauthy")
    assert [c.cause for c in got.candidates] == ["client_authentication_missing", "wrong_client_auth_method"]


def test_early_refresh_is_the_first_candidate() -> None:
    got = classify(401, rauthy("JwtToken", "Token is not valid yet"), provider="rauthy")
    assert [c.cause for c in got.candidates] == ["refresh_too_early", "clock_skew"]


def test_expired_jwt_lists_access_and_refresh_token() -> None:
    # One message for both JWTs: the refresh grant validates the refresh token's claims with the same code.
    got = classify(401, rauthy("JwtToken", "Token has expired"), provider="rauthy")
    assert [(c.cause, c.decision) for c in got.candidates] == [("access_token_expired", "retry"),
                                                               ("refresh_token_expired", "reauth")]


def test_rauthys_error_page_reads_like_its_json() -> None:
    page = ("<!DOCTYPE html><html><head><title>400 Bad Request</title></head><body><h1>400</h1>"
            "<p>Invalid redirect uri</p></body></html>")
    got = classify(400, page, provider="rauthy")
    assert (got.failure_class, got.cause) == ("redirect_uri_mismatch", "redirect_uri_not_registered")


@pytest.mark.parametrize(("status", "text", "cls", "decision"), [
    (400, rauthy("BadRequest", "Invalid redirect uri"), "redirect_uri_mismatch", "fix_config"),
    (404, rauthy("NotFound", "Refresh Token does not exist"), "invalid_grant", "reauth"),
    (401, rauthy("JwtToken", "Token is not valid yet"), "invalid_grant", "fix_config"),
    (400, rauthy("BadRequest", "'client_secret' is missing"), "invalid_client", "fix_config"),
])
def test_rauthy_bodies_are_detected_without_provider(status: int, text: str, cls: str, decision: str) -> None:
    got = classify(status, text)
    assert got.provider == "rauthy"
    assert (got.failure_class, got.decision) == (cls, decision)


def test_spring_boot_error_body_is_not_claimed() -> None:
    spring = json.dumps({"timestamp": "2026-12-05T10:00:00.000+00:00", "status": 400, "error": "Bad Request",
                         "message": "Invalid redirect uri", "path": "/oauth/token"})
    assert classify(400, spring).provider != "rauthy"


def test_no_other_providers_corpus_body_is_claimed() -> None:
    book = RuleBook()
    claimed = []
    for path in sorted(FIXTURES.glob("errors_corpus_dev*.yaml")) + [FIXTURES / "errors_dev.yaml"]:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            if case.get("provider") == "rauthy":
                continue
            got = classify(case.get("status"), case.get("body"), case.get("headers"), rulebook=book)
            if got.provider == "rauthy":
                claimed.append(case.get("id"))
    assert claimed == []


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "rauthy-oidc", "--format",
                           "json", "--status", "404", rauthy("NotFound", "Refresh Token does not exist")],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["provider"] == "rauthy"
    assert (out["class"], out["cause"], out["decision"]) == ("invalid_grant", "ambiguous", "reauth")


def test_alias_resolves() -> None:
    assert resolve_id("rauthy-oidc") == "rauthy"


@pytest.mark.parametrize(("registered", "sent", "accepted"), [
    ("https://app.example.com/oauth/callback", "https://app.example.com/oauth/callback", True),
    ("https://app.example.com/oauth/callback", "https://app.example.com/oauth/callback/", False),
    ("https://app.example.com/oauth/callback", "https://APP.example.com/oauth/callback", False),
    ("https://app.example.com/*", "https://app.example.com/oauth/callback", True),
    ("http://localhost:8080/cb", "http://localhost:9000/cb", False),
])
def test_redirect_uris_exact_or_trailing_star(registered: str, sent: str, accepted: bool) -> None:
    assert compare([registered], sent, provider="rauthy").accepted is accepted


def test_rauthy_profile_facts() -> None:
    profile = get_profile("rauthy")
    assert profile.kind == "server"
    assert profile.endpoints.authorize.url == "{issuer}/oidc/authorize"
    assert profile.endpoints.token.url == "{issuer}/oidc/token"
    assert profile.endpoints.device.url == "{issuer}/oidc/device"
    assert profile.endpoints.revocation.url == "{issuer}/oidc/token/revoke"
    assert profile.pkce.required == "always" and profile.pkce.methods == ["S256", "plain"]
    policy = profile.token_policy
    assert policy.access_token_lifetime is not None and policy.access_token_lifetime.seconds == 1800
    assert policy.refresh_token_lifetime is not None and policy.refresh_token_lifetime.seconds == 48 * 3600
    assert policy.rotation is not None and policy.rotation.mode == "always"
    assert policy.rotation.reuse_grace_seconds == 5
    assert [o.grant for o in profile.grants.off_by_default] == ["refresh_token", "client_credentials"]
    assert profile.redirect.omission().when == "rejected"
