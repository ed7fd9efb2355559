"""OIDC sign-in in MinIO, Portainer, Headscale, caddy-security and Outline, in the phrase layer.

MinIO's STS answers AWS-style XML (``<Code>`` and a ``<Message>`` that is the error's own text) which the AWS CLI prints
as "An error occurred (Code) when calling the AssumeRoleWithWebIdentity operation: ..."; Portainer's API answers
``{"message", "details"}`` and its login page shows a toast; Headscale shows a generic page and logs zerolog lines
``user msg: <msg>`` with the real error in ``error``; caddy-security (go-authcrunch) logs zap JSON with ``error``;
Outline redirects to its login page with ``?notice=<error id>`` and logs the http-errors exception. Every text below is
built the way that code builds it; none is taken from a reported case. The rules' pinned sources in
``providers/generic.yaml`` say where the words come from.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from phrase_blocks import answer, cites

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
BLOCK = "OIDC sign-in in MinIO, Portainer, Headscale, caddy-security and Outline"
FIXED, REAUTH = "fix_config", "reauth"
REPOS = ("minio/minio", "minio/console", "portainer/portainer", "juanfont/headscale", "greenpau/go-authcrunch",
         "outline/outline")


run = answer


from_this_block = functools.partial(cites, REPOS)


def sts_xml(code: str, message: str) -> str:
    """MinIO's STS error body: the code, and the error's text as the message."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
            f"<Error><Type></Type><Code>{code}</Code><Message>{message}</Message></Error>"
            "<RequestId>187E2F1A9C3B5D20</RequestId></ErrorResponse>")


def aws_cli(code: str, message: str) -> str:
    """How the AWS CLI prints an STS error of MinIO."""
    return f"An error occurred ({code}) when calling the AssumeRoleWithWebIdentity operation: {message}"


def headscale_log(msg: str, err: str, code: int) -> str:
    """zerolog's console line for httpUserError: 'user msg: <msg>' with the detailed error and the status."""
    return f'2026-12-05T10:00:00Z ERR user msg: {msg} error="{err}" code={code}'


def headscale_json(msg: str, err: str, code: int) -> str:
    return json.dumps({"level": "error", "error": err, "code": code, "time": "2026-12-05T10:00:00Z",
                       "message": f"user msg: {msg}"})


def caddy_log(err: str) -> str:
    """go-authcrunch's zap line when an identity provider's Authenticate fails."""
    return json.dumps({"level": "warn", "ts": 1764928800.123, "logger": "security", "msg": "Authentication failed",
                       "session_id": "s3ss10n", "request_id": "7f1c2d", "error": err})


def outline_notice(notice: str) -> str:
    return f"https://wiki.example.com/?notice={notice}"


# --- MinIO -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "body", "expected"), [
    (400, sts_xml("InvalidParameterValue",
                  "policy claim missing from the JWT token, credentials will not be generated"),
     ("access_denied", "required_claim_missing", FIXED)),
    (None, aws_cli("InvalidParameterValue",
                   "minio_policy claim missing from the JWT token, credentials will not be generated"),
     ("access_denied", "required_claim_missing", FIXED)),
    (400, sts_xml("InvalidParameterValue",
                  "None of the given policies (`readwrite,diagnostics`) are defined, "
                  "credentials will not be generated"),
     ("access_denied", "access_policy_denied", FIXED)),
    (400, sts_xml("InvalidParameterValue",
                  "STS JWT Token has `aud` claim invalid, `aud` must match configured OpenID Client ID"),
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    (None, aws_cli("InvalidParameterValue",
                   "STS JWT Token has `azp` claim invalid, `azp` must match configured OpenID Client ID"),
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    (400, sts_xml("InvalidParameterValue", "STS JWT Token has `sub` claim missing, `sub` claim is mandatory"),
     ("access_denied", "required_claim_missing", FIXED)),
    (403, sts_xml("AccessDenied", "this user does not have enough permission"),
     ("access_denied", "access_policy_denied", FIXED)),
    (400, sts_xml("InvalidParameterValue", "Error processing RoleArn parameter: RoleARN "
                  "arn:minio:iam:::role/dummy-internal is not defined."),
     ("invalid_request", "login_role_not_found", FIXED)),
    (400, sts_xml("InvalidParameterValue", "Role arn:minio:iam:::role/Ke4qNqzY does not exist"),
     ("invalid_request", "login_role_not_found", FIXED)),
    (400, sts_xml("InvalidParameterValue", "access_token is mandatory if user_info claim is enabled"),
     ("invalid_request", "missing_parameter", FIXED)),
    (None, "oauth2 state is invalid, expected 3rTq0x4yZg1aXvI=, got pL9sW2bDk7eHcQo=",
     ("invalid_request", "state_or_session_lost", FIXED)),
])
def test_minio_sts_and_console_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected
    assert from_this_block(status, body)


def test_minio_console_state_lists_another_deployment_against_an_old_tab() -> None:
    r = classify(None, "oauth2 state is invalid, expected a, got b", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("session_not_persisted", FIXED),
                                                              ("concurrent_sign_in", REAUTH)]


