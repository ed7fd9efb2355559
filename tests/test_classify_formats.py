"""The extractor reads every body format users paste; arbitrary input never raises."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.classifier.extract import extract

BOOK = RuleBook()


def run(body: object, status: int | None = 400, headers: dict[str, str] | None = None) -> tuple[str, str, str]:
    r = classify(status, body, headers, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize(("body", "error", "description", "fmt"), [
    ('{"error":"invalid_grant","error_description":"Bad"}', "invalid_grant", "Bad", "json"),
    ("error=invalid_grant&error_description=The+code+is+bad", "invalid_grant", "The code is bad", "form"),
    ('oauth2: "invalid_grant" "Token has been expired or revoked."', "invalid_grant",
     "Token has been expired or revoked.", "wrapped"),
    ('oauth2: cannot fetch token: 400 Bad Request\nResponse: {"error":"invalid_client"}', "invalid_client", None,
     "json"),
    # the same logged on one line (a log shipper folds the newline into a space)
    ('oauth2: cannot fetch token: 400 Bad Request Response: {"error":"invalid_client"}', "invalid_client", None,
     "json"),
    # AppAuth-Android's AuthorizationException JSON names the description errorDescription
    ('{"type":2,"code":2002,"error":"invalid_grant","errorDescription":"Refresh token expired","errorUri":null}',
     "invalid_grant", "Refresh token expired", "json"),
    ("(invalid_grant) Invalid refresh token", "invalid_grant", "Invalid refresh token", "wrapped"),
    ("OAuth2Error: invalid_grant Token is not active", "invalid_grant", "Token is not active", "wrapped"),
    ("TokenError: Invalid authorization code", None, "Invalid authorization code", "wrapped"),
    ("invalid_grant: ip restricted", "invalid_grant", "ip restricted", "wrapped"),
    ("{'error': 'invalid_grant', 'error_description': 'x', 'expires': None, 'ok': False}", "invalid_grant", "x",
     "python"),
    ("{ error: 'invalid_grant', error_description: 'Stale token' }", "invalid_grant", "Stale token", "fragment"),
    ('{"error":"invalid_grant","error_description":"AADSTS70000: The code has expired.\\r\\nTrace', "invalid_grant",
     "AADSTS70000: The code has expired.\r\nTrace", "fragment"),
    ('"error":"invalid_request","error_description":"missing grant_type"}', "invalid_request",
     "missing grant_type", "fragment"),
    ('[{"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}]', "INVALID_SESSION_ID",
     "Session expired or invalid", "json"),
    ('{"error":{"code":401,"message":"Request had invalid credentials.","status":"UNAUTHENTICATED"}}',
     "UNAUTHENTICATED", "Request had invalid credentials.", "json"),
    ("<html><head><title>Error 400 (Bad Request)!!1</title><style>p{}</style></head><body><p>Error: "
     "redirect_uri_mismatch</p></body></html>", "redirect_uri_mismatch", None, "html"),
    (b'{"error":"invalid_client"}', "invalid_client", None, "json"),
    # A body stored as a JSON string (json.dumps of the text), here with a trailing comma from a pasted log.
    ('"Client error: resulted in a `400 Bad Request` response:\\n{\\"error\\":\\"invalid_client\\"}\\n",',
     "invalid_client", None, "wrapped"),
    # A pasted query string with its leading "?".
    ("?error=invalid_request&error_description=Invalid+client_id+parameter+value.", "invalid_request",
     "Invalid client_id parameter value.", "form"),
    # A bare code, and a plain-text message longer than a line (its own description).
    ("invalid_team_for_non_distributed_app", "invalid_team_for_non_distributed_app", None, "text"),
    ("Credential implementation failed: " + "x" * 600, None, "Credential implementation failed: " + "x" * 600,
     "text"),
    # Wrappers three levels down; an errors list whose first object speaks; a message that is a code in words.
    ('{"payload":{"dataMessage":{"error":"invalid_grant","error_description":"Token has been expired or revoked."}},'
     '"type":"refresh_token_external_error"}', "invalid_grant", "Token has been expired or revoked.", "json"),
    ('{"errors":[{"code":"UNAUTHORIZED","message":"The app has been uninstalled"}]}', None,
     "The app has been uninstalled", "json"),
    ('{"status": 400, "message": "Invalid grant"}', "invalid_grant", "Invalid grant", "json"),
    ("slow down", None, "slow down", "text"),  # words of a rate limit, not RFC 8628's slow_down
    # Salesforce's SOAP fault string: an upper-case code, no space after the colon.
    ("INVALID_SESSION_ID:Invalid Session ID found in SessionHeader: Illegal Session", "INVALID_SESSION_ID",
     "Invalid Session ID found in SessionHeader: Illegal Session", "wrapped"),
    # Prose after "error:" is not a code; a JS dump nested under "error: {" gives its inner error.
    ("Zoom webservice error: Invalid access token..", None, "Zoom webservice error: Invalid access token..", "text"),
    ("error: {\n    error: 'unauthorized_client',\n    error_description: 'Missing valid authorization header'\n  }",
     "unauthorized_client", "Missing valid authorization header", "fragment"),
    # fosite's JSON with the hint in its own field
    ('{"error":"invalid_request","error_hint":"Code challenge is required."}', "invalid_request",
     "Code challenge is required.", "json"),
    # The response as a JSON string inside a gateway's or a log's envelope.
    ('{"statusCode":401,"body":"{\\"error\\":\\"invalid_token\\",\\"error_description\\":\\"Token expired\\"}"}',
     "invalid_token", "Token expired", "json"),
    # An error page that prints the JSON it got; a short page's text is its message.
    ('<html><body><h1>Login failed</h1><pre>{"error": "invalid_grant", "error_description": "Code reused"}</pre>'
     "</body></html>", "invalid_grant", "Code reused", "html"),
    ("<html><head><title>Error</title></head><body><p>The redirect URI is not registered.</p></body></html>", None,
     None, "html"),
    # A callback URL or an unencoded query quoted in a log line or an SDK message.
    ("2026-12-05 WARN callback failed: https://app.test/cb?error=access_denied&error_description=User+denied+it "
     "(state ok)", "access_denied", "User denied it", "url"),
    ("redirect error: error=invalid_request&error_description=The nonce parameter is missing",
     "invalid_request", "The nonce parameter is missing", "url"),
    # openid-client's "OPError: code (description)" with a code no list knows.
    ("OPError: invalid_dpop_proof (DPoP proof htu mismatch)", "invalid_dpop_proof", "DPoP proof htu mismatch",
     "wrapped"),
])
def test_extracts_error_from_each_format(body: object, error: str | None, description: str | None,
                                         fmt: str) -> None:
    ex = extract(400, body)
    assert (ex.error, ex.description, ex.fmt) == (error, description, fmt)


def test_an_rfc_definition_names_its_code_and_no_reason() -> None:
    """fosite, Authelia, Doorkeeper and GitLab put RFC 6749's definition of the code in error_description: it lists
    every reason ("... revoked, does not match the redirection URI ...") and so names none."""
    body = ('{"error":"invalid_grant","error_description":"The provided authorization grant (e.g., authorization code, '
            'resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection '
            'URI used in the authorization request, or was issued to another client."}')
    assert run(body) == ("invalid_grant", "ambiguous", "reauth")
    # No code of its own: the definition names it; the rest of the text gives the reason.
    text = ("Client authentication failed (e.g., unknown client, no client authentication included, or unsupported "
            "authentication method). crypto/bcrypt: hashedPassword is not the hash of the given password")
    assert run(text, status=401)[0] == "invalid_client"
    token = ('{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed '
             'or invalid for other reasons."}')
    assert run(token, status=401) == ("invalid_token", "ambiguous", "retry")


def test_curl_i_output_gives_status_and_headers() -> None:
    raw = ("HTTP/1.1 100 Continue\r\n\r\nHTTP/2 429 Too Many Requests\r\nRetry-After: 30\r\n"
           "Content-Type: application/json\r\n\r\n{\"error\":\"slow\"}")
    result = classify(None, raw, rulebook=BOOK)
    assert (result.status, result.failure_class, result.decision) == (429, "rate_limited", "retry")
    assert "Back off per Retry-After: wait 30 before the next attempt." in result.hints


def test_www_authenticate_header_supplies_the_error() -> None:
    header = 'Bearer realm="api", error="insufficient_scope", error_description="needs mail.read", scope="mail.read"'
    result = classify(403, "", {"WWW-Authenticate": header}, rulebook=BOOK)
    assert (result.failure_class, result.cause, result.error) == ("insufficient_scope", "missing_scope",
                                                                  "insufficient_scope")
    assert result.error_description == "needs mail.read"


def test_form_encoded_200_from_github_style_server() -> None:
    body = "error=incorrect_client_credentials&error_description=The+client_id+and%2For+client_secret+passed"
    assert run(body, 200) == ("invalid_client", "bad_client_credentials", "fix_config")


def test_plain_text_page_finds_known_code() -> None:
    assert run("Sorry.\n\nError 403: access_denied\n", 403)[0] == "access_denied"


def test_success_body_is_not_an_error() -> None:
    result = classify(200, '{"access_token":"ya29.secret-value","expires_in":3599}', rulebook=BOOK)
    assert (result.failure_class, result.cause) == ("unknown", "not_an_error")
    assert "ya29.secret-value" not in json.dumps(result.to_json())


def test_dict_body_and_string_status_are_accepted() -> None:
    result = classify("401", {"error": "invalid_token"}, rulebook=BOOK)
    assert (result.status, result.failure_class, result.decision) == (401, "invalid_token", "retry")


@pytest.mark.parametrize(("status", "expected"), [
    (503, ("temporarily_unavailable", "token_service_unavailable", "retry")),
    (502, ("server_error", "idp_server_error", "retry")),  # a gateway whose upstream failed: transient
    (504, ("temporarily_unavailable", "token_service_unavailable", "retry")),  # a gateway timeout: transient
    (500, ("server_error", "idp_server_error", "retry")),
    (429, ("rate_limited", "rate_limit_exceeded", "retry")),
    (401, ("invalid_token", "ambiguous", "fix_config")),  # no code, no reason: engine._refused_without_reason
    (None, ("unknown", "unrecognised_response", "none")),
])
def test_status_fallback_for_empty_bodies(status: int | None, expected: tuple[str, str, str]) -> None:
    assert run("", status) == expected


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.one_of(st.none(), st.integers(-5, 1200)))
def test_arbitrary_bytes_never_raise(body: bytes, status: int | None) -> None:
    result = classify(status, body, rulebook=BOOK)
    assert result.to_json()["schema_version"] == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.dictionaries(st.text(max_size=20), st.text(max_size=40), max_size=3))
def test_arbitrary_text_and_headers_never_raise(body: str, headers: dict[str, str]) -> None:
    result = classify(400, body, headers, rulebook=BOOK)
    assert result.decision in ("reauth", "fix_config", "retry", "none")
    assert (result.decision == "none") == (result.failure_class == "unknown" and result.cause != "not_an_error")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="{}[]\"':=,&()\\ HTTP/1.0\r\nerror_description invalid_grant AADSTS123 <title>",
               max_size=200))
def test_structured_garbage_never_raises(body: str) -> None:
    assert classify(None, body, rulebook=BOOK).failure_class


@pytest.mark.parametrize("body", ["<title>" * 50_000, "<script>" * 50_000, "{" * 300_000, "a:" * 100_000])
def test_pathological_input_stays_linear(body: str) -> None:
    import time

    start = time.perf_counter()
    classify(400, body, rulebook=RuleBook())
    assert time.perf_counter() - start < 2.0


def test_a_short_error_page_is_read_as_its_message() -> None:
    page = ("<html><head><title>Sign-in error</title></head><body><h1>Something went wrong</h1>"
            "<p>Invalid redirect URI: http://localhost:3000/cb is not in the list of allowed callback URLs.</p>"
            "</body></html>")
    assert run(page, 500)[0] == "redirect_uri_mismatch"
    assert extract(500, page).desc_text.startswith("Sign-in error")


@pytest.mark.parametrize(("body", "expected"), [
    # Contractions, typographic apostrophes and word order read like the plain wording.
    ('{"error":"invalid_request","error_description":"client_secret must be supplied in the Authorization header"}',
     ("invalid_client", "fix_config")),
    ('{"message":"The redirect URI isn’t registered for this app"}', ("redirect_uri_mismatch", "fix_config")),
    ('{"status": 400, "message": "Grant is invalid"}', ("invalid_grant", "reauth")),
    ('{"status": 400, "message": "Client unauthorised"}', ("unauthorized_client", "fix_config")),
    ("Invalid OAuth2 callback URL", ("redirect_uri_mismatch", "fix_config")),
    ('{"error":"invalid_token","error_description":"The access_token supplied has expired, revoked, malformed, or '
     'invalid for other reasons."}', ("invalid_token", "retry")),
])
def test_wording_variants_keep_their_answer(body: str, expected: tuple[str, str]) -> None:
    cls, _, decision = run(body)
    assert (cls, decision) == expected


@pytest.mark.parametrize(("body", "status"), [
    ("urllib.error.HTTPError: HTTP Error 401: Unauthorized", 401),
    ("Error: Request failed with status code 429", 429),
    ("Response status code does not indicate success: 401 (Unauthorized).", 401),
    ("The remote server returned an error: (403) Forbidden.", 403),
    ("401 Client Error: Unauthorized for url: https://api.example.com/user", 401),
    ("expired 19884 day(s) ago", None),  # numbers that are no status
])
def test_a_status_named_in_the_text_is_used_when_none_is_given(body: str, status: int | None) -> None:
    assert extract(None, body).status == status
    assert extract(500, body).status == 500  # a given status always wins


def test_a_log_with_escaped_line_breaks_ends_each_unquoted_value_at_the_break() -> None:
    """A log shipper that keeps a multi-line paste on one line writes its breaks as a literal backslash-n: the
    value before it is the code, not 'invalid_grant\\nerror_description:'."""
    ex = extract(None, r"error: invalid_grant\nerror_description: Bad Request")
    assert ex.error == "invalid_grant"
    assert run(r"error: invalid_grant\nerror_description: Bad Request", None)[:1] == ("invalid_grant",)
