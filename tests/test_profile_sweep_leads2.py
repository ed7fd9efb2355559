"""Leads an earlier sweep could not confirm, settled on 2026-12-07 from the projects' own code and words (group
leads2: league/oauth2-server with Laravel Passport, Authlib, Hydra, Authelia, ZITADEL).

Found: Laravel Passport 13 keeps a client's redirect URIs as a JSON list (PR #1744; the comparison is unchanged);
Authlib 1.9.9 no longer lets a client registered with a secret use method none anywhere, and Authlib 1.9.0 refuses
every JAR request_uri unless the application implements validate_request_uri; Authelia v4.39.23 checks the
introspection and revocation endpoints' own auth method options, and v4.39.27 answers the consent redirect with
303; ZITADEL's v3 to v4 upgrade guide names the OIDC signing keys (advisory A-10017). Not released, so not
recorded: Hydra's client secret rotation and jwt-bearer audience change. Each test says what the profile said
before and what the source says, and fails on the old profile.
"""

from __future__ import annotations

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

# league/oauth2-server (Laravel Passport)


def test_passport_13_redirect_uris_note_names_the_json_list() -> None:
    # was: "Passport stores a client's redirect URIs comma-separated in one column"; laravel/passport PR #1744
    # (src/Client.php at 13.x) keeps them as a JSON list in redirect_uris, the old column only as a fallback
    rule = get_profile("league-oauth2-server").redirect
    assert "JSON list in the redirect_uris column" in rule.note
    assert "comparison itself did not change" in rule.note
    assert str(rule.checked) == "2026-12-07"


# Authlib


def test_authlib_confidential_client_may_not_use_none_since_1_9_9() -> None:
    # was: the missing-authentication candidate named only a method list without none; Authlib 1.9.9's
    # authenticate_client.py refuses none for a client registered with a secret even where none is listed
    result = classify(400, {"error": "invalid_client",
                            "error_description": "The client cannot authenticate with methods: "
                                                 "['client_secret_basic', 'none']"},
                      provider="authlib")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_client", "ambiguous", "fix_config")
    hints = [c.tells_apart for c in result.candidates if c.cause == "client_authentication_missing"]
    assert hints and "1.9.9" in hints[0] and "registered with a secret" in hints[0]


def test_authlib_request_uri_refused_by_default_since_1_9_0() -> None:
    # was: the generic reading (request_uri_invalid: an expired pushed request); Authlib 1.9.0's
    # rfc9101/authorization_server.py refuses every request_uri unless the application implements validate_request_uri
    result = classify(400, {"error": "invalid_request_uri",
                            "error_description": "The request_uri in the authorization request returns an error or "
                                                 "contains invalid data."},
                      provider="authlib")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_request", "ambiguous", "fix_config")
    assert [c.cause for c in result.candidates] == ["server_setup_incomplete", "request_uri_invalid"]
    assert "validate_request_uri" in result.summary


# Authelia


def test_authelia_introspection_auth_method_names_its_own_option() -> None:
    # was: "authenticates at the token endpoint ... token_endpoint_auth_method" only; Authelia PR #12976 (v4.39.23)
    # makes introspection and revocation check introspection_/revocation_endpoint_auth_method
    result = classify(401, {"error": "invalid_client",
                            "error_description": "Client authentication failed (e.g., unknown client, no client "
                                                 "authentication included, or unsupported authentication method). "
                                                 "The request was determined to be using "
                                                 "'introspection_endpoint_auth_method' method 'client_secret_post', "
                                                 "however the OAuth 2.0 client registration does not allow this "
                                                 "method."},
                      provider="authelia")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_client", "wrong_client_auth_method",
                                                                     "fix_config")
    assert "introspection_endpoint_auth_method" in result.summary and "v4.39.23" in result.summary


def test_authelia_consent_redirect_is_303_since_4_39_27() -> None:
    # was: nothing about this redirect's status; Authelia PR #13155 (v4.39.27) forces 303 See Other for FAPI 2.0
    found = [q for q in get_profile("authelia").quirks if q.source == "https://github.com/authelia/authelia/pull/13155"]
    assert len(found) == 1
    assert "303 See Other" in found[0].text and "v4.39.27" in found[0].text and found[0].basis == "confirmed"


# ZITADEL


def test_zitadel_v4_upgrade_names_the_signing_keys_advisory() -> None:
    # was: nothing about the v3 to v4 upgrade; ZITADEL's upgrade guide says to reach v3.4.1 or later and let
    # legacy-signed JWTs and sessions expire before v4 (A-10017)
    found = [q for q in get_profile("zitadel").quirks
             if q.source == "https://zitadel.com/docs/self-hosting/manage/upgrade-v3-to-v4"]
    assert len(found) == 1
    assert "A-10017" in found[0].text and "v3.4.1" in found[0].text and str(found[0].checked) == "2026-12-07"
