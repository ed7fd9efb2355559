"""The generic RFC 6749 / 6750 / 8628 baseline: what any server's error means when no provider rule matches.

Kept in code (not YAML) so that it is always there, even with no profiles at all, and costs no parsing.
The rules read the description as well as the code, because servers often send the wrong code with a
telling description (``invalid_grant`` "Incorrect redirect_uri" is a redirect mismatch).
"""

from __future__ import annotations

import functools
import re

from oauthdoctor.classifier.result import UNRECOGNISED
from oauthdoctor.profiles.error_schema import Candidate, ErrorRule, Outcome

RFC6749 = "https://www.rfc-editor.org/rfc/rfc6749#section-5.2"
RFC6749_AUTHZ = "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1"
RFC6750 = "https://www.rfc-editor.org/rfc/rfc6750#section-3.1"
RFC8628 = "https://www.rfc-editor.org/rfc/rfc8628#section-3.5"
RFC7636 = "https://www.rfc-editor.org/rfc/rfc7636#section-4.6"
RFC7523 = "https://www.rfc-editor.org/rfc/rfc7523#section-3"
RFC6585 = "https://www.rfc-editor.org/rfc/rfc6585#section-4"
OIDC_AUTH_ERROR = "https://openid.net/specs/openid-connect-core-1_0.html#AuthError"

# class -> (decision, normalised HTTP status, default cause, what the class means)
CLASS_DEFAULTS: dict[str, tuple[str, int | None, str, str]] = {
    "invalid_request": ("fix_config", 400, "ambiguous", "the server rejected the request as malformed"),
    "invalid_client": ("fix_config", 401, "bad_client_credentials", "client authentication failed"),
    "invalid_grant": ("reauth", 400, "ambiguous", "the authorization code or refresh token was rejected"),
    "unauthorized_client": ("fix_config", 400, "grant_type_not_enabled_for_client",
                            "this client may not use this grant type"),
    "unsupported_grant_type": ("fix_config", 400, "grant_type_not_supported",
                               "the server does not support this grant type"),
    "invalid_scope": ("fix_config", 400, "invalid_scope_requested", "the requested scope or resource is invalid"),
    "access_denied": ("reauth", 403, "user_denied_consent", "access was denied"),
    "redirect_uri_mismatch": ("fix_config", 400, "redirect_uri_not_registered",
                              "the redirect URI does not match the registered one"),
    "unsupported_response_type": ("fix_config", 400, "response_type_not_allowed",
                                  "the response_type is not allowed for this client"),
    "invalid_token": ("retry", 401, "ambiguous", "the access token was refused"),
    "insufficient_scope": ("fix_config", 403, "missing_scope", "the access token lacks a required scope"),
    "interaction_required": ("reauth", 400, "interaction_required", "the user must sign in, consent or choose an "
                             "account interactively (a silent or non-interactive request cannot)"),
    "authorization_pending": ("retry", 400, "device_authorization_pending",
                              "the user has not finished the device authorization yet"),
    "slow_down": ("retry", 400, "device_polling_too_fast", "the device flow is polled too often"),
    "expired_token": ("reauth", 400, "device_code_expired", "the device code expired"),
    "server_error": ("retry", 500, "idp_server_error", "the authorization server failed"),
    "temporarily_unavailable": ("retry", 503, "token_service_unavailable",
                                "the authorization server is temporarily unavailable"),
    "rate_limited": ("retry", 429, "rate_limit_exceeded", "too many requests"),
    # Text with no OAuth meaning: nothing to decide (issue #11: it used to say "fix config").
    "unknown": ("none", None, UNRECOGNISED, "no OAuth error was recognised"),
}

# raw error value (normalised) -> class, for values that are not class names themselves
ERROR_CLASS: dict[str, str] = {
    # OIDC Core 3.1.2.6: the user must act (sign in, consent, pick an account); a silent request (prompt=none,
    # iframe renewal) cannot succeed, an interactive one can. Not a broken grant. Google's legacy immediate mode
    # says the same with IMMEDIATE_FAILED.
    "login_required": "interaction_required", "consent_required": "interaction_required",
    "account_selection_required": "interaction_required", "immediate_failed": "interaction_required",
    "invalid_resource": "invalid_scope",
    "invalid_target": "invalid_scope", "incorrect_client_credentials": "invalid_client",
    "bad_verification_code": "invalid_grant", "service_unavailable": "temporarily_unavailable",
    # gRPC's canonical names, as Google's API envelope gives them in error.status
    "unavailable": "temporarily_unavailable", "deadline_exceeded": "temporarily_unavailable",
    "rate_limit_exceeded": "rate_limited", "too_many_requests": "rate_limited", "ratelimited": "rate_limited",
    "rate_limit_reached": "rate_limited",  # Auth0's token endpoint: {"error": "Rate limit reached"} at 429
    "resource_exhausted": "rate_limited", "unauthenticated": "invalid_token", "token_expired": "invalid_token",
    "invalid_auth": "invalid_token",  # Slack: the token (or the IP it comes from) cannot be validated
    # AWS STS's AssumeRoleWithWebIdentity: the web identity token is past its exp (fetch a fresh one and repeat),
    # or not valid for this role's identity provider (its audience, issuer or thumbprint)
    "expiredtokenexception": "invalid_token", "invalididentitytoken": "invalid_token",
    "permission_denied": "access_denied", "invalid_redirect_uri": "redirect_uri_mismatch",
    "mismatching_redirect_uri": "redirect_uri_mismatch",  # Keyrock (FIWARE), an authorize-time comparison
    "unauthorized_scope_error": "invalid_scope", "unauthorized_scope": "invalid_scope",  # LinkedIn: not the app's
    "invalid_code": "invalid_grant", "incorrect_device_code": "invalid_grant",
    # A second factor or a stronger sign-in is an interaction, like Entra's AADSTS50076/50079 (Auth0 and Okta's
    # mfa_required come with an mfa_token for the challenge); RFC 9470's step-up challenge, and Okta's name for it.
    "mfa_required": "interaction_required", "insufficient_user_authentication": "interaction_required",
    "mfa_registration_required": "interaction_required",  # the user must enrol a second factor first (Auth0)
    "insufficient_authentication_context": "interaction_required",
    "invalid_client_id": "invalid_client", "missing_scope": "insufficient_scope",
    # Microsoft Graph / Azure resource APIs name the token problem in CamelCase
    "invalidauthenticationtoken": "invalid_token", "expiredauthenticationtoken": "invalid_token",
    "invalidtokenerror": "invalid_token",
    "unsupported_token_type": "invalid_request", "internal_error": "server_error",
    "internal_server_error": "server_error", "access-denied": "access_denied",
    # Twitch and Amazon Cognito name a redirect mismatch redirect_mismatch; Google's error page has shown it as
    # redirect_url_mismatch
    "redirect_mismatch": "redirect_uri_mismatch", "redirect_url_mismatch": "redirect_uri_mismatch",
    # fosite / Ory Hydra / Authelia codes beyond RFC 6749 (ory/fosite errors.go)
    "request_unauthorized": "invalid_token", "token_inactive": "invalid_token", "token_claim": "invalid_token",
    "scope_not_granted": "insufficient_scope", "jti_known": "invalid_client", "request_forbidden": "access_denied",
    "invalid_request_object": "invalid_request", "invalid_request_uri": "invalid_request",
    "unsupported_response_mode": "invalid_request", "invalid_state": "invalid_request",
    # RFC 9396 (rich authorization requests); Dropbox's .tag values
    "invalid_authorization_details": "invalid_request", "expired_access_token": "invalid_token",
    "invalid_dpop_proof": "invalid_request", "use_dpop_nonce": "invalid_request",  # RFC 9449
    "invalid_app_access": "access_denied",  # Salesforce: the user is not admin-approved for the connected app
    # Codes some providers use for the grant itself (Yahoo's INVALID_REFRESH_TOKEN ...)
    "invalid_refresh_token": "invalid_grant", "expired_refresh_token": "invalid_grant",
    "invalid_authorization_code": "invalid_grant", "expired_authorization_code": "invalid_grant",
    "invalid_client_secret": "invalid_client",
    "invalid_access_token": "invalid_token",
    "invalid_session_id": "invalid_token",  # Salesforce: the session (access token) expired or is invalid
}

