"""Round twenty-seven (issue #16): wordings from corpora 152-159's development halves that name their failure, and
readings that were too eager (a callback's code parameter, a key that is no signing key, "client credentials" as the
grant's name). The bodies are written for these tests."""

from __future__ import annotations

import pytest
from classify_answers import answer


def test_tiktoks_error_values_are_read_in_text_as_in_json() -> None:
    json_body = '{"data": {}, "error": {"code": "scope_not_authorized", "message": "x", "log_id": "1"}}'
    text_body = "scope_not_authorized: The user did not authorize the scope required for completing this request."
    assert answer(401, json_body, "tiktok") == answer(401, text_body, "tiktok") == (
        "insufficient_scope", "missing_scope", "reauth")
    assert answer(401, "access_token_invalid: The access token is invalid or not found in the request.", "tiktok") == (
        "invalid_token", "access_token_invalid_or_missing", "retry")


def test_metas_code_in_brackets_is_its_error_code() -> None:
    assert answer(400, "(#3) Application does not have the capability to make this API call.", "meta") == (
        "unauthorized_client", "feature_or_api_not_enabled", "fix_config")
    # the same words without Meta's code stay the phrase layer's
    assert answer(400, "Application does not have the capability to make this API call.", "meta")[0] != (
        "unauthorized_client")


def test_a_key_that_is_not_found_is_a_signing_key_only_when_it_says_so() -> None:
    assert answer(401, 'Bearer error="invalid_token", error_description="The signature key was not found"') == (
        "invalid_token", "token_signature_invalid", "fix_config")
    assert answer(None, "IDX10501: Signature validation failed. Key with kid abc not found in the JWKS")[1] == (
        "token_signature_invalid")
    # Elixir's KeyError for a map key is no signing key; the timeout in it is what failed
    got = answer(None, "KeyError: key :body not found in: %OAuth2.Error{reason: :timeout}")
    assert got[1] != "token_signature_invalid"


def test_client_credentials_as_the_grants_name_are_not_wrong_credentials() -> None:
    assert answer(403, "when I use a token from grant type client credentials I get 403")[0] != "invalid_client"
    assert answer(401, "invalid client credentials") == ("invalid_client", "bad_client_credentials", "fix_config")


def test_a_callbacks_code_parameter_does_not_say_the_code_is_invalid() -> None:
    body = ("Failed to process OIDC callback with params code=abc&state=xyz: Invalid audiences: `42` is not a"
            " trusted audience")
    assert answer(None, body) == ("invalid_token", "token_for_wrong_audience", "fix_config")
    assert answer(None, "code=abc: invalid")[0] != "invalid_grant"
    assert answer(None, "The code is invalid")[0] == "invalid_grant"


@pytest.mark.parametrize("body,expected", [
    ("The client application making this request does not have access to this API",
     ("unauthorized_client", "client_not_authorized", "fix_config")),
    ("This app is not approved to use this API", ("unauthorized_client", "client_not_authorized", "fix_config")),
    # a person without access stays RFC 6750's insufficient_scope
    ("You do not have access to this API", ("insufficient_scope", "missing_permission", "fix_config")),
])
def test_an_application_without_access_to_an_api_is_unauthorized_client(
        body: str, expected: tuple[str, str, str]) -> None:
    assert answer(403, body) == expected


def test_a_system_error_asking_for_the_admin_is_the_servers() -> None:
    assert answer(None, '{"code": 500, "msg": "system error, please contact the admin", "success": false}') == (
        "server_error", "idp_server_error", "retry")


@pytest.mark.parametrize("body", ["authentication has expired", "Your credentials have expired.",
                                  "Your authorization has expired, reconnect the account"])
def test_an_expired_authorization_behind_a_connection_is_a_dead_grant(body: str) -> None:
    assert answer(None, body) == ("invalid_grant", "grant_dead", "reauth")
    assert answer(None, "authorization code has expired")[1] == "auth_code_expired"


def test_tuyas_signature_refusal_is_the_clients_credentials() -> None:
    for body in ('{"code": 1004, "msg": "sign invalid", "success": false, "t": 1}',
                 "{ code: 1004, msg: 'sign invalid', success: false }", "TuyaCloudRequestError: SING_VALIDATE_FALED_4"):
        assert answer(None, body) == ("invalid_client", "request_signature_invalid", "fix_config")


def test_snowflakes_key_pair_login() -> None:
    for body in ("Snowflake error: JWT token is invalid",
                 "SnowflakeSQLException: JWT token is invalid. [0ce9eb56-821d-4ca9-a774-04ae89a0cf5a]"):
        assert answer(None, body) == ("invalid_client", "jwt_claims_or_key_wrong", "fix_config")
    # the words alone, without Snowflake, stay an API's refused token
    assert answer(None, "JWT token is invalid.")[0] == "invalid_token"


def test_a_nonce_the_id_token_lacks_is_a_refused_id_token() -> None:
    for body in ("Error: Nonce (nonce) claim must be a string present in the ID token",
                 "status=ERROR, message=Not the same nonce in the ID Token as in the authorization request"):
        assert answer(None, body)[0] == "invalid_token"
        assert answer(None, body)[2] == "fix_config"


def test_texts_with_their_providers_source() -> None:
    assert answer(None, "redirect_uri is not handled by any activity in this app! Ensure that the"
                        " appAuthRedirectScheme in your build.gradle file is correctly configured") == (
        "redirect_uri_mismatch", "url_scheme_not_registered", "fix_config")
    assert answer(400, "Custom schemes cannot have authority: com.example.app://home", "google") == (
        "redirect_uri_mismatch", "redirect_uri_malformed", "fix_config")
    assert answer(400, "AADSTS1002012: The provided value for scope User.Read is not valid. Client credential flows"
                       " must have a scope value with /.default suffixed to the resource identifier.") == (
        "invalid_scope", "scope_not_allowed", "fix_config")
    assert answer(None, "There aren't any scopes available for this app.", "linkedin") == (
        "invalid_scope", "scope_not_allowed", "fix_config")
    assert answer(None, "[QuotaCheckError.DEVELOPER_TOKEN_NOT_APPROVED @ ; trigger:'<null>']") == (
        "unauthorized_client", "client_not_authorized", "fix_config")
    assert answer(None, "Error: 7 PERMISSION_DENIED: Developer token is not allowed with project 'p1'") == (
        "unauthorized_client", "client_not_authorized", "fix_config")
    # the account states stay access_denied
    assert answer(None, "AuthorizationError.USER_PERMISSION_DENIED")[0] == "access_denied"
    assert answer(None, 'oidc: issuer did not match the issuer returned by provider, expected "a" got "b"')[1] == (
        "authority_misconfigured")
    assert answer(None, 'issuer did not match the issuer returned by provider, expected "a" got "b"')[1] == (
        "authority_misconfigured")

