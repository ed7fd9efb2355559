"""Applications that sign their own users in with OIDC, in the phrase layer.

Vault's JWT/OIDC auth method answers API errors as ``{"errors": [...]}`` (the CLI prints them after "Error making API
request." and "Code: 400. Errors:" bullets), Nextcloud's user_oidc renders its message inside an "Access forbidden" or
"Error" guest page, Jenkins' oic-auth plugin logs through java.util.logging and lets pac4j's exceptions through, and
Flask-AppBuilder (Superset, Airflow) flashes a sentence and logs the exception with Python's logging. Every text below
is built the way that code builds it (format strings, hclog's ``msg: key=value``, an exception's first line, a
flashed message in a page); none is taken from a reported case. The rules' pinned sources in
``providers/generic.yaml`` say where the words come from.
"""

from __future__ import annotations

import functools
import json

import pytest
from phrase_blocks import answer, cites

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
FIXED, REAUTH = "fix_config", "reauth"
REPOS = ("hashicorp/vault-plugin-auth-jwt", "nextcloud/user_oidc", "jenkinsci/oic-auth-plugin", "pac4j/pac4j",
         "dpgaspar/Flask-AppBuilder")


run = answer


from_this_block = functools.partial(cites, REPOS)


def vault_cli(path: str, message: str) -> str:
    """What the vault CLI prints for an API error: the request, the status, one bullet per error."""
    return (f"Error authenticating: Error making API request.\n\nURL: PUT https://vault.example.com:8200/v1/{path}\n"
            f"Code: 400. Errors:\n\n* {message}")


def nextcloud_page(title: str, message: str) -> str:
    """user_oidc's error template: the title as a heading, the message in a list, a link back."""
    return ("<!DOCTYPE html><html><head><title>Nextcloud</title></head><body><div class=\"guest-box\">"
            f"<h2>{title}</h2><ul><li><p>{message}</p></li></ul><br><p>"
            "<a class=\"button primary\" href=\"/index.php\">Back to Nextcloud</a></p></div></body></html>")


def flashed(message: str) -> str:
    """A Flask-AppBuilder login page with one flashed message."""
    return ("<html><head><title>Superset</title></head><body><div class=\"alert alert-warning\">"
            f"<button type=\"button\" class=\"close\">&times;</button>{message}</div>"
            "<h4>Sign In</h4></body></html>")


# --- Vault -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "body", "expected"), [
    (400, vault_cli("auth/oidc/oidc/callback", "Vault login failed. Expired or missing OAuth state."),
     ("invalid_request", "state_or_session_lost", FIXED)),
    (400, json.dumps({"errors": ["Vault login failed. Expired or missing OAuth state."]}),
     ("invalid_request", "state_or_session_lost", FIXED)),
    (400, json.dumps({"errors": ["invalid client_nonce"]}), ("invalid_request", "concurrent_sign_in", REAUTH)),
    (400, vault_cli("auth/oidc/oidc/auth_url", 'role "developers" could not be found'),
     ("invalid_request", "login_role_not_found", FIXED)),
    (400, vault_cli("auth/jwt/login", 'role "ci" could not be found'),
     ("invalid_request", "login_role_not_found", FIXED)),
    (400, json.dumps({"errors": ["Vault login failed. Role could not be found"]}),
     ("invalid_request", "login_role_not_found", FIXED)),
    (400, vault_cli("auth/oidc/oidc/callback",
                    'error validating claims: claim "groups" does not match any associated bound claim values'),
     ("access_denied", "access_policy_denied", FIXED)),
    (400, vault_cli("auth/oidc/oidc/callback",
                    'error validating claims: claim "/resource_access/vault/roles" is missing'),
     ("access_denied", "required_claim_missing", FIXED)),
    (400, vault_cli("auth/oidc/oidc/callback", 'claim "email" not found in token'),
     ("access_denied", "required_claim_missing", FIXED)),
    (400, vault_cli("auth/oidc/oidc/callback", '"groups" claim not found in token'),
     ("access_denied", "required_claim_missing", FIXED)),
    (400, vault_cli("auth/jwt/login", "audience claim found in JWT but no audiences bound to the role"),
     ("invalid_token", "token_for_wrong_audience", FIXED)),
    (500, json.dumps({"errors": ["sub claim does not match bound subject"]}),
     ("access_denied", "access_policy_denied", FIXED)),
    (400, vault_cli("auth/oidc/oidc/auth_url", "OIDC login is not configured for this mount"),
     ("invalid_request", "provider_not_configured", FIXED)),
    (400, vault_cli("auth/jwt/login", "role with oidc role_type is not allowed"),
     ("invalid_request", "wrong_auth_type_for_endpoint", FIXED)),
    (None, "2026-12-05T10:00:00.123Z [WARN]  auth.oidc.auth_oidc_5e8b1f2a: unauthorized redirect_uri: "
           "redirect_uri=http://localhost:8250/oidc/callback", ("redirect_uri_mismatch", "redirect_uri_not_registered",
                                                                 FIXED)),
])
def test_vault_auth_method_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected
    assert from_this_block(status, body)


