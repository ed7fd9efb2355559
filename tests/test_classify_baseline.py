"""The generic baseline (no provider): one case per rule family that the RFCs or the error text decide."""

from __future__ import annotations

import json

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook(overrides={})


@pytest.mark.parametrize(("status", "body", "headers", "expected"), [
    # RFC 8628: a polling answer stays what it says, whatever the description adds.
    (200, "Too many requests have been made in the same timeframe. (slow_down)", None,
     ("slow_down", "device_polling_too_fast", "retry")),
    (400, '{"error":"expired_token","error_description":"This device code has expired."}', None,
     ("expired_token", "device_code_expired", "reauth")),
    # RFC 7523 JWT bearer grants: the assertion is the client's to fix.
    (400, '{"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token (60 minutes) '
          'and in a reasonable timeframe. Check your iat and exp values in the JWT claim."}', None,
     ("invalid_grant", "clock_skew", "fix_config")),
    (400, '{"error":"invalid_grant","error_description":"invalid assertion"}', None,
     ("invalid_grant", "assertion_invalid", "fix_config")),
    # Redirect mismatch spelled as invalid_request.
    (400, "Oauth error invalid_request: The redirect_uri is not whitelisted", None,
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    # RFC 6750 resource errors.
    (403, '{"error":{"code":403,"message":"Request had insufficient authentication scopes.",'
          '"status":"PERMISSION_DENIED"}}', None, ("insufficient_scope", "missing_scope", "fix_config")),
    (401, '{"fault":{"error":[{"message":"AuthenticationFailed","detail":"Malformed bearer token: too short or too '
          'long","code":"3200"}]}}', None, ("invalid_token", "access_token_malformed", "fix_config")),
    (401, '{"status":401,"code":"REVOKED_ACCESS_TOKEN","message":"The token used in the request has been revoked '
          'by the user"}', None, ("invalid_token", "token_revoked", "reauth")),
    # A single-use code refused under a non-standard name; a description under 'details'.
    (400, 'Exception while fetching Access Token from grant token{"error":"invalid_code"}', None,
     ("invalid_grant", "ambiguous", "reauth")),
    (400, '{"details":"(invalid_grant) Missing code verifier."}', None,
     ("invalid_grant", "pkce_verifier_missing", "fix_config")),
    (400, '{"error":"invalid_request","error_description":"Parameter \'code_verifier\' is required"}', None,
     ("invalid_request", "pkce_verifier_missing", "fix_config")),
    # Formats: an authorization error redirected back to the client; a Ruby hash; the code inside the error
    # value; an error object nested in a JS error; OAuth 1.0a problem reports; codes in plain text.
    (302, "https://app.test/cb?error=access_denied&error_description=The+user+has+denied+your+application+access.",
     None, ("access_denied", "user_denied_consent", "reauth")),
    (400, '{"error"=>"invalid_client"}', None, ("invalid_client", "bad_client_credentials", "fix_config")),
    (400, '{"error": "invalid_client: Invalid client_id or client_secret"}', None,
     ("invalid_client", "bad_client_credentials", "fix_config")),
    (403, '{"name":"invalid_grant","message":"Wrong email or password.","json":{"error":"invalid_grant",'
          '"error_description":"Wrong email or password."},"status":403}', None,
     ("invalid_grant", "resource_owner_credentials_invalid", "fix_config")),
    (503, "oauth_problem=rate%20limit%20exceeded&oauth_problem_advice=please%20wait%20before%20retrying", None,
     ("rate_limited", "rate_limit_exceeded", "retry")),
    (200, "invalid_client_id", None, ("invalid_client", "unknown_client_id", "fix_config")),
    (200, '{"ok": false, "error": "missing_scope", "needed": "client"}', None,
     ("insufficient_scope", "missing_scope", "fix_config")),
    # A second factor is an interaction (as Entra's AADSTS50076): the user must act, the grant is not broken.
    (403, "mfa_required: Multifactor authentication required", None,
     ("interaction_required", "mfa_required", "reauth")),
    (403, '{"statusCode": 403, "message": "Insufficient scope: authorized scope is insufficient", '
          '"name": "insufficient_scope"}', None, ("insufficient_scope", "missing_scope", "fix_config")),
    (401, '{"error":{"message":"Error refreshing the OAuth2 token, message: \'{\\n  \\"error\\" : \\"deleted_client\\"'
          ',\\n  \\"error_description\\" : \\"The OAuth client was deleted.\\"\\n}\'","code":401}}', None,
     ("invalid_client", "client_deleted_or_not_found", "fix_config")),
    (401, '{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid."}}',
     None, ("invalid_token", "ambiguous", "retry")),
    (400, '{"error":"interaction_required","error_description":"AADSTS50079: you must enroll in MFA"}', None,
     ("interaction_required", "mfa_enrollment_required", "reauth")),
    # OIDC Core 3.1.2.6: the user must act; a silent request cannot succeed, an interactive one can.
    (400, '{"error":"login_required","error_description":"No session"}', None,
     ("interaction_required", "login_required", "reauth")),
    (302, "https://app.example/cb?error=account_selection_required&state=x", None,
     ("interaction_required", "account_selection_required", "reauth")),
    (400, '{"error":"consent_required"}', None, ("interaction_required", "consent_required", "reauth")),
    # Descriptions that name the cause whatever the code says.
    (400, '{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:list_users:admin]."}',
     None, ("insufficient_scope", "missing_scope", "fix_config")),
    (401, "", {"WWW-Authenticate": 'Bearer error="invalid_token", error_description="The audience \'api1\' is '
                                   'invalid"'}, ("invalid_token", "token_for_wrong_audience", "fix_config")),
    (400, '{"error":"access_denied","error_description":"Policy evaluation failed for this request, please check the '
          'policy configurations."}', None, ("access_denied", "access_policy_denied", "fix_config")),
    (400, "400 Bad Request: refresh token was not issued to this client", None,
     ("invalid_grant", "refresh_token_client_mismatch", "fix_config")),
    (401, '{"error":"unauthorized_client","error_description":"Client secret not provided in request"}', None,
     ("invalid_client", "client_authentication_missing", "fix_config")),
    (400, '{"error":"unauthorized_client","error_description":"UNKNOWN_CLIENT: Client was not identified by any '
          'client authenticator"}', None, ("invalid_client", "unknown_client_id", "fix_config")),
    (400, "Invalid parameter: redirect_uri", None,
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    (403, "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.", None,
     ("rate_limited", "rate_limit_exceeded", "retry")),
    (400, '{"error":"invalid_request","error_description":"PKCE code challenge should be specified in the authorize '
          'request for code verification."}', None, ("invalid_request", "pkce_challenge_missing", "fix_config")),
    # A gateway in front of the token endpoint whose upstream failed (RFC 9110 502): a server error, retry.
    (502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", None,
     ("server_error", "idp_server_error", "retry")),
    # Graph's "expired or is not yet valid": an expired token or a clock behind the issuer's.
    (401, '{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired '
          'or not yet valid."}}', None, ("invalid_token", "ambiguous", "retry")),
])
def test_generic_rule(status: int, body: str, headers: dict[str, str] | None, expected: tuple[str, str, str]) -> None:
    result = classify(status, body, headers, rulebook=BOOK)
    assert (result.failure_class, result.cause, result.decision) == expected, result.summary


@pytest.mark.parametrize("body", [
    "https://app.test/cb?code=4/0AQSTgCANARY-code-123&error=access_denied&error_description=code+"
    "4/0AQSTgCANARY-code-123+refused&state=s1",
    '{"error":"invalid_grant","error_description":"refresh token CANARY-refresh-456 is revoked",'
    '"refresh_token":"CANARY-refresh-456"}',
])
def test_credentials_in_the_input_are_never_echoed(body: str) -> None:
    result = classify(400, body, rulebook=BOOK)
    shown = json.dumps(result.to_json())
    assert "CANARY" not in shown
    assert "…(" in (result.error_description or "")  # replaced by a fingerprint, not dropped


@pytest.mark.parametrize(("description", "secret"), [
    ("Invalid access token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl", "eyJhbGciOiJSUzI1NiJ9"),
    ("Invalid access token: 3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60", "8b7d-4c6e"),  # Spring Security OAuth < 2.5.2
    ("Invalid refresh token (expired): 8c2d1a7e4f9b3c6d5e0a", "8c2d1a7e4f9b3c6d5e0a"),
    ("Invalid authorization code: Xy7kPq", "Xy7kPq"),  # Spring's six-character codes
    ("the JWT eyJraWQiOiJrMSJ9.eyJpc3MiOiJ4In0.sig_value_1 was issued for another audience", "eyJraWQiOiJrMSJ9"),
])
def test_a_credential_the_server_echoed_into_its_message_is_fingerprinted(description: str, secret: str) -> None:
    """The description is shown; a token or code the server quoted back in it must not be (the brief: no access
    token, refresh token or code in any output)."""
    result = classify(401, json.dumps({"error": "invalid_token", "error_description": description}), rulebook=BOOK)
    shown = json.dumps(result.to_json())
    assert secret not in shown and "…(" in (result.error_description or "")


@pytest.mark.parametrize("description", [
    "Error code: AADSTS7000218 client secret missing",  # a provider code is not a credential
    "Invalid token: token is expired", "Code not valid", "The access token expired 19884 day(s) ago",
])
def test_words_and_codes_after_a_credentials_name_are_shown_as_they_are(description: str) -> None:
    result = classify(400, json.dumps({"error": "invalid_grant", "error_description": description}), rulebook=BOOK)
    assert result.error_description == description


@pytest.mark.parametrize(("body", "words"), [
    # Square's errors[].code, Strava's word, Zoom's number: error codes, not authorization codes
    ('{"errors":[{"category":"AUTHENTICATION_ERROR","code":"ACCESS_TOKEN_EXPIRED",'
     '"detail":"This access token has expired."}]}', "ACCESS_TOKEN_EXPIRED"),
    ('{"error":"invalid_grant","error_description":"invalid code","errors":[{"code":"invalid"}]}', "invalid code"),
    ('{"code":1001,"message":"User does not exist: 1001"}', "1001"),
])
def test_an_error_code_in_a_code_field_is_not_hidden(body: str, words: str) -> None:
    shown = json.dumps(classify(401, body, rulebook=BOOK).to_json(), ensure_ascii=False)
    assert words in shown and "…(" not in shown


@pytest.mark.parametrize("code", ["SplxlOBeZQQYbYS6WxSbIA", "e2a4b1f8c3d5e6f7a8b9", "0.AXkAc2lnbmF0dXJl-xyz"])
def test_an_authorization_code_in_a_code_field_is_still_hidden(code: str) -> None:
    """RFC 6749's example code, GitHub's hex codes, Entra's dotted ones: the code is a credential wherever it is."""
    body = json.dumps({"error": "invalid_grant", "error_description": f"code {code} was already used", "code": code})
    shown = json.dumps(classify(400, body, rulebook=BOOK).to_json(), ensure_ascii=False)
    assert code not in shown and "…(" in shown


def test_a_callbacks_code_is_hidden_even_when_it_looks_like_a_word() -> None:
    """In a callback URL ``code`` is the authorization code, even a lower-case one that a JSON body's error code
    could look like."""
    url = "https://app.test/cb?code=qwertyuiopasdf&state=s1&error=invalid_request&error_description=code+qwertyuiopasdf"
    shown = json.dumps(classify(None, url, rulebook=BOOK).to_json(), ensure_ascii=False)
    assert "qwertyuiopasdf" not in shown and "…(" in shown


def test_a_refresh_token_invalid_or_issued_to_another_client_lists_both_causes() -> None:
    """The server names two causes in one sentence; the answer must not pick the rarer one with confidence."""
    body = json.dumps({"error": "invalid_grant", "error_description": "the provided authorization refresh token is "
                                                                      "invalid or was issued to another client"})
    r = classify(400, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == ("invalid_grant", "ambiguous", "reauth", "low")
    assert [(c.cause, c.decision) for c in r.candidates] == [("refresh_token_revoked", "reauth"),
                                                             ("refresh_token_client_mismatch", "fix_config")]


@pytest.mark.parametrize(("body", "expected"), [
    # an API that reuses RFC 8628's expired_token for its access token says which token expired
    ('{"errors":[{"errorType":"expired_token","message":"Access token expired: eyJhbGciOi."}],"success":false}',
     ("invalid_token", "access_token_expired", "retry")),
    ('{"error":"expired_token","error_description":"The access_token has expired"}',
     ("invalid_token", "access_token_expired", "retry")),
    # the device flow's own use keeps its meaning
    ('{"error":"expired_token","error_description":"The device code has expired"}',
     ("expired_token", "device_code_expired", "reauth")),
    ('{"error":"expired_token"}', ("expired_token", "device_code_expired", "reauth")),
])
def test_expired_token_means_the_token_the_description_names(body: str, expected: tuple[str, str, str]) -> None:
    r = classify(401, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == expected


def test_authlibs_jose_expiry_is_an_expired_token_not_a_device_code() -> None:
    # authlib/jose/errors.py ExpiredTokenError: error "expired_token", description "The token is expired"
    r = classify(None, "authlib.jose.errors.ExpiredTokenError: expired_token: The token is expired", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_token", "access_token_expired", "retry")


def test_could_not_find_reads_one_sentence_not_the_next() -> None:
    """'... we couldn't find your session. Try logging in again from the application' is no unknown client: the
    sentence that cannot find something ends before 'application'."""
    text = ("You may have pressed the back button, refreshed during login, opened too many login dialogs, or there is "
            "some issue with cookies, since we couldn't find your session. Try logging in again from the application "
            "and if the problem persists please contact the administrator.")
    assert classify(None, text, rulebook=BOOK).cause != "unknown_client_id"
    assert classify(400, "Could not find client application with id abc", rulebook=BOOK).cause == "unknown_client_id"
