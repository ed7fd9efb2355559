"""Provider rules from the reference sheet, one or more per profile, through get_profile(id).errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oauthdoctor.classifier import baseline, classify
from oauthdoctor.classifier.book import RuleBook

pytest_plugins = ["test_classify_support"]


def aadsts(code: int, text: str, error: str = "invalid_grant") -> str:
    return json.dumps({"error": error, "error_description": f"AADSTS{code}: {text}\r\nTrace ID: x",
                       "error_codes": [code]})


CASES = [
    # (provider, status, body, headers, class, cause, decision)
    ("microsoft", 400, aadsts(54005, "OAuth2 Authorization code was already redeemed"), None,
     "invalid_grant", "auth_code_reused", "reauth"),
    ("microsoft", 401, aadsts(7000215, "Invalid client secret provided.", "invalid_client"), None,
     "invalid_client", "bad_client_secret", "fix_config"),
    ("microsoft", 400, aadsts(70019, "Verification code expired.", "expired_token"), None,
     "expired_token", "device_code_expired", "reauth"),
    ("microsoft", 400, aadsts(900144, "The request body must contain the following parameter: 'client_id'.",
                              "invalid_request"), None, "invalid_request", "missing_required_parameter", "fix_config"),
    ("microsoft", 429, aadsts(90055, "Tenant throttling.", "temporarily_unavailable"), {"Retry-After": "10"},
     "rate_limited", "tenant_throttled", "retry"),
    ("microsoft", 400, aadsts(50196, "The server terminated an operation because it encountered a loop."), None,
     "rate_limited", "request_loop_detected", "fix_config"),
    # Consent or MFA needed: the user must act interactively (OIDC interaction_required), the cause is Entra's;
    # missing consent on a call that cannot prompt is given outside that call, most often by an admin.
    ("entra", 400, aadsts(65001, "The user or administrator has not consented.", "invalid_grant"), None,
     "interaction_required", "ambiguous", "fix_config"),
    ("entra", 400, aadsts(50076, "Due to a configuration change made by your administrator, you must use MFA.",
                          "interaction_required"), None, "interaction_required", "mfa_required", "reauth"),
    # A disabled account: the endpoint's own class when it names one, access_denied on a sign-in page.
    ("entra", 400, aadsts(50057, "The user account is disabled."), None, "invalid_grant", "user_disabled",
     "fix_config"),
    ("entra", 400, "Sorry, but we're having trouble signing you in.\nAADSTS50057: The user account is disabled.",
     None, "access_denied", "user_disabled", "fix_config"),
    # A provider's status-only rule lists candidates; the text names one of them.
    ("linkedin", 401, '{"status":401,"serviceErrorCode":65601,"code":"REVOKED_ACCESS_TOKEN","message":"The token '
                      'used in the request has been revoked by the user"}', None, "invalid_token", "token_revoked",
     "reauth"),
    ("linkedin", 401, '{"status":401,"message":"Unauthorized"}', None, "invalid_token", "ambiguous", "reauth"),
    ("auth0", 302, "http://localhost:8080/?error=access_denied&error_description=Service%20not%20found%3A%20"
                   "https%3A%2F%2Fapi.example", None, "invalid_scope", "audience_not_found", "fix_config"),
    ("slack", 200, "An API error occurred: oauth_authorization_url_mismatch", None, "invalid_request",
     "authorize_url_version_mismatch", "fix_config"),  # the code at the end of a library's message
    ("github", 403, '{"message": "Resource not accessible by integration", "documentation_url": '
                    '"https://docs.github.com/rest/users/users#get-the-authenticated-user", "status": "403"}', None,
     "insufficient_scope", "missing_permission", "fix_config"),
    # A generic code wrapping the specific one: the inner (last) code is the reason.
    ("entra", 400, aadsts(70002, "Error validating credentials. AADSTS54005: OAuth2 Authorization code was already "
                          "redeemed, please retry with a new valid code or use an existing refresh token."), None,
     "invalid_grant", "auth_code_reused", "reauth"),
    ("google", 400, '{"error":"invalid_grant","error_description":"Malformed auth code."}', None,
     "invalid_grant", "auth_code_malformed", "fix_config"),
    ("google", 400, '{"error":"invalid_grant","error_description":"Invalid code verifier."}', None,
     "invalid_grant", "pkce_verifier_mismatch", "fix_config"),
    ("google", 400, '{"error":"invalid_grant","error_description":"reauth related error","error_subtype":'
     '"invalid_rapt"}', None, "invalid_grant", "reauth_required_by_session_control", "reauth"),
    ("google", 400, "Error 400: disallowed_useragent", None, "invalid_request", "embedded_webview_blocked",
     "fix_config"),
    ("google", 403, "Error 403: org_internal", None, "access_denied", "app_internal_user_outside_org", "fix_config"),
    ("salesforce", 400, '{"error":"invalid_grant","error_description":"user hasn\'t approved this consumer"}', None,
     "invalid_grant", "jwt_user_not_preauthorized", "fix_config"),
    ("salesforce", 401, '[{"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}]', None,
     "invalid_token", "access_token_expired", "retry"),
    ("github", 200, '{"error":"bad_verification_code","error_description":"The code passed is incorrect or expired."}',
     None, "invalid_grant", "auth_code_invalid_or_expired", "reauth"),
    ("github", 200, "error=slow_down&error_description=Too+many+requests&interval=10", None,
     "slow_down", "device_polling_too_fast", "retry"),
    ("github", 200, '{"error":"device_flow_disabled"}', None, "unauthorized_client", "device_flow_disabled",
     "fix_config"),
    ("hubspot", 400, '{"status":"BAD_REFRESH_TOKEN","message":"missing or invalid refresh token","correlationId":"x"}',
     None, "invalid_grant", "refresh_token_revoked_or_app_uninstalled", "reauth"),
    ("hubspot", 400, '{"status":"BAD_CODE_VERIFIER","message":"x"}', None, "invalid_grant", "pkce_verifier_mismatch",
     "fix_config"),
    ("slack", 200, '{"ok":false,"error":"bad_redirect_uri"}', None, "redirect_uri_mismatch",
     "redirect_uri_differs_from_authorize", "fix_config"),
    ("slack", 200, '{"ok":false,"error":"token_expired"}', None, "invalid_token", "access_token_expired", "retry"),
    ("netsuite", 400, '{"error":"invalid_grant"}', None, "invalid_grant", "ambiguous", "reauth"),
    ("servicenow", 401, '{"error_description":"access_denied","error":"server_error"}', None, "invalid_client",
     "ambiguous", "fix_config"),
    ("freshdesk", 429, "", {"Retry-After": "60"}, "rate_limited", "account_rate_limit", "retry"),
    ("okta", 401, '{"error":"invalid_client","error_description":"Client authentication failed."}', None,
     "invalid_client", "bad_client_credentials", "fix_config"),
    ("auth0", 403, '{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}', None,
     "invalid_grant", "refresh_token_expired_or_revoked", "reauth"),
    # three client causes since the re-read of 2026-12-07 (test_profile_rereads.py)
    ("auth0", 401, '{"error":"access_denied","error_description":"Unauthorized"}', None, "invalid_client",
     "ambiguous", "fix_config"),
    ("atlassian", 403, '{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}', None,
     "invalid_grant", "refresh_token_expired_or_revoked", "reauth"),
    ("zoom", 400, '{"reason":"Invalid Token!","error":"invalid_request"}', None, "invalid_grant",
     "refresh_token_expired_or_revoked", "reauth"),
    ("zoom", 401, '{"code":124,"message":"Invalid access token, this access token is not supported as query '
     'parameter string."}', None, "invalid_token", "token_in_query_string", "fix_config"),
    ("xero", 400, '{"error":"invalid_grant"}', None, "invalid_grant", "ambiguous", "reauth"),
    ("intuit", 400, '{"error":"invalid_grant","error_description":"Token invalid"}', None, "invalid_grant",
     "ambiguous", "reauth"),
    ("dropbox", 400, '{"error_description": "refresh token is malformed", "error": "invalid_grant"}', None,
     "invalid_grant", "refresh_token_malformed", "fix_config"),
    ("box", 400, '{"error":"invalid_grant","error_description":"Refresh token has expired"}', None,
     "invalid_grant", "ambiguous", "reauth"),  # older than 60 days, or a single-use token used twice
    ("zendesk", 400, '{"error":"invalid_grant","error_description":"The provided access grant is invalid, expired, '
     'or revoked (e.g. invalid assertion)."}', None, "invalid_grant", "ambiguous", "reauth"),
    ("linkedin", 401, '{"serviceErrorCode":65600,"message":"Invalid access token","status":401}', None,
     "invalid_token", "ambiguous", "reauth"),
    ("keycloak", 400, '{"error":"invalid_grant","error_description":"Stale token"}', None, "invalid_grant",
     "refresh_token_reused_after_rotation", "reauth"),
    ("oidc-provider", 400, '{"error":"invalid_grant","error_description":"grant request is invalid"}', None,
     "invalid_grant", "ambiguous", "reauth"),
    ("oidc-provider", 400, '{"error":"invalid_request","error_description":"requested grant type is not allowed '
     'for this client"}', None, "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config"),
    ("shopify", 400, '{"error":"invalid_request","error_description":"The authorization code was not found or was '
     'already used"}', None, "invalid_grant", "auth_code_reused", "reauth"),
    # Issue #11: a Freshdesk 429 without Retry-After is a plan without API access; retrying never helps.
    ("freshdesk", 429, "", None, "access_denied", "plan_without_api_access", "fix_config"),
    # Issue #16 family 5: a dead install or a revoked token says reauth, with the candidates.
    ("shopify", 401, '{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}', None,
     "invalid_token", "ambiguous", "reauth"),
    ("github", 401, '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}', None,
     "invalid_token", "ambiguous", "reauth"),
    # Family 3: an organisation owner must approve the OAuth App; SAML SSO needs the token authorised (a user acts).
    ("github", 403, '{"message":"Although you appear to have the correct authorization credentials, the `acme` '
     'organization has enabled OAuth App access restrictions, meaning that data access to third-parties is limited."}',
     None, "access_denied", "org_oauth_app_restriction", "fix_config"),
    ("github", 403, "Resource protected by organization SAML enforcement. You must grant your OAuth token access to "
     "this organization.", None, "access_denied", "token_not_authorized_for_saml_sso", "reauth"),
    ("slack", 200, '{"ok":false,"error":"invalid_team_for_non_distributed_app"}', None, "unauthorized_client",
     "app_not_distributed", "fix_config"),
    # DOT and Doorkeeper say 'expired' when they know; 'invalid' is a token unknown to the store.
    ("django-oauth-toolkit", 401, "", {"WWW-Authenticate": 'Bearer realm="api",error="invalid_token",'
     'error_description="The access token has expired."'}, "invalid_token", "access_token_expired", "retry"),
    ("django-oauth-toolkit", 401, "", {"WWW-Authenticate": 'Bearer realm="api",error="invalid_token",'
     'error_description="The access token is invalid."'}, "invalid_token", "ambiguous", "reauth"),
    ("doorkeeper", 401, "", {"WWW-Authenticate": 'Bearer realm="Doorkeeper", error="invalid_token", '
     'error_description="The access token is invalid"'}, "invalid_token", "ambiguous", "reauth"),
    ("hubspot", 401, '{"status":"error","message":"The OAuth token used to make this call expired 19884 day(s) ago.",'
     '"category":"EXPIRED_AUTHENTICATION"}', None, "invalid_token", "token_not_issued_by_hubspot", "fix_config"),
    # HubSpot's changelog wording for a request without credentials
    ("hubspot", 401, '{"status":"error","message":"Authentication credentials not found. This API supports OAuth 2.0 '
     'authentication.","category":"INVALID_AUTHENTICATION"}', None, "invalid_request", "access_token_missing",
     "fix_config"),
    ("microsoft", 400, '{"error":"unauthorized_client","error_description":"AADSTS70001: Application with identifier '
     '\'abc\' was not found in the directory contoso.onmicrosoft.com"}', None, "invalid_client", "unknown_client_id",
     "fix_config"),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_provider_rule(case: tuple, merged_profiles: Path) -> None:
    provider, status, body, headers, cls, cause, decision = case
    result = classify(status, body, headers, provider=provider, rulebook=RuleBook())
    assert (result.failure_class, result.cause, result.decision) == (cls, cause, decision), result.summary


def test_ambiguous_google_expiry_lists_candidates_and_publish_hint(merged_profiles: Path) -> None:
    body = '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}'
    result = classify(400, body, provider="google", rulebook=RuleBook())
    causes = [c.cause for c in result.candidates]
    assert causes == ["testing_mode_7_day_expiry", "refresh_token_unused_6_months", "password_change_gmail_scopes",
                      "user_revoked_access", "refresh_token_cap_exceeded"]
    assert any("publish the Google app" in h for h in result.hints)
    assert result.to_json()["candidates"][0]["cause"] == "testing_mode_7_day_expiry"


def test_entra_answer_carries_code_reference_and_normalised_status(merged_profiles: Path) -> None:
    result = classify(400, aadsts(700082, "The refresh token has expired due to inactivity."), provider="entra",
                      rulebook=RuleBook())
    assert (result.provider, result.provider_code, result.normalized_status) == ("microsoft", "AADSTS700082", 400)
    assert "https://learn.microsoft.com/entra/identity-platform/refresh-tokens" in result.references


def test_github_200_is_normalised_to_401_for_bad_credentials(merged_profiles: Path) -> None:
    body = '{"error":"incorrect_client_credentials","error_description":"The client_id and/or client_secret passed"}'
    result = classify(200, body, url="https://github.com/login/oauth/access_token", rulebook=RuleBook())
    assert (result.status, result.normalized_status, result.failure_class) == (200, 401, "invalid_client")


def test_unknown_provider_is_lenient_unless_strict(merged_profiles: Path) -> None:
    from oauthdoctor.profiles.loader import UnknownProfile

    result = classify(400, '{"error":"invalid_grant"}', provider="no-such-provider", rulebook=RuleBook())
    assert (result.provider, result.failure_class) == (None, "invalid_grant")
    # a provider no profile describes counts as none given: the body's own wording names the software
    spring = ('error="invalid_grant", error_description="Invalid redirect: https://app.example/cb does not match one '
              'of the registered values."')
    named = classify(None, spring, provider="kakao", rulebook=RuleBook())
    assert (named.provider, named.failure_class, named.decision) == (
        "spring-security-oauth", "redirect_uri_mismatch", "fix_config")
    with pytest.raises(UnknownProfile):
        classify(400, "{}", provider="no-such-provider", rulebook=RuleBook(), strict=True)


def test_catch_all_rule_is_narrowed_by_the_text_to_one_of_its_candidates(merged_profiles: Path) -> None:
    named = classify(401, "invalid_client: The client secret supplied for a confidential client is invalid.",
                     provider="okta", rulebook=RuleBook())
    assert (named.failure_class, named.cause, named.candidates) == ("invalid_client", "bad_client_secret", ())
    vague = classify(401, '{"error":"invalid_client","error_description":"Client authentication failed."}',
                     provider="okta", rulebook=RuleBook())
    assert vague.cause == "bad_client_credentials"
    assert [c.cause for c in vague.candidates] == ["bad_client_secret", "wrong_client_auth_method"]


def test_a_narrowed_cause_decides_as_that_cause_not_as_the_catch_all() -> None:
    """Notion's invalid_grant rule decides reauth for its usual cause; the text names another of its candidates, a
    redirect URI that differs, and that is a fix, not a new sign-in."""
    body = '{"error":"invalid_grant","error_description":"redirect_uri does not match"}'
    result = classify(400, body, provider="notion", rulebook=RuleBook())
    assert (result.failure_class, result.cause, result.decision) == (
        "invalid_grant", "redirect_uri_differs_from_authorize", "fix_config")
    expired = classify(400, '{"error":"invalid_grant","error_description":"The refresh token has expired"}',
                       provider="notion", rulebook=RuleBook())
    assert expired.decision == "reauth"


def test_an_open_cause_whose_candidates_all_decide_alike_is_a_firmer_decision() -> None:
    """Apple's invalid_client has five candidate causes, every one a configuration fix: the decision is not in
    doubt, so it is medium; its invalid_grant's candidates disagree (a new sign-in or a fix), so it stays low."""
    client = classify(400, '{"error":"invalid_client"}', provider="apple", rulebook=RuleBook())
    assert (client.cause, client.decision, client.confidence) == ("ambiguous", "fix_config", "medium")
    assert {c.decision for c in client.candidates} == {"fix_config"}
    grant = classify(400, '{"error":"invalid_grant"}', provider="apple", rulebook=RuleBook())
    assert (grant.cause, grant.decision, grant.confidence) == ("ambiguous", "reauth", "low")
    assert {c.decision for c in grant.candidates} == {"reauth", "fix_config"}


