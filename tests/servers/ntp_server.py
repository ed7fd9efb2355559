"""A UDP NTP responder on 127.0.0.1 with a chosen clock offset and failure mode.

It answers like a real server (mode 4, our transmit timestamp echoed as the origin), so ntplib computes an
offset from it; the modes reproduce replies ntplib accepts but oauthdoctor must reject.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

NtpMode = Literal["ok", "unsynchronised", "kod_rate", "kod_deny", "stratum16", "silent"]

_NTP_EPOCH_DELTA = 2208988800
_PACKET = struct.Struct("!B B B b 11I")

# mode -> (leap indicator, stratum, reference id)
_MODES: dict[str, tuple[int, int, bytes]] = {
    "ok": (0, 2, bytes([127, 0, 0, 1])),
    "unsynchronised": (3, 2, bytes([127, 0, 0, 1])),
    "kod_rate": (0, 0, b"RATE"),
    "kod_deny": (0, 0, b"DENY"),
    "stratum16": (0, 16, b"INIT"),
    "silent": (0, 2, bytes([127, 0, 0, 1])),
}


@dataclass(frozen=True)
class NtpServer:
    """Where the responder listens and what it was told to say."""

    host: str
    port: int
    offset: float
    mode: NtpMode

    @property
    def address(self) -> str:
        """``host:port``, the form ``--ntp-server`` takes."""
        return f"{self.host}:{self.port}"


def _to_ntp(seconds: float) -> tuple[int, int]:
    value = seconds + _NTP_EPOCH_DELTA
    whole = int(value)
    return whole & 0xFFFFFFFF, int((value - whole) * 2**32) & 0xFFFFFFFF


def _reply(request: bytes, offset: float, mode: NtpMode) -> bytes:
    leap, stratum, ref_id = _MODES[mode]
    received = time.time() + offset
    version = (request[0] >> 3) & 0x7 or 3
    origin_hi, origin_lo = struct.unpack("!II", request[40:48])
    ref_hi, ref_lo = _to_ntp(received - 16)
    recv_hi, recv_lo = _to_ntp(received)
    sent_hi, sent_lo = _to_ntp(time.time() + offset)
    return _PACKET.pack(
        (leap << 6) | (version << 3) | 4, stratum, 6, -20, 0, 0,
        struct.unpack("!I", ref_id)[0], ref_hi, ref_lo, origin_hi, origin_lo, recv_hi, recv_lo,
        sent_hi, sent_lo,
    )


@contextmanager
def run_ntp_server(offset: float = 0.0, mode: NtpMode = "ok") -> Iterator[NtpServer]:
    """Serve NTP on a free loopback UDP port in a daemon thread until the context exits."""
    if mode not in _MODES:
        raise ValueError(f"unknown NTP mode {mode!r}; one of {sorted(_MODES)}")
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                request, peer = sock.recvfrom(512)
            except (TimeoutError, OSError):
                continue
            if len(request) >= 48 and mode != "silent":
                sock.sendto(_reply(request, offset, mode), peer)

    thread = threading.Thread(target=serve, name=f"ntp-{mode}", daemon=True)
    thread.start()
    try:
        yield NtpServer(host="127.0.0.1", port=sock.getsockname()[1], offset=offset, mode=mode)
    finally:
        stop.set()
        thread.join(timeout=2)
        sock.close()