# raw error value -> cause, when the value alone says more than its class
ERROR_CAUSE: dict[str, str] = {
    "interaction_required": "interaction_required", "account_selection_required": "account_selection_required",
    "login_required": "login_required", "consent_required": "consent_required", "immediate_failed": "login_required",
    "temporarily_unavailable": "idp_transient_outage", "service_unavailable": "token_service_unavailable",
    "token_expired": "access_token_expired", "invalid_resource": "resource_not_found",
    "expiredtokenexception": "access_token_expired",
    "incorrect_device_code": "device_code_incorrect", "mfa_required": "mfa_required",
    "mfa_registration_required": "mfa_required",
    "insufficient_user_authentication": "step_up_required", "insufficient_authentication_context": "step_up_required",
    "invalid_client_id": "unknown_client_id", "missing_scope": "missing_scope",
    "expiredauthenticationtoken": "access_token_expired", "expired_access_token": "access_token_expired",
    "jti_known": "client_assertion_reused", "scope_not_granted": "missing_scope",
    "invalid_refresh_token": "refresh_token_invalid", "expired_refresh_token": "refresh_token_expired",
    "invalid_authorization_code": "auth_code_invalid_or_reused", "expired_authorization_code": "auth_code_expired",
    "invalid_client_secret": "bad_client_secret",
}


# The RFC's own definition of an error code, which many servers put in error_description (fosite, Authelia, Hydra,
# Doorkeeper, GitLab). It lists every possible reason ("invalid, expired, revoked, does not match the redirection
# URI ... or was issued to another client"), so it names none; it does name the code it defines. Rules read the
# text without it, and a body that carries no code of its own gets that one.
DEFINITION_MARKERS = ("otherwise malformed", "issued to another client", "invalid for other reasons",
                      "unsupported authentication method", "otherwise incorrect", "server denied the request",
                      "invalid assertion")
RFC_DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("invalid_request", r"the request is missing a required parameter,.{0,200}?or is otherwise malformed\.?"),
    ("invalid_client", r"client authentication failed(?: \(e\.g\.,| due to) unknown client, no client "
                       r"authentication included, or unsupported authentication method\)?\.?"),
    # (also a paraphrase's plural: "the authorization grant, token or credentials are invalid, ... do not match")
    ("invalid_grant", r"(?:the )?(?:provided |supplied |given )?authori[sz]ation grant(?: \(e\.g\.,[^)]{0,80}\))?"
                      r"(?: or refresh token)?[\w ,]{0,40}? (?:is|are) invalid, expired, revoked, (?:does|do) not "
                      r"match the redirection uri used in the authori[sz]ation request,? or (?:was|were) issued to "
                      r"another client\.?"),
    ("invalid_token", r"(?:the )?access[ _]token\b[\w ]{0,20}?\bexpired, revoked, malformed,? or invalid for other "
                      r"reasons\.?"),
    # access_denied (RFC 6749 4.1.2.1), which league/oauth2-server also answers at its resource server, with the
    # reason in "hint" ("Missing \"Bearer\" token", "Access token could not be verified").
    ("access_denied", r"the resource owner or (?:the )?authori[sz]ation server denied the request\.?"),
    # draft-ietf-oauth-v2-10 4.3.1's invalid_grant definition, still the default description of rack-oauth2 and
    # other libraries of that time. Only its examples go ("e.g. invalid assertion, ... bad end-user password
    # credentials"): they name no cause, and profiles read the sentence before them (Zendesk).
    ("invalid_grant", r"\(e\.g\.,? invalid assertion\b[^)]{0,200}\)"),
    # Authelia's second sentence to the invalid_client definition
    ("invalid_client", r"the required credentials were not found, used an unknown method, could not be parsed, "
                       r"were otherwise malformed, or were otherwise incorrect\.?"),
)