def test_auth0_unknown_audience_is_detected_without_provider(merged_profiles: Path) -> None:
    result = classify(302, "https://app.example/cb?error=access_denied&error_description=Service%20not%20found%3A"
                           "%20https%3A%2F%2Fapi.example", rulebook=RuleBook())
    assert (result.provider, result.failure_class, result.cause) == ("auth0", "invalid_scope", "audience_not_found")


def test_entra_missing_consent_names_both_ways_and_does_not_forbid_the_interactive_one(merged_profiles: Path) -> None:
    body = aadsts(65001, "The user or administrator has not consented to use the application with ID 'x'.",
                  "invalid_grant")
    result = classify(400, body, None, provider="microsoft", rulebook=RuleBook())
    assert [c.cause for c in result.candidates] == ["admin_consent_missing", "consent_required"]
    assert (result.confidence, result.hints[-1]) == ("low", baseline.AMBIGUOUS_FIX_HINT)
    assert not any("re-authorising" in hint for hint in result.hints)


def test_fosites_malformed_refresh_token_is_not_taken_for_dropbox() -> None:
    """Dropbox's body is the bare words; fosite's sentence (Hydra, Authelia, Pocket ID) names no provider."""
    sentence = "The refresh token is malformed or not valid."
    fosite = classify(400, json.dumps({"error": "invalid_grant", "error_description": sentence}))
    dropbox = classify(400, '{"error":"invalid_grant","error_description":"refresh token is malformed"}')
    assert (fosite.provider, dropbox.provider) == (None, "dropbox")


