"""Facts corrected when the confirmed facts of the casdoor, go-oauth2-server, kanidm, kong and league-oauth2-server
profiles were read again in their cited sources (group servers3, 2026-12-07), each through the behaviour it changes
(bundled profiles).

Each test says what the profile said and what the project's own source says.
"""

from __future__ import annotations

import json

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile


def _quirks(provider: str) -> list[str]:
    return [q.text for q in get_profile(provider).quirks]


def _envelope(msg: str) -> str:
    return json.dumps({"status": "error", "msg": msg, "sub": "", "name": "", "data": None, "data2": None,
                       "data3": None})


def test_casdoor_assertion_for_an_unknown_client_in_the_200_envelope() -> None:
    # was: these texts only as invalid_client (the envelope fell to the generic layers); casdoor object/token_oauth.go
    # L33-L37 and controllers/token.go L350-L354 say the access_token endpoint answers them with ResponseError
    got = classify(200, _envelope("application not found for client: [app-x]"), provider="casdoor")
    assert (got.failure_class, got.cause, got.decision) == ("invalid_client", "assertion_invalid", "fix_config")


def test_casdoor_missing_client_cert_in_the_200_envelope() -> None:
    # was: generic unauthorized_client / client_not_authorized; token_oauth_util.go L587 returns it as a Go error,
    # which controllers/token.go L350-L354 puts in the envelope
    body = _envelope("client certificate is not configured for application: [admin/app-x]")
    got = classify(200, body, provider="casdoor")
    assert (got.failure_class, got.cause, got.decision) == ("invalid_client", "assertion_invalid", "fix_config")


def test_casdoor_token_endpoint_quirk_says_go_errors_use_the_envelope() -> None:
    # was: "the token endpoint uses {error, error_description}"; controllers/token.go L350-L354 says Go errors of
    # GetOAuthToken go out through ResponseError
    note = get_profile("casdoor").quirks[0].note or ""
    assert "controllers/token.go#L350-L354" in note


def test_casdoor_casdoor_authenticator_needs_no_registration() -> None:
    # was: localhost, 127.0.0.1 and chromiumapp.org only; util/validation.go L151 also accepts
    # http://casdoor-authenticator, on any port and path
    origins = [q for q in _quirks("casdoor") if "chromiumapp.org" in q]
    assert len(origins) == 1
    assert "http://casdoor-authenticator" in origins[0]
    assert "any port and path" in origins[0]


def test_casdoor_leading_dot_entry_matches_only_subdomains() -> None:
    # was: 'example.com' and '.example.com' both match the host and its subdomains; object/application_util.go
    # L443-L455 says a leading-dot entry is a plain suffix test, so the bare host fails
    note = get_profile("casdoor").redirect.note or ""
    assert "'.example.com' only its subdomains" in note
    assert "casdoor-authenticator" in note


def test_go_oauth2_bad_secret_candidate_excludes_the_refresh_grant() -> None:
    # was: bad_client_secret for any grant; manage/manager.go L384-L394 says RefreshAccessToken never compares the
    # secret, only GenerateAccessToken (code, password, client credentials) does
    body = json.dumps({"error": "invalid_client", "error_description": "Client authentication failed"})
    got = classify(401, body, provider="go-oauth2-server")
    secret = [c for c in got.candidates if c.cause == "bad_client_secret"]
    assert len(secret) == 1
    assert "refresh grant never compares the secret" in (secret[0].tells_apart or "")
    assert "refresh grant goes to RefreshAccessToken" in (get_profile("go-oauth2-server").client_auth.note or "")


def test_go_oauth2_pkce_refusals_are_not_redirected() -> None:
    # was: only no client_id or a bad response_type skip the redirect; server/server.go L169-L200 and L72-L75 say
    # the PKCE checks also return no request, so the bare Go error 'invalid_request' goes to the application
    redirect = [q for q in get_profile("go-oauth2-server").quirks if "302 back to the redirect_uri" in q.text]
    assert len(redirect) == 1
    assert "the PKCE checks" in (redirect[0].note or "")


