"""Round twenty (issue #16): provider readings from corpora 51 and 52, each from the provider's or the library's own
source. The bodies are written for these tests; none is a corpus case."""

from __future__ import annotations

import json

from classify_answers import answer


def test_google_auth_refresh_error_internal_failure_is_transient() -> None:
    # google-auth retries internal_failure as it does server_error (google/oauth2/_client.py)
    body = "google.auth.exceptions.RefreshError: Internal Failure"
    assert answer(None, body, "google") == ("server_error", "idp_server_error", "retry")
    # the words alone are not Google's: another provider's 'Internal Failure' is not read by this rule
    assert answer(None, "Internal Failure", "google")[1] != "idp_server_error"


def test_entra_aadsts70000_that_names_the_verifier_is_a_pkce_mismatch() -> None:
    body = ("invalid_grant: AADSTS70000: The provided 'code_verifier' input value does not match the original "
            "'code_challenge.' Trace ID: 00000000-0000-0000-0000-000000000000")
    assert answer(None, body, "microsoft") == ("invalid_grant", "pkce_verifier_mismatch", "fix_config")
    # AADSTS70000 without such words keeps the code table's open reading
    other = "invalid_grant: AADSTS70000: The provided value for the 'code' parameter is not valid."
    assert answer(None, other, "microsoft")[1:] == ("ambiguous", "reauth")


def test_xero_authorization_unsuccessful_is_a_missing_scope_not_the_tenant_connection() -> None:
    scope = {"Type": None, "Title": "Unauthorized", "Status": 401, "Detail": "AuthorizationUnsuccessful"}
    assert answer(401, json.dumps(scope), "xero") == ("insufficient_scope", "missing_scope", "fix_config")
    # AuthenticationUnsuccessful at 403 stays the tenant connection (Xero's troubleshooting page)
    tenant = dict(scope, Title="Forbidden", Status=403, Detail="AuthenticationUnsuccessful")
    assert answer(403, json.dumps(tenant), "xero")[:2] == ("invalid_token", "ambiguous")


# The rest of the providers' own catalogues (round twenty): Entra's AADSTS table, Keycloak's and Auth0's own texts.

def _entra(code: str, text: str, error: str = "invalid_request") -> str:
    return json.dumps({"error": error, "error_description": f"{code}: {text}\r\nTrace ID: 0000",
                       "error_codes": [int(code[6:])]})


def test_entra_codes_from_the_rest_of_the_reference_table_are_read() -> None:
    assert answer(400, _entra("AADSTS90084", "Guest accounts are not allowed.", "access_denied"),
                  "microsoft") == (
        "access_denied", "guest_not_allowed", "fix_config")
    assert answer(400, _entra("AADSTS81004", "DesktopSsoTokenInvalid"), "microsoft") == (
        "interaction_required", "seamless_sso_failed", "reauth")
    # the development cases' reading of the account-type mismatch: the app's authority, not the user
    assert answer(400, _entra("AADSTS500208", "The domain is not a valid login domain for the account type."),
                  "microsoft") == ("invalid_request", "wrong_account_type", "fix_config")


def test_keycloak_exact_texts_win_over_its_invalid_grant_catch_all() -> None:
    def kc(error: str, description: str) -> tuple[str, str, str]:
        return answer(400, json.dumps({"error": error, "error_description": description}), "keycloak")

    assert kc("invalid_grant", "Code not valid") == ("invalid_grant", "auth_code_invalid_or_reused", "reauth")
    assert kc("invalid_grant", "Unmatching clients") == ("invalid_grant", "token_for_other_client", "fix_config")
    assert kc("unauthorized_client", "Client not enabled to retrieve service account") == (
        "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config")
    # a text it does not name still gets the catch-all's open reading
    assert kc("invalid_grant", "Something else")[1] == "ambiguous"


def test_auth0_own_texts_and_log_event_types() -> None:
    assert answer(401, json.dumps({"error": "expired_token", "error_description": "mfa_token is expired"}),
                  "auth0") == ("expired_token", "login_attempt_expired", "reauth")
    assert answer(None, json.dumps({"type": "fertft", "description": "Unknown or invalid refresh token."}),
                  "auth0")[::2] == ("invalid_grant", "reauth")
    assert answer(None, json.dumps({"type": "fco", "description": "Origin https://a.example is not allowed."}),
                  "auth0") == ("unauthorized_client", "origin_not_trusted", "fix_config")


