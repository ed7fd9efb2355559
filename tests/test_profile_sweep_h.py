"""Sweep for 2025-2026 provider changes the bundled profiles did not know yet, group h (2026-12-07).

Clerk rotates its OAuth refresh tokens and, since its changelog of 2026-12-04, offers a refresh grace period;
Supabase retires the legacy anon and service_role API keys by the end of 2026; PingOne retires JWT refresh tokens on
2027-03-02 and signs every token with key-rotation-policy keys and typ at+jwt from then on; Rauthy 0.36.0 validates
RFC 8707 resource indicators (invalid_target); Logto 1.43.0 refuses token exchange with a third-party app's token or
an ID token. Each test says what the profile said before and fails on it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from profile_probe_support import policy_judgement, sourced_quirk

from oauthdoctor import classify
from oauthdoctor.model import Status
from oauthdoctor.probes.token_policy import ROTATION_HINT
from oauthdoctor.profiles.loader import get_profile

NOW = datetime(2026, 12, 7, tzinfo=UTC)
CLERK_CHANGELOG = "https://clerk.com/changelog/2026-12-04-oauth-refresh-token-grace-period"
SUPABASE_KEYS_GUIDE = "https://supabase.com/docs/guides/getting-started/migrating-to-new-api-keys"
PINGONE_REFRESH_TOKENS = "https://docs.pingidentity.com/pingone/applications/p1_refresh_tokens.html"
PINGONE_KRP_NOTICE = "https://developer.pingidentity.com/pingone-api/changelog.html#key-rotation-policy-for-token-signing"


def _rauthy(message: str):
    return classify(400, {"timestamp": 1765065600, "error": "invalid_target", "message": message}, provider="rauthy")


# Clerk


def test_clerk_refresh_tokens_rotate_with_reuse_detection() -> None:
    # was: no rotation fact ('whether a refresh rotates the refresh token is not stated'), so no rotation hint;
    # Clerk's changelog of 2026-12-04 says every use replaces the token and a reuse revokes the client's access
    rotation = get_profile("clerk").token_policy.rotation
    assert rotation is not None
    assert (rotation.mode, rotation.reuse_detection, rotation.basis, rotation.source) == (
        "always", True, "confirmed", CLERK_CHANGELOG)
    [skip] = policy_judgement("clerk", NOW)
    assert skip.status is Status.SKIP
    assert skip.hint == ROTATION_HINT
    assert skip.evidence["rotation"] == "always"


def test_clerk_invalid_grant_names_reuse_and_the_grace_period() -> None:
    # was: the generic invalid_grant candidates (expired or revoked refresh token), no rotation; Clerk's changelog
    # of 2026-12-04 says a retried refresh counted as reuse and adds a grace period of up to 60 seconds
    result = classify(400, {"error": "invalid_grant"}, provider="clerk")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_grant", "ambiguous", "reauth")
    [reuse] = [c for c in result.candidates if c.cause == "refresh_token_reused_after_rotation"]
    assert "grace period (up to 60 seconds" in reuse.hint


# Supabase


def test_supabase_legacy_api_keys_retire_by_end_of_2026() -> None:
    # was: no mention of the new API keys; Supabase's migration guide says anon and service_role are deprecated by
    # the end of 2026 in favour of sb_publishable_ and sb_secret_ keys
    quirk = sourced_quirk("supabase", SUPABASE_KEYS_GUIDE)
    assert "by the end of 2026" in quirk.text and "sb_publishable_" in quirk.text and "sb_secret_" in quirk.text
    assert (quirk.basis, str(quirk.checked)) == ("confirmed", "2026-12-07")


def test_supabase_disabled_legacy_key_points_to_the_new_keys() -> None:
    # was: the generic API-key reading ('send the key this API issued'); the migration guide maps anon to the
    # publishable key and service_role to a secret key
    result = classify(401, {"message": "Legacy API keys are disabled"}, provider="supabase")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_token", "api_key_invalid", "fix_config")
    assert "publishable key (sb_publishable_...)" in result.summary


# PingOne


def test_pingone_jwt_refresh_tokens_are_retired_on_2027_03_02() -> None:
    # was: no refresh token format; PingOne's Refresh tokens page says opaque is the default from 2026-01-27 and the
    # only format from 2027-03-02, with errors for applications not moved by 2027-03-01
    quirk = sourced_quirk("pingone", PINGONE_REFRESH_TOKENS)
    assert "2027-03-02" in quirk.text and "2027-03-01" in quirk.text and "2026-01-27" in quirk.text
    assert quirk.basis == "confirmed"


def test_pingone_signs_with_key_rotation_policies_and_at_jwt_from_2027() -> None:
    # was: not mentioned; the PingOne Platform API changelog's notices move every application to a key rotation
    # policy and put typ at+jwt on every access token from 2027-03-02
    quirk = sourced_quirk("pingone", PINGONE_KRP_NOTICE)
    assert "2027-03-02" in quirk.text and "typ at+jwt" in quirk.text and "key rotation policy" in quirk.text


# Rauthy


def test_rauthy_resource_not_in_allowed_resources_is_a_client_setting() -> None:
    # was: the generic invalid_target reading (invalid_scope_requested); Rauthy 0.36.0's resource indicators refuse
    # a resource not in the client's allowed_resources (clients.rs validate_resource_request)
    result = _rauthy("this client has no `allowed_resources` configured for the requested `resource`")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_scope", "resource_not_registered",
                                                                     "fix_config")
    assert "since Rauthy 0.36.0" in result.summary and "allowed_resources" in result.summary


def test_rauthy_token_request_resource_must_repeat_the_granted_one() -> None:
    # was: the generic invalid_target reading; Rauthy 0.36.0's code grant refuses a resource not granted at /authorize
    result = _rauthy("the requested `resource` was not granted at the authorization request")
    assert (result.cause, result.decision) == ("resource_differs_from_authorize", "fix_config")


def test_rauthy_empty_resource_is_a_missing_parameter() -> None:
    # was: the generic invalid_target reading; Rauthy 0.36.0 refuses an empty resource before any other check
    result = _rauthy("`resource` must not be empty")
    assert (result.failure_class, result.cause) == ("invalid_request", "missing_parameter")


# Logto


def test_logto_invalid_grant_covers_refused_token_exchange_subjects() -> None:
    # was: refresh and code candidates only; Logto 1.43.0's changelog refuses a token exchange whose subject token
    # was issued to a third-party application, or is an ID token, with invalid_grant
    result = classify(400, {"error": "invalid_grant", "error_description": "grant request is invalid"},
                      provider="logto")
    assert (result.cause, result.decision) == ("ambiguous", "reauth")
    [exchange] = [c for c in result.candidates if c.cause == "subject_token_not_first_party"]
    assert exchange.decision == "fix_config"
    assert "since Logto 1.43.0" in exchange.tells_apart