def vault_callback_page(summary: str, detail: str) -> str:
    """The page the vault CLI's callback listener (and the form_post handler) shows: summary and detail apart."""
    return ("<!DOCTYPE html><html lang=\"en\"><head><title>HashiCorp Vault</title></head><body>"
            "<div class=\"container\">"
            "<div class=\"message is-danger\"><div class=\"message-content\"><div class=\"message-title\">"
            f"{summary}</div><p class=\"message-body\">{detail}</p></div></div><hr /><h1>Not sure how to get "
            "started?</h1></div></body></html>")


@pytest.mark.parametrize(("detail", "cause"), [
    ("Expired or missing OAuth state.", "state_or_session_lost"),
    ("Role could not be found", "login_role_not_found"),
    ("No code or id_token received.", "ambiguous"),
])
def test_vault_browser_page_splits_summary_and_detail(detail: str, cause: str) -> None:
    body = vault_callback_page("Vault login failed.", detail)
    assert run(400, body)[1] == cause
    assert from_this_block(400, body)


def test_vault_lost_state_lists_another_node_against_a_second_sign_in() -> None:
    r = classify(400, json.dumps({"errors": ["Vault login failed. Expired or missing OAuth state."]}), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("session_not_persisted", FIXED), ("login_attempt_expired", REAUTH), ("callback_replayed", REAUTH)]


def test_vault_cli_empty_auth_url_leans_on_the_redirect_uri() -> None:
    body = ('Error authenticating: Unable to authorize role "default" with redirect_uri '
            '"http://localhost:8250/oidc/callback". Check Vault logs for more information.')
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("redirect_uri_mismatch", "ambiguous", FIXED)
    assert [c.cause for c in r.candidates] == ["redirect_uri_not_registered", "provider_discovery_unreachable"]
    assert r.confidence == "medium"  # every candidate is a configuration fix


