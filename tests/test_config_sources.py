"""Configuration precedence (flags > --config > --env-file > environment) and which key supplied what."""

from __future__ import annotations

from pathlib import Path

import pytest

from oauthdoctor.config.resolved import Origin
from oauthdoctor.config.sources import ConfigError, read_config_file, resolve


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_precedence(tmp_path: Path) -> None:
    env_file = write(
        tmp_path / "app.env",
        "OAUTH_CLIENT_ID=from-file\nOAUTH_REDIRECT_URI=https://file/cb\nOAUTH_TOKEN_URL=https://file/token\n",
    )
    config = write(tmp_path / "c.yaml", "client_id: from-config\nredirect_uri: https://config/cb\n")
    environ = {
        "OAUTH_CLIENT_ID": "from-env",
        "OAUTH_TOKEN_URL": "https://env/token",
        "OAUTH_SCOPES": "openid",
    }
    s = resolve({"client_id": "from-flag"}, config_file=config, env_file=env_file, environ=environ)
    assert s.get("client_id") == "from-flag" and s.source("client_id") == "--client-id"
    assert (
        s.get("redirect_uri") == "https://config/cb"
        and s.source("redirect_uri") == f"redirect_uri ({config})"
    )
    assert (
        s.get("token_url") == "https://file/token"
        and s.source("token_url") == f"OAUTH_TOKEN_URL ({env_file})"
    )
    assert s.get("scopes") == "openid" and s.source("scopes") == "OAUTH_SCOPES (environment)"


def test_dotenv_parsing_keeps_what_the_app_sees(tmp_path: Path) -> None:
    env_file = write(
        tmp_path / ".env",
        'export OAUTH_CLIENT_ID="quoted id"  # comment\n'
        'OAUTH_LAST_ERROR=\'{"error": "invalid_grant"}\'\n'
        'OAUTH_CLIENT_SECRET="line1\nline2"\n',
    )
    s = resolve({}, env_file=env_file, environ={})
    assert s.get("client_id") == "quoted id"
    assert s.get("last_error") == '{"error": "invalid_grant"}'
    assert s.raw("client_secret") == "line1\nline2"


def test_prefix_and_framework_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    for pid in ("github", "google"):
        (profiles / f"{pid}.yaml").write_text(f"id: {pid}\nname: {pid.title()}\n", encoding="utf-8")
    monkeypatch.setenv("OAUTHDOCTOR_PROFILES", str(profiles))
    s = resolve({}, environ={"GOOGLE_CLIENT_ID": "gid", "GOOGLE_CLIENT_SECRET": "gsecret"}, prefix="GOOGLE_")
    assert s.get("client_id") == "gid" and s.source("client_id") == "GOOGLE_CLIENT_ID (environment)"
    s = resolve({}, environ={"AUTH_GITHUB_ID": "ghid", "AUTH_GITHUB_SECRET": "ghsecret"})
    assert s.get("client_id") == "ghid" and s.source("client_secret") == "AUTH_GITHUB_SECRET (environment)"


def test_config_file_errors_name_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"At key: client_idd: unknown key \(did you mean 'client_id'\?\)"):
        read_config_file(write(tmp_path / "c.yaml", "client_idd: x\n"))
    with pytest.raises(ConfigError, match="not valid YAML"):
        read_config_file(write(tmp_path / "d.yaml", "a: [\n"))
    assert read_config_file(
        write(
            tmp_path / "e.yaml",
            "registered_redirect_uris: [https://a/cb, https://b/cb]\nactive_refresh_tokens: 3\n",
        )
    ) == {"registered_redirect_uris": "https://a/cb https://b/cb", "active_refresh_tokens": "3"}


def test_secrets_are_collected_raw_and_trimmed() -> None:
    s = resolve({"client_secret": " padded-secret \n"}, environ={"OAUTH_REFRESH_TOKEN": "rt-value-1234"})
    assert s.secrets == {" padded-secret \n", "padded-secret", "rt-value-1234"}


def test_every_value_has_a_typed_origin(tmp_path: Path) -> None:
    env_file = write(tmp_path / ".env.production", "OAUTH_CLIENT_ID=from-file\n")
    config = write(tmp_path / "c.yaml", "scopes: openid\n")
    s = resolve({"issuer": "https://as.example"}, config_file=config, env_file=env_file,
                environ={"OAUTH_TOKEN_URL": "https://as.example/token"})
    assert s.origin("issuer") == Origin("flag", "--issuer")
    assert s.origin("scopes") == Origin("config_file", "scopes", config)
    assert s.origin("client_id") == Origin("env_file", "OAUTH_CLIENT_ID", env_file)
    assert s.origin("token_url") == Origin("environment", "OAUTH_TOKEN_URL")
    assert s.key_name("client_id") == "OAUTH_CLIENT_ID"


@pytest.mark.parametrize(
    ("name", "declared", "expected", "origin"),
    [
        (".env.production", None, "production", "file name (.env.production)"),
        ("prod.env", None, "production", "file name (prod.env)"),
        (".env.staging", "prod", "production", "OAUTH_ENVIRONMENT (.env.staging)"),
        ("app.env", None, None, None),
    ],
)
def test_the_environment_is_resolved_once_with_its_origin(
        tmp_path: Path, name: str, declared: str | None, expected: str | None, origin: str | None) -> None:
    path = tmp_path / name
    path.write_text("OAUTH_CLIENT_ID=x\n" + (f"OAUTH_ENVIRONMENT={declared}\n" if declared else ""), encoding="utf-8")
    s = resolve({}, env_file=str(path), environ={})
    assert s.environment == expected
    shown = s.source("environment")
    assert (shown.replace(str(tmp_path) + "/", "") if shown else None) == origin
