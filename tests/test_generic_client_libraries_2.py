"""General-purpose OAuth client libraries in the phrase layer, round two: what golang.org/x/oauth2, Authlib's client
integrations and JOSE claims, the Ruby oauth2 gem, league/oauth2-client, IdentityModel and IdentityModel.OidcClient,
ScribeJava, oauth2-rs, react-native-app-auth and flutter_appauth (AppAuth-Android underneath) print on their own.

Users paste the library's line, not the provider's body. Every text below is built the way the library's code
builds it (its format string, ``str()`` of its exception, the wrapper a platform channel or a logger puts around it;
the pinned ``source`` of each rule in ``providers/generic.yaml`` says where). None is taken from a reported case.
The last tests check that an RFC error code in the same paste still decides, that other libraries' and ordinary
sentences keep their answers, and that every rule of the block pins its source.
"""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIX = "fix_config"
HTML_PAGE = ("invalid_request", "ambiguous", FIX)
NO_ACCESS_TOKEN = ("unknown", "token_response_without_access_token", FIX)
INSECURE = ("invalid_request", "insecure_transport", FIX)
AUTHORITY = ("invalid_request", "authority_misconfigured", FIX)
NETWORK = ("temporarily_unavailable", "network_error", "retry")

AUTHLIB_CLIENT = "authlib.integrations.base_client.errors."
AUTHLIB_JOSE = "authlib.jose.errors."
PY_TRACE = ('Traceback (most recent call last):\n  File "/srv/app/views.py", line 31, in profile\n'
            '    resp = oauth.example.get("userinfo")\n')
DOTNET = "System.InvalidOperationException: Error loading discovery document: "
OIDC_LOG = "fail: IdentityModel.OidcClient.OidcClient[0]\n      "
SCRIBE = "com.github.scribejava.core.exceptions.OAuthException: "
RUST_ERR = "Error: Other error: "

REPOS = ("golang/oauth2", "authlib/authlib", "oauth-xx/oauth2", "thephpleague/oauth2-client",
         "IdentityModel/IdentityModel", "scribejava/scribejava", "ramosbugs/oauth2-rs",
         "FormidableLabs/react-native-app-auth", "MaikuB/flutter_appauth", "openid/AppAuth-Android")


def flutter(code: str, message: str) -> str:
    """How Flutter prints the PlatformException a plugin's ``result.error(code, message, details)`` becomes."""
    return f"PlatformException({code}, {message}, null, null)"


