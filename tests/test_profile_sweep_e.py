"""Changes that the open-source authorization servers of group e (FusionAuth, authentik, Authelia, Dex, ZITADEL,
OpenIddict, Spring Authorization Server, Doorkeeper, django-oauth-toolkit, IdentityServer) released in 2025-2026
after the versions their profiles pinned, read into the bundled profiles on 2026-12-07.

Found: Spring's authorization server moved into Spring Security 7.0 and requires PKCE of every client by default
there; Duende IdentityServer 7.3 accepts DPoP together with mTLS, refuses client-credentials clients without a
required secret and symmetric client assertions; OpenIddict 7.0 adds token exchange and accepts only the issuer as
a client assertion's audience. Each test says what the profile said before and what the source says, and fails on
the old profile.
"""

from __future__ import annotations

from profile_probe_support import sourced_quirk

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

SAS_README = ("https://github.com/spring-projects/spring-authorization-server/blob/"
              "b90fb09362aae9eb6ee64e536d0ad7d589af917f/README.adoc")
DUENDE_73_ALGS = ("https://docs.duendesoftware.com/identityserver/upgrades/v7_2-to-v7_3/"
                  "#default-supported-signing-algorithms-have-changed-for-client-assertions-and-request-objects")


# Spring Authorization Server


def test_spring_requires_pkce_of_every_client() -> None:
    # was: required public_clients (1.5.7's requireProofKey false); Spring Security 7.1.1's ClientSettings.builder()
    # sets requireProofKey true (gh-18020, since 7.0), so confidential clients must send code_challenge too
    pkce = get_profile("spring-authorization-server").pkce
    assert pkce.required == "always"
    assert "spring-security/blob/7.1.1/" in pkce.source and str(pkce.checked) == "2026-12-07"
    assert "1.5.x" in pkce.note


def test_spring_missing_code_challenge_names_the_new_default() -> None:
    # was: 'always for a public client registered that way'; Spring Security 7.0's validator refuses a missing
    # code_challenge for any client whose requireProofKey is on, which is now the default
    result = classify(400, {"error": "invalid_request", "error_description": "OAuth 2.0 Parameter: code_challenge",
                            "error_uri": "https://datatracker.ietf.org/doc/html/rfc7636#section-4.4.1"},
                      provider="spring-authorization-server")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_request", "pkce_challenge_missing",
                                                                     "fix_config")
    assert "on by default for every client since the authorization server moved into Spring Security 7.0" in (
        result.summary)


def test_spring_authorization_server_move_to_spring_security_is_known() -> None:
    # was: not mentioned; the project's README says it moved to Spring Security 7.0 and 1.5.x is the last generation
    quirk = sourced_quirk("spring-authorization-server", SAS_README)
    assert "Spring Security 7.0" in quirk.text and "1.5.x" in quirk.text
    assert quirk.basis == "confirmed"


# IdentityServer


def test_identityserver_dpop_with_mtls_refusal_is_only_before_7_3() -> None:
    # was: every version refuses a DPoP proof sent with an mTLS certificate; Duende's commit 2272576 (in 7.3.0)
    # removed the refusal and lets the DPoP proof bind the token
    result = classify(400, {"error": "invalid_request",
                            "error_description": "Only one confirmation mechanism is allowed at a time"},
                      provider="identityserver")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_request",
                                                                     "multiple_proof_of_possession_methods",
                                                                     "fix_config")
    assert "7.0-7.2" in result.summary and "from 7.3 on" in result.summary


def test_identityserver_client_credentials_client_without_required_secret() -> None:
    # was: no rule (a generic invalid_client 'bad client credentials'); the v7.2-to-v7.3 upgrade guide says a client
    # allowed client_credentials must set RequireClientSecret, and the validator's message names it
    log = ("fail: Duende.IdentityServer.Stores.ValidatingClientStore[0] Invalid client configuration for client "
           "cc-client: RequireClientSecret is false, but client is using client credentials grant type.")
    result = classify(400, log, provider="identityserver")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_client",
                                                                     "client_registration_incomplete",
                                                                     "fix_config")
    assert "RequireClientSecret" in result.summary


def test_identityserver_refuses_symmetric_client_assertions_from_7_3() -> None:
    # was: not mentioned; the v7.2-to-v7.3 upgrade guide says only asymmetric algorithms are accepted by default
    # for client assertions and request objects
    quirk = sourced_quirk("identityserver", DUENDE_73_ALGS)
    assert "7.3" in quirk.text and "HS256" in quirk.text
    assert quirk.basis == "confirmed"


# OpenIddict


def test_openiddict_offers_token_exchange() -> None:
    # was: no token_exchange among the grants (6.0 preview code); OpenIddict 7.0's release post adds OAuth 2.0
    # Token Exchange to the server
    grants = get_profile("openiddict").grants
    assert "token_exchange" in grants.supported
    assert str(grants.checked) == "2026-12-07"


def test_openiddict_client_assertion_audience_must_be_the_issuer() -> None:
    # was: 'with aud the server's issuer or token endpoint'; the 6.0-to-7.0 migration guide says 7.0 accepts only
    # the issuer as audience and wants the client-authentication+jwt type
    result = classify(400, {"error": "invalid_grant",
                            "error_description": "The 'aud' claim returned in the specified client assertion doesn't "
                                                 "match the expected value.",
                            "error_uri": "https://documentation.openiddict.com/errors/ID2173"},
                      provider="openiddict")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_client", "assertion_invalid",
                                                                     "fix_config")
    assert "From OpenIddict 7.0 on aud must be the server's issuer" in result.summary
    assert "issuer or token endpoint" not in result.summary