# --- Portainer -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "body", "expected"), [
    (None, "Failure\nInvalid OAuth state, try again.", ("invalid_request", "state_or_session_lost", FIXED)),
    (403, json.dumps({"message": "Account not created beforehand in Portainer and automatic user provisioning not "
                                 "enabled", "details": "Unauthorized"}),
     ("access_denied", "signups_disabled", FIXED)),
    (500, json.dumps({"message": "Unable to authenticate through OAuth", "details": "Unauthorized"}),
     ("unknown", "ambiguous", FIXED)),
    (None, "2026/12/05 10:00AM ERR github.com/portainer/portainer/api/oauth/oauth.go:55 > failed retrieving username "
           "error=\"failed to extract username from oauth resource\"",
     ("access_denied", "required_claim_missing", FIXED)),
    (403, json.dumps({"message": "OAuth authentication is not enabled",
                      "details": "OAuth authentication is not enabled"}),
     ("invalid_request", "provider_not_configured", FIXED)),
])
def test_portainer_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected
    assert from_this_block(status, body)


def test_portainer_oauth_failure_lists_what_its_log_line_tells_apart() -> None:
    body = json.dumps({"message": "Unable to authenticate through OAuth", "details": "Unauthorized"})
    r = classify(500, body, rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("token_exchange_failed", FIXED), ("wrong_endpoint_url", FIXED), ("required_claim_missing", FIXED)]