@functools.cache
def _definitions() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The definitions compiled, on first need (most bodies quote none)."""
    return tuple((code, re.compile(rx, re.I)) for code, rx in RFC_DEFINITIONS)


def has_definition(text: str) -> bool:
    """Whether the text may hold an RFC definition (a cheap test before the regexes)."""
    lower = text.lower()
    return any(marker in lower for marker in DEFINITION_MARKERS)


def without_definitions(text: str) -> tuple[str, str | None]:
    """The text without RFC definitions of error codes, and the first code defined (cheap when there are none)."""
    if not has_definition(text):
        return text, None
    defined = None
    for code, rx in _definitions():
        text, n = rx.subn(" ", text)
        if n and defined is None:
            defined = code
    return text.strip(), defined


def _r(**kw: object) -> ErrorRule:
    return ErrorRule(**kw)  # type: ignore[arg-type]  # keyword shorthand for the rule table; the test-suite builds every rule


_RT = r"refresh[ _-]?token"
# A refresh token refused because another client presented it is named by the phrase layer, not as invalid.
_NOT_OTHER_CLIENT = r"(?!.*\b(?:clients? (?:do|does) not match|not linked to (?:this |the )?client))"
# "code" alone, but not a label's "Error Code:" / "Status code:" (Okta's error page says "Error Code: invalid_request").
# Nor a JSON or form key holding a number ({"code": 124, ...}), nor an XML element named code
# (<ams:code>900901</ams:code>, WSO2's fault): those are error codes.
# Nor gRPC's status line ("rpc error: code = Unauthenticated desc = ..."): its code is the status.
_CODE = (r"(?:authori[sz]ation[ _-]?code|auth[ _-]?code|"
         r"(?<!error )(?<!status )(?<!response )(?<!rpc error: )(?<![<:/])\bcode\b"
         r"(?! verifier is not found, authori[sz]ation url must be generated)"  # requests-oauthlib's lost verifier
         r"(?![\"']?\s*[:=>]\s*[\"']?-?\d)(?!>)"  # not a numbered code: "code: 124", NSError's "Code=-15"
         r"(?!=[^\s&]*[&:])"  # not a callback's query parameter: "params code=<code>&state=...: <reason>"
         r"(?![\"']?\s*[:=]\s*[\"']?[a-z]{1,8}\d{3,}\b)"  # nor an error code: Okta's "code:E0000011"
         r"(?!:\s*[\w: ]{2,40}\))|"  # nor a named one in brackets: simple-salesforce's "(code: INVALID AUTH)"
         r"verification[ _-]?code)")

# Ordered: the first matching rule wins. Text matchers read the description (and the page for ``text``).
GENERIC_RULES: list[ErrorRule] = [
    _r(fields={"access_token": ".+"}, failure_class="unknown", cause="not_an_error", decision="retry",
       summary="This is a successful token response (it carries an access_token), not an error."),
    # RFC 8628 polling answers stay what they say, whatever the description adds ("Too many requests ...").
    _r(error=["slow_down"], failure_class="slow_down", cause="device_polling_too_fast", references=[RFC8628]),
    _r(error=["authorization_pending"], failure_class="authorization_pending", cause="device_authorization_pending",
       references=[RFC8628]),
    # (not go-oidc's exp check after kubelogin's "device-code error: ": its phrase rule reads it)
    _r(description=r"(?:device|user)[ _-]?code(?!.{0,60}oidc: token is expired).{0,60}expired|"
       r"expired.{0,20}(?:device|user)[ _-]?code",
       failure_class="expired_token",
       cause="device_code_expired", references=[RFC8628]),
    # RFC 8628 defines expired_token for the device code; an API that reuses the word for its access token says so,
    # and Authlib's JOSE ExpiredTokenError (any JWT past its exp) says "The token is expired".
    _r(error=["expired_token"], description=r"access[ _]token|^the token is expired\.?$", failure_class="invalid_token",
       cause="access_token_expired", decision="retry", references=[RFC6750]),
    _r(description=r"multiple (?:oauth2? )?client credentials|more than one (?:client )?(?:authentication|credential)"
       r"|both in the (?:authori[sz]ation )?header and (?:in )?the (?:request )?body"
       r"|only one (?:client )?authentication (?:method|mechanism)",
       failure_class="invalid_request", cause="wrong_client_auth_method", references=[RFC6749]),
    # Not Tyk's "Key not authorized: token has expired" nor "Key has expired, please renew": a gateway's session; nor
    # Microsoft.IdentityModel's "IDX10249: X509SecurityKey validation failed. The associated certificate has expired":
    # the token's signing certificate, read by its phrase rule.
    _r(description=r"(?:client[ _]?secret|secret key|(?!key not authori[sz]ed: |key has expired, please renew"
       r"|key validation failed)keys?) "
       r".{0,60}\bexpired|expired (?:client )?secret",
       failure_class="invalid_client", cause="client_secret_expired"),
    _r(error=["invalid_grant"], description=r"\b(?:iat|exp|nbf)\b.{0,80}(?:claim|value)|reasonable time ?frame|"
       r"short-lived token", failure_class="invalid_grant", cause="clock_skew", decision="fix_config",
       summary="The JWT assertion's iat/exp/nbf are outside the window the server accepts: the host clock is off, or "
               "exp is set too far after iat.", references=[RFC7523]),
    # Google's token endpoint words for a service account's assertion dated outside its window, pasted without the
    # invalid_grant it comes with (RFC 7523 3: exp, and iat where the server limits it).
    _r(description=r"short-lived token.{0,40}reasonable time ?frame|check your iat and exp values",
       failure_class="invalid_grant", class_from_error=True, cause="clock_skew", decision="fix_config",
       summary="The JWT assertion's iat/exp are outside the window the server accepts: the host clock is off, or "
               "exp is set too far after iat.", references=[RFC7523]),
    _r(error=["invalid_grant"], description=r"invalid (?:jwt|assertion)|(?:jwt|assertion).{0,20}(?:invalid|malformed)",
       failure_class="invalid_grant", cause="assertion_invalid", decision="fix_config",
       summary="The JWT bearer assertion was refused: check its signing key, iss/sub/aud and lifetime.",
       references=[RFC7523]),
    # An expired assertion is the client's to sign again (a JWT bearer grant's as much as a client assertion's):
    # fix_config, whichever class the endpoint names.
    # One whose nbf or iat lies ahead is the signing host's clock (issue #16 family 7): clock_skew, same decision.
    # "assertion" as a word: Node's "AssertionError [ERR_ASSERTION]: id_token expired" is no JWT assertion.
    _r(description=r"\bassertion\b.{0,60}(?:not yet valid|\bnbf\b|in the future)",
       failure_class="invalid_client", class_from_error=True, cause="clock_skew", decision="fix_config",
       references=[RFC7523]),
    _r(description=r"\bassertion\b.{0,60}(?:not within|valid time range|expired|\bexp\b)",
       failure_class="invalid_client", class_from_error=True, cause="client_assertion_expired", decision="fix_config",
       references=[RFC7523]),
    # A token checked against the host clock (an ID token, an API's access token) when the body names no code of
    # its own; next to invalid_grant or invalid_client it is that endpoint's class.
    # "Allowed clock skew: N" is the leeway a validator prints with every expiry (jjwt), not a sign of skew.
    _r(description=r"(?<!allowed )clock skew|issued in the future|used before (?:it was )?issued|\biat\b.{0,40}future"
                   r"|\bissued[ _-]at\b.{0,30}\bin the future|\biat\b.{0,20}\bmust be\b.{0,80}\ba time in the past\b",
       not_error=["error"],  # fosite's wrapper around a client assertion's JWT error: the phrase layer reads it
       failure_class="invalid_token", class_from_error=True, cause="clock_skew", decision="fix_config"),
    _r(description=r"code[ _]challenge.{0,40}(?:required|missing|should be specified|must be (?:specified|sent))|"
       r"(?:missing|requires?).{0,20}code[ _]challenge|requires? pkce|pkce (?:is )?(?:required|must be used)|"
       r"\b(?:without|no|lacks?|lacking) (?:a |the |any )?(?:pkce )?code[ _]challenge\b",
       failure_class="invalid_request", cause="pkce_challenge_missing", references=[RFC7636]),
    _r(description=r"code[ _]verifier.{0,30}(?:is )?(?:required|missing|must be (?:provided|sent)|"
       r"not (?:specified|provided|supplied|sent|given|included))|missing.{0,30}code[ _]verifier",
       failure_class="invalid_request",
       class_from_error=True, cause="pkce_verifier_missing", decision="fix_config", references=[RFC7636]),
    # authlib "Code challenge failed.", fosite "The PKCE code challenge did not match the code verifier.", oidc-provider
    # "code_verifier does not match code_challenge".
    # (not Pomerium's lost PKCE cookie: "pkce verifier expired or missing", read by its phrase rule, nor NetBird's
    # wrapper "PKCE authorization flow failed: <any login error>", whose inner words decide, nor supabase-js's
    # flow-type mismatch "Not a valid PKCE flow url." and Supabase Auth's empty verifier "... code verifier should be
    # non-empty": phrase rules)
    # (not requests-oauthlib's "Code verifier is not found, authorization URL must be generated before": a verifier
    # the client lost before any request, read by its phrase rule; nor a client "registered in a way that enforces
    # PKCE" or "PKCE is required": a challenge the authorization request lacked, read by its phrase rule; nor
    # passport-oauth2's "Unsupported code verifier transformation method" or oidc-client-ts's "Only the Authorization
    # Code flow (with PKCE) is supported": the client's own configuration, read by their phrase rules; nor tweepy's
    # "Access Token must be provided for OAuth 2.0 Authorization Code Flow with PKCE": no user token was passed)
    _r(description=r"code[ _]verifier(?! is not found, authori[sz]ation url must be generated| should be non-empty"
       r"| transformation method)|"
       r"(?<!enforces )(?<!requires )(?<!flow with )\bpkce\b"
       r"(?! verifier expired or missing| authorization flow failed| flow url"
       r"| (?:is )?(?:required|mandatory|enforced)|\) is supported)|"
       r"code[ _]challenge\W{1,3}(?:check |verification )?(?:failed|did not match|does not match|mismatch)",
       failure_class="invalid_grant", cause="pkce_verifier_mismatch", decision="fix_config",
       references=[RFC7636]),
    _r(error=["invalid_grant"], description=r"redirect[ _-]?ur[il]",
       failure_class="redirect_uri_mismatch", cause="redirect_uri_differs_from_authorize"),
    # A text that compares the token request's redirect_uri with the authorization request's (RFC 6749 4.1.3:
    # identical values) names that mismatch ahead of the registration family below; the token endpoint answers it
    # invalid_grant (5.2), a code the body names keeps its class.
    # Entra calls it the reply address and quotes both values ("The reply address 'x' does not match the reply address
    # 'y' provided when requesting Authorization code", AADSTS500112).
    _r(description=r"(?:redirect(?:ion)?[ _-]?ur[il]|reply (?:address|url))\b[^\n]{0,80}\b(?:does not|doesn't"
                   r"|did not|didn't|must) (?:match|be (?:identical|the same)(?: (?:to|as))?) (?:the one "
                   r"|the (?:redirect(?:ion)? |reply )?(?:ur[il]|address) (?:'[^'\n]{0,200}' |\"[^\"\n]{0,200}\" )?"
                   r"|what was )?(?:used|sent|given"
                   r"|provided|passed|included) (?:in|for|with|on|when (?:requesting|getting|obtaining|creating)) "
                   r"(?:the |your )?(?:authori[sz]ation|authorize|original|initial)\b",
       failure_class="invalid_grant", class_from_error=True, cause="redirect_uri_differs_from_authorize",
       decision="fix_config", references=["https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3", RFC6749]),
    # not mod_auth_openidc's own redirect-URI pages and log prefix, nor Argo CD's check of its return URL (their
    # phrase rules read them)
    _r(description=r"redirect[ _-]?ur[il](?! with no parameters|_request: |: the protocol and host \(including port\))"
       r".{0,200}(?:mismatch|does ?n[o']t match|must match|not match|not registered|"
       r"not allowed|not whitelisted|not valid|invalid\b|incorrect\b)|(?:mismatch|invalid|incorrect|unregistered)"
       r"[ _-]redirect[ _-]?ur[il](?!: the protocol and host \(including port\))|"
       r"invalid parameter:? (?:redirect|callback)[ _-]?ur[il]|callback url mismatch|"
       # Spring Security OAuth's "Invalid redirect: <uri> does not match ...", and the same without the colon
       r"\binvalid redirect(?:\s*:|\s+\S{1,300}\s+(?:does|did) ?n[o']t match (?:one of |any of )?the registered)",
       failure_class="redirect_uri_mismatch", cause="redirect_uri_not_registered"),
    _r(description=r"must contain.{0,30}client_(?:secret|assertion)"
       r"|client[ _]secret.{0,20}(?:missing|required|not (?:provided|supplied|sent|given|included|present))"
       r"|\bclientsecret (?:is |are )?missing"  # Frontegg's "Client ID and ClientSecret are missing"
       r"|missing.{0,20}client[ _]secret"
       r"|no client authentication|client authentication (?:is )?required"
       r"|client id or client secret is missing",
       failure_class="invalid_client", cause="client_authentication_missing"),
    # ("client credentials" as the grant's name, "client credentials flow/grant", "grant type client credentials",
    # is not the credentials)
    _r(description=r"client[ _]?id (?:and/)?or (?:client[ _]?)?secret|"
       r"(?<!grant[ _]type )(?<!grant[ _]type: )(?<!grant_type=)client credentials(?![ _-](?:flow|grant)\b)|"
       r"(?:client|application) authentication(?: with [\w ]{0,40}?)? failed|(?:invalid|bad|wrong) client\b(?! ?id)",
       failure_class="invalid_client", cause="bad_client_credentials"),
    _r(description=r"(?:invalid|incorrect|wrong|bad) client[ _]?secret|client[ _]?secret.{0,60}"
       r"(?:invalid|incorrect|wrong|does not match|mismatch)",
       failure_class="invalid_client", cause="bad_client_secret"),
    # Not after "for a confidential client:", where Microsoft.Identity.Web's IDW10501 puts its inner error; not
    # FastMCP's "client not found - cached credentials may be stale", a registration the server lost (the MCP block);
    # not a client "not found for the given redirect URI" (a server that looks the client up by its redirect URI).
    _r(description=r"(?:invalid|unknown|incorrect) client[ _]?id"
       r"|(?<!for a confidential )client.{0,30}(?:not found(?! - cached credentials may be stale)"
       r"(?! for (?:this|the|that|the given|the provided) (?:redirect|callback|return))|does not exist|"
       r"not identified)|unknown[ _]client"
       r"|(?:could not|cannot|can't|unable to) find[^.\n]{0,60}(?:application|client)",  # in one sentence
       failure_class="invalid_client", cause="unknown_client_id"),
    _r(description=r"must contain.{0,30}grant_type|grant_type.{0,30}(?:missing|required|"
       r"must be (?:provided|specified|sent))|missing.{0,20}grant_type",
       failure_class="invalid_request", cause="request_body_not_form_encoded"),
    _r(description=r"grant[ _-]type.{0,60}not (?:allowed|authori[sz]ed|enabled)|not authori[sz]ed.{0,40}grant|"
       r"grant[ _-]type for (?:this |the )?client|not allowed to use (?:the )?(?:authori[sz]ation )?grant|"
       r"client does not have the .{0,80}grant",
       failure_class="unauthorized_client", cause="grant_type_not_enabled_for_client"),
    _r(description=r"(?:invalid|unsupported|unknown) grant[ _-]type|grant[ _-]type.{0,30}not supported|"
       r"(?:invalid|unsupported|unknown|bad) (?:parameter )?values? (?:for|of) (?:the )?(?:field |parameter )?\W?"
       r"grant[ _-]type",
       failure_class="unsupported_grant_type", cause="grant_type_not_supported"),
    _r(description=_CODE + r".{0,60}(?:already (?:been )?(?:used|redeemed)|was used|reused|"
       r"(?:(?:has|have) )?been (?:used|redeemed|consumed))|already redeemed",  # WeChat 40163: "code been used"
       failure_class="invalid_grant", cause="auth_code_reused"),
    _r(description=r"malformed (?:auth(?:ori[sz]ation)? )?code|\bcode.{0,20}malformed",
       failure_class="invalid_grant", cause="auth_code_malformed", decision="fix_config"),
    # "invalid or was issued to another client": the server names two causes and does not say which; the common
    # one (a refresh token that expired or was revoked) needs a new sign-in, the other a client fix.
    _r(description=_RT + r".{0,20}\binvalid,? or (?:was |has been )?issued to (?:another|a different) client",
       failure_class="invalid_grant", cause="ambiguous", decision="reauth", candidates=[
           Candidate("refresh_token_revoked", "the refresh token is the one this client stored and it stopped "
                     "working after a while (expiry, revocation, a password change)", decision="reauth"),
           Candidate("refresh_token_client_mismatch", "the refresh token was issued under another client id "
                     "(another app, environment or credentials)", decision="fix_config")],
       references=[RFC6749]),
    _r(description=_RT + r".{0,40}(?:not issued to this client|issued to (?:another|a different) client)",
       failure_class="invalid_grant", cause="refresh_token_client_mismatch", decision="fix_config",
       summary="The refresh token belongs to another client: send it with the client id and secret it was "
               "issued to.", references=[RFC6749]),
    _r(description=r"stale (?:refresh )?token|" + _RT + r".{0,40}(?:already (?:been )?used|reuse|rotated"
                   r"|(?:has been|was) used (?:already|before|once)|used already)",
       failure_class="invalid_grant", cause="refresh_token_reused_after_rotation"),
    _r(description=_RT + r".{0,60}inactiv|inactiv.{0,60}" + _RT,
       failure_class="invalid_grant", cause="refresh_token_inactive"),
    # "malformed" in a list of what the token may be ("expired, revoked, malformed, or invalid": Webex, after RFC
    # 6749 5.2's own list) names no one of them: the catch-all, not a token the client mangled.
    _r(description=_RT + r"[^.\n]{0,40}\b(?:(?:invalid|expired|revoked),? (?:or )?)+malformed\b|"
                   + _RT + r"[^.\n]{0,40}\bmalformed,? (?:or )?(?:invalid|expired|revoked)\b",
       failure_class="invalid_grant", cause="ambiguous", decision="reauth"),
    _r(description=_RT + r".{0,60}malformed|malformed " + _RT,
       failure_class="invalid_grant", cause="refresh_token_malformed", decision="fix_config"),
    # golang.org/x/oauth2 says "oauth2: token expired and refresh token is not set" when the token source was
    # given no refresh token (oauth2.go, tokenRefresher.Token): the app's setup, not a dead grant. Ahead of the
    # "expired ... refresh token" rule below, which would read it as one.
    # ("No refresh token found ..." stays with the phrase layer, which tells MSAL's sign-in request apart.)
    _r(description=_RT + r" (?:is )?not set\b",
       not_error=["invalid_grant", "invalid_request", "invalid_client", "invalid_scope"],
       failure_class="invalid_grant", cause="refresh_token_missing", decision="fix_config",
       summary="The client holds no refresh token to refresh with (no server refused one): request offline access "
               "(access_type=offline at Google, the offline_access scope in OIDC) and store the refresh token from "
               "the first token response."),
    # nextjs-auth0's "The access token has expired and a refresh token was not provided" (or "... is not
    # available") means the session holds none: the phrase layer reads it as a missing refresh token.
    _r(description=_RT + r".{0,60}expired.{0,30}revoked|" + _RT + r".{0,60}(?:invalid|unknown).{0,20}expired|"
       r"expired[^.\n]{0,10}(?:access/)?" + _RT + r"(?! (?:was|is) not (?:provided|available)\b)",
       failure_class="invalid_grant", cause="refresh_token_expired_or_revoked"),
    _r(description=_RT + r".{0,60}revoked|revoked.{0,30}" + _RT,
       failure_class="invalid_grant", cause="refresh_token_revoked"),
    _r(description=_RT + r".{0,60}expired|expired " + _RT,
       failure_class="invalid_grant", cause="refresh_token_expired"),
    _r(description=r"(?:invalid|unknown|bad) [\"'\u201c]?" + _RT + r"[\"'\u201d]?" + _NOT_OTHER_CLIENT + "|" + _RT
       + r".{0,30}(?:invalid|not found|not valid)" + _NOT_OTHER_CLIENT,
       failure_class="invalid_grant", cause="refresh_token_invalid"),
    # (not go-oidc's check of a token's exp after kubelogin's "authorization code flow error: " / "device-code
    # error: ": its phrase rule reads it)
    _r(description=_CODE + r"(?!.{0,60}oidc: token is expired).{0,60}(?:has )?expired",
       failure_class="invalid_grant", cause="auth_code_expired"),
    # "Invalid or expired code parameter.": two words for the one refusal (a code that expired or was used)
    _r(description=r"(?:invalid|unknown|bad|incorrect)(?:,? or (?:expired|revoked|used))? "
       r"[\"'\u201c]?(?:oauth )?" + _CODE + "|" + _CODE +  # "Invalid oauth code? Please generate a new one."
       r".{0,40}(?:invalid\b|not valid|not found(?! in (?:the )?(?:redirect|callback|return|query|url)\b)|incorrect"
       r"|does ?n[o']t exist)",  # absent from the callback: the word family of a callback without a code
       failure_class="invalid_grant", cause="auth_code_invalid_or_reused"),
    _r(description=r"insufficient[ _](?:\w+[ _])?scopes?|scope.{0,40}(?:insufficient|missing)|missing.{0,20}scope",
       error=["insufficient_scope", "access_denied", "permission_denied", "forbidden"],
       failure_class="insufficient_scope", cause="missing_scope"),
    _r(text=r"malformed (?:bearer|access)[ _]token|(?:bearer|access)[ _]token.{0,30}malformed",
       failure_class="invalid_token", cause="access_token_malformed", decision="fix_config", references=[RFC6750]),
    # A JWT is three base64url parts joined by dots (RFC 7515 7.1, RFC 7519 3): what was sent is not one (an opaque
    # token, a token cut short, "Bearer" twice). Microsoft.IdentityModel's IDX14100 / IDX12741 say it in these words.
    _r(text=r"\bjwt (?:is )?not well[- ]?formed|\bjwts? must have three (?:segments|parts)",
       failure_class="invalid_token", cause="access_token_malformed", decision="fix_config", references=[RFC6750]),
    # "expired or revoked" names two causes: the rule below leaves it open (lookbehinds keep the literal anchors)
    _r(description=r"access[ _]token.{0,60}revoked(?<!expired or revoked)(?<!expired, or revoked)|"
       r"revoked.{0,30}access[ _]token|token.{0,40}revoked by the user",
       failure_class="invalid_token", cause="token_revoked", decision="reauth", references=[RFC6750]),
    _r(description=r"does not contain (?:the )?(?:required )?scopes?|scopes? (?:does|do) not match|"
       r"insufficient authentication scopes|access_token_scope_insufficient|"
       r"(?:has ?n[o']t|has not) been granted (?:all )?(?:the )?required scopes",
       not_error=["invalid_scope"],  # RFC 6749's code is about the scope requested, not the token's (RFC 6750)
       failure_class="insufficient_scope", cause="missing_scope", references=[RFC6750]),
    _r(error=["invalid_token"], description=r"audience.{0,60}(?:invalid|not valid|mismatch|does not match)"
       r"|invalid audience", failure_class="invalid_token", cause="token_for_wrong_audience", decision="fix_config",
       summary="The access token was issued for another API (audience); request one for this API.",
       references=[RFC6750]),
    _r(error=["access_denied"], description=r"\bpolic(?:y|ies)\b", failure_class="access_denied",
       cause="access_policy_denied", decision="fix_config",
       summary="An access policy on the authorization server refused the request; a sign-in alone will not change "
               "that, the policy or the app's assignment must."),
    # A personal access token or API token has no refresh token behind it (Azure DevOps, GitHub, GitLab, Atlassian):
    # when it expires a person issues a new one; ahead of the expiry words, which a refresh would answer. The new
    # token is a secret put into configuration, not an authorization a user gives again: fix_config.
    _r(description=r"\b(?:personal access|api)[ _-]?token\b[^.\n]{0,30}\b(?:has |is )?expired\b",
       failure_class="invalid_token", class_from_error=True, cause="personal_access_token_expired",
       decision="fix_config",
       summary="The personal access token (API token) expired: nothing can refresh it; someone must create a new one "
               "and put it where the client reads it.", references=[RFC6750]),
    _r(description=r"access[ _]token.{0,40}expired|token (?:has )?expired|expired.{0,20}access[ _]token",
       error=["invalid_token", "unauthenticated", "token_expired"],
       failure_class="invalid_token", cause="ambiguous", candidates=[
           Candidate("access_token_expired", "a fresh access token (refresh first) is accepted"),
           Candidate("token_invalid_or_revoked", "a freshly refreshed token is refused too")]),
    # a fixed quota the service says only its support can raise (Plaid's "addition limit exceeded for this client_id.
    # contact support to increase the limit."): waiting does not clear it
    _r(description=r"\blimit exceeded\b[^.\n]{0,80}\. contact (?:support|us) to (?:increase|raise) "
                   r"(?:the|your|this) limit\b",
       failure_class="rate_limited", cause="quota_exceeded", decision="fix_config",
       summary="A fixed quota on the account or key is used up, not a rate over time: waiting does not clear it. Ask "
               "the provider to raise the limit, or use another environment or key.", references=[RFC6585]),
    # storage, not requests: a Drive account (or a service account, which has none) is out of space; waiting does not
    # free it (Google Drive API: storageQuotaExceeded)
    _r(description=r"\bstorage ?quota\b|\bstoragequotaexceeded\b", failure_class="access_denied",
       cause="storage_quota_exhausted", decision="fix_config",
       summary="The account has no storage left (a Google service account has no Drive storage of its own): new files "
               "must be owned by a user or a shared drive, or space must be freed; retrying does not help.",
       references=["https://developers.google.com/workspace/drive/api/guides/handle-errors"]),
    _r(description=r"rate[ _-]?limit|\brate exceeded|toomanyrequests|"
       # not Vouch Proxy's login loop guard (a cookie problem, read by its phrase rule)
       r"too many (?!token renew|unsuccessful authorization attempts for the requested url)"
       r"(?:\w+ ){0,2}(?:requests|attempts|calls|tries)|throttl|"
       r"request[ _]limit|limits?[ _]exceeded|quota[ _]?exceeded|"
       r"maximum number of (?:api )?(?:requests|calls)|"
       r"exceeded the (?:number|count) of (?:\w+ ){0,2}(?:requests|calls)|"
       r"(?:requests|calls) per (?:second|minute|hour|day)\b.{0,40}\b(?:exceeded|reached)|\bflood (?:control|wait)\b|"
       r"\brate cap\b", failure_class="rate_limited",
       cause="rate_limit_exceeded", references=[RFC6585]),
    # not Nango's failed refresh, whose "try again later" its docs read as a dead refresh token (its phrase rule), nor
    # Synapse's "login provider is unavailable" page, which says so for setup failures too (its phrase rule), nor a
    # page that offers "try again later, or contact the developer": Google's sign-in error page says so of every
    # refused request, a configuration one included ("... sent an invalid request. You can try again later, or
    # contact the developer about this issue."), so the offer is no reading of a transient fault
    _r(not_error=["server_error"],  # the server's own class stays; its "try again later" only says retry
       description=r"temporarily unavailable|service (?:is (?:currently |temporarily )?)?unavailable|"
       r"(?<!when trying to refresh the access token\. please )(?<!could be temporary, so please )"
       r"try (?:it |this )?(?:again )?"  # "try again later", "please try it later"
       r"(?:later(?!,? or contact)|shortly|in (?:a )?(?:few|couple of|\d+) (?:minutes|moments|seconds)|"
       r"in a (?:moment|minute|while))|"
       r"please retry (?:later|shortly|and be patient|in (?:a )?(?:few|couple of|\d+) (?:minutes|moments|seconds))",
       failure_class="temporarily_unavailable", cause="token_service_unavailable"),
]

# RFC 6749 4.1.2.1 and 4.2.2.1 return a user's refusal as access_denied in the authorization redirect; an API that
# puts access_denied in a 401 or 403 body refuses the caller (a permission, a role, a policy), not a consent. Read
# only when no rule or word family named the reason (engine._generic).
API_ACCESS_DENIED = Outcome(
    failure_class="access_denied", cause="ambiguous", decision="fix_config",
    summary="An API refused the call with access_denied in an HTTP 401/403 body: a user's refusal comes back in the "
            "authorization redirect, not from an API, so the caller lacks a permission, role or scope, or a policy "
            "refused it.",
    candidates=[Candidate("missing_scope_or_permission", "the token's scopes, roles or the account's permissions lack "
                          "what this call needs", "grant the permission or request the scope, then get a new token"),
                Candidate("access_policy_denied", "an access policy (IP, device, group) refused the request",
                          "check the provider's policies for this app and user")])

INVALID_GRANT_CANDIDATES = [
    Candidate("auth_code_expired_or_reused", "the failing call redeems an authorization code (grant_type="
              "authorization_code) that is older than a few minutes or was sent twice"),
    Candidate("redirect_uri_differs_from_authorize", "the token request's redirect_uri differs from the one "
              "in the authorize request", "send byte-for-byte the same redirect_uri in both requests"),
    Candidate("pkce_verifier_mismatch", "a code_verifier is sent and is not the one whose challenge went to "
              "/authorize"),
    Candidate("refresh_token_expired_or_revoked", "the failing call is a refresh (grant_type=refresh_token): "
              "the token expired, was revoked or rotated away"),
]

# Text that says an authorization step failed but names no error, code or status a rule knows ("Authorization
# with the server failed", "Login error", "Failed to retrieve access token from the provider"). It has an OAuth
# meaning, so it is not "nothing to decide" and not `unknown` (issue #16 keeps that class for text with no OAuth
# meaning at all): its class is RFC 6749's catch-all invalid_request and its cause ambiguous. On the eighteen
# development halves such texts were labelled invalid_request 14 times of 56 (the most common class; `unknown` 4).
# The lean to fix_config is a rule of thumb: most such answers there were fixed by configuration (39 of 56).
# A CSRF token, a JavaScript property named 'token' and a JSON parser's "Unexpected token" are not OAuth's.
_AUTH_SUBJECT = (
    r"\b(?:o?auth\w*|oidc|openid|(?<!csrf )(?<!xsrf )(?<!anti-forgery )(?<!reading ')(?<!unexpected )tokens?"
    r"|credentials?|log ?in"
    r"|sign[- ]?in|sso|consent|scopes?|permissions?"
    r"|identity provider|idp|integration|api[ _-]?key|client[ _-]?(?:id|secret)|redirect(?:[ _-]?ur[il])?|callback"
    r"|(?:authori[sz]ation )?code|grant|app(?:lication)? (?:install\w*|cannot be installed)|install(?:ation)?)\b")
_FAILED = (
    r"\b(?:fail\w*|errors?|invalid|denied|unable|cannot|can't|could ?n[o']t|refused|rejected|expired|required"
    r"|missing|unauthori[sz]ed|forbidden|disabled|blocked|not (?:allowed|authori[sz]ed|permitted|valid))\b"
    r"|\bno (?:\w+ )?(?:code|token|state|grant)\b|\bmismatch\w*")


# Terms only OAuth and OpenID Connect use, and the marks of an error report: a text with both speaks of an OAuth
# step that went wrong even without a word this family reads as failure ("AuthenticationFailedException: OAUTH2 asked
# for more", "Preferred token endpoint authentication method: null not available"). Not a provider's bare code
# ("OAUTH_014"), nor a sentence that only names a term ("The ID token field is optional").
_OAUTH_TERMS = (
    r"\b(?:oauth(?!_)\w*|oidc|openid|(?:access|refresh|id)[ _-]?tokens?|client[ _-]?(?:id|secret)"
    r"|redirect[ _-]?ur[il]|token[ _-]?endpoint|www-authenticate|bearer|grant[ _-]?type"
    r"|authori[sz]ation (?:code|server|request|response|endpoint))\b")
_ERROR_MARKS = (r"\b(?:not|no|never|cannot|can't|could ?n[o']t|unable|null|none|invalid|missing|unknown|unsupported"
                r"|denied|refused|rejected|expired|mismatch\w*|fail\w*)\b|(?:exception|error)\b")


@functools.cache
def _vague_patterns() -> tuple[re.Pattern[str], ...]:
    """Compiled on first use: most answers are decided before the last family is tried."""
    return tuple(re.compile(p, re.IGNORECASE) for p in (_FAILED, _AUTH_SUBJECT, _OAUTH_TERMS, _ERROR_MARKS))


VAGUE_AUTH_FAILURE_CANDIDATES = [
    Candidate("client_or_app_configuration", "the client id or secret, the redirect URI, the scopes, the app's "
              "permissions or an admin policy was refused; the same request fails the same way every time",
              "compare the app's registration (and the provider's log for this request) with what is sent"),
    Candidate("grant_or_session_gone", "the user's authorization was revoked or expired, or the account changed; "
              "a fresh sign-in of that user works", "send the user through authorization again"),
    Candidate("transient_provider_failure", "the same request succeeds a little later without any change",
              "retry once with backoff"),
]
VAGUE_AUTH_FAILURE_SUMMARY = ("An authorization step failed, but the response names no OAuth error: the text alone "
                              "does not tell why; configuration is the most common fix (a rule of thumb).")

# A failure text nothing reads (no provider, no OAuth term, no rule; under an error status, or pasted with an error's
# marks, reports_failure): no OAuth error is recognised, so the class stays unknown and the cause
# unrecognised_response, and explain still exits 3 (Explanation.conclusive). But the text was met in an OAuth
# integration (that is why it is explained), and such texts were fixed by configuration far more often than
# otherwise: of the 132 development cases of this kind, 70 were labelled fix_config, 27 none, 17 reauth and 18 retry
# (round thirty-five). So the decision field carries that lean (confidence low, the three candidates listed)
# instead of none. A crash of the caller's own code stays none: its fix is the program's.
UNREAD_FAILURE_SUMMARY = (
    "No OAuth error was recognised in this text: nothing here tells why it failed. If it came from an OAuth "
    "integration, configuration (client, redirect URI, scopes, endpoints, the app's settings) fixed most such "
    "failures, so that is the lean (a rule of thumb, not a reading); the candidates say what tells the others apart.")

# A provider's answer (the caller named the provider, or its marks were recognised) that no rule reads: the provider
# gives the text the OAuth meaning its words lack, so it is not "nothing to decide" either. On the twenty development
# halves such answers were fixed by configuration 5 times of 8 and labelled `none` once; their classes spread as the
# vague failures' do, with invalid_request the most common. Only for a pasted text (no status) or an error status: a
# provider's 2xx or 3xx that says nothing readable is no failure.
UNREAD_PROVIDER_ANSWER_SUMMARY = (
    "This is an answer of {provider}, but it names no OAuth error this tool reads: the text alone does not tell why; "
    "configuration is the most common fix for such answers (a rule of thumb).")

REFUSED_WITHOUT_REASON_SUMMARY = (
    "The API refused the call and says neither invalid_token nor why: most often the token is not one this API "
    "accepts (issued for another API, tenant or environment, the wrong token type, or not sent as a Bearer header); "
    "if it had only expired, one refresh fixes it (a rule of thumb).")

# Keycloak's "Token is not active" is its TokenVerifier's lifetime check (exp passed or nbf ahead).
_EXPIRY = r"\bexpir(?:y|e[sd]?|ation|ing)\b|\blifetime\b|\bnot yet valid\b|\bnot active\b"


@functools.cache
def _expiry_rx() -> re.Pattern[str]:
    return re.compile(_EXPIRY, re.IGNORECASE)  # on first use, like the module's other patterns


def says_expired(text: str) -> re.Match[str] | None:
    """Whether the text speaks of expiry or a token's lifetime (an expired token: a refresh is the fix)."""
    return _expiry_rx().search(text)


