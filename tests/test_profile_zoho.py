"""The Zoho profile: Zoho's CRM API error bodies and its token endpoint's ``error`` answers are recognised and
answered as the profile states, its data centres' hosts find it, it claims no other provider's body, and its facts
read as Zoho's own SDKs give them.

Bodies follow Zoho's SDKs: API errors in the APIException shape of zohocrm-python-sdk-8.0 (``code``, ``details``,
``message``, ``status: "error"``) with the code and message values its json_details.json lists, and the token
endpoint's refusal as the field the SDK reads when no ``access_token`` comes back (``{"error": ...}``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile, resolve_id

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SDK8 = "https://github.com/zoho/zohocrm-python-sdk-8.0/blob/6ad8183087421fb863fbcfd94482f92b4399651f/"
DATA_CENTRES = ["com", "eu", "in", "com.au", "jp", "com.cn", "sa"]


def api_error(code: str, message: str, details: dict[str, object] | None = None) -> str:
    """A CRM API error in the shape of the SDK's APIException model."""
    return json.dumps({"code": code, "details": details or {}, "message": message, "status": "error"})


INVALID_TOKEN = api_error("INVALID_TOKEN", "invalid oauth token")
SCOPE_MISMATCH = api_error("OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL")
NO_PERMISSION = api_error("NO_PERMISSION", "permission denied", {"permissions": ["Crm_Implied_View_Leads"]})

CASES = [
    # (status, body, class, cause, decision)
    (401, INVALID_TOKEN, "invalid_token", "ambiguous", "retry"),
    (401, "INVALID_TOKEN", "invalid_token", "ambiguous", "retry"),
    (401, SCOPE_MISMATCH, "insufficient_scope", "missing_scope", "fix_config"),
    (403, NO_PERMISSION, "insufficient_scope", "missing_permission", "fix_config"),
    (200, '{"error": "invalid_client"}', "invalid_client", "ambiguous", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), CASES)
def test_zoho_errors(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="zoho", rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision), got.summary
    assert got.provider == "zoho"


def test_invalid_token_lists_expiry_data_centre_and_missing_refresh_token() -> None:
    got = classify(401, INVALID_TOKEN, provider="zoho", rulebook=RuleBook())
    assert got.provider_code == "INVALID_TOKEN"
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("access_token_expired", "retry"), ("wrong_endpoint_host", "fix_config"),
        ("refresh_token_missing", "fix_config")]
    assert any("api_domain" in hint for hint in got.hints)
    assert got.basis == "heuristic"


def test_invalid_client_names_the_data_centre_mix_up() -> None:
    got = classify(200, '{"error": "invalid_client"}', provider="zoho", url="https://accounts.zoho.com/oauth/v2/token",
                   rulebook=RuleBook())
    assert got.normalized_status == 401
    assert [c.cause for c in got.candidates] == ["bad_client_credentials", "wrong_endpoint_host"]
    assert "accounts.zohocloud.ca" in got.candidates[1].hint


def test_scope_mismatch_is_confirmed_by_the_sdk_readme() -> None:
    got = classify(401, SCOPE_MISMATCH, provider="zoho", rulebook=RuleBook())
    assert (got.basis, got.normalized_status) == ("confirmed", 403)
    assert any("ZohoCRM.settings.fields.ALL" in hint for hint in got.hints)


@pytest.mark.parametrize("body", [INVALID_TOKEN, SCOPE_MISMATCH, NO_PERMISSION])
def test_api_error_shape_is_detected_as_zoho(body: str) -> None:
    assert classify(401, body, rulebook=RuleBook()).provider == "zoho"


def test_a_log_line_naming_a_zoho_api_host_is_zoho() -> None:
    line = ('Request failed for https://www.zohoapis.eu returned code 401. Server response: '
            '{"code":"INVALID_TOKEN","message":"invalid oauth token"}')
    got = classify(None, line, rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.decision) == ("zoho", "invalid_token", "retry")


@pytest.mark.parametrize("url", [f"https://accounts.zoho.{dc}/oauth/v2/token" for dc in DATA_CENTRES]
                         + ["https://accounts.zohocloud.ca/oauth/v2/auth", "https://www.zohoapis.com.au/crm/v8/Leads",
                            "https://sandbox.zohoapis.in/crm/v8/Deals", "https://www.zohoapis.ca/crm/v8/Leads"])
