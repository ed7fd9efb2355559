"""Provider detection by an endpoint path only one profile has: a self-hosted server (Keycloak, Authelia) or a
custom domain (Salesforce) on a host no profile lists, from ``--url`` or a URL in the log line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.classifier.book import default_rulebook

# a Salesforce answer whose words alone name no server ("authentication failure" does: it has a signature)
SF_BODY = '{"error":"invalid_grant","error_description":"inactive user"}'


@pytest.mark.parametrize(("url", "provider"), [
    ("https://sso.corp.example/realms/main/protocol/openid-connect/token", "keycloak"),
    ("https://sso.corp.example/auth/realms/main/protocol/openid-connect/auth?client_id=x", "keycloak"),
    ("https://login.corp.example/api/oidc/authorization", "authelia"),
    ("https://acme.my.site.com/services/oauth2/token/", "salesforce"),
    ("https://id.corp.example/oauth2/v1/authorize", "okta"),
    ("https://auth.corp.example/oauth2/auth", "hydra"),
])
def test_a_path_only_one_profile_has_finds_it_on_any_host(url: str, provider: str) -> None:
    assert default_rulebook().by_path(url) == provider


@pytest.mark.parametrize("url", [
    "https://ghe.corp.example/login/oauth/authorize",  # Casdoor copies GitHub's paths; GitHub Enterprise runs anywhere
    "https://ghe.corp.example/login/device/code",  # Dex's /device/code is the end of GitHub's path
    "https://app.example/oauth/token",  # Auth0, Doorkeeper, GitLab, league, Spring Security OAuth
    "https://app.example/connect/token",  # IdentityServer's and Xero's
    "https://app.example/api/oidc/token",  # Authelia's and Pocket ID's
    "https://id.corp.example/oauth/v2/token",  # ZITADEL's and Zoho Accounts' (ZITADEL's authorize path is Slack's)
    "https://app.example/connect/device",  # OpenIddict's samples use it; OpenIddict has no default (heuristic)
    "https://app.example/token",  # one segment says nothing
    "https://app.example/.well-known/oauth-authorization-server",  # RFC 8414's path is everyone's
    "https://app.example/o/oauth2/v2/auth",  # Google's path on another host: Google is found by its host only
])
def test_a_shared_or_plain_path_finds_nobody(url: str) -> None:
    assert default_rulebook().by_path(url) is None


def test_url_on_a_custom_domain_gives_the_providers_rules() -> None:
    plain = classify(400, SF_BODY)
    found = classify(400, SF_BODY, url="https://acme.my.site.com/services/oauth2/token")
    assert (plain.provider, plain.decision) == (None, "reauth")
    assert (found.provider, found.cause, found.decision) == ("salesforce", "user_inactive", "fix_config")


def test_a_log_line_naming_a_self_hosted_endpoint_detects_the_server() -> None:
    body = '{"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}'
    line = ("2026-12-05T10:00:00Z ERROR refresh failed: POST https://sso.corp.example/realms/main/protocol/"
            f"openid-connect/token -> 400 {body}")
    assert classify(None, body).provider is None  # the body alone names no server
    result = classify(None, line)
    assert (result.provider, result.failure_class, result.decision) == ("keycloak", "invalid_client", "fix_config")


def test_explain_url_names_the_detected_server() -> None:
    done = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--format", "json", "--url",
                           "https://acme.my.site.com/services/oauth2/token", SF_BODY],
                          capture_output=True, text=True, check=False)
    answer = json.loads(done.stdout)
    assert (done.returncode, answer["provider"], answer["decision"]) == (0, "salesforce", "fix_config")


def test_a_url_quoted_in_backticks_by_a_log_line_still_names_the_provider() -> None:
    """Guzzle (PHP) quotes the request in backticks: ``POST https://appleid.apple.com/auth/token`` ends at the tick."""
    line = ("Client error: `POST https://appleid.apple.com/auth/token` resulted in a `400 Bad Request` response: "
            '{"error":"invalid_client"}')
    got = classify(None, line)
    assert (got.provider, got.failure_class, got.decision) == ("apple", "invalid_client", "fix_config")


@pytest.mark.parametrize(("line", "provider"), [
    ("requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.spotify.com/v1/me", "spotify"),
    ("FetchError: request to https://api.hubapi.com/crm/v3/objects/contacts failed, reason: socket hang up", "hubspot"),
    ('Get "https://graph.microsoft.com/v1.0/me": oauth2: token expired and refresh token is not set', "microsoft"),
    ("HTTP 401: Bad credentials (https://api.github.com/graphql)", "github"),  # gh
])
def test_the_url_an_http_client_says_it_called_names_the_provider(line: str, provider: str) -> None:
    assert classify(None, line).provider == provider


def test_a_link_in_prose_is_not_a_request_url() -> None:
    assert classify(None, "Invalid token. Read https://api.hubapi.com/docs before asking.").provider is None
