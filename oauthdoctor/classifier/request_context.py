"""What the caller knows about the failing request narrows an answer the body alone leaves open.

A token request (a grant type is known, or the URL is a token endpoint) answered 401 without an error code is
client authentication (RFC 6749 5.2). The grant of the failing request keeps only the candidate causes that can
happen in it: a refresh cannot fail on a redirect URI, a code exchange cannot fail on a rotated refresh token.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from oauthdoctor.classifier import baseline as B
from oauthdoctor.classifier.extract import Extracted
from oauthdoctor.classifier.match import CompiledRules
from oauthdoctor.classifier.result import CauseCandidate, Explanation
from oauthdoctor.classifier.wording import hints_for, summary_for
from oauthdoctor.profiles.error_schema import Candidate, Outcome
from oauthdoctor.vocabulary import FailureClass

# Which grant a candidate cause can happen in: a caller that knows the failing request's grant_type
# (``explain --grant-type``, trace, diagnose) keeps only the candidates of that grant. Causes named
# ``auth_code_*`` belong to the code grant and ``refresh_token_*`` to a refresh; the rest are listed here.
# A cause not listed stays whatever the grant.
CAUSE_GRANTS: dict[str, frozenset[str]] = {
    "redirect_uri_differs_from_authorize": frozenset({"authorization_code"}),
    "grant_issued_for_other_client_or_endpoint": frozenset({"authorization_code", "refresh_token", "device_code"}),
    "pkce_verifier_mismatch": frozenset({"authorization_code"}),
    "pkce_verifier_missing": frozenset({"authorization_code"}),
    "pkce_challenge_missing": frozenset({"authorization_code"}),
    "pkce_verifier_without_challenge": frozenset({"authorization_code"}),
    "testing_mode_7_day_expiry": frozenset({"refresh_token"}),
    "approval_limit_evicted": frozenset({"refresh_token"}),
    "password_change_gmail_scopes": frozenset({"refresh_token"}),
    "refresh_request_malformed": frozenset({"refresh_token"}),
    "offline_access_missing": frozenset({"refresh_token"}),
    "bad_user_credentials": frozenset({"password"}),
    "resource_owner_credentials_invalid": frozenset({"password"}),
    "client_credentials_grant_disabled": frozenset({"client_credentials"}),
    "client_credentials_policy_denied": frozenset({"client_credentials", "password"}),
    "assertion_invalid": frozenset({"jwt_bearer"}),
}
# A grant whose own failure is not among a body's candidates: the password grant's invalid_grant is the user's
# credentials (RFC 6749 4.3, 5.2); a JWT bearer grant's is its assertion (RFC 7523 3.1).
GRANT_CANDIDATES: dict[str, dict[str, Candidate]] = {
    "password": {"invalid_grant": Candidate(
        "resource_owner_credentials_invalid", "the user name or password sent is wrong, or the account may not use "
        "the password grant", "correct the credentials the program sends")},
    "jwt_bearer": {"invalid_grant": Candidate(
        "assertion_invalid", "the JWT assertion's signature, key, iss/sub/aud, jti or lifetime was refused",
        "check the assertion's signing key, its iss/sub/aud and its iat/exp against this host's clock")},
}
# Causes whose name says the grant is gone (a new authorisation helps), where B.CANDIDATE_DECISIONS does not list
# the cause (its configuration causes, such as a refresh token mangled in storage, come first).
_CAUSE_DECISION_BY_PREFIX = (("refresh_token_", "reauth"), ("auth_code_", "reauth"))


def decision_of(cause: str, own: str | None = None) -> str | None:
    """What a candidate cause decides: its rule's own word, the cause vocabulary's, or what its name says (a
    refresh token or a code that is gone); None when none of them knows."""
    if own:
        return own
    if cause in B.CANDIDATE_DECISIONS:
        return B.CANDIDATE_DECISIONS[cause]
    return next((decision for prefix, decision in _CAUSE_DECISION_BY_PREFIX if cause.startswith(prefix)), None)


# grant_type values as sent on the wire (RFC 8628, RFC 7523, RFC 8693 URNs) -> the short names above
GRANT_ALIASES: dict[str, str] = {
    "urn:ietf:params:oauth:grant-type:device_code": "device_code",
    "urn:ietf:params:oauth:grant-type:jwt-bearer": "jwt_bearer", "jwt-bearer": "jwt_bearer",
    "urn:ietf:params:oauth:grant-type:token-exchange": "token_exchange", "token-exchange": "token_exchange",
    "urn:ietf:params:oauth:grant-type:saml2-bearer": "saml2_bearer", "code": "authorization_code",
}


def cause_grants(cause: str) -> frozenset[str] | None:
    """The grants ``cause`` can happen in; None when it is not tied to one."""
    if cause.startswith("auth_code_"):
        return frozenset({"authorization_code"})
    if cause.startswith("refresh_token_"):
        return frozenset({"refresh_token"})
    return CAUSE_GRANTS.get(cause)


KNOWN_GRANTS = frozenset({
    "authorization_code", "refresh_token", "client_credentials", "device_code", "password", "jwt_bearer",
    "token_exchange", "implicit", "saml2_bearer", "ciba",
    "account_credentials", "exchange_api_token",  # provider-specific grants: Zoom's, Pipedrive's
})


def grant_name(value: str) -> str:
    """The short name of a grant_type value (its URN, or a short name already)."""
    lowered = value.strip().lower()
    return GRANT_ALIASES.get(lowered, lowered.replace("-", "_"))


def token_path(url: str) -> bool:
    """Whether the URL is a token endpoint by its path (``/token``, ``/oauth2/v2.0/token``, ``/access_token``)."""
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").lower()
    return path.endswith(("/token", "/access_token"))


# A log line or exception that says the failing request was a token request: a token endpoint URL in the text, or
# a client library's words for asking for a token (Go's "cannot fetch token", "failed to obtain access token",
# "token request failed", "error refreshing token"). A request *with* a token (an API call) is not one of these.
_TOKEN_REQUEST_WORDS = (
    r"\b(?-i:[Tt]oken (?:request|endpoint|exchange))\b|\bcannot fetch token\b"
    r"|\b(?:obtain|get|fetch|retrieve|request|acquire|refresh|redeem)(?:ing)? (?:an? |the |new |oauth2? )*"
    r"(?:access |refresh |oauth2? |bearer )?token\b(?! (?:is|was|has)\b)"
    # an HTTP client's request line for a token path (urllib3's debug log: "POST /api/v1/access_token HTTP/1.1" 401)
    r"|\bPOST /\S*?(?:access_)?token\S* HTTP/"
    r"|\b(?:exchang|swapp?)(?:e|ed|ing) (?:the |an? )?(?:authori[sz]ation )?code (?:for|into) (?:an? |the )?"
    r"(?:access )?tokens?\b"
    # a stack frame of the function that asks for the token ("at exchangeCodeForToken (auth.js:42)")
    r"|\bat (?:[\w$]+\.)*(?:exchangeCode(?:For|To)Tokens?|exchangeCode|getAccessToken|fetchAccessToken"
    r"|requestAccessToken|refreshAccessToken|obtainAccessToken)\b")


@functools.cache
def _token_request_words() -> re.Pattern[str]:
    """Compiled on the first 401 that mentions a token, not at import."""
    return re.compile(_TOKEN_REQUEST_WORDS, re.IGNORECASE)


# A URL in a text whose path ends in an OAuth endpoint's last segment: /token, /authorize, /oauth2/v2.0/token,
# /login/oauth/access_token, /protocol/openid-connect/token, /oauth.v2.access, /devicecode ...
_ENDPOINT_URL = (
    r"https?://[^\s\"'<>()/`]+/[^\s\"'<>()?#`]*?(?:token|authori[sz]e|oauth[.\w]*access|devicecode|device_authorization"
    r"|device/code|revoke)(?=[/?#\s\"'<>(),;:`]|$)")  # a backtick closes a URL as Guzzle quotes it: `POST https://...`


@functools.cache
def _endpoint_url_rx() -> re.Pattern[str]:
    """Compiled on the first text that names a URL."""
    return re.compile(_ENDPOINT_URL, re.IGNORECASE)


def endpoint_urls(text: str) -> list[str]:
    """The OAuth endpoint URLs a log line names (at most eight); a link to an issue or a docs page is none."""
    return _endpoint_url_rx().findall(text)[:8] if "://" in text else []


# The URL of the request that failed, as HTTP clients print it: requests' "for url: U", node-fetch's "request to U
# failed", Go's `Get "U"`, gh's "HTTP 401: ... (U)", a method before the URL (curl -v, Guzzle, loggers). Its host is
# the server that answered, whatever its path (an API call as well as an OAuth endpoint).
_REQUEST_URL = (
    r"(?:\bfor url: |\brequest to |\b(?:get|post|put|patch|delete) [\"`]?|^http \d{3}: [^\n]*\()"
    r"(https?://[^\s\"'<>()`]+)")


@functools.cache
def _request_url_rx() -> re.Pattern[str]:
    return re.compile(_REQUEST_URL, re.IGNORECASE | re.MULTILINE)


def request_urls(text: str) -> list[str]:
    """The URLs of failing requests a log line names (at most four): what the HTTP client itself printed."""
    return _request_url_rx().findall(text)[:4] if "://" in text else []


def names_token_request(ex: Extracted) -> bool:
    """Whether the response says the failing request asked the token endpoint for a token: a token endpoint URL in
    the text, or a client library's words for asking for one."""
    if ex.token_request:
        return True
    if "token" not in ex.text_lower:
        return False
    if token_path(ex.fields.get("path", "")):  # Spring Boot's error body names the request's path
        return True
    return any(token_path(u) for u in endpoint_urls(ex.text)) or _token_request_words().search(ex.text) is not None


