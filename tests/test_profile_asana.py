"""The Asana profile: Asana's documented statuses map to the class, cause and decision the profile states, an Asana
body or token URL is recognised without ``--provider``, and other providers' bodies stay theirs.

Bodies are written here in the shape Asana's errors page and OpenAPI spec give (``{"errors": [{"message": ...,
"help": ..., "phrase": ...}]}``), with the statuses and meanings of that page, not copied from reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id

HELP = "For more information on API status codes and how to handle them, read the docs on errors: " \
       "https://developers.asana.com/docs/errors"


def asana(message: str, *, help_text: str | None = HELP, **extra: object) -> str:
    error: dict[str, object] = {"message": message}
    if help_text is not None:
        error["help"] = help_text
    error.update(extra)
    return json.dumps({"errors": [error]})


CASES = [
    # (id, status, body, class, cause, decision)
    ("401", 401, asana("Not Authorized"), "invalid_token", "ambiguous", "retry"),
    ("401-no-help", 401, asana("Not Authorized", help_text=None), "invalid_token", "ambiguous", "retry"),
    ("402", 402, asana("Payment Required"), "access_denied", "plan_or_project_lacks_access", "fix_config"),
    ("403", 403, asana("Forbidden"), "access_denied", "ambiguous", "fix_config"),
    ("451", 451, asana("Unavailable For Legal Reasons"), "access_denied", "ip_not_allowed", "fix_config"),
    ("429", 429, asana("You have made too many requests; retry after the given time."), "rate_limited",
     "rate_limit_exceeded", "retry"),
    ("500", 500, asana("Server Error", help_text=None, phrase="12 brave otters nap quietly"), "server_error",
     "provider_internal_error", "retry"),
    ("400-missing-input", 400, asana("project: Missing input"), "invalid_request", "missing_parameter",
     "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "cls", "cause", "decision"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_asana_statuses_map_as_documented(status: int, body: str, cls: str, cause: str, decision: str) -> None:
    for provider in ("asana", None):  # the body shape alone names the provider
        e = classify(status, body, provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("asana", cls, cause, decision)
        assert e.basis == "confirmed"


def test_401_lists_refresh_first_and_the_workspace_and_pat_causes() -> None:
    e = classify(401, asana("Not Authorized"))
    assert [c.cause for c in e.candidates] == ["access_token_expired", "access_token_missing", "token_revoked",
                                               "app_disabled_in_workspace", "personal_access_token_revoked"]
    assert [c.decision for c in e.candidates] == ["retry", "fix_config", "reauth", "fix_config", "fix_config"]
    assert e.normalized_status == 401


def test_events_sync_token_412_is_not_an_oauth_token_failure() -> None:
    body = json.dumps({"errors": [{"message": "Sync token invalid or too old; use the new sync token."}],
                       "sync": "de4774f6915eae04714ca93bb2f5ee81"})
    generic = classify(412, body, provider="generic")
    assert generic.failure_class == "invalid_token"  # the words alone read as a refused token
    e = classify(412, body)
    assert (e.provider, e.failure_class, e.cause, e.decision) == (
        "asana", "invalid_request", "events_sync_token_expired", "retry")
    assert any("sync token" in h for h in e.hints)


def test_invalid_grant_at_asanas_token_url_names_asanas_causes() -> None:
    body = json.dumps({"error": "invalid_grant", "error_description": "Bad Request"})
    e = classify(400, body, url="https://app.asana.com/-/oauth_token")
    assert (e.provider, e.failure_class, e.cause, e.decision, e.basis) == (
        "asana", "invalid_grant", "ambiguous", "reauth", "heuristic")
    assert [c.cause for c in e.candidates] == ["refresh_token_revoked", "auth_code_expired_or_reused",
                                               "redirect_uri_differs_from_authorize", "pkce_verifier_mismatch"]
    # A refresh cannot fail on the redirect URI or PKCE: the revoked refresh token is left.
    refresh = classify(400, body, url="https://app.asana.com/-/oauth_token", grant_type="refresh_token")
    assert (refresh.cause, refresh.decision) == ("refresh_token_revoked", "reauth")


@pytest.mark.parametrize(("words", "cause", "decision"), [
    ("blocked by the browser", "popup_blocked", "fix_config"),
    ("closed by the user", "user_cancelled", "reauth"),
])
def test_node_clients_own_popup_errors(words: str, cause: str, decision: str) -> None:
    body = json.dumps({"error": "access_denied",
                       "error_description": f"The popup window containing the authorization UI was {words}."})
    e = classify(None, body)
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("asana", "access_denied", cause, decision)


def test_other_providers_bodies_are_not_claimed() -> None:
    slack = classify(200, json.dumps({"ok": False, "error": "invalid_auth"}))
    assert slack.provider == "slack"
    oauth = classify(400, json.dumps({"error": "invalid_grant", "error_description": "Bad Request"}))
    assert oauth.provider != "asana"
    # An errors list with codes (Square's, Clerk's shape) is not Asana's.
    square = classify(401, json.dumps({"errors": [{"category": "AUTHENTICATION_ERROR", "code": "UNAUTHORIZED",
                                                   "detail": "This request could not be authorized."}]}))
    assert square.provider != "asana"
    # A 401 at another API with another message is not read by Asana's rules.
    other = classify(401, json.dumps({"errors": [{"message": "Bad credentials"}]}))
    assert other.provider != "asana"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("asana")
    assert resolve_id("asana-api") == "asana"
    assert profile.endpoints.token.url == "https://app.asana.com/-/oauth_token"
    assert profile.endpoints.authorize.url == "https://app.asana.com/-/oauth_authorize"
    assert profile.client_auth.accepted == ["client_secret_post"]
    assert profile.token_policy.access_token_lifetime.seconds == 3600
    assert profile.token_policy.rotation.mode == "none"
    assert profile.token_policy.rotation.omits_refresh_token is True
    assert profile.pkce.methods == ["S256"]
    assert profile.redirect.missing_sent.when == "rejected"


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "asana", "--format", "json", "--status", "402",
         asana("Payment Required")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "asana", "access_denied", "plan_or_project_lacks_access", "fix_config")