# A runtime error of the program itself: Python's AttributeError, TypeError and NameError, JavaScript's TypeError and
# ReferenceError, Ruby's NoMethodError, iOS's NSInvalidArgumentException (an app's own bad argument), Flutter's
# MissingPluginException, and the messages they carry ("'NoneType' object has no attribute", "Cannot read property
# 'x' of undefined"). The language or runtime raised it, not an authorization server; a fetch that failed is the
# network's. Not Java's NullPointerException: a Java authorization server logs its own crashes so (Gluu's oxAuth on
# a request it did not expect), and that is its server_error.
_CRASH = (r"\b(?:AttributeError|TypeError|NameError|ReferenceError|NoMethodError|NSInvalidArgumentException"
          r"|MissingPluginException)\b(?!: failed to fetch)"
          r"|'NoneType' object (?:has no attribute|is not|does not support)"
          r"|\bcannot read propert(?:y|ies) of (?:null|undefined)\b|\bnull is not an object\b")


@functools.cache
def _crash_rx() -> re.Pattern[str]:
    return re.compile(_CRASH, re.IGNORECASE)


def is_program_crash(text: str) -> bool:
    """Whether the text is a runtime error of the program's own code (_CRASH): it names no OAuth failure, so neither
    the vague-failure lean nor a named provider gives it one (development labels: 6 of 7 such texts unknown)."""
    return _crash_rx().search(text) is not None


