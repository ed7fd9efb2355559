"""Google Sign-In on the client (providers/google.yaml): what the SDKs and their wrappers print is recognised.

The texts are the forms the libraries build: the Play services ``ApiException`` (``"<status>: <message>"``) as
the Flutter plugin forwards it (``PlatformException(code, e.toString(), null, null)``), react-native-google-signin's
code and message, GIDSignIn's ``NSError`` (domain ``com.google.GIDSignIn``) as printed and as Flutter's iOS plugin
forwards it (``PlatformException(code, domain, localizedDescription, null)``), Flutter's ``GoogleSignInException``,
Credential Manager's exception classes, and Google Identity Services' console and error values. Texts of other
providers' SDKs must neither be read as Google nor hit these rules.
"""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify

FLUTTER_ANDROID = "PlatformException({code}, com.google.android.gms.common.api.ApiException: {status}: , null, null)"
RN_DEVELOPER_ERROR = ("DEVELOPER_ERROR: Follow troubleshooting instructions at "
                      "https://react-native-google-signin.github.io/docs/troubleshooting")

# (text, provider given?) -> (class, cause, decision); provider None means Google must be detected from the text.
CASES = [
    # Android status 10, DEVELOPER_ERROR: the app's registration, every candidate a configuration fix
    (FLUTTER_ANDROID.format(code="sign_in_failed", status=10), None,
     ("invalid_client", "android_client_registration_mismatch", "fix_config")),
    ("com.google.android.gms.common.api.ApiException: 10: ", None,
     ("invalid_client", "android_client_registration_mismatch", "fix_config")),
    ('{"code": "10", "message": "' + RN_DEVELOPER_ERROR + '"}', None,
     ("invalid_client", "android_client_registration_mismatch", "fix_config")),
    ("Error: " + RN_DEVELOPER_ERROR, None, ("invalid_client", "android_client_registration_mismatch", "fix_config")),
    # 12501: the user's cancel leads, a configuration mismatch reported as a cancel is the other candidate
    (FLUTTER_ANDROID.format(code="sign_in_canceled", status=12501), None, ("access_denied", "ambiguous", "reauth")),
    ("GoogleSignInException(code GoogleSignInExceptionCode.canceled, Sign-in was cancelled., null)", None,
     ("access_denied", "ambiguous", "reauth")),
    ("androidx.credentials.exceptions.GetCredentialCancellationException: activity is cancelled by the user.",
     "google", ("access_denied", "ambiguous", "reauth")),
    # 12502 and react-native-google-signin's IN_PROGRESS: the app called twice
    (FLUTTER_ANDROID.format(code="sign_in_failed", status=12502), None,
     ("invalid_request", "interactive_call_in_progress", "fix_config")),
    ('{"code": "ASYNC_OP_IN_PROGRESS", "message": "Warning: previous promise did not settle and was overwritten. '
     'You\'ve called \\"signIn\\" while \\"signIn\\" was already in progress and has not completed yet."}', "google",
     ("invalid_request", "interactive_call_in_progress", "fix_config")),
    # 12500
    (FLUTTER_ANDROID.format(code="sign_in_failed", status=12500), None,
     ("invalid_client", "android_client_registration_mismatch", "fix_config")),
    ('{"code": "12500", "message": "A non-recoverable sign in failure occurred"}', "google",
     ("invalid_client", "android_client_registration_mismatch", "fix_config")),
    # 7, and iOS's NSURLErrorDomain as Flutter forwards it
    (FLUTTER_ANDROID.format(code="network_error", status=7), None,
     ("temporarily_unavailable", "network_error", "retry")),
    ("PlatformException(network_error, NSURLErrorDomain, The Internet connection appears to be offline., null)",
     "google", ("temporarily_unavailable", "network_error", "retry")),
    # 4 and iOS -4: nobody signed in for a silent sign-in
    (FLUTTER_ANDROID.format(code="sign_in_required", status=4), None,
     ("interaction_required", "login_required", "reauth")),
    ('Error Domain=com.google.GIDSignIn Code=-4 "(null)"', None, ("interaction_required", "login_required", "reauth")),
    ("PlatformException(sign_in_required, com.google.GIDSignIn, The operation couldn\u2019t be completed. "
     "(com.google.GIDSignIn error -4.), null)", None, ("interaction_required", "login_required", "reauth")),
    ("androidx.credentials.exceptions.NoCredentialException: No credentials available", "google",
     ("interaction_required", "login_required", "reauth")),
    # iOS -5, Android 16, the web popups and One Tap: the user's cancel
    ("PlatformException(sign_in_canceled, com.google.GIDSignIn, The user canceled the sign-in flow., null)", None,
     ("access_denied", "user_cancelled_sign_in", "reauth")),
    ('Error Domain=com.google.GIDSignIn Code=-5 "The user canceled the sign-in flow." '
     'UserInfo={NSLocalizedDescription=The user canceled the sign-in flow.}', None,
     ("access_denied", "user_cancelled_sign_in", "reauth")),
    ("com.google.android.gms.common.api.ApiException: 16: ", None,
     ("access_denied", "user_cancelled_sign_in", "reauth")),
    ('{"error": "popup_closed_by_user"}', "google", ("access_denied", "user_cancelled_sign_in", "reauth")),
    ('{"type": "popup_closed", "message": "Popup window closed"}', "google",
     ("access_denied", "user_cancelled_sign_in", "reauth")),
    ("One Tap skipped: user_cancel", "google", ("access_denied", "user_cancelled_sign_in", "reauth")),
    # 8 and 5
    (FLUTTER_ANDROID.format(code="sign_in_failed", status=8), None,
     ("server_error", "play_services_internal_error", "retry")),
    (FLUTTER_ANDROID.format(code="sign_in_failed", status=5), None,
     ("invalid_request", "invalid_account_specified", "fix_config")),
    # recoverable auth (Flutter's getTokens)
    ("PlatformException(failed_to_recover_auth, Failed attempt to recover authentication, null, null)", "google",
     ("interaction_required", "consent_required", "reauth")),
    # the other GIDSignIn codes
    ('Error Domain=com.google.GIDSignIn Code=-11 "(null)"', None, ("invalid_grant", "refresh_token_expired", "reauth")),
    ("PlatformException(sign_in_failed, com.google.GIDSignIn, keychain error, null)", None,
     ("invalid_request", "keychain_access_failed", "fix_config")),
    ("The operation couldn\u2019t be completed. (com.google.GIDSignIn error -6.)", None,
     ("access_denied", "device_management_policy_not_met", "fix_config")),
    ('Error Domain=com.google.GIDSignIn Code=-9 "(null)"', None,
     ("invalid_request", "sign_in_call_invalid", "fix_config")),
    ('Error Domain=com.google.GIDSignIn Code=-8 "(null)"', None, ("unknown", "scopes_already_granted", "fix_config")),
    # Flutter's Credential Manager era
    ("GoogleSignInException(code GoogleSignInExceptionCode.clientConfigurationError, serverClientId must be provided "
     "on Android, null)", None, ("invalid_request", "server_client_id_missing", "fix_config")),
    ("GoogleSignInException(code GoogleSignInExceptionCode.providerConfigurationError, Credential Manager not "
     "supported. , null)", None, ("invalid_request", "credential_provider_not_configured", "fix_config")),
    ("androidx.credentials.exceptions.GetCredentialProviderConfigurationException: getCredentialAsync no provider "
     "dependencies found", "google", ("invalid_request", "credential_provider_not_configured", "fix_config")),
    ("GoogleSignInException(code GoogleSignInExceptionCode.interrupted, , null)", None,
     ("temporarily_unavailable", "sign_in_interrupted", "retry")),
    # Google Identity Services (web) and the legacy gapi.auth2
    ("[GSI_LOGGER]: The given origin is not allowed for the given client ID.", None,
     ("redirect_uri_mismatch", "javascript_origin_not_registered", "fix_config")),
    ("[GSI_LOGGER]: The given client ID is not found.", None, ("invalid_client", "unknown_client_id", "fix_config")),
    ("One Tap not displayed: unregistered_origin", "google",
     ("redirect_uri_mismatch", "javascript_origin_not_registered", "fix_config")),
    ("One Tap not displayed: opt_out_or_no_session", "google", ("interaction_required", "login_required", "reauth")),
    ("One Tap not displayed: secure_http_required", "google",
     ("invalid_request", "local_http_development", "fix_config")),
    ('{"type": "popup_failed_to_open", "message": "Failed to open popup window"}', "google",
     ("invalid_request", "popup_blocked", "fix_config")),
    ('{"error": "idpiframe_initialization_failed", "details": "Not a valid origin for the client: '
     'http://localhost:3000 has not been registered for client ID 1234-abc.apps.googleusercontent.com. Please go to '
     'https://console.developers.google.com/ and register this origin for your project\'s client ID."}', None,
     ("redirect_uri_mismatch", "javascript_origin_not_registered", "fix_config")),
    ('{"error": "idpiframe_initialization_failed", "details": "Cookies are not enabled in current environment."}', None,
     ("invalid_request", "ambiguous", "fix_config")),
    # Flutter's catch-all without a status
    ("PlatformException(sign_in_failed, Signin failed, null, null)", "google", ("unknown", "ambiguous", "fix_config")),
]


