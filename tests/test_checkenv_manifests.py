"""check-env on configuration where it is deployed: docker-compose files and Kubernetes manifests.

Exact line and column in every file type, ``${VAR}`` a reference and ``${VAR:-default}`` its default,
``env_file:`` followed, Secret ``data`` decoded (and its secrets kept out of every output in both spellings),
the type read from the content, and every bad input a one-line error with exit code 2.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from oauthdoctor.checkenv import check_files
from oauthdoctor.config.envfile import EnvFileError
from oauthdoctor.config.files import read_config

FIXTURES = Path(__file__).parent / "fixtures" / "manifests"
ROOT = Path(__file__).parent.parent
NOW = datetime(2026, 12, 5, tzinfo=UTC)


def findings(*paths: Path | str, **options: object) -> list[tuple[str, str, int, int, str, str | None]]:
    report = check_files([str(p) for p in paths], now=NOW, **options)  # type: ignore[arg-type]
    return [(Path(f.location.file).name, f.id, f.location.line, f.location.column, f.severity.value, f.key)
            for f in report.findings if f.location]


def cli(*args: str, cwd: Path = FIXTURES) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "oauthdoctor", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, check=False, timeout=60)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_compose_file() -> None:
    assert findings(FIXTURES / "docker-compose.yml") == [
        ("docker-compose.yml", "redirect-http", 15, 34, "error", "OAUTH2_PROXY_REDIRECT_URL"),
        # ${GRAFANA_OAUTH_SECRET:-changeme}: the default is what compose uses when the variable is unset.
        ("docker-compose.yml", "credential-placeholder", 23, 69, "error", "GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET"),
        # - "KEY= value": compose keeps the space after '='.
        ("docker-compose.yml", "value-whitespace", 25, 42, "error", "GF_AUTH_GENERIC_OAUTH_TOKEN_URL"),
        # env_file: ./proxy.env is linted as an env file, at its own lines.
        ("proxy.env", "value-whitespace", 2, 30, "warning", "OAUTH2_PROXY_SCOPE"),
    ]


def test_compose_environment_as_the_container_gets_it() -> None:
    config = read_config(FIXTURES / "docker-compose.yml")
    proxy, grafana, postgres = config.environments
    assert (config.kind, proxy.name, grafana.name, postgres.name) == ("compose", "oauth2-proxy", "grafana", "postgres")
    values = proxy.effective.values
    assert values["OAUTH2_PROXY_UPSTREAMS"] == "http://grafana:3000"  # from env_file
    assert values["OAUTH2_PROXY_PROVIDER"] == "github"  # from the <<: *proxy-defaults merge key
    secret = proxy.effective.entry("OAUTH2_PROXY_CLIENT_SECRET")
    assert secret is not None and secret.reference == "${OAUTH2_PROXY_CLIENT_SECRET}"
    assert grafana.effective.values["GF_SERVER_ROOT_URL"] == "https://grafana.example.com/"
    assert [p.path for p in config.included] == [str(FIXTURES / "proxy.env")]


def test_compose_with_the_environment_filled_in() -> None:
    config = read_config(FIXTURES / "docker-compose.yml", environ={"OAUTH2_PROXY_CLIENT_SECRET": "from-shell",
                                                                   "GRAFANA_HOST": "dash.example.com"})
    proxy, grafana, _ = config.environments
    assert proxy.effective.values["OAUTH2_PROXY_CLIENT_SECRET"] == "from-shell"
    assert grafana.effective.values["GF_SERVER_ROOT_URL"] == "https://dash.example.com/"


def test_references_are_present_and_unknown(tmp_path: Path) -> None:
    compose = write(tmp_path / "compose.yaml", (
        "services:\n"
        "  proxy:\n"
        "    environment:\n"
        "      - OAUTH2_PROXY_PROVIDER=google\n"
        "      - OAUTH2_PROXY_CLIENT_ID=${CLIENT_ID:?set it}\n"
        "      - OAUTH2_PROXY_CLIENT_SECRET\n"
        "      - OAUTH2_PROXY_REDIRECT_URL=https://auth.example.com/oauth2/callback#$$state\n"
    ))
    # Neither the required variable nor the pass-through is missing, and neither is a placeholder; $$ is a '$'.
    assert findings(compose) == [("compose.yaml", "redirect-fragment", 7, 35, "error", "OAUTH2_PROXY_REDIRECT_URL")]


def test_missing_env_file_leaves_the_service_incomplete(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    compose = write(tmp_path / "project" / "docker-compose.yml", (
        "services:\n"
        "  app:\n"
        "    env_file: [.env, /etc/app.env, ../outside.env]\n"
        "    environment:\n"
        "      GF_AUTH_GITHUB_CLIENT_ID: Ov23liAbCdEf12345678\n"
    ))
    write(tmp_path / "outside.env", "GF_AUTH_GITHUB_CLIENT_SECRET=from-outside\n")
    config = read_config(compose)
    assert config.environments[0].unread == (
        ".env (not found)", "/etc/app.env (outside the compose file's directory: not read)",
        "../outside.env (outside the compose file's directory: not read)")
    assert findings(compose) == []  # the secret may well be in the .env CI does not have


def test_an_env_file_name_no_file_system_takes_is_a_reason_not_a_crash(tmp_path: Path) -> None:
    """Found by hypothesis: a NUL byte (a YAML "\\0" escape) or a 5,000-character name in ``env_file:``."""
    long_name = "a" * 5000
    compose = write(tmp_path / "docker-compose.yml", (
        "services:\n"
        "  app:\n"
        f'    env_file: ["a\\0b.env", {long_name}.env]\n'
        "    environment:\n"
        "      GF_AUTH_GITHUB_CLIENT_ID: Ov23liAbCdEf12345678\n"
    ))
    assert read_config(compose).environments[0].unread == (
        "'a\\x00b.env' (not a path: it holds a NUL byte)", f"{long_name[:80]} (cannot be read: File name too long)")
    assert findings(compose) == []


def test_an_env_file_given_and_read_through_env_file_is_checked_once(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "docker-compose.yml", tmp_path / "docker-compose.yml")
    write(tmp_path / "proxy.env", "OAUTH2_PROXY_UPSTREAMS=http://grafana:3000\nOAUTH2_PROXY_SCOPE=user:email \n")
    both = findings(tmp_path / "docker-compose.yml", tmp_path / "proxy.env")
    # proxy.env alone has no client id: as part of the oauth2-proxy service it is not a client of its own.
    assert [row for row in both if row[0] == "proxy.env"] == [
        ("proxy.env", "value-whitespace", 2, 30, "warning", "OAUTH2_PROXY_SCOPE")]


def test_kubernetes_secret_read_by_a_deployment() -> None:
    assert findings(FIXTURES / "oauth2-proxy.yaml") == [
        ("oauth2-proxy.yaml", "redirect-http", 9, 30, "error", "OAUTH2_PROXY_REDIRECT_URL"),  # the ConfigMap
        # client-secret decodes to "changeme": named as the container reads it, at the Secret's line.
        ("oauth2-proxy.yaml", "credential-placeholder", 20, 18, "error", "OAUTH2_PROXY_CLIENT_SECRET"),
    ]


def test_kubernetes_secret_on_its_own() -> None:
    assert findings(FIXTURES / "grafana-secret.yaml") == [
        # base64 of "s3cr3t-value-42\n": echo added the newline.
        ("grafana-secret.yaml", "value-newline", 11, 40, "error", "GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET"),
        ("grafana-secret.yaml", "secret-data-base64", 12, 33, "error", "GF_AUTH_GITHUB_CLIENT_SECRET"),
    ]


def test_secret_values_never_leave_in_any_spelling() -> None:
    paths = [str(FIXTURES / "grafana-secret.yaml"), str(FIXTURES / "oauth2-proxy.yaml")]
    report = check_files(paths, now=NOW)
    decoded = "s3cr3t-value-42"
    encoded = base64.b64encode(b"s3cr3t-value-42\n").decode()
    cookie = "0123456789abcdef0123456789abcdef"
    assert {decoded, decoded + "\n", encoded, cookie, base64.b64encode(cookie.encode()).decode()} <= report.secrets
    assert "Ov23liAbCdEf12345678" not in report.secrets  # a client id kept in a Secret is not a secret
    for fmt in ("json", "sarif", "github", "junit", "rich"):
        result = cli("check-env", "--format", fmt, *paths)
        assert result.returncode == 1, result.stderr
        for value in (decoded, encoded, cookie):
            assert value not in result.stdout + result.stderr, (fmt, value)


def test_kubernetes_references_outside_the_file(tmp_path: Path) -> None:
    manifest = write(tmp_path / "deploy.yaml", (
        "apiVersion: v1\n"
        "kind: List\n"
        "items:\n"
        "  - apiVersion: apps/v1\n"
        "    kind: Deployment\n"
        "    metadata: {name: web}\n"
        "    spec:\n"
        "      template:\n"
        "        spec:\n"
        "          containers:\n"
        "            - name: web\n"
        "              envFrom:\n"
        "                - secretRef: {name: web-oauth}\n"
        "                  prefix: OAUTH_\n"
        "              env:\n"
        "                - name: OAUTH_PROVIDER\n"
        "                  value: google\n"
        "                - name: OAUTH_REDIRECT_URI\n"
        "                  value: http://web.example.com/callback\n"
    ))
    (environment,) = read_config(manifest).environments
    assert (environment.name, environment.unread) == ("Deployment/web container web", ("Secret/web-oauth",))
    # The secret and client id live in a Secret elsewhere: not missing. The http redirect is here.
    assert findings(manifest) == [("deploy.yaml", "redirect-http", 19, 26, "error", "OAUTH_REDIRECT_URI")]


def test_envfrom_prefix_and_sops_encrypted_secret(tmp_path: Path) -> None:
    manifest = write(tmp_path / "app.yaml", (
        "apiVersion: v1\n"
        "kind: ConfigMap\n"
        "metadata: {name: app}\n"
        "data:\n"
        "  CLIENT_ID: Ov23liAbCdEf12345678\n"
        "---\n"
        "apiVersion: v1\n"
        "kind: Secret\n"
        "metadata: {name: app}\n"
        "data:\n"
        "  CLIENT_SECRET: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\n"
        "sops:\n"
        "  version: 3.8.1\n"
        "---\n"
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata: {name: app}\n"
        "spec:\n"
        "  containers:\n"
        "    - name: app\n"
        "      envFrom:\n"
        "        - configMapRef: {name: app}\n"
        "          prefix: AUTH_GITHUB_\n"
        "        - secretRef: {name: app}\n"
        "          prefix: AUTH_GITHUB_\n"
    ))
    (environment,) = read_config(manifest).environments
    assert environment.effective.values == {"AUTH_GITHUB_CLIENT_ID": "Ov23liAbCdEf12345678"}
    assert environment.unread == ("Secret/app",)
    assert findings(manifest) == []


@pytest.mark.parametrize(("name", "text"), [
    ("stack", "services:\n  web:\n    environment:\n      OAUTH_PROVIDER: google\n"),
    ("secret.txt", "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData: {OAUTH_PROVIDER: google}\n"),
])
def test_type_comes_from_the_content(tmp_path: Path, name: str, text: str) -> None:
    config = read_config(write(tmp_path / name, text))
    assert config.kind in ("compose", "kubernetes")
    assert config.environments[0].effective.values == {"OAUTH_PROVIDER": "google"}


def test_crlf_positions(tmp_path: Path) -> None:
    compose = write(tmp_path / "compose.yml", (
        "services:\r\n  app:\r\n    environment:\r\n      OAUTH_PROVIDER: google\r\n"
        "      OAUTH_CLIENT_ID: \"1234567890-abc123def456.apps.googleusercontent.com \"\r\n"
        "      OAUTH_CLIENT_SECRET: GOCSPX-AbCdEfGhIjKlMnOpQrStUvWxYz12\r\n"
        "      OAUTH_REDIRECT_URI: https://app.example.com/cb\r\n"
    ))
    assert findings(compose) == [("compose.yml", "value-whitespace", 5, 75, "error", "OAUTH_CLIENT_ID")]


@pytest.mark.parametrize(("name", "text", "message"), [
    ("values.yaml", "image:\n  tag: 1.2\n", "not an env file, docker-compose file or Kubernetes manifest"),
    ("secret.yaml", "apiVersion: v1\nkind: Secret\n---\nfoo: bar\n",
     "not an env file, docker-compose file or Kubernetes manifest"),
    ("chart.yaml", "data:\n  A: {{ .Values.a }}\n  - b\n", "not valid YAML (line 3)"),
    ("compose.yaml", "services:\n  app:\n    env_file: bin.env\n",
     "env_file bin.env: not an env file (binary content)"),
    ("stack", "services: [a, b]\n", "not an env file, docker-compose file or Kubernetes manifest"),
    ("cycle.yml", "services:\n  app:\n    environment: &env\n      <<: *env\n      A: b\n",
     "YAML merge keys nested more than 32 deep"),
])
def test_bad_input_exits_2_naming_the_file(tmp_path: Path, name: str, text: str, message: str) -> None:
    (tmp_path / "bin.env").write_bytes(b"A=\x00\n")
    write(tmp_path / name, text)
    result = cli("check-env", "--format", "json", name, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"oauthdoctor: error: {name}: {message}\n"


def test_alias_bombs_end_in_an_error_quickly(tmp_path: Path) -> None:
    lines = ["x-e0: &e0 {OAUTH_CLIENT_ID: a}"]
    lines += [f"x-e{i}: &e{i} {{<<: [{', '.join([f'*e{i - 1}'] * 4)}]}}" for i in range(1, 30)]
    lines += ["services:", "  app:", "    environment:", "      <<: *e29"]
    bomb = write(tmp_path / "compose.yaml", "\n".join(lines) + "\n")
    started = time.monotonic()
    with pytest.raises(EnvFileError, match="expand beyond 200000 nodes"):
        read_config(bomb)
    assert time.monotonic() - started < 10
    laughs = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    laughs += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    laughs += ["apiVersion: v1", "kind: ConfigMap", "data: *a8"]
    config = read_config(write(tmp_path / "cm.yaml", "\n".join(laughs) + "\n"))  # a list is not data: ignored
    assert config.environments[0].effective.entries == ()


def test_too_large_is_refused(tmp_path: Path) -> None:
    big = write(tmp_path / "compose.yaml", "services:\n" + "#" * 4_000_001 + "\n")
    with pytest.raises(EnvFileError, match="too large"):
        read_config(big)
