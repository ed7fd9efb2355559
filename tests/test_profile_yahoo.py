"""The Yahoo profile: the Fantasy Sports API's error object ({"error": {"xml:lang", "yahoo:uri", "description",
"detail"}}) and its OAuth 1.0-style ``oauth_problem`` words detect Yahoo; an expired token is refreshed (`retry`),
a refused one lists its causes, a 403 "Forbidden access." is the user's or the app's access (`fix_config`), and
Yahoo's non-standard 999 is its rate limit; other providers' bodies stay theirs.

Bodies are written here from what Yahoo's client libraries model (yahoo-fantasy-sports-api's recorded answers,
yahoo_fantasy_api's tests, yfpy), not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://api.login.yahoo.com/oauth2/get_token"
FANTASY_URL = "https://fantasysports.yahooapis.com/fantasy/v2/users;use_login=1/games"


def yahoo_error(description: str, uri: str = "/fantasy/v2/users;use_login=1/games?format=json") -> str:
    return json.dumps({"error": {"xml:lang": "en-us", "yahoo:uri": uri, "description": description, "detail": ""}})


def test_expired_token_is_refreshed() -> None:
    body = yahoo_error('Please provide valid credentials. OAuth oauth_problem="token_expired", realm="yahooapis.com"')
    e = classify(401, body)
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("yahoo", "invalid_token", "access_token_expired",
                                                                  "retry")
    assert e.basis == "heuristic"


def test_expired_token_without_the_envelope_is_still_yahoo() -> None:
    body = json.dumps({"error": {"description": 'OAuth oauth_problem="token_expired", realm="yahooapis.com"'}})
    e = classify(401, body)
    assert (e.provider, e.cause, e.decision) == ("yahoo", "access_token_expired", "retry")


def test_other_oauth_problem_lists_its_causes() -> None:
    e = classify(403, json.dumps({"error": {"description": 'OAuth oauth_problem="invalid_token"'}}), provider="yahoo")
    assert (e.failure_class, e.cause, e.decision) == ("invalid_token", "ambiguous", "retry")
    assert [c.cause for c in e.candidates] == ["access_token_expired", "token_revoked", "access_token_malformed"]


def test_forbidden_access_is_access_not_the_token() -> None:
    e = classify(403, yahoo_error("Forbidden access."))
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("yahoo", "access_denied", "ambiguous", "fix_config")
    assert [c.cause for c in e.candidates] == ["resource_not_visible_to_user", "app_missing_api_permission"]


def test_status_999_is_the_rate_limit() -> None:
    e = classify(999, "", url=FANTASY_URL)
    assert (e.provider, e.failure_class, e.decision, e.normalized_status) == ("yahoo", "rate_limited", "retry", 429)


def test_token_url_host_detects_yahoo_and_a_dead_grant_is_reauth() -> None:
    e = classify(400, json.dumps({"error": "invalid_grant"}), url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("yahoo", "invalid_grant", "reauth")


def test_other_providers_bodies_are_not_claimed() -> None:
    assert classify(200, json.dumps({"ok": False, "error": "invalid_auth"})).provider == "slack"
    # an oauth_problem without Yahoo's realm is any OAuth 1.0a server's
    assert classify(401, "oauth_problem=token_expired").provider != "yahoo"
    # a Google-style nested error object is not Yahoo's
    google = json.dumps({"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                                   "status": "UNAUTHENTICATED"}})
    assert classify(401, google).provider != "yahoo"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("yahoo")
    assert resolve_id("yahoo-oauth2") == "yahoo"
    assert resolve_id("sign-in-with-yahoo") == "yahoo"
    assert profile.endpoints.authorize.url == "https://api.login.yahoo.com/oauth2/request_auth"
    assert profile.endpoints.token.url == TOKEN_URL
    assert profile.endpoints.discovery.url == "https://api.login.yahoo.com/.well-known/openid-configuration"
    assert profile.client_auth.preferred == "client_secret_basic"
    assert profile.token_policy.access_token_lifetime.seconds == 3600
    assert profile.grants.supported == ["authorization_code", "refresh_token"]


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "yahoo", "--format", "json", "--status", "401",
         yahoo_error('OAuth oauth_problem="token_expired", realm="yahooapis.com"')],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "yahoo", "invalid_token", "access_token_expired", "retry")
