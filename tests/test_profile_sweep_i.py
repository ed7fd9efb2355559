"""Changes that the open-source servers and gateways of group i (Hydra, Kong, WSO2, Ory Kratos,
league/oauth2-server with Laravel Passport, node-oauth2-server, oauth2-server-php, go-oauth2, Authlib, Spring
Security OAuth) released in 2025-2026 after the versions their profiles pinned, read into the bundled profiles on
2026-12-07.

Found: Authlib 1.9 refuses a JWT bearer grant when the server configured no audience and (from 1.9.3) form_post
to a non-http redirect URI, each with its own text; Laravel Passport 13 always hashes client secrets;
node-oauth2-server 5.3.0 made S256 the only default PKCE method; Hydra v25.4.0 added a reuse count to the refresh
token grace period; WSO2's component 7.0.409 lets each application choose whether a renewed refresh token gets a
fresh lifetime. Each test says what the profile said before and what the source says, and fails on the old profile.
"""

from __future__ import annotations

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

PASSPORT_13_UPGRADE = "https://github.com/laravel/passport/blob/13.x/UPGRADE.md#client-secrets-hashed-by-default"


# Authlib


def test_authlib_missing_jwt_bearer_audience_is_the_servers_setup() -> None:
    # was: answered as the client's assertion_invalid; Authlib 1.9.10's jwt_bearer.py (new in 1.9.0) refuses every
    # assertion with this text when the server's get_audiences returns nothing
    result = classify(400, {"error": "invalid_grant",
                            "error_description": "No audience identifiers configured for this authorization server."},
                      provider="authlib")
    assert (result.failure_class, result.cause, result.decision) == ("server_error", "server_setup_incomplete",
                                                                     "fix_config")
    assert "get_audiences" in result.summary


def test_authlib_form_post_needs_an_http_redirect_uri() -> None:
    # was: an ambiguous invalid_request; Authlib 1.9.10's oidc/core/grants/util.py (from 1.9.3) refuses
    # response_mode=form_post to a redirect URI that is not http or https
    result = classify(400, {"error": "invalid_request",
                            "error_description": "The 'form_post' response mode requires an http or https "
                                                 "redirect URI."},
                      provider="authlib")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_request", "response_mode_not_supported",
                                                                     "fix_config")


# league/oauth2-server (Laravel Passport)


def test_passport_13_always_hashes_client_secrets() -> None:
    # was: hashing only with Passport::hashClientSecrets() (12.x); Passport 13.0's upgrade guide says secrets are
    # always hashed and removes that method
    found = [q for q in get_profile("league-oauth2-server").quirks if q.source == PASSPORT_13_UPGRADE]
    assert len(found) == 1
    assert "Passport 13 always stores a hash" in found[0].text and found[0].basis == "confirmed"


def test_passport_invalid_client_candidate_names_the_13_default() -> None:
    # was: the bad_client_secret candidate named hashClientSecrets() only; Passport 13 hashes every secret
    result = classify(401, {"error": "invalid_client", "error_description": "Client authentication failed",
                            "message": "Client authentication failed"},
                      provider="league-oauth2-server")
    hints = [c.tells_apart for c in result.candidates if c.cause == "bad_client_secret"]
    assert hints and "Passport 13 always keeps a hash" in hints[0]


# node-oauth2-server


def test_node_oauth2_server_pkce_note_says_since_5_3_0() -> None:
    # was: S256-only stated without a version; commit 2d0659f, released in 5.3.0 (npm, 2026-04-22), made S256 the
    # default and refused plain unless enablePlainPKCE; 5.2.1 accepted plain and defaulted to it
    pkce = get_profile("node-oauth2-server").pkce
    assert pkce.methods == ["S256"]
    assert "Since 5.3.0" in pkce.note and "5.2.1 and earlier accept plain" in pkce.note
    assert str(pkce.checked) == "2026-12-07"


# Hydra


def test_hydra_grace_period_reuse_count_is_known() -> None:
    # was: only rotation_grace_period; Hydra v25.4.0's driver/config/provider.go adds rotation_grace_reuse_count and
    # lets the period reach 180 days with a count (5 minutes without)
    rotation = get_profile("hydra").token_policy.rotation
    assert rotation.reuse_grace_seconds == 0
    assert "rotation_grace_reuse_count" in rotation.note and "v25.4.0" in rotation.note


# WSO2


def test_wso2_renewed_refresh_token_lifetime_switch_is_known() -> None:
    # was: no word on whether renewal extends the refresh token's lifetime; component 7.0.409 (2025-12-18) reads
    # extendRenewedRefreshTokenExpiryTime per application, falling back on the server default (true)
    lifetime = get_profile("wso2").token_policy.refresh_token_lifetime
    assert lifetime.seconds == 86400
    assert "ExtendRenewedRefreshTokenExpiryTime" in lifetime.note and "7.0.409" in lifetime.note
