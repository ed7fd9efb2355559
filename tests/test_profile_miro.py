"""The Miro profile: the error schemas of Miro's OpenAPI spec ({status, code, message, type: "error"} with codes
such as tokenNotProvided, invalidParameters, forbiddenAccess, tooManyRequests) map to the class, cause and decision
the profile states; a refused token names expiring versus non-expiring tokens; Miro is recognised from its body
shape or its token host; other providers' bodies stay theirs.

Bodies are written here from the spec's schemas, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://api.miro.com/v1/oauth/token"


def miro(status: int, code: str, message: str) -> str:
    return json.dumps({"status": status, "code": code, "message": message, "type": "error"})


CASES = [
    # (id, status, body, class, cause, decision)
    ("token-not-provided", 401, miro(401, "tokenNotProvided", "No access token in the request"),
     "invalid_request", "access_token_missing", "fix_config"),
    ("401-other", 401, miro(401, "unauthorized", "Authentication failed"), "invalid_token", "ambiguous", "retry"),
    ("invalid-parameters", 400, miro(400, "invalidParameters", "Field [limit] is out of range"),
     "invalid_request", "invalid_parameters", "fix_config"),
    ("forbidden-access", 403, miro(403, "forbiddenAccess", "Access denied"), "access_denied", "ambiguous",
     "fix_config"),
    ("too-many-requests", 429, miro(429, "tooManyRequests", "Too many requests"), "rate_limited",
     "rate_limit_exceeded", "retry"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_miro_errors_map_as_the_spec_states(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    e = classify(status, body)  # detected from the body shape
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("miro", cls, cause, decision)
    given = classify(status, body, provider="miro-api")
    assert (given.failure_class, given.cause, given.decision) == (cls, cause, decision)
    assert given.basis == "confirmed"


def test_a_refused_token_tells_expiring_from_non_expiring() -> None:
    e = classify(401, miro(401, "unauthorized", "Authentication failed"), provider="miro")
    assert [(c.cause, c.decision) for c in e.candidates] == [
        ("access_token_expired", "retry"), ("token_revoked", "reauth"), ("wrong_token_type", "fix_config")]
    assert "non-expiring" in e.summary
    assert "non-expiring" in e.candidates[1].tells_apart


def test_token_endpoint_rfc_errors_keep_their_reading() -> None:
    grant = classify(400, json.dumps({"error": "invalid_grant"}), url=TOKEN_URL)
    assert (grant.provider, grant.failure_class, grant.decision) == ("miro", "invalid_grant", "reauth")
    client = classify(401, json.dumps({"error": "invalid_client"}), url=TOKEN_URL)
    assert (client.provider, client.failure_class, client.decision) == ("miro", "invalid_client", "fix_config")


@pytest.mark.parametrize(("status", "body", "provider"), [
    (400, json.dumps({"reason": "Invalid Token!", "error": "invalid_request"}), "zoom"),
    (200, json.dumps({"ok": False, "error": "invalid_code"}), "slack"),
    (403, json.dumps({"status": 403, "err": "Request refused"}), "figma"),
])
def test_other_providers_bodies_are_not_taken(status: int, body: str, provider: str) -> None:
    assert classify(status, body).provider == provider


def test_a_body_without_type_error_is_not_miro() -> None:
    body = json.dumps({"status": 401, "code": "unauthorized", "message": "Authentication failed"})
    assert classify(401, body).provider != "miro"


def test_profile_facts() -> None:
    p = get_profile("miro")
    assert resolve_id("realtimeboard") == "miro"
    assert p.endpoints.authorize.url == "https://miro.com/oauth/authorize"
    assert p.endpoints.token.url == TOKEN_URL
    assert p.endpoints.revocation.url == "https://api.miro.com/v2/oauth/revoke"
    assert p.client_auth.accepted == ["client_secret_post"]
    assert p.token_policy.rotation.mode == "always"
    assert any("non-expiring" in q.text for q in p.quirks)


def test_cli_explain_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "miro", "--format", "json", "--status", "401",
         miro(401, "tokenNotProvided", "No access token in the request")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "miro", "invalid_request", "access_token_missing", "fix_config")


def test_a_401_whose_words_name_another_cause_is_read_by_its_words() -> None:
    """The 401 rule knows only the status (expired, revoked or the wrong token); words naming another cause decide."""
    message = "The token was not issued by this server"
    body = json.dumps({"type": "error", "status": 401, "code": "x", "message": message})
    r = classify(401, body, provider="miro")
    assert (r.failure_class, r.cause, r.decision) == ("invalid_token", "token_from_other_issuer", "fix_config")
