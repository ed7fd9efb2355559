"""Developer command-line tools in the phrase layer: what the AWS CLI (botocore's SSO token), gcloud
(google-auth's reauthentication) and GitHub's gh print when their stored OAuth session is gone. Each text is built
the way the tool's code builds it (its format strings and exception messages); the rules' pinned sources in
``providers/generic.yaml`` say where the words come from."""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()


@pytest.mark.parametrize(("text", "expected"), [
    ("Error when retrieving token from sso: Token has expired and refresh failed",
     ("invalid_grant", "grant_dead", "reauth")),
    ("Error loading SSO Token: Token for my-sso does not exist", ("invalid_grant", "grant_dead", "reauth")),
    ("Error loading SSO Token: Token for https://acme.awsapps.com/start is invalid",
     ("invalid_grant", "grant_dead", "reauth")),
    ("google.auth.exceptions.ReauthFailError: Reauthentication challenge could not be answered because you are not "
     "in an interactive session.", ("interaction_required", "reauthentication_required", "reauth")),
    ("ERROR: (gcloud.container.clusters.get-credentials) There was a problem refreshing your current auth tokens: "
     "Reauthentication failed. cannot prompt during non-interactive execution.",
     ("interaction_required", "reauthentication_required", "reauth")),
    # gh's request URL names GitHub, whose own reading of "Bad credentials" decides (the same decision)
    ("HTTP 401: Bad credentials (https://api.github.com/graphql)\nTry authenticating with:  gh auth login",
     ("invalid_token", "ambiguous", "reauth")),
    ("HTTP 401: Requires authentication\nTry authenticating with:  gh auth login",
     ("invalid_token", "token_revoked", "reauth")),
    ('GraphQL: Resource not accessible by integration\nThis API operation needs the "read:org" scope. To request it, '
     "run:  gh auth refresh -h github.com -s read:org", ("insufficient_scope", "missing_scope", "reauth")),
    ("HTTP 403: Resource protected by organization SAML enforcement.\nAuthorize in your web browser:  "
     "https://github.com/orgs/acme/sso?authorization_request=ABC", ("access_denied",
                                                                     "token_not_authorized_for_saml_sso", "reauth")),
])
def test_a_cli_whose_session_is_gone_says_sign_in_again(text: str, expected: tuple[str, str, str]) -> None:
    r = classify(None, text, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == expected


@pytest.mark.parametrize("text", [
    "Run gh auth login to sign in.",  # advice in a README, not gh's 401 message
    "The token for the build does not exist yet.",
    "Reauthentication is configured every 16 hours.",
])
def test_neighbouring_sentences_do_not_take_these_rules(text: str) -> None:
    r = classify(None, text, rulebook=BOOK)
    assert not any(repo in ref for ref in r.references
                   for repo in ("boto/botocore", "google-auth-library-python/blob/2ea24b0", "cli/cli"))