def test_googles_reauthentication_subtype_named_in_text_is_an_interactive_sign_in() -> None:
    """google-auth-library-python's invalid_rapt / rapt_required, quoted in a log or an exception message."""
    quoted = '{"error": "invalid_grant", "error_description": "reauth related error (invalid_rapt)"}'
    # the wire's code is invalid_grant and the class follows it; a bare subtype names no code
    for body, cls in (("invalid_rapt", "interaction_required"), (quoted, "invalid_grant")):
        r = classify(400, body, None, provider="google")
        assert (r.failure_class, r.cause, r.decision) == (cls, "reauth_required_by_session_control", "reauth")


def test_words_outside_a_status_catch_alls_candidates_decide() -> None:
    """LinkedIn's 401 rule knows only the status (expired, revoked or scopes changed); 'Empty oauth2 access token'
    says the call carried no token at all - a fix, not a new sign-in - and the words' own basis stands."""
    body = '{"serviceErrorCode": 65604, "message": "Empty oauth2 access token", "status": 401}'
    r = classify(401, body, provider="linkedin", rulebook=RuleBook())
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", "access_token_missing", "fix_config")
    assert r.basis is None
    # the same catch-all with words it has no reading for keeps its candidates
    r = classify(401, '{"message": "Unauthorized request", "status": 401}', provider="linkedin", rulebook=RuleBook())
    assert (r.cause, r.decision) == ("ambiguous", "reauth")
    assert [c.cause for c in r.candidates] == ["access_token_expired", "token_revoked", "scopes_changed"]


