"""Round thirty (issue #16): wordings from development halves no rule had been written from (corpora 216, 220,
228-235) and from corpora 236-243's, each naming its failure. The bodies are written for these tests."""

from __future__ import annotations

import pytest
from classify_answers import BOOK, answer

from oauthdoctor.classifier import classify


@pytest.mark.parametrize("body,expected", [
    ("AuthFailed: User doesn't belong to the organization",
     ("access_denied", "user_not_in_required_groups", "fix_config")),
    ("login refused: user does not belong to the expected company",
     ("access_denied", "user_not_in_required_groups", "fix_config")),
    ("failed to authenticate: oidc: unexpected hd claim example.org", ("access_denied", "access_policy_denied",
                                                                      "fix_config")),
    ("The authorization server is currently unavailable.", ("temporarily_unavailable", "token_service_unavailable",
                                                           "retry")),
    ("verify: auth time of token is too old: must not be older than 5m0s",
     ("interaction_required", "login_required", "reauth")),
    ("LoginRequired: Session user does not match client supplied user.",
     ("interaction_required", "login_required", "reauth")),
    ("InvalidRequestError: Prompt none is mutually exclusive with other values.",
     ("invalid_request", "prompt_value_invalid", "fix_config")),
    ("refresh failed; a full reauth may be needed", ("invalid_grant", "grant_dead", "reauth")),
    ("ERROR - Token unavailable until authorised with URL https://idp.example/authorize?client_id=x",
     ("interaction_required", "consent_required", "reauth")),
    ("Invariant Violation: Config error: you must provide either an issuer or a service endpoints",
     ("invalid_request", "provider_not_configured", "fix_config")),
    ("Application failed to authenticate", ("invalid_client", "bad_client_credentials", "fix_config")),
    ("RPCError 420: FLOOD_WAIT_X - A wait of 61 seconds is required (caused by auth.SignIn)",
     ("rate_limited", "rate_limit_exceeded", "retry")),
    ("The job did not finish. This is not a terminal error; it should resolve itself upon a retry.",
     ("temporarily_unavailable", "idp_transient_outage", "retry")),
    ("JWTClaimValidationFailed: Unexpected 'alg' value", ("invalid_token", "id_token_signing_alg_mismatch",
                                                          "fix_config")),
    ("JwtInvalidClaimError: Missing Token use. Expected one of: id, access", ("invalid_token", "wrong_token_type",
                                                                             "fix_config")),
    ("IDX20803: Endpoint is on a different host than authority", ("invalid_request",
                                                                  "discovery_policy_rejects_endpoint", "fix_config")),
])
def test_texts_that_name_their_failure(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


@pytest.mark.parametrize("body,provider,expected", [
    ("WARNING: Unable to acquire token for tenant 'contoso' with error 'Authentication failed against tenant "
     "contoso. User interaction is required. This may be due to the conditional access policy settings.'",
     "microsoft", ("interaction_required", "mfa_required", "reauth")),
    ("MsalClientException: The OAuth2 redirect URI myapp://auth should not be used with the system browser",
     "microsoft", ("redirect_uri_mismatch", "redirect_uri_not_configured", "fix_config")),
    ('{"error": "invalid_grant", "error_description": "The refresh_token was generated for a user who doesn\'t '
     'exist anymore."}', "auth0", ("invalid_grant", "user_deleted", "reauth")),
    ('{"error": "invalid_grant", "error_description": "Invalid otp_code."}', "auth0",
     ("invalid_grant", "mfa_failed", "reauth")),
    ('{"error": "emm_passcode_required"}', "google", ("access_denied", "org_policy_blocks_app", "fix_config")),
])
def test_providers_own_wordings(body: str, provider: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body, provider) == expected


def test_entras_503_is_an_outage_not_a_dead_grant() -> None:
    body = ('{"error": "service_unavailable", "error_description": "AADSTS70000: Service is unavailable", '
            '"error_codes": [70000]}')
    assert answer(503, body, "microsoft") == ("temporarily_unavailable", "token_service_unavailable", "retry")
    # the same code without the outage is still a grant that is not valid
    grant = ('{"error": "invalid_grant", "error_description": "AADSTS70000: The grant is invalid", '
             '"error_codes": [70000]}')
    assert answer(400, grant, "microsoft")[0] == "invalid_grant"


def test_a_membership_in_a_group_of_words_is_not_an_organisation() -> None:
    # guards: "belongs to" an authorization code or another client is not the organisation policy
    assert answer(400, '{"error": "invalid_grant", "error_description": "Authorization code provided does not '
                       'belong to you"}')[0] == "invalid_grant"
    assert answer(None, "The service is temporarily unavailable for maintenance")[2] == "retry"


@pytest.mark.parametrize("error_type", ["expired_token", "invalid_grant", "insufficient_scope", "validation"])
def test_an_error_type_fitbit_lists_is_fitbits(error_type: str) -> None:
    body = f'{{"errors": [{{"errorType": "{error_type}", "message": "see dev.fitbit.com"}}], "success": false}}'
    assert classify(401, body, None, rulebook=BOOK).provider == "fitbit"


@pytest.mark.parametrize("error_type", ["UnauthorizedException", "functional", "permission_denied"])
def test_another_apis_error_type_list_is_not_fitbits(error_type: str) -> None:
    # AppSync and Renault's Kamereon answer errors[].errorType too, with types Fitbit does not list
    body = f'{{"errors": [{{"errorType": "{error_type}", "message": "Permission denied"}}]}}'
    assert classify(401, body, None, rulebook=BOOK).provider != "fitbit"
