"""Error rules of the identity-provider profiles (Auth0, Okta, Amazon Cognito) confirmed in the providers' own
sources on 2026-12-07, each through the verdict it drives (bundled profiles).

Each rule was heuristic because the provider printed the text but the decision was inferred; the comment on each
test names the page or pinned code that now states the next step. FusionAuth had no fact this round could confirm.
"""

from __future__ import annotations

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

AUTH0_DOCS = "https://github.com/auth0/docs-v2/blob/092b879e3fa93fa3a8adaa5f647580eab260ad0c/main/docs/"


def _verdict(status: int | None, body: object, provider: str) -> tuple[str, str, str, str]:
    result = classify(status, body, provider=provider)
    return (result.failure_class, result.cause, result.decision, result.basis)


def test_auth0_upgraded_rules_are_confirmed_with_their_decisions() -> None:
    # password_leaked: avoid-common-issues-with-resource-owner-password-flow-and-attack-protection.mdx L117 tells the
    # app to start an interactive password reset (docs-v2@092b879)
    leaked = {"error": "password_leaked", "error_description": "This login attempt has been blocked because the "
              "password you're using was previously disclosed through a data breach (not in this application). "
              "Please check your email for more information."}
    assert _verdict(401, leaked, "auth0") == ("access_denied", "password_breached", "reauth", "confirmed")
    # set-up-cors.mdx L97 (the text) and L19-L24 (toggle on Allow Cross-Origin Authentication)
    cross = {"error": "unauthorized_client", "error_description": "Cross origin login not allowed."}
    assert _verdict(401, cross, "auth0") == (
        "unauthorized_client", "cross_origin_authentication_disabled", "fix_config", "confirmed")
    # set-up-cors.mdx L105-L107 (bare 403 body) and L9-L10 (the origin must be in Allowed Origins)
    assert _verdict(403, "Origin https://test.app is not allowed.", "auth0") == (
        "unauthorized_client", "origin_not_trusted", "fix_config", "confirmed")
    # auth0js.mdx L211 (realm = the database connection's name) and L403 (the text)
    realm = {"error": "invalid_request", "error_description": "Unknown realm non-existent-connection."}
    assert _verdict(400, realm, "auth0") == ("invalid_request", "connection_not_found", "fix_config", "confirmed")
    # api/authentication/on-behalf-of-token-exchange/get-token.mdx L22, L75, L89-L93: a fixed cap of five levels
    chain = {"error": "invalid_request",
             "error_description": "Delegation chain (`act` claim) depth exceeds the maximum allowed limit of 4"}
    assert _verdict(400, chain, "auth0") == ("invalid_request", "delegation_chain_too_deep", "fix_config", "confirmed")
    # suspicious-ip-throttling.mdx L7, L81: 429 until the IP is no longer throttled; attempts come back over time
    assert _verdict(None, {"type": "limit_mu"}, "auth0") == (
        "rate_limited", "suspicious_ip_throttled", "retry", "confirmed")
    # breached-password-detection.mdx L149-L151: the blocked user is advised to reset the password
    assert _verdict(None, {"type": "pwd_leak"}, "auth0") == (
        "access_denied", "password_breached", "reauth", "confirmed")


def test_auth0_upgraded_rules_cite_the_pages_that_state_the_fix() -> None:
    sources = {rule.source for rule in get_profile("auth0").errors.rules if rule.basis == "confirmed"}
    assert AUTH0_DOCS + "libraries/auth0js.mdx#L211" in sources
    assert AUTH0_DOCS + "secure/attack-protection/suspicious-ip-throttling.mdx#L7" in sources
    assert AUTH0_DOCS + "secure/attack-protection/breached-password-detection.mdx#L145-L151" in sources


def test_auth0_brute_force_block_stays_heuristic() -> None:
    # brute-force-protection.mdx L68-L88 lists five ways out (30 days, two admin actions, the user's unblock link or
    # password change), so reauth is one reading among several
    assert _verdict(None, {"type": "limit_wc"}, "auth0")[2:] == ("reauth", "heuristic")


def test_okta_upgraded_rules_are_confirmed_with_their_decisions() -> None:
    # okta-management-openapi-spec@fdda229 oauth-minimal.yaml L5289: refresh scopes must be a subset of the original
    refresh = {"error": "access_denied", "error_description": "Some of the scopes requested for the refresh request "
               "were not granted in the original authorize request. Denied scopes: en."}
    assert _verdict(400, refresh, "okta") == (
        "invalid_scope", "existing_grant_scope_mismatch", "fix_config", "confirmed")
    # okta-developer-docs@468de9c implement-oauth-for-okta L63-L72: org scopes must be in the app's grants collection
    org = {"error": "consent_required", "error_description": "You are not allowed any of the requested scopes."}
    assert _verdict(400, org, "okta") == ("invalid_scope", "scope_not_allowed", "fix_config", "confirmed")
    # okta-developer-docs@468de9c reference/api/authn L1795: the user must change an expired password
    expired = {"error": "access_denied", "error_description": "The user's password is expired."}
    assert _verdict(403, expired, "okta") == ("interaction_required", "password_expired", "reauth", "confirmed")
    # okta-auth-js@2c92520 lib/session/mixin.ts L37-L39 and test/support/xhr/error-session-not-found.js L15-L19
    no_session = {"errorCode": "E0000007", "errorSummary": "Not found: Resource not found: me (Session)",
                  "errorLink": "E0000007", "errorId": "oae1", "errorCauses": []}
    assert _verdict(404, no_session, "okta") == ("interaction_required", "session_expired", "reauth", "confirmed")


def test_okta_e0000007_for_other_resources_is_not_read_as_a_lost_session() -> None:
    # the catalogue's E0000007 is 'Not found: {0}' for any resource (error-codes.json L53-L59 at 468de9c)
    other = {"errorCode": "E0000007", "errorSummary": "Not found: Resource not found: 00u1 (User)",
             "errorLink": "E0000007", "errorId": "oae2", "errorCauses": []}
    assert classify(404, other, provider="okta").cause != "session_expired"


def test_cognito_password_history_violation_is_confirmed() -> None:
    # AWS API reference PasswordPolicyType#PasswordHistorySize: users can't set a password matching an earlier one
    body = {"__type": "PasswordHistoryPolicyViolationException", "message": "Password has previously been used"}
    assert _verdict(400, body, "aws-cognito") == (
        "interaction_required", "new_password_rejected_by_policy", "reauth", "confirmed")
