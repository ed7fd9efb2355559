"""The Nylas profile: the two error shapes Nylas's SDKs parse (the OAuth endpoints' {error, error_code,
error_description, error_uri} and the API's {request_id, error: {type, message, provider_error}}), the grant-level
signals that mean the user must authenticate again (grant.expired, grant_status invalid) and the SDKs' own timeout
are read as the profile states; Nylas is recognised from its regional hosts and its body shapes, and other
providers' bodies stay theirs.

Bodies are written here from the SDKs' models, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://api.us.nylas.com/v3/connect/token"
EU_TOKEN_URL = "https://api.eu.nylas.com/v3/connect/token"


def oauth_error(error: str, description: str, code: int = 100241) -> str:
    return json.dumps({"error": error, "error_code": code, "error_description": description,
                       "error_uri": "https://docs.nylas.com/reference#authentication-errors"})


def api_error(kind: str, message: str) -> str:
    return json.dumps({"request_id": "5fa64c92-e840-4357-86b9-2aa364d35b88",
                       "error": {"type": kind, "message": message, "provider_error": {"error": "upstream"}}})


def test_oauth_error_shape_detects_nylas() -> None:
    e = classify(400, oauth_error("invalid_grant", "The refresh token is invalid."))
    assert (e.provider, e.failure_class, e.decision) == ("nylas", "invalid_grant", "reauth")


def test_api_error_shape_detects_nylas() -> None:
    e = classify(400, api_error("invalid_request_error", "Invalid request body"))
    assert e.provider == "nylas"


def test_token_host_detects_both_regions() -> None:
    for url in (TOKEN_URL, EU_TOKEN_URL):
        e = classify(401, json.dumps({"error": "invalid_client", "error_description": "Bad client secret"}), url=url)
        assert (e.provider, e.failure_class, e.decision) == ("nylas", "invalid_client", "fix_config")


def test_grant_expired_webhook_means_reauth() -> None:
    body = json.dumps({"specversion": "1.0", "type": "grant.expired", "data": {"object": {"grant_id": "g-1"}}})
    e = classify(200, body, provider="nylas")
    assert (e.failure_class, e.cause, e.decision, e.basis) == ("invalid_grant", "grant_dead", "reauth", "confirmed")


def test_invalid_grant_status_means_reauth() -> None:
    body = json.dumps({"id": "g-1", "provider": "google", "grant_status": "invalid", "email": "a@example.com"})
    e = classify(200, body, provider="nylas")
    assert (e.failure_class, e.cause, e.decision) == ("invalid_grant", "grant_dead", "reauth")


def test_sdk_timeout_is_retry() -> None:
    e = classify(None, "NylasSdkTimeoutError: Nylas SDK timed out before receiving a response from the server.")
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("nylas", "temporarily_unavailable",
                                                                   "network_error", "retry")


def test_other_providers_bodies_are_not_claimed() -> None:
    stripe = json.dumps({"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: sk_***"}})
    assert classify(401, stripe).provider == "stripe"
    assert classify(200, json.dumps({"ok": False, "error": "invalid_auth"})).provider == "slack"
    # A plain RFC body names nobody; a webhook of another service with a type field is not a Nylas grant.
    assert classify(400, json.dumps({"error": "invalid_grant"})).provider != "nylas"
    assert classify(200, json.dumps({"type": "grant.expired"})).provider != "nylas"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("nylas")
    assert resolve_id("nylas-v3") == "nylas"
    assert profile.kind == "provider"
    assert profile.endpoints.token.url == "https://{instance}/v3/connect/token"
    assert profile.endpoints.authorize.url == "https://{instance}/v3/connect/auth"
    assert set(profile.endpoints.hosts) == {"api.us.nylas.com", "api.eu.nylas.com"}
    assert profile.client_auth.body_format == "json"
    assert profile.pkce.methods == ["S256"]


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "nylas", "--format", "json", "--status", "200",
         json.dumps({"type": "grant.expired", "data": {"object": {"grant_id": "g-1"}}})],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == ("nylas", "invalid_grant", "grant_dead",
                                                                             "reauth")
