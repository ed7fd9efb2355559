"""Round twenty-eight (issue #16): wordings from corpora 176-183's development halves that name their failure, and
provider codes with a documented meaning (ClickUp's ECODE values, OCI's NotAuthenticated). The bodies are written for
these tests."""

from __future__ import annotations

import pytest
from classify_answers import answer


def test_a_pascal_case_error_key_with_a_sentence_is_the_description() -> None:
    # Apigee's non-RFC OAuthV2 answer: the code under ErrorCode, the words under Error
    assert answer(400, '{"ErrorCode": "InvalidRequest", "Error": "Refresh Token expired"}') == (
        "invalid_grant", "refresh_token_expired", "reauth")
    assert answer(401, '{"Error": "invalid_client"}')[0] == "invalid_client"


@pytest.mark.parametrize("body,expected", [
    ("The provided token is not a valid format", ("invalid_token", "access_token_malformed", "fix_config")),
    ("the access token is not in the expected format", ("invalid_token", "access_token_malformed", "fix_config")),
    ("The access token does not have a valid audience claim.",
     ("invalid_token", "token_for_wrong_audience", "fix_config")),
    ("The client_id is not authorized to access the specified endpoint.",
     ("unauthorized_client", "client_not_authorized", "fix_config")),
    ("A client must have at least one registered redirect URL",
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    ("This One-Time PIN has already been used", ("invalid_grant", "sign_in_link_expired_or_used", "reauth")),
    ("The one-time PIN has expired", ("invalid_grant", "sign_in_link_expired_or_used", "reauth")),
])
def test_texts_that_name_their_failure(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_a_request_that_requires_a_valid_token_is_about_the_token() -> None:
    got = answer(None, '{"message": "The request requires a valid access token set in the Authorization header."}')
    assert got[:2] == ("invalid_token", "ambiguous")


def test_clickups_ecode_values_follow_its_error_table() -> None:
    assert answer(401, '{"err": "Oauth token not found", "ECODE": "OAUTH_019"}') == (
        "invalid_token", "token_revoked", "reauth")
    assert answer(401, '{"err": "Team not authorized", "ECODE": "OAUTH_027"}') == (
        "access_denied", "ambiguous", "reauth")
    assert answer(401, '{"err": "Authorization header required", "ECODE": "OAUTH_017"}') == (
        "invalid_request", "access_token_missing", "fix_config")
    # another API's code of the same shape, without ClickUp's key or words, is not read as ClickUp's
    assert answer(401, "upstream said OAUTH_019")[1] != "token_revoked"


def test_oracle_clouds_not_authenticated_lists_its_causes() -> None:
    body = ('{"code": "NotAuthenticated", "message": "The required information to complete authentication was not'
            ' provided or was incorrect.", "status": 401}')
    assert answer(401, body) == ("invalid_client", "ambiguous", "fix_config")


def test_atlassians_token_endpoint_access_denied_is_the_client_not_the_user() -> None:
    assert answer(None, "POST https://auth.atlassian.com/oauth/token\nerror: access_denied", "atlassian") == (
        "invalid_client", "bad_client_credentials", "fix_config")
    # at the authorize step, access_denied stays the user's refusal
    assert answer(None, "https://app.example/callback?error=access_denied&state=x", "atlassian")[0] == (
        "access_denied")


@pytest.mark.parametrize("body,expected", [
    ("Failed to launch 'myapp://cb#x' because the scheme does not have a registered handler.",
     ("redirect_uri_mismatch", "url_scheme_not_registered", "fix_config")),
    ("AADSTS500119: Redirect URIs with urn: schemes are prohibited. Use a different scheme",
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    ("OAuth signature mismatch. Computed: abc, Received: def",
     ("invalid_client", "request_signature_invalid", "fix_config")),
    ('{"Message": "Could not validate nonce."}', ("invalid_request", "nonce_mismatch", "fix_config")),
    ("nonce invalid", ("invalid_request", "nonce_mismatch", "fix_config")),
    ("Error: No trusted publisher configured for this workflow found on https://rubygems.org/",
     ("invalid_grant", "trusted_publisher_not_configured", "fix_config")),
    ("402 2FA Token required. Re-try request with user's 2FA token as CB-2FA-Token header",
     ("interaction_required", "mfa_required", "reauth")),
])
def test_more_texts_that_name_their_failure(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_a_two_factor_token_is_not_the_missing_access_token() -> None:
    assert answer(401, "access token required") == ("invalid_request", "access_token_missing", "fix_config")
    assert answer(None, "2FA token required")[0] == "interaction_required"


def test_a_registry_denial_lists_a_lost_login_and_a_missing_permission() -> None:
    for body in ("denied: requested access to the resource is denied",
                 'Error response from daemon: Head "https://ghcr.io/v2/o/i/manifests/latest": denied: denied'):
        assert answer(None, body) == ("access_denied", "ambiguous", "fix_config")
    # the code is read at the start of a line or after a colon, not as the end of a sentence
    assert answer(None, "the request was denied: denied")[0] == "unknown"


def test_googles_missing_client_id_is_not_the_out_of_band_page() -> None:
    page = ("400. That's an error.\n\nError: invalid_request\n\nMissing required parameter: client_id\n\n"
            "Request Details\nresponse_type=code\nredirect_uri=urn:ietf:wg:oauth:2.0:oob\nclient_id=")
    assert answer(400, page, "google") == ("invalid_request", "missing_parameter", "fix_config")
    oob = page.replace("Missing required parameter: client_id", "Access blocked").replace("client_id=", "client_id=1")
    assert answer(400, oob, "google")[1] == "oob_flow_blocked"


def test_googles_origin_mismatch_and_its_retired_sign_in_library() -> None:
    assert answer(400, '{"error": "origin_mismatch"}', "google") == (
        "redirect_uri_mismatch", "javascript_origin_not_registered", "fix_config")
    details = ('{"error": "idpiframe_initialization_failed", "details": "You have created a new client application that'
               ' uses libraries for user authentication or authorization that are deprecated. New clients must use the'
               ' new libraries instead."}')
    assert answer(None, details, "google") == ("unauthorized_client", "deprecated_library_for_new_client", "fix_config")


def test_stravas_quoted_error_lists_are_read_like_its_json() -> None:
    fault = ("stravalib.exc.Fault: 400 Client Error: Bad Request [Bad Request: [{'resource': 'AuthorizationCode',"
             " 'field': '', 'code': 'expired'}]]")
    assert answer(400, fault, "strava") == ("invalid_grant", "auth_code_expired_or_reused", "reauth")
    broken = '{"message": "Bad request","errors":[{resource":"Application","field":"redirect_uri", "code":"invalid"}]}'
    assert answer(None, broken, "strava") == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


def test_a_bare_403_from_an_api_is_a_token_without_the_privileges() -> None:
    # RFC 6750 3.1: insufficient_scope is the 403 of a resource server; access_denied is the authorize redirect's
    assert answer(403, "") == ("insufficient_scope", "ambiguous", "fix_config")
    assert answer(403, "Forbidden")[0] == "insufficient_scope"
    assert answer(403, '{"error": "access_denied"}')[0] == "access_denied"  # a body that names its code keeps it
    assert answer(403, "domainPolicy: App cannot be used within the authenticated user's domain", "google") == (
        "access_denied", "admin_policy_enforced", "fix_config")
