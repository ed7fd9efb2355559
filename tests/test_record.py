"""``oauthdoctor.record`` against real servers: it writes token exchanges, fingerprinted at write time, in the
documented format, through httpx (hooks, async hooks, transport) and requests."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import requests
from pytest_httpserver import HTTPServer
from servers.oidc_server import OidcServer
from werkzeug.wrappers import Request, Response

from oauthdoctor.net.http import basic_auth_header
from oauthdoctor.record import ExchangeRecorder
from oauthdoctor.redact import stable_fingerprint
from oauthdoctor.trace.run import trace_files

pytestmark = pytest.mark.network
SCHEMA = json.loads(resources.files("oauthdoctor").joinpath("schemas/exchange-log.schema.json").read_text())


def lines(path: Path) -> list[dict[str, Any]]:
    found = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    for line in found:
        jsonschema.validate(line, SCHEMA)
    return found


def assert_absent(path: Path, *secrets: str, named: tuple[str, ...] = ()) -> None:
    """None of ``secrets`` in the file; each of ``named`` there by its fingerprint."""
    text = path.read_text(encoding="utf-8")
    assert [s for s in (*secrets, *named) if s in text] == []
    assert [s for s in named if stable_fingerprint(s) not in text] == []


def test_httpx_hooks_record_a_real_code_flow_and_refresh_without_a_secret(oidc_server: OidcServer,
                                                                           tmp_path: Path) -> None:
    path = tmp_path / "exchanges.jsonl"
    recorder = ExchangeRecorder(path, origin="test-worker")
    spec = oidc_server.clients["good"]
    code, verifier = oidc_server.get_authorization_code("good")
    auth = {"Authorization": basic_auth_header(spec.client_id, spec.client_secret or "")}
    with httpx.Client(event_hooks=recorder.httpx_event_hooks(), timeout=10) as http:
        http.get(oidc_server.discovery_url)  # not a token exchange: not recorded
        first = http.post(oidc_server.token_url, headers=auth, data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": spec.redirect_uri or "",
            "code_verifier": verifier}).json()
        second = http.post(oidc_server.token_url, headers=auth, data={
            "grant_type": "refresh_token", "refresh_token": first["refresh_token"]}).json()
        me = http.get(f"{oidc_server.issuer}/me", headers={"Authorization": f"Bearer {second['access_token']}x"})
    assert me.status_code == 401  # an API call refused: recorded too
    written = lines(path)
    assert [(x["method"], x["status"], x["origin"], x.get("client_id")) for x in written] == [
        ("POST", 200, "test-worker", "good-client"), ("POST", 200, "test-worker", "good-client"),
        ("GET", 401, "test-worker", None)]
    assert written[0]["derived"] == {"code_verifier_s256": stable_fingerprint(
        __import__("oauthdoctor.record.wire", fromlist=["s256"]).s256(verifier))}
    assert_absent(path, spec.client_secret or "", first["id_token"], named=(
        code, verifier, first["refresh_token"], first["access_token"], second["refresh_token"],
        second["access_token"]))
    assert basic_auth_header(spec.client_id, spec.client_secret or "").split()[1] not in path.read_text()
    report = trace_files([str(path)])
    assert [f.id for f in report.findings if f.is_problem] == []


def test_the_transport_records_a_token_request_that_got_no_answer(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    path = tmp_path / "exchanges.jsonl"
    recorder = ExchangeRecorder(path)
    with httpx.Client(transport=recorder.httpx_transport(), timeout=2) as http, pytest.raises(httpx.ConnectError):
        http.post(f"http://127.0.0.1:{port}/token", data={"grant_type": "refresh_token",
                                                          "refresh_token": "never-sent-token-0123456789"})
    [line] = lines(path)
    assert line["status"] is None and line["failure"].startswith("ConnectError")
    assert_absent(path, named=("never-sent-token-0123456789",))


def test_async_hooks(oidc_server: OidcServer, tmp_path: Path) -> None:
    path = tmp_path / "exchanges.jsonl"
    recorder = ExchangeRecorder(path)
    spec = oidc_server.clients["post"]
    token = oidc_server.get_refresh_token("post")

    async def refresh() -> dict[str, Any]:
        async with httpx.AsyncClient(event_hooks=recorder.httpx_async_event_hooks(), timeout=10) as http:
            answer = await http.post(oidc_server.token_url, data={
                "grant_type": "refresh_token", "refresh_token": token, "client_id": spec.client_id,
                "client_secret": spec.client_secret or ""})
            return dict(answer.json())

    fresh = asyncio.run(refresh())
    [line] = lines(path)
    assert line["status"] == 200 and line["client_id"] == "post-client"
    assert_absent(path, named=(token, spec.client_secret or "", fresh["refresh_token"], fresh["access_token"]))


def test_requests_hook_and_an_error_page_that_echoes_the_token(httpserver: HTTPServer, tmp_path: Path) -> None:
    def echo(request: Request) -> Response:
        return Response(f"refresh token {request.form['refresh_token']} is unknown", status=400,
                        content_type="text/plain")

    httpserver.expect_request("/oauth/token", method="POST").respond_with_handler(echo)
    path = tmp_path / "exchanges.jsonl"
    recorder = ExchangeRecorder(path)
    session = recorder.install_requests(requests.Session())
    canary = "canary-refresh-token-0123456789"
    answer = session.post(httpserver.url_for("/oauth/token"), data={"grant_type": "refresh_token",
                                                                    "refresh_token": canary},
                          auth=("canary-client", "canary-client-secret-0123"), timeout=5)
    assert canary in answer.text
    session.get(httpserver.url_for("/page"))  # page traffic (500 from pytest-httpserver): not recorded
    [line] = lines(path)
    assert line["response_body"] == f"refresh token {stable_fingerprint(canary)} is unknown"
    assert line["client_id"] == "canary-client" and line["duration"] >= 0
    assert_absent(path, "canary-client-secret-0123", named=(canary,))


def test_threads_append_whole_lines(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/token", method="POST").respond_with_json({"error": "invalid_grant"}, status=400)
    path = tmp_path / "exchanges.jsonl"
    recorder = ExchangeRecorder(path)

    def worker(n: int) -> None:
        with httpx.Client(event_hooks=recorder.httpx_event_hooks(), timeout=5) as http:
            for i in range(10):
                http.post(httpserver.url_for("/token"), data={"grant_type": "refresh_token",
                                                              "refresh_token": f"token-{n}-{i}-0123456789"})

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(lines(path)) == 40


def test_live_against_authlib_a_client_that_replaces_its_grant_loses_the_refresh_token(tmp_path: Path) -> None:
    """End to end: the Authlib server leaves refresh_token out of refresh answers; a client that stores the
    answer instead of merging it sends 'None' next time; the recorded log shows trace exactly that."""
    import secrets as random_secrets

    from servers.authlib_server import run_authlib_server

    from oauthdoctor.record.wire import s256

    path = tmp_path / "exchanges.jsonl"
    recorder = ExchangeRecorder(path, origin="web-1")
    with run_authlib_server() as server, httpx.Client(event_hooks=recorder.httpx_event_hooks(), timeout=10) as http:
        client = next(iter(server.clients.values()))
        auth = {"Authorization": basic_auth_header(client.client_id, client.client_secret)}
        verifier = random_secrets.token_urlsafe(48)
        location = http.get(server.authorize_url, params={
            "client_id": client.client_id, "response_type": "code", "redirect_uri": client.redirect_uri,
            "state": "st-0123456789", "code_challenge": s256(verifier), "code_challenge_method": "S256"},
        ).headers["location"]
        code = httpx.URL(location).params["code"]
        stored = http.post(server.token_url, headers=auth, data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": client.redirect_uri,
            "code_verifier": verifier}).json()
        stored = http.post(server.token_url, headers=auth, data={
            "grant_type": "refresh_token", "refresh_token": stored["refresh_token"]}).json()
        assert "refresh_token" not in stored
        refused = http.post(server.token_url, headers=auth, data={
            "grant_type": "refresh_token", "refresh_token": str(stored.get("refresh_token"))})
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    report = trace_files([str(path)])
    assert [f.id for f in report.findings if f.is_problem] == ["lost_refresh_token", "token_error"]
    assert report.root_cause is not None and report.root_cause.startswith("lost_refresh_token: ")
    assert_absent(path, client.client_secret, named=(code, verifier, stored["access_token"]))


def test_answers_the_recorder_does_not_keep_are_not_read(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/download").respond_with_data(b"x" * 100_000)
    recorder = ExchangeRecorder(tmp_path / "exchanges.jsonl")
    with httpx.Client(event_hooks=recorder.httpx_event_hooks(), timeout=5) as http, \
            http.stream("GET", httpserver.url_for("/download")) as response:
        assert not response.is_stream_consumed  # still the caller's to stream
        assert sum(len(chunk) for chunk in response.iter_bytes()) == 100_000
    session = recorder.install_requests(requests.Session())
    streamed = session.get(httpserver.url_for("/download"), stream=True, timeout=5)
    assert streamed._content_consumed is False
    streamed.close()
    assert not (tmp_path / "exchanges.jsonl").exists()
