"""Round twenty-four (issue #16): what the six new corpora's development halves led to, each checked against its
source: Google's ErrorInfo reason for an expired access token, Okta codes written out of JSON, an error code after
"code:" that is not an authorization code, Xero's redirect refusal behind unauthorized_client, and Xero's 403
AuthenticationUnsuccessful decided by its commonest fix. The bodies are written for these tests in the shape of
each source's message."""

from __future__ import annotations

from classify_answers import answer

GOOGLE_401 = ('{"error": {"code": 401, "message": "Request had invalid authentication credentials. Expected OAuth 2 '
              'access token, login cookie or other valid authentication credential.", "status": "UNAUTHENTICATED", '
              '"details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "%s", '
              '"domain": "googleapis.com"}]}}')


def test_google_errorinfo_reason_access_token_expired_is_a_refresh() -> None:
    assert answer(401, GOOGLE_401 % "ACCESS_TOKEN_EXPIRED") == ("invalid_token", "access_token_expired", "retry")
    assert answer(401, GOOGLE_401 % "ACCESS_TOKEN_EXPIRED", "google")[2] == "retry"
    # another reason keeps the answer that does not say why (the message alone names no cause)
    assert answer(401, GOOGLE_401 % "SOMETHING_ELSE")[1] != "access_token_expired"
    # a longer identifier that only contains the words is not the reason
    assert answer(401, "snowflake oauth_access_token_expired_gs_code")[1] != "ambiguous"


def test_okta_codes_written_out_of_json_are_read_like_the_json_field() -> None:
    assert answer(None, "Okta error E0000064: Password is expired and must be changed.", "okta") == (
        "interaction_required", "password_expired", "reauth")
    assert answer(None, '{"errorCode": "E0000064", "errorSummary": "Password is expired"}', "okta") == (
        "interaction_required", "password_expired", "reauth")
    assert answer(429, "errorCode=E0000047, errorSummary=API call exceeded rate limit", "okta")[0] == "rate_limited"


def test_an_error_code_after_code_colon_is_not_an_authorization_code() -> None:
    oag = "code:E0000011, message:Invalid API Token, developerMessage:Valid API token still exists in Okta"
    assert answer(401, oag, "okta")[0] == "invalid_token"
    # a code value that is not an error code's letters-then-digits is still read as the authorization code
    assert answer(400, "invalid code: SplxlOBeZQQYbYS6WxSbIA") == ("invalid_grant", "auth_code_invalid_or_reused",
                                                                   "reauth")


def test_xero_unauthorized_client_naming_the_redirect_uri_is_a_redirect_refusal() -> None:
    page = ("Sorry, something went wrong\nGo back and try again.\nError code: 500\n"
            "Error: unauthorized_client : Invalid redirect_uri")
    assert answer(500, page, "xero") == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")
    # a bare unauthorized_client is open since the re-read of 2026-12-07: Xero names bad credentials invalid_client
    assert answer(400, '{"error": "unauthorized_client"}', "xero")[:2] == ("unauthorized_client", "ambiguous")


def test_xero_403_authentication_unsuccessful_is_the_tenant_header_first() -> None:
    body = '{"Title": "Forbidden", "Status": 403, "Detail": "AuthenticationUnsuccessful"}'
    assert answer(403, body, "xero") == ("invalid_token", "ambiguous", "fix_config")
    from oauthdoctor.classifier import classify

    found = classify(403, body, None, provider="xero")
    assert [(c.cause, c.decision) for c in found.candidates] == [
        ("tenant_id_header_missing_or_wrong", "fix_config"), ("connection_revoked", "reauth")]


def test_the_protocol_version_inside_the_words_does_not_hide_them() -> None:
    for body in ("Invalid OAuth 2.0 Access Token", "Invalid OAuth 2 Access Token", "Invalid OAuth Access Token"):
        assert answer(None, body)[0] == "invalid_token", body


def test_an_identifier_that_names_a_failure_is_read_inside_a_longer_message() -> None:
    rclone = ("Failed to create file system for \"od:\": failed to get root: InvalidAuthenticationToken: CompactToken "
              "validation failed with reason code: 80049228.")
    assert answer(None, rclone)[0] == "invalid_token"
    assert answer(None, "AuthenticationError.OAUTH_TOKEN_INVALID")[0] == "invalid_token"
    assert answer(None, "at org.springframework.security.oauth2.InvalidTokenException: boom")[0] == "invalid_token"
    # a name without a word of failure, or one inside a path, adds nothing
    assert answer(None, "failed to get root: CompactToken validation failed")[0] != "invalid_token"
    assert answer(None, "Failed to load file /etc/app/invalid_token_store.json")[0] != "invalid_token"
    # an OAuth code in the text is read as that code, not as its words
    assert answer(400, "oauth2: cannot fetch token: 400 Bad Request Response: invalid_grant")[0] == "invalid_grant"


