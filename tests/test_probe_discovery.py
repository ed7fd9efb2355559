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


def _ctx(values: dict[str, str], prior: dict | None = None) -> ProbeContext:
    return ProbeContext(config=ResolvedConfig(values), profile=None, prior=prior or {})


def test_absent_lists_are_not_a_no() -> None:
    doc = {k: v for k, v in DOC.items() if k not in ("grant_types_supported", "token_endpoint_auth_methods_supported")}
    (f,) = judge({**BASE, "auth_method": "none", "grant_type": "client_credentials"}, doc)
    assert f.status is Status.PASS
    assert f.evidence["grant_types"] == "not listed" and f.evidence["auth_methods"] == "not listed"


def test_what_the_token_endpoint_did_overrides_the_lists() -> None:
    from oauthdoctor.model import Finding, Severity

    accepted = Finding("client_auth", Status.PASS, Severity.INFO, "the public client is accepted without a secret",
                       evidence={"observed": "x", "matrix": {"none": {"outcome": "authenticated"}}})
    allowed = Finding("grant_types", Status.PASS, Severity.INFO, "ok",
                      evidence={"observed": "x", "grants": {"device_code": {"outcome": "allowed"}}})
    values = {**BASE, "auth_method": "none", "grant_type": "device_code"}
    obs = DiscoveryObservation("https://idp.test/.well-known/openid-configuration", "config", 200, DOC)
    (f,) = discovery.judge(_ctx(values, {"client_auth": (accepted,), "grant_types": (allowed,)}), obs)
    assert f.status is Status.PASS and len(f.evidence["observed_over_metadata"]) == 2
    failed = discovery.judge(_ctx(values), obs)  # nothing observed: the metadata decides
    assert [x.key for x in failed] == ["OAUTH_AUTH_METHOD", "OAUTH_GRANT_TYPE"]


def test_why_a_document_is_needed() -> None:
    assert discovery.needed_because(_ctx({"issuer": "https://idp.test"})) == (
        "the token endpoint must come from it (no OAUTH_TOKEN_URL)"
    )
    with_token = {"issuer": "https://idp.test", "token_url": "https://idp.test/token"}
    assert discovery.needed_because(_ctx(with_token)) is None
    assert "openid" in (discovery.needed_because(_ctx({**with_token, "scopes": "openid email"})) or "")
