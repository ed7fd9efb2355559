"""classify_exception, loopback hosts, Date parsing and Date-header skew: pure, no sockets."""

from __future__ import annotations

import socket
import ssl
from datetime import UTC, datetime

import httpx
import ntplib
import pytest

from oauthdoctor.hosts import is_loopback_host
from oauthdoctor.net.clock import date_header_skew
from oauthdoctor.net.failures import NetFailure, classify_exception
from oauthdoctor.net.http import HttpObservation, basic_auth_header, parse_http_date


def _raised(outer: BaseException, cause: BaseException | None = None) -> BaseException:
    """``outer`` as really raised, chained from ``cause`` the way httpx chains the socket error."""
    try:
        if cause is None:
            raise outer
        raise outer from cause
    except BaseException as exc:  # noqa: BLE001 - we want the exception object with its chain
        return exc


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (_raised(httpx.ConnectError("[Errno -2] Name or service not known"),
                 socket.gaierror(-2, "Name or service not known")), "dns"),
        (_raised(httpx.ConnectError("certificate verify failed"),
                 ssl.SSLCertVerificationError(1, "certificate verify failed")), "tls"),
        (_raised(httpx.ConnectError("[Errno 111] Connection refused"),
                 ConnectionRefusedError(111, "refused")), "connect"),
        (_raised(httpx.ConnectError("All connection attempts failed")), "connect"),
        (_raised(httpx.ReadTimeout("timed out")), "timeout"),
        (_raised(httpx.ConnectTimeout("timed out")), "connect"),  # no connection: unreachable, not slow
        (_raised(httpx.RemoteProtocolError("Server disconnected without sending a response.")), "protocol"),
        (_raised(httpx.UnsupportedProtocol("Request URL has an unsupported protocol 'ftp://'.")), "protocol"),
        (ConnectionRefusedError(111, "Connection refused"), "connect"),
        (socket.gaierror(-2, "Name or service not known"), "dns"),
        (TimeoutError("timed out"), "timeout"),
        (ntplib.NTPException("No response received from 127.0.0.1."), "timeout"),
        (ntplib.NTPException("Invalid NTP packet."), "protocol"),
        (OSError(101, "Network is unreachable"), "connect"),
        (ValueError("something odd"), "protocol"),
    ],
)
def test_classify_exception(exc: BaseException, kind: str) -> None:
    failure = classify_exception(exc)
    assert isinstance(failure, NetFailure)
    assert failure.kind == kind


def test_classify_keeps_the_outer_message() -> None:
    failure = classify_exception(_raised(ntplib.NTPException("No response received from ntp.test."),
                                         TimeoutError("timed out")))
    assert failure.message == "timed out: No response received from ntp.test."


def test_net_failure_passes_through_unchanged() -> None:
    original = NetFailure("refused_plain_http", "no")
    assert classify_exception(original) is original


def test_message_is_one_short_line() -> None:
    failure = classify_exception(ValueError("line one\nline two\t" + "x" * 500))
    assert "\n" not in failure.message
    assert failure.message.startswith("unexpected reply: line one line two x")
    assert len(failure.message) == 200
    assert str(failure) == failure.message


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True), ("localhost", True),
        ("LOCALHOST", True), ("::ffff:127.0.0.1", True),
        ("128.0.0.1", False), ("203.0.113.7", False), ("localhost.example.com", False),
        ("evil-localhost", False),
        ("0.0.0.0", False), ("::", False), ("", False), (None, False), ("10.0.0.1", False),
    ],
)
def test_is_loopback_host(host: str | None, expected: bool) -> None:
    assert is_loopback_host(host) is expected


def test_basic_auth_header_form_encodes_before_base64() -> None:
    # "a:b" -> "a%3Ab", "c%d e" -> "c%25d+e" (RFC 6749 §2.3.1, Appendix B)
    assert basic_auth_header("a:b", "c%d e") == "Basic YSUzQWI6YyUyNWQrZQ=="


def test_parse_http_date() -> None:
    assert parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT") == datetime(2015, 10, 21, 7, 28, tzinfo=UTC)
    assert parse_http_date("not a date") is None
    assert parse_http_date(None) is None


def _obs(date: datetime | None, elapsed: float = 0.0) -> HttpObservation:
    return HttpObservation(url="https://as.test/token", status=400, headers={}, body="", elapsed=elapsed,
                           date=date)


def test_date_header_skew_corrects_truncation_and_round_trip() -> None:
    now = datetime(2026, 1, 1, 0, 0, 0, tzinfo=UTC)
    ahead = datetime(2026, 1, 1, 0, 5, 0, tzinfo=UTC)
    assert date_header_skew(_obs(ahead), now) == 300.5
    assert date_header_skew(_obs(ahead, elapsed=0.4), now) == 300.7
    assert date_header_skew(_obs(datetime(2025, 12, 31, 23, 59, 0, tzinfo=UTC)), now) == -59.5


def test_date_header_skew_without_date_and_with_naive_now() -> None:
    assert date_header_skew(_obs(None), datetime.now(UTC)) is None
    naive_now = datetime(2026, 1, 1, 0, 0, 0)
    assert date_header_skew(_obs(datetime(2026, 1, 1, 0, 0, 10, tzinfo=UTC)), naive_now) == 10.5