def test_auth0_rule_error_is_narrowed_by_the_rules_own_message() -> None:
    def rule(message: str) -> tuple[str, str, str]:
        return answer(None, f"https://app.example/callback?error=unauthorized&error_description={message}", "auth0")

    assert rule("Please%20verify%20your%20email%20before%20logging%20in.") == (
        "access_denied", "email_not_verified_at_idp", "reauth")
    assert rule("You%20are%20not%20in%20the%20allowed%20group") == ("access_denied", "ambiguous", "fix_config")


def test_a_dump_in_the_middle_of_a_message_keeps_the_words_after_it() -> None:
    # spotipy: "... with Params: {...} returned 403 due to Insufficient client scope"
    body = ("HTTP Error for GET to https://api.spotify.com/v1/me/following with Params: {'type': 'artist', "
            "'limit': 50} returned 403 due to Insufficient client scope")
    assert answer(403, body, "spotify") == ("insufficient_scope", "missing_scope", "fix_config")


def test_app_store_connect_refusing_the_clients_own_jwt_is_configuration_first() -> None:
    body = json.dumps({"errors": [{"status": "401", "code": "NOT_AUTHORIZED",
                                   "title": "Authentication credentials are missing or invalid.",
                                   "detail": "Provide a properly configured and signed bearer token, and make sure "
                                             "that it has not expired. Learn more about Generating Tokens"}]})
    assert answer(401, body) == ("invalid_token", "ambiguous", "fix_config")


def test_indieauth_redirect_on_another_host_than_the_client_id() -> None:
    body = json.dumps({"error": "invalid_grant", "error_description": "Redirect not on same host as client"})
    assert answer(400, body) == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


def test_credential_setup_messages_of_cloud_client_libraries() -> None:
    # google-api-java-client / google-auth-library-java: ADC not set up on this host
    java = ("java.io.IOException: The Application Default Credentials are not available. They are available if "
            "running on Google Compute Engine. Otherwise, the environment variable GOOGLE_APPLICATION_CREDENTIALS "
            "must be defined pointing to a file defining the credentials.")
    assert answer(None, java) == ("invalid_client", "credentials_not_configured", "fix_config")
    # Azure Identity's AzureCliCredential (its troubleshooting table)
    assert answer(None, "CredentialUnavailableError: Azure CLI not found on path") == (
        "invalid_client", "credentials_not_configured", "fix_config")
    assert answer(None, "Please run 'az login' to set up account") == (
        "interaction_required", "login_required", "reauth")
    # the AWS SDK for Java 2.x with no cached IAM Identity Center token
    assert answer(None, "SdkClientException: Unable to load SSO token") == ("invalid_grant", "grant_dead", "reauth")


def test_github_actions_job_without_the_id_token_permission() -> None:
    # @actions/core's wording was read already; a wrapper's "$ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set" now too
    assert answer(None, "Error: Action failed with error: Error: $ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set") == (
        "invalid_client", "credentials_not_configured", "fix_config")


def test_google_service_account_disabled_or_gone_is_not_a_user_grant() -> None:
    for description in ("Robot is disabled.", "Invalid grant: account not found"):
        body = json.dumps({"error": "invalid_grant", "error_description": description})
        assert answer(400, body) == ("invalid_grant", "service_account_unusable", "fix_config")


def test_a_token_minted_without_a_required_claim() -> None:
    body = 'Aws::STS::Errors::InvalidIdentityToken "Missing a required claim: aud"'
    assert answer(None, body) == ("invalid_token", "token_misconfigured", "fix_config")


def test_catalogue_readings_of_discord_linkedin_dropbox_and_gitlab() -> None:
    # Dropbox's error-handling guide: a 401 invalid_access_token sends the user back through sign-in
    dropbox = json.dumps({"error_summary": "invalid_access_token/...", "error": {".tag": "invalid_access_token"}})
    assert answer(401, dropbox, "dropbox") == ("invalid_token", "token_revoked", "reauth")
    # Discord's JSON error code 40012: the user's authorization of the app was revoked
    assert answer(403, json.dumps({"message": "Connection has been revoked", "code": 40012}), "discord") == (
        "invalid_token", "token_revoked", "reauth")
    # LinkedIn's authorization page: a client_id it does not know
    assert answer(401, "Client_id doesn't match", "linkedin") == ("invalid_client", "unknown_client_id", "fix_config")
    # GitLab's Doorkeeper locale: the access token expired (refresh once)
    gitlab = json.dumps({"error": "invalid_token", "error_description": "The access token expired"})
    assert answer(401, gitlab, "gitlab") == ("invalid_token", "access_token_expired", "retry")


