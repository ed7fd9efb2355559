"""Verdicts you can trust (#11), each against a real server or a real loopback fault server.

Real servers: Django OAuth Toolkit (plain, RFC 8414 metadata, OIDC; hashed secrets, PKCE, a public client) and
pytest-httpserver answering what faulty token endpoints answer (503 with Retry-After, redirects, HTML, 10 MB).
No test touches the internet.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from servers.dot_server import DotServer
from werkzeug.wrappers import Request, Response

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.diagnose.report import diagnose
from oauthdoctor.model import Decision, Finding, Report, Status
from oauthdoctor.probing.contract import ProbeOptions

pytestmark = pytest.mark.network

NETWORK_PROBES = ("transport", "discovery", "clock_skew", "client_auth", "grant_types")


def run(
    values: dict[str, str],
    *,
    provider: str | None = None,
    offline: bool = False,
    active: bool = False,
    timeout: float = 3.0,
    skip: tuple[str, ...] = ("clock_skew",),
) -> Report:
    from oauthdoctor.profiles.loader import get_profile

    profile = get_profile(provider) if provider else None
    options = ProbeOptions(offline=offline, active=active, timeout=timeout)
    return diagnose(ResolvedConfig(values), profile, options, skip=skip)


def finding(report: Report, probe: str) -> Finding:
    found = [f for f in report.findings if f.id == probe]
    assert len(found) == 1, [f"{f.id} {f.status} {f.title}" for f in found]
    return found[0]


def dot_values(server: DotServer, client: str = "web", **extra: str) -> dict[str, str]:
    spec = server.clients[client]
    values = {"issuer": server.base, "token_url": server.token_url, "client_id": spec.client_id}
    if spec.client_secret:
        values["client_secret"] = spec.client_secret
    else:
        values["auth_method"] = "none"
    if spec.redirect_uri:
        values["redirect_uri"] = spec.redirect_uri
        values["registered_redirect_uris"] = spec.redirect_uri
    if spec.grant == "client-credentials":
        values["grant_type"] = "client_credentials"
    values.update(extra)
    return values


@pytest.fixture
def web(httpserver: HTTPServer) -> HTTPServer:
    """pytest-httpserver answering 404, as a web server does, for paths no test registered (not its default 500)."""
    httpserver.no_handler_status_code = 404
    return httpserver


def assert_every_pass_is_observed(report: Report) -> None:
    for f in report.findings:
        if f.status is Status.PASS:
            assert f.evidence.get("observed"), f"{f.id} passed without naming an observation: {f.title}"


# --- false alarms: a missing discovery document ---------------------------------------------------------------


def test_plain_oauth_server_without_any_document_is_not_told_to_fix_its_config(dot_plain: DotServer) -> None:
    report = run(dot_values(dot_plain))
    disc = finding(report, "discovery")
    assert disc.status is Status.SKIP and "this server publishes none" in disc.title
    assert [t["url"] for t in disc.evidence["tried"]] == [
        f"{dot_plain.base}/.well-known/openid-configuration",
        f"{dot_plain.base}/.well-known/oauth-authorization-server",
    ]
    assert all(t["status"] == 404 for t in disc.evidence["tried"])
    assert disc.evidence["token_endpoint"] == {"url": dot_plain.token_url, "status": 405}
    assert finding(report, "client_auth").status is Status.PASS
    assert report.decision is Decision.NONE and report.root_cause is None
    assert_every_pass_is_observed(report)


def test_plain_server_under_the_dot_profile_whose_document_is_optional(dot_plain: DotServer) -> None:
    report = run(dot_values(dot_plain), provider="django-oauth-toolkit")
    assert finding(report, "discovery").status is Status.SKIP
    assert report.decision is Decision.NONE


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"token_url": ""}, "the token endpoint must come from it (no OAUTH_TOKEN_URL)"),
        ({"scopes": "openid read"}, "ID-token validation (scope openid) needs its issuer and jwks_uri"),
    ],
)
def test_a_missing_document_fails_when_the_configuration_needs_it(
    dot_plain: DotServer, change: dict[str, str], reason: str
) -> None:
    values = {k: v for k, v in {**dot_values(dot_plain), **change}.items() if v}
    disc = finding(run(values), "discovery")
    assert disc.status is Status.FAIL and disc.title.endswith(reason) and disc.key == "OAUTH_ISSUER"


def test_a_missing_document_fails_when_the_profile_says_the_provider_publishes_one(web: HTTPServer, quirks) -> None:
    """Keycloak always serves its discovery document: a 404 there means OAUTH_ISSUER is wrong."""
    token_url = quirks.json_endpoint("/realms/demo/protocol/openid-connect/token", {"error": "invalid_grant"},
                                     status=400)
    issuer = token_url.rsplit("/protocol/", 1)[0]
    values = {"issuer": issuer, "token_url": token_url, "client_id": "app", "client_secret": "s" * 32}
    disc = finding(run(values, provider="keycloak", skip=("clock_skew", "client_auth", "grant_types")),
                   "discovery")
    assert disc.status is Status.FAIL and disc.title.endswith("but Keycloak publishes one")


def test_rfc8414_metadata_is_found_when_there_is_no_openid_configuration(dot_metadata: DotServer) -> None:
    report = run(dot_values(dot_metadata, issuer=dot_metadata.issuer))
    disc = finding(report, "discovery")
    assert disc.status is Status.PASS
    assert disc.evidence["url"] == f"{dot_metadata.base}/.well-known/oauth-authorization-server/o"
    assert report.decision is Decision.NONE


# --- false alarms: transient answers, absent metadata, public clients ----------------------------------------


def _unavailable(httpserver: HTTPServer, status: int, retry_after: str | None) -> dict[str, str]:
    headers = {"Retry-After": retry_after} if retry_after else {}
    httpserver.expect_request("/oauth/token").respond_with_json(
        {"error": "temporarily_unavailable"}, status=status, headers=headers
    )
    httpserver.expect_request("/.well-known/openid-configuration").respond_with_data("not here", status=404)
    return {
        "issuer": httpserver.url_for("/").rstrip("/"),
        "token_url": httpserver.url_for("/oauth/token"),
        "client_id": "app",
        "client_secret": "s" * 32,
        "redirect_uri": "https://app.test/cb",
    }


def test_503_with_retry_after_decides_retry_and_names_it(web: HTTPServer) -> None:
    report = run(_unavailable(web, 503, "120"))
    auth = finding(report, "client_auth")
    assert auth.status is Status.ERROR and auth.decision is Decision.RETRY
    assert auth.title == (
        "the token endpoint answered 503 Service Unavailable with Retry-After: 120: the server asks to try again later"
    )
    assert finding(report, "discovery").status is Status.SKIP  # the token endpoint answered: no document needed
    assert report.decision is Decision.RETRY and "Retry-After: 120" in (report.root_cause or "")


def test_500_decides_retry(web: HTTPServer) -> None:
    report = run(_unavailable(web, 500, None))
    assert report.decision is Decision.RETRY and "500 Internal Server Error" in (report.root_cause or "")


def test_absent_grant_types_supported_is_not_a_no(dot_oidc: DotServer) -> None:
    """DOT's OIDC document has no grant_types_supported; its client_credentials client works."""
    values = dot_values(dot_oidc, "machine", issuer=dot_oidc.issuer)
    report = run(values, active=True)
    grants = finding(report, "grant_types")
    assert grants.status is Status.PASS and grants.evidence["grants"]["client_credentials"]["issued_token"] is True
    disc = finding(report, "discovery")
    assert disc.status is Status.PASS and disc.evidence["grant_types"] == "not listed"
    assert report.decision is Decision.NONE
    assert run(values).decision is Decision.NONE  # without --active nothing contradicts the (absent) list either


