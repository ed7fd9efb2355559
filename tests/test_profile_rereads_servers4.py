"""Facts corrected when the confirmed facts of six self-hosted servers' profiles (node-oauth2-server,
oauth2-server-php, Ory Kratos, Pocket ID, Rauthy, Logto) were read again in the servers' code at the pinned
commits (2026-12-07), each through the behaviour it changes (bundled profiles).

Each test says what the profile said and what the server's own source says.
"""

from __future__ import annotations

import json

from oauthdoctor import classify
from oauthdoctor.config.endpoints import fill
from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.profiles.loader import get_profile

KRATOS_CSRF_REASON = ("Please retry the flow and optionally clear your cookies. The request was rejected to protect "
                      "you from Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal "
                      "information, and other serious security issues.")


def _quirk(provider: str, word: str) -> str:
    texts = [q.text for q in get_profile(provider).quirks if word in q.text]
    assert len(texts) == 1
    return texts[0]


def test_oauth2_server_php_new_refresh_token_alone_deletes_the_used_one() -> None:
    # was: "setting only it keeps the old token valid too"; RefreshToken.php L47-L52 copies
    # always_issue_new_refresh_token into unset_refresh_token_after_use, and the library's test asserts the
    # used token is gone
    rotation = get_profile("oauth2-server-php").token_policy.rotation
    assert rotation is not None and rotation.note is not None
    assert "keeps the old token valid too" not in rotation.note
    assert "Only unset_refresh_token_after_use false as well keeps the used token valid" in rotation.note


def test_oauth2_server_php_several_registered_uris_no_longer_blames_enforce_redirect() -> None:
    # was: "(or the server sets enforce_redirect)"; AuthorizeController.php L224-L290: redirect_uri is always set
    # by L286, so the stock controller never sends the enforce_redirect text
    body = {"error": "invalid_uri",
            "error_description": "A redirect URI must be supplied when multiple redirect URIs are registered"}
    result = classify(400, body, provider="oauth2-server-php")
    assert (result.failure_class, result.cause, result.decision) == ("redirect_uri_mismatch", "missing_parameter",
                                                                     "fix_config")
    assert "enforce_redirect" not in result.to_json()["summary"]


def test_node_oauth2_server_token_request_needs_the_first_registered_uri_too() -> None:
    # was: the redirect_uri is missing only "while the authorize request had one"; authorize-handler.js L85-L113
    # stores getRedirectUri's fallback (client.redirectUris[0]) with the code, and the token side then requires it
    body = {"error": "invalid_request", "error_description": "Invalid request: `redirect_uri` is not a valid URI"}
    result = classify(400, body, provider="node-oauth2-server")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_request", "ambiguous", "fix_config")
    missing = {c.cause: c for c in result.candidates}["redirect_uri_missing_in_token_request"]
    assert missing.decision == "fix_config"
    assert "first registered URI" in missing.hint and "omitted it" in missing.tells_apart
    redirect = get_profile("node-oauth2-server").redirect
    assert redirect.missing_sent.note is not None and "saveAuthorizationCode" in redirect.missing_sent.note


def test_kratos_ignores_unsafe_wildcard_return_urls() -> None:
    # was: any allowed_return_urls host starting with '*' is a suffix; driver/config/config.go L1073-L1080 drops
    # '*', '*foo.com', '*.com' and 'foo.*.com' unless the legacy insecure-origins flag is on
    enabled_by = get_profile("ory-kratos").redirect.wildcard.enabled_by
    assert enabled_by is not None
    assert "'*.com'" in enabled_by and "feature_flags.legacy_allow_insecure_origins" in enabled_by


def test_kratos_csrf_keeps_fix_config_and_passes_on_its_retry_advice() -> None:
    # was: stale-form hint "start the flow again"; nosurf.go L32-L38's reason says retry the flow and optionally
    # clear cookies, without saying only the user can fix it, so the lost-state convention (fix_config) stays
    body = json.dumps({"error": {"id": "security_csrf_violation", "code": 403, "status": "Forbidden",
                                 "reason": KRATOS_CSRF_REASON,
                                 "message": "the request was rejected to protect you from Cross-Site-Request-Forgery"}})
    result = classify(403, body, provider="ory-kratos")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_request", "ambiguous", "fix_config")
    candidates = {c.cause: c for c in result.candidates}
    assert {cause: c.decision for cause, c in candidates.items()} == {
        "csrf_cookie_not_sent": "fix_config", "browser_flow_used_by_api_client": "fix_config",
        "stale_form_or_cookies_cleared": "reauth"}
    assert "cookies" in candidates["stale_form_or_cookies_cleared"].hint


def test_rauthy_pkce_note_names_dynamic_clients_and_the_login_check() -> None:
    # was: "a request without code_challenge_method counts as plain"; clients.rs L1353-L1358 refuses a missing
    # method at the login step, and L1808 gives dynamically registered confidential clients no PKCE
    pkce = get_profile("rauthy").pkce
    assert pkce.required == "always"
    assert pkce.note is not None
    assert "Dynamically registered clients differ" in pkce.note and "'code_challenge_method' is missing" in pkce.note


def test_rauthy_early_refresh_is_refused_not_revoked() -> None:
    # was: early use "also invalidates the user's linked sessions and tokens" (config.toml); token.rs L160-L164 on
    # the refresh path only returns 'Token is not valid yet'
    text = _quirk("rauthy", "Token is not valid yet")
    assert "only refuses the request" in text and "works once its nbf has passed" in text


def test_rauthy_issuer_example_keeps_the_trailing_slash() -> None:
    # was: example https://iam.example.com/auth/v1; rauthy_config.rs L116 builds the issuer with a trailing '/'
    profile = get_profile("rauthy")
    example = profile.endpoints.placeholders["issuer"].example
    assert example == "https://iam.example.com/auth/v1/"
    assert profile.endpoints.token is not None and profile.endpoints.token.url is not None
    url, missing = fill(profile.endpoints.token.url, ResolvedConfig({"issuer": example}), profile)
    assert (url, missing) == ("https://iam.example.com/auth/v1/oidc/token", ())


def test_pocket_id_oidc_auth_method_text_cites_fosites_invalid_request() -> None:
    # was: cited federated_client_auth.go only, silent on the wire error; fosite client_authentication.go
    # L99-L102 raises the text as ErrInvalidRequest (the class stays invalid_client: client authentication failed)
    body = {"error": "invalid_request",
            "error_description": "The request is missing a required parameter, includes an invalid parameter value, "
                                 "includes a parameter more than once, or is otherwise malformed. The server "
                                 "configuration does not support OpenID Connect specific authentication methods."}
    result = classify(400, body, provider="pocket-id")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_client",
                                                                     "federated_credential_mismatch", "fix_config")
    assert ("https://github.com/pocket-id/fosite/blob/dd5303674b391a91957f77f27e369640aa3dd459/"
            "client_authentication.go#L99-L102") in result.to_json()["references"]


def test_pocket_id_rate_limit_covers_authorize_and_discovery() -> None:
    # was: "The /api routes" only; router_bootstrap.go L152 puts the same limiter on the root group
    assert "/authorize" in _quirk("pocket-id", "rate limited per client IP")


def test_logto_lost_session_code_is_session_not_found() -> None:
    # was: every OIDC error carries code oidc.<error>; koa-oidc-error-handler.ts L57-L61, L133-L135 uses
    # session.not_found for a lost session or an expired authorization request
    assert "session.not_found" in _quirk("logto", "Every OIDC error body")
