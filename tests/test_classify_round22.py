"""Round twenty-two (issue #16): readings from corpora 69-75's development halves, from providers' own catalogues
and from the own source of software without a profile. The bodies are written for these tests; none is a corpus
case."""

from __future__ import annotations

import json

import pytest
from classify_answers import answer

from oauthdoctor.classifier.extract import extract


def test_a_namespaced_standard_code_is_compared_as_the_standard_code() -> None:
    # Epic's account service sends errorCode "errors.com.epicgames.common.oauth.<RFC 6749 code>"
    body = json.dumps({"errorCode": "errors.com.epicgames.common.oauth.invalid_client",
                       "errorMessage": "Sorry the client credentials you are using are invalid"})
    assert extract(401, body).error_key == "invalid_client"
    assert answer(401, body) == ("invalid_client", "bad_client_credentials", "fix_config")
    # only the codes the RFCs define are unwrapped; a provider's own last segment stays the provider's
    own = json.dumps({"errorCode": "errors.com.epicgames.account.oauth.authorization_code_not_found"})
    assert extract(400, own).error_key == "errors.com.epicgames.account.oauth.authorization_code_not_found"


def test_rubys_network_failures_are_transient_but_its_certificate_failure_is_not_read_so() -> None:
    for body in ("Faraday::ConnectionFailed: execution expired",
                 "Faraday::TimeoutError (Net::ReadTimeout with #<TCPSocket:(closed)>)",
                 "Net::OpenTimeout: execution expired"):
        assert answer(None, body) == ("temporarily_unavailable", "network_error", "retry"), body
    assert answer(None, "Faraday::SSLError: certificate verify failed")[1] != "network_error"


def test_nextcloud_oidc_apps_redirect_and_expired_client_pages() -> None:
    page = ("Access forbidden The received redirect URI is not accepted to connect. Please inform the administrator "
            "of your client.")
    assert answer(403, page) == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")
    expired = "Your client is expired. Please inform the administrator of your client."
    assert answer(400, expired) == ("invalid_client", "client_registration_lost", "fix_config")


def test_spring_security_client_and_resource_server_lines() -> None:
    wrong = ("Authorization Request failed: java.lang.IllegalArgumentException: Invalid Authorization Grant Type "
             "(client_credentials) for Client Registration with Id: partner")
    assert answer(None, wrong) == ("unsupported_grant_type", "client_flow_type_mismatch", "fix_config")
    jwt = "o.s.s.o.s.r.a.JwtAuthenticationProvider  : Failed to authenticate since the JWT was invalid"
    assert answer(None, jwt) == ("invalid_token", "ambiguous", "fix_config")


def test_openidconnect_rs_discovery_issuer_mismatch_in_its_debug_form() -> None:
    body = 'Err(Validation("unexpected issuer URI `https://id.example.com` (expected `https://id.example.com/`)"))'
    assert answer(None, body) == ("invalid_request", "authority_misconfigured", "fix_config")


def test_a_named_services_api_token_is_a_key_not_an_oauth_token() -> None:
    assert answer(401, "Invalid Acme API token.") == ("invalid_token", "api_key_invalid", "fix_config")
    assert answer(401, "Your API token has expired")[0::2] == ("invalid_token", "fix_config")


def test_a_429_outweighs_the_words_an_app_wrote_around_it_but_not_an_error_code() -> None:
    assert answer(429, "Xbox GetIsUserLoggedIn() - 429 - User is not authenticated") == (
        "rate_limited", "rate_limit_exceeded", "retry")
    assert answer(429, 'MissingTokenError(description="Missing access token parameter.")')[0::2] == (
        "rate_limited", "retry")
    # without the status the same words keep their reading, and an OAuth code under a 429 keeps its own
    assert answer(None, "User is not authenticated")[0] != "rate_limited"
    assert answer(429, json.dumps({"error": "invalid_grant", "error_description": "Token has been revoked."}))[0] == (
        "invalid_grant")


