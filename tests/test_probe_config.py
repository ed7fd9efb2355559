"""``config`` judge: each problem is its own finding and names the key (and the key that supplied it)."""

from __future__ import annotations

import pytest

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Decision, Status
from oauthdoctor.probes import config
from oauthdoctor.probing.contract import ProbeContext
from oauthdoctor.profiles.model import ClientIdFormat, CustomDomains, Endpoint, Endpoints, Placeholder, Profile

ENTRA = Profile(
    id="entra",
    name="Microsoft Entra ID",
    endpoints=Endpoints(
        token=Endpoint(url="https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"),
        hosts=["login.microsoftonline.com"],
        placeholders={
            "tenant": Placeholder(
                required=True, description="Directory (tenant) ID", example="contoso.onmicrosoft.com"
            )
        },
    ),
)
GOOGLE = Profile(
    id="google",
    name="Google",
    endpoints=Endpoints(
        token=Endpoint(url="https://oauth2.googleapis.com/token"),
        hosts=["oauth2.googleapis.com", "accounts.google.com"],
    ),
    client_id=ClientIdFormat(pattern=r"^[0-9]+-[0-9a-z]+\.apps\.googleusercontent\.com$"),
)
GOOD = {
    "client_id": "123-abc.apps.googleusercontent.com",
    "client_secret": "s3cret-value-123",
    "redirect_uri": "https://app.example.com/cb",
}


def judge(values: dict[str, str], profile: Profile | None = GOOGLE, sources: dict[str, str] | None = None):
    return config.judge(ProbeContext(config=ResolvedConfig(values, sources or {}), profile=profile), None)


def test_clean_configuration_passes() -> None:
    findings = judge(GOOD)
    assert [(f.status, f.title) for f in findings] == [(Status.PASS, "required values present and clean")]


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("s3cret-value-123\n", "a trailing newline"),
        ("s3cret-value-123 ", "trailing whitespace"),
        (" s3cret-value-123", "leading whitespace"),
        ('"s3cret-value-123"', "surrounding quotes"),
        ("s3cret-value-123'", "an unbalanced single quote"),
        ("s3cret\u200bvalue-123", "an invisible character (U+200B zero width space)"),
        ("s3cret\u2019value-123", "a typographic quote (U+2019 right single quotation mark)"),
        ("s3cret-value-123\\n", "a literal \\n or \\r"),
        ("s3cret\nvalue-123", "a line break inside the value"),
    ],
)
def test_stray_characters_in_the_secret(raw: str, problem: str) -> None:
    findings = judge({**GOOD, "client_secret": raw}, sources={"client_secret": "GOOGLE_SECRET (.env)"})
    (finding,) = findings
    assert finding.status is Status.FAIL and finding.decision is Decision.FIX_CONFIG
    assert problem in finding.title and finding.key == "OAUTH_CLIENT_SECRET"
    assert finding.evidence["supplied_by"] == "GOOGLE_SECRET (.env)"
    assert "s3cret" not in repr(finding.evidence)  # the secret is shown as a fingerprint only


def test_missing_values() -> None:
    titles = {f.title: f.status for f in judge({})}
    assert titles == {
        "no client id configured": Status.FAIL,
        "no client secret configured": Status.FAIL,
        "no redirect URI configured: the redirect check cannot run": Status.WARN,
    }


def test_public_client_needs_no_secret() -> None:
    values = {k: v for k, v in GOOD.items() if k != "client_secret"}
    assert judge({**values, "auth_method": "none"})[0].status is Status.PASS


def test_unresolved_placeholder_names_the_key() -> None:
    (finding,) = judge({**GOOD, "client_id": "11111111-2222-3333-4444-555555555555"}, ENTRA)
    assert finding.status is Status.FAIL
    assert finding.title == "token URL placeholder not resolved: set OAUTH_TENANT"
    assert "contoso.onmicrosoft.com" in (finding.hint or "")


def test_placeholder_filled_from_settings_passes() -> None:
    values = {
        **GOOD,
        "client_id": "11111111-2222-3333-4444-555555555555",
        "tenant": "contoso.onmicrosoft.com",
    }
    assert judge(values, ENTRA)[0].status is Status.PASS


def test_token_host_not_the_providers() -> None:
    # Since #19 a token host that is not the provider's is a fail: the trials refuse to send the secret there.
    (finding,) = judge({**GOOD, "token_url": "https://login.microsoftonline.com/common/oauth2/v2.0/token"})
    assert finding.status is Status.FAIL and finding.decision is Decision.FIX_CONFIG
    assert "credentials are not sent there" in finding.title
    assert finding.evidence["actual"] == "login.microsoftonline.com"


AUTH0 = Profile(
    id="auth0",
    name="Auth0",
    endpoints=Endpoints(token=Endpoint(url="https://{domain}/oauth/token"), hosts=["*.auth0.com"],
                        custom_domains=CustomDomains(supported=True)),
)


@pytest.mark.parametrize(("token_url", "status"), [
    ("https://login.example.com/oauth/token", Status.PASS),  # may be the tenant's custom domain
    ("https://acme.eu.auth0.com/oauth/token", Status.PASS),
    ("https://oauth2.googleapis.com/token", Status.FAIL),  # a host of another bundled profile: never sent there
])
def test_custom_domain_provider_only_flags_another_providers_host(token_url: str, status: Status) -> None:
    values = {"client_id": "AbCdEfGhIjKlMnOpQrStUvWxYz012345", "client_secret": "s3cret-value-123",
              "redirect_uri": "https://app.example.com/cb", "token_url": token_url}
    findings = judge(values, AUTH0)
    assert [f.status for f in findings] == [status], [f.title for f in findings]


def test_client_id_format_and_bad_auth_method() -> None:
    findings = judge({**GOOD, "client_id": "not-a-google-id", "auth_method": "client_secret_jwtt"})
    assert sorted((f.status, f.key) for f in findings) == [
        (Status.FAIL, "OAUTH_AUTH_METHOD"),
        (Status.WARN, "OAUTH_CLIENT_ID"),
    ]


def test_unparsable_token_state() -> None:
    (finding,) = judge({**GOOD, "refresh_token_issued_at": "last tuesday"})
    assert finding.status is Status.WARN and finding.key == "OAUTH_REFRESH_TOKEN_ISSUED_AT"


def test_no_token_endpoint_at_all() -> None:
    findings = judge(GOOD, profile=None)
    assert [f.title for f in findings] == [
        "no token endpoint: set OAUTH_TOKEN_URL, OAUTH_ISSUER or --provider"
    ]