# --- Headscale -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    (headscale_log("unauthorised domain", "authenticated principal does not match any allowed domain", 401),
     ("access_denied", "access_policy_denied", FIXED)),
    (headscale_json("unauthorised domain", "authenticated principal does not match any allowed domain", 401),
     ("access_denied", "access_policy_denied", FIXED)),
    (headscale_log("unauthorised group", "authenticated principal is not in any allowed group", 401),
     ("access_denied", "access_policy_denied", FIXED)),
    (headscale_json("unauthorised user", "authenticated principal does not match any allowed user", 401),
     ("access_denied", "access_policy_denied", FIXED)),
    (headscale_log("unverified email", "authenticated principal has an unverified email", 401),
     ("access_denied", "email_not_verified_at_idp", FIXED)),
    (headscale_log("nonce not found in IDToken", "<nil>", 400), ("invalid_request", "nonce_mismatch", FIXED)),
    (headscale_log("state did not match", "<nil>", 403), ("invalid_request", "state_or_session_lost", FIXED)),
    (headscale_log("nonce did not match", "<nil>", 403), ("invalid_request", "state_or_session_lost", FIXED)),
    (headscale_log("nonce not found", "http: named cookie not present", 400),
     ("invalid_request", "state_or_session_lost", FIXED)),
])
def test_headscale_log_lines(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected


@pytest.mark.parametrize("body", [
    headscale_log("unauthorised group", "authenticated principal is not in any allowed group", 401),
    headscale_log("state did not match", "<nil>", 403),
    headscale_log("nonce not found in IDToken", "<nil>", 400),
])
def test_headscale_lines_are_read_by_this_block(body: str) -> None:
    assert from_this_block(None, body)


def test_headscale_missing_state_cookie_reads_as_a_lost_state() -> None:
    # The Argo CD rule for Go's missing-cookie words comes first; the answer is the same.
    body = headscale_log("state not found", "http: named cookie not present", 400)
    assert run(None, body) == ("invalid_request", "state_or_session_lost", FIXED)


# --- caddy-security (go-authcrunch) --------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    (caddy_log("OAuth 2.0 authorization state not found"), ("invalid_request", "state_or_session_lost", FIXED)),
    (caddy_log('OAuth 2.0 id_token issuer claim validation failed: got "https://idp.example.com/realms/a", '
               'expected "https://idp.example.com/realms/b"'),
     ("invalid_token", "token_from_other_issuer", FIXED)),
    (caddy_log('OAuth 2.0 id_token audience claim validation failed: got [account], expected "caddy"'),
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    (caddy_log("OAuth 2.0 id_token authorized party claim validation failed: azp not found"),
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    (caddy_log("OAuth 2.0 id_token nonce claim validation failed: nonce not found"),
     ("invalid_request", "nonce_mismatch", FIXED)),
    (caddy_log("OAuth 2.0 id_token email claim not found"), ("access_denied", "required_claim_missing", FIXED)),
    (caddy_log("OAuth 2.0 id_token has unregisted key id 0bK3xT"), ("invalid_token", "jwks_invalid", FIXED)),
    ("user role is valid, but not allowed by access list", ("access_denied", "access_policy_denied", FIXED)),
    ("user role is valid, but not allowed by path access list", ("access_denied", "access_policy_denied", FIXED)),
    ("user role is valid, but denied by default deny on empty access list",
     ("access_denied", "access_policy_denied", FIXED)),
    (caddy_log("failed to fetch metadata for OAuth 2.0 authorization server: received 404 Not Found"),
     ("unknown", "ambiguous", FIXED)),
])
def test_caddy_security_words(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected
    assert from_this_block(None, body)


def test_caddy_security_lost_state_lists_other_instances_against_a_slow_sign_in() -> None:
    r = classify(None, caddy_log("OAuth 2.0 authorization state not found"), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("session_not_persisted", FIXED),
                                                              ("login_attempt_expired", REAUTH)]


# --- Outline -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    (outline_notice("state-mismatch"), ("invalid_request", "state_or_session_lost", FIXED)),
    ("BadRequestError: State returned in OAuth flow did not match",
     ("invalid_request", "state_or_session_lost", FIXED)),
    ("BadRequestError: Expired OAuth state", ("invalid_request", "state_or_session_lost", FIXED)),
    (outline_notice("domain-not-allowed"), ("access_denied", "access_policy_denied", FIXED)),
    ("ForbiddenError: The domain is not allowed for this workspace", ("access_denied", "access_policy_denied", FIXED)),
    ("The domain associated with your email address has not been allowed for this workspace.",
     ("access_denied", "access_policy_denied", FIXED)),
    (outline_notice("invite-required"), ("access_denied", "signups_disabled", FIXED)),
    ("ForbiddenError: You need an invite to join this team", ("access_denied", "signups_disabled", FIXED)),
    (outline_notice("malformed-user-info"), ("access_denied", "required_claim_missing", FIXED)),
    ("We could not read the user info supplied by your identity provider.",
     ("access_denied", "required_claim_missing", FIXED)),
    ("UnauthorizedError: An email field was not returned in the profile or id_token parameter, but is required.",
     ("access_denied", "required_claim_missing", FIXED)),
    ('UnauthorizedError: Neither a preferred_username, "name" or "username" was returned in the profile loaded from '
     "https://idp.example.com/userinfo, but at least one is required.",
     ("access_denied", "required_claim_missing", FIXED)),
    ("UnauthorizedError: A user id was not returned in the profile loaded from https://idp.example.com/userinfo, "
     'searched in "sub" and "id" fields.', ("access_denied", "required_claim_missing", FIXED)),
    (outline_notice("authentication-required"), ("access_denied", "required_claim_missing", FIXED)),
    (outline_notice("authentication-provider-disabled"), ("access_denied", "sign_in_provider_disabled", FIXED)),
    ("Authentication failed – this login method was disabled by a workspace admin.",
     ("access_denied", "sign_in_provider_disabled", FIXED)),
])
def test_outline_notices_and_errors(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected
    assert from_this_block(None, body)


def test_outline_csrf_nonce_mismatch_reads_as_a_lost_state() -> None:
    # An earlier rule (MSAL's nonce mismatch) reads these words first, with the same answer.
    assert run(None, "BadRequestError: OAuth CSRF nonce mismatched") == ("invalid_request", "state_or_session_lost",
                                                                        FIXED)


def test_outline_state_mismatch_lists_its_three_causes() -> None:
    r = classify(None, outline_notice("state-mismatch"), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("session_not_persisted", FIXED), ("login_attempt_expired", REAUTH), ("concurrent_sign_in", REAUTH)]


# --- wrapped provider errors are the provider's ---------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    headscale_log("invalid code",
                  'exchanging code for token: oauth2: "invalid_grant" "Code not valid"', 403),
    caddy_log('failed obtaining OAuth 2.0 access token, error: invalid_grant, description: "Code not valid"'),
    "warn: OAuth error during authentication: invalid_grant (Code not valid)",
])
def test_wrapped_provider_errors_are_read_by_the_providers_code(body: str) -> None:
    assert run(None, body)[0] == "invalid_grant"
    assert not from_this_block(None, body)


# --- neighbours ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "Invalid OAuth state",  # no ", try again.": not Portainer's sentence
    "The claim is missing from the token.",  # no 'credentials will not be generated'
    "None of the given options are defined.",
    "This user does not have permission to view this page.",
    "The authenticated principal was found.",
    "State did not match",  # without headscale's 'user msg: ' prefix
    "OAuth 2.0 authorization succeeded",
    "The role is valid.",
    "notice=domain-required",  # another Outline notice
    "Unable to authenticate the device.",
    "The domain is not allowed.",
])
def test_neighbouring_sentences_do_not_take_these_rules(body: str) -> None:
    assert not from_this_block(None, body)


def test_the_block_is_contiguous_and_placed_before_mcp() -> None:
    lines = (Path(__file__).resolve().parents[1] / "providers" / "generic.yaml").read_text().splitlines()
    start = lines.index(f"    # --- {BLOCK} ---")
    end = lines.index(f"    # --- end of {BLOCK} ---")
    assert lines[end + 1] == "    # --- MCP authorization (Model Context Protocol clients and servers) ---"
    rules = [line for line in lines[start:end] if line.startswith("    - {")]
    assert len(rules) == 34
    assert all(any(f"github.com/{repo}/blob/" in line for repo in REPOS) for line in rules)
