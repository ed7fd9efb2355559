"""The DocuSign profile: DocuSign's JWT-grant and token errors map to the class, cause and decision the profile
states, DocuSign's SDK wrappers and OAuth hosts are recognised without ``--provider``, the profile claims no other
provider's body, and the facts a verdict rests on read as DocuSign's own SDKs and launchers give them.

Bodies are built from DocuSign's sources: ``no_valid_keys_or_signatures`` under ``invalid_grant`` is what
docusign-esign-csharp-client's JwtInvalidGrantTest expects for a wrong key, ``{"error":"consent_required"}``
what the launchers (code-examples-node/python) test for, and the wrappers are the SDKs' ApiException texts
(Python ``api_client.py``, C# ``DocuSignClient.cs``, PHP ``ApiClient.php``). ``issuer_not_found`` and
``user_not_found`` are in no DocuSign source read; their rules are heuristic and the tests say so.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile, resolve_id
from oauthdoctor.redirect import compare

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
DEMO_TOKEN_URL = "https://account-d.docusign.com/oauth/token"
PROD_TOKEN_URL = "https://account.docusign.com/oauth/token"


def oauth_error(error: str, description: str | None = None) -> str:
    body = {"error": error}
    if description is not None:
        body["error_description"] = description
    return json.dumps(body, separators=(",", ":"))


def python_sdk(status: int, body: str) -> str:
    """docusign-esign-python-client's ApiException reason for a refused JWT request (api_client.py L680-L681)."""
    return f"Error while requesting server, received a non successful HTTP code {status} with response Body: b'{body}'"


def csharp_sdk(body: str) -> str:
    """docusign-esign-csharp-client's ApiException message (DocuSignClient.cs L1229)."""
    return f"Error while requesting server, received a non successful HTTP code with response Body: {body}"


def php_sdk(status: int, body: str) -> str:
    """docusign-esign-php-client's ApiException message (src/Client/ApiClient.php L345)."""
    return f"Error while requesting server, received a non successful HTTP code [{status}] with response Body:  {body}"


NO_KEYS = oauth_error("invalid_grant", "no_valid_keys_or_signatures")
CONSENT = oauth_error("consent_required")
ISSUER = oauth_error("invalid_grant", "issuer_not_found")
USER = oauth_error("invalid_grant", "user_not_found")

CASES = [
    # (status, body, class, cause, decision, basis)
    (400, CONSENT, "interaction_required", "jwt_consent_required", "reauth", "confirmed"),
    (400, csharp_sdk(CONSENT), "interaction_required", "jwt_consent_required", "reauth", "confirmed"),
    (400, python_sdk(400, CONSENT), "interaction_required", "jwt_consent_required", "reauth", "confirmed"),
    (400, NO_KEYS, "invalid_grant", "jwt_signing_key_mismatch", "fix_config", "confirmed"),
    (400, php_sdk(400, NO_KEYS), "invalid_grant", "jwt_signing_key_mismatch", "fix_config", "confirmed"),
    (400, ISSUER, "invalid_grant", "integration_key_unknown_at_host", "fix_config", "heuristic"),
    (400, python_sdk(400, ISSUER), "invalid_grant", "integration_key_unknown_at_host", "fix_config", "heuristic"),
    (400, USER, "invalid_grant", "impersonated_user_unknown_at_host", "fix_config", "heuristic"),
    (400, csharp_sdk(USER), "invalid_grant", "impersonated_user_unknown_at_host", "fix_config", "heuristic"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision", "basis"), CASES)
def test_docusign_error_bodies(status: int, body: str, cls: str, cause: str, decision: str, basis: str) -> None:
    got = classify(status, body, provider="docusign", url=DEMO_TOKEN_URL, rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision), got.summary
    assert got.provider == "docusign"
    assert got.basis == basis
    assert got.confidence == ("high" if basis == "confirmed" else "medium")


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision", "basis"),
                         [case for case in CASES if case[1] != CONSENT])
def test_docusign_bodies_are_detected_without_provider(status: int, body: str, cls: str, cause: str,
                                                       decision: str, basis: str) -> None:
    # DocuSign's own descriptions next to invalid_grant, or an SDK's wrapper, name the provider.
    got = classify(status, body, rulebook=RuleBook())
    assert got.provider == "docusign"
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)


