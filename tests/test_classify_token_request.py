"""What a token request's answer means when the body carries no OAuth error: the request is known to be one (the
token URL given, the failing grant named, or a client library's report of a failed token request)."""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
PAGE_404 = "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"


@pytest.mark.parametrize("kwargs", [
    {"status": 404, "body": PAGE_404, "url": "https://idp.example.com/oauth2/v1/token"},
    {"status": 404, "body": "", "url": "https://idp.example.com/realms/main/protocol/openid-connect/token"},
    {"status": 404, "body": PAGE_404, "grant_type": "refresh_token"},
    {"status": None, "body": f"oauth2: cannot fetch token: 404 Not Found\nResponse: {PAGE_404}"},  # Go's oauth2
])
def test_a_token_request_answered_404_is_a_wrong_token_url(kwargs: dict) -> None:
    r = classify(**kwargs, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision, r.confidence) == (
        "invalid_request", "wrong_endpoint_url", "fix_config", "medium")


@pytest.mark.parametrize(("kwargs", "cause"), [
    # an API's 404 is no token request: nothing OAuth is said
    ({"status": 404, "body": PAGE_404, "url": "https://api.example.com/v1/users/42"}, "unrecognised_response"),
    # a 404 that carries an OAuth error keeps the server's answer
    ({"status": 404, "body": '{"error":"invalid_request"}', "url": "https://idp.example.com/oauth2/token"},
     "ambiguous"),
])
def test_other_404s_keep_their_reading(kwargs: dict, cause: str) -> None:
    assert classify(**kwargs, rulebook=BOOK).cause == cause


def test_a_401_at_the_token_endpoint_is_still_client_authentication() -> None:
    r = classify(401, "", url="https://idp.example.com/oauth2/token", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_client", "bad_client_credentials", "fix_config")
