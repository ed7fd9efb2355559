"""Round twenty-one (issue #16): readings from corpora 57 and 58 and from six providers' own catalogues, each from
the provider's or the library's own source. The bodies are written for these tests; none is a corpus case."""

from __future__ import annotations

import json

from classify_answers import answer

from oauthdoctor.classifier.extract import extract


def test_a_dump_whose_quotes_were_spaced_out_keeps_its_fields() -> None:
    body = 'string (80) "{" error ":" invalid_client "," error_description ":" Invalid client credentials "}"'
    fields = extract(None, body).fields
    assert fields["error"] == "invalid_client"
    assert fields["error_description"] == "Invalid client credentials"
    assert answer(None, body, "keycloak") == ("invalid_client", "bad_client_credentials", "fix_config")


def test_invalid_or_expired_code_is_a_refused_code_but_expired_code_alone_is_not_read_so() -> None:
    body = json.dumps({"error": "invalid_request", "error_description": "Invalid or expired code parameter."})
    assert answer(400, body) == ("invalid_grant", "auth_code_invalid_or_reused", "reauth")
    # Salesforce answers 'expired authorization code' to a JWT bearer grant whose exp is off: not read as a code
    jwt = json.dumps({"error": "invalid_grant", "error_description": "expired authorization code"})
    assert answer(400, jwt)[1] != "auth_code_expired"


def test_chromium_network_errors_are_transient_but_a_blocked_request_is_not() -> None:
    body = "POST https://login.example.com/oauth2/v2.0/token net::ERR_NAME_NOT_RESOLVED"
    assert answer(None, body) == ("temporarily_unavailable", "network_error", "retry")
    assert answer(None, "net::ERR_CONNECTION_TIMED_OUT") == ("temporarily_unavailable", "network_error", "retry")
    assert answer(None, "net::ERR_BLOCKED_BY_CLIENT")[1] != "network_error"


def test_oauth2_proxy_audience_failures_are_the_providers_token_not_kratos() -> None:
    missing = ("[oauthproxy.go:830] Error creating session during OAuth2 callback: could not verify id_token: "
               "audience claims [aud] do not exist in claims: map[azp:proxy email:a@example.com]")
    assert answer(500, missing) == ("invalid_token", "token_for_wrong_audience", "fix_config")
    other = ("[oauthproxy.go:823] Error redeeming code during OAuth2 callback: could not verify id_token: audience "
             "from claim aud with value [account] does not match with any of allowed audiences map[proxy:{}]")
    assert answer(None, other) == ("invalid_token", "token_for_wrong_audience", "fix_config")
    # Kratos' own words still detect Kratos
    assert answer(None, "Could not verify id_token: oidc: id token issued by a different provider")[0] == (
        "invalid_token")


def test_vault_cli_empty_auth_url_in_its_older_wording_is_a_redirect_problem() -> None:
    body = 'unable to authorize with role "dev" with redirect_uri="localhost:8250/oidc/callback"'
    assert answer(None, body)[0::2] == ("redirect_uri_mismatch", "fix_config")
    assert answer(None, 'unable to authorize role "dev" - check vault logs for more information')[0] == (
        "redirect_uri_mismatch")


def test_grafana_group_filter_is_an_admin_policy() -> None:
    assert answer(None, "user not a member of one of the required groups") == (
        "access_denied", "user_not_in_required_groups", "fix_config")


def test_passport_failed_profile_fetch_leans_on_the_scope_unless_the_provider_failed() -> None:
    assert answer(None, "InternalOAuthError: Failed to fetch user profile") == (
        "insufficient_scope", "ambiguous", "fix_config")
    wrapped = ("{ name: 'InternalOAuthError', message: 'Failed to fetch the user profile.', oauthError: "
               "{ statusCode: 401, data: '{\"message\": \"401: Unauthorized\"}' } }")
    assert answer(401, wrapped)[0] == "insufficient_scope"
    # the provider's own 5xx quoted in the error is left to the rules that read a provider failure
    backend = ('{"name": "InternalOAuthError", "message": "failed to fetch user profile", "oauthError": '
               '{"statusCode": 500, "data": "{\\"error\\": {\\"code\\": 500, \\"message\\": \\"Backend Error\\"}}"}}')
    assert answer(500, backend)[2] == "retry"


