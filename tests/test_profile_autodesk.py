"""The Autodesk Platform Services (APS, formerly Forge) profile: its OAuth v2 endpoints, lifetimes and PKCE as the
official SDK documents them, and APS error bodies (developerMessage, with or without errorCode) read as the profile
states; APS is recognised from its token URL host or its body shape, and other providers' bodies stay theirs.

Bodies are written here from the SDK's field names and the RFC codes, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://developer.api.autodesk.com/authentication/v2/token"


def aps(message: str, code: str | None = None) -> str:
    body: dict[str, str] = {"developerMessage": message}
    if code is not None:
        body["errorCode"] = code
    return json.dumps(body)


def rfc(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description})


CASES = [
    # (id, status, body, url, class, cause, decision)
    ("api-401", 401, aps("The Authorization header has expired or is invalid.", "AUTH-006"), None,
     "invalid_token", "ambiguous", "retry"),
    ("api-401-no-code", 401, aps("Token is not valid."), None, "invalid_token", "ambiguous", "retry"),
    ("api-403", 403, aps("Token does not have the privilege for this request.", "AUTH-010"), None,
     "insufficient_scope", "ambiguous", "fix_config"),
    ("token-invalid-grant", 400, rfc("invalid_grant", "The grant is not valid."), TOKEN_URL,
     "invalid_grant", "ambiguous", "reauth"),
]


@pytest.mark.parametrize(("status", "body", "url", "cls", "cause", "decision"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_autodesk_errors_map_as_the_profile_states(status: int, body: str, url: str | None, cls: str, cause: str,
                                                   decision: str) -> None:
    e = classify(status, body, url=url)  # detected from the token host or the developerMessage body
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("autodesk", cls, cause, decision)
    given = classify(status, body, provider="aps")
    assert (given.failure_class, given.cause, given.decision) == (cls, cause, decision)


def test_a_refused_api_token_lists_expiry_revocation_and_the_wrong_leg() -> None:
    e = classify(401, aps("Token is not valid."), provider="autodesk")
    assert [(c.cause, c.decision) for c in e.candidates] == [
        ("access_token_expired", "retry"), ("token_revoked", "reauth"), ("wrong_token_type", "fix_config")]
    assert e.basis == "heuristic"


def test_invalid_grant_names_the_documented_lifetimes() -> None:
    e = classify(400, rfc("invalid_grant", "The grant is not valid."), provider="autodesk-forge")
    causes = [c.cause for c in e.candidates]
    assert causes[:3] == ["refresh_token_expired", "refresh_token_reused_after_rotation", "auth_code_expired_or_reused"]
    assert "15 days" in e.candidates[0].tells_apart


def test_a_client_error_at_the_token_endpoint_is_the_rfc_answer() -> None:
    e = classify(401, rfc("invalid_client", "Client authentication failed."), url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("autodesk", "invalid_client", "fix_config")


@pytest.mark.parametrize(("status", "body", "provider"), [
    (400, json.dumps({"reason": "Invalid Token!", "error": "invalid_request"}), "zoom"),
    (200, json.dumps({"ok": False, "error": "invalid_code"}), "slack"),
])
def test_other_providers_bodies_are_not_taken(status: int, body: str, provider: str) -> None:
    assert classify(status, body).provider == provider


def test_a_plain_rfc_body_alone_does_not_detect_autodesk() -> None:
    assert classify(400, rfc("invalid_grant", "expired")).provider != "autodesk"


def test_profile_facts_and_aliases() -> None:
    p = get_profile("autodesk")
    for alias in ("aps", "autodesk-aps", "autodesk-forge"):
        assert resolve_id(alias) == "autodesk"
    assert p.kind == "provider"
    assert p.endpoints.token.url == TOKEN_URL
    assert p.endpoints.revocation.url.endswith("/authentication/v2/revoke")
    assert p.token_policy.access_token_lifetime.seconds == 3600
    assert p.token_policy.refresh_token_lifetime.seconds == 15 * 86400
    assert p.pkce.methods == ["S256"]
    assert p.redirect.missing_sent.when == "rejected"


def test_cli_explain_end_to_end() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "aps", "--status", "401", "--format", "json",
         aps("The Authorization header has expired or is invalid.", "AUTH-006")],
        capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["provider"], out["class"], out["decision"]) == ("autodesk", "invalid_token", "retry")
