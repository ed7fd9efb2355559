"""The Pocket ID profile: Pocket ID's own hints (and the fosite texts whose meaning its store changes) map to the class,
cause and decision the profile states; its bodies are recognised without ``--provider``; other servers' bodies are not
claimed; and the facts a verdict rests on (endpoints, 30-day rotating refresh tokens, PKCE, callback URL matching)
read as Pocket ID's code has them.

Bodies are built the way Pocket ID's fosite fork writes them: the RFC 6749 definition of the code, then the hint, in
one ``error_description`` (fosite ``RFC6749Error.GetDescription``); userinfo replaces the definition with its own
sentence and keeps fosite's hint. Nothing here is copied from a report.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile, resolve_id

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

GRANT = ("The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is "
         "invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was "
         "issued to another client. ")
REQUEST = ("The request is missing a required parameter, includes an invalid parameter value, includes a parameter "
           "more than once, or is otherwise malformed. ")
CLIENT = ("Client authentication failed (e.g., unknown client, no client authentication included, or unsupported "
          "authentication method).")
DENIED = "The resource owner or authorization server denied the request. "
DENIED_HINT = (" Make sure that the request you are making is valid. Maybe the credential or request parameters you "
               "are using are limited in scope or otherwise restricted.")
UNAUTHORIZED_HINT = " Check that you provided valid credentials in the right format."


def body(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description})


def rest(message: str, code: str) -> str:
    """Pocket ID's REST API error shape (middleware/error_handler.go writeErrorResponse)."""
    return json.dumps({"error": message, "code": code, "request_id": "0b7f4d52-3c1e-4f7a-9d1e-2a6c8e4b5f10"})


DISABLED = body("invalid_grant", GRANT + "The user account is disabled.")
GROUPS = body("access_denied", DENIED + "You are not allowed to access this service.")
REUSED = body("invalid_grant", GRANT + "The refresh token was already used.")
NOT_FOUND = body("invalid_grant", GRANT + "The refresh token is malformed or not valid.")
PKCE = body("invalid_request", REQUEST + "This client requires PKCE, but the 'code_challenge' parameter is missing.")
WRONG_AUDIENCE = body("access_denied", "The access token is not audienced to this server and cannot be used to access "
                                       "user information." + DENIED_HINT)

CASES = [
    # (status, body, class, cause, decision)
    (400, DISABLED, "invalid_grant", "account_disabled", "fix_config"),
    (400, body("invalid_grant", GRANT + "The user account no longer exists."), "invalid_grant", "user_deleted",
     "reauth"),
    (403, GROUPS, "access_denied", "user_not_assigned_to_app", "fix_config"),
    (400, REUSED, "invalid_grant", "ambiguous", "reauth"),
    (400, NOT_FOUND, "invalid_grant", "ambiguous", "reauth"),
    (400, PKCE, "invalid_request", "pkce_challenge_missing", "fix_config"),
    (None, "https://app.example.com/cb?error=invalid_request&error_description=" + (
        REQUEST + "Redirect URL is using an insecure protocol, http is only allowed for hosts with suffix "
                  "'localhost', for example: http://myapp.localhost/.").replace(" ", "+").replace("'", "%27"),
     "invalid_request", "insecure_redirect_uri", "fix_config"),
    # Pocket ID's own error page for an authorize request whose redirect_uri it refused.
    (None, "https://id.example.com/interaction/error?error=The+%27redirect_uri%27+parameter+does+not+match+any+of+the"
           "+OAuth+2.0+Client%27s+pre-registered+redirect+urls.",
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, body("invalid_request", REQUEST + "The interaction session is invalid or has expired."), "invalid_request",
     "login_attempt_expired", "reauth"),
    (400, body("invalid_request", REQUEST + "The 'resource' or 'scope' parameter is invalid."), "invalid_request",
     "ambiguous", "fix_config"),
    (400, body("invalid_target", "The requested resource is invalid, missing, unknown, or malformed. The requested "
                                 "resource 'https://api.example.com' is invalid, missing, unknown, or malformed."),
     "invalid_request", "unknown_resource", "fix_config"),
    (400, body("invalid_scope", "The requested scope is invalid, unknown, or malformed. The scope 'orders:write' is "
                                "not available for the requested resource."),
     "invalid_scope", "scope_not_allowed", "fix_config"),
    (400, body("invalid_request", REQUEST + "The server configuration does not support OpenID Connect specific "
                                            "authentication methods."),
     "invalid_client", "federated_credential_mismatch", "fix_config"),
    (401, body("invalid_client", CLIENT + " Client assertion has already been used."), "invalid_client",
     "assertion_replayed", "fix_config"),
    (401, body("invalid_client", CLIENT + " Invalid client assertion."), "invalid_client", "assertion_invalid",
     "fix_config"),
    (401, body("invalid_client", CLIENT + " Unable to fetch client assertion JWKS."), "invalid_client", "ambiguous",
     "fix_config"),
    (401, body("request_unauthorized", "Only access tokens are allowed in the authorization header." +
               UNAUTHORIZED_HINT), "invalid_token", "wrong_token_type", "fix_config"),
    (403, WRONG_AUDIENCE, "invalid_token", "token_for_wrong_audience", "fix_config"),
    (403, body("access_denied", "The access token is missing the openid scope." + DENIED_HINT), "insufficient_scope",
     "missing_scope", "fix_config"),
    (401, body("request_unauthorized", "The access token is invalid" + UNAUTHORIZED_HINT), "invalid_token",
     "user_deleted", "reauth"),
    (401, body("invalid_client", CLIENT), "invalid_client", "ambiguous", "fix_config"),
    # One of Pocket ID's own errors at authorize becomes fosite's nameless 'error' (WriteAuthorizeError).
    (None, "https://app.example.com/cb?error=error&error_description=The+error+is+unrecognizable&state=abcdefgh12",
     "unknown", "ambiguous", "fix_config"),
    (400, rest("This client requires pushed authorization requests", "oidc_par_required"), "invalid_request",
     "par_required", "fix_config"),
    (401, rest("Reauthentication is required", "reauthentication_required"), "interaction_required",
     "login_required", "reauth"),
    (400, rest("Device code is invalid", "oidc_invalid_device_code"), "invalid_grant", "device_code_invalid",
     "reauth"),
]