# The marks of a failure report: _ERROR_MARKS without the bare negations a sentence uses anyway ("no action
# needed", "null", "never"), with the rest of the vocabulary of refusal and breakage ("illegal", "wrong",
# "unavailable", "No Auth Provider Found"), and the same words in the other languages the development cases came in.
_FAILURE_MARKS = (r"\b(?:not|cannot|can't|could ?n[o']t|unable|invalid|missing|unknown|unsupported|denied|refused"
                  r"|rejected|expired|revoked|mismatch\w*|fail\w*|illegal|wrong|unexpected|unavailable|required"
                  r"|forbidden|disabled|blocked|restricted|unauthori[sz]ed|unauthenticated|problem|sorry"
                  r"|no \w+(?: \w+)? (?:found|configured|given|provided))\b"
                  r"|(?:exception|error)\b|错误|失败|失效|无效|拒绝|过期|不合法|非法|エラー|失敗|無効"
                  r"|\b(?:fehler\w*|ungültig\w*|abgelaufen|erreur|échec|invalide|erro|falha|inválid[oa])\b")


@functools.cache
def _failure_report_rx() -> re.Pattern[str]:
    return re.compile(_FAILURE_MARKS, re.IGNORECASE)


def reports_failure(text: str) -> bool:
    """Whether a text carries an error's marks ("invalid", "failed", "not", "Exception", "错误"...): a failure report,
    not a sentence or a string that only happened to be pasted ("hello world")."""
    return _failure_report_rx().search(text) is not None


