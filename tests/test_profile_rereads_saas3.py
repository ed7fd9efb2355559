"""Facts corrected when the saas3 profiles (Asana, Freshdesk, Miro, Pipedrive, Todoist, Nylas, RingCentral,
Fitbit) were read again in their cited sources (2026-12-07), each through the behaviour it changes (bundled
profiles).

Each test says what the profile said and what the provider's own source says.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from profile_probe_support import config_findings, policy_findings, policy_judgement

from oauthdoctor import classify
from oauthdoctor.model import Status
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect import compare

NOW = datetime(2026, 12, 7, tzinfo=UTC)


def _config(provider: str, **values: str) -> list[str]:
    return config_findings(provider, NOW, **values)


def _not_confirmed(warnings: list[str]) -> list[str]:
    return [w for w in warnings if "not confirmed by an official source" in w]


# Fitbit


def test_fitbit_410_gone_is_the_shutdown_of_the_legacy_api() -> None:
    # was: no rule (a 410 fell to the generic reading); Google's About the Google Health API page says the Fitbit
    # Web API and Fitbit OAuth endpoints answer 410 Gone since 2026-11-02 and integrations must move to Google OAuth
    result = classify(410, "Gone", provider="fitbit")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_request", "endpoint_retired",
                                                                     "fix_config")
    assert any("Google Health API" in h for h in result.hints)


def test_fitbit_profile_dates_the_shutdown() -> None:
    # was: nothing about a retirement; the Google Health API reference banner turns the legacy Web API and its
    # OAuth endpoints off on 2026-11-02
    quirk = get_profile("fitbit").quirks[0]
    assert "2026-11-02" in quirk.text and "410 Gone" in quirk.text and quirk.basis == "confirmed"


def test_fitbit_pkce_methods_are_s256_and_plain() -> None:
    # was: methods [] (values not seen); the Authorize reference gives code_challenge_method a default of plain
    # and the developer guide derives the challenge by SHA-256 (S256)
    assert list(get_profile("fitbit").pkce.methods) == ["S256", "plain"]


def test_fitbit_revocation_is_read_in_fitbit_own_reference() -> None:
    # was: heuristic, read only in fitbit-node; Fitbit's Revoke Token reference gives POST /oauth2/revoke (RFC 7009)
    revocation = get_profile("fitbit").endpoints.revocation
    assert revocation is not None
    assert (revocation.url, revocation.basis) == ("https://api.fitbit.com/oauth2/revoke", "confirmed")


# Todoist


def test_todoist_supports_the_refresh_token_grant() -> None:
    # was: authorization_code only; todoist-sdk-typescript's refreshAuthToken (commit 3401736, 2026-06-18) posts
    # grant_type refresh_token to /oauth/access_token
    assert not any("does not support" in t for t in _config("todoist", grant_type="refresh_token"))


def test_todoist_401_refreshes_once_before_reauth() -> None:
    # was: reauth ("Todoist OAuth tokens are not refreshed"); the renamed SDK says apps with refresh tokens (the
    # default for new apps) get expiring tokens and a rotating refresh token
    result = classify(401, {"error": "Invalid token"}, provider="todoist")
    causes = [c.cause for c in result.candidates]
    assert (result.failure_class, result.cause, result.decision) == ("invalid_token", "ambiguous", "retry")
    assert causes == ["access_token_expired", "token_revoked", "refresh_token_reused_after_rotation",
                      "access_token_malformed"]


def test_todoist_refresh_tokens_rotate() -> None:
    # was: no rotation (no refresh tokens); refreshAuthToken's doc comment says the server rotates the refresh token
    [finding] = policy_judgement("todoist", NOW)
    assert finding.status == Status.SKIP
    assert finding.evidence is not None and finding.evidence["rotation"] == "always"
    assert finding.evidence["basis"] == "confirmed"


def test_todoist_tokens_are_refreshable_for_new_apps() -> None:
    # was: "no refresh token is issued" and "Access tokens cannot be refreshed"; the SDK's AuthTokenResponse has
    # optional refreshToken and expiresIn, on by default for new apps
    profile = get_profile("todoist")
    lifetime = profile.token_policy.access_token_lifetime
    assert lifetime is not None and "expires_in" in lifetime.text and lifetime.basis == "confirmed"
    assert "cannot be refreshed" not in profile.quirks[0].text


# Pipedrive


def test_pipedrive_refresh_token_invalid_with_underscore_lists_three_causes() -> None:
    # was: only 'refresh token is invalid' (space, the SDK's mock) and revocation alone; Pipedrive's OAuth
    # status-code table words it 'refresh_token is invalid': wrong client credentials or already exchanged
    body = {"success": False, "error": "invalid_grant", "message": "Invalid grant: refresh_token is invalid"}
    result = classify(400, body, provider="pipedrive")
    causes = [c.cause for c in result.candidates]
    assert (result.cause, result.decision) == ("ambiguous", "reauth")
    assert causes == ["refresh_token_revoked", "grant_issued_for_other_client_or_endpoint",
                      "refresh_token_reused_after_rotation"]
    other_app = next(c for c in result.candidates if c.cause == "grant_issued_for_other_client_or_endpoint")
    assert other_app.decision == "fix_config"


def test_pipedrive_grants_name_exchange_api_token() -> None:
    # was: "no other grant appears in either SDK"; the status-code table lists exchange_api_token as a grant_type
    grants = get_profile("pipedrive").grants
    assert "exchange_api_token" in (grants.note or "") and grants.checked == "2026-12-07"


def test_pipedrive_access_token_lifetime_is_the_documented_example() -> None:
    # was: no lifetime; the status-code table's 200 example carries expires_in 3600
    lifetime = get_profile("pipedrive").token_policy.access_token_lifetime
    assert lifetime is not None and (lifetime.seconds, lifetime.basis) == (3600, "heuristic")


def test_pipedrive_missing_redirect_uri_is_a_confirmed_refusal() -> None:
    # was: unconfirmed strict reading; Pipedrive's OAuth authorization page makes redirect_uri required
    result = compare(["https://app.test/cb"], None, provider="pipedrive")
    assert not result.accepted
    assert not [w for w in result.warnings if "without a redirect_uri is" in w]


# Nylas


def test_nylas_takes_client_credentials_at_connect_token() -> None:
    # was: authorization_code and refresh_token only; Nylas's Token exchange reference also takes
    # client_credentials (a 1-hour token for an existing grant_id, API key as client_secret)
    assert not any("does not support" in t for t in _config("nylas", grant_type="client_credentials"))


def test_nylas_token_endpoint_accepts_form_bodies_too() -> None:
    # was: "Whether form bodies ... are also accepted is not stated"; the Token exchange reference accepts JSON
    # and x-www-form-urlencoded bodies with the same parameters
    client_auth = get_profile("nylas").client_auth
    assert "x-www-form-urlencoded" in (client_auth.note or "") and client_auth.body_format == "json"


def test_nylas_redirect_match_is_confirmed_byte_for_byte() -> None:
    # was: exact, unconfirmed; Nylas's Troubleshoot OAuth errors recipe: scheme, host, port, path and trailing
    # slash must all match
    result = compare(["https://app.test/callback"], "https://app.test/callback/", provider="nylas")
    assert not result.accepted
    assert _not_confirmed(result.warnings) == []


# Miro


def test_miro_refresh_tokens_live_sixty_days() -> None:
    # was: no lifetimes ("not stated in these sources"); Miro's OAuth 2.0 page: access 1 hour, refresh 60 days
    assert policy_findings("miro", NOW, refresh_token_issued_at=(NOW - timedelta(days=30)).isoformat()) == []
    assert [s for s, _ in policy_findings("miro", NOW,
                                          refresh_token_issued_at=(NOW - timedelta(days=61)).isoformat())] == [
        Status.FAIL]


def test_miro_access_tokens_last_an_hour_and_refresh_invalidates_the_old_pair() -> None:
    # was: no access lifetime; rotation note "whether the old refresh token stops working at once is not stated";
    # Miro: an expiring token lasts 1 hour and after a refresh the old access and refresh tokens are invalid
    policy = get_profile("miro").token_policy
    assert policy.access_token_lifetime is not None and policy.access_token_lifetime.seconds == 3600
    assert policy.rotation is not None and "no longer valid" in (policy.rotation.note or "")


def test_miro_recommends_credentials_in_the_body() -> None:
    # was: credentials "in the URL query string, not a form body"; Miro's code-exchange reference recommends the
    # request body and its refresh reference shows them as form fields
    client_auth = get_profile("miro").client_auth
    assert "recommend" in (client_auth.note or "") and client_auth.body_format == "form"


# RingCentral


def test_ringcentral_instance_example_is_production() -> None:
    # was: example platform.devtest.ringcentral.com (sandbox); RingCentral's docs list only Production since the
    # sandbox was removed from them (2024-08-15, 2025-03-21)
    instance = get_profile("ringcentral").endpoints.placeholders["instance"]
    assert instance.example == "platform.ringcentral.com"


def test_ringcentral_password_grant_is_deprecated() -> None:
    # was: password listed as a plain confirmed grant; register-app.md says the password grant type has been
    # deprecated in favour of the JWT flow
    grants = get_profile("ringcentral").grants
    assert "deprecated" in (grants.note or "")
    # the grant itself is gone since 2024-03-31 (tests/test_profile_sweep_leads3.py)
    assert "password" not in grants.supported
    assert (grants.source or "").endswith("register-app.md#L60-L61")


def test_ringcentral_client_side_app_exception_is_cited_for_refresh() -> None:
    # was: cited to auth-code-flow.md L84-L91 "for the code exchange"; only refresh-tokens.md L37-L57 states it
    note = get_profile("ringcentral").client_auth.note or ""
    assert "refresh request only" in note


def test_ringcentral_redirect_must_match_exactly() -> None:
    # was: "Whether 'match' allows anything looser than equality is not stated"; auth-token-params.inc L6 says
    # redirect_uri must exactly match a registered URI
    redirect = get_profile("ringcentral").redirect
    assert (redirect.source or "").endswith("auth-token-params.inc#L6")
    assert "not stated" not in (redirect.note or "")


# Freshdesk


def test_freshdesk_no_oauth_reading_is_heuristic() -> None:
    # was: confirmed on a C# sample that shows apikey:X; that the API has no OAuth is an inference, not a statement
    profile = get_profile("freshdesk")
    assert (profile.client_auth.basis, profile.grants.basis, profile.pkce.basis) == ("heuristic",) * 3


def test_freshdesk_rate_limits_drop_the_apis_io_hourly_numbers() -> None:
    # was: hourly limits (Blossom/Garden 3000 ...) and "invalid requests count", from a generated apis.io profile
    # that labels them the reverse way; kept: the per-minute table, no longer confirmed
    quirk = get_profile("freshdesk").quirks[1]
    assert "Blossom" not in quirk.text and "invalid requests" not in quirk.text
    assert quirk.basis == "heuristic"
