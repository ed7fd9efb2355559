"""go-oauth2/oauth2's profile (providers/go-oauth2-server.yaml): the library's error table (errors/response.go),
its Go error values (errors/error.go) and the paths in server/server.go and manage/manager.go (at c1329d9) give
the exact class, cause and decision; its own PKCE wordings and Go error texts detect it; RFC-generic bodies and
other servers' bodies do not.

Bodies are built the way the library's GetErrorData renders them ({error, error_description: the RFC definition
without its final period}, the library's own statuses), or as the plain text an application writes with
http.Error(err.Error()), not copied from any reported case.
"""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlencode

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

PID = "go-oauth2-server"

# errors/response.go: the descriptions the library sends with each code
DESCRIPTIONS = {
    "invalid_request": "The request is missing a required parameter, includes an invalid parameter value, includes a "
                       "parameter more than once, or is otherwise malformed",
    "unauthorized_client": "The client is not authorized to request an authorization code using this method",
    "access_denied": "The resource owner or authorization server denied the request",
    "unsupported_response_type": "The authorization server does not support obtaining an authorization code using "
                                 "this method",
    "invalid_scope": "The requested scope is invalid, unknown, or malformed",
    "server_error": "The authorization server encountered an unexpected condition that prevented it from fulfilling "
                    "the request",
    "invalid_client": "Client authentication failed",
    "invalid_grant": "The provided authorization grant (e.g., authorization code, resource owner credentials) or "
                     "refresh token is invalid, expired, revoked, does not match the redirection URI used in the "
                     "authorization request, or was issued to another client",
    "unsupported_grant_type": "The authorization grant type is not supported by the authorization server",
}


def body(error: str, description: str | None = None) -> str:
    return json.dumps({"error": error, "error_description": description or DESCRIPTIONS[error]})


CASES = [
    # (status, body, class, cause, decision)
    # the RFC codes with the library's statuses (errors/response.go L70-L84)
    (401, body("invalid_client"), "invalid_client", "ambiguous", "fix_config"),
    (401, body("invalid_grant"), "invalid_grant", "ambiguous", "reauth"),
    (401, body("unauthorized_client"), "unauthorized_client", "ambiguous", "fix_config"),
    (401, body("unsupported_grant_type"), "unsupported_grant_type", "grant_type_not_supported", "fix_config"),
    (401, body("unsupported_response_type"), "unsupported_response_type", "missing_parameter", "fix_config"),
    (400, body("invalid_request"), "invalid_request", "ambiguous", "fix_config"),
    (403, body("access_denied"), "access_denied", "ambiguous", "fix_config"),
    # everything outside the table is 500 server_error: mostly configuration here (server.go L526-L544)
    (500, body("server_error"), "server_error", "ambiguous", "fix_config"),
    # PKCE at the authorize endpoint: the library's own descriptions
    (400, body("invalid_request", "PKCE is required. code_challenge is missing"), "invalid_request",
     "pkce_challenge_missing", "fix_config"),
    (400, body("invalid_request", "Selected code_challenge_method not supported"), "invalid_request",
     "pkce_method_not_allowed", "fix_config"),
    (400, body("invalid_request", "Code challenge length must be between 43 and 128 charachters long"),
     "invalid_request", "pkce_challenge_malformed", "fix_config"),
    # the Go error values as text an application writes (example/server/server.go: http.Error(err.Error()))
    (400, "invalid access token\n", "invalid_token", "ambiguous", "retry"),
    (400, "expired access token\n", "invalid_token", "access_token_expired", "retry"),
    (401, "expired refresh token\n", "invalid_grant", "refresh_token_expired", "reauth"),
    (400, "invalid redirect uri\n", "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (500, "Internal Error: invalid redirect uri", "redirect_uri_mismatch", "redirect_uri_not_registered",
     "fix_config"),
    (500, "Internal Error: missing code verifier", "invalid_request", "ambiguous", "fix_config"),
    (400, "invalid code challenge", "invalid_grant", "pkce_verifier_mismatch", "fix_config"),
    (400, "invalid authorize code", "invalid_grant", "ambiguous", "reauth"),
]


@pytest.mark.parametrize(("status", "text", "cls", "cause", "decision"), CASES)
def test_go_oauth2_server_rules(status: int, text: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, text, provider=PID)
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)
    assert got.to_json()["basis"] == "confirmed"


def causes(status: int, text: str) -> set[str]:
    return {c["cause"] for c in classify(status, text, provider=PID).to_json()["candidates"]}


def test_ambiguous_answers_carry_the_librarys_paths() -> None:
    assert {"redirect_uri_not_registered", "unknown_client_id", "pkce_verifier_missing", "idp_server_error"} <= \
        causes(500, body("server_error"))
    assert {"wrong_client_auth_method", "bad_client_secret", "public_client_client_credentials"} <= \
        causes(401, body("invalid_client"))
    assert {"auth_code_expired_or_reused", "redirect_uri_differs_from_authorize", "pkce_verifier_mismatch",
            "refresh_token_reused_after_rotation", "refresh_token_expired"} <= causes(401, body("invalid_grant"))
    assert {"resource_owner_credentials_invalid", "password_handler_not_set"} <= causes(403, body("access_denied"))
    assert {"access_token_replaced", "access_token_missing", "token_for_other_environment"} <= \
        causes(400, "invalid access token")


def test_server_error_names_the_redirect_host_rule() -> None:
    got = classify(500, body("server_error"), provider=PID)
    assert "Domain" in (got.summary or "") and "Internal Error" in (got.summary or "")


