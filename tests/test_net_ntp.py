"""query_ntp against the loopback UDP responder: real offsets, and replies ntplib accepts but we must not."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from servers.ntp_server import NtpServer

from oauthdoctor.net.failures import NetFailure
from oauthdoctor.net.ntp import NtpObservation, query_ntp, query_ntp_async

pytestmark = pytest.mark.network

StartNtp = Callable[..., NtpServer]


@pytest.mark.parametrize("offset", [300.0, -120.0, 0.0])
def test_offset_is_measured(ntp_server: StartNtp, offset: float) -> None:
    server = ntp_server(offset=offset)
    obs = query_ntp(server.host, port=server.port, timeout=2.0)
    assert obs.offset == pytest.approx(offset, abs=0.25)
    assert (obs.server, obs.stratum, obs.leap, obs.ref_id) == ("127.0.0.1", 2, 0, "127.0.0.1")


def test_async_query(ntp_server: StartNtp) -> None:
    server = ntp_server(offset=300.0)
    obs = asyncio.run(query_ntp_async(server.host, port=server.port, timeout=2.0))
    assert isinstance(obs, NtpObservation)
    assert obs.offset == pytest.approx(300.0, abs=0.25)


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("unsynchronised", "leap indicator 3"),
        ("kod_rate", "kiss-o'-death from NTP server 127.0.0.1: RATE"),
        ("kod_deny", "kiss-o'-death from NTP server 127.0.0.1: DENY"),
        ("stratum16", "stratum 16"),
    ],
)
def test_untrustworthy_replies_are_rejected(ntp_server: StartNtp, mode: str, words: str) -> None:
    server = ntp_server(offset=300.0, mode=mode)
    with pytest.raises(NetFailure) as caught:
        query_ntp(server.host, port=server.port, timeout=2.0)
    assert caught.value.kind == "protocol"
    assert words in caught.value.message


def test_no_reply_is_a_timeout(ntp_server: StartNtp) -> None:
    server = ntp_server(mode="silent")
    with pytest.raises(NetFailure) as caught:
        query_ntp(server.host, port=server.port, timeout=0.3)
    assert caught.value.kind == "timeout"
