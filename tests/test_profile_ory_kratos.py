"""The Ory Kratos / Ory Identities profile: Kratos' herodot error ids (``error.id``), the social sign-in
strategy's reasons and the numbered flow messages (``ui.messages[].id``) map to the class, cause and decision the
profile states; a Kratos body is recognised without ``--provider``; Hydra's and other servers' bodies stay theirs;
``return_to`` matching follows ``x/redir/secure_redirect.go``.

Bodies are built here from ory/kratos at b86338d: herodot's error shape ``{"error": {"id", "code", "status",
"reason", "message"}}`` with the ids of ``text/message_error.go`` and the reasons written next to them, and the
flow shape whose ``ui.messages`` carry ``text/id.go``'s numbers with ``text/message_*.go``'s texts. None is copied
from a report.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile, resolve_id
from oauthdoctor.redirect import compare


def herodot(error_id: str | None, code: int, status: str, reason: str, message: str, **extra: object) -> str:
    """An error as Kratos' herodot writer sends it (flow/error.go adds use_flow_id, redirect_browser_to ...)."""
    error: dict[str, object] = {"code": code, "status": status, "reason": reason, "message": message}
    if error_id:
        error["id"] = error_id
    return json.dumps({"error": error, **extra})


def flow_message(text: str, message_id: int = 4000001) -> str:
    """A login flow whose ui.messages carries one error message (ui/container/container.go ParseError)."""
    return json.dumps({
        "id": "8f1c0f5e-3a52-4d7a-9d0c-2f4e1b6a7c10", "type": "browser",
        "ui": {"action": "https://auth.example.com/self-service/login?flow=8f1c0f5e", "method": "POST", "nodes": [],
               "messages": [{"id": message_id, "text": text, "type": "error", "context": {"reason": text}}]}})


CSRF_REASON = ("Please retry the flow and optionally clear your cookies. The request was rejected to protect you from "
               "Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal information, "
               "and other serious security issues.")

HERODOT_CASES = [
    # (error id, status, reason, message, class, cause, decision)
    ("security_csrf_violation", 403, CSRF_REASON,
     "the request was rejected to protect you from Cross-Site-Request-Forgery",
     "invalid_request", "ambiguous", "fix_config"),
    ("self_service_flow_expired", 410, "The self-service flow expired 61.20 minutes ago, initialize a new one.",
     "self-service flow expired", "expired_token", "login_attempt_expired", "reauth"),
    ("self_service_flow_replaced", 410, "An error occured, please use the new flow.", "self-service flow replaced",
     "expired_token", "flow_replaced", "reauth"),
    ("self_service_flow_return_to_forbidden", 400, 'Requested return_to URL "https://evil.example/cb" is not allowed.',
     "The request was malformed or contained invalid parameters", "redirect_uri_mismatch", "return_to_not_allowed",
     "fix_config"),
    ("session_inactive", 401, "No active session was found in this request.",
     "request does not have a valid authentication session", "invalid_token", "ambiguous", "reauth"),
    ("session_aal2_required", 403, "An active session was found but it does not fulfill the requested "
     "Authenticator Assurance Level. Please verify yourself with a second factor to resolve this issue.",
     "Session does not fulfill the requested Authenticator Assurance Level", "interaction_required",
     "step_up_required", "reauth"),
    ("session_refresh_required", 403, "The login session is too old and thus not allowed to update these fields. "
     "Please re-authenticate.", "The requested action was forbidden", "interaction_required",
     "recent_login_required", "reauth"),
    ("session_aal1_required", 401, "You can not requested a higher AAL (AAL2/AAL3) without an active session.",
     "aal2 and aal3 can only be requested if a session exists already", "interaction_required", "login_required",
     "reauth"),
    ("session_already_available", 400, "A valid session was detected and thus login is not possible. Did you forget "
     "to set `?refresh=true`?", "you are already logged in", "invalid_request", "session_already_active",
     "fix_config"),
    ("session_verified_address_required", 400, "Your account's email or phone address are not verified yet. Please "
     "check your email or phone inbox or re-request verification.", "your email or phone address is not yet verified",
     "access_denied", "email_not_verified", "reauth"),
    ("identity_disabled", 400, "This account was disabled.", "identity is disabled", "access_denied",
     "account_disabled", "fix_config"),
    ("security_identity_mismatch", 403, "You must restart the flow because the resumable session was initiated by "
     "another person.", "The requested action was forbidden", "access_denied", "flow_belongs_to_other_identity",
     "reauth"),
    ("browser_location_change_required", 422, "In order to complete this flow please redirect the browser to: "
     "https://accounts.google.com/o/oauth2/v2/auth?client_id=abc", "browser location change required",
     "invalid_request", "browser_redirect_required", "fix_config"),
    ("self_service_flow_disabled", 400, "Registration is not allowed because it was disabled.",
     "registration flow disabled", "unauthorized_client", "feature_or_api_not_enabled", "fix_config"),
]


