"""The shared config layer: env-file reading (values + positions) and key mapping with provenance."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from oauthdoctor.config import (
    EnvFileError,
    environment_of,
    known_provider_names,
    map_keys,
    parse_env_text,
    read_env_file,
)

NAMES = known_provider_names([("github", ["gh"]), ("google", []), ("entra", ["azure-ad"]), ("auth0", [])])


def test_values_come_from_python_dotenv_and_positions_from_the_raw_text() -> None:
    text = ('# comment\nexport OAUTH_CLIENT_ID="abc "   # note\n  OAUTH_SCOPES=openid email # c\n'
            'OAUTH_LAST_ERROR="line1\nline2"\nOAUTH_CLIENT_ID=second\n')
    env = parse_env_text(text, "x.env")
    assert env.values == {"OAUTH_CLIENT_ID": "second", "OAUTH_SCOPES": "openid email",
                          "OAUTH_LAST_ERROR": "line1\nline2"}
    first = env.occurrences("OAUTH_CLIENT_ID")[0]
    assert (first.line, first.column, first.value_line, first.value_column) == (2, 8, 2, 24)
    assert (first.raw, first.quote, first.value) == ('"abc "', '"', "abc ")
    scopes = env.entry("OAUTH_SCOPES")
    assert scopes is not None and (scopes.line, scopes.column, scopes.raw) == (3, 3, "openid email # c")
    multi = env.entry("OAUTH_LAST_ERROR")
    assert multi is not None and (multi.value_line, multi.end_line) == (4, 5)
    assert env.entry("OAUTH_CLIENT_ID").line == 6  # type: ignore[union-attr]


def test_crlf_line_endings_keep_positions() -> None:
    env = parse_env_text("A=1\r\nOAUTH_CLIENT_ID=x\r\n", "w.env")
    entry = env.entry("OAUTH_CLIENT_ID")
    assert entry is not None and (entry.line, entry.value_column, entry.value) == (2, 17, "x")


def test_unparseable_line_is_reported_not_dropped() -> None:
    env = parse_env_text("A=1\nnot an assignment\nB=2\n", "s.env")
    assert [(p.line, p.column) for p in env.problems] == [(2, 1)]
    assert env.values == {"A": "1", "B": "2"}


@pytest.mark.parametrize(("content", "reason"), [
    (b"\x00\x01", "binary content"),
    (b"\xff\xfe=\n", "not UTF-8"),
    (b"key: value\nother: thing\n", "not an env file (line 1"),
])
def test_not_an_env_file(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "f.env"
    path.write_bytes(content)
    with pytest.raises(EnvFileError, match=f"^{re.escape(str(path))}: .*{re.escape(reason)}"):
        read_env_file(path)


def test_unreadable_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(EnvFileError, match="missing.env: cannot read"):
        read_env_file(tmp_path / "missing.env")
    with pytest.raises(EnvFileError, match="is a directory"):
        read_env_file(tmp_path)


def test_map_oauth_keys_with_origin() -> None:
    mapped = map_keys({"OAUTH_PROVIDER": "Azure-AD", "OAUTH_CLIENT_ID": "id", "OAUTH_TENANT": "common",
                       "UNRELATED": "x"}, providers=NAMES)
    assert mapped.values == {"provider": "Azure-AD", "client_id": "id", "tenant": "common"}
    assert mapped.origin == {"provider": "OAUTH_PROVIDER", "client_id": "OAUTH_CLIENT_ID", "tenant": "OAUTH_TENANT"}
    assert (mapped.provider, mapped.provider_origin) == ("entra", "OAUTH_PROVIDER")


def test_authjs_names_imply_the_provider() -> None:
    mapped = map_keys({"AUTH_SECRET": "session", "AUTH_GITHUB_ID": "gid", "AUTH_GITHUB_SECRET": "gs"}, providers=NAMES)
    assert mapped.values == {"client_id": "gid", "client_secret": "gs"}
    assert mapped.origin == {"client_id": "AUTH_GITHUB_ID", "client_secret": "AUTH_GITHUB_SECRET"}
    assert (mapped.provider, mapped.provider_origin) == ("github", "AUTH_GITHUB_ID")


def test_provider_prefixed_names_and_several_providers() -> None:
    values = {"GOOGLE_CLIENT_ID": "g", "GOOGLE_CLIENT_SECRET": "gs", "GITHUB_ID": "h", "GITHUB_SECRET": "hs",
              "AZURE_AD_TENANT_ID": "t"}
    first = map_keys(values, providers=NAMES)
    assert (first.provider, first.values, first.other_providers) == (
        "google", {"client_id": "g", "client_secret": "gs"}, ("github", "entra"))
    github = map_keys(values, provider="github", providers=NAMES)
    assert github.origin == {"client_id": "GITHUB_ID", "client_secret": "GITHUB_SECRET"}
    entra = map_keys(values, provider="entra", providers=NAMES)
    assert entra.values == {"tenant": "t"}


def test_prefix_wins_over_oauth_names_and_implies_provider() -> None:
    values = {"OAUTH_CLIENT_ID": "generic", "GOOGLE_CLIENT_ID": "g", "GOOGLE_CALLBACK_URL": "https://a/cb"}
    mapped = map_keys(values, prefix="google_", providers=NAMES)
    assert mapped.values == {"client_id": "g", "redirect_uri": "https://a/cb"}
    assert mapped.origin["client_id"] == "GOOGLE_CLIENT_ID"
    assert (mapped.provider, mapped.provider_origin) == ("google", None)


def test_exact_suffix_beats_alias() -> None:
    mapped = map_keys({"GITHUB_ID": "alias", "GITHUB_CLIENT_ID": "exact"}, providers=NAMES)
    assert mapped.origin["client_id"] == "GITHUB_CLIENT_ID"


def test_github_app_id_is_not_the_client_id() -> None:
    assert map_keys({"GITHUB_APP_ID": "12345"}, providers=NAMES).values == {}


@pytest.mark.parametrize(("path", "declared", "expected"), [
    (".env.production", None, "production"),
    ("deploy/prod.env", None, "production"),
    (".env.production.local", None, "production"),
    (".env.staging", None, "staging"),
    (".env.local", None, "local"),
    (".env.development", None, "development"),
    ("prod/.env", None, None),
    (".env", None, None),
    (".env.local", "prod", "production"),
])
def test_environment_of(path: str, declared: str | None, expected: str | None) -> None:
    assert environment_of(path, declared) == expected
