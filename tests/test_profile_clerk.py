"""The Clerk profile: Clerk's API error codes map to the class, cause and decision the profile states, a Clerk body is
recognised without ``--provider`` (its ``clerk_trace_id``, its own code names, its hosts), and other providers'
``errors[]`` bodies stay theirs.

Bodies are built here from Clerk's own sources: the error shape of clerk-docs' error-handling guide
(``{"errors": [{"message", "long_message", "code", "meta"}]}``), the short and long messages of
``data/api_errors.json`` at a7cebf5 (placeholders such as ``<providerName>`` filled in), ``clerk_trace_id`` as the
Backend SDK reads it, and the SDK's own texts (clerk/javascript at e21ae9a). None is copied from a report.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

TRACE = "3c0f1d5e9a7b4c2d8e6f0a1b2c3d4e5f"
DOCS_ERRORS = "https://github.com/clerk/clerk-docs/blob/a7cebf5858db84418400627a811cf6080f66d89c/data/api_errors.json#L"


def clerk(code: str, message: str, long_message: str, *, trace: bool = True) -> str:
    """A Clerk API error body; the Backend API adds clerk_trace_id."""
    body: dict[str, object] = {"errors": [{"message": message, "long_message": long_message, "code": code,
                                           "meta": {}}]}
    if trace:
        body["clerk_trace_id"] = TRACE
    return json.dumps(body)


CASES = [
    # (status, code, message, long_message, class, cause, decision)
    # social connections: Clerk as the client of the upstream provider
    (403, "oauth_access_denied", "", "You did not grant access to your Google account",
     "access_denied", "user_denied_consent", "reauth"),
    (400, "oauth_token_retrieval_error", "Token retrieval failed",
     "Failed to retrieve a new access token from the OAuth provider", "invalid_grant", "ambiguous", "reauth"),
    (400, "external_account_missing_refresh_token", "Missing refresh token",
     "We cannot refresh your OAuth access token because the server didn't provide a refresh token. "
     "Please re-connect your account.", "invalid_grant", "connection_revoked", "reauth"),
    (422, "oauth_missing_refresh_token", "Cannot refresh OAuth access token",
     "The current access token has expired and we cannot refresh it, because the authorization server hasn't "
     "provided us with a refresh token", "invalid_grant", "ambiguous", "reauth"),
    (404, "external_account_not_found", "Invalid external account", "The External Account was not found.",
     "invalid_request", "ambiguous", "fix_config"),
    (400, "oauth_token_exchange_error", "Token exchange error", "Token exchange error",
     "invalid_grant", "ambiguous", "fix_config"),
    (400, "oauth_config_missing", "", "The application does not have Google OAuth keys set in its settings.",
     "unauthorized_client", "custom_credentials_missing", "fix_config"),
    (400, "oauth_shared_credentials_not_supported", "Shared credentials not supported",
     "Shared credentials are no longer supported for this provider. Please update via the Clerk Dashboard.",
     "unauthorized_client", "shared_credentials_not_supported", "fix_config"),
    (400, "oauth_provider_not_enabled", "",
     "Single-sign on with GitHub OAuth provider is not enabled in the instance settings.",
     "unauthorized_client", "sign_in_provider_disabled", "fix_config"),
    (400, "misconfigured_oauth_provider", "Misconfigured OAuth provider",
     "Misconfigured OAuth provider. Please make sure you have set it correctly",
     "invalid_client", "upstream_provider_misconfigured", "fix_config"),
    (422, "pkce_verification_failed", "PKCE verification failed",
     "The provided code verifier does not match the prepared code challenge.",
     "invalid_grant", "pkce_verifier_mismatch", "fix_config"),
    # redirect URIs and URLs: one code, three messages, plus the allowlist's own code
    (400, "redirect_uri_mismatch", "",
     "Your GitHub account configuration is invalid. Make sure you register this endpoint in the list of allowed "
     "callback URLs.", "redirect_uri_mismatch", "upstream_redirect_uri_not_registered", "fix_config"),
    (400, "redirect_uri_mismatch", "invalid redirect uri provided",
     "The redirect_uri does not exactly match a redirect URI registered for this OAuth application.",
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, "redirect_uri_mismatch", "malformed redirect uri provided", "malformed redirect uri provided",
     "redirect_uri_mismatch", "redirect_uri_malformed", "fix_config"),
    (400, "resource_missmatch", "Redirect url mismatch",
     "The current redirect url passed in the sign in or sign up request does not match an authorized redirect URI "
     "for this instance. Review authorized redirect urls for your instance. myapp://oauth-native-callback",
     "redirect_uri_mismatch", "redirect_url_not_allowlisted", "fix_config"),
    (422, "redirect_url_not_associated_with_instance", "Redirect URL is not configured for this instance",
     "Clerk could not complete satellite-domain authentication because redirect URL host \"pr-12.example.app\" is "
     "not configured for this production instance.", "redirect_uri_mismatch", "redirect_host_not_configured",
     "fix_config"),
    # Clerk as an OAuth provider
    (401, "oauth_fetch_user_error", "unable to fetch user info",
     "Unable to fetch user info. Check if access token is present and valid.", "invalid_token", "ambiguous",
     "retry"),
    (403, "oauth_fetch_user_forbidden_error", "unable to fetch user info",
     "Unable to fetch user info. User is not allowed access to this application.",
     "access_denied", "user_not_allowed_for_application", "fix_config"),
    # sessions and request authentication
    (401, "authentication_invalid", "Invalid authentication",
     "Unable to authenticate the request, you need to supply an active session", "invalid_token", "ambiguous",
     "retry"),
    (403, "authorization_invalid", "Unauthorized request", "You are not authorized to perform this request",
     "access_denied", "not_authorized_for_operation", "fix_config"),
    (401, "clerk_key_invalid", "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is "
     "correct.", "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.",
     "invalid_client", "wrong_client_secret", "fix_config"),
    (400, "origin_invalid", "Invalid HTTP Origin header",
     "The Request HTTP Origin header must be equal to or a subdomain of the requesting URL.",
     "invalid_request", "origin_mismatch", "fix_config"),
    (400, "host_invalid", "Invalid host", "We were unable to attribute this request to an instance running on Clerk. "
     "Make sure that your Clerk Publishable Key is correct.", "invalid_client", "publishable_key_wrong",
     "fix_config"),
    (401, "signed_out", "Signed out", "You are signed out", "invalid_token", "session_expired", "reauth"),
    (401, "refresh_token_not_found", "Refresh token not found", "The provided refresh token was not found",
     "invalid_grant", "grant_or_session_gone", "reauth"),
    # sign-in state and the instance's restrictions
    (400, "session_exists", "Session already exists", "You're already signed in.",
     "invalid_request", "session_already_active", "fix_config"),
    (400, "identifier_already_signed_in", "You're already signed in", "You're already signed in",
     "invalid_request", "session_already_active", "fix_config"),
    (422, "form_identifier_not_found", "", "Couldn't find your account.", "invalid_grant", "ambiguous",
     "fix_config"),
    (403, "not_allowed_access", "Access not allowed.", "jane@example.com is not allowed to access this application.",
     "access_denied", "identifier_not_allowlisted", "fix_config"),
    (403, "not_allowed_access", "Email subaddress not allowed.",
     "Email address must not contain the characters '+', '=', or '#'.",
     "access_denied", "email_subaddress_blocked", "fix_config"),
    (403, "user_locked", "Account locked", "Your account is locked. You will be able to try again in 30 minutes. For "
     "more information, contact support.", "access_denied", "account_locked_temporarily", "retry"),
    (403, "user_locked", "Account locked", "Your account is locked. For more information, please contact support.",
     "access_denied", "account_locked", "fix_config"),
    (403, "user_banned", "User banned", "You have been banned. If you think this was by mistake, please contact "
     "support.", "access_denied", "user_banned", "fix_config"),
    (403, "sign_up_mode_restricted", "Sign-ups restricted", "New sign-ups are currently restricted.",
     "access_denied", "sign_up_restricted", "fix_config"),
    (403, "session_reverification_required", "Reverification required",
     "You need to provide additional verification to perform this operation",
     "interaction_required", "step_up_required", "reauth"),
    (400, "verification_expired", "expired", "This verification has expired. You must create a new one.",
     "invalid_grant", "verification_expired", "reauth"),
    (400, "captcha_invalid", "Unusual activity was detected", "Unusual activity was detected. Please try again "
     "later or contact our support if you continue to experience issues.",
     "access_denied", "fraud_check_blocked", "retry"),
    # limits and outages
    (429, "too_many_requests", "Too many requests", "Too many requests, retry later",
     "rate_limited", "rate_limit_exceeded", "retry"),
    (500, "internal_clerk_error", "Oops, an unexpected error occurred",
     "There was an internal error on our servers. We've been notified and are working on fixing it.",
     "server_error", "idp_server_error", "retry"),
    (504, "gateway_timeout", "Gateway Timeout", "A request to a 3rd party service timed out",
     "temporarily_unavailable", "upstream_unavailable", "retry"),
]


@pytest.mark.parametrize(("status", "code", "message", "long_message", "cls", "cause", "decision"), CASES,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_clerk_codes_map_as_the_profile_states(status: int, code: str, message: str, long_message: str, cls: str,
                                               cause: str, decision: str) -> None:
    e = classify(status, clerk(code, message, long_message))
    assert (e.provider, e.provider_code) == ("clerk", code)
    assert (e.failure_class, e.cause, e.decision) == (cls, cause, decision)


@pytest.mark.parametrize("code", ["session_exists", "form_identifier_not_found", "oauth_access_denied",
                                  "resource_missmatch", "external_account_not_found"])
def test_frontend_api_bodies_without_a_trace_id_are_recognised_by_their_own_codes(code: str) -> None:
    e = classify(400, clerk(code, "", "", trace=False))
    assert (e.provider, e.provider_code) == ("clerk", code)


def test_generic_code_names_alone_do_not_claim_clerk() -> None:
    # too_many_requests and redirect_uri_mismatch are other servers' words too: without Clerk's long_message or
    # trace id they do not name Clerk.
    e = classify(429, json.dumps({"errors": [{"code": "too_many_requests", "message": "slow down"}]}))
    assert e.provider != "clerk"
    assert e.decision == "retry"


def test_ambiguous_answers_list_candidates_across_decisions() -> None:
    e = classify(400, clerk("oauth_token_retrieval_error", "Token retrieval failed",
                            "Failed to retrieve a new access token from the OAuth provider")).to_json()
    assert [(c["cause"], c.get("decision")) for c in e["candidates"]] == [
        ("user_revoked_access", "reauth"), ("upstream_provider_misconfigured", "fix_config"),
        ("idp_transient_outage", "retry")]
    assert e["basis"] == "heuristic"
    missing = classify(404, clerk("external_account_not_found", "Invalid external account",
                                  "The External Account was not found.")).to_json()
    assert [c["cause"] for c in missing["candidates"]] == ["transfer_not_handled", "stale_callback"]


def test_invalid_scope_from_clerk_as_provider_names_deleted_scopes() -> None:
    e = classify(400, json.dumps({"error": "invalid_scope"}), provider="clerk").to_json()
    assert (e["class"], e["cause"], e["decision"]) == ("invalid_scope", "ambiguous", "fix_config")
    assert [c["cause"] for c in e["candidates"]] == ["scope_deleted", "invalid_scope_requested"]


@pytest.mark.parametrize(("text", "cls", "cause", "decision"), [
    ("Error: Clerk: Refreshing the session token resulted in an infinite redirect loop. This usually means that your "
     "Clerk instance keys do not match - make sure to copy the correct publishable and secret keys from the Clerk "
     "dashboard.", "invalid_client", "instance_keys_mismatch", "fix_config"),
    ("Error: Clerk: Handshake token verification failed due to an invalid signature. If you have switched Clerk keys "
     "locally, clear your cookies and try again.", "invalid_token", "token_for_other_environment", "fix_config"),
    ("Clerk: Clock skew detected. This usually means that your system clock is inaccurate.",
     "invalid_token", "clock_skew", "fix_config"),
])
def test_backend_sdk_messages_name_clerk(text: str, cls: str, cause: str, decision: str) -> None:
    e = classify(None, text)
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("clerk", cls, cause, decision)


def test_sdk_error_dump_keeps_the_code() -> None:
    # ClerkAPIResponseError.toString(): name, message, status, the serialized errors and the trace id.
    dump = ("[ClerkAPIResponseError]\nMessage:Token retrieval failed\nStatus:400\nSerialized errors: "
            '{"code":"oauth_token_retrieval_error","message":"Token retrieval failed","longMessage":"Failed to '
            'retrieve a new access token from the OAuth provider"}\nClerk Trace ID: ' + TRACE)
    e = classify(None, dump)
    assert (e.provider, e.provider_code, e.failure_class, e.decision) == (
        "clerk", "oauth_token_retrieval_error", "invalid_grant", "reauth")


@pytest.mark.parametrize("url", ["https://verb-noun-00.clerk.accounts.dev/oauth/token",
                                 "https://api.clerk.com/v1/users/user_2abc/oauth_access_tokens/oauth_google"])
def test_clerk_hosts_name_the_provider(url: str) -> None:
    e = classify(400, json.dumps({"error": "invalid_grant"}), url=url)
    assert e.provider == "clerk"


def test_other_providers_errors_lists_stay_theirs() -> None:
    # GitHub's validation-error shape: errors[] with resource, field and code.
    github = classify(422, json.dumps({"message": "Validation Failed", "errors": [
        {"resource": "OauthAccess", "field": "client_id", "code": "invalid"}]}))
    assert github.provider != "clerk"
    assert (github.failure_class, github.decision) == ("invalid_client", "fix_config")
    # Supabase shares one code name (refresh_token_not_found) in its own body shape.
    supabase = classify(400, json.dumps({"code": 400, "error_code": "refresh_token_not_found",
                                         "msg": "Invalid Refresh Token: Refresh Token Not Found"}))
    assert supabase.provider == "supabase"
    # Square's errors[] carries category and an upper-case code.
    square = classify(401, json.dumps({"errors": [{"category": "AUTHENTICATION_ERROR", "code": "UNAUTHORIZED",
                                                   "detail": "This request could not be authorized."}]}))
    assert square.provider == "square"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("clerk")
    assert resolve_id("clerk-dev") == "clerk"
    assert profile.endpoints.authorize.url == "https://{domain}/oauth/authorize"
    assert profile.endpoints.token.url == "https://{domain}/oauth/token"
    assert profile.endpoints.hosts == ["*.clerk.accounts.dev", "api.clerk.com"]
    assert profile.client_auth.accepted == ["client_secret_basic", "none"]
    assert profile.grants.supported == ["authorization_code", "refresh_token"]
    assert (profile.pkce.required, profile.pkce.methods) == ("public_clients", ["S256"])
    assert profile.token_policy.access_token_lifetime.seconds == 86400
    assert profile.token_policy.refresh_token_lifetime.seconds is None
    assert profile.token_policy.refresh_token_lifetime.basis == "confirmed"


def test_every_code_points_at_its_entry_in_clerks_error_table() -> None:
    codes = get_profile("clerk").errors.codes
    assert len(codes) >= 80
    for code, outcome in codes.items():
        assert outcome.source is not None and outcome.source.startswith(DOCS_ERRORS), code
        assert outcome.checked is not None and outcome.basis in ("confirmed", "heuristic"), code


def test_explain_cli_end_to_end() -> None:
    body = clerk("oauth_access_denied", "", "You did not grant access to your Google account")
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "clerk", "--status", "403", "--format", "json",
         body],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "clerk", "access_denied", "user_denied_consent", "reauth", "oauth_access_denied")
    assert TRACE not in json.dumps(out["hints"])
