"""Reddit's profile: bodies built from Reddit's archived server code (reddit-archive/reddit@753b174) and the
responses prawcore recorded from the live service classify exactly.

Reddit answers in three shapes: the token endpoint speaks RFC 6749 JSON at HTTP 200 (a refused refresh token is a
bare 400 ``{"error": 400}``), the API answers an error document ``{"error": <status>}`` with the OAuth error only in
``WWW-Authenticate``, and ``/authorize`` shows an HTML error page naming the problem. prawcore (the library under
PRAW) turns these into its own exception texts. Each case is written from that code, not taken from a corpus.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.redirect import compare

TOKEN_URL = "https://www.reddit.com/api/v1/access_token"


def bearer(error: str) -> dict[str, str]:
    return {"WWW-Authenticate": f'Bearer realm="reddit", error="{error}"'}


def document(status: int, message: str | None = None) -> str:
    """The error document Reddit's middleware puts in place of a failed response's body."""
    return json.dumps({"message": message, "error": status} if message else {"error": status})


def error_page(explanation: str, title: str = "bad request (reddit.com)",
               message: str = "you sent an invalid request") -> str:
    return (f'<html><head><title>reddit.com: {title}</title></head><body><div id="classy-error" class="content">'
            f'<h1>{title}</h1><div class="errorpage-message">{message} &mdash; {explanation}</div></div>'
            "</body></html>")


def run(status: int | None, body: str, headers: dict[str, str] | None = None, provider: str | None = "reddit",
        url: str | None = None, grant_type: str | None = None) -> tuple[str, str, str]:
    got = classify(status, body, headers, provider=provider, url=url, rulebook=RuleBook(), grant_type=grant_type)
    return got.failure_class, got.cause, got.decision


CASES = [
    # (status, body, headers, class, cause, decision)
    # Token endpoint, HTTP 200 with an RFC 6749 code (oauth2.py POST_access_token and its grant handlers).
    (200, '{"error": "invalid_grant"}', None, "invalid_grant", "ambiguous", "fix_config"),
    (200, '{"error_description": "Only script apps may use password auth", "error": "unauthorized_client"}', None,
     "unauthorized_client", "app_type_not_script", "fix_config"),
    (200, json.dumps({"error": "unauthorized_client",
                      "error_description": "Only confidential clients may use client_credentials auth"}), None,
     "unauthorized_client", "public_client_uses_client_credentials", "fix_config"),
    (200, '{"error_description": "bad device_id", "error": "invalid_request"}', None,
     "invalid_request", "device_id_invalid", "fix_config"),
    (200, '{"error": "invalid_request"}', None, "invalid_request", "ambiguous", "fix_config"),
    (200, '{"error": "unsupported_grant_type"}', None, "unsupported_grant_type", "grant_type_not_supported",
     "fix_config"),
    (200, '{"error": "invalid_scope"}', None, "invalid_scope", "invalid_scope_requested", "fix_config"),
    # A refused refresh token: the handler's 400 becomes the bare error document.
    (400, document(400), None, "invalid_grant", "ambiguous", "reauth"),
    # Client authentication at the token endpoint: 401 with a Basic challenge.
    (401, document(401, "Unauthorized"), {"WWW-Authenticate": 'Basic realm="reddit"'},
     "invalid_client", "ambiguous", "fix_config"),
    # The API's Bearer challenges (reddit_base.py authenticate_with_token, _get_bearer_token).
    (401, document(401, "Unauthorized"), bearer("invalid_token"), "invalid_token", "ambiguous", "retry"),
    (401, document(401), bearer("invalid_token"), "invalid_token", "ambiguous", "retry"),
    (403, document(403), bearer("insufficient_scope"), "insufficient_scope", "missing_scope", "fix_config"),
    (400, document(400, "Bad Request"), bearer("invalid_request"), "invalid_request", "ambiguous", "fix_config"),
    # A 403 without a challenge: the token is fine, the account may not do this.
    (403, document(403, "Forbidden"), None, "access_denied", "ambiguous", "fix_config"),
    # A 401 document whose header was not captured: refresh once, with the client credentials as a candidate.
    (401, document(401, "Unauthorized"), None, "invalid_token", "ambiguous", "retry"),
    # /authorize error pages (r2/lib/errors.py texts).
    (400, error_page("invalid redirect_uri parameter"), None, "redirect_uri_mismatch", "redirect_uri_not_registered",
     "fix_config"),
    (400, error_page("invalid client id"), None, "invalid_client", "unknown_client_id", "fix_config"),
    (400, error_page("invalid response type"), None, "unsupported_response_type", "response_type_invalid",
     "fix_config"),
    (400, error_page("invalid scope requested"), None, "invalid_scope", "invalid_scope_requested", "fix_config"),
    (400, error_page("refresh tokens are not allowed for this response_type"), None, "invalid_request",
     "implicit_grant_permanent_duration", "fix_config"),
    (400, error_page("confidential clients can not request tokens directly"), None, "unauthorized_client",
     "confidential_client_uses_implicit", "fix_config"),
    (403, error_page("you can't do that on this domain", "forbidden (reddit.com)", "you are not allowed to do that"),
     None, "invalid_request", "wrong_endpoint_url", "fix_config"),
    (403, error_page("this page must be accessed using https", "forbidden (reddit.com)",
                     "you are not allowed to do that"), None, "invalid_request", "https_required", "fix_config"),
    # Rate limits: the JSON document (the HTML page with Retry-After is read by its status).
    (429, document(429, "Too Many Requests"), None, "rate_limited", "rate_limit_exceeded", "retry"),
    (429, "<!doctype html><html><head><title>Too Many Requests</title></head><body>too many requests</body></html>",
     {"Retry-After": "4"}, "rate_limited", "rate_limit_exceeded", "retry"),
]


@pytest.mark.parametrize(("status", "body", "headers", "cls", "cause", "decision"), CASES)
def test_documented_error_classifies(status: int, body: str, headers: dict[str, str] | None, cls: str, cause: str,
                                     decision: str) -> None:
    assert run(status, body, headers) == (cls, cause, decision)


@pytest.mark.parametrize(("text", "cls", "cause", "decision"), [
    # prawcore's exception texts (prawcore/exceptions.py, auth.py, sessions.py, util.py).
    ("prawcore.exceptions.ResponseException: received 401 HTTP response", "invalid_client", "ambiguous",
     "fix_config"),
    ("prawcore.exceptions.ResponseException: received 400 HTTP response", "invalid_grant", "ambiguous", "reauth"),
    ("prawcore.exceptions.InvalidToken: received 401 HTTP response", "invalid_token", "ambiguous", "retry"),
    ("prawcore.exceptions.InsufficientScope: received 403 HTTP response", "insufficient_scope", "missing_scope",
     "fix_config"),
    ("prawcore.exceptions.Forbidden: received 403 HTTP response", "access_denied", "ambiguous", "fix_config"),
    ("prawcore.exceptions.OAuthException: unauthorized_client error processing request "
     "(Only script apps may use password auth)", "unauthorized_client", "app_type_not_script", "fix_config"),
    ("prawcore.exceptions.OAuthException: invalid_request error processing request (bad device_id)",
     "invalid_request", "device_id_invalid", "fix_config"),
])
def test_prawcore_exception_texts(text: str, cls: str, cause: str, decision: str) -> None:
    assert run(None, text) == (cls, cause, decision)


def test_invalid_grant_is_never_a_refresh_and_lists_both_grants() -> None:
    got = classify(200, '{"error": "invalid_grant"}', provider="reddit", rulebook=RuleBook())
    causes = [c.cause for c in got.candidates]
    assert causes[:3] == ["bad_user_credentials", "user_not_app_developer", "otp_required"]
    assert {"auth_code_invalid_or_reused", "auth_code_expired", "redirect_uri_differs_from_authorize"} <= set(causes)
    assert not any(c.startswith("refresh_token_") for c in causes)


def test_grant_type_narrows_invalid_grant_to_the_code_exchange() -> None:
    got = classify(200, '{"error": "invalid_grant"}', provider="reddit", rulebook=RuleBook(),
                   grant_type="authorization_code")
    assert "bad_user_credentials" not in [c.cause for c in got.candidates]


def test_invalid_token_names_the_temporary_grant_among_candidates() -> None:
    got = classify(401, document(401, "Unauthorized"), bearer("invalid_token"), provider="reddit",
                   rulebook=RuleBook())
    assert [c.cause for c in got.candidates] == ["access_token_expired", "token_revoked",
                                                 "short_lived_token_without_refresh", "token_malformed_or_placeholder"]
    assert got.normalized_status == 401


def test_a_401_document_at_the_token_url_is_client_authentication() -> None:
    assert run(401, document(401, "Unauthorized"), url=TOKEN_URL)[0] == "invalid_client"


@pytest.mark.parametrize(("status", "body", "headers", "url"), [
    (401, document(401, "Unauthorized"), bearer("invalid_token"), None),  # realm="reddit"
    (401, document(401, "Unauthorized"), {"WWW-Authenticate": 'Basic realm="reddit"'}, None),
    (None, "prawcore.exceptions.OAuthException: invalid_grant error processing request", None, None),
    (200, '{"error": "invalid_grant"}', None, TOKEN_URL),  # the token URL's host
    (401, document(401), None, "https://oauth.reddit.com/api/v1/me"),  # the API host
    (None, "POST https://www.reddit.com/api/v1/access_token grant_type=https://oauth.reddit.com/grants/"
           "installed_client -> 200", None, None),
])
def test_reddit_is_detected(status: int | None, body: str, headers: dict[str, str] | None, url: str | None) -> None:
    got = classify(status, body, headers, url=url, rulebook=RuleBook())
    assert got.provider == "reddit"


@pytest.mark.parametrize(("status", "body", "headers", "provider"), [
    # Discord's API 401 and node-oauth2-server's challenge: their own shapes, not Reddit's.
    (401, '{"message": "401: Unauthorized", "code": 0}', None, None),
    (401, '{"error": "invalid_token"}', {"WWW-Authenticate": 'Bearer realm="Service", error="invalid_token"'}, None),
    (400, '{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}', None, None),
])
def test_other_providers_bodies_are_not_reddit(status: int, body: str, headers: dict[str, str] | None,
                                               provider: str | None) -> None:
    got = classify(status, body, headers, rulebook=RuleBook())
    assert got.provider != "reddit"
    if provider:
        assert got.provider == provider


def test_redirect_uri_is_one_exact_string_and_required() -> None:
    registered = ["http://localhost:8080"]
    assert compare(registered, "http://localhost:8080", provider="reddit").accepted is True
    assert compare(registered, "http://localhost:8080/", provider="reddit").accepted is False
    assert compare(["http://127.0.0.1:8080/cb"], "http://127.0.0.1:9090/cb", provider="reddit").accepted is False
    omitted = compare(registered, None, provider="reddit")
    assert (omitted.accepted, omitted.redirect_to) == (False, None)


def test_cli_explain_end_to_end() -> None:
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "reddit", "--format",
                           "json", "--status", "401", "--header", 'WWW-Authenticate: Bearer realm="reddit", '
                           'error="invalid_token"', document(401, "Unauthorized")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["normalized_status"]) == (
        "reddit", "invalid_token", "ambiguous", "retry", 401)
    assert "short_lived_token_without_refresh" in [c["cause"] for c in out["candidates"]]
