"""Discord's profile: bodies built from Discord's own docs (discord/discord-api-docs@c98d64b) classify exactly.

Discord answers in two shapes: the OAuth2 token endpoint speaks RFC 6749 (error, error_description), the rest of
the API ``{"message": ..., "code": N}`` with Discord's JSON error codes, and a 429 carries ``retry_after`` and
``global``. Each case below is written from the docs' tables and examples, not taken from a corpus.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook


def api_error(code: int, message: str) -> str:
    return json.dumps({"message": message, "code": code})


def run(status: int | None, body: str, headers: dict[str, str] | None = None, provider: str | None = "discord",
        url: str | None = None) -> tuple[str, str, str]:
    got = classify(status, body, headers, provider=provider, url=url, rulebook=RuleBook())
    return got.failure_class, got.cause, got.decision


REFRESH_DEAD = json.dumps({"error": "invalid_grant", "error_description": 'Invalid "refresh_token" in request'})
CODE_REFUSED = json.dumps({"error": "invalid_grant", "error_description": 'Invalid "code" in request.'})
RATE_LIMITED = json.dumps({"message": "You are being rate limited.", "retry_after": 64.57, "global": False})

CASES = [
    # (status, body, headers, class, cause, decision)
    # Token endpoint: the one body for a dead refresh token (Social SDK guide, "When Refresh Fails").
    (400, REFRESH_DEAD, None, "invalid_grant", "ambiguous", "reauth"),
    # Token endpoint: a refused code, with either error value Discord sends.
    (400, CODE_REFUSED, None, "invalid_grant", "auth_code_invalid_or_reused", "reauth"),
    (400, CODE_REFUSED.replace("invalid_grant", "invalid_request"), None,
     "invalid_grant", "auth_code_invalid_or_reused", "reauth"),
    # A bare invalid_grant keeps the mobile guide's causes as candidates.
    (400, '{"error": "invalid_grant"}', None, "invalid_grant", "ambiguous", "reauth"),
    # API 401: code 0 "401: Unauthorized" is most often a bot's token (no prefix, a user token, a reset token):
    # configuration (round twenty-seven, from the corpora's answers); the table's token codes: user tokens
    # expire, so refresh once.
    (401, api_error(0, "401: Unauthorized"), None, "invalid_token", "ambiguous", "fix_config"),
    (401, api_error(40001, "Unauthorized. Provide a valid token and try again"), None,
     "invalid_token", "ambiguous", "retry"),
    (401, api_error(50014, "Invalid authentication token provided"), None, "invalid_token", "ambiguous", "fix_config"),
    (401, api_error(50025, "Invalid OAuth2 access token provided"), None, "invalid_token", "ambiguous", "retry"),
    # Scope, access and permission: the app's configuration (or the bot's role) must change.
    (403, api_error(50026, "Missing required OAuth2 scope"), None, "insufficient_scope", "missing_scope",
     "fix_config"),
    (403, api_error(50001, "Missing Access"), None, "access_denied", "missing_access", "fix_config"),
    (403, api_error(50013, "Missing Permissions"), None, "insufficient_scope", "missing_permission", "fix_config"),
    (403, api_error(20012, "You are not authorized to perform this action on this application"), None,
     "access_denied", "not_authorized_for_application", "fix_config"),
    (403, api_error(20002, "Only bots can use this endpoint"), None, "invalid_token", "wrong_token_type",
     "fix_config"),
    (400, api_error(50010, "OAuth2 application does not have a bot"), None, "invalid_scope", "app_has_no_bot",
     "fix_config"),
    (403, api_error(60003, "Two factor is required for this operation"), None, "access_denied",
     "owner_2fa_required", "fix_config"),
    (404, api_error(10015, "Unknown Webhook"), None, "invalid_token", "webhook_deleted", "reauth"),
    (400, api_error(530007, "Your client secret is invalid."), None, "invalid_client", "bad_client_secret",
     "fix_config"),
    (400, api_error(530010, "User account is non-provisional and should be authed through OAuth2"), None,
     "interaction_required", "account_linked_use_oauth2", "reauth"),
    # Rate limits: user, shared resource, global; and the temporary IP restriction after invalid requests.
    (429, RATE_LIMITED, {"Retry-After": "65", "X-RateLimit-Scope": "user"}, "rate_limited", "rate_limit_exceeded",
     "retry"),
    (429, RATE_LIMITED.replace("You are", "The resource is"), {"Retry-After": "1337", "X-RateLimit-Scope": "shared"},
     "rate_limited", "shared_resource_rate_limit", "retry"),
    (429, RATE_LIMITED.replace("false", "true"), {"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global"},
     "rate_limited", "global_rate_limit", "retry"),
    (429, api_error(0, "Your IP has been temporarily restricted from accessing the Discord API."), None,
     "rate_limited", "invalid_request_limit_block", "retry"),
]


@pytest.mark.parametrize(("status", "body", "headers", "cls", "cause", "decision"), CASES)
def test_documented_error_classifies(status: int, body: str, headers: dict[str, str] | None, cls: str, cause: str,
                                     decision: str) -> None:
    assert run(status, body, headers) == (cls, cause, decision)


def test_library_exception_texts_carry_the_code() -> None:
    # discord.py's HTTPException and discord.js's DiscordAPIError put the JSON code in their own text.
    py = classify(None, "discord.errors.HTTPException: 403 Forbidden (error code: 50013): Missing Permissions",
                  provider="discord", rulebook=RuleBook())
    js = classify(None, "DiscordAPIError[50025]: Invalid OAuth2 access token", provider="discord",
                  rulebook=RuleBook())
    assert (py.provider_code, py.failure_class, py.cause, py.decision) == (
        "50013", "insufficient_scope", "missing_permission", "fix_config")
    assert (js.provider_code, js.failure_class, js.decision) == ("50025", "invalid_token", "retry")


def test_dead_refresh_token_lists_the_documented_reasons() -> None:
    got = classify(400, REFRESH_DEAD, provider="discord", rulebook=RuleBook())
    assert [c.cause for c in got.candidates] == ["token_revoked", "refresh_token_revoked", "account_banned",
                                                 "refresh_token_expired"]


def test_unauthorized_names_the_bot_token_among_candidates() -> None:
    got = classify(401, api_error(0, "401: Unauthorized"), provider="discord", rulebook=RuleBook())
    assert "bot_token_invalid" in [c.cause for c in got.candidates]
    assert got.normalized_status == 401


@pytest.mark.parametrize(("status", "body", "headers", "url"), [
    (429, RATE_LIMITED, None, None),  # the 429 body's retry_after + global
    (400, REFRESH_DEAD, None, None),  # the token endpoint's quoted parameter
    (401, api_error(50025, "Invalid OAuth2 access token provided"), None, None),  # a five-digit JSON code
    (400, '{"error": "invalid_grant"}', None, "https://discord.com/api/v10/oauth2/token"),  # the token URL's host
    (400, '{"error": "invalid_grant"}', None, "https://discordapp.com/api/oauth2/token"),  # the old API host
    (429, "429 Client Error: Too Many Requests for url: https://discord.com/api/v9/oauth2/token", None, None),
])
def test_discord_is_detected(status: int, body: str, headers: dict[str, str] | None, url: str | None) -> None:
    got = classify(status, body, headers, url=url, rulebook=RuleBook())
    assert got.provider == "discord"


@pytest.mark.parametrize(("status", "body", "provider"), [
    # Zoom's token endpoint answer and Google's: their own shapes, not Discord's.
    (400, '{"reason": "Invalid Token!", "error": "invalid_request"}', "zoom"),
    (400, '{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}', None),
])
def test_other_providers_bodies_are_not_discord(status: int, body: str, provider: str | None) -> None:
    got = classify(status, body, rulebook=RuleBook())
    assert got.provider != "discord"
    if provider:
        assert got.provider == provider


def test_discord_rules_leave_a_plain_rfc_body_to_the_rfc_reading() -> None:
    # A 401 invalid_client from the token endpoint is client authentication, not Discord's API 401 rule.
    assert run(401, '{"error": "invalid_client"}') == ("invalid_client", "bad_client_credentials", "fix_config")


def test_cli_explain_end_to_end() -> None:
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "discord", "--format",
                           "json", "--status", "401", api_error(50025, "Invalid OAuth2 access token provided")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["provider"], out["provider_code"], out["class"], out["decision"], out["normalized_status"]) == (
        "discord", "50025", "invalid_token", "retry", 401)
    assert [c["cause"] for c in out["candidates"]] == ["access_token_expired", "token_revoked",
                                                       "external_auth_token_invalid"]
