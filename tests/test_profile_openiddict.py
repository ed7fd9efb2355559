"""OpenIddict's profile (providers/openiddict.yaml): its numbered messages (ID2xxx), read in openiddict-core's server
and validation handlers, give the exact class, cause and decision; its error_uri detects it; other servers' bodies
do not match its rules.

Bodies are built the way OpenIddict builds them: the message of OpenIddictResources.resx as error_description, the
error value its handler sends (invalid_token turned into invalid_grant at the token endpoint by
NormalizeErrorResponse) and error_uri https://documentation.openiddict.com/errors/<ID> (openiddict-core at 319511f),
not copied from any reported case.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify

DOCS = "https://documentation.openiddict.com/errors/"


def oi(error: str, description: str, code: str | None = None) -> str:
    """An OpenIddict server error body: error, error_description and, as the server always adds, error_uri."""
    body = {"error": error, "error_description": description}
    if code is not None:
        body["error_uri"] = DOCS + code
    return json.dumps(body)


def challenge(error: str, description: str, code: str) -> dict[str, str]:
    """OpenIddict.Validation's answer at an API: no body, the details in WWW-Authenticate."""
    return {"WWW-Authenticate": f'Bearer error="{error}", error_description="{description}", '
                                f'error_uri="{DOCS}{code}"'}