def test_meta_transient_flag_and_app_not_installed() -> None:
    transient = {"error": {"message": "An unknown error occurred", "type": "OAuthException", "code": 100,
                           "is_transient": True}}
    assert answer(400, json.dumps(transient), "meta") == ("temporarily_unavailable", "idp_transient_outage", "retry")
    # a throttling code keeps its own reading even when Meta marks it transient
    throttled = {"error": {"message": "(#4) Application request limit reached", "type": "OAuthException",
                           "code": 4, "is_transient": True}}
    assert answer(400, json.dumps(throttled), "meta")[0] == "rate_limited"
    not_installed = {"error": {"message": "User has not installed the application", "type": "OAuthException",
                               "code": 412}}
    assert answer(400, json.dumps(not_installed), "meta") == ("invalid_token", "app_not_installed", "reauth")


def test_cognito_exceptions_from_its_api_model() -> None:
    def cognito(kind: str, message: str) -> tuple[str, str, str]:
        return answer(400, json.dumps({"__type": kind, "message": message}), "aws-cognito")

    assert cognito("UserLambdaValidationException", "PreAuthentication failed with error Not allowed.") == (
        "access_denied", "lambda_trigger_rejected", "fix_config")
    assert cognito("CodeMismatchException", "Invalid verification code provided, please try again.")[1:] == (
        "ambiguous", "reauth")
    assert cognito("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool.") == (
        "invalid_request", "feature_or_api_not_enabled", "fix_config")


def test_b2c_codes_from_its_error_table() -> None:
    def b2c(error: str, description: str) -> tuple[str, str, str]:
        return answer(400, json.dumps({"error": error, "error_description": description}), "azure-ad-b2c")

    assert b2c("invalid_request", "AADB2C99059: The supplied request must present a code_challenge") == (
        "invalid_request", "pkce_challenge_missing", "fix_config")
    assert b2c("invalid_request", "AADB2C90229: Azure AD B2C throttled traffic") == (
        "rate_limited", "rate_limit_exceeded", "retry")
    # AADB2C90273 is read as the federated provider's bad answer only with a server or request error; a callback
    # with access_denied keeps the user's refusal
    assert b2c("server_error", "AADB2C90273: An invalid response was received")[1] == "federated_idp_invalid_response"
    assert b2c("access_denied", "AADB2C90273: An invalid response was received")[1] != (
        "federated_idp_invalid_response")


def test_firebase_admin_token_checks_and_client_codes() -> None:
    kid = ('Firebase ID token has "kid" claim which does not correspond to a known public key. Most likely the ID '
           "token is expired, so get a fresh token from your client app and try again.")
    assert answer(None, kid, "firebase") == ("invalid_token", "access_token_expired", "retry")
    assert answer(None, "FirebaseError: Firebase: Error (auth/code-expired).", "firebase") == (
        "invalid_grant", "otp_expired", "reauth")


def test_supabase_codes_read_in_both_body_shapes() -> None:
    default = json.dumps({"code": 409, "error_code": "conflict", "msg": "Conflict"})
    dated = json.dumps({"code": "conflict", "message": "Conflict"})
    for body in (default, dated):
        assert answer(409, body, "supabase") == ("temporarily_unavailable", "concurrent_refresh_requests", "retry")
    # an earlier rule with the same code and its own text still decides first
    anonymous = json.dumps({"code": 403, "error_code": "no_authorization", "msg": "Anonymous user not allowed"})
    assert answer(403, anonymous, "supabase")[1] == "anonymous_user_not_allowed"


def test_x_problem_types_and_codes_from_its_catalogue() -> None:
    disconnect = {"title": "Operational Disconnect", "disconnect_type": "OperationalDisconnect",
                  "detail": "This stream has been disconnected for operational reasons.",
                  "type": "https://api.twitter.com/2/problems/operational-disconnect"}
    assert answer(None, json.dumps(disconnect), "x") == (
        "temporarily_unavailable", "stream_operational_disconnect", "retry")
    flagged = {"errors": [{"code": 226, "message": "This request looks like it might be automated."}]}
    assert answer(403, json.dumps(flagged), "x") == ("access_denied", "automated_activity_flagged", "fix_config")


def test_paypal_payee_details_and_linking_errors() -> None:
    consent = {"name": "NOT_AUTHORIZED", "details": [{"issue": "PAYEE_NOT_CONSENTED"}]}
    assert answer(403, json.dumps(consent), "paypal") == ("access_denied", "payee_consent_missing", "fix_config")
    assert answer(None, "https://example.com/cb?error=REFERRAL_EXPIRED", "paypal")[0::2] == (
        "invalid_grant", "reauth")


