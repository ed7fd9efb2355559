"""The node oidc-provider fixture and the net layer against it: real status codes, real refresh tokens."""

from __future__ import annotations

import asyncio
import base64
import json

import httpx
import pytest
from servers.oidc_server import OidcServer

from oauthdoctor.net.guard import CredentialGuard
from oauthdoctor.net.http import HttpObservation, get_json, make_client, post_form

# Loopback servers stand in for a self-hosted provider: the generic profile's guard lets credentials go there.
GUARD = CredentialGuard.for_profile(provider="Test", kind="generic")


pytestmark = [pytest.mark.network, pytest.mark.slow]


def _post(url: str, data: dict[str, str], basic: tuple[str, str] | None = None) -> HttpObservation:
    async def run() -> HttpObservation:
        async with make_client(5.0) as client:
            return await post_form(client, url, data, guard=GUARD, basic_auth=basic)

    return asyncio.run(run())


def _error(obs: HttpObservation) -> tuple[int, str]:
    return obs.status, json.loads(obs.body)["error"]


def _bogus_code(server: OidcServer, client: str) -> dict[str, str]:
    redirect = server.clients[client].redirect_uri or ""
    return {"grant_type": "authorization_code", "code": "bogus-code-0123456789", "redirect_uri": redirect}


def test_discovery(oidc_server: OidcServer) -> None:
    async def run() -> tuple[HttpObservation, object | None]:
        async with make_client(5.0) as client:
            return await get_json(client, oidc_server.discovery_url)

    obs, document = asyncio.run(run())
    assert obs.status == 200 and obs.date is not None
    assert isinstance(document, dict)
    assert document["token_endpoint"] == oidc_server.token_url
    assert "client_credentials" in document["grant_types_supported"]


def test_refresh_token_helper_gives_a_working_rotating_token(oidc_server: OidcServer) -> None:
    token = oidc_server.get_refresh_token("good")
    first = oidc_server.refresh(token)
    assert first.status_code == 200
    assert first.json()["refresh_token"] != token
    replay = oidc_server.refresh(token)
    assert (replay.status_code, replay.json()["error"]) == (400, "invalid_grant")


@pytest.mark.parametrize("style", ["basic", "post"])
def test_both_styles_authenticate_on_oidc_provider(oidc_server: OidcServer, style: str) -> None:
    """oidc-provider accepts either style whatever is registered: a bogus code gives invalid_grant."""
    client = oidc_server.clients["good"]
    assert client.client_secret is not None
    data = _bogus_code(oidc_server, "good")
    if style == "basic":
        obs = _post(oidc_server.token_url, data, basic=(client.client_id, client.client_secret))
    else:
        obs = _post(oidc_server.token_url, data | {"client_id": client.client_id,
                                                   "client_secret": client.client_secret})
    assert _error(obs) == (400, "invalid_grant")


def test_wrong_secret_and_unknown_client(oidc_server: OidcServer) -> None:
    data = _bogus_code(oidc_server, "good")
    wrong = _post(oidc_server.token_url, data, basic=(oidc_server.clients["good"].client_id, "wrong-secret"))
    unknown = _post(oidc_server.token_url, data, basic=("no-such-client", "whatever-secret"))
    assert _error(wrong) == (401, "invalid_client")
    assert _error(unknown) == (401, "invalid_client")
    assert wrong.headers["www-authenticate"].startswith("Basic")


def test_odd_characters_need_rfc6749_encoding(oidc_server: OidcServer) -> None:
    client = oidc_server.clients["odd_chars"]
    assert client.client_secret is not None and ":" in client.client_id and "%" in client.client_secret
    data = _bogus_code(oidc_server, "odd_chars")
    assert _error(_post(oidc_server.token_url, data, basic=(client.client_id, client.client_secret))) == (
        400, "invalid_grant")
    naive = base64.b64encode(f"{client.client_id}:{client.client_secret}".encode()).decode()
    control = httpx.post(oidc_server.token_url, data=data, headers={"Authorization": f"Basic {naive}"})
    assert (control.status_code, control.json()["error"]) == (401, "invalid_client")


def test_grant_not_allowed_for_client(oidc_server: OidcServer) -> None:
    client = oidc_server.clients["no_refresh"]
    assert client.client_secret is not None
    data = {"grant_type": "refresh_token", "refresh_token": "bogus-refresh-token"}
    obs = _post(oidc_server.token_url, data, basic=(client.client_id, client.client_secret))
    assert _error(obs) == (400, "invalid_request")
    assert json.loads(obs.body)["error_description"] == "requested grant type is not allowed for this client"


def test_client_credentials_enabled_for_machine_client(oidc_server: OidcServer) -> None:
    response = oidc_server.token_request("machine", {"grant_type": "client_credentials"})
    assert response.status_code == 200 and response.json()["token_type"] == "Bearer"


def test_bogus_trials_leave_the_real_refresh_token_working(oidc_server: OidcServer) -> None:
    """The pattern diagnose's tests use: trials with invalid grant values do not burn the real token."""
    token = oidc_server.get_refresh_token("good")
    client = oidc_server.clients["good"]
    assert client.client_secret is not None
    creds = (client.client_id, client.client_secret)
    assert _error(_post(oidc_server.token_url, _bogus_code(oidc_server, "good"), basic=creds)) == (
        400, "invalid_grant")
    assert _error(_post(oidc_server.token_url, {"grant_type": "refresh_token",
                                                "refresh_token": "bogus-refresh-token"}, basic=creds)) == (
        400, "invalid_grant")
    assert oidc_server.refresh(token).status_code == 200


def test_native_public_client(oidc_server: OidcServer) -> None:
    token = oidc_server.get_refresh_token("native")
    assert oidc_server.refresh(token, "native").status_code == 200


def test_a_malformed_basic_header_at_the_token_endpoint_reads_as_client_authentication(
        oidc_server: OidcServer) -> None:
    # the provider's client authentication raises the text its access-token extraction uses too
    # (re-read 2026-12-07); explain lists the client-authentication reading, not only 'send a Bearer header'
    from oauthdoctor import classify

    data = _bogus_code(oidc_server, "odd_chars")
    answer = httpx.post(oidc_server.token_url, data=data, headers={"Authorization": "Basic not-base64-at-all"})
    body = answer.json()
    assert (answer.status_code, body["error"], body["error_description"]) == (
        400, "invalid_request", "invalid authorization header value format")
    result = classify(answer.status_code, answer.text, provider="oidc-provider")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_request", "ambiguous", "fix_config")
    assert [c.cause for c in result.candidates] == ["client_auth_header_malformed", "access_token_malformed"]