def test_a_bare_consent_required_is_not_claimed_but_answers_the_same() -> None:
    # consent_required is OIDC's code (many servers send it): no detection, the generic answer agrees.
    got = classify(400, CONSENT, rulebook=RuleBook())
    assert got.provider is None
    assert (got.failure_class, got.decision) == ("interaction_required", "reauth")


def test_consent_hint_names_the_consent_url() -> None:
    got = classify(400, CONSENT, provider="docusign", rulebook=RuleBook())
    joined = " ".join(got.hints)
    assert "/oauth/auth?response_type=code&scope=signature%20impersonation" in joined
    assert "account-d.docusign.com" in joined


def test_bare_invalid_grant_keeps_the_generic_answer() -> None:
    # No DocuSign rule reads the error value alone: the generic answer (reauth, candidates) stands.
    got = classify(400, oauth_error("invalid_grant"), provider="docusign", rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == ("invalid_grant", "ambiguous", "reauth")
    assert got.basis is None


@pytest.mark.parametrize("url", [DEMO_TOKEN_URL, PROD_TOKEN_URL, "https://account-d.docusign.com/oauth/auth",
                                 "https://account-s.docusign.com/oauth/token"])
def test_docusign_is_detected_from_its_hosts(url: str) -> None:
    got = classify(400, '{"error":"invalid_grant"}', url=url, rulebook=RuleBook())
    assert got.provider == "docusign"


@pytest.mark.parametrize("body", [
    # Supabase Auth's own user_not_found (error_code), not next to invalid_grant.
    '{"code":404,"error_code":"user_not_found","msg":"User not found"}',
    # RFC bodies from other servers.
    '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}',
    '{"error":"invalid_client","error_description":"Client authentication failed."}',
    # A JWT bearer failure worded by another server.
    '{"error":"invalid_grant","error_description":"Invalid JWT Signature."}',
])
def test_other_bodies_are_not_claimed(body: str) -> None:
    assert classify(400, body, rulebook=RuleBook()).provider != "docusign"


def test_another_servers_invalid_grant_under_docusign_keeps_its_words() -> None:
    # A description the DocuSign rules do not know falls to the generic layers (here: an expired JWT's exp).
    got = classify(400, oauth_error("invalid_grant", "JWT has expired (exp claim is in the past)"),
                   provider="docusign", rulebook=RuleBook())
    assert (got.failure_class, got.decision) == ("invalid_grant", "fix_config")


def test_aliases_resolve() -> None:
    assert resolve_id("docusign-esign") == "docusign"
    assert resolve_id("DocuSign") == "docusign"


def test_docusign_profile_facts() -> None:
    profile = get_profile("docusign")
    assert profile.endpoints.authorize.url == "https://account.docusign.com/oauth/auth"
    assert profile.endpoints.token.url == PROD_TOKEN_URL
    assert "account-d.docusign.com" in profile.endpoints.hosts
    # a public Authorization Code Grant uses PKCE instead of a secret (re-read 2026-12-07)
    assert profile.client_auth.accepted == ["client_secret_basic", "none"]
    assert "jwt_bearer" in profile.grants.supported
    assert (profile.pkce.required, profile.pkce.methods) == ("public_clients", ["S256"])
    policy = profile.token_policy
    assert policy.access_token_lifetime.seconds == 8 * 3600 and policy.access_token_lifetime.basis == "confirmed"
    assert policy.refresh_token_lifetime.seconds == 30 * 86400
    assert policy.refresh_token_lifetime.source.startswith(
        "https://github.com/docusign/code-examples-node/blob/8b0ee71cc6ebd73462eae40b88c7115ea419b94a/")
    assert profile.redirect.basis == "unconfirmed"


@pytest.mark.parametrize(("registered", "sent", "accepted"), [
    ("https://app.example.com/ds/callback", "https://app.example.com/ds/callback", True),
    ("https://app.example.com/ds/callback", "https://app.example.com/ds/callback/", False),
    ("http://localhost:3000/ds/callback", "http://localhost:8080/ds/callback", False),
])
def test_redirect_rule_is_the_strict_reading(registered: str, sent: str, accepted: bool) -> None:
    assert compare([registered], sent, provider="docusign").accepted is accepted


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "docusign", "--format", "json",
         "--status", "400", NO_KEYS],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["basis"]) == (
        "docusign", "invalid_grant", "jwt_signing_key_mismatch", "fix_config", "confirmed")
