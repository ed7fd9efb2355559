"""General-purpose OAuth and OIDC client libraries in the phrase layer, round four: what golang.org/x/oauth2 and
go-oidc, oauth2-rs and openidconnect-rs, Laravel Socialite, league/oauth2-client, requests-oauthlib and oauthlib,
Ueberauth and Assent, and Micronaut Security print on their own.

Users paste the library's line, not the provider's body. Every text below is built the way the library's code
builds it (Go's wrapped error chain, a Rust error's Display or Debug form, a PHP or Python exception line, Elixir's
``inspect`` of an error struct; the pinned ``source`` of each rule in ``providers/generic.yaml`` says where). None is
taken from a reported case. The last tests check that a server's error code in the same paste still decides, that
neighbouring messages keep the rules they had, and that ordinary sentences stay out.
"""

from __future__ import annotations

import pytest
from phrase_blocks import answer

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIX = "fix_config"
AUTHORITY = ("invalid_request", "authority_misconfigured", FIX)
ALG = ("invalid_token", "token_misconfigured", FIX)
STATE_LOST = ("invalid_request", "state_or_session_lost", FIX)
NONCE = ("invalid_request", "nonce_mismatch", FIX)
OTHER_CLIENT = ("invalid_token", "token_for_other_client", FIX)
REGISTRATION = ("invalid_request", "client_registration_incomplete", FIX)

REPOS = ("golang/oauth2", "coreos/go-oidc", "ramosbugs/oauth2-rs", "ramosbugs/openidconnect-rs", "laravel/socialite",
         "thephpleague/oauth2-client", "requests/requests-oauthlib", "ueberauth/ueberauth", "pow-auth/assent",
         "micronaut-projects/micronaut-security")

GO_VERIFY = "failed to verify ID token: "
RUST = "Error: "
PY_TRACE = ('Traceback (most recent call last):\n  File "/srv/app/views.py", line 42, in callback\n'
            '    token = oauth.fetch_token(TOKEN_URL, authorization_response=request.url)\n')
PHP = "PHP Fatal error:  Uncaught "
ELIXIR = "[error] Assent callback failed: "


def inspect_error(key: str, message: str) -> str:
    """How Elixir's ``inspect`` prints Ueberauth's failure error struct."""
    return f'%Ueberauth.Failure.Error{{message: "{message}", message_key: "{key}"}}'


def run(body: str, status: int | None = None) -> tuple[str, str, str]:
    return answer(status, body)


