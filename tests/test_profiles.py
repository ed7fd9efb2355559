"""Bundled provider profiles: strict validation, lookup by alias, and errors that name file, line and path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.profiles.loader import (
    ProfileError,
    UnknownProfile,
    all_profiles,
    bundled_dir,
    get_profile,
    load_file,
    resolve_id,
)
from oauthdoctor.profiles.validate import validate_file

REQUIRED = {
    "google": [], "microsoft": ["entra", "azure", "azure-ad", "microsoft-graph"], "salesforce": [], "github": [],
    "hubspot": [],
    "slack": [], "netsuite": [], "servicenow": [], "freshdesk": [], "okta": [], "auth0": [], "atlassian": [],
    "zoom": [], "xero": [], "intuit": [], "dropbox": [], "shopify": [], "linkedin": [], "box": [], "zendesk": [],
    "pingone": [], "keycloak": [], "hydra": ["fosite", "ory"], "oidc-provider": ["node-oidc-provider"],
    "spring-authorization-server": ["spring"], "doorkeeper": [], "django-oauth-toolkit": ["dot"], "authlib": [],
    "identityserver": ["identityserver4", "duende"], "x": ["twitter"], "meta": ["facebook"],
    "dex": ["dexidp"],
    "casdoor": ["casbin-casdoor"],
    "twitch": ["twitch-tv"],
    "aws-cognito": ["cognito", "amazon-cognito"],
    "gitlab": ["gitlab-com"],
    "authelia": ["authelia-oidc"],
    "discord": ["discordapp"],
    "notion": ["notionhq"],
    "vk": ["vkontakte"],
    "supabase": ["supabase-auth", "gotrue"],
    "azure-ad-b2c": ["azure-b2c", "b2c", "aad-b2c"],
    "spring-security-oauth": ["spring-security-oauth2", "spring-oauth2-legacy"],
    "logto": ["logto-cloud", "logto-oss"],
    "node-oauth2-server": ["oauth2-server", "@node-oauth/oauth2-server", "express-oauth-server"],
    "league-oauth2-server": ["league", "thephpleague", "laravel-passport", "passport"],
    "mastodon": ["tootsuite", "joinmastodon"],
    "reddit": ["reddit-api", "praw"],
    "zitadel": ["zitadel-cloud"],
    "square": ["squareup", "square-connect"],
    "pocket-id": ["pocketid", "pocket_id"],
    "openiddict": ["openiddict-core", "openiddict-server"],
    "fusionauth": ["fusion-auth", "fusionauth-cloud"],
    "go-oauth2-server": ["go-oauth2", "gopkg.in/oauth2.v3", "github.com/go-oauth2/oauth2/v4"],
    "oauth2-server-php": ["bshaffer", "bshaffer-oauth2-server-php"],
    "wso2": ["wso2is", "wso2-identity-server", "asgardeo"],
    "firebase": ["firebase-auth", "identity-platform", "identitytoolkit"],
    "supertokens": ["supertokens-core", "supertokens-node"],
    "clerk": ["clerk-dev"],
    "kong": ["kong-gateway", "kong-oauth2", "konghq"],
    "ory-kratos": ["kratos", "ory-identities"],
    "smart-on-fhir": ["smart", "smart-app-launch", "fhir"],
    "paypal": ["paypal-rest", "log-in-with-paypal"],
    "stripe": ["stripe-connect", "stripe-oauth"],
    "asana": ["asana-api", "asana-oauth"],
    "adobe": ["adobe-ims", "adobe-io", "adobelogin"],
    "docusign": ["docusign-esign", "docusign-esignature"],
    "pipedrive": ["pipedrive-crm", "pipedrive-marketplace"],
    "pinterest": ["pinterest-api"],
    "etsy": ["etsy-api"],
    "spotify": ["spotify-web-api", "spotify-accounts"],
    "amazon": ["amazon-lwa", "lwa", "login-with-amazon", "sp-api", "selling-partner-api"],
    "apple": ["sign-in-with-apple", "siwa", "appleid"],
    "zoho": ["zoho-crm", "zoho-accounts"],
    "ebay": ["ebay-api", "ebay-sandbox"],
    "strava": ["strava-api", "strava-v3"],
    "kanidm": ["kanidmd"],
    "rauthy": ["rauthy-oidc"],
    "authentik": ["goauthentik", "authentik-oidc"],
    "workos": ["workos-sso", "workos-authkit", "authkit"],
    "stytch": ["stytch-b2b", "stytch-consumer"],
    "wechat": ["weixin", "wechat-open", "wechat-mp"],
    "lark": ["feishu", "larksuite"],
    "autodesk": ["aps", "autodesk-aps", "autodesk-forge"],
    "figma": ["figma-api", "figma-rest"],
    "miro": ["miro-api", "realtimeboard"],
    "nylas": ["nylas-v3"],
    "ringcentral": ["ringcentral-api", "rc"],
    "todoist": ["todoist-api", "todoist-oauth"],
    "mailchimp": ["mailchimp-marketing", "mailchimp-oauth2"],
    "fitbit": ["fitbit-web-api", "fitbit-api"],
    "tiktok": ["tiktok-login-kit", "tiktok-business", "tiktok-for-developers"],
    "bitbucket": ["bitbucket-cloud", "bitbucket-org"],
    "generic": [],
}
BUNDLED = sorted(bundled_dir().glob("*.yaml"))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "oauthdoctor", *args], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_profile_is_strictly_valid(path: Path) -> None:
    assert [str(i) for i in validate_file(path)] == []


def test_bundled_files_are_named_after_their_ids() -> None:
    # profiles.dirs.locate guesses a bundled file from the id when it has no name index yet.
    assert [load_file(path).id for path in BUNDLED] == [path.stem for path in BUNDLED]


@pytest.mark.parametrize("pid", sorted(REQUIRED))
def test_required_profile_and_aliases(pid: str) -> None:
    profile = get_profile(pid)
    assert profile.id == pid
    for alias in REQUIRED[pid]:
        assert resolve_id(alias) == pid
        assert resolve_id(alias.upper()) == pid


def test_every_endpoint_fact_has_a_source() -> None:
    for profile in all_profiles():
        for name in ("authorize", "token"):
            endpoint = getattr(profile.endpoints, name)
            if endpoint is not None:
                assert endpoint.source, f"{profile.id}.endpoints.{name} has no source"


def test_unknown_provider_names_close_matches() -> None:
    with pytest.raises(UnknownProfile) as exc:
        get_profile("gogle")
    assert exc.value.suggestions[0] == "google"
    result = run_cli("providers", "show", "gogle")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "oauthdoctor: error: unknown provider 'gogle' (did you mean: google?); see 'oauthdoctor providers list'"
    )


BROKEN = """\
id: okta
name: Okta
endpoints:
  token:
    url: "https://{org}.okta.com/oauth2/v1/token"
    placeholders: 1