def test_openiddict_id2_codes_from_its_resources() -> None:
    def oi(error: str, description: str, code: str) -> tuple[str, str, str]:
        body = {"error": error, "error_description": description,
                "error_uri": f"https://documentation.openiddict.com/errors/{code}"}
        return answer(400, json.dumps(body), "openiddict")

    assert oi("invalid_request", "The mandatory 'client_secret' or 'client_assertion' parameter must be specified "
              "when using the client credentials grant.", "ID2057") == (
        "invalid_client", "client_authentication_missing", "fix_config")
    # the resource's contraction is read with its negation written out, as the rules read every text
    assert oi("server_error", "The JSON Web Key Set document didn't contain a valid 'keys' node with at least one "
              "key.", "ID2102") == ("server_error", "jwks_invalid", "fix_config")


def test_docusign_and_intuit_catalogue_readings() -> None:
    lacks = {"errorCode": "ACCOUNT_LACKS_PERMISSIONS", "message": "This Account lacks sufficient permissions."}
    assert answer(400, json.dumps(lacks), "docusign") == ("access_denied", "ambiguous", "fix_config")

    def qbo(detail: str | None) -> str:
        return json.dumps({"fault": {"error": [{"message": "message=AuthenticationFailed; errorCode=003200; "
                                                           "statusCode=401", "detail": detail, "code": "3200"}],
                                     "type": "AUTHENTICATION"}})

    assert answer(401, qbo(None), "intuit")[1:] == ("ambiguous", "retry")
    # a detail that names what is wrong keeps its own reading
    assert answer(401, qbo("Malformed bearer token: too short or too long"), "intuit") == (
        "invalid_token", "access_token_malformed", "fix_config")


def test_xero_sdk_messages_are_the_stored_token_set() -> None:
    assert answer(None, "xero_python.exceptions.AccessTokenExpiredError: Access Token has expired", "xero")[1:] == (
        "ambiguous", "fix_config")
    assert answer(None, "ReferenceError: tokenSet is not defined", "xero") == (
        "invalid_request", "token_set_not_loaded", "fix_config")


def test_a_pin_grant_still_waiting_for_the_user_is_pending() -> None:
    assert answer(None, "Waiting for user to authorize application.") == (
        "authorization_pending", "device_authorization_pending", "retry")
    assert answer(None, "The authorization has expired waiting for user to authorize.")[0::2] == (
        "expired_token", "reauth")


def test_wrangler_invalid_grant_and_docker_hub_sso_token_policy() -> None:
    assert answer(None, "Expired! Auth code or refresh token needs to be renewed.") == (
        "invalid_grant", "grant_dead", "reauth")
    docker = ('Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: your account must '
              "log in with a Personal Access Token (PAT) - learn more at docs.docker.com/go/access-tokens")
    assert answer(None, docker) == ("access_denied", "access_policy_denied", "fix_config")


def test_entra_reply_url_that_is_not_a_valid_url_is_a_redirect_problem() -> None:
    body = "AADSTS500116: The reply uri specified in the request is not a valid URL."
    assert answer(None, body, "microsoft")[0::2] == ("redirect_uri_mismatch", "fix_config")


def test_oracle_health_urns_in_error_uri_plain_encoded_and_twice_encoded() -> None:
    urn = "urn:cerner:error:authorization-server:oauth2:token:invalid-authorization-header"
    for written in (urn, urn.replace(":", "%3A"), urn.replace(":", "%253A")):
        body = json.dumps({"error": "invalid_client",
                           "error_uri": f"https://authorization.cerner.com/errors/{written}/instances/x"})
        assert answer(400, body, "smart-on-fhir") == ("invalid_client", "basic_auth_malformed", "fix_config")
    refresh = json.dumps({"error": "invalid_grant", "error_uri": "https://authorization.cerner.com/errors/urn%3A"
                          "cerner%3Aerror%3Aauthorization-server%3Aoauth2%3Atoken%3Arefresh-token%3Atoken-invalid/instances/x"})
    assert answer(400, refresh, "smart-on-fhir") == ("invalid_grant", "refresh_token_expired_or_revoked", "reauth")


def test_snowflake_and_databricks_words_from_their_drivers() -> None:
    # 390303: the drivers drop the token and refresh once before a new sign-in
    assert answer(None, "390303 (08001): Invalid OAuth access token. [1172527951366]")[0::2] == (
        "invalid_token", "retry")
    databricks = ("Error: default auth: cannot configure default credentials, please check "
                  "https://docs.databricks.com/en/dev-tools/auth.html to configure credentials")
    assert answer(None, databricks) == ("invalid_client", "credentials_not_configured", "fix_config")
    refresh = "Error: A new access token could not be retrieved because the refresh token is invalid."
    assert answer(None, refresh) == ("invalid_grant", "refresh_token_invalid", "reauth")