# An "error" that is only the status's reason phrase (Spring Boot's {"status": 401, "error": "Unauthorized"}) is
# not an OAuth error code: the status still speaks.
_REASON_PHRASES = frozenset({"unauthorized", "not_found", "forbidden", "bad_request"})


def at_token_endpoint(result: Explanation, ex: Extracted, rules: CompiledRules | None,
                      code: str | None) -> Explanation:
    """A token request answered 400 with no error code, read as a refused access token: the token endpoint has no
    invalid_token (RFC 6749 5.2), so it is the request. A token request answered 401 with no error code: RFC 6749
    5.2 reserves 401 at the token endpoint for invalid_client (client authentication failed). A 404 with
    no OAuth answer at all: the server has no token endpoint at that URL (a wrong path, tenant, realm or API
    version, or a base URL missing a prefix); a retry reaches the same nothing."""
    if not open_to_request_context(ex):
        return result
    open_answer = result.failure_class == "unknown" or (result.failure_class, result.cause) == (
        "invalid_request", "ambiguous")  # nothing read, or only a vague failure (RFC 6749's catch-all class)
    if ex.status is not None and 300 <= ex.status <= 399 and open_answer:
        return _decided(result, ex, rules, code, "invalid_request", "wrong_endpoint_url", (
            f"The token request was answered with a redirect (HTTP {ex.status}): a token endpoint answers the POST "
            "itself (RFC 6749 3.2, 5.1), so this URL is not (or no longer) the token endpoint - a retired host or "
            "path, http instead of https, or a missing trailing segment. Take the token URL from the issuer's "
            "discovery document."))
    if ex.status == 404 and open_answer:
        return _decided(result, ex, rules, code, "invalid_request", "wrong_endpoint_url", (
            "The token request reached no token endpoint (HTTP 404): the token URL is wrong - its path, tenant, "
            "realm or version - or a base URL lost a prefix. Take it from the issuer's discovery document."))
    if ex.status == 400 and result.failure_class == "invalid_token" and result.cause == "ambiguous":
        hints = hints_for(ex, Outcome(), "ambiguous", "fix_config", [], rules, code)
        return replace(result, failure_class="invalid_request", decision="fix_config", candidates=(),
                       hints=tuple(hints), normalized_status=400, summary=(
            "The token request was refused with HTTP 400 and no OAuth error code: RFC 6749 5.2 makes a 400 from the "
            "token endpoint a problem with the request (a missing, repeated or wrong parameter, or a grant it "
            "refused); the token endpoint has no invalid_token to give. Log the request's parameters (not their "
            "secret values) and the raw response body."))
    if ex.status == 401 and result.failure_class == "invalid_token" and result.cause == "ambiguous":
        return _decided(result, ex, rules, code, "invalid_client", "bad_client_credentials", (
            "invalid_client from the token endpoint: a 401 there is client authentication failing (RFC 6749 "
            "5.2): the client id, the secret or how they are sent (HTTP Basic or the form body)."))
    return result


