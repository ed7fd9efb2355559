"""The Authelia profile: its own error texts map to the class, cause and decision the profile states, its bodies are
recognised without ``--provider``, other servers' bodies are not claimed, and the facts a verdict rests on
(endpoints, enforced client authentication, 90-minute refresh tokens, PKCE for public clients, redirect matching)
read as Authelia documents them.

Bodies are built here the way Authelia and its OAuth library (authelia.com/provider/oauth2) assemble them: the RFC
6749 description of the code, the library's hint, then the specific text. Nothing is copied from a report.
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

CLIENT_AUTH = ("Client authentication failed (e.g., unknown client, no client authentication included, or unsupported "
               "authentication method). The required credentials were not found, used an unknown method, could not be "
               "parsed, were otherwise malformed, or were otherwise incorrect. ")
GRANT = ("The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is "
         "invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was "
         "issued to another client. ")
REQUEST = ("The request is missing a required parameter, includes an invalid parameter value, includes a parameter "
           "more than once, or is otherwise malformed. ")


def body(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description})


def client_auth(text: str) -> str:
    return body("invalid_client", CLIENT_AUTH + text)


METHOD_MISMATCH = client_auth(
    "The request was determined to be using 'token_endpoint_auth_method' method 'client_secret_post', however the "
    "registered client with id 'wiki' is configured to only support 'token_endpoint_auth_method' method "
    "'client_secret_basic'. Either the Authorization Server client registration will need to have the "
    "'token_endpoint_auth_method' updated to 'client_secret_post' or the Relying Party will need to be configured to "
    "use 'client_secret_basic'.")
SECRET_MISMATCH = client_auth("The provided client secret did not match the registered client secret.")

CASES = [
    # (status, body, class, cause, decision)
    (401, METHOD_MISMATCH, "invalid_client", "wrong_client_auth_method", "fix_config"),
    (401, client_auth("The registered client with id 'cli' is configured to only support 'token_endpoint_auth_method' "
                      "method 'client_secret_basic', but the method 'none' was determined to be used. Either the "
                      "Authorization Server client registration will need to have the "
                      "'token_endpoint_auth_method' updated to 'none' or the Relying Party will need to be configured "
                      "to use 'client_secret_basic'."),
     "invalid_client", "client_credentials_missing", "fix_config"),
    (401, client_auth("The 'token_endpoint_auth_method' method 'none' was determined to be used, but the registered "
                      "client with id 'spa' is configured with a confidential client type but only client "
                      "registrations with a public client type can use this 'token_endpoint_auth_method'."),
     "invalid_client", "public_method_on_confidential_client", "fix_config"),
    (401, client_auth("The request was determined to be using 'token_endpoint_auth_method' method "
                      "'client_secret_basic', however the registered client with id 'app' has no 'client_secret' which "
                      "is required to process this method."),
     "invalid_client", "client_secret_not_configured", "fix_config"),
    (401, SECRET_MISMATCH, "invalid_client", "ambiguous", "fix_config"),
    (401, client_auth("Client Authentication failed with more than one known authentication method included in the "
                      "request which is not permitted."),
     "invalid_client", "multiple_client_auth_methods", "fix_config"),
    (401, client_auth("Client with id 'nextcloud' does not appear to be a registered client."),
     "invalid_client", "unknown_client_id", "fix_config"),
    (400, body("invalid_request", REQUEST + "The original request and the access request occurred at endpoints where "
                                            "the effective issuer did not match."),
     "invalid_request", "issuer_url_mismatch", "fix_config"),
    # The authorization error page Authelia redirects to, with the hint in its own query field.
    (None, "https://auth.example.com/consent/completion?error=server_error&error_description=The+authorization+server"
           "+encountered+an+unexpected+condition+that+prevented+it+from+fulfilling+the+request.&error_hint=Failed+to"
           "+lookup+the+consent+session.&error_status_code=500",
     "server_error", "ambiguous", "reauth"),
    (400, body("scope_not_granted", "The token was not granted the requested scope. The OAuth 2.0 Client was not "
                                    "granted scope offline or offline_access and may thus not perform the "
                                    "'refresh_token' authorization grant."),
     "insufficient_scope", "refresh_without_offline_access", "fix_config"),
    (400, body("invalid_grant", GRANT + "Token expired. Refresh Token expired at '2026-12-05 10:30:00 +0000 UTC'."),
     "invalid_grant", "refresh_token_expired", "reauth"),
    (400, body("invalid_grant", GRANT + "Token expired. Authorize Code expired at '2026-12-05 10:01:00 +0000 UTC'."),
     "invalid_grant", "auth_code_expired", "reauth"),
    (401, body("invalid_token", "Token expired. Access Token expired at '2026-12-05 11:00:00 +0000 UTC'."),
     "invalid_token", "access_token_expired", "retry"),
    (400, body("unsupported_response_mode", "The authorization server does not support obtaining a response using "
                                            "this response mode. The request omitted the response_mode making the "
                                            "default response_mode \"query\" based on the other authorization request "
                                            "parameters but registered OAuth 2.0 client doesn't support this "
                                            "response_mode"),
     "invalid_request", "response_mode_not_registered", "fix_config"),
    (400, body("access_denied", "The resource owner or authorization server denied the request. The requested subject "
                                "was not the same subject that attempted to authorize the request."),
     "access_denied", "ambiguous", "fix_config"),
    (400, body("invalid_request", REQUEST + "The client the access token was issued to is no longer registered with "
                                            "the authorization server."),
     "invalid_token", "ambiguous", "fix_config"),
    (403, body("insufficient_scope", "The request requires higher privileges than provided by the access token. The "
                                     "granted scope was missing the 'openid' scope."),
     "insufficient_scope", "openid_scope_not_granted", "fix_config"),
]


@pytest.mark.parametrize(("status", "text", "cls", "cause", "decision"), CASES)
def test_authelia_error_texts(status: int | None, text: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, text, provider="authelia")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_secret_mismatch_lists_the_faq_causes() -> None:
    got = classify(401, SECRET_MISMATCH, provider="authelia")
    causes = [c.cause for c in got.candidates]
    assert causes == ["app_configured_with_secret_hash", "basic_credentials_not_form_encoded", "wrong_client_secret"]


@pytest.mark.parametrize(("status", "text", "cls", "cause", "decision"), [
    CASES[0], CASES[4], CASES[5], CASES[6], CASES[7], CASES[8],
    (429, body("temporarily_unavailable", "Too many requests. The endpoint is temporarily unavailable. Try again "
                                          "later."), "rate_limited", None, "retry"),
    # The older wording of v4.38's enforcement ('token_endpoint_client_auth_method', oauth2-provider@0e484f3).
    (401, "The registered client with id 'wiki' only supports 'token_endpoint_client_auth_method' method "
          "'client_secret_basic'.", "invalid_client", "wrong_client_auth_method", "fix_config"),
])
def test_authelia_bodies_are_detected_without_provider(status: int, text: str, cls: str, cause: str | None,
                                                       decision: str) -> None:
    got = classify(status, text)
    assert got.provider == "authelia"
    assert (got.failure_class, got.decision) == (cls, decision)
    if cause is not None:
        assert got.cause == cause


def test_hydra_and_keycloak_bodies_are_not_claimed() -> None:
    hydra = body("invalid_client", "Client authentication failed (e.g., unknown client, no client authentication "
                                   "included, or unsupported authentication method). The OAuth 2.0 Client supports "
                                   "client authentication method 'client_secret_basic', but method "
                                   "'client_secret_post' was requested.")
    assert classify(401, hydra).provider != "authelia"
    keycloak = body("invalid_grant", "Token is not active")
    got = classify(400, keycloak, provider="authelia")
    assert got.cause != "refresh_token_expired" and classify(400, keycloak).provider != "authelia"


def test_no_other_providers_corpus_body_is_claimed() -> None:
    book = RuleBook()
    claimed = []
    for path in sorted(FIXTURES.glob("errors_corpus_dev*.yaml")) + [FIXTURES / "errors_dev.yaml"]:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            if case.get("provider") == "authelia":
                continue
            got = classify(case.get("status"), case.get("body"), case.get("headers"), rulebook=book)
            if got.provider == "authelia":
                claimed.append(case.get("id"))
    assert claimed == []


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "authelia", "--format",
                           "json", "--status", "401", METHOD_MISMATCH], capture_output=True, text=True, check=False,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["provider"] == "authelia"
    assert (out["class"], out["cause"], out["decision"]) == ("invalid_client", "wrong_client_auth_method",
                                                             "fix_config")


def test_alias_resolves() -> None:
    assert resolve_id("authelia-oidc") == "authelia"


def test_authelia_profile_facts() -> None:
    profile = get_profile("authelia")
    assert profile.kind == "server"
    assert profile.endpoints.authorize.url == "https://{domain}/api/oidc/authorization"
    assert profile.endpoints.token.url == "https://{domain}/api/oidc/token"
    assert profile.endpoints.revocation.url == "https://{domain}/api/oidc/revocation"
    assert profile.endpoints.device.url == "https://{domain}/api/oidc/device-authorization"
    assert profile.client_auth.strict and profile.client_auth.preferred == "client_secret_basic"
    assert "tls_client_auth" not in profile.client_auth.accepted
    assert profile.pkce.required == "public_clients" and profile.pkce.methods == ["S256"]
    policy = profile.token_policy
    assert policy.access_token_lifetime is not None and policy.access_token_lifetime.seconds == 3600
    assert policy.refresh_token_lifetime is not None and policy.refresh_token_lifetime.seconds == 5400
    assert policy.rotation is not None and policy.rotation.mode == "always" and policy.rotation.reuse_detection
    assert "password" not in profile.grants.supported

