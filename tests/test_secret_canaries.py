"""One matrix of secret canaries: every input route × every command × every output format × the error paths.

A recognisable client secret, refresh token, authorization code, access token, cookie and Basic header value
are planted in every route a user hands oauthdoctor — flags, env files, ``--config`` YAML, the environment,
error bodies, URL query strings, HAR request and response bodies and headers, exchange logs, compose files
and Kubernetes manifests — and every command runs (the console script, in a subprocess) in every output
format, to stdout and to ``--output`` files, and through its error paths: bad input, network faults (against
loopback servers), an internal error, Ctrl-C. No canary may appear in stdout, stderr or a written file, and no
canary may reach a host other than the one configured: a second loopback host records every request it
gets (a redirect or a discovery document pointing there must not carry anything).
"""

from __future__ import annotations

import base64
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from hostile_cli import ROOT, Run, run_cli, warmed_environment
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

SECRET = "canary-client-secret-7d1f3e9a2b"
REFRESH = "canary-refresh-token-5c8e1a4b6d"
CODE = "canary-auth-code-9b2c4d6e8f"
ACCESS = "canary-access-token-3a5c7e9b1d"
COOKIE = "canary-session-cookie-2e4a6c8b0f"
BASIC_PASSWORD = "canary-basic-pass-4f6a8c0e2d"
BASIC = base64.b64encode(f"app:{BASIC_PASSWORD}".encode()).decode()
CANARIES = {"client secret": SECRET, "refresh token": REFRESH, "code": CODE, "access token": ACCESS,
            "cookie": COOKIE, "Basic password": BASIC_PASSWORD, "Basic header value": BASIC}
FORMATS = ("rich", "json", "sarif", "github", "junit")
B64 = {name: base64.b64encode(value.encode()).decode() for name, value in CANARIES.items()}


def leaked(text: str) -> list[str]:
    """The canaries found in ``text``: whole, by their last 12 characters, or base64-encoded (a Secret's data)."""
    return [name for name, value in CANARIES.items()
            if value in text or value[-12:] in text or B64[name] in text]


def assert_clean(run: Run, *written: Path) -> None:
    found = {"stdout": leaked(run.stdout), "stderr": leaked(run.stderr)}
    found.update({str(path): leaked(path.read_text(encoding="utf-8", errors="replace")) for path in written
                  if path.exists()})
    assert not any(found.values()), f"{found}: {run.describe()}"
    assert run.code in (0, 1, 2, 3, 130), run.describe()
    assert "Traceback" not in run.stderr, run.describe()


# --- the routes -----------------------------------------------------------------------------------------------

ERROR_BODY = json.dumps({"error": "invalid_grant", "error_description": f"Refresh token {REFRESH} is revoked",
                         "access_token": ACCESS, "refresh_token": REFRESH})
CALLBACK = f"https://app.example.com/cb?code={CODE}&state=st-1"


def env_text(token_url: str = "https://idp.example.com/oauth/token") -> str:
    return (f"OAUTH_TOKEN_URL={token_url}\nOAUTH_CLIENT_ID=app\nOAUTH_CLIENT_SECRET={SECRET}\n"
            f"OAUTH_REFRESH_TOKEN={REFRESH}\nOAUTH_ACCESS_TOKEN={ACCESS}\nOAUTH_REDIRECT_URI={CALLBACK}\n"
            "OAUTH_REGISTERED_REDIRECT_URIS=https://app.example.com/cb\nOAUTH_GRANT_TYPE=refresh_token\n"
            f"OAUTH_LAST_ERROR='{ERROR_BODY}'\nOAUTH_LAST_ERROR_STATUS=400\nSESSION_COOKIE={COOKIE}\n"
            f"PROXY_AUTHORIZATION=Basic {BASIC}\n")


