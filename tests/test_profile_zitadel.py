"""ZITADEL's profile (providers/zitadel.yaml): the error texts of zitadel/oidc's handlers (the library ZITADEL's
OAuth endpoints run on) and ZITADEL's own message keys give the exact class, cause and decision; a JWT assertion
refused for its clock or its claims is the client's to fix; ZITADEL is detected from its bodies and its
*.zitadel.cloud token URL; other servers' bodies are not taken for it.

Bodies are built from the texts in zitadel/oidc's source (pkg/op, pkg/oidc at 81322d9) and ZITADEL's oidcError,
not copied from any reported case.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote_plus

import pytest
import yaml

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

PROFILE_FILE = Path(__file__).resolve().parents[1] / "providers" / "zitadel.yaml"
CONTACT = " If you have any questions, you may contact the administrator of the application."


def token_error(error: str, description: str | None = None, **extra: str) -> str:
    body: dict[str, str] = {"error": error}
    if description is not None:
        body["error_description"] = description
    body.update(extra)
    return json.dumps(body)


def redirected(error: str, description: str) -> str:
    """An authorize error sent back to the client's redirect URI (AuthRequestError)."""
    return f"https://app.example.com/cb?error={error}&error_description={quote_plus(description)}&state=s1"


IAT_AHEAD = ("issuedAt of token is in the future: (iat: 2026-12-05 10:00:07 +0000 UTC, "
             "now with offset: 2026-12-05 10:00:00 +0000 UTC)")
IAT_OLD = ("issuedAt of token is to old: must not be older than 2026-12-05 09:00:00 +0000 UTC, "
           "but was 2026-12-05 07:59:00 +0000 UTC (1h1m0s to old)")

