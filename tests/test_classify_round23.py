"""Round twenty-three (issue #16): readings of software without a profile, each from its own source (token
validators, self-hosted apps, tools that hold OAuth connections, client libraries), SDK texts read into their
providers' profiles, and the baseline rules that step aside for them. The bodies are written for these tests in the
shape of each source's message, except the two rows marked as coming from the development halves (their bodies are
those cases' own)."""

from __future__ import annotations

import pytest
from classify_answers import answer

OWN_WORDS = [
    # token validators: Microsoft.IdentityModel, java-jwt, jjwt, PyJWT, python-jose, jwcrypto, golang-jwt, google-auth
    ("IDX10224: Lifetime validation failed. The NotBefore (UTC): '1/2/2026 10:00:00 AM' is after Expires (UTC): "
     "'1/2/2026 9:00:00 AM'.",
     ('invalid_token', 'token_misconfigured', 'fix_config')),
    ('IDX10225: Lifetime validation failed. The token is missing an Expiration Time. Tokentype: '
     "'System.IdentityModel.Tokens.Jwt.JwtSecurityToken'.",
     ('invalid_token', 'required_claim_missing', 'fix_config')),
    ("IDX10609: Decryption failed. No Keys tried: token: '[PII of type 'System.String' is hidden]'.",
     ('invalid_token', 'token_decryption_key_missing', 'fix_config')),
    ("com.auth0.jwt.exceptions.IncorrectClaimException: The Token can't be used before 2026-12-06T10:00:00Z.",
     ('invalid_token', 'clock_skew', 'fix_config')),
    ("com.auth0.jwt.exceptions.MissingClaimException: The Claim 'iss' is not present in the JWT.",
     ('invalid_token', 'required_claim_missing', 'fix_config')),
    ('com.auth0.jwt.exceptions.JWTDecodeException: The token was expected to have 3 parts, but got 1.',
     ('invalid_token', 'access_token_malformed', 'fix_config')),
    ('io.jsonwebtoken.IncorrectClaimException: Expected aud claim to be: api://orders, but was: api://billing.',
     ('invalid_token', 'token_for_wrong_audience', 'fix_config')),
    ('io.jsonwebtoken.security.SignatureException: Cannot verify JWS signature: unable to locate signature '
     'verification key for JWS with header: {alg=RS256, kid=abc}',
     ('invalid_token', 'token_signature_invalid', 'fix_config')),
    ('jwt.exceptions.MissingRequiredClaimError: Token is missing the "exp" claim',
     ('invalid_token', 'required_claim_missing', 'fix_config')),
    ('jose.exceptions.JWTClaimsError: Invalid subject',
     ('invalid_token', 'token_subject_mismatch', 'fix_config')),
    ('jwcrypto.jwt.JWTExpired: Expired at 1700000000, time: 1700000500(leeway: 60)',
     ('invalid_token', 'access_token_expired', 'retry')),
    ('jwcrypto.jwt.JWTNotYetValid: Valid from 1700000500, time: 1700000000(leeway: 60)',
     ('invalid_token', 'clock_skew', 'fix_config')),
    ("Invalid 'iss' value. Expected 'https://id.example.com' got 'https://other.example.com'",
     ('invalid_token', 'token_from_other_issuer', 'fix_config')),
    ('token has invalid claims: token has invalid subject',
     ('invalid_token', 'token_subject_mismatch', 'fix_config')),
    ('token is unverifiable: keyfunc returned empty verification key set',
     ('invalid_token', 'jwks_invalid', 'fix_config')),
    ("ValueError: Wrong number of segments in token: b'ya29.a0AfB'",
     ('invalid_token', 'access_token_malformed', 'fix_config')),
    # self-hosted apps: Vaultwarden, Immich, Headscale, SonarQube, Harbor, OpenSearch, Rancher, Jenkins
    ('Cannot retrieve sso_auth for 7f3c',
     ('invalid_request', 'login_attempt_expired', 'reauth')),
    ('Existing SSO user with same email',
     ('access_denied', 'account_linked_to_other_user', 'fix_config')),
    ('OAuth profile does not have an email address',
     ('access_denied', 'required_claim_missing', 'fix_config')),
    ('Algorithm mismatch. Make sure the signing algorithm is set correctly in the OAuth settings (or use RS256)',
     ('invalid_token', 'id_token_alg_mismatch', 'fix_config')),
    ('Jun 01 12:00:00 headscale: user msg: login session expired, try again',
     ('invalid_request', 'login_attempt_expired', 'reauth')),
    ("'alice' users are not allowed to sign up",
     ('access_denied', 'signups_disabled', 'fix_config')),
    ("Cookie 'OAUTHSTATE' is missing",
     ('invalid_request', 'state_or_session_lost', 'fix_config')),
    # tools that hold connections: n8n, Power Automate, PyDrive2, gspread
    ('The credential "Google Sheets account" needs to be reconnected.',
     ('invalid_grant', 'refresh_token_expired_or_revoked', 'reauth')),
    ('OAuth credentials not connected',
     ('interaction_required', 'connection_not_completed_yet', 'reauth')),
    ("The service principal for resource 'https://graph.microsoft.com' is disabled.",
     ('access_denied', 'resource_app_disabled', 'fix_config')),
    ('The OAuth callback state is invalid!',
     ('invalid_request', 'ambiguous', 'reauth')),
    ('pydrive2.auth.RefreshError: No refresh_token found.Please set access_type of OAuth to offline.',
     ('invalid_request', 'refresh_token_missing', 'fix_config')),
    ('gspread.exceptions.SpreadsheetNotFound: <Response [404]>',
     ('access_denied', 'ambiguous', 'fix_config')),
    # client libraries: angular-oauth2-oidc, Ktor, Dart oauth2, Ueberauth, nodemailer, tweepy
    ("OAuthErrorEvent {type: 'popup_closed', reason: null, params: null}",
     ('access_denied', 'user_cancelled_sign_in', 'reauth')),
    ('Wrong nonce: abc123',
     ('invalid_request', 'nonce_mismatch', 'fix_config')),
    ('OAuth2 server response is OK neither error nor access token provided',
     ('invalid_request', 'token_response_without_access_token', 'fix_config')),
    ("Can't refresh credentials without a refresh token.",
     ('invalid_grant', 'refresh_token_missing', 'reauth')),
    ("Bad state: OAuth credentials have expired and can't be refreshed.",
     ('invalid_token', 'ambiguous', 'reauth')),
    ("Query string does not contain field 'code'",
     ('invalid_request', 'ambiguous', 'reauth')),
    ('Error: Missing credentials for "XOAUTH2"',
     ('invalid_request', 'credentials_not_configured', 'fix_config')),
    ("Error: Can't create new access token for user",
     ('invalid_request', 'credentials_not_configured', 'fix_config')),
    ('Forbidden: 403 Forbidden\n89 - Invalid or expired token.',
     ('invalid_token', 'ambiguous', 'reauth')),
    ('unable to recover username for auto onboard, username claim: preferred_username',
     ('access_denied', 'required_claim_missing', 'fix_config')),
    ("Failed to get roles from JWT claims with roles_key 'roles'. Check if this key is correct and available in "
     'the JWT payload.',
     ('access_denied', 'required_claim_missing', 'fix_config')),
    ('ACR claim invalid or not found in token: (acr=)',
     ('invalid_token', 'required_claim_missing', 'fix_config')),
    ('Jenkins root url must not be null',
     ('invalid_request', 'instance_url_not_configured', 'fix_config')),
]


