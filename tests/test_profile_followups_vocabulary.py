"""Facts the earlier re-reads found but the profile format could not say (round thirty-four, 2026-12-07): WorkOS's
'*' port on loopback callbacks, and Pipedrive's exchange_api_token grant. Each test fails on the previous format.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from profile_probe_support import config_findings

from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.profiles.redirect_schema import RedirectRule, WildcardRule
from oauthdoctor.redirect.engine import compare_with_rule

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 12, 7, tzinfo=UTC)
WORKOS_LOOPBACK = "http://localhost:*/auth/callback"


def _workos(registered: str, sent: str):  # type: ignore[no-untyped-def]
    return compare_with_rule([registered], sent, get_profile("workos").redirect, provider="workos")


def test_workos_loopback_callback_with_a_star_port_takes_any_port() -> None:
    # was: ':*' compared literally, so every sent port was a difference; WorkOS's Redirect URIs guide (Wildcard
    # characters) allows '*' in place of the port for localhost and loopback IPs, after RFC 8252 §7.3
    result = _workos(WORKOS_LOOPBACK, "http://localhost:53682/auth/callback")
    assert result.accepted and [(d.kind, d.registered, d.sent, d.tolerated) for d in result.differences] == [
        ("port", "*", "53682", True)]
    assert result.warnings == []  # RFC 8252's loopback port freedom is not a risky wildcard registration


def test_workos_star_port_does_not_stretch_to_path_host_or_a_public_host() -> None:
    assert not _workos(WORKOS_LOOPBACK, "http://localhost:3000/other").accepted
    assert [d.kind for d in _workos(WORKOS_LOOPBACK, "http://127.0.0.1:3000/auth/callback").differences] == [
        "loopback_alias", "port"]
    public = _workos("https://app.example.com:*/auth/callback", "https://app.example.com:8443/auth/callback")
    assert not public.accepted
    assert [(d.kind, d.explanation) for d in public.differences] == [
        ("wildcard", "'*' stands for the port only on a loopback host on this server, and 'app.example.com' is not "
                     "one.")]


def test_a_rule_without_the_switch_still_compares_the_star_port_literally() -> None:
    plain = compare_with_rule([WORKOS_LOOPBACK], "http://localhost:3000/auth/callback",
                              RedirectRule(loopback=get_profile("workos").redirect.loopback,
                                           wildcard=WildcardRule(style="host_label")))
    assert not plain.accepted and [d.kind for d in plain.differences] == ["port"]


def test_diff_redirect_cli_accepts_the_workos_loopback_port() -> None:
    run = subprocess.run([sys.executable, "-m", "oauthdoctor", "diff-redirect", "--provider", "workos",
                          WORKOS_LOOPBACK, "http://localhost:8765/auth/callback"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.startswith("ACCEPTED")


def test_pipedrive_exchange_api_token_is_a_supported_grant() -> None:
    # was: "Pipedrive does not support the exchange_api_token grant"; Pipedrive's OAuth status-code table names
    # exchange_api_token among the grant_type values /oauth/token takes
    assert "exchange_api_token" in get_profile("pipedrive").grants.supported
    assert config_findings("pipedrive", NOW, grant_type="exchange_api_token") == []
    assert config_findings("pipedrive", NOW, grant_type="client_credentials") == [
        "Pipedrive does not support the client_credentials grant"]


def test_explain_takes_provider_specific_grant_names() -> None:
    # was: a usage error ("--grant-type ... is not a grant type") for Pipedrive's and Zoom's own grants
    for grant in ("exchange_api_token", "account_credentials"):
        run = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "pipedrive",
                              "--grant-type", grant, "--format", "json",
                              '{"error":"invalid_grant","error_description":"Invalid grant: api_token is invalid"}'],
                             capture_output=True, text=True, cwd=ROOT)
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout)["cause"] == "api_key_invalid"
