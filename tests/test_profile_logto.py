"""Logto profile: its error bodies as Logto's server builds them, read in logto-io/logto's own code.

Bodies are rebuilt from koa-oidc-error-handler.ts (an OIDC error gets Logto's dotted `code`, an English `message`
from packages/phrases and, for invalid_grant, `error_uri`), RequestError.toBody (the Management and account APIs'
`{code, message, data}`), the descriptions Logto raises itself (adapter.ts, koa-app-secret-transpilation.ts,
grants/*.ts, application-access-control.ts) and the callback of a cancelled sign-in (routes/interaction), not
copied from any report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect import compare

ROOT = Path(__file__).resolve().parents[1]


def oidc(error: str, description: str, message: str, code: str | None = None) -> str:
    """An OIDC endpoint error: Logto's code and message first, then the OAuth fields it keeps."""
    body: dict[str, str] = {"code": code or f"oidc.{error}", "message": message}
    if error == "invalid_grant":
        body["error_uri"] = "https://openid.sh/debug/invalid_grant"
    body.update({"error": error, "error_description": description})
    return json.dumps(body)


def api(code: str, message: str) -> str:
    """A Management/account API error (RequestError.toBody)."""
    return json.dumps({"code": code, "message": message, "data": None})


FALLBACK_CLIENT = "An OIDC error occurred: oidc.invalid_client."

