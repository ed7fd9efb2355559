"""Round twenty-five (issue #16): wider word families, each in the RFCs' terms. An audience or tenant named as not
the one the API accepts, an OAuth 1.0a signature that did not verify (the consumer's credential signs it), and a
client credential the caller's own configuration leaves empty or the server found missing. The bodies are written
for these tests."""

from __future__ import annotations

import pytest
from classify_answers import answer


@pytest.mark.parametrize("body", [
    "The audience claim value is invalid for current resource.",
    "Bad Request (Unacceptable audience in id_token: abc)",
    "audience is not accepted",
])
def test_an_audience_named_as_refused_is_a_token_for_another_audience(body: str) -> None:
    assert answer(None, body) == ("invalid_token", "token_for_wrong_audience", "fix_config")


def test_a_token_tenant_that_does_not_match_the_resource_is_another_issuer() -> None:
    for body in ("Token tenant 1234 does not match resource tenant.",
                 "Tenant provided in token does not match resource token"):
        assert answer(400, body) == ("invalid_token", "token_from_other_issuer", "fix_config")
    # a tenant that is only unknown is still the tenant in the request, not the token's
    assert answer(400, "Tenant 'contoso' not found.")[1] != "token_from_other_issuer"


@pytest.mark.parametrize("body", ["Invalid OAuth signature", "The oauth_signature was invalid.",
                                  "OAuth signature rejected"])
def test_an_oauth1_signature_that_did_not_verify_is_the_clients_credential(body: str) -> None:
    assert answer(None, body) == ("invalid_client", "request_signature_invalid", "fix_config")


def test_the_oauth1_problem_report_of_a_bad_signature_is_the_clients_credential() -> None:
    challenge = 'OAuth oauth_problem="signature_invalid", realm="api.example"'
    assert answer(401, challenge) == ("invalid_client", "request_signature_invalid", "fix_config")
    # a JWT's signature is still the token's
    assert answer(401, "JWT signature is invalid")[0] == "invalid_token"


@pytest.mark.parametrize("body,cause", [
    ("java.lang.IllegalArgumentException: clientSecret is null or empty", "credentials_not_configured"),
    ("client_id is not set", "credentials_not_configured"),
    ("Client ID and ClientSecret are missing", "client_authentication_missing"),
])
def test_a_client_credential_left_empty_or_missing_is_the_clients(body: str, cause: str) -> None:
    assert answer(None, body) == ("invalid_client", cause, "fix_config")
    # a refused secret keeps its own cause
    assert answer(None, "client secret is invalid")[1] == "bad_client_secret"