def test_provider_texts_read_from_the_new_development_halves() -> None:
    # QuickBooks' fault 120 without the lost-admin detail: reconnect; its 500 twin during outages is not that
    assert answer(401, 'QBO reply: 401 "Authorization Failure" / code 120', "intuit") == (
        "invalid_token", "ambiguous", "reauth")
    outage = ('QboApi::InternalServerError: [{:fault_type=>"AuthorizatonFault", :error_code=>"120", :error_message=>'
              '"Authorization Failure", :error_detail=>"AuthorizationFailure: Unknown Error during Authentication, '
              'statusCode: 500"}]')
    assert answer(500, outage, "intuit")[2] == "retry"
    assert answer(None, "Failed: Not approved for access", "salesforce") == (
        "access_denied", "user_not_preauthorized", "fix_config")
    assert answer(None, "'id_token' is not enabled for the application.", "microsoft") == (
        "unsupported_response_type", "implicit_grant_not_enabled", "fix_config")
    firebase = ("The audience in ID Token [com.example.app.signin] does not match the expected audience "
                "com.example.app.")
    assert answer(None, firebase)[1:] == ("token_for_wrong_audience", "fix_config")


def test_redirect_refusals_in_other_shapes() -> None:
    # an error in the fragment of a URL whose query holds other parameters (login.live.com's err.srf?lc=1033#...)
    live = ("https://login.live.com/err.srf?lc=1033#error=invalid_request&error_description=The+provided+value+for+"
            "the+input+parameter+'redirect_uri'+is+not+valid.+The+expected+value+is+'https://login.live.com/"
            "oauth20_desktop.srf'+or+a+URL+which+matches+the+redirect+URI+registered+for+this+client+application.")
    assert answer(None, live)[0] == "redirect_uri_mismatch"
    assert answer(None, "https://app.example/cb?lang=en#error=access_denied&error_description=User+cancelled")[0] == (
        "access_denied")
    # WeChat's web-authorization errors 10003 and 10005, detected by their own words
    assert answer(None, "redirect_uri域名与后台配置不一致，错误码：10003") == (
        "redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")
    assert answer(None, "此公众号并没有这些scope的权限，错误码：10005") == (
        "invalid_scope", "scope_not_permitted_for_account", "fix_config")
    # the page title alone (authentik, django-oidc-provider)
    assert answer(400, "Redirect URI Error") == ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")


def test_googles_blocked_out_of_band_redirect_is_a_redirect_problem() -> None:
    page = ("Access blocked: App's request is invalid\nError 400: invalid_request\nThe out-of-band (OOB) flow has been "
            "blocked in order to keep users secure.\nRequest details: redirect_uri=urn:ietf:wg:oauth:2.0:oob")
    assert answer(400, page, "google") == ("redirect_uri_mismatch", "oob_flow_blocked", "fix_config")


def test_salesforces_authentication_failure_is_detected_by_its_words() -> None:
    body = '{"error":"invalid_grant","error_description":"authentication failure"}'
    from oauthdoctor.classifier import classify

    found = classify(400, body)
    assert (found.provider, found.failure_class, found.decision) == ("salesforce", "invalid_grant", "fix_config")
    # another server's invalid_grant with other words is not Salesforce's
    assert classify(400, '{"error":"invalid_grant","error_description":"Invalid user credentials"}').provider != (
        "salesforce")


def test_googles_daily_quota_wording_is_detected_without_the_provider() -> None:
    body = ('{"error": {"code": 403, "message": "The request cannot be completed because you have exceeded your '
            'quota."}}')
    assert answer(403, body) == ("rate_limited", "ambiguous", "fix_config")  # a daily quota: waiting minutes fails
    assert answer(429, "Too many requests, slow down")[2] == "retry"


def test_dropbox_and_cognito_answers_are_detected_by_their_shapes() -> None:
    from oauthdoctor.classifier import classify

    dropbox = '{"error_summary": "expired_access_token/.", "error": {".tag": "expired_access_token"}}'
    assert classify(401, dropbox).provider == "dropbox"
    cognito = "Amazon.CognitoIdentityProvider.Model.NotAuthorizedException: Invalid Refresh Token."
    found = classify(400, cognito)
    assert (found.provider, found.failure_class, found.decision) == ("aws-cognito", "invalid_grant", "fix_config")
