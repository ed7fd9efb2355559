"""The Stytch profile: Stytch's error types map to the class, cause and decision the profile states, a Stytch body
(and the SDKs' printed errors) is recognised without ``--provider``, and other providers' bodies stay theirs.

Bodies are built here from Stytch's own SDKs: the error shape of stytch-node's ``lib/shared/errors.ts`` at 72cab7d
(``status_code``, ``request_id``, ``error_type``, ``error_message``, ``error_url``; the OAuth 2.0 shape with
``error``, ``error_description``, ``error_uri``), the messages and statuses of its sandbox tests, the error types of
stytch-android's ``StytchAPIErrorType`` at 84010c3, the Go SDK's ``Error()`` text (stytch-go f9d86e2) and the Python
SDK's ``str()`` (stytch-python 6987801). Where a type is known by name only the message is left empty. None is
copied from a report.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

REQUEST_ID = "request-id-test-0c3b7a52-7f3e-4b1a-9d8e-2f6c1a0b9e11"


def stytch(status: int, error_type: str, message: str = "") -> str:
    """A Stytch API error body: error_url names the status and the type."""
    return json.dumps({"status_code": status, "request_id": REQUEST_ID, "error_type": error_type,
                       "error_message": message,
                       "error_url": f"https://stytch.com/docs/api/errors/{status}#{error_type}"})


CASES = [
    # (status, error_type, message, class, cause, decision)
    # confirmed by the SDKs' sandbox tests and the mobile SDK's unrecoverable set
    (404, "session_not_found", "", "invalid_grant", "session_expired_or_revoked", "reauth"),
    (401, "unable_to_auth_magic_link", "The magic link could not be authenticated because it was either already used "
     "or expired. Send another magic link to this user.", "invalid_grant", "one_time_token_used_or_expired", "reauth"),
    (404, "magic_link_not_found", "The magic link could not be authenticated, try sending another magic link to the "
     "user.", "invalid_grant", "one_time_token_used_or_expired", "reauth"),
    (401, "user_unauthenticated", "", "invalid_grant", "session_expired_or_revoked", "reauth"),
    (401, "invalid_secret_authentication", "", "invalid_client", "api_secret_invalid", "fix_config"),
    # the project's credentials and environments
    (401, "unauthorized_project_id_live", "", "invalid_client", "environment_mismatch", "fix_config"),
    (401, "wrong_stack_test", "", "invalid_client", "environment_mismatch", "fix_config"),
    (401, "public_token_not_found", "", "invalid_client", "public_token_invalid", "fix_config"),
    # OAuth logins (Stytch as the client of Google, Microsoft ...)
    (404, "oauth_token_not_found", "", "invalid_grant", "upstream_tokens_missing", "reauth"),
    (400, "unable_to_refresh_oauth_token", "", "invalid_grant", "upstream_grant_revoked", "reauth"),
    (400, "oauth_token_exchange_microsoft_expired_secret", "", "invalid_client", "client_secret_expired",
     "fix_config"),
    (404, "oauth_config_not_found", "", "unauthorized_client", "sign_in_provider_disabled", "fix_config"),
    (400, "pkce_mismatch", "", "invalid_grant", "pkce_verifier_mismatch", "fix_config"),
    (400, "oauth_state_used", "", "invalid_request", "stale_callback", "reauth"),
    # redirect URLs
    (400, "redirect_url_not_found", "", "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, "connected_app_supplied_redirect_url_not_found_in_client", "", "redirect_uri_mismatch",
     "redirect_uri_not_registered", "fix_config"),
    # Stytch as an OAuth provider (Connected Apps)
    (400, "idp_refresh_token_already_used", "", "invalid_grant", "refresh_token_reused_after_rotation", "reauth"),
    (400, "idp_auth_code_expired", "", "invalid_grant", "auth_code_expired", "reauth"),
    (401, "idp_access_token_expired", "", "invalid_token", "access_token_expired", "retry"),
    (400, "connected_app_consent_revoked", "", "invalid_grant", "consent_revoked", "reauth"),
    # limits
    (429, "too_many_requests", "", "rate_limited", "rate_limited", "retry"),
    (500, "internal_server_error", "", "server_error", "idp_transient_outage", "retry"),
]


@pytest.mark.parametrize(("status", "error_type", "message", "cls", "cause", "decision"), CASES,
                         ids=[c[1] for c in CASES])
def test_stytch_error_types_map_as_the_profile_states(status: int, error_type: str, message: str, cls: str,
                                                      cause: str, decision: str) -> None:
    e = classify(status, stytch(status, error_type, message))
    assert (e.provider, e.provider_code) == ("stytch", error_type)
    assert (e.failure_class, e.cause, e.decision) == (cls, cause, decision)


def test_confirmed_types_answer_high_and_named_only_types_say_they_are_heuristic() -> None:
    confirmed = classify(404, stytch(404, "session_not_found")).to_json()
    assert (confirmed["basis"], confirmed["confidence"]) == ("confirmed", "high")
    named = classify(404, stytch(404, "oauth_token_not_found")).to_json()
    assert named["basis"] == "heuristic"
    assert named["confidence"] != "high"


def test_unauthorized_credentials_lists_the_backend_secret_against_a_gone_session() -> None:
    e = classify(401, stytch(401, "unauthorized_credentials")).to_json()
    assert (e["provider"], e["class"], e["cause"], e["decision"]) == ("stytch", "invalid_client", "ambiguous",
                                                                       "fix_config")
    assert [(c["cause"], c["decision"]) for c in e["candidates"]] == [
        ("api_secret_invalid", "fix_config"), ("session_expired_or_revoked", "reauth")]


def test_stytchs_invalid_token_type_is_a_one_time_token_not_rfc_6750() -> None:
    # error_type invalid_token (the READMEs' magic-link example) is Stytch's; RFC 6750's arrives as error.
    own = classify(400, stytch(400, "invalid_token"))
    assert (own.provider, own.failure_class, own.decision) == ("stytch", "invalid_grant", "reauth")
    rfc = classify(401, json.dumps({"error": "invalid_token"}), provider="stytch")
    assert rfc.failure_class == "invalid_token"


@pytest.mark.parametrize(("text", "code", "cls", "decision"), [
    # stytch-go's Error() and stytch-python's str() of a StytchError
    (f"Stytch Error - request ID: {REQUEST_ID}, status code: 404, type: session_not_found, message: ",
     "session_not_found", "invalid_grant", "reauth"),
    (f"status_code=401 request_id='{REQUEST_ID}' error_type='unauthorized_project_id_test' error_message='' "
     "error_url=None original_json=None", "unauthorized_project_id_test", "invalid_client", "fix_config"),
])
def test_sdk_printed_errors_keep_the_type(text: str, code: str, cls: str, decision: str) -> None:
    e = classify(None, text)
    assert (e.provider, e.provider_code, e.failure_class, e.decision) == ("stytch", code, cls, decision)


@pytest.mark.parametrize(("text", "cls", "cause", "decision"), [
    ("ClientError: jwt_too_old: JWT was issued at 1764900000, more than 300 seconds ago", "invalid_token",
     "token_too_old_for_local_check", "retry"),
    ("ClientError: jwt_invalid: Could not verify JWT: JWTExpired: \"exp\" claim timestamp check failed",
     "invalid_token", "ambiguous", "retry"),
    ("ClientError: token_invalid: Token was not active", "invalid_token", "ambiguous", "retry"),
    ("ClientError: missing_scopes: Missing at least one required scope", "insufficient_scope", "scope_not_granted",
     "fix_config"),
    ("ClientError: tenancy_mismatch: Member belongs to different organization", "access_denied",
     "organization_mismatch", "fix_config"),
])
def test_node_sdk_local_checks(text: str, cls: str, cause: str, decision: str) -> None:
    e = classify(None, text)
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("stytch", cls, cause, decision)


def test_go_sdk_local_errors_are_shaped_like_the_apis() -> None:
    body = json.dumps({"status_code": 400, "error_type": "oauth2_invalid_token_error",
                       "error_message": "The token introspected was not valid. It may be expired., v18.0.0",
                       "error_url": "https://stytch.com/docs/api/errors/400"})
    e = classify(400, body).to_json()
    assert (e["provider"], e["class"], e["decision"]) == ("stytch", "invalid_token", "retry")
    assert [c["cause"] for c in e["candidates"]] == ["access_token_expired", "token_revoked"]


def test_oauth2_shape_with_stytchs_error_uri_names_stytch() -> None:
    body = json.dumps({"status_code": 400, "request_id": REQUEST_ID, "error": "invalid_client",
                       "error_description": "Client authentication failed.",
                       "error_uri": "https://stytch.com/docs/api/errors/400"})
    e = classify(400, body)
    assert (e.provider, e.failure_class, e.decision) == ("stytch", "invalid_client", "fix_config")


@pytest.mark.parametrize("url", ["https://test.stytch.com/v1/public/project-test-0000/oauth2/token",
                                 "https://api.stytch.com/v1/sessions/authenticate"])
def test_stytch_hosts_name_the_provider(url: str) -> None:
    assert classify(400, json.dumps({"error": "invalid_grant"}), url=url).provider == "stytch"


def test_other_providers_bodies_stay_theirs() -> None:
    # A generic error_type/error_message pair with a type Stytch shares with others names nobody.
    generic = classify(429, json.dumps({"error_type": "too_many_requests", "error_message": "Slow down"}))
    assert generic.provider != "stytch"
    assert generic.decision == "retry"
    bare = classify(401, json.dumps({"error": "invalid_token", "error_description": "The access token expired"}))
    assert bare.provider != "stytch"
    notion = classify(401, json.dumps({"object": "error", "status": 401, "code": "unauthorized",
                                       "message": "API token is invalid."}))
    assert notion.provider == "notion"
    workos = classify(403, json.dumps({"code": "mfa_challenge", "pending_authentication_token": "pat_1"}))
    assert workos.provider == "workos"


STYTCH_SOURCES = ("https://github.com/stytchauth/", "https://stytch.com/docs/")  # its SDKs and its docs


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("stytch")
    assert resolve_id("stytch-b2b") == "stytch"
    assert profile.endpoints.token.url == "https://{domain}/v1/public/{tenant}/oauth2/token"
    assert profile.endpoints.hosts == ["api.stytch.com", "test.stytch.com"]
    assert profile.client_auth.accepted == ["client_secret_post"]
    assert profile.token_policy.access_token_lifetime.seconds == 3600
    assert profile.token_policy.access_token_lifetime.basis == "confirmed"
    assert profile.grants.basis == "confirmed"  # the Connected Apps token endpoint pages of Stytch's docs
    codes = profile.errors.codes
    assert len(codes) >= 70
    for code, outcome in codes.items():
        assert outcome.source and outcome.source.startswith(STYTCH_SOURCES), code
        assert outcome.basis in ("confirmed", "heuristic"), code
        if outcome.basis == "heuristic":
            assert outcome.note, code


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--status", "404", "--format", "json",
         stytch(404, "session_not_found")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "stytch", "invalid_grant", "session_expired_or_revoked", "reauth", "session_not_found")