@pytest.mark.parametrize(("body", "expected"), [
    # golang.org/x/oauth2: deviceauth.go, jwt/jwt.go, internal/oauth2.go.
    ("endpoint missing DeviceAuthURL", REGISTRATION),
    ("oauth2: response doesn't have JWT token", ("unknown", "token_response_without_id_token", FIX)),
    ("google: could not parse key: private key should be a PEM or plain PKCS1 or PKCS8; parse error: asn1: "
     "structure error: tags don't match", ("invalid_client", "credentials_not_configured", FIX)),
    ("oauth2: cannot fetch token: unexpected EOF", ("temporarily_unavailable", "network_error", "retry")),
    ("oauth2: cannot fetch token: read tcp 10.0.0.5:53122->142.250.74.10:443: read: connection reset by peer",
     ("temporarily_unavailable", "network_error", "retry")),
    # go-oidc (verify.go, oidc.go, jwks.go) with go-jose's algorithm check, with and without its old prefix.
    (GO_VERIFY + 'oidc: malformed jwt: go-jose/go-jose: unexpected signature algorithm "HS256"; expected ["RS256"]',
     ALG),
    ('oidc: malformed jwt: unexpected signature algorithm "HS256"; expected ["RS256" "ES256"]', ALG),
    ('oidc: issuer did not match the issuer returned by provider, expected "https://auth.example.com/realms/app/" '
     'got "https://auth.example.com/realms/app"', AUTHORITY),
    ("oidc: invalid configuration, clientID must be provided or SkipClientIDCheck must be set", REGISTRATION),
    ("failed to verify signature: fetching keys oidc: failed to decode keys: invalid character '<' looking for "
     "beginning of value <html><body>Sign in</body></html>", ("invalid_token", "jwks_invalid", FIX)),
    ('oidc: failed to decode provider discovery object: expected Content-Type = application/json, got '
     '"text/html; charset=utf-8": invalid character \'<\' looking for beginning of value', AUTHORITY),
    ("id token did not have an access token hash", ALG),
    ("access token hash does not match value in ID token", ALG),
    # oauth2-rs (thiserror Display of RequestTokenError::Other and ::Parse).
    (RUST + "Other error: server returned empty response body",
     ("unknown", "token_response_without_access_token", FIX)),
    # openidconnect-rs (ClaimsVerificationError, SignatureVerificationError, DiscoveryError).
    ("Signature verification failed: Disallowed signature algorithm: algorithm `HS256` is not one of: RS256, ES256",
     ALG),
    ('SignatureVerification(DisallowedAlg("algorithm `HS256` is not one of: RS256"))', ALG),
    ('SignatureVerification(Other("symmetric signatures are disallowed for public clients"))', ALG),
    ("Signature verification failed: Ambiguous key identification: JWK set must only contain one eligible public key, "
     "but found 2 eligible keys: null ID (RSA), null ID (RSA)", ("invalid_token", "jwks_invalid", FIX)),
    ("Expired: ID token expired at 2026-12-05 10:00:00 UTC (current time is 2026-12-05 10:04:12 UTC)",
     ("invalid_token", "clock_skew", FIX)),
    ("Invalid nonce: missing nonce claim", ("invalid_token", "nonce_mismatch", FIX)),
    ("Validation error: unexpected issuer URI `https://idp.example.com/` (expected `https://idp.example.com`)",
     AUTHORITY),
    ("Server returned invalid response: HTTP status code 404 Not Found at "
     "https://idp.example.com/realms/.well-known/openid-configuration", AUTHORITY),
    ("Unsupported: unexpected or unsupported JWT type `at+jwt`", ("invalid_token", "wrong_token_type", FIX)),
    # Laravel Socialite (One/AbstractProvider.php, Two/FacebookProvider.php).
    (PHP + "Laravel\\Socialite\\One\\MissingTemporaryCredentialsException: Missing temporary OAuth credentials. in "
     "/var/www/vendor/laravel/socialite/src/One/AbstractProvider.php:132", STATE_LOST),
    ("Exception: Token has incorrect audience.", OTHER_CLIENT),
    ("Exception: Token has incorrect issuer.", ("invalid_token", "token_from_other_issuer", FIX)),
    # league/oauth2-client (RequiredParameterTrait, HttpBasicAuthOptionProvider).
    (PHP + 'BadMethodCallException: Required parameter not passed: "refresh_token"',
     ("invalid_grant", "refresh_token_missing", FIX)),
    ("InvalidArgumentException: clientId and clientSecret are required for http basic auth",
     ("invalid_client", "credentials_not_configured", FIX)),
    # requests-oauthlib and oauthlib (str() of OAuth2Error is "(<error>) <description>").
    (PY_TRACE + "oauthlib.oauth2.rfc6749.errors.TokenExpiredError: (token_expired) \n",
     ("invalid_token", "access_token_expired", "retry")),
    (PY_TRACE + "ValueError: Code verifier is not found, authorization URL must be generated before\n",
     ("invalid_request", "pkce_verifier_missing", FIX)),
    ("ValueError: Please supply either code or authorization_response parameters.",
     ("invalid_request", "missing_parameter", FIX)),
    ("ValueError: No token endpoint set for auto_refresh.", REGISTRATION),
    ("requests_oauthlib.oauth1_session.VerifierMissing: No client verifier has been set.",
     ("invalid_request", "missing_parameter", FIX)),
    # Ueberauth (strategy.ex) and Assent (assent.ex, strategies/oauth2.ex, strategies/oidc.ex).
    (inspect_error("csrf_attack", "Cross-Site Request Forgery attack"), STATE_LOST),
    (ELIXIR + '%Assent.CallbackCSRFError{key: "state"} CSRF detected with param key "state"', STATE_LOST),
    ("** (Assent.MissingConfigError) Expected :session_params in config, got: [:client_id, :client_secret, "
     ":redirect_uri, :base_url]", STATE_LOST),
    ("** (Assent.MissingConfigError) Expected :client_secret in config, got: [:client_id, :redirect_uri]",
     REGISTRATION),
    ('** (Assent.MissingParamError) Expected "code" in params, got: ["state"]',
     ("invalid_request", "missing_parameter", FIX)),
    ('`:client_id` not in audience ["web-staging"] in ID Token', OTHER_CLIENT),
    ('Invalid authorized party "mobile-app" in ID Token', OTHER_CLIENT),
    ('Untrusted audience(s) ["https://api.example.com"] in ID Token',
     ("invalid_token", "token_for_wrong_audience", FIX)),
    ('Expected `alg` in ID Token to be "RS256", got "HS256"', ALG),
    ("The ID Token was issued too long ago", ("invalid_token", "clock_skew", FIX)),
    ("Invalid `nonce` included in ID Token", NONCE),
    ("`nonce` is not included in ID Token", NONCE),
    ("`nonce` included in ID Token but doesn't exist in session params", NONCE),
    ("** (Assent.ServerUnreachableError) The server was unreachable.\n\nHTTP Adapter: Assent.HTTPAdapter.Finch\n"
     "Request URL: https://idp.example.com/oauth/token\n\nReason:\n%Mint.TransportError{reason: :nxdomain}",
     ("temporarily_unavailable", "network_error", "retry")),
    # Micronaut Security (DefaultStateValidator through the response handlers).
    ("State validation failed: Could not find the stored state", STATE_LOST),
    ("State validation failed: State comparison failed", STATE_LOST),
])
def test_library_messages(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


@pytest.mark.parametrize(("body", "causes", "decisions"), [
    ('failed to verify signature: fetching keys oidc: get keys failed Get "https://idp.internal/keys": dial tcp: '
     "lookup idp.internal: no such host", ["jwks_uri_unreachable", "idp_transient_outage"], [FIX, "retry"]),
    ("failed to verify signature: fetching keys oidc: get keys failed: 404 Not Found 404 page not found",
     ["jwks_uri_unreachable", "idp_transient_outage"], [FIX, "retry"]),
    (RUST + "Other error: server returned empty error response", ["bad_client_credentials", "wrong_endpoint_url"],
     [FIX, FIX]),
    (RUST + "Failed to parse server response", ["token_response_without_access_token", "wrong_endpoint_url"],
     [FIX, FIX]),
    ("Signature verification failed: No matching key found", ["jwks_invalid", "token_from_other_issuer"], [FIX, FIX]),
    ("SignatureVerification(NoMatchingKey)", ["jwks_invalid", "token_from_other_issuer"], [FIX, FIX]),
    ('No keys found for the `kid` value "2026-rotated" provided in ID Token',
     ["token_from_other_issuer", "jwks_invalid"], [FIX, FIX]),
    (PHP + "Laravel\\Socialite\\One\\MissingVerifierException: Invalid request. Missing OAuth verifier.",
     ["user_cancelled_sign_in", "redirect_page_opened_directly"], ["reauth", FIX]),
    ('BadMethodCallException: Required parameter not passed: "code"', ["user_denied_consent", "missing_parameter"],
     ["reauth", FIX]),
    (inspect_error("csrf_attack", "Cross-Site Request Forgery attack"),
     ["session_not_persisted", "concurrent_sign_in"], [FIX, "reauth"]),
    ("State validation failed: Provided state is null", ["session_not_persisted", "concurrent_sign_in"],
     [FIX, "reauth"]),
])
def test_one_message_with_several_causes_lists_them(body: str, causes: list[str], decisions: list[str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert [c.cause for c in r.candidates] == causes
    assert [c.decision for c in r.candidates] == decisions


def test_decisions_and_confidence_of_the_open_messages() -> None:
    same_decision = classify(None, RUST + "Failed to parse server response\n\nCaused by:\n    missing field "
                             "`token_type` at line 1 column 58", rulebook=BOOK)
    assert (same_decision.cause, same_decision.decision, same_decision.confidence) == ("ambiguous", FIX, "medium")
    user_or_route = classify(None, 'Required parameter not passed: "code"', rulebook=BOOK)
    assert (user_or_route.failure_class, user_or_route.decision) == ("invalid_request", "reauth")
    cancelled = classify(None, "Invalid request. Missing OAuth verifier.", rulebook=BOOK)
    assert (cancelled.failure_class, cancelled.decision) == ("access_denied", "reauth")


def test_hints_name_the_librarys_own_setting() -> None:
    cases = {
        'oidc: malformed jwt: unexpected signature algorithm "HS256"; expected ["RS256"]': "SupportedSigningAlgs",
        'oidc: issuer did not match the issuer returned by provider, expected "https://a/" got "https://a"':
            "InsecureIssuerURLContext",
        "oauthlib.oauth2.rfc6749.errors.TokenExpiredError: (token_expired) ": "auto_refresh_url",
        "ValueError: Code verifier is not found, authorization URL must be generated before": "code_verifier argument",
        "Disallowed signature algorithm: algorithm `HS256` is not one of: RS256": "set_allowed_algs",
        "Invalid nonce: missing nonce claim": "nonce verifier closure",
        'Expected `alg` in ID Token to be "RS256", got "HS256"': "id_token_signed_response_alg",
        "The ID Token was issued too long ago": "id_token_ttl_seconds",
        'Untrusted audience(s) ["api"] in ID Token': "trusted_audiences",
    }
    for body, setting in cases.items():
        r = classify(None, body, rulebook=BOOK)
        assert any(setting in h for h in r.hints), (body, r.hints)
    ueberauth = classify(None, inspect_error("csrf_attack", "Cross-Site Request Forgery attack"), rulebook=BOOK)
    assert any("state_param_cookie_same_site" in (c.hint or "") for c in ueberauth.candidates)


@pytest.mark.parametrize(("body", "expected"), [
    # A server's error code the library passes on decides, not the library's wrapper.
    ('oauth2: "invalid_client" "Client authentication failed"', ("invalid_client", "bad_client_credentials", FIX)),
    (RUST + "Server returned error response: invalid_client: Invalid client credentials",
     ("invalid_client", "bad_client_credentials", FIX)),
    ('token exchange failed: Failed to parse server response; body: {"error":"invalid_client",'
     '"error_description":"Bad client secret"}', ("invalid_client", "bad_client_credentials", FIX)),
    ('** (Assent.CallbackError) The user denied the request\n%Assent.CallbackError{error: "access_denied"}',
     ("access_denied", "user_denied_consent", "reauth")),
    # Neighbours in the same libraries keep the rules they had.
    # A 503 from the jwks_uri says itself what it is (the baseline's unavailable service).
    ("failed to verify signature: fetching keys oidc: get keys failed: 503 Service Unavailable upstream down",
     ("temporarily_unavailable", "token_service_unavailable", "retry")),
    ("oidc: malformed jwt, expected 3 parts got 1", ("invalid_token", "access_token_malformed", FIX)),
    ("oidc: malformed jwt payload: illegal base64 data at input byte 4",
     ("invalid_token", "access_token_malformed", FIX)),
    ('oidc: expected audience "web" got ["mobile"]', ("invalid_token", "token_for_wrong_audience", FIX)),
    ("oauth2: token expired and refresh token is not set", ("invalid_grant", "refresh_token_missing", FIX)),
    ('oauth2: cannot fetch token: 401 Unauthorized\nResponse: {"error":"invalid_client"}',
     ("invalid_client", "bad_client_credentials", FIX)),
    ("oauth2: cannot parse json: invalid character '<' looking for beginning of value",
     ("invalid_request", "ambiguous", FIX)),
    ("(mismatching_state) CSRF Warning! State not equal in request and response.", STATE_LOST),
    ("Invalid nonce: nonce mismatch", STATE_LOST),
    ("Laravel\\Socialite\\Two\\InvalidStateException", STATE_LOST),
    ("TokenExpiredError: jwt expired", ("invalid_token", "access_token_expired", "retry")),
    ("The PKCE code challenge did not match the code verifier.", ("invalid_grant", "pkce_verifier_mismatch", FIX)),
    ("Code verifier is missing", ("invalid_request", "pkce_verifier_missing", FIX)),
    ("The authorization code was not found.", ("invalid_grant", "auth_code_invalid_or_reused", "reauth")),
])
def test_an_rfc_code_or_an_older_rule_still_decides(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


@pytest.mark.parametrize("body", [
    "The device endpoint is missing from the configuration file.",
    "We failed to parse the server's response, please try again.",
    "Your session has an incorrect audience setting.",
    "Please supply either your e-mail address or your phone number.",
    "This form is protected against cross-site request forgery.",
    "The ID token was issued by Google.",
    "State validation passed.",
    "Expected a value in params.",
])
def test_ordinary_sentences_stay_out(body: str) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert not any(repo in ref for ref in r.references for repo in REPOS), (body, r.references)
