"""Hosted auth services' SDKs, in the phrase layer: what a user pastes when no provider is named.

supabase-js (auth-js) throws ``AuthApiError`` with Supabase Auth's ``msg`` as its message and its own
``AuthSessionMissingError``, ``AuthRetryableFetchError`` and flow-type errors; Clerk's backend SDK prints a
``TokenVerificationError``'s message, action and ``(reason=..., token-carrier=...)``; Amplify (v6) names an
``AuthError`` and its message; Auth0 SPA JS checks each ID token in ``src/jwt.ts``; PocketBase answers
``{"status", "message", "data"}``; Kinde's TypeScript SDK throws plain ``Error``s and ``KindeSDKError``, Descope's
web SDK an ``Error``; Firebase's codes appear bare where a log prints only ``error.code``. Every text below is built
the way that code builds it (its format strings, error classes and bodies); none is taken from a reported case. The
rules' pinned sources in ``providers/generic.yaml`` say where the words come from.
"""

from __future__ import annotations

import json

import pytest
from phrase_blocks import answer, cites

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIXED, REAUTH, RETRY = "fix_config", "reauth", "retry"
REPOS = ("supabase/auth/", "supabase/auth-js/", "clerk/javascript/", "aws-amplify/amplify-js/", "auth0/auth0-spa-js/",
         "pocketbase/pocketbase/", "pocketbase/js-sdk/", "kinde-oss/kinde-typescript-sdk/", "descope/descope-js/",
         "firebase/firebase-js-sdk/")
NOW = "Sat, 05 Dec 2026 10:00:00 GMT"
LATER = "Sat, 05 Dec 2026 10:05:00 GMT"


run = answer


def ours(status: int | None, body: str) -> tuple[str, str, str]:
    """The answer, checked to come from this block (its source is one of the SDKs read)."""
    assert cites(REPOS, status, body), body
    return answer(status, body)


def api_error(msg: str) -> str:
    """supabase-js's AuthApiError as printed: its name, then Supabase Auth's msg."""
    return f"AuthApiError: {msg}"


def clerk(message: str, reason: str, action: str = "", carrier: str = "header") -> str:
    """@clerk/backend TokenVerificationError.getFullMessage(): message, action, then reason and token carrier."""
    return f"{' '.join(m for m in (message, action) if m)} (reason={reason}, token-carrier={carrier})"


def pocketbase(status: int, message: str, data: dict[str, object] | None = None) -> str:
    """PocketBase's ApiError body."""
    return json.dumps({"status": status, "message": message, "data": data or {}})


