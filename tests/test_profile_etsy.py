"""The Etsy profile: Etsy's ``{"error": "<sentence>"}`` bodies at the statuses its Open API v3 description names
get the class, cause and decision the profile states; Etsy is recognised by its hosts (its error shape is too plain
to name it), and other providers' bodies stay theirs.

Bodies are written here in the shape of the description's ``ErrorSchema`` (etsy/open-api, June 2021), not copied
from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://api.etsy.com/v3/public/oauth/token"


def etsy(message: str) -> str:
    return json.dumps({"error": message})


def test_rate_limit_is_a_retry() -> None:
    e = classify(429, etsy("You have exceeded your rate limit."), provider="etsy")
    assert (e.provider, e.failure_class, e.cause, e.decision, e.basis) == (
        "etsy", "rate_limited", "rate_limit_exceeded", "retry", "confirmed")


def test_not_functional_endpoint_is_not_retried() -> None:
    e = classify(501, etsy("This endpoint is not functional at this time."), provider="etsy")
    assert (e.failure_class, e.cause, e.decision) == ("server_error", "endpoint_not_functional", "fix_config")


def test_server_error_at_the_token_url_is_etsys_and_a_retry() -> None:
    e = classify(500, etsy("Server Error"), url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("etsy", "server_error", "retry")


@pytest.mark.parametrize("url", [TOKEN_URL, "https://openapi.etsy.com/v3/public/oauth/token",
                                 "https://www.etsy.com/oauth/connect"])
def test_detected_by_host(url: str) -> None:
    assert classify(400, json.dumps({"error": "invalid_request"}), url=url).provider == "etsy"


@pytest.mark.parametrize("description", ["redirect_uri does not match", "code_verifier does not match the "
                                         "code_challenge", "authorization code has expired"])
def test_invalid_grant_is_left_to_the_generic_reading(description: str) -> None:
    """No Etsy source shows an invalid_grant body: the profile adds no rule that would hide what the text says."""
    body = json.dumps({"error": "invalid_grant", "error_description": description})
    mine, plain = classify(400, body, provider="etsy"), classify(400, body)
    assert (mine.failure_class, mine.cause, mine.decision) == (plain.failure_class, plain.cause, plain.decision)


def test_plain_error_bodies_elsewhere_are_not_claimed() -> None:
    assert classify(429, etsy("Too many requests")).provider != "etsy"
    assert classify(501, etsy("Not Implemented")).provider != "etsy"
    assert classify(200, json.dumps({"ok": False, "error": "invalid_auth"})).provider == "slack"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("etsy")
    assert resolve_id("etsy-api") == "etsy"
    assert profile.endpoints.authorize.url == "https://www.etsy.com/oauth/connect"
    assert profile.endpoints.token.url == TOKEN_URL
    assert (profile.pkce.required, profile.pkce.methods) == ("always", ["S256"])
    assert profile.grants.supported == ["authorization_code", "refresh_token"]
    assert profile.token_policy.access_token_lifetime.seconds == 3600


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "etsy", "--format", "json", "--status", "501",
         etsy("This endpoint is not functional at this time.")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "etsy", "server_error", "endpoint_not_functional", "fix_config")
