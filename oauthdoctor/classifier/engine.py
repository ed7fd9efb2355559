"""Classify one error response: provider rules first, then the generic RFC baseline, then the HTTP status.

Pure and offline: no network imports, regexes compiled once per provider, so batch mode handles tens of
thousands of log lines per second.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from oauthdoctor.classifier import baseline as B
from oauthdoctor.classifier.book import RuleBook, default_rulebook
from oauthdoctor.classifier.extract import Extracted, extract
from oauthdoctor.classifier.match import CompiledRules, LazyPattern
from oauthdoctor.classifier.request_context import (
    ask_for_grant,
    at_token_endpoint,
    decision_of,
    for_grant,
    names_token_request,
    open_to_request_context,
    token_path,
)
from oauthdoctor.classifier.result import UNRECOGNISED, CauseCandidate, Explanation
from oauthdoctor.classifier.wording import hints_for, summary_for
from oauthdoctor.profiles.error_schema import Candidate, DecisionName, ErrorRule, ErrorRules, Outcome
from oauthdoctor.vocabulary import FAILURE_CLASSES, FailureClass

_CACHE_SIZE = 8192  # logs repeat the same bodies; results are frozen, so sharing them is safe
CLASSES = frozenset(FAILURE_CLASSES)
_GENERIC = CompiledRules(ErrorRules(rules=B.GENERIC_RULES), None)
_CLASS_REFS = {
    "invalid_token": B.RFC6750, "insufficient_scope": B.RFC6750, "authorization_pending": B.RFC8628,
    "slow_down": B.RFC8628, "expired_token": B.RFC8628, "access_denied": B.RFC6749_AUTHZ,
    "interaction_required": B.OIDC_AUTH_ERROR,
    "unsupported_response_type": B.RFC6749_AUTHZ, "rate_limited": B.RFC6585, "unknown": None,
}
_401_CANDIDATES = (
    Candidate("access_token_expired", "a freshly refreshed access token is accepted",
              "refresh the access token and retry once"),
    Candidate("token_for_wrong_audience", "a fresh token is refused too: it was issued for another API "
              "(audience/resource/scope)", "request the token for this API's audience or scope"),
    Candidate("token_revoked", "a refresh also fails with invalid_grant", "send the user through authorization"),
)


def classify(status: int | str | None = None, body: Any = None, headers: dict[str, str] | None = None,
             provider: str | None = None, url: str | None = None, *, rulebook: RuleBook | None = None,
             strict: bool = False, grant_type: str | None = None) -> Explanation:
    """Normalise one OAuth error response into class, cause and decision (reauth / fix_config / retry).

    ``body`` may be text, bytes or an already-parsed dict; it may start with an HTTP status line and
    headers (``curl -i``). Without ``provider``, the provider is detected from ``url``'s host and the body's
    shape. An unknown ``provider`` (one no profile describes) counts as none given: the provider is detected,
    unless ``strict``, which raises ``UnknownProfile``. ``grant_type`` (the failing request's, when the caller
    knows it) keeps only the candidate causes that can happen in that grant. Never raises on arbitrary input otherwise.
    """
    book = rulebook or default_rulebook()
    try:
        key = (status, body, tuple(sorted(headers.items())) if headers else None, provider, url, grant_type)
        cached = book.results.get(key)
    except TypeError:  # unhashable input (a dict body, odd header values): no caching
        return _classify(book, status, body, headers, provider, url, strict, grant_type)
    if cached is None:
        cached = _classify(book, status, body, headers, provider, url, strict, grant_type)
        if len(book.results) >= _CACHE_SIZE:
            book.results.clear()
        book.results[key] = cached
    return cached


def _classify(book: RuleBook, status: int | str | None, body: Any, headers: dict[str, str] | None,
              provider: str | None, url: str | None, strict: bool, grant_type: str | None = None) -> Explanation:
    ex = _without_definitions(extract(_status(status), body, headers))
    error_key = ex.error_key
    pid = book.resolve(provider, strict) if provider else None
    if pid is None and url:
        pid = book.by_host(url) or book.by_path(url)
    if pid is None:
        pid = book.by_body(ex, error_key) or book.by_text_host(ex.text)
    rules = book.compiled(pid) if pid else None
    code = rules.provider_code(ex) if rules else None
    found = rules.find(ex, error_key, code) if rules else None
    generic, layer = _generic(ex, error_key, book.phrases()) if _needs_generic(found) else (_NO_OUTCOME, "none")
    if found is None and layer == "none" and pid is not None and _unread_provider_answer(ex, pid):
        generic, layer = _unread_answer_of(pid), "words"
    elif found is None and layer == "none" and _unread_failure(ex):
        generic, layer = _UNREAD_FAILURE, "words"
    result = _explain(ex, pid, code, found, generic, layer, rules)
    said = (ex.status in _TOKEN_REQUEST_STATUSES and open_to_request_context(ex)
            and names_token_request(ex))  # the log line names the request
    if grant_type or (url and token_path(url)) or said:
        result = at_token_endpoint(result, ex, rules, code)
    return for_grant(result, grant_type, ex, rules, code) if grant_type else ask_for_grant(result)


_NO_OUTCOME = Outcome()
# The statuses request_context.at_token_endpoint reads for a token request the text names: a redirect, 400, 401, 404.
_TOKEN_REQUEST_STATUSES = frozenset({301, 302, 303, 307, 308, 400, 401, 404})


def _unread_provider_answer(ex: Extracted, pid: str) -> bool:
    """A provider's answer that nothing read: pasted without a status, or under an error status (B.UNREAD_PROVIDER_
    ANSWER_SUMMARY). The generic profile is no provider."""
    return pid != "generic" and not ex.empty and (ex.status is None or ex.status >= 400) and not (
        ex.error_key is None and B.is_program_crash(ex.text))  # a crash of the caller's code is no provider's answer


def _unread_failure(ex: Extracted) -> bool:
    """A failure text nothing reads (under an error status, or pasted with an error's marks) that is no crash of the
    caller's own code (B.UNREAD_FAILURE_SUMMARY): it keeps class unknown, and its decision is the base rate's lean.
    Text that reports no failure ("hello world") decides nothing."""
    if ex.empty or (ex.status is not None and ex.status < 400):
        return False
    if ex.status is None and not B.reports_failure(ex.text):
        return False
    return not (ex.error_key is None and B.is_program_crash(ex.text))


_UNREAD_FAILURE = Outcome(failure_class="unknown", cause=UNRECOGNISED, decision="fix_config",
                          summary=B.UNREAD_FAILURE_SUMMARY, candidates=list(B.VAGUE_AUTH_FAILURE_CANDIDATES))


def _unread_answer_of(pid: str) -> Outcome:
    return Outcome(failure_class="invalid_request", cause="ambiguous", decision="fix_config",
                   summary=B.UNREAD_PROVIDER_ANSWER_SUMMARY.format(provider=pid),
                   candidates=list(B.VAGUE_AUTH_FAILURE_CANDIDATES))


# RFC 6750 3.1: a request that lacks any authentication information gets a challenge without an error code; a
# token that was sent and refused gets error="invalid_token". So a Bearer (or DPoP, RFC 9449 7.1) challenge with no
# error names a request that carried no token the API could read.
_NO_TOKEN_SENT = Outcome(
    failure_class="invalid_request", cause="access_token_missing", decision="fix_config",
    summary="The API's challenge carries no error code: by RFC 6750 3.1 the request reached it without a token it "
            "could read (no Authorization header, another scheme than Bearer, or a proxy that dropped the header).",
    candidates=[Candidate("access_token_missing", "the request carries no Authorization header (or a proxy, "
                          "redirect or CORS preflight drops it)", "send the token as 'Authorization: Bearer <token>'"),
                Candidate("wrong_auth_scheme", "a header is sent, with another scheme or format ('Token', 'bearer:', "
                          "the token in the query)", "use the scheme the challenge names")])


def _bare_bearer_challenge(ex: Extracted) -> bool:
    """Whether the 401's WWW-Authenticate is a Bearer or DPoP challenge without an error code (RFC 6750 3.1)."""
    www = ex.headers.get("www-authenticate", "").strip()
    scheme = www.split(None, 1)[0].lower() if www else ""
    return scheme in ("bearer", "dpop") and ex.error is None and "www.error" not in ex.fields


def _needs_generic(found: Outcome | None) -> bool:
    """Whether the generic answer can change a provider's: no provider rule matched, the rule leaves class, cause
    or decision to the class defaults, or it is a catch-all with candidates that the text may narrow."""
    if found is None or not (found.failure_class and found.cause and found.decision):
        return True
    return bool(found.candidates) and not _reads_text(found)


def _without_definitions(ex: Extracted) -> Extracted:
    """Rules read the text without the RFC's definition of the error code: it lists every reason and names none.
    A body with no code of its own ("Client authentication failed (e.g., unknown client ...). crypto/bcrypt: ...")
    takes the code the definition defines."""
    if not B.has_definition(ex.text):  # the readable text holds the description too: one cheap look
        return ex
    desc_text, defined = B.without_definitions(ex.desc_text)
    text, defined_in_text = B.without_definitions(ex.text)
    error = ex.error or defined or defined_in_text
    return replace(ex, desc_text=desc_text, text=text, error=error)


def _status(status: int | str | None) -> int | None:
    if status is None or isinstance(status, bool):
        return None
    try:
        value = int(status)
    except (TypeError, ValueError, OverflowError):  # a JSON line's 1e309 is infinity
        return None
    return value if 100 <= value <= 999 else None


def _generic(ex: Extracted, error_key: str | None, phrases: CompiledRules | None) -> tuple[Outcome, str]:
    """The generic outcome and the layer that gave it: the RFC baseline's description rules, then the phrase layer
    (``errors.rules`` of the generic profile: wording seen across servers and libraries) - both ``rule`` - then
    the error value (``error``; a word family may name the cause a value leaves open, ``words``), then the word
    families (``errors.fallback``: a subject and a predicate, for wording no phrase knows; ``words``), then the HTTP
    status (``status``; a Bearer challenge without an error code is a request without a token), else nothing
    (``none``)."""
    found = _GENERIC.find(ex, error_key, None)
    if found is None and phrases is not None:
        found = phrases.find(ex, error_key, None)
        if found is not None and (after := _wrapped_network_failure(found, ex, error_key, phrases)) is not None:
            return after, "words"
    if ex.status == 429 and not error_key and (found is None or found.failure_class != "rate_limited"):
        # RFC 6585 4: the server itself says the client sent too many requests; what an app or library wrote
        # around it ("User is not authenticated", "Missing access token parameter") does not outweigh that
        return Outcome(failure_class="rate_limited"), "status"
    if found is not None:
        if found.failure_class == "server_error" and ex.status in _TEMPORARY_STATUSES and not error_key:
            # words of a failing server under a 503 or 504: RFC 9110 15.6.4/15.6.5 make that status temporary
            return replace(found, failure_class="temporarily_unavailable", cause="token_service_unavailable"), "rule"
        return found, "rule"
    if error_key:
        cls = error_key if error_key in CLASSES else B.ERROR_CLASS.get(error_key)
        if cls:
            cause = B.ERROR_CAUSE.get(error_key)
            if cause in (None, "ambiguous") and _cause_left_open(cls) and phrases is not None:
                words = phrases.find_fallback(ex, error_key)
                if words is not None and _words_name_the_cause(words, cls):
                    return replace(words, failure_class=cast(FailureClass, cls), class_from_error=False), "words"
                if words is not None and _words_name_a_narrower_class(words, cls):
                    return words, "words"
            if cls == "access_denied" and cause in (None, "user_denied_consent") and ex.status in (401, 403):
                return B.API_ACCESS_DENIED, "error"  # no redirect carries a 401 or 403 (RFC 6749 4.1.2.1)
            return Outcome(failure_class=cast(FailureClass, cls), cause=cause), "error"
    if phrases is not None:
        found = phrases.find_fallback(ex, error_key)
        if found is not None:
            return found, "words"
    status = ex.status
    if status in B.STATUS_FALLBACK:
        return Outcome(failure_class=cast(FailureClass, B.STATUS_FALLBACK[status])), "status"
    if status in B.STATUS_CAUSES:  # RFC 9110 405 and 415: the request's method or body format, whatever the text
        return Outcome(failure_class="invalid_request", cause=B.STATUS_CAUSES[status], decision="fix_config"), "status"
    if status == 401 and _bare_bearer_challenge(ex):
        return _NO_TOKEN_SENT, "status"
    if status == 401:
        return Outcome(failure_class="invalid_token", cause="ambiguous", candidates=list(_401_CANDIDATES)), "status"
    if status == 403:
        return Outcome(failure_class="insufficient_scope", cause="ambiguous", decision="fix_config", summary=(
            "The call was refused with HTTP 403 and no reason: RFC 6750 3.1 answers 403 for a token without the "
            "privileges (scope, role, permission) the call needs, so that is the reading; a 403 from the "
            "authorization redirect itself would be a refused consent."), candidates=[
            Candidate("missing_scope_or_permission", "the token's scopes/roles lack what this call needs"),
            Candidate("user_denied_consent", "the response came from the authorize redirect")]), "status"
    if status is not None and 500 <= status <= 599:
        return Outcome(failure_class="server_error"), "status"
    if status == 400 and not ex.empty:
        return Outcome(failure_class="invalid_request", cause="ambiguous"), "status"
    if (status is None or status >= 300) and not ex.empty and B.speaks_of_auth_failure(ex.text) and not (
            error_key is None and B.is_program_crash(ex.text)):
        return Outcome(failure_class="invalid_request", cause="ambiguous", decision="fix_config",
                       summary=B.VAGUE_AUTH_FAILURE_SUMMARY, candidates=list(B.VAGUE_AUTH_FAILURE_CANDIDATES)), "words"
    return Outcome(failure_class="unknown"), "none"


_TEMPORARY_STATUSES = frozenset({503, 504})


def _wrapped_network_failure(found: Outcome, ex: Extracted, error_key: str | None,
                             phrases: CompiledRules) -> Outcome | None:
    """A library's catch-all that names no class ("[next-auth][error][SIGNIN_OAUTH_ERROR] ...") followed by a
    network failure ("outgoing request timed out after 3500ms"): the failure it wraps is the network's. Only the
    network family is read after a catch-all: other word families misread wrappers' own words (a Microsoft
    Identity Web wrapper's "confidential client: Keyset does not exist" is no unknown client)."""
    if not (isinstance(found, ErrorRule) and found.text and found.failure_class in (None, "unknown")
            and found.cause == "ambiguous" and found.candidates):
        return None
    ends = [m.end() for m in LazyPattern(found.text).compiled().finditer(ex.text)]
    if not ends:
        return None
    after = ex.text[ends[-1]:]  # the readable text may hold the message twice (its description, then all of it)
    words = phrases.find_fallback(replace(ex, desc_text=after, text=after), error_key)
    return words if words is not None and words.cause == "network_error" else None


def _words_name_the_cause(words: Outcome, cls: str) -> bool:
    """Whether a word family names the cause of an error value that has none of its own ("invalid_grant" with
    "Session not found", "invalid_request" with "code_challenge_method plain is not supported"; the caller asks only
    for a class with no usual cause: invalid_request, invalid_grant, invalid_token): the family's class is the
    value's (or the family takes its class from the value), and it decides as the class does, so the words sharpen
    the cause without turning the decision the code settles. access_denied is the exception: its reason decides
    (a group or a policy is the server's denial, fix_config; docs/error-rules.md counts the labels)."""
    if words.cause in (None, "ambiguous"):
        return False
    default_decision = B.CLASS_DEFAULTS[cls][0]
    same_class = bool(words.failure_class == cls or words.class_from_error)
    if cls in ("access_denied", "invalid_token"):  # a reason the server gives decides (issue #16 family 2 for a
        return same_class  # token: another audience, a malformed value, a revocation; refreshing is for expiry)
    return same_class and (words.decision or default_decision) == default_decision


# The classes a catch-all error value may stand for when its description names the failure: RFC 6749's
# invalid_request ("otherwise malformed") and access_denied ("the authorization server denied the request")
# say that the request was refused, not what in it was wrong.
_NARROWER_CLASSES = frozenset({"invalid_scope", "redirect_uri_mismatch", "invalid_client", "unauthorized_client",
                               "unsupported_response_type", "insufficient_scope"})


def _words_name_a_narrower_class(words: Outcome, cls: str) -> bool:
    """Whether the words of a catch-all error value (invalid_request, access_denied) name a narrower failure that
    someone must configure ('invalid_request: Invalid "scope"', 'access_denied: Scopes are not assigned'): its own
    class says more than the value, and a configuration fix is what either would decide."""
    return (cls in ("invalid_request", "access_denied") and words.cause not in (None, "ambiguous")
            and words.failure_class in _NARROWER_CLASSES and not words.class_from_error
            and (words.decision or B.CLASS_DEFAULTS[words.failure_class][0]) == "fix_config")


def _cause_left_open(cls: str) -> bool:
    """Classes whose error value leaves the cause open: those without a usual cause, and access_denied, which RFC
    6749 4.1.2.1 gives to "the resource owner or authorization server" (the user declined, or a policy refused)."""
    return B.CLASS_DEFAULTS[cls][2] == "ambiguous" or cls == "access_denied"


def _confidence(cls: str, cause: str, found: Outcome | None, generic: Outcome, layer: str,
                unanimous: bool = False) -> str:
    """How hard to lean on the decision: ``high`` when a rule that names this failure decided (a provider's
    rule or code, the RFC baseline, a confirmed phrase); ``medium`` when it rests on a heuristic rule, on the
    error value alone (the cause is that code's usual one) or on the word families (vocabulary, not a known
    wording, or an open cause whose every candidate decides the same); ``low`` when the cause is ambiguous and its
    candidates disagree, only the HTTP status spoke, or nothing was recognised. A rule may name a cause outside
    OAuth (class ``unknown``: a local listener that cannot bind); its basis counts."""
    if cause == "ambiguous" and unanimous and cls != "unknown":
        return "medium"  # which cause is open, but every one of them decides the same
    if cause == "ambiguous" or (cls == "unknown" and not (layer == "rule" or (found is not None and found.cause))):
        return "low"
    decided = found if found is not None and found.cause else generic
    if decided is found:  # a provider's rule or code: its basis says how firm it is
        firm = decided.basis == "confirmed"
    elif layer == "rule":  # the RFC baseline (code) or a phrase rule (each states its basis)
        firm = decided.basis != "heuristic"
    else:
        return "medium" if layer in ("error", "words") else "low"
    return "high" if firm and cause not in LEANS_ON_THE_CALLER else "medium"


# Causes a rule may name firmly whose decision still rests on what the caller does next, not on the response: an
# expired access token is one refresh only if the client holds a refresh token and its refresh works; a refused
# code or refresh token is a new sign-in only if the client did not send a stale, double-used or mangled one. On
# the eight development halves these were right 34 times of 56 at "high" (the rest of "high": 515 of 533), so
# they are "medium": act on them, and check the candidates when acting did not help. A transient answer (a 5xx, a
# 503, a rate limit) is a retry only if it does not come back: a client that asks for a token per call, loops on a
# refresh or sends a request the server chokes on gets the same answer every time. On the thirteen development
# halves those were right 55 times of 67 at "high" (the rest of "high": 742 of 763).
LEANS_ON_THE_CALLER = frozenset({"access_token_expired", "refresh_token_invalid", "auth_code_invalid_or_reused",
                                 "missing_scope", "client_assertion_expired", "network_error",
                                 "idp_server_error", "token_service_unavailable", "rate_limit_exceeded"})


def _explain(ex: Extracted, pid: str | None, code: str | None, found: Outcome | None, generic: Outcome,
             layer: str, rules: CompiledRules | None) -> Explanation:
    primary = _narrowed(found, generic, layer) if found is not None else generic
    if primary is generic:  # the words overruled a provider's catch-all: theirs is the basis and the confidence
        found = None
    cls = primary.failure_class or generic.failure_class or "unknown"
    if primary.class_from_error and (literal := _literal_class(ex.error_key)):
        cls = literal
    same = generic.failure_class == cls
    _, default_status, default_cause, meaning = B.CLASS_DEFAULTS[cls]
    cause = primary.cause or (generic.cause if same and generic.cause else None) or default_cause
    # a rule that states no decision decides as its own class does, even when the error value named another class
    own = primary.failure_class if primary.failure_class in B.CLASS_DEFAULTS else cls
    decision = (primary.decision or (generic.decision if same and generic.decision else None)
                or B.CLASS_DEFAULTS[own][0])
    normalized = primary.normalized_status or default_status or ex.status
    candidates = list(primary.candidates) or (list(generic.candidates) if same and cause == "ambiguous" else [])
    if cause == "ambiguous" and not candidates and cls == "invalid_grant":
        candidates = list(B.INVALID_GRANT_CANDIDATES)
    summary = primary.summary
    by_default = primary.decision is None and not (same and generic.decision)
    if by_default and _refused_without_reason(found, cls, cause, ex):
        decision, summary = "fix_config", B.REFUSED_WITHOUT_REASON_SUMMARY
        candidates = candidates or list(_401_CANDIDATES)
    hints = hints_for(ex, primary, cause, decision, candidates, rules, code)
    refs = [*primary.references, primary.source, _CLASS_REFS.get(cls, B.RFC6749)]
    if rules is not None and rules.source:
        refs.append(rules.source)
    uri = ex.fields.get("error_uri", "")
    if uri.startswith("https://"):
        refs.append(uri)
    return Explanation(
        failure_class=cls, cause=cause, decision=decision, provider=pid, status=ex.status,
        normalized_status=normalized, error=ex.error, provider_code=code, error_description=_shown(ex),
        summary=summary or summary_for(cls, cause, meaning, code, pid, len(candidates)),
        hints=tuple(hints), references=tuple(dict.fromkeys(r for r in refs if r)),
        candidates=tuple(CauseCandidate(c.cause, c.tells_apart, c.hint, decision_of(c.cause, c.decision))
                         for c in candidates),
        basis=found.basis if found is not None else None,
        confidence=_confidence(cls, cause, found, generic, layer, _unanimous(candidates, decision)),
    )


def _refused_without_reason(found: Outcome | None, cls: str, cause: str, ex: Extracted) -> bool:
    """A token refused with neither RFC 6750's invalid_token nor a reason, where no rule decided (a bare 401, gRPC's
    UNAUTHENTICATED, Graph's InvalidAuthenticationToken without words; the word families for "Unauthorized" and
    "Invalid access token" in providers/generic.yaml state no decision, so this decides for them). Issue #16 keeps
    `retry` for an expired or an unexplained invalid_token; without that code and without a word of expiry, what
    fixed it on the nine development halves was configuration 34 times and a refresh 12 (a token for another API
    or environment, not sent as Bearer, the wrong token type), so the answer is fix_config, `low`, with the refresh
    as a candidate."""
    if found is not None or cls != "invalid_token" or cause != "ambiguous":
        return False
    key = ex.error_key or ""
    named = key == "invalid_token" or any(v.strip().lower() == "invalid_token" for v in ex.fields.values())
    return not named and "expir" not in key and B.says_expired(ex.text) is None  # RFC 6750's code in any field


def _unanimous(candidates: list[Candidate], decision: str) -> bool:
    """Whether every candidate cause decides what the answer decides: the cause is open, the decision is not."""
    return bool(candidates) and all(decision_of(c.cause, c.decision) == decision for c in candidates)


def _shown(ex: Extracted) -> str | None:
    """The description as it may be shown: credentials found in the input (a callback URL's code, a pasted
    token response) are replaced by their fingerprints."""
    if not ex.description or not ex.secrets:
        return ex.description
    from oauthdoctor.redact import scrub_text

    return scrub_text(ex.description, ex.secrets)


def _literal_class(error_key: str | None) -> FailureClass | None:
    """The class the raw error value names, if any."""
    if not error_key:
        return None
    named = error_key if error_key in CLASSES else B.ERROR_CLASS.get(error_key)
    return cast(FailureClass, named) if named else None  # CLASSES and ERROR_CLASS hold only class names


def _narrowed(found: Outcome, generic: Outcome, layer: str) -> Outcome:
    """A provider's catch-all rule (status or error only) that lists candidate causes, narrowed to the one
    the error text names ("LinkedIn 401: expired, revoked or scopes changed" + "revoked by the user";
    Okta's invalid_client + "The client secret supplied ... is invalid").

    When the text names a cause outside the list of a catch-all on the status alone ("LinkedIn 401" + "Empty oauth2
    access token"), the text's reading wins: the catch-all knows only the status, the words say what happened. Only
    a reading of the words counts (a phrase or baseline rule, a word family), not the generic meaning of the same
    status; and a catch-all on the provider's own error value keeps its meaning (Adobe's invalid_token at the JWT
    exchange is the assertion, not an access token).

    A provider rule that reads the text itself is left alone: it is ambiguous because that text is.
    """
    if _reads_text(found) or not found.candidates or generic.cause in (None, "ambiguous") or layer == "status":
        return found  # the status (or its bare challenge) is what the catch-all already read
    named = next((c for c in found.candidates if c.cause == generic.cause), None)
    if named is None:
        overrules = (layer in ("rule", "words") and generic.failure_class not in (None, "unknown")
                     and isinstance(found, ErrorRule) and not (found.error or found.provider_code))  # the status alone
        return generic if overrules and generic.cause != found.cause else found
    # the narrowed cause decides as that cause does (a redirect URI that differs is a fix, whatever the catch-all
    # rule decided for its most common cause); the catch-all's decision only when nothing says otherwise
    decision = generic.decision or decision_of(named.cause, named.decision)
    if decision is None and generic.failure_class in B.CLASS_DEFAULTS and generic.failure_class != "unknown":
        decision = B.CLASS_DEFAULTS[generic.failure_class][0]
    return replace(found, cause=generic.cause, decision=cast(DecisionName, decision) if decision else found.decision,
                   candidates=[], summary=None)


def _reads_text(found: Outcome) -> bool:
    """A code-table entry or a rule that matches on the text itself (not on status or error alone)."""
    return not isinstance(found, ErrorRule) or bool(found.description or found.text or found.fields)
