"""Facts corrected when the confirmed facts of the Mastodon, VK, WeChat, Lark and Adobe profiles were read again in
their cited sources (2026-12-07), each through the behaviour it changes (bundled profiles).

Each test says what the profile said and what the provider's own source says.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from profile_probe_support import config_findings, policy_judgement

from oauthdoctor import classify
from oauthdoctor.checks.endpoints import endpoint_host
from oauthdoctor.model import Status
from oauthdoctor.profiles.loader import get_profile

NOW = datetime(2026, 12, 7, tzinfo=UTC)


def _policy_titles(provider: str, **values: str) -> list[tuple[Status, str]]:
    return [(f.status, f.title) for f in policy_judgement(provider, NOW, **values)]


def _vk(code: int, message: str) -> str:
    return json.dumps({"error": {"error_code": code, "error_msg": message, "request_params": []}})


def _lark(code: int, msg: str) -> str:
    return json.dumps({"code": code, "msg": msg})


def test_wechat_refresh_token_lifetime_is_not_extended_by_refreshing() -> None:
    # was: "30 days"; WeChat's website-app page (section 2) says 30 days and not renewable, the Mobile App page 180
    titles = _policy_titles("wechat", refresh_token_issued_at="2026-12-01T00:00:00Z")
    assert titles[0][0] == Status.PASS
    assert "not extended by refreshing" in titles[0][1] and "180 days" in titles[0][1]


def test_vk_1117_expired_token_means_a_new_authorization_for_oauth_vk_com_tokens() -> None:
    # was: retry (refresh once), basis confirmed; the profile's own oauth.vk.com has no refresh token, and only
    # VK ID's page gives a refreshable (1-hour) token
    e = classify(200, _vk(1117, "Access token has expired"), provider="vk")
    assert (e.cause, e.decision, e.basis) == ("ambiguous", "reauth", "heuristic")
    assert [(c.cause, c.decision) for c in e.candidates] == [("short_lived_token_without_refresh", "reauth"),
                                                            ("access_token_expired", "retry")]


def test_vk_code_flow_page_moved_and_is_marked_outdated() -> None:
    # was: https://vk.com/dev/authcode_flow_user (API v5.124 copy) and implicit on the SDK README; dev.vk.com calls
    # OAuth VKontakte outdated, and VK's implicit-flow page states the implicit grant
    profile = get_profile("vk")
    assert profile.endpoints.authorize is not None
    assert profile.endpoints.authorize.source == "https://dev.vk.com/ru/api/access-token/authcode-flow-user"
    assert "устарел" in (profile.endpoints.authorize.note or "")
    assert "oauth-vkontakte/implicit-flow-user" in (profile.grants.note or "")


def test_lark_authorize_page_is_on_accounts_feishu_cn() -> None:
    # was: https://open.feishu.cn/open-apis/authen/v1/authorize (what Lark's MCP server builds); Lark's
    # obtain-oauth-code page gives the accounts.feishu.cn host
    profile = get_profile("lark")
    url = "https://accounts.feishu.cn/open-apis/authen/v1/authorize"
    assert profile.endpoints.authorize is not None and profile.endpoints.authorize.url == url
    verdict = endpoint_host(url, profile)
    assert verdict is not None and verdict.verdict == "own"  # check-env's endpoint-host rule no longer flags it


def test_lark_99991671_is_first_a_malformed_token() -> None:
    # was: access_token_invalid, retry (Go SDK only); Lark's CLI defines 99991671 as a token format error (t-/u-)
    e = classify(200, _lark(99991671, "Invalid access token for authorization"), provider="lark")
    assert (e.failure_class, e.cause, e.decision) == ("invalid_token", "ambiguous", "fix_config")
    assert [(c.cause, c.decision) for c in e.candidates] == [("access_token_malformed", "fix_config"),
                                                            ("access_token_invalid", "retry")]


def test_lark_99991668_leads_with_a_new_authorization() -> None:
    # was: decision retry, note saying the MCP server refreshes on it; the MCP server re-authorizes on this code
    # and Lark's CLI hints re-authorize
    e = classify(200, _lark(99991668, "user access token invalid"), provider="lark")
    assert (e.cause, e.decision) == ("ambiguous", "reauth")


def test_lark_refresh_tokens_are_single_use_and_need_offline_access() -> None:
    # was: no token_policy, refresh_token without condition; Lark's refresh page: single use, the old one void at
    # once, and only with offline_access enabled and requested
    rotation = get_profile("lark").token_policy.rotation
    assert rotation is not None
    assert (rotation.mode, rotation.omits_refresh_token, rotation.basis) == ("always", False, "confirmed")
    assert "the refresh_token grant is off by default at Lark / Feishu" in config_findings(
        "lark", NOW, grant_type="refresh_token")


def test_lark_go_sdk_second_pass_needs_its_token_cache() -> None:
    # was: "the basis of retry for them" (unconditional); httptransport.go L243-L245 loops only with
    # EnableTokenCache
    assert "EnableTokenCache" in (get_profile("lark").quirks[1].note or "")


def test_adobe_mismatched_redirect_uri_may_also_be_refused() -> None:
    # was: a mismatch never fails (ims.md L172 alone); implementation.md L96: the request is completed only if the
    # redirect URI passes the pattern
    quirk = get_profile("adobe").quirks[2]
    assert "Adobe's pages disagree" in quirk.text and "does not fail" not in quirk.text
    assert (quirk.source or "").endswith("implementation.md#L94-L98")


def test_adobe_refresh_lifetime_no_longer_says_never_for_public_credentials() -> None:
    # was: "never to Single Page App or Native App credentials"; ims.md L322-L328 shows a refresh request for them
    titles = _policy_titles("adobe", refresh_token_issued_at="2026-12-01T00:00:00Z")
    assert titles[0][0] == Status.PASS
    assert "disagree" in titles[0][1] and "never" not in titles[0][1]


def test_adobe_gateway_403010_is_a_missing_token_read_from_adobes_page() -> None:
    # was: only the generic words read it (no basis); Experience Platform's troubleshooting page: 403010 'Oauth token
    # is missing' for a request without an Authorization header
    e = classify(403, json.dumps({"error_code": "403010", "message": "Oauth token is missing."}), provider="adobe")
    assert (e.cause, e.decision, e.basis) == ("access_token_missing", "fix_config", "confirmed")


def test_mastodon_https_ssl_redirect_text_means_a_modified_server() -> None:
    # was: "this instance refuses plain http redirect URIs"; Mastodon's doorkeeper.rb sets
    # force_ssl_in_redirect_uri false and forbids only data/vbscript/javascript
    body = json.dumps({"error": "Validation failed: Redirect URI must be an HTTPS/SSL URI."})
    e = classify(422, body, provider="mastodon")
    assert e.cause == "redirect_uri_malformed"
    assert any("does not come from stock Mastodon" in h for h in e.hints)
    assert not any("this instance refuses plain http" in h for h in e.hints)


def test_mastodon_revoked_token_text_is_mastodons_own() -> None:
    # was: heuristic (Doorkeeper's locale only); Mastodon's base_controller renders Doorkeeper's description and its
    # own doorkeeper.en.yml gives the revoked text
    e = classify(401, json.dumps({"error": "The access token was revoked"}), provider="mastodon")
    assert (e.cause, e.decision, e.basis) == ("token_revoked", "reauth", "confirmed")