def test_providers_own_codes_read_from_their_catalogues() -> None:
    autodesk = json.dumps({"developerMessage": "The client_id specified does not have access to the api product",
                           "errorCode": "AUTH-001"})
    assert answer(None, autodesk, "autodesk") == ("unauthorized_client", "feature_or_api_not_enabled", "fix_config")
    secret = json.dumps({"developerMessage": "The client_secret specified does not match the client_id",
                         "errorCode": "AUTH-003"})
    assert answer(401, secret, "autodesk") == ("invalid_client", "bad_client_secret", "fix_config")
    quota = json.dumps({"error": {"error_code": 601, "error_msg": "Rate limit reached"}})
    assert answer(200, quota, "vk")[0::2] == ("rate_limited", "retry")
    assert answer(400, json.dumps({"error": "invalid_grant",
                                   "error_description": "Invalid grant: api_token is invalid"}), "pipedrive")[0::2] == (
        "invalid_grant", "fix_config")
    assert answer(426, "Please make your request via HTTPS rather than HTTP.", "mailchimp") == (
        "invalid_request", "insecure_transport", "fix_config")


def test_strava_application_fault_is_the_client_only_without_a_field() -> None:
    client = json.dumps({"message": "Bad Request",
                         "errors": [{"resource": "Application", "field": "", "code": "invalid"}]})
    assert answer(400, client, "strava") == ("invalid_client", "bad_client_credentials", "fix_config")
    redirect = json.dumps({"message": "Bad Request",
                           "errors": [{"resource": "Application", "field": "redirect_uri", "code": "invalid"}]})
    assert answer(400, redirect, "strava")[0] == "redirect_uri_mismatch"


def test_oidc_providers_debug_detail_names_what_its_bare_invalid_grant_hides() -> None:
    line = ("oidc-provider:token error=invalid_grant error_description='grant request is invalid' "
            "detail='authorization code redirect_uri mismatch'")
    assert answer(400, line, "oidc-provider") == (
        "redirect_uri_mismatch", "redirect_uri_differs_from_authorize", "fix_config")
    reused = ("oidc-provider:token error=invalid_grant error_description='grant request is invalid' "
              "detail='refresh token already used'")
    assert answer(400, reused, "oidc-provider") == ("invalid_grant", "refresh_token_reused_after_rotation", "reauth")


def test_providers_without_a_profile_read_by_their_own_codes() -> None:
    assert answer(None, "KOE006 앱 관리자 설정 오류 (Redirect URI mismatch)") == (
        "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")
    assert answer(None, "Error code: KOE003")[0::2] == ("temporarily_unavailable", "retry")
    xsts = json.dumps({"Identity": "0", "XErr": 2148916233, "Message": "", "Redirect": "https://start.ui.xboxlive.com/"})
    assert answer(401, xsts) == ("interaction_required", "xbox_profile_missing", "reauth")
    plaid = json.dumps({"error_type": "ITEM_ERROR", "error_code": "ITEM_LOGIN_REQUIRED",
                        "error_message": "the login details of this item have changed"})
    assert answer(400, plaid) == ("interaction_required", "login_required", "reauth")


def test_windows_socket_failures_are_transient() -> None:
    body = ("System.Net.Http.HttpRequestException: A connection attempt failed because the connected party did not "
            "properly respond after a period of time, or established connection failed because connected host has "
            "failed to respond. (login.example.com:443)")
    assert answer(None, body) == ("temporarily_unavailable", "network_error", "retry")
    refused = "No connection could be made because the target machine actively refused it. (localhost:8080)"
    assert answer(None, refused) == ("temporarily_unavailable", "network_error", "retry")