@pytest.mark.parametrize(("text", "code"), [
    ("AADSTS70002: Error validating credentials. AADSTS54005: OAuth2 Authorization code was already redeemed",
     "AADSTS54005"),
    ("AADSTS50105: x. Trace ID: 1 and a stray AADSTSx at the end", "AADSTS50105"),  # the last anchor starts no match
    ("Sign-in error code: 50105", "AADSTS50105"),
    ("xAADSTS123456 then AADSTS50126", "AADSTS50126"),
])
def test_the_last_entra_code_in_the_text_is_the_reason(text: str, code: str) -> None:
    """code_pick: last - found without scanning the whole text when the last anchor starts a match."""
    assert classify(400, text, provider="microsoft").provider_code == code


def test_every_profile_leaves_the_token_endpoints_codes_their_class() -> None:
    """A provider's rule for its API's 401 or 403 is about the access token; a token endpoint answering
    invalid_client or invalid_grant with 401 or 400 (RFC 6749 5.2), and an API naming invalid_token or
    insufficient_scope (RFC 6750 3.1), keep that class under every profile (Todoist's and LinkedIn's 401 rules once
    turned invalid_client into a refused token, four 403 rules insufficient_scope into access_denied)."""
    from oauthdoctor.profiles.loader import all_profiles

    asked = [(status, code) for code in ("invalid_client", "invalid_grant") for status in (400, 401)]
    asked += [(401, "invalid_token"), (403, "insufficient_scope")]  # RFC 6750 3.1's codes under an API's rules
    wrong = []
    for profile in all_profiles():
        for status, code in asked:
            got = classify(status, json.dumps({"error": code}), provider=profile.id).failure_class
            if got != code and not (code == "invalid_grant" and got == "redirect_uri_mismatch"):
                wrong.append((profile.id, status, code, got))
    assert wrong == []
