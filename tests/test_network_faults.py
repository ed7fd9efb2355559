"""Network faults, each against a loopback server, through the console script as a user runs it (#14).

Every fault ends in a rendered report (JSON and Rich), the affected probe ``error`` (or ``fail`` where the
fault is itself a finding: a redirect, an untrusted certificate) with the fault named in its title, and exit 3
when nothing could be decided. The fault servers are small raw-socket servers (a read timeout, one byte a
second, a reset mid-response), pytest-httpserver (5xx, HTML, invalid JSON, 10 MB, a redirect), a TLS server
with a self-signed certificate, a UDP socket that never answers NTP, and a resolver that fails one name the
way a real NXDOMAIN does (no query leaves the machine).
"""

from __future__ import annotations

import json
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hostile_cli import ROOT, Run, clean_environment, run_cli
from pytest_httpserver import HTTPServer

pytestmark = pytest.mark.network

SECRET = "fault-test-secret-0123456789abcdef"
ONE_PROBE = ("diagnose", "--probe", "client_auth", "--timeout", "1")


def _values(token_url: str) -> dict[str, str]:
    return {"OAUTH_TOKEN_URL": token_url, "OAUTH_CLIENT_ID": "app", "OAUTH_CLIENT_SECRET": SECRET,
            "OAUTH_REDIRECT_URI": "https://app.test/cb"}


def _report(run: Run) -> dict[str, Any]:
    assert "Traceback" not in run.stderr, run.describe()
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def _finding(data: dict[str, Any], probe: str) -> dict[str, Any]:
    found = [f for f in data["findings"] if f["probe"] == probe]
    assert len(found) == 1, [(f["probe"], f["status"], f["title"]) for f in data["findings"]]
    one: dict[str, Any] = found[0]
    return one


def diagnose(env_values: dict[str, str], *args: str) -> tuple[Run, Run]:
    """The same run as JSON and as the Rich report: both must render."""
    env = clean_environment(env_values)
    as_json = run_cli([*ONE_PROBE, *args, "--format", "json"], env=env)
    as_rich = run_cli([*ONE_PROBE, *args], env=env)
    assert as_rich.code == as_json.code and "Traceback" not in as_rich.stderr, as_rich.describe()
    assert "client_auth" in as_rich.stdout, as_rich.stdout
    return as_json, as_rich


# --- raw socket fault servers -----------------------------------------------------------------------------------


