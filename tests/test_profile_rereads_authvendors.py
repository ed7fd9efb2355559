"""Facts corrected when the confirmed facts of the auth-vendor profiles (Clerk, Supabase, SuperTokens, SMART on
FHIR) were read again in their cited sources (2026-12-07), each through the behaviour it changes (bundled profiles).

Each test says what the profile said and what the provider's own source says.
"""

from __future__ import annotations

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

CERNER_ERRORS = "https://authorization.cerner.com/errors/"


def _quirks(provider: str) -> list[str]:
    return [q.text for q in get_profile(provider).quirks]


def test_supertokens_token_theft_hint_ties_the_30_second_grace_to_cdi_5_6() -> None:
    # was: "more than 30 s apart (the core's grace period)" for every refresh; supertokens-core Session.java
    # L847-L986 gives the grace window to CDI 5.6+ only, and supertokens-node 24.x speaks CDI 5.4
    result = classify(401, {"message": "token theft detected"}, provider="supertokens")
    assert (result.cause, result.decision) == ("refresh_token_reused_after_rotation", "reauth")
    assert any("CDI 5.6 or newer" in h and "only until the new token is first used" in h for h in result.hints)
    assert not any("more than 30 s apart" in h for h in result.hints)
    stale = next(c for c in result.candidates if c.cause == "concurrent_refresh_or_stale_token_storage")
    assert stale.hint is not None and "only with CDI 5.6 or newer" in stale.hint


def test_supertokens_rotation_has_no_single_grace_period() -> None:
    # was: reuse_grace_seconds 30; the core's legacy branch (CDI < 5.6, what supertokens-node 24.0.2 speaks)
    # keeps the old token until its successor is used, with no time limit
    rotation = get_profile("supertokens").token_policy.rotation
    assert rotation is not None
    assert (rotation.mode, rotation.reuse_detection, rotation.reuse_grace_seconds) == ("always", True, None)


def test_cerner_catalogue_urn_rests_on_the_withdrawn_2016_list() -> None:
    # was: basis confirmed on the 2016 URN catalogue; fhir.cerner.com dropped it in 2017 (commit 3f754cfa) and
    # the current page shows only two example URNs
    uri = CERNER_ERRORS + "urn%3Acerner%3Aerror%3Aauthorization-server%3Aoauth2%3Atoken%3Acode%3Ainvalid/instances/1"
    result = classify(400, {"error": "invalid_grant", "error_uri": uri}, provider="smart-on-fhir")
    assert (result.cause, result.decision, result.basis) == ("auth_code_invalid_or_expired", "reauth", "heuristic")


def test_cerner_denied_by_server_reason_is_only_in_the_old_catalogue() -> None:
    # was: confirmed, cited to the 2016 catalogue; the current page (L761) shows the URN with access_denied but
    # not the reason (no requested scope allowed), which only the withdrawn catalogue gives
    uri = CERNER_ERRORS + "urn:cerner:error:authorization-server:oauth2:grant:denied-by-server/instances/1"
    result = classify(400, {"error": "access_denied", "error_uri": uri}, provider="smart-on-fhir")
    assert (result.cause, result.decision, result.basis) == ("scope_not_allowed", "fix_config", "heuristic")


def test_smart_aud_check_is_the_resource_servers_not_the_token_endpoints() -> None:
    # was: "a server refuses a token request or an API call whose aud does not match"; app-launch.md L765-L770
    # requires the resource server's check only, and L707-L712 lets a token serve more FHIR servers
    aud = next(t for t in _quirks("smart-on-fhir") if t.startswith("The authorization request must carry aud"))
    assert "refuses a token request" not in aud
    assert "resource server validates" in aud and "authorization_details" in aud


def test_supabase_rate_limit_summary_names_the_burst_and_the_proxy_key() -> None:
    # was: "too many requests from this IP ... 150 per 5 minutes"; apilimiter.go L197-L200 sets a burst of 30 and
    # middleware.go L72-L133 keys on Sb-Forwarded-For or the configured header
    body = {"code": 429, "error_code": "over_request_rate_limit", "msg": "Request rate limit reached"}
    result = classify(429, body, provider="supabase")
    assert (result.cause, result.decision) == ("rate_limit_exceeded", "retry")
    assert "burst of 30" in result.summary and "from this IP" not in result.summary


def test_supabase_token_rate_limit_quirk_says_self_hosted_servers_may_not_limit() -> None:
    # was: "rate limited per client IP: 150 requests per 5 minutes"; middleware.go L72-L78 skips rate limiting
    # when no GOTRUE_RATE_LIMIT_HEADER is set
    limit = next(t for t in _quirks("supabase") if t.startswith("/auth/v1/token is rate limited"))
    assert "per client IP" not in limit
    assert "burst of 30" in limit and "does not limit /token" in limit


def test_supabase_flow_state_five_minutes_is_a_default() -> None:
    # was: "must be finished within 5 minutes"; configuration.go L1243-L1245 makes 300 s the default and floor
    flow = next(t for t in _quirks("supabase") if t.startswith("A PKCE sign-in (flow state)"))
    assert "within 5 minutes by default" in flow


def test_clerk_native_redirect_allowlist_is_for_production_instances() -> None:
    # was: every native app must allowlist; clerk-docs _partials/allowlist-redirect-urls.mdx limits it to
    # production instances and names the {bundleIdentifier}://callback default
    native = next(t for t in _quirks("clerk") if t.startswith("Native apps"))
    assert "production instances" in native and "{bundleIdentifier}://callback" in native
    assert "resource_missmatch" in native
