"""Error rules of the generic profile upgraded from heuristic to confirmed on 2026-12-07, each through the
classification that rests on it (bundled profile).

Each rule names one piece of software (rclone, Home Assistant, the Snowflake Python connector,
google-github-actions/auth, Plaid, Dex) whose own code or docs, read at a pinned commit or on the vendor's page,
state both the meaning of the wording and what to do about it. Each test comment names that source. Rules whose
source states the meaning but not the remedy keep their heuristic basis; two of them are pinned at the end.
"""

from __future__ import annotations

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile

CONFIRMED_SOURCES = (
    "rclone/rclone/blob/64ab1ac32260238eefca3c61327f5faf1c6e106f/lib/oauthutil/oauthutil.go#L283-L308",
    "https://www.home-assistant.io/more-info/no-url-available/#configuring-the-instance-url",
    "snowflake-connector-python/blob/50e7fc5cd6e1af0901fb6d92a5dfda215438372f/src/snowflake/connector/network.py#L143-L148",
    "snowflake-connector-python/blob/50e7fc5cd6e1af0901fb6d92a5dfda215438372f/src/snowflake/connector/auth/_auth.py#L427-L451",
    "google-github-actions/auth/blob/fc2174804b84f912b1f6d334e9463f484f1c552d/docs/TROUBLESHOOTING.md#L80-L83",
    "https://plaid.com/docs/link/update-mode/#when-to-use-update-mode",
    "https://plaid.com/docs/link/handle-invalid-link-token/",
    "dexidp/dex/blob/ab64ed778070e983cbb10cfc07ea4bb397d14312/connector/atlassiancrowd/atlassiancrowd.go#L422-L447",
)


def _outcome(status: int | None, body: object) -> tuple[str, str, str, str]:
    result = classify(status, body, provider="generic")
    return (result.failure_class, result.cause, result.decision, result.basis)


def test_upgraded_rules_are_confirmed_with_their_source_and_date() -> None:
    rules = get_profile("generic").errors.rules
    for tail in CONFIRMED_SOURCES:
        (rule,) = [r for r in rules if r.source is not None and r.source.endswith(tail)]
        assert (rule.basis, str(rule.checked)) == ("confirmed", "2026-12-07"), tail
        assert rule.note is not None and "Confirmed 2026-12-07 (heuristic before" in rule.note, tail


def test_rclone_refused_refresh_with_reconnect_advice_is_a_new_authorisation() -> None:
    # source: rclone lib/oauthutil/oauthutil.go L283-L308 at 64ab1ac (maybeWrapOAuthError: a 400/401 refresh
    # answer other than the client errors falls through with invalid_grant to "maybe token expired? - try
    # refreshing with rclone config reconnect"); cmd/config/config.go L483-L489: reconnect runs the oauth flow again
    text = ('Failed to copy: couldn\'t fetch token: invalid_request: maybe token expired? - try refreshing with '
            '"rclone config reconnect gdrive:"')
    assert _outcome(None, text) == ("invalid_grant", "refresh_token_invalid", "reauth", "confirmed")


def test_home_assistant_no_url_available_is_the_instance_url_setting() -> None:
    # source: https://www.home-assistant.io/more-info/no-url-available/ (home-assistant.io 6b392b1): Home
    # Assistant could not tell the provider where to redirect back; set the instance URL under Settings > Network
    text = ("Config flow aborted: No URL available. For information about this error, see "
            "https://www.home-assistant.io/more-info/no-url-available")
    assert _outcome(None, text) == ("invalid_request", "instance_url_not_configured", "fix_config", "confirmed")


def test_snowflake_390303_refreshes_once_then_signs_in_again() -> None:
    # source: snowflake-connector-python 50e7fc5, network.py L143-L148 (390303, "Invalid OAuth access token.",
    # discard the cached token and reauthenticate), _auth.py L427-L451 and _oauth_base.py L293-L333 (refresh
    # token first, browser sign-in only when the refresh fails)
    body = {"data": None, "code": "390303", "message": "Invalid OAuth access token.", "success": False}
    text = "snowflake.connector.errors.DatabaseError: 390303 (08001): Invalid OAuth access token."
    for status, payload in ((200, body), (None, text)):
        result = classify(status, payload, provider="generic")
        assert (result.failure_class, result.cause, result.decision, result.basis) == (
            "invalid_token", "ambiguous", "retry", "confirmed")
        assert [(c.cause, c.decision) for c in result.candidates] == [
            ("access_token_expired", "retry"), ("token_revoked", "reauth")]


def test_github_action_impersonation_refusal_is_the_principal_set_binding() -> None:
    # source: google-github-actions/auth docs/TROUBLESHOOTING.md L80-L83 at fc21748: "Failed to generate OAuth
    # 2.0 Access Token" means service account impersonation failed; check the impersonation settings and principalSet
    text = ('google-github-actions/auth failed with: failed to generate Google Cloud OAuth 2.0 Access Token for '
            'sa@p.iam.gserviceaccount.com: {"error":{"code":403,"message":"Permission '
            '\'iam.serviceAccounts.getAccessToken\' denied on resource (or it may not exist).",'
            '"status":"PERMISSION_DENIED"}}')
    assert _outcome(None, text) == ("insufficient_scope", "missing_permission", "fix_config", "confirmed")


def test_plaid_item_login_required_text_is_update_mode() -> None:
    # source: https://plaid.com/docs/link/update-mode/: update mode resolves ITEM_LOGIN_REQUIRED, when an Item
    # needs the user's input (new credentials, renewed authorization)
    text = "Link onExit: ITEM_LOGIN_REQUIRED the login details of this item have changed"
    assert _outcome(None, text) == ("interaction_required", "login_required", "reauth", "confirmed")


def test_plaid_invalid_link_token_is_a_new_link_token() -> None:
    # source: https://plaid.com/docs/link/handle-invalid-link-token/: a link_token the user let run too long or
    # spent on too many invalid logins; fetch a new link_token and reinitialize Link
    text = "Link exited with error_code INVALID_LINK_TOKEN"
    assert _outcome(None, text) == ("invalid_token", "link_token_expired_or_invalid", "retry", "confirmed")


def test_dex_crowd_application_refusal_is_the_connector_client_credentials() -> None:
    # source: dex connector/atlassiancrowd/atlassiancrowd.go L422-L447 at ab64ed7: Basic auth from the configured
    # clientID/clientSecret; a 401 with exactly this body is "dex failed to authenticate Crowd Application"
    assert _outcome(401, "Application failed to authenticate") == (
        "invalid_client", "bad_client_credentials", "fix_config", "confirmed")


def test_rules_whose_source_leaves_the_remedy_open_stay_heuristic() -> None:
    # wrangler's handling of code 10000 (handle-errors.ts, whoami.ts at 7c9a381) names token permissions, a
    # wrong account_id and, for an OAuth login, missing scopes fixed by `wrangler login`: not one decision
    text = ("A request to the Cloudflare API (/accounts/x/workers/services/y) failed.\n\n"
            "  Authentication error [code: 10000]")
    assert _outcome(None, text) == ("insufficient_scope", "missing_permission", "fix_config", "heuristic")
    # rclone's undecodable 400/401 answer: the reconnect advice is rclone's, the refused-grant class is not
    text = ('couldn\'t fetch token: (can\'t decode error info) - try refreshing token with '
            '"rclone config reconnect gdrive:"')
    assert _outcome(None, text) == ("invalid_grant", "refresh_token_invalid", "reauth", "heuristic")