@pytest.mark.parametrize(("body", "causes"), [
    ("Error authenticating: Timed out waiting for response from provider",
     ["local_callback_listener_failed", "user_cancelled_sign_in"]),
    (vault_cli("auth/oidc/oidc/callback", "Vault login failed. No code or id_token received."),
     ["authorization_request_refused", "redirect_page_opened_directly"]),
])
def test_vault_messages_that_hide_their_cause_list_candidates(body: str, causes: list[str]) -> None:
    r = classify(400 if "Code: 400" in body else None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("unknown", "ambiguous", FIXED)
    assert [c.cause for c in r.candidates] == causes
    assert r.confidence == "low"


def test_vault_wrapped_provider_errors_are_read_by_the_provider_error() -> None:
    """The callback quotes the code exchange's error: the provider's invalid_grant decides, not this block."""
    body = vault_cli("auth/oidc/oidc/callback", 'Vault login failed. Error exchanging oidc code: "Provider.Exchange: '
                     'unable to exchange auth code with provider: oauth2: \\"invalid_grant\\" \\"Code not valid\\"".')
    assert run(400, body)[0] == "invalid_grant"
    assert not from_this_block(400, body)


# --- Nextcloud user_oidc -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "title", "message", "expected"), [
    (403, "Access forbidden", "The received state has expired.", ("invalid_request", "state_or_session_lost", FIXED)),
    (403, "Access forbidden", "The received state does not match the expected value.",
     ("invalid_request", "state_or_session_lost", FIXED)),
    (404, "Error", "There is no such OpenID Connect provider.", ("invalid_request", "provider_not_configured", FIXED)),
    (404, "Error", "You must access Nextcloud with HTTPS to use OpenID Connect.",
     ("invalid_request", "insecure_transport", FIXED)),
    (400, "Error", "Failed to decrypt the OIDC provider client secret",
     ("invalid_client", "stored_secret_undecryptable", FIXED)),
    (403, "Access forbidden", "The received token is expired.", ("invalid_token", "ambiguous", FIXED)),
    (403, "Access forbidden", "The issuer does not match the one from the discovery endpoint",
     ("invalid_token", "token_from_other_issuer", FIXED)),
    (403, "Access forbidden", "The audience does not match ours", ("invalid_token", "token_for_other_client", FIXED)),
    (403, "Access forbidden", "The authorized party does not match ours",
     ("invalid_token", "token_for_other_client", FIXED)),
    (400, "Access forbidden", "Failed to provision the user", ("access_denied", "ambiguous", FIXED)),
    (403, "Access forbidden", "You do not have permission to log in to this instance. If you think this is an error, "
     "please contact an administrator.", ("access_denied", "access_policy_denied", FIXED)),
    (404, "Error", "Could not reach the OpenID Connect provider.", ("unknown", "ambiguous", FIXED)),
    (400, "Access forbidden", "The identity provider failed to authenticate the user.",
     ("unknown", "ambiguous", FIXED)),
    (403, "Access forbidden", "Failed to contact the OIDC provider token endpoint", ("unknown", "ambiguous", FIXED)),
])
def test_nextcloud_user_oidc_pages(status: int, title: str, message: str, expected: tuple[str, str, str]) -> None:
    body = nextcloud_page(title, message)
    assert run(status, body) == expected
    assert from_this_block(status, body)


def test_nextcloud_debug_mode_json_for_a_state_mismatch() -> None:
    body = json.dumps({"error": "invalid_state", "error_description": "The received state does not match the expected "
                       "value.", "got": "Q2X8", "expected": None, "state_exists_in_session": False})
    assert run(403, body) == ("invalid_request", "state_or_session_lost", FIXED)
    assert from_this_block(403, body)


