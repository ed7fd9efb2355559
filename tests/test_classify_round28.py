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
