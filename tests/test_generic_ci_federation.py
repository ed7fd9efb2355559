"""CI workload identity federation in the phrase layer: what a GitHub Actions step prints when it cannot trade the
job's OIDC token for cloud credentials.

Each text is built the way the code builds it: @actions/core's getIDToken errors (``Error message: ...``), the
actions' own wrappers (configure-aws-credentials' ``Could not assume role with OIDC: <STS message>``,
google-github-actions/auth's ``google-github-actions/auth failed with: <message>`` over @actions/http-client's raw
body, Azure/login's ``Login failed with <error>. Double check if the 'auth-type' is correct. ...``, vault-action's
``failed to retrieve vault token. code: ..., vaultResponse: <JSON.stringify(body)>``), botocore's ClientError line and
GitHub Actions' ``Error: `` prefix on a failed step. The rules' pinned sources in ``providers/generic.yaml`` say where
the words come from; none of these texts is taken from a reported case.
"""

from __future__ import annotations

import json

import pytest
from phrase_blocks import answer, cites

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIX, RETRY = "fix_config", "retry"
REPOS = ("actions/toolkit", "aws-actions/configure-aws-credentials", "boto/botocore", "google-github-actions/auth",
         "Azure/login", "hashicorp/cap", "hashicorp/vault-plugin-auth-jwt")
WIF = "//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/github/providers/my-repo"
SA = "deployer@my-project.iam.gserviceaccount.com"


def _candidates(text: str) -> list[tuple[str, str | None]]:
    return [(c.cause, c.decision) for c in classify(None, text, rulebook=BOOK).candidates]


def core_error(message: str) -> str:
    """getIDToken wraps each failure as 'Error message: <message>'; a failed step's line starts with 'Error: '."""
    return f"Error: Error message: {message}"


def aws(message: str) -> str:
    return f"Error: Could not assume role with OIDC: {message}"


def boto(code: str, message: str) -> str:
    return f"An error occurred ({code}) when calling the AssumeRoleWithWebIdentity operation: {message}"


def google(message: str) -> str:
    return f"Error: google-github-actions/auth failed with: {message}"


def sts_body(error: str, description: str) -> str:
    return json.dumps({"error": error, "error_description": description}, separators=(",", ":"))


def azure_login(error: str) -> str:
    return (f"Error: Login failed with {error}. Double check if the 'auth-type' is correct. Refer to "
            "https://github.com/Azure/login#readme for more information.")


def vault_action(*errors: str) -> str:
    body = json.dumps({"errors": list(errors)}, separators=(",", ":"))
    return ("Error: failed to retrieve vault token. code: ERR_NON_2XX_3XX_RESPONSE, message: Response code 400 "
            f"(Bad Request), vaultResponse: {body}")


NO_TOKEN = ("invalid_client", "credentials_not_configured", FIX)


@pytest.mark.parametrize("text", [
    core_error("Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable"),
    core_error("Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable"),
    "Error: getIDToken call failed: Error: Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable",
    google("GitHub Actions did not inject $ACTIONS_ID_TOKEN_REQUEST_TOKEN or $ACTIONS_ID_TOKEN_REQUEST_URL into this "
           "job. This most likely means the GitHub Actions workflow permissions are incorrect, or this job is being "
           "run from a fork. For more information, please see https://docs.github.com/en/actions/security-guides/"
           "automatic-token-authentication#permissions-for-the-github_token"),
    "Error: Failed to fetch federated token from GitHub. Please make sure to give write permissions to id-token in "
    "the workflow.",
    azure_login("Error: Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable"),
    "It looks like you might be trying to authenticate with OIDC. Did you mean to set the `id-token` permission? If "
    "you are not trying to authenticate with OIDC and the action is working successfully, you can ignore this "
    "message.",
])
def test_a_job_without_id_token_write_gets_no_oidc_token(text: str) -> None:
    assert answer(None, text) == NO_TOKEN
    assert cites(REPOS, None, text)
    assert "id-token: write" in " ".join(classify(None, text, rulebook=BOOK).hints)


@pytest.mark.parametrize(("code", "message"), [("500", "Internal Server Error"),
                                               ("undefined", "connect ETIMEDOUT 140.82.112.21:443")])