def test_google_daily_quota_is_not_a_backoff_but_a_rate_limit_still_is() -> None:
    quota = json.dumps({"error": {"code": 403, "message": "The request cannot be completed because you have exceeded "
                                  'your <a href="/youtube/v3/getting-started#quota">quota</a>.',
                                  "errors": [{"domain": "youtube.quota", "reason": "quotaExceeded"}]}})
    assert answer(403, quota, "google") == ("rate_limited", "ambiguous", "fix_config")
    per_user = json.dumps({"error": {"code": 403, "message": "User Rate Limit Exceeded",
                                     "errors": [{"domain": "usageLimits", "reason": "userRateLimitExceeded"}]}})
    assert answer(403, per_user, "google") == ("rate_limited", "rate_limit_exceeded", "retry")


def test_azure_managed_identity_endpoint_that_cannot_choose_an_identity() -> None:
    body = ("Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in "
            "the token request")
    assert answer(400, body) == ("invalid_request", "credentials_not_configured", "fix_config")


def test_snowflake_expired_oauth_token_is_a_refresh() -> None:
    assert answer(None, "390318 (08001): OAuth access token expired. [1172527951366]") == (
        "invalid_token", "access_token_expired", "retry")
    login = {"data": {"nextAction": "RETRY_LOGIN", "authnMethod": "OAUTH"}, "code": "390318",
             "message": "OAuth access token expired. [1172527951366]", "success": False}
    assert answer(None, json.dumps(login))[1:] == ("access_token_expired", "retry")


def test_cerner_and_oracle_health_name_the_smart_profile() -> None:
    body = json.dumps({"error": "invalid_client", "error_uri": "https://authorization.cerner.com/errors/urn%3Acerner"
                       "%3Aerror%3Aauthorization-server%3Aoauth2%3Atoken%3Ainvalid-authorization-header/instances/x"})
    expected = ("invalid_client", "basic_auth_malformed", "fix_config")
    assert answer(400, body, "cerner") == expected
    assert answer(400, body, "oracle-health") == expected
    assert answer(400, body) == expected  # the URN alone names the profile


def test_amazon_sp_api_authorization_codes() -> None:
    assert answer(None, "Error: MD1000 - the application is in Draft state", "amazon") == (
        "unauthorized_client", "app_not_distributed", "fix_config")
    assert answer(None, "MD5101", "amazon")[0] == "redirect_uri_mismatch"


def test_lark_and_wechat_codes_from_their_clients_and_tables() -> None:
    assert answer(401, json.dumps({"code": 99991677, "msg": "token expired"}), "lark") == (
        "invalid_token", "access_token_expired", "retry")
    assert answer(400, json.dumps({"code": 20064, "msg": "refresh token revoked"}), "lark") == (
        "invalid_grant", "refresh_token_revoked", "reauth")
    assert answer(None, json.dumps({"errcode": 43002, "errmsg": "require POST method"}), "wechat") == (
        "invalid_request", "wrong_http_method", "fix_config")


def test_tiktok_v2_error_codes_and_prawcore_exceptions() -> None:
    scope = {"error": {"code": "scope_not_authorized", "message": "x", "log_id": "1"}}
    assert answer(401, json.dumps(scope), "tiktok") == ("insufficient_scope", "missing_scope", "reauth")
    assert answer(None, "prawcore.exceptions.ServerError: received 503 HTTP response", "reddit") == (
        "server_error", "idp_server_error", "retry")


def test_square_payment_codes_and_stripe_account_invalid_after_its_message_rule() -> None:
    card = {"errors": [{"category": "PAYMENT_METHOD_ERROR", "code": "CARD_TOKEN_EXPIRED", "detail": "expired"}]}
    assert answer(400, json.dumps(card), "square") == ("invalid_request", "card_nonce_expired", "fix_config")

    def stripe(message: str) -> tuple[str, str, str]:
        body = {"error": {"code": "account_invalid", "message": message, "type": "invalid_request_error"}}
        return answer(403, json.dumps(body), "stripe")

    assert stripe("Invalid account ID") == ("invalid_request", "wrong_account_id", "fix_config")
    revoked = ("The provided key does not have access to account acct_1 (or that account does not exist). "
               "Application access may have been revoked.")
    assert stripe(revoked)[1:] == ("ambiguous", "reauth")


