"""post_form / get_json against real loopback servers: encodings, observations, typed failures."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_httpserver import HTTPServer
from servers.quirks import SERVICENOW_BODY, Quirks
from servers.strict_server import REDIRECT_URI, StrictClient, StrictServer, run_strict_server

from oauthdoctor.net.failures import NetFailure
from oauthdoctor.net.guard import CredentialGuard
from oauthdoctor.net.http import HttpObservation, get_json, make_client, post_form
from oauthdoctor.version import __version__

# Loopback servers stand in for a self-hosted provider: the generic profile's guard lets credentials go there.
GUARD = CredentialGuard.for_profile(provider="Test", kind="generic")


pytestmark = pytest.mark.network

ODD_BASIC = StrictClient("odd_basic", "odd:client%41+id", "s3cr:et%25+with spaces&=", "client_secret_basic",
                         ("authorization_code", "refresh_token"))
ODD_POST = StrictClient("odd_post", "odd:post%41+id", "p0st:se%25cret+ &=", "client_secret_post",
                        ("authorization_code",))


def _post(url: str, data: dict[str, str], basic: tuple[str, str] | None = None,
          timeout: float = 5.0) -> HttpObservation:
    async def run() -> HttpObservation:
        async with make_client(timeout) as client:
            return await post_form(client, url, data, guard=GUARD, basic_auth=basic)

    return asyncio.run(run())


def _get(url: str, timeout: float = 5.0, verify: bool = True) -> tuple[HttpObservation, object | None]:
    async def run() -> tuple[HttpObservation, object | None]:
        async with make_client(timeout, verify=verify) as client:
            return await get_json(client, url)

    return asyncio.run(run())


def _bogus_code() -> dict[str, str]:
    return {"grant_type": "authorization_code", "code": "bogus-code-123", "redirect_uri": REDIRECT_URI}


@pytest.fixture(scope="module")
def odd_server() -> Iterator[StrictServer]:
    with run_strict_server((ODD_BASIC, ODD_POST)) as server:
        yield server


def test_basic_auth_is_form_encoded_before_base64(odd_server: StrictServer) -> None:
    obs = _post(odd_server.token_url, _bogus_code(), basic=(ODD_BASIC.client_id, ODD_BASIC.client_secret))
    assert (obs.status, json.loads(obs.body)["error"]) == (400, "invalid_grant")
    assert odd_server.requests[-1] == {"grant_type": "authorization_code", "auth_style": "basic",
                                       "client_id": ODD_BASIC.client_id}


def test_naive_basic_encoding_would_fail_on_the_same_server(odd_server: StrictServer) -> None:
    """The control: RFC 7617-only encoding (httpx ``auth=``) splits the id at its ':' and is rejected."""
    response = httpx.post(odd_server.token_url, data=_bogus_code(),
                          auth=(ODD_BASIC.client_id, ODD_BASIC.client_secret))
    assert (response.status_code, response.json()["error"]) == (401, "invalid_client")


def test_post_credentials_in_body(odd_server: StrictServer) -> None:
    data = _bogus_code() | {"client_id": ODD_POST.client_id, "client_secret": ODD_POST.client_secret}
    obs = _post(odd_server.token_url, data)
    assert (obs.status, json.loads(obs.body)["error"]) == (400, "invalid_grant")


def test_strict_server_rejects_the_unregistered_method(strict_server: StrictServer) -> None:
    client = strict_server.clients["basic"]
    as_post = _post(strict_server.token_url,
                    _bogus_code() | {"client_id": client.client_id, "client_secret": client.client_secret})
    as_basic = _post(strict_server.token_url, _bogus_code(), basic=(client.client_id, client.client_secret))
    assert (as_post.status, json.loads(as_post.body)["error"]) == (401, "invalid_client")
    assert (as_basic.status, json.loads(as_basic.body)["error"]) == (400, "invalid_grant")


def test_observation_fields(strict_server: StrictServer) -> None:
    client = strict_server.clients["basic"]
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    obs = _post(strict_server.token_url, _bogus_code(), basic=(client.client_id, client.client_secret))
    after = dt.datetime.now(dt.UTC)
    assert obs.url == strict_server.token_url
    assert obs.headers["content-type"] == "application/json"
    assert obs.headers["cache-control"] == "no-store"
    assert all(name == name.lower() for name in obs.headers)
    assert obs.date is not None and before <= obs.date <= after
    assert 0 < obs.elapsed < 5


def test_get_json_discovery(strict_server: StrictServer) -> None:
    obs, document = _get(strict_server.discovery_url)
    assert obs.status == 200
    assert isinstance(document, dict) and document["token_endpoint"] == strict_server.token_url


def test_user_agent_accept_and_no_redirects(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/moved").respond_with_data("", status=302, headers={"Location": "/elsewhere"})
    obs, document = _get(httpserver.url_for("/moved"))
    assert (obs.status, obs.headers["location"], document) == (302, "/elsewhere", None)
    request, _ = httpserver.log[-1]
    assert request.headers["User-Agent"] == f"oauthdoctor/{__version__}"
    assert request.headers["Accept"] == "application/json"
    assert len(httpserver.log) == 1


def test_github_http_200_error_body(quirks: Quirks) -> None:
    url = quirks.github_200_error("incorrect_client_credentials")
    obs = _post(url, {"client_id": "Iv1.x", "client_secret": "wrong-secret-value", "code": "c"})
    assert obs.status == 200
    assert json.loads(obs.body)["error"] == "incorrect_client_credentials"


def test_servicenow_catch_all(quirks: Quirks) -> None:
    obs = _post(quirks.servicenow_catch_all(), {"grant_type": "refresh_token", "refresh_token": "x",
                                                "client_id": "a", "client_secret": "b"})
    assert (obs.status, json.loads(obs.body)) == (401, SERVICENOW_BODY)


def test_500_with_html_body_is_an_observation_not_a_failure(quirks: Quirks) -> None:
    obs, document = _get(quirks.server_error())
    assert (obs.status, document) == (500, None)
    assert "Internal Server Error" in obs.body


def test_slow_endpoint_times_out(quirks: Quirks) -> None:
    # One timeout covers connect and read: it must be long enough that a loaded machine still connects to
    # loopback in time (0.3 s once ended as a connect timeout on CI), and well under the handler's delay.
    url = quirks.slow(delay=4.0)
    with pytest.raises(NetFailure) as caught:
        _post(url, {"grant_type": "refresh_token", "refresh_token": "x"}, timeout=1.0)
    assert caught.value.kind == "timeout"


def test_closed_port_is_connect() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(NetFailure) as caught:
        _get(f"http://127.0.0.1:{port}/.well-known/openid-configuration")
    assert caught.value.kind == "connect"


def test_untrusted_certificate_is_tls(tmp_path: Path) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*_self_signed(tmp_path))
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.expect_request("/").respond_with_json({})
    server.start()
    try:
        with pytest.raises(NetFailure) as caught:
            _get(server.url_for("/"))
        assert caught.value.kind == "tls"
        assert "certificate" in caught.value.message.lower()
    finally:
        server.stop()


def _self_signed(directory: Path, san: Any = None) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=1))
               .not_valid_after(now + dt.timedelta(hours=1)))
    if san is not None:
        builder = builder.add_extension(san, critical=False)
    cert = builder.sign(key, hashes.SHA256())
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


def test_a_body_past_the_cap_is_cut_and_says_so(httpserver: HTTPServer) -> None:
    from oauthdoctor.net.http import MAX_BODY_BYTES

    httpserver.expect_request("/big").respond_with_data("x" * (3 * MAX_BODY_BYTES), content_type="text/plain")
    httpserver.expect_request("/exact").respond_with_data("y" * MAX_BODY_BYTES, content_type="text/plain")
    big, _ = _get(httpserver.url_for("/big"))
    assert big.truncated and len(big.body) == MAX_BODY_BYTES
    exact, _ = _get(httpserver.url_for("/exact"))
    assert not exact.truncated and len(exact.body) == MAX_BODY_BYTES


def test_retry_after_and_location_are_kept(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/busy").respond_with_data("", status=503, headers={"Retry-After": " 120 "})
    httpserver.expect_request("/moved").respond_with_data("", status=301, headers={"Location": "/token/"})
    busy, _ = _get(httpserver.url_for("/busy"))
    assert busy.retry_after == "120" and busy.location is None
    moved, _ = _get(httpserver.url_for("/moved"))
    assert moved.location == "/token/"


def test_retry_after_seconds() -> None:
    from oauthdoctor.net.http import retry_after_seconds

    now = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("120", now) == 120.0
    assert retry_after_seconds("Sat, 05 Dec 2026 12:02:00 GMT", now) == 120.0
    assert retry_after_seconds("Sat, 05 Dec 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None, now) is None


def test_plain_http_never_loads_the_certificate_bundle(httpserver: HTTPServer,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[object] = []
    real = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda *a, **k: made.append(a or k) or real(*a, **k))
    httpserver.expect_request("/plain").respond_with_json({"ok": True})
    obs, document = _get(httpserver.url_for("/plain"))
    assert (obs.status, document, made) == (200, {"ok": True}, [])


def test_https_is_verified_against_the_bundle_or_ssl_cert_file(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The https transport is made on first use exactly as httpx would make it: SSL_CERT_FILE still counts."""
    import ipaddress

    from cryptography import x509

    cert_path, key_path = _self_signed(tmp_path, san=x509.SubjectAlternativeName(
        [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.expect_request("/doc").respond_with_json({"issuer": "x"})
    server.start()
    try:
        with pytest.raises(NetFailure) as caught:  # not in certifi's bundle
            _get(server.url_for("/doc"))
        assert caught.value.kind == "tls"
        monkeypatch.setenv("SSL_CERT_FILE", cert_path)
        obs, document = _get(server.url_for("/doc"))
        assert (obs.status, document) == (200, {"issuer": "x"})
    finally:
        server.stop()
