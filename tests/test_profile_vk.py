"""The VK profile: VK's numbered API errors (``{"error": {"error_code": N, "error_msg": ...}}`` with HTTP 200) and
its OAuth endpoint's errors map to the class, cause and decision the profile states, a VK body or token URL is
recognised without ``--provider``, and other providers' bodies stay theirs.

Bodies are written here in the shapes of VK's API schema (base_error, oauth_error) with the codes and descriptions
of its errors.json, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id


def vk(code: int, message: str, **extra: object) -> str:
    error = {"error_code": code, "error_msg": message,
             "request_params": [{"key": "method", "value": "users.get"}, {"key": "v", "value": "5.199"}], **extra}
    return json.dumps({"error": error})


CASES = [
    # (code, message, class, cause, decision)
    (5, "User authorization failed: invalid session.", "invalid_token", "ambiguous", "reauth"),
    (17, "Validation required: please open redirect_uri in browser", "interaction_required",
     "user_validation_required", "reauth"),
    (14, "Captcha needed", "interaction_required", "captcha_required", "reauth"),
    (6, "Too many requests per second", "rate_limited", "rate_limit_exceeded", "retry"),
    (9, "Flood control", "rate_limited", "rate_limit_exceeded", "retry"),
    (29, "Rate limit reached", "rate_limited", "rate_limit_exceeded", "retry"),
    (10, "Internal server error", "server_error", "provider_internal_error", "retry"),
    (7, "Permission to perform this action is denied", "insufficient_scope", "missing_scope", "fix_config"),
    (15, "Access denied", "access_denied", "access_denied_by_policy", "fix_config"),
    (27, "Group authorization failed: invalid access_token", "invalid_token", "community_token_invalid", "reauth"),
    (28, "Application authorization failed", "invalid_token", "app_token_invalid", "fix_config"),
    (2, "Application is disabled. Enable your application or use test mode", "unauthorized_client", "app_disabled",
     "fix_config"),
    (42, "IP is not allowed", "access_denied", "ip_not_allowed", "fix_config"),
    (100, "One of the parameters specified was missing or invalid", "invalid_request",
     "parameter_missing_or_invalid", "fix_config"),
    (1116, "Anonymous token is invalid", "invalid_token", "anonymous_token_invalid", "fix_config"),
    (1117, "Access token has expired", "invalid_token", "ambiguous", "reauth"),  # oauth.vk.com issues no refresh token
    (3302, "Password validation needed", "interaction_required", "user_validation_required", "reauth"),
]


@pytest.mark.parametrize(("code", "message", "cls", "cause", "decision"), CASES, ids=[str(c[0]) for c in CASES])
def test_vk_numeric_codes_map_as_documented(code: int, message: str, cls: str, cause: str, decision: str) -> None:
    for provider in ("vk", None):  # VK answers HTTP 200; the body shape alone names the provider
        e = classify(200, vk(code, message), provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("vk", cls, cause, decision)
        assert e.provider_code == str(code)


def test_code_5_lists_the_reasons_and_shows_vks_message() -> None:
    e = classify(200, vk(5, "User authorization failed: invalid access_token (4)."))
    assert e.to_json()["error_description"] == "User authorization failed: invalid access_token (4)."
    assert [c.cause for c in e.candidates] == ["access_token_expired", "token_revoked", "token_bound_to_other_ip",
                                               "access_token_malformed"]


def test_flat_fields_in_a_log_line_are_read_as_vk() -> None:
    e = classify(200, "error_code: 17, error_msg: Validation required")
    assert (e.provider, e.provider_code, e.failure_class, e.decision) == (
        "vk", "17", "interaction_required", "reauth")


def test_oauth_endpoint_need_validation() -> None:
    body = json.dumps({"error": "need_validation", "error_description": "please open redirect_uri in browser",
                       "redirect_uri": "https://vk.com/login?act=security_check&api_hash=0"})
    e = classify(401, body, url="https://oauth.vk.com/access_token")
    assert (e.provider, e.failure_class, e.cause, e.decision) == (
        "vk", "interaction_required", "user_validation_required", "reauth")


def test_oauth_endpoint_standard_errors_fall_to_the_generic_layer() -> None:
    body = json.dumps({"error": "invalid_grant", "error_description": "Code is invalid or expired."})
    e = classify(401, body, provider="vkontakte")
    assert (e.provider, e.failure_class, e.decision) == ("vk", "invalid_grant", "reauth")


def test_other_providers_bodies_are_not_claimed() -> None:
    graph = json.dumps({"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190,
                                  "fbtrace_id": "AbCdEf"}})
    assert classify(400, graph).provider == "meta"
    notion = json.dumps({"object": "error", "status": 401, "code": "unauthorized", "message": "API token is invalid."})
    assert classify(401, notion).provider == "notion"
    assert classify(400, json.dumps({"error": "invalid_client"})).provider != "vk"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("vk")
    assert resolve_id("vkontakte") == "vk"
    assert profile.endpoints.authorize.url == "https://oauth.vk.com/authorize"
    assert profile.endpoints.token.url == "https://oauth.vk.com/access_token"
    assert profile.client_auth.accepted == ["client_secret_post"]
    assert "refresh_token" not in profile.grants.supported


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "vk", "--format", "json", "--status", "200",
         vk(6, "Too many requests per second")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["decision"], out["provider_code"]) == (
        "vk", "rate_limited", "retry", "6")
    assert out["error_description"] == "Too many requests per second"
