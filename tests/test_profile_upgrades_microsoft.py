"""Heuristic facts of the microsoft (Entra ID) profile confirmed from Microsoft's own pages (2026-12-07), each
through the verdict that rests on it.

Each test names the Microsoft page or code that states the meaning and the fix; where that page said something
other than the profile, the test pins the corrected decision.
"""

from __future__ import annotations

from oauthdoctor import classify
from oauthdoctor.classifier import Explanation
from oauthdoctor.profiles.loader import get_profile


def _entra(code: str, text: str = "x", status: int | None = 400) -> Explanation:
    return classify(status, {"error": "invalid_request", "error_description": f"{code}: {text}"},
                    provider="microsoft")


def _code_basis(code: str) -> str | None:
    return get_profile("microsoft").errors.codes[code].basis


def test_aadsts50000_is_fixed_in_configuration_not_by_retrying() -> None:
    # Microsoft's support article "Error AADSTS50000 with issuing a token or an issue with sign-in service"
    # (SupportArticles-docs@25f73f7): five causes, each fixed in the account, the request or the app
    # registration; no retry advice. Was: retry, idp_server_error (heuristic).
    result = _entra("AADSTS50000", "There was an error issuing a token or an issue with our sign-in service.")
    assert (result.failure_class, result.cause, result.decision, result.basis) == (
        "server_error", "ambiguous", "fix_config", "confirmed")
    assert [c.cause for c in result.candidates] == [
        "password_expired_or_out_of_sync", "obo_request_misconfigured", "user_consent_not_allowed",
        "symmetric_signing_key", "no_delegated_permission_exposed"]
    assert {c.decision for c in result.candidates} == {"fix_config"}


def test_federated_idp_redemption_errors_go_to_the_idp() -> None:
    # Entra's AADSTS table (entra-docs@3164b3b): AADSTS40009 and AADSTS40015 are issues with the federated IdP,
    # "Contact your IDP to resolve this issue". Was: reauth (inferred from the names).
    for code, cause in (("AADSTS40009", "federated_idp_refresh_failed"),
                        ("AADSTS40015", "federated_idp_code_redemption_failed")):
        result = _entra(code)
        assert (result.failure_class, result.cause, result.decision, result.basis) == (
            "invalid_grant", cause, "fix_config", "confirmed")
    # AADSTS40010's name says retryable while the table says to contact the IdP: it stays heuristic
    assert _code_basis("AADSTS40010") == "heuristic"


def test_redirect_and_scope_registration_errors() -> None:
    # AADSTS500113: Microsoft Q&A accepted answer by a Microsoft employee (learn.microsoft.com/answers/a/183761):
    # add a redirect URI to the app registration. AADSTS650053: Power BI's OData sign-in troubleshooting page
    # (desktop-troubleshoot-odata#access-denied): define the scope on the API's app registration.
    reply = _entra("AADSTS500113", "No reply address is registered for the application.")
    assert (reply.failure_class, reply.cause, reply.decision, reply.basis) == (
        "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config", "confirmed")
    scope = classify(None, "access_denied: AADSTS650053: The application 'Microsoft Power Query for Excel' asked "
                     "for scope 'user_impersonation' that doesn't exist on the resource 'x'. Contact the app vendor.",
                     provider="microsoft")
    assert (scope.failure_class, scope.cause, scope.decision, scope.basis) == (
        "invalid_scope", "invalid_scope_requested", "fix_config", "confirmed")


def test_saml_and_certificate_errors_from_support_articles() -> None:
    # SupportArticles-docs@3eb3536: AADSTS75011 is fixed in the app's SAML request (drop RequestedAuthnContext or
    # send forceAuthn); AADSTS220501 by making the CRL reachable and current.
    assert (_entra("AADSTS75011").cause, _entra("AADSTS75011").decision, _entra("AADSTS75011").basis) == (
        "authn_context_mismatch", "fix_config", "confirmed")
    crl = _entra("AADSTS220501", "Unable to download Certificate Revocation List (CRL).")
    assert (crl.cause, crl.decision, crl.basis) == ("crl_download_failed", "fix_config", "confirmed")