def test_nextcloud_expired_state_lists_a_lost_session_against_a_slow_sign_in() -> None:
    r = classify(403, nextcloud_page("Access forbidden", "The received state has expired."), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [("session_not_persisted", FIXED),
                                                              ("login_attempt_expired", REAUTH)]


def test_nextcloud_token_endpoint_message_with_the_providers_description_is_read_by_it() -> None:
    body = nextcloud_page("Access forbidden", "Failed to contact the OIDC provider token endpoint: Code not valid")
    assert run(403, body)[0] == "invalid_grant"
    assert not from_this_block(403, body)


# --- Jenkins oic-auth and pac4j ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "body", "expected"), [
    (None, "java.lang.IllegalStateException: Well known configuration could not be loaded, login can not proceed.\n"
           "\tat org.jenkinsci.plugins.oic.OicServerWellKnownConfiguration.toProviderMetadata("
           "OicServerWellKnownConfiguration.java:158)", ("unknown", "ambiguous", FIXED)),
    (None, "2026-12-05 10:00:00.000+0000 [id=42]\tWARNING\to.j.p.o.OicServerWellKnownConfiguration#toProviderMetadata:"
           " OIDC well-known configuration reports only unsupported token authentication methods (authentication may "
           "not work): [private_key_jwt, tls_client_auth]", ("invalid_client", "wrong_client_auth_method", FIXED)),
    (401, "<html><head><title>Unauthorized [Jenkins]</title></head><body><div class=\"error\"><h1>Unauthorized</h1>"
          "<p>You do not have permission to access this instance.</p><p><a href=\"https://idp.example.com/logout\">"
          "Log out from OpenID Connect Provider</a></p></div></body></html>",
     ("access_denied", "access_policy_denied", FIXED)),
    (401, "User name was not the same after refresh request", ("invalid_token", "token_misconfigured", FIXED)),
    (None, "org.pac4j.oidc.exceptions.OidcStateMismatchException: State parameter is different from the one sent in "
           "authentication request.", ("invalid_request", "state_or_session_lost", FIXED)),
    (None, "org.pac4j.oidc.exceptions.OidcMissingSessionStateException: State cannot be determined",
     ("invalid_request", "state_or_session_lost", FIXED)),
])
def test_jenkins_oic_auth_and_pac4j_words(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected
    assert from_this_block(status, body)


def test_pac4j_bad_token_response_keeps_the_providers_code() -> None:
    body = ("org.pac4j.oidc.exceptions.OidcTokenException: Bad token response, error=invalid_grant,"
            "description=Code not valid")
    assert run(None, body)[0] == "invalid_grant"
    assert not from_this_block(None, body)


# --- Flask-AppBuilder ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    (flashed("Invalid state signature"), ("invalid_request", "state_or_session_lost", FIXED)),
    (flashed("Invalid login. Please try again."), ("access_denied", "ambiguous", FIXED)),
    (flashed("The request to sign in was denied."), ("unknown", "ambiguous", FIXED)),
    ("2026-12-05 10:00:00,000:ERROR:flask_appbuilder.security.manager:OAUTH userinfo does not have username or email "
     "{'name': 'Ann Example', 'id': '42'}", ("access_denied", "required_claim_missing", FIXED)),
    ("2026-12-05 10:00:00,000:ERROR:flask_appbuilder.security.manager:Error creating a new OAuth user ann",
     ("unknown", "ambiguous", FIXED)),
    ("2026-12-05 10:00:00,000:WARNING:flask_appbuilder.security.views:"
     "OAuth authorized got an unknown provider keycloak",
     ("invalid_request", "provider_not_configured", FIXED)),
])
def test_flask_appbuilder_flashes_and_log_lines(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected
    assert from_this_block(None, body)


def test_flask_appbuilder_denied_sign_in_lists_what_its_log_line_tells_apart() -> None:
    r = classify(None, flashed("The request to sign in was denied."), rulebook=BOOK)
    assert [(c.cause, c.decision) for c in r.candidates] == [
        ("state_or_session_lost", FIXED), ("token_exchange_failed", FIXED), ("user_denied_consent", REAUTH),
        ("network_error", "retry")]


@pytest.mark.parametrize(("inner", "expected_class"), [
    ("mismatching_state: CSRF Warning! State not equal in request and response.", "invalid_request"),
    ("invalid_grant: Code not valid", "invalid_grant"),
    ("invalid_client: Invalid client secret", "invalid_client"),
])
def test_flask_appbuilder_log_line_is_read_by_the_exception_it_carries(inner: str, expected_class: str) -> None:
    body = ("2026-12-05 10:00:00,000:ERROR:flask_appbuilder.security.views:"
            f"Error authorizing OAuth access token: {inner}")
    assert run(None, body)[0] == expected_class
    assert not from_this_block(None, body)


# --- neighbours ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "Your session state has expired, please reload.",  # not user_oidc's sentence
    "The claim could not be found in the directory.",  # no quoted claim name, no token
    "The role could not be found.",  # no quoted role name
    "You are not authorized.",  # Flask-AppBuilder's whitelist flash: too common a sentence for a rule
    "Provider not supported.",
    "Login failed. Please try again.",  # not Flask-AppBuilder's wording
    "Timed out waiting for response from server",
    "The request to sign up was denied by the moderator.",
])
def test_neighbouring_sentences_do_not_take_these_rules(body: str) -> None:
    assert not from_this_block(None, body)
