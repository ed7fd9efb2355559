"""The X (Twitter) and Meta (Facebook Login, Graph API) profiles: each error family maps to the class, cause and
decision the profiles state, a body of either shape is recognised without ``--provider``, neither profile claims
another provider's corpus body, and the profile facts a verdict rests on read as documented.

Bodies are written here in the shapes X and Meta document (X's v1.1 ``errors`` list and v2 problem objects, the
OAuth 2.0 token endpoint's ``error``/``error_description``; Meta's ``error`` object with ``code``,
``error_subcode`` and ``fbtrace_id``), not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.profiles.loader import get_profile, resolve_id
from oauthdoctor.redirect import compare

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def x_v11(code: int, message: str) -> str:
    return json.dumps({"errors": [{"code": code, "message": message}]})


def x_problem(kind: str, title: str, detail: str, **extra: Any) -> str:
    return json.dumps({"title": title, "detail": detail, "type": f"https://api.x.com/2/problems/{kind}", **extra})


def graph(code: int, message: str, subcode: int | None = None, trace: bool = True) -> str:
    error: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    if trace:
        error["fbtrace_id"] = "Qx7TestTrace01"
    return json.dumps({"error": error})


X_CASES = [
    # (status, body, class, cause, decision)
    # v1.1 authentication codes: OAuth 1.0a and app-only tokens cannot be refreshed, so configuration comes first.
    (401, x_v11(32, "Could not authenticate you."), "invalid_client", "ambiguous", "fix_config"),
    (401, x_v11(135, "Timestamp out of bounds."), "invalid_token", "clock_skew", "fix_config"),
    (400, x_v11(215, "Bad Authentication data."), "invalid_token", "ambiguous", "fix_config"),
    (401, x_v11(89, "Invalid or expired token."), "invalid_token", "ambiguous", "fix_config"),
    (403, x_v11(99, "Unable to verify your credentials"), "invalid_client", "ambiguous", "fix_config"),
    (403, x_v11(220, "Your credentials do not allow access to this resource"), "invalid_token",
     "wrong_auth_type_for_endpoint", "fix_config"),
    (403, x_v11(87, "Client is not permitted to perform this action."), "unauthorized_client",
     "client_not_authorized", "fix_config"),
    (403, x_v11(261, "Your App cannot perform write actions."), "unauthorized_client", "ambiguous", "fix_config"),
    (403, x_v11(415, "Callback URL not approved for this client application."), "redirect_uri_mismatch",
     "redirect_uri_not_registered", "fix_config"),
    (401, x_v11(416, "Invalid / suspended App."), "invalid_client", "app_suspended", "fix_config"),
    # The user's account: locked (the user logs in at x.com) or suspended (nothing the app's user can redo).
    (403, x_v11(326, "To protect our users from spam and other malicious activity, this account is temporarily "
                     "locked."), "access_denied", "account_locked", "reauth"),
    (403, x_v11(64, "Your account is suspended and is not permitted to access this feature."), "access_denied",
     "account_disabled", "fix_config"),
    # Transient: rate limit, capacity, internal error.
    (429, x_v11(88, "Rate limit exceeded."), "rate_limited", "rate_limit_exceeded", "retry"),
    (503, x_v11(130, "Over capacity."), "temporarily_unavailable", "idp_transient_outage", "retry"),
    (500, x_v11(131, "Internal error."), "server_error", "idp_server_error", "retry"),
    # v2 problems.
    (403, x_problem("client-forbidden", "Client Forbidden", "This request must be made from an enrolled app.",
                    reason="client-not-enrolled"), "unauthorized_client", "plan_or_project_lacks_access",
     "fix_config"),
    (403, x_problem("unsupported-authentication", "Unsupported Authentication",
                    "Application-only authentication is not allowed on this endpoint."),
     "invalid_token", "wrong_auth_type_for_endpoint", "fix_config"),
    (429, x_problem("usage-capped", "Usage Capped", "The monthly cap of this product is spent."),
     "rate_limited", "usage_cap_exceeded", "fix_config"),
    (429, x_problem("rate-limit-exceeded", "Too Many Requests", "Slow down."), "rate_limited",
     "rate_limit_exceeded", "retry"),
    (401, json.dumps({"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}),
     "invalid_token", "ambiguous", "retry"),
    # OAuth 2.0 token endpoint: a confidential client without HTTP Basic.
    (401, json.dumps({"error": "unauthorized_client", "error_description": "Missing valid authorization header"}),
     "invalid_client", "ambiguous", "fix_config"),
]

META_CASES = [
    # code 190 / 102 and the authentication subcodes: no refresh tokens, so a dead token means a new login.
    (400, graph(190, "Error validating access token: the token is no longer valid."), "invalid_token", "ambiguous",
     "reauth"),
    (400, graph(190, "Error validating access token: Session has expired on Friday.", 463), "invalid_token",
     "session_expired", "reauth"),
    (400, graph(190, "Error validating access token: the app is not installed.", 458), "invalid_token",
     "app_not_installed", "reauth"),
    (400, graph(190, "Error validating access token: the password was changed.", 460), "invalid_token",
     "password_changed", "reauth"),
    (400, graph(190, "Error validating access token: the user logged out.", 467), "invalid_token", "token_revoked",
     "reauth"),
    (400, graph(102, "Session key invalid."), "invalid_token", "ambiguous", "reauth"),
    # The person must act on facebook.com first.
    (400, graph(190, "Error validating access token: checkpoint.", 459), "access_denied", "account_checkpointed",
     "reauth"),
    (400, graph(190, "Error validating access token: unconfirmed.", 464), "access_denied", "account_unconfirmed",
     "reauth"),
    # Permissions.
    (403, graph(10, "(#10) This app lacks the permission for this action."), "insufficient_scope",
     "missing_permission", "fix_config"),
    (403, graph(200, "(#200) This call needs a permission the user did not grant."), "insufficient_scope",
     "missing_permission", "fix_config"),
    (400, graph(3, "(#3) The app cannot call this method."), "unauthorized_client", "feature_or_api_not_enabled",
     "fix_config"),
    # Throttling and outages.
    (400, graph(4, "(#4) Application request limit reached"), "rate_limited", "rate_limit_exceeded", "retry"),
    (400, graph(17, "(#17) User request limit reached"), "rate_limited", "rate_limit_exceeded", "retry"),
    (400, graph(32, "(#32) Page request limit reached"), "rate_limited", "rate_limit_exceeded", "retry"),
    (400, graph(613, "(#613) Calls to this api have exceeded the rate limit."), "rate_limited",
     "rate_limit_exceeded", "retry"),
    (400, graph(341, "(#341) Application limit reached"), "rate_limited", "rate_limit_exceeded", "retry"),
    (500, graph(1, "An unknown error occurred"), "server_error", "idp_server_error", "retry"),
    (503, graph(2, "Service temporarily unavailable"), "temporarily_unavailable", "idp_transient_outage", "retry"),
    (400, graph(368, "The action was blocked for a while for a policy reason."), "access_denied",
     "temporarily_blocked_for_policy", "retry"),
    # Code 1 on the code exchange is the app secret, not an outage (heuristic rule).
    (400, graph(1, "Error validating client secret."), "invalid_client", "bad_client_secret", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), X_CASES, ids=[c[1][:60] for c in X_CASES])
@pytest.mark.parametrize("provider", ["x", "twitter"])
def test_x_error_families(provider: str | None, status: int, body: str, cls: str, cause: str,
                          decision: str) -> None:
    got = classify(status, body, provider=provider, rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision, got.provider) == (cls, cause, decision, "x")


# Detected by shape: X's authentication texts in a v1.1 errors list, a problem type under api.x.com/2/problems/,
# the token endpoint's Basic-header message. Not: "Over capacity." or "Internal error." (words any server uses)
# and about:blank (RFC 7807's generic type).
X_DETECTED = [c for c in X_CASES if c[1] not in (x_v11(130, "Over capacity."), x_v11(131, "Internal error."))
              and "about:blank" not in c[1]]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), X_DETECTED,
                         ids=[c[1][:60] for c in X_DETECTED])
def test_x_bodies_are_detected_without_provider(status: int, body: str, cls: str, cause: str,
                                                 decision: str) -> None:
    got = classify(status, body, rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision, got.provider) == (cls, cause, decision, "x")


def test_x_generic_problem_is_not_claimed() -> None:
    # about:blank is RFC 7807's generic type: any server may send it, so it does not identify X.
    body = json.dumps({"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"})
    assert classify(401, body, rulebook=RuleBook()).provider is None


def test_x_code_in_a_library_message_is_detected() -> None:
    # A client library that prints only the first error object, as a JS dump.
    got = classify(401, "{ code: 89, message: 'Invalid or expired token.' }", rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.decision) == ("x", "invalid_token", "fix_config")


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), META_CASES,
                         ids=[c[1][:70] for c in META_CASES])
@pytest.mark.parametrize("provider", ["meta", "facebook", None])
def test_meta_error_families(provider: str | None, status: int, body: str, cls: str, cause: str,
                             decision: str) -> None:
    got = classify(status, body, provider=provider, rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == (cls, cause, decision)
    assert got.provider == "meta"


def test_meta_body_without_trace_id_is_detected_by_its_type_and_code() -> None:
    got = classify(None, graph(190, "The token was invalidated.", trace=False), rulebook=RuleBook())
    assert (got.provider, got.failure_class, got.decision) == ("meta", "invalid_token", "reauth")


@pytest.mark.parametrize(("message", "cause", "decision"), [
    ("Error validating access token: The session has been invalidated because the user changed their password.",
     "token_revoked", "reauth"),
    ("Error validating access token: Session has expired on Friday, 04-Dec-26 10:00:00 PST.", "session_expired",
     "reauth"),
    ("Invalid OAuth access token - Cannot parse access token", "access_token_malformed", "fix_config"),
])
def test_meta_190_without_subcode_is_narrowed_by_its_message(message: str, cause: str, decision: str) -> None:
    got = classify(400, graph(190, message), provider="meta", rulebook=RuleBook())
    assert (got.failure_class, got.cause, got.decision) == ("invalid_token", cause, decision)


def _corpus_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(FIXTURES.glob("errors_corpus_dev*.yaml")) + [FIXTURES / "errors_dev.yaml"]:
        cases += yaml.safe_load(path.read_text(encoding="utf-8"))
    return cases


def test_neither_profile_claims_another_providers_corpus_body() -> None:
    book = RuleBook()
    claimed = []
    for case in _corpus_cases():
        if case.get("provider") in ("twitter", "facebook", "instagram", "x", "meta"):  # instagram: a meta alias
            continue
        got = classify(case.get("status"), case.get("body"), case.get("headers"), rulebook=book)
        if got.provider in ("x", "meta"):
            claimed.append((case.get("id"), got.provider))
    assert claimed == []


def test_aliases_resolve() -> None:
    assert resolve_id("twitter") == "x"
    assert resolve_id("facebook") == "meta"


def test_x_profile_facts() -> None:
    profile = get_profile("x")
    assert profile.endpoints.token.url == "https://api.x.com/2/oauth2/token"
    assert profile.client_auth.accepted == ["client_secret_basic", "none"] and profile.client_auth.strict
    assert profile.pkce.required == "always" and profile.pkce.methods == ["S256", "plain"]
    lifetime = profile.token_policy.access_token_lifetime
    assert lifetime is not None and lifetime.seconds == 7200
    assert profile.redirect.max_callback_urls == 10


def test_meta_profile_facts() -> None:
    profile = get_profile("meta")
    assert profile.endpoints.token.url == "https://graph.facebook.com/oauth/access_token"
    assert profile.grants.supported == ["authorization_code"]  # no refresh_token grant
    assert profile.client_auth.accepted == ["client_secret_post"]


@pytest.mark.parametrize(("provider", "registered", "sent", "accepted"), [
    # X: exact match, trailing slash included; a loopback port is compared like any other part.
    ("x", "https://app.example.com/callback", "https://app.example.com/callback", True),
    ("x", "https://app.example.com/callback", "https://app.example.com/callback/", False),
    ("x", "http://127.0.0.1:3000/cb", "http://127.0.0.1:4000/cb", False),
    # Meta Strict Mode: no prefix matching, no extra path below a listed URI.
    ("meta", "https://app.example.com/auth/facebook", "https://app.example.com/auth/facebook", True),
    ("meta", "https://app.example.com/auth/facebook", "https://app.example.com/auth/facebook/callback", False),
])
def test_redirect_rules(provider: str, registered: str, sent: str, accepted: bool) -> None:
    assert compare([registered], sent, provider=provider).accepted is accepted


def test_bundled_profiles_validate_with_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "oauthdoctor", "providers", "validate", str(ROOT / "providers")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid" in done.stdout


def test_an_unregistered_android_key_hash_is_a_configuration_fix() -> None:
    text = ("Invalid key hash. The key hash Xo8WBi6jzSxKDVR4drqm84yr9iU= does not match any stored key hashes. "
            "Configure your app key hashes at https://developers.facebook.com/apps/123/")
    got = classify(None, text)
    assert (got.provider, got.failure_class, got.cause, got.decision) == (
        "meta", "invalid_client", "android_key_hash_not_registered", "fix_config")
