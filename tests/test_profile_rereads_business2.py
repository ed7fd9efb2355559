"""Facts of the NetSuite, Autodesk (APS), WorkOS, PingOne and Stytch profiles corrected when their cited sources were
read again (fact re-read ``business2``, 2026-12-07), each pinned through the behaviour it changes (bundled profiles).

Each test says what the profile said and what the provider's own source says.
"""

from __future__ import annotations

from oauthdoctor import classify
from oauthdoctor.checks.endpoints import endpoint_host
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.profiles.summary import summarize
from oauthdoctor.redirect import compare

NS_HELP = "https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/"


def _aps(status: int, code: str) -> tuple[str | None, str | None, str | None, str | None, list[str]]:
    result = classify(status, {"developerMessage": "x", "errorCode": code}, provider="autodesk")
    return (result.failure_class, result.cause, result.decision, result.basis,
            [c.cause for c in result.candidates])


# --- PingOne


def test_pingone_reuse_of_a_spent_refresh_token_revokes_its_descendants() -> None:
    # was: reuse_detection false ("not documented"); Ping's Terraform docs (application.md L366): replay protection
    # is on by default and revokes the reused token and every token issued from it
    rotation = get_profile("pingone").token_policy.rotation
    assert rotation is not None
    assert (rotation.mode, rotation.reuse_detection) == ("always", True)


def test_pingone_asia_region_is_asia_pacific_not_legacy() -> None:
    # was: "auth.pingone.asia (legacy)"; Ping's Terraform docs (index.md L147) give AP as the Asia-Pacific .asia region
    texts = [q.text for q in get_profile("pingone").quirks]
    assert any("auth.pingone.asia (Asia-Pacific)" in t for t in texts)
    assert not any("legacy" in t for t in texts)


def test_pingone_missing_redirect_rule_cites_the_developer_site() -> None:
    # was: the old apidocs.pingidentity.com guide; the same rule is on developer.pingidentity.com's authorize steps
    missing = get_profile("pingone").redirect.missing_sent
    assert missing is not None and missing.source is not None
    assert missing.source.startswith("https://developer.pingidentity.com/pingone-api/workflow-library/")


# --- Autodesk Platform Services


def test_autodesk_accepts_the_client_secret_in_the_form_body() -> None:
    # was: client_secret_basic and none only; APS's token reference: client credentials in the header or the body
    assert summarize(get_profile("autodesk"))["auth_methods"] == ["client_secret_basic", "client_secret_post", "none"]


def test_autodesk_lifetime_quirk_no_longer_claims_two_legged_tokens() -> None:
    # was: "access tokens (2- and 3-legged) 60 minutes"; tokenApi.ts L22 gives lifetimes for the 3-legged flow only
    text = get_profile("autodesk").quirks[0].text
    assert "2-" not in text and "3-legged" in text


def test_autodesk_auth_006_is_an_invalid_access_token_with_its_own_candidates() -> None:
    # was: not modelled (the 401 rule's heuristic reading); the APS error table lists AUTH-006, access token invalid
    assert _aps(401, "AUTH-006") == ("invalid_token", "ambiguous", "retry", "confirmed",
                                     ["access_token_expired", "token_revoked", "access_token_malformed"])


def test_autodesk_auth_010_is_a_missing_privilege_not_a_token_to_refresh() -> None:
    # was: a 401 with it read as a refused bearer token (retry); APS's table: the token lacks the privilege
    assert _aps(401, "AUTH-010") == ("insufficient_scope", "ambiguous", "fix_config", "confirmed",
                                     ["missing_scope", "wrong_token_type"])


def test_autodesk_err_001_is_a_rate_limit_whatever_the_status() -> None:
    # was: not modelled (a 403 with it read as a scope refusal); APS's OAuth v2 error table: rate limit, retry later
    assert _aps(403, "ERR-001")[:4] == ("rate_limited", "rate_limit_exceeded", "retry", "confirmed")


def test_autodesk_err_003_is_an_internal_error_to_retry() -> None:
    # was: not modelled (a 401 with it read as a refused token); APS's OAuth v2 error table: generic internal error
    assert _aps(401, "ERR-003")[:4] == ("server_error", "provider_internal_error", "retry", "confirmed")


def test_autodesk_errorcode_body_shape_is_confirmed() -> None:
    # was: heuristic ("the Forge-era shape as commonly reported"); APS's error-handling page lists errorCode
    signature = get_profile("autodesk").errors.signatures[1]
    assert (signature.basis, signature.source) == (
        "confirmed", "https://aps.autodesk.com/en/docs/oauth/v2/developers_guide/error_handling/#authentication-errors")


# --- NetSuite


def test_netsuite_generic_authorize_host_belongs_to_netsuite() -> None:
    # was: hosts without system.netsuite.com; NetSuite's Step One page allows it when the account ID is not known
    verdict = endpoint_host("https://system.netsuite.com/app/login/oauth2/authorize.nl", get_profile("netsuite"))
    assert verdict is not None and verdict.verdict == "own"