@contextmanager
def raw_server(handle: Callable[[socket.socket], None]) -> Iterator[str]:
    """A TCP server on 127.0.0.1 that hands each connection to ``handle`` in a thread; yields its base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()
    connections: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            connections.append(conn)
            threading.Thread(target=_guarded, args=(handle, conn), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()
        for conn in connections:
            conn.close()


def _guarded(handle: Callable[[socket.socket], None], conn: socket.socket) -> None:
    try:
        handle(conn)
    except OSError:
        pass


def _read_request(conn: socket.socket) -> None:
    conn.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk


def _never_answers(conn: socket.socket) -> None:
    _read_request(conn)
    time.sleep(30)


def _one_byte_a_second(conn: socket.socket) -> None:
    _read_request(conn)
    body = b'{"error": "invalid_client", "error_description": "' + b"x" * 200 + b'"}'
    conn.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                 b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    for byte in body:
        conn.sendall(bytes([byte]))
        time.sleep(1)


def _reset_mid_response(conn: socket.socket) -> None:
    _read_request(conn)
    conn.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                 b'{"error": "inva')
    time.sleep(0.1)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with RST
    conn.close()


@pytest.mark.parametrize(
    ("handler", "words", "decision"),
    [
        (_never_answers, "did not answer in time", "retry"),  # a server that connects and stalls: transient
        (_one_byte_a_second, "did not finish", "none"),
        (_reset_mid_response, "could not be reached", "none"),
    ],
    ids=["read timeout", "one byte a second", "reset mid-response"],
)
def test_a_server_that_stalls_or_breaks_is_an_error_named_in_the_title(handler: Callable[[socket.socket], None],
                                                                      words: str, decision: str) -> None:
    with raw_server(handler) as base:
        started = time.monotonic()
        as_json, _ = diagnose(_values(f"{base}/token"))
        elapsed = time.monotonic() - started
    auth = _finding(_report(as_json), "client_auth")
    assert auth["status"] == "error" and words in auth["title"], auth
    assert as_json.code == 3 and _report(as_json)["decision"] == decision, as_json.describe()
    assert elapsed < 30, f"two runs took {elapsed:.1f} s: the per-probe deadline did not hold"


def test_connection_refused_is_named() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    as_json, as_rich = diagnose(_values(f"http://127.0.0.1:{port}/token"))
    auth = _finding(_report(as_json), "client_auth")
    assert auth["status"] == "error" and "could not be reached" in auth["title"], auth
    assert as_json.code == 3 and "could not reach 127.0.0.1" in as_rich.stdout


_FAILING_RESOLVER = """
import socket, sys
real = socket.getaddrinfo
def resolve(host, *args, **kwargs):
    if host == "idp.oauthdoctor.invalid":
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return real(host, *args, **kwargs)
socket.getaddrinfo = resolve
from oauthdoctor.cli.app import main
main(sys.argv[1:])
"""


def test_a_name_that_does_not_resolve_is_named() -> None:
    """The resolver fails the one name exactly as a real NXDOMAIN does (socket.gaierror): nothing leaves."""
    env = clean_environment(_values("https://idp.oauthdoctor.invalid/token"))
    done = subprocess.run([sys.executable, "-c", _FAILING_RESOLVER, *ONE_PROBE, "--probe", "transport",
                           "--format", "json"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
                          check=False)
    assert done.returncode == 3 and "Traceback" not in done.stderr, done.stderr
    data = json.loads(done.stdout)
    transport = _finding(data, "transport")
    assert transport["status"] == "error" and "could not be reached" in transport["title"], transport
    assert transport["evidence"]["failure"] == "dns"
    assert data["root_cause"].startswith("could not reach idp.oauthdoctor.invalid")


# --- HTTP faults (pytest-httpserver) ----------------------------------------------------------------------------


@pytest.fixture
def web(httpserver: HTTPServer) -> HTTPServer:
    httpserver.no_handler_status_code = 404
    return httpserver


@pytest.mark.parametrize(
    ("answer", "status", "title", "decision"),
    [
        ({"status": 503, "headers": {"Retry-After": "120"}}, "error", "503", "retry"),
        ({"status": 502}, "error", "502", "retry"),
        ({"status": 200, "body": "<html><body>Sign in</body></html>", "content_type": "text/html"}, "error",
         "answered HTML, not JSON (200 OK)", "none"),
        ({"status": 200, "body": '{"access_token": ', "content_type": "application/json"}, "error",
         "answered invalid JSON (200 OK)", "none"),
        ({"status": 200, "body": "x" * (10 * 1024 * 1024), "content_type": "text/plain"}, "error",
         "answer is too large", "none"),
    ],
    ids=["503 with Retry-After", "502 without Retry-After", "HTML with 200", "invalid JSON with 200", "10 MB body"],
)
def test_an_http_fault_is_named(web: HTTPServer, answer: dict[str, Any], status: str, title: str,
                                decision: str) -> None:
    web.expect_request("/token").respond_with_data(answer.get("body", ""), status=answer["status"],
                                                   headers=answer.get("headers"),
                                                   content_type=answer.get("content_type", "text/plain"))
    as_json, _ = diagnose(_values(web.url_for("/token")))
    data = _report(as_json)
    auth = _finding(data, "client_auth")
    assert auth["status"] == status and title in auth["title"], auth
    assert data["decision"] == decision, data["root_cause"]
    assert as_json.code == 3, as_json.describe()  # an error is not a failed check: the exit code says "undecided"
    if "Retry-After" in answer.get("headers", {}):
        assert "120" in data["root_cause"], data["root_cause"]


def test_a_redirect_to_another_host_is_named_and_not_followed(web: HTTPServer) -> None:
    elsewhere = HTTPServer(host="127.0.0.2", port=0)
    elsewhere.start()
    try:
        target = elsewhere.url_for("/token")
        web.expect_request("/token").respond_with_data("", status=307, headers={"Location": target})
        as_json, _ = diagnose(_values(web.url_for("/token")))
        auth = _finding(_report(as_json), "client_auth")
        assert auth["status"] == "fail" and auth["title"] == (
            f"the token endpoint redirected to {target} — not followed, credentials not sent there"), auth
        assert as_json.code == 1 and elsewhere.log == []
    finally:
        elsewhere.stop()


def test_a_self_signed_certificate_is_named(tmp_path: Any) -> None:
    import ssl

    from test_verdicts import _self_signed

    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.expect_request("/token").respond_with_json({"error": "invalid_client"}, status=401)
    server.start()
    try:
        env = clean_environment(_values(server.url_for("/token")))
        done = run_cli(["diagnose", "--probe", "transport", "--probe", "client_auth", "--timeout", "2",
                        "--format", "json"], env=env)
    finally:
        server.stop()
    data = _report(done)
    transport, auth = _finding(data, "transport"), _finding(data, "client_auth")
    assert transport["status"] == "fail" and "certificate was not accepted" in transport["title"], transport
    assert auth["status"] in ("error", "skip") and server.log == [], auth
    assert done.code == 1 and data["decision"] == "fix_config"


def test_a_silent_ntp_server_is_named_and_undecided_when_no_date_header_is_left() -> None:
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))  # receives, never answers
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        web_port = closed.getsockname()[1]
    try:
        env = clean_environment(_values(f"http://127.0.0.1:{web_port}/token"))
        as_json = run_cli(["diagnose", "--probe", "clock_skew", "--ntp-server",
                           f"127.0.0.1:{silent.getsockname()[1]}", "--timeout", "1", "--format", "json"], env=env)
        as_rich = run_cli(["diagnose", "--probe", "clock_skew", "--ntp-server",
                           f"127.0.0.1:{silent.getsockname()[1]}", "--timeout", "1"], env=env)
    finally:
        silent.close()
    data = _report(as_json)
    skew = _finding(data, "clock_skew")
    assert (skew["status"], skew["title"]) == (
        "error", "no time source answered (NTP and the Date header both unavailable)"), skew
    ntp = skew["evidence"]["ntp"]
    assert [reading["offset"] for reading in ntp] == [None] and "timed out" in ntp[0]["rejected"], ntp
    assert as_json.code == as_rich.code == 3 and data["decision"] == "none"
    assert "no time source answered" in as_rich.stdout
