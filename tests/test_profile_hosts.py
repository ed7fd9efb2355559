"""One host matcher for check-env, diagnose and provider detection."""

from __future__ import annotations

import pytest

from oauthdoctor.profiles.hosts import host_matches, host_verdict


@pytest.mark.parametrize(("host", "patterns", "expected"), [
    ("dev-1.okta.com", ["*.okta.com"], True),
    ("okta.com", ["*.okta.com"], False),  # '*.' is a subdomain, not the bare domain
    ("evil-okta.com", ["*.okta.com"], False),
    ("DEV-1.Okta.COM.", ["*.okta.com"], True),  # case and a trailing dot do not matter
    ("acme.myshopify.com", ["{shop}.myshopify.com"], True),
    ("a.b.myshopify.com", ["{shop}.myshopify.com"], False),  # a placeholder is one label
    ("accounts.google.com.evil.example", ["accounts.google.com"], False),
    ("oauth2.googleapis.com", ["accounts.google.com", "oauth2.googleapis.com"], True),
])
def test_host_matches(host: str, patterns: list[str], expected: bool) -> None:
    assert host_matches(host, patterns) is expected


def test_verdicts() -> None:
    assert host_verdict("a.auth0.com", ["*.auth0.com"], True, None, "auth0") == "own"
    assert host_verdict("login.example.com", ["*.auth0.com"], True, None, "auth0") == "custom_domain"
    assert host_verdict("oauth2.googleapis.com", ["*.auth0.com"], True, "google", "auth0") == "foreign"
    assert host_verdict("login.example.com", ["oauth2.googleapis.com"], False, None, "google") == "foreign"
