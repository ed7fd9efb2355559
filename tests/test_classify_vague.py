"""Text that says an authorization step failed without naming why: a low-confidence lean with candidates, not
"nothing decided", and RFC 6749's catch-all class, not ``unknown`` (issue #16: ``unknown`` with no decision is for
text with no OAuth meaning at all)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor.classifier import baseline, classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
CANDIDATES = ["client_or_app_configuration", "grant_or_session_gone", "transient_provider_failure"]


@pytest.mark.parametrize(("status", "text"), [
    (None, "Authorization with the MCP server failed. You can check your credentials and permissions."),
    (None, "failed to fetch user/group from identity provider"),
    # (django-allauth's "Social Network Login Failure" page has its own candidates: test_generic_client_libraries.py)
    (None, "External Login Failure. An error occurred while attempting to login via your account."),
    (302, "Authorization Required"),
    (404, "Integration disabled: the connection could not be used"),
    # the redirect's own subjects: the code, the callback, an app installation
    (None, "no code in url"),
    (None, "App cannot be installed for requested company"),
    (None, "Installation failed, please contact the developer"),
])
def test_a_vague_authorization_failure_leans_fix_config_and_lists_the_three_ways(status: int | None,
                                                                                 text: str) -> None:
    r = classify(status, text, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == ("invalid_request", "ambiguous", "fix_config",
                                                                    "low")
    assert [c.cause for c in r.candidates] == CANDIDATES
    assert r.summary == baseline.VAGUE_AUTH_FAILURE_SUMMARY
    assert r.hints[-1] == baseline.AMBIGUOUS_FIX_HINT


@pytest.mark.parametrize(("status", "text"), [
    (None, "The state of the job is invalid"),  # an error's marks, no OAuth meaning
    (None, "Fehler beim Abrufen der Daten"),
    (None, "同步失败"),
    (None, "Wrong number of parameters"),
    (None, "No Auth Provider Found"),
    (404, "lorem ipsum dolor sit amet"),  # the error status is the failure
])
def test_a_failure_text_nothing_reads_is_inconclusive_with_the_base_rates_lean(status: int | None,
                                                                              text: str) -> None:
    """Round thirty-five: under an error status, or pasted with an error's marks, a text nothing reads stays class
    unknown and inconclusive (exit 3), and its decision is the base rate's lean with the three candidates."""
    r = classify(status, text, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == ("unknown", "unrecognised_response", "fix_config",
                                                                    "low")
    assert not r.conclusive
    assert [c.cause for c in r.candidates] == CANDIDATES
    assert r.summary == baseline.UNREAD_FAILURE_SUMMARY
    assert r.hints[-1] == baseline.UNRECOGNISED_HINT


@pytest.mark.parametrize(("status", "text"), [
    (None, "lorem ipsum dolor sit amet"),  # reports no failure
    (None, "OAUTH_014"),  # a provider code alone: no failure is stated in words
    (None, "the token was issued"),  # a subject without a failure
    (200, "Authorization failed for this request"),  # a 200 page may be a success page that mentions failures
    (302, "The state of the job is invalid"),
    (None, "TypeError: Cannot read properties of undefined (reading 'split')"),  # the caller's own program
    (None, "AttributeError: 'str' object has no attribute 'get'"),
])
def test_no_failure_a_success_status_or_a_crash_of_the_callers_program_stays_undecided(status: int | None,
                                                                                      text: str) -> None:
    r = classify(status, text, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("unknown", "unrecognised_response", "none")
    assert r.hints[-1] == baseline.DECISION_HINTS["none"]


def test_the_status_still_speaks_first() -> None:
    """A 401 or 403 has its own reading; the vague family is for answers without one."""
    assert classify(401, "Authorization failed", None, rulebook=BOOK).failure_class == "invalid_token"
    # RFC 6750 3.1: an API's 403 is a token without the privileges the call needs (insufficient_scope)
    assert classify(403, "Authorization failed", None, rulebook=BOOK).failure_class == "insufficient_scope"


def test_the_cli_shows_the_lean_as_a_lean() -> None:
    args = [sys.executable, "-m", "oauthdoctor", "explain", "Authorization with the server failed"]
    rich = subprocess.run(args, capture_output=True, text=True, check=False)
    assert rich.returncode == 0 and rich.stdout.splitlines()[0].startswith(
        "╭─ Decision: fix_config (a lean: low confidence) ─")
    data = json.loads(subprocess.run([*args, "--format", "json"], capture_output=True, text=True,
                                     check=False).stdout)
    assert (data["class"], data["decision"], data["confidence"]) == ("invalid_request", "fix_config", "low")


@pytest.mark.parametrize(("text", "provider"), [
    ('Request to https://login.microsoftonline.com/common/oauth2/v2.0/token failed: {"error":"invalid_grant"}',
     "microsoft"),
    ('POST https://oauth2.googleapis.com/token -> 400 {"error":"invalid_grant"}', "google"),
    ('token refresh failed at https://id.twitch.tv/oauth2/token: {"error":"invalid_grant"}', "twitch"),
])
def test_a_log_line_naming_a_providers_token_endpoint_detects_that_provider(text: str, provider: str) -> None:
    assert classify(None, text, None, rulebook=BOOK).provider == provider


@pytest.mark.parametrize("text", [
    'see https://github.com/acme/app/issues/12 {"error":"invalid_grant"}',  # a link, not an endpoint
    'https://login.microsoftonline.com/common/oauth2/v2.0/token then https://gitlab.com/oauth/token: '
    '{"error":"invalid_grant"}',  # two providers' endpoints: neither is the one that answered
])
def test_links_and_two_providers_endpoints_detect_nothing(text: str) -> None:
    assert classify(None, text, None, rulebook=BOOK).provider is None
