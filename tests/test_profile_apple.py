"""The Sign in with Apple profile: Apple's token-endpoint codes and the native sign-in errors map to the class,
cause and decision the profile states, Apple is recognised from its token URL's host and from the native error
names, other providers' bodies stay theirs, and Apple's redirect rule (exact, https only) holds.

The bodies are what Apple's token endpoint and the clients that talk to it produce: a bare RFC 6749
``{"error": ...}`` from ``/auth/token`` (Apple's TN3107 and Generate and Validate Tokens pages say what each code
means there; social-core, django-allauth and apple-auth send the requests), the ``AuthorizationError error 1000`` /
``1001`` NSError text and the Android ``E_*_ERROR`` codes of react-native-apple-authentication at 5f7a8d7. None is
copied from a report.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile, resolve_id
from oauthdoctor.redirect import compare

TOKEN_URL = "https://appleid.apple.com/auth/token"
NSERROR = "The operation couldn\u2019t be completed. (com.apple.AuthenticationServices.AuthorizationError error {n}.)"


def run(status: int | None, body: str, provider: str | None = "apple", url: str | None = None) -> tuple:
    got = classify(status, body, provider=provider, url=url, rulebook=RuleBook())
    return got.provider, got.failure_class, got.cause, got.decision


def test_aliases_resolve_to_apple() -> None:
    for alias in ("apple", "sign-in-with-apple", "siwa", "appleid"):
        assert resolve_id(alias) == "apple"


def test_invalid_client_lists_apples_client_secret_causes_and_decides_fix_config() -> None:
    got = classify(400, '{"error":"invalid_client"}', provider="apple", rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision, got.normalized_status) == (
        "invalid_client", "ambiguous", "fix_config", 401)
    causes = [c.cause for c in got.candidates]
    assert causes == ["client_secret_jwt_expired", "client_secret_jwt_claims_wrong", "client_id_identifier_mismatch",
                      "key_not_for_primary_app_id", "redirect_uri_not_registered"]
    assert {c.decision for c in got.candidates} == {"fix_config"}
    assert got.basis == "confirmed"  # TN3107: invalid_client at the token endpoint


def test_invalid_grant_leans_reauth_with_the_identifier_and_redirect_causes_as_fix_config() -> None:
    got = classify(400, '{"error":"invalid_grant"}', provider="apple", rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == ("invalid_grant", "ambiguous", "reauth")
    by_cause = {c.cause: c.decision for c in got.candidates}
    # TN3107 lists a mismatched redirect URI under invalid_client, not invalid_grant
    assert by_cause == {"auth_code_expired_or_reused": "reauth", "refresh_token_revoked": "reauth",
                        "grant_issued_for_other_client_or_endpoint": "fix_config"}


@pytest.mark.parametrize(("grant", "want"), [
    # a refresh token sent with another client id fails too (Apple's tokens belong to one Services or bundle ID)
    ("refresh_token", ("ambiguous", "reauth", ["refresh_token_revoked", "grant_issued_for_other_client_or_endpoint"])),
    ("authorization_code", ("ambiguous", "reauth", ["auth_code_expired_or_reused",
                                                    "grant_issued_for_other_client_or_endpoint"])),
])
def test_the_failing_grant_keeps_only_its_own_candidates(grant: str, want: tuple) -> None:
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "apple", "--grant-type", grant,
                           "--format", "json", "--status", "400", '{"error":"invalid_grant"}'],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["cause"], out["decision"], [c["cause"] for c in out["candidates"]]) == want


@pytest.mark.parametrize(("body", "want"), [
    (NSERROR.format(n=1001), ("apple", "access_denied", "user_cancelled_sign_in", "reauth")),
    ("[Error: E_SIGNIN_CANCELLED_ERROR]", ("apple", "access_denied", "user_cancelled_sign_in", "reauth")),
    (NSERROR.format(n=1000), ("apple", "unknown", "ambiguous", "fix_config")),
    ("Error: E_NOT_CONFIGURED_ERROR", ("apple", "invalid_request", "library_not_configured", "fix_config")),
])
def test_native_sign_in_errors_are_read_and_detect_apple(body: str, want: tuple) -> None:
    assert run(None, body, provider=None) == want


def test_error_1000_lists_the_three_setup_causes() -> None:
    got = classify(None, NSERROR.format(n=1000), rulebook=RuleBook())
    assert [c.cause for c in got.candidates] == ["sign_in_with_apple_capability_missing",
                                                 "credential_state_on_simulator", "simulator_device_on_apple_account"]
    assert got.confidence == "low"


def test_apple_is_detected_from_the_token_url_host() -> None:
    assert run(400, '{"error":"invalid_client"}', provider=None, url=TOKEN_URL)[:3] == (
        "apple", "invalid_client", "ambiguous")
    assert run(400, '{"error":"invalid_grant"}', provider=None, url=TOKEN_URL)[:2] == ("apple", "invalid_grant")


@pytest.mark.parametrize(("status", "body", "provider"), [
    (400, '{"reason": "Invalid Token!", "error": "invalid_request"}', "zoom"),
    (400, '{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}', None),
    (400, '{"error": "invalid_client"}', None),
])
def test_other_bodies_are_not_apple(status: int, body: str, provider: str | None) -> None:
    got = classify(status, body, rulebook=RuleBook())
    assert got.provider != "apple"
    if provider:
        assert got.provider == provider


def test_a_bare_invalid_client_without_apple_keeps_the_rfc_reading() -> None:
    # Apple's candidates belong to Apple: the same body from an unknown server is plain client authentication.
    assert run(400, '{"error":"invalid_client"}', provider=None) == (
        None, "invalid_client", "bad_client_credentials", "fix_config")


def test_redirect_is_exact_https_only_and_refuses_localhost_and_ip() -> None:
    registered = ["https://app.example.com/auth/apple/callback"]
    assert compare(registered, "https://app.example.com/auth/apple/callback", provider="apple").accepted is True
    assert compare(registered, "https://app.example.com/auth/apple/callback/", provider="apple").accepted is False
    assert compare(["http://localhost:3000/cb"], "http://localhost:3000/cb", provider="apple").accepted is False
    assert compare(["https://192.0.2.10/cb"], "https://192.0.2.10/cb", provider="apple").accepted is False


def test_profile_facts_are_pinned_and_honest_about_basis() -> None:
    profile = get_profile("apple")
    assert profile.endpoints.token.url == TOKEN_URL
    assert profile.endpoints.hosts == ["appleid.apple.com"]
    assert profile.client_auth.accepted == ["client_secret_post"]
    assert profile.token_policy.client_secret_expiry.seconds == 15552000
    # What Apple's pages state is confirmed with the page as its source; the rest rests on clients' code at a commit
    facts = [profile.endpoints.token, profile.client_auth, profile.grants, profile.redirect, *profile.quirks,
             *profile.errors.rules]
    assert {f.basis for f in (profile.endpoints.token, profile.client_auth, profile.grants, profile.redirect)} == {
        "confirmed"}
    assert all((f.source or "").startswith("https://developer.apple.com/") for f in facts if f.basis == "confirmed")
    assert all((f.source or "").startswith("https://github.com/") and "/blob/" in f.source
               for f in facts if f.basis == "heuristic")


def test_cli_explain_end_to_end() -> None:
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "siwa", "--format", "json",
                           "--status", "400", '{"error":"invalid_client"}'],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["basis"]) == (
        "apple", "invalid_client", "ambiguous", "fix_config", "confirmed")
    assert out["candidates"][0]["cause"] == "client_secret_jwt_expired"
