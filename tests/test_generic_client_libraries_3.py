"""OAuth and OIDC client libraries in the phrase layer, round three: what keycloak-connect (Keycloak's Node.js
adapter), python-keycloak, httpx-oauth, Flask-Dance, zitadel/oidc's relying party and passport-azure-ad print on
their own when getting, refreshing or validating a token fails.

Every text below is built the way the library's code builds it (its ``Error`` message, ``str()`` of its exception,
the logger line around it; the pinned ``source`` of each rule in ``providers/generic.yaml`` says where). None is taken
from a reported case. The later tests check that a server body the library passes on is still read by its own rules,
that messages the RFC baseline reads first keep their answers, that ordinary sentences stay out, and that every rule
of the block pins its source.
"""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIX = "fix_config"
STATE_LOST = ("invalid_request", "state_or_session_lost", FIX)
NO_ID_TOKEN = ("unknown", "token_response_without_id_token", FIX)

GRANT = "Error: Grant validation failed. Reason: "  # keycloak-connect's validateGrant wrapper
POST_AUTH = "Could not obtain grant code: Error: "  # keycloak-connect's post-auth console.error
PYKC = "keycloak.exceptions."
HTTPX = "httpx_oauth.oauth2."
DANCE = "INFO:flask_dance.consumer.oauth2:"
ZRP = "failed to exchange token: "  # zitadel/oidc CodeExchangeHandler's 401 body
AAD = "authentication failed due to: "  # passport-azure-ad failWithLog

REPOS = ("keycloak/keycloak-nodejs-connect", "marcospereirampj/python-keycloak", "frankie567/httpx-oauth",
         "singingwolfboy/flask-dance", "zitadel/oidc", "AzureAD/passport-azure-ad")


