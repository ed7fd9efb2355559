"""Microsoft.Identity.Web's IDW10xxx codes in the phrase layer (``# --- Microsoft.Identity.Web ---`` in generic.yaml).

ASP.NET Core web apps and web APIs on Entra ID use Microsoft.Identity.Web, and their developers paste what it threw
or logged, not the server's answer. Every message below is built from the library's own format strings
(``IDWebErrorMessage.cs``, ``CertificateErrorMessage.cs`` at AzureAD/microsoft-identity-web@dfeab82; IDW10303 at
2f4554f, before issuer validation moved to Microsoft.IdentityModel.Validators), as the first line of the .NET
exception (``System.ArgumentException: <message> (Parameter 'x')``) and as ASP.NET Core's console logger prints it
(the developer exception page's ``An unhandled exception has occurred``, the JWT bearer handler's ``was not
authenticated. Failure message:``, the library's own ``[MsIdWeb] An error occured during token acquisition:``).
None is taken from a reported case. An AADSTS code in the same paste still decides (the microsoft profile's codes
run before the phrase layer), and IDW10501, a wrapper, gives way to the error it wraps.
"""

from __future__ import annotations

import re

import pytest
from phrase_blocks import block_rules

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
BLOCK = "Microsoft.Identity.Web"
UNHANDLED = ("fail: Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddleware[1]\n"
             "      An unhandled exception has occurred while executing the request.\n      {exc}\n"
             "         at Microsoft.Identity.Web.TokenAcquisition.GetAuthenticationResultForUserAsync()")
NOT_AUTHENTICATED = ("info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[7]\n"
                     "      Bearer was not authenticated. Failure message: {message}")
MSIDWEB = ("info: Microsoft.Identity.Web.TokenAcquisition[300]\n"
           "      [MsIdWeb] An error occured during token acquisition: {message}")


def logged(exc: str) -> str:
    return UNHANDLED.format(exc=exc)


CHALLENGE = ("IDW10502: An MsalUiRequiredException was thrown due to a challenge for the user. "
             "See https://aka.ms/ms-id-web/ca_incremental-consent. ")
CHALLENGE_EXC = ("Microsoft.Identity.Web.MicrosoftIdentityWebChallengeUserException: " + CHALLENGE + "\n"
                 " ---> MSAL.NetCore.4.61.3.0.MsalUiRequiredException: \n\tErrorCode: user_null\n"
                 "Microsoft.Identity.Client.MsalUiRequiredException: No account or login hint was passed to the "
                 "AcquireTokenSilent call. ")
NO_CREDENTIAL = ("IDW10109: No credential could be loaded. This can happen when certificates have expired or can't be "
                 "loaded, when a signed assertion (e.g., Federated Identity Credential) fails to acquire an exchange "
                 "token, or when the code isn't running on Azure to use Managed Identity. Check the inner exception "
                 "for service-level error details (e.g., AADSTS error codes). Details: ")
NO_SCOPE_OR_ROLE = ("IDW10201: Neither scope nor roles claim was found in the bearer token. "
                    "Authentication scheme used: 'Bearer'. ")
WRAPPED = "IDW10501: Exception acquiring token for a confidential client: "


def option(name: str) -> str:
    return f"System.ArgumentNullException: IDW10106: The '{name}' option must be provided.  (Parameter '{name}')"


LOGIN = ("interaction_required", "login_required", "reauth")
CLIENT_ID = ("invalid_request", "client_registration_incomplete", "fix_config")
AUTHORITY = ("invalid_request", "authority_misconfigured", "fix_config")
SCOPES_UNSET = ("invalid_request", "missing_parameter", "fix_config")
CREDENTIALS = ("invalid_client", "credentials_not_configured", "fix_config")
SCOPE = ("insufficient_scope", "missing_scope", "fix_config")

