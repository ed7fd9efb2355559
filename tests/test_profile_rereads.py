"""Facts corrected when the confirmed facts of the most used profiles were read again in their cited sources
(round thirty-two, 2026-12-07), each through the behaviour it changes (bundled profiles).

Each test says what the profile said and what the provider's own source says.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from profile_probe_support import config_findings, policy_findings

from oauthdoctor import classify
from oauthdoctor.classifier import Explanation
from oauthdoctor.model import Status
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect import compare

NOW = datetime(2026, 12, 7, tzinfo=UTC)


def _policy(provider: str, **values: str) -> list[tuple[Status, str]]:
    return policy_findings(provider, NOW, **values)


def _config(provider: str, **values: str) -> list[str]:
    return config_findings(provider, NOW, **values)


def test_atlassian_reuse_after_the_leeway_revokes_the_family() -> None:
    # was: reuse_detection false ("not documented"); Atlassian's rotating-token announcement says reuse outside
    # the 10-minute leeway invalidates all refresh tokens and the user must consent again
    rotation = get_profile("atlassian").token_policy.rotation
    assert rotation is not None
    assert (rotation.reuse_detection, rotation.reuse_grace_seconds) == (True, 600)


def test_atlassian_refresh_failure_lists_a_password_change_not_a_missing_offline_scope() -> None:
    # was: candidate offline_access_missing (no refresh token at all cannot produce this answer); the
    # refresh-token page names a changed password
    result = classify(403, {"error": "invalid_grant", "error_description": "Unknown or invalid refresh token."},
                      provider="atlassian")
    causes = [c.cause for c in result.candidates]
    assert (result.decision, causes) == ("reauth", ["refresh_token_reused_after_rotation", "refresh_token_expired",
                                                    "password_changed"])


def test_bitbucket_accepts_a_sub_path_of_the_callback_url() -> None:
    # was: exact (unconfirmed); Atlassian's Use OAuth on Bitbucket Cloud page: a sent redirect_uri must extend
    # the consumer's Callback URL
    assert compare(["https://app.test/add-on"], "https://app.test/add-on/function", provider="bitbucket").accepted
    assert not compare(["https://app.test/add-on"], "https://app.test/add-onx", provider="bitbucket").accepted
    assert not compare(["https://app.test/add-on"], "https://other.test/add-on", provider="bitbucket").accepted


def test_bitbucket_client_credentials_is_a_grant_it_supports() -> None:
    # was: authorization_code and refresh_token only; the same page lists code, implicit and client credentials
    assert not any("does not support" in t for t in _config("bitbucket", grant_type="client_credentials"))
    assert any("does not support the password grant" in t for t in _config("bitbucket", grant_type="password"))


def test_servicenow_implicit_grant_is_off_until_the_client_is_listed() -> None:
    # was: implicit supported with nothing to enable; ServiceNow's hardening page: implicit requests fail out of
    # the box unless the client ID is in glide.oauth.clients.allowed.for.implicit.grant
    titles = _config("servicenow", grant_type="implicit", instance="acme")
    assert any("the implicit grant is off by default" in t for t in titles)
    assert not any("does not support" in t for t in titles)


def test_gitlab_stale_doorkeeper_password_text_is_no_longer_confirmed() -> None:
    # was: basis confirmed on GitLab's locale file alone; Doorkeeper has not emitted that key since 2016
    body = {"error": "invalid_grant", "error_description": "The provided resource owner credentials are not valid, "
                                                           "or resource owner cannot be found."}
    result = classify(400, body, provider="gitlab")
    assert (result.cause, result.decision, result.basis) == ("resource_owner_credentials_invalid", "fix_config",
                                                             "heuristic")


def test_salesforce_takes_client_credentials_in_http_basic_too() -> None:
    # was: client_secret_post only ("Basic unconfirmed"); Salesforce's REST guide takes a Basic header instead
    # (what `providers show salesforce` lists; the live trial itself learns the method by observation)
    client_auth = get_profile("salesforce").client_auth
    assert (list(client_auth.accepted), client_auth.preferred, client_auth.basis) == (
        ["client_secret_post", "client_secret_basic"], "client_secret_post", "confirmed")


def test_slack_pkce_errors_are_read() -> None:
    # new since Slack's PKCE went GA (2026-03-30): pkce_not_allowed for an app without the PKCE switch,
    # invalid_code_verifier for a verifier that does not match
    off = classify(200, {"ok": False, "error": "pkce_not_allowed"}, provider="slack")
    assert (off.failure_class, off.cause, off.decision) == ("unauthorized_client", "pkce_not_enabled_for_client",
                                                           "fix_config")
    bad = classify(200, {"ok": False, "error": "invalid_code_verifier"}, provider="slack")
    assert (bad.failure_class, bad.cause, bad.decision) == ("invalid_grant", "pkce_verifier_mismatch", "fix_config")


def test_shopify_refresh_tokens_live_ninety_days() -> None:
    # was: no refresh-token lifetime; Shopify's changelog of 2026-08-28 speaks of the normal 90-day lifetime
    assert _policy("shopify", refresh_token_issued_at=(NOW - timedelta(days=30)).isoformat()) == []
    assert [s for s, _ in _policy("shopify", refresh_token_issued_at=(NOW - timedelta(days=95)).isoformat())] == [
        Status.FAIL]


def test_github_bad_credentials_names_the_ten_token_cap() -> None:
    # was: the revoked candidate named user, admin, a year unused and leaks; GitHub also revokes the oldest of
    # more than ten OAuth tokens for one user, app and scope set
    result = classify(401, {"message": "Bad credentials"}, provider="github")
    revoked = next(c for c in result.candidates if c.cause == "token_revoked")
    assert "more than ten tokens" in revoked.tells_apart


def test_zoom_pkce_clients_may_use_a_loopback_redirect_on_any_port() -> None:
    # was: loopback off; Zoom's changelog (PKCE loopback support): http://127.0.0.1:{port}/{path} for PKCE and
    # native clients, the port ignored
    assert compare(["http://127.0.0.1/cb"], "http://127.0.0.1:5123/cb", provider="zoom", client_type="native").accepted
    assert not compare(["http://127.0.0.1/cb"], "http://127.0.0.1:5123/cb", provider="zoom").accepted
    assert not compare(["https://app.test/cb"], "https://app.test:8443/cb", provider="zoom",
                       client_type="native").accepted


def test_zoom_public_pkce_clients_send_no_secret() -> None:
    # was: Basic and body only, PKCE unconfirmed; Zoom's PKCE page: a public client ID without a secret, S256
    profile = get_profile("zoom")
    assert "none" in profile.client_auth.accepted
    assert (list(profile.pkce.methods), profile.pkce.basis) == (["S256"], "confirmed")


def test_x_generic_unauthorized_gives_each_candidate_its_decision() -> None:
    # was: three candidates under one retry; two of them are not fixed by a refresh
    result = classify(401, {"type": "about:blank", "title": "Unauthorized", "status": 401, "detail": "Unauthorized"},
                      provider="x")
    assert result.decision == "retry"
    assert [(c.cause, c.decision) for c in result.candidates] == [
        ("access_token_expired", "retry"), ("token_revoked", "reauth"), ("credentials_regenerated", "fix_config")]


def test_auth0_bare_unauthorized_lists_three_client_causes() -> None:
    # was: bad_client_secret, confirmed, from one maintainer's comment; auth0.js#317 shows the same body fixed by
    # the application type
    result = classify(401, {"error": "access_denied", "error_description": "Unauthorized"}, provider="auth0")
    assert (result.cause, result.decision, result.basis) == ("ambiguous", "fix_config", "heuristic")
    assert [c.cause for c in result.candidates] == ["bad_client_secret", "wrong_client_auth_method",
                                                    "grant_type_not_enabled_for_client"]


def test_auth0_swift_wording_of_a_deleted_user_is_read() -> None:
    # was: 'does not exist anymore' only; Auth0.swift's text says "doesn't"
    body = {"error": "invalid_grant",
            "error_description": "The refresh_token was generated for a user who doesn't exist anymore."}
    result = classify(403, body, provider="auth0")
    assert (result.cause, result.decision) == ("user_deleted", "reauth")


def test_cognito_texts_no_aws_page_prints_are_heuristic() -> None:
    # was: confirmed; the guide states the meaning, not these words
    revoked = classify(400, {"__type": "NotAuthorizedException", "message": "Access Token has been revoked"},
                       provider="aws-cognito")
    assert (revoked.cause, revoked.decision, revoked.basis) == ("token_revoked", "reauth", "heuristic")
    password = classify(400, {"__type": "NotAuthorizedException", "message": "Incorrect username or password."},
                        provider="aws-cognito")
    assert (password.cause, password.decision, password.basis) == (
        "resource_owner_credentials_invalid", "fix_config", "heuristic")


def _entra(code: str, text: str) -> Explanation:
    return classify(400, {"error": "invalid_grant", "error_description": f"{code}: {text}"}, provider="microsoft")


def test_entra_lockout_is_not_cleared_by_signing_in_again() -> None:
    # was: reauth; the table gives a smart lockout or a blocked risky IP and sends the admin to remediate
    result = _entra("AADSTS50053", "The account is locked, you've tried to sign in too many times.")
    assert (result.cause, result.decision) == ("ambiguous", "fix_config")
    assert [(c.cause, c.decision) for c in result.candidates] == [
        ("account_locked_temporarily", "reauth"), ("account_locked", "fix_config")]


def test_entra_codes_reread_in_the_table() -> None:
    # AADSTS70005 also covers id_token without openid; AADSTS50000 follows Microsoft's support article (five causes,
    # each fixed in configuration; round thirty-three); AADSTS50173 keeps its cause name, which its own message
    # states (the table names revocation)
    response_type = _entra("AADSTS70005", "unsupported_response_type")
    assert [c.cause for c in response_type.candidates] == ["implicit_grant_not_enabled", "openid_scope_missing"]
    revoked = _entra("AADSTS50173", "The provided grant has expired due to it being revoked.")
    assert (revoked.cause, revoked.decision) == ("grant_revoked_password_change", "reauth")
    assert "or the user or an admin revoked the tokens" in revoked.summary
    issuing = _entra("AADSTS50000", "There was an error issuing a token.")
    assert (issuing.basis, issuing.decision) == ("confirmed", "fix_config")
    mistyped = _entra("AADSTS50034", "The user account does not exist in the directory.")
    assert [(c.cause, c.decision) for c in mistyped.candidates] == [("wrong_tenant", "fix_config"),
                                                                    ("username_mistyped", "reauth")]


def test_google_android_custom_scheme_wording_of_the_installed_app_guide() -> None:
    # was: only "... are not allowed for ..."; the guide quotes "Custom URI scheme is not supported on Android or
    # Chrome apps", and the hint no longer offers a setting to enable
    result = classify(400, "Error 400: invalid_request Custom URI scheme is not supported on Android or Chrome apps.",
                      provider="google")
    assert (result.cause, result.decision) == ("client_type_mismatch", "fix_config")
    assert not any("advanced settings" in h for h in result.hints)


def test_google_refuses_a_fragment_in_a_redirect_uri() -> None:
    # was: fragment missing from forbidden; the web-server guide's validation rules refuse a fragment
    assert not compare(["https://app.test/cb#x"], "https://app.test/cb#x", provider="google").accepted


def test_youtube_channel_missing_does_not_ask_for_a_new_consent() -> None:
    # was: "then authorise again"; YouTube's guide repeats the same request once the channel exists
    result = classify(401, {"error": {"errors": [{"reason": "youtubeSignupRequired"}], "code": 401}},
                      provider="google")
    assert result.cause == "youtube_channel_required"
    assert "repeat the same request" in result.summary and "authorise again" not in result.summary


def test_firebase_wrong_login_lists_the_typed_in_reading() -> None:
    # was: one fix_config cause; with email enumeration protection a typed-in wrong password looks the same
    result = classify(400, {"error": {"code": 400, "message": "INVALID_LOGIN_CREDENTIALS"}}, provider="firebase")
    assert [(c.cause, c.decision) for c in result.candidates] == [
        ("resource_owner_credentials_invalid", "reauth"), ("stored_credentials_wrong", "fix_config")]
    sdk = classify(None, "FirebaseError: Firebase: Error (auth/invalid-credential).", provider="firebase")
    assert "resource_owner_credentials_invalid" in [c.cause for c in sdk.candidates]


def test_firebase_refresh_tokens_end_only_on_account_events() -> None:
    # was: unconfirmed; Firebase's Manage User Sessions page lists deletion, disabling and a major account change
    lifetime = get_profile("firebase").token_policy.refresh_token_lifetime
    assert lifetime is not None and (lifetime.seconds, lifetime.basis) == (None, "confirmed")


# --- second wave: SaaS and consumer APIs, open-source servers -------------------------------------------------


def test_zoho_pkce_and_its_refresh_token_cap() -> None:
    # was: PKCE unsupported (unconfirmed), no cap; Zoho Accounts documents PKCE for mobile and desktop apps and
    # at most 20 refresh tokens per client, the 21st removing the first
    profile = get_profile("zoho")
    assert (profile.pkce.supported, profile.pkce.required, list(profile.pkce.methods)) == (
        True, "public_clients", ["S256", "plain"])
    cap = profile.token_policy.max_refresh_tokens
    assert cap is not None and (cap.count, cap.at_cap) == (20, "revoke_oldest")


def test_zoho_token_throttle_is_a_retry_not_a_refusal() -> None:
    # Zoho answers 'Access Denied' (often HTTP 200) once a refresh token made ten access tokens in ten minutes;
    # a user's refusal at the consent screen keeps its reading
    throttled = classify(200, {"error": "Access Denied", "error_description": "You have made too many requests "
                               "continuously. Please try again after some time.", "status": "failure"},
                         provider="zoho")
    assert (throttled.failure_class, throttled.decision) == ("rate_limited", "retry")
    refused = classify(None, "https://app.test/cb?error=access_denied&state=x", provider="zoho")
    assert (refused.failure_class, refused.decision) == ("access_denied", "reauth")


def test_xero_bad_credentials_are_invalid_client_and_a_bare_unauthorized_client_is_open() -> None:
    # was: every unauthorized_client read as bad credentials (unconfirmed); Xero's troubleshooting page gives
    # invalid_client for those, and new apps get unauthorized_client for the retired broad scopes
    bad = classify(400, {"error": "invalid_client"}, provider="xero")
    assert (bad.cause, bad.decision, bad.basis) == ("bad_client_credentials", "fix_config", "confirmed")
    bare = classify(400, {"error": "unauthorized_client"}, provider="xero")
    assert (bare.failure_class, bare.cause) == ("unauthorized_client", "ambiguous")
    assert [c.cause for c in bare.candidates] == ["scope_not_allowed_for_client", "bad_client_credentials"]
    unknown = classify(None, "Error code: 500 Error: unauthorized_client : Unknown client or client not enabled",
                       provider="xero")
    assert (unknown.failure_class, unknown.cause) == ("invalid_client", "unknown_client_id")


def test_zendesk_invalid_grant_candidates_carry_their_decisions() -> None:
    # was: one reauth over candidates the article fixes by configuration
    body = {"error": "invalid_grant", "error_description": "The provided access grant is invalid, expired, or "
            "revoked (e.g. invalid assertion, expired authorization token, bad end-user password credentials, or "
            "mismatching authorization code and redirection URI)."}
    result = classify(400, body, provider="zendesk")
    assert [(c.cause, c.decision) for c in result.candidates] == [
        ("wrong_parameter_name", "fix_config"), ("redirect_uri_differs_from_authorize", "fix_config"),
        ("auth_code_expired_or_reused", "reauth"), ("refresh_token_expired_or_revoked", "reauth")]


def test_dot_matches_the_query_exactly_since_3_4_1() -> None:
    # was: DOT 3.4.0's subset rule; 3.4.1 (the release the tests install) compares the exact query and refuses
    # userinfo (tests/test_redirect_dot_real.py runs DOT's own matcher on such pairs)
    assert not compare(["https://a.test/cb?a=1"], "https://a.test/cb?a=1&b=2", provider="django-oauth-toolkit").accepted
    assert not compare(["https://a.test/cb"], "https://u@a.test/cb", provider="django-oauth-toolkit").accepted


def test_doorkeeper_redirect_text_with_doesnt_is_read() -> None:
    # was: 'does not match', which the locale never says
    body = {"error": "invalid_redirect_uri",
            "error_description": "The requested redirect URI is malformed or doesn't match the client redirect URI."}
    result = classify(400, body, provider="doorkeeper")
    assert (result.cause, result.decision, result.basis) == ("redirect_uri_not_registered", "fix_config", "confirmed")


def test_tiktok_login_kit_lifetimes_and_rotation() -> None:
    # was: the Business API's 24 h / 365 days, no rotation; TikTok's November 2026 token pages: 2 h, 180 days,
    # and every refresh replaces the refresh token
    policy = get_profile("tiktok").token_policy
    assert policy.access_token_lifetime is not None and policy.refresh_token_lifetime is not None
    assert (policy.access_token_lifetime.seconds, policy.refresh_token_lifetime.seconds) == (7200, 15552000)
    assert policy.rotation is not None and policy.rotation.mode == "always"
    assert [s for s, _ in _policy("tiktok", refresh_token_issued_at=(NOW - timedelta(days=200)).isoformat())] == [
        Status.FAIL]


def test_spotify_no_longer_has_the_implicit_grant() -> None:
    # was: implicit listed from a 2020 spec; Spotify ended it on 27 November 2025
    assert any("does not support the implicit grant" in t for t in _config("spotify", grant_type="implicit"))


def test_reddit_tokens_as_the_live_service_answers() -> None:
    # was: 1 hour and a refresh without refresh_token (2017 code); recorded live answers since 2022: 24 hours,
    # the same refresh token returned
    policy = get_profile("reddit").token_policy
    assert policy.access_token_lifetime is not None and policy.rotation is not None
    assert (policy.access_token_lifetime.seconds, policy.access_token_lifetime.basis) == (86400, "heuristic")
    assert (policy.rotation.mode, policy.rotation.omits_refresh_token) == ("none", False)


def test_discord_candidates_carry_their_decisions() -> None:
    # was: one decision over candidates that differ (a missing code_verifier is configuration; a bot token
    # cannot be refreshed)
    grant = classify(400, {"error": "invalid_grant"}, provider="discord")
    assert [(c.cause, c.decision) for c in grant.candidates] == [
        ("pkce_verifier_missing", "fix_config"), ("auth_code_expired_or_reused", "reauth"),
        ("redirect_uri_differs_from_authorize", "fix_config"), ("refresh_token_expired_or_revoked", "reauth")]
    token = classify(401, {"message": "Invalid authentication token provided", "code": 50014}, provider="discord")
    assert [(c.cause, c.decision) for c in token.candidates] == [
        ("bot_token_invalid", "fix_config"), ("access_token_expired", "retry"),
        ("access_token_malformed", "fix_config")]


def test_docusign_public_apps_use_pkce_and_refresh_tokens_rotate() -> None:
    # was: Basic only, PKCE never required, no rotation; DocuSign's public Authorization Code Grant uses PKCE
    # instead of a secret, and a refresh returns a new refresh token
    profile = get_profile("docusign")
    assert "none" in profile.client_auth.accepted and profile.pkce.required == "public_clients"
    assert profile.token_policy.rotation is not None and profile.token_policy.rotation.mode == "always"


def test_amazon_login_with_amazon_facts() -> None:
    # was: body credentials only, no PKCE, no regional hosts, no lifetime; LWA's pages take Basic and PKCE, list
    # the EU and FE token hosts, and a public SP-API app's authorisation lasts 365 days
    profile = get_profile("amazon")
    assert list(profile.client_auth.accepted) == ["client_secret_post", "client_secret_basic"]
    assert (profile.pkce.supported, list(profile.pkce.methods)) == (True, ["S256", "plain"])
    assert {"api.amazon.co.uk", "api.amazon.co.jp"} <= set(profile.endpoints.hosts)
    lifetime = profile.token_policy.refresh_token_lifetime
    assert lifetime is not None and "365 days" in lifetime.text


def test_open_source_servers_defaults_read_in_their_sources() -> None:
    # authentik's admin form pre-fills 5 minutes (was Terraform's 10); ZITADEL ships 12 h / 90 d / 30 d idle (was
    # unread) and its own code exchange does not refuse a public client without PKCE (was the library's rule);
    # FusionAuth's Token page contradicts itself on a Reusable refresh answer (heuristic since)
    authentik = get_profile("authentik").token_policy.access_token_lifetime
    assert authentik is not None and (authentik.seconds, authentik.basis) == (300, "confirmed")
    zitadel = get_profile("zitadel")
    policy = zitadel.token_policy
    assert policy.access_token_lifetime is not None and policy.refresh_token_lifetime is not None
    assert policy.refresh_inactivity_expiry is not None
    assert (policy.access_token_lifetime.seconds, policy.refresh_token_lifetime.seconds,
            policy.refresh_inactivity_expiry.seconds) == (43200, 7776000, 2592000)
    assert (zitadel.pkce.required, zitadel.pkce.basis) == ("never", "heuristic")
    rotation = get_profile("fusionauth").token_policy.rotation
    assert rotation is not None and (rotation.omits_refresh_token, rotation.basis) == (True, "heuristic")