def test_an_oauth1_problem_report_is_read_wherever_the_text_carries_it() -> None:
    # a header printed in a log, a JavaScript error object's data and a library's debug line: the value is the
    # error the Problem Reporting rules read, as in a form body or a WWW-Authenticate header
    assert answer(401, "'www-authenticate': 'OAuth oauth_problem=signature_invalid'") == (
        "invalid_client", "request_signature_invalid", "fix_config")  # the consumer's secret signs (RFC 5849 3.4)
    assert answer(401, "{ statusCode: 401, data: 'oauth_problem=consumer_key_unknown' }") == (
        "invalid_client", "unknown_client_id", "fix_config")
    assert answer(None, "tokenRequestTicket Response Body: oauth_problem=consumer_key_rejected")[0::2] == (
        "invalid_client", "fix_config")


def test_zitadel_servicenow_and_netsuite_catalogue_readings() -> None:
    def zitadel(key: str) -> tuple[str, str, str]:
        return answer(400, json.dumps({"error": "invalid_request", "error_description": key}), "zitadel")

    assert zitadel("Errors.OIDCSession.Token.Expired") == ("invalid_token", "access_token_expired", "retry")
    assert zitadel("Errors.User.Machine.Secret.Invalid") == ("invalid_client", "bad_client_secret", "fix_config")
    acl = {"status": 401, "error": {"message": "User Not Authorized", "detail": "Failed API level ACL Validation"}}
    assert answer(401, json.dumps(acl), "servicenow") == ("insufficient_scope", "missing_permission", "fix_config")
    assert answer(None, "oauth_problem=consumer_key_refused", "netsuite") == (
        "unauthorized_client", "integration_blocked", "fix_config")


def test_clerk_and_stytch_codes_from_their_sdks() -> None:
    client = {"errors": [{"message": "Client not found", "long_message": "No client found in request",
                          "code": "client_not_found"}]}
    # Clerk's client is the browser's Client object, not an OAuth client id
    assert answer(401, json.dumps(client), "clerk")[0] != "invalid_client"
    assert answer(None, "Error: Invalid session token category. Expected session token", "clerk") == (
        "invalid_token", "wrong_token_type", "fix_config")
    unavailable = {"status_code": 503, "error_type": "server_unavailable", "error_message": "x"}
    assert answer(503, json.dumps(unavailable), "stytch")[2] == "retry"


def test_identityserver_log_lines_and_spring_authorization_server_error_pages() -> None:
    assert answer(None, "[invalid_request] OAuth 2.0 Parameter: redirect_uri", "spring-authorization-server") == (
        "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")
    assert answer(None, "Client authentication failed: client_secret_expires_at", "spring-authorization-server") == (
        "invalid_client", "client_secret_expired", "fix_config")
    prompt = json.dumps({"error": "invalid_request", "error_description": "Unsupported prompt mode"})
    assert answer(400, prompt, "identityserver") == ("invalid_request", "prompt_value_invalid", "fix_config")


def test_authentik_flow_that_does_not_apply_is_a_policy_denial() -> None:
    assert answer(None, "Flow does not apply to current user.", "authentik") == (
        "access_denied", "access_policy_denied", "fix_config")


def test_hydra_and_authelia_texts_from_fosite_and_the_oauth2_provider_fork() -> None:
    reused = json.dumps({"error": "access_denied", "error_description": "The resource owner or authorization server "
                         "denied the request. The login verifier has already been used."})
    assert answer(403, reused, "hydra") == ("access_denied", "login_consent_verifier_reused", "reauth")
    remembered = json.dumps({"error": "server_error", "error_description": "The login request was previously "
                             "remembered and can only be forgotten using the reject feature."})
    assert answer(500, remembered, "hydra")[2] == "fix_config"
    assert answer(None, "Could not perform consent.", "authelia")[1:] == ("stale_consent_link", "reauth")


def test_open_source_servers_own_texts_read_in_their_code() -> None:
    assert answer(None, "Unauthorized request: no authentication given", "node-oauth2-server") == (
        "invalid_request", "access_token_missing", "fix_config")
    assert answer(None, "The user must log in", "oauth2-server-php") == (
        "interaction_required", "login_required", "reauth")
    dot = json.dumps({"error": "invalid_request", "error_description": "Invalid redirect URI."})
    assert answer(400, dot, "django-oauth-toolkit")[1] == "redirect_uri_malformed"
    assert answer(None, "Login session expired.", "dex")[0::2] == ("interaction_required", "reauth")
    pkce = json.dumps({"error": "invalid_code_challenge_method", "error_description": "The authorization server does "
                       "not support PKCE as there are no accepted code_challenge_method values."})
    assert answer(400, pkce, "doorkeeper") == ("invalid_request", "pkce_not_enabled_on_server", "fix_config")
    assert answer(None, "Your IP address: 1.2.3.4 has been banned according to the configuration of: x",
                  "casdoor")[0::2] == ("access_denied", "fix_config")