def _har_entries() -> list[dict[str, Any]]:
    form = "application/x-www-form-urlencoded"
    return [
        {"startedDateTime": "2026-12-05T10:00:00.000Z", "time": 12,
         "request": {"method": "GET", "url": CALLBACK, "headers": [{"name": "Cookie", "value": f"sid={COOKIE}"}]},
         "response": {"status": 302, "headers": [{"name": "Set-Cookie", "value": f"sid={COOKIE}; HttpOnly"}],
                      "content": {}}},
        {"startedDateTime": "2026-12-05T10:00:01.000Z", "time": 40,
         "request": {"method": "POST", "url": "https://idp.example.com/oauth/token",
                     "headers": [{"name": "Authorization", "value": f"Basic {BASIC}"}],
                     "postData": {"mimeType": form, "text": f"grant_type=authorization_code&code={CODE}"
                                                            "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb"}},
         "response": {"status": 200, "content": {"mimeType": "application/json", "text": json.dumps(
             {"access_token": ACCESS, "refresh_token": REFRESH, "expires_in": 3600, "token_type": "Bearer"})}}},
        {"startedDateTime": "2026-12-05T10:00:02.000Z", "time": 9,
         "request": {"method": "GET", "url": f"https://api.example.com/me?access_token={ACCESS}",
                     "headers": [{"name": "Authorization", "value": f"Bearer {ACCESS}"}]},
         "response": {"status": 401, "headers": [{"name": "WWW-Authenticate",
                                                  "value": 'Bearer error="invalid_token"'}],
                      "content": {"text": json.dumps({"error": "invalid_token"})}}},
        {"startedDateTime": "2026-12-05T10:00:03.000Z", "time": 30,
         "request": {"method": "POST", "url": "https://idp.example.com/oauth/token",
                     "postData": {"mimeType": form, "params": [
                         {"name": "grant_type", "value": "refresh_token"}, {"name": "refresh_token", "value": REFRESH},
                         {"name": "client_id", "value": "app"}, {"name": "client_secret", "value": SECRET}]}},
         "response": {"status": 400, "content": {"mimeType": "application/json", "text": ERROR_BODY}}},
        {"startedDateTime": "2026-12-05T10:00:04.000Z", "time": 30,
         "request": {"method": "POST", "url": "https://idp.example.com/oauth/token",
                     "postData": {"mimeType": form, "text": f"grant_type=refresh_token&refresh_token={REFRESH}"
                                                            f"&client_id=app&client_secret={SECRET}"}},
         "response": {"status": 400, "content": {"mimeType": "application/json", "text": ERROR_BODY}}},
    ]


def _log_lines() -> str:
    """The same traffic as an exchange log written by something other than oauthdoctor.record (raw values)."""
    lines = []
    for entry in _har_entries():
        request, response = entry["request"], entry["response"]
        post = request.get("postData", {})
        body = post.get("text") or "&".join(f"{p['name']}={p['value']}" for p in post.get("params", []))
        lines.append(json.dumps({
            "time": entry["startedDateTime"], "method": request["method"], "url": request["url"],
            "request_headers": [[h["name"], h["value"]] for h in request.get("headers", [])],
            "request_body": body or None, "status": response["status"],
            "response_headers": {h["name"]: h["value"] for h in response.get("headers", [])},
            "response_body": response.get("content", {}).get("text"), "origin": "worker-1"}))
    return "\n".join(lines) + "\n"


def write_inputs(directory: Path) -> dict[str, Path]:
    b64 = {"OAUTH_CLIENT_SECRET": SECRET, "OAUTH_REFRESH_TOKEN": REFRESH, "PROXY_AUTHORIZATION": f"Basic {BASIC}"}
    files = {
        "env": ("secrets.env", env_text()),
        "config": ("secrets.yaml", f"token_url: https://idp.example.com/oauth/token\nclient_id: app\n"
                                   f"client_secret: {SECRET}\nrefresh_token: {REFRESH}\naccess_token: {ACCESS}\n"
                                   f"redirect_uri: '{CALLBACK}'\nlast_error: '{ERROR_BODY}'\n"
                                   "last_error_status: '400'\n"),
        "compose": ("docker-compose.yml", "services:\n  app:\n    environment:\n      OAUTH_CLIENT_ID: app\n"
                                          f"      OAUTH_CLIENT_SECRET: {SECRET}\n      OAUTH_REFRESH_TOKEN: {REFRESH}\n"
                                          f"      OAUTH_REDIRECT_URI: '{CALLBACK}'\n      SESSION_COOKIE: {COOKIE}\n"
                                          "      OAUTH_TOKEN_URL: "
                                          f"'https://app:{BASIC_PASSWORD}@idp.example.com/oauth/token'\n"),
        "kubernetes": ("oauth-secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: oauth}\ndata:\n"
                       + "".join(f"  {k}: {base64.b64encode(v.encode()).decode()}\n" for k, v in b64.items())
                       + f"stringData:\n  OAUTH_ACCESS_TOKEN: {ACCESS}\n---\napiVersion: apps/v1\nkind: Deployment\n"
                       "metadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n"
                       "        envFrom: [{secretRef: {name: oauth}}]\n        env:\n"
                       "        - {name: OAUTH_CLIENT_ID, value: app}\n"
                       f"        - {{name: OAUTH_REDIRECT_URI, value: '{CALLBACK}'}}\n"),
        "har": ("capture.har", json.dumps({"log": {"version": "1.2", "entries": _har_entries()}})),
        "log": ("exchanges.jsonl", _log_lines()),
        "body": ("body.json", ERROR_BODY),
        "callback": ("callback.txt", f"{CALLBACK}&error=access_denied"),
        "jsonl": ("errors.jsonl", json.dumps({"status": 400, "body": ERROR_BODY, "url": CALLBACK,
                                             "headers": {"Set-Cookie": f"sid={COOKIE}", "X-Basic": BASIC}}) + "\n"),
    }
    out = {}
    for key, (name, text) in files.items():
        (directory / name).write_text(text, encoding="utf-8")
        out[key] = directory / name
    return out