def test_the_runners_token_service_failing_is_retried(code: str, message: str) -> None:
    text = core_error(f"Failed to get ID Token. \n \n        Error Code : {code}\n \n        Error Message: {message}")
    assert answer(None, text) == ("temporarily_unavailable", "token_service_unavailable", RETRY)
    assert cites(REPOS, None, text)


@pytest.mark.parametrize(("text", "expected"), [
    (aws("Not authorized to perform sts:AssumeRoleWithWebIdentity"),
     ("access_denied", "federated_credential_mismatch", FIX)),
    (boto("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"),
     ("access_denied", "federated_credential_mismatch", FIX)),
    (aws("No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com"),
     ("invalid_grant", "federation_provider_not_found", FIX)),
    (aws("Incorrect token audience"), ("invalid_grant", "token_for_wrong_audience", FIX)),
    (aws("Couldn't retrieve verification key from your identity provider,  please reference "
         "AssumeRoleWithWebIdentity documentation for requirements"),
     ("temporarily_unavailable", "idp_transient_outage", RETRY)),
    (boto("IDPCommunicationError", "Couldn't retrieve verification key from your identity provider"),
     ("temporarily_unavailable", "idp_transient_outage", RETRY)),
    (boto("ExpiredTokenException", "Token expired: current date/time 1765000000 must be before the expiration "
                                   "date/time 1764999000"),
     ("invalid_token", "subject_token_expired", RETRY)),
    ("Error: Web identity token file does not exist: /home/runner/work/app/app/web-identity.jwt",
     ("invalid_client", "credentials_not_configured", FIX)),
])
def test_configure_aws_credentials_and_sts(text: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, text) == expected
    assert cites(REPOS, None, text)


def test_an_sts_refusal_the_rules_do_not_know_lists_its_usual_causes() -> None:
    text = aws("Request ARN is invalid")
    assert answer(None, text) == ("invalid_grant", "ambiguous", FIX)
    assert _candidates(text) == [("federated_credential_mismatch", FIX), ("federation_provider_not_found", FIX),
                                 ("token_for_wrong_audience", FIX), ("idp_transient_outage", RETRY)]


def test_an_invalid_identity_token_from_boto_lists_what_sts_checks() -> None:
    text = boto("InvalidIdentityToken", "The ID Token provided is not a valid JWT.")
    assert answer(None, text) == ("invalid_grant", "ambiguous", FIX)
    assert [c for c, _ in _candidates(text)] == ["federation_provider_not_found", "token_for_wrong_audience",
                                                "wrong_token_type"]


def test_no_ambient_aws_credentials_list_the_missing_permission_first() -> None:
    text = "Error: Credentials could not be loaded, please check your action inputs: Could not load credentials from " \
           "any providers"
    assert answer(None, text) == ("invalid_client", "ambiguous", FIX)
    assert _candidates(text) == [("credentials_not_configured", FIX), ("bad_client_credentials", FIX)]


