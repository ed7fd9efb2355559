"""The WorkOS profile: WorkOS's sign-in step codes, its OAuth-style errors and its SDKs' own messages map to the
class, cause and decision the profile states; a WorkOS body is recognised without ``--provider``; other providers'
bodies stay theirs.

Bodies are built here from WorkOS's own SDKs: the error shapes ``handleHttpError`` reads (``{error,
error_description}`` and ``{code, message}`` with ``pending_authentication_token``) and the bodies of workos-node's
tests at fd885bc (``session.spec.ts``, ``workos.spec.ts``), the codes of workos-python's ``_errors.py`` at 1a0d410,
and the texts the Node SDK and authkit-nextjs (6212029) throw. None is copied from a report.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

PAT = "pat_01HZY0000000000000000000"


def step(code: str, message: str | None = None, **extra: object) -> str:
    """A User Management 403 for a sign-in step: the code, a message and the pending authentication token."""
    body: dict[str, object] = {"code": code, "pending_authentication_token": PAT, **extra}
    if message:
        body["message"] = message
    return json.dumps(body)


STEP_CASES = [
    # (code, message, extra fields, class, cause, decision)
    ("email_verification_required", "Email ownership must be verified before authentication.",
     {"email": "ana@example.com", "email_verification_id": "email_verification_01"},
     "interaction_required", "email_verification_required", "fix_config"),
    ("organization_selection_required", "The user must choose an organization.",
     {"organizations": [{"id": "org_01", "name": "Acme"}, {"id": "org_02", "name": "Globex"}]},
     "interaction_required", "organization_selection_required", "fix_config"),
    ("mfa_challenge", "The user must complete an MFA challenge.",
     {"authentication_factors": [{"id": "auth_factor_01", "type": "totp"}]},
     "interaction_required", "mfa_challenge_required", "fix_config"),
    ("radar_email_challenge", None, {"radar_challenge_id": "radar_challenge_01ABC"},
     "interaction_required", "fraud_check_challenge", "fix_config"),
    ("radar_sms_challenge", None, {}, "interaction_required", "fraud_check_challenge", "fix_config"),
    ("passkey_progressive_enrollment", None, {}, "interaction_required", "passkey_enrollment_required",
     "fix_config"),
    ("organization_authentication_methods_required", "This organization requires specific sign-in methods.",
     {"auth_methods": {"password": False, "sso": True}, "sso_connection_ids": ["conn_01"]},
     "access_denied", "organization_auth_method_required", "fix_config"),
    ("email_password_auth_disabled", "Email and password sign-in is disabled.", {},
     "access_denied", "sign_in_method_disabled", "fix_config"),
    ("authentication_method_not_allowed", None, {}, "access_denied", "sign_in_method_disabled", "fix_config"),
]


@pytest.mark.parametrize(("code", "message", "extra", "cls", "cause", "decision"), STEP_CASES,
                         ids=[c[0] for c in STEP_CASES])
def test_sign_in_step_codes_are_recognised_and_mapped(code: str, message: str | None, extra: dict[str, object],
                                                      cls: str, cause: str, decision: str) -> None:
    e = classify(403, step(code, message, **extra))
    assert (e.provider, e.provider_code) == ("workos", code)
    assert (e.failure_class, e.cause, e.decision) == (cls, cause, decision)


def test_mfa_enrollment_lists_sign_in_step_against_a_refresh_that_ended_the_session() -> None:
    body = json.dumps({"code": "mfa_enrollment", "message": "User must enroll in MFA."})  # session.spec.ts L258-L265
    e = classify(403, body).to_json()
    assert (e["provider"], e["class"], e["cause"], e["decision"]) == (
        "workos", "interaction_required", "ambiguous", "fix_config")
    assert [(c["cause"], c["decision"]) for c in e["candidates"]] == [
        ("mfa_enrollment_required", "fix_config"), ("refresh_token_session_needs_mfa", "reauth")]
    # Both candidates stay for a refresh: the sign-in candidate is tied to no grant the schema can name (WorkOS's
    # sign-in steps follow password, magic-auth and code grants alike).
    refresh = classify(403, body, provider="workos", grant_type="refresh_token").to_json()
    assert "refresh_token_session_needs_mfa" in [c["cause"] for c in refresh["candidates"]]


def test_sso_required_names_the_connections_and_leans_to_what_the_app_must_do() -> None:
    body = json.dumps({"error": "sso_required",
                       "error_description": "User must authenticate using one of the matching connections.",
                       "email": "ana@example.com", "connection_ids": ["conn_123"]})  # workos.spec.ts L363-L372
    e = classify(400, body).to_json()
    assert (e["provider"], e["class"], e["cause"], e["decision"]) == ("workos", "access_denied", "ambiguous",
                                                                       "fix_config")
    assert [c["cause"] for c in e["candidates"]] == ["sso_required_by_organization",
                                                     "refresh_token_session_needs_sso"]
    assert [c["decision"] for c in e["candidates"]] == ["fix_config", "reauth"]


def test_a_refused_refresh_token_ends_the_session() -> None:
    body = json.dumps({"error": "invalid_grant", "error_description": "Invalid refresh token."})  # session.spec.ts
    e = classify(400, body, url="https://api.workos.com/user_management/authenticate")
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("workos", "invalid_grant", "refresh_token_invalid",
                                                                 "reauth")
    assert any("single-use" in h for h in e.hints)


def test_a_bare_invalid_grant_at_workos_lists_the_grant_and_the_rotation_race() -> None:
    e = classify(400, json.dumps({"error": "invalid_grant"}), provider="workos").to_json()
    assert (e["class"], e["cause"], e["decision"]) == ("invalid_grant", "ambiguous", "reauth")
    assert [c["cause"] for c in e["candidates"]] == [
        "refresh_token_session_ended", "refresh_token_reused_after_rotation", "auth_code_expired_or_reused"]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), [
    (200, {"active": False, "error": "needs_reauthorization"}, "invalid_grant", "connection_needs_reauthorization",
     "reauth"),
    (200, {"active": False, "error": "not_installed"}, "invalid_grant", "connection_not_installed", "reauth"),
])
def test_pipes_access_token_answers(status: int, body: dict[str, object], cls: str, cause: str,
                                    decision: str) -> None:
    e = classify(status, json.dumps(body))
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("workos", cls, cause, decision)


@pytest.mark.parametrize(("status", "cls", "decision"), [(429, "rate_limited", "retry"),
                                                         (408, "temporarily_unavailable", "retry")])
def test_transient_answers_keep_the_session(status: int, cls: str, decision: str) -> None:
    e = classify(status, json.dumps({"message": "Too many requests"}),
                 url="https://api.workos.com/user_management/authenticate")
    assert (e.provider, e.failure_class, e.decision) == ("workos", cls, decision)


@pytest.mark.parametrize(("text", "cls", "cause", "decision"), [
    ("UnauthorizedException: Could not authorize the request. Maybe your API key is invalid?",
     "invalid_client", "ambiguous", "fix_config"),
    ('ApiKeyRequiredException: API key required for "/organizations". For server-side apps, initialize with: '
     'new WorkOS("sk_..."). For browser/mobile/CLI apps, use authenticateWithCodeAndVerifier() and '
     "authenticateWithRefreshToken() which work without an API key.", "invalid_client", "api_key_missing",
     "fix_config"),
    ('NoApiKeyProvidedException: Missing API key. Pass it to the constructor (new WorkOS("sk_test_123")) or define '
     "it in the WORKOS_API_KEY environment variable.", "invalid_client", "api_key_missing", "fix_config"),
    ("Error: You must provide a valid cookie password that is at least 32 characters in the environment variables.",
     "invalid_request", "session_secret_missing", "fix_config"),
    ("CallbackError: Sign-in session could not be verified. Please try signing in again.",
     "invalid_request", "ambiguous", "fix_config"),
])
def test_sdk_messages_name_workos(text: str, cls: str, cause: str, decision: str) -> None:
    e = classify(None, text)
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("workos", cls, cause, decision)


def test_the_401_message_lists_the_api_key_against_an_old_access_token() -> None:
    e = classify(401, "Could not authorize the request. Maybe your API key is invalid?").to_json()
    assert [(c["cause"], c["decision"]) for c in e["candidates"]] == [
        ("api_key_invalid", "fix_config"), ("access_token_expired", "reauth")]


@pytest.mark.parametrize("url", ["https://api.workos.com/sso/token",
                                 "https://api.workos.com/user_management/authenticate"])
def test_the_api_host_names_workos(url: str) -> None:
    assert classify(400, json.dumps({"error": "invalid_client"}), url=url).provider == "workos"


def test_other_providers_bodies_stay_theirs() -> None:
    # A bare RFC body names nobody: WorkOS's signatures need its own fields or codes.
    bare = classify(400, json.dumps({"error": "invalid_grant", "error_description": "Invalid refresh token."}))
    assert bare.provider != "workos"
    assert (bare.failure_class, bare.decision) == ("invalid_grant", "reauth")
    # Clerk's errors[] body and Notion's {object: error, code} keep their providers.
    clerk = classify(403, json.dumps({"errors": [{"code": "oauth_access_denied", "message": "",
                                                  "long_message": "You did not grant access"}],
                                      "clerk_trace_id": "3c0f1d5e"}))
    assert clerk.provider == "clerk"
    notion = classify(401, json.dumps({"object": "error", "status": 401, "code": "unauthorized",
                                       "message": "API token is invalid."}))
    assert notion.provider == "notion"
    # A generic 403 with a message but no WorkOS code is not WorkOS's.
    generic = classify(403, json.dumps({"code": "forbidden", "message": "Forbidden"}))
    assert generic.provider != "workos"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("workos")
    assert resolve_id("authkit") == "workos"
    assert profile.kind == "provider"
    assert profile.endpoints.authorize.url == "https://api.workos.com/sso/authorize"
    assert profile.endpoints.token.url == "https://api.workos.com/sso/token"
    assert profile.endpoints.hosts == ["api.workos.com"]
    assert profile.client_auth.accepted == ["client_secret_post", "none"]
    assert (profile.pkce.required, profile.pkce.methods) == ("public_clients", ["S256"])
    assert profile.token_policy.rotation.mode == "always"
    assert profile.token_policy.rotation.basis == "confirmed"
    for code, outcome in profile.errors.codes.items():
        assert outcome.source and outcome.source.startswith("https://github.com/workos/"), code
        assert outcome.basis in ("confirmed", "heuristic"), code


def test_explain_cli_end_to_end() -> None:
    body = step("organization_selection_required", "The user must choose an organization.")
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "workos", "--status", "403", "--format",
         "json", body],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "workos", "interaction_required", "organization_selection_required", "fix_config",
        "organization_selection_required")