ENVIRONMENT = {"OAUTH_TOKEN_URL": "https://idp.example.com/oauth/token", "OAUTH_CLIENT_ID": "app",
               "OAUTH_CLIENT_SECRET": SECRET, "OAUTH_REFRESH_TOKEN": REFRESH, "OAUTH_ACCESS_TOKEN": ACCESS,
               "OAUTH_REDIRECT_URI": CALLBACK, "OAUTH_LAST_ERROR": ERROR_BODY, "OAUTH_LAST_ERROR_STATUS": "400"}
FLAGS = ("--client-id", "app", "--client-secret", SECRET, "--token-url",
         f"https://idp.example.com/oauth/token?access_token={ACCESS}", "--redirect-uri", CALLBACK,
         "--registered-redirect-uri", "https://app.example.com/cb", "--last-error", ERROR_BODY)

# route: (arguments with {name} for an input file, extra environment, stdin input, formats it has)
REPORT_FORMATS = FORMATS
ROUTES: dict[str, tuple[tuple[str, ...], dict[str, str], str | None, tuple[str, ...]]] = {
    "diagnose flags": (("diagnose", "--offline", *FLAGS), {}, None, REPORT_FORMATS),
    "diagnose env file": (("diagnose", "--offline", "--env-file", "{env}"), {}, None, REPORT_FORMATS),
    "diagnose --config": (("diagnose", "--offline", "--config", "{config}"), {}, None, REPORT_FORMATS),
    "diagnose environment": (("diagnose", "--offline"), ENVIRONMENT, None, REPORT_FORMATS),
    "diagnose compose": (("diagnose", "--offline", "--env-file", "{compose}"), {}, None, REPORT_FORMATS),
    "diagnose kubernetes": (("diagnose", "--offline", "--env-file", "{kubernetes}"), {}, None, REPORT_FORMATS),
    "check-env env file": (("check-env", "{env}"), {}, None, REPORT_FORMATS),
    "check-env compose": (("check-env", "{compose}"), {}, None, REPORT_FORMATS),
    "check-env kubernetes": (("check-env", "{kubernetes}"), {}, None, REPORT_FORMATS),
    "trace HAR": (("trace", "{har}"), {}, None, REPORT_FORMATS),
    "trace exchange log": (("trace", "{log}"), {}, None, REPORT_FORMATS),
    "trace stdin": (("trace", "-"), {}, "har", REPORT_FORMATS),
    "explain argument": (("explain", "--header", f"Set-Cookie: sid={COOKIE}", "--header",
                          f"Authorization: Basic {BASIC}", "--url", CALLBACK, ERROR_BODY), {}, None,
                         ("rich", "json")),
    "explain @file": (("explain", "@{body}"), {}, None, ("rich", "json")),
    "explain callback URL": (("explain", "@{callback}"), {}, None, ("rich", "json")),
    "explain stdin": (("explain", "-"), {}, "body", ("rich", "json")),
    "diff-redirect": (("diff-redirect", "https://app.example.com/cb", CALLBACK), {}, None, ("rich", "json")),
}


def fill(arg: str, inputs: dict[str, Path]) -> str:
    """``{env}`` → the env file's path, ``@{body}`` → ``@`` and the body file's path; anything else as it is."""
    found = re.fullmatch(r"(@?)\{(\w+)\}", arg)
    return f"{found.group(1)}{inputs[found.group(2)]}" if found else arg


