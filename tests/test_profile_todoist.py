"""The Todoist profile: Todoist's error object ({error, error_code, error_extra, error_tag, http_code}) and its
SDKs' own error names detect Todoist; a refused access token is `reauth`, because Todoist OAuth tokens come
without a refresh token; OAuth and API hosts are told apart; other providers' bodies stay theirs.

Bodies are written here from the SDKs' error model, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://todoist.com/oauth/access_token"
API_URL = "https://api.todoist.com/api/v1/tasks"


def todoist_error(message: str, tag: str, status: int, code: int = 0) -> str:
    return json.dumps({"error": message, "error_code": code, "error_extra": {}, "error_tag": tag,
                       "http_code": status})


def test_refused_token_refreshes_once_now_that_todoist_issues_refresh_tokens() -> None:
    # Todoist's SDK added the refresh grant in June 2026 (refresh tokens on by default for new apps)
    e = classify(401, todoist_error("Unauthorized", "AUTH_INVALID_TOKEN", 401, 401))
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("todoist", "invalid_token", "ambiguous", "retry")
    assert [c.cause for c in e.candidates] == ["access_token_expired", "token_revoked",
                                               "refresh_token_reused_after_rotation", "access_token_malformed"]
    assert e.basis == "heuristic"


def test_bodiless_401_from_the_api_host() -> None:
    e = classify(401, "", url=API_URL)
    assert (e.provider, e.failure_class, e.decision) == ("todoist", "invalid_token", "retry")


def test_token_endpoint_invalid_grant_is_reauth() -> None:
    e = classify(400, json.dumps({"error": "invalid_grant"}), url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("todoist", "invalid_grant", "reauth")


def test_a_non_auth_error_is_not_read_as_one() -> None:
    e = classify(404, todoist_error("Task not found", "TASK_NOT_FOUND", 404, 478))
    assert e.provider == "todoist"
    assert e.decision != "reauth"


def test_sdk_error_name_detects_todoist() -> None:
    text = "TodoistRequestError: Authentication token exchange failed."
    assert classify(None, text).provider == "todoist"


def test_other_providers_bodies_are_not_claimed() -> None:
    assert classify(200, json.dumps({"ok": False, "error": "invalid_auth"})).provider == "slack"
    assert classify(401, json.dumps({"error": "invalid_token"})).provider != "todoist"
    # An error_tag without Todoist's http_code is not enough.
    assert classify(400, json.dumps({"error": "bad", "error_tag": "X"})).provider != "todoist"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("todoist")
    assert resolve_id("todoist-api") == "todoist"
    assert profile.endpoints.authorize.url == "https://todoist.com/oauth/authorize"
    assert profile.endpoints.token.url == TOKEN_URL
    assert profile.endpoints.revocation.url == "https://api.todoist.com/api/v1/revoke"
    assert profile.grants.supported == ["authorization_code", "refresh_token"]
    assert profile.token_policy.access_token_lifetime.seconds is None  # expires_in, for apps with refresh tokens


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "todoist", "--format", "json", "--status", "401",
         todoist_error("Unauthorized", "AUTH_INVALID_TOKEN", 401, 401)],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["decision"], out["provider_code"]) == (
        "todoist", "invalid_token", "retry", "AUTH_INVALID_TOKEN")


def test_a_token_endpoint_code_under_401_keeps_its_own_meaning() -> None:
    """The API's 401 rule is about the access token; the token endpoint's invalid_client is the client's secret."""
    from oauthdoctor import classify

    r = classify(401, '{"error":"invalid_client"}', provider="todoist")
    assert (r.failure_class, r.decision) == ("invalid_client", "fix_config")
