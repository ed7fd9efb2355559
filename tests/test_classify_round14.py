"""Round fourteen (issue #16): a token refused without a reason, and the families written from corpus ten's
development half. The texts are written for these tests in the sources' terms (each rule names its source); none is
a corpus case."""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()


def answer(status: int | None, body: str, provider: str | None = None) -> tuple[str, str, str]:
    r = classify(status, body, None, provider=provider, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize(("status", "body", "decision"), [
    # no code, no reason: configuration first, the refresh a candidate (engine._refused_without_reason)
    (401, "", "fix_config"),
    (401, '{"message": "Unauthorized"}', "fix_config"),
    (401, '{"error": {"code": 401, "status": "UNAUTHENTICATED", "message": "Request is missing credentials."}}',
     "fix_config"),
    # RFC 6750's own code with no reason, and words of a lifetime, stay one refresh (issue #16's convention)
    (401, '{"error": "invalid_token"}', "retry"),
    (401, '{"message": "The bearer token has expired"}', "retry"),
    (401, '{"message": "Token is not active"}', "retry"),  # Keycloak's lifetime check (exp, nbf)
    (401, '{"message": "invalid or expired token"}', "retry"),
])
def test_a_token_refused_without_a_reason(status: int, body: str, decision: str) -> None:
    r = classify(status, body, None, rulebook=BOOK)
    assert (r.failure_class, r.decision) == ("invalid_token", decision)
    if decision == "fix_config":
        assert r.confidence == "low"
        assert ("access_token_expired", "retry") in [(c.cause, c.decision) for c in r.candidates]


def test_a_provider_rule_still_decides_for_itself() -> None:
    # Google's API guides read "Invalid Credentials" as an access token expired or invalid: refresh first
    body = ('{"error": {"code": 401, "message": "Invalid Credentials", "errors": [{"domain": "global", '
            '"reason": "authError", "message": "Invalid Credentials", "location": "Authorization"}]}}')
    r = classify(401, body, rulebook=BOOK)  # detected by the envelope's domain/reason
    assert (r.provider, r.failure_class, r.decision) == ("google", "invalid_token", "retry")
    assert "token_revoked" in [c.cause for c in r.candidates]


def test_a_word_family_taking_another_class_from_the_value_keeps_its_own_decision() -> None:
    # the refused-token words under an access_denied value decide as the words' class does (retry), not reauth
    assert answer(401, '{"error": "access_denied", "error_description": "Invalid bearer token"}')[0::2] == (
        "access_denied", "retry")


@pytest.mark.parametrize(("body", "expected"), [
    # invalid_token with a stated reason: the reason decides (issue #16 family 2)
    ('{"error": "invalid_token", "error_description": "Invalid JWS serialization: missing part delimiters"}',
     ("invalid_token", "access_token_malformed", "fix_config")),
    ('{"error": "invalid_token", "error_description": "The access token has been revoked"}',
     ("invalid_token", "token_revoked", "reauth")),
])
def test_invalid_token_with_a_reason_decides_by_the_reason(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(401, body) == expected


@pytest.mark.parametrize(("status", "body", "expected"), [
    # transport failures below OAuth
    (None, "System.Threading.Tasks.TaskCanceledException: A task was canceled.",
     ("temporarily_unavailable", "network_error", "retry")),
    (None, "The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.",
     ("temporarily_unavailable", "network_error", "retry")),
    (None, "Sign-in failed: we could not reach the server.", ("temporarily_unavailable", "network_error", "retry")),
    (None, "ManagedIdentityCredential authentication failed: Status: 410 (Gone)",
     ("temporarily_unavailable", "identity_endpoint_updating", "retry")),
    # the device flow, PKCE, a request the server calls invalid
    (None, "AdalError: Unexpected polling state code_expired", ("expired_token", "device_code_expired", "reauth")),
    (400, '{"error": "invalid_request", "error_description": "A code_challenge is required for this client"}',
     ("invalid_request", "pkce_challenge_missing", "fix_config")),
    (None, "The authorization request must include a code_challenge", ("invalid_request", "pkce_challenge_missing",
                                                                       "fix_config")),
    (None, "Please specify a valid request.", ("invalid_request", "ambiguous", "fix_config")),
    # RFC 6749's unauthorized_client in its own words, also under another code
    (400, '{"error": "invalid_client", "error_description": "Unauthorized grant type: password"}',
     ("unauthorized_client", "grant_type_not_enabled_for_client", "fix_config")),
    (None, "Not authorized for the client credentials flow",
     ("unauthorized_client", "grant_type_not_enabled_for_client", "fix_config")),
    # values that name a class
    (429, '{"error": "Rate limit reached", "error_description": "Access Denied"}',
     ("rate_limited", "rate_limit_exceeded", "retry")),
    (400, '{"error": "mismatching_redirect_uri"}', ("redirect_uri_mismatch", "redirect_uri_not_registered",
                                                    "fix_config")),
    (None, "https://app.example/cb?error=unauthorized_scope_error&error_description=Scope+not+authorized",
     ("invalid_scope", "invalid_scope_requested", "fix_config")),
    # a quoted parameter name, an assertion's exp
    (None, "The client_assertion has an expiration too far into the future", ("invalid_client", "clock_skew",
                                                                             "fix_config")),
])
def test_round_fourteen_families(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert answer(status, body) == expected


def test_the_grant_named_client_credentials_is_not_the_client_credentials() -> None:
    assert answer(None, "invalid client credentials")[0:2] == ("invalid_client", "bad_client_credentials")
    assert answer(None, "The client credentials flow is not enabled")[1] != "bad_client_credentials"
    # a parameter's name in quotes is still that parameter (Authlib's wording)
    assert answer(400, 'Invalid "refresh_token" in request.', "authlib") == (
        "invalid_grant", "refresh_token_invalid", "reauth")


@pytest.mark.parametrize(("provider", "status", "body", "expected"), [
    ("google", None, "Error refreshing the OAuth2 token: <html><head><title>Sorry...</title></head></html>",
     ("rate_limited", "automated_traffic_block", "retry")),
    ("strava", 403, "Limit of connected athletes exceeded for this application",
     ("access_denied", "app_athlete_capacity_exceeded", "fix_config")),
    ("auth0", 500, '{"error": "server_error", "error_description": "Script generated an unhandled exception."}',
     ("server_error", "extensibility_script_exception", "fix_config")),
])
def test_provider_rules_of_round_fourteen(provider: str, status: int | None, body: str,
                                          expected: tuple[str, str, str]) -> None:
    assert answer(status, body, provider) == expected


@pytest.mark.parametrize(("status", "body", "expected"), [
    # a parameter's name before a colon is what the sentence is about, not an error code
    (None, "grant_type: password is not supported in this application",
     ("unsupported_grant_type", "grant_type_not_supported", "fix_config")),
    (None, "redirect_uri: does not match any registered URI", ("redirect_uri_mismatch", "redirect_uri_not_registered",
                                                              "fix_config")),
    # RFC 6749's definition of invalid_grant in a plural paraphrase lists every cause: it names none
    (400, '{"error": "invalid_grant", "error_description": "The authorization grant, token or credentials are invalid, '
          'expired, revoked, do not match the redirection URI used in the authorization request, or was issued to '
          'another client."}', ("invalid_grant", "ambiguous", "reauth")),
    # Spring Security OAuth's "Invalid redirect:" under invalid_grant, even cut short
    (400, 'error="invalid_grant", error_description="Invalid redirect: https://app.example/cb does not match"',
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    (None, 'error="invalid_grant", error_description="Invalid redirect:..."',
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    # a wrapper's words before a dropped connection: no answer was received
    (None, "google-github-actions/auth failed with: failed to generate Google Cloud federated token for "
           "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q: read ECONNRESET",
     ("temporarily_unavailable", "network_error", "retry")),
    (None, "Connection error making token request: The network connection was lost.",
     ("temporarily_unavailable", "network_error", "retry")),
    (None, "The Internet connection appears to be offline.", ("temporarily_unavailable", "network_error", "retry")),
    # the app asks the user to sign out and in again: the session's token is dead
    (401, "Your session token is no longer accepted. Please sign out and sign in again.",
     ("invalid_token", "grant_dead", "reauth")),
    (None, "OAuthSwiftError.tokenExpired", ("invalid_token", "access_token_expired", "retry")),
])
def test_round_fourteen_mechanisms(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert answer(status, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # oauthlib's and Authlib's exceptions are named after the RFC code, with "Error" instead of "Exception"
    ("oauthlib.oauth2.rfc6749.errors.InvalidClientError: (invalid_client) Client authentication failed.",
     "invalid_client"),
    ("InvalidClientError: the iat claim of the client assertion lies in the future", "invalid_client"),
    ("authlib.integrations.base_client.errors.InvalidGrantError: refresh token is not valid", "invalid_grant"),
    # not SQLAlchemy's or PyJWT's exceptions of similar names
    ("sqlalchemy.exc.InvalidRequestError: This session is in 'prepared' state", "unknown"),
])
def test_exceptions_named_error_after_the_rfc_code(body: str, expected: str) -> None:
    assert answer(None, body)[0] == expected


def test_a_github_app_jwt_github_cannot_decode_is_the_apps_credential() -> None:
    body = "POST https://api.github.com/app/installations/42/access_tokens: 401 - A JSON web token could not be decoded"
    assert answer(401, body, "github") == ("invalid_client", "assertion_invalid", "fix_config")


@pytest.mark.parametrize(("body", "decision"), [
    # an error report about a term only OAuth uses has OAuth meaning: the vague lean, with its three candidates
    ("MailException: the OAUTH2 mechanism asked for more", "fix_config"),
    ("WARN OidcClient - preferred token endpoint authentication method: null", "fix_config"),
    ("SdkException: The WWW-Authenticate header does not contain a realm", "fix_config"),
    # a term without an error's marks, or a provider's bare code, reports no failure: nothing is decided
    ("The refresh token is stored in the keychain", "none"),
    ("OAUTH_021", "none"),
])
def test_an_oauth_term_in_an_error_report_leans_fix_config(body: str, decision: str) -> None:
    r = classify(None, body, None, rulebook=BOOK)
    if decision == "fix_config":
        assert (r.failure_class, r.cause, r.decision, r.confidence) == ("invalid_request", "ambiguous", "fix_config",
                                                                        "low")
        assert r.conclusive
    else:
        assert (r.failure_class, r.cause, r.decision, r.conclusive) == ("unknown", "unrecognised_response", "none",
                                                                        False)