def matrix() -> list[tuple[str, str, bool]]:
    """(route, format, to an --output file?) for every route and every format it has."""
    return [(route, fmt, to_file) for route, (*_, formats) in ROUTES.items() for fmt in formats
            for to_file in (False, True)]


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return warmed_environment(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_inputs(tmp_path_factory.mktemp("canary-inputs"))


def test_every_route_holds_every_canary(inputs: dict[str, Path]) -> None:
    """The matrix is only as good as its inputs: each canary is really there, in every route it belongs to."""
    everything = "".join(p.read_text(encoding="utf-8") for p in inputs.values()) + json.dumps(FLAGS)
    for name in ("client secret", "refresh token", "code", "access token", "cookie", "Basic header value"):
        assert CANARIES[name] in everything or B64[name] in everything, name
    for key in ("har", "log"):
        text = inputs[key].read_text(encoding="utf-8")
        assert all(value in text for value in (SECRET, REFRESH, CODE, ACCESS, COOKIE, BASIC)), key


@pytest.fixture(scope="module")
def matrix_runs(inputs: dict[str, Path], environment: dict[str, str],
                tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, bool], tuple[Run, Path]]:
    out_dir = tmp_path_factory.mktemp("outputs")

    def one(item: tuple[str, str, bool]) -> tuple[tuple[str, str, bool], tuple[Run, Path]]:
        route, fmt, to_file = item
        template, extra, stdin, _ = ROUTES[route]
        args = [fill(a, inputs) for a in template]
        written = out_dir / f"{route.replace(' ', '-')}.{fmt}.out"
        args += ["--format", fmt] + (["--output", str(written)] if to_file else [])
        run = run_cli(args, stdin=inputs[stdin] if stdin else None, env={**environment, **extra})
        return item, (run, written)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, matrix()))


@pytest.mark.parametrize(("route", "fmt", "to_file"), matrix(), ids=lambda v: str(v).replace(" ", "-"))
def test_no_canary_in_any_output(matrix_runs: dict[tuple[str, str, bool], tuple[Run, Path]], route: str, fmt: str,
                                 to_file: bool) -> None:
    run, written = matrix_runs[(route, fmt, to_file)]
    assert run.code in (0, 1, 3), run.describe()  # each route's input is readable: a report, not an error
    if to_file:
        assert written.stat().st_size > 0 and run.stdout == "", run.describe()
    assert_clean(run, written)


def test_explain_jsonl_writes_no_canary(inputs: dict[str, Path], environment: dict[str, str],
                                        tmp_path: Path) -> None:
    written = tmp_path / "explained.jsonl"
    for args in (["explain", "--jsonl", str(inputs["jsonl"])],
                 ["explain", "--jsonl", str(inputs["jsonl"]), "--output", str(written)]):
        run = run_cli(args, env=environment)
        assert run.code == 0, run.describe()
        assert_clean(run, written)


def test_providers_never_echo_what_they_are_wrongly_given(inputs: dict[str, Path], environment: dict[str, str],
                                                         tmp_path: Path) -> None:
    """A secrets file passed where a profile belongs is refused without quoting it."""
    for key in ("env", "config", "compose", "kubernetes"):
        assert_clean(run_cli(["providers", "validate", str(inputs[key])], env=environment))
        profiles = tmp_path / key
        profiles.mkdir()
        (profiles / "oops.yaml").write_bytes(inputs[key].read_bytes())
        assert_clean(run_cli(["--profiles", str(profiles), "providers", "list"], env=environment))


# --- error paths: bad input ----------------------------------------------------------------------------------