@pytest.mark.parametrize(("error_id", "status", "reason", "message", "cls", "cause", "decision"), HERODOT_CASES)
def test_error_ids_map_and_name_kratos(error_id: str, status: int, reason: str, message: str, cls: str, cause: str,
                                       decision: str) -> None:
    e = classify(status, herodot(error_id, status, "x", reason, message))
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("ory-kratos", cls, cause, decision)


def test_csrf_and_session_answers_list_their_candidates() -> None:
    csrf = classify(403, herodot("security_csrf_violation", 403, "Forbidden", CSRF_REASON, "rejected"))
    causes = {c["cause"]: c["decision"] for c in csrf.to_json()["candidates"]}
    assert causes == {"csrf_cookie_not_sent": "fix_config", "browser_flow_used_by_api_client": "fix_config",
                      "stale_form_or_cookies_cleared": "reauth"}
    session = classify(401, herodot("session_inactive", 401, "Unauthorized",
                                    "No active session was found in this request.", "no session"))
    assert {c["cause"] for c in session.to_json()["candidates"]} == {"session_expired", "session_not_sent"}
    assert session.confidence == "low"


OIDC_CASES = [
    # (text of a 4000001 message or an error page's reason, status, class, cause, decision)
    ('Unable to complete OpenID Connect flow because the OpenID Provider returned error "access_denied": The user '
     "denied the request", 400, "access_denied", "user_denied_consent", "reauth"),
    ('Unable to complete OpenID Connect flow because the OpenID Provider returned error "invalid_scope": The '
     "requested scope is invalid", 400, "invalid_scope", "invalid_scope_requested", "fix_config"),
    ('Unable to complete OpenID Connect flow because the OpenID Provider returned error "server_error": ', 400,
     "server_error", "idp_server_error", "retry"),
    ("Unable to complete OpenID Connect flow because the query state parameter does not match the state parameter "
     "from the session cookie.", 400, "invalid_request", "state_or_session_lost", "fix_config"),
    ("Unable to complete OpenID Connect flow because the OpenID Provider did not return the state query parameter.",
     400, "invalid_request", "state_or_session_lost", "fix_config"),
    ("Unable to complete OpenID Connect flow because the query state parameter does not match the state parameter "
     "from the code.", 400, "invalid_request", "state_or_session_lost", "fix_config"),
    ("Unable to complete OpenID Connect flow: provider mismatch between internal state and URL.", 400,
     "redirect_uri_mismatch", "redirect_uri_differs_from_authorize", "fix_config"),
    ("Unable to complete OpenID Connect flow because the OpenID Provider did not return the code query parameter.",
     400, "invalid_request", "authorization_response_without_code", "fix_config"),
    ("Unable to finish because one or more permissions were not granted. Please retry and accept all permissions.",
     400, "access_denied", "granted_scope_differs", "reauth"),
    ('Authentication failed because no id_token was returned. Please accept the "openid" permission and try again.',
     400, "unknown", "token_response_without_id_token", "fix_config"),
    ("The login flow expired 61.12 minutes ago, please try again.", 400, "expired_token", "login_attempt_expired",
     "reauth"),
    ("You tried signing in with foo@example.com which is already in use by another account. You can sign in using "
     "your password.", 400, "access_denied", "account_linked_to_other_user", "reauth"),
    ("Account not active yet. Did you forget to verify your email address?", 400, "access_denied",
     "email_not_verified", "reauth"),
    ("This account has been disabled. Please contact support for assistance.", 400, "access_denied",
     "account_disabled", "fix_config"),
    ("Could not find a strategy to log you in with. Did you fill out the form correctly?", 400, "invalid_request",
     "method_not_enabled_or_not_sent", "fix_config"),
]


@pytest.mark.parametrize(("text", "status", "cls", "cause", "decision"), OIDC_CASES)
def test_flow_messages_map_and_name_kratos(text: str, status: int, cls: str, cause: str, decision: str) -> None:
    e = classify(status, flow_message(text))
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("ory-kratos", cls, cause, decision)


