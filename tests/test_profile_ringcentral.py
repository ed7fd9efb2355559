"""The RingCentral profile: the OAU- and CMN- codes of RingCentral's error guide (and the API spec's OAU-213, OAU-232,
OAU-236) map to the class, cause and decision the profile states; RingCentral is recognised from its errorCode
style and its production and sandbox hosts; the token policy (1-hour access, 7-day single-use refresh tokens)
is what the guide says; other providers' bodies stay theirs.

Bodies are written here from the guide's code table and the spec's error model, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://platform.ringcentral.com/restapi/oauth/token"
SANDBOX_TOKEN_URL = "https://platform.devtest.ringcentral.com/restapi/oauth/token"


def api_error(code: str, message: str) -> str:
    return json.dumps({"errorCode": code, "message": message, "errors": [{"errorCode": code, "message": message}]})


def token_error(error: str, code: str, message: str) -> str:
    return json.dumps({"error": error, "errors": [{"errorCode": code, "message": message}],
                       "error_description": message})


CASES = [
    # (id, status, body, class, cause, decision)
    ("access-token-expired", 401, api_error("OAU-128", "Access token expired"),
     "invalid_token", "access_token_expired", "retry"),
    ("access-token-corrupted", 401, api_error("OAU-129", "Access token corrupted"),
     "invalid_token", "access_token_malformed", "fix_config"),
    ("token-not-found-api", 401, api_error("OAU-213", "Token not found"), "invalid_token", "ambiguous", "retry"),
    ("token-not-found-refresh", 400, token_error("invalid_grant", "OAU-213", "Token not found"),
     "invalid_grant", "ambiguous", "reauth"),
    ("code-expired", 400, token_error("invalid_grant", "OAU-108", "Authorization code is expired"),
     "invalid_grant", "auth_code_expired", "reauth"),
    ("code-other-app", 400, token_error("invalid_grant", "OAU-110",
                                        "Authorization code was not issued for this application"),
     "invalid_grant", "grant_issued_for_other_client_or_endpoint", "fix_config"),
    ("redirect-mismatch", 400, token_error("invalid_grant", "OAU-109", "Redirect URIs do not match"),
     "redirect_uri_mismatch", "redirect_uri_differs_from_authorize", "fix_config"),
    ("client-credentials", 401, token_error("invalid_client", "OAU-146", "Invalid client credentials"),
     "invalid_client", "bad_client_credentials", "fix_config"),
    ("grant-type", 401, token_error("unauthorized_client", "OAU-125", "Grant type is not allowed for application."),
     "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config"),
    ("mfa-password", 401, token_error("invalid_grant", "OAU-168",
                                      "Password grant is not allowed because MFA is required."),
     "unauthorized_client", "password_grant_blocked_by_mfa", "fix_config"),
    ("rate-limit", 429, api_error("CMN-301", "Request rate exceeded"), "rate_limited", "rate_limit_exceeded", "retry"),
    ("app-permission", 403, api_error("CMN-401", "In order to call this API endpoint, application needs to have "
                                                 "[ReadAccounts] permission"),
     "insufficient_scope", "missing_scope", "fix_config"),
    ("extension-frozen", 400, api_error("OAU-236", "Extension is disabled or frozen"),
     "access_denied", "account_disabled", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_ringcentral_codes_map_as_documented(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    e = classify(status, body)  # detected from the errorCode style
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("ringcentral", cls, cause, decision)
    given = classify(status, body, provider="ringcentral")
    assert (given.failure_class, given.cause, given.decision) == (cls, cause, decision)
    assert given.basis == "confirmed"


def test_token_not_found_on_a_refresh_names_rotation() -> None:
    e = classify(400, token_error("invalid_grant", "OAU-213", "Token not found"), url=TOKEN_URL)
    assert [c.cause for c in e.candidates] == ["refresh_token_reused_after_rotation", "token_revoked"]


def test_both_hosts_detect_ringcentral() -> None:
    body = json.dumps({"error": "invalid_grant", "error_description": "Token is expired"})
    for url in (TOKEN_URL, SANDBOX_TOKEN_URL):
        e = classify(400, body, url=url)
        assert (e.provider, e.failure_class, e.decision) == ("ringcentral", "invalid_grant", "reauth")


def test_sdk_log_line_with_the_response_is_read() -> None:
    text = ("HTTP 401 Unauthorized - Access token expired\n\n    Response:\n    "
            + json.dumps({"data": {"errorCode": "OAU-128", "message": "Access token expired",
                                   "errors": [{"errorCode": "OAU-128", "message": "Access token expired"}]},
                          "status": 401}))
    e = classify(None, text)
    assert (e.provider, e.failure_class, e.decision) == ("ringcentral", "invalid_token", "retry")


def test_other_providers_bodies_are_not_claimed() -> None:
    okta = json.dumps({"errorCode": "E0000011", "errorSummary": "Invalid token provided"})
    assert classify(401, okta).provider == "okta"
    assert classify(200, json.dumps({"ok": False, "error": "invalid_auth"})).provider == "slack"
    assert classify(400, json.dumps({"error": "invalid_grant"})).provider != "ringcentral"
    # A dash-number code of another shape is not RingCentral's.
    assert classify(400, json.dumps({"errorCode": "ERR-1234", "message": "x"})).provider != "ringcentral"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("ringcentral")
    assert resolve_id("ringcentral-api") == "ringcentral"
    assert profile.endpoints.token.url == "https://{instance}/restapi/oauth/token"
    assert set(profile.endpoints.hosts) == {"platform.ringcentral.com", "platform.devtest.ringcentral.com"}
    assert profile.token_policy.access_token_lifetime.seconds == 3600
    assert profile.token_policy.refresh_token_lifetime.seconds == 7 * 86400
    assert profile.token_policy.rotation.mode == "always"
    assert profile.pkce.methods == ["S256", "plain"]
    assert profile.client_auth.preferred == "client_secret_basic"


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "ringcentral", "--format", "json",
         "--status", "429", api_error("CMN-301", "Request rate exceeded")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "ringcentral", "rate_limited", "rate_limit_exceeded", "retry", "CMN-301")
