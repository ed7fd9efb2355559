"""TLS verification failures in the phrase layer: the token or discovery request never reached an OAuth answer
because the client refused the server's certificate. The words are OpenSSL/BoringSSL's verify errors
(crypto/x509/x509_txt.cc) in the shapes Node, Python, curl and Go print them; the fix is configuration (trust the
right CA, call the right host, fix the clock), never a retry and never turning verification off."""

from __future__ import annotations

import json

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()


def run(body: str, status: int | None = None) -> tuple[str, str, str]:
    r = classify(status, body, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize("body", [
    "Error: unable to verify the first certificate",  # Node, UNABLE_TO_VERIFY_LEAF_SIGNATURE
    "FetchError: request to https://idp.example.com/oauth/token failed, reason: self signed certificate",
    "Error: self-signed certificate in certificate chain",  # OpenSSL 3 spells it with a hyphen
    "requests.exceptions.SSLError: HTTPSConnectionPool(host='login.example.com', port=443): Max retries exceeded "
    "with url: /oauth2/token (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] "
    "certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))",
    'Get "https://idp.example.com/.well-known/openid-configuration": x509: certificate signed by unknown authority',
    "curl: (60) SSL certificate problem: unable to get local issuer certificate",
    "TypeError: fetch failed\n  [cause]: Error: unable to get local issuer certificate { code: "
    "'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }",
])
def test_an_untrusted_chain_is_a_trust_store_fix(body: str) -> None:
    assert run(body) == ("unknown", "tls_certificate_untrusted", "fix_config")


@pytest.mark.parametrize("body", [
    "FetchError: request to https://idp.example.com/token failed, reason: certificate has expired",
    "x509: certificate has expired or is not yet valid: current time 2020-01-01T00:00:00Z is before "
    "2024-01-01T00:00:00Z",
    "Error: certificate is not yet valid",
])
def test_a_certificate_out_of_its_dates_points_at_the_clock_first(body: str) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("unknown", "tls_certificate_expired_or_clock_wrong",
                                                      "fix_config")
    assert "clock" in r.summary


def test_a_host_name_the_certificate_does_not_cover() -> None:
    body = ("Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: idp.local. "
            "is not in the cert's altnames: DNS:example.com")
    assert run(body) == ("unknown", "tls_hostname_mismatch", "fix_config")


@pytest.mark.parametrize(("body", "status"), [
    ("Use a self-signed certificate for local development only.", None),  # prose, not a verify error
    (json.dumps({"error": "invalid_grant", "error_description": "certificate has expired"}), 400),  # a server's answer
])
def test_prose_and_oauth_answers_stay_out(body: str, status: int | None) -> None:
    assert not run(body, status)[1].startswith("tls_")


def test_the_advice_never_says_to_turn_verification_off() -> None:
    r = classify(None, "Error: unable to verify the first certificate", rulebook=BOOK)
    advice = " ".join((r.summary, *r.hints)).lower()
    assert "do not switch verification off" in advice
    assert "verify=false" not in advice and "rejectunauthorized" not in advice