ERROR_PAGE_CASES = [
    # (status, reason, class, cause, decision): errors sent to the error page, with no error.id
    (404, 'OpenID Connect Provider "gogle" is unknown or has not been configured', "invalid_request",
     "provider_not_configured", "fix_config"),
    (502, "OpenID Connect provider returned a 503 status code but 200 is expected.", "server_error",
     "idp_server_error", "retry"),
    (502, "OpenID Connect provider returned a 403 status code but 200 is expected.", "insufficient_scope",
     "ambiguous", "fix_config"),
    (403, "The id_token claims were invalid", "invalid_token", "ambiguous", "fix_config"),
    (502, "The supplied nonce does not match the nonce from the id_token", "invalid_token", "nonce_mismatch",
     "fix_config"),
    (500, "OpenID Connect Jsonnet mapper did not return an object for key identity.traits. Please check your "
     "Jsonnet code!", "unknown", "claims_mapper_invalid", "fix_config"),
]


@pytest.mark.parametrize(("status", "reason", "cls", "cause", "decision"), ERROR_PAGE_CASES)
def test_error_page_reasons_map_and_name_kratos(status: int, reason: str, cls: str, cause: str,
                                                decision: str) -> None:
    e = classify(status, herodot(None, status, "x", reason, "an error occurred"))
    assert (e.provider, e.failure_class, e.cause, e.decision) == ("ory-kratos", cls, cause, decision)


def test_other_servers_bodies_stay_theirs() -> None:
    # Hydra (fosite) answers OAuth errors in RFC 6749's flat shape; nothing of Kratos' rules applies.
    hydra = classify(400, json.dumps({"error": "invalid_grant", "error_description": "The provided authorization "
                                      "grant is invalid.", "error_hint": "The refresh token was already used."}))
    assert hydra.provider != "ory-kratos"
    # A herodot body without one of Kratos' ids or texts (Hydra's admin API uses the same writer).
    admin = classify(404, herodot(None, 404, "Not Found", "Unable to locate the resource", "Not Found"))
    assert admin.provider != "ory-kratos"
    # An ordinary expired-flow word elsewhere is not Kratos' flow.
    keycloak = classify(400, json.dumps({"error": "invalid_grant", "error_description": "Token is not active"}))
    assert keycloak.provider == "keycloak"


def test_kratos_rules_do_not_fire_on_plain_oauth_bodies_given_the_provider() -> None:
    e = classify(400, json.dumps({"error": "invalid_grant", "error_description": "Code not valid"}),
                 provider="kratos")
    assert (e.failure_class, e.decision) == ("invalid_grant", "reauth")
    assert e.cause not in {"login_attempt_expired", "state_or_session_lost"}


@pytest.mark.parametrize(("allowed", "sent", "accepted"), [
    ("https://app.example.com/dashboard", "https://APP.example.com/dashboard/settings?x=1#top", True),
    ("https://app.example.com/dashboard", "https://app.example.com/other", False),
    ("https://app.example.com/", "http://app.example.com/", False),            # the scheme is compared
    ("https://app.example.com/", "https://app.example.com:8443/", False),     # so is the port (Go's url.Host)
    ("https://*.example.com/", "https://shop.example.com/cart", True),         # a leading '*' is a host suffix
    ("https://*.example.com/", "https://example.org/", False),
    ("https://app.example.com", "https://app.example.com/", True),             # an empty path is '/'
])
def test_return_to_matching(allowed: str, sent: str, accepted: bool) -> None:
    assert compare([allowed], sent, provider="ory-kratos").accepted is accepted


def test_profile_facts_the_verdicts_rest_on() -> None:
    profile = get_profile("ory-kratos")
    for alias in ("kratos", "ory-identities"):
        assert resolve_id(alias) == "ory-kratos"
    assert resolve_id("ory") == "hydra"  # Ory's OAuth server keeps the short name
    assert profile.kind == "server"
    assert profile.grants.supported == ["authorization_code"]
    assert profile.pkce.methods == ["S256"] and profile.pkce.basis == "confirmed"
    assert profile.token_policy.access_token_lifetime.seconds == 86400
    assert profile.redirect.basis == "confirmed"
    assert profile.client_auth.basis == "heuristic"


def test_explain_cli_end_to_end() -> None:
    body = herodot("self_service_flow_return_to_forbidden", 400, "Bad Request",
                   'Requested return_to URL "https://evil.example/cb" is not allowed.',
                   "The request was malformed or contained invalid parameters")
    done = subprocess.run(
        [sys.executable, "-m", "oauthdoctor", "explain", "--provider", "kratos", "--status", "400", "--format",
         "json", body], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["provider"], out["class"], out["cause"], out["decision"]) == (
        "ory-kratos", "redirect_uri_mismatch", "return_to_not_allowed", "fix_config")


def test_a_missing_return_to_is_not_refused() -> None:
    # secure_redirect.go L130-L133: no return_to sends the user to default_browser_return_url.
    assert compare(["https://app.example.com/"], None, provider="ory-kratos").accepted is True
    assert compare(["https://app.example.com/"], "", provider="ory-kratos").accepted is True
