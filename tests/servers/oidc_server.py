"""The node ``oidc-provider`` test server: start it, and drive its dev login to get a real refresh token.

The server is a real, OpenID-certified authorization server, so tests see real status codes and error bodies
instead of what we believe servers answer. Clients are defined once in ``oidc/clients.json``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

OIDC_DIR = Path(__file__).parent / "oidc"
STARTUP_TIMEOUT = 30.0


class OidcServerUnavailable(Exception):
    """Node is missing: the only reason a test may skip instead of fail."""


@dataclass(frozen=True)
class OidcClient:
    """One registered client, exactly as the server knows it."""

    name: str
    client_id: str
    client_secret: str | None
    auth_method: str
    grant_types: tuple[str, ...]
    redirect_uri: str | None


@dataclass
class OidcServer:
    """A running provider: URLs, clients, and helpers that act like a real app would."""

    issuer: str
    clients: dict[str, OidcClient]
    log_path: Path

    @property
    def token_url(self) -> str:
        return f"{self.issuer}/token"

    @property
    def authorize_url(self) -> str:
        return f"{self.issuer}/auth"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def log(self) -> str:
        """The server's stderr: the only place oidc-provider says why a grant was invalid."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def get_refresh_token(self, client: str = "good") -> str:
        """Log in through devInteractions with PKCE, redeem the code, return the REAL refresh token."""
        tokens = self.authorize_and_redeem(client)
        if "refresh_token" not in tokens:
            raise AssertionError(f"no refresh token issued for {client}: {sorted(tokens)}")
        return str(tokens["refresh_token"])

    def get_authorization_code(self, client: str = "good") -> tuple[str, str]:
        """A fresh, unredeemed authorization code and its PKCE verifier."""
        spec = self.clients[client]
        if spec.redirect_uri is None:
            raise ValueError(f"client {client} has no redirect URI")
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        params = {
            "client_id": spec.client_id, "response_type": "code", "redirect_uri": spec.redirect_uri,
            "scope": "openid offline_access", "state": secrets.token_urlsafe(8), "prompt": "consent",
            "code_challenge": challenge, "code_challenge_method": "S256",
        }
        with httpx.Client(follow_redirects=False, timeout=10) as http:
            response = http.get(self.authorize_url, params=params)
            for _ in range(12):
                if response.is_redirect:
                    location = urljoin(str(response.url), response.headers["location"])
                    if location.startswith(spec.redirect_uri):
                        return _code_from(location), verifier
                    response = http.get(location)
                    continue
                if response.status_code != 200:
                    status, text = response.status_code, response.text[:300]
                    raise AssertionError(f"dev login failed: HTTP {status} {text}")
                action, fields = _next_form(response)
                response = http.post(action, data=fields)
        raise AssertionError("dev login did not reach the redirect URI")

    def authorize_and_redeem(self, client: str = "good") -> dict[str, object]:
        """Full code flow; the token response as JSON."""
        spec = self.clients[client]
        code, verifier = self.get_authorization_code(client)
        data = {"grant_type": "authorization_code", "code": code, "redirect_uri": spec.redirect_uri or "",
                "code_verifier": verifier}
        response = self.token_request(client, data)
        if response.status_code != 200:
            raise AssertionError(f"code redemption failed: HTTP {response.status_code} {response.text[:300]}")
        return dict(response.json())

    def refresh(self, refresh_token: str, client: str = "good") -> httpx.Response:
        """Redeem a refresh token the way the app would (proves a token still works after diagnose)."""
        return self.token_request(client, {"grant_type": "refresh_token", "refresh_token": refresh_token})

    def token_request(self, client: str, data: dict[str, str]) -> httpx.Response:
        """POST to /token authenticating with the client's registered method."""
        spec = self.clients[client]
        body = dict(data)
        headers: dict[str, str] = {}
        if spec.auth_method == "client_secret_basic" and spec.client_secret is not None:
            from oauthdoctor.net.http import basic_auth_header

            headers["Authorization"] = basic_auth_header(spec.client_id, spec.client_secret)
        elif spec.auth_method == "client_secret_post" and spec.client_secret is not None:
            body.update(client_id=spec.client_id, client_secret=spec.client_secret)
        else:
            body["client_id"] = spec.client_id
        with httpx.Client(timeout=10) as http:
            return http.post(self.token_url, data=body, headers=headers)


_FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', re.S)
_HIDDEN = re.compile(r'<input[^>]*name="prompt"[^>]*value="([^"]+)"')


def _next_form(response: httpx.Response) -> tuple[str, dict[str, str]]:
    """The URL and fields for the next devInteractions form (login, then consent)."""
    match = _FORM.search(response.text)
    if match is None:
        raise AssertionError(f"no form on interaction page: {response.text[:300]}")
    prompt = _HIDDEN.search(match.group(2))
    fields = {"prompt": prompt.group(1) if prompt else "consent"}
    if fields["prompt"] == "login":
        fields.update(login="test-user", password="any-password")
    return urljoin(str(response.url), unescape(match.group(1))), fields


def _code_from(location: str) -> str:
    query = parse_qs(urlsplit(location).query)
    if "code" not in query:
        raise AssertionError(f"redirect without a code: {query.get('error')}")
    return query["code"][0]


def load_clients() -> tuple[dict[str, OidcClient], dict[str, str]]:
    spec = json.loads((OIDC_DIR / "clients.json").read_text(encoding="utf-8"))
    clients = {}
    for name, c in spec["clients"].items():
        redirect = None
        if "authorization_code" in c["grant_types"]:
            native = c.get("application_type") == "native"
            redirect = spec["native_redirect_uri"] if native else spec["redirect_uri"]
        clients[name] = OidcClient(name=name, client_id=c["client_id"], client_secret=c["client_secret"],
                                   auth_method=c["token_endpoint_auth_method"],
                                   grant_types=tuple(c["grant_types"]), redirect_uri=redirect)
    return clients, spec


@contextmanager
def start_oidc_server() -> Iterator[OidcServer]:
    """Start ``node server.js 0`` (the OS picks the port), wait for its READY line, stop it afterwards."""
    node = shutil.which("node")
    if node is None:
        raise OidcServerUnavailable("node is not installed; CI installs it (see tests/servers/README.md)")
    if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError("oidc-provider is not installed: run `npm ci` in tests/servers/oidc")
    clients, _ = load_clients()
    log = tempfile.NamedTemporaryFile(prefix="oidc-provider-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [node, "server.js", "0"], cwd=OIDC_DIR, stdout=subprocess.PIPE, stderr=log, text=True,
        env={**os.environ, "NODE_ENV": "test"},
    )
    try:
        port = _wait_ready(process, log.name)
        yield OidcServer(issuer=f"http://127.0.0.1:{port}", clients=clients, log_path=Path(log.name))
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        Path(log.name).unlink(missing_ok=True)


def _wait_ready(process: subprocess.Popen[str], log_name: str) -> int:
    """Read stdout until ``READY <port>``; a reader thread keeps the timeout honest."""
    found: list[int] = []
    done = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("READY "):
                found.append(int(line.split()[1]))
                done.set()
        done.set()

    threading.Thread(target=read, daemon=True).start()
    if not done.wait(STARTUP_TIMEOUT) or not found:
        process.kill()
        tail = Path(log_name).read_text(errors="replace")[-1000:]
        raise RuntimeError(f"oidc-provider did not start: {tail}")
    return found[0]