@pytest.mark.parametrize(("status", "text", "cls", "cause", "decision"), CASES)
def test_pocket_id_error_texts(status: int | None, text: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, text, provider="pocket-id")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_revocation_reads_as_reuse_and_lists_both() -> None:
    got = classify(400, REUSED, provider="pocket-id")
    assert [c.cause for c in got.candidates] == ["refresh_token_reused_after_rotation", "refresh_token_revoked"]


def test_refresh_token_not_found_names_the_cleanup_and_a_config_cause() -> None:
    got = classify(400, NOT_FOUND, provider="pocket-id")
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("refresh_token_expired", "reauth"), ("refresh_token_reused_after_rotation", "reauth"),
        ("refresh_token_malformed", "fix_config")]


def test_bare_invalid_client_lists_expired_secret() -> None:
    got = classify(401, body("invalid_client", CLIENT), provider="pocket-id")
    assert "client_secret_expired" in [c.cause for c in got.candidates]


@pytest.mark.parametrize(("status", "text", "cls", "decision"), [
    (400, body("invalid_grant", GRANT + "The user account no longer exists."), "invalid_grant", "reauth"),
    (403, GROUPS, "access_denied", "fix_config"),
    (400, PKCE, "invalid_request", "fix_config"),
    (403, WRONG_AUDIENCE, "invalid_token", "fix_config"),
    (401, body("invalid_client", CLIENT + " Client assertion has already been used."), "invalid_client", "fix_config"),
    # Pocket ID's REST API shape (middleware/error_handler.go): message, snake_case code, UUID request_id.
    (403, rest("You're not allowed to access this service", "oidc_access_denied"), "access_denied", "fix_config"),
    (400, rest("This client requires pushed authorization requests", "oidc_par_required"), "invalid_request",
     "fix_config"),
])
def test_pocket_id_bodies_are_detected_without_provider(status: int, text: str, cls: str, decision: str) -> None:
    got = classify(status, text)
    assert got.provider == "pocket-id"
    assert (got.failure_class, got.decision) == (cls, decision)


def test_plain_fosite_and_keycloak_bodies_are_not_claimed() -> None:
    hydra = body("invalid_client", CLIENT + " The OAuth 2.0 Client supports client authentication method "
                                            "'client_secret_basic', but method 'client_secret_post' was requested.")
    assert classify(401, hydra).provider != "pocket-id"
    keycloak = body("invalid_grant", "Token is not active")
    assert classify(400, keycloak).provider != "pocket-id"
    got = classify(400, keycloak, provider="pocket-id")
    assert got.cause not in ("user_deleted", "account_disabled")


def test_no_other_providers_corpus_body_is_claimed() -> None:
    book = RuleBook()
    claimed = []
    for path in sorted(FIXTURES.glob("errors_corpus_dev*.yaml")) + [FIXTURES / "errors_dev.yaml"]:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            if case.get("provider") == "pocket-id":
                continue
            got = classify(case.get("status"), case.get("body"), case.get("headers"), rulebook=book)
            if got.provider == "pocket-id":
                claimed.append(case.get("id"))
    assert claimed == []


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "pocketid", "--format",
                           "json", "--status", "403", GROUPS], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["provider"] == "pocket-id"
    assert (out["class"], out["cause"], out["decision"]) == ("access_denied", "user_not_assigned_to_app",
                                                             "fix_config")


def test_aliases_resolve() -> None:
    assert resolve_id("pocketid") == "pocket-id"
    assert resolve_id("pocket_id") == "pocket-id"


def test_pocket_id_profile_facts() -> None:
    profile = get_profile("pocket-id")
    assert profile.kind == "server"
    assert profile.endpoints.authorize.url == "{issuer}/authorize"
    assert profile.endpoints.token.url == "{issuer}/api/oidc/token"
    assert profile.endpoints.device.url == "{issuer}/api/oidc/device/authorize"
    assert profile.endpoints.revocation is None
    assert not profile.client_auth.strict
    assert profile.pkce.required == "public_clients" and profile.pkce.methods == ["S256", "plain"]
    policy = profile.token_policy
    assert policy.access_token_lifetime is not None and policy.access_token_lifetime.seconds == 3600
    assert policy.refresh_token_lifetime is not None and policy.refresh_token_lifetime.seconds == 30 * 24 * 3600
    assert policy.rotation is not None and policy.rotation.mode == "always" and policy.rotation.reuse_detection
    assert policy.rotation.reuse_grace_seconds == 0
    assert set(profile.grants.supported) == {"authorization_code", "refresh_token", "client_credentials", "device_code"}

