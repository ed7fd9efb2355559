"""NTP clock reading with ntplib, rejecting replies that ntplib would happily turn into an offset.

ntplib returns an offset even for an unsynchronised server (leap indicator 3), stratum 0 (kiss-o'-death:
RATE, DENY, RSTR...) or stratum 16; trusting those would report a clock skew that does not exist.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from oauthdoctor.net.failures import NetFailure, classify_exception

_LEAP_UNSYNCHRONISED = 3
_STRATUM_UNSYNCHRONISED = 16


@dataclass(frozen=True)
class NtpObservation:
    """One accepted NTP reading; ``offset`` is server minus local clock, in seconds."""

    server: str
    offset: float
    stratum: int
    leap: int
    ref_id: str


def ref_id_text(ref_id: int, stratum: int) -> str:
    """Reference id as text: four ASCII characters for stratum 0/1 (kiss code or clock), else an IPv4."""
    octets = [(ref_id >> shift) & 0xFF for shift in (24, 16, 8, 0)]
    if stratum <= 1:
        return "".join(chr(o) for o in octets if 32 <= o < 127).strip()
    return ".".join(str(o) for o in octets)


def query_ntp(server: str, port: int = 123, timeout: float = 2.0) -> NtpObservation:
    """Ask ``server`` for the time; raise ``NetFailure`` for no answer or an untrustworthy answer."""
    import ntplib

    try:
        stats = ntplib.NTPClient().request(server, version=3, port=port, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - every fault becomes a typed NetFailure
        raise classify_exception(exc) from exc
    stratum = int(stats.stratum)
    leap = int(stats.leap)
    ref_id = ref_id_text(int(stats.ref_id), stratum)
    if stratum == 0:
        code = ref_id or "no code"
        raise NetFailure("protocol", f"kiss-o'-death from NTP server {server}: {code} (stratum 0)")
    if leap == _LEAP_UNSYNCHRONISED:
        raise NetFailure("protocol", f"NTP server {server} says it is unsynchronised (leap indicator 3)")
    if stratum >= _STRATUM_UNSYNCHRONISED:
        raise NetFailure("protocol", f"NTP server {server} is unsynchronised (stratum {stratum})")
    offset = float(stats.offset)
    return NtpObservation(server=server, offset=offset, stratum=stratum, leap=leap, ref_id=ref_id)


async def query_ntp_async(server: str, port: int = 123, timeout: float = 2.0) -> NtpObservation:
    """``query_ntp`` in a worker thread so several servers and the HTTP probes run concurrently."""
    return await asyncio.to_thread(query_ntp, server, port, timeout)