def _bad_inputs(inputs: dict[str, Path], directory: Path) -> dict[str, list[str]]:
    broken_har = json.loads(inputs["har"].read_text())
    broken_har["log"]["entries"].append({"startedDateTime": "not a time", "request": {"url": CALLBACK}})
    (directory / "broken.har").write_text(json.dumps(broken_har))
    (directory / "broken.jsonl").write_text(inputs["log"].read_text() + f"{{not json {REFRESH}\n")
    (directory / "provider.env").write_text(env_text() + "OAUTH_PROVIDER=no-such-idp\n")
    (directory / "nested.yaml").write_text(f"client_secret: [{SECRET}, [{REFRESH}]]\n")
    (directory / "unknown-key.yaml").write_text(f"client_secret: {SECRET}\nrefresh_tokn: {REFRESH}\n")
    (directory / "alias.yaml").write_text(f"client_secret: &s {SECRET}\nrefresh_token: *s\n")
    (directory / "binary.env").write_bytes(b"\x00" + SECRET.encode())
    (directory / "latin1.env").write_bytes(f"OAUTH_CLIENT_SECRET={SECRET}\xe9\n".encode("latin-1"))
    (directory / "compose-bad.yml").write_text(
        f"services:\n  app:\n    env_file: missing-{SECRET}.env\n    environment: [OAUTH_CLIENT_SECRET={SECRET}]\n"
        "  web: [a]\n")
    return {
        "trace, entry with a bad time": ["trace", str(directory / "broken.har")],
        "trace, log with a bad line": ["trace", str(directory / "broken.jsonl")],
        "diagnose, unknown provider": ["diagnose", "--offline", "--env-file", str(directory / "provider.env")],
        "diagnose, nested config value": ["diagnose", "--offline", "--config", str(directory / "nested.yaml")],
        "diagnose, unknown config key": ["diagnose", "--offline", "--config", str(directory / "unknown-key.yaml")],
        "diagnose, alias in config": ["diagnose", "--offline", "--config", str(directory / "alias.yaml")],
        "diagnose, binary env file": ["diagnose", "--offline", "--env-file", str(directory / "binary.env")],
        "check-env, Latin-1 file": ["check-env", str(inputs["env"]), str(directory / "latin1.env")],
        "check-env, bad compose": ["check-env", str(directory / "compose-bad.yml")],
        "explain, header without a colon": ["explain", "--header", f"Authorization Bearer {ACCESS}", ERROR_BODY],
        "explain, bad status": ["explain", "--status", "four hundred", ERROR_BODY],
        "diagnose, bad timeout": ["diagnose", "--offline", *FLAGS, "--timeout", "soon"],
        "diagnose, unknown probe": ["diagnose", "--offline", "--env-file", str(inputs["env"]), "--probe", "nope"],
        "diagnose, contradictory flags": ["diagnose", "--offline", "--active", *FLAGS],
        "diff-redirect, unknown provider": ["diff-redirect", "--provider", "nope", CALLBACK, CALLBACK],
        "trace, unknown provider": ["trace", "--provider", "nope", str(inputs["har"])],
    }


BAD = ["trace, entry with a bad time", "trace, log with a bad line", "diagnose, unknown provider",
       "diagnose, nested config value", "diagnose, unknown config key", "diagnose, alias in config",
       "diagnose, binary env file", "check-env, Latin-1 file", "check-env, bad compose",
       "explain, header without a colon", "explain, bad status", "diagnose, bad timeout", "diagnose, unknown probe",
       "diagnose, contradictory flags", "diff-redirect, unknown provider", "trace, unknown provider"]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_errors_quote_no_canary(inputs: dict[str, Path], environment: dict[str, str], tmp_path: Path,
                                         case: str) -> None:
    run = run_cli(_bad_inputs(inputs, tmp_path)[case], env=environment)
    assert run.code == 2, run.describe()
    assert_clean(run)


# --- error paths: an internal error ----------------------------------------------------------------------------

INTERNAL = {
    "diagnose": ("oauthdoctor.diagnose.report", "diagnose", ["diagnose", "--offline", "--env-file", "{env}"]),
    "check-env": ("oauthdoctor.checkenv", "check_files", ["check-env", "{env}"]),
    "explain": ("oauthdoctor.classifier", "classify", ["explain", ERROR_BODY]),
    "trace": ("oauthdoctor.trace.run", "trace_files", ["trace", "{har}"]),
    "diff-redirect": ("oauthdoctor.redirect.engine", "compare_with_rule", ["diff-redirect", CALLBACK, CALLBACK]),
    "providers": ("oauthdoctor.profiles.sections", "all_summaries", ["providers", "list"]),
}
_CRASH = """
import importlib, sys
module, name, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
def crash(*args, **kwargs):
    raise RuntimeError(f"cannot handle {args!r} {kwargs!r} " + {canaries!r})
setattr(importlib.import_module(module), name, crash)
from oauthdoctor.cli.app import main
main(argv)
"""


