"""The Firebase Authentication profile: the client SDK's ``auth/...`` codes and the Identity Toolkit REST codes map
to the class, cause and decision the profile states, a Firebase error or REST body is recognised without
``--provider``, and Google's own bodies (the same outer JSON shape) stay Google's.

Bodies are built here from firebase-js-sdk at 6f86596: the client message format of ``@firebase/util``'s
ErrorFactory (``Firebase: <message> (auth/<code>).``, ``Error`` as the message in production builds), the REST error
shape of ``packages/auth/src/api/errors.ts`` (``{"error": {"code", "message", "errors"}}``) with the server codes
listed there, and the Admin SDK's messages (firebase-admin-node at 5a203f6). None is copied from a report.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id


def client(code: str, message: str = "Error") -> str:
    """A JS SDK error as printed: the production map has no message, so it reads 'Error'."""
    return f"FirebaseError: Firebase: {message} (auth/{code})."


def rest(code: str, detail: str | None = None) -> str:
    """An Identity Toolkit / Secure Token REST error body."""
    message = f"{code} : {detail}" if detail else code
    return json.dumps({"error": {"code": 400, "message": message,
                                 "errors": [{"message": message, "domain": "global", "reason": "invalid"}]}})


CLIENT_CASES = [
    # (auth code, class, cause, decision)
    ("unauthorized-domain", "redirect_uri_mismatch", "domain_not_authorized", "fix_config"),
    ("operation-not-allowed", "unauthorized_client", "sign_in_provider_disabled", "fix_config"),
    ("invalid-api-key", "invalid_client", "api_key_invalid", "fix_config"),
    ("app-not-authorized", "unauthorized_client", "api_key_restricted", "fix_config"),
    ("invalid-oauth-client-id", "invalid_client", "unknown_client_id", "fix_config"),
    ("auth-domain-config-required", "invalid_request", "auth_domain_missing", "fix_config"),
    ("operation-not-supported-in-this-environment", "invalid_request", "unsupported_environment", "fix_config"),
    ("web-storage-unsupported", "invalid_request", "third_party_storage_blocked", "fix_config"),
    ("popup-blocked", "invalid_request", "popup_blocked", "fix_config"),
    ("cancelled-popup-request", "invalid_request", "interactive_call_in_progress", "fix_config"),
    ("unauthorized-continue-uri", "redirect_uri_mismatch", "continue_url_domain_not_authorized", "fix_config"),
    ("user-disabled", "access_denied", "account_disabled", "fix_config"),
    ("credential-already-in-use", "invalid_request", "credential_linked_to_other_user", "fix_config"),
    ("account-exists-with-different-credential", "interaction_required", "ambiguous", "fix_config"),
    ("invalid-credential", "invalid_grant", "ambiguous", "fix_config"),
    ("requires-recent-login", "interaction_required", "recent_login_required", "reauth"),
    ("user-token-expired", "invalid_grant", "refresh_token_expired_or_revoked", "reauth"),
    ("invalid-user-token", "invalid_token", "ambiguous", "reauth"),
    ("multi-factor-auth-required", "interaction_required", "mfa_required", "reauth"),
    ("popup-closed-by-user", "access_denied", "user_cancelled_sign_in", "reauth"),
    ("redirect-cancelled-by-user", "access_denied", "user_cancelled_sign_in", "reauth"),
    ("user-cancelled", "access_denied", "user_denied_consent", "reauth"),
    ("expired-action-code", "invalid_grant", "action_code_expired_or_used", "reauth"),
    ("network-request-failed", "temporarily_unavailable", "network_error", "retry"),
    ("timeout", "temporarily_unavailable", "network_error", "retry"),
    ("too-many-requests", "rate_limited", "rate_limit_exceeded", "retry"),
    ("quota-exceeded", "rate_limited", "project_quota_exceeded", "retry"),
    ("internal-error", "server_error", "ambiguous", "retry"),
]


@pytest.mark.parametrize(("code", "cls", "cause", "decision"), CLIENT_CASES, ids=[c[0] for c in CLIENT_CASES])
def test_client_codes_map_as_the_sdk_describes_them(code: str, cls: str, cause: str, decision: str) -> None:
    for provider in ("firebase", None):  # the 'Firebase: ... (auth/...)' message alone names the provider
        e = classify(None, client(code), provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("firebase", cls, cause, decision)
        assert e.provider_code == f"auth/{code}"


REST_CASES = [
    # (server code, class, cause, decision) -- api/errors.ts SERVER_ERROR_MAP and api/index.ts
    ("OPERATION_NOT_ALLOWED", "unauthorized_client", "sign_in_provider_disabled", "fix_config"),
    ("PASSWORD_LOGIN_DISABLED", "unauthorized_client", "sign_in_provider_disabled", "fix_config"),
    ("INVALID_OAUTH_CLIENT_ID", "invalid_client", "unknown_client_id", "fix_config"),
    ("USER_DISABLED", "access_denied", "account_disabled", "fix_config"),
    ("FEDERATED_USER_ID_ALREADY_LINKED", "invalid_request", "credential_linked_to_other_user", "fix_config"),
    # typed in or stored: the candidates since the re-read of 2026-12-07 (test_profile_rereads.py)
    ("INVALID_LOGIN_CREDENTIALS", "invalid_grant", "ambiguous", "fix_config"),
    ("INVALID_IDP_RESPONSE", "invalid_grant", "ambiguous", "fix_config"),
    ("CONFIGURATION_NOT_FOUND", "unauthorized_client", "feature_or_api_not_enabled", "fix_config"),
    ("CREDENTIAL_TOO_OLD_LOGIN_AGAIN", "interaction_required", "recent_login_required", "reauth"),
    ("TOKEN_EXPIRED", "invalid_grant", "refresh_token_expired_or_revoked", "reauth"),
    ("USER_NOT_FOUND", "invalid_grant", "refresh_token_expired_or_revoked", "reauth"),
    ("INVALID_REFRESH_TOKEN", "invalid_grant", "refresh_token_invalid", "reauth"),
    ("INVALID_ID_TOKEN", "invalid_token", "ambiguous", "reauth"),
    ("TOO_MANY_ATTEMPTS_TRY_LATER", "rate_limited", "rate_limit_exceeded", "retry"),
]


@pytest.mark.parametrize(("code", "cls", "cause", "decision"), REST_CASES, ids=[c[0] for c in REST_CASES])
def test_rest_codes_map_like_the_sdk_maps_them(code: str, cls: str, cause: str, decision: str) -> None:
    e = classify(400, rest(code), provider="firebase")
    assert (e.failure_class, e.cause, e.decision) == (cls, cause, decision)
    assert e.provider_code == code


@pytest.mark.parametrize("code", ["INVALID_REFRESH_TOKEN", "TOKEN_EXPIRED", "OPERATION_NOT_ALLOWED", "USER_DISABLED"])
def test_rest_body_is_recognised_by_its_own_code(code: str) -> None:
    # Google's APIs share the outer shape; Identity Toolkit's own code in error.message names it, and wins over the
    # invalid_argument reading of error.status that another profile's signature makes.
    body = json.dumps({"error": {"code": 400, "message": code, "status": "INVALID_ARGUMENT",
                                 "errors": [{"message": code, "domain": "global", "reason": "invalid"}]}})
    assert classify(400, body).provider == "firebase"


def test_rest_detail_after_the_code_is_kept_and_the_token_url_names_firebase() -> None:
    e = classify(400, rest("INVALID_IDP_RESPONSE", "Invalid Idp Response: the Google id_token is not allowed to be "
                           "used with this application. Its audience (OAuth 2.0 client ID) is 123-abc.apps."
                           "googleusercontent.com, which is not authorized to be used in the project"),
                 url="https://identitytoolkit.googleapis.com/v1/accounts:signInWithIdp?key=AIza")
    assert e.provider == "firebase"
    assert (e.failure_class, e.cause, e.decision) == ("invalid_token", "token_for_wrong_audience", "fix_config")
    assert e.basis == "heuristic"
    refresh = classify(400, rest("INVALID_REFRESH_TOKEN"), url="https://securetoken.googleapis.com/v1/token?key=AIza")
    assert (refresh.provider, refresh.decision) == ("firebase", "reauth")


def test_custom_message_form_keeps_the_code() -> None:
    # The SDK puts the server's detail in the message: 'Firebase: <detail> (auth/<code>).'
    text = client("invalid-credential", "Invalid Idp Response: access_token audience is not for this project")
    e = classify(None, text)
    assert (e.provider, e.failure_class, e.cause, e.decision) == (
        "firebase", "invalid_token", "token_for_wrong_audience", "fix_config")


def test_ambiguous_answers_list_their_candidates() -> None:
    cred = classify(None, client("invalid-credential"))
    assert [c.cause for c in cred.candidates] == ["provider_config_wrong", "token_for_wrong_audience",
                                                  "idp_credential_expired", "resource_owner_credentials_invalid"]
    assert [c.decision for c in cred.candidates] == ["fix_config", "fix_config", "reauth", "reauth"]
    linking = classify(None, client("account-exists-with-different-credential"))
    assert [c.cause for c in linking.candidates] == ["account_linking_not_handled",
                                                     "existing_provider_sign_in_required"]
    internal = classify(None, client("internal-error"))
    assert internal.candidates[0].cause == "blocking_function_rejected"


@pytest.mark.parametrize(("text", "cls", "cause", "decision"), [
    ("Error: Firebase ID token has expired. Get a fresh ID token from your client app and try again "
     "(auth/id-token-expired).", "invalid_token", "access_token_expired", "retry"),
    ("FirebaseAuthError: The Firebase ID token has been revoked.", "invalid_token", "token_revoked", "reauth"),
    ("FirebaseAuthError: The Firebase session cookie has been revoked.", "invalid_token", "token_revoked", "reauth"),
])
def test_admin_sdk_verification_errors(text: str, cls: str, cause: str, decision: str) -> None:
    e = classify(None, text)
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("firebase", cls, cause, decision)


def test_google_bodies_stay_googles() -> None:
    google = classify(400, json.dumps({"error": "invalid_grant", "error_description": "Token has been expired or "
                                       "revoked."}))
    assert google.provider == "google"
    assert (google.failure_class, google.decision) == ("invalid_grant", "reauth")
    # A Google API's error in the shared outer shape, with no Identity Toolkit code, is not Firebase's.
    api = classify(401, json.dumps({"error": {"code": 401, "message": "Request had invalid authentication "
                                              "credentials. Expected OAuth 2 access token, login cookie or other "
                                              "valid authentication credential.", "status": "UNAUTHENTICATED"}}))
    assert api.provider != "firebase"
    mismatch = classify(400, "Error 400: redirect_uri_mismatch", url="https://accounts.google.com/o/oauth2/v2/auth")
    assert mismatch.provider == "google"


def test_words_that_look_like_rest_codes_in_lower_case_are_not_codes() -> None:
    # The REST codes are read case-sensitively: prose saying 'token expired' is no TOKEN_EXPIRED.
    e = classify(401, json.dumps({"error": "invalid_token", "error_description": "token expired"}),
                 provider="firebase")
    assert e.provider_code is None
    assert (e.failure_class, e.decision) == ("invalid_token", "retry")


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("firebase")
    for alias in ("firebase-auth", "identity-platform", "identitytoolkit"):
        assert resolve_id(alias) == "firebase"
    assert profile.endpoints.token.url == "https://securetoken.googleapis.com/v1/token"
    assert profile.endpoints.hosts == ["securetoken.googleapis.com", "identitytoolkit.googleapis.com"]
    assert profile.client_auth.accepted == ["none"]
    assert profile.grants.supported == ["refresh_token"]
    assert profile.token_policy.access_token_lifetime.seconds == 3600
    assert profile.token_policy.access_token_lifetime.basis == "confirmed"
    assert profile.token_policy.refresh_token_lifetime.basis == "confirmed"  # Manage User Sessions, 2026-12-07


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "firebase", "--format", "json",
         "Firebase: Error (auth/unauthorized-domain)."],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "firebase", "redirect_uri_mismatch", "domain_not_authorized", "fix_config", "auth/unauthorized-domain")


def test_the_sdk_message_alone_names_firebase() -> None:
    # auth/invalid-credential's message in the JS SDK's debug map (core/errors.ts L221-L222), without the code.
    e = classify(None, "The supplied auth credential is incorrect, malformed or has expired.")
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("firebase", "invalid_grant", "ambiguous",
                                                                   "fix_config")
