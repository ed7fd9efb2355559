"""Round twenty-seven (issue #16): wordings from corpora 152-159's development halves that name their failure, and
readings that were too eager (a callback's code parameter, a key that is no signing key, "client credentials" as the
grant's name). The bodies are written for these tests."""

from __future__ import annotations

import pytest
from classify_answers import BOOK, answer

from oauthdoctor.classifier import classify


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
    # a client library's "System Error:" label around an HTTP 403 is not the server failing
    assert answer(403, "System Error: Response status code was unacceptable: 403.")[0] != "server_error"


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



# Second batch (corpora 160-167).

def test_discords_bare_401_is_configuration_with_the_refresh_among_candidates() -> None:
    got = classify(401, '{"message": "401: Unauthorized", "code": 0}', None, provider="discord", rulebook=BOOK)
    assert (got.failure_class, got.decision) == ("invalid_token", "fix_config")
    assert {c.cause: c.decision for c in got.candidates}["access_token_expired"] == "retry"
    assert got.candidates[0].cause == "bot_token_invalid"


def test_salesforces_security_token_refusal_is_not_a_locked_account() -> None:
    body = ("LOGIN_MUST_USE_SECURITY_TOKEN: Invalid username, password, security token; or user locked out. Are you"
            " at a new location?")
    assert answer(None, body, "salesforce") == ("invalid_grant", "security_token_required", "fix_config")


def test_notions_page_not_shared_with_the_integration_is_insufficient_scope() -> None:
    code_body = '{"object": "error", "status": 404, "code": "object_not_found", "message": "Could not find page"}'
    assert answer(404, code_body, "notion") == ("insufficient_scope", "ambiguous", "fix_config")
    text = "The resource does not exist or the resource has not been shared with owner of the bearer token."
    assert answer(None, text, "notion") == ("insufficient_scope", "ambiguous", "fix_config")


def test_paypals_sdk_refusing_its_client_id_is_the_clients() -> None:
    for body in ("Error: Invalid query value for client-id: abc (debug id: 1)",
                 "SDK Validation error: 'Please pass a value for query param: client-id'"):
        assert answer(400, body, "paypal")[0] == "invalid_client"


def test_jetpacks_unknown_token_is_a_connection_to_make_again() -> None:
    body = ("401: Jetpack: [unknown_token] It looks like your Jetpack connection is broken. Try disconnecting from"
            " WordPress.com then reconnecting.")
    assert answer(401, body) == ("invalid_token", "token_revoked", "reauth")


@pytest.mark.parametrize("body", ["Refresh tokens not supported", "Error: refresh_token grant is not supported"])
def test_a_grant_the_server_does_not_implement_is_unsupported_grant_type(body: str) -> None:
    assert answer(None, body) == ("unsupported_grant_type", "grant_type_not_supported", "fix_config")
    # not enabled for one client is the client's permission, not this class
    assert answer(None, "Refresh tokens are not enabled for this client")[0] != "unsupported_grant_type"


def test_azure_identitys_app_credentials_failing_are_the_clients() -> None:
    got = classify(None, "ClientCertificateCredential authentication failed: Keyset does not exist", None,
                   rulebook=BOOK)
    assert (got.failure_class, got.cause, got.decision) == ("invalid_client", "ambiguous", "fix_config")
    assert "certificate_private_key_unreadable" in [c.cause for c in got.candidates]


def test_keycloaks_registration_policies_refusing_a_client_are_an_admins_to_change() -> None:
    body = ('{"error": "insufficient_scope", "error_description": "Policy \'Trusted Hosts\' rejected request to'
            ' client-registration service. Details: Host not trusted."}')
    assert answer(403, body) == ("access_denied", "access_policy_denied", "fix_config")


def test_an_authorization_request_without_a_code_challenge_is_the_challenge_missing() -> None:
    body = ('{"error": "invalid_request", "error_description": "This app sent an authorization request without a'
            ' PKCE code_challenge, which this server requires for public clients."}')
    assert answer(400, body) == ("invalid_request", "pkce_challenge_missing", "fix_config")
    assert answer(400, '{"error": "invalid_grant", "error_description": "PKCE verification failed"}')[1] == (
        "pkce_verifier_mismatch")


def test_gitlabs_job_token_allowlist_refusal_is_a_policy() -> None:
    assert answer(None, "Authentication by CI/CD job token not allowed from group/a to group/b.", "gitlab") == (
        "access_denied", "access_policy_denied", "fix_config")


