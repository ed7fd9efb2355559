"""Round twenty-two (issue #16): readings from corpora 69-71's development halves and from providers' own
catalogues, each from the provider's or the library's own source. The bodies are written for these tests; none is a
corpus case."""

from __future__ import annotations

import json

from classify_answers import answer

from oauthdoctor.classifier.extract import extract


def test_a_namespaced_standard_code_is_compared_as_the_standard_code() -> None:
    # Epic's account service sends errorCode "errors.com.epicgames.common.oauth.<RFC 6749 code>"
    body = json.dumps({"errorCode": "errors.com.epicgames.common.oauth.invalid_client",
                       "errorMessage": "Sorry the client credentials you are using are invalid"})
    assert extract(401, body).error_key == "invalid_client"
    assert answer(401, body) == ("invalid_client", "bad_client_credentials", "fix_config")
    # only the codes the RFCs define are unwrapped; a provider's own last segment stays the provider's
    own = json.dumps({"errorCode": "errors.com.epicgames.account.oauth.authorization_code_not_found"})
    assert extract(400, own).error_key == "errors.com.epicgames.account.oauth.authorization_code_not_found"
