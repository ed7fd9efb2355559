"""The Twitch profile: each documented Twitch error body maps to the class, cause and decision the profile states,
Twitch's bodies and hosts are recognised without ``--provider``, the profile claims no other provider's body, and
the facts a verdict rests on read as Twitch's CLI and docs give them.

Bodies are written here in the shapes Twitch's own code and docs show: Helix's ``{"error": <reason phrase>,
"status": N, "message": ...}`` (twitch-cli's mock API), id.twitch.tv's ``{"status": N, "message": ...}`` (the
revoke page) and the authorize redirect's ``error=redirect_mismatch`` (twitch-cli docs), not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile, resolve_id

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
REASONS = {400: "Bad Request", 401: "Unauthorized", 404: "Not Found"}


def helix(status: int, message: str) -> str:
    """A Helix API error body as Twitch's mock API writes it (status, reason phrase, message)."""
    return json.dumps({"error": REASONS[status], "status": status, "message": message})


def id_twitch(status: int, message: str) -> str:
    """An id.twitch.tv error body as Twitch's revoke page shows it (status and message only)."""
    return json.dumps({"status": status, "message": message})


CASES = [
    # (status, body, class, cause, decision)
    # Helix 401s (twitch-cli mock API): an unknown or expired token is refreshed once; a scope is configuration.
    (401, helix(401, "Invalid OAuth token"), "invalid_token", "ambiguous", "retry"),
    (401, helix(401, "Token expired"), "invalid_token", "access_token_expired", "retry"),
    (401, helix(401, "Missing required scope channel:manage:polls"), "insufficient_scope", "missing_scope",
     "fix_config"),
    (401, helix(401, "Missing scope: moderator:read:followers"), "insufficient_scope", "missing_scope", "fix_config"),
    (401, helix(401, "Token invalid or missing required scope"), "insufficient_scope", "ambiguous", "fix_config"),
    (401, helix(401, "Missing Client ID or OAuth token"), "invalid_request", "ambiguous", "fix_config"),
    (401, helix(401, "OAuth token is missing"), "invalid_request", "access_token_missing", "fix_config"),
    # A token issued to another client than the Client-Id header: no refresh fixes that.
    (401, helix(401, "Client ID and OAuth token do not match"), "invalid_token", "token_for_other_client",
     "fix_config"),
    # id.twitch.tv: a dead refresh token is a new authorisation; revoke's own answers are configuration.
    (400, json.dumps({"error": "Bad Request", "status": 400, "message": "Invalid refresh token"}), "invalid_grant",
     "ambiguous", "reauth"),
    (404, id_twitch(404, "client does not exist"), "invalid_client", "unknown_client_id", "fix_config"),
    (400, id_twitch(400, "Invalid token"), "invalid_token", "ambiguous", "fix_config"),
    (400, id_twitch(400, "missing client secret"), "invalid_client", "ambiguous", "fix_config"),
    (400, id_twitch(400, "invalid client"), "invalid_client", "ambiguous", "fix_config"),
    # /validate: no token at all is the request's shape; an invalid one is refreshed once.
    (401, id_twitch(401, "missing authorization token"), "invalid_request", "access_token_missing", "fix_config"),
    (401, id_twitch(401, "invalid access token"), "invalid_token", "ambiguous", "retry"),
    # Device flow: the user has not approved yet.
    (400, id_twitch(400, "authorization_pending"), "authorization_pending", "device_authorization_pending", "retry"),
    # The authorize redirect (twitch-cli docs/token.md).
    (302, "http://localhost:3000/?error=redirect_mismatch&error_description=Parameter+redirect_uri+does+not+match"
     "+registered+URI&state=abc", "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_twitch_error_bodies(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="twitch", rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision), got.summary
    assert got.provider == "twitch"


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), [
    c for c in CASES if "redirect_mismatch" in c[1] or "OAuth token" in c[1] or "Invalid refresh token" in c[1]
    or "client does not exist" in c[1] or "Missing required scope" in c[1]
])
def test_twitch_bodies_are_detected_without_provider(status: int, body: str, cls: str, cause: str,
                                                     decision: str) -> None:
    got = classify(status, body, rulebook=RuleBook())
    assert got.provider == "twitch"
    assert (got.failure_class, got.decision) == (cls, decision)


@pytest.mark.parametrize("url", ["https://id.twitch.tv/oauth2/token", "https://api.twitch.tv/helix/users"])
def test_twitch_is_detected_from_its_hosts(url: str) -> None:
    got = classify(400, '{"status": 400, "message": "something unforeseen"}', url=url, rulebook=RuleBook())
    assert got.provider == "twitch"


def test_refresh_failure_lists_the_grant_killers_as_candidates() -> None:
    got = classify(400, id_twitch(400, "Invalid refresh token"), provider="twitch", rulebook=RuleBook())
    causes = [c.cause for c in got.candidates]
    assert causes == ["token_revoked", "refresh_token_reused_after_rotation", "refresh_token_expired"]


@pytest.mark.parametrize(("body", "provider"), [
    # A Spring Boot error page: status + message, but no Twitch message.
    ('{"timestamp":"2026-01-01T00:00:00Z","status":401,"error":"Unauthorized","message":"Full authentication is '
     'required","path":"/api"}', None),
    # Another provider's RFC 6749 body must keep its own meaning under the Twitch profile.
    ('{"error":"invalid_grant","error_description":"Token has been expired or revoked."}', None),
])
def test_other_bodies_are_not_claimed(body: str, provider: str | None) -> None:
    got = classify(401, body, provider=provider, rulebook=RuleBook())
    assert got.provider != "twitch"


def test_rfc_body_under_twitch_keeps_its_generic_answer() -> None:
    got = classify(400, '{"error":"invalid_client","error_description":"Client authentication failed."}',
                   provider="twitch", rulebook=RuleBook())
    assert (got.failure_class, got.decision) == ("invalid_client", "fix_config")


def test_aliases_resolve() -> None:
    assert resolve_id("twitch-tv") == "twitch"
    assert resolve_id("TWITCH-HELIX") == "twitch"


def test_twitch_profile_facts() -> None:
    profile = get_profile("twitch")
    assert profile.endpoints.token.url == "https://id.twitch.tv/oauth2/token"
    assert profile.endpoints.revocation.url == "https://id.twitch.tv/oauth2/revoke"
    assert profile.endpoints.device.url == "https://id.twitch.tv/oauth2/device"
    assert profile.client_auth.accepted == ["client_secret_post", "none"]
    assert "device_code" in profile.grants.supported and "client_credentials" in profile.grants.supported
    assert profile.redirect.max_callback_urls == 10
    refresh = profile.token_policy.refresh_token_lifetime
    assert refresh is not None and refresh.seconds == 30 * 86400 and refresh.basis == "heuristic"


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "twitch", "--format", "json", "--status", "400",
         json.dumps({"error": "Bad Request", "status": 400, "message": "Invalid refresh token"})],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == ("twitch", "invalid_grant", "ambiguous",
                                                                            "reauth")
    assert out["basis"] == "heuristic"
