"""The plain-http refusal: a secret never leaves for a non-loopback host over http, and nothing is sent.

The 203.0.113.0/24 (TEST-NET-3) URLs go to an ``httpx.MockTransport`` that records every request it is handed,
so these tests prove no request reached the transport and never put a packet on the wire.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from oauthdoctor.net.failures import NetFailure
from oauthdoctor.net.guard import CredentialGuard
from oauthdoctor.net.http import get_json, post_form

GUARD = CredentialGuard.for_profile(provider="Test", kind="generic", trusted=["203.0.113.7"])


SECRET = "super-secret-value-123"


def _run(url: str, data: dict[str, str], basic: tuple[str, str] | None = None,
         method: str = "post", handed: list[httpx.Request] | None = None) -> list[httpx.Request]:
    """Call post_form/get_json through a recording transport; ``handed`` collects what reached it."""
    handed = [] if handed is None else handed

    def record(request: httpx.Request) -> httpx.Response:
        handed.append(request)
        return httpx.Response(400, json={"error": "invalid_grant"})

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(record)) as client:
            if method == "post":
                await post_form(client, url, data, guard=GUARD, basic_auth=basic)
            else:
                await get_json(client, url)

    asyncio.run(run())
    return handed


@pytest.mark.parametrize(
    ("data", "basic"),
    [
        ({"grant_type": "authorization_code", "code": "c"}, ("id", SECRET)),
        ({"grant_type": "authorization_code", "client_id": "id", "client_secret": SECRET}, None),
        ({"grant_type": "refresh_token", "client_id": "id", "refresh_token": SECRET}, None),
    ],
)
def test_secret_over_plain_http_off_loopback_is_refused_before_sending(
        data: dict[str, str], basic: tuple[str, str] | None) -> None:
    handed: list[httpx.Request] = []
    with pytest.raises(NetFailure) as caught:
        _run("http://203.0.113.7/oauth/token", data, basic, handed=handed)
    assert caught.value.kind == "refused_plain_http"
    assert "203.0.113.7" in caught.value.message
    assert SECRET not in caught.value.message
    assert handed == []


@pytest.mark.parametrize(
    "url",
    ["https://203.0.113.7/oauth/token", "http://127.0.0.1:9/token", "http://localhost/token", "http://[::1]/token"],
)
def test_https_or_loopback_is_sent(url: str) -> None:
    handed = _run(url, {"grant_type": "client_credentials", "client_id": "id", "client_secret": SECRET})
    assert len(handed) == 1


def test_requests_without_secrets_are_not_refused() -> None:
    assert len(_run("http://203.0.113.7/.well-known/openid-configuration", {}, method="get")) == 1
    assert len(_run("http://203.0.113.7/token", {"grant_type": "client_credentials", "client_id": "id"})) == 1
