"""API gateways that refuse the token or key themselves, in the phrase layer.

Tyk answers its middleware's message in its JSON error template (``{"error": "..."}``), KrakenD's JWT validator
answers a bodiless 401/403 and logs the reason behind its ``[ENDPOINT: ...][JWTValidator]`` prefix, Apigee answers
``{"fault": {"faultstring": ..., "detail": {"errorcode": ...}}}``, AWS API Gateway ``{"message": ...}`` (an HTTP
API's JWT authorizer puts the reason in ``www-authenticate``), the Application Load Balancer names the reason only
in its access log's ``error_reason`` field, and Azure API Management's validate-jwt sample answers a fixed sentence.
Every text below is built that way from the pinned sources of the rules; none is taken from a reported case.
"""

from __future__ import annotations

import json

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIXED, RETRY, REAUTH = "fix_config", "retry", "reauth"
REPOS = ("TykTechnologies/tyk", "krakend/krakend-jose", "apigee/api-platform-samples", "apigee/devrel",
         "GoogleCloudPlatform/apigee-samples", "awsdocs/amazon-api-gateway-developer-guide",
         "awsdocs/elb-application-load-balancers-user-guide", "Azure/api-management-policy-snippets")


def run(status: int | None, body: str, headers: dict[str, str] | None = None) -> tuple[str, str, str]:
    r = classify(status, body, headers, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


def from_block(status: int | None, body: str, headers: dict[str, str] | None = None) -> bool:
    r = classify(status, body, headers, rulebook=BOOK)
    return any(f"github.com/{repo}/" in ref for ref in r.references for repo in REPOS)


def tyk(message: str) -> str:
    return json.dumps({"error": message}, indent=4)  # Tyk's templates/error.json


def apigee(faultstring: str, errorcode: str) -> str:
    return json.dumps({"fault": {"faultstring": faultstring, "detail": {"errorcode": errorcode}}})


def krakend(message: str) -> str:
    return f"[KRAKEND] 2026/12/05 - 10:00:00.000 \u25b6 ERROR [ENDPOINT: /orders][JWTValidator] {message}"


def alb_log(reason: str) -> str:
    """An Application Load Balancer access-log entry whose error_reason field names the authenticate failure."""
    return ('https 2026-12-05T10:00:00.000000Z app/my-alb/50dc6c495c0c9188 192.0.2.10:51234 - -1 -1 -1 401 - 120 '
            '230 "GET https://app.example.com:443/ HTTP/1.1" "Mozilla/5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 - '
            '"Root=1-58337262-36d228ad5d99923122bbe354" "app.example.com" '
            '"arn:aws:acm:us-east-1:123456789012:certificate/abc" 0 2026-12-05T10:00:00.000000Z "authenticate" '
            f'"-" "{reason}" "-" "-" "-" "-"')


@pytest.mark.parametrize(("status", "message", "expected"), [
    (400, "Authorization field missing", ("invalid_request", "access_token_missing", FIXED)),
    (401, "Authorization field missing", ("invalid_request", "access_token_missing", FIXED)),
    (403, "Key not authorised. OAuth client access was revoked",
     ("invalid_token", "client_registration_lost", FIXED)),
    (401, "Key not authorized: token has expired", ("invalid_token", "access_token_expired", RETRY)),
    (401, "Key not authorized: token is not valid yet", ("invalid_token", "clock_skew", FIXED)),
    (401, "Key not authorized: invalid issuer claim: https://login.example.com/",
     ("invalid_token", "token_from_other_issuer", FIXED)),
    (401, "Key not authorized: issuer claim is required but not present in token",
     ("invalid_token", "token_from_other_issuer", FIXED)),
    (401, "Key not authorized: no matching audience found in token: [api://other]",
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    (401, "Key not authorized: custom claim tenant is required but not present in token",
     ("invalid_token", "required_claim_missing", FIXED)),
    (401, "Key not authorized: claim department value does not match any expected values",
     ("access_denied", "access_policy_denied", FIXED)),
    (403, "Key not authorized: Unexpected signing method", ("invalid_token", "token_signature_invalid", FIXED)),
    (403, "key not authorized: no matching policy", ("access_denied", "access_policy_denied", FIXED)),
    (403, "key not authorized: no scope or policy in token", ("access_denied", "access_policy_denied", FIXED)),
    (403, "Key not authorised", ("invalid_token", "ambiguous", RETRY)),
    (401, "Key not authorised", ("invalid_token", "ambiguous", RETRY)),
    (403, "Key not authorized", ("invalid_token", "ambiguous", RETRY)),
    (401, "Key has expired, please renew", ("invalid_token", "ambiguous", FIXED)),
    (403, "Key is inactive, please renew", ("invalid_token", "api_key_invalid", FIXED)),
    (403, "Access to this API has been disallowed", ("access_denied", "ambiguous", FIXED)),
])
def test_tyk_middleware_errors(status: int, message: str, expected: tuple[str, str, str]) -> None:
    assert run(status, tyk(message)) == expected
    assert from_block(status, tyk(message))


@pytest.mark.parametrize(("status", "message", "expected"), [
    # read right by earlier rules (RFC 6750's malformed bearer header, a token used before its iat)
    (400, "Bearer token malformed", ("invalid_token", "access_token_malformed", FIXED)),
    (401, "Key not authorized: token used before issued", ("invalid_token", "clock_skew", FIXED)),
])
def test_tyk_errors_earlier_rules_already_read(status: int, message: str, expected: tuple[str, str, str]) -> None:
    assert run(status, tyk(message)) == expected
    assert run(status, message) == expected


def test_tyk_plain_text_and_candidates() -> None:
    assert run(403, "Key not authorised") == ("invalid_token", "ambiguous", RETRY)
    assert run(400, "Authorization field missing") == ("invalid_request", "access_token_missing", FIXED)
    assert from_block(403, "Key not authorised") and from_block(400, "Authorization field missing")
    r = classify(403, tyk("Key not authorised"), rulebook=BOOK)
    assert [c.cause for c in r.candidates] == ["access_token_expired", "token_signature_invalid",
                                               "token_from_other_server"]
    r = classify(403, tyk("Access to this API has been disallowed"), rulebook=BOOK)
    assert [c.cause for c in r.candidates] == ["api_key_invalid", "access_policy_denied"]
    assert r.confidence == "medium"  # both candidates are fixed by configuration
    r = classify(401, tyk("Key has expired, please renew"), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("api_key_invalid", FIXED),
                                                             ("access_token_expired", RETRY)]


@pytest.mark.parametrize(("message", "expected"), [
    ("Unable to validate the token: Token not found", ("invalid_request", "access_token_missing", FIXED)),
    ("Unable to validate the token: no Keys have been found", ("invalid_token", "token_signature_invalid", FIXED)),
    ("Unable to validate the token: key 'k1' not found in the key set",
     ("invalid_token", "token_signature_invalid", FIXED)),
    ("Unable to validate the token: algorithm is invalid", ("invalid_token", "token_signature_invalid", FIXED)),
    ("Token sent by client rejected", ("invalid_token", "token_revoked", REAUTH)),
    ("Token sent by client does not have sufficient roles", ("insufficient_scope", "missing_permission", FIXED)),
    ("Token sent by client does not have the required scopes", ("insufficient_scope", "missing_scope", FIXED)),
])
def test_krakend_jwt_validator_log_lines(message: str, expected: tuple[str, str, str]) -> None:
    assert run(None, krakend(message)) == expected
    assert from_block(None, krakend(message))


@pytest.mark.parametrize(("message", "expected"), [
    # go-jose's own words after KrakenD's prefix are read by the rules that already know them
    ("Token sent by client is invalid: go-jose/go-jose/jwt: validation failed, token is expired (exp)",
     ("invalid_token", "access_token_expired", RETRY)),
    ("Token sent by client is invalid: go-jose/go-jose/jwt: validation failed, invalid audience claim (aud)",
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    ("Token sent by client is invalid: go-jose/go-jose/jwt: validation failed, invalid issuer claim (iss)",
     ("invalid_token", "token_from_other_issuer", FIXED)),
    ("Token sent by client is invalid: go-jose/go-jose/jwt: validation failed, token not valid yet (nbf)",
     ("invalid_token", "clock_skew", FIXED)),
])
def test_krakend_wraps_go_jose_claims_errors(message: str, expected: tuple[str, str, str]) -> None:
    assert run(None, krakend(message)) == expected


@pytest.mark.parametrize(("status", "faultstring", "errorcode", "expected"), [
    (401, "Invalid access token", "oauth.v2.InvalidAccessToken", ("invalid_request", "access_token_missing", FIXED)),
    (401, "Invalid Access Token", "keymanagement.service.invalid_access_token", ("invalid_token", "ambiguous", RETRY)),
    (401, "Access Token expired", "keymanagement.service.access_token_expired",
     ("invalid_token", "access_token_expired", RETRY)),
    (401, "Failed to resolve API Key variable request.queryparam.apikey", "steps.oauth.v2.FailedToResolveAPIKey",
     ("invalid_request", "api_key_invalid", FIXED)),
    (401, "Invalid ApiKey", "oauth.v2.InvalidApiKey", ("invalid_token", "api_key_invalid", FIXED)),
    (401, "Invalid ApiKey for given resource", "oauth.v2.InvalidApiKeyForGivenResource",
     ("access_denied", "plan_or_project_lacks_access", FIXED)),
    (401, "Invalid API call as no apiproduct match found",
     "keymanagement.service.InvalidAPICallAsNoApiProductMatchFound",
     ("access_denied", "plan_or_project_lacks_access", FIXED)),
    (403, "Required scopes are : write", "steps.oauth.v2.InsufficientScope", ("insufficient_scope", "missing_scope",
                                                                              FIXED)),
    (401, "Invalid token: policy(JWT-Verify)", "steps.jwt.InvalidToken", ("invalid_token", "ambiguous", FIXED)),
])
def test_apigee_fault_codes(status: int, faultstring: str, errorcode: str, expected: tuple[str, str, str]) -> None:
    assert run(status, apigee(faultstring, errorcode)) == expected
    assert from_block(status, apigee(faultstring, errorcode))


def test_apigee_invalid_access_token_lists_what_tells_the_causes_apart() -> None:
    r = classify(401, apigee("Invalid Access Token", "keymanagement.service.invalid_access_token"), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("token_from_other_server", FIXED),
                                                             ("token_revoked", REAUTH)]


def test_aws_missing_authentication_token_is_a_wrong_path_not_a_missing_token() -> None:
    r = classify(403, json.dumps({"message": "Missing Authentication Token"}), rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", "ambiguous", FIXED)
    assert [c.cause for c in r.candidates] == ["wrong_endpoint_url", "credentials_not_configured"]
    assert r.confidence == "medium"
    assert "path" in r.summary


def test_aws_http_api_jwt_authorizer_names_the_audience_in_its_header() -> None:
    headers = {"www-authenticate": 'Bearer scope="" error="invalid_token" '
                                   'error_description="the token does not have a valid audience"'}
    assert run(401, '{"message":"Unauthorized"}', headers) == ("invalid_token", "token_for_wrong_audience", FIXED)


@pytest.mark.parametrize(("reason", "expected"), [
    ("AuthInvalidIdToken", ("invalid_token", "ambiguous", FIXED)),
    ("AuthInvalidGrantError", ("invalid_grant", "auth_code_invalid_or_reused", REAUTH)),
    ("AuthInvalidStateParam", ("invalid_request", "ambiguous", REAUTH)),
    ("AuthInvalidCookie", ("invalid_request", "ambiguous", REAUTH)),
    ("AuthMissingStateParam", ("invalid_request", "ambiguous", FIXED)),
    ("AuthMissingCodeParam", ("invalid_request", "ambiguous", FIXED)),
    ("AuthTokenEpRequestFailed", ("invalid_client", "ambiguous", FIXED)),
    ("AuthTokenEpRequestTimeout", ("server_error", "ambiguous", FIXED)),
    ("AuthUserinfoEpRequestTimeout", ("server_error", "ambiguous", FIXED)),
    ("AuthInvalidTokenResponse", ("invalid_request", "ambiguous", FIXED)),
    ("AuthInvalidUserinfoResponse", ("invalid_request", "ambiguous", FIXED)),
    ("AuthUserinfoEpRequestFailed", ("invalid_request", "ambiguous", FIXED)),
    ("AuthUserinfoResponseSizeExceeded", ("unknown", "session_cookie_too_large", FIXED)),
    ("AuthMissingHostHeader", ("invalid_request", "missing_parameter", FIXED)),
])
def test_application_load_balancer_error_reasons(reason: str, expected: tuple[str, str, str]) -> None:
    assert run(None, alb_log(reason)) == expected
    assert from_block(None, alb_log(reason))


def test_alb_unreachable_idp_lists_egress_against_an_outage() -> None:
    r = classify(500, alb_log("AuthTokenEpRequestTimeout"), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("idp_unreachable_from_gateway", FIXED),
                                                             ("idp_transient_outage", RETRY)]


def test_azure_api_management_validate_jwt_sample_body() -> None:
    r = classify(401, "Unauthorized. Access token is missing or invalid.", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_token", "ambiguous", RETRY)
    assert [c.cause for c in r.candidates] == ["access_token_missing", "access_token_expired",
                                               "token_for_wrong_audience"]
    assert from_block(401, "Unauthorized. Access token is missing or invalid.")


@pytest.mark.parametrize(("status", "body"), [
    (401, "The registry says: missing authentication token for docker pull"),  # not API Gateway's whole message
    (403, tyk("Key not authorized for this vault")),  # not Tyk's bare sentence
    (401, json.dumps({"error": "invalid_access_token"})),  # a bare code, not Apigee's keymanagement.service fault
    (401, "Unauthorized. Access token is missing or invalid. Contact the API owner."),  # more than the sample
    (None, "MyAuthInvalidIdTokenHandler failed"),  # an identifier that only contains the ALB code
    (None, "Token sent by client rejected"),  # without KrakenD's validator prefix
    (400, "Authorization field missing, malformed or invalid"),  # Tyk's HTTP-signature check, not the token's
])
def test_neighbouring_sentences_do_not_take_these_rules(status: int | None, body: str) -> None:
    assert not from_block(status, body)


@pytest.mark.parametrize(("body", "cause"), [
    # the baseline's expired-secret rule still reads secrets and keys, but not Tyk's session wording
    ("The client secret has expired.", "client_secret_expired"),
    ("Secret key for the app expired on 2026-11-01", "client_secret_expired"),
    ("Key not authorized: token has expired", "access_token_expired"),
])
def test_expired_secret_rule_keeps_its_meaning(body: str, cause: str) -> None:
    assert run(401, json.dumps({"error_description": body}))[1] == cause