@pytest.mark.parametrize(("text", "expected"), [
    (google('the GitHub Action workflow must specify exactly one of "workload_identity_provider" or '
            '"credentials_json"! If you are specifying input values via GitHub secrets, ensure the secret is being '
            'injected into the environment. By default, secrets are not passed to workflows triggered from forks, '
            'including Dependabot.'), ("invalid_request", "missing_parameter", FIX)),
    (google('the GitHub Action workflow must specify a "service_account" to use when generating an OAuth 2.0 Access '
            'Token. If you are specifying input values via GitHub secrets, ensure the secret is being injected into '
            'the environment.'), ("invalid_request", "missing_parameter", FIX)),
    (google("Provided credential is not a valid Google Service Account Key JSON"),
     ("invalid_client", "credentials_not_configured", FIX)),
    (google(f"failed to generate Google Cloud federated token for {WIF}: " + sts_body(
        "invalid_grant", "The issuer in ID Token https://github.example.net/_services/token does not match the "
                         "expected ones: https://token.actions.githubusercontent.com/")),
     ("invalid_grant", "token_from_other_issuer", FIX)),
    (google(f"failed to generate Google Cloud federated token for {WIF}: " + sts_body(
        "invalid_request", "The size of mapped attribute google.subject exceeds the 127 bytes limit.")),
     ("invalid_request", "mapped_attribute_too_long", FIX)),
    (google(f"failed to generate Google Cloud federated token for {WIF}: " + sts_body(
        "unauthorized_client", "The given credential is rejected by the attribute condition.")),
     ("unauthorized_client", "access_policy_denied", FIX)),
    (google("failed to generate Google Cloud federated token for //iam.googleapis.com/projects/my-project/locations/"
            "global/workloadIdentityPools/github: " + sts_body(
                "invalid_request", 'Invalid value for "audience". This value should be the full resource name of '
                                   "the Identity Provider.")),
     ("invalid_request", "federation_provider_not_found", FIX)),
    (google(f"failed to generate Google Cloud OAuth 2.0 Access Token for {SA}: " + json.dumps({"error": {
        "code": 403, "message": "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not "
                                "exist).", "status": "PERMISSION_DENIED"}})),
     ("insufficient_scope", "missing_permission", FIX)),
    (google(f"failed to generate Google Cloud OpenID Connect ID token for {SA}: " + json.dumps({"error": {
        "code": 403, "message": "Permission 'iam.serviceAccounts.getOpenIdToken' denied on resource (or it may not "
                                "exist).", "status": "PERMISSION_DENIED"}})),
     ("insufficient_scope", "missing_permission", FIX)),
])
def test_google_github_actions_auth(text: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, text) == expected
    assert cites(REPOS, None, text)


def test_a_pool_that_does_not_admit_the_token_lists_the_guides_checks() -> None:
    text = google(f"failed to generate Google Cloud federated token for {WIF}: Failed request: (400)")
    assert answer(None, text)[1:] == ("ambiguous", FIX)
    assert _candidates(text) == [("access_policy_denied", FIX), ("federation_provider_not_found", FIX),
                                 ("token_from_other_issuer", FIX), ("iam_change_not_propagated", RETRY)]


def test_failed_impersonation_without_a_named_permission_lists_its_causes() -> None:
    text = google(f"failed to generate Google Cloud OAuth 2.0 Access Token for {SA}: Failed request: (400)")
    assert answer(None, text) == ("access_denied", "ambiguous", FIX)
    assert _candidates(text) == [("missing_permission", FIX), ("feature_or_api_not_enabled", FIX),
                                 ("iam_change_not_propagated", RETRY)]


def test_a_lifetime_over_an_hour_lists_clock_skew_against_the_org_policy() -> None:
    text = google(f"failed to generate Google Cloud OAuth 2.0 Access Token for {SA}: " + json.dumps({"error": {
        "code": 400, "message": "The access token lifetime cannot exceed 3600 seconds.",
        "status": "INVALID_ARGUMENT"}}))
    assert answer(None, text) == ("invalid_request", "ambiguous", FIX)
    assert _candidates(text) == [("clock_skew", FIX), ("token_lifetime_not_allowed", FIX)]


@pytest.mark.parametrize(("text", "expected"), [
    (azure_login("Error: Not all parameters are provided in 'creds'. Double-check if all keys are defined in "
                 "'creds': 'clientId', 'clientSecret', 'tenantId'."), ("invalid_request", "missing_parameter", FIX)),
    (azure_login("Error: Using auth-type: SERVICE_PRINCIPAL. Not all values are present. Ensure 'client-id' and "
                 "'tenant-id' are supplied."), ("invalid_request", "missing_parameter", FIX)),
    (azure_login("Error: Ensure 'subscription-id' is supplied or 'allow-no-subscriptions' is 'true'."),
     ("invalid_request", "missing_parameter", FIX)),
    (azure_login("Error: Unsupported value 'OIDC' for authentication type is passed. The list of supported values "
                 "for auth-type are 'SERVICE_PRINCIPAL', 'IDENTITY'."),
     ("invalid_request", "unsupported_login_mode", FIX)),
])
def test_azure_login_inputs(text: str, expected: tuple[str, str, str]) -> None:
    assert answer(None, text) == expected
    assert cites(REPOS, None, text)