def open_to_request_context(ex: Extracted) -> bool:
    """Whether the failing request can settle this answer: the body carries no OAuth or provider code of its own (a
    reason phrase such as "Unauthorized", or a sentence in the error field, is none). Cheap: callers test it before
    looking for a token request in the text."""
    return not (ex.error_key and ex.error_key not in _REASON_PHRASES and not _a_sentence(ex.error))


def _a_sentence(error: str | None) -> bool:
    """An "error" field that holds a message ("Malformed Authorization header"), not a code: no OAuth or provider
    code has spaces between words."""
    return bool(error) and " " in (error or "").strip()


def _decided(result: Explanation, ex: Extracted, rules: CompiledRules | None, code: str | None, cls: FailureClass,
             cause: str, summary: str) -> Explanation:
    """The answer the request context settles: a configuration fix, medium confidence (the request, not the body,
    named it)."""
    hints = hints_for(ex, Outcome(), cause, "fix_config", [], rules, code)
    return replace(result, failure_class=cls, cause=cause, decision="fix_config", candidates=(), hints=tuple(hints),
                   summary=summary, normalized_status=ex.status, confidence="medium",
                   references=tuple(dict.fromkeys((B.RFC6749, *result.references))))


def for_grant(result: Explanation, grant_type: str, ex: Extracted, rules: CompiledRules | None,
              code: str | None) -> Explanation:
    """An ambiguous answer narrowed to the candidates that can happen in the failing request's grant. One left is
    the cause (confidence ``medium``: the body did not name it, the grant did); none left keeps them all (the
    body and the grant disagree, and the body is what the server said)."""
    if result.cause != "ambiguous" or not result.candidates:
        return result
    grant = grant_name(grant_type)
    kept = [c for c in result.candidates if (g := cause_grants(c.cause)) is None or grant in g]
    if not kept and (own := GRANT_CANDIDATES.get(grant, {}).get(result.failure_class)):
        kept = [CauseCandidate(own.cause, own.tells_apart, own.hint, decision_of(own.cause, own.decision))]
    if not kept or kept == list(result.candidates):  # nothing ruled out (or nothing left): the body's answer stands
        return result
    meaning = B.CLASS_DEFAULTS[result.failure_class][3]
    who = result.provider or "the server"
    if len(kept) > 1:
        summary = result.summary
        if summary == summary_for(result.failure_class, "ambiguous", meaning, result.provider_code, result.provider,
                               len(result.candidates)):
            summary = (f"{result.failure_class} from {who} (grant_type {grant}): {meaning}; the response alone does "
                       f"not tell why ({len(kept)} possible causes in this grant).")
        return replace(result, candidates=tuple(kept), summary=summary,
                       hints=tuple(h for h in result.hints if not _about_dropped(h, result.candidates, kept)))
    only = kept[0]
    decision = decision_of(only.cause, only.decision) or result.decision
    hints = hints_for(ex, Outcome(), only.cause, decision, [], rules, code)
    if only.hint:
        hints.insert(0, only.hint[0].upper() + only.hint[1:].rstrip(".") + ".")
    summary = (f"{result.failure_class} from {who} (grant_type {grant}): {meaning}; in this grant the cause is "
               f"{only.cause.replace('_', ' ')}.")
    return replace(result, cause=only.cause, decision=decision, candidates=(), hints=tuple(dict.fromkeys(hints)),
                   summary=summary, confidence="medium")


def _about_dropped(hint: str, before: tuple[CauseCandidate, ...], kept: list[CauseCandidate]) -> bool:
    """An "If <cause>: ..." hint of a candidate the grant ruled out."""
    gone = {c.cause for c in before} - {c.cause for c in kept}
    return any(hint.startswith(f"If {cause.replace('_', ' ')}:") for cause in gone)


GRANT_HINT = ("Knowing which grant failed narrows these causes: give it as --grant-type to explain (a grant_type "
              "field in --jsonl) or OAUTH_GRANT_TYPE to diagnose, e.g. refresh_token or authorization_code.")


def ask_for_grant(result: Explanation) -> Explanation:
    """An ambiguous answer whose candidates belong to different grants, from a caller that did not say which grant
    failed: say that naming it narrows them."""
    if result.cause != "ambiguous" or len({cause_grants(c.cause) for c in result.candidates} - {None}) < 2:
        return result
    return replace(result, hints=(*result.hints, GRANT_HINT))