@pytest.mark.parametrize(("body", "expected"), OWN_WORDS)
def test_software_read_in_its_own_source(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_a_jwt_signing_certificate_that_expired_is_not_a_client_secret() -> None:
    idx = ("IDX10249: X509SecurityKey validation failed. The associated certificate has expired. "
           "ValidTo (UTC): '1/1/2026 12:00:00 AM', Current time (UTC): '2/1/2026 12:00:00 AM'.")
    assert answer(None, idx) == ("invalid_token", "signing_certificate_expired", "fix_config")
    assert answer(401, "invalid_client: The client secret key has expired")[1] == "client_secret_expired"


def test_a_flow_named_with_pkce_is_not_a_verifier_the_server_refused() -> None:
    tweepy = ("tweepy.errors.TweepyException: Access Token must be provided for OAuth 2.0 Authorization Code Flow "
              "with PKCE")
    assert answer(None, tweepy) == ("invalid_request", "access_token_missing", "fix_config")
    assert answer(400, "Authorization Code Flow with PKCE: code_verifier does not match")[1] == "pkce_verifier_mismatch"


def test_an_error_code_named_in_brackets_is_not_an_authorization_code() -> None:
    sf = ("SalesforceAuthenticationFailed: INVALID AUTH: Authentication failed (code: INVALID AUTH): You must submit "
          "either a security token or organizationId for authentication")
    assert answer(None, sf) == ("invalid_request", "credentials_not_configured", "fix_config")
    login = ("Authentication failed (code: INVALID_LOGIN): INVALID_LOGIN: Invalid username, password, security token; "
             "or user locked out.")
    assert answer(None, login)[1] == "resource_owner_credentials_invalid"
    assert answer(400, "The code is invalid") == ("invalid_grant", "auth_code_invalid_or_reused", "reauth")


def test_a_status_bound_page_is_read_only_with_its_status() -> None:
    # the Jellyfin SSO plugin's 401 page; the same two words without the status are not its page
    assert answer(401, "Error. Check permissions.") == ("access_denied", "access_policy_denied", "fix_config")
    assert answer(None, "Error. Check permissions.")[1] != "access_policy_denied"


SDKS_AND_GATEWAYS = [
    # MSAL.js's own codes, lua-resty-openidc, NGINX's OIDC reference, Go's idtoken, yup-oauth2, gcp_auth, Assent
    (None, 'BrowserAuthError: crypto_nonexistent: The crypto object or function is not available.', None,
     ('invalid_request', 'browser_crypto_unavailable', 'fix_config')),
    (None, 'BrowserConfigurationAuthError: storage_not_supported: Given storage configuration option was not '
     'supported.', None,
     ('invalid_request', 'cache_location_unsupported', 'fix_config')),
    (None, 'ClientConfigurationError: invalid_prompt_value: Please see here for valid configuration options: '
     'https://learn.microsoft.com/', None,
     ('invalid_request', 'prompt_value_invalid', 'fix_config')),
    (None, "lua-resty-openidc: request to the redirect_uri path but there's no session state found", None,
     ('invalid_request', 'state_or_session_lost', 'fix_config')),
    (None, 'authenticate(): state from argument: abc does not match state restored from session: def', None,
     ('invalid_request', 'state_or_session_lost', 'fix_config')),
    (None, 'openidc.lua: iss from argument: https://a.example does not match expected issuer: https://b.example', None,
     ('invalid_request', 'authorization_response_issuer_mismatch', 'fix_config')),
    (None, 'OIDC ID Token validation error: missing claim(s) nonce', None,
     ('invalid_token', 'required_claim_missing', 'fix_config')),
    (None, 'idtoken: audience provided does not match aud claim in the JWT', None,
     ('invalid_token', 'token_for_wrong_audience', 'fix_config')),
    (None, 'Server error: invalid_grant: Token has been expired or revoked.', None,  # Google's wording: its causes
     ('invalid_grant', 'ambiguous', 'reauth')),
    (None, 'Error: failed to run `gcloud`: No such file or directory (os error 2)', None,
     ('invalid_client', 'credentials_not_configured', 'fix_config')),
    (None, 'Missing `sub` in ID Token claims', None,
     ('invalid_token', 'required_claim_missing', 'fix_config')),
    # JavaScript sign-in libraries: better-auth, remix-auth, Lucia, nuxt-auth-utils
    (None, 'https://app.example.com/api/auth/error?error=state_invalid', None,
     ('invalid_request', 'cookie_secret_changed', 'fix_config')),
    (None, 'Error: Missing state on cookie.', None,
     ('invalid_request', 'state_or_session_lost', 'fix_config')),
    (None, 'AUTH_INVALID_PASSWORD', None,
     ('invalid_grant', 'resource_owner_credentials_invalid', 'reauth')),
    (None, 'Missing NUXT_OAUTH_GITHUB_CLIENT_ID or NUXT_OAUTH_GITHUB_CLIENT_SECRET env variables.', None,
     ('invalid_client', 'credentials_not_configured', 'fix_config')),
    # SDKs read into their provider's profile: Google's client libraries, Auth0's SDKs, keycloak-js and Keycloak's
    # event log, okta-auth-js
    (None, 'The incoming JSON object does not contain a client_email field', 'google',
     ('invalid_client', 'credentials_file_wrong_type', 'fix_config')),
    (None, 'Token not verified as issued by Google', 'google',
     ('invalid_token', 'token_signature_invalid', 'fix_config')),
    (None, 'Popup was blocked by browser. Enable popups for this site', 'auth0',
     ('invalid_request', 'popup_blocked', 'fix_config')),
    (None, 'The minTTL requested (3600s) is greater than the lifetime of the renewed access token. Request a lower '
     "minTTL or increase the 'Token Expiration' value in the settings page of your Auth0 API.", 'auth0',
     ('invalid_request', 'min_ttl_exceeds_token_lifetime', 'fix_config')),
    (None, "a 'Keycloak' instance can only be initialized once", 'keycloak',
     ('invalid_request', 'init_called_twice', 'fix_config')),
    (None, 'type=REFRESH_TOKEN_ERROR, realmId=demo, clientId=app, userId=null, ipAddress=10.0.0.1, '
     "error=invalid_token, reason='Maximum allowed refresh token reuse exceeded'", 'keycloak',
     ('invalid_grant', 'refresh_token_reused_after_rotation', 'reauth')),
    (400, '{"error":"unauthorized_client",'
     '"error_description":"Client not allowed OAuth 2.0 Device Authorization Grant"}', 'keycloak',
     ('unauthorized_client', 'grant_type_not_enabled_for_client', 'fix_config')),
    (None, 'AuthSdkError: State in redirect uri does not match with transaction state', 'okta',
     ('invalid_request', 'state_or_session_lost', 'fix_config')),
    # Microsoft's scripting tools, SmallRye JWT, ASWebAuthenticationSession
    (None, 'Authentication needed. Please call Connect-MgGraph.', None,
     ('interaction_required', 'login_required', 'reauth')),
    (None, 'SRJWT07009: The Expiration Time (exp=1893456000) claim value cannot be more than 300 seconds in the '
     'future', None,
     ('invalid_token', 'token_lifetime_too_long', 'fix_config')),
    (None, 'Error Domain=com.apple.AuthenticationServices.WebAuthenticationSession Code=2 "Cannot start '
     'ASWebAuthenticationSession without providing presentation context."', None,
     ('invalid_request', 'presentation_context_provider_missing', 'fix_config')),
    (None, 'No subscription found in the context.  Please ensure that the credentials you provided are authorized '
     'to access an Azure subscription, then run Connect-AzAccount to login.', None,
     ('insufficient_scope', 'missing_permission', 'fix_config')),
    (None, "User 'alice@example.com' does not exist in MSAL token cache. Run `az login`.", None,
     ('interaction_required', 'login_required', 'reauth')),
    # from the development halves: NetSuite's SOAP fault (token-based authentication), an OAuth code in words
    (None, 'zeep.exceptions.Fault: Invalid login attempt.', None,
     ('invalid_client', 'ambiguous', 'fix_config')),
    (None, 'Error fetching access token. Invalid oauth code? Please generate a new one.', None,
     ('invalid_grant', 'auth_code_invalid_or_reused', 'reauth')),
    # Node and Python web sign-in libraries, Flutter plugins, infrastructure-as-code tools
    (None, 'Error: `Grant: mount session middleware first `', None,
     ('invalid_request', 'state_or_session_lost', 'fix_config')),
    (422, '{"detail":[{"type":"string_pattern_mismatch","loc":["body","grant_type"],'
     '"msg":"String should match pattern \'^password$\'","input":"client_credentials"}]}', None,
     ('unsupported_grant_type', 'grant_type_not_supported', 'fix_config')),
    (None, 'Please reauthenticate to access this page.', None,
     ('interaction_required', 'recent_login_required', 'reauth')),
    (None, 'PlatformException(sign_in_required, No account to grant scopes., null, null)', None,
     ('interaction_required', 'login_required', 'reauth')),
    (None, 'error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions', None,
     ('invalid_request', 'credentials_not_configured', 'fix_config')),
    # JWT libraries in Rust, Go, PHP, Java and Elixir; AD FS
    (None, 'Error(ImmatureSignature)', None, ('invalid_token', 'clock_skew', 'fix_config')),
    (None, '"exp" not satisfied', None, ('invalid_token', 'access_token_expired', 'retry')),
    (None, 'Cannot handle token with nbf prior to 2026-12-06T10:00:00+0000', None,
     ('invalid_token', 'clock_skew', 'fix_config')),
    (None, 'Lcobucci\\JWT\\Validation\\RequiredConstraintsViolated: The token violates some mandatory constraints, '
     'details:\n- The token is not allowed to be used by this audience', None,
     ('invalid_token', 'token_for_wrong_audience', 'fix_config')),
    (None, 'Token has expired and can no longer be refreshed', None,
     ('invalid_grant', 'refresh_token_expired', 'reauth')),
    (None, 'org.jose4j.jwt.consumer.InvalidJwtException: JWT (claims->{"sub":"a"}) rejected due to invalid claims or '
     'other invalid content. Additional details: [[1] The JWT is no longer valid - the evaluation time '
     'NumericDate{1700000500} is on or after the Expiration Time (exp=NumericDate{1700000000}) claim value.]', None,
     ('invalid_token', 'access_token_expired', 'retry')),
    (None, '{:invalid_token, :invalid_issuer}', None, ('invalid_token', 'token_from_other_issuer', 'fix_config')),
    (None, "MSIS9368: Received invalid OAuth request. The client 'abc' is forbidden to access the resource "
     "'urn:microsoft:userinfo' with scope 'ugs'.", None,
     ('unauthorized_client', 'scope_not_allowed', 'fix_config')),
]


@pytest.mark.parametrize(("status", "body", "provider", "expected"), SDKS_AND_GATEWAYS)
def test_sdks_and_gateways_read_in_their_own_source(
        status: int | None, body: str, provider: str | None, expected: tuple[str, str, str]) -> None:
    assert answer(status, body, provider) == expected
