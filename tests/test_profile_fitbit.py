"""The Fitbit profile: Fitbit's error list (errors[].errorType / message, success false) maps to the class, cause and
decision the profile states; Fitbit is recognised from that shape, its documentation pointer and its token URL;
other providers' bodies stay theirs.

Bodies are written here from the shapes the client libraries decode (python-fitbit, ScribeJava, requests-oauthlib),
not copied from reports. No secret-looking value is used.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://api.fitbit.com/oauth2/token"
API_URL = "https://api.fitbit.com/1/user/-/profile.json"
POINTER = "Visit https://dev.fitbit.com/docs/oauth2 for more information on the Fitbit Web API authorization process."


def fitbit(error_type: str, message: str | None = None) -> str:
    entry = {"errorType": error_type}
    if message is not None:
        entry["message"] = message
    return json.dumps({"errors": [entry], "success": False})


CASES = [
    # (id, status, body, url, class, cause, decision)
    ("expired-access-token", 401, fitbit("expired_token", "Access token expired: CODE. " + POINTER), API_URL,
     "invalid_token", "access_token_expired", "retry"),
    ("expired-access-token-short", 401, fitbit("expired_token", "Access token expired:"), API_URL,
     "invalid_token", "access_token_expired", "retry"),
    ("code-invalid", 400, fitbit("invalid_grant", "Authorization code invalid: CODE " + POINTER), TOKEN_URL,
     "invalid_grant", "auth_code_invalid_or_reused", "reauth"),
    ("bare-invalid-grant", 400, fitbit("invalid_grant"), TOKEN_URL,
     "invalid_grant", "ambiguous", "reauth"),
]


@pytest.mark.parametrize(("status", "body", "url", "cls", "cause", "decision"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_fitbit_errors_map_as_the_profile_states(status: int, body: str, url: str, cls: str, cause: str,
                                                 decision: str) -> None:
    for e in (classify(status, body, url=url), classify(status, body), classify(status, body, provider="fitbit")):
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("fitbit", cls, cause, decision)
        assert e.basis == "heuristic"


def test_expired_token_at_fitbit_is_the_access_token_not_a_device_code() -> None:
    # RFC 8628's expired_token (class expired_token, reauth) means an expired device code; Fitbit's is the access token.
    e = classify(401, fitbit("expired_token"), provider="fitbit")
    assert (e.failure_class, e.cause, e.decision, e.normalized_status) == (
        "invalid_token", "access_token_expired", "retry", 401)


def test_bare_invalid_grant_lists_rotation_first() -> None:
    e = classify(400, fitbit("invalid_grant"), provider="fitbit")
    assert [c.cause for c in e.candidates] == ["refresh_token_reused_after_rotation", "refresh_token_revoked",
                                               "auth_code_invalid_or_reused"]
    assert all(c.decision == "reauth" for c in e.candidates)


def test_codes_the_profile_leaves_to_the_generic_reading() -> None:
    # Fitbit documents these, but no source read this round encodes them: the generic reading answers, Fitbit detected.
    scope = classify(403, fitbit("insufficient_scope", "This application does not have permission to read sleep data."))
    assert (scope.provider, scope.failure_class, scope.decision) == ("fitbit", "insufficient_scope", "fix_config")
    invalid = classify(401, fitbit("invalid_token", "Access token invalid: CODE"))
    assert (invalid.provider, invalid.failure_class, invalid.decision) == ("fitbit", "invalid_token", "retry")
    assert invalid.basis is None


def test_documentation_pointer_alone_detects_fitbit() -> None:
    e = classify(400, "Authorization code invalid: CODE " + POINTER)
    assert e.provider == "fitbit"


@pytest.mark.parametrize("body", [
    json.dumps({"error": "invalid_grant", "error_description": "Bad Request"}),
    json.dumps({"message": "Bad Request", "errors": [{"resource": "Application", "field": "client_id",
                                                      "code": "invalid"}]}),
])
def test_other_bodies_are_not_fitbit(body: str) -> None:
    assert classify(400, body).provider != "fitbit"


def test_profile_facts() -> None:
    assert resolve_id("fitbit-web-api") == "fitbit"
    p = get_profile("fitbit")
    assert p.endpoints.token.url == TOKEN_URL
    assert p.endpoints.token.basis == "confirmed"
    assert p.token_policy.rotation.mode == "always"
    assert p.redirect.missing_sent.when == "single_registered"


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "fitbit", "--format", "json", "--status", "401",
         fitbit("expired_token", "Access token expired: CODE. " + POINTER)],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "fitbit", "invalid_token", "access_token_expired", "retry")
