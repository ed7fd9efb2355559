"""The Lark / Feishu profile: the token codes Lark's own SDKs act on (``{"code": N, "msg": ...}``) map to the class,
cause and decision the profile states, a Lark body, Go SDK log line or API host is recognised without ``--provider``,
and code/msg bodies with other numbers stay unclaimed.

Bodies are written here in the shape of oapi-sdk-go's CodeError with the codes named in oapi-sdk-go's
core/constants.go and lark-openapi-mcp's src/utils/constants.ts; the messages are this test's own words.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id


def lark(code: int, message: str) -> str:
    return json.dumps({"code": code, "msg": message, "error": {"log_id": "202612051200000000000000000000"}})


CASES = [
    # (code, msg, class, cause, decision)
    (99991671, "access token invalid", "invalid_token", "ambiguous", "fix_config"),  # a token of the wrong format first
    (99991664, "app access token invalid", "invalid_token", "app_token_invalid", "retry"),
    (99991663, "tenant access token invalid", "invalid_token", "tenant_token_invalid", "retry"),
    (99991668, "user access token invalid", "invalid_token", "ambiguous", "reauth"),
    (99991679, "user access token lacks the permission", "insufficient_scope", "ambiguous", "fix_config"),
]


@pytest.mark.parametrize(("code", "message", "cls", "cause", "decision"), CASES, ids=[str(c[0]) for c in CASES])
def test_lark_codes_map_as_the_sdks_state(code: int, message: str, cls: str, cause: str, decision: str) -> None:
    for provider in ("lark", None):
        e = classify(200, lark(code, message), provider=provider)
        assert (e.provider, e.failure_class, e.cause, e.decision) == ("lark", cls, cause, decision)
        assert e.provider_code == str(code)
        assert e.basis == "confirmed"


def test_user_token_refused_lists_a_refresh_against_a_new_authorization() -> None:
    e = classify(200, lark(99991668, "user access token invalid"))
    assert [(c.cause, c.decision) for c in e.candidates] == [("access_token_expired", "retry"),
                                                            ("grant_dead", "reauth")]


def test_missing_permission_lists_the_console_against_the_users_grant() -> None:
    e = classify(200, lark(99991679, "unauthorized"))
    assert [(c.cause, c.decision) for c in e.candidates] == [("scope_not_enabled_for_app", "fix_config"),
                                                            ("missing_scope", "reauth")]
    assert e.normalized_status == 403


def test_the_go_sdks_error_text_is_read_as_lark() -> None:
    e = classify(None, "call failed: msg:token invalid,code:99991671")
    assert (e.provider, e.provider_code, e.failure_class, e.decision) == ("lark", "99991671", "invalid_token",
                                                                          "fix_config")


def test_app_ticket_at_the_app_token_url() -> None:
    e = classify(200, lark(10012, "app ticket invalid"),
                 url="https://open.larksuite.com/open-apis/auth/v3/app_access_token")
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("lark", "invalid_client", "app_ticket_invalid",
                                                                  "retry")


def test_code_msg_bodies_with_other_numbers_are_not_claimed() -> None:
    assert classify(200, json.dumps({"code": 10012, "msg": "app ticket invalid"})).provider is None
    assert classify(401, json.dumps({"code": 401, "msg": "unauthorized"})).provider is None
    assert classify(200, json.dumps({"errcode": 40029, "errmsg": "invalid code"})).provider == "wechat"


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("lark")
    assert {resolve_id(a) for a in ("feishu", "larksuite")} == {"lark"}
    assert profile.endpoints.authorize.url == "https://accounts.feishu.cn/open-apis/authen/v1/authorize"
    assert profile.endpoints.token.url == "https://open.feishu.cn/open-apis/authen/v2/oauth/token"
    assert profile.client_auth.body_format == "json"
    assert profile.pkce.methods == ["S256"]
    assert profile.redirect.query == "registered_subset"


def test_explain_cli_end_to_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "feishu", "--format", "json", "--status", "200",
         lark(99991663, "tenant access token invalid")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"], out["provider_code"]) == (
        "lark", "invalid_token", "tenant_token_invalid", "retry", "99991663")
