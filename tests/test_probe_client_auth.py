"""``client_auth`` verdicts over the method matrix, and the trial requests themselves."""

from __future__ import annotations

import pytest

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Decision, Status
from oauthdoctor.probes import client_auth
from oauthdoctor.probes.client_auth import BASIC, NONE, POST, ClientAuthObservation
from oauthdoctor.probing.contract import ProbeContext, Skipped
from oauthdoctor.probing.trials import TokenAnswer, read_answer
from oauthdoctor.profiles.model import ClientAuth, Profile

GRANT = read_answer(400, '{"error":"invalid_grant"}')
CLIENT = read_answer(401, '{"error":"invalid_client"}')
CATCH_ALL = read_answer(401, '{"error":"server_error","error_description":"access_denied"}')
DOWN = TokenAnswer(failure_kind="connect", failure_message="could not connect")
SETTINGS = ResolvedConfig(
    {"client_id": "app", "client_secret": "s3cret-value-123", "redirect_uri": "https://a.test/cb"}
)


def verdict(configured: str, answers: dict[str, TokenAnswer], strict: bool = False):
    ctx = ProbeContext(
        config=SETTINGS, profile=Profile(id="p", name="P", client_auth=ClientAuth(strict=strict))
    )
    (finding,) = client_auth.judge(ctx, ClientAuthObservation("https://a.test/token", configured, answers))
    return finding


@pytest.mark.parametrize(
    ("configured", "basic", "post", "status", "decision", "title_part"),
    [
        (BASIC, GRANT, GRANT, Status.PASS, Decision.NONE, "both methods (this server accepts either method"),
        (BASIC, GRANT, CLIENT, Status.PASS, Decision.NONE, "authenticates with client_secret_basic"),
        (BASIC, CLIENT, GRANT, Status.FAIL, Decision.FIX_CONFIG, "only client_secret_post works"),
        (POST, GRANT, CLIENT, Status.FAIL, Decision.FIX_CONFIG, "only client_secret_basic works"),
        (POST, CLIENT, CLIENT, Status.FAIL, Decision.FIX_CONFIG, "neither method authenticates"),
        (BASIC, CATCH_ALL, CATCH_ALL, Status.ERROR, Decision.NONE, "catch-all error"),
        (BASIC, DOWN, DOWN, Status.ERROR, Decision.NONE, "the token endpoint could not be reached"),
    ],
)
def test_matrix(configured, basic, post, status, decision, title_part) -> None:
    finding = verdict(configured, {BASIC: basic, POST: post})
    assert finding.status is status and finding.decision is decision
    assert title_part in finding.title
    assert set(finding.evidence["matrix"]) == {BASIC, POST}


def test_only_other_method_hint_names_the_switch() -> None:
    finding = verdict(BASIC, {BASIC: CLIENT, POST: GRANT})
    assert finding.failure_class == "invalid_client"
    assert "OAUTH_AUTH_METHOD=client_secret_post" in (finding.hint or "")


def test_strict_server_both_methods_does_not_excuse_the_method() -> None:
    assert "whatever is registered" not in verdict(BASIC, {BASIC: GRANT, POST: GRANT}, strict=True).title


def test_public_client() -> None:
    assert verdict(NONE, {NONE: GRANT}).status is Status.PASS
    assert verdict(NONE, {NONE: CLIENT}).status is Status.FAIL


def test_skipped_observation() -> None:
    ctx = ProbeContext(config=SETTINGS, profile=None)
    (finding,) = client_auth.judge(ctx, Skipped("--offline"))
    assert finding.status is Status.SKIP and finding.title == "skipped: --offline"


def test_trial_requests_carry_random_code_and_right_credentials() -> None:
    ctx = ProbeContext(config=SETTINGS, profile=None)
    data, basic = client_auth.trial_request(ctx, BASIC)
    assert basic == ("app", "s3cret-value-123") and "client_secret" not in data and "client_id" not in data
    assert data["grant_type"] == "authorization_code" and data["code"].startswith("oauthdoctor-probe-code-")
    assert data["redirect_uri"] == "https://a.test/cb"
    data2, basic2 = client_auth.trial_request(ctx, POST)
    assert basic2 is None and data2["client_secret"] == "s3cret-value-123" and data2["client_id"] == "app"
    assert data2["code"] != data["code"]


@pytest.mark.parametrize(
    ("values", "preferred", "expected"),
    [
        ({"auth_method": "client_secret_post", "client_secret": "x"}, None, POST),
        ({"client_secret": "x"}, "client_secret_post", POST),
        ({"client_secret": "x"}, None, BASIC),
        ({}, None, NONE),
    ],
)
def test_configured_method(values, preferred, expected) -> None:
    profile = Profile(id="p", name="P", client_auth=ClientAuth(preferred=preferred))
    assert client_auth.configured_method(ProbeContext(config=ResolvedConfig(values), profile=profile)) == expected