def test_hybrid_sign_in_codes_follow_the_connect_troubleshooting_tables() -> None:
    # entra-docs tshoot-connect-pass-through-authentication.md@07d3251: 80010 -> install a new authentication agent.
    # entra-docs tshoot-connect-sso.md@0affd93: 81011 -> synchronise the user with Entra Connect (was reauth);
    # 81010/81012 -> the user signs in again from a domain-joined device / another device.
    expected = {"AADSTS80010": "fix_config", "AADSTS81011": "fix_config", "AADSTS81010": "reauth",
                "AADSTS81012": "reauth"}
    for code, decision in expected.items():
        result = _entra(code)
        assert (code, result.decision, result.basis) == (code, decision, "confirmed")
    # 81004/81009 map to the admin's checklist, which says nothing of the signing-in user; 81005/81006 are not in
    # the Seamless SSO table: all four stay inferred
    for code in ("AADSTS81004", "AADSTS81009", "AADSTS81005", "AADSTS81006"):
        assert (code, _code_basis(code)) == (code, "heuristic")
    assert _entra("AADSTS81004").decision == "reauth"


def test_azure_powershell_cross_tenant_warning_asks_for_an_interactive_sign_in() -> None:
    # Microsoft's Az PowerShell troubleshooting page (#cross-tenant-warning-authentication-failed-against-tenant):
    # rerun Connect-AzAccount -TenantId for the tenant that enforces MFA.
    result = classify(None, "WARNING: Unable to acquire token for tenant 'x' with error 'Authentication failed "
                      "against tenant 00000000-0000-0000-0000-000000000000. User interaction is required. This may "
                      "be due to the conditional access policy settings such as multi-factor authentication (MFA).'",
                      provider="microsoft")
    assert (result.failure_class, result.cause, result.decision, result.basis) == (
        "interaction_required", "mfa_required", "reauth", "confirmed")


def test_token_service_503_is_retried() -> None:
    # MSAL.NET retry-policy page (learn.microsoft.com/entra/msal/dotnet/advanced/exceptions/retry-policy): MSAL
    # retries token-endpoint errors with HTTP 500-600 once; Entra may send Retry-After.
    result = classify(503, {"error": "service_unavailable", "error_description": "AADSTS70000: Service is unavailable"},
                      provider="microsoft")
    assert (result.failure_class, result.cause, result.decision, result.basis) == (
        "temporarily_unavailable", "token_service_unavailable", "retry", "confirmed")


def test_msal_browser_cors_hint_points_at_the_spa_registration() -> None:
    # Microsoft's CORS troubleshooting article, scenario 5 (SupportArticles-docs@531a70c): a CORS error on the
    # token endpoint means the redirect address is not configured as a Single Page Application.
    result = classify(None, "BrowserAuthError: post_request_failed: Network request failed: If the browser threw a "
                      "CORS error, check that the redirectUri is registered in the Azure App Portal as type 'SPA'",
                      provider="microsoft")
    assert (result.cause, result.decision, result.basis) == ("ambiguous", "fix_config", "confirmed")
    assert [c.cause for c in result.candidates] == ["cors_blocked", "network_error"]


def test_facts_without_a_stated_fix_stay_heuristic() -> None:
    # Looked for and not found on a Microsoft page: AADSTS7002138 (only third parties), AADSTS500201 (its text only
    # in third-party quotes), the bare AADSTS50058 text rule (the table states the meaning, not the fix).
    assert (_code_basis("AADSTS7002138"), _code_basis("AADSTS500201")) == ("heuristic", "heuristic")
    session = classify(None, "Session information is not sufficient for single-sign-on.", provider="microsoft")
    assert (session.cause, session.decision, session.basis) == ("login_required", "reauth", "heuristic")
