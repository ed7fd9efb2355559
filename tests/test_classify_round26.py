"""Round twenty-six (issue #16): a provider's own wording, quoted without the provider's JSON, host or error value,
still names the provider, so its rules (not only the generic phrase layer) read the text. The bodies are written
for these tests."""

from __future__ import annotations

import pytest
from classify_answers import BOOK, answer

from oauthdoctor.classifier import classify


@pytest.mark.parametrize("body,provider,expected", [
    ("Error: Resource not accessible by integration", "github",
     ("insufficient_scope", "missing_permission", "fix_config")),
    ("RequestError [HttpError]: Resource not accessible by personal access token", "github",
     ("insufficient_scope", "missing_permission", "fix_config")),
    ("remote: The `acme' organization has enabled or enforced SAML SSO. To access this repository, you must"
     " re-authorize the OAuth Application", "github", ("access_denied", "token_not_authorized_for_saml_sso", "reauth")),
    ("api request error: 190 Error validating access token: Session has expired on Sunday, 09-Aug-20 01:30:58 PDT.",
     "meta", ("invalid_token", "session_expired", "reauth")),
    ("Error 403: Limit of connected athletes exceeded", "strava",
     ("access_denied", "app_athlete_capacity_exceeded", "fix_config")),
    ("Error: This domain (demo.web.app) is not authorized to run this operation. Add it to the OAuth redirect domains"
     " list in the Firebase console", "firebase", ("redirect_uri_mismatch", "domain_not_authorized", "fix_config")),
    ("Insufficient scopes were provided. Please contact the integrator.", "hubspot",
     ("invalid_scope", "install_url_scopes_differ_from_app", "fix_config")),
    ("Session information is not sufficient for single-sign-on.", "microsoft",
     ("interaction_required", "login_required", "reauth")),
    ("Error 400: invalid_request You can't sign in to this app because it doesn't comply with Google's OAuth 2.0"
     " policy for keeping apps secure.", "google", ("invalid_request", "request_violates_google_policy", "fix_config")),
    ("Status{statusCode=DEVELOPER_ERROR, resolution=null}", "google",
     ("invalid_client", "android_client_registration_mismatch", "fix_config")),
    ("google.auth.exceptions.RefreshError: Token has been expired or revoked.", "google",
     ("invalid_grant", "ambiguous", "reauth")),
])
def test_a_providers_own_wording_names_the_provider(body: str, provider: str, expected: tuple[str, str, str]) -> None:
    assert classify(None, body, None, rulebook=BOOK).provider == provider
    assert answer(None, body) == expected


def test_generic_wording_names_no_provider() -> None:
    # the RFC's and many servers' words stay the phrase layer's: no provider is guessed from them
    for body in ("Token has expired", "Insufficient scope", "The access token has been revoked.",
                 "resource not accessible"):
        assert classify(None, body, None, rulebook=BOOK).provider is None