# Third batch (corpora 168-175).

def test_app_store_connects_refused_jwt_is_the_clients_token_not_a_missing_one() -> None:
    body = ("Authentication credentials are missing or invalid. - Provide a properly configured and signed bearer"
            " token, and make sure that it has not expired.")
    # round twenty's reading of Apple's own sentence applies again (a missing-token family no longer takes it first)
    assert answer(401, body) == ("invalid_token", "ambiguous", "fix_config")
    assert classify(401, body, None, rulebook=BOOK).candidates
    assert answer(401, "Authentication credentials are missing or invalid.")[:2] == ("invalid_token", "ambiguous")
    # credentials that were not sent at all stay a missing token
    assert answer(401, "Authentication credentials were not provided.")[1] == "access_token_missing"


def test_xbox_xerr_codes_are_read_when_a_launcher_quotes_them() -> None:
    assert answer(401, "AuthenticationException: Account is not on Xbox. 2148916233 ()") == (
        "interaction_required", "xbox_profile_missing", "reauth")
    assert answer(None, "Xerr 2148916227")[0] == "access_denied"


@pytest.mark.parametrize("body", [
    "Missing or invalid 'aud' claim in client_assertion JWT", "Invalid 'iss'/'sub' claims in client_assertion JWT",
    "client assertion signature validation failed - Client assertion signature is invalid"])
def test_a_refused_client_assertion_is_the_clients_authentication(body: str) -> None:
    assert answer(400, body) == ("invalid_client", "jwt_claims_or_key_wrong", "fix_config")


def test_a_refused_subject_token_is_rfc_8693s_invalid_request() -> None:
    assert answer(400, "Missing or non-matching 'iss' claim in subject_token JWT.") == (
        "invalid_request", "subject_token_invalid", "fix_config")


def test_plaid_and_epic_codes_quoted_in_text() -> None:
    assert answer(None, "onExit error: error_code INVALID_LINK_TOKEN") == (
        "invalid_token", "link_token_expired_or_invalid", "retry")
    assert answer(None, "item needs update: ITEM_LOGIN_REQUIRED") == (
        "interaction_required", "login_required", "reauth")
    assert answer(None, "Login to EGS API failed with errorCode: errors.com.epicgames.account.auth_token."
                        "invalid_refresh_token") == ("invalid_grant", "refresh_token_invalid", "reauth")
    assert answer(None, "errors.com.epicgames.oauth.corrective_action_required") == (
        "interaction_required", "required_user_actions_pending", "reauth")


def test_entras_codes_and_words_of_the_third_batch() -> None:
    url = ("https://login.microsoftonline.com/common/oauth2/nativeclient?error=invalid_client&error_description="
           "AADSTS650053: The application 'X' asked for scope 'Y' that doesn't exist on the resource 'Z'.")
    assert answer(None, url, "microsoft") == ("invalid_scope", "invalid_scope_requested", "fix_config")
    assert answer(400, "AADSTS90023: Public clients can't send a client secret.", "microsoft") == (
        "invalid_client", "public_client_sent_secret", "fix_config")
    assert answer(None, "Sign in error: no reply address provided") == (
        "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")
    assert answer(None, "authentication.getAuthToken failed: resourceRequiresConsent") == (
        "interaction_required", "consent_required", "reauth")
    assert answer(None, "No application access policy found for this app.") == (
        "insufficient_scope", "access_policy_denied", "fix_config")


def test_clock_and_environment_wordings() -> None:
    assert answer(401, "The timestamp of server is not synchronised. Check timestamp of server.")[1] == "clock_skew"
    iat = "iat must be an integer or floating point Unix timestamp representing a time in the past"
    assert answer(400, iat)[1] == "clock_skew"
    assert answer(400, "Client secret belongs to test environment") == (
        "invalid_client", "bad_client_secret", "fix_config")
    assert answer(400, "redirect_url should start with https.")[0] == "redirect_uri_mismatch"
    assert answer(None, "The provider is experiencing connection problems, please retry and be patient!")[2] == "retry"
    no_jwks = "Error: The client does not have a JWKSet configured, but the client_assertion requires one"
    assert answer(None, no_jwks) == ("invalid_client", "jwks_invalid", "fix_config")