CASES = [
    # (status, body, class, cause, decision)
    # codes and refresh tokens at the token endpoint (invalid_token -> invalid_grant)
    (400, oi("invalid_grant", "The specified refresh token has already been redeemed.", "ID2012"), "invalid_grant",
     "refresh_token_reused_after_rotation", "reauth"),
    (400, oi("invalid_grant", "The specified authorization code has already been redeemed.", "ID2010"),
     "invalid_grant", "auth_code_reused", "reauth"),
    (400, oi("invalid_grant", "The specified device code has already been redeemed.", "ID2011"), "invalid_grant",
     "device_code_reused", "reauth"),
    (400, oi("invalid_grant", "The specified refresh token is no longer valid.", "ID2018"), "invalid_grant",
     "ambiguous", "reauth"),
    (400, oi("invalid_grant", "The specified authorization code is no longer valid.", "ID2016"), "invalid_grant",
     "ambiguous", "reauth"),
    (400, oi("expired_token", "The specified device code is no longer valid.", "ID2017"), "expired_token",
     "device_code_expired", "reauth"),
    (400, oi("invalid_grant", "The specified device code is no longer valid.", "ID2017"), "invalid_grant",
     "device_code_expired", "reauth"),
    (400, oi("invalid_grant", "The authorization associated with the refresh token is no longer valid.", "ID2022"),
     "invalid_grant", "authorization_revoked", "reauth"),
    (400, oi("invalid_grant", "The authorization associated with the authorization code is no longer valid.",
             "ID2020"), "invalid_grant", "authorization_revoked", "reauth"),
    (400, oi("invalid_grant", "The specified refresh token is invalid.", "ID2003"), "invalid_grant", "ambiguous",
     "reauth"),
    (400, oi("invalid_grant", "The specified authorization code is invalid.", "ID2001"), "invalid_grant", "ambiguous",
     "reauth"),
    (400, oi("invalid_grant", "The specified token is not a refresh token.", "ID2007"), "invalid_grant",
     "wrong_token_type", "fix_config"),
    (400, oi("invalid_grant", "The token request was rejected by the authentication server.", "ID2024"),
     "invalid_grant", "ambiguous", "reauth"),
    (400, oi("authorization_pending", "The authorization has not been granted yet by the end user.", "ID2014"),
     "authorization_pending", "device_authorization_pending", "retry"),
    (400, oi("access_denied", "The authorization was denied by the end user.", "ID2015"), "access_denied",
     "user_denied_consent", "reauth"),
    # client authentication
    (400, oi("invalid_client", "The specified client credentials are invalid.", "ID2055"), "invalid_client",
     "ambiguous", "fix_config"),
    (400, oi("invalid_request", "The specified client credentials are invalid.", "ID2055"), "invalid_client",
     "basic_auth_header_malformed", "fix_config"),
    (400, oi("invalid_client", "The specified 'client_id' is invalid.", "ID2052"), "invalid_client",
     "unknown_client_id", "fix_config"),
    (400, oi("invalid_client", "The 'client_secret' parameter is not valid for this client application.", "ID2053"),
     "invalid_client", "public_client_sent_secret", "fix_config"),
    (400, oi("invalid_client", "The 'client_secret' parameter required for this client application is missing.",
             "ID2054"), "invalid_client", "client_authentication_missing", "fix_config"),
    (400, oi("invalid_client", "The 'client_secret_basic' client authentication method is not supported.",
             "ID2174"), "invalid_client", "wrong_client_auth_method", "fix_config"),
    # ID2066-ID2071 are answered by the generic phrase layer (providers/generic.yaml), which was read from them
    (400, oi("invalid_grant", "The specified authorization code cannot be used by this client application.",
             "ID2069"), "invalid_grant", "grant_issued_for_other_client_or_endpoint", "fix_config"),
    (400, oi("invalid_grant", "The specified refresh token cannot be used without sending a client identifier.",
             "ID2068"), "invalid_grant", "missing_parameter", "fix_config"),
    (400, oi("invalid_request", "Multiple client credentials cannot be specified.", "ID2087"), "invalid_request",
     "multiple_client_auth_methods", "fix_config"),
    (400, oi("invalid_request", "This server only accepts HTTPS requests.", "ID2083"), "invalid_request",
     "https_required", "fix_config"),
    (400, oi("invalid_request", "The mandatory 'Content-Type' header is missing.", "ID2081"), "invalid_request",
     "request_body_not_form_encoded", "fix_config"),
    # permissions and flows
    (400, oi("unauthorized_client", "This client application is not allowed to use the specified grant type.",
             "ID2064"), "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config"),
    (400, oi("unauthorized_client", "The client application is not allowed to use the authorization code flow.",
             "ID2047"), "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config"),
    (400, oi("unauthorized_client", "This client application is not allowed to use the token endpoint.", "ID2063"),
     "unauthorized_client", "endpoint_permission_missing", "fix_config"),
    (400, oi("unauthorized_client", "The specified 'grant_type' is not valid for this client application.",
             "ID2043"), "unauthorized_client", "public_client_cannot_use_grant", "fix_config"),
    (400, oi("unsupported_grant_type", "The specified 'grant_type' is not supported.", "ID2032"),
     "unsupported_grant_type", "grant_type_not_supported", "fix_config"),
    # redirect_uri and PKCE
    (400, oi("invalid_grant", "The specified 'redirect_uri' parameter doesn't match the client redirection URI the "
                              "authorization code was initially sent to.", "ID2072"), "redirect_uri_mismatch",
     "redirect_uri_differs_from_authorize", "fix_config"),
    (400, oi("invalid_request", "The specified 'redirect_uri' is not valid for this client application.", "ID2043"),
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    (400, oi("invalid_request", "The mandatory 'redirect_uri' parameter is missing.", "ID2029"), "invalid_request",
     "redirect_uri_missing", "fix_config"),
    (400, oi("invalid_request", "The 'redirect_uri' parameter must not include a fragment.", "ID2031"),
     "invalid_request", "redirect_uri_malformed", "fix_config"),
    (400, oi("invalid_grant", "The specified 'code_verifier' is invalid.", "ID2052"), "invalid_grant",
     "pkce_verifier_mismatch", "fix_config"),
    (400, oi("invalid_request", "The mandatory 'code_verifier' parameter is missing.", "ID2029"), "invalid_request",
     "pkce_verifier_missing", "fix_config"),
    (400, oi("invalid_request", "The 'code_challenge' parameter required for this client application is missing.",
             "ID2054"), "invalid_request", "pkce_challenge_missing", "fix_config"),
    (400, oi("invalid_request", "The specified 'code_challenge_method' is not supported.", "ID2032"),
     "invalid_request", "pkce_method_not_allowed", "fix_config"),
    (400, oi("invalid_request", "The 'code_verifier' parameter cannot be used when no 'code_challenge' was "
                                "specified in the authorization request.", "ID2073"), "invalid_request",
     "pkce_verifier_without_challenge", "fix_config"),
    # scopes
    (400, oi("invalid_scope", "The specified 'scope' is invalid.", "ID2052"), "invalid_scope",
     "invalid_scope_requested", "fix_config"),
    (400, oi("invalid_grant", "The specified 'scope' is invalid.", "ID2052"), "invalid_scope",
     "refresh_scope_exceeds_original", "fix_config"),
    (400, oi("invalid_request", "This client application is not allowed to use the specified scope.", "ID2051"),
     "invalid_scope", "scope_not_allowed_for_client", "fix_config"),
    (400, oi("invalid_request", "The client application is not allowed to use the 'offline_access' scope.",
             "ID2065"), "invalid_scope", "offline_access_not_allowed", "fix_config"),
    # userinfo / introspection (the server keeps invalid_token there)
    (401, oi("invalid_token", "The specified token is no longer valid.", "ID2019"), "invalid_token", "ambiguous",
     "retry"),
    (400, oi("invalid_token", "The authorization associated with the token is no longer valid.", "ID2023"),
     "invalid_token", "authorization_revoked", "reauth"),
    (401, oi("invalid_token", "The specified token is invalid.", "ID2004"), "invalid_token", "ambiguous",
     "fix_config"),
    (401, oi("invalid_token", "The specified token is not an access token.", "ID2008"), "invalid_token",
     "wrong_token_type", "fix_config"),
    # a client library's log line without error_uri
    (None, "invalid_grant: The specified refresh token has already been redeemed.", "invalid_grant",
     "refresh_token_reused_after_rotation", "reauth"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_openiddict_rules(status: int | None, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="openiddict")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


API_CASES = [
    # (status, headers, class, cause, decision): OpenIddict.Validation at an API, details in WWW-Authenticate only
    (401, challenge("invalid_token", "The specified token is no longer valid.", "ID2019"), "invalid_token",
     "ambiguous", "retry"),
    (401, challenge("invalid_token", "The specified token cannot be used with this resource server.", "ID2094"),
     "invalid_token", "token_for_wrong_audience", "fix_config"),
    (401, challenge("invalid_token", "The issuer associated to the specified token is not valid.", "ID2088"),
     "invalid_token", "token_from_other_issuer", "fix_config"),
    (401, challenge("invalid_token", "The signing key associated to the specified token was not found.", "ID2090"),
     "invalid_token", "ambiguous", "fix_config"),
    (401, challenge("invalid_token", "The authorization associated with the token is no longer valid.", "ID2023"),
     "invalid_token", "authorization_revoked", "reauth"),
    (403, challenge("insufficient_access", "The user represented by the token is not allowed to perform the "
                                           "requested action.", "ID2095"), "insufficient_scope", "missing_permission",
     "fix_config"),
]


@pytest.mark.parametrize(("status", "headers", "cls", "cause", "decision"), API_CASES)
def test_openiddict_validation_challenges(status: int, headers: dict[str, str], cls: str, cause: str,
                                          decision: str) -> None:
    got = classify(status, "", headers=headers, provider="openiddict")
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_ambiguous_answers_carry_candidates() -> None:
    refresh = classify(400, oi("invalid_grant", "The specified refresh token is no longer valid.", "ID2018"),
                       provider="openiddict").to_json()
    assert {c["cause"] for c in refresh["candidates"]} == {"refresh_token_expired", "refresh_token_revoked"}
    unreadable = classify(401, oi("invalid_token", "The specified token is invalid.", "ID2004"),
                          provider="openiddict-core").to_json()
    assert "encryption_key_differs_between_servers" in {c["cause"] for c in unreadable["candidates"]}


def test_provider_code_is_the_error_uri_id() -> None:
    got = classify(400, oi("invalid_grant", "The specified refresh token has already been redeemed.", "ID2012"))
    assert got.to_json()["provider_code"] == "ID2012"


@pytest.mark.parametrize("body", [
    oi("invalid_grant", "The specified refresh token has already been redeemed.", "ID2012"),
    oi("invalid_client", "The specified client credentials are invalid.", "ID2055"),
    # the message alone (a log line that kept only the description)
    json.dumps({"error": "invalid_grant",
                "error_description": "The authorization associated with the refresh token is no longer valid."}),
])
def test_openiddict_detected_from_its_body(body: str) -> None:
    assert classify(400, body).to_json()["provider"] == "openiddict"


def test_openiddict_detected_from_www_authenticate() -> None:
    headers = challenge("invalid_token", "The specified token is no longer valid.", "ID2019")
    assert classify(401, "", headers=headers).to_json()["provider"] == "openiddict"


def test_other_servers_bodies_are_not_openiddict() -> None:
    keycloak = json.dumps({"error": "invalid_grant", "error_description": "Token is not active"})
    dex = json.dumps({"error": "invalid_request",
                      "error_description": "Refresh token is invalid or has already been claimed by another client."})
    assert classify(400, keycloak).to_json()["provider"] != "openiddict"
    assert classify(400, dex).to_json()["provider"] != "openiddict"


def test_other_servers_texts_fall_through_openiddict_rules() -> None:
    # Keycloak's dead session under --provider openiddict: no OpenIddict rule matches, the generic layers answer.
    got = classify(400, json.dumps({"error": "invalid_grant", "error_description": "Token is not active"}),
                   provider="openiddict")
    assert got.cause not in {"refresh_token_reused_after_rotation", "authorization_revoked", "auth_code_reused"}
    assert got.decision == "reauth"
    # An expired access token in another server's words keeps the generic answer.
    api = classify(401, json.dumps({"error": "invalid_token", "error_description": "jwt expired"}),
                   provider="openiddict")
    assert (api.failure_class, api.decision) == ("invalid_token", "retry")
    assert api.cause not in {"wrong_token_type", "token_for_wrong_audience"}


def test_cli_explain_end_to_end() -> None:
    body = oi("invalid_grant", "The specified refresh token has already been redeemed.", "ID2012")
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "openiddict", "--status",
                           "400", "--format", "json", body], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["class"], out["cause"], out["decision"], out["provider"], out["provider_code"]) == (
        "invalid_grant", "refresh_token_reused_after_rotation", "reauth", "openiddict", "ID2012")


@pytest.mark.parametrize(("registered", "sent", "client_type", "openid", "accepted"), [
    # ordinal comparison: case and trailing slash matter
    (["https://app.example.com/cb"], "https://app.example.com/cb", "web", False, True),
    (["https://app.example.com/cb"], "https://APP.example.com/cb", "web", False, False),
    (["https://app.example.com/cb"], "https://app.example.com/cb/", "web", False, False),
    # a loopback URI registered without a port takes any port, for native applications only, same scheme
    (["http://localhost/cb"], "http://localhost:5000/cb", "native", False, True),
    (["http://127.0.0.1/cb"], "http://127.0.0.1:5000/cb", "native", False, True),
    (["http://localhost/cb"], "http://localhost:5000/cb", "web", False, False),
    (["http://127.0.0.1/cb"], "https://127.0.0.1:5000/cb", "native", False, False),
    (["http://127.0.0.1:8080/cb"], "http://127.0.0.1:5000/cb", "native", False, False),
    (["http://127.0.0.1/cb"], "http://127.0.0.1:5000/other", "native", False, False),
    # no redirect_uri: the only registered URI, unless the request is OpenID Connect
    (["https://app.example.com/cb"], None, "web", False, True),
    (["https://app.example.com/cb", "https://app.example.com/cb2"], None, "web", False, False),
    (["https://app.example.com/cb"], None, "web", True, False),
])
def test_openiddict_redirect_rule(registered: list[str], sent: str | None, client_type: str, openid: bool,
                                  accepted: bool) -> None:
    from oauthdoctor.redirect import compare

    assert compare(registered, sent, provider="openiddict", client_type=client_type, openid=openid).accepted is accepted
