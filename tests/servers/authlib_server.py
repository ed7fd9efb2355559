"""An Authlib (Flask) authorization server on 127.0.0.1: the RFC 6749 behaviour oidc-provider does not show.

Authlib's refresh grant leaves ``refresh_token`` out of its answer and keeps the old refresh token valid (no
rotation, like Google), and its resource protector answers an expired access token with ``401`` and
``WWW-Authenticate: Bearer error="invalid_token"``. The access-token lifetime is a parameter, so a test can
let a token expire in seconds. Storage is in memory; ``/authorize`` approves every request for one user.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Flask, jsonify
from werkzeug.serving import make_server

REDIRECT_URI = "https://client.example.com/callback"


@dataclass(frozen=True)
class AuthlibClient:
    client_id: str
    client_secret: str
    redirect_uri: str = REDIRECT_URI
    grant_types: tuple[str, ...] = ("authorization_code", "refresh_token")
    auth_method: str = "client_secret_basic"

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_allowed_scope(self, scope: str) -> str:
        return scope or ""

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri == self.redirect_uri

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == self.auth_method if endpoint == "token" else True

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.grant_types


@dataclass
class _Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    code_challenge: str | None
    code_challenge_method: str | None

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope


@dataclass
class _Token:
    client_id: str
    access_token: str
    refresh_token: str | None
    scope: str
    expires_in: int
    issued_at: float = field(default_factory=time.time)
    revoked: bool = False

    def check_client(self, client: AuthlibClient) -> bool:
        return client.client_id == self.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return self.expires_in

    def is_expired(self) -> bool:
        return time.time() > self.issued_at + self.expires_in

    def is_revoked(self) -> bool:
        return self.revoked

    def get_user(self) -> str:
        return "test-user"

    def get_client(self) -> Any:
        return None


@dataclass
class AuthlibServer:
    """A running server: URLs and the clients it knows."""

    issuer: str
    clients: dict[str, AuthlibClient]

    @property
    def token_url(self) -> str:
        return f"{self.issuer}/token"

    @property
    def authorize_url(self) -> str:
        return f"{self.issuer}/authorize"

    @property
    def api_url(self) -> str:
        return f"{self.issuer}/api/me"


DEFAULT_CLIENTS = (AuthlibClient("authlib-web-client", "authlib-web-secret-0123456789"),)


def create_app(clients: tuple[AuthlibClient, ...], access_token_ttl: int) -> Flask:
    """The Flask app with Authlib's authorization-code (PKCE optional) and refresh grants."""
    by_id = {c.client_id: c for c in clients}
    codes: dict[str, _Code] = {}
    tokens: dict[str, _Token] = {}
    app = Flask("authlib-test-server")
    app.config["OAUTH2_TOKEN_EXPIRES_IN"] = {"authorization_code": access_token_ttl,
                                             "refresh_token": access_token_ttl}
    app.config["OAUTH2_REFRESH_TOKEN_GENERATOR"] = True

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code: str, request: Any) -> None:
            data = request.payload.data
            codes[code] = _Code(code, request.client.client_id, request.payload.redirect_uri or "",
                                request.payload.scope or "", data.get("code_challenge"),
                                data.get("code_challenge_method"))

        def query_authorization_code(self, code: str, client: AuthlibClient) -> _Code | None:
            found = codes.get(code)
            return found if found is not None and found.client_id == client.client_id else None

        def delete_authorization_code(self, authorization_code: _Code) -> None:
            codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code: _Code) -> str:
            return "test-user"

    class RefreshGrant(grants.RefreshTokenGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def authenticate_refresh_token(self, refresh_token: str) -> _Token | None:
            found = next((t for t in tokens.values() if t.refresh_token == refresh_token), None)
            return found if found is not None and not found.revoked else None

        def authenticate_user(self, credential: _Token) -> str:
            return "test-user"

        def revoke_old_credential(self, credential: _Token) -> None:
            return None  # no rotation: the refresh token stays valid (Google's behaviour)

    def save_token(token: dict[str, Any], request: Any) -> None:
        previous = request.refresh_token if request.payload.grant_type == "refresh_token" else None
        tokens[token["access_token"]] = _Token(
            request.client.client_id, token["access_token"],
            token.get("refresh_token") or (previous.refresh_token if previous else None), token.get("scope", ""),
            int(token["expires_in"]))

    server = AuthorizationServer(app, query_client=by_id.get, save_token=save_token)
    server.register_grant(CodeGrant, [CodeChallenge(required=False)])
    server.register_grant(RefreshGrant)

    class Validator(BearerTokenValidator):
        def authenticate_token(self, token_string: str) -> _Token | None:
            return tokens.get(token_string)

    protect = ResourceProtector()
    protect.register_token_validator(Validator())

    @app.route("/authorize")
    def authorize() -> Any:
        grant = server.get_consent_grant(end_user="test-user")
        return server.create_authorization_response(grant=grant, grant_user="test-user")

    @app.route("/token", methods=["POST"])
    def token() -> Any:
        return server.create_token_response()

    @app.route("/api/me")
    @protect()
    def me() -> Any:
        return jsonify(sub="test-user")

    return app


@contextmanager
def run_authlib_server(clients: tuple[AuthlibClient, ...] = DEFAULT_CLIENTS,
                       access_token_ttl: int = 3600) -> Iterator[AuthlibServer]:
    """Serve the Authlib app on a free loopback port in a thread until the context exits."""
    import os

    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    http = make_server("127.0.0.1", 0, create_app(clients, access_token_ttl), threaded=True)
    thread = threading.Thread(target=http.serve_forever, name="authlib-oauth", daemon=True)
    thread.start()
    try:
        yield AuthlibServer(issuer=f"http://127.0.0.1:{http.server_port}", clients={c.client_id: c for c in clients})
    finally:
        http.shutdown()
        thread.join(timeout=5)