@pytest.mark.parametrize("command", list(INTERNAL))
def test_an_internal_error_quotes_no_canary(inputs: dict[str, Path], environment: dict[str, str],
                                            command: str) -> None:
    """The core function raises an exception whose message holds every canary (and the arguments it got): the
    one line on stderr names the exception and where, never its message."""
    module, name, argv = INTERNAL[command]
    args = [fill(a, inputs) for a in argv]
    code = _CRASH.replace("{canaries!r}", repr(" ".join(CANARIES.values())))
    done = subprocess.run([sys.executable, "-c", code, module, name, *args], capture_output=True, text=True,
                          env=environment, cwd=ROOT, timeout=60, check=False)
    run = Run(tuple(args), done.returncode, done.stdout, done.stderr, 0.0, 0.0, 0.0)
    assert done.returncode == 4 and "internal error: RuntimeError at oauthdoctor/" in done.stderr, run.describe()
    assert_clean(Run(run.args, 0, run.stdout, run.stderr, 0, 0, 0))


# --- the network: what reaches which host ---------------------------------------------------------------------


class Recorder:
    """Every request a loopback server got: method, path and query, headers and body, as text."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server

    def texts(self) -> list[str]:
        out = []
        for request, _ in self.server.log:
            body = request.get_data(as_text=True)
            out.append(f"{request.method} {request.full_path}\n{request.headers}\n{body}")
        return out

    def leaked(self, allowed: tuple[str, ...] = ()) -> list[str]:
        return [name for text in self.texts() for name in leaked(text) if name not in allowed]

    def form_values(self, name: str) -> list[str]:
        """Every value of form field ``name`` the server got."""
        return [v for request, _ in self.server.log for k, v in parse_qsl(request.get_data(as_text=True))
                if k == name]

    def only_the_configured_credentials(self) -> None:
        """The configured host may get the client secret, and the redirect URI as configured (a pasted callback
        URL with its code), but never a token, a cookie, or the code as a code to redeem."""
        assert self.leaked(allowed=("client secret", "code")) == [], self.texts()
        assert CODE not in self.form_values("code") and REFRESH not in self.form_values("refresh_token")


@pytest.fixture
def home(httpserver: HTTPServer) -> Recorder:
    """The configured server, on 127.0.0.1: it may receive the client secret and nothing else."""
    httpserver.no_handler_status_code = 404
    return Recorder(httpserver)


@pytest.fixture
def elsewhere() -> Iterator[Recorder]:
    """Another host, 127.0.0.2: it must receive nothing that the run knows."""
    server = HTTPServer(host="127.0.0.2", port=0)
    server.no_handler_status_code = 404
    server.expect_request("/token").respond_with_json({"access_token": "x", "token_type": "bearer"})
    server.start()
    try:
        yield Recorder(server)
    finally:
        server.clear()
        server.stop()


def _online_env(home: Recorder, environment: dict[str, str], **extra: str) -> dict[str, str]:
    base = home.server.url_for("/").rstrip("/")
    return {**environment, "OAUTH_ISSUER": base, "OAUTH_TOKEN_URL": f"{base}/token", "OAUTH_CLIENT_ID": "app",
            "OAUTH_CLIENT_SECRET": SECRET, "OAUTH_REFRESH_TOKEN": REFRESH, "OAUTH_ACCESS_TOKEN": ACCESS,
            "OAUTH_REDIRECT_URI": CALLBACK, "OAUTH_LAST_ERROR": ERROR_BODY, "OAUTH_LAST_ERROR_STATUS": "400",
            "OAUTH_GRANT_TYPE": "refresh_token", **extra}


ONLINE = ("diagnose", "--skip", "clock_skew", "--timeout", "2")


@pytest.mark.network
def test_a_redirect_from_the_token_endpoint_carries_nothing_elsewhere(home: Recorder, elsewhere: Recorder,
                                                                     environment: dict[str, str],
                                                                     tmp_path: Path) -> None:
    target = elsewhere.server.url_for("/token")
    home.server.expect_request("/token").respond_with_data("", status=302, headers={"Location": target})
    for fmt in FORMATS:
        written = tmp_path / f"report.{fmt}"
        run = run_cli([*ONLINE, "--active", "--format", fmt, "--output", str(written)],
                      env=_online_env(home, environment))
        assert run.code in (1, 3), run.describe()
        assert_clean(run, written)
    assert elsewhere.texts() == []  # never followed: the other host got no request at all
    home.only_the_configured_credentials()  # trials send the secret, never a token or the code
    assert any(SECRET in text or base64.b64encode(f"app:{SECRET}".encode()).decode() in text
               for text in home.texts()), "the trials did not run: the test would prove nothing"


@pytest.mark.network
def test_a_discovery_document_naming_another_host_gets_no_credential(home: Recorder, elsewhere: Recorder,
                                                                    environment: dict[str, str]) -> None:
    issuer = home.server.url_for("/").rstrip("/")
    home.server.expect_request("/.well-known/openid-configuration").respond_with_json(
        {"issuer": issuer, "token_endpoint": elsewhere.server.url_for("/token"),
         "authorization_endpoint": f"{issuer}/authorize"})
    env = _online_env(home, environment)
    del env["OAUTH_TOKEN_URL"]  # the token endpoint comes from the document: the mix-up case
    run = run_cli([*ONLINE, "--active", "--format", "json"], env=env)
    assert_clean(run)
    assert elsewhere.leaked() == [], elsewhere.texts()
    assert not any("client_secret" in t or "authorization: basic" in t.lower() for t in elsewhere.texts())


@pytest.mark.network
def test_a_provider_profile_sends_nothing_to_a_host_it_does_not_own(home: Recorder,
                                                                   environment: dict[str, str]) -> None:
    home.server.expect_request("/token").respond_with_json({"error": "invalid_client"}, status=401)
    run = run_cli([*ONLINE, "--provider", "google", "--active", "--format", "json"],
                  env=_online_env(home, environment))
    assert_clean(run)
    assert home.leaked() == [], home.texts()  # not even the client secret: 127.0.0.1 is not a Google host
    assert "refused to send" in run.stdout


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


FAULTS: dict[str, Callable[[HTTPServer], None]] = {
    "5xx": lambda s: s.expect_request("/token").respond_with_json({"error": "temporarily_unavailable",
                                                                   "error_description": f"echo {SECRET}"}, status=503),
    "HTML with 200": lambda s: s.expect_request("/token").respond_with_data(
        f"<html><body>Sign in {REFRESH}</body></html>", content_type="text/html"),
    "invalid JSON with 200": lambda s: s.expect_request("/token").respond_with_data(
        f'{{"access_token": "{ACCESS}", ', content_type="application/json"),
    "slow answer": lambda s: s.expect_request("/token").respond_with_handler(_slow),
}


def _slow(request: Request) -> Response:
    time.sleep(5)
    return Response("{}", status=200)


@pytest.mark.network
@pytest.mark.parametrize("fault", [*FAULTS, "connection refused"])
def test_network_faults_leak_nothing(home: Recorder, environment: dict[str, str], tmp_path: Path,
                                     fault: str) -> None:
    env = _online_env(home, environment)
    if fault == "connection refused":
        port = _closed_port()
        env.update({"OAUTH_ISSUER": f"http://127.0.0.1:{port}", "OAUTH_TOKEN_URL": f"http://127.0.0.1:{port}/token"})
    else:
        FAULTS[fault](home.server)
    formats = FORMATS if fault in ("connection refused", "5xx") else ("json",)
    for fmt in formats:
        written = tmp_path / f"report.{fmt}"
        run = run_cli([*ONLINE, "--timeout", "1", "--format", fmt, "--output", str(written)], env=env)
        assert run.code in (1, 3), run.describe()
        assert_clean(run, written)
    home.only_the_configured_credentials()


@pytest.mark.network
def test_ctrl_c_leaks_nothing(environment: dict[str, str]) -> None:
    """Interrupted while a probe waits for a server that never answers: exit 130, one line, no canary."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.extend(listener.accept()[0] for _ in range(8)), daemon=True).start()
    port = listener.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {**environment, "OAUTH_ISSUER": base, "OAUTH_TOKEN_URL": f"{base}/token", "OAUTH_CLIENT_ID": "app",
           "OAUTH_CLIENT_SECRET": SECRET, "OAUTH_REFRESH_TOKEN": REFRESH, "OAUTH_REDIRECT_URI": CALLBACK}
    from hostile_cli import _exec_argv

    process = subprocess.Popen([*_exec_argv(), *ONLINE, "--timeout", "20", "--format", "json"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        time.sleep(1.5)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=20)
    finally:
        process.kill()
        listener.close()
        for connection in held:
            connection.close()
    run = Run(("diagnose",), process.returncode, stdout, stderr, 0, 0, 0)
    assert process.returncode == 130 and stderr.strip().splitlines()[-1] == "oauthdoctor: error: interrupted", \
        run.describe()
    assert_clean(run)
