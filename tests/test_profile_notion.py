"""The Notion profile: Notion's documented error codes map to the class, cause and decision the profile states, a
Notion body or token URL is recognised without ``--provider``, and other providers' bodies stay theirs.

Bodies are written here in the shape Notion's status-codes page and its JS SDK's tests show
(``{"object": "error", "status": N, "code": "...", "message": "..."}``), with the codes of that page, not copied
from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id


def notion(status: int, code: str, message: str) -> str:
    return json.dumps({"object": "error", "status": status, "code": code, "message": message})


CASES = [
    # (status, body, class, cause, decision)
    (401, notion(401, "unauthorized", "API token is invalid."), "invalid_token", "ambiguous", "reauth"),
    (400, notion(400, "invalid_grant", "Invalid code: this code has been revoked."), "invalid_grant", "ambiguous",
     "reauth"),
    (403, notion(403, "restricted_resource", "Insufficient permissions for this endpoint."), "insufficient_scope",
     "missing_capability", "fix_config"),
    # a page not shared with the integration: RFC 6750's insufficient_scope (round twenty-seven)
    (404, notion(404, "object_not_found", "Could not find page with ID: 59833787-2cf9-4fdf-8782-e53db20768a5."),
     "insufficient_scope", "ambiguous", "fix_config"),
    (429, notion(429, "rate_limited", "You have been rate limited. Please try again in a few minutes."),
     "rate_limited", "rate_limit_exceeded", "retry"),
    (529, notion(529, "service_overload", "Service overloaded."), "temporarily_unavailable", "service_overloaded",
     "retry"),
    (500, notion(500, "internal_server_error", "Unexpected error occurred."), "server_error",
     "provider_internal_error", "retry"),
    (504, notion(504, "gateway_timeout", "Notion timed out."), "temporarily_unavailable", "provider_timeout", "retry"),
    (400, notion(400, "missing_version", "Notion-Version header failed validation."), "invalid_request",
     "notion_version_header_missing", "fix_config"),
    (400, notion(400, "validation_error", "body failed validation: body.grant_type should be defined."),
     "invalid_request", "request_body_invalid", "fix_config"),
    (400, notion(400, "invalid_json", "Error parsing JSON body."), "invalid_request", "request_body_not_json",
     "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES,
                         ids=[json.loads(c[1])["code"] for c in CASES])
def test_notion_codes_map_as_documented(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    for provider in ("notion", None):  # the body shape alone names the provider
        e = classify(status, body, provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("notion", cls, cause, decision)


def test_unauthorized_lists_the_reasons_and_names_no_refresh_as_primary() -> None:
    e = classify(401, notion(401, "unauthorized", "API token is invalid."))
    assert e.provider_code == "unauthorized"
    assert e.basis == "confirmed"
    assert [c.cause for c in e.candidates] == ["token_revoked", "token_malformed_or_placeholder",
                                               "access_token_expired"]


def test_the_message_alone_is_read_as_notion_401() -> None:
    e = classify(401, "unauthorized: API token is invalid.", provider="notion")
    assert (e.failure_class, e.decision, e.basis) == ("invalid_token", "reauth", "heuristic")


def test_invalid_grant_in_the_oauth_error_shape_at_notions_token_url() -> None:
    body = json.dumps({"error": "invalid_grant", "error_description": "Invalid code: this code has been revoked."})
    e = classify(400, body, url="https://api.notion.com/v1/oauth/token")
    assert e.provider == "notion"
    assert (e.failure_class, e.decision) == ("invalid_grant", "reauth")


def test_other_providers_bodies_are_not_claimed() -> None:
    slack = classify(200, json.dumps({"ok": False, "error": "invalid_auth"}))
    assert slack.provider == "slack"
    oauth = classify(400, json.dumps({"error": "invalid_grant", "error_description": "Bad Request"}))
    assert oauth.provider != "notion"
    # A body with a code field but not Notion's object/status pair is not Notion's.
    other = classify(401, json.dumps({"code": "unauthorized", "message": "Invalid API key"}))
    assert other.provider != "notion"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("notion")
    assert resolve_id("notionhq") == "notion"
    assert profile.endpoints.token.url == "https://api.notion.com/v1/oauth/token"
    assert profile.client_auth.accepted == ["client_secret_basic"]
    assert profile.client_auth.body_format == "json"
    assert profile.token_policy.rotation.mode == "always"
    assert profile.grants.supported == ["authorization_code", "refresh_token"]


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "notion", "--format", "json", "--status", "403",
         notion(403, "restricted_resource", "Insufficient permissions for this endpoint.")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["decision"], out["provider_code"]) == (
        "notion", "insufficient_scope", "fix_config", "restricted_resource")
