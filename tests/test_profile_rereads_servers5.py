"""Facts corrected when the confirmed facts of the authlib, spring-security-oauth and wso2 profiles were read again
in their cited sources (group servers5, 2026-12-07), each through the behaviour it changes (bundled profiles).

Each test says what the profile said and what the project's own source says.
"""

from __future__ import annotations

import json

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile


def _quirks(provider: str) -> list[str]:
    return [q.text for q in get_profile(provider).quirks]


def test_authlib_requires_pkce_of_public_clients() -> None:
    # was: required never; authlib/oauth2/rfc7636/challenge.py L41-L57 and L95-L97 says CodeChallenge is registered
    # with required=True (its default), which refuses a public client's token request without a code_verifier
    assert get_profile("authlib").pkce.required == "public_clients"


def test_authlib_serves_plain_http_on_loopback_without_the_switch() -> None:
    # was: set AUTHLIB_INSECURE_TRANSPORT=1 for plain http, loopback included; authlib/common/security.py L15-L48
    # says localhost and loopback IPs pass over http, the variable is for every other host
    quirks = _quirks("authlib")
    transport = [q for q in quirks if "AUTHLIB_INSECURE_TRANSPORT" in q]
    assert len(transport) == 1
    assert "unless the host is localhost or a loopback IP address" in transport[0]
    assert "e.g. on loopback" not in transport[0]


def test_spring_invalid_client_id_in_token_is_a_deleted_client_not_an_audience() -> None:
    # was: cause token_for_wrong_audience (shared with the resource-id text); OAuth2AuthenticationManager L113-L121
    # says the text comes from a client that loadClientByClientId no longer finds
    body = json.dumps({"error": "access_denied", "error_description": "Invalid token contains invalid client id"})
    got = classify(403, body, provider="spring-security-oauth")
    assert (got.failure_class, got.cause, got.decision) == ("invalid_token", "unknown_client_id", "fix_config")
    other = json.dumps({"error": "access_denied",
                        "error_description": "Invalid token does not contain resource id (oauth2-resource)"})
    assert classify(403, other, provider="spring-security-oauth").cause == "token_for_wrong_audience"


def test_spring_resource_id_check_spares_clients_without_resource_ids() -> None:
    # was: the client's resourceIds must include the resource server's id; OAuth2AuthenticationManager L92-L95
    # refuses only when the token's resourceIds are non-empty and lack it
    quirk = next(q for q in _quirks("spring-security-oauth") if "resource id" in q)
    assert "no resourceIds" in quirk
    assert "must include" not in quirk


def test_spring_redirect_mismatch_quirk_quotes_the_current_text() -> None:
    # was: only the 2.5.1 text 'Invalid redirect: ... does not match'; DefaultRedirectResolver L233 at 0344de8
    # says 'Invalid redirect uri does not match one of the registered values.'
    quirk = next(q for q in _quirks("spring-security-oauth") if "Redirect URI mismatch." in q)
    assert "'Invalid redirect uri does not match one of the registered values.'" in quirk
    assert "up to 2.5.1" in quirk


def test_wso2_authorize_errors_other_than_client_and_callback_return_to_the_client() -> None:
    # was: every authorization-endpoint error is shown on oauth2_error.do; EndpointUtil L398-L421 says only an
    # invalid client or redirect URI (or no redirect_uri) goes there while RedirectToRequestedRedirectUri is on
    quirk = next(q for q in _quirks("wso2") if "oauth2_error.do" in q)
    assert "come back on the request's redirect_uri" in quirk
    assert "RedirectToRequestedRedirectUri is false" in quirk
    assert not quirk.startswith("Errors at the authorization endpoint are shown")
