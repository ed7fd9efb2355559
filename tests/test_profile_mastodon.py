"""Mastodon's profile: bodies built from Mastodon's docs (mastodon/documentation@2903485) classify exactly.

Mastodon answers in two shapes: its OAuth endpoints speak RFC 6749 with Doorkeeper's texts, its REST API puts a
sentence in ``error`` itself (``{"error": "The access token is invalid"}``). Its access tokens never expire and no
refresh token exists, so no refused token here may be answered ``retry``. Each case below is written from the docs'
response sections and the Error entity, not taken from a corpus.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect import compare


def api_error(text: str) -> str:
    return json.dumps({"error": text})


def oauth_error(code: str, description: str) -> str:
    return json.dumps({"error": code, "error_description": description})


def run(status: int | None, body: str, provider: str | None = "mastodon",
        url: str | None = None) -> tuple[str, str, str]:
    got = classify(status, body, provider=provider, url=url, rulebook=RuleBook())
    return got.failure_class, got.cause, got.decision


RFC_GRANT = ("The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used "
             "in the authorization request, or was issued to another client.")
TOKEN_INVALID = api_error("The access token is invalid")

CASES = [
    # (status, body, class, cause, decision)
    # REST API, 401: an unknown, missing or malformed token (methods/apps.md, methods/statuses.md).
    (401, TOKEN_INVALID, "invalid_token", "ambiguous", "reauth"),
    # Doorkeeper's other two texts in Mastodon's shape: revoked, and expired (which stock Mastodon never says).
    (401, api_error("The access token was revoked"), "invalid_token", "token_revoked", "reauth"),
    (401, api_error("The access token expired"), "invalid_token", "short_lived_token_without_refresh", "reauth"),
    # 403: the token lacks the method's scope (methods/accounts.md, GET /oauth/userinfo).
    (403, api_error("This action is outside the authorized scopes"), "insufficient_scope", "missing_scope",
     "fix_config"),
    # 401 in secure mode; 422 for an app token on a user method (entities/Error.md).
    (401, api_error("This API requires an authenticated user"), "invalid_request", "ambiguous", "fix_config"),
    (422, api_error("This method requires an authenticated user"), "insufficient_scope",
     "app_token_where_user_token_required", "fix_config"),
    # 403: the account's state, not the token.
    (403, api_error("Your login is currently disabled"), "access_denied", "user_disabled", "fix_config"),
    (403, api_error("Your login is missing a confirmed e-mail address"), "access_denied", "email_not_confirmed",
     "reauth"),
    (403, api_error("Your login is currently pending approval"), "access_denied", "account_pending_approval",
     "fix_config"),
    (403, api_error("This action is not allowed"), "access_denied", "not_permitted", "fix_config"),
    # Rate limit and the transient 503s.
    (429, api_error("Too many requests"), "rate_limited", "rate_limit_exceeded", "retry"),
    (503, api_error("There was a temporary problem serving your request, please try again"),
     "temporarily_unavailable", "transient_provider_failure", "retry"),
    (503, api_error("Remote data could not be fetched"), "temporarily_unavailable", "transient_provider_failure",
     "retry"),
    # OAuth endpoints (methods/oauth.md): a refused code, scope, client, revocation.
    (400, oauth_error("invalid_grant", RFC_GRANT), "invalid_grant", "ambiguous", "reauth"),
    (400, oauth_error("invalid_scope", "The requested scope is invalid, unknown, or malformed."),
     "invalid_scope", "ambiguous", "fix_config"),
    (401, oauth_error("invalid_client", "Client authentication failed due to unknown client, no client "
                      "authentication included, or unsupported authentication method."),
     "invalid_client", "ambiguous", "fix_config"),
    (403, oauth_error("unauthorized_client", "You are not authorized to revoke this token"),
     "unauthorized_client", "token_for_other_client", "fix_config"),
    (400, oauth_error("unsupported_grant_type",
                      "The authorization grant type is not supported by the authorization server."),
     "unsupported_grant_type", "ambiguous", "fix_config"),
    # Authorize: PKCE method (S256 only) and the redirect URI, as Doorkeeper names them.
    (400, oauth_error("invalid_code_challenge_method", "The code_challenge_method must be S256."),
     "invalid_request", "pkce_method_unsupported", "fix_config"),
    (400, oauth_error("invalid_redirect_uri",
                      "The requested redirect uri is malformed or doesn't match client redirect URI."),
     "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config"),
    # The same text on the instance's page, without a code (later Doorkeeper wording).
    (400, "<html><body><h1>An error has occurred</h1><p>The requested redirect URI is malformed or doesn't match "
          "the client redirect URI.</p></body></html>", "redirect_uri_mismatch", "redirect_uri_not_registered",
     "fix_config"),
    # App registration (POST /api/v1/apps, 422).
    (422, api_error("Validation failed: Redirect URI must be an absolute URI."), "redirect_uri_mismatch",
     "redirect_uri_malformed", "fix_config"),
    (422, api_error("Validation failed: Redirect URI must be an HTTPS/SSL URI."), "redirect_uri_mismatch",
     "redirect_uri_malformed", "fix_config"),
    # A bare API 401: tokens neither expire nor refresh, so not retry.
    (401, "Unauthorized", "invalid_token", "ambiguous", "reauth"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_documented_error_classifies(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    assert run(status, body) == (cls, cause, decision)


def test_unknown_token_lists_why_without_a_refresh() -> None:
    got = classify(401, TOKEN_INVALID, provider="mastodon", rulebook=RuleBook())
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("token_deleted", "reauth"), ("access_token_missing", "fix_config"), ("token_from_other_server", "fix_config")]
    assert got.normalized_status == 401
    assert any("no refresh token" in hint for hint in got.hints)


def test_no_refused_token_is_answered_retry() -> None:
    for text in ("The access token is invalid", "The access token was revoked", "The access token expired"):
        assert run(401, api_error(text))[2] == "reauth", text


def test_client_error_names_the_per_instance_registration() -> None:
    got = classify(401, oauth_error("invalid_client", "Client authentication failed due to unknown client, no "
                                    "client authentication included, or unsupported authentication method."),
                   provider="mastodon", rulebook=RuleBook())
    assert [c.cause for c in got.candidates] == ["bad_client_secret", "unknown_client_id",
                                                 "client_removed_from_configuration", "client_authentication_missing"]


def test_a_401_from_the_token_endpoint_stays_client_authentication() -> None:
    assert run(401, "", url="https://mastodon.example/oauth/token") == (
        "invalid_client", "bad_client_credentials", "fix_config")


@pytest.mark.parametrize(("status", "body"), [
    (401, TOKEN_INVALID),
    (403, api_error("This action is outside the authorized scopes")),
    (401, api_error("This API requires an authenticated user")),
    (422, api_error("This method requires an authenticated user")),
    (403, api_error("Your login is missing a confirmed e-mail address")),
    (401, api_error("The access token was revoked")),
    # A log line naming Mastodon's app-registration path.
    (422, 'POST https://social.example/api/v1/apps -> 422 {"error": "Validation failed: Redirect URI must be an '
          'absolute URI."}'),
])
def test_mastodon_is_detected_from_the_body(status: int, body: str) -> None:
    assert classify(status, body, rulebook=RuleBook()).provider == "mastodon"


@pytest.mark.parametrize(("status", "body"), [
    # Doorkeeper's own shape (a code in error, the text in error_description) is any Doorkeeper app, not Mastodon.
    (401, oauth_error("invalid_token", "The access token is invalid")),
    # The RFC definition every Doorkeeper server sends.
    (400, oauth_error("invalid_grant", RFC_GRANT)),
    # GitLab's API guard and Google's token endpoint.
    (401, oauth_error("invalid_token", "Token is expired. You can either do re-authorization or token refresh.")),
    (400, oauth_error("invalid_grant", "Token has been expired or revoked.")),
])
def test_other_bodies_are_not_mastodon(status: int, body: str) -> None:
    assert classify(status, body, rulebook=RuleBook()).provider != "mastodon"


def test_mastodon_rules_do_not_touch_another_providers_body() -> None:
    got = classify(401, oauth_error("invalid_token", "Token is expired. You can either do re-authorization or token "
                                    "refresh."), provider="gitlab", rulebook=RuleBook())
    assert (got.provider, got.cause, got.decision) == ("gitlab", "access_token_expired", "retry")


def test_profile_facts() -> None:
    profile = get_profile("mastodon")
    assert profile.kind == "server"
    assert profile.endpoints.hosts == []
    assert profile.endpoints.discovery is not None
    assert profile.endpoints.discovery.url == "{issuer}/.well-known/oauth-authorization-server"
    assert profile.grants.supported == ["authorization_code", "client_credentials"]
    assert profile.pkce.methods == ["S256"]
    assert profile.token_policy.access_token_lifetime is not None
    assert profile.token_policy.access_token_lifetime.seconds is None
    assert "none" not in profile.client_auth.accepted


def test_redirect_uri_is_required_and_registered_uris_split_on_newlines() -> None:
    assert compare(["https://app.example/cb"], None, provider="mastodon").accepted is False
    registered = ["https://app.example/callback\nhttps://app.example/register"]
    assert compare(registered, "https://app.example/register", provider="mastodon").accepted is True
    assert compare(["https://app.example/cb"], "https://app.example/cb/", provider="mastodon").accepted is False
    assert compare(["urn:ietf:wg:oauth:2.0:oob"], "urn:ietf:wg:oauth:2.0:oob", provider="mastodon").accepted is True


def test_alias_resolves() -> None:
    assert RuleBook().resolve("tootsuite") == "mastodon"


def test_cli_explain_end_to_end() -> None:
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "mastodon", "--format",
                           "json", "--status", "403", api_error("This action is outside the authorized scopes")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["normalized_status"], out["basis"]) == (
        "mastodon", "insufficient_scope", "missing_scope", "fix_config", 403, "confirmed")
