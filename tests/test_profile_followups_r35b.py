"""Open follow-up of the league-oauth2-server profile settled in its primary sources (round thirty-four, 2026-12-07):
what league/oauth2-server 9.2+ and Laravel Passport 13 answer when a client sends a grant it may not use. league's
getClientEntityOrFail throws unauthorized_client (HTTP 400, RFC 6749's definition, no hint) when the client entity's
supportsGrantType says no, and Passport 13's client entity answers from the client's grant_types. Each test fails on
the previous profile.
"""

from __future__ import annotations

import json

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

LEAGUE = "league-oauth2-server"

# OAuthServerException::unauthorizedClient() without a hint, as getClientEntityOrFail throws it.
UNAUTHORIZED_CLIENT_BODY = json.dumps(
    {
        "error": "unauthorized_client",
        "error_description": "The authenticated client is not authorized to use this authorization grant type.",
    }
)


def test_league_unauthorized_client_names_the_grant_and_the_passport_fix() -> None:
    # was: no profile rule (generic reading, hint about a provider console); league 9.2's AbstractGrant.php
    # L183-L206 says a client whose supportsGrantType returns false gets unauthorized_client, 400, and Passport 13's
    # Bridge client answers it from grant_types, which passport:client's options set
    r = classify(400, UNAUTHORIZED_CLIENT_BODY, provider=LEAGUE)
    assert r.failure_class == "unauthorized_client"
    assert r.cause == "grant_type_not_enabled_for_client"
    assert r.decision == "fix_config"
    assert r.basis == "confirmed"
    assert "grant_types" in r.summary
    assert any("passport:client" in h and "--personal [personal_access]" in h for h in r.hints)
    assert any("AbstractGrant.php#L183-L206" in ref for ref in r.references)
    # Without a provider the body is RFC 6749's own definition (no league hint field), so detection does not pick
    # league; the generic reading keeps the same class and decision.
    plain = classify(400, UNAUTHORIZED_CLIENT_BODY)
    assert (plain.failure_class, plain.decision) == ("unauthorized_client", "fix_config")


def test_passport_invalid_client_for_a_disallowed_grant_is_twelve_and_earlier() -> None:
    # was: 'Laravel Passport answers invalid_client ... for a client that may not use the grant' (no version);
    # league 9.2's AbstractGrant.php L183-L206 refuses that client with unauthorized_client before the secret check,
    # which Passport 13's client entity triggers, so invalid_client for it is Passport 12 and earlier
    quirk = next(q for q in get_profile(LEAGUE).quirks if q.text.startswith("Laravel Passport answers invalid_client"))
    assert "Passport 12 and earlier" in quirk.text and "unauthorized_client" in quirk.text
    body = json.dumps({"error": "invalid_client", "error_description": "Client authentication failed"})
    r = classify(401, body, provider=LEAGUE)
    cand = next(c for c in r.candidates if c.cause == "client_not_allowed_grant")
    assert "Passport 12 or earlier" in cand.tells_apart
