"""The Bitbucket Cloud profile: Bitbucket is recognised from its hosts (its API's error object is shared with others);
its errors keep the generic reading (no Bitbucket-specific code or wording was found in an Atlassian source), and
the profile carries the facts that change a diagnosis: Basic client authentication, an authorize request that may
leave out redirect_uri, Atlassian's own client reading a 401 at refresh as dead credentials.

Bodies are written here from the shapes Atlassian's VS Code extension reads, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://bitbucket.org/site/oauth2/access_token"
API_URL = "https://api.bitbucket.org/2.0/user"


def api_error(message: str) -> str:
    return json.dumps({"type": "error", "error": {"message": message}})


def test_api_error_object_at_the_api_host() -> None:
    e = classify(401, api_error("Access token expired."), url=API_URL)
    assert (e.provider, e.failure_class, e.cause, e.decision) == (
        "bitbucket", "invalid_token", "access_token_expired", "retry")
    assert e.basis is None  # the generic reading: no Bitbucket rule


@pytest.mark.parametrize(("status", "body", "cls", "decision"), [
    (400, json.dumps({"error": "invalid_grant", "error_description": "Invalid refresh_token"}), "invalid_grant",
     "reauth"),
    (400, json.dumps({"error": "invalid_client", "error_description": "Invalid OAuth client credentials"}),
     "invalid_client", "fix_config"),
    (400, json.dumps({"error": "unsupported_grant_type", "error_description": "Unsupported grant type: x"}),
     "unsupported_grant_type", "fix_config"),
])
def test_token_endpoint_errors_found_by_host(status: int, body: str, cls: str, decision: str) -> None:
    e = classify(status, body, url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("bitbucket", cls, decision)


def test_the_error_object_alone_names_no_provider() -> None:
    # The same {type: error, error: {message}} shape is Anthropic's API error: only the host tells them apart.
    assert classify(401, api_error("Access token expired.")).provider is None


@pytest.mark.parametrize("body", [
    json.dumps({"error": {"message": "Invalid Credentials", "code": 401, "status": "UNAUTHENTICATED"}}),  # Google
    json.dumps({"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}),  # GitHub
    # Anthropic
    json.dumps({"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}),
])
def test_other_bodies_are_not_bitbucket(body: str) -> None:
    assert classify(401, body).provider != "bitbucket"


def test_profile_facts() -> None:
    assert resolve_id("bitbucket-cloud") == "bitbucket"
    p = get_profile("bitbucket")
    assert p.endpoints.token.url == TOKEN_URL
    assert p.endpoints.token.basis == "confirmed"
    assert p.client_auth.accepted == ["client_secret_basic"]
    assert p.redirect.missing_sent.when == "single_registered"
    assert p.redirect.missing_sent.basis == "confirmed"
    assert any("401" in q.text and q.basis == "confirmed" for q in p.quirks)


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--url", TOKEN_URL, "--format", "json", "--status", "400",
         json.dumps({"error": "invalid_grant", "error_description": "Invalid refresh_token"})],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["decision"]) == ("bitbucket", "invalid_grant", "reauth")
