"""Round fifteen (issue #16): rules written from corpus fourteen's development half. The texts are written for these
tests in the sources' terms (each rule names its source); none is a corpus case."""

from __future__ import annotations

import pytest
from classify_answers import BOOK, answer

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.extract import extract


def test_a_bracketed_field_list_inside_an_exception_gives_the_error() -> None:
    # AppAuth's Flutter plugin wraps the token endpoint's error in a PlatformException's message
    text = ("PlatformException(token_failed, Failed to get token: [error: invalid_grant, description: Code expired], "
            "null, null)")
    ex = extract(None, text, None)
    assert ex.error == "invalid_grant"
    # the list's closing bracket is not part of its last value
    assert extract(None, "Failed: [description: Code expired, error: invalid_grant]", None).error == "invalid_grant"
    # an error named inside a call's parentheses and nowhere else is still read as before
    assert extract(None, "error: OAuthError(invalid_grant)", None).error_key == "invalid_grant"


def test_no_session_for_a_silent_request_is_login_required() -> None:
    # OIDC Core 3.1.2.6: prompt=none and no session at the provider
    body = "The user has no active session and the request's prompt parameter is set to none."
    assert answer(None, body) == ("interaction_required", "login_required", "reauth")


@pytest.mark.parametrize("body", ["Error: id_token expired", "ID token has expired (exp 1700000000)"])
def test_an_expired_id_token_is_the_clock_first(body: str) -> None:
    r = classify(None, body, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == ("invalid_token", "ambiguous", "fix_config", "low")
    assert [(c.cause, c.decision) for c in r.candidates] == [("clock_skew", "fix_config"),
                                                            ("stored_id_token_reused", "reauth")]
    # an access token that expired is still one refresh
    assert answer(None, "the access token has expired") == ("invalid_token", "access_token_expired", "retry")


def test_node_s_assertion_error_is_not_a_jwt_assertion() -> None:
    assert answer(None, "AssertionError [ERR_ASSERTION]: id_token expired")[1] == "ambiguous"
    assert answer(400, '{"error":"invalid_grant","error_description":"assertion expired"}') == (
        "invalid_grant", "client_assertion_expired", "fix_config")


def test_a_requested_scope_that_does_not_match_keeps_rfc_6749_s_code() -> None:
    # invalid_scope is the scope asked for (RFC 6749 5.2); insufficient_scope the token's at an API (RFC 6750 3.1)
    assert answer(400, '{"error":"invalid_scope","error_description":"Scope does not match"}')[0] == "invalid_scope"
    assert answer(403, '{"message":"Scopes do not match the required scopes"}')[0] == "insufficient_scope"


def test_a_redirect_that_must_be_one_in_the_client_s_settings() -> None:
    body = "Description: The 'redirect_uri' parameter must be a Login redirect URI in the client app settings"
    assert answer(400, body) == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


def test_passport_s_failed_token_request_with_its_stack() -> None:
    body = ("InternalOAuthError: Failed to obtain access token\n    at Strategy.OAuth2Strategy._createOAuthError "
            "(node_modules/passport-oauth2/lib/strategy.js:423:17)")
    r = classify(None, body, None, rulebook=BOOK)
    assert (r.cause, r.decision) == ("ambiguous", "fix_config")
    assert "network_error" in [c.cause for c in r.candidates]


def test_firebase_s_older_unauthorised_domain_wording() -> None:
    body = ("This domain (preview-abc.example.app) is not authorized to run this operation. Add it to the OAuth "
            "redirect domains list in the Firebase console -> Auth section -> Sign in method tab.")
    r = classify(None, body, None, provider="firebase", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.basis) == (
        "redirect_uri_mismatch", "domain_not_authorized", "fix_config", "confirmed")  # the pre-v9 SDK's own text


# corpus sixteen's development half


def test_openid_client_without_its_secret_is_configuration() -> None:
    body = "TypeError: client_secret_basic client authentication method requires a client_secret"
    assert answer(None, body) == ("invalid_client", "credentials_not_configured", "fix_config")


def test_sap_s_audience_check() -> None:
    body = "Jwt token with audience [uaa, sb-orders!b12] is not issued for these clientIds: [sb-billing!b34]."
    assert answer(None, body) == ("invalid_token", "token_for_wrong_audience", "fix_config")


def test_a_client_identifier_no_application_matches() -> None:
    body = '{"error": {"message": "No application matches the supplied client identifier"}}'
    assert answer(None, body) == ("invalid_client", "unknown_client_id", "fix_config")


def test_a_malformed_authorization_header() -> None:
    body = '{"errors": [{"detail": "The Authorization http header of your request was malformed."}]}'
    r = classify(401, body, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", "ambiguous", "fix_config")
    assert [c.cause for c in r.candidates] == ["access_token_missing", "wrong_auth_scheme"]


def test_scope_words_in_a_403_are_the_token_s_scope() -> None:
    # RFC 6750 3.1: insufficient_scope is a 403; RFC 6749's invalid_scope a redirect or a 400
    assert answer(403, "403 Invalid scope(s)") == ("insufficient_scope", "missing_scope", "fix_config")
    assert answer(400, "Invalid scope(s)")[0] == "invalid_scope"
    assert answer(None, '{"error": "invalid_scope", "error_description": "invalid scope"}')[0] == "invalid_scope"


def test_insufficient_privileges_are_rfc_6750_s_insufficient_scope() -> None:
    body = "Code: Authorization_RequestDenied, Message: Insufficient privileges to complete the operation."
    assert answer(403, body) == ("insufficient_scope", "missing_permission", "fix_config")
    # a denial that says nothing of privileges is the permission family's, the same RFC 6750 class (round 26)
    assert answer(403, "Permission denied for this resource")[1] == "missing_permission"


def test_rfc_6750_s_code_in_another_field_keeps_its_convention() -> None:
    # issue #16: an unexplained invalid_token is one refresh, in whichever field the server puts the code
    assert answer(401, '{"message": "invalid_token", "error": "not_found", "status": 401}')[2] == "retry"
    assert answer(401, '{"message": "Unauthorized", "status": 401}')[2] == "fix_config"


def test_salesforce_s_blocked_username_password_flow() -> None:
    assert answer(None, "Username-Password Flow Disabled", "salesforce") == (
        "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config")