@pytest.mark.parametrize(("status", "body", "expected"), [
    # the client's flowType and the callback URL's flow disagree
    (None, "AuthPKCEGrantCodeExchangeError: Not a valid PKCE flow url.",
     ("invalid_request", "client_flow_type_mismatch", FIXED)),
    (None, "AuthImplicitGrantRedirectError: Not a valid implicit grant flow url.",
     ("invalid_request", "client_flow_type_mismatch", FIXED)),
    # the PKCE exchange: no verifier in storage, the flow state gone, expired or used
    (400, api_error("invalid request: both auth code and code verifier should be non-empty"),
     ("invalid_request", "pkce_verifier_missing", FIXED)),
    (404, api_error("invalid flow state, no valid flow state found"), ("invalid_grant", "ambiguous", REAUTH)),
    (422, api_error("No valid flow state found for user."), ("invalid_grant", "ambiguous", REAUTH)),
    (422, api_error("invalid flow state, flow state has expired"), ("invalid_grant", "auth_code_expired", REAUTH)),
    (400, api_error("State has already been used"), ("invalid_grant", "auth_code_reused", REAUTH)),
    (400, api_error("OAuth state not found or expired"), ("invalid_request", "login_attempt_expired", RETRY)),
    (422, api_error("OAuth state expired"), ("invalid_request", "login_attempt_expired", RETRY)),
    # an access token whose session or user is gone
    (403, api_error("Session from session_id claim in JWT does not exist"),
     ("invalid_token", "session_not_found", REAUTH)),
    (403, api_error("User from sub claim in JWT does not exist"), ("invalid_token", "user_deleted", REAUTH)),
    (None, "AuthSessionMissingError: Auth session missing!", ("interaction_required", "ambiguous", REAUTH)),
    # transport and concurrency
    (None, "AuthRetryableFetchError: Failed to fetch", ("temporarily_unavailable", "network_error", RETRY)),
    (409, api_error("Too many concurrent token refresh requests on the same session or refresh token"),
     ("temporarily_unavailable", "concurrent_refresh_requests", RETRY)),
    # the project's sign-in methods and the user's state
    (422, api_error("Email logins are disabled"), ("unauthorized_client", "sign_in_provider_disabled", FIXED)),
    (400, api_error("Unsupported provider: provider is not enabled"),
     ("unauthorized_client", "sign_in_provider_disabled", FIXED)),
    (400, api_error("Email not confirmed"), ("access_denied", "email_not_confirmed", REAUTH)),
    (403, api_error("Token has expired or is invalid"), ("invalid_grant", "ambiguous", REAUTH)),
    (403, api_error("Email link is invalid or has expired"), ("invalid_grant", "ambiguous", REAUTH)),
    (500, api_error("Database error saving new user"), ("server_error", "ambiguous", FIXED)),
    # the social callback's redirect to the app, with the message in the fragment
    (None, "http://localhost:3000/#error=server_error&error_code=unexpected_failure"
           "&error_description=Database+error+saving+new+user", ("server_error", "ambiguous", FIXED)),
])
def test_supabase_words_without_a_provider(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert ours(status, body) == expected


@pytest.mark.parametrize(("body", "error_code", "expected"), [
    # the same words in Supabase Auth's own body, read by the supabase profile: the two layers agree
    ("invalid request: both auth code and code verifier should be non-empty", "validation_failed",
     ("invalid_request", "pkce_verifier_missing", FIXED)),
    ("invalid flow state, no valid flow state found", "flow_state_not_found", ("invalid_grant", "ambiguous", REAUTH)),
    ("invalid flow state, flow state has expired", "flow_state_expired",
     ("invalid_grant", "auth_code_expired", REAUTH)),
    ("Email not confirmed", "email_not_confirmed", ("access_denied", "email_not_confirmed", REAUTH)),
    ("Unsupported provider: provider is not enabled", "validation_failed",
     ("unauthorized_client", "sign_in_provider_disabled", FIXED)),
])
def test_the_supabase_profile_gives_the_same_answer(body: str, error_code: str,
                                                    expected: tuple[str, str, str]) -> None:
    server = json.dumps({"code": 400, "error_code": error_code, "msg": body})
    assert run(400, server, provider="supabase") == expected
    assert run(400, api_error(body)) == expected


def test_a_lost_pkce_verifier_names_where_it_went() -> None:
    r = classify(400, api_error("invalid request: both auth code and code verifier should be non-empty"), None,
                 rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("pkce_verifier_missing", FIXED),
                                                             ("missing_parameter", FIXED)]


def test_a_missing_session_lists_signed_out_against_a_server_that_cannot_see_it() -> None:
    r = classify(None, "AuthSessionMissingError: Auth session missing!", None, rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("login_required", REAUTH),
                                                             ("session_not_persisted", FIXED)]
    assert r.confidence == "low"


@pytest.mark.parametrize(("body", "expected"), [
    (clerk(f"JWT cannot be used prior to not before date claim (nbf). Not before date: {LATER}; Current date: {NOW};",
           "token-not-active-yet"), ("invalid_token", "clock_skew", FIXED)),
    (clerk('Invalid JWT Authorized party claim (azp) "https://preview.example.app". Expected "https://example.app".',
           "token-invalid-authorized-parties", carrier="cookie"), ("invalid_token", "origin_not_trusted", FIXED)),
    (clerk('Invalid JWT audience claim (aud) "api-a". Is not included in ""["api-b"]"".',
           "token-verification-failed", "Make sure that this is a valid Clerk-generated JWT."),
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    (clerk("Invalid JWT form. A JWT consists of three parts separated by dots.", "token-invalid",
           "Make sure that this is a valid Clerk-generated JWT."), ("invalid_token", "access_token_malformed", FIXED)),
    (clerk("Unable to find a signing key in JWKS that matches the kid='ins_2abc' of the provided session token. "
           "Please make sure that the __session cookie or the HTTP authorization header contain a Clerk-generated "
           "session JWT.", "jwk-kid-mismatch", "Go to your Dashboard and validate your secret and public keys are "
           "correct. Contact support@clerk.com if the issue persists.", "cookie"),
     ("invalid_token", "token_for_other_environment", FIXED)),
    (clerk("Missing local JWK.", "jwk-local-missing", "Set the CLERK_JWT_KEY environment variable."),
     ("invalid_client", "credentials_not_configured", FIXED)),
    (clerk("Missing Clerk Secret Key or API Key. Go to https://dashboard.clerk.com and get your key for your "
           "instance.", "jwk-remote-failed-to-load", "Set the CLERK_SECRET_KEY environment variable."),
     ("invalid_client", "credentials_not_configured", FIXED)),
    (clerk("Error loading Clerk JWKS from https://api.clerk.com/v1/jwks with code=401", "jwk-remote-failed-to-load",
           "Contact support@clerk.com"), ("invalid_client", "ambiguous", FIXED)),
])
def test_clerk_backend_token_verification(body: str, expected: tuple[str, str, str]) -> None:
    assert ours(401, body) == expected


def test_an_expired_clerk_session_token_stays_a_token_to_refresh() -> None:
    body = clerk(f"JWT is expired. Expiry date: {NOW}, Current date: {LATER}.", "token-expired", carrier="cookie")
    assert run(401, body) == ("invalid_token", "access_token_expired", RETRY)


def test_a_clerk_token_issued_in_the_future_is_clock_skew_by_the_baseline() -> None:
    body = clerk(f"JWT issued at date claim (iat) is in the future. Issued at date: {LATER}; Current date: {NOW};",
                 "token-iat-in-the-future", carrier="cookie")
    assert run(401, body) == ("invalid_token", "clock_skew", FIXED)


def test_a_failed_clerk_jwks_fetch_tells_a_wrong_key_from_an_outage() -> None:
    r = classify(None, clerk("Error loading Clerk JWKS from https://api.clerk.com/v1/jwks with code=503",
                             "jwk-remote-failed-to-load"), None, rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("bad_client_secret", FIXED),
                                                             ("idp_transient_outage", RETRY)]


@pytest.mark.parametrize(("body", "expected"), [
    ("Error: Expiration Time (exp) claim error in the ID token; current time (Sat Dec 05 2026 10:05:00 GMT+0000) is "
     "after expiration time (Sat Dec 05 2026 10:01:00 GMT+0000)", ("invalid_token", "clock_skew", FIXED)),
    ("Error: Not Before time (nbf) claim in the ID token indicates that this token can't be used just yet. Current "
     "time (Sat Dec 05 2026 10:00:00 GMT+0000) is before Sat Dec 05 2026 10:04:00 GMT+0000",
     ("invalid_token", "clock_skew", FIXED)),
    ('Error: Signature algorithm of "HS256" is not supported. Expected the ID token to be signed with "RS256".',
     ("invalid_token", "token_signature_invalid", FIXED)),
    ("Error: Authentication Time (auth_time) claim in the ID token indicates that too much time has passed since "
     "the last end-user authentication. Current time (Sat Dec 05 2026 10:00:00 GMT+0000) is after last auth at "
     "Sat Dec 05 2026 09:00:00 GMT+0000", ("interaction_required", "login_required", REAUTH)),
    ("PopupOpenError: Unable to open a popup for loginWithPopup - window.open returned `null`",
     ("invalid_request", "popup_blocked", FIXED)),
])
def test_auth0_spa_js_id_token_checks(body: str, expected: tuple[str, str, str]) -> None:
    assert ours(None, body) == expected


def test_the_id_token_checks_read_before_this_block_keep_their_answers() -> None:
    body = ('Error: Issuer (iss) claim mismatch in the ID token; expected "https://tenant.eu.auth0.com/", found '
            '"https://login.example.com/"')
    assert run(None, body) == ("invalid_token", "token_from_other_issuer", FIXED)


@pytest.mark.parametrize(("body", "expected"), [
    ("oauthSignInError: An error occurred while validating the state.",
     ("invalid_request", "state_or_session_lost", FIXED)),
    ("oauthSignInError: `signInWithRedirect` has been canceled.", ("access_denied", "user_cancelled_sign_in", REAUTH)),
    ("InvalidOriginException: redirect is coming from a different origin. The oauth flow needs to be initiated "
     "from the same origin", ("invalid_request", "redirect_uri_not_configured", FIXED)),
    ("InvalidRedirectException: signInRedirect or signOutRedirect had an invalid format or was not found.",
     ("invalid_request", "redirect_uri_not_configured", FIXED)),
    ("OAuthNotConfigureException: oauth param not configured.",
     ("invalid_request", "client_registration_incomplete", FIXED)),
    ("AuthUserPoolException: Auth UserPool not configured.",
     ("invalid_request", "client_registration_incomplete", FIXED)),
    ("TokenRefreshException: Token refresh is not supported when authenticated with the 'implicit grant' (token) "
     "oauth flow. \n\tPlease change your oauth configuration to use 'code grant' flow.",
     ("invalid_request", "short_lived_token_without_refresh", FIXED)),
    ("UserAlreadyAuthenticatedException: There is already a signed in user.",
     ("invalid_request", "session_already_active", FIXED)),
    ("UserUnAuthenticatedException: User needs to be authenticated to call this API.",
     ("interaction_required", "ambiguous", REAUTH)),
])
def test_amplify_auth_errors(body: str, expected: tuple[str, str, str]) -> None:
    assert ours(None, body) == expected


@pytest.mark.parametrize(("status", "body", "expected"), [
    # (its failed code exchange and user fetch are read by the self-hosted apps block, round four)
    (403, pocketbase(403, "The collection is not configured to allow OAuth2 authentication."),
     ("invalid_request", "provider_not_configured", FIXED)),
    (400, pocketbase(400, "An error occurred while loading the submitted data.", {"provider": {
        "code": "validation_invalid_provider", "message": "Provider with name google is missing or is not enabled."}}),
     ("invalid_request", "provider_not_configured", FIXED)),
    (500, pocketbase(500, "Missing or invalid provider config."),
     ("invalid_request", "provider_not_configured", FIXED)),
    (401, pocketbase(401, "The request requires valid record authorization token."),
     ("invalid_token", "ambiguous", FIXED)),
])
def test_pocketbase_oauth2_answers(status: int, body: str, expected: tuple[str, str, str]) -> None:
    assert ours(status, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("Error: Authentication flow: Received: 9f2c1e | Expected: State not found",
     ("invalid_request", "state_or_session_lost", FIXED)),
    ("Error: Stored state not found", ("invalid_request", "state_or_session_lost", FIXED)),
    ("Error: Cannot persist session no valid refresh token found", ("invalid_request", "refresh_token_missing", FIXED)),
    ("Error: No authentication credential found", ("interaction_required", "login_required", REAUTH)),
    ("Error: Cannot get user details, no authentication credential found",
     ("interaction_required", "login_required", REAUTH)),
    ("KindeSDKError: Failed to refresh tokens owing to: fetch failed", ("invalid_grant", "ambiguous", REAUTH)),
    ("Error: User not found in storage to refresh token", ("interaction_required", "login_required", REAUTH)),
])
def test_kinde_and_descope_sdk_words(body: str, expected: tuple[str, str, str]) -> None:
    assert ours(None, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # Kinde's wrapper quotes the token endpoint's error_description or error: a reason the rules know decides
    ("KindeSDKError: Failed to refresh tokens owing to: The refresh token is invalid or expired",
     ("invalid_grant", "refresh_token_expired_or_revoked", REAUTH)),
    ("KindeSDKError: Failed to refresh tokens owing to: invalid_grant",
     ("invalid_grant", "refresh_token_invalid", REAUTH)),
    ("KindeSDKError: Failed to refresh tokens owing to: Client authentication failed",
     ("invalid_client", "bad_client_credentials", FIXED)),
    # and its state mismatch is the state rules' (they name the same cause)
    ("Error: Authentication flow: State mismatch. Received: 9f2c1e | Expected: 41ab07",
     ("invalid_request", "state_or_session_lost", FIXED)),
])
def test_kinde_wrappers_give_way_to_the_reason_they_quote(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # the baseline's PKCE rules still read every other server's words
    ("PKCE verification failed", ("invalid_grant", "pkce_verifier_mismatch", FIXED)),
    ("code_verifier does not match code_challenge", ("invalid_grant", "pkce_verifier_mismatch", FIXED)),
    ("The code verifier is required", ("invalid_request", "pkce_verifier_missing", FIXED)),
    ("PKCE flow requires code_challenge_method and code_challenge",
     ("invalid_request", "pkce_challenge_missing", FIXED)),
])
def test_the_baseline_pkce_rules_are_unchanged_elsewhere(body: str, expected: tuple[str, str, str]) -> None:
    assert run(400, body) == expected


