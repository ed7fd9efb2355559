"""The WeChat profile: WeChat's numbered errors (``{"errcode": N, "errmsg": ...}`` with HTTP 200) map to the class,
cause and decision the profile states, a WeChat body, log line or API host is recognised without ``--provider``, and
bodies of other APIs that also answer errcode/errmsg stay unclaimed.

Bodies are written here from the codes and English errmsg texts of WeChat's global return-code table as WxJava and
wechatpy transcribe it, and from silenceper/wechat's log format; none is copied from a report.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id


def wx(code: int, message: str) -> str:
    return json.dumps({"errcode": code, "errmsg": message})


CASES = [
    # (code, errmsg, class, cause, decision)
    (40029, "invalid code", "invalid_grant", "auth_code_invalid_or_reused", "reauth"),
    (40163, "code been used", "invalid_grant", "auth_code_reused", "reauth"),
    (42003, "code expired", "invalid_grant", "auth_code_expired", "reauth"),
    (41008, "missing code", "invalid_request", "missing_parameter", "fix_config"),
    (40030, "invalid refresh_token", "invalid_grant", "refresh_token_invalid", "reauth"),
    (42002, "refresh_token expired", "invalid_grant", "refresh_token_expired", "reauth"),
    (42007, "access_token and refresh_token exception", "invalid_grant", "token_revoked", "reauth"),
    (42001, "access_token expired", "invalid_token", "access_token_expired", "retry"),
    (40014, "invalid access_token", "invalid_token", "ambiguous", "retry"),
    (40001, "invalid credential, access_token is invalid or not latest", "invalid_client", "ambiguous",
     "fix_config"),
    (40125, "invalid appsecret", "invalid_client", "bad_client_secret", "fix_config"),
    (40013, "invalid appid", "invalid_client", "unknown_client_id", "fix_config"),
    (41004, "appsecret missing", "invalid_client", "client_authentication_missing", "fix_config"),
    (40002, "invalid grant_type", "unsupported_grant_type", "grant_type_not_supported", "fix_config"),
    (40164, "invalid ip 203.0.113.9 ipv6 ::ffff:203.0.113.9, not in whitelist", "access_denied", "ip_not_allowed",
     "fix_config"),
    (48001, "api unauthorized", "unauthorized_client", "feature_or_api_not_enabled", "fix_config"),
    (50002, "user limited", "access_denied", "account_disabled", "reauth"),
    (45009, "reach max api daily quota limit", "rate_limited", "rate_limit_exceeded", "retry"),
    (45011, "api minute-quota reach limit, must slower, retry next minute", "rate_limited", "rate_limit_exceeded",
     "retry"),
    (-1, "system error", "temporarily_unavailable", "idp_transient_outage", "retry"),
]


READ_IN_WECHATS_PAGES = {-1, 40001, 40002, 40013, 40014, 40029, 40125, 41001, 41002, 41004, 42001, 43003, 45009,
                         45011, 48001, 48004, 50001, 50002}


@pytest.mark.parametrize(("code", "message", "cls", "cause", "decision"), CASES, ids=[str(c[0]) for c in CASES])
def test_wechat_codes_map_as_the_tables_state(code: int, message: str, cls: str, cause: str, decision: str) -> None:
    for provider in ("wechat", None):  # WeChat answers HTTP 200; the body's words alone name the provider
        e = classify(200, wx(code, message), provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("wechat", cls, cause, decision)
        assert e.provider_code == str(code)
        # codes read in WeChat's own pages (global return codes, snsAccessToken, ...) are confirmed; the rest rest on
        # third-party SDKs' tables and say so
        assert e.basis == ("confirmed" if code in READ_IN_WECHATS_PAGES else "heuristic")
        assert e.confidence in (("high", "medium", "low") if code in READ_IN_WECHATS_PAGES else ("medium", "low"))


def test_a_code_used_twice_says_so_and_hints_at_a_double_exchange() -> None:
    e = classify(200, wx(40163, "code been used, rid: 6571b2c3-0a1b2c3d-4e5f6a7b"))
    assert (e.failure_class, e.cause, e.decision, e.normalized_status) == (
        "invalid_grant", "auth_code_reused", "reauth", 400)
    assert any("exchanges the code twice" in h for h in e.hints)


def test_40001_lists_the_secret_a_superseded_token_and_another_account() -> None:
    e = classify(200, wx(40001, "invalid credential, access_token is invalid or not latest"))
    assert [c.cause for c in e.candidates] == ["bad_client_secret", "access_token_superseded",
                                               "token_for_other_client"]
    assert e.confidence == "medium"  # every candidate is a configuration fix


def test_an_sdk_log_line_is_read_as_wechat() -> None:
    e = classify(None, "GetUserAccessToken Error , errcode=42003 , errmsg=code expired")
    assert (e.provider, e.provider_code, e.failure_class, e.cause, e.decision) == (
        "wechat", "42003", "invalid_grant", "auth_code_expired", "reauth")


def test_the_api_host_names_wechat_whatever_the_message() -> None:
    e = classify(200, wx(40030, "some other words"), url="https://api.weixin.qq.com/sns/oauth2/refresh_token")
    assert (e.provider, e.failure_class, e.cause, e.decision) == (
        "wechat", "invalid_grant", "refresh_token_invalid", "reauth")


def test_the_authorization_page_refusing_redirect_uri() -> None:
    page = "<html><head><title>微信网页授权</title></head><body><p>redirect_uri 参数错误</p></body></html>"
    e = classify(200, page)
    assert (e.provider, e.failure_class, e.cause, e.decision) == (
        "wechat", "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


def test_other_errcode_apis_are_not_claimed() -> None:
    # errcode/errmsg with words that are not WeChat's (another Chinese API, or WeChat's numbers in Chinese text)
    assert classify(200, json.dumps({"errcode": 40014, "errmsg": "不合法的access_token"})).provider is None
    assert classify(200, json.dumps({"errcode": 88, "errmsg": "ding talk error"})).provider is None
    assert classify(200, json.dumps({"errcode": 0, "errmsg": "ok"})).provider is None
    graph = json.dumps({"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190,
                                  "fbtrace_id": "AbCdEf"}})
    assert classify(400, graph).provider == "meta"
    vk = json.dumps({"error": {"error_code": 5, "error_msg": "User authorization failed: invalid session."}})
    assert classify(200, vk).provider == "vk"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("wechat")
    assert {resolve_id(a) for a in ("weixin", "wechat-open", "wechat-mp")} == {"wechat"}
    assert profile.endpoints.authorize.url == "https://open.weixin.qq.com/connect/oauth2/authorize"
    assert profile.endpoints.token.url == "https://api.weixin.qq.com/sns/oauth2/access_token"
    assert profile.token_policy.access_token_lifetime.seconds == 7200
    assert profile.token_policy.refresh_token_lifetime.basis == "confirmed"  # 30 days, WeChat's snsRefreshToken page
    assert profile.pkce.supported is False
    assert profile.redirect.subdirectories is True and profile.redirect.subdomains is False


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "weixin", "--format", "json", "--status",
         "200", wx(42001, "access_token expired rid: 6571b2c3-0a1b2c3d-4e5f6a7b")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "wechat", "invalid_token", "access_token_expired", "retry", "42001")
    assert out["normalized_status"] == 401
