"""Round eighteen (issue #16): reading written from corpora thirty-one to thirty-four's development halves. The texts
are written for these tests in the sources' terms; none is a corpus case."""

from __future__ import annotations

import base64
import json

import pytest
from classify_answers import BOOK, answer

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.extract import extract


@pytest.mark.parametrize("body", [
    '{"error": "invalid_request", "error_description": "Invalid  refresh token"}',
    "InvalidClientIdError('(invalid_request) Invalid   refresh_token')",
])
def test_a_run_of_spaces_between_words_reads_as_one_space(body: str) -> None:
    assert answer(400, body) == ("invalid_grant", "refresh_token_invalid", "reauth")


def test_spaces_are_folded_only_between_words_and_the_description_shown_is_the_servers() -> None:
    ex = extract(400, '{"error": "invalid_request", "error_description": "Invalid  refresh token  "}')
    assert ex.desc_text == "Invalid refresh token  "
    assert ex.description == "Invalid  refresh token  "


def test_an_error_page_offering_to_try_later_or_contact_the_developer_is_not_transient() -> None:
    # Google's sign-in error page says this of every refused request; the code on the page decides
    body = ("You can't sign in because Example App sent an invalid request. You can try again later, or contact the "
            "developer about this issue. Error 400: invalid_request")
    assert answer(400, body, provider="google")[2] == "fix_config"
    assert answer(503, "The service is busy. Please try it later.")[:1] == ("temporarily_unavailable",)
    assert answer(None, "Token refresh failed, please try later")[2] == "retry"


