"""Open follow-ups of the Auth0, Okta, Hydra and Pocket ID profiles settled in their primary sources (round
thirty-four, 2026-12-07): Auth0's exhausted M2M token quota, Auth0's rule errors, the source of Okta's wildcard
limits and Hydra's 'previously remembered' login. Each test fails on the previous profile.
"""

from __future__ import annotations

import json

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

OKTA_WILDCARD_ARTICLE = "https://support.okta.com/help/s/article/Does-Okta-Support-Wildcard-Redirect-URIs"


def test_auth0_client_quota_exceeded_is_retried_after_retry_after() -> None:
    # was: fix_config (heuristic, my judgement); Auth0's fine-grained M2M quota page says to use Retry-After to
    # decide on a retry and to back off on 429s, with caching and quota changes for traffic that stays blocked
    body = json.dumps({"error": "too_many_requests", "error_description": "Client quota exceeded"})
    e = classify(429, body, provider="auth0")
    assert (e.failure_class, e.cause, e.decision) == ("rate_limited", "client_token_quota_exceeded", "retry")
    assert "Retry-After" in e.summary
    assert any("cache" in hint for hint in e.hints)


def test_auth0_rule_error_offers_a_forced_fresh_login() -> None:
    # was: two candidates and "signing in again runs the same rule"; Auth0's raise-errors-from-rules page says a
    # plain new request loops on the remembered session and the user needs prompt=login (or a logout) to sign in anew
    body = "error=unauthorized&error_description=You are not allowed to use this application"
    e = classify(None, body, provider="auth0")
    assert (e.failure_class, e.cause, e.decision) == ("access_denied", "ambiguous", "fix_config")
    fresh = {c.cause: c for c in e.candidates}["wrong_account_signed_in"]
    assert fresh.decision == "reauth" and fresh.hint is not None and "prompt=login" in fresh.hint
    assert "prompt=login" in e.summary


def test_okta_wildcard_limits_cite_oktas_support_article() -> None:
    # was: the management API spec, which does not state the path, port and logout-URI limits; Okta's support
    # article on wildcard redirect URIs states all three
    okta = get_profile("okta")
    quirk = next(q for q in okta.quirks if "wildcard_redirect=SUBDOMAIN" in q.text)
    assert quirk.source == OKTA_WILDCARD_ARTICLE and quirk.basis == "confirmed"
    assert okta.redirect.source == OKTA_WILDCARD_ARTICLE


def test_hydra_previously_remembered_login_is_a_server_bug() -> None:
    # was: invalid_request, login_app_forgot_remembered_login (an accept with remember false); Hydra's accept handler
    # forces remember for skipped logins, so the text comes from Hydra bugs such as 1.4.2's lost rejections
    body = json.dumps({
        "error": "server_error",
        "error_description": "The authorization server encountered an unexpected condition that prevented it from "
        "fulfilling the request. The login request was previously remembered and can only be forgotten using the "
        "reject feature.",
    })
    e = classify(500, body, provider="hydra")
    assert (e.failure_class, e.cause, e.decision) == ("server_error", "hydra_login_state_bug", "fix_config")
    assert "Upgrade Hydra" in e.summary
