"""Each candidate of an ambiguous answer says what it would decide, so a user who can tell the causes apart knows
what follows from each (issue #16: "list the candidates when they do not")."""

from __future__ import annotations

import json
import subprocess
import sys

from oauthdoctor.classifier import baseline, classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.classifier.request_context import decision_of

BOOK = RuleBook()


def test_a_bare_invalid_grant_says_which_candidates_are_configuration() -> None:
    r = classify(400, '{"error":"invalid_grant"}', None, rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("auth_code_expired_or_reused", "reauth"), ("redirect_uri_differs_from_authorize", "fix_config"),
        ("pkce_verifier_mismatch", "fix_config"), ("refresh_token_expired_or_revoked", "reauth")]


def test_an_unexplained_401_spans_all_three_decisions() -> None:
    r = classify(401, "Unauthorized", None, url="https://api.example.test/v1/me", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("access_token_expired", "retry"), ("access_token_missing", "fix_config"), ("token_revoked", "reauth")]


def test_a_rules_own_word_wins_and_an_unsettled_cause_says_nothing() -> None:
    assert decision_of("refresh_token_revoked", "fix_config") == "fix_config"  # the profile rule's own decision
    assert decision_of("refresh_token_used_as_access_token") == "fix_config"  # the grant table before the prefix
    assert decision_of("refresh_token_inactive") == "reauth"  # a refresh token that is gone
    assert decision_of("account_banned") is None  # an admin may lift it, or the user must use another account
    assert all(d in ("reauth", "fix_config", "retry") for d in baseline.CANDIDATE_DECISIONS.values())


def test_entra_missing_consent_candidates_decide_apart() -> None:
    body = '{"error":"invalid_grant","error_description":"AADSTS65001: The user or administrator has not consented."}'
    r = classify(400, body, None, provider="microsoft", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("admin_consent_missing", "fix_config"),
                                                             ("consent_required", "reauth")]


def test_json_and_terminal_show_each_candidates_decision() -> None:
    args = [sys.executable, "-m", "oauthdoctor", "explain", '{"error":"invalid_grant"}']
    data = json.loads(subprocess.run([*args, "--format", "json"], capture_output=True, text=True,
                                     check=False).stdout)
    assert [c.get("decision") for c in data["candidates"]] == ["reauth", "fix_config", "fix_config", "reauth"]
    rich = subprocess.run(args, capture_output=True, text=True, check=False, env={"COLUMNS": "160"}).stdout
    assert "  - redirect_uri_differs_from_authorize (fix_config): the token request's redirect_uri" in rich
