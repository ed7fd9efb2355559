"""Tools' own variable names (config/dialects.py): one realistic file per tool, written from the variables its
documentation lists, with planted mistakes found at the right line and column under the tool's key, several
clients in one file checked each on its own, and the tools' templates left alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from oauthdoctor.checkenv import check_files
from oauthdoctor.config import known_provider_names
from oauthdoctor.config.dialect_map import map_dialects
from oauthdoctor.config.dialects import DIALECTS, PSEUDO_KEYS
from oauthdoctor.config.keys import CANONICAL_KEYS, PLACEHOLDER_KEYS

FIXTURES = Path(__file__).parent / "fixtures" / "dialects"
ROOT = Path(__file__).parent.parent
NOW = datetime(2026, 12, 5, tzinfo=UTC)


def run(name: str, **options: object) -> list[tuple[str, int, int, str, str | None]]:
    report = check_files([str(FIXTURES / name)], now=NOW, **options)  # type: ignore[arg-type]
    return [(f.id, f.location.line, f.location.column, f.severity.value, f.key) for f in report.findings
            if f.location]


# fixture → [(rule, line, column, severity, key as written)]
EXPECTED: dict[str, list[tuple[str, int, int, str, str | None]]] = {
    "oauth2-proxy.env": [
        ("credential-placeholder", 4, 28, "error", "OAUTH2_PROXY_CLIENT_SECRET"),
        ("redirect-http", 5, 27, "error", "OAUTH2_PROXY_REDIRECT_URL"),
    ],
    # CLIENT_SECRET_FILE supplies the secret; a path-only redirect URL takes the request's host: neither is a
    # finding. The issuer over http is.
    "oauth2-proxy-oidc.env": [("endpoint-http", 5, 30, "error", "OAUTH2_PROXY_OIDC_ISSUER_URL")],
    "oauth2-proxy-typo.env": [("unknown-provider", 1, 23, "error", "OAUTH2_PROXY_PROVIDER")],
    # Without OAUTH2_PROXY_PROVIDER the provider is not guessed (a --provider flag often sets it): no profile
    # check, and nothing missing (oauth2-proxy derives the callback).
    "oauth2-proxy-default.env": [],
    # Three clients: GitHub's placeholder secret, generic OAuth's http token URL; Google is clean; the Azure AD
    # section is switched off (its placeholders are not checked).
    "grafana.production.env": [
        ("credential-placeholder", 5, 30, "error", "GF_AUTH_GITHUB_CLIENT_SECRET"),
        ("endpoint-http", 14, 33, "error", "GF_AUTH_GENERIC_OAUTH_TOKEN_URL"),
    ],
    # The callback is GF_SERVER_ROOT_URL + /login/github: a loopback root URL in production is named there.
    "grafana-local.production.env": [("redirect-loopback-in-production", 1, 20, "error", "GF_SERVER_ROOT_URL")],
    # {baseUrl}/login/oauth2/code/{registrationId} is Spring's template, not a leftover placeholder; with a
    # host, {registrationId} is filled in (kc) and the URL is checked.
    "spring.env": [
        ("redirect-http", 9, 60, "error", "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_KC_REDIRECT_URI"),
        ("credential-placeholder", 13, 64, "error", "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_GITHUB_CLIENTSECRET"),
    ],
    # GoTrue cannot derive the callback: Google's missing redirect is named with GoTrue's spelling, at the
    # client's id. Azure is disabled.
    "gotrue.env": [("missing-required", 7, 1, "error", "GOTRUE_EXTERNAL_GOOGLE_REDIRECT_URI")],
    # Outline derives every callback from URL: one http URL, named once although two clients use it.
    "outline.env": [
        ("redirect-http", 2, 5, "error", "URL"),
        ("credential-placeholder", 12, 21, "error", "SLACK_CLIENT_SECRET"),
    ],
    # LDAP is not an OAuth login: its changeme bind password is not this linter's business.
    "directus.env": [
        ("endpoint-host", 8, 24, "error", "AUTH_GITHUB_ACCESS_URL"),
        ("credential-placeholder", 12, 29, "error", "AUTH_KEYCLOAK_CLIENT_SECRET"),
    ],
    "mattermost.env": [
        ("endpoint-http", 7, 33, "error", "MM_GITLABSETTINGS_TOKENENDPOINT"),
        ("endpoint-placeholder", 11, 34, "error", "MM_OFFICE365SETTINGS_DIRECTORYID"),
    ],
    "backstage.env": [("credential-placeholder", 3, 27, "error", "AUTH_GITHUB_CLIENT_SECRET")],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_dialect_fixture_findings(name: str) -> None:
    assert run(name) == EXPECTED[name]


FIXTURE_OF = {
    "oauth2-proxy": "oauth2-proxy.env", "grafana": "grafana.production.env", "spring-boot": "spring.env",
    "gotrue": "gotrue.env", "authjs": "../env/framework.env", "backstage": "backstage.env", "outline": "outline.env",
    "directus": "directus.env", "mattermost": "mattermost.env",
}


def test_every_dialect_has_a_realistic_fixture() -> None:
    assert set(FIXTURE_OF) == {d.id for d in DIALECTS}
    assert all((FIXTURES / name).is_file() for name in FIXTURE_OF.values())
    assert {n for n in FIXTURE_OF.values() if not n.startswith("..")} <= set(EXPECTED)


def test_the_table_is_data_with_sources() -> None:
    known = set(CANONICAL_KEYS) | set(PLACEHOLDER_KEYS) | PSEUDO_KEYS
    for dialect in DIALECTS:
        assert dialect.source.startswith("https://") and dialect.checked == "2026-12-05", dialect.id
        for family in dialect.families:
            assert {c for c in family.settings.values() if c is not None} <= known, dialect.id
            assert family.prefix == family.prefix.upper()
    assert len({d.id for d in DIALECTS}) == len(DIALECTS)


def test_unknown_provider_suggests_the_tool_names() -> None:
    report = check_files([str(FIXTURES / "oauth2-proxy-typo.env")], now=NOW)
    assert [f.title for f in report.findings] == [
        "OAUTH2_PROXY_PROVIDER='githbu' is not one of oauth2-proxy's providers (did you mean github, gitlab?)"]


def test_several_clients_in_one_file_each_on_its_own() -> None:
    values = {
        "GF_SERVER_ROOT_URL": "https://grafana.example.com/",
        "GF_AUTH_GITHUB_CLIENT_ID": "Ov23liAbCdEf12345678", "GF_AUTH_GITHUB_CLIENT_SECRET": "s1",
        "GF_AUTH_GOOGLE_CLIENT_ID": "1-a.apps.googleusercontent.com", "GF_AUTH_GOOGLE_CLIENT_SECRET": "s2",
        "GF_AUTH_OKTA_ENABLED": "false", "GF_AUTH_OKTA_CLIENT_ID": "x",
    }
    found = map_dialects(values, known_provider_names())
    assert [(c.client, c.provider, c.values["redirect_uri"], c.origin["client_secret"]) for c in found.configs] == [
        ("GITHUB", "github", "https://grafana.example.com/login/github", "GF_AUTH_GITHUB_CLIENT_SECRET"),
        ("GOOGLE", "google", "https://grafana.example.com/login/google", "GF_AUTH_GOOGLE_CLIENT_SECRET"),
    ]
    assert found.switched_off == ("grafana OKTA",)
    assert found.claimed == set(values) - {"GF_SERVER_ROOT_URL"}


def test_spring_registrations_join_their_provider_section() -> None:
    prefix = "SPRING_SECURITY_OAUTH2_CLIENT_"
    values = {
        f"{prefix}REGISTRATION_LOGIN_PROVIDER": "my-idp",
        f"{prefix}REGISTRATION_LOGIN_CLIENTID": "app",
        f"{prefix}REGISTRATION_LOGIN_CLIENT_ID": "legacy-spelling-loses",
        f"{prefix}REGISTRATION_LOGIN_REDIRECTURI": "{baseScheme}://{baseHost}/login/oauth2/code/{registrationId}",
        f"{prefix}PROVIDER_MYIDP_TOKENURI": "https://idp.example.com/oauth2/token",
        f"{prefix}PROVIDER_MYIDP_AUTHORIZATIONURI": "https://idp.example.com/oauth2/authorize",
    }
    (config,) = map_dialects(values, known_provider_names()).configs
    assert config.values["client_id"] == "app"  # SPRING_..._CLIENTID is looked up before the legacy CLIENT_ID
    assert config.values["token_url"] == "https://idp.example.com/oauth2/token"
    assert config.origin["authorize_url"] == f"{prefix}PROVIDER_MYIDP_AUTHORIZATIONURI"
    assert config.provider is None and config.deferred == {"redirect_uri": f"{prefix}REGISTRATION_LOGIN_REDIRECTURI"}


def test_outline_names_need_outline() -> None:
    names = known_provider_names()
    without = {"GOOGLE_CLIENT_ID": "1-a.apps.googleusercontent.com", "URL": "https://wiki.example.com"}
    assert map_dialects(without, names).configs == ()
    (config,) = map_dialects({**without, "UTILS_SECRET": "x"}, names).configs
    assert (config.dialect, config.values["redirect_uri"]) == ("outline", "https://wiki.example.com/auth/google.callback")


def test_directus_reads_only_the_listed_oauth_providers() -> None:
    values = {"AUTH_PROVIDERS": "Okta, corp", "AUTH_OKTA_DRIVER": "openid", "AUTH_OKTA_CLIENT_ID": "a",
              "AUTH_CORP_DRIVER": "saml", "AUTH_CORP_CLIENT_ID": "b", "AUTH_OTHER_CLIENT_ID": "c",
              "PUBLIC_URL": "https://cms.example.com/"}
    (config,) = map_dialects(values, known_provider_names()).configs
    assert (config.client, config.provider, config.values["redirect_uri"]) == (
        "OKTA", "okta", "https://cms.example.com/auth/login/Okta/callback")


def test_grafana_root_url_template_is_not_checked() -> None:
    values = {"GF_SERVER_ROOT_URL": "%(protocol)s://%(domain)s:%(http_port)s/grafana/",
              "GF_AUTH_GITHUB_CLIENT_ID": "Ov23liAbCdEf12345678"}
    (config,) = map_dialects(values, known_provider_names()).configs
    assert config.deferred == {"redirect_uri": "GF_SERVER_ROOT_URL"}


def test_a_file_without_dialect_or_oauth_names_still_says_so() -> None:
    report = check_files([str(Path(__file__).parent / "fixtures" / "env" / "nothing.env")], now=NOW)
    assert [f.id for f in report.findings] == ["no-oauth-config"]
    assert "check-env --list-dialects" in (report.findings[0].fix or "")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "oauthdoctor", "check-env", *args], capture_output=True, text=True,
                          env=env, check=False, timeout=60)


def test_list_dialects_text_and_json() -> None:
    text = _cli("--list-dialects")
    assert text.returncode == 0, text.stderr
    assert [line.split("\t")[0] for line in text.stdout.splitlines() if not line.startswith(" ")] == [
        d.id for d in DIALECTS]
    assert "GF_SERVER_ROOT_URL + /login/<section>" in text.stdout
    doc = json.loads(_cli("--list-dialects", "--format", "json").stdout)
    assert [(d["id"], d["source"], d["checked"]) for d in doc] == [(d.id, d.source, d.checked) for d in DIALECTS]


def test_provider_option_names_the_profile_the_variables_do_not() -> None:
    assert run("oauth2-proxy-default.env", provider="github") == []
    assert run("oauth2-proxy-default.env", provider="google") == [
        ("client-id-format", 2, 24, "error", "OAUTH2_PROXY_CLIENT_ID")]
