"""The SuperTokens profile: the session recipe's fixed bodies, the messages the SDK and core attach to its errors,
the third-party and email-verification statuses and the OAuth2 provider recipe's errors map to the class, cause and
decision the profile states; SuperTokens is recognised by its own words or by its headers, never by a bare
``{"message": "unauthorised"}``.

Bodies are built here from supertokens-node at 2a4f89a (``lib/ts/recipe/session/utils.ts`` sends each session error
as ``{"message": ...}``; ``cookieAndHeaders.ts`` sets ``front-token: remove`` and empty ``st-*-token`` headers when it
clears a session; the messages are the ones the recipes throw) and supertokens-core at 0c1739b (defaults in
``CoreConfig.java``). None is copied from a report.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

CLEARED = {"front-token": "remove", "st-access-token": "", "st-refresh-token": "",
           "access-control-expose-headers": "front-token, st-access-token, st-refresh-token"}


def message(text: str) -> str:
    return json.dumps({"message": text})


def invalid_claim(claim_id: str) -> str:
    """sendInvalidClaimResponse's body with one failed validator."""
    return json.dumps({"message": "invalid claim", "claimValidationErrors": [
        {"id": claim_id, "reason": {"message": "wrong value", "expectedValue": True, "actualValue": False}}]})


SESSION_CASES = [
    # (status, body, class, cause, decision)
    (401, message("try refresh token"), "invalid_token", "access_token_expired", "retry"),
    (401, message("unauthorised"), "invalid_grant", "session_expired_or_revoked", "reauth"),
    (401, message("token theft detected"), "invalid_grant", "refresh_token_reused_after_rotation", "reauth"),
    (403, invalid_claim("st-ev"), "interaction_required", "email_verification_required", "reauth"),
    (403, invalid_claim("st-mfa"), "interaction_required", "step_up_required", "reauth"),
    (403, invalid_claim("st-role"), "access_denied", "missing_role_or_permission", "fix_config"),
    (403, invalid_claim("st-perm"), "access_denied", "missing_role_or_permission", "fix_config"),
    (403, invalid_claim("app-plan"), "access_denied", "ambiguous", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), SESSION_CASES)