def run(body: str, status: int | None = None) -> tuple[str, str, str]:
    r = classify(status, body, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize(("body", "expected"), [
    # keycloak-connect: GrantManager.validateToken, wrapped by validateGrant and logged by post-auth.
    (GRANT + "invalid token (expired)", ("invalid_token", "access_token_expired", "retry")),
    ("Error: invalid token (expired)", ("invalid_token", "access_token_expired", "retry")),
    (GRANT + "invalid token (wrong ISS)", ("invalid_token", "token_from_other_issuer", FIX)),
    (POST_AUTH + "Grant validation failed. Reason: invalid token (wrong ISS)",
     ("invalid_token", "token_from_other_issuer", FIX)),
    (GRANT + "invalid token (wrong audience)", ("invalid_token", "token_for_wrong_audience", FIX)),
    (GRANT + "invalid token (authorized party should match client id)",
     ("invalid_token", "token_for_other_client", FIX)),
    (GRANT + "invalid token (signature)", ("invalid_token", "token_signature_invalid", FIX)),
    (GRANT + "invalid token (public key signature)", ("invalid_token", "token_signature_invalid", FIX)),
    ("Error: admin request failed: invalid token (signature)", ("invalid_token", "token_signature_invalid", FIX)),
    (GRANT + "invalid token (wrong type)", ("invalid_token", "wrong_token_type", FIX)),
    (GRANT + "invalid token (not signed)", ("invalid_token", "access_token_malformed", FIX)),
    (GRANT + "invalid token (missing)", ("unknown", "token_response_without_access_token", FIX)),
    (GRANT + "Misconfigured parameters while validating token. Check your keycloak.json file!",
     ("invalid_token", "jwks_invalid", FIX)),
    (GRANT + "failed to load public key to verify token. Reason: Error fetching JWK Keys",
     ("invalid_token", "ambiguous", FIX)),
    ("Error: Unable to refresh without a refresh token", ("invalid_token", "refresh_token_missing", FIX)),
    (POST_AUTH + "401:Unauthorized", ("invalid_client", "bad_client_credentials", FIX)),
    (POST_AUTH + "400:Bad Request", ("invalid_grant", "ambiguous", FIX)),
    # python-keycloak's own exceptions (KeycloakError.__str__ is the message when no status is attached).
    (PYKC + "KeycloakConnectionError: Can't connect to server", ("temporarily_unavailable", "ambiguous", "retry")),
    (PYKC + "KeycloakInvalidTokenError: Token expired or invalid.", ("invalid_token", "ambiguous", "retry")),
    (PYKC + "KeycloakAuthorizationConfigError: Keycloak settings not found. Load Authorization Keycloak settings.",
     ("invalid_request", "client_registration_incomplete", FIX)),
    # httpx-oauth.
    (HTTPX + "RefreshTokenNotSupportedError: Refresh token is not supported by this provider.",
     ("unsupported_grant_type", "grant_type_not_supported", FIX)),
    (HTTPX + "RevokeTokenNotSupportedError: Revoke token is not supported by this provider.",
     ("invalid_request", "client_registration_incomplete", FIX)),
    (HTTPX + "MissingRevokeTokenAuthMethodError: Missing revocation endpoint auth method.",
     ("invalid_request", "client_registration_incomplete", FIX)),
    (HTTPX + "GetAccessTokenError: Invalid JSON content", ("invalid_request", "ambiguous", FIX)),
    (HTTPX + "RefreshTokenError: Invalid JSON content", ("invalid_request", "ambiguous", FIX)),
    ('{"detail":"Invalid JSON content"}', ("invalid_request", "ambiguous", FIX)),
    # Flask-Dance.
    (DANCE + "state not found, redirecting user to login", STATE_LOST),
    ("WARNING:flask_dance.consumer.oauth2:OAuth 2 authorization error: Cannot set OAuth token without an associated "
     "user", ("unknown", "local_user_not_signed_in", FIX)),
    ("ValueError: Cannot get OAuth token without an associated user", ("unknown", "local_user_not_signed_in", FIX)),
    # zitadel/oidc's relying party (CodeExchangeHandler answers 401 with these bodies).
    ("failed to get state: state does not compare", STATE_LOST),
    ("failed to get state: securecookie: the value is not valid", ("invalid_request", "cookie_secret_changed", FIX)),
    ("failed to get state: securecookie: the value could not be decrypted",
     ("invalid_request", "cookie_secret_changed", FIX)),
    ("failed to get state: securecookie: expired timestamp", ("invalid_request", "login_attempt_expired", "reauth")),
    (ZRP + "id_token missing", NO_ID_TOKEN),
    (ZRP + 'authorized party is not valid: azp "other-app" must be equal to client_id "my-app"',
     ("invalid_token", "token_for_other_client", FIX)),
    (ZRP + "authorized party is not set. If Token is valid for multiple audiences, azp must not be empty",
     ("invalid_token", "token_for_other_client", FIX)),
    (ZRP + "at_hash does not correspond to access token", ("invalid_token", "token_misconfigured", FIX)),
    # passport-azure-ad.
    (AAD + "In Strategy.prototype.jwtVerify: Invalid JWT token.", ("invalid_token", "access_token_malformed", FIX)),
    (AAD + "In Strategy.prototype.jwtVerify: We did not receive a token we know how to validate",
     ("invalid_token", "ambiguous", FIX)),
    ("Error: In _validateResponse: We did not receive a token we know how to validate",
     ("invalid_token", "ambiguous", FIX)),
    (AAD + "In Strategy.prototype.jwtVerify: cannot verify token", ("invalid_token", "ambiguous", "retry")),
    (AAD + "In Strategy.prototype.jwtVerify: none of the scopes 'User.Read' in token is accepted",
     ("insufficient_scope", "missing_scope", FIX)),
    (AAD + "In Strategy.prototype.jwtVerify: none of the scopes in token is accepted",
     ("insufficient_scope", "missing_scope", FIX)),
    (AAD + "In Strategy.prototype.jwtVerify: scope is not found in token",
     ("insufficient_scope", "missing_scope", FIX)),
    (AAD + "jwt is expired", ("invalid_token", "access_token_expired", "retry")),
    ("Error: In _validateResponse: jwt is expired", ("invalid_token", "access_token_expired", "retry")),
    (AAD + "jwt is not active", ("invalid_token", "clock_skew", FIX)),
    ("Error: In collectInfoFromReq: invalid state received in the request", STATE_LOST),
    ("Error: In collectInfoFromReq: missing state in the request", STATE_LOST),
    ("Error: In collectInfoFromReq: issuer or tenantIdOrName must be provided in order to validate issuer on common "
     "endpoint", ("invalid_request", "authority_misconfigured", FIX)),
    ("Error: In passport.authenticate: we are using common endpoint for B2C but tenantIdOrName is not provided",
     ("invalid_request", "authority_misconfigured", FIX)),
    ("Error: In _authCodeFlowHandler: id_token is not received", NO_ID_TOKEN),
    ("Error: Error: 404 Cannot get AAD Signing Keys", ("invalid_request", "ambiguous", FIX)),
])
def test_library_messages(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


@pytest.mark.parametrize(("body", "causes", "decisions"), [
    (GRANT + "failed to load public key to verify token. Reason: Error fetching JWK Keys",
     ["jwks_uri_unreachable", "token_from_other_issuer"], [FIX, FIX]),
    (POST_AUTH + "400:Bad Request", ["redirect_uri_differs_from_authorize", "session_not_persisted",
                                     "auth_code_invalid_or_reused"], [FIX, FIX, "reauth"]),
    (PYKC + "KeycloakConnectionError: Can't connect to server", ["network_error", "wrong_endpoint_url"],
     ["retry", FIX]),
    (PYKC + "KeycloakInvalidTokenError: Token expired or invalid.", ["access_token_expired", "token_revoked"],
     ["retry", "reauth"]),
    (HTTPX + "GetAccessTokenError: Invalid JSON content", ["wrong_endpoint_url", "proxy_or_gateway_page"], [FIX, FIX]),
    (DANCE + "state not found, redirecting user to login", ["session_not_persisted", "callback_replayed"],
     [FIX, "reauth"]),
    ("failed to get state: state does not compare", ["concurrent_sign_in", "session_not_persisted"], ["reauth", FIX]),
    (AAD + "In Strategy.prototype.jwtVerify: We did not receive a token we know how to validate",
     ["token_for_wrong_audience", "token_from_other_issuer"], [FIX, FIX]),
    (AAD + "In Strategy.prototype.jwtVerify: cannot verify token",
     ["access_token_expired", "token_for_wrong_audience", "token_from_other_issuer"], ["retry", FIX, FIX]),
    ("Error: In collectInfoFromReq: invalid state received in the request",
     ["session_not_persisted", "callback_replayed"], [FIX, "reauth"]),
    ("Error: Error: 503 Cannot get AAD Signing Keys", ["authority_misconfigured", "idp_transient_outage"],
     [FIX, "retry"]),
])
def test_one_message_with_several_causes_lists_them(body: str, causes: list[str], decisions: list[str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert [c.cause for c in r.candidates] == causes
    assert [c.decision for c in r.candidates] == decisions


def test_hints_name_the_librarys_own_setting() -> None:
    cases = {
        GRANT + "invalid token (wrong ISS)": "auth-server-url",
        GRANT + "invalid token (signature)": "realm-public-key",
        GRANT + "invalid token (wrong audience)": "verify-token-audience",
        HTTPX + "RefreshTokenNotSupportedError: Refresh token is not supported by this provider.":
            "refresh_token_endpoint",
        "ValueError: Cannot get OAuth token without an associated user": "user_required=False",
        "failed to get state: securecookie: the value is not valid": "NewCookieHandler",
        AAD + "In Strategy.prototype.jwtVerify: cannot verify token": "loggingNoPII",
        AAD + "jwt is not active": "clockSkew",
        "Error: In collectInfoFromReq: issuer or tenantIdOrName must be provided in order to validate issuer on "
        "common endpoint": "validateIssuer",
    }
    for body, setting in cases.items():
        r = classify(None, body, rulebook=BOOK)
        assert any(setting in h for h in r.hints) or any(setting in (c.hint or "") for c in r.candidates), (
            body, r.hints)


@pytest.mark.parametrize(("body", "expected"), [
    # A server body the library passes on decides, not the library's wrapper.
    (PYKC + 'KeycloakAuthenticationError: 401: b\'{"error":"invalid_client","error_description":"Invalid client or '
     'Invalid client credentials"}\'', ("invalid_client", "bad_client_credentials", FIX)),
    (PYKC + 'KeycloakAuthenticationError: 401: b\'{"error":"invalid_grant","error_description":"Invalid user '
     'credentials"}\'', ("invalid_grant", "resource_owner_credentials_invalid", FIX)),
    (PYKC + 'KeycloakPostError: 400: b\'{"error":"invalid_grant","error_description":"Token is not active"}\'',
     ("invalid_grant", "refresh_token_or_session_expired", "reauth")),
    ("WARNING:flask_dance.consumer.oauth2:OAuth 2 authorization error: access_denied description: The user has "
     "denied your application access. uri: None", ("access_denied", "user_denied_consent", "reauth")),
    ('Error: In _authCodeFlowHandler: failed to redeem authorization code: {"statusCode":400,"data":"{\\"error\\":'
     '\\"invalid_client\\",\\"error_description\\":\\"AADSTS7000215: Invalid client secret provided.\\"}"}',
     ("invalid_client", "bad_client_secret", FIX)),
    (ZRP + 'oauth2: "invalid_grant" "code not found"', ("invalid_grant", "auth_code_invalid_or_reused", "reauth")),
    (HTTPX + "GetAccessTokenError: Client error '401 Unauthorized' for url 'https://discord.com/api/oauth2/token'",
     ("invalid_client", "bad_client_credentials", FIX)),
    # Texts the RFC baseline reads first keep its answer (the same decision this block would give).
    ("Error: invalid token (stale token)", ("invalid_grant", "refresh_token_reused_after_rotation", "reauth")),
    ("Error: Unable to refresh with expired refresh token",
     ("invalid_grant", "refresh_token_expired_or_revoked", "reauth")),
    (DANCE + "code_verifier not found, redirecting user to login", ("invalid_grant", "pkce_verifier_mismatch", FIX)),
    # An earlier rule (Go's net/http cookie wording) keeps the missing state cookie.
    ("failed to get state: http: named cookie not present", STATE_LOST),
    # passport-azure-ad's jsonWebToken audience, issuer and signature checks keep the older families' answers.
    (AAD + "jwt audience is invalid", ("invalid_token", "token_for_wrong_audience", FIX)),
    (AAD + "jwt issuer is invalid", ("invalid_token", "token_from_other_issuer", FIX)),
    (AAD + "invalid signature", ("invalid_token", "token_signature_invalid", FIX)),
])
def test_a_server_body_or_an_older_rule_still_decides(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


@pytest.mark.parametrize("body", [
    "The token is invalid because it has expired.",
    "Could not obtain the grant code from the form.",
    "We could not connect to the server, please try again.",
    "Invalid JSON content in request body at line 3.",
    "State not found in the database.",
    "The refresh token is not supported by this browser.",
    "This JWT is active and valid.",
    "Select the scopes in the token request.",
])
def test_ordinary_sentences_stay_out(body: str) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert not any(repo in ref for ref in r.references for repo in REPOS), (body, r.references)
