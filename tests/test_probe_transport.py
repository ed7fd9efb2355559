"""``transport``: https required for the token endpoint, loopback excepted; an https pass needs a verified answer."""

from __future__ import annotations

import pytest

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Status
from oauthdoctor.probes import transport
from oauthdoctor.probing.contract import ProbeContext, Skipped
from oauthdoctor.probing.reach import EndpointVisit

GOOGLE = "https://oauth2.googleapis.com/token"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("https://oauth2.googleapis.com/token", Status.SKIP),  # not observed: never a pass from the scheme
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


@pytest.mark.parametrize(
    ("observation", "status", "words"),
    [
        (EndpointVisit(GOOGLE, status=405), Status.PASS, "certificate verified"),
        (Skipped("--offline"), Status.SKIP, "certificate was not checked"),
        (EndpointVisit(GOOGLE, failure_kind="dns", failure_message="host name did not resolve: x"), Status.ERROR,
         "could not be reached"),
        (EndpointVisit(GOOGLE, failure_kind="tls", failure_message="TLS handshake or certificate check failed: x"),
         Status.FAIL, "certificate was not accepted"),
    ],
)
def test_https_verdict_rests_on_the_observation(observation, status: Status, words: str) -> None:
    (finding,) = transport.judge(ProbeContext(config=ResolvedConfig({"token_url": GOOGLE}), profile=None), observation)
    assert finding.status is status and words in finding.title
    if status is Status.PASS:
        assert finding.evidence["observed"] == "oauth2.googleapis.com answered HTTP 405 over TLS with a verified " \
            "certificate"


def test_plain_http_fails_whatever_was_observed() -> None:
    ctx = ProbeContext(config=ResolvedConfig({"token_url": "http://auth.example.com/token"}), profile=None)
    assert transport.sends_in_clear(ctx)
    (finding,) = transport.judge(ctx, Skipped("--offline"))
    assert finding.status is Status.FAIL


def test_nothing_configured() -> None:
    (finding,) = transport.judge(ProbeContext(config=ResolvedConfig({}), profile=None))
    assert finding.status is Status.SKIP
