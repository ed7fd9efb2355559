"""Spotify's profile: bodies built from Spotify's own repositories classify exactly.

Spotify answers in two shapes: the Accounts service (``accounts.spotify.com``: authorize and ``/api/token``) speaks
RFC 6749 (error, error_description), the Web API (``api.spotify.com``) the Error object of Spotify's RAML
(``{"error": {"status": N, "message": ...}}``, spotify/web-api@e50eee4 ``_error.raml``), with ``reason`` on Player
errors. The meanings of 401, 403 and 429 are the RAML's (spotify/web-api@d1dc294 ``api.raml`` L20-L50), and
Spotify's TypeScript SDK throws one fixed text per status (spotify-web-api-ts-sdk@c6f3449
``DefaultResponseValidator.ts``). The messages inside the Web API bodies below are placeholders that carry the
meaning a rule reads (a scope, the word expired); Spotify's exact wordings are not in any of its repositories.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.redirect import compare


def api_error(status: int, message: str, **extra: str) -> str:
    return json.dumps({"error": {"status": status, "message": message, **extra}})


def token_error(error: str, description: str | None = None) -> str:
    body = {"error": error}
    if description is not None:
        body["error_description"] = description
    return json.dumps(body)


def run(status: int | None, body: str, headers: dict[str, str] | None = None, provider: str | None = "spotify",
        url: str | None = None) -> tuple[str, str, str]:
    got = classify(status, body, headers, provider=provider, url=url, rulebook=RuleBook())
    return got.failure_class, got.cause, got.decision


SDK_401 = ("Error: Bad or expired token. This can happen if the user revoked a token or the access token has "
           "expired. You should re-authenticate the user.")
SDK_403 = ("Error: Bad OAuth request (wrong consumer key, bad nonce, expired timestamp...). Unfortunately, "
           "re-authenticating the user won't help here. Body: ")
SDK_429 = "Error: The app has exceeded its rate limits."

CASES = [
    # (status, body, class, cause, decision)
    # Web API 401 (RAML: bad or expired token, expired or revoked by the user).
    (401, api_error(401, "The access token expired"), "invalid_token", "access_token_expired", "retry"),
    (401, api_error(401, "Invalid access token"), "invalid_token", "ambiguous", "retry"),
    (401, api_error(401, "Unauthorized"), "invalid_token", "ambiguous", "retry"),
    # A Web API request that carried no token at all.
    (401, api_error(401, "No token provided"), "invalid_request", "access_token_missing", "fix_config"),
    # Web API 403 (RAML: re-authenticating won't help; the draft names a token without the necessary scope).
    (403, api_error(403, "Insufficient client scope"), "insufficient_scope", "missing_scope", "fix_config"),
    (403, api_error(403, "Forbidden"), "access_denied", "ambiguous", "fix_config"),
    # Player API: a 403 whose reason says the account has no Premium (third-party clients' model).
    (403, api_error(403, "Player command failed: Premium required", reason="PREMIUM_REQUIRED"), "access_denied",
     "premium_required", "fix_config"),
    # Web API 429 (RAML: API rate limit exceeded).
    (429, api_error(429, "API rate limit exceeded"), "rate_limited", "rate_limit_exceeded", "retry"),
    # Spotify's TypeScript SDK: one fixed text per status.
    (None, SDK_401, "invalid_token", "ambiguous", "retry"),
    (None, SDK_403 + api_error(403, "Insufficient client scope"), "insufficient_scope", "missing_scope", "fix_config"),
    (None, SDK_403 + api_error(403, "Forbidden"), "access_denied", "ambiguous", "fix_config"),
    (None, SDK_429, "rate_limited", "rate_limit_exceeded", "retry"),
    # Accounts service: a refresh token refused with no reason named keeps its three causes.
    (400, token_error("invalid_grant", "Invalid refresh token"), "invalid_grant", "ambiguous", "reauth"),
    # ... while a reason the server names is left to the generic rules.
    (400, token_error("invalid_grant", "Refresh token revoked"), "invalid_grant", "refresh_token_revoked", "reauth"),
    (400, token_error("invalid_grant", "Invalid authorization code"), "invalid_grant", "auth_code_invalid_or_reused",
     "reauth"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_documented_error_classifies(status: int | None, body: str, cls: str, cause: str, decision: str) -> None:
    assert run(status, body) == (cls, cause, decision)


def test_unexplained_401_lists_refresh_then_reauth() -> None:
    got = classify(401, api_error(401, "Invalid access token"), provider="spotify", rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("access_token_expired", "retry"), ("token_revoked", "reauth"), ("access_token_malformed", "fix_config")]
    assert got.normalized_status == 401


def test_refused_refresh_token_names_pkce_rotation_and_another_client() -> None:
    got = classify(400, token_error("invalid_grant", "Invalid refresh token"), provider="spotify",
                   rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("token_revoked", "reauth"), ("refresh_token_reused_after_rotation", "reauth"),
        ("token_for_other_client", "fix_config")]
    assert got.basis == "heuristic"


def test_rate_limit_rule_rests_on_spotify_source() -> None:
    got = classify(429, api_error(429, "API rate limit exceeded"), {"Retry-After": "30"}, provider="spotify",
                   rulebook=RuleBook())
    assert (got.failure_class, got.decision, got.basis) == ("rate_limited", "retry", "confirmed")


@pytest.mark.parametrize(("status", "body", "url"), [
    (400, token_error("invalid_grant"), "https://accounts.spotify.com/api/token"),  # the token URL's host
    (401, api_error(401, "Invalid access token"), None),  # the Web API's Error object
    (401, api_error(401, "x"), "https://api.spotify.com/v1/me"),  # the API host
    (None, SDK_401, None),  # Spotify's TypeScript SDK text
    (429, "HTTP Error for GET to https://api.spotify.com/v1/me/player returned 429", None),  # a log naming the host
    (400, "WebapiAuthenticationError: An authentication error occurred while communicating with Spotify's Web API.\n"
          "Details: invalid_grant Invalid refresh token.", None),  # spotify-web-api-node's wrapper
])
def test_spotify_is_detected(status: int | None, body: str, url: str | None) -> None:
    got = classify(status, body, url=url, rulebook=RuleBook())
    assert got.provider == "spotify"


@pytest.mark.parametrize(("status", "body"), [
    # Google's nested error: status is a word, not a number.
    (401, json.dumps({"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                                "status": "UNAUTHENTICATED"}})),
    # Notion's error object: status at the top level.
    (401, json.dumps({"object": "error", "status": 401, "code": "unauthorized", "message": "API token is invalid."})),
    # Zoom's token endpoint.
    (400, '{"reason": "Invalid Token!", "error": "invalid_request"}'),
])
def test_other_providers_bodies_are_not_spotify(status: int, body: str) -> None:
    assert classify(status, body, rulebook=RuleBook()).provider != "spotify"


def test_spotify_rules_leave_token_endpoint_client_errors_alone() -> None:
    # A 401 invalid_client from /api/token is client authentication, not the Web API's 401 rule.
    assert run(401, token_error("invalid_client", "Invalid client")) == (
        "invalid_client", "bad_client_credentials", "fix_config")
    # A token-endpoint invalid_grant that says 'expired' is not an access token to refresh.
    assert run(400, token_error("invalid_grant", "Refresh token expired"))[2] == "reauth"


def test_redirect_uri_must_match_exactly() -> None:
    assert compare(["http://127.0.0.1:5173/callback"], "http://127.0.0.1:5173/callback", provider="spotify").accepted
    assert compare(["http://127.0.0.1:5173/callback"], "http://127.0.0.1:5173/callback/",
                   provider="spotify").accepted is False


def test_cli_explain_end_to_end() -> None:
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "spotify", "--format",
                           "json", "--status", "401", api_error(401, "Invalid access token")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["normalized_status"]) == (
        "spotify", "invalid_token", "ambiguous", "retry", 401)
    assert [c["cause"] for c in out["candidates"]] == ["access_token_expired", "token_revoked",
                                                       "access_token_malformed"]
