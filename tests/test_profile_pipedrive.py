"""The Pipedrive profile: Pipedrive's token and API error bodies are recognised without ``--provider`` and answered
as the profile states, its hosts find it, it claims no other provider's body, and its facts read as Pipedrive's
own SDKs give them.

Bodies follow Pipedrive's SDKs: the token endpoint's refusal as client-nodejs's OAuth tests mock it
(``{"success": false, "message": "Invalid grant: refresh token is invalid", "error": "invalid_grant"}``) and API
errors in the generated models' shape (``success``, ``error``, ``error_info``). The other ``Invalid ...:`` reasons
are node-oauth2-server's wording, which the token shape carries; their answers come from the generic layers, and
the tests pin that the Pipedrive wrapper does not change them. The ``error``/``error_info`` texts of the API bodies
are made up (Pipedrive's status-code page was out of reach), so no assertion rests on their words beyond detection.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile, resolve_id
from oauthdoctor.redirect import compare

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TOKEN_URL = "https://oauth.pipedrive.com/oauth/token"


def token_error(error: str, message: str) -> str:
    """The token endpoint's refusal in the shape of client-nodejs's OAuth test mocks."""
    return json.dumps({"success": False, "message": message, "error": error})


def api_error(error: str, info: str) -> str:
    """An API error in the shape of the SDKs' generated error models."""
    return json.dumps({"success": False, "error": error, "error_info": info, "data": None, "additional_data": None})


REFRESH_INVALID = token_error("invalid_grant", "Invalid grant: refresh token is invalid")

CASES = [
    # (status, body, class, cause, decision)
    # Pipedrive's status-code table gives this text three readings (revoked, another app's credentials, used twice)
    (400, REFRESH_INVALID, "invalid_grant", "ambiguous", "reauth"),
    # node-oauth2-server's wordings in Pipedrive's wrapper keep the generic answers.
    (400, token_error("invalid_grant", "Invalid grant: authorization code has expired"), "invalid_grant",
     "auth_code_expired", "reauth"),
    (400, token_error("invalid_client", "Invalid client: cannot retrieve client credentials"), "invalid_client",
     "bad_client_credentials", "fix_config"),
    (400, token_error("invalid_request", "Invalid request: content must be application/x-www-form-urlencoded"),
     "invalid_request", "request_body_not_form_encoded", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_pipedrive_token_errors(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="pipedrive", url=TOKEN_URL, rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision), got.summary
    assert got.provider == "pipedrive"


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_pipedrive_token_errors_are_detected(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    # The success field beside an RFC code and a reason is Pipedrive's wrapper, not node-oauth2-server's own body.
    got = classify(status, body, rulebook=RuleBook())
    assert got.provider == "pipedrive"
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_refresh_invalid_rule_is_confirmed_and_hints_the_uninstall() -> None:
    got = classify(400, REFRESH_INVALID, provider="pipedrive", rulebook=RuleBook())
    # three readings, one of them configuration: confidence low until the caller tells them apart
    assert got.basis == "confirmed" and got.confidence == "low"
    assert [c.cause for c in got.candidates] == ["refresh_token_revoked", "grant_issued_for_other_client_or_endpoint",
                                                 "refresh_token_reused_after_rotation"]
    assert any("uninstalls the app" in hint for hint in got.hints)


def test_api_error_shape_is_pipedrive() -> None:
    got = classify(401, api_error("unauthorized access", "Please check the developer docs."), rulebook=RuleBook())
    assert got.provider == "pipedrive"
    # No Pipedrive rule reads API errors: a 401 without a reason is configuration first, a refresh a candidate.
    assert (got.failure_class, got.decision) == ("invalid_token", "fix_config")


def test_the_same_message_without_the_wrapper_stays_node_oauth2_server() -> None:
    body = '{"error":"invalid_grant","error_description":"Invalid grant: refresh token is invalid"}'
    assert classify(400, body, rulebook=RuleBook()).provider == "node-oauth2-server"


@pytest.mark.parametrize("url", [TOKEN_URL, "https://oauth.pipedrive.com/oauth/authorize",
                                 "https://oauth.pipedrive.com/oauth/revoke", "https://acme.pipedrive.com/api/v1/deals"])
def test_pipedrive_is_detected_from_its_hosts(url: str) -> None:
    got = classify(400, '{"message": "something unforeseen"}', url=url, rulebook=RuleBook())
    assert got.provider == "pipedrive"


@pytest.mark.parametrize("body", [
    # Other services' success:false bodies without error_info or an RFC code.
    '{"success": false, "error": "Not found"}',
    '{"success": false, "message": "Invalid API key"}',
    # RFC and node-oauth2-server bodies.
    '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}',
    '{"error":"invalid_client","error_description":"Invalid client: client is invalid"}',
])
def test_other_bodies_are_not_claimed(body: str) -> None:
    assert classify(400, body, rulebook=RuleBook()).provider != "pipedrive"


def test_aliases_resolve() -> None:
    assert resolve_id("pipedrive-crm") == "pipedrive"
    assert resolve_id("Pipedrive") == "pipedrive"


def test_pipedrive_profile_facts() -> None:
    profile = get_profile("pipedrive")
    assert profile.endpoints.authorize.url == "https://oauth.pipedrive.com/oauth/authorize"
    assert profile.endpoints.token.url == TOKEN_URL
    assert profile.endpoints.revocation.url == "https://oauth.pipedrive.com/oauth/revoke"
    assert profile.client_auth.accepted == ["client_secret_basic", "client_secret_post"]
    assert profile.client_auth.body_format == "form"
    # exchange_api_token has had a name since 2026-12-07 (Pipedrive's status-code table lists it)
    assert profile.grants.supported == ["authorization_code", "refresh_token", "exchange_api_token"]
    assert profile.pkce.basis == "unconfirmed"
    assert profile.endpoints.token.source.startswith(
        "https://github.com/pipedrive/client-nodejs/blob/97e5382fee5ffa825d0bae07a6bafb3af1d5bb77/")
    assert profile.redirect.basis == "unconfirmed"


@pytest.mark.parametrize(("registered", "sent", "accepted"), [
    ("https://app.example.com/pipedrive/callback", "https://app.example.com/pipedrive/callback", True),
    ("https://app.example.com/pipedrive/callback", "https://app.example.com/pipedrive/callback/", False),
])
def test_redirect_rule_is_the_strict_reading(registered: str, sent: str, accepted: bool) -> None:
    assert compare([registered], sent, provider="pipedrive").accepted is accepted


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--format", "json", "--status", "400", REFRESH_INVALID],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["basis"]) == (
        "pipedrive", "invalid_grant", "ambiguous", "reauth", "confirmed")