def test_catalogue_texts_with_a_contraction_are_read_in_either_spelling() -> None:
    # descriptions are read with contractions written out, so a catalogue's "doesn't" must match "does not" too
    for text in ("Session doesn't have required client", "Session does not have required client"):
        body = json.dumps({"error": "invalid_grant", "error_description": text})
        assert answer(400, body, "keycloak") == ("invalid_grant", "refresh_token_expired_or_revoked", "reauth")
    auth0 = json.dumps({"error": "invalid_grant",
                        "error_description": "The refresh_token was generated for a user who doesn’t exist anymore."})
    assert answer(403, auth0, "auth0") == ("invalid_grant", "user_deleted", "reauth")


def test_patterns_that_only_spelt_a_contraction_now_match() -> None:
    workos = "Error: You are calling 'withAuth' on /dashboard that isn't covered by the AuthKit middleware."
    assert answer(None, workos, "workos") == ("invalid_request", "middleware_not_covering_route", "fix_config")
    firebase = "Firebase: The supplied auth credential isn't valid for this project."
    assert answer(None, firebase, "firebase") == ("invalid_token", "ambiguous", "reauth")  # the rule's, not a fallback


def test_more_catalogue_readings_okta_slack_salesforce_twitch() -> None:
    # Slack answers errors as HTTP 200 {"ok": false}: its method docs' error tables
    assert answer(200, json.dumps({"ok": False, "error": "two_factor_setup_required"}), "slack") == (
        "interaction_required", "mfa_required", "reauth")
    assert answer(200, json.dumps({"ok": False, "error": "accesslimited"}), "slack")[::2] == (
        "access_denied", "fix_config")
    # Salesforce: a session whose connected app lacks the api scope (refreshing does not help)
    salesforce = json.dumps([{"message": "This session is not valid for use with the REST API",
                              "errorCode": "INVALID_SESSION_ID"}])
    assert answer(401, salesforce, "salesforce") == ("insufficient_scope", "missing_scope", "fix_config")
    # Twitch's device flow: the device code is no longer one it knows
    assert answer(400, json.dumps({"status": 400, "message": "invalid device code"}), "twitch")[::2] == (
        "invalid_grant", "reauth")


def test_fosites_insecure_redirect_hint_is_read_for_every_server_built_on_it() -> None:
    body = json.dumps({"error": "invalid_request", "error_description": "The request is missing a required parameter"
                       ". Redirect URL is using an insecure protocol, http is only allowed for hosts with suffix "
                       "'localhost', for example: http://myapp.localhost/."})
    assert answer(400, body) == ("invalid_request", "insecure_redirect_uri", "fix_config")


def test_catalogue_readings_of_the_last_batch() -> None:
    # GitHub's REST troubleshooting: "Requires authentication" is a call without a credential GitHub accepts
    assert answer(401, json.dumps({"message": "Requires authentication"}), "github") == (
        "invalid_token", "access_token_missing", "fix_config")
    # Zoom's OAuth error table: 4706 "Missing grant type." is the request, not the client's credentials
    zoom = json.dumps({"reason": "Missing grant type.", "error": "invalid_request"})
    assert answer(400, zoom, "zoom") == ("invalid_request", "missing_parameter", "fix_config")
    # Box's error table: a browser origin missing from the app's CORS allow-list
    box = json.dumps({"type": "error", "status": 403, "code": "cors_origin_not_whitelisted", "message": "x"})
    assert answer(403, box, "box") == ("access_denied", "cors_blocked", "fix_config")
    # Shopify's response codes: an invalid or expired session token at the token exchange gets a fresh one
    shopify = json.dumps({"error": "invalid_subject_token", "error_description": "Invalid subject token"})
    assert answer(400, shopify, "shopify")[::2] == ("invalid_grant", "retry")
    # Spotify's redirect-URI rules: https only, except loopback IPs
    assert answer(400, "INVALID_CLIENT: Insecure redirect URI", "spotify") == (
        "redirect_uri_mismatch", "insecure_redirect_uri", "fix_config")