@pytest.mark.parametrize(("body", "expected"), [
    ('getAuthToken: "OAuth2 not granted or revoked."', ("access_denied", "consent_not_granted", "reauth")),
    ("Unchecked runtime.lastError: The user did not approve access.",
     ("access_denied", "user_denied_consent", "reauth")),
    ("User interaction required. Try setting `abortOnLoadForNonInteractive` and `timeoutMsForNonInteractive`",
     ("interaction_required", "interaction_required", "reauth")),
    ("Did not redirect to the right URL.", ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    ("Error: The user is not signed in.", ("interaction_required", "login_required", "reauth")),
])
def test_chromes_identity_api_errors_are_read(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_chromes_page_load_failure_lists_both_causes() -> None:
    r = classify(None, "launchWebAuthFlow: Authorization page could not be loaded.", None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", "ambiguous", "fix_config")
    assert [c.cause for c in r.candidates] == ["provider_error_page", "network_error"]


def test_a_second_interactive_broker_request_is_the_apps_to_avoid() -> None:
    body = "WAM Error Message: Cannot execute an interactive request because one is already in progress"
    assert answer(None, body) == ("invalid_request", "interactive_call_in_progress", "fix_config")


def test_googles_invalid_credentials_after_its_status_is_still_an_access_token_to_refresh() -> None:
    assert answer(401, "401 Invalid Credentials", provider="google")[::2] == ("invalid_token", "retry")
    assert answer(401, "401: Invalid Credentials", provider="google")[2] == "retry"


def test_apps_script_authorization_required_means_the_user_must_consent() -> None:
    body = "Exception: Authorization is required to perform that action."
    assert answer(None, body, provider="google") == ("interaction_required", "script_authorization_required",
                                                     "reauth")


def test_box_assertion_expiry_words_without_the_claim_word_are_clock_skew() -> None:
    body = "Current date/time MUST be before the expiration date/time listed in the 'exp'"
    assert answer(400, body, provider="box") == ("invalid_grant", "clock_skew", "fix_config")


def test_metas_expired_session_words_logged_alone_are_an_expired_access_token() -> None:
    body = ("feed.js:10 Error: api request error: 190 Error validating access token: Session has expired on Friday, "
            "01-Mar-24 10:00:00 PST. The current time is Monday, 04-Mar-24 09:00:00 PST.")
    assert answer(None, body, provider="meta") == ("invalid_token", "session_expired", "reauth")
    assert answer(None, body, provider="instagram") == ("invalid_token", "session_expired", "reauth")


@pytest.mark.parametrize("body", [
    "OCA\\OAuth2\\Exceptions\\ClientNotFoundException",
    "Type: App\\Auth\\Exceptions\\ClientNotFoundException",
])
def test_an_exceptions_qualified_class_name_reads_as_its_own_name(body: str) -> None:
    assert answer(500, body)[::2] == ("invalid_client", "fix_config")


def test_a_dotted_message_key_keeps_all_its_parts() -> None:
    # ZITADEL's message keys: reading only the last part ("not found") would lose whose
    ex = extract(400, '{"error": "invalid_request", "error_description": "Errors.User.NotFound"}')
    assert ex.desc_text == "Errors.User.NotFound"


def test_hubspots_insufficient_scopes_is_the_install_urls_scope_list() -> None:
    body = "Couldn't complete the connection. Insufficient scopes were provided. Please contact the app developer."
    assert answer(None, body, provider="hubspot") == ("invalid_scope", "install_url_scopes_differ_from_app",
                                                      "fix_config")


@pytest.mark.parametrize(("body", "expected"), [
    ("535-5.7.8 Username and Password not accepted. For more information, go to the help page",
     ("invalid_grant", "ambiguous", "fix_config")),
    ("smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted.')",
     ("invalid_grant", "ambiguous", "fix_config")),
    ("501 5.5.2 Cannot Decode response", ("invalid_request", "sasl_response_malformed", "fix_config")),
    ("535 5.7.139 Authentication unsuccessful, basic authentication is disabled.",
     ("access_denied", "basic_auth_disabled", "fix_config")),
    ("534-5.7.9 Application-specific password required.", ("invalid_request", "auth_mechanism_too_weak", "fix_config")),
    ("454 4.7.0 Temporary authentication failure", ("temporarily_unavailable", "idp_transient_outage", "retry")),
])
def test_smtp_auth_replies_are_read_by_their_rfc_4954_codes(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_an_smtp_reply_code_given_as_the_status_is_not_a_server_error() -> None:
    assert answer(535, "535 5.7.8 Username and Password not accepted.")[0] == "invalid_grant"


@pytest.mark.parametrize(("code", "expected"), [
    ("CONSENT_EXPIRED", ("invalid_grant", "consent_expired", "reauth")),
    ("TOKEN_EXPIRED", ("invalid_token", "access_token_expired", "retry")),
    ("CERTIFICATE_EXPIRED", ("invalid_client", "tpp_certificate_invalid", "fix_config")),
    ("ACCESS_EXCEEDED", ("rate_limited", "consent_access_frequency_exceeded", "retry")),
    ("PSU_CREDENTIALS_INVALID", ("invalid_grant", "psu_credentials_invalid", "reauth")),
])
def test_berlin_group_tpp_message_codes_are_read(code: str, expected: tuple[str, str, str]) -> None:
    body = json.dumps({"tppMessages": [{"category": "ERROR", "code": code, "text": "see code"}]})
    assert answer(401, body) == expected


def test_a_bank_consent_the_end_user_must_give_again_is_a_new_authorisation() -> None:
    body = "Agreement expired after 90 days. The end user must connect the bank account again."
    assert answer(400, body)[2] == "reauth"


def test_githubs_rate_limit_named_by_ip_is_unauthenticated_calls() -> None:
    body = ('{"message": "API rate limit exceeded for 203.0.113.7. (But here\'s the good news: Authenticated '
            'requests get a higher rate limit.)"}')
    assert answer(403, body, provider="github") == ("rate_limited", "unauthenticated_requests", "fix_config")
    user = '{"message": "API rate limit exceeded for user ID 42."}'
    assert answer(403, user, provider="github")[2] == "retry"


@pytest.mark.parametrize(("body", "expected"), [
    ("ExpirationException: OAuth2 credentials have expired and can't be refreshed.",
     ("invalid_token", "ambiguous", "reauth")),
    ("CredentialsManagerException: An error occurred while trying to use the Refresh Token to renew the Credentials.",
     ("invalid_grant", "ambiguous", "reauth")),
    ("warn: '.AspNetCore.Correlation.abc123' cookie not found.", ("invalid_request", "state_or_session_lost",
                                                                  "fix_config")),
    ("KeyError: 'github_oauth_state'", ("invalid_request", "state_or_session_lost", "fix_config")),
    ('"The user credentials were incorrect."', ("invalid_grant", "resource_owner_credentials_invalid", "fix_config")),
    ("addition limit exceeded for this client_id. contact support to increase the limit.",
     ("rate_limited", "quota_exceeded", "fix_config")),
    ("Sign-in failed due to a temporary issue", ("temporarily_unavailable", "idp_transient_outage", "retry")),
    ("Forbidden. Access is denied. Retrying will not help. Please verify your key= parameter.",
     ("invalid_client", "api_key_invalid", "fix_config")),
])
def test_client_library_and_service_texts_of_round_eighteen(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_gmails_older_refusal_under_5_7_1_reads_the_same() -> None:
    body = "535-5.7.1 Username and Password not accepted. Learn more at 535 5.7.1 http://support.google.com/mail"
    assert answer(535, body, provider="google") == ("invalid_grant", "ambiguous", "fix_config")


XOAUTH2 = base64.b64encode(b"user=me@example.com\x01auth=Bearer ya29.canary-access-token-42\x01\x01").decode()


@pytest.mark.parametrize("body", [
    f"C: AUTH XOAUTH2 {XOAUTH2}\nS: 535-5.7.8 Username and Password not accepted.",
    f"A1 AUTHENTICATE XOAUTH2 {XOAUTH2}\nA1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
    f"a1 authenticate xoauth2 {XOAUTH2}\na1 no [authenticationfailed] invalid credentials (failure)",
    "< 334 VXNlcm5hbWU6\n> bWVAZXhhbXBsZS5jb20=\n< 334 UGFzc3dvcmQ6\n> czNjcmV0UGFzczE=\n< 535 5.7.8 not accepted",
    "CLIENT -> SERVER: AUTH LOGIN SERVER -> CLIENT: 334 UGFzc3dvcmQ6 CLIENT -> SERVER: czNjcmV0UGFzczE= "
    "SERVER -> CLIENT: 535-5.7.8 Username and Password not accepted.",
])
def test_a_mail_logs_sasl_credentials_are_fingerprinted_not_shown(body: str) -> None:
    shown = json.dumps(classify(None, body, None, rulebook=BOOK).to_json(), ensure_ascii=False)
    for secret in (XOAUTH2, "czNjcmV0UGFzczE=", "bWVAZXhhbXBsZS5jb20="):
        assert secret not in shown
    assert "…(" in shown  # the fingerprint stands in its place


def test_a_sasl_failure_challenge_is_decoded_and_read_by_its_status() -> None:
    challenge = base64.b64encode(json.dumps({"status": "invalid_token", "scope": "mail"}).encode()).decode()
    assert answer(None, f"S: + {challenge}")[0] == "invalid_token"
    request = base64.b64encode(json.dumps({"status": "invalid_request", "scope": "mail"}).encode()).decode()
    assert answer(None, f"client: continuation not handled: [+ {request} ]")[::2] == ("invalid_request", "fix_config")
    gmail = base64.b64encode(json.dumps({"status": "401", "schemes": "bearer", "scope": "mail"}).encode()).decode()
    assert extract(None, f"334 {gmail}").status == 401


@pytest.mark.parametrize(("body", "expected"), [
    ('"Domain=com.apple.AuthenticationServices.WebAuthenticationSession Code=1"',
     ("access_denied", "user_cancelled_sign_in", "reauth")),
    ("AuthError: no_loopback_server_exists: No loopback server exists yet.",
     ("invalid_request", "local_callback_listener_failed", "fix_config")),
])
def test_platform_sign_in_errors_of_round_eighteen(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


@pytest.mark.parametrize("body", [
    "AttributeError: 'str' object has no attribute 'verifier'",
    "MissingPluginException(No implementation found for method authorize on channel example/appauth)",
    "TypeError: Cannot read properties of undefined (reading 'refresh')",
])
def test_a_crash_of_the_callers_own_code_names_no_oauth_failure(body: str) -> None:
    assert answer(None, body, provider="xero")[::2] == ("unknown", "none")  # not the provider's answer either
    assert answer(None, body)[::2] == ("unknown", "none")
    # an OAuth code in the same text keeps its reading
    assert answer(None, f"{body} (invalid_grant)")[0] == "invalid_grant"


def test_a_java_servers_own_null_pointer_crash_stays_its_server_error_reading() -> None:
    body = "ERROR [org.example.oauth.Grant] (Grant.java:231) - null java.lang.NullPointerException: null"
    assert answer(None, body, provider="gluu")[2] != "none"


@pytest.mark.parametrize("body", [
    "Access denied - Your administrator denied access to the integration you selected.",
    "Your admin has blocked access to this app.",
])
def test_an_administrators_refusal_is_a_policy_not_the_users(body: str) -> None:
    assert answer(None, body) == ("access_denied", "access_policy_denied", "fix_config")
    assert answer(None, "access_denied: The user denied access to the app")[1] == "user_denied_consent"


@pytest.mark.parametrize(("body", "provider", "expected"), [
    ("org.keycloak.common.VerificationException: Didn't find publicKey for specified kid", None,
     ("invalid_token", "token_signature_invalid", "fix_config")),
    ("EDAMUserException(errorCode=9, parameter='authenticationToken')", None, ("invalid_token", "ambiguous", "reauth")),
    ("EDAMSystemException(errorCode=19, message=None, rateLimitDuration=300)", None,
     ("rate_limited", "rate_limit_exceeded", "retry")),
    ('{"error": "authorization_expired"}', None, ("invalid_grant", "grant_dead", "reauth")),
    ("ApiException: Key hash AbC123xyz does not match any stored key hashes", "meta",
     ("invalid_client", "android_key_hash_not_registered", "fix_config")),
    ("Invalid Key Hash", "meta", ("invalid_client", "android_key_hash_not_registered", "fix_config")),
    ("Session information is not sufficient for single-sign-on.", "microsoft",
     ("interaction_required", "login_required", "reauth")),
])
def test_round_eighteen_third_wave(body: str, provider: str | None, expected: tuple[str, str, str]) -> None:
    assert answer(None, body, provider=provider) == expected


def test_a_token_missing_a_claim_is_not_a_missing_token() -> None:
    body = "token has invalid claims: token is missing required claim: aud claim is required"
    assert answer(None, body)[1] != "access_token_missing"
    assert answer(None, "access token is missing")[1] == "access_token_missing"


def test_googles_error_page_url_names_its_error_in_the_auth_error_parameter() -> None:
    payload = b"\n\x15redirect_uri_mismatch\x12\x1fThe redirect URI is not allowed."
    url = "https://accounts.google.com/signin/oauth/error/v2?authError=" + base64.urlsafe_b64encode(payload).decode()
    assert answer(None, f"Access blocked: Example's request is invalid {url}")[::2] == ("redirect_uri_mismatch",
                                                                                       "fix_config")
    # a parameter that is not such a message reads as the page's words
    assert extract(None, "https://accounts.google.com/signin/oauth/error?authError=notbase64!!").error is None


@pytest.mark.parametrize(("body", "provider", "expected"), [
    ("storageQuotaExceeded: Service Accounts do not have storage quota.", None,
     ("access_denied", "storage_quota_exhausted", "fix_config")),
    ('{"error": {"errors": [{"domain": "usageLimits", "reason": "quotaExceeded", "message": "Usage limits exceeded."}],'
     ' "code": 403, "message": "Usage limits exceeded."}}', None, ("rate_limited", "rate_limit_exceeded", "retry")),
    ("Error: Wrong recipient, payload audience != requiredAudience", None,
     ("invalid_token", "token_for_wrong_audience", "fix_config")),
    ("Authorization to Salesforce has expired. Reauthorize the connection to access your data.", None,
     ("invalid_grant", "grant_dead", "reauth")),
    ('x-ms-diagnostics: 2000008;reason="The token contains no permissions, or permissions can not be understood."',
     None, ("insufficient_scope", "missing_scope", "fix_config")),
    ("40014: 不合法的access_token", "dingtalk", ("invalid_token", "ambiguous", "retry")),
    ('failed to get token: Post "https://oauth2.example.com/token": EOF', None,
     ("temporarily_unavailable", "network_error", "retry")),
    ("googleapi: Error 401: Invalid Credentials, authError", "google", ("invalid_token", "ambiguous", "retry")),
    ("This app tried to access sensitive info in your Google Account. Google blocked this access.", "google",
     ("access_denied", "app_verification_required", "fix_config")),
])
def test_round_eighteen_fourth_wave(body: str, provider: str | None, expected: tuple[str, str, str]) -> None:
    assert answer(403 if "usageLimits" in body else None, body, provider=provider) == expected


def test_gos_token_fetch_failure_without_a_logged_body_is_still_read() -> None:
    # "oauth2: cannot fetch token: 400 Bad Request" with no Response: the line is the token request's refusal
    r = classify(None, "Get token failed: oauth2: cannot fetch token: 400 Bad Request", None, rulebook=BOOK)
    assert (r.failure_class, r.decision) == ("invalid_request", "fix_config")
    assert extract(None, "oauth2: cannot fetch token: 400 Bad Request").status == 400
