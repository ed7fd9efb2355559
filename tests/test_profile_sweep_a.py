"""Changes that providers announced in 2025-2026 and that group a's profiles (Google, Slack, Salesforce, Atlassian,
Dropbox, Box, Zoom, LinkedIn) did not know yet, read into the bundled profiles on 2026-12-07.

Found: Salesforce retires the OAuth username-password flow for connected apps on 2027-02-20 (KB 005461976) and SOAP
API login() in Summer '27; Google's console shows a client secret only when it is created (since June 2025). Each
test says what the profile said before and what the provider's own source says, and fails on the old profile.
"""

from __future__ import annotations

from profile_probe_support import sourced_quirk

from oauthdoctor import classify

SF_UNPW_RETIREMENT = "https://help.salesforce.com/s/articleView?id=005461976&type=1"
SF_SOAP_LOGIN = "https://developer.salesforce.com/docs/platform/api/guide/sforce-api-calls-login.html"
GOOGLE_CLIENTS_HELP = "https://support.google.com/cloud/answer/6158849?hl=en"


# Salesforce


def test_salesforce_username_password_flow_has_a_retirement_date() -> None:
    # was: no date, only 'being deprecated' in the grants note; Salesforce's KB 005461976 says the flow is
    # retired for connected apps with enforcement on 2027-02-20 and no extension
    quirk = sourced_quirk("salesforce", SF_UNPW_RETIREMENT)
    assert "2027-02-20" in quirk.text and "password" in quirk.text
    assert (quirk.basis, str(quirk.checked)) == ("confirmed", "2026-12-07")


def test_salesforce_blocked_username_password_flow_is_not_fixed_by_allowing_it_again() -> None:
    # was: 'allow the flow in OAuth and OpenID Connect Settings ... or better move'; KB 005461976 says the flow
    # stops working for connected apps on 2027-02-20, so re-allowing it is only a stopgap
    result = classify(400, "Login History status: Username-Password Flow Disabled", provider="salesforce")
    assert (result.failure_class, result.cause, result.decision) == ("unauthorized_client",
                                                                     "grant_type_not_enabled_for_client",
                                                                     "fix_config")
    assert "only lasts until Salesforce retires it for connected apps on 2027-02-20" in result.summary


def test_salesforce_soap_login_retirement_is_known() -> None:
    # was: not mentioned; Salesforce's login() reference says it is gone from API 65.0, off by default in orgs
    # created in Winter '26 or later, and retired in Summer '27
    quirk = sourced_quirk("salesforce", SF_SOAP_LOGIN)
    assert "65.0" in quirk.text and "Summer '27" in quirk.text and "Winter '26" in quirk.text
    assert quirk.basis == "confirmed"


# Google


def test_google_client_secret_is_shown_only_at_creation() -> None:
    # was: not mentioned; Google's Manage OAuth Clients help page says the secret is shown once, after the client
    # is created, and is not visible again (masking since June 2025)
    quirk = sourced_quirk("google", GOOGLE_CLIENTS_HELP)
    assert "only once" in quirk.text and "June 2025" in quirk.text
    assert quirk.basis == "confirmed"


def test_google_invalid_client_says_a_lost_secret_is_replaced_not_looked_up() -> None:
    # was: 'wrong client secret for this client ID, or a client type without a secret' only; the help page says
    # the console no longer shows an existing secret, so the way out is a new secret
    result = classify(401, {"error": "invalid_client", "error_description": "Unauthorized"}, provider="google")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_client", "bad_client_credentials",
                                                                     "fix_config")
    assert "add a new secret to the client" in result.summary
