"""The TikTok profile: the Business API's numeric codes (TikTok's SDK's NumericErrorCodes, in the
{code, message, request_id, data} envelope) map to the class, cause and decision the profile states; TikTok is
recognised from that envelope, Login Kit's v2 envelope and its token URL; Login Kit's RFC 6749 token errors keep
the generic reading; other providers' bodies stay theirs.

Bodies are written here from TikTok's SDK code (code names, envelope fields), with messages of our own, not copied
from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://open.tiktokapis.com/v2/oauth/token/"
BUSINESS_TOKEN_URL = "https://business-api.tiktok.com/open_api/v1.3/oauth2/access_token/"


def business(code: int, message: str) -> str:
    return json.dumps({"code": code, "message": message, "request_id": "20261205000000ABCDEF", "data": {}})


CASES = [
    # (id, code, message, class, cause, decision)
    ("access-token-expired", 40102, "Access token expired", "invalid_token", "access_token_expired", "retry"),
    ("access-token-invalid", 40105, "Access token invalid", "invalid_token", "ambiguous", "retry"),
    ("access-token-empty", 40104, "Access token empty", "invalid_token", "access_token_missing", "fix_config"),
    ("refresh-token-expired", 40103, "Refresh token expired", "invalid_grant", "refresh_token_expired", "reauth"),
    ("refresh-token-invalid", 40107, "Refresh token invalid", "invalid_grant", "refresh_token_invalid", "reauth"),
    ("grant-type", 40108, "Invalid grant type", "unsupported_grant_type", "grant_type_not_supported", "fix_config"),
    ("auth-code", 40110, "Auth code error", "invalid_grant", "auth_code_invalid_or_reused", "reauth"),
    ("scope", 40130, "Scope not authorized", "insufficient_scope", "missing_scope", "fix_config"),
    ("too-frequent", 40100, "Too many requests", "rate_limited", "rate_limit_exceeded", "retry"),
    ("frequency-limited", 40132, "Request frequency limited", "rate_limited", "rate_limit_exceeded", "retry"),
    ("system-error", 50000, "System error", "server_error", "idp_server_error", "retry"),
    ("app-forbidden", 40113, "App forbidden", "access_denied", "client_disabled", "fix_config"),
    ("signature", 40116, "Signature error", "invalid_request", "request_signature_invalid", "fix_config"),
]


@pytest.mark.parametrize(("code", "message", "cls", "cause", "decision"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_business_api_codes_map_as_the_profile_states(code: int, message: str, cls: str, cause: str,
                                                      decision: str) -> None:
    body = business(code, message)
    for e in (classify(200, body), classify(200, body, provider="tiktok"),
              classify(200, body, url=BUSINESS_TOKEN_URL)):
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("tiktok", cls, cause, decision)
        assert e.provider_code == str(code)


def test_confirmed_and_heuristic_codes_say_so() -> None:
    assert classify(200, business(40102, "x"), provider="tiktok").basis == "confirmed"
    assert classify(200, business(40115, "x"), provider="tiktok").basis == "heuristic"


def test_invalid_access_token_lists_revocation_and_a_wrong_value() -> None:
    e = classify(200, business(40105, "Access token invalid"))
    assert [(c.cause, c.decision) for c in e.candidates] == [("token_revoked", "reauth"),
                                                           ("access_token_malformed", "fix_config")]
    assert e.normalized_status == 401


def test_login_kit_token_error_is_read_as_rfc_6749() -> None:
    body = json.dumps({"error": "invalid_grant", "error_description": "Authorization code is expired.",
                       "log_id": "20261205000000ABCDEF"})
    e = classify(400, body, url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("tiktok", "invalid_grant", "reauth")
    assert e.basis is None  # no TikTok rule: the generic reading


def test_login_kit_v2_envelope_detects_tiktok() -> None:
    body = json.dumps({"data": {}, "error": {"code": "access_token_invalid", "message": "The access token is invalid.",
                                            "log_id": "20261205000000ABCDEF"}})
    e = classify(401, body)
    # TikTok's error table: access_token_invalid is fixed by refreshing the token and retrying (round twenty-one)
    assert (e.provider, e.failure_class, e.decision) == ("tiktok", "invalid_token", "retry")


def test_sdk_cancel_redirect_is_the_user_refusing() -> None:
    url = ("https://example.com/cb?error_code=-2&error=access_denied"
           "&error_description=User%20cancelled%20authorization")
    e = classify(None, url, provider="tiktok")
    assert (e.failure_class, e.decision) == ("access_denied", "reauth")


@pytest.mark.parametrize("body", [
    json.dumps({"code": 40001, "message": "401: Unauthorized"}),  # Discord's API error: no request_id
    json.dumps({"code": 124, "message": "Invalid access token."}),  # Zoom
])
def test_other_numeric_codes_are_not_tiktok(body: str) -> None:
    assert classify(401, body).provider != "tiktok"


def test_profile_facts() -> None:
    assert resolve_id("tiktok-login-kit") == "tiktok"
    p = get_profile("tiktok")
    assert p.endpoints.token.url == TOKEN_URL
    assert p.client_auth.accepted == ["client_secret_post"]
    assert p.token_policy.refresh_token_lifetime.seconds == 15552000  # Login Kit's 180 days (re-read 2026-12-07)
    assert any("client_key" in q.text for q in p.quirks)
    assert any("hex" in q.text for q in p.quirks)


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "tiktok", "--format", "json", "--status", "200",
         business(40103, "Refresh token expired")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "tiktok", "invalid_grant", "refresh_token_expired", "reauth", "40103")