def test_observed_grant_beats_a_metadata_list_that_omits_it(web: HTTPServer) -> None:
    web.expect_request("/.well-known/openid-configuration").respond_with_json({
        "issuer": web.url_for("/").rstrip("/"), "token_endpoint": web.url_for("/token"),
        "grant_types_supported": ["authorization_code"],
    })
    web.expect_request("/token").respond_with_json({"access_token": "at-x", "token_type": "bearer"})
    values = {"issuer": web.url_for("/").rstrip("/"), "token_url": web.url_for("/token"),
              "client_id": "m", "client_secret": "s" * 32, "grant_type": "client_credentials"}
    disc = finding(run(values, active=True), "discovery")
    assert disc.status is Status.PASS
    assert disc.evidence["observed_over_metadata"] == [
        "the client_credentials grant is not listed, but the token endpoint allowed it"
    ]
    assert finding(run(values), "discovery").status is Status.FAIL  # not observed: the metadata still decides


def test_public_client_the_server_accepts_is_not_told_to_use_a_secret(dot_oidc: DotServer) -> None:
    report = run(dot_values(dot_oidc, "public", issuer=dot_oidc.issuer, client_type="native"))
    assert finding(report, "client_auth").title == "the public client is accepted without a secret"
    disc = finding(report, "discovery")
    assert disc.status is Status.PASS
    assert disc.evidence["auth_methods"] == ["client_secret_post", "client_secret_basic"]
    assert "none is not listed among the auth methods, but the token endpoint accepted it" in disc.title
    assert not any("OAUTH_AUTH_METHOD" in (f.hint or "") for f in report.findings)
    assert report.decision is Decision.NONE


