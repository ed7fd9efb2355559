"""Issue #16's families in wording no rule was written from (round fifteen): sentences written for this test in
other words than any source, corpus case or rule (a synonym, another sentence shape), to check that a family carries
the meaning and not only the phrases it was written from."""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()

PARAPHRASES = [
    # family 4: the client authentication method named in other sentence shapes
    (None, "The client_secret has to be sent in the request body, not via Basic auth",
     "invalid_client", "wrong_client_auth_method", "fix_config"),
    (401, '{"error":"invalid_client","error_description":"This client is configured for client_secret_post"}',
     "invalid_client", "wrong_client_auth_method", "fix_config"),
    (400, '{"error":"invalid_request","error_description":"HTTP Basic authentication is not supported for this '
          'client"}', "invalid_client", "wrong_client_auth_method", "fix_config"),
    (401, '{"error":"invalid_client","error_description":"client_secret_basic authentication method is not '
          'allowed"}', "invalid_client", "wrong_client_auth_method", "fix_config"),
    # family 3: an organisation's policy, an administrator's approval, a group the user is not in
    (None, "User does not belong to any group that is permitted to use this application",
     "access_denied", "user_not_in_required_groups", "fix_config"),
    (None, "The user is not assigned to a role for this application",
     "access_denied", "user_not_assigned_to_app", "fix_config"),
    (None, "Your organization administrator has restricted third-party application access",
     "access_denied", "org_policy_blocks_app", "fix_config"),
    (None, "Access to this application is blocked by your organization's policy",
     "access_denied", "org_policy_blocks_app", "fix_config"),
    (None, "An administrator must grant consent before this app can be used",
     "access_denied", "admin_approval_required", "fix_config"),
    (None, "This app has not been approved by your organization's admin",
     "access_denied", "admin_approval_required", "fix_config"),
    # family 2: invalid_token with a reason that no refresh repairs
    (401, '{"error":"invalid_token","error_description":"token signed with unknown kid"}',
     "invalid_token", "token_signature_invalid", "fix_config"),
    (401, '{"error":"invalid_token","error_description":"No signing key found for kid abc"}',
     "invalid_token", "token_signature_invalid", "fix_config"),
    (401, '{"error":"invalid_token","error_description":"token was issued for a different resource"}',
     "invalid_token", "token_for_wrong_audience", "fix_config"),
    (401, '{"error":"invalid_token","error_description":"token was issued by a different tenant"}',
     "invalid_token", "token_from_other_issuer", "fix_config"),
    # family 6: the redirect under another name, on a page, whatever the status
    (500, "<html><body><h1>Error</h1><p>The redirect address is not one of the registered addresses for this "
          "client.</p></body></html>", "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (200, "<html><title>Sign in error</title><body>The return URL you provided is not registered for this "
          "application.</body></html>", "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, "<html><body>Invalid callback URL: the callback does not match any configured callback</body></html>",
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    # family 7: an assertion dated ahead of the server's clock is the clock; a bad signature is the assertion
    (400, '{"error":"invalid_grant","error_description":"JWT issued at time is in the future"}',
     "invalid_grant", "clock_skew", "fix_config"),
    (400, '{"error":"invalid_grant","error_description":"The assertion iat claim is too far in the future"}',
     "invalid_grant", "clock_skew", "fix_config"),
    (400, '{"error":"invalid_grant","error_description":"assertion is not yet valid (nbf)"}',
     "invalid_grant", "clock_skew", "fix_config"),
    (400, '{"error":"invalid_grant","error_description":"assertion signature could not be verified"}',
     "invalid_grant", "assertion_invalid", "fix_config"),
    # family 1: plain text without a code
    (None, "client_id is required", "invalid_request", "missing_parameter", "fix_config"),
    (None, "Missing required parameter: redirect_uri", "invalid_request", "missing_parameter", "fix_config"),
    (None, "This application is not allowed to use the password grant",
     "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config"),
    (None, "Request timed out while contacting the authorization server",
     "temporarily_unavailable", "network_error", "retry"),
    # family 8 and a session the user must open again
    (None, "error=login_required&error_description=user+session+not+found",
     "interaction_required", "login_required", "reauth"),
    (None, "Silent authentication failed: interaction is required",
     "interaction_required", "login_required", "reauth"),
    (None, "The user must consent to the application before it can access their data",
     "interaction_required", "consent_required", "reauth"),
    (None, "Multi-factor authentication is required to access this resource",
     "interaction_required", "mfa_required", "reauth"),
    # RFC 8628's device flow in other words
    (None, "The user has not yet approved the device login; keep polling",
     "authorization_pending", "device_authorization_pending", "retry"),
    (None, "You are polling too frequently, please increase the interval",
     "slow_down", "device_polling_too_fast", "retry"),
    (None, "The device code has expired; start a new device authorization",
     "expired_token", "device_code_expired", "reauth"),
    # RFC 7636
    (None, "PKCE verification failed: the code_verifier is incorrect",
     "invalid_grant", "pkce_verifier_mismatch", "fix_config"),
    (None, "The code_verifier parameter was not sent but the authorization request used PKCE",
     "invalid_request", "pkce_verifier_missing", "fix_config"),
    (None, "Only S256 is allowed as code_challenge_method",
     "invalid_request", "pkce_method_not_supported", "fix_config"),
    # grants that are dead, and a redirect_uri compared with the authorization request's (RFC 6749 4.1.3)
    (None, "Refresh token reuse detected; all tokens in the family were revoked",
     "invalid_grant", "refresh_token_reused_after_rotation", "reauth"),
    (None, "Refresh token expired due to inactivity", "invalid_grant", "refresh_token_inactive", "reauth"),
    (None, "This authorization code has already been redeemed", "invalid_grant", "auth_code_reused", "reauth"),
    (None, "redirect_uri does not match the one used when requesting the authorization code",
     "invalid_grant", "redirect_uri_differs_from_authorize", "fix_config"),
    (None, "The redirect URI must be identical to the one used in the authorization request",
     "invalid_grant", "redirect_uri_differs_from_authorize", "fix_config"),
    (400, '{"error":"redirect_uri_mismatch","error_description":"redirect_uri did not match the one sent in the '
          'authorization request"}', "redirect_uri_mismatch", "redirect_uri_differs_from_authorize", "fix_config"),
    (None, "redirect_uri does not match the registered one",
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    # the client, the grant type and the scope
    (None, "No client with requested id: my-app", "invalid_client", "unknown_client_id", "fix_config"),
    (None, "The client application could not be found in the tenant", "invalid_client", "unknown_client_id",
     "fix_config"),
    (None, "Client secret has expired; create a new one", "invalid_client", "client_secret_expired", "fix_config"),
    (None, "Grant type 'password' is not supported by this server",
     "unsupported_grant_type", "grant_type_not_supported", "fix_config"),
    (None, "The scope 'offline_access' is not permitted for this client",
     "invalid_scope", "scope_not_allowed", "fix_config"),
    (403, '{"message":"This action requires the write:repo scope"}', "insufficient_scope", "missing_scope",
     "fix_config"),
    # tokens at APIs, and clocks
    (401, '{"message":"Token has been revoked by the user"}', "invalid_token", "token_revoked", "reauth"),
    (None, "The provided access token is malformed", "invalid_token", "access_token_malformed", "fix_config"),
    (None, "JWT not yet valid: the nbf claim is in the future", "invalid_token", "clock_skew", "fix_config"),
    (None, "getaddrinfo ENOTFOUND login.example.com", "temporarily_unavailable", "network_error", "retry"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), PARAPHRASES,
                         ids=[p[1][:48] for p in PARAPHRASES])
def test_a_family_reads_wording_it_was_not_written_from(status: int | None, body: str, cls: str, cause: str,
                                                        decision: str) -> None:
    r = classify(status, body, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == (cls, cause, decision)


def test_a_login_session_that_asks_for_a_new_sign_in_is_the_user_s_to_redo() -> None:
    # the login page timing out restarts by itself (retry); a session that asks the user to sign in again is reauth
    assert classify(None, "Your login attempt timed out. Login will start from the beginning.", None,
                    rulebook=BOOK).decision == "retry"
    assert classify(None, "Login session expired, please sign in again", None, rulebook=BOOK).decision == "reauth"


def test_an_assertion_that_expired_is_still_the_client_s_to_sign_again() -> None:
    r = classify(400, '{"error":"invalid_grant","error_description":"assertion has expired"}', None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_grant", "client_assertion_expired", "fix_config")


def test_a_parameter_named_as_missing_is_not_the_client_secret() -> None:
    # a secret that is not sent is client authentication (invalid_client), not a missing request parameter
    r = classify(None, "client_secret is required", None, rulebook=BOOK)
    assert r.cause != "missing_parameter"
