"""Families written from the fourth corpus's development half (issue #16, round five): each test states the
family in words of its own, not a corpus case."""

from __future__ import annotations

import json

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()


def run(status: int | None, body: str, provider: str | None = None) -> tuple[str, str, str]:
    r = classify(status, body, None, provider=provider, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize("body", [
    "SyntaxError: Unexpected token < in JSON at position 0",
    "SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON",
    "Unexpected character encountered while parsing value: <. Path '', line 0, position 0.",
    "oauth2: cannot parse json: invalid character '<' looking for beginning of value",
])
def test_an_html_page_where_json_was_expected_is_the_endpoint_url(body: str) -> None:
    r = classify(None, body, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == ("invalid_request", "ambiguous", "fix_config", "low")
    assert [c.cause for c in r.candidates] == ["wrong_endpoint_url", "proxy_or_gateway_page", "idp_error_page"]


def test_a_user_the_server_denied_is_policy_not_the_users_refusal() -> None:
    """Passive voice: the server refused the user (Authelia's client authorization policy); active voice is the
    user declining consent (RFC 6749 4.1.2.1)."""
    policy = "https://app.test/cb?error=access_denied&error_description=The+account+was+denied+access+to+this+client."
    assert run(302, policy) == ("access_denied", "access_policy_denied", "fix_config")
    refused = "https://app.test/cb?error=access_denied&error_description=The+user+denied+the+request."
    assert run(302, refused) == ("access_denied", "user_denied_consent", "reauth")


@pytest.mark.parametrize(("body", "expected"), [
    ("Client 'tv-app' is not configured for the device flow", ("unauthorized_client", "client_not_authorized")),
    ("The registered client only supports 'token_endpoint_client_auth_method' method 'client_secret_post'",
     ("invalid_client", "wrong_client_auth_method")),
    ('{"error": "invalid_request", "error_description": "The requested redirect_uri is missing from the client '
     'configuration."}', ("redirect_uri_mismatch", "redirect_uri_not_registered")),
    ("jwt: token is not valid yet", ("invalid_token", "clock_skew")),
])
def test_configuration_said_in_other_words(body: str, expected: tuple[str, str]) -> None:
    failure_class, cause, decision = run(None, body)
    assert (failure_class, cause, decision) == (*expected, "fix_config")


def test_an_expired_assertion_is_signed_again_whatever_the_class() -> None:
    """RFC 7523: the client mints the assertion, so an expired one is fix_config for a JWT bearer grant too."""
    body = '{"error": "invalid_grant", "error_description": "The JWT assertion has expired."}'
    assert run(400, body) == ("invalid_grant", "client_assertion_expired", "fix_config")


@pytest.mark.parametrize(("fault", "expected"), [
    ("InvalidSessionFault", ("invalid_token", "soap_session_invalid", "retry")),
    ("InvalidAccountFault", ("invalid_request", "tenant_not_found", "fix_config")),
    ("InsufficientPermissionFault", ("insufficient_scope", "missing_permission", "fix_config")),
    ("ExceededConcurrentRequestLimitFault", ("rate_limited", "rate_limit_exceeded", "retry")),
    ("InvalidCredentialsFault", ("invalid_grant", "ambiguous", "fix_config")),
])
def test_netsuite_soap_faults_by_name(fault: str, expected: tuple[str, str, str]) -> None:
    """Oracle's SOAP fault table: the fault's name says what failed, whatever the faultstring or status adds."""
    body = (f'<soapenv:Fault><faultcode>soapenv:Server.userException</faultcode><faultstring>An unexpected error '
            f'occurred.</faultstring><detail><platformFaults:{fault[0].lower()}{fault[1:]} xmlns:platformFaults='
            f'"urn:faults_2023_1.platform.webservices.netsuite.com"><platformFaults:code>X</platformFaults:code>'
            f'</platformFaults:{fault[0].lower()}{fault[1:]}></detail></soapenv:Fault>')
    assert run(500, body, provider="netsuite") == expected


def test_two_authentication_mechanisms_stay_that_in_a_netsuite_fault() -> None:
    body = ("<soapenv:Fault><faultstring>Ambiguous authentication</faultstring><detail>"
            "<platformFaults:invalidCredentialsFault><platformFaults:code>USER_ERROR</platformFaults:code>")
    assert run(500, body, provider="netsuite")[1:] == ("multiple_client_auth_methods", "fix_config")


@pytest.mark.parametrize("context", [{"url": "https://idp.example.test/oauth2/v2.0/token"},
                                     {"grant_type": "refresh_token"}])
def test_a_bare_401_from_a_token_request_is_client_authentication(context: dict[str, str]) -> None:
    """RFC 6749 5.2: at the token endpoint 401 is invalid_client; the endpoint has no invalid_token to give."""
    r = classify(401, "Unauthorized", None, rulebook=BOOK, **context)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == (
        "invalid_client", "bad_client_credentials", "fix_config", "medium")


def test_a_bare_401_from_an_api_stays_an_access_token_refused() -> None:
    r = classify(401, "Unauthorized", None, url="https://api.example.test/v1/me", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == ("invalid_token", "ambiguous", "fix_config", "low")
    # nothing says why: configuration first (engine._refused_without_reason), and the refresh stays a candidate
    assert ("access_token_expired", "retry") in [(c.cause, c.decision) for c in r.candidates]


@pytest.mark.parametrize("text", [
    "POST https://idp.example.test/oauth2/v2.0/token 401 Unauthorized",
    "Request to https://login.example.test/realms/x/protocol/openid-connect/token failed: 401 Unauthorized",
    "oauth2: cannot fetch token: 401 Unauthorized",
    "Token request failed with status 401 (Unauthorized)",
    "Failed to obtain access token: 401 Unauthorized",
    "error while refreshing the access token: HTTP 401 Unauthorized",
    "Failed to exchange authorization code for token: HTTP 401",
    "Error: Request failed with status code 401 at exchangeCodeForToken (auth.js:42)",
])
def test_a_log_line_naming_a_token_request_reads_its_401_as_client_authentication(text: str) -> None:
    """The log line says what the caller would give as --url or --grant-type: the failing request asked for a token."""
    r = classify(None, text, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == (
        "invalid_client", "bad_client_credentials", "fix_config", "medium")


@pytest.mark.parametrize(("text", "decision"), [
    ("GET https://api.example.test/v1/me 401 Unauthorized", "fix_config"),
    ("invalid oauth token Request failed for https://api.example.test returned code 401", "fix_config"),
    ("401 Unauthorized: the access token is expired", "retry"),
    ("GET https://api.example.test/v1/token-info 401 Unauthorized", "fix_config"),
    ('{"refreshToken": null, "message": "Unauthorized"} status 401', "fix_config"),  # a field name, not a frame
])
def test_a_401_of_a_call_made_with_a_token_stays_an_access_token_refused(text: str, decision: str) -> None:
    r = classify(None, text, None, rulebook=BOOK)
    assert (r.failure_class, r.decision) == ("invalid_token", decision)


@pytest.mark.parametrize(("grant", "cause"), [("authorization_code", "auth_code_issued_to_another_client"),
                                               ("refresh_token", "refresh_request_malformed")])
def test_a_grant_that_leaves_one_configuration_cause_decides_fix_config(grant: str, cause: str) -> None:
    """A code redeemed by another client id, a refresh sent without the client's credentials: a new sign-in sends
    the same request, so the grant's one remaining cause decides fix_config, not the class's reauth."""
    from dataclasses import replace

    from oauthdoctor.classifier.extract import extract
    from oauthdoctor.classifier.request_context import for_grant
    from oauthdoctor.classifier.result import CauseCandidate

    body = '{"error":"invalid_grant"}'
    both = replace(classify(400, body, None, rulebook=BOOK), candidates=(
        CauseCandidate("auth_code_issued_to_another_client", "the code came from another client id"),
        CauseCandidate("refresh_request_malformed", "the refresh carried no client credentials")))
    r = for_grant(both, grant, extract(400, body, None), None, None)
    assert (r.cause, r.decision, r.confidence) == (cause, "fix_config", "medium")


def _spring(status: int, reason: str, path: str) -> str:
    return json.dumps({"timestamp": "2024-01-01T00:00:00.000+00:00", "status": status, "error": reason, "path": path})


def test_spring_boots_error_body_names_the_request_path() -> None:
    """Spring Boot answers with the status's reason phrase as "error" and the request's "path": a 401 at a token
    path is client authentication, a 404 there a wrong token URL; at an API path the 401 stays a refused token."""
    r = classify(401, _spring(401, "Unauthorized", "/oauth2/token"), None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_client", "bad_client_credentials", "fix_config")
    r = classify(404, _spring(404, "Not Found", "/oauth/token"), None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", "wrong_endpoint_url", "fix_config")
    r = classify(401, _spring(401, "Unauthorized", "/api/orders"), None, rulebook=BOOK)
    assert (r.failure_class, r.decision) == ("invalid_token", "fix_config")


@pytest.mark.parametrize(("status", "body", "cause"), [
    (405, '{"error": "Method Not Allowed"}', "wrong_http_method"),
    (415, '{"error": "Unsupported Media Type"}', "request_body_not_form_encoded"),
    (405, "", "wrong_http_method"),
])
def test_405_and_415_are_the_requests_method_and_format(status: int, body: str, cause: str) -> None:
    """RFC 9110 15.5.6 and 15.5.16: the token request is a form POST (RFC 6749 3.2, 4.1.3)."""
    r = classify(status, body, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", cause, "fix_config")
