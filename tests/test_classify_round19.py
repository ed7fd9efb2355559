"""Round nineteen (issue #16): codes of the IANA OAuth Extensions Error Registry that earlier rounds did not read, each
taken from its specification (RFC 7591, OpenID Connect Core, CIBA Core, the unmet-authentication-requirements error,
UMA 2.0 as Keycloak answers it). The bodies are written for these tests; none is a corpus case."""

from __future__ import annotations

import json

import pytest
from classify_answers import answer


@pytest.mark.parametrize(("error", "expected"), [
    # RFC 7591 3.2.2: the registration endpoint's answers
    ("invalid_client_metadata", ("invalid_request", "client_metadata_invalid", "fix_config")),
    ("invalid_software_statement", ("invalid_request", "software_statement_invalid", "fix_config")),
    ("unapproved_software_statement", ("unauthorized_client", "software_statement_not_approved", "fix_config")),
    # OpenID Connect Core 3.1.2.6 and RFC 9101
    ("invalid_request_object", ("invalid_request", "request_object_invalid", "fix_config")),
    ("invalid_request_uri", ("invalid_request", "request_uri_invalid", "fix_config")),
    ("request_not_supported", ("invalid_request", "request_parameter_not_supported", "fix_config")),
    ("request_uri_not_supported", ("invalid_request", "request_parameter_not_supported", "fix_config")),
    ("registration_not_supported", ("invalid_request", "request_parameter_not_supported", "fix_config")),
    ("unmet_authentication_requirements",
     ("interaction_required", "authentication_requirements_unmet", "fix_config")),
    # CIBA Core 13: the backchannel authentication endpoint's answers
    ("unknown_user_id", ("invalid_request", "login_hint_unknown_user", "fix_config")),
    ("expired_login_hint_token", ("invalid_request", "login_hint_token_expired", "reauth")),
    ("missing_user_code", ("invalid_request", "backchannel_request_parameter_invalid", "fix_config")),
    ("invalid_binding_message", ("invalid_request", "backchannel_request_parameter_invalid", "fix_config")),
    ("invalid_user_code", ("invalid_request", "user_code_invalid", "reauth")),
    # UMA 2.0 grant
    ("request_denied", ("access_denied", "uma_permission_denied", "fix_config")),
])
def test_a_registered_extension_code_is_read_by_its_specification(error: str, expected: tuple[str, str, str]) -> None:
    assert answer(400, json.dumps({"error": error})) == expected


def test_keycloaks_uma_refusal_is_a_policy_not_a_user_who_declined() -> None:
    body = '{"error": "access_denied", "error_description": "request_denied"}'
    assert answer(403, body, provider="keycloak") == ("access_denied", "uma_permission_denied", "fix_config")
    assert answer(403, body) == ("access_denied", "uma_permission_denied", "fix_config")
    # a user's refusal stays a refusal
    declined = '{"error": "access_denied", "error_description": "The resource owner denied the request"}'
    assert answer(400, declined)[1:] == ("user_denied_consent", "reauth")
