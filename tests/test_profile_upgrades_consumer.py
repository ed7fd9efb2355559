"""Decision-driving facts of the consumer group's profiles (Google, Discord, Twitch, Slack, Spotify) upgraded to
confirmed on 2026-12-07, each through the behaviour that rests on it (bundled profiles).

Only Google had candidates whose own source could be read: its OAuth guides for installed apps and for limited-input
devices (read in their YouTube Live renderings, installed-apps.md.txt and devices.md.txt) state the error wording, its
meaning and the fix. Discord's docs (discord-api-docs at c98d64b) give only names for the remaining codes, and the
stored copies of Twitch's, Slack's and Spotify's pages either stop before the needed section or state a meaning
without a fix, so those profiles keep their heuristic facts and have no test here.
"""

from __future__ import annotations

import json

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

DEVICE_GUIDE = "https://developers.google.com/youtube/v3/live/guides/auth/devices#step-6-handle-responses-to-polling-requests"
INSTALLED_GUIDE = (
    "https://developers.google.com/youtube/v3/live/guides/auth/installed-apps#authorization-errors-invalid-request"
)


def _google_rule(source: str, marker: str):
    """The Google error rule citing ``source`` whose pattern contains ``marker``."""
    rules = [rule for rule in get_profile("google").errors.rules
             if rule.source == source and marker in " ".join(filter(None, (rule.text, rule.description)))]
    assert len(rules) == 1, rules
    return rules[0]


def test_google_device_flow_refusal_is_the_users_and_confirmed() -> None:
    # source: Google's device-flow guide, Step 6 "Handle responses to polling requests", Access denied: a user who
    # refuses makes the poll answer 403 {"error": "access_denied", "error_description": "Forbidden"}
    body = json.dumps({"error": "access_denied", "error_description": "Forbidden"})
    result = classify(403, body, provider="google")
    assert (result.failure_class, result.cause, result.decision, result.basis) == (
        "access_denied", "user_denied_consent", "reauth", "confirmed")
    assert result.references[0] == DEVICE_GUIDE
    # the same page words slow_down "Forbidden" too; that body keeps its own reading
    slow = classify(403, json.dumps({"error": "slow_down", "error_description": "Forbidden"}), provider="google")
    assert (slow.failure_class, slow.decision) == ("slow_down", "retry")


def test_google_client_not_found_is_a_configuration_fix_and_confirmed() -> None:
    # source: the device-flow guide's "Other errors" table: invalid_client (401), "The OAuth client was not found",
    # e.g. an invalid client_id; make sure the client's application type is right
    body = json.dumps({"error": "invalid_client", "error_description": "The OAuth client was not found."})
    result = classify(401, body, provider="google")
    assert (result.failure_class, result.cause, result.decision, result.basis) == (
        "invalid_client", "client_deleted_or_not_found", "fix_config", "confirmed")
    rule = _google_rule(DEVICE_GUIDE, "OAuth client was not found")
    assert (rule.basis, str(rule.checked)) == ("confirmed", "2026-12-07")
    assert rule.note is not None and "unconfirmed before" in rule.note


def test_google_custom_scheme_refusal_is_confirmed() -> None:
    # source: the installed-app guide's authorization errors, invalid_request: the page message "Custom URI scheme
    # is not supported on Android or Chrome apps", with a pointer to the custom-scheme alternatives
    page = ("Access blocked: Authorization Error\n"
            "Custom URI scheme is not supported on Android or Chrome apps.\n"
            "Error 400: invalid_request")
    result = classify(400, page, provider="google")
    assert (result.failure_class, result.cause, result.decision, result.basis) == (
        "invalid_request", "client_type_mismatch", "fix_config", "confirmed")
    rule = _google_rule(INSTALLED_GUIDE, "custom (?:uri )?scheme")
    assert rule.note is not None and "heuristic before" in rule.note


def test_google_missing_client_id_is_confirmed() -> None:
    # source: the installed-app guide's authorization errors, invalid_request: "The request was missing required
    # parameters" (the exact description is not printed there; the error value and its meaning are)
    body = json.dumps({"error": "invalid_request", "error_description": "Missing required parameter: client_id"})
    result = classify(400, body, provider="google")
    assert (result.failure_class, result.cause, result.decision, result.basis) == (
        "invalid_request", "missing_parameter", "fix_config", "confirmed")
    rule = _google_rule(INSTALLED_GUIDE, "client_id")
    assert rule.note is not None and "not printed there" in rule.note