@pytest.mark.parametrize(("text", "provider", "expected"), CASES)
def test_google_client_signin_texts(text: str, provider: str | None, expected: tuple[str, str, str]) -> None:
    got = classify(None, text, provider=provider)
    assert got.provider == "google"
    assert (got.failure_class, got.cause, got.decision) == expected


def test_developer_error_lists_the_registration_candidates() -> None:
    got = classify(None, FLUTTER_ANDROID.format(code="sign_in_failed", status=10))
    assert [c.cause for c in got.candidates] == [
        "signing_certificate_not_registered", "package_name_mismatch", "server_client_id_not_web_client",
        "consent_screen_not_configured"]
    assert {c.decision for c in got.candidates} == {"fix_config"}
    assert got.confidence == "high"


def test_cancel_12501_names_the_configuration_candidate() -> None:
    got = classify(None, "com.google.android.gms.common.api.ApiException: 12501: ")
    assert [(c.cause, c.decision) for c in got.candidates] == [
        ("user_cancelled_sign_in", "reauth"), ("signing_certificate_not_registered", "fix_config")]


def test_a_bare_status_number_is_not_google() -> None:
    got = classify(None, "Sign-in failed with code 10:")
    assert got.provider != "google"
    assert got.cause != "android_client_registration_mismatch"


