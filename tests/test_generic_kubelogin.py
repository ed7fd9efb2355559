"""Kubernetes OIDC login in the phrase layer: what int128/kubelogin (kubectl oidc-login) and Azure/kubelogin print
from their own code when the kubeconfig, the flags or the local sign-in are wrong. Each text is built the way the
plugin builds it (its ``fmt.Errorf`` chains under client-go's exec prefix); the rules' pinned sources in
``providers/generic.yaml`` say where the words come from. The provider answers they wrap must keep the reading of
the rules that know them."""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
KUBELOGIN_REPOS = ("int128/kubelogin", "Azure/kubelogin")
EXEC = "Unable to connect to the server: getting credentials: exec: executable kubectl failed with exit code 1\n"


def _answer(text: str) -> tuple[str, str, str]:
    r = classify(None, text, rulebook=BOOK)
    return (r.failure_class, r.cause, r.decision)


def _names_kubelogin(text: str) -> bool:
    r = classify(None, text, rulebook=BOOK)
    return any(repo in ref for ref in r.references for repo in KUBELOGIN_REPOS)


@pytest.mark.parametrize(("text", "expected"), [
    ("error: get-token: --oidc-issuer-url is missing", ("invalid_request", "missing_parameter", "fix_config")),
    (EXEC + "error: get-token: --oidc-client-id is missing", ("invalid_request", "missing_parameter", "fix_config")),
    ("error: login: could not find the current authentication provider: could not find the current auth provider: "
     "auth-provider is missing", ("invalid_request", "credentials_not_configured", "fix_config")),
    ("error: login: could not find the current authentication provider: could not find the current auth provider: "
     "auth-provider.name must be oidc but is azure", ("invalid_request", "credentials_not_configured", "fix_config")),
    ("error: get-token: invalid token cache (you may need to remove): could not decode the payload: illegal base64 "
     "data at input byte 4", ("invalid_token", "token_cache_corrupt", "reauth")),
    ("error: get-token: authentication error: authcode-browser error: authentication error: context cancelled while "
     "waiting for the local server: context deadline exceeded",
     ("interaction_required", "login_attempt_expired", "reauth")),
    ('error: could not open the browser: exec: "xdg-open": executable file not found in $PATH\n\nPlease visit the '
     "following URL in your browser manually: http://localhost:8000",
     ("invalid_request", "browser_unavailable", "fix_config")),
    ("error: get-token: authentication error: authcode-browser error: authentication error: authorization code flow "
     "error: nonce did not match (wants 3q2-7w but got )",
     ("invalid_request", "nonce_mismatch", "fix_config")),
    ("error: get-token: authentication error: authcode-browser error: authentication error: authorization code flow "
     "error: could not verify the ID token: oidc: token is expired (Token Expiry: 2026-12-05 10:00:00 +0000 UTC)",
     ("invalid_token", "clock_skew", "fix_config")),
    ("error: get-token: authentication error: device-code error: could not verify the access token: oidc: token is "
     "expired (Token Expiry: 2026-12-05 10:00:00 +0000 UTC)", ("invalid_token", "clock_skew", "fix_config")),
])
def test_int128_kubelogin_own_words(text: str, expected: tuple[str, str, str]) -> None:
    assert _answer(text) == expected
    assert _names_kubelogin(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Error: server-id is required", ("invalid_request", "missing_parameter", "fix_config")),
    ("Error: --server-id is required", ("invalid_request", "missing_parameter", "fix_config")),
    ("Error: --tenant-id is required", ("invalid_request", "missing_parameter", "fix_config")),
    ("Error: failed to create azidentity credential: client secret cannot be empty",
     ("invalid_request", "missing_parameter", "fix_config")),
    ("Error: failed to create azidentity credential: tenant ID cannot be empty",
     ("invalid_request", "missing_parameter", "fix_config")),
    ("Error: 'devicelogin' is not a supported login method. Supported method is one of devicecode, interactive, "
     "spn, ropc, msi, azurecli, azd, workloadidentity, azurepipelines",
     ("invalid_request", "unsupported_login_mode", "fix_config")),
    ("Error: failed to get token: ACTIONS_ID_TOKEN_REQUEST_TOKEN or ACTIONS_ID_TOKEN_REQUEST_URL is not set",
     ("invalid_client", "credentials_not_configured", "fix_config")),
    ("Error: failed to create azidentity credential: SYSTEM_ACCESSTOKEN environment variable not set",
     ("invalid_client", "credentials_not_configured", "fix_config")),
])
def test_azure_kubelogin_own_words(text: str, expected: tuple[str, str, str]) -> None:
    assert _answer(text) == expected
    assert _names_kubelogin(text)


@pytest.mark.parametrize(("wrapper", "inner"), [
    # int128/kubelogin wraps the token endpoint's RFC 6749 answer (golang.org/x/oauth2's RetrieveError)
    ("error: get-token: authentication error: authcode-browser error: authentication error: authorization code flow "
     "error: oauth2 error: exchange error: ", 'oauth2: "invalid_grant" "Code not valid"'),
    ("error: get-token: authentication error: device-code error: unable to exchange device code: device-code: "
     "exchange failed: ", 'oauth2: "expired_token" "Device code expired"'),
    # a local server that could not bind keeps the listener rule's reading
    ("error: get-token: authentication error: authcode-browser error: authentication error: authorization code flow "
     "error: oauth2 error: ", "could not start a local server: listen tcp 127.0.0.1:8000: bind: address already in "
                              "use"),
    # go-oidc's issuer check inside kubelogin's ID token verification keeps the issuer reading
    ("error: get-token: authentication error: authcode-browser error: authentication error: authorization code flow "
     "error: could not verify the ID token: ", 'oidc: id token issued by a different provider, expected '
                                                '"https://idp.example/a" got "https://idp.example/b"'),
    # Azure/kubelogin passes Entra's AADSTS answer through
    ("Error: failed to get token: ", "DeviceCodeCredential: AADSTS70043: The refresh token has expired or is invalid "
                                     "due to sign-in frequency checks by conditional access."),
    ("Error: failed to authenticate: ", "AADSTS50076: Due to a configuration change made by your administrator, or "
                                        "because you moved to a new location, you must use multi-factor "
                                        "authentication to access '6dae42f8-4368-4678-94ff-3960e28e3630'."),
])
def test_wrapped_provider_errors_keep_their_reading(wrapper: str, inner: str) -> None:
    assert _answer(wrapper + inner) == _answer(inner)
    assert not _names_kubelogin(wrapper + inner)


@pytest.mark.parametrize("text", [
    "Set --oidc-issuer-url in the exec args.",  # documentation, not kubelogin's Args check
    "The server is required to answer within 5 seconds.",
    "The client secret cannot be empty in production.",
    "You may need to remove the old cache directory.",
    "Could not open the browser tab, so I copied the link.",
])
def test_neighbouring_sentences_do_not_take_these_rules(text: str) -> None:
    assert not _names_kubelogin(text)
