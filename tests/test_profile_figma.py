"""The Figma profile: the two error shapes of Figma's OpenAPI spec ({status, err} and {error: true, status,
message}) and the meaning the spec gives each status map to the class, cause and decision the profile states; Figma
is recognised from its body shape or its OAuth hosts; token-endpoint RFC errors keep their RFC reading; other
providers' bodies stay theirs.

Bodies are written here from the spec's schemas, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://api.figma.com/v1/oauth/token"
REFRESH_URL = "https://api.figma.com/v1/oauth/refresh"


def err(status: int, text: str) -> str:
    return json.dumps({"status": status, "err": text})


def boolean(status: int, text: str) -> str:
    return json.dumps({"error": True, "status": status, "message": text})


CASES = [
    # (id, status, body, class, cause, decision)
    ("401-boolean", 401, boolean(401, "Invalid token"), "invalid_token", "ambiguous", "retry"),
    ("403-err", 403, err(403, "Request refused"), "access_denied", "ambiguous", "fix_config"),
    ("429-err", 429, err(429, "Rate limit exceeded"), "rate_limited", "rate_limit_exceeded", "retry"),
    ("429-boolean", 429, boolean(429, "Rate limit exceeded"), "rate_limited", "rate_limit_exceeded", "retry"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_figma_errors_map_as_the_spec_states(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    e = classify(status, body)  # detected from the body shape
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("figma", cls, cause, decision)
    given = classify(status, body, provider="figma")
    assert (given.failure_class, given.cause, given.decision) == (cls, cause, decision)
    assert given.basis == "confirmed"


def test_a_401_lists_expiry_the_wrong_header_and_revocation() -> None:
    e = classify(401, boolean(401, "Invalid token"), provider="figma")
    assert [(c.cause, c.decision) for c in e.candidates] == [
        ("access_token_expired", "retry"), ("wrong_token_type", "fix_config"),
        ("access_token_missing", "fix_config"), ("token_revoked", "reauth")]
    assert "/v1/oauth/refresh" in e.candidates[0].tells_apart


def test_a_403_lists_permission_scope_and_plan() -> None:
    e = classify(403, err(403, "Request refused"), provider="figma")
    assert [c.cause for c in e.candidates] == ["missing_permission", "missing_scope", "plan_or_project_lacks_access"]
    assert {c.decision for c in e.candidates} == {"fix_config"}


@pytest.mark.parametrize("url", [TOKEN_URL, REFRESH_URL])
def test_token_endpoint_rfc_errors_keep_their_reading(url: str) -> None:
    client = classify(401, json.dumps({"error": "invalid_client"}), url=url)
    assert (client.provider, client.failure_class, client.decision) == ("figma", "invalid_client", "fix_config")
    grant = classify(400, json.dumps({"error": "invalid_grant"}), url=url)
    assert (grant.provider, grant.failure_class, grant.decision) == ("figma", "invalid_grant", "reauth")


@pytest.mark.parametrize(("status", "body", "provider"), [
    (400, json.dumps({"reason": "Invalid Token!", "error": "invalid_request"}), "zoom"),
    (200, json.dumps({"ok": False, "error": "invalid_code"}), "slack"),
])
def test_other_providers_bodies_are_not_taken(status: int, body: str, provider: str) -> None:
    assert classify(status, body).provider == provider


def test_profile_facts() -> None:
    p = get_profile("figma")
    assert resolve_id("figma-api") == "figma"
    assert p.kind == "provider"
    assert p.endpoints.authorize.url == "https://www.figma.com/oauth"
    assert p.endpoints.token.url == TOKEN_URL
    assert any("/v1/oauth/refresh" in q.text for q in p.quirks)
    assert p.client_auth.basis == "unconfirmed"


def test_cli_explain_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "figma", "--format", "json", "--status", "403",
         err(403, "Request refused")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["decision"]) == ("figma", "access_denied", "fix_config")