NEW_CAUSES = {
    "android_client_registration_mismatch", "interactive_call_in_progress", "play_services_internal_error",
    "invalid_account_specified", "keychain_access_failed", "device_management_policy_not_met", "sign_in_call_invalid",
    "scopes_already_granted", "server_client_id_missing", "credential_provider_not_configured", "sign_in_interrupted",
    "javascript_origin_not_registered", "refresh_token_expired",
}

OTHER_PROVIDERS = [
    # Sign in with Apple's cancel, AppAuth-iOS's general error, MSAL Android, Xero's .NET SDK, Facebook's Flutter SDK
    'Error Domain=com.apple.AuthenticationServices.AuthorizationError Code=1001 "(null)"',
    'Error Domain=org.openid.appauth.general Code=-4 "(null)"',
    "MsalClientException: duplicate_command: The same command is already in progress.",
    "Xero.NetStandard.OAuth2.Client.ApiException: Error calling GetInvoices: {\"Title\":\"Unauthorized\"}",
    "PlatformException(FAILED, Login failed: 10, null, null)",
]


@pytest.mark.parametrize("text", OTHER_PROVIDERS)
def test_other_providers_client_texts_are_not_google(text: str) -> None:
    detected = classify(None, text)
    assert detected.provider != "google"
    assert detected.cause not in NEW_CAUSES
    forced = classify(None, text, provider="google")
    assert forced.cause not in NEW_CAUSES