CASES = [
    # (status, body, class, cause, decision)
    # The token endpoint.
    (400, oidc("invalid_grant", "grant request is invalid", "Grant request is invalid."),
     "invalid_grant", "ambiguous", "reauth"),
    (400, oidc("invalid_client", "invalid client 3x1mp5e9c0", FALLBACK_CLIENT),
     "invalid_client", "unknown_client_id", "fix_config"),
    (401, oidc("invalid_client", "client authentication failed", FALLBACK_CLIENT),
     "invalid_client", "bad_client_credentials", "fix_config"),
    (400, oidc("invalid_request", "client secret has expired", "Request is invalid."),
     "invalid_client", "client_secret_expired", "fix_config"),
    (400, oidc("invalid_target", "resource indicator is missing, or unknown", "Invalid resource indicator."),
     "invalid_request", "resource_not_registered", "fix_config"),
    (400, oidc("invalid_target", "both `resource` and `organization_id` are not provided",
               "Invalid resource indicator."), "invalid_request", "resource_not_registered", "fix_config"),
    (400, oidc("invalid_scope", "requested scope is not allowed", "Invalid scope: requested scope is not allowed."),
     "invalid_scope", "scope_not_allowed", "fix_config"),
    (400, oidc("invalid_scope", "refresh token missing requested scope",
               "Invalid scope: refresh token missing requested scope."), "invalid_scope", "granted_scope_differs",
     "fix_config"),
    (403, oidc("insufficient_scope", "refresh token missing required scope",
               "Token missing scope `urn:logto:scope:organizations`."), "insufficient_scope", "missing_scope",
     "fix_config"),
    (403, oidc("access_denied", "user is not a member of the organization", "Access denied."),
     "access_denied", "org_policy_blocks_app", "fix_config"),
    (400, oidc("access_denied", "app has not associated with the organization", "Access denied."),
     "access_denied", "org_policy_blocks_app", "fix_config"),
    (400, oidc("access_denied", "Access denied.", "Access denied."),
     "access_denied", "user_not_assigned_to_app", "fix_config"),
    (404, oidc("invalid_request", "unrecognized route or not allowed method (GET on /oidc/tokens)",
               "Request is invalid."), "invalid_request", "wrong_endpoint_path", "fix_config"),
    (400, oidc("invalid_request", "origin https://other.example.com not allowed for client: 3x1mp5e9c0",
               "Request is invalid."), "invalid_request", "cors_origin_not_allowed", "fix_config"),
    (429, api("auth.exceed_token_limit", "Token limit exceeded. Please contact your administrator."),
     "rate_limited", "token_quota_exceeded", "fix_config"),
    # The authorization endpoint and the sign-in.
    (400, oidc("invalid_request", "Authorization Server policy requires PKCE to be used for this request",
               "Request is invalid."), "invalid_request", "pkce_challenge_missing", "fix_config"),
    (400, oidc("invalid_redirect_uri", "redirect_uri did not match any of the client's registered redirect_uris",
               "`redirect_uri` did not match any of the client's registered `redirect_uris`."),
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, oidc("invalid_request", "session not found", "Session not found. Please go back and sign in again.",
               code="session.not_found"), "invalid_request", "ambiguous", "reauth"),
    (None, "https://app.example.com/callback?error=oidc.aborted&state=Zm9v",
     "access_denied", "user_cancelled_sign_in", "reauth"),
    # Userinfo and the Management / account APIs.
    (401, oidc("invalid_token", "access token not found", "Invalid token provided."),
     "invalid_token", "ambiguous", "retry"),
    (401, api("auth.unauthorized", "Unauthorized. Please check credentials and its scope."),
     "invalid_token", "ambiguous", "retry"),
    (400, api("auth.unauthorized", "Unauthorized. Please check credentials and its scope."),
     "insufficient_scope", "missing_scope", "fix_config"),
    (403, api("auth.forbidden", "Forbidden. Please check your user roles and permissions."),
     "insufficient_scope", "missing_scope", "fix_config"),
    (401, api("auth.authorization_header_missing", "Authorization header is missing."),
     "invalid_request", "access_token_missing", "fix_config"),
    (401, api("auth.authorization_token_type_not_supported", "Authorization type is not supported."),
     "invalid_request", "access_token_missing", "fix_config"),
    (401, api("auth.jwt_sub_missing", "Missing `sub` in JWT."), "invalid_token", "wrong_token_type", "fix_config"),
    (401, api("auth.expected_role_not_found",
              "Expected role not found. Please check your user roles and permissions."),
     "insufficient_scope", "missing_permission", "fix_config"),
    (404, api("entity.not_found", "The resource does not exist."), "invalid_request", "resource_not_found",
     "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "klass", "cause", "decision"), CASES)
def test_logto_bodies_classify_exactly(status: int | None, body: str, klass: str, cause: str,
                                       decision: str) -> None:
    got = classify(status, body, provider="logto")
    assert (got.failure_class, got.cause, got.decision) == (klass, cause, decision)


@pytest.mark.parametrize(("status", "body", "klass"), [(s, b, k) for s, b, k, _, _ in CASES])
def test_logto_is_detected_from_its_bodies(status: int | None, body: str, klass: str) -> None:
    got = classify(status, body)
    assert (got.provider, got.failure_class) == ("logto", klass)


def test_invalid_grant_names_logtos_refresh_causes() -> None:
    got = classify(400, oidc("invalid_grant", "grant request is invalid", "Grant request is invalid."),
                   provider="logto").to_json()
    assert [c["cause"] for c in got["candidates"]] == [
        "refresh_token_expired", "refresh_token_reused_after_rotation", "auth_code_expired_or_reused",
        "redirect_uri_differs_from_authorize", "pkce_verifier_mismatch", "account_disabled",
        "token_for_other_client", "subject_token_not_first_party"]
    assert got["provider_code"] == "oidc.invalid_grant"


def test_invalid_grant_with_the_refresh_grant_type_keeps_the_refresh_causes() -> None:
    got = classify(400, oidc("invalid_grant", "grant request is invalid", "Grant request is invalid."),
                   provider="logto", grant_type="refresh_token").to_json()
    causes = [c["cause"] for c in got["candidates"]]
    assert "refresh_token_reused_after_rotation" in causes
    assert "redirect_uri_differs_from_authorize" not in causes


def test_management_api_401_lists_audience_and_expiry() -> None:
    got = classify(401, api("auth.unauthorized", "Unauthorized. Please check credentials and its scope."),
                   provider="logto").to_json()
    assert [c["cause"] for c in got["candidates"]] == [
        "access_token_expired", "token_for_wrong_audience", "access_token_malformed", "token_from_other_issuer"]
    assert got["provider_code"] == "auth.unauthorized"


def test_token_url_on_logto_app_names_logto() -> None:
    body = json.dumps({"error": "invalid_grant", "error_description": "grant request is invalid"})
    got = classify(400, body, url="https://abc123.logto.app/oidc/token")
    assert got.provider == "logto"
    assert got.failure_class == "invalid_grant"


def test_plain_oidc_provider_body_stays_oidc_provider() -> None:
    """With parse_error=false Logto's body is oidc-provider's; nothing in it names Logto."""
    body = json.dumps({"error": "invalid_grant", "error_description": "grant request is invalid"})
    assert classify(400, body).provider == "oidc-provider"


def test_other_providers_code_bodies_are_not_logto() -> None:
    supabase = json.dumps({"code": "refresh_token_not_found", "message": "Invalid Refresh Token: Refresh Token "
                           "Not Found"})
    assert classify(400, supabase).provider == "supabase"
    zoom = json.dumps({"code": 124, "message": "Invalid access token."})
    assert classify(401, zoom).provider != "logto"


def test_another_providers_body_does_not_take_logtos_rules() -> None:
    """An Auth0 'Access denied.' must not become Logto's app-level access control."""
    body = json.dumps({"error": "access_denied", "error_description": "Access denied."})
    got = classify(403, body, provider="auth0")
    assert got.cause != "user_not_assigned_to_app"


def test_profile_facts() -> None:
    profile = get_profile("logto")
    assert profile.kind == "provider"
    assert profile.token_policy.access_token_lifetime.seconds == 3600
    assert profile.token_policy.refresh_token_lifetime.seconds == 14 * 86400
    assert profile.token_policy.rotation.reuse_grace_seconds == 3
    assert profile.token_policy.rotation.reuse_detection is True
    assert profile.pkce.required == "public_clients"


@pytest.mark.parametrize(("registered", "sent", "client_type", "accepted"), [
    ("https://app.example.com/callback", "HTTPS://APP.example.com:443/callback", "web", True),
    ("https://*.example.com/callback", "https://pr-42.example.com/callback", "web", True),
    ("https://*.example.com/callback", "https://a.b.example.com/callback", "web", False),
    ("http://localhost:3000/callback", "http://localhost:5173/callback", "native", True),
    ("http://localhost:3000/callback", "http://localhost:5173/callback", "web", False),
    ("https://app.example.com/callback", "https://app.example.com/callback/", "web", False),
])
def test_redirect_matching(registered: str, sent: str, client_type: str, accepted: bool) -> None:
    assert compare([registered], sent, provider="logto", client_type=client_type).accepted is accepted


def test_cli_explain_end_to_end(tmp_path: Path) -> None:
    body = api("auth.forbidden", "Forbidden. Please check your user roles and permissions.")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "logto", "--status", "403",
                           "--format", "json", body], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "logto", "insufficient_scope", "missing_scope", "fix_config")
    assert out["provider_code"] == "auth.forbidden"