def test_kanidm_secret_reset_does_not_end_tokens() -> None:
    # was: 'reset-secrets' invalidates the secret, keys and every token; tools/cli/src/opt/kanidm.rs L1039-L1042
    # says the command is reset-basic-secret and resets the basic secret only; revoking a key ends tokens
    quirks = _quirks("kanidm")
    assert not any("reset-secrets" in q for q in quirks)
    reset = [q for q in quirks if "reset-basic-secret" in q]
    assert len(reset) == 1
    assert "revoke-cryptographic-key" in reset[0]


def test_kanidm_refresh_decrypt_failure_names_a_revoked_key() -> None:
    # was: "issued before the client's secrets were reset"; a revoked JWE key refuses to decrypt
    # (server/keys/internal.rs L413-L415), a basic-secret reset leaves the keys alone (plugins/oauth2.rs L70-L90)
    got = classify(400, "Failed to decrypt refresh token request", provider="kanidm")
    assert (got.failure_class, got.cause, got.decision) == ("invalid_grant", "refresh_token_malformed", "reauth")
    assert "revoke-cryptographic-key" in (got.summary or "")
    assert "secrets were reset" not in (got.summary or "")


def test_kanidm_invalid_request_refresh_candidate_hint_names_key_revocation() -> None:
    # was: "after reset-secrets users must sign in again"; the CLI's revoke-cryptographic-key help (kanidm.rs
    # L1163-L1167) says tokens of a revoked key are no longer valid
    got = classify(400, json.dumps({"error": "invalid_request"}), provider="kanidm")
    refresh = [c for c in got.candidates if c.cause == "refresh_token_malformed"]
    assert len(refresh) == 1
    assert "revoke-cryptographic-key" in (refresh[0].hint or "")
    assert "reset-secrets" not in (refresh[0].hint or "")


def test_kanidm_wrong_secret_hint_names_reset_basic_secret() -> None:
    # was: "(it changes after reset-secrets)"; the CLI's command is reset-basic-secret (kanidm.rs L1039-L1042)
    got = classify(401, "Invalid OAuth2 client_id secret", provider="kanidm")
    assert got.cause == "bad_client_secret"
    assert any("reset-basic-secret" in h for h in got.hints)
    assert not any("reset-secrets" in h for h in got.hints)


def test_kanidm_token_exchange_refuses_a_basic_clients_secret() -> None:
    # was: "a confidential ('basic') client must send its secret"; server/lib/src/idm/oauth2.rs L1204-L1238 says
    # a basic client's secret is refused for token exchange
    note = get_profile("kanidm").client_auth.note or ""
    assert "except for RFC 8693 token exchange" in note


def test_kong_authorize_errors_stay_in_the_query_for_implicit() -> None:
    # was: errors in the fragment for the implicit grant, only an unknown client_id as a bare body;
    # kong/plugins/oauth2/access.lua L411-L439 sets is_implicit_grant on success only, L298-L318 leave no redirect
    note = get_profile("kong").quirks[0].note or ""
    assert "for response_type=token too" in note
    assert "a wrong provision_key" in note


def test_kong_some_invalid_client_answers_are_400_with_basic_credentials() -> None:
    # was: every Basic-credential failure is 401; access.lua L716-L720 and L784-L789 answer 400 without
    # WWW-Authenticate
    auth = [q for q in _quirks("kong") if q.startswith("Client-authentication failures")]
    assert len(auth) == 1
    assert "client_credentials" in auth[0]
    assert "refresh token issued to another client are 400" in auth[0]


def test_league_refresh_revocation_switch_is_the_servers() -> None:
    # was: "unless the grant was told revokeRefreshTokens(false)"; src/AuthorizationServer.php L56 and L103 say
    # enableGrantType copies the server's flag into the grant
    rotation = get_profile("league-oauth2-server").token_policy.rotation
    assert rotation is not None
    assert rotation.mode == "always"
    assert "unless the server was told revokeRefreshTokens(false)" in (rotation.note or "")
