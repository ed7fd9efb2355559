"""Cloud SDK credential chains in the phrase layer: Google's auth libraries and Azure Identity.

What these libraries print when they cannot get or refresh a token is often all a user has to paste: Application
Default Credentials that find nothing, a GOOGLE_APPLICATION_CREDENTIALS file that cannot be read, impersonation
refused by the IAM Credentials API, gcloud's reauthentication, the metadata server down or answering 404,
workload identity federation without its token file; DefaultAzureCredential's exhausted chain, each Azure Identity
credential "unavailable", IMDS's answers, the Azure CLI and azd without a signed-in user. Every text below is built
the way the library's code builds it (google-auth's exception arguments and format strings, the Node library's
message constants and wrappers, the Java library's String.format, golang.org/x/oauth2's fmt.Errorf, the Azure
Identity C++ and Rust libraries' concatenations, azd's error value); none is taken from a reported case. The rules'
pinned sources in ``providers/generic.yaml`` say where the words come from.
"""

from __future__ import annotations

import pytest
from phrase_blocks import block_rules

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIXED, REAUTH, RETRY = "fix_config", "reauth", "retry"
BLOCK = "cloud SDK credential chains: Google auth libraries, Azure Identity"

# google-auth (Python) raises RefreshError(message, body): a traceback's last line shows the argument tuple.
IMPERSONATION_403 = (
    "google.auth.exceptions.RefreshError: ('Unable to acquire impersonated credentials', '{\\n  \"error\": {\\n"
    "    \"code\": 403,\\n    \"message\": \"Permission \\'iam.serviceAccounts.getAccessToken\\' denied on "
    "resource (or it may not exist).\",\\n    \"status\": \"PERMISSION_DENIED\"\\n  }\\n}\\n')")
METADATA_URL = "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/?recursive=true"


