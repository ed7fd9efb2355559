"""The FusionAuth profile: FusionAuth's ``error_reason`` values map to the class, cause and decision the profile
states, a FusionAuth body (or a FusionAuth Cloud token URL) is recognised without ``--provider``, and other
providers' bodies stay theirs.

Bodies are written here in the shape of FusionAuth's ``OAuthError`` (``error``, ``error_reason``,
``error_description``, as its Java and TypeScript clients declare it) with values of its ``OAuthErrorType`` and
``OAuthErrorReason`` enums; the descriptions are our own wording, not FusionAuth's, so the tests show the reason
decides, not the prose.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id


def fa(error: str, reason: str, description: str = "Request failed.") -> str:
    return json.dumps({"error": error, "error_reason": reason, "error_description": description})


CASES = [
    # (status, error, error_reason, class, cause, decision)
    (400, "invalid_grant", "auth_code_not_found", "invalid_grant", "auth_code_invalid_or_reused", "reauth"),
    (400, "invalid_grant", "refresh_token_not_found", "invalid_grant", "ambiguous", "reauth"),
    (401, "invalid_client", "invalid_client_authentication", "invalid_client", "bad_client_credentials", "fix_config"),
    (401, "invalid_client", "client_authentication_missing", "invalid_client", "client_authentication_missing",
     "fix_config"),
    (400, "invalid_request", "missing_client_secret", "invalid_client", "client_authentication_missing", "fix_config"),
    (400, "invalid_client", "invalid_client_id", "invalid_client", "unknown_client_id", "fix_config"),
    (400, "invalid_request", "invalid_redirect_uri", "redirect_uri_mismatch", "ambiguous", "fix_config"),
    (400, "invalid_grant", "invalid_pkce_code_verifier", "invalid_grant", "pkce_verifier_mismatch", "fix_config"),
    (400, "invalid_request", "missing_code_verifier", "invalid_request", "pkce_verifier_missing", "fix_config"),
    (400, "invalid_request", "missing_code_challenge", "invalid_request", "pkce_challenge_missing", "fix_config"),
    (400, "unauthorized_client", "grant_type_disabled", "unauthorized_client", "grant_type_not_enabled_for_client",
     "fix_config"),
    (400, "unsupported_grant_type", "invalid_grant_type", "unsupported_grant_type", "grant_type_not_supported",
     "fix_config"),
    (401, "invalid_token", "access_token_expired", "invalid_token", "access_token_expired", "retry"),
    (401, "invalid_token", "access_token_invalid", "invalid_token", "ambiguous", "retry"),
    (401, "invalid_token", "access_token_malformed", "invalid_token", "access_token_malformed", "fix_config"),
    (400, "invalid_scope", "unknown_scope", "invalid_scope", "invalid_scope_requested", "fix_config"),
    (400, "login_required", "authentication_required", "interaction_required", "login_required", "reauth"),
    (400, "consent_required", "consent_required", "interaction_required", "consent_required", "reauth"),
    (400, "login_required", "multi_factor_challenge_required", "interaction_required", "mfa_required", "reauth"),
    (400, "access_denied", "consent_canceled", "access_denied", "user_denied_consent", "reauth"),
    (400, "invalid_grant", "invalid_user_credentials", "invalid_grant", "resource_owner_credentials_invalid",
     "fix_config"),
    # a failed-login lockout ends by itself, an admin's action does not (FusionAuth's lockout guide): both candidates
    (400, "invalid_grant", "login_prevented", "invalid_grant", "ambiguous", "fix_config"),
    (400, "expired_token", "user_code_expired", "expired_token", "device_code_expired", "reauth"),
    (400, "change_password_required", "change_password_expired", "interaction_required", "password_change_required",
     "reauth"),
    (400, "invalid_request", "missing_tenant_id", "invalid_request", "missing_parameter", "fix_config"),
]


NAMED_ONLY = {"auth_code_not_found", "refresh_token_not_found", "access_token_invalid"}


@pytest.mark.parametrize(("status", "error", "reason", "cls", "cause", "decision"), CASES, ids=[c[2] for c in CASES])
def test_fusionauth_reasons_map_as_the_profile_states(status: int, error: str, reason: str, cls: str, cause: str,
                                                      decision: str) -> None:
    for provider in ("fusionauth", None):  # the error_reason field alone names the provider
        e = classify(status, fa(error, reason), provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("fusionauth", cls, cause, decision)
        assert e.provider_code == reason
        # reasons a FusionAuth docs page explains are confirmed; the rest are names only (the enum), and say so
        assert e.basis == ("heuristic" if reason in NAMED_ONLY else "confirmed")


def test_refresh_token_not_found_lists_the_application_settings_as_candidates() -> None:
    e = classify(400, fa("invalid_grant", "refresh_token_not_found", "The refresh token is not valid."))
    assert [c.cause for c in e.candidates] == ["refresh_token_expired", "refresh_token_revoked",
                                               "refresh_token_reused_after_rotation"]
    assert e.confidence == "low"


def test_the_reason_wins_over_the_words_of_the_description() -> None:
    # A description that alone would read as a dead grant: the reason names the PKCE verifier.
    e = classify(400, fa("invalid_grant", "invalid_pkce_code_verifier", "The grant is invalid or expired."))
    assert (e.failure_class, e.cause, e.decision) == ("invalid_grant", "pkce_verifier_mismatch", "fix_config")


def test_fusionauth_own_error_types_without_a_reason() -> None:
    e = classify(400, json.dumps({"error": "two_factor_required", "two_factor_id": "b3a1c2"}))
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("fusionauth", "interaction_required",
                                                                  "mfa_required", "reauth")
    e = classify(403, json.dumps({"error": "not_licensed", "error_description": "Not licensed."}))
    assert (e.provider, e.failure_class, e.decision) == ("fusionauth", "access_denied", "fix_config")


def test_fusionauth_cloud_token_url_names_the_provider() -> None:
    body = json.dumps({"error": "invalid_grant", "error_description": "Invalid."})
    e = classify(400, body, url="https://acme.fusionauth.io/oauth2/token")
    assert e.provider == "fusionauth"
    assert (e.failure_class, e.decision) == ("invalid_grant", "reauth")


def test_other_providers_bodies_are_not_claimed() -> None:
    slack = classify(200, json.dumps({"ok": False, "error": "invalid_auth"}))
    assert slack.provider == "slack"
    plain = classify(400, json.dumps({"error": "invalid_grant", "error_description": "Bad Request"}))
    assert plain.provider != "fusionauth"
    # A reason field that is not one of FusionAuth's values is not FusionAuth's.
    other = classify(400, json.dumps({"error": "invalid_request", "error_reason": "bad_things_happened"}))
    assert other.provider != "fusionauth"
    # FusionAuth's catch-all reason 'unknown' names nobody.
    vague = classify(400, json.dumps({"error": "invalid_request", "error_reason": "unknown"}))
    assert vague.provider != "fusionauth"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("fusionauth")
    assert resolve_id("fusion-auth") == "fusionauth"
    assert profile.kind == "server"
    assert profile.endpoints.token.url == "{issuer}/oauth2/token"
    assert profile.endpoints.device.url == "{issuer}/oauth2/device_authorize"
    assert profile.token_policy.access_token_lifetime.seconds == 3600
    assert profile.token_policy.refresh_token_lifetime.seconds == 30 * 24 * 60 * 60
    assert profile.token_policy.rotation.mode == "optional"
    assert profile.pkce.required == "never"
    assert "device_code" in profile.grants.supported


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "fusionauth", "--format", "json", "--status",
         "400", fa("unauthorized_client", "grant_type_disabled", "The grant is not enabled for this application.")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "fusionauth", "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config", "grant_type_disabled")
