"""The Strava profile: Strava's Fault bodies map to the class, cause and decision the profile states, a Strava body,
rate-limit header or token URL is recognised without ``--provider``, and other providers' bodies stay theirs.

Bodies are written here in the shape of Strava's Fault (``{"message": ..., "errors": [{"resource", "field",
"code"}]}``, strava/go.strava errors.go and its recorded cassettes), with the resources that Strava's Go client and
stravalib name, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id


def fault(message: str, resource: str, field: str, code: str) -> str:
    return json.dumps({"message": message, "errors": [{"resource": resource, "field": field, "code": code}]})


CASES = [
    # (id, status, body, class, cause, decision)
    ("permission-missing", 401, fault("Authorization Error", "AccessToken", "activity:read_permission", "missing"),
     "insufficient_scope", "missing_scope", "fix_config"),
    ("write-permission-missing", 401, fault("Authorization Error", "AccessToken", "write_permission", "missing"),
     "insufficient_scope", "missing_scope", "fix_config"),
    ("athlete-token-invalid", 401, fault("Authorization Error", "Athlete", "access_token", "invalid"),
     "invalid_token", "ambiguous", "retry"),
    ("client-id-invalid", 400, fault("Bad Request", "Application", "client_id", "invalid"),
     "invalid_client", "bad_client_credentials", "fix_config"),
    ("client-secret-invalid", 401, fault("Authorization Error", "Application", "client_secret", "invalid"),
     "invalid_client", "bad_client_credentials", "fix_config"),
    ("request-token-invalid", 400, fault("Bad Request", "RequestToken", "code", "invalid"),
     "invalid_grant", "ambiguous", "reauth"),
    ("authorization-code-invalid", 400, fault("Bad Request", "AuthorizationCode", "code", "invalid"),
     "invalid_grant", "ambiguous", "reauth"),
    ("refresh-token-invalid", 400, fault("Bad Request", "RefreshToken", "refresh_token", "invalid"),
     "invalid_grant", "ambiguous", "reauth"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_strava_faults_map_as_the_profile_states(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    for provider in ("strava", None):  # the Fault's resource names the provider
        e = classify(status, body, provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("strava", cls, cause, decision)


def test_missing_permission_rests_on_stravas_recorded_answer_and_names_the_scope_fix() -> None:
    e = classify(401, fault("Authorization Error", "AccessToken", "activity:read_permission", "missing"))
    assert e.basis == "confirmed"
    assert e.normalized_status == 403
    assert any("activity:read" in h and "authorize again" in h for h in e.hints)


def test_refused_athlete_token_refreshes_once_and_lists_the_other_causes() -> None:
    e = classify(401, fault("Authorization Error", "Athlete", "access_token", "invalid"))
    assert e.basis == "heuristic"
    assert [(c.cause, c.decision) for c in e.candidates] == [
        ("access_token_expired", "retry"), ("wrong_athlete_for_token", "fix_config"), ("token_revoked", "reauth"),
        ("access_token_malformed", "fix_config")]
    assert e.hints[0].startswith("Refresh once")


def test_unrecognised_code_lists_a_code_parsed_with_the_callbacks_scope() -> None:
    e = classify(400, fault("Bad Request", "RequestToken", "code", "invalid"))
    assert e.basis == "confirmed"
    causes = {c.cause: c for c in e.candidates}
    assert set(causes) == {"auth_code_invalid_or_reused", "auth_code_malformed",
                           "grant_issued_for_other_client_or_endpoint"}
    assert causes["auth_code_malformed"].decision == "fix_config"
    assert "scope=" in causes["auth_code_malformed"].tells_apart


def test_bare_authorization_error_is_a_refused_token_to_refresh_once() -> None:
    e = classify(401, json.dumps({"message": "Authorization Error"}), provider="strava")
    assert (e.failure_class, e.cause, e.decision) == ("invalid_token", "ambiguous", "retry")
    assert [c.cause for c in e.candidates] == ["access_token_expired", "token_revoked", "access_token_malformed"]


def test_rate_limit_is_retried_and_the_header_pair_names_strava() -> None:
    # Headers in the format of Strava's recorded answer (go.strava cassettes); the 429 body was not read anywhere.
    headers = {"X-RateLimit-Limit": "600,30000", "X-RateLimit-Usage": "601,4500"}
    e = classify(429, "", headers=headers)
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("strava", "rate_limited", "rate_limit_exceeded",
                                                                  "retry")
    assert "quarter hour" in e.summary


def test_consent_refused_on_the_callback() -> None:
    e = classify(None, "https://app.example.com/strava/callback?state=xyz&error=access_denied", provider="strava")
    assert (e.failure_class, e.cause, e.decision) == ("access_denied", "user_denied_consent", "reauth")
    assert e.basis == "confirmed"


def test_token_url_host_detects_strava() -> None:
    body = json.dumps({"message": "Bad Request", "errors": [{"resource": "Application", "field": "client_secret",
                                                             "code": "invalid"}]})
    for url in ("https://www.strava.com/api/v3/oauth/token", "https://www.strava.com/oauth/token"):
        e = classify(400, body, url=url)
        assert (e.provider, e.failure_class, e.decision) == ("strava", "invalid_client", "fix_config")


def test_other_providers_bodies_are_not_claimed() -> None:
    # GitHub's validation errors share the keys but not Strava's resources.
    github = classify(422, json.dumps({"message": "Validation Failed", "errors": [
        {"resource": "Issue", "field": "title", "code": "missing_field"}]}))
    assert github.provider != "strava"
    # A one-number rate-limit header (GitHub's) is not Strava's pair.
    other = classify(429, json.dumps({"message": "API rate limit exceeded"}), headers={"X-RateLimit-Limit": "5000"})
    assert other.provider != "strava"
    slack = classify(200, json.dumps({"ok": False, "error": "invalid_auth"}))
    assert slack.provider == "slack"
    oauth = classify(400, json.dumps({"error": "invalid_grant", "error_description": "Bad Request"}))
    assert oauth.provider != "strava"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("strava")
    assert resolve_id("strava-api") == "strava"
    assert profile.kind == "provider"
    assert profile.endpoints.token.url == "https://www.strava.com/api/v3/oauth/token"
    assert profile.endpoints.token.basis == "confirmed"
    assert profile.client_auth.accepted == ["client_secret_post"]
    assert profile.grants.supported == ["authorization_code", "refresh_token"]
    assert profile.token_policy.access_token_lifetime.seconds == 6 * 3600
    assert profile.token_policy.rotation.mode == "optional"
    assert profile.pkce.supported is False


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "strava", "--format", "json", "--status", "401",
         fault("Authorization Error", "AccessToken", "activity:read_permission", "missing")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "strava", "insufficient_scope", "missing_scope", "fix_config")
