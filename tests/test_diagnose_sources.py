"""Configuration precedence (flags > --config > --env-file > environment) and which key supplied what."""

from __future__ import annotations

from pathlib import Path

import pytest

from oauthdoctor.diagnose.sources import ConfigError, read_config_file, resolve


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
