"""GitLab's profile: the REST API's own token errors and GitLab's Doorkeeper settings, read in GitLab's code and docs.

Bodies are built from the texts in GitLab's API guard (lib/api/api_guard.rb) and Doorkeeper 5.8's locale, in the
shape rack-oauth2 and Doorkeeper give them; none is taken from a corpus case.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify

DK_INVALID_GRANT = ("The provided authorization grant is invalid, expired, revoked, does not match the redirection "
                    "URI used in the authorization request, or was issued to another client.")
DK_INVALID_CLIENT = ("Client authentication failed due to unknown client, no client authentication included, or "
                     "unsupported authentication method.")


def bearer(error: str, description: str, **extra: str) -> str:
    return json.dumps({"error": error, "error_description": description, **extra})


CASES = [
    # (status, body, class, cause, decision)
    (401, bearer("invalid_token", "Token is expired. You can either do re-authorization or token refresh."),
     "invalid_token", "access_token_expired", "retry"),
    (401, bearer("invalid_token", "Token was revoked. You have to re-authorize from the user."),
     "invalid_token", "token_revoked", "reauth"),
    (401, bearer("invalid_token", "Token is an impersonation token but impersonation was disabled."),
     "invalid_token", "impersonation_disabled", "fix_config"),
    (401, bearer("invalid_token", "Bad Access Token."), "invalid_token", "ambiguous", "reauth"),
    (401, bearer("dpop_error", "DPoP validation error: DPoP header is missing"),
     "invalid_token", "dpop_proof_invalid", "fix_config"),
    (401, bearer("restricted_language_server_client_error", "Language server client error: client not allowed"),
     "access_denied", "language_server_client_restricted", "fix_config"),
    (403, bearer("insufficient_scope", "The request requires higher privileges than provided by the access token.",
                 scope="api read_api"), "insufficient_scope", "missing_scope", "fix_config"),
    (401, '{"message":"401 Unauthorized"}', "invalid_token", "ambiguous", "fix_config"),
    (401, bearer("unauthorized_client", "The client is not authorized to perform this request using this method."),
     "unauthorized_client", "grant_type_not_enabled_for_client", "fix_config"),
    (400, bearer("invalid_grant", DK_INVALID_GRANT), "invalid_grant", "ambiguous", "reauth"),
    (401, bearer("invalid_client", DK_INVALID_CLIENT), "invalid_client", "ambiguous", "fix_config"),
]


@pytest.mark.parametrize(("status", "body", "klass", "cause", "decision"), CASES)
def test_gitlab_documented_errors(status: int, body: str, klass: str, cause: str, decision: str) -> None:
    got = classify(status, body, provider="gitlab")
    assert (got.failure_class, got.cause, got.decision) == (klass, cause, decision)
    assert got.provider == "gitlab"


def test_invalid_grant_lists_gitlab_causes_and_the_grant_narrows_them() -> None:
    got = classify(400, bearer("invalid_grant", DK_INVALID_GRANT), provider="gitlab")
    causes = [c.cause for c in got.candidates]
    assert "refresh_request_malformed" in causes and "redirect_uri_differs_from_authorize" in causes
    refresh = classify(400, bearer("invalid_grant", DK_INVALID_GRANT), provider="gitlab", grant_type="refresh_token")
    assert {c.cause for c in refresh.candidates} == {"refresh_token_revoked", "refresh_request_malformed"}
    password = classify(400, bearer("invalid_grant", DK_INVALID_GRANT), provider="gitlab", grant_type="password")
    assert (password.cause, password.decision) == ("resource_owner_credentials_invalid", "fix_config")


def test_unknown_token_is_not_sent_to_refresh() -> None:
    # GitLab says "expired" when it is; a bare 401 message is no token or an unknown one.
    got = classify(401, '{"message":"401 Unauthorized"}', provider="gitlab")
    assert [c.cause for c in got.candidates] == ["access_token_missing", "token_from_other_server", "token_deleted"]


@pytest.mark.parametrize("description", [
    "Token is expired. You can either do re-authorization or token refresh.",
    "Token was revoked. You have to re-authorize from the user.",
])
def test_gitlab_detected_from_its_own_texts(description: str) -> None:
    assert classify(401, bearer("invalid_token", description)).provider == "gitlab"


def test_gitlab_detected_from_token_url_host() -> None:
    got = classify(400, bearer("invalid_grant", DK_INVALID_GRANT), url="https://gitlab.com/oauth/token")
    assert got.provider == "gitlab"


def test_doorkeeper_generic_texts_do_not_claim_gitlab() -> None:
    # Doorkeeper's locale texts are shared by every Doorkeeper server: no GitLab detection from them.
    assert classify(400, bearer("invalid_grant", DK_INVALID_GRANT)).provider is None
    assert classify(401, bearer("invalid_client", DK_INVALID_CLIENT)).provider is None


def test_other_providers_bodies_do_not_match_gitlab_rules() -> None:
    slack = classify(200, '{"ok": false, "error": "token_expired"}')
    assert slack.provider == "slack"
    github = classify(401, '{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}')
    assert github.provider != "gitlab"
    # An expired Doorkeeper token elsewhere keeps Doorkeeper's own reading, not GitLab's.
    other = classify(401, bearer("invalid_token", "The access token expired"), provider="doorkeeper")
    assert (other.provider, other.cause, other.decision) == ("doorkeeper", "access_token_expired", "retry")


def test_cli_explain_gitlab_revoked_end_to_end() -> None:
    body = bearer("invalid_token", "Token was revoked. You have to re-authorize from the user.")
    proc = subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", "--provider", "gitlab", "--status", "401",
                           "--format", "json", body], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "gitlab", "invalid_token", "token_revoked", "reauth")