def speaks_of_auth_failure(text: str) -> bool:
    """Whether the text says that an authorization, token, credential or sign-in step failed, or reports an error
    about a term only OAuth uses (an OAuth text no rule reads still has OAuth meaning)."""
    failed, subject, oauth, marks = _vague_patterns()
    if failed.search(text) is not None and subject.search(text) is not None:
        return True
    return oauth.search(text) is not None and marks.search(text) is not None


# RFC 9110 15.6: 503 is overload or maintenance and 504 an upstream that did not answer in time (temporary); 500
# is the server failing on this request and 502 an upstream that answered with garbage or not at all (server_error).
# All of them decide retry.
# RFC 9110 15.5.6 (405: the method is not allowed on this resource; the token endpoint takes POST, RFC 6749 3.2) and
# 15.5.16 (415: the body's media type; the token request is a form, RFC 6749 4.1.3): a fix of the request.
STATUS_CAUSES: dict[int, str] = {405: "wrong_http_method", 415: "request_body_not_form_encoded"}
# 408 Request Timeout (RFC 9110 15.5.9): the server gave up waiting; the client may repeat the request
STATUS_FALLBACK: dict[int, str] = {429: "rate_limited", 503: "temporarily_unavailable", 500: "server_error",
                                   502: "server_error", 504: "temporarily_unavailable", 408: "temporarily_unavailable"}