# --- unearned passes -----------------------------------------------------------------------------------------


def test_transport_is_not_a_pass_under_offline(dot_plain: DotServer) -> None:
    report = run({**dot_values(dot_plain), "token_url": "https://idp.example.com/token"}, offline=True)
    transport = finding(report, "transport")
    assert transport.status is Status.SKIP and "certificate was not checked" in transport.title
    assert all(finding(report, p).status is not Status.PASS for p in NETWORK_PROBES if p != "clock_skew")


def test_transport_is_not_a_pass_after_a_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    """The resolver fails for one name (the same socket.gaierror a real NXDOMAIN raises), so no query leaves."""
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host == "idp.oauthdoctor.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    values = {"token_url": "https://idp.oauthdoctor.invalid/token", "client_id": "app", "client_secret": "s" * 32}
    report = run(values, skip=("clock_skew", "discovery"))
    transport = finding(report, "transport")
    assert transport.status is Status.ERROR and "could not be reached" in transport.title
    assert transport.evidence["failure"] == "dns"
    assert report.decision is Decision.NONE
    assert report.root_cause and report.root_cause.startswith("could not reach idp.oauthdoctor.invalid")


def _self_signed(directory: Path) -> tuple[str, str]:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


@pytest.fixture
def tls_server(tmp_path: Path):  # type: ignore[no-untyped-def]
    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.expect_request("/token", method="POST").respond_with_json({"error": "invalid_grant"}, status=400)
    server.expect_request("/token", method="GET").respond_with_data("", status=405)
    server.start()
    try:
        yield server, cert
    finally:
        server.stop()


