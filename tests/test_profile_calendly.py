"""The Calendly profile: Calendly is found by its hosts (auth.calendly.com, api.calendly.com) from --url or a log
line, since no source read shows its error bodies; a refused API token is refreshed once (Calendly issues refresh
tokens), a 403 lists the app's scopes against the user's organisation role, and bodies without a Calendly URL are
not claimed.

Bodies are written here from RFC 6749/6750 and the sources' words, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://auth.calendly.com/oauth/token"
API_URL = "https://api.calendly.com/organization_memberships"


def test_refused_api_token_is_refreshed_once() -> None:
    e = classify(401, "", url="https://api.calendly.com/users/me")
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("calendly", "invalid_token", "ambiguous", "retry")
    assert [c.cause for c in e.candidates] == ["access_token_expired", "token_revoked", "access_token_malformed"]
    assert e.basis == "heuristic"


def test_forbidden_lists_scope_against_role() -> None:
    e = classify(403, "", url=API_URL)
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("calendly", "access_denied", "ambiguous",
                                                                  "fix_config")
    assert [c.cause for c in e.candidates] == ["missing_scope", "insufficient_user_role"]


def test_token_endpoint_keeps_the_rfc_reading() -> None:
    e = classify(400, json.dumps({"error": "invalid_grant"}), url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("calendly", "invalid_grant", "reauth")
    e = classify(401, json.dumps({"error": "invalid_client"}), url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("calendly", "invalid_client", "fix_config")


def test_a_log_line_naming_the_token_url_detects_calendly() -> None:
    e = classify(None, 'POST https://auth.calendly.com/oauth/token -> 400 {"error": "invalid_grant"}')
    assert (e.provider, e.failure_class) == ("calendly", "invalid_grant")


def test_bodies_without_a_calendly_url_are_not_claimed() -> None:
    assert classify(401, json.dumps({"error": "invalid_token"})).provider != "calendly"
    assert classify(403, json.dumps({"title": "Permission Denied", "message": "No."})).provider != "calendly"
    assert classify(200, json.dumps({"ok": False, "error": "invalid_auth"})).provider == "slack"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("calendly")
    assert resolve_id("calendly-api") == "calendly"
    assert profile.endpoints.authorize.url == "https://auth.calendly.com/oauth/authorize"
    assert profile.endpoints.token.url == TOKEN_URL
    assert profile.endpoints.revocation.url == "https://auth.calendly.com/oauth/revoke"
    assert profile.grants.supported == ["authorization_code", "refresh_token"]
    assert profile.pkce.methods == ["S256"]


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "calendly", "--format", "json", "--status",
         "403", "--url", API_URL, json.dumps({"title": "Forbidden"})],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["decision"]) == ("calendly", "access_denied", "fix_config")
