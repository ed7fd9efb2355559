"""Gateways and server frameworks that validate the bearer token themselves, in the phrase layer.

Envoy's JWT filter (and so Istio's RequestAuthentication) answers with jwt_verify_lib's status words, jjwt throws
its ExpiredJwtException/PrematureJwtException messages, FastAPI's security dependencies answer "Not authenticated"
and Django REST framework its authentication messages. Every text below is built the way that code builds it
(status.cc's strings, jjwt's concatenation, FastAPI's HTTPException detail, DRF's {"detail": ...}); none is taken
from a reported case. The rules' pinned sources in ``providers/generic.yaml`` say where the words come from.
"""

from __future__ import annotations

import json

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
# Envoy's answer to a refused JWT: 401, a Bearer challenge naming invalid_token, the status words as the body.
ENVOY = {"www-authenticate": 'Bearer realm="http://api.example.com/orders", error="invalid_token"'}
FIXED, RETRY = "fix_config", "retry"


def run(status: int | None, body: str, headers: dict[str, str] | None = None) -> tuple[str, str, str]:
    r = classify(status, body, headers, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize(("body", "expected"), [
    ("Jwt is missing", ("invalid_request", "access_token_missing", FIXED)),
    ("Found multiple Jwt tokens", ("invalid_request", "access_token_missing", FIXED)),
    ("Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections",
     ("invalid_token", "access_token_malformed", FIXED)),
    ("Jwt header is an invalid Base64url encoded", ("invalid_token", "access_token_malformed", FIXED)),
    ("Jwt payload is an invalid JSON", ("invalid_token", "access_token_malformed", FIXED)),
    ("Jwt payload [exp] field is not an integer", ("invalid_token", "access_token_malformed", FIXED)),
    ("Jwt is expired", ("invalid_token", "access_token_expired", RETRY)),
    ("Jwt not yet valid", ("invalid_token", "clock_skew", FIXED)),
    ("Jwt issuer is not configured", ("invalid_token", "token_from_other_issuer", FIXED)),
    ("Audiences in Jwt are not allowed", ("invalid_token", "token_for_wrong_audience", FIXED)),
    ("Jwt verification fails", ("invalid_token", "token_signature_invalid", FIXED)),
    ("Jwt header [alg] is not supported", ("invalid_token", "token_signature_invalid", FIXED)),
    ("Jwks doesn't have key to match kid or alg from Jwt", ("invalid_token", "token_signature_invalid", FIXED)),
    ("Jwks is an invalid JSON", ("invalid_token", "jwks_invalid", FIXED)),
    ("Jwks doesn't have any valid public key", ("invalid_token", "jwks_invalid", FIXED)),
    ("[kty] is not supported in [keys]", ("invalid_token", "jwks_invalid", FIXED)),
    ("[n] field is missing for a RSA key", ("invalid_token", "jwks_invalid", FIXED)),
    ("Jwks remote fetch is failed", ("invalid_token", "ambiguous", FIXED)),
])
def test_envoy_and_istio_jwt_filter_words(body: str, expected: tuple[str, str, str]) -> None:
    assert run(401, body, ENVOY) == expected


def test_a_failed_jwks_fetch_lists_what_tells_the_causes_apart() -> None:
    r = classify(401, "Jwks remote fetch is failed", ENVOY, rulebook=BOOK)
    assert [c.cause for c in r.candidates] == ["jwks_uri_unreachable", "idp_transient_outage"]
    assert r.confidence == "low"


@pytest.mark.parametrize(("body", "expected"), [
    # jjwt 0.12 and the older wording: the printed "Allowed clock skew" is the leeway, not skew
    ("io.jsonwebtoken.ExpiredJwtException: JWT expired 5123 milliseconds ago at 2026-12-05T10:00:00.000Z. "
     "Current time: 2026-12-05T10:00:05.123Z. Allowed clock skew: 0 milliseconds.",
     ("invalid_token", "access_token_expired", RETRY)),
    ("JWT expired at 2026-12-05T10:00:00Z. Current time: 2026-12-06T10:00:00Z, a difference of 86400000 "
     "milliseconds.  Allowed clock skew: 0 milliseconds.", ("invalid_token", "access_token_expired", RETRY)),
    ("io.jsonwebtoken.PrematureJwtException: JWT early by 3000 milliseconds before 2026-12-05T10:00:05.000Z. "
     "Current time: 2026-12-05T10:00:02.000Z. Allowed clock skew: 0 milliseconds.",
     ("invalid_token", "clock_skew", FIXED)),
    # a text that does speak of skew still reads as skew
    ("token rejected: clock skew too large", ("invalid_token", "clock_skew", FIXED)),
])
def test_jjwt_expiry_is_expiry_and_premature_is_skew(body: str, expected: tuple[str, str, str]) -> None:
    assert run(401, body) == expected


@pytest.mark.parametrize(("status", "detail", "expected"), [
    (401, "Not authenticated", ("invalid_request", "access_token_missing", FIXED)),  # FastAPI OAuth2PasswordBearer
    (403, "Not authenticated", ("invalid_request", "access_token_missing", FIXED)),  # FastAPI HTTPBearer (older)
    (401, "Invalid token header. No credentials provided.", ("invalid_request", "access_token_missing", FIXED)),
    (401, "Invalid token header. Token string should not contain spaces.",
     ("invalid_token", "access_token_malformed", FIXED)),
    (401, "Invalid token header. Token string should not contain invalid characters.",
     ("invalid_token", "access_token_malformed", FIXED)),
    (401, "User inactive or deleted.", ("access_denied", "account_disabled", FIXED)),
])
def test_fastapi_and_django_rest_framework_details(status: int, detail: str, expected: tuple[str, str, str]) -> None:
    assert run(status, json.dumps({"detail": detail})) == expected


@pytest.mark.parametrize("body", [
    "You are not authenticated with the registry; run docker login first.",  # not the whole message
    "The Jwt is missing a kid header, which our docs explain.",  # not the filter's sentence
    "JWT expired",  # a bare expiry without jjwt's clock: the general expiry rule, not this one
])
def test_neighbouring_sentences_do_not_take_these_rules(body: str) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert not any("jwt_verify_lib" in ref or "fastapi" in ref or "django-rest-framework" in ref
                   for ref in r.references)


@pytest.mark.parametrize(("body", "expected"), [
    # jsonwebtoken (Node): the application's own key configuration, not the token
    ("Error: secretOrPrivateKey must have a value", ("invalid_token", "token_misconfigured", FIXED)),
    ("JsonWebTokenError: secret or public key must be provided", ("invalid_token", "token_misconfigured", FIXED)),
    ("JsonWebTokenError: invalid algorithm", ("invalid_token", "token_signature_invalid", FIXED)),
])
def test_jsonwebtokens_key_and_algorithm_errors_are_configuration(body: str, expected: tuple[str, str, str]) -> None:
    assert run(401, body) == expected


def test_missing_or_invalid_is_not_read_as_missing_alone() -> None:
    """'Access token is missing or invalid' names two causes; only 'missing' is a token that was never sent."""
    assert run(401, '{"statusCode": 401, "message": "Unauthorized. Access token is missing or invalid."}')[:2] == (
        "invalid_token", "ambiguous")
    assert run(401, "Access token is missing") == ("invalid_request", "access_token_missing", FIXED)


@pytest.mark.parametrize(("body", "expected"), [
    ("jwt.exceptions.InvalidAlgorithmError: The specified alg value is not allowed",
     ("invalid_token", "token_signature_invalid", FIXED)),  # PyJWT
    ("oidc: malformed jwt: square/go-jose: compact JWS format must have three parts",
     ("invalid_token", "access_token_malformed", FIXED)),  # go-oidc
    ("oidc: malformed jwt, expected 3 parts got 1", ("invalid_token", "access_token_malformed", FIXED)),
])
def test_pyjwt_and_go_oidc_words(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected
