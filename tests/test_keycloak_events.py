"""Keycloak's event log lines (type=..., realmId=..., clientId=..., error=...), as its event listeners print them:
detected as Keycloak without --provider, and the two events whose error alone does not say what to do read by
what the event means."""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
PREFIX = "2026-12-05 10:00:00,000 WARN  [org.keycloak.events] (executor-thread-1) "


@pytest.mark.parametrize(("event", "expected"), [
    ('type="REFRESH_TOKEN_ERROR", realmId="acme", clientId="web", userId="null", ipAddress="10.0.0.1", '
     'error="invalid_token", reason="Token is not active", grant_type="refresh_token"',
     ("invalid_grant", "ambiguous", "reauth")),
    ("type=LOGIN_ERROR, realmId=acme, clientId=web, userId=null, ipAddress=10.0.0.1, error=expired_code, "
     "restart_after_timeout=true", ("interaction_required", "login_attempt_expired", "reauth")),
    ('type="LOGIN_ERROR", realmId="acme", clientId="web", userId="null", ipAddress="10.0.0.1", '
     'error="invalid_redirect_uri", redirect_uri="http://localhost:3000/cb"',
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    ("type=CODE_TO_TOKEN_ERROR, realmId=acme, clientId=web, userId=null, ipAddress=10.0.0.1, "
     "error=invalid_client_credentials, grant_type=authorization_code", ("invalid_client", None, "fix_config")),
])
def test_keycloak_event_lines(event: str, expected: tuple[str, str | None, str]) -> None:
    r = classify(None, PREFIX + event, rulebook=BOOK)
    assert r.provider == "keycloak"
    assert (r.failure_class, r.decision) == (expected[0], expected[2])
    if expected[1] is not None:
        assert r.cause == expected[1]


def test_a_refresh_event_lists_a_dead_session_against_another_client() -> None:
    r = classify(None, PREFIX + "type=REFRESH_TOKEN_ERROR, realmId=acme, clientId=web, userId=null, "
                 "ipAddress=10.0.0.1, error=invalid_token, grant_type=refresh_token", rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("refresh_token_or_session_expired", "reauth"),
                                                             ("refresh_token_client_mismatch", "fix_config")]


def test_a_log_line_of_other_software_is_not_keycloaks() -> None:
    r = classify(None, "level=error type=login_error user=bob error=invalid_token", rulebook=BOOK)
    assert r.provider != "keycloak"