CASES = [
    (None, CHALLENGE_EXC, LOGIN),
    (None, logged(CHALLENGE_EXC), LOGIN),
    (None, option("ClientId"), CLIENT_ID),
    (None, logged(option("ClientId")), CLIENT_ID),
    (None, option("TenantId"), AUTHORITY),
    (None, option("Instance"), AUTHORITY),
    (None, logged(option("Domain")), AUTHORITY),
    (None, "System.ArgumentException: IDW10708: The identity configuration is incomplete. Provide either 'Instance' "
           "and 'TenantId', or 'Authority', or enable 'ManagedIdentity' in the configuration. Check your configuration "
           "keys for typos (e.g., trailing spaces). See https://aka.ms/ms-id-web/configuration. ", AUTHORITY),
    (None, "System.ArgumentException: IDW10405: 'tenant' parameter should be a tenant ID or domain name, not 'common', "
           "or 'organizations'. See https://aka.ms/ms-id-web/daemon-scenarios.  (Parameter 'tenant')", AUTHORITY),
    (None, logged("System.ArgumentException: IDW10404: 'scope' parameter should be of the form 'AppIdUri/.default'. "
                  "See https://aka.ms/ms-id-web/daemon-scenarios.  (Parameter 'scope')"),
     ("invalid_scope", "invalid_scope_requested", "fix_config")),
    (None, "System.InvalidOperationException: IDW10503: Cannot determine the cloud Instance. The provided "
           "authentication scheme was ''. Microsoft.Identity.Web inferred 'Bearer' as the authentication scheme. "
           "Available authentication schemes are 'Bearer'. See https://aka.ms/id-web/authSchemes. ", AUTHORITY),
    (None, logged("System.InvalidOperationException: IDW10503: Cannot determine the cloud Instance. The provided "
                  "authentication scheme was 'Bearer'. Microsoft.Identity.Web inferred 'Bearer' as the authentication "
                  "scheme. Available authentication schemes are 'Cookies,OpenIdConnect'. "
                  "See https://aka.ms/id-web/authSchemes. "), AUTHORITY),
    (None, "System.ArgumentException: IDW10107: Scopes need to be passed-in either by configuration or by the "
           "delegate overriding it. ", SCOPES_UNSET),
    (None, logged("System.InvalidOperationException: IDW10208: You need to either pass-in scopes to AddMicrosoftGraph, "
                  "in the appsettings.json file, or with .WithScopes() on the Graph queries. "
                  "See https://aka.ms/ms-id-web/microsoftGraph. "), SCOPES_UNSET),
    (None, "System.InvalidOperationException: IDW10101: Either provide the 'ScopeKeySection' or the 'Scopes' to the "
           "'AuthorizeForScopes'. ", SCOPES_UNSET),
    (None, "System.ArgumentException: " + NO_CREDENTIAL + "Certificate not found.  (Parameter 'clientCredentials')",
     CREDENTIALS),
    (None, logged("System.ArgumentException: " + NO_CREDENTIAL + "Certificate expired. "), CREDENTIALS),
    (None, "System.InvalidOperationException: IDW10114: You configured a custom signed assertion but no custom "
           "assertion providers have been registered. You need to add a reference to the credential package and call "
           "the appropriate registration method, e.g., services.AddOidcFic() or services.AddFmiSignedAssertion().",
     CREDENTIALS),
    (None, logged("System.ArgumentException: IDW10703: Certificate store path must be of the form "
                  "'StoreLocation/StoreName'. StoreLocation must be one of 'CurrentUser', 'LocalMachine'. StoreName "
                  "must be empty or one of 'AddressBook, AuthRoot, CertificateAuthority, Disallowed, My, Root, "
                  "TrustedPeople, TrustedPublisher'. "), CREDENTIALS),
    (None, "System.ArgumentException: IDW10104: Both client secret and client certificate cannot be null or "
           "whitespace, and only ONE must be included in the configuration of the web app when calling a web API. "
           "For instance, in the appsettings.json file. ", CREDENTIALS),
    (401, "Microsoft.AspNetCore.Authentication.AuthenticationFailureException: " + NO_SCOPE_OR_ROLE, SCOPE),
    (401, NOT_AUTHENTICATED.format(message=NO_SCOPE_OR_ROLE), SCOPE),
    (None, 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n\n'
           + NOT_AUTHENTICATED.format(message=NO_SCOPE_OR_ROLE), SCOPE),
    (403, "IDW10202: The 'roles' or 'role' claim does not contain roles 'Admin, Reader' or was not found. ",
     ("insufficient_scope", "missing_permission", "fix_config")),
    (None, "System.UnauthorizedAccessException: IDW10204: The user is unauthenticated. The HttpContext does not "
           "contain any claims. ", ("invalid_request", "access_token_missing", "fix_config")),
    (None, logged("System.InvalidOperationException: IDW10206: Using Blazor server but the user was not properly "
                  "set. "), ("invalid_request", "library_not_initialized", "fix_config")),
    (401, "Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException: IDW10303: Issuer: "
          "'https://sts.windows.net/00001111-aaaa-2222-bbbb-3333cccc4444/', does not match any of the valid issuers "
          "provided for this application. ", ("invalid_token", "token_from_other_issuer", "fix_config")),
    (None, NOT_AUTHENTICATED.format(message="IDW10303: Issuer: 'https://login.microsoftonline.com/00001111-aaaa-2222-"
                                            "bbbb-3333cccc4444/v2.0', does not match any of the valid issuers provided "
                                            "for this application. "),
     ("invalid_token", "token_from_other_issuer", "fix_config")),
    (401, NOT_AUTHENTICATED.format(message="IDW10403: Token is not a JWT token. "),
     ("invalid_token", "access_token_malformed", "fix_config")),
    (None, logged("System.Exception: An error was encountered while handling the remote login.\n"
                  " ---> System.Security.Authentication.AuthenticationException: IDW10305: The claim 'utid' is "
                  "reserved for internal use by this library. To ensure proper functionality and avoid conflicts, "
                  "please remove or rename this claim in your ID Token. "),
     ("invalid_token", "token_misconfigured", "fix_config")),
    (None, MSIDWEB.format(message=WRAPPED + "Keyset does not exist"), ("unknown", "ambiguous", "fix_config")),
    (None, "[MsIdWeb] An error occured during token acquisition: " + WRAPPED + "The system cannot find the file "
           "specified.", ("unknown", "ambiguous", "fix_config")),
]