CAUSE_HINTS: dict[str, list[str]] = {
    "bad_client_credentials": [
        "Check the client ID and secret: copy the secret value (not its ID) from the provider console again.",
        "If the secret contains ':', '+', '%' or spaces, URL-encode it before HTTP Basic (RFC 6749 2.3.1), or "
        "send it as client_secret in the form body."],
    "bad_client_secret": ["Copy the client secret value (not the secret's ID) again; rotate it if in doubt."],
    "unknown_client_id": ["Check the client ID and that the app lives in the tenant/instance you call."],
    "client_secret_expired": ["Create a new client secret in the provider console, deploy it, then delete "
                              "the expired one."],
    "client_authentication_missing": ["Send client credentials: HTTP Basic (client_id:client_secret) or "
                                      "client_secret in the form body, or configure the client as public."],
    "wrong_client_auth_method": ["Send client credentials one way only: either HTTP Basic or the form body, "
                                 "matching the method registered for the client."],
    "client_assertion_expired": ["Sign a fresh client assertion per request (exp 5-10 min after nbf) and sync "
                                 "the clock: timedatectl set-ntp true."],
    "clock_skew": ["Sync the host clock: timedatectl set-ntp true (check with: oauthdoctor diagnose)."],
    "pkce_challenge_missing": ["Send code_challenge and code_challenge_method=S256 on /authorize."],
    "pkce_verifier_missing": ["Send the code_verifier generated for this login with the token request (PKCE was "
                              "used on /authorize, so the token request must prove it)."],
    "pkce_verifier_mismatch": ["Send the code_verifier generated for this authorize request (store it per "
                               "login attempt, not globally)."],
    "redirect_uri_not_registered": ["Register exactly the redirect_uri the app sends (scheme, host, port, path, "
                                    "trailing slash) or send exactly the registered one."],
    "redirect_uri_differs_from_authorize": ["Send byte-for-byte the same redirect_uri in the token request as "
                                            "in the authorize request."],
    "request_body_not_form_encoded": ["Send the token request as application/x-www-form-urlencoded "
                                      "(grant_type=...&code=...), not JSON."],
    "grant_type_not_enabled_for_client": ["Enable this grant type for the client in the provider console."],
    "auth_code_reused": ["Redeem each authorization code exactly once: guard the callback against reloads and "
                         "double submits, then start a new login."],
    "auth_code_expired": ["Redeem the code immediately after the redirect, then start a new login."],
    "auth_code_malformed": ["Pass the code exactly as received: do not URL-decode it twice or truncate it."],
    "refresh_token_reused_after_rotation": ["Store the newest refresh token after every refresh and serialise "
                                            "concurrent refreshes; the user must sign in again now."],
    "refresh_token_malformed": ["Store the refresh token verbatim (no truncation, re-encoding or quotes)."],
    "access_token_expired": ["Refresh the access token and retry the call once."],
    "missing_scope": ["Request the missing scope and have the user consent again."],
    "rate_limit_exceeded": ["Back off per Retry-After (or exponentially) before retrying; cache tokens."],
    "token_service_unavailable": ["Retry with exponential backoff; honour Retry-After if present."],
    "idp_transient_outage": ["Retry with exponential backoff; honour Retry-After if present."],
    "idp_server_error": ["Retry with backoff; if it persists, check the request (some servers answer "
                         "server_error for bad input)."],
    "device_authorization_pending": ["Keep polling at the advertised interval (default 5 s); this is not a "
                                     "failure."],
    "device_polling_too_fast": ["Keep polling, but add 5 seconds to the interval for this and all later "
                                "requests (RFC 8628 3.5)."],
    "device_code_expired": ["Stop polling and start a new device authorization."],
    "user_denied_consent": ["The user refused; never retry automatically. Start a new authorization only when "
                            "the user asks."],
    "token_for_wrong_audience": ["Request the token for this API (its audience/resource or scope), or make the API "
                                 "expect the audience its tokens carry."],
    "token_from_other_issuer": ["Use a token from the issuer (tenant, realm, environment) the API trusts, or add "
                                "that issuer to the API's valid issuers."],
    "token_signature_invalid": ["Check that the API loads the issuer's current signing keys (JWKS) and that the token "
                                "comes from that issuer."],
    "wrong_token_type": ["Send the access token, not the ID token or refresh token."],
    "access_token_missing": ["Send the access token as Authorization: Bearer <token>."],
    "assertion_invalid": ["Sign the JWT with the current key registered for the client, with iss/sub/aud/jti as the "
                          "server documents them."],
    "login_required": ["Fall back to an interactive sign-in (redirect or popup); a silent request cannot succeed "
                       "without a session."],
    "consent_required": ["Send an interactive authorization request so the user can consent to the scopes."],
    "admin_approval_required": ["An administrator must approve or consent to the app for the organisation."],
    "user_not_assigned_to_app": ["An administrator must assign the user (or group) to the application."],
    "org_policy_blocks_app": ["An organisation administrator must allow this app (OAuth app policy, API controls)."],
    "token_revoked": ["Drop the stored tokens and send the user through authorization again."],
    "grant_dead": ["Drop the stored tokens and send the user through authorization again."],
    "network_error": ["Retry with backoff; if it persists, check the host, port, proxy and TLS settings."],
}

