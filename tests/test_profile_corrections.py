"""Every provider fact corrected in the #15 re-read, through the behaviour it changes (bundled profiles).

Each test names the correction: what the profile said, what the provider's own source says now.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from profile_probe_support import config_findings, policy_findings

from oauthdoctor import classify
from oauthdoctor.model import Decision, Status
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect import compare

NOW = datetime(2026, 12, 5, tzinfo=UTC)


def _ago(days: int) -> str:
    return (NOW - timedelta(days=days)).isoformat()


def _policy(provider: str, **values: str) -> list[tuple[Status, str]]:
    return policy_findings(provider, NOW, **values)


def _config(provider: str, **values: str) -> list[str]:
    return config_findings(provider, NOW, **values)


def test_entra_refresh_tokens_expire_after_90_days_unused_not_90_days_old() -> None:
    # was: refresh_token_lifetime 90 days; now: no maximum age, 90 days of inactivity (configurable-token-lifetimes)
    assert _policy("microsoft", refresh_token_issued_at=_ago(200), refresh_token_last_used_at=_ago(10)) == []
    (status, title), = _policy("microsoft", refresh_token_issued_at=_ago(200),
                               refresh_token_last_used_at=_ago(100))
    assert status is Status.FAIL and "expires after 90 days unused" in title


def test_zoom_refresh_tokens_live_15_years_not_90_days() -> None:
    # was: 7776000 s; now: 15 years (Zoom developer support article)
    assert _policy("zoom", refresh_token_issued_at=_ago(120)) == []


@pytest.mark.parametrize(("provider", "old_enough", "young_enough"), [
    ("hydra", 31, 29),  # was null; now 720 h (ory/hydra provider_fosite.go)
    ("identityserver", 31, 29),  # was null; now 2592000 s (Client.cs)
])
def test_server_default_refresh_lifetimes(provider: str, old_enough: int, young_enough: int) -> None:
    assert [s for s, _ in _policy(provider, refresh_token_issued_at=_ago(old_enough))] == [Status.FAIL]
    assert _policy(provider, refresh_token_issued_at=_ago(young_enough)) == []


def test_spring_authorization_server_refresh_tokens_live_one_hour() -> None:
    # was null; now 3600 s (TokenSettings.java)
    ctx_values = {"refresh_token_issued_at": (NOW - timedelta(hours=2)).isoformat()}
    assert [s for s, _ in _policy("spring-authorization-server", **ctx_values)] == [Status.FAIL]


def test_rotation_advice_where_rotation_was_added() -> None:
    # Zendesk: rotation missing → always; Keycloak/Okta: reuse_detection false → true
    for provider in ("zendesk", "keycloak", "okta"):
        rotation = get_profile(provider).token_policy.rotation
        assert rotation is not None and rotation.mode != "none", provider
    assert get_profile("keycloak").token_policy.rotation.reuse_detection is True
    assert get_profile("okta").token_policy.rotation.reuse_detection is True


def test_servicenow_supports_the_implicit_grant() -> None:
    # was: implicit missing from grants.supported, so grant_type=implicit was reported as unsupported
    assert not any("does not support" in t for t in _config("servicenow", grant_type="implicit",
                                                            instance="acme"))


@pytest.mark.parametrize(("provider", "grant"), [("keycloak", "password"), ("linkedin", "client_credentials")])
def test_grants_that_are_off_by_default(provider: str, grant: str) -> None:
    assert any(f"the {grant} grant is off by default" in t for t in _config(provider, grant_type=grant,
                                                                              issuer="https://sso.test/realms/a"))


def test_auth0_lists_its_grants_so_an_unknown_one_is_named() -> None:
    # was: grants.supported [] (nothing checked); now the eight grants of Auth0's management API types
    assert any("does not support the saml2_bearer grant" in t for t in _config("auth0", grant_type="saml2_bearer",
                                                                              domain="acme.eu.auth0.com"))
    assert not any("does not support" in t for t in _config("auth0", grant_type="client_credentials",
                                                           domain="acme.eu.auth0.com"))


def test_okta_preview_and_emea_orgs_are_okta_hosts() -> None:
    for host in ("dev-123.oktapreview.com", "acme.okta-emea.com"):
        titles = _config("okta", token_url=f"https://{host}/oauth2/default/v1/token")
        assert not any("is not a Okta host" in t or "not an Okta host" in t for t in titles), titles


def test_box_loopback_redirects_may_use_any_port() -> None:
    # was: loopback off, exact match; now any port on 127.0.0.1/::1/localhost (Box OAuth 2.0 setup guide)
    assert compare(["http://127.0.0.1:3000/cb"], "http://127.0.0.1:4000/cb", provider="box").accepted
    assert not compare(["https://app.test/cb"], "https://app.test:8443/cb", provider="box").accepted


def test_oidc_provider_basic_plus_body_credentials_rule_matches_the_real_text() -> None:
    # was: regex 'only one authentication|multiple', which never matched oidc-provider's message
    body = {"error": "invalid_request",
            "error_description": "client authentication must only be provided using one mechanism"}
    result = classify(400, json.dumps(body), provider="oidc-provider")
    assert result.cause == "wrong_client_auth_method" and result.decision == Decision.FIX_CONFIG.value


@pytest.mark.parametrize(("provider", "path", "expected"), [
    ("microsoft", ("pkce", "methods"), ["S256", "plain"]),
    ("google", ("pkce", "methods"), ["S256", "plain"]),
    ("servicenow", ("pkce", "methods"), ["S256"]),
    ("zendesk", ("pkce", "methods"), ["S256"]),
    ("oidc-provider", ("pkce", "methods"), ["S256"]),
    ("okta", ("pkce", "required"), "public_clients"),
    ("shopify", ("client_auth", "body_format"), "json"),
    ("authlib", ("token_policy", "rotation", "omits_refresh_token"), True),
    ("intuit", ("token_policy", "rotation", "reuse_grace_seconds"), 86400),
    ("atlassian", ("token_policy", "rotation", "reuse_grace_seconds"), 600),
])
def test_corrected_values_are_what_providers_show_reports(provider: str, path: tuple[str, ...], expected) -> None:
    result = subprocess.run([sys.executable, "-m", "oauthdoctor", "providers", "show", provider, "--format", "json"],
                            capture_output=True, text=True, check=True)
    value = json.loads(result.stdout)["profile"]
    for part in path:
        value = value[part]
    assert value == expected


def test_oidc_provider_accepts_every_standard_client_auth_method() -> None:
    accepted = set(get_profile("oidc-provider").client_auth.accepted)
    assert {"client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"} <= accepted


def test_servicenow_uses_the_first_registered_uri_when_redirect_uri_is_omitted() -> None:
    # was: missing_sent rejected; now first_registered (ServiceNowDocs t_CreateEndpointforExternalClients.md)
    result = compare(["https://a.test/cb", "https://b.test/cb"], None, provider="servicenow")
    assert result.accepted


def test_hubspot_refuses_ip_address_redirect_hosts() -> None:
    # was: forbidden []; now [raw_ip] (HubSpot: redirect URLs must use a domain, not an IP address)
    assert not compare(["https://10.0.0.5/cb"], "https://10.0.0.5/cb", provider="hubspot").accepted
    assert compare(["https://app.example.com/cb"], "https://app.example.com/cb", provider="hubspot").accepted


def test_box_names_the_claim_its_docs_quote() -> None:
    # was: 'check the ... claim' only; Box's common-errors page words it 'listed in the "exp" claim'
    body = {"error": "invalid_grant",
            "error_description": "Please check the 'exp' claim. Current date/time MUST be before the expiration "
                                 "date/time listed in the 'exp' claim"}
    result = classify(400, json.dumps(body), provider="box")
    assert (result.cause, result.decision) == ("clock_skew", "fix_config")
    listed = {"error": "invalid_grant", "error_description": "The expiration time listed in the 'exp' claim"}
    assert classify(400, json.dumps(listed), provider="box").cause == "clock_skew"


def test_dropbox_refresh_token_is_invalid_means_revoked() -> None:
    # was: 'refresh token is invalid or revoked' only; Dropbox's .NET SDK test body is 'Refresh token is invalid.'
    body = {"error": "invalid_grant", "error_description": "Refresh token is invalid."}
    result = classify(400, json.dumps(body), provider="dropbox")
    assert (result.cause, result.decision) == ("refresh_token_revoked", "reauth")


def test_google_reason_required_means_missing_credentials_only_with_login_required() -> None:
    # was: any '"reason": "required"' read as a missing access token; Google's global-domain error table gives
    # reason 'required' under 400 for a missing parameter too, and under 401 only with 'Login Required'
    login = {"error": {"errors": [{"domain": "global", "reason": "required", "message": "Login Required",
                                   "locationType": "header", "location": "Authorization"}],
                       "code": 401, "message": "Login Required"}}
    assert classify(401, json.dumps(login)).cause == "access_token_missing"
    assert classify(401, json.dumps(login, indent=2), provider="google").cause == "access_token_missing"
    missing_parameter = {"error": {"errors": [{"domain": "global", "reason": "required",
                                               "message": "Required parameter: part", "locationType": "parameter",
                                               "location": "part"}],
                                   "code": 400, "message": "Required parameter: part"}}
    assert classify(400, json.dumps(missing_parameter)).cause != "access_token_missing"
    assert classify(400, json.dumps(missing_parameter), provider="google").cause != "access_token_missing"
