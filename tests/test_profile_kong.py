"""Kong Gateway's profile (providers/kong.yaml): the texts of Kong's OAuth 2.0, JWT and key-auth plugins, read in
Kong/kong at 22246ef (kong/plugins/oauth2/access.lua, jwt/handler.lua, jwt/jwt_parser.lua, key-auth/handler.lua),
give the exact class, cause and decision, and name the plugin setting or consumer credential to fix; Kong's own
codes, texts and headers detect it; a bare "Unauthorized" does not, and other servers' bodies do not match its rules.

Bodies are built the way the plugins send them ({error, error_description} from the OAuth 2.0 plugin, {message}
or the failed claims from the JWT plugin, {message, request_id} or plain text from key-auth), not copied from any
reported case.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

PID = "kong"


def oauth(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description})


def message(text: str) -> str:
    return json.dumps({"message": text})


CASES = [
    # (status, body, headers, class, cause, decision)
    # the OAuth 2.0 plugin's own setup: the login backend and the plugin config
    (400, oauth("invalid_provision_key", "Invalid provision_key"), None, "invalid_client", "provision_key_invalid",
     "fix_config"),
    (400, oauth("invalid_authenticated_userid", "Missing authenticated_userid parameter"), None, "invalid_request",
     "authenticated_userid_missing", "fix_config"),
    (405, oauth("invalid_method", "The HTTP method GET is invalid for the token endpoint"), None, "invalid_request",
     "wrong_http_method", "fix_config"),
    (400, oauth("access_denied", "You must use HTTPS"), None, "access_denied", "https_required", "fix_config"),
    (400, oauth("access_denied", "Only one X-Forwarded-Proto header allowed"), None, "access_denied",
     "https_required", "fix_config"),
    (400, oauth("invalid_request", "Invalid redirect_uri that does not match with any redirect_uri created with the "
                "application"), None, "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, oauth("invalid_request", "Invalid response_type"), None, "unsupported_response_type",
     "response_type_not_enabled", "fix_config"),
    (400, oauth("unsupported_grant_type", "Invalid grant_type"), None, "unsupported_grant_type",
     "grant_type_not_enabled", "fix_config"),
    (400, oauth("invalid_request", "client_secret is disallowed for public clients"), None, "invalid_request",
     "client_secret_sent_by_public_client", "fix_config"),
    (400, oauth("invalid_client", "Invalid client authentication"), None, "invalid_client", "ambiguous",
     "fix_config"),
    (401, oauth("invalid_client", "Invalid client authentication"), {"WWW-Authenticate": 'Basic realm="OAuth2.0"'},
     "invalid_client", "ambiguous", "fix_config"),
    # scopes
    (400, oauth("invalid_scope", '"admin" is an invalid scope'), None, "invalid_scope", "scope_not_configured",
     "fix_config"),
    (400, oauth("invalid_scope", "You must specify a scope"), None, "invalid_scope", "scope_missing", "fix_config"),
    (400, oauth("invalid_scope", "scope must be a string"), None, "invalid_scope", "scope_sent_twice", "fix_config"),
    (400, oauth("invalid_scope", "Scope mismatch"), None, "invalid_scope", "scope_removed_from_plugin_config",
     "fix_config"),
    # PKCE
    (400, oauth("invalid_request", "code_challenge is required for public clients"), None, "invalid_request",
     "pkce_required", "fix_config"),
    (400, oauth("invalid_request", "code_challenge_method is not supported, must be S256"), None, "invalid_request",
     "pkce_method_not_allowed", "fix_config"),
    (400, oauth("invalid_request", "code_challenge is required when code_method is present"), None,
     "invalid_request", "pkce_challenge_missing", "fix_config"),
    (400, oauth("invalid_request", "code_verifier is required for PKCE authorization requests"), None,
     "invalid_request", "pkce_verifier_missing", "fix_config"),
    (400, oauth("invalid_request", "code_verifier must be between 43 and 128 characters"), None, "invalid_request",
     "pkce_verifier_malformed", "fix_config"),
    (400, oauth("invalid_grant", "Invalid code"), None, "invalid_grant", "ambiguous", "fix_config"),
    # dead grants: Kong sends them as invalid_request
    (400, oauth("invalid_request", "Invalid code"), None, "invalid_grant", "ambiguous", "reauth"),
    (400, oauth("invalid_request", "Invalid refresh_token"), None, "invalid_grant", "ambiguous", "reauth"),
    # the OAuth 2.0 plugin on API requests
    (401, oauth("invalid_request", "The access token is missing"), {"WWW-Authenticate": "Bearer"}, "invalid_request",
     "access_token_missing", "fix_config"),
    (401, oauth("invalid_token", "The access token is invalid or has expired"),
     {"WWW-Authenticate": 'Bearer error="invalid_token", error_description="The access token is invalid or has '
                          'expired"'}, "invalid_token", "ambiguous", "retry"),
    (401, oauth("invalid_token", "The access token is global, but the current plugin is configured without "
                "'global_credentials'"), None, "invalid_token", "token_scope_differs_between_plugins", "fix_config"),
    # the JWT plugin
    (401, message("Multiple tokens provided"), None, "invalid_request", "multiple_tokens_sent", "fix_config"),
    (401, message("Unrecognizable token"), None, "invalid_request", "token_malformed", "fix_config"),
    (401, message("Bad token; invalid JSON"), None, "invalid_token", "jwt_malformed", "fix_config"),
    (401, message("Bad token; invalid alg"), None, "invalid_token", "jwt_malformed", "fix_config"),
    (401, message("No mandatory 'iss' in claims"), None, "invalid_token", "jwt_key_claim_missing", "fix_config"),
    (401, message("No credentials found for given 'iss'"), None, "invalid_token", "jwt_credential_not_found",
     "fix_config"),
    (401, message("Invalid algorithm"), None, "invalid_token", "jwt_algorithm_mismatch", "fix_config"),
    (401, message("Invalid key/secret"), None, "invalid_token", "jwt_credential_key_missing", "fix_config"),
    (401, message("Invalid signature"), None, "invalid_token", "jwt_signature_invalid", "fix_config"),
    (401, json.dumps({"exp": "token expired"}), {"WWW-Authenticate": 'Bearer error="invalid_token"'},
     "invalid_token", "access_token_expired", "retry"),
    (401, json.dumps({"nbf": "token not valid yet"}), None, "invalid_token", "clock_skew", "fix_config"),
    (401, json.dumps({"exp": "exceeds maximum allowed expiration"}), None, "invalid_token",
     "jwt_lifetime_exceeds_maximum", "fix_config"),
    (401, json.dumps({"exp": "must be a number"}), None, "invalid_token", "jwt_claim_malformed", "fix_config"),
    (401, message("Unauthorized"), {"WWW-Authenticate": "Bearer"}, "invalid_request", "access_token_missing",
     "fix_config"),
    # key-auth
    (401, json.dumps({"message": "No API key found in request", "request_id": "5f1c0e3a"}),
     {"WWW-Authenticate": "Key"}, "invalid_request", "api_key_missing", "fix_config"),
    (401, "No API key found in request\nrequest_id: 5f1c0e3a\n", None, "invalid_request", "api_key_missing",
     "fix_config"),
    (401, message("Duplicate API key found"), None, "invalid_request", "api_key_sent_twice", "fix_config"),
    (401, json.dumps({"message": "Unauthorized", "request_id": "5f1c0e3a"}), {"WWW-Authenticate": 'Key realm="kong"'},
     "invalid_client", "api_key_invalid", "fix_config"),
    (401, message("Invalid authentication credentials"), None, "invalid_client", "ambiguous", "fix_config"),
    # Kong's own failures
    (500, message("anonymous consumer guest is configured but doesn't exist"), None, "server_error",
     "anonymous_consumer_missing", "fix_config"),
    (500, message("Invalid plugin configuration"), None, "server_error", "plugin_misconfigured", "fix_config"),
]


@pytest.mark.parametrize(("status", "text", "headers", "cls", "cause", "decision"), CASES)
def test_kong_rules(status: int, text: str, headers: dict[str, str] | None, cls: str, cause: str,
                    decision: str) -> None:
    got = classify(status, text, headers=headers, provider=PID)
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)
    assert got.to_json()["basis"] == "confirmed"


def test_every_answer_points_at_the_gateway_not_the_identity_provider() -> None:
    got = classify(401, message("No credentials found for given 'iss'"), provider=PID).to_json()
    assert any("Kong Gateway's own auth plugin" in hint for hint in got["hints"])
    assert any("/consumers/{consumer}/jwt" in hint for hint in got["hints"])


def test_authorize_error_inside_the_json_redirect_uri() -> None:
    """/oauth2/authorize answers its caller with JSON whose redirect_uri carries the error for the browser."""
    text = json.dumps({"redirect_uri": "https://app.example.com/cb?error=invalid_request&error_description=Invalid"
                                       "%20redirect_uri%20that%20does%20not%20match%20with%20any%20redirect_uri%20"
                                       "created%20with%20the%20application"})
    for provider in (PID, None):
        got = classify(400, text, provider=provider)
        assert (got.provider, got.failure_class, got.cause, got.decision) == (
            PID, "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


def test_ambiguous_answers_carry_candidates() -> None:
    def causes(status: int, text: str) -> set[str]:
        return {c["cause"] for c in classify(status, text, provider=PID).to_json()["candidates"]}

    assert {"auth_code_reused", "auth_code_expired", "grant_issued_for_other_client_or_endpoint"} <= \
        causes(400, oauth("invalid_request", "Invalid code"))
    assert {"refresh_token_reused_after_rotation", "refresh_token_expired"} <= \
        causes(400, oauth("invalid_request", "Invalid refresh_token"))
    assert {"pkce_verifier_mismatch", "pkce_plain_method_not_supported", "pkce_challenge_missing"} <= \
        causes(400, oauth("invalid_grant", "Invalid code"))
    assert {"unknown_client_id", "client_secret_wrong", "refresh_token_client_mismatch"} <= \
        causes(400, oauth("invalid_client", "Invalid client authentication"))
    assert {"access_token_expired", "access_token_replaced_by_refresh", "token_for_other_service"} <= \
        causes(401, oauth("invalid_token", "The access token is invalid or has expired"))


def test_a_bare_unauthorized_with_kong_given_lists_the_plugins() -> None:
    got = classify(401, message("Unauthorized"), provider=PID).to_json()
    assert (got["cause"], got["decision"], got["confidence"]) == ("ambiguous", "fix_config", "low")
    assert {c["cause"] for c in got["candidates"]} == {"access_token_missing", "api_key_invalid",
                                                       "basic_auth_credentials_invalid"}


@pytest.mark.parametrize(("status", "text", "headers"), [
    (400, oauth("invalid_provision_key", "Invalid provision_key"), None),
    (400, oauth("invalid_request", "Invalid redirect_uri that does not match with any redirect_uri created with the "
                "application"), None),
    (401, oauth("invalid_token", "The access token is invalid or has expired"), None),
    (401, oauth("invalid_request", "The access token is missing"), None),
    (401, message("No credentials found for given 'iss'"), None),
    (401, message("Bad token; invalid signature"), None),
    (401, json.dumps({"exp": "token expired"}), None),
    (401, "No API key found in request\nrequest_id: 5f1c0e3a\n", None),
    (401, json.dumps({"message": "Unauthorized", "request_id": "5f1c0e3a"}), {"WWW-Authenticate": "Key"}),
    (401, oauth("invalid_client", "Invalid client authentication"), {"WWW-Authenticate": 'Basic realm="OAuth2.0"'}),
    (401, message("Unauthorized"), {"Server": "kong/3.9.1", "X-Kong-Response-Latency": "1"}),
])
def test_detected_from_its_body_or_headers(status: int, text: str, headers: dict[str, str] | None) -> None:
    assert classify(status, text, headers=headers).to_json()["provider"] == PID


def test_a_bare_unauthorized_does_not_detect_kong() -> None:
    """{"message": "Unauthorized"} is any gateway's or framework's answer; without Kong's headers it names nobody."""
    for headers in (None, {"WWW-Authenticate": "Bearer"}, {"X-Kong-Request-Id": "abc"}):
        assert classify(401, message("Unauthorized"), headers=headers).to_json()["provider"] != PID


