"""Amazon Cognito user pools: its two error surfaces, read from AWS's own guide, API model and Amplify.

The OAuth endpoints on a user pool domain answer RFC 6749 bodies; the user pools API answers an AWS JSON
exception (``__type``) whose message alone tells a missing SECRET_HASH from a dead refresh token. Bodies here are
built from the documented codes and messages, not copied from any case.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor import classify

ROOT = Path(__file__).resolve().parents[1]
TOKEN_URL = "https://mydomain.auth.us-east-1.amazoncognito.com/oauth2/token"


def api_error(exception: str, message: str) -> str:
    return json.dumps({"__type": exception, "message": message})


CASES = [
    # (status, body, provider, url, class, cause, decision)
    (400, api_error("NotAuthorizedException", "Unable to verify secret hash for client 1example23456789"), None, None,
     "invalid_client", "ambiguous", "fix_config"),
    (400, api_error("NotAuthorizedException", "Refresh Token has expired"), None, None,
     "invalid_grant", "refresh_token_expired", "reauth"),
    (400, api_error("NotAuthorizedException", "Refresh Token has been revoked"), None, None,
     "invalid_grant", "refresh_token_revoked", "reauth"),
    (400, api_error("NotAuthorizedException", "Access Token has been revoked"), None, None,
     "invalid_token", "token_revoked", "reauth"),
    (400, api_error("NotAuthorizedException", "Access Token has expired"), None, None,
     "invalid_token", "access_token_expired", "retry"),
    (400, api_error("NotAuthorizedException", "Invalid Refresh Token"), None, None,
     "invalid_grant", "ambiguous", "fix_config"),
    (400, api_error("NotAuthorizedException", "Password attempts exceeded"), None, None,
     "rate_limited", "rate_limit_exceeded", "retry"),
    (400, api_error("NotAuthorizedException", "Incorrect username or password."), None, None,
     "invalid_grant", "resource_owner_credentials_invalid", "fix_config"),
    (400, api_error("NotAuthorizedException", "A message no rule knows"), None, None,
     "invalid_grant", "ambiguous", "reauth"),
    (400, api_error("RefreshTokenReuseException", "Refresh token reused"), None, None,
     "invalid_grant", "refresh_token_reused_after_rotation", "reauth"),
    (400, api_error("com.amazonaws.cognito.identity.idp.model#PasswordResetRequiredException",
                    "Password reset required for the user"), None, None,
     "interaction_required", "required_user_actions_pending", "reauth"),
    (400, api_error("ForbiddenException", "Request blocked by AWS WAF"), "cognito", None,
     "access_denied", "access_policy_denied", "fix_config"),
    (500, api_error("InternalErrorException", "Internal server error"), "cognito", None,
     "server_error", "idp_server_error", "retry"),
    # The OAuth endpoints of the user pool domain (RFC 6749 bodies)
    (400, '{"error":"invalid_grant"}', None, TOKEN_URL, "invalid_grant", "ambiguous", "reauth"),
    (400, '{"error":"unauthorized_client"}', "amazon-cognito", None,
     "unauthorized_client", "ambiguous", "fix_config"),
    (400, '{"error":"unsupported_token_type"}', "aws-cognito", None,
     "invalid_request", "wrong_token_type", "fix_config"),
    (302, "https://mydomain.auth.eu-west-1.amazoncognito.com/error?error=redirect_mismatch&client_id=abc", None, None,
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (302, "https://app.example.com/cb?error=invalid_request&error_description=Read+timed+out", "aws-cognito", None,
     "temporarily_unavailable", "idp_transient_outage", "retry"),
]


@pytest.mark.parametrize(("status", "body", "provider", "url", "klass", "cause", "decision"), CASES)
def test_cognito_documented_errors(status: int, body: str, provider: str | None, url: str | None, klass: str,
                                   cause: str, decision: str) -> None:
    got = classify(status, body, provider=provider, url=url)
    assert (got.provider, got.failure_class, got.cause, got.decision) == ("aws-cognito", klass, cause, decision)


def test_invalid_refresh_token_names_the_configuration_causes() -> None:
    got = classify(400, api_error("NotAuthorizedException", "Invalid Refresh Token"))
    assert [c.cause for c in got.candidates] == ["token_for_other_client", "device_key_missing",
                                                 "device_not_confirmed", "refresh_token_malformed"]


def test_provider_code_is_the_exception_name_even_behind_an_sdk_log_line() -> None:
    body = ('Error executing "InitiateAuth" on "https://cognito-idp.eu-west-1.amazonaws.com"; AWS HTTP error: '
            '400 Bad Request {"__type":"UserNotConfirmedException","message":"User is not confirmed."}')
    got = classify(400, body)
    assert (got.provider, got.provider_code, got.failure_class, got.decision) == (
        "aws-cognito", "UserNotConfirmedException", "interaction_required", "reauth")


@pytest.mark.parametrize("url", [TOKEN_URL, "https://cognito-idp.ap-southeast-2.amazonaws.com/"])
def test_detected_from_its_hosts(url: str) -> None:
    assert classify(400, '{"error":"invalid_request"}', url=url).provider == "aws-cognito"


@pytest.mark.parametrize(("body", "url"), [
    # Another AWS service's throttling shares the exception name but not Cognito's own exceptions.
    (api_error("TooManyRequestsException", "Rate exceeded"), None),
    (api_error("ResourceNotFoundException", "Function not found"), "https://lambda.us-east-1.amazonaws.com/"),
    # Google's dead refresh token stays Google's.
    ('{"error":"invalid_grant","error_description":"Token has been expired or revoked."}', None),
    # Supabase says "Invalid Refresh Token" too: the words alone do not make it Cognito.
    ("Invalid Refresh Token: Already Used", None),
])
def test_other_bodies_are_not_cognito(body: str, url: str | None) -> None:
    assert classify(400, body, url=url).provider != "aws-cognito"


def test_explain_cli_end_to_end(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    body = api_error("NotAuthorizedException", "Unable to verify secret hash for client 1example23456789")
    result = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "cognito", "--status", "400",
                             "--format", "json", body], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["provider"], out["class"], out["decision"], out["provider_code"]) == (
        "aws-cognito", "invalid_client", "fix_config", "NotAuthorizedException")
    assert {c["cause"] for c in out["candidates"]} == {"client_authentication_missing", "bad_client_secret"}
