"""``diagnose --env-file`` accepts what check-env accepts: a tool's names, a compose file (``--service``), a
Kubernetes manifest; one client is chosen, compose variables come from the environment, every value keeps the
file it is written in."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.config.sources import ConfigError, resolve

MANIFESTS = Path(__file__).parent / "fixtures" / "manifests"
DIALECTS = Path(__file__).parent / "fixtures" / "dialects"
ROOT = Path(__file__).parent.parent


def test_compose_service_with_its_env_file_and_the_shell() -> None:
    compose = str(MANIFESTS / "docker-compose.yml")
    config = resolve({}, env_file=compose, environ={"OAUTH2_PROXY_CLIENT_SECRET": "from-the-shell"},
                     service="oauth2-proxy")
    assert (config.get("provider"), config.get("client_id"), config.get("client_secret")) == (
        "github", "Ov23liAbCdEf12345678", "from-the-shell")
    assert config.source("client_secret") == f"OAUTH2_PROXY_CLIENT_SECRET ({compose})"
    assert config.source("scopes") == f"OAUTH2_PROXY_SCOPE ({MANIFESTS / 'proxy.env'})"


def test_compose_without_service_when_several_configure_oauth() -> None:
    with pytest.raises(ConfigError, match=r"several services configure OAuth \(oauth2-proxy, grafana\): pass "
                                          r"--service NAME"):
        resolve({}, env_file=str(MANIFESTS / "docker-compose.yml"), environ={})
    with pytest.raises(ConfigError, match=r"no service named 'web' \(services: oauth2-proxy, grafana, postgres\)"):
        resolve({}, env_file=str(MANIFESTS / "docker-compose.yml"), environ={}, service="web")


def test_grafana_derives_the_callback() -> None:
    config = resolve({}, env_file=str(MANIFESTS / "docker-compose.yml"), environ={}, service="grafana")
    assert config.get("redirect_uri") == "https://grafana.example.com/login/generic_oauth"
    assert config.key_name("redirect_uri") == "GF_SERVER_ROOT_URL"
    assert config.get("client_secret") == "changeme"  # ${GRAFANA_OAUTH_SECRET:-changeme}, the variable unset


def test_several_clients_in_one_file_need_a_choice() -> None:
    path = str(DIALECTS / "grafana.production.env")
    with pytest.raises(ConfigError, match=r"several clients \(grafana GITHUB, grafana GOOGLE, grafana GENERIC_OAUTH\)"):
        resolve({}, env_file=path, environ={})
    google = resolve({"provider": "google"}, env_file=path, environ={})
    assert google.key_name("client_id") == "GF_AUTH_GOOGLE_CLIENT_ID"
    generic = resolve({}, env_file=path, environ={}, service="generic_oauth")  # a client without a profile
    assert generic.get("token_url") == "http://keycloak.example.com/realms/acme/protocol/openid-connect/token"


def test_templates_are_left_out() -> None:
    config = resolve({"provider": "google"}, env_file=str(DIALECTS / "spring.env"), environ={})
    assert config.get("client_id") == "1234567890-abc123def456.apps.googleusercontent.com"
    assert config.get("redirect_uri") is None  # {baseUrl}/login/oauth2/code/{registrationId}: known at run time


def test_kubernetes_container() -> None:
    config = resolve({}, env_file=str(MANIFESTS / "oauth2-proxy.yaml"), environ={})
    assert (config.get("client_id"), config.get("client_secret"), config.get("redirect_uri")) == (
        "Ov23liAbCdEf12345678", "changeme", "http://auth.example.com/oauth2/callback")


def test_plain_env_files_behave_as_before(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("AUTH_GITHUB_ID=Ov23liAbCdEf12345678\nAUTH_GOOGLE_ID=1-a.apps.googleusercontent.com\n")
    assert resolve({}, env_file=str(env), environ={}).get("provider") == "github"
    assert resolve({"provider": "google"}, env_file=str(env), environ={}).key_name("client_id") == "AUTH_GOOGLE_ID"


def test_cli_service_option_and_secret_from_the_shell() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "OAUTH2_PROXY_CLIENT_SECRET": "CANARY-shell-9f8e7d"}
    args = [sys.executable, "-m", "oauthdoctor", "diagnose", "--offline", "--format", "json", "--env-file",
            str(MANIFESTS / "docker-compose.yml")]
    chosen = subprocess.run([*args, "--service", "oauth2-proxy"], capture_output=True, text=True, env=env,
                            check=False, timeout=60)
    assert chosen.returncode in (0, 1), chosen.stderr
    doc = json.loads(chosen.stdout)
    assert doc["inputs"]["sources"]["client_id"] == f"OAUTH2_PROXY_CLIENT_ID ({MANIFESTS / 'docker-compose.yml'})"
    assert "CANARY-shell-9f8e7d" not in chosen.stdout + chosen.stderr
    unchosen = subprocess.run(args, capture_output=True, text=True, env=env, check=False, timeout=60)
    assert (unchosen.returncode, unchosen.stdout) == (2, "")
    assert unchosen.stderr.startswith("oauthdoctor: error: ") and "--service NAME" in unchosen.stderr


def test_same_answer_for_a_decoded_secret(tmp_path: Path) -> None:
    """check-env and diagnose see the value a Secret's base64 data decodes to, newline included (#12)."""
    from datetime import UTC, datetime

    from oauthdoctor.checkenv import check_files
    from oauthdoctor.checks.values import RULE_OF_KIND
    from oauthdoctor.diagnose.report import pick_profile
    from oauthdoctor.probes import config as config_probe
    from oauthdoctor.probing.contract import ProbeContext

    now = datetime(2026, 12, 5, tzinfo=UTC)
    secret = base64.b64encode(b"GOCSPX-AbCdEfGhIjKlMnOpQrStUvWxYz12\n").decode()
    manifest = tmp_path / "app-secret.yaml"
    manifest.write_text(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  OAUTH_PROVIDER: google\n"
        "  OAUTH_CLIENT_ID: 1234567890-abc123def456.apps.googleusercontent.com\n"
        "  OAUTH_REDIRECT_URI: https://app.example.com/callback\n"
        f"data:\n  OAUTH_CLIENT_SECRET: {secret}\n", encoding="utf-8")
    lint = [(f.id, f.location.line if f.location else 0) for f in check_files([str(manifest)], now=now).findings]
    assert lint == [("value-newline", 9)]
    config = resolve({}, env_file=str(manifest), environ={})
    assert config.raw("client_secret") == "GOCSPX-AbCdEfGhIjKlMnOpQrStUvWxYz12\n"
    ctx = ProbeContext(config=config, profile=pick_profile(config), now=now)
    kinds = {k for f in config_probe.judge(ctx, None) for k in f.evidence.get("problems", ())}
    assert {RULE_OF_KIND[k] for k in kinds if k in RULE_OF_KIND} == {"value-newline"}
