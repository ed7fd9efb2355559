"""A strict OAuth token endpoint on 127.0.0.1: the registered client auth method or ``401 invalid_client``.

oidc-provider accepts Basic and body credentials interchangeably, so it cannot show the "only the other
method works" verdict; this server can. It follows RFC 6749 wording (``unauthorized_client`` for a grant the
client may not use) and serves a discovery document. Codes and refresh tokens are only valid if a test
issued them.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import unquote_plus

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

KNOWN_GRANTS = frozenset({"authorization_code", "refresh_token", "client_credentials"})
REDIRECT_URI = "https://client.example.com/callback"


@dataclass(frozen=True)
class StrictClient:
    name: str
    client_id: str
    client_secret: str
    auth_method: str
    grant_types: tuple[str, ...]
    redirect_uri: str = REDIRECT_URI


DEFAULT_CLIENTS = (
    StrictClient("basic", "strict-basic-client", "strict-basic-secret-0123456789",
                 "client_secret_basic", ("authorization_code", "refresh_token")),
    StrictClient("post", "strict-post-client", "strict-post-secret-0123456789",
                 "client_secret_post", ("authorization_code", "refresh_token")),
    StrictClient("no_refresh", "strict-norefresh-client", "strict-norefresh-secret-012345",
                 "client_secret_basic", ("authorization_code",)),
    StrictClient("machine", "strict-machine-client", "strict-machine-secret-0123456",
                 "client_secret_basic", ("client_credentials",)),
)


@dataclass
class StrictServer:
    """State of a running strict server; tests issue real codes/refresh tokens and read the request log."""

    issuer: str
    clients: dict[str, StrictClient]
    codes: dict[str, str] = field(default_factory=dict)
    refresh_tokens: dict[str, str] = field(default_factory=dict)
    requests: list[dict[str, str]] = field(default_factory=list)

    @property
    def token_url(self) -> str:
        return f"{self.issuer}/token"

    @property
    def authorize_url(self) -> str:
        return f"{self.issuer}/authorize"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def issue_refresh_token(self, client: str = "basic") -> str:
        """A real refresh token for ``client``; redeeming it answers 200 (tokens are not rotated)."""
        token = secrets.token_urlsafe(24)
        self.refresh_tokens[token] = self.clients[client].client_id
        return token

    def issue_code(self, client: str = "basic") -> str:
        code = secrets.token_urlsafe(24)
        self.codes[code] = self.clients[client].client_id
        return code

    def discovery(self) -> dict[str, object]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.authorize_url,
            "token_endpoint": self.token_url,
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "grant_types_supported": sorted(KNOWN_GRANTS),
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
        }

    def handle(self, request: Request) -> Response:
        if request.path in ("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"):
            return _json(200, self.discovery())
        if request.path != "/token":
            return _json(404, {"error": "not_found"})
        if request.method != "POST":
            return _error(405, "invalid_request", "token requests must use POST")
        return self._token(request)

    def _token(self, request: Request) -> Response:
        form = request.form
        basic = _basic_credentials(request.headers.get("Authorization", ""))
        style = "basic" if basic else "post" if "client_secret" in form else "none"
        self.requests.append({"grant_type": form.get("grant_type", ""), "auth_style": style,
                              "client_id": basic[0] if basic else form.get("client_id", "")})
        if basic and "client_secret" in form:
            return _error(400, "invalid_request", "client authenticated more than once")
        client_id, secret = basic if basic else (form.get("client_id", ""), form.get("client_secret", ""))
        client = next((c for c in self.clients.values() if c.client_id == client_id), None)
        used = {"basic": "client_secret_basic", "post": "client_secret_post"}.get(style, "none")
        if client is None or not secrets.compare_digest(client.client_secret, secret or ""):
            return _invalid_client(style, "client authentication failed")
        if used != client.auth_method:
            return _invalid_client(style, f"{used} is not the client's registered authentication method")
        return self._grant(client, form)

    def _grant(self, client: StrictClient, form: dict[str, str]) -> Response:
        grant = form.get("grant_type", "")
        if not grant:
            return _error(400, "invalid_request", "missing grant_type")
        if grant not in KNOWN_GRANTS:
            return _error(400, "unsupported_grant_type", f"unsupported grant_type {grant}")
        if grant not in client.grant_types:
            return _error(400, "unauthorized_client", "the client is not authorized to use this grant type")
        if grant == "authorization_code":
            if self.codes.pop(form.get("code", ""), None) != client.client_id:
                return _error(400, "invalid_grant", "authorization code is invalid or expired")
            if form.get("redirect_uri") != client.redirect_uri:
                return _error(400, "invalid_grant", "redirect_uri does not match")
        owner = self.refresh_tokens.get(form.get("refresh_token", ""))
        if grant == "refresh_token" and owner != client.client_id:
            return _error(400, "invalid_grant", "refresh token is invalid")
        token = secrets.token_urlsafe(16)
        return _json(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})


def _basic_credentials(header: str) -> tuple[str, str] | None:
    """Decode ``Basic`` per RFC 6749 §2.3.1 (base64, then form-urldecode each half)."""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (unquote_plus(client_id), unquote_plus(secret)) if sep else None


def _json(status: int, body: dict[str, object]) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json",
                    headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


def _error(status: int, error: str, description: str) -> Response:
    return _json(status, {"error": error, "error_description": description})


def _invalid_client(style: str, description: str) -> Response:
    response = _error(401, "invalid_client", description)
    if style == "basic":
        response.headers["WWW-Authenticate"] = 'Basic realm="token"'
    return response


@contextmanager
def run_strict_server(clients: tuple[StrictClient, ...] = DEFAULT_CLIENTS) -> Iterator[StrictServer]:
    """Serve the strict server on a free loopback port in a thread until the context exits."""
    state: dict[str, StrictServer] = {}

    @Request.application
    def app(request: Request) -> Response:
        return state["server"].handle(request)

    http = make_server("127.0.0.1", 0, app, threaded=True)
    state["server"] = StrictServer(issuer=f"http://127.0.0.1:{http.server_port}",
                                   clients={c.name: c for c in clients})
    thread = threading.Thread(target=http.serve_forever, name="strict-oauth", daemon=True)
    thread.start()
    try:
        yield state["server"]
    finally:
        http.shutdown()
        thread.join(timeout=5)
