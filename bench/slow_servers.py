"""Loopback servers for the live ``diagnose`` row of ``bench/startup.py``: every answer comes after a delay.

An HTTP server plays a small authorization server (a discovery document, a token endpoint that refuses the
client) and a UDP responder plays an NTP server; each waits ``delay`` seconds before it answers, on its own
thread, so concurrent requests all answer ``delay`` after they arrive. A run that starts every probe's I/O at
once ends about ``delay`` after its start-up; one that waits for anything before it asks ends later.
Benchmark only (the tests use the servers under ``tests/servers``).
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_NTP_EPOCH_DELTA = 2208988800
_NTP_PACKET = struct.Struct("!B B B b 11I")


@dataclass(frozen=True)
class SlowServers:
    """Where the servers listen."""

    issuer: str
    token_url: str
    ntp: str  # host:port, as --ntp-server takes it


def _handler(base: str, delay: float) -> type[BaseHTTPRequestHandler]:
    document = {
        "issuer": base,
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token",
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "response_types_supported": ["code"],
    }

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self, status: int, body: dict[str, object]) -> None:
            time.sleep(delay)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if self.path == "/.well-known/openid-configuration":
                self._answer(200, document)
            else:
                self._answer(405 if self.path == "/token" else 404, {"error": "not_found"})

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self._answer(401, {"error": "invalid_client", "error_description": "client authentication failed"})

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
            pass

    return Handler


def _ntp_reply(request: bytes, received: float) -> bytes:
    """A synchronised server's answer (mode 4, stratum 2) with the client's transmit time as the origin."""

    def to_ntp(seconds: float) -> tuple[int, int]:
        value = seconds + _NTP_EPOCH_DELTA
        return int(value) & 0xFFFFFFFF, int((value - int(value)) * 2**32) & 0xFFFFFFFF

    origin_hi, origin_lo = struct.unpack("!II", request[40:48])
    return _NTP_PACKET.pack(
        (0 << 6) | (3 << 3) | 4, 2, 6, -20, 0, 0, struct.unpack("!I", bytes([127, 0, 0, 1]))[0],
        *to_ntp(received - 16), origin_hi, origin_lo, *to_ntp(received), *to_ntp(time.time()),
    )


@contextmanager
def slow_servers(delay: float = 1.0) -> Iterator[SlowServers]:
    """An HTTP and an NTP server on free loopback ports, each answering ``delay`` seconds after a request."""
    http = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    base = f"http://127.0.0.1:{http.server_address[1]}"
    http.RequestHandlerClass = _handler(base, delay)
    http.daemon_threads = True
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    udp.settimeout(0.2)
    stop = threading.Event()

    def answer_later(request: bytes, peer: tuple[str, int], received: float) -> None:
        time.sleep(delay)
        udp.sendto(_ntp_reply(request, received), peer)

    def serve_ntp() -> None:
        while not stop.is_set():
            try:
                request, peer = udp.recvfrom(512)
            except OSError:
                continue
            if len(request) >= 48:
                threading.Thread(target=answer_later, args=(request, peer, time.time()), daemon=True).start()

    threads = [threading.Thread(target=http.serve_forever, daemon=True),
               threading.Thread(target=serve_ntp, daemon=True)]
    for thread in threads:
        thread.start()
    try:
        yield SlowServers(base, f"{base}/token", f"127.0.0.1:{udp.getsockname()[1]}")
    finally:
        stop.set()
        http.shutdown()
        http.server_close()
        for thread in threads:
            thread.join(timeout=2)
        udp.close()