def test_zoho_is_detected_from_its_data_centre_hosts(url: str) -> None:
    assert classify(400, '{"message": "something unforeseen"}', url=url, rulebook=RuleBook()).provider == "zoho"


@pytest.mark.parametrize("body", [
    # Twitch Helix says "Invalid OAuth token" with a numeric status; no Zoho code.
    '{"error":"Unauthorized","status":401,"message":"Invalid OAuth token"}',
    # Other services' code/message bodies without Zoho's status 'error'.
    '{"code":"INVALID_TOKEN","message":"Token is invalid"}',
    '{"status":"error","code":401,"message":"Unauthorized"}',
    '{"error":"invalid_client","error_description":"Client authentication failed"}',
])
def test_other_bodies_are_not_claimed(body: str) -> None:
    assert classify(401, body, rulebook=RuleBook()).provider != "zoho"


def test_a_twitch_body_keeps_its_own_answer() -> None:
    body = '{"error":"Unauthorized","status":401,"message":"Invalid OAuth token"}'
    assert classify(401, body, provider="twitch", rulebook=RuleBook()).provider == "twitch"


def test_aliases_resolve() -> None:
    assert resolve_id("zoho-crm") == "zoho"
    assert resolve_id("zoho-accounts") == "zoho"
    assert resolve_id("Zoho") == "zoho"


def test_zoho_profile_facts() -> None:
    profile = get_profile("zoho")
    assert profile.endpoints.authorize.url == "https://accounts.zoho.com/oauth/v2/auth"
    assert profile.endpoints.token.url == "https://accounts.zoho.com/oauth/v2/token"
    assert profile.endpoints.revocation.url == "https://accounts.zoho.com/oauth/v2/token/revoke"
    assert profile.endpoints.token.source.startswith(SDK8)
    assert {f"accounts.zoho.{dc}" for dc in DATA_CENTRES} | {"accounts.zohocloud.ca"} <= set(profile.endpoints.hosts)
    assert profile.client_auth.accepted == ["client_secret_post"]
    assert profile.grants.supported == ["authorization_code", "refresh_token", "implicit"]
    assert (profile.pkce.basis, profile.pkce.required) == ("confirmed", "public_clients")  # re-read 2026-12-07
    assert profile.token_policy.access_token_lifetime.seconds == 3600
    assert profile.token_policy.access_token_lifetime.basis == "confirmed"  # Zoho Accounts' access-token page
    assert (profile.token_policy.rotation.mode, profile.token_policy.rotation.omits_refresh_token) == ("none", True)
    assert profile.redirect.basis == "confirmed"  # exact match against the registered URI (Zoho Accounts' pages)
    assert any("Zoho-oauthtoken" in quirk.text for quirk in profile.quirks)
    assert any("api_domain" in quirk.text and quirk.basis == "confirmed" for quirk in profile.quirks)


def test_every_confirmed_fact_is_pinned_to_zohos_own_source() -> None:
    """Zoho's SDKs at a commit, or Zoho Accounts' own OAuth pages, help articles and Zoho staff announcements on its
    help portal (read through the stored copies)."""
    data = yaml.safe_load((ROOT / "providers" / "zoho.yaml").read_text(encoding="utf-8"))

    def walk(node: object) -> list[dict]:
        if isinstance(node, dict):
            return ([node] if node.get("basis") == "confirmed" else []) + [f for v in node.values() for f in walk(v)]
        if isinstance(node, list):
            return [f for v in node for f in walk(v)]
        return []

    confirmed = walk(data)
    assert confirmed
    for fact in confirmed:
        if fact["source"].startswith(("https://www.zoho.com/accounts/", "https://zoho.com/accounts/",
                                      "https://help.zoho.com/portal/en/kb/accounts/",
                                      "https://help.zoho.com/portal/en/community/topic/announcement-")):
            continue
        assert fact["source"].startswith("https://github.com/zoho/"), fact["source"]
        assert "/blob/" in fact["source"] and len(fact["source"].split("/blob/")[1].split("/")[0]) == 40


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--format", "json", "--status", "401", SCOPE_MISMATCH],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["basis"]) == (
        "zoho", "insufficient_scope", "missing_scope", "fix_config", "confirmed")


def test_explain_cli_with_provider_alias() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "zoho-crm", "--format", "json",
         "--status", "401", "INVALID_TOKEN"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["decision"]) == ("zoho", "invalid_token", "retry")
