"""``transport``: https required for the token endpoint, loopback excepted."""

from __future__ import annotations

import pytest

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Status
from oauthdoctor.probes import transport
from oauthdoctor.probing.contract import ProbeContext


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("https://oauth2.googleapis.com/token", Status.PASS),
        ("http://127.0.0.1:8080/token", Status.PASS),
        ("http://[::1]:8080/token", Status.PASS),
        ("http://localhost/token", Status.PASS),
        ("http://auth.example.com/token", Status.FAIL),
        ("http://127.0.0.1.example.com/token", Status.FAIL),
    ],
)
def test_token_url_scheme(url: str, status: Status) -> None:
    (finding,) = transport.judge(ProbeContext(config=ResolvedConfig({"token_url": url}), profile=None))
    assert finding.status is status


def test_issuer_when_no_token_url() -> None:
    ctx = ProbeContext(config=ResolvedConfig({"issuer": "http://idp.example.com"}), profile=None)
    (finding,) = transport.judge(ctx)
    assert finding.status is Status.FAIL and "issuer" in finding.title


def test_nothing_configured() -> None:
    (finding,) = transport.judge(ProbeContext(config=ResolvedConfig({}), profile=None))
    assert finding.status is Status.SKIP
