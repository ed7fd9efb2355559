"""Facts corrected when the third wave of profiles was read again in their cited sources (round thirty-three,
2026-12-07), and the follow-ups the earlier waves left open, each through the behaviour it changes (bundled
profiles).

Each test says what the profile said and what the provider's own source says.
"""

from __future__ import annotations

from oauthdoctor import classify
from oauthdoctor.config.endpoints import resolve_endpoints
from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.profiles.loader import get_profile


def test_hubspot_default_token_endpoint_is_the_dated_api() -> None:
    # was: /oauth/v3/token; HubSpot's v1 deprecation changelog and migration guide name /oauth/2026-03/token as
    # the latest OAuth API, and every /v3/ path goes unsupported after September 2027
    token = resolve_endpoints(ResolvedConfig({}), get_profile("hubspot")).token
    assert (token.url, token.origin) == ("https://api.hubapi.com/oauth/2026-03/token", "profile")


def test_zendesk_api_token_hint_names_the_retirement() -> None:
    # was: "send API tokens as Basic ..."; Zendesk's migration guide deactivates every API token on 2027-04-30
    result = classify(401, {"error": "invalid_token", "error_description": "The access token provided is invalid."},
                      provider="zendesk")
    hints = {c.cause: c.hint for c in result.candidates}
    assert hints["api_token_sent_as_bearer"].startswith("obtain an OAuth token (Zendesk deactivates every API token"
                                                        " on 2027-04-30)")