@pytest.mark.parametrize(("status", "body", "expected"), CASES)
def test_identity_web_codes(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    r = classify(status, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == expected


def test_the_challenge_lists_what_msal_may_have_wanted() -> None:
    r = classify(None, CHALLENGE_EXC, rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("login_required", "reauth"), ("consent_required", "reauth"), ("step_up_required", "reauth")]


def test_the_wrapper_is_a_low_confidence_lean_with_candidates() -> None:
    r = classify(None, MSIDWEB.format(message=WRAPPED + "Keyset does not exist"), rulebook=BOOK)
    assert r.confidence == "low"
    assert [c.cause for c in r.candidates] == ["credentials_not_configured", "authority_misconfigured", "network_error"]


@pytest.mark.parametrize(("body", "expected"), [
    # The AADSTS code inside decides: the microsoft profile's code table runs before the phrase layer.
    (CHALLENGE + "\n ---> Microsoft.Identity.Client.MsalUiRequiredException: AADSTS50076: Due to a configuration "
     "change made by your administrator, or because you moved to a new location, you must use multi-factor "
     "authentication to access '00000003-0000-0000-c000-000000000000'.",
     ("interaction_required", "mfa_required", "reauth")),
    (MSIDWEB.format(message=WRAPPED + "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in "
                    "the request is the client secret value, not the client secret ID."),
     ("invalid_client", "bad_client_secret", "fix_config")),
    (MSIDWEB.format(message=WRAPPED + NO_CREDENTIAL + "AADSTS70021: No matching federated identity record found for "
                    "presented assertion."), ("invalid_client", "federated_credential_mismatch", "fix_config")),
    # IDW10501 gives way to the IDW code it wraps.
    (MSIDWEB.format(message=WRAPPED + NO_CREDENTIAL + "Certificate not found. "), CREDENTIALS),
])
def test_an_inner_code_still_decides(body: str, expected: tuple[str, str, str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == expected


@pytest.mark.parametrize(("status", "body"), [
    (403, "IDW10203: The 'scope' or 'scp' claim does not contain scopes 'access_as_user' or was not found. "),
    (None, logged("System.UnauthorizedAccessException: IDW10203: The 'scope' or 'scp' claim does not contain scopes "
                  "'access_as_user' or was not found. ")),
])
def test_a_scope_the_token_lacks_is_read_by_the_baseline(status: int | None, body: str) -> None:
    """IDW10203's words are the RFC 6750 baseline's "does not contain scopes": it answers before the phrase layer."""
    r = classify(status, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == SCOPE


def test_an_idw_code_alone_detects_microsoft_and_b2c_codes_still_win() -> None:
    assert classify(None, option("ClientId"), rulebook=BOOK).provider == "microsoft"
    assert classify(None, CHALLENGE + " AADB2C90118: The user has forgotten their password.",
                    rulebook=BOOK).provider == "azure-ad-b2c"


@pytest.mark.parametrize("body", [
    # Other libraries' words near Identity.Web's: none of them may be read by an Identity.Web rule.
    "Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException: IDX10214: Audience validation failed. "
    "Audiences: 'api://other'. Did not match: validationParameters.ValidAudience: 'api://mine'",  # IdentityModel
    "IDX10501: Signature validation failed. Unable to match key: kid: 'abc'.",  # IdentityModel
    "MSAL.NetCore.4.61.3.0.MsalUiRequiredException:\n\tErrorCode: user_null\nMicrosoft.Identity.Client."
    "MsalUiRequiredException: No account or login hint was passed to the AcquireTokenSilent call. ",  # MSAL.NET
    "BrowserAuthError: no_account_error: No account object provided to acquireTokenSilent.",  # msal-browser
    "[invalid_token] An error occurred while attempting to decode the Jwt: Jwt expired at 2026-12-05T09:00:00Z",
    "Bearer was not authenticated. Failure message: IDX10223: Lifetime validation failed. The token is expired.",
    "Error ID105021: the Microsoft Store could not complete the request",  # not an IDW code
])
def test_other_libraries_words_do_not_reach_an_identity_web_rule(body: str) -> None:
    sources = {rule["source"] for rule in block_rules(BLOCK)}
    r = classify(None, body, rulebook=BOOK)
    assert not sources & set(r.references), (body, r.references)


def test_the_block_is_contiguous_pinned_and_each_rule_tested() -> None:
    rules = block_rules(BLOCK)
    assert len(rules) >= 15
    pinned = re.compile(r"^https://github\.com/AzureAD/microsoft-identity-web/blob/[0-9a-f]{40}/\S+#L\d+(?:-L\d+)?$")
    for rule in rules:
        assert pinned.match(rule["source"]), rule["source"]
        assert rule["basis"] == "confirmed" and rule["note"] and str(rule["checked"]) == "2026-12-05"
        assert re.search(r"IDW\d{5}|IDW10\[|IDW10\d{2}\[", rule["text"]), rule["text"]
    tested = set()
    for status, body, _ in CASES:
        tested |= set(classify(status, body, rulebook=BOOK).references)
    assert {rule["source"] for rule in rules} <= tested
