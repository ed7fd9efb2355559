"""Follow-ups of the microsoft.md re-read settled against Microsoft's own pages (round thirty-four, 2026-12-07):
Entra's port rule for redirect URIs that are not localhost, and the B2C codes whose decision the re-read doubted.
Each test fails on the profiles as they were before.
"""

from __future__ import annotations

import json

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect.engine import compare_with_rule

TRAILER = "\r\nCorrelation ID: 1b0e9a47-3e0d-4b8a-9d1b-0d5e6f7a8b9c\r\nTimestamp: 2026-12-07 10:00:00Z\r\n"


def _b2c(error: str, code: str, message: str) -> str:
    return json.dumps({"error": error, "error_description": f"{code}: {message}{TRAILER}"})


def _entra(registered: str, sent: str):  # type: ignore[no-untyped-def]
    return compare_with_rule([registered], sent, get_profile("microsoft").redirect, provider="microsoft")


def test_entra_compares_an_explicit_443_with_no_port_outside_localhost() -> None:
    # was: default_port_equivalent true (':443' equal to no port); Microsoft's reply-url page (Localhost exceptions,
    # 2025-05-14) says the port is ignored only for localhost and is not ignored for any other redirect URI
    result = _entra("https://contoso.com/signin-oidc", "https://contoso.com:443/signin-oidc")
    assert not result.accepted
    assert [(d.kind, d.tolerated) for d in result.differences] == [("default_port", False)]
    # the localhost exception and the path-less '/' are unchanged
    assert _entra("http://localhost:5000/MyApp", "http://localhost:443/MyApp").accepted
    assert _entra("https://contoso.com", "https://contoso.com/").accepted


def test_b2c_internal_error_lists_a_new_sign_in_as_the_tables_own_advice() -> None:
    # was: the new-sign-in candidate fell back to retry and the rule was basis confirmed; B2C's error table gives
    # AADB2C90085 only the message "Please reauthenticate and try again", so that candidate is reauth and the
    # fix_config lean is heuristic
    e = classify(400, _b2c("invalid_grant", "AADB2C90085", "The service has encountered an internal error. Please "
                           "reauthenticate and try again."), provider="azure-ad-b2c")
    assert (e.decision, e.basis) == ("fix_config", "heuristic")
    assert [(c.cause, c.decision) for c in e.candidates] == [
        ("idp_server_error", "reauth"), ("app_audience_not_supported_for_client_credentials", "fix_config")]


def test_b2c_rest_claims_exchange_error_is_a_configuration_check_first() -> None:
    # was: decision retry (basis confirmed); B2C's error table gives AADB2C90075 only the REST API's HTTP code and
    # reason, with no advice to try again, so the REST API and its technical profile are checked first
    e = classify(400, _b2c("server_error", "AADB2C90075", "The claims exchange 'REST-GetProfile' specified in step '3' "
                           "returned HTTP error response with Code 'Unauthorized' and Reason 'Unauthorized'."),
                 provider="azure-ad-b2c")
    assert (e.failure_class, e.cause, e.decision, e.basis) == ("server_error", "ambiguous", "fix_config", "heuristic")
    assert [(c.cause, c.decision) for c in e.candidates] == [
        ("claims_exchange_api_error", "fix_config"), ("upstream_unavailable", "retry")]