def test_an_upstream_answer_proxied_by_kong_keeps_its_own_provider() -> None:
    """Kong stamps Server and X-Kong-Request-Id on proxied responses too: the upstream's own body must win."""
    headers = {"Server": "kong/3.9.1", "Via": "1.1 kong/3.9.1", "X-Kong-Request-Id": "abc",
               "X-Kong-Upstream-Latency": "12"}
    got = classify(400, oauth("invalid_grant", "Token is not active"), headers=headers)
    assert got.provider == "keycloak"


def test_other_servers_bodies_do_not_match() -> None:
    keycloak = oauth("invalid_grant", "Token is not active")
    node = oauth("invalid_grant", "Invalid grant: refresh token is invalid")
    for text in (keycloak, node):
        assert classify(400, text).to_json()["provider"] != PID
    # another server's body given to this profile matches none of its rules: the generic answer, no rule basis
    got = classify(400, keycloak, provider=PID).to_json()
    assert (got["class"], got["decision"], got["basis"]) == ("invalid_grant", "reauth", None)


def test_alias_resolves() -> None:
    for alias in ("kong-gateway", "kong-oauth2", "konghq"):
        assert resolve_id(alias) == PID


def test_profile_facts() -> None:
    profile = get_profile(PID)
    assert profile.kind == "server"
    assert profile.endpoints.hosts == []
    policy = profile.token_policy
    assert policy.access_token_lifetime.seconds == 7200
    assert policy.refresh_token_lifetime.seconds == 1209600
    assert policy.rotation.mode == "always" and policy.rotation.reuse_detection is False
    assert profile.pkce.methods == ["S256"] and profile.pkce.required == "public_clients"
    assert {g.grant for g in profile.grants.off_by_default} == {"authorization_code", "implicit",
                                                                 "client_credentials", "password"}


def test_cli_explain_end_to_end() -> None:
    text = oauth("invalid_provision_key", "Invalid provision_key")
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "kong-gateway", "--status",
                           "400", "--format", "json", text], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"]) == (
        "invalid_client", "provision_key_invalid", "fix_config", PID)