@pytest.mark.parametrize("body", [
    "The token has expired or is invalid",  # an access token's wording, not supabase-js's AuthApiError
    "Email not confirmed for the newsletter yet",  # not Supabase's whole message
    "Failed to fetch OAuth2 token from the provider",  # not PocketBase's whole message
    "The flow state of the pipeline is invalid",  # not Supabase's flow state
    "The popup could not be opened",  # not Auth0 SPA JS's PopupOpenError
    "Missing key in the JWKS document",  # not Clerk's "Missing local JWK."
    "Cannot persist session data to disk",  # not Kinde's missing refresh token
])
def test_neighbouring_sentences_do_not_take_these_rules(body: str) -> None:
    r = classify(None, body, None, rulebook=BOOK)
    assert not any(f"github.com/{repo}" in ref for ref in r.references for repo in REPOS)


@pytest.mark.parametrize(("code", "expected"), [
    ("popup-blocked", ("invalid_request", "popup_blocked", FIXED)),
    ("cancelled-popup-request", ("invalid_request", "interactive_call_in_progress", FIXED)),
    ("redirect-operation-pending", ("invalid_request", "interactive_call_in_progress", FIXED)),
    ("web-storage-unsupported", ("invalid_request", "third_party_storage_blocked", FIXED)),
    ("operation-not-supported-in-this-environment", ("invalid_request", "unsupported_environment", FIXED)),
    ("auth-domain-config-required", ("invalid_request", "auth_domain_missing", FIXED)),
    ("invalid-oauth-provider", ("invalid_request", "wrong_auth_type_for_endpoint", FIXED)),
])
def test_firebase_codes_pasted_bare_answer_as_the_firebase_profile(code: str, expected: tuple[str, str, str]) -> None:
    # a log line that prints only error.code, and the SDK's own "Firebase: Error (auth/...)." that names the profile
    assert ours(None, f"signInWithPopup failed: auth/{code}") == expected
    assert run(None, f"FirebaseError: Firebase: Error (auth/{code}).") == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("Firebase: Unable to establish a connection with the popup. It may have been blocked by the browser. "
     "(auth/popup-blocked).", ("invalid_request", "popup_blocked", FIXED)),
    ("Firebase: A redirect sign-in operation is already pending. (auth/redirect-operation-pending).",
     ("invalid_request", "interactive_call_in_progress", FIXED)),
    ("Firebase: EmailAuthProvider is not supported for this operation. This operation only supports OAuth "
     "providers. (auth/invalid-oauth-provider).", ("invalid_request", "wrong_auth_type_for_endpoint", FIXED)),
])
def test_firebase_messages_with_their_codes(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected
