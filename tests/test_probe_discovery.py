"""``discovery`` judge: the document's statements against the configuration."""

from __future__ import annotations

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Status
from oauthdoctor.probes import discovery
from oauthdoctor.probes.discovery import DiscoveryObservation
from oauthdoctor.probing.contract import ProbeContext, Skipped

DOC = {
    "issuer": "https://idp.test",
    "token_endpoint": "https://idp.test/token",
    "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    "grant_types_supported": ["authorization_code", "refresh_token"],
    "code_challenge_methods_supported": ["S256"],
}
BASE = {"issuer": "https://idp.test", "client_id": "a", "client_secret": "s"}


def judge(values: dict[str, str], doc: dict | None = DOC, status: int = 200):
    obs = DiscoveryObservation("https://idp.test/.well-known/openid-configuration", "config", status, doc)
    return discovery.judge(ProbeContext(config=ResolvedConfig(values), profile=None), obs)


def test_agreement_passes() -> None:
    (f,) = judge(BASE)
    assert f.status is Status.PASS and f.evidence["token_endpoint"] == "https://idp.test/token"


def test_each_disagreement_is_a_finding() -> None:
    values = {
        **BASE,
        "issuer": "https://idp.test/",
        "token_url": "https://idp.test/oauth/token",
        "auth_method": "none",
        "grant_type": "device_code",
    }
    findings = judge(values, {**DOC, "code_challenge_methods_supported": ["plain"]})
    assert [(f.status, f.key) for f in findings] == [
        (Status.FAIL, "OAUTH_ISSUER"),
        (Status.WARN, "OAUTH_TOKEN_URL"),
        (Status.FAIL, "OAUTH_AUTH_METHOD"),
        (Status.FAIL, "OAUTH_GRANT_TYPE"),
        (Status.WARN, "OAUTH_GRANT_TYPE"),
    ]


def test_missing_document() -> None:
    (f,) = judge(BASE, None, 404)
    assert f.status is Status.FAIL and "HTTP 404" in f.title


def test_fetch_failure_and_skip() -> None:
    obs = DiscoveryObservation(
        "https://idp.test/x", "config", failure_kind="timeout", failure_message="timed out"
    )
    (f,) = discovery.judge(ProbeContext(config=ResolvedConfig(BASE), profile=None), obs)
    assert f.status is Status.ERROR
    (f,) = discovery.judge(
        ProbeContext(config=ResolvedConfig(BASE), profile=None), Skipped("no discovery document")
    )
    assert f.status is Status.SKIP