def run(body: str, status: int | None = None) -> tuple[str, str, str]:
    r = classify(status, body, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize(("body", "expected"), [
    # Node: GoogleAuthExceptionMessages.NO_CREDENTIALS_FOUND
    ("Error: Unable to find credentials in current environment. \nTo learn more about authentication and Google "
     "APIs, visit: \nhttps://cloud.google.com/docs/authentication/getting-started",
     ("invalid_client", "credentials_not_configured", FIXED)),
    # GOOGLE_APPLICATION_CREDENTIALS naming a file that cannot be read: Node, Java, Go
    ("Error: Unable to read the credential file specified by the GOOGLE_APPLICATION_CREDENTIALS environment "
     "variable: The file at /srv/app/key.json does not exist, or it is not a file. ENOENT: no such file or "
     "directory, lstat '/srv/app/key.json'", ("invalid_client", "credentials_not_configured", FIXED)),
    ("java.io.IOException: Error reading credential file from environment variable GOOGLE_APPLICATION_CREDENTIALS,"
     " value '/srv/app/key.json': File does not exist.", ("invalid_client", "credentials_not_configured", FIXED)),
    ("google: error getting credentials using GOOGLE_APPLICATION_CREDENTIALS environment variable: open "
     "/srv/app/key.json: no such file or directory", ("invalid_client", "credentials_not_configured", FIXED)),
    # Python: load_credentials_from_file and _load_credentials_from_info
    ("google.auth.exceptions.DefaultCredentialsError: File /srv/app/key.json was not found.",
     ("invalid_client", "credentials_not_configured", FIXED)),
    ("google.auth.exceptions.DefaultCredentialsError: ('File /srv/app/key.json is not a valid json file.', "
     "JSONDecodeError('Expecting value: line 1 column 1 (char 0)'))",
     ("invalid_client", "credentials_not_configured", FIXED)),
    ("google.auth.exceptions.DefaultCredentialsError: The file /srv/app/client_secret.json does not have a valid "
     "type. Type is None, expected one of ('authorized_user', 'service_account', 'external_account', "
     "'external_account_authorized_user', 'impersonated_service_account', 'gdch_service_account').",
     ("invalid_client", "credentials_not_configured", FIXED)),
    ("google.auth.exceptions.DefaultCredentialsError: Failed to load service account credentials from "
     "/srv/app/key.json", ("invalid_client", "credentials_not_configured", FIXED)),
    # Python: the warning logged when the ADC search finds no metadata server
    ("WARNING:google.auth._default:Authentication failed using Compute Engine authentication due to unavailable "
     "metadata server.", ("invalid_client", "credentials_not_configured", FIXED)),
])
def test_google_credentials_that_are_not_configured(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # Python: after its retries, the metadata server never answered (or answered 5xx)
    (f"google.auth.exceptions.TransportError: Failed to retrieve {METADATA_URL} from the Google Compute Engine "
     "metadata service. Compute Engine Metadata server unavailable. Last exception: HTTPConnectionPool("
     "host='metadata.google.internal', port=80): Read timed out. (read timeout=3)",
     ("temporarily_unavailable", "token_service_unavailable", RETRY)),
    (f"google.auth.exceptions.TransportError: Failed to retrieve {METADATA_URL} from the Google Compute Engine "
     "metadata service. Compute Engine Metadata server unavailable. Response status: 503\nResponse details:\n",
     ("temporarily_unavailable", "token_service_unavailable", RETRY)),
    ("java.io.IOException: Unexpected Error code 503 trying to get security access token from Compute Engine "
     "metadata for the default service account: Service Unavailable",
     ("temporarily_unavailable", "token_service_unavailable", RETRY)),
    # 404: no service account (or no scopes) on the VM; Java's own words, then Python's shape
    ("java.io.IOException: Error code 404 trying to get security access token from Compute Engine metadata for the"
     " default service account. This may be because the virtual machine instance does not have permission scopes "
     "specified. It is possible to skip checking for Compute Engine metadata by specifying the environment  "
     "variable NO_GCE_CHECK=true.", ("invalid_client", "credentials_not_configured", FIXED)),
    (f"google.auth.exceptions.RefreshError: Failed to retrieve {METADATA_URL} from the Google Compute Engine "
     "metadata service. Status: 404 Response:\nb'Not Found'", ("invalid_client", "credentials_not_configured", FIXED)),
])
def test_the_metadata_server(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


def test_a_5xx_the_java_library_saw_is_transient_but_other_statuses_are_not_read_by_that_rule() -> None:
    assert run("java.io.IOException: Unexpected Error code 403 trying to get security access token from Compute "
               "Engine metadata for the default service account: Forbidden")[1] != "token_service_unavailable"


def test_impersonation_refused_names_the_role_when_the_answer_names_the_permission() -> None:
    assert run(IMPERSONATION_403) == ("insufficient_scope", "missing_permission", FIXED)
    # Node: `${status}: unable to impersonate: ${message}`
    assert run("GaxiosError: PERMISSION_DENIED: unable to impersonate: Permission "
               "'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).") == (
        "insufficient_scope", "missing_permission", FIXED)


def test_impersonation_refused_without_a_reason_lists_the_two_causes_the_library_names() -> None:
    r = classify(None, "google.auth.exceptions.RefreshError: ('Unable to acquire impersonated credentials', "
                       "'')", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("access_denied", "ambiguous", FIXED)
    assert [c.cause for c in r.candidates] == ["missing_permission", "feature_or_api_not_enabled"]
    # Node without a status in the answer: `unable to impersonate: ${error}`
    assert run("unable to impersonate: Error: socket hang up")[:2] == ("access_denied", "ambiguous")


@pytest.mark.parametrize("body", [
    # Python user credentials built from an access token alone
    "google.auth.exceptions.RefreshError: The credentials do not contain the necessary fields need to refresh the "
    "access token. You must specify refresh_token, token_uri, client_id, and client_secret.",
    # Go, external-account authorized user
    "oauth2/google: The credentials do not contain the necessary fields need to refresh the access token. You must "
    "specify refresh_token, token_url, client_id, and client_secret.",
    # Node OAuth2Client.getAccessToken
    "Error: No refresh token or refresh handler callback is set.",
])
def test_user_credentials_that_cannot_refresh_are_configuration(body: str) -> None:
    assert run(body) == ("invalid_grant", "refresh_token_missing", FIXED)


@pytest.mark.parametrize("body", [
    "google.auth.exceptions.RefreshError: Reauthentication is needed. Please run `gcloud auth application-default "
    "login` to reauthenticate.",
    "google.auth.exceptions.ReauthSamlChallengeFailError: Reauthentication failed. Please run `gcloud auth login` to"
    " complete reauthentication with SAML.",
    "google.auth.exceptions.ReauthFailError: Reauthentication failed. Failed to obtain rapt token.",
])
def test_googles_reauthentication_is_a_new_interactive_sign_in(body: str) -> None:
    assert run(body) == ("interaction_required", "reauthentication_required", REAUTH)


def test_gcloud_without_credentials_for_the_account_is_a_sign_in() -> None:
    assert run('oauth2/google: no credentials found in "/home/dev/.config/gcloud/credentials.db", run `gcloud auth '
               'login` to create one') == ("interaction_required", "login_required", REAUTH)


@pytest.mark.parametrize("body", [
    "google.auth.exceptions.RefreshError: File '/var/run/secrets/tokens/gcp-ksa/token' was not found.",
    'oauth2/google/externalaccount: failed to open credential file "/var/run/secrets/tokens/gcp-ksa/token"',
    "google.auth.exceptions.RefreshError: Unable to parse subject_token from JSON file '/var/run/token.json' using "
    "key 'id_token'",
    "google.auth.exceptions.RefreshError: Missing subject_token in the credential_source file",
    "google.auth.exceptions.MalformedError: Executables need to be explicitly allowed (set "
    "GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES to '1') to run.",
    "oauth2/google/externalaccount: executables need to be explicitly allowed (set "
    "GOOGLE_EXTERNAL_ACCOUNT_ALLOW_EXECUTABLES to '1') to run",
])
def test_workload_identity_federation_without_its_subject_token(body: str) -> None:
    assert run(body) == ("invalid_client", "credentials_not_configured", FIXED)


def test_the_jwt_grant_wordings_stay_with_the_rules_that_read_them() -> None:
    """google-auth passes the token endpoint's answer on as 'error: description'; the RFC 7523 rules read it."""
    assert run("google.auth.exceptions.RefreshError: ('invalid_grant: Invalid JWT Signature.', {'error': "
               "'invalid_grant', 'error_description': 'Invalid JWT Signature.'})") == (
        "invalid_grant", "assertion_invalid", FIXED)
    assert run("google.auth.exceptions.RefreshError: ('invalid_grant: Invalid JWT: Token must be a short-lived "
               "token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.', "
               "{'error': 'invalid_grant', 'error_description': 'Invalid JWT: Token must be a short-lived token (60 "
               "minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.'})") == (
        "invalid_grant", "clock_skew", FIXED)


def test_default_azure_credential_exhausted_lists_configuration_and_a_sign_in() -> None:
    # C++: DefaultAzureCredential::GetToken's message; the guide's wording of the same failure
    for body in ("Failed to get token from DefaultAzureCredential.\nSee Azure::Core::Diagnostics::Logger for "
                 "details (https://aka.ms/azsdk/cpp/identity/troubleshooting).",
                 "AuthenticationException: DefaultAzureCredential failed to retrieve a token from the included "
                 "credentials.\nAttempted credentials:\n\tEnvironmentCredential: EnvironmentCredential "
                 "authentication unavailable. Environment variables are not fully configured.\n\tAzureCliCredential:"
                 " Please run 'az login' to set up account"):
        r = classify(None, body, rulebook=BOOK)
        assert (r.failure_class, r.cause, r.decision) == ("invalid_client", "ambiguous", FIXED)
        assert [(c.cause, c.decision) for c in r.candidates] == [
            ("credentials_not_configured", FIXED), ("login_required", REAUTH)]


@pytest.mark.parametrize(("body", "expected"), [
    # C++ EnvironmentCredential / WorkloadIdentityCredential / ManagedIdentityCredential / AzurePipelinesCredential
    ("EnvironmentCredential authentication unavailable. Environment variables are not fully configured.",
     ("invalid_client", "credentials_not_configured", FIXED)),
    ("WorkloadIdentityCredential authentication unavailable. Azure Kubernetes environment is not set up correctly.",
     ("invalid_client", "credentials_not_configured", FIXED)),
    ("WorkloadIdentityCredential authentication unavailable. The workload options are not fully configured.",
     ("invalid_client", "credentials_not_configured", FIXED)),
    ("ManagedIdentityCredential authentication unavailable. No Managed Identity endpoint found.",
     ("invalid_client", "credentials_not_configured", FIXED)),
    ("AzurePipelinesCredential authentication unavailable. Azure Pipelines environment is not set up correctly.",
     ("invalid_client", "credentials_not_configured", FIXED)),
    ("ClientAssertionCredential authentication unavailable. ", ("invalid_client", "credentials_not_configured", FIXED)),
    ("AzureCliCredential: Azure CLI not installed", ("invalid_client", "credentials_not_configured", FIXED)),
    # Rust: '{credential_name} authentication failed. {err}' around IMDS's answers
    ("ManagedIdentityCredential authentication failed. The requested identity has not been assigned to this "
     "resource\nTo troubleshoot, visit https://aka.ms/azsdk/rust/identity/troubleshoot#managed-id",
     ("invalid_client", "credentials_not_configured", FIXED)),
    ("The requested identity hasn't been assigned to this resource.",
     ("invalid_client", "credentials_not_configured", FIXED)),
    ("Multiple attempts failed to obtain a token from the managed identity endpoint.",
     ("temporarily_unavailable", "token_service_unavailable", RETRY)),
    # The Azure CLI's and azd's own words, as the credentials pass them on
    ("AzureCliCredential authentication failed. Please run 'az login' to setup account.\nTo troubleshoot, visit "
     "https://aka.ms/azsdk/rust/identity/troubleshoot#azure-cli", ("interaction_required", "login_required", REAUTH)),
    ("ERROR: Please run 'az login' to setup account.", ("interaction_required", "login_required", REAUTH)),
    ("AzureDeveloperCliCredential authentication failed.\nERROR: not logged in, run `azd auth login` to login\nTo "
     "troubleshoot, visit https://aka.ms/azsdk/rust/identity/troubleshoot#azd",
     ("interaction_required", "login_required", REAUTH)),
])
def test_azure_identity_credentials(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


def test_imds_without_an_answer_or_through_a_gateway_lists_its_causes() -> None:
    r = classify(None, "ManagedIdentityCredential authentication failed. The request failed due to a gateway error",
                 rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("temporarily_unavailable", "ambiguous", FIXED)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("proxy_intercepts_metadata_endpoint", FIXED), ("token_service_unavailable", RETRY)]
    r = classify(None, "No response received from the managed identity endpoint.", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("temporarily_unavailable", "ambiguous", RETRY)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("token_service_unavailable", RETRY), ("credentials_not_configured", FIXED)]


def test_an_aadsts_code_in_the_paste_decides_before_the_credentials_words() -> None:
    """Entra's own code names the failure; the microsoft profile reads it before the phrase layer."""
    r = classify(None, "ClientSecretCredential authentication failed. AADSTS7000215: Invalid client secret.\nTo "
                       "troubleshoot, visit https://aka.ms/azsdk/rust/identity/troubleshoot#client-secret",
                 rulebook=BOOK)
    assert r.provider == "microsoft"
    assert r.failure_class == "invalid_client"


@pytest.mark.parametrize("body", [
    "File config.yaml was not found.",  # no DefaultCredentialsError, RefreshError or credential file
    "Trust chain file '/etc/ssl/chain.pem' was not found.",
    "Unable to impersonate user: permission denied",  # not the libraries' 'unable to impersonate: <reason>'
    "The request failed due to a network error",
    "Failed to retrieve data from the metadata service",
    "Environment variables are not set",
    "Please run az account set to choose a subscription",
    "Reauthentication is needed.",  # no gcloud command: not google-auth's sentence
    "No refresh token or password provided",
])
def test_neighbouring_sentences_do_not_take_these_rules(body: str) -> None:
    sources = {r["source"] for r in block_rules(BLOCK)}
    assert not sources & set(classify(None, body, rulebook=BOOK).references)
