"""One fixed document per document kind, for the renderer snapshots and the layout-property tests.

Built by hand (not by running a command) so that a snapshot changes only when a view changes, not when a
probe, a rule or a bundled profile does. Each sample carries what makes a view hard: ids as long as the
longest real ones, URIs of 40 to 110 characters, a method matrix, multi-line values and one 1 MB value.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from oauthdoctor.classifier.result import CauseCandidate, Explanation
from oauthdoctor.model import Decision, Finding, Location, Report, RuleMeta, Severity, Status
from oauthdoctor.profiles.loader import load_file
from oauthdoctor.profiles.summary import summarize

FIXTURES = Path(__file__).parent / "fixtures" / "render"
SECRET = "CANARY-sample-secret-0123456789"
HUGE = "token rejected " * 69_906  # 1,048,590 characters
SENT = "https://app.example.com/auth/google/callback/"
REGISTERED = "https://app.example.com/auth/google/callback"
LONG_URI = ("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=abc"
            "&response_type=code")  # 110 characters: wider than 100 columns, folded only there


def diagnose_report() -> Report:
    """A failing Google diagnosis: two failures, a linked last error, a matrix, long and huge values."""
    findings = (
        Finding("config", Status.PASS, Severity.ERROR, "required values present and clean",
                evidence={"client_id_from": "OAUTH_CLIENT_ID (examples/google-testing.env)"}),
        Finding("redirect_uri", Status.FAIL, Severity.ERROR,
                "the redirect URI is not registered: only the sent URI ends with a trailing slash",
                decision=Decision.FIX_CONFIG, failure_class="redirect_uri_mismatch",
                evidence={"expected": REGISTERED, "actual": SENT, "registered": [REGISTERED, LONG_URI],
                          "rule": "exact+desktop-loopback"},
                hint=f"Send exactly {REGISTERED}, or register exactly {SENT}"),
        Finding("transport", Status.PASS, Severity.ERROR, "the token endpoint answered over https",
                evidence={"url": "https://oauth2.googleapis.com/token"}),
        Finding("discovery", Status.SKIP, Severity.WARNING, "skipped: --offline"),
        Finding("client_auth", Status.WARN, Severity.WARNING,
                "the client authenticates only with client_secret_post, not with the configured basic",
                decision=Decision.FIX_CONFIG,
                evidence={"configured_method": "client_secret_basic", "matrix": {
                    "client_secret_basic": {"outcome": "rejected", "status": 401, "error": "invalid_client"},
                    "client_secret_post": {"outcome": "accepted", "status": 400, "error": "invalid_grant"}}},
                hint="Set OAUTH_AUTH_METHOD=client_secret_post."),
        Finding("grant_types", Status.ERROR, Severity.WARNING,
                "could not tell: the token endpoint timed out after 5 s",
                evidence={"token_url": "https://oauth2.googleapis.com/token"}),
        Finding("token_policy", Status.FAIL, Severity.ERROR,
                "the refresh token is 17 days old; Google expires refresh tokens after 7 days while the app "
                "is in Testing", decision=Decision.FIX_CONFIG,
                evidence={"expected": "younger than 7 days (app in Testing)", "actual": "17 days old",
                          "source": "https://developers.google.com/identity/protocols/oauth2#expiration"},
                hint="Publish the app (move it to Production), then have the user authorise again."),
        Finding("last_error", Status.FAIL, Severity.ERROR,
                "last error invalid_grant is explained by token_policy", decision=Decision.FIX_CONFIG,
                failure_class="invalid_grant",
                evidence={"error": "invalid_grant", "error_description": HUGE, "status": 400,
                          "explained_by": "token_policy",
                          "candidates": ["testing_mode_7_day_expiry", "refresh_token_unused_6_months"]},
                hint="Publish the app (move it to Production), then have the user authorise again."),
    )
    return Report(
        command="diagnose", findings=findings, rules=(), provider="google", environment="production",
        decision=Decision.FIX_CONFIG,
        root_cause="the refresh token is 17 days old; Google expires refresh tokens after 7 days while the app "
                   "is in Testing (token_policy; explains the last error invalid_grant). Publish the app (move "
                   "it to Production), then have the user authorise again.",
        inputs={"provider": "google", "token_endpoint": "https://oauth2.googleapis.com/token",
                "token_endpoint_from": "profile", "client_secret": "CAN…(31 chars)", "redirect_uri": SENT,
                "sources": {"provider": "OAUTH_PROVIDER (examples/google-testing.env)",
                            "client_secret": "OAUTH_CLIENT_SECRET (examples/google-testing.env)",
                            "redirect_uri": "OAUTH_REDIRECT_URI (examples/google-testing.env)"}},
        secrets=frozenset({SECRET}),
    )


def check_env_report() -> Report:
    """Two files with findings (one rule id as long as the longest real one) and one clean file."""
    rules = (RuleMeta("redirect-loopback-in-production", "Loopback redirect URI in production",
                      "Does production redirect to a real host?", Severity.ERROR, "https://example.test/rules"),
             RuleMeta("value-whitespace", "Value with surrounding whitespace", "Is the value bare?",
                      Severity.WARNING))
    findings = (
        Finding("redirect-loopback-in-production", Status.FAIL, Severity.ERROR,
                f"OAUTH_REDIRECT_URI points at loopback in production: {LONG_URI}",
                location=Location("deploy/.env.production", 4, 20), key="OAUTH_REDIRECT_URI",
                fix="Register and send the production host's callback URL."),
        Finding("value-whitespace", Status.WARN, Severity.WARNING,
                "OAUTH_CLIENT_SECRET has trailing whitespace; python-dotenv drops it but docker --env-file keeps "
                "it", location=Location("deploy/.env.production", 7, 44), key="OAUTH_CLIENT_SECRET",
                fix="Delete the spaces after the value."),
        Finding("value-whitespace", Status.WARN, Severity.WARNING, "OAUTH_SCOPES has whitespace after '='",
                location=Location(".env.staging", 12, 14), key="OAUTH_SCOPES"),
    )
    return Report(command="check-env", findings=findings, rules=rules,
                  files=("deploy/.env.production", ".env.staging", ".env.development"),
                  secrets=frozenset({SECRET}))


def explanation() -> Explanation:
    """An ambiguous invalid_grant with candidates, several hints and a 1 MB description."""
    return Explanation(
        failure_class="invalid_grant", cause="ambiguous", decision="reauth", provider="google", status=400,
        normalized_status=400, error="invalid_grant", error_description=HUGE, provider_code=None,
        summary="Google refused the refresh token (expired or revoked); the body does not say which of "
                "several causes.",
        hints=("If testing mode 7 day expiry: publish the Google app (In production), then have users sign in "
               "again", "Never retry this grant: send the user through authorization again."),
        references=("https://developers.google.com/identity/protocols/oauth2#expiration", LONG_URI),
        candidates=(CauseCandidate("testing_mode_7_day_expiry", "the consent screen is in Testing and the "
                                   "token is about 7 days old", decision="fix_config"),
                    CauseCandidate("refresh_token_unused_6_months", "the token was not used for 6 months",
                                   decision="reauth")),
    )


def profile() -> Any:
    """The snapshot profile (tests/fixtures/render/snapshot-provider.yaml) with a fixed file name."""
    loaded = load_file(FIXTURES / "snapshot-provider.yaml")
    return dataclasses.replace(loaded, path="providers/snapshot-provider.yaml")


def documents() -> dict[str, Any]:
    """Document kind → sample document, for every kind that has a snapshot."""
    return {
        "diagnose": diagnose_report(),
        "check-env": check_env_report(),
        "explain": explanation(),
        "check-env-rules": check_env_report().rules,
        "providers-list": [summarize(profile())],
        "providers-show": profile(),
        "providers-audit": [profile()],
    }
