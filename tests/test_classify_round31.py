"""Round thirty-one (issue #16): word families and phrases written from corpora 260-275's development halves,
and a message one level down in an API's envelope. The bodies are written for these tests."""

from __future__ import annotations

import pytest
from classify_answers import answer


@pytest.mark.parametrize("body,expected", [
    # an instruction to sign in again names the fix, when no phrase rule reads the text
    ("Please log in again", ("invalid_grant", "grant_dead", "reauth")),
    ("Manual authentication is needed. Sign in again to continue.", ("invalid_grant", "grant_dead", "reauth")),
    ("Credentials not found. Run `acme auth login` and repeat the command.", ("invalid_grant", "grant_dead",
                                                                               "reauth")),
    ("No session. Use acmectl login to obtain a session.", ("invalid_grant", "grant_dead", "reauth")),
    # a bare refusal by the user, as a library hands it on
    ("user denied", ("access_denied", "user_denied_consent", "reauth")),
    ("The end-user declined", ("access_denied", "user_denied_consent", "reauth")),
    # node-jsonwebtoken's claim type checks
    ("JsonWebTokenError: invalid exp value", ("invalid_token", "access_token_malformed", "fix_config")),
    ("invalid nbf value", ("invalid_token", "access_token_malformed", "fix_config")),
    # an access key is an API key
    ("Specified access key is not found or invalid.", ("invalid_token", "api_key_invalid", "fix_config")),
    # Windows' untrusted-root texts are TLS failures
    ("A certificate chain processed, but terminated in a root certificate which is not trusted by the trust "
     "provider.", ("unknown", "tls_certificate_untrusted", "fix_config")),
    ("The certificate chain was issued by an authority that is not trusted.",
     ("unknown", "tls_certificate_untrusted", "fix_config")),
    # a wait the server names in minutes is a retry
    ("Too busy. Please retry in 5 minutes", ("temporarily_unavailable", "token_service_unavailable", "retry")),
    ("Please try again in 10 minutes.", ("temporarily_unavailable", "token_service_unavailable", "retry")),
    # corpora 268-275's development halves
    ("The issuer in the token does not match the configured issuer.", ("invalid_token", "token_from_other_issuer",
                                                                       "fix_config")),
    ('{"error": "unauthorized", "error_description": "User jdoe is not active."}',
     ("access_denied", "account_disabled", "fix_config")),
    ("Login refused: the account has been suspended", ("access_denied", "account_disabled", "fix_config")),
    ("Must specify two-factor authentication OTP code.", ("interaction_required", "mfa_required", "reauth")),
    ("A one-time passcode is required for this sign-in", ("interaction_required", "mfa_required", "reauth")),
    ("454 Temporary authentication failure", ("temporarily_unavailable", "idp_transient_outage", "retry")),
])
def test_texts_that_name_their_failure(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_a_message_one_level_down_in_an_envelope_is_read() -> None:
    """{"meta": {"error_message": ...}}: the API's message under a wrapper key, not only at the top."""
    body = '{"meta": {"error_type": "OAuthAccessTokenException", "error_message": "The access_token provided is ' \
           'invalid."}}'
    assert answer(None, body)[0] == "invalid_token"


@pytest.mark.parametrize("body,expected", [
    # the sign-in instruction is a word family: a phrase rule that reads the text keeps its own reading
    ("Please run 'az login' to set up account.", ("interaction_required", "login_required", "reauth")),
    # a longer sentence about a denial is no bare refusal by the user
    ("user denied by policy", ("access_denied", "access_policy_denied", "fix_config")),
    # an access token is not an API key
    ("The access token is invalid", ("invalid_token", "ambiguous", "fix_config")),
    # a lockout is still read as a failed login when no wait is named
    ("Login failed. Please try again.", ("invalid_request", "ambiguous", "fix_config")),
])
def test_guards(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected
