"""Provider quirks served from pytest-httpserver: the answers real providers give that break naive clients.

Each helper registers a handler on the shared ``httpserver`` and returns the URL to point oauthdoctor at.
Bodies follow the providers' documented answers (GitHub and ServiceNow; their profiles cite the sources).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

GITHUB_DOCS = "/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/"
GITHUB_ERRORS = {
    "incorrect_client_credentials": ("The client_id and/or client_secret passed are incorrect.",
                                     GITHUB_DOCS + "#incorrect-client-credentials"),
    "redirect_uri_mismatch": ("The redirect_uri MUST match the registered callback URL for this application.",
                              "/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/"
                              "#redirect-uri-mismatch2"),
    "bad_verification_code": ("The code passed is incorrect or expired.",
                              GITHUB_DOCS + "#bad-verification-code"),
}
SERVICENOW_BODY = {"error_description": "access_denied", "error": "server_error"}


@dataclass
class Quirks:
    """Registers quirk endpoints on one pytest-httpserver instance."""

    server: HTTPServer

    def github_200_error(self, error: str = "incorrect_client_credentials",
                         path: str = "/login/oauth/access_token") -> str:
        """GitHub's token endpoint: HTTP 200 with an error body, form-encoded unless Accept asks for JSON."""
        description, uri = GITHUB_ERRORS[error]
        fields = {"error": error, "error_description": description, "error_uri": uri}

        def handler(request: Request) -> Response:
            if "application/json" in request.headers.get("Accept", ""):
                return Response(json.dumps(fields), status=200, mimetype="application/json")
            return Response(urlencode(fields), status=200,
                            content_type="application/x-www-form-urlencoded; charset=utf-8")

        self.server.expect_request(path, method="POST").respond_with_handler(handler)
        return self.server.url_for(path)

    def servicenow_catch_all(self, path: str = "/oauth_token.do") -> str:
        """ServiceNow: 401 and the same swapped ``server_error``/``access_denied`` body for every failure."""
        self.server.expect_request(path).respond_with_json(SERVICENOW_BODY, status=401)
        return self.server.url_for(path)

    def slow(self, delay: float, path: str = "/slow/token", status: int = 200) -> str:
        """Answers only after ``delay`` seconds: longer than the client timeout gives a timeout failure."""

        def handler(request: Request) -> Response:
            time.sleep(delay)
            body = json.dumps({"error": "invalid_grant"})
            return Response(body, status=status, mimetype="application/json")

        self.server.expect_request(path).respond_with_handler(handler)
        return self.server.url_for(path)

    def server_error(self, path: str = "/broken/token",
                     body: str = "<html><body>Internal Server Error</body></html>", status: int = 500) -> str:
        """A failing endpoint with an HTML (non-JSON) body."""
        self.server.expect_request(path).respond_with_data(body, status=status, content_type="text/html")
        return self.server.url_for(path)

    def json_endpoint(self, path: str, body: object, status: int = 200,
                      headers: dict[str, str] | None = None) -> str:
        """Any JSON answer (a discovery document, a custom error) at ``path``."""
        self.server.expect_request(path).respond_with_json(body, status=status, headers=headers)
        return self.server.url_for(path)