CASES = [
    # (status, body, class, cause, decision)
    # JWT-bearer grant of service users (verifier_jwt_profile.go, oidc/verifier.go): always the client's to fix
    (400, token_error("invalid_grant", IAT_AHEAD), "invalid_grant", "clock_skew", "fix_config"),
    (400, token_error("invalid_grant", IAT_OLD), "invalid_grant", "ambiguous", "fix_config"),
    (400, token_error("invalid_grant", "token has expired"), "invalid_grant", "ambiguous", "fix_config"),
    (400, token_error("invalid_grant", 'audience is not valid: Audience must contain client_id '
                                       '"https://acme-dtfhdg.zitadel.cloud"'),
     "invalid_grant", "assertion_invalid", "fix_config"),
    (500, token_error("server_error", "delegation not allowed, issuer and sub must be identical"), "invalid_grant",
     "assertion_invalid", "fix_config"),
    (400, token_error("invalid_grant", "invalid signature (error fetching keys: Errors.User.Machine.Key.NotFound)"),
     "invalid_grant", "assertion_invalid", "fix_config"),
    (400, token_error("invalid_request", "parsing of request failed: token contains an invalid number of segments"),
     "invalid_grant", "assertion_invalid", "fix_config"),
    (400, token_error("invalid_request", "assertion invalid"), "invalid_grant", "ambiguous", "fix_config"),
    # ... and with the server's optional 'parent' field naming the check, that check answers
    (400, token_error("invalid_request", "assertion invalid", parent=IAT_AHEAD), "invalid_grant", "clock_skew",
     "fix_config"),
    (400, token_error("unauthorized_client", "JWT assertion failed"), "invalid_client", "ambiguous", "fix_config"),
    (400, token_error("invalid_request", "assertion missing"), "invalid_request", "missing_parameter", "fix_config"),
    # client authentication
    (401, token_error("invalid_client", "invalid client_id / client_secret"), "invalid_client", "ambiguous",
     "fix_config"),
    (400, token_error("invalid_client", "invalid basic auth header"), "invalid_client", "basic_auth_not_form_encoded",
     "fix_config"),
    (401, token_error("invalid_client", "private_key_jwt not allowed for this client"), "invalid_client",
     "wrong_client_auth_method", "fix_config"),
    (401, token_error("invalid_client", "auth_method post not supported"), "invalid_client",
     "wrong_client_auth_method", "fix_config"),
    (400, token_error("invalid_request", "client authentication must not use more than one method"),
     "invalid_request", "multiple_client_auth_methods", "fix_config"),
    (400, token_error("invalid_request", "client_id or client_assertion must be provided"), "invalid_client",
     "client_authentication_missing", "fix_config"),
    (400, token_error("invalid_client", "client must be authenticated"), "invalid_client",
     "client_authentication_missing", "fix_config"),
    (400, token_error("invalid_client"), "invalid_client", "ambiguous", "fix_config"),
    # authorization code exchange and PKCE
    (400, token_error("invalid_grant", "invalid code"), "invalid_grant", "ambiguous", "reauth"),
    (400, token_error("invalid_grant", "redirect_uri does not correspond"), "redirect_uri_mismatch",
     "redirect_uri_differs_from_authorize", "fix_config"),
    (400, token_error("invalid_request", "code_verifier required"), "invalid_request", "pkce_verifier_missing",
     "fix_config"),
    (400, token_error("invalid_grant", "invalid code_verifier"), "invalid_grant", "pkce_verifier_mismatch",
     "fix_config"),
    (400, token_error("invalid_request", "code_verifier unexpectedly provided"), "invalid_request",
     "pkce_verifier_without_challenge", "fix_config"),
    (400, token_error("invalid_request", "PKCE required"), "invalid_request", "pkce_challenge_missing", "fix_config"),
    (400, token_error("invalid_request", "redirect_uri missing"), "invalid_request", "missing_parameter",
     "fix_config"),
    # grant types
    (400, token_error("unauthorized_client", 'grant_type "refresh_token" not allowed'), "unauthorized_client",
     "grant_type_not_enabled_for_client", "fix_config"),
    (400, token_error("unauthorized_client", "client missing grant type urn:ietf:params:oauth:grant-type:device_code"),
     "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config"),
    (400, token_error("unsupported_grant_type", "urn:ietf:params:oauth:grant-type:token-exchange not supported"),
     "unsupported_grant_type", "grant_type_not_supported", "fix_config"),
    # refresh: ZITADEL's message key, the library's bare codes
    (400, token_error("invalid_request", "Errors.User.RefreshToken.Invalid"), "invalid_grant", "ambiguous",
     "reauth"),
    (400, token_error("invalid_grant"), "invalid_grant", "ambiguous", "reauth"),
    (400, token_error("invalid_scope"), "invalid_scope", "refresh_scope_exceeds_original", "fix_config"),
    (400, token_error("invalid_request", "refresh_token missing"), "invalid_request", "missing_parameter",
     "fix_config"),
    (500, token_error("server_error", "Errors.Internal"), "server_error", "idp_server_error", "retry"),
    # device flow (device.go, the library's default descriptions)
    (400, token_error("authorization_pending", "The client SHOULD repeat the access token request to the token "
                                               "endpoint, after interval from device authorization response."),
     "authorization_pending", "device_authorization_pending", "retry"),
    (400, token_error("slow_down", "Polling should continue, but the interval MUST be increased by 5 seconds for "
                                   "this and all subsequent requests."),
     "slow_down", "device_polling_too_fast", "retry"),
    (400, token_error("expired_token", 'The "device_code" has expired.'), "expired_token", "device_code_expired",
     "reauth"),
    (400, token_error("access_denied", "The authorization request was denied."), "access_denied", "ambiguous",
     "reauth"),
    # authorize: 400 pages (never redirected) and errors redirected to the client
    (400, "The requested redirect_uri is missing in the client configuration." + CONTACT, "redirect_uri_mismatch",
     "redirect_uri_not_registered", "fix_config"),
    (400, "This client's redirect_uri is using a custom schema and is not allowed." + CONTACT,
     "redirect_uri_mismatch", "custom_scheme_redirect_not_allowed", "fix_config"),
    (400, "The redirect_uri is missing in the request. Please ensure it is added to the request." + CONTACT,
     "invalid_request", "missing_parameter", "fix_config"),
    (None, redirected("unauthorized_client", "The requested response type is missing in the client configuration."
                      + CONTACT),
     "unauthorized_client", "response_type_not_allowed_for_client", "fix_config"),
    (None, redirected("invalid_request", "The scope of your request is missing. Please ensure some scopes are "
                      "requested." + CONTACT),
     "invalid_request", "missing_parameter", "fix_config"),
    (None, redirected("login_required", "The id_token_hint is invalid." + CONTACT), "interaction_required",
     "ambiguous", "reauth"),
    (None, redirected("interaction_required", "Unfortunately, the user may be not logged in and/or additional "
                      "interaction is required."),
     "interaction_required", "login_required", "reauth"),
    # userinfo, end_session, token exchange
    (401, token_error("access_denied", "access token invalid"), "invalid_token", "ambiguous", "retry"),
    (401, token_error("invalid_request", "access token missing"), "invalid_request", "access_token_missing",
     "fix_config"),
    (400, token_error("invalid_request", "post_logout_redirect_uri invalid"), "redirect_uri_mismatch",
     "post_logout_redirect_uri_not_registered", "fix_config"),
    (400, token_error("invalid_request", "subject_token is invalid"), "invalid_grant", "subject_token_invalid",
     "fix_config"),
    (400, token_error("invalid_request", "requested_token_type is not supported"), "invalid_request",
     "token_exchange_parameters_invalid", "fix_config"),
    (400, token_error("invalid_target", "The requested audience or target is invalid."), "invalid_request",
     "token_exchange_target_invalid", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_zitadel_rules(status: int | None, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="zitadel")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_alias_reaches_the_profile() -> None:
    got = classify(400, token_error("invalid_request", "PKCE required"), provider="zitadel-cloud").to_json()
    assert got["provider"] == "zitadel"


def test_assertion_answers_name_clock_and_claims() -> None:
    vague = classify(400, token_error("invalid_request", "assertion invalid"), provider="zitadel").to_json()
    assert {c["cause"] for c in vague["candidates"]} == {"clock_skew", "client_assertion_expired",
                                                         "assertion_invalid"}
    assert {c["decision"] for c in vague["candidates"]} == {"fix_config"}
    expired = classify(400, token_error("invalid_grant", "token has expired"), provider="zitadel").to_json()
    assert {c["cause"] for c in expired["candidates"]} == {"client_assertion_expired", "clock_skew"}


def test_refresh_key_candidates() -> None:
    got = classify(400, token_error("invalid_request", "Errors.User.RefreshToken.Invalid"),
                   provider="zitadel").to_json()
    causes = {c["cause"]: c["decision"] for c in got["candidates"]}
    assert causes == {"refresh_token_expired": "reauth", "refresh_token_revoked": "reauth",
                      "refresh_token_reused_after_rotation": "fix_config"}


@pytest.mark.parametrize("body", [
    token_error("invalid_request", "Errors.User.RefreshToken.Invalid"),
    token_error("invalid_request", "Errors.User.NotFound"),
    token_error("invalid_client", "invalid client_id / client_secret"),
    token_error("invalid_grant", "redirect_uri does not correspond"),
    token_error("invalid_grant", IAT_AHEAD),
    token_error("invalid_request", "assertion invalid"),
    "The requested redirect_uri is missing in the client configuration." + CONTACT,
])
def test_zitadel_detected_from_its_body(body: str) -> None:
    assert classify(400, body).to_json()["provider"] == "zitadel"


def test_zitadel_detected_from_cloud_token_url() -> None:
    got = classify(400, token_error("invalid_grant"), url="https://acme-dtfhdg.zitadel.cloud/oauth/v2/token")
    assert got.to_json()["provider"] == "zitadel"


def test_zitadel_not_detected_from_other_servers_bodies() -> None:
    dex = token_error("invalid_grant", "Invalid or expired code parameter.")
    keycloak = token_error("invalid_grant", "Token is not active")
    okta = token_error("invalid_grant", "The refresh token is invalid or expired.")
    for body in (dex, keycloak, okta):
        assert classify(400, body).to_json()["provider"] != "zitadel"
    # A bare code whose words equal the library's "invalid code" (Slack's invalid_code) is not ZITADEL's body.
    assert classify(200, "invalid_code").to_json()["provider"] != "zitadel"
    assert classify(400, token_error("invalid_grant", "invalid code")).to_json()["provider"] == "zitadel"


def test_other_texts_fall_through_zitadel_rules() -> None:
    # An API's expired access token is not a JWT assertion: the assertion rule is held to the token endpoint's codes.
    api = classify(401, token_error("invalid_token", "token has expired"), provider="zitadel")
    assert (api.failure_class, api.decision) == ("invalid_token", "retry")
    assert api.cause != "client_assertion_expired"
    # A described invalid_grant that is not ZITADEL's (Keycloak's dead session): the bare-grant rule stays out of
    # it, so the answer rests on no profile rule and the generic layers decide.
    kc = classify(400, token_error("invalid_grant", "Session not active"), provider="zitadel").to_json()
    assert (kc["basis"], kc["decision"]) == (None, "reauth")
    bare = classify(400, token_error("invalid_grant"), provider="zitadel").to_json()
    assert bare["basis"] == "confirmed"
    assert "grant_issued_for_other_client_or_endpoint" in {c["cause"] for c in bare["candidates"]}


def test_profile_facts() -> None:
    profile = get_profile("zitadel")
    assert profile.kind == "provider"
    assert profile.endpoints.token.url == "{issuer}/oauth/v2/token"
    assert "*.zitadel.cloud" in profile.endpoints.hosts
    assert profile.pkce.required == "never"  # ZITADEL's own code exchange does not demand it (re-read 2026-12-07)
    assert "private_key_jwt" in profile.client_auth.accepted
    assert "jwt_bearer" in profile.grants.supported
    assert profile.redirect.missing_sent.when == "rejected"


def test_every_fact_is_pinned_or_says_why_not() -> None:
    """Confirmed facts link a commit; the one exception is ZITADEL's oidcError, read in a copy without a path."""
    data = yaml.safe_load(PROFILE_FILE.read_text(encoding="utf-8"))
    unpinned = "https://github.com/zitadel/zitadel/tree/main/internal/api/oidc"
    found: list[dict[str, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("basis") == "confirmed":
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    assert len(found) > 60
    for fact in found:
        source = str(fact.get("source", ""))
        assert "/blob/" in source and len(source.split("/blob/")[1].split("/")[0]) == 40 or source == unpinned, source
        if source == unpinned:
            assert "oidcError" in str(fact.get("note", "")), fact


def test_cli_explain_end_to_end() -> None:
    body = token_error("invalid_grant", IAT_AHEAD)
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "zitadel", "--status", "400",
                           "--format", "json", body], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"]) == (
        "invalid_grant", "clock_skew", "fix_config", "zitadel")