# Texts of software read in its own source this round, each with the answer its code means: one table for the
# rules that need no more than the text.
OWN_WORDS = [
    # software without a profile: Kubernetes, AWS, social-core, Globus, MuleSoft, Tableau, Grafana
    ("Unable to connect to the server: getting credentials: exec: executable kubelogin not found",
     ("invalid_request", "credential_plugin_not_installed", "fix_config")),
    ("error: The gcp auth plugin has been removed.", ("invalid_request", "auth_provider_removed", "fix_config")),
    ("Error: (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the "
     "request is invalid.", ("invalid_client", "bad_client_credentials", "fix_config")),
    ("Authentication failed: Token error: Incorrect id_token: azp",
     ("invalid_token", "token_for_other_client", "fix_config")),
    ("globus_sdk.login_flows.LocalServerEnvironmentalLoginError: Cannot use LocalServerLoginFlowManager",
     ("invalid_request", "browser_unavailable", "fix_config")),
    ("OAUTH2-PROVIDER:NO_SUCH_CLIENT", ("invalid_client", "unknown_client_id", "fix_config")),
    ("Error: CONNECTED_APP_NOT_FOUND", ("invalid_client", "unknown_client_id", "fix_config")),
    ("Missing saved oauth state", ("invalid_request", "state_or_session_lost", "fix_config")),
    # client libraries and gateways: Nimbus, AppAuth, jumbojett, golang.org/x/oauth2, Envoy
    ("JWT before use time", ("invalid_token", "clock_skew", "fix_config")),
    ("There is no pending authorization flow to resume", ("invalid_request", "callback_replayed", "fix_config")),
    ("Unable to refresh expired token without a refresh token",
     ("invalid_token", "refresh_token_missing", "fix_config")),
    ("Unable to determine state", ("invalid_request", "state_or_session_lost", "fix_config")),
    ('oauth2: cannot overwrite parameter "scope"',
     ("invalid_request", "reserved_parameter_in_endpoint_params", "fix_config")),
    ("Failed JWT authentication: Wrong requirement_name: partner-api",
     ("access_denied", "jwt_requirement_name_unknown", "fix_config")),
    ("jwt_authn_access_denied{Jwt_is_expired}", ("invalid_token", "access_token_expired", "retry")),
    # tools that store tokens say when a person must sign in: gh, rclone, Home Assistant, GCM
    ("To get started with GitHub CLI, please run:  gh auth login",
     ("interaction_required", "login_required", "reauth")),
    ('empty token found - please run "rclone config reconnect remote:"',
     ("interaction_required", "login_required", "reauth")),
    ("Token not valid, trigger renewal", ("invalid_grant", "refresh_token_expired_or_revoked", "reauth")),
    ("Cannot prompt because user interactivity has been disabled.",
     ("interaction_required", "no_interactive_request", "reauth")),
    # SDKs and platforms that wrap a sign-in: Slack Bolt, TeamsFx, flutter_appauth, Activepieces
    ("The state parameter is not for this browser session.",
     ("invalid_request", "state_or_session_lost", "fix_config")),
    ("Failed to get access token cache silently, please login first",
     ("interaction_required", "login_required", "reauth")),
    ("Failed to authorize: Null activity received", ("invalid_request", "no_foreground_activity", "fix_config")),
    ("connection (github_1) expired, reconnect again", ("invalid_grant", "grant_dead", "reauth")),
]


@pytest.mark.parametrize(("body", "expected"), OWN_WORDS)
def test_software_read_in_its_own_source(body: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, body) == expected


def test_exchange_smtp_auth_refusal_stays_a_token_refusal_with_microsofts_candidates() -> None:
    got = answer(None, "535 5.7.3 Authentication unsuccessful [BN0PR04CA0123.namprd04.prod.outlook.com]")
    assert got[0::2] == ("invalid_token", "fix_config")


def test_a_clients_own_pkce_configuration_is_not_a_verifier_the_server_refused() -> None:
    assert answer(None, "Unsupported code verifier transformation method: plain2") == (
        "invalid_request", "pkce_method_misconfigured", "fix_config")
    assert answer(None, "Only the Authorization Code flow (with PKCE) is supported")[1] != "pkce_verifier_mismatch"
    assert answer(400, "PKCE verification failed") == ("invalid_grant", "pkce_verifier_mismatch", "fix_config")


def test_omniauths_failure_line_is_read_by_its_key_not_by_the_strategy_in_brackets() -> None:
    line = ("(github) Authentication failure! access_denied: OmniAuth::Strategies::OAuth2::CallbackError, "
            "access_denied | The user has denied your application access.")
    assert extract(None, line).error == "access_denied"
    assert answer(None, line)[0::2] == ("access_denied", "reauth")
    grant = ("(openid_connect) Authentication failure! invalid_grant: Rack::OAuth2::Client::Error, invalid_grant :: "
             "The provided authorization grant is invalid")
    assert answer(None, grant)[0] == "invalid_grant"
    # oauthlib's own "(code) description" keeps its reading
    assert extract(None, "(invalid_grant) Invalid credentials given.").error == "invalid_grant"