def test_transport_pass_is_a_verified_tls_answer(tls_server, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    server, cert = tls_server
    values = {"token_url": server.url_for("/token"), "client_id": "app", "client_secret": "s" * 32}
    monkeypatch.setenv("SSL_CERT_FILE", cert)  # the server's certificate is a trust anchor: verification passes
    trusted = finding(run(values, skip=("clock_skew", "discovery")), "transport")
    assert trusted.status is Status.PASS and "certificate verified" in trusted.title
    assert trusted.evidence["observed"].endswith("answered HTTP 405 over TLS with a verified certificate")
    monkeypatch.delenv("SSL_CERT_FILE")
    untrusted = finding(run(values, skip=("clock_skew", "discovery")), "transport")
    assert untrusted.status is Status.FAIL and "certificate was not accepted" in untrusted.title


@pytest.mark.parametrize("provider", ["generic", "github", "okta"])
def test_token_policy_without_token_data_is_a_skip(dot_plain: DotServer, provider: str) -> None:
    values = dot_values(dot_plain)
    if provider == "okta":
        values["domain"] = "dev-1.okta.com"
    policy = finding(run(values, provider=provider, offline=True), "token_policy")
    assert policy.status is Status.SKIP and "no token state supplied" in policy.title


def test_every_pass_names_its_observation(dot_plain: DotServer, dot_metadata: DotServer, dot_oidc: DotServer) -> None:
    reports = [
        run(dot_values(dot_plain), skip=()),
        run(dot_values(dot_metadata, issuer=dot_metadata.issuer, active_refresh_tokens="2"), provider="google",
            offline=True),
        run(dot_values(dot_oidc, "machine", issuer=dot_oidc.issuer), active=True),
        run(dot_values(dot_oidc, "public", issuer=dot_oidc.issuer)),
    ]
    for report in reports:
        assert_every_pass_is_observed(report)
    assert sum(f.status is Status.PASS for r in reports for f in r.findings) >= 15


# --- root causes ---------------------------------------------------------------------------------------------

GOOGLE_EXPIRED = '{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}'


def test_a_refresh_failure_is_not_explained_by_the_redirect_uri() -> None:
    values = {
        "client_id": "123-abc.apps.googleusercontent.com", "client_secret": "GOCSPX-" + "x" * 28,
        "grant_type": "refresh_token", "redirect_uri": "https://app.test/callback/",
        "registered_redirect_uris": "https://app.test/callback", "last_error": GOOGLE_EXPIRED,
        "last_error_status": "400",
    }
    report = run(values, provider="google", offline=True)
    assert finding(report, "redirect_uri").status is Status.FAIL
    last = finding(report, "last_error")
    assert "explained_by" not in last.evidence and "redirect_uri" not in last.title
    assert "explains the last error" not in (report.root_cause or "")


def test_a_bare_invalid_grant_on_refresh_is_not_explained_by_the_redirect_uri(dot_plain: DotServer) -> None:
    values = dot_values(dot_plain, grant_type="refresh_token", redirect_uri=dot_plain.clients["web"].redirect_uri
                        + "/", last_error='{"error": "invalid_grant"}', last_error_status="400")
    last = finding(run(values), "last_error")
    assert "explained_by" not in last.evidence
    code = dot_values(dot_plain, redirect_uri=dot_plain.clients["web"].redirect_uri + "/",
                      last_error='{"error": "invalid_grant"}', last_error_status="400")
    assert finding(run(code), "last_error").evidence["explained_by"] == "redirect_uri"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_unreachable_network_is_inconclusive_in_every_format() -> None:
    from test_diagnose_cli import FORMATS, cli, validated

    port = _closed_port()
    env = {"OAUTH_ISSUER": f"http://127.0.0.1:{port}", "OAUTH_TOKEN_URL": f"http://127.0.0.1:{port}/token",
           "OAUTH_CLIENT_ID": "app", "OAUTH_CLIENT_SECRET": "s" * 32, "OAUTH_REDIRECT_URI": "https://app.test/cb"}
    outputs = {}
    for fmt in FORMATS:
        done = cli("--format", fmt, "--skip", "clock_skew", "--timeout", "2", env=env)
        assert done.returncode == 3, (fmt, done.stdout, done.stderr)
        outputs[fmt] = done.stdout
    data = validated(outputs["json"])
    assert data["decision"] == "none"
    assert data["root_cause"].startswith(f"could not reach 127.0.0.1:{port} (could not connect")
    assert "nothing was decided. Could not decide: discovery, client_auth, grant_types." in data["root_cause"]
    assert "inconclusive — nothing was decided" in outputs["rich"]
    assert "could not reach 127.0.0.1" in outputs["rich"] and "retry" not in outputs["rich"].lower()
    for fmt in ("sarif", "github", "junit"):
        for probe in ("discovery", "client_auth", "grant_types"):
            assert probe in outputs[fmt], (fmt, probe)
        assert "could not be reached" in outputs[fmt] or "could not reach" in outputs[fmt], fmt


# --- faults named in the title -------------------------------------------------------------------------------


def _fault_values(url: str) -> dict[str, str]:
    return {"token_url": url, "client_id": "app", "client_secret": "s" * 32, "redirect_uri": "https://app.test/cb"}


def test_an_answer_too_large_is_named(web: HTTPServer) -> None:
    web.expect_request("/token").respond_with_data("x" * (10 * 1024 * 1024), content_type="text/plain")
    auth = finding(run(_fault_values(web.url_for("/token")), skip=("clock_skew", "discovery")), "client_auth")
    assert auth.status is Status.ERROR and "answer is too large" in auth.title


def test_a_redirect_is_named_and_not_followed(web: HTTPServer) -> None:
    target = web.url_for("/elsewhere/token")
    seen: list[str] = []

    def elsewhere(request: Request) -> Response:
        seen.append(request.path)
        return Response("{}", status=200)

    web.expect_request("/token").respond_with_data("", status=302, headers={"Location": target})
    web.expect_request("/elsewhere/token").respond_with_handler(elsewhere)
    report = run(_fault_values(web.url_for("/token")), skip=("clock_skew", "discovery"))
    auth = finding(report, "client_auth")
    assert auth.status is Status.FAIL and auth.key == "OAUTH_TOKEN_URL"
    assert auth.title == f"the token endpoint redirected to {target} — not followed, credentials not sent there"
    assert seen == []
    assert report.decision is Decision.FIX_CONFIG and "redirected to" in (report.root_cause or "")


@pytest.mark.parametrize(
    ("body", "content_type", "words"),
    [
        ("<!doctype html><html><body>Sign in</body></html>", "text/html", "answered HTML, not JSON (200 OK)"),
        ('{"access_token": ', "application/json", "answered invalid JSON (200 OK)"),
    ],
)
def test_html_or_invalid_json_with_200_is_named(web: HTTPServer, body: str, content_type: str,
                                                words: str) -> None:
    web.expect_request("/token").respond_with_data(body, status=200, content_type=content_type)
    auth = finding(run(_fault_values(web.url_for("/token")), skip=("clock_skew", "discovery")), "client_auth")
    assert auth.status is Status.ERROR and auth.title == f"the token endpoint {words}"


# --- a password hash pasted as the secret (Django OAuth Toolkit's admin shows the hash) ------------------------


def test_the_hash_from_the_dot_admin_is_named(dot_plain: DotServer) -> None:
    web = dot_plain.clients["web"]
    assert web.stored_secret.startswith("pbkdf2_sha256$")
    values = dot_values(dot_plain, client_secret=web.stored_secret,
                        last_error='{"error": "invalid_client"}', last_error_status="401")
    report = run(values)
    config = next(f for f in report.findings if f.id == "config" and f.status is Status.FAIL)
    assert config.title == "OAUTH_CLIENT_SECRET is a pbkdf2_sha256 password hash, not the secret itself"
    assert finding(report, "client_auth").title.startswith("neither method authenticates")
    assert finding(report, "last_error").evidence["explained_by"] == "config"
    assert report.decision is Decision.FIX_CONFIG and "password hash" in (report.root_cause or "")


def test_a_discovery_server_that_is_down_does_not_decide_when_nothing_needs_it(web: HTTPServer) -> None:
    web.expect_request("/.well-known/openid-configuration").respond_with_data(
        "busy", status=503, headers={"Retry-After": "30"})
    web.expect_request("/token").respond_with_json({"error": "invalid_grant"}, status=400)
    values = {"issuer": web.url_for("/").rstrip("/"), "token_url": web.url_for("/token"), "client_id": "app",
              "client_secret": "s" * 32, "redirect_uri": "https://app.test/cb"}
    report = run(values)
    disc = finding(report, "discovery")
    assert disc.status is Status.SKIP and "503 Service Unavailable with Retry-After: 30" in disc.title
    assert report.decision is Decision.NONE and report.root_cause is None
    needed = finding(run({**values, "scopes": "openid"}), "discovery")  # ID-token validation needs it: retry
    assert needed.status is Status.ERROR and needed.decision is Decision.RETRY


def test_the_dot_profile_finds_its_endpoints_from_the_issuer_dot_publishes(dot_oidc: DotServer) -> None:
    """The profile's {issuer} is DOT's own issuer (site URL + mount point), so an issuer alone locates the token
    endpoint and the discovery document, and the document's issuer agrees with it."""
    spec = dot_oidc.clients["web"]
    values = {"issuer": dot_oidc.issuer, "client_id": spec.client_id, "client_secret": spec.client_secret,
              "redirect_uri": spec.redirect_uri, "registered_redirect_uris": spec.redirect_uri}
    report = run(values, provider="django-oauth-toolkit")
    assert report.inputs["token_endpoint"] == f"{dot_oidc.issuer}/token/"
    by_id = {f.id: f for f in report.findings}
    assert by_id["client_auth"].status is Status.PASS
    assert not [f.title for f in report.findings if f.id == "discovery" and f.status in (Status.FAIL, Status.WARN)]
