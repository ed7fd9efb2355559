"""The Adobe (IMS) profile: the error codes Adobe documents (the JWT exchange table, prompt=none, the Enterprise Web
App admin consent), the API gateway's shape and Adobe's aio libraries' own errors map to the class, cause and
decision the profile states; Adobe is recognised from its token URL, its consent codes and its libraries' texts;
other providers' bodies stay theirs.

Bodies are written here from those tables and from the libraries' message templates, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://ims-na1.adobelogin.com/ims/token/v3"
JWT_URL = "https://ims-na1.adobelogin.com/ims/exchange/jwt"


def ims(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description})


CASES = [
    # (id, status, body, url, class, cause, decision)
    ("jwt-invalid-signature", 400, ims("invalid_signature", "JWT signature does not match any certificate"), JWT_URL,
     "invalid_grant", "assertion_invalid", "fix_config"),
    ("jwt-invalid-token-expired", 400, ims("invalid_token", "JWT expired"), JWT_URL,
     "invalid_grant", "ambiguous", "fix_config"),
    ("jwt-bad-request", 400, ims("bad_request", "JWT iss is not in the expected format"), JWT_URL,
     "invalid_grant", "assertion_invalid", "fix_config"),
    ("invalid-client-400", 400, ims("invalid_client", "Integration does not exist"), TOKEN_URL,
     "invalid_client", "ambiguous", "fix_config"),
    ("invalid-client-401", 401, ims("invalid_client", "Client authentication failed"), TOKEN_URL,
     "invalid_client", "ambiguous", "fix_config"),
    ("invalid-scope", 400, ims("invalid_scope", "Requested scopes are not allowed"), TOKEN_URL,
     "invalid_scope", "ambiguous", "fix_config"),
    ("invalid-grant", 400, ims("invalid_grant", "Bad Request"), TOKEN_URL,
     "invalid_grant", "ambiguous", "reauth"),
    ("gateway-429", 429, json.dumps({"error_code": "429050", "message": "Too many requests"}), None,
     "rate_limited", "rate_limit_exceeded", "retry"),
    ("gateway-401", 401, json.dumps({"error_code": "401013", "message": "Access token is not valid"}), None,
     "invalid_token", "ambiguous", "retry"),
]


@pytest.mark.parametrize(("status", "body", "url", "cls", "cause", "decision"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_adobe_codes_map_as_documented(status: int, body: str, url: str | None, cls: str, cause: str,
                                       decision: str) -> None:
    e = classify(status, body, url=url)  # detected from the token URL's host or the gateway's body shape
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("adobe", cls, cause, decision)
    given = classify(status, body, provider="adobe")
    assert (given.failure_class, given.cause, given.decision) == (cls, cause, decision)


def test_invalid_token_at_the_jwt_exchange_is_the_assertion_not_an_access_token() -> None:
    body = ims("invalid_token", "JWT expired")
    e = classify(400, body, provider="adobe")
    assert [c.cause for c in e.candidates] == ["client_assertion_expired", "assertion_invalid",
                                               "jwt_credential_end_of_life"]
    assert e.basis == "confirmed"
    # An access token refused by an API (RFC 6750, 401) is not read by the JWT rules.
    api = classify(401, ims("invalid_token", "The access token expired"), provider="adobe")
    assert (api.failure_class, api.decision) == ("invalid_token", "retry")


def test_a_signature_the_bindings_refuse_under_invalid_token() -> None:
    body = ims("invalid_token", "The JWT signature does not match the certificates bound to the integration")
    e = classify(400, body, provider="adobe")
    assert (e.failure_class, e.cause, e.decision) == ("invalid_grant", "assertion_invalid", "fix_config")
    assert any("OAuth Server-to-Server" in h for h in e.hints)


def test_invalid_client_lists_the_retired_jwt_credential() -> None:
    e = classify(401, ims("invalid_client", "Client authentication failed"), url=TOKEN_URL)
    assert [c.cause for c in e.candidates] == ["bad_client_secret", "unknown_client_id", "wrong_client_auth_method",
                                               "jwt_credential_end_of_life"]


def test_invalid_grant_on_a_refresh_keeps_the_refresh_causes() -> None:
    e = classify(400, ims("invalid_grant", "Bad Request"), url=TOKEN_URL, grant_type="refresh_token")
    assert e.basis == "heuristic"
    assert e.decision == "reauth"
    assert {c.cause for c in e.candidates} == {"refresh_token_expired", "refresh_token_revoked",
                                               "refresh_token_reused_after_rotation"}


@pytest.mark.parametrize(("error", "cls", "cause", "decision"), [
    ("insufficient_privilege", "access_denied", "admin_approval_required", "fix_config"),
    ("incompatible_account_type", "access_denied", "personal_account_not_allowed", "reauth"),
    ("missing_state_param", "invalid_request", "missing_parameter", "fix_config"),
    ("invalid_scopes", "invalid_scope", "invalid_scope_requested", "fix_config"),
])
def test_admin_consent_redirect_errors(error: str, cls: str, cause: str, decision: str) -> None:
    e = classify(None, f"https://partner.example.com/adobe/consent?error={error}&state=q1w2e3")
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("adobe", cls, cause, decision)


def test_admin_consent_redirect_uri_refused() -> None:
    e = classify(None, "https://partner.example.com/adobe/consent?error=invalid_redirect_uri&state=q1",
                 provider="adobe")
    assert (e.failure_class, e.cause, e.decision) == ("redirect_uri_mismatch", "redirect_uri_not_registered",
                                                      "fix_config")


@pytest.mark.parametrize(("error", "cause"), [
    ("login_required", "login_required"), ("consent_required", "consent_required"),
    ("interaction_required", "user_action_pending"),
])
def test_prompt_none_answers(error: str, cause: str) -> None:
    e = classify(None, f"https://app.example.com/cb?error={error}&state=s", provider="adobe")
    assert (e.failure_class, e.cause, e.decision, e.basis) == ("interaction_required", cause, "reauth", "confirmed")


@pytest.mark.parametrize(("text", "cls", "cause"), [
    ("IMSOAuthLibError: [IMSOAuthSDK:MISSING_PROPERTIES] OAuth2 not supported due to some missing properties: "
     "client_secrets,scopes", "invalid_request", "credentials_not_configured"),
    ("[IMSJWTSDK:INVALID_KEY] Cannot sign the JWT, the private key or the passphrase is invalid", "invalid_client",
     "private_key_invalid"),
    ("[IMSJWTSDK:INVALID_KEY_FILE] content of file '/secrets/private.key' is not a valid private key",
     "invalid_client", "private_key_invalid"),
    ("[IMSOAuthSDK:IMSOAUTHCLI_LOGIN_CI_ERROR] Interactive login is not supported in CI environments.",
     "invalid_request", "interactive_login_in_ci"),
])
def test_aio_libraries_own_errors(text: str, cls: str, cause: str) -> None:
    e = classify(None, text)
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("adobe", cls, cause, "fix_config")


def test_aio_lib_ims_wrapper_is_read() -> None:
    text = 'Error: 401 (Unauthorized): {"error":"invalid_client","error_description":"Client authentication failed"}'
    e = classify(None, text, provider="adobe")
    assert (e.failure_class, e.decision) == ("invalid_client", "fix_config")


def test_other_providers_bodies_are_not_claimed() -> None:
    slack = classify(200, json.dumps({"ok": False, "error": "invalid_auth"}))
    assert slack.provider == "slack"
    for body in (ims("invalid_grant", "Bad Request"), ims("invalid_client", "Client authentication failed"),
                 ims("invalid_token", "The access token expired")):
        assert classify(400, body).provider != "adobe"
    # A numeric error_code that is not six digits (Zoom's, Discord's style) is not the Adobe gateway's.
    assert classify(401, json.dumps({"code": 124, "message": "Invalid access token."})).provider != "adobe"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("adobe")
    assert resolve_id("adobe-ims") == "adobe"
    assert profile.endpoints.token.url == TOKEN_URL
    assert profile.endpoints.authorize.url == "https://ims-na1.adobelogin.com/ims/authorize/v2"
    assert profile.token_policy.access_token_lifetime.seconds == 86400
    assert profile.token_policy.refresh_token_lifetime.seconds == 14 * 86400
    assert profile.token_policy.rotation.mode == "always"
    assert profile.pkce.required == "public_clients"
    assert profile.redirect.missing_sent.when == "first_registered"
    assert "client_credentials" in profile.grants.supported


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "adobe", "--format", "json", "--status", "400",
         ims("invalid_signature", "JWT signature does not match any certificate")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "adobe", "invalid_grant", "assertion_invalid", "fix_config")