def test_session_bodies_with_the_headers_the_sdk_sets(status: int, body: str, cls: str, cause: str,
                                                       decision: str) -> None:
    for provider in ("supertokens", None):  # the headers (or the own words) name SuperTokens
        e = classify(status, body, headers=CLEARED, provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("supertokens", cls, cause, decision)


def test_session_status_is_configurable_so_rules_read_the_body() -> None:
    # sessionExpiredStatusCode may be set to 440 or anything else; the body is what decides
    e = classify(440, message("try refresh token"), provider="supertokens")
    assert (e.failure_class, e.decision, e.normalized_status) == ("invalid_token", "retry", 401)


def test_try_refresh_token_lists_the_configuration_causes() -> None:
    e = classify(401, message("try refresh token"))
    # an expired access token leans on the client's refresh (engine.LEANS_ON_THE_CALLER)
    assert e.provider == "supertokens" and e.confidence == "medium"
    by_cause = {c.cause: c.decision for c in e.candidates}
    assert by_cause == {"access_token_expired": "retry", "anti_csrf_header_missing": "fix_config",
                        "duplicate_session_cookies": "fix_config"}


def test_unauthorised_names_the_cookie_settings_that_lose_the_refresh_token() -> None:
    e = classify(401, message("unauthorised"), headers=CLEARED)
    refresh = next(c for c in e.candidates if c.cause == "refresh_token_not_sent")
    assert refresh.decision == "fix_config"
    for setting in ("cookieDomain", "cookieSameSite", "credentials: 'include'"):
        assert setting in (refresh.hint or "")


def test_bare_unauthorised_does_not_detect_supertokens() -> None:
    e = classify(401, message("unauthorised"))
    assert e.provider is None
    e = classify(401, message("unauthorised"), headers={"content-type": "application/json"})
    assert e.provider is None


@pytest.mark.parametrize("header", ["front-token", "st-access-token", "st-refresh-token"])
def test_unauthorised_with_any_one_supertokens_header_is_detected(header: str) -> None:
    e = classify(401, message("unauthorised"), headers={header: "remove" if header == "front-token" else ""})
    assert (e.provider, e.decision) == ("supertokens", "reauth")


def test_unauthorised_with_cleared_session_cookies_is_detected() -> None:
    cookie = "sAccessToken=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax"
    e = classify(401, message("unauthorised"), headers={"set-cookie": cookie})
    assert (e.provider, e.failure_class) == ("supertokens", "invalid_grant")


MESSAGE_CASES = [
    # (text, class, cause, decision) -- what the SDK and core attach to the errors (logs, 500 pages)
    ("Error: The request contains multiple session cookies. This may happen if you've changed the 'cookieDomain' "
     "value in your configuration. To clear tokens from the previous domain, set 'olderCookieDomain' in your config.",
     "invalid_request", "cookie_domain_changed", "fix_config"),
    (message("The request contains multiple session cookies. We are clearing the cookie from olderCookieDomain. "
             "Session will be refreshed in the next refresh call."),
     "invalid_token", "duplicate_session_cookies_cleared", "retry"),
    ("errorHandler: Error is from SuperTokens recipe. Message: anti-csrf check failed. Please pass 'rid: \"session\"' "
     "header in the request.", "invalid_request", "anti_csrf_header_missing", "fix_config"),
    ("Provided antiCsrfToken is undefined. If you do not want anti-csrf check for this API, please set "
     "doAntiCsrfCheck to false for this API", "invalid_request", "anti_csrf_header_missing", "fix_config"),
    ("Refresh token not found. Are you sending the refresh token in the request?",
     "invalid_request", "refresh_token_not_sent", "fix_config"),
    ("Refresh token not found but access token is present. Clearing all tokens.",
     "invalid_request", "refresh_token_not_sent", "fix_config"),
    ("Session does not exist. Are you sending the session tokens in the request with the appropriate token "
     "transfer method?", "invalid_request", "access_token_missing", "fix_config"),
    ("Session does not exist anymore", "invalid_grant", "session_expired_or_revoked", "reauth"),
    ("The access token doesn't match the useDynamicAccessTokenSigningKey setting",
     "invalid_token", "access_token_needs_refresh", "retry"),
    ("using legacy session, please call the refresh API", "invalid_token", "access_token_needs_refresh", "retry"),
    ("Token parsing failed", "invalid_token", "malformed_token", "fix_config"),
    ("Error: SuperTokens core threw an error for a POST request to path: '/recipe/session/refresh' with status "
     "code: 401 and message: Invalid API key", "invalid_client", "core_api_key_invalid", "fix_config"),
    ("Error: SuperTokens core threw an error for a GET request to path: '/apiversion' with status code: 500 and "
     "message: Internal Error", "server_error", "core_unavailable", "retry"),
]


@pytest.mark.parametrize(("text", "cls", "cause", "decision"), MESSAGE_CASES)
def test_sdk_and_core_messages(text: str, cls: str, cause: str, decision: str) -> None:
    e = classify(None, text, provider="supertokens")
    assert (e.failure_class, e.cause, e.decision) == (cls, cause, decision)


@pytest.mark.parametrize("text", [MESSAGE_CASES[0][0], MESSAGE_CASES[2][0], MESSAGE_CASES[4][0],
                                  MESSAGE_CASES[8][0], MESSAGE_CASES[11][0]])
def test_own_messages_name_supertokens_without_provider(text: str) -> None:
    assert classify(None, text).provider == "supertokens"


THIRDPARTY_CASES = [
    (400, message("the provider google could not be found in the configuration"),
     "unauthorized_client", "provider_not_configured", "fix_config"),
    (None, "Error: Could not find client config for clientType: web",
     "invalid_client", "provider_client_config_missing", "fix_config"),
    (None, "Error: ThirdParty provider's tokenEndpoint is not configured.",
     "invalid_client", "provider_client_config_missing", "fix_config"),
    (None, "Error: Access token does not belong to your application",
     "invalid_token", "token_for_wrong_audience", "fix_config"),
    (200, json.dumps({"status": "NO_EMAIL_GIVEN_BY_PROVIDER"}),
     "invalid_scope", "provider_returned_no_email", "fix_config"),
    (200, json.dumps({"status": "SIGN_IN_UP_NOT_ALLOWED", "reason": "Cannot sign in / up due to security reasons. "
                      "Please try a different login method or contact support. (ERR_CODE_004)"}),
     "access_denied", "account_linking_not_allowed", "fix_config"),
    (200, json.dumps({"status": "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR"}),
     "invalid_grant", "email_verification_token_invalid", "reauth"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), THIRDPARTY_CASES)
def test_thirdparty_and_email_verification(status: int | None, body: str, cls: str, cause: str,
                                           decision: str) -> None:
    for provider in ("supertokens", None):
        e = classify(status, body, provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("supertokens", cls, cause, decision)


def test_upstream_provider_body_inside_the_thirdparty_error_decides() -> None:
    text = ('Error: Received response with status 400 and body {"error":"invalid_grant",'
            '"error_description":"Bad Request"}')
    e = classify(None, text, provider="supertokens")
    assert (e.error, e.failure_class, e.decision) == ("invalid_grant", "invalid_grant", "reauth")


def test_oauth2_provider_recipe_token_errors() -> None:
    url = "https://api.example.com/auth/oauth/token"
    e = classify(400, json.dumps({"error": "invalid_request", "error_description": "client_id not found"}),
                 provider="supertokens", url=url)
    assert (e.failure_class, e.cause, e.decision) == ("invalid_client", "unknown_client_id", "fix_config")
    e = classify(400, json.dumps({"error": "invalid_request",
                                  "error_description": "Unsupported grant type: password"}), provider="supertokens")
    assert (e.failure_class, e.cause, e.decision) == ("unsupported_grant_type", "grant_type_not_supported",
                                                      "fix_config")


@pytest.mark.parametrize(("status", "body", "headers", "provider"), [
    # Supabase's GoTrue and GitHub's API use their own words; a bare 401 message is anyone's
    (401, json.dumps({"code": 401, "error_code": "bad_jwt", "msg": "invalid JWT: token is expired"}), None, "supabase"),
    (401, json.dumps({"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}), None,
     "github"),
    (401, json.dumps({"message": "Unauthorized"}), None, None),
])
def test_other_bodies_are_not_supertokens(status: int, body: str, headers: dict[str, str] | None,
                                          provider: str | None) -> None:
    e = classify(status, body, headers=headers)
    assert e.provider == provider
    assert e.provider != "supertokens"


def test_profile_facts_the_verdicts_rest_on() -> None:
    assert resolve_id("supertokens-core") == "supertokens"
    p = get_profile("supertokens")
    assert p.kind == "server"
    tp = p.token_policy
    assert tp.access_token_lifetime.seconds == 3600 and tp.access_token_lifetime.basis == "confirmed"
    assert tp.refresh_token_lifetime.seconds == 100 * 24 * 3600 and tp.refresh_token_lifetime.basis == "confirmed"
    # no single grace period: 30 s with CDI 5.6+, until the successor is first used with older CDI
    assert (tp.rotation.mode, tp.rotation.reuse_detection, tp.rotation.reuse_grace_seconds) == ("always", True, None)
    assert p.endpoints.token.url == "{issuer}/oauth/token"
    assert all("2a4f89ace6fe089f3b5648684520ac609169c563" in (r.source or "")
               or "0c1739bf43a49d0c4a4892ca3f49cd3303ad28ad" in (r.source or "") for r in p.errors.rules)


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--format", "json", "--status", "401",
         "--header", "front-token: remove", '{"message":"unauthorised"}'],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "supertokens", "invalid_grant", "session_expired_or_revoked", "reauth")
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "supertokens", "--format", "json",
         '{"message":"try refresh token"}'],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["decision"] == "retry"
