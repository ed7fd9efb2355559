"""The Azure AD B2C profile: B2C's own codes (``AADB2C`` and five digits, at the start of ``error_description``)
map to the class, cause and decision the profile states, a B2C body or b2clogin.com token URL is recognised
without ``--provider``, and Entra's AADSTS bodies stay with the microsoft profile.

Bodies are written here in the shapes B2C uses (an OAuth ``error`` with the code and message of Microsoft's B2C
error-code table, a ``Correlation ID``/``Timestamp`` trailer, errors at the redirect URI as Microsoft.Identity.Web
and MSAL.NET show them), not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TOKEN_URL = "https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signupsignin/oauth2/v2.0/token"
TRAILER = "\r\nCorrelation ID: 1b0e9a47-3e0d-4b8a-9d1b-0d5e6f7a8b9c\r\nTimestamp: 2026-11-30 10:00:00Z\r\n"


def b2c(error: str, code: str, message: str) -> str:
    return json.dumps({"error": error, "error_description": f"{code}: {message}{TRAILER}"})


CASES = [
    # (status, error, code, message, class, cause, decision)
    (400, "invalid_grant", "AADB2C90080", "The provided grant has expired. Please re-authenticate and try again. "
     "Current time: 1764500000, Grant issued time: 1756700000, Grant sliding window expiration time: 1764476000.",
     "invalid_grant", "refresh_token_expired", "reauth"),
    (400, "invalid_grant", "AADB2C90129", "The provided grant has been revoked. Please reauthenticate and try again.",
     "invalid_grant", "refresh_token_revoked", "reauth"),
    (400, "invalid_grant", "AADB2C90128", "The account associated with this grant no longer exists. Please "
     "reauthenticate and try again.", "invalid_grant", "user_account_not_found", "reauth"),
    (400, "invalid_request", "AADB2C90006", "The redirect URI 'https://localhost:5001/signin-oidc' provided in the "
     "request is not registered for the client id '90c0fe63-bcf2-44d5-8fb7-b8bbc0b29dc6'.",
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, "invalid_request", "AADB2C90007", "The application associated with client id "
     "'90c0fe63-bcf2-44d5-8fb7-b8bbc0b29dc6' has no registered redirect URIs.",
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, "invalid_grant", "AADB2C90088", "The provided grant has not been issued for this endpoint. Actual Value : "
     "B2C_1_signin and Expected Value : B2C_1_signupsignin", "invalid_grant", "grant_issued_for_other_policy",
     "fix_config"),
    (401, "invalid_client", "AADB2C90081", "The specified client_secret does not match the expected value for this "
     "client. Please correct the client_secret and try again.", "invalid_client", "bad_client_secret", "fix_config"),
    (400, "invalid_request", "AADB2C90079", "Clients must send a client_secret when redeeming a confidential grant.",
     "invalid_client", "client_authentication_missing", "fix_config"),
    (400, "invalid_request", "AADB2C90084", "Public clients should not send a client_secret when redeeming a publicly "
     "acquired grant.", "invalid_client", "public_client_sent_secret", "fix_config"),
    (400, "invalid_grant", "AADB2C90182", "The supplied code_verifier does not match associated code_challenge",
     "invalid_grant", "pkce_verifier_mismatch", "fix_config"),
    (400, "unsupported_grant_type", "AADB2C90086", "The supplied grant_type [client_credentials] is not supported.",
     "unsupported_grant_type", "grant_type_not_supported", "fix_config"),
    (400, "invalid_request", "AADB2C90057", "The provided application is not configured to allow the OAuth "
     "Implicit flow.", "unsupported_response_type", "implicit_grant_not_enabled", "fix_config"),
    (400, "invalid_request", "AADB2C90224", "Resource owner flow has not been enabled for the application.",
     "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config"),
    (400, "invalid_request", "AADB2C90022", "Unable to return metadata for the policy 'B2C_1_susi' in tenant "
     "'contoso.onmicrosoft.com'.", "invalid_request", "policy_metadata_unavailable", "fix_config"),
    (400, "invalid_request", "AADB2C90146", "The scope 'https://contoso.onmicrosoft.com/api/read "
     "https://graph.microsoft.com/User.Read' provided in request specifies more than one resource for an access "
     "token, which is not supported.", "invalid_scope", "scope_multiple_resources", "fix_config"),
    (429, "server_error", "AADB2C90244", "There are too many requests at this moment. Please wait for some time and "
     "try again.", "rate_limited", "rate_limit_exceeded", "retry"),
    (503, "temporarily_unavailable", "AADB2C90035", "The service is temporarily unavailable. Please retry after a few "
     "minutes.", "temporarily_unavailable", "token_service_unavailable", "retry"),
    (500, "server_error", "AADB2C90019", "The key container with id 'B2C_1A_TokenSigningKeyContainer' in tenant "
     "'contoso.onmicrosoft.com' does not has a valid key. Reason: Valid key not found.",
     "server_error", "policy_key_invalid", "fix_config"),
    (400, "interaction_required", "AADB2C90077", "User does not have an existing session and request prompt parameter "
     "has a value of 'None'.", "interaction_required", "login_required", "reauth"),
]


@pytest.mark.parametrize(("status", "error", "code", "message", "cls", "cause", "decision"), CASES,
                         ids=[c[2] for c in CASES])
def test_b2c_codes_map_as_documented(status: int, error: str, code: str, message: str, cls: str, cause: str,
                                     decision: str) -> None:
    for provider in ("azure-ad-b2c", None):  # the AADB2C code alone names the provider
        e = classify(status, b2c(error, code, message), provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision, e.provider_code) == (
            "azure-ad-b2c", cls, cause, decision, code)


FORGOT = ("https://app.example.com/signin-oidc?error=access_denied&error_description=AADB2C90118%3a+The+user+has+"
          "forgotten+their+password.%0d%0aCorrelation+ID%3a+0c3b9a1e-5d2f-4e8a-b7c6-1a2b3c4d5e6f%0d%0aTimestamp%3a+"
          "2026-11-30+10%3a00%3a00Z%0d%0a&state=OpenIdConnect.AuthenticationProperties%3dabc")


def test_forgot_password_is_for_the_app_to_handle() -> None:
    e = classify(None, FORGOT)
    assert (e.provider, e.failure_class, e.cause, e.decision, e.provider_code) == (
        "azure-ad-b2c", "interaction_required", "password_reset_flow_required", "fix_config", "AADB2C90118")
    assert any("password-reset user flow" in h for h in e.hints)


def test_forgot_password_as_an_oidc_middleware_message() -> None:
    message = ("Message contains error: 'access_denied', error_description: 'AADB2C90118: The user has forgotten "
               "their password.\nCorrelation ID: 0c3b9a1e-5d2f-4e8a-b7c6-1a2b3c4d5e6f\nTimestamp: 2026-11-30 "
               "10:00:00Z\n', error_uri: 'error_uri is null'.")
    e = classify(None, message)
    assert (e.provider, e.failure_class, e.decision) == ("azure-ad-b2c", "interaction_required", "fix_config")


def test_user_cancelled_with_and_without_the_code() -> None:
    with_code = ("?error=access_denied&error_description=AADB2C90091%3a+The+user+has+cancelled+entering+"
                 "self-asserted+information.")
    e = classify(None, with_code)
    assert (e.provider, e.failure_class, e.cause, e.decision) == (
        "azure-ad-b2c", "access_denied", "user_cancelled_sign_in", "reauth")
    without = "error=access_denied&error_description=The+user+has+cancelled+entering+self-asserted+information&state=x"
    e = classify(None, without, provider="b2c")
    assert (e.provider, e.failure_class, e.cause, e.decision) == (
        "azure-ad-b2c", "access_denied", "user_cancelled_sign_in", "reauth")


def test_internal_error_lists_the_client_credentials_audience() -> None:
    e = classify(400, b2c("invalid_grant", "AADB2C90085", "The service has encountered an internal error. Please "
                          "reauthenticate and try again."))
    # the same request keeps failing until something changes: configuration first (round nineteen), not a retry
    assert (e.provider, e.failure_class, e.cause, e.decision, e.confidence) == (
        "azure-ad-b2c", "server_error", "ambiguous", "fix_config", "low")
    assert [c.cause for c in e.candidates] == ["idp_server_error", "app_audience_not_supported_for_client_credentials"]


def test_token_url_host_names_b2c_and_the_documented_token_error() -> None:
    body = json.dumps({"error": "access_denied", "error_description": "The user revoked access to the app."})
    e = classify(400, body, url=TOKEN_URL)
    assert (e.provider, e.failure_class, e.decision) == ("azure-ad-b2c", "access_denied", "reauth")
    assert classify(400, body, url="https://contoso.b2clogin.cn/contoso.partner.onmschina.cn/B2C_1_susi/oauth2/"
                                   "v2.0/token").provider == "azure-ad-b2c"


def test_a_b2clogin_host_in_the_text_names_b2c() -> None:
    text = "Refused to display 'https://contoso.b2clogin.com/' in a frame because it set 'X-Frame-Options' to 'deny'."
    assert classify(None, text).provider == "azure-ad-b2c"


def test_entra_bodies_stay_with_microsoft() -> None:
    entra = json.dumps({"error": "invalid_grant", "error_description": "AADSTS70008: The provided authorization code "
                        "or refresh token has expired due to inactivity.", "error_codes": [70008],
                        "trace_id": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                        "correlation_id": "1a2b3c4d-5e6f-7a8b-9c0d-e1f2a3b4c5d6"})
    e = classify(400, entra)
    assert (e.provider, e.provider_code, e.decision) == ("microsoft", "AADSTS70008", "reauth")
    # An Entra code shown on a B2C page: the AADSTS table explains it better than the host does.
    page = "Sorry, but we're having trouble signing you in. contoso.b2clogin.com AADSTS50011: The redirect URI ..."
    assert classify(None, page).provider == "microsoft"


def test_other_providers_bodies_are_not_claimed() -> None:
    assert classify(400, json.dumps({"error": "invalid_grant", "error_description": "Invalid refresh token"})
                    ).provider != "azure-ad-b2c"
    slack = json.dumps({"ok": False, "error": "invalid_refresh_token"})
    assert classify(200, slack).provider == "slack"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("azure-ad-b2c")
    for alias in ("azure-b2c", "b2c", "aad-b2c"):
        assert resolve_id(alias) == "azure-ad-b2c"
    assert profile.endpoints.token.url == (
        "https://{tenant}.b2clogin.com/{tenant}.onmicrosoft.com/{policy}/oauth2/v2.0/token")
    assert profile.endpoints.discovery.url.endswith("/{policy}/v2.0/.well-known/openid-configuration")
    policy = profile.token_policy
    assert policy.access_token_lifetime.seconds == 3600
    assert policy.refresh_inactivity_expiry.seconds == 14 * 86400
    assert policy.refresh_token_lifetime.seconds == 90 * 86400
    assert profile.pkce.methods == ["S256", "plain"]


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "azure-ad-b2c", "--format", "json",
         "--status", "400", b2c("invalid_grant", "AADB2C90080", "The provided grant has expired. Please "
                                "re-authenticate and try again.")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "azure-ad-b2c", "invalid_grant", "refresh_token_expired", "reauth", "AADB2C90080")
