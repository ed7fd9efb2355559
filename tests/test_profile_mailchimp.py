"""The Mailchimp profile: the Marketing API's problem document (type, title, status, detail, instance), its
data-centre hosts and its SDKs' ``invalid-server`` host detect Mailchimp; a refused token is `reauth` because
Mailchimp OAuth tokens neither expire nor refresh, a data centre left out of the SDK's config is `fix_config` (not a
network fault to retry), and other providers' problem documents stay theirs.

Bodies are written here from Mailchimp's SDKs' error fields and the libraries' code, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://login.mailchimp.com/oauth2/token"
METADATA_URL = "https://login.mailchimp.com/oauth2/metadata"
API_URL = "https://us6.api.mailchimp.com/3.0/lists"


def problem(title: str, status: int, detail: str) -> str:
    return json.dumps({"type": "https://example.invalid/errors/", "title": title, "status": status, "detail": detail,
                       "instance": "6b1c1c3e-0000-4000-8000-000000000000"})


def test_refused_token_is_reauth_because_nothing_can_be_refreshed() -> None:
    e = classify(401, problem("Unauthorized", 401, "The access token is not valid."))
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("mailchimp", "invalid_token", "ambiguous", "reauth")
    assert [c.cause for c in e.candidates] == ["token_revoked", "wrong_data_center", "access_token_malformed"]
    assert e.basis == "heuristic"


def test_words_about_the_data_centre_make_it_configuration() -> None:
    e = classify(401, problem("Unauthorized", 401, "You have attempted to access the wrong datacenter."))
    assert (e.provider, e.decision) == ("mailchimp", "fix_config")


def test_sdk_without_a_server_prefix_is_configuration_not_the_network() -> None:
    python_sdk = ("requests.exceptions.ConnectionError: HTTPSConnectionPool(host='invalid-server.api.mailchimp.com', "
                  "port=443): Max retries exceeded with url: /3.0/ping (Caused by NameResolutionError(\"Failed to "
                  "resolve 'invalid-server.api.mailchimp.com' ([Errno -2] Name or service not known)\"))")
    node_sdk = "Error: getaddrinfo ENOTFOUND invalid-server.api.mailchimp.com"
    for text in (python_sdk, node_sdk):
        e = classify(None, text)
        assert (e.provider, e.failure_class, e.cause, e.decision) == (
            "mailchimp", "invalid_request", "data_center_not_configured", "fix_config")
        assert e.basis == "confirmed"


def test_metadata_endpoint_error_at_200() -> None:
    e = classify(200, json.dumps({"error": "invalid_token"}), url=METADATA_URL)
    assert (e.provider, e.failure_class, e.decision, e.normalized_status) == (
        "mailchimp", "invalid_token", "reauth", 401)


def test_forbidden_and_rate_limit() -> None:
    e = classify(403, problem("Forbidden", 403, "This resource is not available to this user."), url=API_URL)
    assert (e.provider, e.failure_class, e.decision) == ("mailchimp", "access_denied", "fix_config")
    e = classify(429, problem("Too Many Requests", 429, "Too many simultaneous connections."))
    assert (e.provider, e.failure_class, e.decision) == ("mailchimp", "rate_limited", "retry")


def test_token_url_host_detects_mailchimp() -> None:
    e = classify(400, json.dumps({"error": "invalid_grant"}), url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("mailchimp", "invalid_grant", "reauth")
    # the API's 401 rule leaves the token endpoint's client authentication alone
    e = classify(401, json.dumps({"error": "invalid_client"}), url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("mailchimp", "invalid_client", "fix_config")


def test_other_providers_bodies_are_not_claimed() -> None:
    # an RFC 7807 document without Mailchimp's instance field
    bare = json.dumps({"type": "about:blank", "title": "Unauthorized", "status": 401, "detail": "Unauthorized"})
    assert classify(401, bare).provider != "mailchimp"
    assert classify(200, json.dumps({"ok": False, "error": "invalid_auth"})).provider == "slack"
    # a 401 at another provider's API keeps that provider's retry-first reading
    assert classify(401, json.dumps({"error": "invalid_token"})).provider != "mailchimp"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("mailchimp")
    assert resolve_id("mailchimp-marketing") == "mailchimp"
    assert profile.endpoints.authorize.url == "https://login.mailchimp.com/oauth2/authorize"
    assert profile.endpoints.token.url == TOKEN_URL
    assert profile.grants.supported == ["authorization_code"]
    assert profile.token_policy.access_token_lifetime.seconds is None
    assert any("invalid-server" in q.text for q in profile.quirks)


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "mailchimp", "--format", "json", "--status",
         "401", problem("Unauthorized", 401, "The access token is not valid.")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["decision"]) == ("mailchimp", "invalid_token", "reauth")