# What a candidate cause decides, so that an ambiguous answer says, for each cause it lists, what would follow
# (explain's "Possible causes"). By meaning: the client's registration, what it sends or where it sends it is
# configuration; a grant, session or consent that is gone, or a user who must act, is a new authorisation; a
# server or store that failed, or a limit, is a retry. Causes whose decision depends on more than their name
# (a banned account, a deleted user, a token "expired or revoked") are not listed and show none.
_FIX, _REAUTH, _RETRY = "fix_config", "reauth", "retry"
CANDIDATE_DECISIONS: dict[str, str] = {
    **dict.fromkeys((
        "access_token_malformed", "access_token_missing", "admin_consent_missing", "api_token_sent_as_bearer",
        "wrong_auth_scheme",
        "app_audience_not_supported_for_client_credentials", "app_configured_with_secret_hash",
        "app_permission_read_only", "app_restricted_by_x", "app_token_where_user_token_required",
        "bad_client_credentials", "bad_client_secret", "basic_auth_not_form_encoded",
        "basic_credentials_not_form_encoded", "claims_request_not_permitted", "client_authentication_missing",
        "client_cannot_read_scope_attributes", "client_id_header_missing", "client_removed_from_configuration",
        "client_type_mismatch", "clock_or_cluster_skew", "clock_skew", "connector_misconfigured",
        "credentials_regenerated", "database_constraint_failed", "database_trigger_failed", "device_key_missing",
        "email_scope_or_permission_missing", "grant_issued_for_other_client_or_endpoint", "grant_type_malformed",
        "jwks_invalid", "jwks_uri_unreachable",
        "grant_type_not_enabled_for_client", "grant_value_mangled", "invalid_signature", "ip_allowlist_blocked",
        "missing_parameter", "missing_scope", "missing_scope_or_permission", "oauth1_signature_invalid",
        "proxy_or_gateway_page", "public_client_uses_code_grant", "redirect_uri_not_registered",
        "request_body_not_form_encoded", "requested_subject_differs", "resource_not_shared_with_integration",
        "scope_mismatched", "secret_sent_for_public_client", "storage_not_shared",
        "subject_token_audience_or_issuer_mismatch", "tenant_id_header_missing_or_wrong", "tenant_not_found",
        "token_for_other_client", "token_for_other_environment", "token_for_other_shop", "token_for_wrong_audience",
        "token_from_old_client_id", "token_from_other_issuer", "token_from_other_server",
        "token_malformed_or_placeholder", "unknown_client_id", "upstream_connector_misconfigured",
        "upstream_provider_misconfigured", "wrong_auth_type_for_endpoint", "wrong_client_auth_method",
        "wrong_client_secret", "wrong_endpoint_url", "wrong_endpoint_version", "wrong_http_method", "wrong_issuer",
        "wrong_object_id", "wrong_parameter_name", "wrong_token_type", "client_or_app_configuration",
        # a grant narrowed to one of these (--grant-type) is fixed by changing what the client sends or how the app
        # is set up: a new sign-in alone sends the same request
        "redirect_uri_differs_from_authorize", "pkce_verifier_mismatch", "pkce_verifier_missing",
        "resource_owner_credentials_invalid", "assertion_invalid", "client_credentials_grant_disabled",
        "auth_code_issued_to_another_client", "bad_user_credentials", "refresh_request_malformed",
        "refresh_token_malformed", "refresh_token_used_as_access_token", "testing_mode_7_day_expiry",
        "offline_access_missing",
        # OIDC proxies (mod_auth_openidc)
        "state_input_header_changed", "provider_discovery_unreachable", "redirect_uri_is_app_page",
        # MCP authorization (dynamic registration and discovery)
        "authorization_server_metadata_missing", "dynamic_registration_unsupported", "client_registration_lost",
        # applications' own OIDC sign-in (Vault, Nextcloud, Jenkins, Flask-AppBuilder)
        "required_claim_missing",
        # cloud SDK credential chains (Azure Identity's managed identity behind a proxy)
        "proxy_intercepts_metadata_endpoint",
        # API gateways (the Application Load Balancer cannot reach the IdP from its subnets)
        "idp_unreachable_from_gateway",
        # CI workload identity federation (no IAM OIDC provider or pool provider; a token lifetime over the limit)
        "federation_provider_not_found", "token_lifetime_not_allowed",
        # candidates the profiles named without a decision of their own
        "token_misconfigured", "token_signature_invalid", "token_bound_to_other_ip", "scope_not_registered_for_app",
        "scope_unknown_to_server", "entity_or_role_disabled", "invalid_integration", "client_registration_incomplete",
        "encryption_key_differs_between_servers", "revoke_not_allowed_for_client", "bot_token_invalid",
        "application_cert_changed",
    ), _FIX),
    **dict.fromkeys((
        "app_uninstalled", "approval_limit_evicted", "connection_revoked", "consent_required",
        "database_restored_from_backup", "email_not_confirmed", "grant_or_session_gone", "login_already_completed",
        "other_user_signed_in", "otp_already_used", "otp_expired", "otp_superseded", "password_change_gmail_scopes",
        "session_expired", "short_lived_token_without_refresh", "sso_session_expired", "stale_consent_link",
        "token_deleted", "token_deleted_by_cleanup", "token_revoked", "upstream_connector_refresh_failed",
        "user_denied_consent", "user_revoked_access", "scopes_changed", "user_logged_out",
        "exclusive_signin_displaced_token",
    ), _REAUTH),
    **dict.fromkeys((
        "access_token_expired", "idp_error_page", "idp_server_error", "idp_transient_outage", "rate_limit_exceeded",
        "storage_backend_failure", "storage_failure", "subject_token_expired", "transient_provider_failure",
        "upstream_unavailable", "user_to_server_token_expired", "iam_change_not_propagated", "network_error",
    ), _RETRY),
}

DECISION_HINTS: dict[str, str] = {
    "reauth": "Never retry this grant: send the user through authorization again.",
    "fix_config": "Retrying or re-authorising without a configuration change fails again.",
    "retry": "Safe to retry: back off per Retry-After if the response carries it.",
    "none": "Nothing was decided: read the full response (or the server's log) for the reason.",
}
UNRECOGNISED_HINT = "Nothing here names the failure: read the full response (or the server's log) for the reason."
AMBIGUOUS_FIX_HINT = "Sending the same request again fails the same way: find the candidate that fits and change that."