client_auth:
  accepted: [client_secret_basic, client_secret_pots]
"""


def test_validation_names_file_line_and_path(tmp_path: Path) -> None:
    path = tmp_path / "okta.yaml"
    path.write_text(BROKEN)
    issues = [str(i) for i in validate_file(path)]
    assert f"{path}:6: endpoints.token.placeholders: unknown key 'placeholders'" in issues
    assert any(i.startswith(f"{path}:8: client_auth.accepted[1]: unknown value 'client_secret_pots'") for i in issues)
    result = run_cli("providers", "validate", str(path))
    assert result.returncode == 2
    assert f"{path}:6: endpoints.token.placeholders: unknown key 'placeholders'" in result.stderr
    assert "Traceback" not in result.stderr


def test_fast_loader_reports_first_error_with_line(tmp_path: Path) -> None:
    path = tmp_path / "okta.yaml"
    path.write_text(BROKEN)
    with pytest.raises(ProfileError) as exc:
        load_file(path)
    assert str(exc.value) == f"{path}:6: endpoints.token.placeholders: unknown key 'placeholders'"


def test_invalid_yaml_is_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: bad\nname: [unclosed\n")
    issues = validate_file(path)
    assert len(issues) == 1 and issues[0].path == "(yaml)" and issues[0].line == 3


def test_undeclared_placeholder_and_id_mismatch(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text('id: acme2\nname: Acme\nendpoints:\n  token: {url: "https://{tenant}.acme.test/token"}\n')
    issues = [str(i) for i in validate_file(path)]
    assert f"{path}:1: id: id 'acme2' does not match the file name 'acme.yaml'" in issues
    expected = f"{path}:4: endpoints.token.url: placeholder '{{tenant}}' is not declared in endpoints.placeholders"
    assert expected in issues


def test_a_confirmed_fact_needs_a_source_url_and_a_date(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(
        "id: acme\nname: Acme\n"
        "pkce:\n  supported: true\n  basis: confirmed\n  source: the vendor's forum\n"
        "grants:\n  supported: [authorization_code]\n  basis: confirmed\n  source: https://acme.test/docs\n"
        "  checked: 2026-12-05\n"
        "client_auth:\n  accepted: [none]\n  basis: heuristic\n"
    )
    issues = [str(i) for i in validate_file(path)]
    assert issues == [
        f"{path}:5: pkce.basis: a confirmed fact needs the URL it was read from in 'source'",
        f"{path}:5: pkce.basis: a confirmed fact needs the date it was read ('checked: YYYY-MM-DD')",
    ]


def test_user_profiles_override_bundled(tmp_path: Path) -> None:
    (tmp_path / "google.yaml").write_text("id: google\nname: My Google\naliases: [goog]\n")
    result = run_cli("--profiles", str(tmp_path), "providers", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    google = next(p for p in data["providers"] if p["id"] == "google")
    assert google["name"] == "My Google" and google["aliases"] == ["goog"]
    assert len(data["providers"]) == len(BUNDLED)


def test_providers_list_json_contract() -> None:
    result = run_cli("providers", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    ids = [p["id"] for p in data["providers"]]
    assert set(REQUIRED) <= set(ids)
    ms = next(p for p in data["providers"] if p["id"] == "microsoft")
    assert ms["name"] and set(ms["aliases"]) >= {"entra", "azure", "azure-ad"}


def test_providers_show_lists_sources() -> None:
    result = run_cli("providers", "show", "entra", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["profile"]["id"] == "microsoft"
    assert data["profile"]["endpoints"]["token"]["source"].startswith("https://")


def test_a_rule_pattern_with_only_a_contraction_is_flagged(tmp_path: Path) -> None:
    # rules read text with contractions written out ("doesn't" as "does not"): such a pattern never matches
    path = tmp_path / "acme.yaml"
    path.write_text(
        "id: acme\nname: Acme\nerrors:\n  rules:\n"
        "    - {description: 'user doesn.t exist', failure_class: invalid_grant}\n"
        "    - {text: 'user does(?:n.t| not) exist', failure_class: invalid_grant}\n"
        "    - {text: '(?:can.t|cannot) decode', failure_class: invalid_request}\n"
    )
    issues = [str(i) for i in validate_file(path)]
    assert issues == [f"{path}:5: errors.rules[0].description: the pattern spells a contraction (\"doesn't\") but "
                      "rules read the text with contractions written out (\"does not\"), so it never matches: match "
                      "the written-out form"]
