"""Round twenty (issue #16): provider readings from corpora 51 and 52, each from the provider's or the library's own
source. The bodies are written for these tests; none is a corpus case."""

from __future__ import annotations

import json

from classify_answers import answer


def test_google_auth_refresh_error_internal_failure_is_transient() -> None:
    # google-auth retries internal_failure as it does server_error (google/oauth2/_client.py)
    body = "google.auth.exceptions.RefreshError: Internal Failure"
    assert answer(None, body, "google") == ("server_error", "idp_server_error", "retry")
    # the words alone are not Google's: another provider's 'Internal Failure' is not read by this rule
    assert answer(None, "Internal Failure", "google")[1] != "idp_server_error"


def test_entra_aadsts70000_that_names_the_verifier_is_a_pkce_mismatch() -> None:
    body = ("invalid_grant: AADSTS70000: The provided 'code_verifier' input value does not match the original "
            "'code_challenge.' Trace ID: 00000000-0000-0000-0000-000000000000")
    assert answer(None, body, "microsoft") == ("invalid_grant", "pkce_verifier_mismatch", "fix_config")
    # AADSTS70000 without such words keeps the code table's open reading
    other = "invalid_grant: AADSTS70000: The provided value for the 'code' parameter is not valid."
    assert answer(None, other, "microsoft")[1:] == ("ambiguous", "reauth")


def test_xero_authorization_unsuccessful_is_a_missing_scope_not_the_tenant_connection() -> None:
    scope = {"Type": None, "Title": "Unauthorized", "Status": 401, "Detail": "AuthorizationUnsuccessful"}
    assert answer(401, json.dumps(scope), "xero") == ("insufficient_scope", "missing_scope", "fix_config")
    # AuthenticationUnsuccessful at 403 stays the tenant connection (Xero's troubleshooting page)
    tenant = dict(scope, Title="Forbidden", Status=403, Detail="AuthenticationUnsuccessful")
    assert answer(403, json.dumps(tenant), "xero")[:2] == ("invalid_token", "ambiguous")