def test_netsuite_authorize_url_and_pkce_cite_step_one() -> None:
    # was: the authorize URL cited an Oracle connector guide and PKCE Step Two; Step One states both
    profile = get_profile("netsuite")
    assert profile.endpoints.authorize is not None
    assert profile.endpoints.authorize.source == NS_HELP + "section_158081944642.html"
    assert profile.pkce.source == NS_HELP + "section_158081944642.html"


def test_netsuite_callback_parameters_are_confirmed() -> None:
    # was: unconfirmed (the guide was read only up to the request); its example callback carries role, entity, company
    quirk = next(q for q in get_profile("netsuite").quirks if "role, entity and company" in q.text)
    assert quirk.basis == "confirmed"


def test_netsuite_invalid_signature_lists_the_token_the_tba_request_and_the_assertion() -> None:
    # was: one reading, a client-credentials assertion signed with the wrong certificate; the OAuth 2.0 refresh and
    # REST tables describe a token whose signature is invalid (fixed with the right validation key), the TBA table
    # a wrongly signed request
    result = classify(400, "Login Audit Trail Detail: InvalidSignature", provider="netsuite")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_grant", "ambiguous", "fix_config")
    assert [(c.cause, c.decision) for c in result.candidates] == [
        ("token_signature_invalid", "fix_config"), ("tba_signature_invalid", "fix_config"),
        ("client_assertion_signature_invalid", "fix_config")]


def test_netsuite_audit_trail_codes_cite_the_oauth_tables_not_the_oidc_provider_one() -> None:
    # was: all cited subsect_161252550131 (NetSuite as OIDC provider); the OAuth 2.0 refresh and code-flow tables
    codes = get_profile("netsuite").errors.codes
    refresh, code_flow = NS_HELP + "subsect_158711928134.html", NS_HELP + "subsect_158711892221.html"
    assert {name: codes[name].source for name in ("RefreshTokenExpired", "EntityOrRoleDisabled", "InvalidIntegration",
                                                 "AuthorizationCodeGrantRequired", "ClientAuthenticationFailed")} == {
        "RefreshTokenExpired": refresh, "EntityOrRoleDisabled": refresh, "InvalidIntegration": refresh,
        "AuthorizationCodeGrantRequired": code_flow, "ClientAuthenticationFailed": code_flow}


# --- WorkOS


def test_workos_accepts_a_wildcard_in_the_lowest_subdomain_only() -> None:
    # was: exact only (unconfirmed); WorkOS's Redirect URIs guide allows one '*' in the leftmost label, one level deep
    assert compare(["https://*.example.com/cb"], "https://app.example.com/cb", provider="workos").accepted
    assert not compare(["https://*.example.com/cb"], "https://a.b.example.com/cb", provider="workos").accepted
    assert not compare(["https://app.example.com/cb"], "https://app.example.com/cb/", provider="workos").accepted


def test_workos_redirect_rule_is_confirmed() -> None:
    # was: basis unconfirmed ("not stated in the SDKs"); WorkOS's Redirect URIs guide states the rule
    rule = get_profile("workos").redirect
    assert (rule.basis, rule.source) == ("confirmed", "https://workos.com/docs/sso/redirect-uris")


# --- Stytch


def test_stytch_current_error_urls_name_stytch() -> None:
    # was: only https://stytch.com/docs/api/errors; Stytch's error reference now links
    # https://stytch.com/docs/api-reference/<product>/api/errors/<status>#<type>
    text = "upstream call failed: see https://stytch.com/docs/api-reference/b2b/api/errors/401#attribute_mismatch"
    assert classify(401, text).provider == "stytch"
    legacy = "upstream call failed: see https://stytch.com/docs/b2b/api/errors/404#attribute_mismatch"
    assert classify(404, legacy).provider == "stytch"


def test_stytch_invalid_client_secret_rests_on_its_name() -> None:
    # was: basis confirmed on SDK lines that do not mention it; no row found on Stytch's 401 pages
    body = {"status_code": 401, "error_type": "invalid_client_secret", "error_message": "x"}
    result = classify(401, body, provider="stytch")
    assert (result.cause, result.decision, result.basis) == ("bad_client_credentials", "fix_config", "heuristic")


def test_stytch_token_endpoint_names_the_connected_apps_url() -> None:
    # was: only the M2M token URL; Stytch's Connected Apps pages use https://<project domain>/v1/oauth2/token (JSON)
    token = get_profile("stytch").endpoints.token
    assert token is not None and token.note is not None and "/v1/oauth2/token" in token.note


def test_stytch_pkce_rules_cite_the_moved_guide() -> None:
    # was: https://stytch.com/docs/guides/oauth/adding-pkce, now a navigation shell; the guide lives under consumer-auth
    codes = get_profile("stytch").errors.codes
    moved = "https://stytch.com/docs/consumer-auth/authentication/oauth/adding-pkce"
    assert codes["pkce_mismatch"].source == moved
    assert codes["pkce_expected_code_verifier"].source == moved
