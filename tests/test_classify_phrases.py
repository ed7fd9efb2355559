"""The phrase layer (``errors.rules`` of the generic profile): wording the corpus never showed, taken from the
servers' and libraries' own message texts, is recognised by family - and an unreadable text stays unknown."""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook
from oauthdoctor.classifier.match import CompiledRules
from oauthdoctor.profiles.loader import get_profile

BOOK = RuleBook()


def run(status: int | None, body: str, headers: dict[str, str] | None = None) -> tuple[str, str, str]:
    r = classify(status, body, headers, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize(("status", "body", "expected"), [
    # Family 2: an access token refused for a stated reason is configuration; only expired/unexplained is retry.
    (401, "IDX10205: Issuer validation failed. Issuer: 'https://sts.windows.net/a/'. Did not match: "
          "validationParameters.ValidIssuer: 'https://login.microsoftonline.com/b/v2.0'",
     ("invalid_token", "token_from_other_issuer", "fix_config")),
    (401, "JsonWebTokenError: jwt audience invalid. expected: https://api.example.com",
     ("invalid_token", "token_for_wrong_audience", "fix_config")),
    (401, "An error occurred while attempting to decode the Jwt: Signed JWT rejected: Another algorithm expected, "
          "or no matching key(s) found", ("invalid_token", "token_signature_invalid", "fix_config")),
    (401, "Sandbox credentials used against production environment",
     ("invalid_token", "token_for_other_environment", "fix_config")),
    (401, '{"error":"invalid_token","error_description":"Token is bound to another IP address"}',
     ("invalid_token", "token_bound_to_other_ip", "fix_config")),
    (401, "UnauthorizedError: No authorization token was found",
     ("invalid_request", "access_token_missing", "fix_config")),
    (401, "TokenExpiredError: jwt expired", ("invalid_token", "access_token_expired", "retry")),
    (401, "IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '1/1/2024'",
     ("invalid_token", "access_token_expired", "retry")),
    (401, '{"message": "Invalid access token."}', ("invalid_token", "ambiguous", "fix_config")),
    # Family 7: the host clock vs a token or an assertion; signature and claims of an assertion.
    (None, "jwt.exceptions.ImmatureSignatureError: The token is not yet valid (iat)",
     ("invalid_token", "clock_skew", "fix_config")),
    (401, '{"error":"invalid_client","error_description":"The client_assertion token has an expiration too far into '
          'the future."}', ("invalid_client", "clock_skew", "fix_config")),
    (400, '{"error":"invalid_grant","error_description":"audience is invalid"}',
     ("invalid_grant", "assertion_invalid", "fix_config")),
    # Family 4: the client authenticates another way than registered.
    (400, '{"error":"invalid_client","error_description":"The OAuth 2.0 Client supports client authentication method '
          '\'client_secret_basic\', but method \'client_secret_post\' was requested."}',
     ("invalid_client", "wrong_client_auth_method", "fix_config")),
    (400, '{"error":"invalid_request","error_description":"client_id and client_secret must be provided in the body"}',
     ("invalid_client", "wrong_client_auth_method", "fix_config")),
    # Family 3: organisation and admin policy.
    (None, "Need admin approval\nThe app needs permission to access resources in your organization that only an "
           "admin can grant.", ("access_denied", "admin_approval_required", "fix_config")),
    (None, "error=access_denied&error_description=User+is+not+assigned+to+the+client+application.",
     ("access_denied", "user_not_assigned_to_app", "fix_config")),
    (400, '{"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using '
          'this method."}', ("unauthorized_client", "client_not_authorized", "fix_config")),
    (400, '{"error":"invalid_grant","error_description":"Account disabled"}',
     ("invalid_grant", "account_disabled", "fix_config")),
    (400, '{"error":"access_denied","error_description":"The requested feature is not enabled in this environment."}',
     ("access_denied", "feature_or_api_not_enabled", "fix_config")),
    (403, '{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}',
     ("insufficient_scope", "missing_permission", "fix_config")),
    (400, '{"error":"invalid_app_access","error_description":"user is not admin approved to access this app"}',
     ("access_denied", "admin_approval_required", "fix_config")),
    (400, '{"error":"invalid_grant","error_description":"Account is not fully set up"}',
     ("interaction_required", "required_user_actions_pending", "reauth")),
    (400, '{"error":"invalid_grant","error_description":"Token client and authorized client don\'t match"}',
     ("invalid_grant", "grant_issued_for_other_client_or_endpoint", "fix_config")),
    (401, '{"error":"Unauthorized","status":401,"message":"Client ID and OAuth token do not match"}',
     ("invalid_token", "token_for_other_client", "fix_config")),
    (400, '{"error":"invalid_grant","error_description":"client_id mismatch. The code was not issued to com.example."}',
     ("invalid_grant", "grant_issued_for_other_client_or_endpoint", "fix_config")),
    (400, '{"message":"Bad Request","errors":[{"resource":"RefreshToken","field":"refresh_token","code":"invalid"}]}',
     ("invalid_grant", "ambiguous", "reauth")),  # Strava's profile lists rotation, revocation, another client
    (400, '{"error":{"message":"Error validating access token: The session has been invalidated because the user '
          'changed their password.","type":"OAuthException","code":190}}',
     ("invalid_token", "token_revoked", "reauth")),
    # Family 5: a dead grant says so.
    (401, '{"error":{"message":"Error validating access token: The user has not authorized application 1.",'
          '"type":"OAuthException","code":190}}', ("invalid_token", "token_revoked", "reauth")),
    # Family 6: redirect problems on pages, whatever the status.
    (500, "<html><body><h1>Error</h1><p>The redirect_uri is not registered for this client.</p></body></html>",
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    (None, "Callback URL mismatch. The provided redirect_uri is not in the list of allowed callback URLs.",
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    # Family 8: a silent request needs the user.
    (None, "MsalUiRequiredException: No account or login hint was passed to the AcquireTokenSilent call.",
     ("interaction_required", "login_required", "reauth")),
    # Family 9 and transport: transient.
    (None, "Error: connect ECONNREFUSED 127.0.0.1:443", ("temporarily_unavailable", "network_error", "retry")),
    (None, "Error: The user has not authorized the device code yet.",
     ("authorization_pending", "device_authorization_pending", "retry")),
    # Second round (#16): word order, inflections and synonyms of families already known.
    (401, 'Bearer error="invalid_token", error_description="The audience \'api://orders\' is invalid"',
     ("invalid_token", "token_for_wrong_audience", "fix_config")),
    (401, "The token was minted for a different audience", ("invalid_token", "token_for_wrong_audience", "fix_config")),
    (401, "Key not accepted: the issuer 'https://idp.example/realms/test' is not trusted",
     ("invalid_token", "token_from_other_issuer", "fix_config")),
    (401, "token not authorised", ("invalid_token", "ambiguous", "fix_config")),
    (400, '{"error":"invalid_grant","error_description":"Code challenge failed."}',
     ("invalid_grant", "pkce_verifier_mismatch", "fix_config")),
    (400, '{"error":"invalid_grant","error_description":"This authorization code has been used."}',
     ("invalid_grant", "auth_code_reused", "reauth")),
    (400, '{"error":"invalid_request","error_description":"Client credentials were sent both in the header and in '
          'the body"}', ("invalid_request", "wrong_client_auth_method", "fix_config")),
    (401, "The client is not allowed to use the client_secret_post authentication method",
     ("invalid_client", "wrong_client_auth_method", "fix_config")),
    (302, "error=unsupported_response_type&error_description=The+client+is+not+allowed+to+request+response_type+"
          "%27code+id_token%27.", ("unauthorized_client", "response_type_not_allowed_for_client", "fix_config")),
    (400, "Error Code: invalid_request\nDescription: The 'redirect_uri' parameter must be an absolute URI that is "
          "registered for the client", ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    (400, "Invalid callback URL. The callback URL must match one registered with the app",
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    (400, "Required parameter is missing: client_id", ("invalid_request", "missing_parameter", "fix_config")),
    (403, '{"errors":[{"code":"FORBIDDEN","message":"Not enough permissions to access: files.read"}]}',
     ("insufficient_scope", "missing_scope", "fix_config")),
    (401, '{"errors":[{"code":"UNAUTHORIZED","message":"The app has been uninstalled"}]}',
     ("invalid_token", "token_revoked", "reauth")),
    (None, "The user account is locked", ("access_denied", "account_disabled", "fix_config")),
    (502, '{"message":"Connection error: the user has denied access to the company file"}',
     ("access_denied", "user_denied_consent", "reauth")),
    # RFC 9470 step-up, and a second factor: the user must interact.
    (401, 'WWW-Authenticate: Bearer error="insufficient_user_authentication", error_description="A different '
          'authentication level is required", acr_values="phr"',
     ("interaction_required", "step_up_required", "reauth")),
    (401, '{"message":"The access token requires additional assurance to access the resource"}',
     ("interaction_required", "step_up_required", "reauth")),
    (403, '{"error":"mfa_required","error_description":"Multifactor authentication required"}',
     ("interaction_required", "mfa_required", "reauth")),
    # fosite's wrapper around an expired client assertion (error 'error', the reason in error_debug), any status.
    (500, '{"error":"error","error_description":"The error is unrecognizable","status_code":500,'
          '"error_debug":"Token used before issued"}', ("invalid_client", "clock_skew", "fix_config")),
    # Spring Security's wrapper of a token-endpoint answer it could not read: a 401 there is client authentication.
    (None, "[invalid_token_response] An error occurred while attempting to retrieve the OAuth 2.0 Access Token "
           "Response: 401 Unauthorized: [no body]", ("invalid_client", "bad_client_credentials", "fix_config")),
    (None, "[invalid_grant] Invalid authorization code", ("invalid_grant", "auth_code_invalid_or_reused", "reauth")),
    # A bare identifier is read as its words.
    (None, "ClientAuthenticationFailed", ("invalid_client", "bad_client_credentials", "fix_config")),
    (None, "Invalid grant", ("invalid_grant", "ambiguous", "reauth")),
])
def test_unseen_wording_is_recognised_by_family(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


def test_text_without_oauth_meaning_stays_unknown() -> None:
    assert run(None, "hello world")[0] == "unknown"
    assert run(404, "Not Found")[0] == "unknown"


def test_provider_rules_stay_first() -> None:
    """Entra's own code outranks a phrase: AADSTS70000 inside MSAL's 'UI required' exception is a dead grant."""
    body = ("Microsoft.Identity.Client.MsalUiRequiredException: AADSTS70000: The user could not be authenticated as "
            "the grant is expired. The user must sign in again.")
    assert run(400, body)[:1] == ("invalid_grant",)


def test_every_phrase_rule_names_its_source_and_basis() -> None:
    rules = get_profile("generic").errors.rules
    assert len(rules) >= 40
    for rule in rules:
        assert rule.source and rule.source.startswith("https://"), rule
        assert rule.basis in ("confirmed", "heuristic"), rule
        # a token refused without a reason states no decision: the engine's _refused_without_reason gives it
        assert rule.failure_class and rule.cause and (rule.decision or (
            rule.failure_class, rule.cause) == ("invalid_token", "ambiguous")), rule


def test_phrase_patterns_compile_once_and_only_when_needed() -> None:
    book = RuleBook()
    classify(400, '{"error":"invalid_grant","error_description":"AADSTS70008: expired"}', provider="microsoft",
             rulebook=book)
    phrases = book.phrases()
    assert isinstance(phrases, CompiledRules)
    # Entra's code table answered: the phrase layer was never indexed, no matcher of it built
    assert "_prefilter" not in vars(phrases) and not phrases._built
    classify(401, "TokenExpiredError: jwt expired", rulebook=book)
    index, built = vars(phrases)["_prefilter"], dict(phrases._built)
    # only the matchers of the rules this body could meet were built, not one per phrase
    assert 0 < len(built) < len(phrases._error_rules) // 20
    classify(401, "TokenExpiredError: jwt expired", rulebook=book)
    assert book.phrases() is phrases and vars(phrases)["_prefilter"] is index
    assert all(phrases._built[position] is matcher for position, matcher in built.items())


def _all_patterns() -> list[str]:
    from oauthdoctor.classifier.baseline import GENERIC_RULES
    from oauthdoctor.profiles.loader import all_profiles

    found = [p for r in GENERIC_RULES for p in (r.description, r.text) if p]
    for profile in all_profiles():
        rules = profile.errors
        found += [p for r in rules.rules for p in (r.description, r.text, *r.fields.values(), *r.headers.values()) if p]
        found += [p for s in rules.signatures for p in (s.description, s.text, *s.fields.values()) if p]
        if rules.code_pattern:
            found.append(rules.code_pattern)
    return found


def _texts() -> list[str]:
    import json
    from pathlib import Path

    import yaml

    from oauthdoctor.classifier.extract import extract

    fixtures = Path(__file__).resolve().parent / "fixtures"
    texts: list[str] = []
    for name in ("errors_corpus_dev.yaml", "errors_corpus_dev2.yaml", "errors_corpus_dev3.yaml",
                 "errors_corpus_dev4.yaml", "errors_corpus_dev5.yaml", "errors_corpus_dev6.yaml",
                 "errors_dev.yaml"):
        for case in yaml.safe_load((fixtures / name).read_text(encoding="utf-8")):
            ex = extract(case["status"], case["body"], case.get("headers"))
            texts += [ex.text, ex.desc_text, case["body"], json.dumps(case["body"])]
    return texts


def test_every_phrase_and_signature_pattern_has_literal_anchors() -> None:
    """A pattern without anchors is compiled and run on every text: the phrase layer (consulted for most bodies)
    and the detection signatures (run for every body without a provider) must all have them."""
    from oauthdoctor.classifier.anchors import anchors
    from oauthdoctor.profiles.loader import all_profiles

    missing = [r.description or r.text for r in get_profile("generic").errors.rules
               for p in (r.description, r.text) if p and anchors(p) is None]
    missing += [p for profile in all_profiles() for s in profile.errors.signatures
                for p in (s.description, s.text) if p and anchors(p) is None]
    assert missing == []


def test_literal_anchors_never_refuse_a_text_the_pattern_matches() -> None:
    """The anchors only skip work: every pattern of every profile, on every corpus text, agrees with re."""
    import re

    from oauthdoctor.classifier.match import LazyPattern

    texts = _texts()
    checked = 0
    for source in _all_patterns():
        lazy, rx = LazyPattern(source), re.compile(source, re.I | re.S)
        for text in texts:
            if rx.search(text):
                assert lazy.may_match(text.lower()), (source, text[:120])
                checked += 1
    assert checked > 500


@pytest.mark.parametrize(("pattern", "expected"), [
    ("access token.{0,40}expired|token (?:has )?expired", ("access token", "expired")),
    (r"\bAADSTS\d{4,}", ("aadsts",)),
    ("colou?r is", ("colo",)),
    (r"(?<!client )authentication failure|api key", ("authentication failure", "api key")),
    ("x+yz", None),  # no run of 3 required characters
    ("a(b|c)d|xyz", None),  # one alternative without an anchor: no anchors at all
    # a group the alternative cannot skip, whose every branch has a run: its runs are the anchors
    (r"\b(?:client|consumer|app(?:lication)?)[ _-]?ids?\b", ("client", "consumer", "app")),
    (r"(?:abc|de)?x", None),  # an optional group gives nothing
    (r"(?!abc)(?:client|app)s", ("client", "app")),  # a lookaround gives nothing, the group after it does
    (r"(?-i:Client|App)id", None),  # an inline-flag group is not read (and "id" is too short a run)
])
def test_literal_anchors(pattern: str, expected: tuple[str, ...] | None) -> None:
    from oauthdoctor.classifier.anchors import anchors

    assert anchors(pattern) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # Wording families of the phrase layer, without any provider (issue #16, third round).
    ("AADSTS50011: The reply url specified in the request does not match the reply urls configured",
     ("redirect_uri_mismatch", "fix_config")),
    ("The provided grant has expired due to it being revoked.", ("invalid_grant", "reauth")),
    ("The provided value for the input parameter 'scope' is not valid. The scope a,b is not valid.",
     ("invalid_scope", "fix_config")),
    ('{"error":"invalid_request","error_description":"Invalid scopes: admin"}', ("invalid_scope", "fix_config")),
    ("Due to a configuration change made by your administrator, you must use multi-factor authentication",
     ("interaction_required", "reauth")),
    ("ApplicationAuthenticationFailed", ("invalid_client", "fix_config")),
    ("admin_policy_enforced", ("access_denied", "fix_config")),
    ("EntityOrRoleDisabled", ("access_denied", "fix_config")),
    ("Auth Error: [400 bad request] invalid grant - Please check the 'exp' claim.", ("invalid_grant", "fix_config")),
])
def test_phrase_families_without_a_provider(body: str, expected: tuple[str, str]) -> None:
    got = classify(400, body, rulebook=RuleBook())
    assert (got.failure_class, got.decision) == expected, got.cause


@pytest.mark.parametrize(("body", "expected"), [
    ("The user or administrator has not consented to use the application", ("interaction_required", "reauth")),
    ("Token used too late, 1700000000 > 1699999999", ("invalid_token", "retry")),
    ("getaddrinfo ENOTFOUND login.example.com", ("temporarily_unavailable", "retry")),
    ("The OAuth client was deleted.", ("invalid_client", "fix_config")),
    ("Request is missing required authentication credential. Expected OAuth 2 access token",
     ("invalid_request", "fix_config")),
    ("Access blocked: This app’s request is invalid", ("invalid_request", "fix_config")),
    ('{"error":"access_denied","error_description":"Service account not enabled for domain-wide delegation"}',
     ("access_denied", "fix_config")),
])
def test_more_phrase_families_without_a_provider(body: str, expected: tuple[str, str]) -> None:
    got = classify(None, body, rulebook=RuleBook())
    assert (got.failure_class, got.decision) == expected, got.cause


@pytest.mark.parametrize(("status", "body", "expected"), [
    (401, '{"error":"invalid_token","error_description":"Token is not valid for this tenant"}',
     ("invalid_token", "fix_config")),
    (200, '{"ok":false,"error":"not_allowed_token_type"}', ("invalid_token", "fix_config")),
    (400, '{"error":"invalid_grant","error_description":"no_valid_keys_or_signatures"}',
     ("invalid_grant", "fix_config")),
    (401, '{"error":{"code":"InvalidAuthenticationToken","message":"CompactToken parsing failed with error code: 1"}}',
     ("invalid_token", "fix_config")),
    (415, '{"error":"invalid_request","error_description":"Content-Type must be application/x-www-form-urlencoded"}',
     ("invalid_request", "fix_config")),
    (403, 'Bearer error="insufficient_scope", error_description="Access to this resource requires scope public"',
     ("insufficient_scope", "fix_config")),
])
def test_token_and_request_families(status: int, body: str, expected: tuple[str, str]) -> None:
    got = classify(status, body, rulebook=RuleBook())
    assert (got.failure_class, got.decision) == expected, got.cause


@pytest.mark.parametrize(("body", "expected"), [
    # MSAL's InteractionRequiredAuthError (no_tokens_found): the cache holds no refresh token and MSAL asks for an
    # interactive sign-in - reauth, not a refresh token missing from the app's configuration.
    ("InteractionRequiredAuthError: no_tokens_found: No refresh token found in the cache. Please sign-in.",
     ("interaction_required", "login_required", "reauth")),
    ("The requested account is not available in the native broker. It may have been deleted or logged out. "
     "Please sign-in again using an interactive API.", ("interaction_required", "login_required", "reauth")),
    # google-auth-library-nodejs: the client was given no refresh token to refresh with - still configuration; the
    # class is the access token that cannot be renewed (no server refused a grant; round sixteen's convention).
    ("Error: No refresh token is set.", ("invalid_token", "refresh_token_missing", "fix_config")),
])
def test_phrase_rule_corrections(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # fosite / node-oidc-provider: "client_id mismatch" is a known client whose two ids in one request disagree,
    # not an unknown client id.
    ('{"error":"invalid_request","error_description":"The request is missing a required parameter, includes an '
     'invalid parameter value, includes a parameter more than once, or is otherwise malformed. Provided client_id '
     'mismatch."}', ("invalid_request", "client_id_mismatch_in_request", "fix_config")),
    ('{"error":"invalid_request_object","error_description":"request client_id mismatch"}',
     ("invalid_request", "client_id_mismatch_in_request", "fix_config")),
    # An unknown client id stays one (node-oidc-provider's detail, oauthlib's InvalidClientIdError).
    ('{"error":"invalid_client","error_description":"client not found"}',
     ("invalid_client", "unknown_client_id", "fix_config")),
    ('{"error":"invalid_request","error_description":"Invalid client_id parameter value."}',
     ("invalid_client", "unknown_client_id", "fix_config")),
])
def test_client_id_mismatch_is_not_an_unknown_client(body: str, expected: tuple[str, str, str]) -> None:
    assert run(400, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # Keycloak's password grant for a client with Consent Required: the client's settings, not an OIDC
    # consent_required a new interactive request would fix.
    ('{"error":"invalid_client","error_description":"Client requires user consent"}',
     ("invalid_client", "consent_required", "fix_config")),
    # Okta's consent_required on the password grant names the fix in the app's settings.
    ('{"error":"consent_required","error_description":"The following scopes require user consent: [email]. To '
     'access protected scopes using the resource owner password grant type, please uncheck \'Require consent\' in '
     'the app settings or set the \'consent_method\' to \'TRUSTED\' through the apps API."}',
     ("interaction_required", "consent_required", "fix_config")),
    # The OIDC error itself (fosite's description) still asks the user.
    ('{"error":"consent_required","error_description":"The Authorization Server requires End-User consent."}',
     ("interaction_required", "consent_required", "reauth")),
    # Keycloak's pending required actions on a password grant: the user finishes them in a browser sign-in.
    ('{"error":"invalid_grant","error_description":"Account is not fully set up"}',
     ("interaction_required", "required_user_actions_pending", "reauth")),
])
def test_keycloak_consent_and_required_actions(body: str, expected: tuple[str, str, str]) -> None:
    assert run(400, body) == expected


def test_a_policy_that_does_not_require_mfa_is_not_an_mfa_prompt() -> None:
    # Okta's mfa_not_required says the opposite of "requires MFA": the attestation request does not fit the app.
    body = ('{"error":"mfa_not_required","error_description":"The MFA attestation request cannot proceed because the '
            'client app policy does not require MFA."}')
    assert run(400, body)[1:] == ("ambiguous", "fix_config")
    assert run(401, '{"error":"mfa_required","error_description":"Multifactor authentication required"}') == (
        "interaction_required", "mfa_required", "reauth")


def test_unknown_client_authentication_method_names_both_causes() -> None:
    # Authelia's introspection answer: no known client authentication method *or* invalid details.
    body = ('{"error":"request_unauthorized","error_description":"The request could not be authorized. The request '
            'either did not include a known client authentication method, or contained invalid authentication '
            'details."}')
    r = classify(401, body, None, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_client", "ambiguous", "fix_config")
    assert [c.cause for c in r.candidates] == ["client_authentication_missing", "bad_client_credentials"]


@pytest.mark.parametrize(("body", "expected"), [
    # Hydra's request_forbidden for a login/consent step that came back without its CSRF cookie: a lost session.
    ('{"error":"request_forbidden","error_description":"The request is not allowed. No CSRF value available in the '
     'session cookie."}', ("invalid_request", "state_or_session_lost", "fix_config")),
    ('{"error":"request_forbidden","error_description":"The request is not allowed. The CSRF value from the token '
     'does not match the CSRF value from the data store."}',
     ("invalid_request", "state_or_session_lost", "fix_config")),
    # fosite's plain request_forbidden stays a missing permission.
    ('{"error":"request_forbidden","error_description":"The request is not allowed. You are not allowed to perform '
     'this action."}', ("insufficient_scope", "missing_permission", "fix_config")),
])
def test_hydra_csrf_cookie_is_a_lost_session(body: str, expected: tuple[str, str, str]) -> None:
    assert run(403, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # OpenIddict: a live grant redeemed by the wrong client, or with no client_id - configuration, not a dead grant.
    ('{"error":"invalid_grant","error_description":"The specified refresh token cannot be used by this client '
     'application."}', ("invalid_grant", "grant_issued_for_other_client_or_endpoint", "fix_config")),
    ('{"error":"invalid_grant","error_description":"The specified authorization code cannot be used by this client '
     'application."}', ("invalid_grant", "grant_issued_for_other_client_or_endpoint", "fix_config")),
    ('{"error":"invalid_grant","error_description":"The specified refresh token cannot be used without sending a '
     'client identifier."}', ("invalid_grant", "missing_parameter", "fix_config")),
    # A refresh token the server cannot use at all, and node-oidc-provider's expired grant, stay dead grants.
    ('{"error":"invalid_grant","error_description":"The refresh token could not be found"}',
     ("invalid_grant", "grant_dead", "reauth")),
    ('{"error":"invalid_grant","error_description":"grant is expired"}', ("invalid_grant", "grant_dead", "reauth")),
])
def test_a_grant_for_another_client_is_not_a_dead_grant(body: str, expected: tuple[str, str, str]) -> None:
    assert run(400, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # jsonwebtoken's NotBeforeError and node-oidc-provider's nbf check: a time claim, so the clock, not the claims.
    ('{"error":"invalid_grant","error_description":"jwt not active"}', ("invalid_grant", "clock_skew", "fix_config")),
    ('{"error":"invalid_client","error_description":"jwt not active yet"}',
     ("invalid_client", "clock_skew", "fix_config")),
])
def test_a_jwt_not_active_yet_is_a_time_claim(body: str, expected: tuple[str, str, str]) -> None:
    assert run(400, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # node-oidc-provider's InsufficientScope: the token is there and lacks a scope.
    ("InsufficientScope: access token missing requested scope", ("insufficient_scope", "missing_scope", "fix_config")),
    ("access token missing openid scope", ("insufficient_scope", "missing_scope", "fix_config")),
    # No token at all stays access_token_missing.
    ('{"message":"access token missing"}', ("invalid_request", "access_token_missing", "fix_config")),
])
def test_a_token_missing_a_scope_is_not_a_missing_token(body: str, expected: tuple[str, str, str]) -> None:
    assert run(403, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # golang.org/x/oauth2 (oauth2.go, tokenRefresher.Token): the token source was given no refresh token. Not a dead
    # grant, although the words "expired" and "refresh token" are both there.
    ("oauth2: token expired and refresh token is not set", ("invalid_grant", "refresh_token_missing", "fix_config")),
    ('Post "https://oauth2.googleapis.com/token": oauth2: token expired and refresh token is not set',
     ("invalid_grant", "refresh_token_missing", "fix_config")),
    # A server that refuses an expired refresh token stays a dead grant.
    ('{"error":"invalid_grant","error_description":"expired refresh token"}',
     ("invalid_grant", "refresh_token_expired_or_revoked", "reauth")),
])
def test_a_refresh_token_never_set_is_the_setup_not_a_dead_grant(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # jose (src/lib/jwt_claims_set.ts) and openid-client (lib/client.js) name the claim that failed; the family of
    # the claim is the cause. Written from the libraries' own message texts, not from a corpus.
    ('JWTExpired: "exp" claim timestamp check failed', ("invalid_token", "access_token_expired", "retry")),
    ('JWTClaimValidationFailed: "nbf" claim timestamp check failed', ("invalid_token", "clock_skew", "fix_config")),
    ('JWTClaimValidationFailed: "iat" claim timestamp check failed (it should be in the past)',
     ("invalid_token", "clock_skew", "fix_config")),
    ('JWTClaimValidationFailed: unexpected "aud" claim value',
     ("invalid_token", "token_for_wrong_audience", "fix_config")),
    ('JWTClaimValidationFailed: unexpected "iss" claim value',
     ("invalid_token", "token_from_other_issuer", "fix_config")),
    ("RPError: unexpected iss value, expected https://a.example.com, got: https://b.example.com",
     ("invalid_token", "token_from_other_issuer", "fix_config")),
    ("JWKSNoMatchingKey: no applicable key found in the JSON Web Key Set",
     ("invalid_token", "token_signature_invalid", "fix_config")),
    ("RPError: unexpected JWT alg received, expected RS256, got: HS256",
     ("invalid_token", "token_signature_invalid", "fix_config")),
    ("[next-auth][error][OAUTH_CALLBACK_ERROR] checks.state argument is missing",
     ("invalid_request", "state_or_session_lost", "fix_config")),
    ("RPError: nonce mismatch, expected undefined, got: 4f1c",
     ("invalid_request", "state_or_session_lost", "fix_config")),
    ("RPError: state missing from the response", ("invalid_request", "state_or_session_lost", "fix_config")),
])
def test_jwt_claim_checks_of_client_libraries(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected


def test_an_access_token_expired_or_revoked_names_both_causes() -> None:
    """"expired or revoked" is two causes; "revoked" alone is one (reauth)."""
    r = classify(401, '{"error":"invalid_token","error_description":"access token expired or revoked"}',
                 rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_token", "ambiguous", "retry")
    assert {c.cause for c in r.candidates} == {"access_token_expired", "token_invalid_or_revoked"}
    assert run(401, '{"error":"invalid_token","error_description":"The access token has been revoked"}') == (
        "invalid_token", "token_revoked", "reauth")


@pytest.mark.parametrize(("body", "expected"), [
    # Client libraries' own error codes, from their source: MSAL.js (msal-common/msal-browser error codes and
    # docs/errors.md), Firebase Auth (packages/auth/src/core/errors.ts), Okta Auth JS, Spring Security, OmniAuth,
    # Socialite and Auth0 SPA JS. None of these texts comes from a corpus.
    ("BrowserAuthError: interaction_in_progress: Interaction is currently in progress.",
     ("invalid_request", "interactive_call_in_progress", "fix_config")),
    ("BrowserAuthError: monitor_window_timeout: Token acquisition in iframe failed due to timeout.",
     ("invalid_request", "silent_renewal_redirect_page", "fix_config")),
    ("BrowserAuthError: hash_empty_error: Hash value cannot be processed because it is empty.",
     ("invalid_request", "state_or_session_lost", "fix_config")),
    ("ClientAuthError: state_mismatch: State mismatch error",
     ("invalid_request", "state_or_session_lost", "fix_config")),
    ("Laravel\\Socialite\\Two\\InvalidStateException", ("invalid_request", "state_or_session_lost", "fix_config")),
    ("(github) Authentication failure! csrf_detected: OmniAuth::Strategies::OAuth2::CallbackError, csrf_detected | "
     "CSRF detected", ("invalid_request", "state_or_session_lost", "fix_config")),
    ("Error: Invalid state", ("invalid_request", "state_or_session_lost", "fix_config")),
    ("BrowserAuthError: user_cancelled: User cancelled the flow.",
     ("access_denied", "user_cancelled_sign_in", "reauth")),
    ("FirebaseError: Firebase: Error (auth/popup-closed-by-user).",
     ("access_denied", "user_cancelled_sign_in", "reauth")),
    ("FirebaseError: Firebase: Error (auth/user-token-expired).",
     ("invalid_grant", "refresh_token_expired_or_revoked", "reauth")),
    ("FirebaseError: Firebase: Error (auth/requires-recent-login).",
     ("interaction_required", "recent_login_required", "reauth")),
    ("FirebaseError: Firebase: Error (auth/unauthorized-domain).",
     ("redirect_uri_mismatch", "domain_not_authorized", "fix_config")),
    ("FirebaseError: Firebase: Error (auth/operation-not-allowed).",
     ("unauthorized_client", "sign_in_provider_disabled", "fix_config")),
    ("FirebaseError: Firebase: Error (auth/network-request-failed).",
     ("temporarily_unavailable", "network_error", "retry")),
    ("FirebaseError: Firebase: Error (auth/too-many-requests).", ("rate_limited", "rate_limit_exceeded", "retry")),
    ("ClientConfigurationError: untrusted_authority: The provided authority is not a trusted authority.",
     ("invalid_request", "authority_misconfigured", "fix_config")),
    # Okta Auth JS stops a renew loop; that is not a server's rate limit.
    ("AuthSdkError: Too many token renew requests", ("invalid_request", "token_renew_loop", "fix_config")),
    ("AuthSdkError: The redirectUri passed to /authorize must also be passed to /token",
     ("invalid_grant", "redirect_uri_differs_from_authorize", "fix_config")),
    ("AuthSdkError: The issuer [https://a.example.com] does not match [https://b.example.com]",
     ("invalid_token", "token_from_other_issuer", "fix_config")),
    ("[missing_user_name_attribute] Missing required \"user name\" attribute name in UserInfoEndpoint",
     ("invalid_request", "client_registration_incomplete", "fix_config")),
    # ASP.NET Core's OAuth and OpenID Connect handlers, social-core and Auth.js
    ("AuthenticationFailureException: The oauth state was missing or invalid.",
     ("invalid_request", "state_or_session_lost", "fix_config")),
    ("Exception: Correlation failed.", ("invalid_request", "state_or_session_lost", "fix_config")),
    ("IDX21323: RequireNonce is 'System.Boolean'. OpenIdConnectProtocolValidationContext.Nonce was null",
     ("invalid_request", "state_or_session_lost", "fix_config")),
    ("social_core.exceptions.AuthStateMissing: Session value state missing.",
     ("invalid_request", "state_or_session_lost", "fix_config")),
    ("[auth][error] InvalidCheck: pkceCodeVerifier value could not be parsed.",
     ("invalid_request", "state_or_session_lost", "fix_config")),
    ("social_core.exceptions.AuthCanceled: Authentication process canceled",  # also a 400 at the token endpoint
     ("access_denied", "ambiguous", "reauth")),
    ("social_core.exceptions.AuthTokenRevoked: User revoke access to the token",
     ("invalid_token", "token_revoked", "reauth")),
    ("social_core.exceptions.AuthForbidden: Your credentials aren't allowed",
     ("access_denied", "access_policy_denied", "fix_config")),
    ("[invalid_redirect_uri_parameter] ",
     ("redirect_uri_mismatch", "redirect_uri_differs_from_authorize", "fix_config")),
])
def test_client_library_error_codes(body: str, expected: tuple[str, str, str]) -> None:
    assert run(None, body) == expected


def test_too_many_requests_stays_a_rate_limit() -> None:
    assert run(429, "Too many requests, please try again later")[0] == "rate_limited"


def test_a_refresh_token_of_another_client_is_configuration_not_a_dead_grant() -> None:
    """"Invalid refresh token" names the token; "token client and authorized client don't match" names why, and
    that is the client the program uses (Keycloak's wording)."""
    body = ('{"error":"invalid_grant","error_description":"Invalid refresh token. Token client and authorized client '
            'don\'t match"}')
    assert run(400, body) == ("invalid_grant", "grant_issued_for_other_client_or_endpoint", "fix_config")
    assert run(400, '{"error":"invalid_grant","error_description":"Invalid refresh token"}') == (
        "invalid_grant", "refresh_token_invalid", "reauth")


@pytest.mark.parametrize(("status", "body", "expected"), [
    # RFC 6749 5.2 unauthorized_client in the words of a server that names the flow
    (400, "InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client",
     ("unauthorized_client", "grant_type_not_enabled_for_client", "fix_config")),
    (400, "Implicit flow is not enabled for this client",
     ("unauthorized_client", "grant_type_not_enabled_for_client", "fix_config")),
    # AWS's throttling exception names no "limit": "Rate exceeded"
    (400, "TooManyRequestsException: Rate exceeded", ("rate_limited", "rate_limit_exceeded", "retry")),
    # Google's anonymous quota: the call carried no credentials
    (403, '{"error":{"code":403,"message":"Daily Limit for Unauthenticated Use Exceeded. Continued use requires '
          'signup."}}', ("invalid_request", "access_token_missing", "fix_config")),
])
def test_flows_throttling_and_anonymous_calls(status: int, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


@pytest.mark.parametrize(("status", "body", "headers", "expected"), [
    # An authorization error redirected to the client (RFC 6749 4.1.2.1): the Location URL carries it.
    (302, "", {"Location": "https://app.example/cb?error=unsupported_response_type&error_description=Response+type+"
                           "test+not+supported.&state=x"},
     ("unsupported_response_type", "response_type_not_allowed", "fix_config")),
    (None, "HTTP/1.1 302 Found\nLocation: https://app.example/cb#error=access_denied&state=x\n\n", None,
     ("access_denied", "user_denied_consent", "reauth")),
    # A success redirect is not an error.
    (302, "", {"Location": "https://app.example/cb?code=abc&state=x"}, ("unknown", "unrecognised_response", "none")),
    # The validation-error shape (GitHub REST, Strava): errors[] names the refused OAuth parameter.
    (400, '{"message":"Bad Request","errors":[{"resource":"Application","field":"client_id","code":"invalid"}]}', None,
     ("invalid_client", "bad_client_credentials", "fix_config")),
    (400, '{"message":"Bad Request","errors":[{"resource":"AuthorizationCode","field":"code","code":"invalid"}]}',
     None, ("invalid_grant", "ambiguous", "reauth")),  # Strava's profile: used, malformed, another client
    (400, '{"message":"Bad Request","errors":[{"resource":"Application","field":"redirect_uri","code":"invalid"}]}',
     None, ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    # A stack trace page in <pre> is a page: its entities are decoded before the rules read it.
    (401, "<pre>InvalidTokenError: Unexpected &#39;aud&#39; value<br> at index.js:300:19</pre>", None,
     ("invalid_token", "token_for_wrong_audience", "fix_config")),
    # The service prescribes the remedy: connect the account again.
    (None, "Authentication failed — please reconnect account", None, ("invalid_grant", "grant_dead", "reauth")),
    (None, "Your integration was disabled. Click here to reconnect.", None, ("invalid_grant", "grant_dead", "reauth")),
    # The client's loopback listener could not start: no server was reached, the fix is local.
    (None, "failed to start auth webserver: listen tcp 127.0.0.1:53682: bind: address already in use", None,
     ("unknown", "local_callback_listener_failed", "fix_config")),
    # OIDC login_required in Okta's words; a redirect URI the app does not know, in GitHub's and X's.
    (None, "OAuthError: The client specified not to prompt, but the user is not logged in.", None,
     ("interaction_required", "login_required", "reauth")),
    (200, "The `redirect_uri` is not associated with this application.", None,
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    (403, "Callback URL not approved for this client application.", None,
     ("redirect_uri_mismatch", "redirect_uri_not_registered", "fix_config")),
    (400, "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:a/b'",
     None, ("invalid_client", "federated_credential_mismatch", "fix_config")),
])
def test_redirects_field_errors_pages_and_prescriptions(status: int | None, body: str,
                                                        headers: dict[str, str] | None,
                                                        expected: tuple[str, str, str]) -> None:
    assert run(status, body, headers) == expected


@pytest.mark.parametrize(("provider", "status", "body", "expected"), [
    # Entra's sign-in log names the code without its prefix.
    ("microsoft", None, "Sign-in error code: 50105 The signed in user is not assigned to a role for the signed in "
                        "application.", ("access_denied", "user_not_assigned_to_app", "fix_config")),
    ("microsoft", 400, '{"error":"invalid_request","error_description":"AADSTS70021: No matching federated identity '
                       'record found for presented assertion."}',
     ("invalid_client", "federated_credential_mismatch", "fix_config")),
    # google-auth-library: rapt_required asks for an interactive reauthentication; internal_failure is retried.
    ("google", 400, '{"error": "invalid_grant", "error_subtype": "rapt_required"}',
     ("invalid_grant", "reauth_required_by_session_control", "reauth")),
    ("google", None, '{"error": "internal_failure"}', ("server_error", "idp_server_error", "retry")),
    # Slack: a revoked incoming webhook answers 404 "No service".
    ("slack", 404, "No Service", ("invalid_token", "token_revoked", "reauth")),
])
def test_provider_wording_from_their_docs_and_libraries(provider: str, status: int | None, body: str,
                                                        expected: tuple[str, str, str]) -> None:
    r = classify(status, body, provider=provider, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == expected


def test_a_named_cause_outside_oauth_says_how_firm_its_rule_is() -> None:
    """Class ``unknown`` with a cause a rule named (a local listener) is as firm as that rule; unrecognised text
    stays ``low``."""
    named = classify(None, "failed to start auth webserver: listen tcp 127.0.0.1:53682: bind: address already in use",
                     rulebook=BOOK)
    assert (named.failure_class, named.decision, named.confidence) == ("unknown", "fix_config", "medium")
    plain = classify(None, "hello world", rulebook=BOOK)
    assert (plain.failure_class, plain.cause, plain.confidence) == ("unknown", "unrecognised_response", "low")


@pytest.mark.parametrize(("status", "body", "expected"), [
    # go-oidc's verifier (oidc/verify.go, oidc/jwks.go)
    (None, 'failed to verify ID token: oidc: id token issued by a different provider, expected "https://a/" got '
           '"https://a"', ("invalid_token", "token_from_other_issuer", "fix_config")),
    (None, 'oidc: expected audience "web" got ["mobile"]', ("invalid_token", "token_for_wrong_audience", "fix_config")),
    (None, "oidc: current time 2023-05-02 10:00:00 +0000 UTC before the nbf (not before) time: 2023-05-02 10:07:12",
     ("invalid_token", "clock_skew", "fix_config")),
    (None, "failed to verify signature: failed to verify id token signature",
     ("invalid_token", "token_signature_invalid", "fix_config")),
    # league/oauth2-server's resource server: access_denied at 401 with the reason in hint is a token problem
    (401, '{"error":"access_denied","error_description":"The resource owner or authorization server denied the '
          'request.","hint":"Access token could not be verified"}',
     # detected as league (providers/league-oauth2-server.yaml): the hint also covers an expired token, so ambiguous
     ("invalid_token", "ambiguous", "fix_config")),
    (401, '{"error":"access_denied","error_description":"The resource owner or authorization server denied the '
          'request.","hint":"Missing \\"Authorization\\" header"}',
     ("invalid_request", "access_token_missing", "fix_config")),
    (400, '{"error":"invalid_grant","error_description":"The refresh token is invalid.","hint":"Token is not linked '
          'to client"}', ("invalid_grant", "grant_issued_for_other_client_or_endpoint", "fix_config")),
    # OpenIddict ID2022/ID2023 (the wording detects providers/openiddict.yaml, whose rules name the cause),
    # djangorestframework-simplejwt, oauthlib
    (400, '{"error":"invalid_grant","error_description":"The authorization associated with the refresh token is no '
          'longer valid."}', ("invalid_grant", "authorization_revoked", "reauth")),
    (401, '{"error":"invalid_token","error_description":"The authorization associated with the token is no longer '
          'valid."}', ("invalid_token", "authorization_revoked", "reauth")),
    (401, '{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":'
          '"AccessToken","token_type":"access","message":"Token has wrong type"}]}',
     ("invalid_token", "wrong_token_type", "fix_config")),
    (None, 'Warning: Scope has changed from "read" to "read write".',
     ("invalid_scope", "granted_scope_differs", "fix_config")),
    # A token response without an access token is not an API call without one.
    (None, "oauthlib.oauth2.rfc6749.errors.MissingTokenError: (missing_token) Missing access token parameter.",
     ("unknown", "token_response_without_access_token", "fix_config")),
    (None, "oauth2: server response missing access_token",
     ("unknown", "token_response_without_access_token", "fix_config")),
    # A code named in quotes
    (400, '{"error":"invalid_request","error_description":"Invalid \\"code\\" in request."}',
     ("invalid_grant", "auth_code_invalid_or_reused", "reauth")),
    # RFC 6585's 429 in more words, and accounts or apps blocked by an administrator
    (None, "Limit of 100 requests per minute exceeded", ("rate_limited", "rate_limit_exceeded", "retry")),
    (None, "You have exceeded the number of allowed requests", ("rate_limited", "rate_limit_exceeded", "retry")),
    (None, "Flood control", ("rate_limited", "rate_limit_exceeded", "retry")),
    (None, "User is blocked", ("access_denied", "account_disabled", "fix_config")),
    (None, "This app has been disabled by the administrator", ("access_denied", "org_policy_blocks_app", "fix_config")),
])
def test_round_seven_families(status: int | None, body: str, expected: tuple[str, str, str]) -> None:
    assert run(status, body) == expected


def test_box_grant_credentials_are_configuration() -> None:
    r = classify(400, "Grant credentials are invalid [400 Bad Request] invalid_grant - Grant credentials are invalid",
                 provider="box", rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == ("invalid_grant", "ccg_credentials_or_subject_invalid",
                                                       "fix_config")