def test_the_grant_type_narrows_a_bare_invalid_grant() -> None:
    # docs/error-rules.md, "The failing request's grant": a refresh keeps the refresh causes only (both reauth)
    got = classify(401, body("invalid_grant"), provider=PID, grant_type="refresh_token").to_json()
    assert (got["cause"], got["decision"]) == ("ambiguous", "reauth")
    assert {c["cause"] for c in got["candidates"]} == {"refresh_token_reused_after_rotation", "refresh_token_expired"}
    # the password grant: the application's handler found no user (server.go L366-L368)
    got = classify(401, body("invalid_grant"), provider=PID, grant_type="password").to_json()
    assert (got["class"], got["cause"], got["decision"]) == (
        "invalid_grant", "resource_owner_credentials_invalid", "fix_config")


def test_authorize_error_redirected_to_the_client() -> None:
    # GetRedirectURI puts error and error_description into the redirect's query (server.go L119-L147)
    query = urlencode({"error": "access_denied", "error_description": DESCRIPTIONS["access_denied"], "state": "xyz"})
    got = classify(None, f"https://app.example.com/cb?{query}", provider=PID)
    assert (got.failure_class, got.cause, got.decision) == ("access_denied", "ambiguous", "reauth")
    assert {"user_denied_consent", "authorization_handler_not_set"} <= {
        c["cause"] for c in got.to_json()["candidates"]}
    query = urlencode({"error": "server_error", "error_description": DESCRIPTIONS["server_error"]})
    got = classify(None, f"https://evil.example.org/cb?{query}", provider=PID)
    assert (got.failure_class, got.decision) == ("server_error", "fix_config")


@pytest.mark.parametrize("text", [
    body("invalid_request", "PKCE is required. code_challenge is missing"),
    body("invalid_request", "Code challenge length must be between 43 and 128 charachters long"),
    body("invalid_request", "Selected code_challenge_method not supported"),
    "invalid authorize code",
    "Internal Error: missing code verifier",
])
def test_detected_from_its_own_words(text: str) -> None:
    assert classify(400, text).to_json()["provider"] == PID


@pytest.mark.parametrize(("status", "text"), [
    # the RFC definitions the library sends are every server's words: they detect nothing
    (401, body("invalid_grant")),
    (400, body("invalid_request")),
    (500, body("server_error")),
    # Go error values other servers and SDKs print too
    (401, "expired access token"),
    (401, "invalid access token"),
    (400, "invalid redirect uri"),
    # other servers' bodies
    (400, json.dumps({"error": "invalid_grant", "error_description": "Token is not active"})),
    (400, json.dumps({"error": "invalid_request", "error_description": "code_challenge_method not supported"})),
    (401, "dropbox.exceptions.AuthError: expired access token"),
])
def test_not_detected_from_generic_words(status: int, text: str) -> None:
    assert classify(status, text).to_json()["provider"] != PID


def test_other_servers_bodies_get_the_generic_answer() -> None:
    keycloak = json.dumps({"error": "invalid_grant", "error_description": "Code not valid"})
    got = classify(400, keycloak).to_json()
    assert got["provider"] != PID
    # a token-endpoint error of another kind given to this profile matches no rule of it
    got = classify(400, json.dumps({"error": "invalid_token", "error_description": "Token is not active"}),
                   provider=PID).to_json()
    assert got["basis"] is None and got["class"] == "invalid_token"


def test_alias_resolves() -> None:
    for alias in ("go-oauth2", "gopkg.in/oauth2.v3", "github.com/go-oauth2/oauth2/v4"):
        assert resolve_id(alias) == PID


def test_profile_facts() -> None:
    profile = get_profile(PID)
    assert profile.kind == "server"
    assert profile.endpoints.hosts == []
    policy = profile.token_policy
    assert policy.access_token_lifetime is not None and policy.access_token_lifetime.seconds == 2 * 3600
    assert policy.refresh_token_lifetime is not None and policy.refresh_token_lifetime.seconds == 3 * 24 * 3600
    assert policy.rotation is not None and policy.rotation.mode == "always" and not policy.rotation.reuse_detection
    assert profile.pkce.supported and profile.pkce.methods == ["plain", "S256"]
    assert profile.client_auth.preferred == "client_secret_basic" and profile.client_auth.strict
    assert set(profile.grants.supported) == {"authorization_code", "refresh_token", "client_credentials", "password",
                                             "implicit"}
    assert any("10 minutes" in q.text for q in profile.quirks)


def test_cli_explain_go_client_wrapper_end_to_end() -> None:
    # golang.org/x/oauth2's RetrieveError, as a Go service logs it
    text = ("oauth2: cannot fetch token: 401 Unauthorized\nResponse: "
            + json.dumps({"error": "invalid_grant", "error_description": DESCRIPTIONS["invalid_grant"]}))
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "go-oauth2",
                           "--grant-type", "refresh_token", "--format", "json", text],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"], out["status"]) == (
        "invalid_grant", "ambiguous", "reauth", PID, 401)
    assert [c["cause"] for c in out["candidates"]] == ["refresh_token_reused_after_rotation", "refresh_token_expired"]


def test_go_client_short_wrapper() -> None:
    got = classify(None, 'oauth2: "invalid_client" "Client authentication failed"', provider=PID)
    assert (got.failure_class, got.cause, got.decision) == ("invalid_client", "ambiguous", "fix_config")