def run(body: str, status: int | None = None) -> tuple[str, str, str]:
    r = classify(status, body, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize(("body", "expected"), [
    # golang.org/x/oauth2 transport.go and google/google.go.
    ('Get "https://api.example.com/v1/me": oauth2: Transport\'s Source is nil',
     ("invalid_client", "credentials_not_configured", FIX)),
    ("oauth2/google: can't get a token from the metadata service; not running on GCE",
     ("invalid_client", "credentials_not_configured", FIX)),
    # Authlib's client integrations (base_client/errors.py: str() is "<error>: <description>").
    (AUTHLIB_CLIENT + "MissingTokenError: missing_token: ", ("invalid_request", "ambiguous", FIX)),
    (PY_TRACE + AUTHLIB_CLIENT + "MissingTokenError: missing_token: \n", ("invalid_request", "ambiguous", FIX)),
    ("missing_token: ", ("invalid_request", "ambiguous", FIX)),
    (AUTHLIB_CLIENT + "InvalidTokenError: token_invalid: ", ("invalid_token", "refresh_token_missing", FIX)),
    ("token_invalid: ", ("invalid_token", "refresh_token_missing", FIX)),
    (AUTHLIB_CLIENT + "UnsupportedTokenTypeError: unsupported_token_type: Unsupported token_type: 'mac'",
     ("invalid_request", "wrong_token_type", FIX)),
    (AUTHLIB_CLIENT + 'OAuthError: oauth_error: Missing "state" parameter',
     ("invalid_request", "state_or_session_lost", FIX)),
    (AUTHLIB_CLIENT + 'OAuthError: oauth_error: Invalid "state" parameter',
     ("invalid_request", "state_or_session_lost", FIX)),
    # Authlib JOSE claims (jose/errors.py, jose/rfc7519/claims.py, oidc/core/claims.py, jose/rfc7515/jws.py).
    (AUTHLIB_JOSE + "InvalidClaimError: invalid_claim: Invalid claim 'iss'",
     ("invalid_token", "token_from_other_issuer", FIX)),
    (AUTHLIB_JOSE + "InvalidClaimError: invalid_claim: Invalid claim 'aud'",
     ("invalid_token", "token_for_wrong_audience", FIX)),
    (AUTHLIB_JOSE + "InvalidClaimError: invalid_claim: Invalid claim 'azp'",
     ("invalid_token", "token_for_other_client", FIX)),
    (AUTHLIB_JOSE + "MissingClaimError: missing_claim: Missing 'azp' claim",
     ("invalid_token", "token_for_other_client", FIX)),
    (AUTHLIB_JOSE + "BadSignatureError: bad_signature: ", ("invalid_token", "token_signature_invalid", FIX)),
    ("bad_signature: ", ("invalid_token", "token_signature_invalid", FIX)),
    (AUTHLIB_JOSE + "UnsupportedAlgorithmError: unsupported_algorithm: ",
     ("invalid_token", "token_misconfigured", FIX)),
    # Ruby oauth2 gem (lib/oauth2/access_token.rb; OAuth2::Error#message is "<error>: \n<body>").
    ('OAuth2::Error: A refresh_token is not available: \n{error: "A refresh_token is not available"}',
     ("invalid_token", "refresh_token_missing", FIX)),
    ('OAuth2::Error: OAuth2::AccessToken has no token: Options are: {"token_type" => "bearer"}\n'
     '{error: "OAuth2::AccessToken has no token", error_description: "Options are: {\\"token_type\\" => '
     '\\"bearer\\"}"}', NO_ACCESS_TOKEN),
    # league/oauth2-client.
    ('InvalidArgumentException: Required option not passed: "access_token"', NO_ACCESS_TOKEN),
    ("PHP Fatal error:  Uncaught UnexpectedValueException: Invalid response received from Authorization Server. "
     "Expected JSON. in /var/www/vendor/league/oauth2-client/src/Provider/AbstractProvider.php:649", HTML_PAGE),
    ("InvalidArgumentException: Required options not defined: urlAuthorize, urlAccessToken, urlResourceOwnerDetails",
     ("invalid_request", "client_registration_incomplete", FIX)),
    # IdentityModel.OidcClient (ResponseProcessor.cs) and IdentityModel's discovery policy.
    (OIDC_LOG + "Error redeeming code: Unauthorized / no description",
     ("invalid_client", "bad_client_credentials", FIX)),
    ("Error validating token response: Identity token is missing on token response.",
     ("unknown", "token_response_without_id_token", FIX)),
    ("Error validating token response: Access token is missing on token response.", NO_ACCESS_TOKEN),
    ("Error validating token response: invalid_signature", ("invalid_token", "token_signature_invalid", FIX)),
    ("Error validating token response: at_hash is missing.", ("invalid_token", "token_misconfigured", FIX)),
    ("System.InvalidOperationException: No IIdentityTokenValidator is configured. Either explicitly set a validator "
     "on the options, or set OidcClientOptions.Policy.RequireIdentityTokenSignature to false to skip validation.",
     ("invalid_request", "id_token_validator_missing", FIX)),
    (DOTNET + "Issuer name does not match authority: https://login.microsoftonline.com/{tenantid}/v2.0", AUTHORITY),
    (OIDC_LOG + "Error loading discovery document: PolicyViolation - Endpoint is on a different host than "
     "authority: https://graph.microsoft.com/oidc/userinfo",
     ("invalid_request", "discovery_policy_rejects_endpoint", FIX)),
    (DOTNET + "Invalid base address for endpoint https://idp.example.com/tenant2/connect/token. Valid base "
     "addresses: https://idp.example.com/tenant1.", ("invalid_request", "discovery_policy_rejects_endpoint", FIX)),
    (DOTNET + "Error connecting to http://identity:5000/.well-known/openid-configuration. HTTPS required.", INSECURE),
    (DOTNET + "Endpoint does not use HTTPS: http://idp.example.com/connect/token", INSECURE),
    (DOTNET + "Error connecting to https://idp.example.com/realms/demo/.well-known/openid-configuration: Not Found",
     AUTHORITY),
    # ScribeJava.
    (SCRIBE + "Response body is incorrect. Can't extract a 'access_token' from this: '<html><body>Sign in</body>"
     "</html>'", NO_ACCESS_TOKEN),
    (SCRIBE + "Response body is incorrect. Can't extract a token from an empty string", NO_ACCESS_TOKEN),
    (SCRIBE + "The IP address of a host could not be determined.", NETWORK),
    # oauth2-rs (thiserror Display of RequestTokenError::Other and ConfigurationError).
    (RUST_ERR + 'unexpected response Content-Type: "text/html; charset=utf-8", should be `application/json`',
     HTML_PAGE),
    ("Scheme for token endpoint URL must be HTTPS", INSECURE),
    ("No revocation endpoint URL specified", ("invalid_request", "client_registration_incomplete", FIX)),
    # react-native-app-auth and flutter_appauth on Android.
    ('{"code":"browser_not_found","message":"No Activity found to handle Intent { act=android.intent.action.VIEW '
     'dat=https://idp.example.com/... }"}', ("invalid_request", "browser_unavailable", FIX)),
    (flutter("no_browser_available", "Failed to authorize: No suitable browser is available"),
     ("invalid_request", "browser_unavailable", FIX)),
    ("[Error: Failed to fetch configuration]", ("invalid_request", "ambiguous", FIX)),
    (flutter("discovery_failed", "Error retrieving discovery document: [error: null, description: Network error]"),
     ("invalid_request", "ambiguous", FIX)),
    (flutter("token_failed", "Failed to get token: [error: null, description: Network error]"), NETWORK),
    (flutter("authorize_and_exchange_code_failed", "Failed to authorize: [error: null, description: Network error]"),
     NETWORK),
    ("Caused by: net.openid.appauth.IdToken$IdTokenException: Issuer must be an https URL",
     ("invalid_token", "insecure_transport", FIX)),
])
def test_library_messages(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


@pytest.mark.parametrize(("body", "causes", "decisions"), [
    (AUTHLIB_CLIENT + "MissingTokenError: missing_token: ", ["access_token_missing", "login_required"],
     [FIX, "reauth"]),
    (AUTHLIB_CLIENT + "InvalidTokenError: token_invalid: ", ["refresh_token_missing", "client_registration_incomplete"],
     [FIX, FIX]),
    ("Error redeeming code: Unauthorized / no description",
     ["bad_client_credentials", "wrong_client_auth_method", "client_authentication_missing"], [FIX, FIX, FIX]),
    ("[Error: Failed to fetch configuration]", ["authority_misconfigured", "network_error"], [FIX, "retry"]),
    ("UnexpectedValueException: Invalid response received from Authorization Server. Expected JSON.",
     ["wrong_endpoint_url", "proxy_or_gateway_page", "idp_error_page"], [FIX, FIX, "retry"]),
    (RUST_ERR + 'unexpected response Content-Type: "text/html", should be `application/json`',
     ["wrong_endpoint_url", "proxy_or_gateway_page"], [FIX, FIX]),
])
def test_one_message_with_several_causes_lists_them(body: str, causes: list[str], decisions: list[str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert [c.cause for c in r.candidates] == causes
    assert [c.decision for c in r.candidates] == decisions


def test_hints_name_the_librarys_own_setting() -> None:
    cases = {
        DOTNET + "Endpoint is on a different host than authority: https://graph.microsoft.com/oidc/userinfo":
            "AdditionalEndpointBaseAddresses",
        DOTNET + "Error connecting to http://identity:5000/.well-known/openid-configuration. HTTPS required.":
            "RequireHttps",
        DOTNET + "Issuer name does not match authority: https://login.microsoftonline.com/{tenantid}/v2.0":
            "ValidateIssuerName",
        AUTHLIB_CLIENT + "UnsupportedTokenTypeError: unsupported_token_type: Unsupported token_type: 'mac'":
            "compliance fix",
    }
    for body, setting in cases.items():
        r = classify(None, body, rulebook=BOOK)
        assert any(setting in h for h in r.hints), (body, r.hints)
    r = classify(None, "Caused by: net.openid.appauth.IdToken$IdTokenException: Issuer must be an https URL",
                 rulebook=BOOK)
    assert "dangerouslyAllowInsecureHttpRequests" in r.summary and "allowInsecureConnections" in r.summary


@pytest.mark.parametrize(("body", "expected"), [
    # An RFC error code the library passes on decides, not the library's wrapper.
    (SCRIBE + "Response body is incorrect. Can't extract a 'access_token' from this: '{\"error\":\"invalid_grant\","
     "\"error_description\":\"Code not valid\"}'", ("invalid_grant", "auth_code_invalid_or_reused", "reauth")),
    ("Error redeeming code: invalid_client / no description", ("invalid_client", "bad_client_credentials", FIX)),
    (flutter("token_failed", "Failed to get token: [error: invalid_grant, description: Token is not active]"),
     ("invalid_grant", "ambiguous", "reauth")),
    # Neighbours in the same libraries keep the rules they had.
    ("Invalid state.", ("invalid_request", "state_or_session_lost", FIX)),
    (AUTHLIB_CLIENT + "MismatchingStateError: mismatching_state: CSRF Warning! State not equal in request and "
     "response.", ("invalid_request", "state_or_session_lost", FIX)),
    ("oauthlib.oauth2.rfc6749.errors.MissingTokenError: (missing_token) Missing access token parameter.",
     NO_ACCESS_TOKEN),
    (AUTHLIB_JOSE + "ExpiredTokenError: expired_token: The token is expired",
     ("invalid_token", "access_token_expired", "retry")),
    (AUTHLIB_JOSE + "InvalidTokenError: invalid_token: The token is not valid yet",
     ("invalid_token", "clock_skew", FIX)),
    ("oauth2: token expired and refresh token is not set", ("invalid_grant", "refresh_token_missing", FIX)),
    # Go's 2xx body that is not JSON keeps the HTML-where-JSON family's three candidates.
    ("oauth2: cannot parse json: invalid character '<' looking for beginning of value", HTML_PAGE),
    ("Caused by: net.openid.appauth.IdToken$IdTokenException: Issuer mismatch",
     ("invalid_token", "token_from_other_issuer", FIX)),
    ("service_configuration_fetch_error: Non-200 HTTP response (404) fetching discovery document "
     "'https://idp.example.com/.well-known/openid-configuration'.", AUTHORITY),
])
def test_an_rfc_code_or_an_older_rule_still_decides(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


@pytest.mark.parametrize("body", [
    "The token endpoint must use HTTPS in production.",  # advice, not oauth2-rs's sentence
    "We could not parse the response from the server.",
    "The browser was not found in the list of supported browsers.",
    "Invalid claim in the form: 'name' is required.",
    "missing_token_type",  # oauthlib's own code, not Authlib's
    "A refresh token is available for this account.",
    "Failed to fetch the configuration file from disk.",
])
def test_ordinary_sentences_stay_out(body: str) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert not any(repo in ref for ref in r.references for repo in REPOS), (body, r.references)


@pytest.mark.parametrize(("body", "expected"), [
    ("ServerResponse(StandardErrorResponse { error: InvalidGrant, error_description: None, error_uri: None })",
     ("invalid_grant", "ambiguous", "reauth")),
    ('ServerResponse(StandardErrorResponse { error: InvalidClient, error_description: Some("bad secret"), '
     "error_uri: None })", ("invalid_client", "bad_client_credentials", "fix_config")),
    ("ServerResponse(StandardErrorResponse { error: SlowDown, error_description: None, error_uri: None })",
     ("slow_down", "device_polling_too_fast", "retry")),
])
def test_oauth2_rs_debug_prints_the_code_as_an_enum_variant(body: str, expected: tuple[str, str, str]) -> None:
    """oauth2-rs's BasicErrorResponseType / DeviceCodeErrorResponseType Debug-print ``InvalidGrant``: the code
    RFC 6749 5.2 (RFC 8628 3.5) names, not an unknown one."""
    assert run(body) == expected


def test_an_unspaced_lower_case_code_is_not_a_standard_one() -> None:
    assert run('{"error": "invalidgrant"}')[0] == "unknown"