def test_azure_login_exit_code_alone_lists_what_the_lines_above_tell_apart() -> None:
    text = azure_login("Error: The process '/usr/bin/az' failed with exit code 1")
    assert answer(None, text) == ("invalid_client", "ambiguous", FIX)
    assert [c for c, _ in _candidates(text)] == ["federated_credential_mismatch", "client_assertion_expired",
                                                "bad_client_secret", "missing_permission"]


@pytest.mark.parametrize("aadsts", [
    "Error: AADSTS700213: No matching federated identity record found for presented assertion subject "
    "'repo:octo/app:ref:refs/heads/main'. Please check your federated identity credential Subject, Audience and "
    "Issuer against the presented assertion.",
    "Error: AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: "
    "'https://token.actions.githubusercontent.com'. Assertion Subject: 'repo:octo/app:environment:prod'. Assertion "
    "Audience: 'api://AzureADTokenExchange'.",
])
def test_an_aadsts_code_above_the_exit_code_keeps_the_microsoft_reading(aadsts: str) -> None:
    text = aadsts + "\n" + azure_login("Error: The process '/usr/bin/az' failed with exit code 1")
    assert answer(None, text) == answer(None, aadsts) == ("invalid_client", "federated_credential_mismatch", FIX)
    assert classify(None, text, rulebook=BOOK).provider == "microsoft"


@pytest.mark.parametrize(("error", "expected"), [
    ("error validating token: invalid audience (aud) claim: audience claim does not match any expected audience",
     ("invalid_token", "token_for_wrong_audience", FIX)),
    ("error validating token: invalid issuer (iss) claim", ("invalid_token", "token_from_other_issuer", FIX)),
    ("error validating token: invalid subject (sub) claim", ("access_denied", "access_policy_denied", FIX)),
    ("error validating token: invalid issued at (iat) claim: token issued in the future",
     ("invalid_token", "clock_skew", FIX)),
    ("error validating token: invalid not before (nbf) claim: token not yet valid", ("invalid_token", "clock_skew",
                                                                                     FIX)),
    ("error validating token: error verifying token signature: no known key successfully validated the token "
     "signature", ("invalid_token", "token_signature_invalid", FIX)),
    ('error validating claims: claim "repository" does not match any associated bound claim values',
     ("access_denied", "access_policy_denied", FIX)),
    ('error validating claims: claim "environment" is missing', ("access_denied", "required_claim_missing", FIX)),
    ("missing role", ("invalid_request", "missing_parameter", FIX)),
])
def test_vault_action_prints_vaults_answer(error: str, expected: tuple[str, str, str]) -> None:
    text = vault_action(error)
    assert answer(None, text) == expected
    assert cites(REPOS, None, text)


def test_an_expired_token_at_vault_lists_a_late_login_against_skew() -> None:
    text = vault_action("error validating token: invalid expiration time (exp) claim: token is expired")
    assert answer(None, text) == ("invalid_token", "ambiguous", RETRY)
    assert _candidates(text) == [("access_token_expired", RETRY), ("clock_skew", FIX)]


def test_vaults_unescaped_bound_claims_words_stay_with_the_vault_block() -> None:
    text = 'error validating claims: claim "sub" does not match any associated bound claim values'
    assert answer(None, text) == ("access_denied", "access_policy_denied", FIX)
    refs = classify(None, text, rulebook=BOOK).references
    assert any(ref.endswith("/claims.go#L112-L141") for ref in refs)  # the applications' OIDC sign-in block
    assert not any(ref.endswith("/claims.go#L130-L141") for ref in refs)  # this block's escaped form


@pytest.mark.parametrize("text", [
    "Add permissions: id-token: write to the job before the deploy step.",
    "The action could not assume the role you wanted, so we used keys.",
    "Double check if the settings are correct before you log in.",
    "The given credential is fine, but the attribute conditions changed.",
    "Unable to get the environment variable HOME.",
    "The issuer in the ID token matched; the audience was the problem.",
    "error validating token: something else happened",
])
def test_neighbouring_sentences_do_not_take_these_rules(text: str) -> None:
    assert not cites(REPOS, None, text)
