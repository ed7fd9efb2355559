"""Facts corrected when the third wave of profiles was read again in their cited sources (round thirty-three,
2026-12-07), and the follow-ups the earlier waves left open, each through the behaviour it changes (bundled
profiles).

Each test says what the profile said and what the provider's own source says.
"""

from __future__ import annotations

from datetime import UTC, datetime

from profile_probe_support import policy_judgement

from oauthdoctor import classify
from oauthdoctor.config.endpoints import resolve_endpoints
from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Status
from oauthdoctor.profiles.loader import get_profile

NOW = datetime(2026, 12, 7, tzinfo=UTC)


def test_hubspot_default_token_endpoint_is_the_dated_api() -> None:
    # was: /oauth/v3/token; HubSpot's v1 deprecation changelog and migration guide name /oauth/2026-03/token as
    # the latest OAuth API, and every /v3/ path goes unsupported after September 2027
    token = resolve_endpoints(ResolvedConfig({}), get_profile("hubspot")).token
    assert (token.url, token.origin) == ("https://api.hubapi.com/oauth/2026-03/token", "profile")


def test_zendesk_api_token_hint_names_the_retirement() -> None:
    # was: "send API tokens as Basic ..."; Zendesk's migration guide deactivates every API token on 2027-04-30
    result = classify(401, {"error": "invalid_token", "error_description": "The access token provided is invalid."},
                      provider="zendesk")
    hints = {c.cause: c.hint for c in result.candidates}
    assert hints["api_token_sent_as_bearer"].startswith("obtain an OAuth token (Zendesk deactivates every API token"
                                                        " on 2027-04-30)")


def _rotation_skip(provider: str) -> tuple[str, dict[str, object]]:
    (finding,) = policy_judgement(provider, NOW)
    assert finding.status is Status.SKIP
    return finding.hint or "", dict(finding.evidence or {})


def test_pinterest_rotation_is_inferred_and_the_report_says_so() -> None:
    # was: mode always, confirmed; Pinterest's spec returns a refresh token with a new expiry on every refresh but
    # never says the value is new or that the old one stops working
    hint, evidence = _rotation_skip("pinterest")
    assert (evidence["rotation"], evidence["basis"]) == ("always", "heuristic")
    assert hint.endswith("(Rotation here is heuristic: the provider's own source does not state it.)")
    hint, evidence = _rotation_skip("atlassian")
    assert evidence["basis"] == "confirmed" and "Rotation here" not in hint


def test_bitbucket_access_tokens_live_two_hours_on_atlassian_s_word() -> None:
    # was: 2 h, heuristic from an integration platform's notes; a Bitbucket Cloud team member confirms 2 h
    # (expires_in 7200) and says the 1-hour figure on the Use OAuth page was stale
    lifetime = get_profile("bitbucket").token_policy.access_token_lifetime
    assert lifetime is not None
    assert (lifetime.seconds, lifetime.basis) == (7200, "confirmed")


def test_box_expired_refresh_text_also_means_a_used_token() -> None:
    # was: cause refresh_token_expired; the Box SDK maintainer gives two readings of this body: older than 60 days,
    # or already used once (Box refresh tokens are single use); both need a new authorization
    result = classify(400, {"error": "invalid_grant", "error_description": "Refresh token has expired"}, provider="box")
    assert (result.cause, result.decision) == ("ambiguous", "reauth")
    assert [c.cause for c in result.candidates] == ["refresh_token_expired", "refresh_token_reused_after_rotation"]


def test_etsy_x_api_key_without_the_shared_secret_is_a_config_fix() -> None:
    # was: no rule (a generic 403 reading, insufficient_scope); Etsy's announcement (open-api discussion 1529)
    # refuses requests without the shared secret in x-api-key from 2026-02-09; the texts are as integrators quote
    # them, and the class is the one the development cases give them
    for text in ("Shared secret is required in x-api-key header.",
                 "Invalid API key: should be in the format 'keystring:shared_secret'."):
        result = classify(403, {"error": text})
        assert (result.provider, result.failure_class, result.cause, result.decision) == (
            "etsy", "invalid_token", "api_key_invalid", "fix_config")


def test_amazon_sp_api_secrets_expire_every_180_days() -> None:
    # was: client_secret_expiry left out ("no mandatory rotation period stated"); Amazon's SP-API rotation guide
    # requires rotating every app's LWA client secret every 180 days, or its calls fail
    expiry = get_profile("amazon").token_policy.client_secret_expiry
    assert expiry is not None
    assert (expiry.seconds, expiry.basis) == (15552000, "confirmed")
    result = classify(401, {"error": "invalid_client"}, provider="amazon")
    hints = {c.cause: c.hint for c in result.candidates}
    assert "rotated every 180 days" in (hints.get("client_secret_expired") or "")


def test_authentik_invalid_grant_lists_the_newer_code_s_pkce_and_policy_refusals() -> None:
    # was: a missing code_verifier unchecked (2021 code); authentik's token view at 005f3a9 refuses a PKCE code
    # without its verifier, a verifier for a code without a challenge, and a client_credentials/password grant
    # its application's policies deny, each with invalid_grant
    code = classify(400, {"error": "invalid_grant"}, provider="authentik", grant_type="authorization_code")
    assert [c.cause for c in code.candidates] == [
        "auth_code_expired_or_reused", "pkce_verifier_mismatch", "pkce_verifier_missing",
        "pkce_verifier_without_challenge", "grant_issued_for_other_client_or_endpoint"]
    # a code or refresh token issued to another client cannot be a client_credentials failure
    machine = classify(400, {"error": "invalid_grant"}, provider="authentik", grant_type="client_credentials")
    assert (machine.cause, machine.decision) == ("client_credentials_policy_denied", "fix_config")


def test_an_administrator_s_refusal_is_policy_not_the_user_s_consent() -> None:
    # was: a branch of the user-denied rule (reauth); RFC 6749 4.1.2.1's access_denied covers a refusal by the
    # authorization server, and an administrator's refusal is its policy: consenting again fails the same way
    for text in ("Your admin has rejected the request for this app", "The administrator declined the consent"):
        result = classify(None, text)
        assert (result.failure_class, result.cause, result.decision) == (
            "access_denied", "access_policy_denied", "fix_config")
    assert classify(None, "The user has denied the request").decision == "reauth"


def test_nimbus_quoted_typ_wording_of_older_releases_is_read() -> None:
    # was: only the unquoted 'typ' of Nimbus releases from August 2021; older releases quote it
    result = classify(None, 'Signed JWT rejected: No JWS header "typ" (type) verifier is configured')
    assert (result.cause, result.decision) == ("jwt_processor_not_configured", "fix_config")
