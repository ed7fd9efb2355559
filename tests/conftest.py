"""Shared fixtures: real servers on 127.0.0.1 (see tests/servers/README.md).

- ``oidc_server`` (session): node oidc-provider 8.8.1; skips only when node is not installed.
- ``strict_server``: token endpoint that enforces the registered client auth method; state reset per test.
- ``ntp_server``: factory ``ntp_server(offset=300.0, mode="ok")`` for a UDP NTP responder.
- ``quirks``: GitHub HTTP-200 errors, ServiceNow's catch-all, slow and failing endpoints on ``httpserver``.
- ``dot_plain``, ``dot_metadata``, ``dot_oidc`` (session): Django OAuth Toolkit without any metadata document,
  with RFC 8414 metadata, and with OIDC discovery.

Property tests (hypothesis) are derandomised by default: the suite is the same on every run, so CI fails only
for a change, never for an unlucky draw. ``HYPOTHESIS_PROFILE=explore python -m pytest -q`` draws fresh
examples on each run to look for new failures; whatever it finds becomes an explicit test.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from hypothesis import settings
from pytest_httpserver import HTTPServer
from servers.dot_server import DotServer, start_dot_server
from servers.ntp_server import NtpMode, NtpServer, run_ntp_server
from servers.oidc_server import OidcServer, OidcServerUnavailable, start_oidc_server
from servers.quirks import Quirks
from servers.strict_server import StrictServer, run_strict_server

# The Ctrl-C tests send SIGINT to the commands they start and expect its default action. A shell that starts the run
# as a background job without job control (`(bash .ci/run &)`) leaves SIGINT ignored, and children inherit that;
# give them the default back.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

settings.register_profile("default", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """pytest-httpserver on 127.0.0.1 (its default ``localhost`` may resolve to ::1 first)."""
    return ("127.0.0.1", 0)


@pytest.fixture(scope="session")
def make_httpserver(httpserver_listen_address: tuple[str, int]) -> Iterator[HTTPServer]:
    """Threaded, so a deliberately slow handler does not stall the next request."""
    host, port = httpserver_listen_address
    server = HTTPServer(host=host, port=port, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture(scope="session")
def oidc_server() -> Iterator[OidcServer]:
    """A running node oidc-provider with the clients in tests/servers/oidc/clients.json."""
    try:
        with start_oidc_server() as server:
            yield server
    except OidcServerUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def dot_plain() -> Iterator[DotServer]:
    """Django OAuth Toolkit as a plain OAuth 2.0 server: every well-known path is a 404."""
    with start_dot_server("plain") as server:
        yield server


@pytest.fixture(scope="session")
def dot_metadata() -> Iterator[DotServer]:
    """Django OAuth Toolkit with its RFC 8414 metadata view at the site root, OIDC off."""
    with start_dot_server("metadata") as server:
        yield server


@pytest.fixture(scope="session")
def dot_oidc() -> Iterator[DotServer]:
    """Django OAuth Toolkit with OIDC_ENABLED: discovery at /o/.well-known/openid-configuration."""
    with start_dot_server("oidc") as server:
        yield server


@pytest.fixture(scope="session")
def _strict_server_session() -> Iterator[StrictServer]:
    with run_strict_server() as server:
        yield server


@pytest.fixture
def strict_server(_strict_server_session: StrictServer) -> StrictServer:
    """The strict server with no issued codes or tokens and an empty request log."""
    _strict_server_session.codes.clear()
    _strict_server_session.refresh_tokens.clear()
    _strict_server_session.requests.clear()
    return _strict_server_session


@pytest.fixture
def ntp_server() -> Iterator[Callable[..., NtpServer]]:
    """Factory: ``ntp_server(offset=300.0, mode="unsynchronised")`` starts a responder for this test."""
    with ExitStack() as stack:

        def start(offset: float = 0.0, mode: NtpMode = "ok") -> NtpServer:
            return stack.enter_context(run_ntp_server(offset=offset, mode=mode))

        yield start


@pytest.fixture
def quirks(httpserver: HTTPServer) -> Quirks:
    """Quirk endpoints registered on the (per-test cleared) pytest-httpserver."""
    return Quirks(httpserver)
