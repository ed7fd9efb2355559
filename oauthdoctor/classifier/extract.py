"""Find the OAuth error inside whatever a user pastes: JSON, form bodies, HTML pages, library-wrapped strings.

Error reports rarely carry the clean body: Go's oauth2 package prints ``oauth2: "invalid_grant" "..."``,
oauthlib ``(invalid_grant) ...``, Python clients a dict repr with single quotes, and pasted JSON is often cut
off. Everything here is best effort and never raises: an unreadable input yields an empty ``Extracted``.
"""

from __future__ import annotations

import ast
import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, unquote_plus, urlsplit

MAX_TEXT = 200_000  # longer inputs are cut: an error body is never that long, and regexes stay fast
MAX_PLAIN_DESCRIPTION = 4_000  # plain text up to this long is its own description (a log line, a library message)
MAX_PAGE_DESCRIPTION = 1_500  # an error page this short is its message; a longer one is mostly navigation and chrome

DESCRIPTION_KEYS = (
    "error_description", "errorSummary", "message", "reason", "error.message", "ExceptionMessage", "Message",
    "detail", "details", "error_message", "errorMessage", "msg", "statusMessage", "oauth_problem_advice",
    "Detail",  # .NET APIs' problem details spelt in PascalCase (Xero's {"Title": ..., "Detail": ...})
    "error_hint", "hint", "error_debug",
    "errorDescription",  # AppAuth-Android's AuthorizationException JSON, and camelCase SDKs
    "error_msg",  # VK's {"error": {"error_code": 5, "error_msg": ...}}
    "authErrorDescription",  # TikTok's Android SDK: errorCode, errorMsg (a code), authErrorDescription
    "errorMsg", "errMsg", "errmsg",  # WeChat's {"errcode": 40029, "errmsg": ...}, mobile SDKs' error callbacks
    "description",  # TikTok's {"data": {"description": ...}}, read one level down too
    "faultstring",  # a SOAP 1.1 fault, and gateways that copy its shape ({"fault": {"faultstring": ...}})
    "err",  # Pardot's {"@attributes": {"err_code": 181}, "err": "..."}
    "Error",  # Apigee's non-RFC OAuthV2 answers: {"ErrorCode": "InvalidRequest", "Error": "Refresh Token expired"}
    "body", "responseBody", "response_body",  # a wrapper's copy of a plain-text response (only when nothing else)
)
# "error..tag" is Dropbox's {"error": {".tag": "expired_access_token"}}; "oauth_problem" is OAuth 1.0a's.
ERROR_KEYS = ("error", "error.status", "error_code", "errorCode", "ErrorCode", "error.code", "error..tag",
              "oauth_problem")
KNOWN_KEYS = frozenset({
    "error", "error_description", "error_uri", "error_codes", "error_subtype", "message", "reason", "status",
    "category", "errorCode", "errorSummary", "error_code", "ErrorCode", "ok", "code", "Message",
    "ExceptionMessage", "detail", "details", "error_message", "errorMessage", "statusCode", "StatusCode", "scope",
    "errorDescription", "error_msg", "Detail", "errorMsg", "errMsg", "errmsg", "authErrorDescription",
    "oauth_problem", "oauth_problem_advice",
})
OAUTH_CODES = (
    "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
    "invalid_scope", "access_denied", "redirect_uri_mismatch", "unsupported_response_type", "invalid_token",
    "insufficient_scope", "interaction_required", "login_required", "consent_required", "account_selection_required",
    "authorization_pending", "slow_down", "expired_token", "server_error", "temporarily_unavailable",
    "admin_policy_enforced", "org_internal", "disallowed_useragent", "access_not_configured", "deleted_client",
    "invalid_resource", "incorrect_client_credentials", "bad_verification_code", "invalid_auth",
    "token_revoked", "token_expired", "invalid_redirect_uri", "unsupported_token_type", "incorrect_device_code",
    "device_flow_disabled", "invalid_client_id", "missing_scope", "mfa_required", "insufficient_user_authentication",
)
# RFC codes that a message may spell as words ("Invalid grant"): the whole description is then the code. Not
# "access denied", "server error", "expired token" or "slow down": as words they describe other things (an API's
# 403, a 500, an expired access token, a rate limit).
WORD_CODES = frozenset({
    "invalid_grant", "invalid_client", "unauthorized_client", "unsupported_grant_type", "invalid_scope",
    "redirect_uri_mismatch", "unsupported_response_type", "invalid_token", "insufficient_scope", "login_required",
    "consent_required", "interaction_required", "account_selection_required", "authorization_pending",
})

# Fields whose values are credentials: never echoed back, even inside a description (a pasted callback URL
# carries the code; a pasted request or token response carries tokens and secrets).
SECRET_FIELDS = frozenset({
    "code", "access_token", "refresh_token", "id_token", "client_secret", "password", "assertion",
    "client_assertion", "device_code", "code_verifier",
})
_STATUS_LINE = re.compile(r"\s*HTTP/\d(?:\.\d)?\s+(\d{3})[^\r\n]*\r?\n")
_HEADER_LINE = re.compile(r"([A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \t]*([^\r\n]*)")
# Go's "cannot fetch token: 400 Bad Request\nResponse: {...}", also logged on one line (the newline escaped or
# folded into a space by a log shipper).
_GO_FETCH = re.compile(
    r"cannot fetch token:\s*(\d{3})[^\r\n]*?(?:(?:\r?\n|\\n|\s)\s*Response:\s*|\r?\n\s*|$)(.*)", re.S)
_GO_QUOTED = re.compile(r'oauth2:\s*"([\w.\-]+)"(?:\s+"((?:[^"\\]|\\.)*)")?')
_OAUTHLIB = re.compile(r"\((\w+)\)\s*(.*)", re.S)
# OmniAuth's failure log line: "(github) Authentication failure! access_denied: <exception class>, <message>"
# (omniauth lib/omniauth/strategy.rb, fail!): the key after "failure!" is the error, not the strategy in brackets
_OMNIAUTH_FAILURE = re.compile(r"Authentication failure! (\w+): (.*)", re.S)
_BRACKETED = re.compile(r"\[([a-z]+(?:_[a-z]+)+)\]\s*(.*)", re.S)  # Spring Security: "[invalid_grant] desc"
_LIB_PREFIX = re.compile(r"\s*(?:[\w.$]*(?:Error|Exception))\s*[:\-]\s*(.*)", re.S)
# OAuth's request and response parameters (RFC 6749 11.2's registry, RFC 7636, RFC 7523, RFC 8628): "grant_type:
# client_credentials is not supported" names the parameter the sentence is about, not an error code.
_PARAMETER_NAMES = frozenset({
    "grant_type", "client_id", "client_secret", "redirect_uri", "response_type", "response_mode", "scope", "state",
    "code_verifier", "code_challenge", "code_challenge_method", "refresh_token", "access_token", "id_token",
    "token_type", "expires_in", "client_assertion", "client_assertion_type", "device_code", "user_code",
    "login_hint", "id_token_hint"})
# "invalid_client: desc", and Salesforce's upper-case "INVALID_SESSION_ID:desc" (a SOAP fault string, no space).
_CODE_PREFIX = re.compile(r"\s*(?:([a-z]+(?:_[a-z]+)+)\s*[:\-]\s+|([A-Z]+(?:_[A-Z]+)+)\s*[:\-]\s*)(.+)", re.S)
_FORM = re.compile(r"[\w.\-%]+=[^\s&]*(?:&[\w.\-%]+=[^\s&]*)*")
_FRAGMENT = re.compile(
    r"""["']?([A-Za-z_][\w]*)["']?\s*(?:=>|[:=])\s*("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|\[[^\]]*\]?|(?:[^,}\s&\\]|\\(?![nrt]))+)"""
)
_SMART_QUOTES = frozenset("‘’“”")
_NESTED_DESCRIPTIONS = (".error_description", ".description", ".message", ".detail", ".faultstring", ".error_message",
                        ".errorMessage", ".error_msg", ".errmsg", ".errMsg", ".errorMsg", ".msg", ".errorDescription",
                        ".Message")
_UNCONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}
_HTML = re.compile(r"<(?:!doctype|html|head|body|title|div|p|pre|br|h1|h2)\b", re.I)
_TAG = re.compile(r"<[^>]*>")
# HTTP statuses an API envelope repeats as its error code ({"error": {"code": 401, "message": ...}}); other numeric
# codes there are the API's own (Facebook's 190, VK's 5), and Facebook's 506 is not a status.
_ENVELOPE_STATUSES = frozenset({"400", "401", "403", "404", "408", "409", "429", "500", "502", "503", "504"})
_SPACE = re.compile(r"[ \t\r\f\v]+")
_CALL = re.compile(r"[A-Za-z_$][\w$.]*\(")  # an exception's or function's name with its opening parenthesis
_BARE_CODE = re.compile(r"[a-z]+(?:_[a-z]+)+")  # a body that is only a code: "token_revoked"
# An HTTP status named in a library's message or a log line: after HTTP/status words, or before its reason phrase.
_REASON = (r"(?:Unauthorized|Forbidden|Bad Request|Too Many Requests|Internal Server Error|Service Unavailable|"
           r"Bad Gateway|Gateway Time-?out|Client Error|Server Error)")
# Patterns most bodies never need, compiled on first use (explain's start-up pays for none of them): name ->
# (pattern, flags).
_LAZY: dict[str, tuple[str, int]] = {
    # RFC codes spelled as words inside a message; a code spelled in reverse ("Grant is invalid").
    "code_words": (r"\b(?:invalid[ -]grant(?![ _-]?type)|unauthori[sz]ed[ -]client|unsupported[ -]grant[ -]type|"
                   r"invalid[ -]scope|unsupported[ -]response[ -]type)\b", re.I),
    "code_words_reversed": (r"(\w+?)_(?:is_|was_)?(invalid|unauthori[sz]ed|insufficient|unsupported)", 0),
    "contraction": (r"\b(\w+?)n't\b", re.I),
    "space_run": (r"(?<=\S) {2,}(?=\S)", 0),
    # google-api-python-client's HttpError: '<HttpError 403 when requesting URL returned "MESSAGE". Details: "...">'
    "google_http_error": (r'<HttpError (\d{3}) when requesting\s+\S+\s+returned "(.*?)"'
                          r'(?:\.\s*Details:\s|>|\s*$)', re.S),
    "qualifier": (r"^(?:[A-Za-z_][\w$]*(?:\\|::|\.))+(?=[A-Za-z_])", 0),
    # A ``code`` field's value that is an error code, not an authorization code: a number of up to six digits, or
    # words in one case (parts after _ . -), or CamelCase: "invalid", "ACCESS_TOKEN_EXPIRED", "OAUTH_023",
    # "InvalidCode". Random codes mix cases and digits without separators (RFC 6749's "SplxlOBeZQQYbYS6WxSbIA").
    "error_code_value": (r"\d{1,6}|[a-z]+(?:[_.\-][a-z0-9]+)*|[A-Z]+(?:[_.\-][A-Z0-9]+)*|(?:[A-Z][a-z]+)+", 0),
    # An error query in a longer text: a callback URL's (after ? # &) or an unencoded one after a word and a space.
    "query_in_text": (r"(?:[?#&]|(?<![\w\"'=.\-]))(error=[A-Za-z][^\r\n<\"]*)", 0),
    "status_in_text": (r"\b(?:HTTP(?:/\d(?:\.\d)?)?|HTTP ?Error|status(?: ?code)?|response code|statusCode)\W{0,3}"
                       r"([45]\d\d)\b|\b([45]\d\d)\)? \(?" + _REASON + r"\b", re.I),
    "leading_code": (r"([a-z]+(?:_[a-z]+)+)\s*(?:\(|:\s|$)", 0),  # "code (description)", "code: description"
    "known_code": (r"\b(" + "|".join(OAUTH_CODES) + r")\b", re.I),
    # OAuth 1.0a's problem report quoted in a message, as its WWW-Authenticate parameter: oauth_problem="x"
    "oauth_problem": (r"\boauth_problem\s*=\s*\\?[\"']?([a-z]+(?:(?:_|%20|\+)[a-z]+)+)", 0),  # a form-encoded value too
    # an XML error document's code and message (AWS's <ErrorResponse><Error><Code>, Azure's <Error><Code>)
    "xml_code": (r"<Code>\s*([^<\s][^<]*?)\s*</Code>", 0),
    "xml_message": (r"<Message>\s*([^<]*?)\s*</Message>", 0),
    # a whole sentence a log line says before the body it quotes
    "sentence": (r"[A-Z][^.!?\n{}]{8,}[.!?](?=\s|$)", 0),
    # AWS SSO OIDC's (and other SDKs') exceptions named after the RFC code: "InvalidGrantException", oauthlib's and
    # Authlib's "InvalidClientError". Not ExpiredTokenException, which STS uses for expired session credentials, not
    # a device code; nor InvalidRequestError or InvalidTokenError, which SQLAlchemy and PyJWT use for their own.
    # Login with Amazon's service prefixes them with OA2 ("OA2InvalidGrantException" in X-Amzn-ErrorType).
    "exception_code": (r"(?:\b|(?<=\bOA2))(InvalidGrant|InvalidClient|UnauthorizedClient|UnsupportedGrantType|"
                       r"InvalidScope|AuthorizationPending|SlowDown)(?:Exception|Error)\b", 0),
    "trailing_code": (r"(?:error|failed|response)[^:\n]{0,40}:\s*([a-z]+(?:_[a-z]+)+)\.?\s*$", re.I),
    # PHP var_dump's key and type prefix, read as "key" => value: ["oauth_problem"]=> string(14) "token_rejected"
    "var_dump": (r'\["([A-Za-z_]\w*)"\]\s*=>\s*(?:string\(\d+\)\s*)?', 0),
    # key: value pairs quoted with the typographic quotes a paste into an issue tracker gives (‘x’, “x”).
    # A credential the server echoed into its message ("Invalid access token: 3f1c2a9e-...", a JWT): shown only
    # as a fingerprint. A JWT anywhere; otherwise a long token-shaped value right after a credential's name.
    "echoed_jwt": (r"\beyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]*", 0),
    "echoed_credential": (r"\b(?:token|code|secret|assertion|session(?: ?id)?|key)\b(?:\s*\([^)]{0,20}\))?['\"]?"
                          r"(?:\s*[:=]\s*|\s+)['\"]?([A-Za-z0-9._~+/=-]{6,})", re.I),
    # A SASL client response in a mail log: the initial response of AUTH / AUTHENTICATE (XOAUTH2 and OAUTHBEARER
    # carry the access token, PLAIN the password, RFC 4954 4 and RFC 3501 6.2.2) and the lines a client answers a
    # 334 / "+" challenge with (AUTH LOGIN's user name and password): base64 of credentials.
    "google_auth_error": (r"[?&]authError=([A-Za-z0-9_%=-]{8,})", 0),
    "sasl_challenge": (r"(?:^|[\s\[])(?:\+|334)\s+(eyJ[A-Za-z0-9+/]{10,}={0,2})", 0),
    "sasl_credential": (r"\bAUTH(?:ENTICATE)?\s+(?:XOAUTH2?|OAUTHBEARER|PLAIN|LOGIN)\s+([A-Za-z0-9+/]{8,}={0,2})"
                        r"|CLIENT -> SERVER:\s*([A-Za-z0-9+/]{8,}={0,2})(?=\s|$)"
                        r"|(?:^|\n)[ \t]*(?:>|C:)[ \t]*([A-Za-z0-9+/]{8,}={0,2})[ \t]*(?=\r?\n|$)", re.I),
    "fragment_smart": (r"""["'‘’“”]?([A-Za-z_][\w]*)["'‘’“”]?\s*(?:=>|[:=])\s*("(?:[^"\\]|\\.)*"?|"""
                       r"""'(?:[^'\\]|\\.)*'?|[‘’](?:[^‘’\\]|\\.)*[‘’]?|[“”](?:[^“”\\]|\\.)*[“”]?|"""
                       r"""\[[^\]]*\]?|(?:[^,}\s&\\]|\\(?![nrt]))+)""", 0),
}
WORD = re.compile(r"[a-z0-9]+")  # a word of lower-cased text, as rules' anchors are split into words
_IDENTIFIER = re.compile(r"[A-Z]?[a-z]+(?:[A-Z][a-z]+)+|[A-Za-z]+(?:_[A-Za-z]+)+")  # CamelCase or snake_case
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
_AUTH_PARAM = re.compile(r'([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))')


@dataclass(frozen=True)
class Extracted:
    """What was found in one response: status, headers, body fields and the readable text."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    description: str | None = None
    desc_text: str = ""
    text: str = ""
    empty: bool = True
    fmt: str = "empty"
    secrets: tuple[str, ...] = ()
    token_request: bool = False  # the text was a client library's report of a failed token request (Go's oauth2)

    @functools.cached_property
    def desc_lower(self) -> str:
        """The description text in lower case, for the rules' literal anchors (computed once)."""
        return self.desc_text.lower()

    @functools.cached_property
    def text_lower(self) -> str:
        """The readable text in lower case, for the rules' literal anchors (computed once)."""
        return self.text.lower()

    @functools.cached_property
    def searched(self) -> str:
        """The lower-cased readable text and description together, where any rule's anchor must be found."""
        return self.text_lower + "\n" + self.desc_lower

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """The words (runs of letters and digits) of ``searched``, for looking up rules by a word their anchors hold
        (``detection.Prefilter``)."""
        return frozenset(WORD.findall(self.searched))

    @property
    def error_key(self) -> str | None:
        """The error code as compared by rules: lower case, ``-`` and spaces read as ``_``; a standard code spelt
        as an enum variant (oauth2-rs prints ``error: InvalidGrant``) as the code it stands for."""
        if not self.error:
            return None
        key = self.error.strip().lower().replace("-", "_").replace(" ", "_")
        if key in _CAMEL_CODES and self.error.strip()[:1].isupper():
            return _CAMEL_CODES[key]
        if "." in key and (last := key.rsplit(".", 1)[1]) in _RFC_CODES:
            return last  # a namespaced standard code: Epic's errors.com.epicgames.common.oauth.invalid_client
        return key


# The error codes ``OAUTH_CODES`` knows, by their enum spelling without underscores: oauth2-rs's
# BasicErrorResponseType and DeviceCodeErrorResponseType Debug-print ``InvalidGrant``, ``UnsupportedGrantType``,
# ``SlowDown`` (oauth2/src/basic.rs, devicecode.rs).
_CAMEL_CODES = {code.replace("_", ""): code for code in OAUTH_CODES}
# The codes RFC 6749, RFC 6750, RFC 8628 and OIDC Core define, which a provider may send under its own namespace.
_RFC_CODES = frozenset(OAUTH_CODES[: OAUTH_CODES.index("temporarily_unavailable") + 1])


def extract(status: int | None, body: Any, headers: dict[str, str] | None = None) -> Extracted:
    """Best-effort extraction; never raises (a bug here would turn a user's error into ours)."""
    hdrs = _lower_headers(headers)
    try:
        return _extract(status, body, hdrs)
    except Exception:  # noqa: BLE001 - arbitrary input must never crash the classifier
        text = body.decode("utf-8", "replace") if isinstance(body, bytes | bytearray) else str(body or "")
        return Extracted(status=status, headers=hdrs, text=text[:MAX_TEXT], empty=not text.strip(), fmt="text")


def _unbase64(value: str, urlsafe: bool = False) -> bytes | None:
    """The bytes a base64 value holds, padding restored (logs and URLs drop it); None when it is no base64. base64 is
    imported only for such a text: the start-up of every other explain stays as it was."""
    import base64

    padded = value + "=" * (-len(value) % 4)
    try:  # binascii.Error is a ValueError
        return base64.urlsafe_b64decode(padded) if urlsafe else base64.b64decode(padded)
    except ValueError:
        return None


def _sasl_failure(text: str) -> tuple[str, int | None] | None:
    """A mail server's SASL OAUTHBEARER or XOAUTH2 failure: the challenge it sends before refusing (an IMAP "+" or
    an SMTP 334 line) is base64 of a JSON object whose "status" is an RFC 6750 error code (RFC 7628 3.2.2) or, in
    Gmail's XOAUTH2, an HTTP status. The object, as JSON with the status as its error, and the HTTP status if it is
    one; None when the text holds no such challenge."""
    m = _rx("sasl_challenge").search(text)
    if m is None:
        return None
    raw = _unbase64(m.group(1))
    try:
        data = json.loads(raw) if raw is not None else None
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("status"), str):
        return None
    code = data["status"]
    described = f"SASL authentication refused with status {code}" + (f" for scope {data['scope']}" if data.get(
        "scope") else "")
    if code.isdigit():
        return json.dumps({"error_description": described, **data}), int(code)
    return json.dumps({"error": code, "error_description": described, **data}), None


def _google_auth_error(text: str) -> str | None:
    """The error a Google sign-in error page's URL carries (``accounts.google.com/signin/oauth/error?authError=...``):
    URL-safe base64 of a message whose first field is the OAuth error code and whose second is its description.
    Both as a JSON error body; None when the parameter does not decode to that."""
    m = _rx("google_auth_error").search(text)
    if m is None:
        return None
    data = _unbase64(unquote(m.group(1)), urlsafe=True)
    if data is None:
        return None
    fields: dict[int, str] = {}
    pos = 0
    while pos < len(data) and len(fields) < 2:  # field 1 and 2: tag byte, varint length, UTF-8 text
        tag, pos, length, shift = data[pos], pos + 1, 0, 0
        while pos < len(data):
            byte, pos = data[pos], pos + 1
            length |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        if tag & 0x07 != 2:
            break
        fields[tag >> 3] = data[pos:pos + length].decode("utf-8", "replace")
        pos += length
    code = fields.get(1, "")
    if not re.fullmatch(r"[a-z]+(?:_[a-z]+)*", code):
        return None
    return json.dumps({"error": code, "error_description": fields.get(2) or None})


def _lower_headers(headers: Any) -> dict[str, str]:
    if not isinstance(headers, dict):
        return {}
    return {str(k).strip().lower(): str(v) for k, v in headers.items() if k is not None}


def _extract(status: int | None, body: Any, hdrs: dict[str, str]) -> Extracted:
    if isinstance(body, bytes | bytearray):
        text = bytes(body[: MAX_TEXT * 2]).decode("utf-8", "replace")
    elif isinstance(body, dict | list):
        text = json.dumps(body)
    else:
        text = "" if body is None else str(body)
    text = text[:MAX_TEXT].lstrip("\ufeff").strip()
    while text.startswith("HTTP/"):
        status, text = _split_http(text, status, hdrs)
    if text[:17].lower() == "www-authenticate:" and "www-authenticate" not in hdrs:
        line, _, rest = text.partition("\n")  # the challenge pasted on its own, without the status line
        hdrs["www-authenticate"], text = line[17:].strip(), rest.strip()
    if "error=" in (location := hdrs.get("location", "")) and (not text or _HTML.search(text[:500])):
        text = location.strip()  # an authorization error redirected to the client (RFC 6749 4.1.2.1): the URL says it
    if text[:1] == '"' and (inner := _json_string(text)) is not None:
        text = inner  # a JSON-encoded string (a log that stored the body with json.dumps): read what it holds
        while text.startswith("HTTP/"):
            status, text = _split_http(text, status, hdrs)
    if "eyJ" in text and (sasl := _sasl_failure(text)) is not None:
        text, status = sasl[0], status or sasl[1]  # a mail server's OAUTHBEARER / XOAUTH2 refusal, decoded
    if "authError=" in text and (google := _google_auth_error(text)) is not None:
        text = google  # Google's sign-in error page names its error only inside the authError parameter
    fmt = "json"
    data: dict[str, Any] | None = None
    error = description = None
    visible = ""
    go = _GO_FETCH.search(text) if "cannot fetch token" in text else None
    if go:
        status = status or int(go.group(1))
        text = go.group(2).strip() or text  # no body logged after it: the line itself is all there is to read
    if text[:1] in "{[\"":
        data = _loads(text)
    if data is None and "oauth2:" in text and (m := _GO_QUOTED.search(text)):
        error, description, fmt = m.group(1), _unescape(m.group(2)) if m.group(2) else None, "wrapped"
    if data is None and error is None and text[:1] == "<" and (xml := _xml_error(text)) is not None:
        data, fmt = xml, "xml"  # AWS's <ErrorResponse><Error><Code>...</Code><Message>...</Message>, Azure storage's
    page = data is None and error is None and _HTML.search(text) is not None
    if page:  # an error page: what it shows (the JSON or error fields it printed), else an error URL it links to
        visible, fmt = _visible_text(text), "html"
        data = _shown_error(visible)
        if data is None and (found := _embedded(text))[1] not in ("fragment", "text"):
            data = found[0]
    elif data is None and error is None:
        data, fmt = _embedded(text)
        if data is None:
            visible = text
            error, description, fmt = _wrapped(text)
    fields = _flatten(data) if data is not None else {}
    if fields and _first(fields, ERROR_KEYS) is None:
        fields = _unwrapped(fields)
    if data is not None:
        error = _first(fields, ERROR_KEYS) or _nested(fields, ".error")
        if error is not None and (error.isdigit() or error.lower() in ("true", "false", "null")
                                  or _is_reason_phrase_of_status(error, fields)):
            error = None
        description = (_first(fields, DESCRIPTION_KEYS) or _nested(fields, ".error_description")
                       or _nested(fields, ".message")  # a gateway's {"fault": {"code": ..., "message": ...}}
                       or _nested(fields, ".description") or _nested(fields, ".faultstring")
                       or _nested(fields, ".error_msg"))  # VK: {"error": {"error_code": 5, "error_msg": ...}}
        if error is not None and (m := _CODE_PREFIX.match(error)):  # "invalid_client: Invalid client_id ..."
            error, description = m.group(1) or m.group(2), description or m.group(3).strip()
        elif error is not None and _is_prose(error):  # "OpenIdException(invalid_grant): Invalid JWT Signature."
            prose, error = error, _code_in_text(error)
            description = description or (prose if len(prose.split()) > 1 else None)
        if error is None and (name := fields.get("name")) and _rx("known_code").fullmatch(name.strip()):
            error = name.strip()  # a JS error object: {"name": "insufficient_scope", "message": ...}
        if error is None:  # an error body quoted inside a message string
            quoted = " ".join(v for k, v in fields.items() if k in DESCRIPTION_KEYS or "." in k)
            error = _code_in_text(quoted)
            if error is None and "oauth_problem" in quoted and (problem := _rx("oauth_problem").search(quoted)):
                error = fields["oauth_problem"] = unquote_plus(problem.group(1))
        if description is None and error is not None and fmt in ("wrapped", "python"):
            description = _said_before(text, error)
    if error is None and visible:
        error = _code_in_text(visible) or _code_in_words(visible) or _code_in_exception_name(visible)
    if error is None and "oauth_problem" in text and (problem := _rx("oauth_problem").search(text)):
        # OAuth 1.0a's problem report anywhere in a log line or dump ("Response Body: oauth_problem=...", a header
        # printed as 'www-authenticate': 'OAuth oauth_problem=...'): its value is the error the rules read
        error = fields["oauth_problem"] = unquote_plus(problem.group(1))
    www = hdrs.get("www-authenticate")
    if www and (params := _auth_params(www)):
        if error is None and "error" in params:
            error, fmt = params["error"], (fmt if fields else "www-authenticate")
        description = description or params.get("error_description")
        for key, value in params.items():
            fields.setdefault(f"www.{key}", value)
    if error is None and description and len(description) < 40:
        error = _word_code(description)  # {"status": 400, "message": "Invalid grant"}
    elif description is None and error is not None and " " in error.strip():
        description = error  # an HTTP reason phrase as the error (Spring Boot's {"error": "Method Not Allowed"})
    if "<HttpError " in text and (returned := _google_http_error(text)) is not None:
        status, description = status or returned[0], returned[1]  # its own message first; the Details are read after it
    desc_parts = [description] if description else []
    desc_parts += [fields[k] for k in DESCRIPTION_KEYS if k in fields and fields[k] != description]
    if data is not None and len(fields) <= 40:  # a message one level down: {"data": {"description": ...}}
        desc_parts += [v for k, v in fields.items() if k.endswith(_NESTED_DESCRIPTIONS) and v not in desc_parts]
    if fmt == "wrapped" and len(description or "") < 40 and (said := _sentences_before(text)):
        # "OAuth refresh token has expired. User needs to re-authenticate. Error: 401 - {... "Token expired"}": what
        # the app concluded, when the body it quotes says little itself (a longer message explains itself)
        desc_parts.append(said)
    if fmt == "fragment" and not description and len(text) <= MAX_PLAIN_DESCRIPTION:
        desc_parts.append(text)  # key: value pairs read out of plain text, none a description: the text is one
    elif fmt == "html" and not desc_parts and len(visible) <= MAX_PAGE_DESCRIPTION:
        desc_parts.append(visible)  # a short error page says what it says in its visible text
    elif fmt in ("wrapped", "python") and not desc_parts and 0 < (head := text.find("{")) <= MAX_PLAIN_DESCRIPTION:
        # "HTTPError: 403 Forbidden [Rate Limit Exceeded: [{'code': 'exceeded', ...}]]": a dump without a message
        # of its own is described by the words before it
        desc_parts.append(text[:head].strip(" [(:,"))
        if tail := text[text.rfind("}") + 1:].strip(" [](),.:;'\""):  # and by the words after it, if any ("... with
            desc_parts.append(tail[:MAX_PLAIN_DESCRIPTION])  # Params: {...} returned 403 due to Insufficient scope")
    if desc_parts and (words := _identifier_words(desc_parts[0])):
        desc_parts.append(words)  # "AuthenticationUnsuccessful", "EntityOrRoleDisabled": a code that is its words
    elif not desc_parts and fmt == "text" and (words := _identifier_words(text)):
        desc_parts.append(words)  # a body that is only an identifier: "ClientAuthenticationFailed", "token_revoked"
    desc_text = _plain_words(" ".join(desc_parts))
    readable = _plain_words(" ".join(p for p in (desc_text, visible or text, www or "") if p))
    empty = not text and not www
    secrets = tuple(v for k, v in fields.items() if _is_credential(k.rsplit(".", 1)[-1].lower(), v, fmt))
    if description:
        secrets += _echoed_credentials(description)
    if status is None and fields.get("error.code") in _ENVELOPE_STATUSES and "error.message" in fields:
        status = int(fields["error.code"])  # Google's API envelope: {"error": {"code": 503, "message": ..., ...}}
    if status is None and (m := _rx("status_in_text").search(text[:2000])):
        status = int(next(g for g in m.groups() if g))  # "HTTP Error 401: Unauthorized", "(401) Unauthorized"
    return Extracted(status=status, headers=hdrs, fields=fields, error=error, description=description,
                     desc_text=desc_text, text=readable, empty=empty, fmt="empty" if empty else fmt,
                     secrets=secrets, token_request=go is not None)


# The reason phrases (RFC 9110 15) a web framework writes as "error" next to the status it names: hapi's Boom,
# NestJS and Fastify answer {"statusCode": 401, "error": "Unauthorized", "message": "Invalid token"}.
_REASON_PHRASES = {"400": "bad request", "401": "unauthorized", "403": "forbidden", "404": "not found",
                   "429": "too many requests", "500": "internal server error", "503": "service unavailable"}


def _is_reason_phrase_of_status(error: str, fields: dict[str, str]) -> bool:
    """Whether the error value is only the reason phrase of the status the body names: the framework's, not an
    OAuth error code (the message beside it says what failed)."""
    code = fields.get("statusCode") or fields.get("status")
    return code is not None and _REASON_PHRASES.get(code.strip()) == error.strip().lower()


def _query_and_fragment(url: str) -> tuple[str, str]:
    """A URL's query and fragment. A host written as a redaction (``https://[SERVER]/cb?...``, ``[snip]``) is no
    valid URL to ``urlsplit`` (brackets hold an IPv6 address), so the parts are then cut by hand."""
    try:
        parts = urlsplit(url)
    except ValueError:
        rest, _, fragment = url.partition("#")
        return rest.partition("?")[2], fragment
    return parts.query, parts.fragment


def _google_http_error(text: str) -> tuple[int, str] | None:
    """google-api-python-client's HttpError: its status and the message the API "returned" (the error's own
    message; the Details after it hold the per-error reasons, a secondary and often vaguer "Insufficient
    Permission"). None when the text has no such line or the message is empty."""
    m = _rx("google_http_error").search(text)
    if m is None or not m.group(2).strip():
        return None
    return int(m.group(1)), m.group(2).strip()


def _is_credential(name: str, value: str, fmt: str) -> bool:
    """Whether a field holds a credential to hide. In a JSON body a ``code`` is one only when its value is not an
    error code: Square's ``errors[].code`` ``ACCESS_TOKEN_EXPIRED``, Strava's ``invalid`` and Zoom's ``1001`` are
    words or numbers a server chose, and hiding them blanked those words out of the whole answer. In a callback's
    query or fragment, or a form, ``code`` is the authorization code whatever it looks like."""
    if name not in SECRET_FIELDS or len(value) < 4:
        return False
    return name != "code" or fmt != "json" or not _rx("error_code_value").fullmatch(value)


def _split_http(text: str, status: int | None, hdrs: dict[str, str]) -> tuple[int | None, str]:
    m = _STATUS_LINE.match(text)
    if not m:
        return status, text[5:]
    status = int(m.group(1))
    rest = text[m.end():]
    lines = re.split(r"\r?\n", rest)
    i = 0
    while i < len(lines) and lines[i].strip():
        h = _HEADER_LINE.match(lines[i])
        if h is None and lines[i].lstrip()[:1] in ("{", "[", "<"):  # a body pasted without the blank line
            return status, "\n".join(lines[i:]).strip()
        if h:
            hdrs[h.group(1).lower()] = h.group(2).strip()
        i += 1
    return status, "\n".join(lines[i + 1:]).strip()


def _loads(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return _as_mapping(value)


def _closed_json(text: str) -> dict[str, Any] | None:
    """A JSON object cut short at its end (a log or an issue that kept only the first lines of a body), closed with
    the brackets it still owes; None when the cut falls inside a string or the brackets do not pair."""
    owed: list[str] = []
    in_string = escaped = False
    for ch in text:
        if in_string:
            escaped, in_string = (False, True) if escaped else (ch == "\\", ch != '"')
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            owed.append("}" if ch == "{" else "]")
        elif ch in "}]" and (not owed or owed.pop() != ch):
            return None
    if in_string or not owed:
        return None
    return _loads(text.rstrip().rstrip(",") + "".join(reversed(owed)))


def _json_string(text: str) -> str | None:
    """The text a JSON string literal holds (a trailing comma, as in a pasted log field, is allowed)."""
    candidate = text.rstrip().rstrip(",").rstrip()
    if len(candidate) < 2 or candidate[-1] != '"':
        return None
    try:
        value = json.loads(candidate)
    except (ValueError, RecursionError):
        return None
    return value.strip() if isinstance(value, str) else None


def _as_mapping(value: Any) -> dict[str, Any] | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict)), None)
    if isinstance(value, str) and value.strip()[:1] in "{[":
        return _loads(value.strip())
    return value if isinstance(value, dict) and value else None


def _trimmed(data: dict[str, Any]) -> dict[str, Any]:
    """A dump whose quotes were spaced out in the copy (``"{" error ":" invalid_client "," ...``) keeps its
    fields: the spaces inside the quotes are the copy's, not the server's."""
    if all(key == key.strip() for key in data):
        return data
    return {key.strip(): value.strip() if isinstance(value, str) else value for key, value in data.items()}


def _xml_error(text: str) -> dict[str, Any] | None:
    """The code and message of an XML error document (AWS's ErrorResponse, Azure's Error): ``<Code>`` and
    ``<Message>`` elements, read without an XML parser (a pasted body is often cut or escaped)."""
    code = _rx("xml_code").search(text)
    if code is None:
        return None
    message = _rx("xml_message").search(text)
    # a token service's code is the error (STS's ExpiredTokenException, InvalidIdentityToken); a storage or API
    # service's (S3's AccessDenied) is not OAuth's code of that name, and its message speaks for it
    name = "error" if code.group(1).endswith(("Exception", "Token")) else "code"
    return {name: code.group(1), **({"message": message.group(1)} if message else {})}


def _sentences_before(text: str) -> str | None:
    """Whole sentences a log line or message says before the body it quotes (what the app concluded), without
    the label that introduces the body ("Error: 401 -", "Response:")."""
    head = text[:text.find("{")]
    said = _rx("sentence").findall(head)
    return " ".join(said) or None


def _said_before(text: str, error: str) -> str | None:
    """The description a message gives before the dump it quotes: google-auth's ``RefreshError: ('invalid_grant:
    Invalid JWT: ...', {'error': 'invalid_grant'})``, whose dict holds only the code."""
    head = text[:text.find("{")].rstrip(" ,([")
    at = head.find(error + ":")
    return head[at + len(error) + 1:].strip(" '\"") or None if at != -1 else None


def _embedded(text: str) -> tuple[dict[str, Any] | None, str]:
    """JSON or a Python/JS dump inside a longer string, then bare ``key: value`` fragments, then a form."""
    start, end = text.find("{"), text.rfind("}")
    if start != -1 and end > start:
        inner = text[start:end + 1]
        data = _loads(inner)
        if data is None and len(text) - start < 20_000:
            data = _closed_json(text[start:])  # a body the log cut short: "{... "message": "Invalid Credentials" }"
        if data is not None:
            return _trimmed(data), "json" if start == 0 else "wrapped"
        if len(inner) < 20_000 and ("'" in inner or "None" in inner or "True" in inner or "False" in inner):
            try:
                data = _as_mapping(ast.literal_eval(inner))
            except Exception:  # noqa: BLE001 - not a Python literal
                data = None
            if data is not None:
                return data, "python"
    if "openid.mode=error" in text and (form := _openid2_error(text)) is not None:
        return form, "url"
    if "error=" not in text and "error%3d" in text.lower() and (form := _nested_callback(text)) is not None:
        return form, "url"
    if "error=" in text and (form := _callback_in_text(text)) is not None:
        return form, "url"
    if "error=" in text and "://" in text[:12] and "error=" in (url := text.split(None, 1)[0]):
        # a URL alone, or a URL that starts the text (the page's words follow on the next lines)
        url_query, url_fragment = _query_and_fragment(url)
        form = dict(parse_qsl(url_query, keep_blank_values=True))
        if "error" not in form:  # the error in the fragment, whatever the query holds (login.live.com's err.srf?lc=)
            form = dict(parse_qsl(url_fragment))
        if "error" in form:
            return form, "url"
    query = text[1:] if text[:1] in "?#" else text  # a pasted query string or fragment: "?error=...&..."
    if "=" in query and " " not in query and _FORM.fullmatch(query):
        form = dict(parse_qsl(query, keep_blank_values=True))
        if "error" in form or "access_token" in form or "oauth_problem" in form:  # OAuth 2, or OAuth 1.0a
            return form, "form"
    if query.startswith(("error=", "oauth_problem=")) and "&" in query and "\n" not in query:  # a query pasted
        form = dict(parse_qsl(query, keep_blank_values=True))  # without its encoding (OAuth 2, or OAuth 1.0a's)
        if form.get("error") or form.get("oauth_problem"):
            return form, "form"
    if ":" in text or "=" in text:
        found: dict[str, Any] = {}
        fragment = _rx("fragment_smart") if not _SMART_QUOTES.isdisjoint(text) else _FRAGMENT
        if '"]=>' in text:  # PHP's var_dump: ["key"]=> string(14) "value"
            text = _rx("var_dump").sub(r'"\1" => ', text)
        _read_fragments(text, fragment, found)
        if any(key in found for key in ("error", "error_description", "errorCode", "error_code", "message",
                                        "oauth_problem")):
            return found, "fragment"
    return None, "text"


def _read_fragments(text: str, fragment: re.Pattern[str], found: dict[str, Any]) -> None:
    """``key: value`` fields of a text into ``found`` (the first of each known key). A bracketed list of fields is
    read inside too (AppAuth's Flutter plugin: ``Failed to authorize: [error: invalid_client, description: null]``),
    and its value wins over a call's name taken before it (``error: PlatformException(authorize_failed, ...``)."""
    for m in fragment.finditer(text):
        key, raw = m.group(1), m.group(2)
        if raw[:1] == "[" and ":" in raw:
            _read_fragments(raw[1:-1] if raw.endswith("]") else raw[1:], fragment, found)
        if (key not in KNOWN_KEYS and key not in SECRET_FIELDS) or _prose_word(raw, text, m.end()):
            continue  # a credential's field is kept so that its value is hidden wherever the text repeats it
        if key not in found or (isinstance(found[key], str) and _CALL.match(found[key]) and not _CALL.match(raw)):
            found[key] = _fragment_value(raw)


def _shown_error(visible: str) -> dict[str, Any] | None:
    """The error object an HTML page prints (a framework's error page with the JSON or ``error: ...`` lines it got
    from the token endpoint); None when the page shows no error fields."""
    if "{" not in visible and ":" not in visible:
        return None
    data, _ = _embedded(visible)
    if data is None:
        return None
    fields = _flatten(data)
    return data if _first(fields, ERROR_KEYS) or _first(fields, DESCRIPTION_KEYS) else None


def _unwrapped(fields: dict[str, str]) -> dict[str, str]:
    """A body that carries the real response as a JSON string (an API gateway's ``{"statusCode": 400, "body":
    "{\\"error\\": ...}"}``, a proxy's ``{"response": "..."}``): the inner object's fields, over the outer ones."""
    for value in fields.values():
        if value[:1] in "{[" and (inner := _loads(value)) is not None:
            inner_fields = _flatten(inner)
            if _first(inner_fields, ERROR_KEYS) or _first(inner_fields, DESCRIPTION_KEYS):
                return {**{k: v for k, v in fields.items() if v is not value}, **inner_fields}
    return fields


def _openid2_error(text: str) -> dict[str, str] | None:
    """OpenID 2.0's indirect error response (Steam's sign-in): openid.mode=error with the reason in openid.error
    (OpenID Authentication 2.0, 5.2.3); it has no code, so the reason is the description."""
    query = text.split("?", 1)[-1].split(None, 1)
    form = dict(parse_qsl(query[0] if query else ""))
    reason = form.get("openid.error", "").strip()
    return {"error_description": reason} if form.get("openid.mode") == "error" and reason else None


def _nested_callback(text: str) -> dict[str, str] | None:
    """The error parameters of a callback query carried, percent-encoded, as one parameter of another URL (an
    app's return-to link: ``/login?to=%2F%3Ferror%3Daccess_denied%26error_description%3D...``)."""
    query = text.split("?", 1)[-1].split(None, 1)  # a URL ends at a space
    for _, value in parse_qsl(query[0] if query else ""):
        if "error=" in value:
            form = dict(parse_qsl(value[value.find("?") + 1:] if "?" in value else value, keep_blank_values=True))
            if _BARE_CODE.fullmatch(form.get("error", "")):
                return form
    return None


def _callback_in_text(text: str) -> dict[str, str] | None:
    """The error parameters of a callback URL or query string quoted in a longer text (a log line or an SDK
    message that prints the redirect it received: ``... failed: https://app/cb?error=access_denied&...``, or
    ``redirect error: error=invalid_request&error_description=...`` unencoded), read to the end of its line."""
    m = _rx("query_in_text").search(text)
    if m is None:
        return None
    word = max(text.rfind(c, 0, m.start(1)) for c in " \t\n") + 1  # where the URL or query string starts
    if not text[:word].strip():
        return None  # the text is the URL or query itself: the callers below read it whole
    mark = max(text.rfind("?", word, m.start(1)), text.rfind("#", word, m.start(1)))
    query = text[mark + 1:m.end(1)].split()[0] if mark != -1 else m.group(1)  # a URL ends at a space
    query = query.rstrip("'>()[]{},;. ")
    form = dict(parse_qsl(_html_unescape(query) if "&amp;" in query else query, keep_blank_values=True))
    return form if _BARE_CODE.fullmatch(form.get("error", "")) or form.get("error", "").isalpha() else None


def _prose_word(raw: str, text: str, end: int) -> bool:
    """An unquoted value that only starts a sentence or an object: ``Zoom webservice error: Invalid access token``,
    ``Server error: missing client``, ``error: {`` (a JS dump that nests the real error). Codes (``invalid_grant``)
    are never prose, whatever follows them."""
    if raw[:1] == "{":
        return True
    if raw[:1] in "\"'[" or "_" in raw:
        return False
    return text[end:end + 1] == " " and text[end + 1:end + 2].isalpha()


def _identifier_words(value: str) -> str | None:
    """The words of a value that is one CamelCase or snake_case identifier (an SDK enum, a log's detail code), so
    that the phrase rules read "InvalidSignature" as "invalid signature"; None for anything else."""
    value = value.strip().rstrip(";.,")
    if len(value) > 160:
        return None
    if " " in value:  # a label before one name ("Type: ...", PHP's log in German "Typ: ...")
        label, _, value = value.partition(" ")
        if not label.endswith(":") or " " in value.strip():
            return None
        value = value.strip()
    # an exception's qualified class name reads as its own name (OCA\OAuth2\Exceptions\ClientNotFoundException); a
    # dotted message key keeps every part (ZITADEL's Errors.User.NotFound is not just "not found")
    if value.endswith(("Exception", "Error")):
        value = _rx("qualifier").sub("", value)
    if len(value) > 80 or not _IDENTIFIER.fullmatch(value):
        return None
    return _HUMP.sub(" ", value).replace("_", " ").lower()


_EMBEDDED_IDENTIFIER = re.compile(  # CamelCase or snake_case, not inside a path or a longer name
    r"(?<![\w\\/$-])(?:[A-Z]?[a-z]+(?:[A-Z][a-z]+)+|[A-Za-z]+(?:_[A-Za-z]+)+)(?![\w\\/$-])")
_FAILURE_WORDS = frozenset({
    "invalid", "expired", "revoked", "missing", "denied", "unauthorized", "unauthorised", "mismatch", "mismatched",
    "forbidden", "failed", "failure", "disabled", "unknown", "bad", "malformed", "rejected", "required", "wrong",
    "incorrect", "inactive", "not"})
_AUTH_WORDS = frozenset({
    "token", "tokens", "grant", "code", "client", "credential", "credentials", "scope", "scopes", "secret",
    "authentication", "authorization", "authorisation", "consent", "session", "signature", "audience", "issuer",
    "assertion", "redirect", "uri", "key", "jwt", "refresh", "access", "password", "auth", "oauth", "verifier",
    "challenge", "state", "nonce", "account", "user", "login", "permission", "permissions"})


def failure_identifiers(value: str) -> str | None:
    """The words of the identifiers inside a longer message that name an authorization failure by themselves (a
    word of failure and a word of what failed: "InvalidAuthenticationToken", "OAUTH_TOKEN_INVALID",
    "authorization_code_not_found"), so that the word families read a message that only names its failure as a
    code, whatever the words around it ("failed to get root: InvalidAuthenticationToken: CompactToken validation
    failed"). The OAuth error codes themselves are read as codes elsewhere; a name in a path (a file) is not one
    of these; the last part of a qualified name is ("oauth2.InvalidTokenException")."""
    if len(value) > MAX_PLAIN_DESCRIPTION or ("_" not in value and not _HUMP.search(value)):
        return None
    found: list[str] = []
    for m in _EMBEDDED_IDENTIFIER.finditer(value):
        name = m.group()
        if name.lower() in WORD_CODES or name.lower() in _RFC_CODES or len(name) > 80:
            continue
        words = _HUMP.sub(" ", name).replace("_", " ").lower()
        parts = set(words.split())
        if parts & _FAILURE_WORDS and parts & _AUTH_WORDS and words not in found:
            found.append(words)
            if len(found) == 3:
                break
    return " ".join(found) or None


def _is_prose(value: str) -> bool:
    """An ``error`` value that is a sentence or a wrapped message, not a code ("(400)", "Exception(x): y")."""
    return "(" in value or len(value.split()) > 3


@functools.cache
def _echoed_credentials(description: str) -> tuple[str, ...]:
    """Credentials a server wrote into its own message (Spring's "Invalid access token: <token>", a JWT quoted
    back): the description is shown, so they must be fingerprinted like the ones in a pasted request. A value
    counts only if it mixes digits and lower-case letters, as generated credentials do and words and codes
    (``AADSTS700082``, ``E0000047``) do not."""
    found = [m.group(0) for m in _rx("echoed_jwt").finditer(description)] if "eyJ" in description else []
    values = [m.group(1) for m in _rx("echoed_credential").finditer(description)]
    found += [v for v in values if any(c.isdigit() for c in v) and any(c.islower() for c in v)]
    lowered = description.lower()
    if "auth" in lowered or "334" in description or "client -> server" in lowered:  # commands in any case
        sasl = (next(g for g in m.groups() if g) for m in _rx("sasl_credential").finditer(description))
        found += [v for v in sasl if not (v.isalpha() and v.isupper())]  # not a bare command word (STARTTLS)
    return tuple(found)


@functools.cache
def _rx(name: str) -> re.Pattern[str]:
    """A pattern of ``_LAZY``, compiled once, when first needed (and looked up once: ``re``'s own cache costs a
    lookup per call)."""
    pattern, flags = _LAZY[name]
    return re.compile(pattern, flags)


def _plain_words(text: str) -> str:
    """The text as rules read it: typographic apostrophes as ``'``, contractions written out ("doesn't" as "does
    not", "can't" as "cannot"), so one pattern covers every spelling of a negation, and a run of spaces between two
    words as one space ("Invalid  refresh_token": a message assembled from parts), so a phrase reads whatever the
    spacing."""
    if "  " in text:
        text = _rx("space_run").sub(" ", text)
    if "’" in text or "‘" in text:
        text = text.replace("’", "'").replace("‘", "'")
    if "n't" not in text and "N'T" not in text:
        return text
    return _rx("contraction").sub(_uncontracted, text)


def _uncontracted(m: re.Match[str]) -> str:
    base = m.group(1)
    if base.lower() == "ca":
        return base + "nnot"
    return _UNCONTRACTED.get(base.lower(), base) + " not"


def _fragment_value(raw: str) -> Any:
    if raw[:1] in "‘’“”":
        return raw[1:-1] if raw[-1:] in "‘’“”" and len(raw) > 1 else raw[1:]
    if raw.startswith('"'):
        return _unescape(raw[1:-1] if raw.endswith('"') and len(raw) > 1 else raw[1:])
    if raw.startswith("'"):
        return raw[1:-1] if raw.endswith("'") and len(raw) > 1 else raw[1:]
    if raw.startswith("["):
        return raw
    return {"True": True, "true": True, "False": False, "false": False, "None": None, "null": None}.get(raw, raw)


def _unescape(value: str) -> str:
    try:
        return str(json.loads(f'"{value}"'))
    except ValueError:
        return value.replace("\\r", "\r").replace("\\n", "\n").replace('\\"', '"')


def _flatten(data: dict[str, Any], prefix: str = "", depth: int = 0) -> dict[str, str]:
    """Scalars by dotted path, three levels down: a gateway or an integration platform wraps the provider's
    body ({"payload": {"dataMessage": {"error": "invalid_grant", ...}}})."""
    out: dict[str, str] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = value[0]  # {"errors": [{"code": ..., "message": ...}]}: the first error speaks for the list
        if isinstance(value, dict):
            if depth < 2:
                out.update(_flatten(value, f"{path}.", depth + 1))
        elif not (depth and isinstance(value, list) and any(isinstance(v, dict | list) for v in value)):
            out[path] = _scalar(value)
    return out


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return " ".join(_scalar(v) for v in value if not isinstance(v, dict | list))
    return str(value)


def _nested(fields: dict[str, str], suffix: str) -> str | None:
    """A value one level down (``{"json": {"error": ...}}`` from a JS error object), when the top has none."""
    return next((v for k, v in fields.items() if k.endswith(suffix) and v and v != "null"), None)


def _first(fields: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = fields.get(key)
        if value and value != "null":
            return value
    return None


def _wrapped(text: str) -> tuple[str | None, str | None, str]:
    """Library-formatted strings: ``(invalid_grant) desc``, ``TokenError: desc``, ``invalid_grant: desc``."""
    if text.startswith("(") and (m := _OAUTHLIB.match(text)):
        if failure := _OMNIAUTH_FAILURE.match(m.group(2)):  # the bracketed word is OmniAuth's strategy name
            return failure.group(1), failure.group(2).strip() or None, "wrapped"
        return m.group(1), m.group(2).strip() or None, "wrapped"
    if text.startswith("[") and (m := _BRACKETED.match(text)):
        return m.group(1), m.group(2).strip() or None, "wrapped"
    if (m := _LIB_PREFIX.match(text)) and m.group(1).strip():
        rest = m.group(1).strip()
        lead = _rx("leading_code").match(rest)  # openid-client: "OPError: invalid_dpop_proof (htu mismatch)"
        code = rest if _BARE_CODE.fullmatch(rest) else (lead.group(1) if lead else _code_in_text(rest))
        if code and rest.lower().startswith(code.lower()):
            bracketed = rest[len(code):].lstrip(" ").startswith("(") and rest.endswith(")")
            rest = rest[len(code):].lstrip(" :-()").strip()
            rest = rest[:-1].strip() if bracketed else rest
        return code, rest or None, "wrapped"
    if (m := _CODE_PREFIX.match(text)) and (m.group(1) or m.group(2)).lower() not in _PARAMETER_NAMES:
        return m.group(1) or m.group(2), m.group(3).strip(), "wrapped"
    if m := _rx("trailing_code").search(text[-200:]):  # "An API error occurred: oauth_authorization_url_mismatch"
        return m.group(1), None, "wrapped"
    if _BARE_CODE.fullmatch(text):  # a bare code: Slack's invalid_team_for_non_distributed_app, a log's token_revoked
        return text, None, "text"
    return None, (text if len(text) <= MAX_PLAIN_DESCRIPTION else None), "text"


def _word_code(description: str) -> str | None:
    """The RFC code a short message spells in words ("Invalid grant", "Unauthorized client."), if it is only that."""
    key = description.strip().rstrip(".!").strip().lower().replace(" ", "_").replace("-", "_")
    key = key.replace("authoris", "authoriz")  # British spelling: "Unauthorised client"
    if m := _rx("code_words_reversed").fullmatch(key):  # "Grant is invalid", "client unauthorized"
        key = f"{m.group(2)}_{m.group(1)}"
    return key if key in WORD_CODES else None


def _code_in_words(text: str) -> str | None:
    """An RFC code spelled as words inside a longer message ("[400 bad request] invalid grant - Please check the
    'exp' claim"): only the two- and three-word codes no sentence uses for anything else."""
    m = _rx("code_words").search(text)
    return m.group(0).lower().replace("-", "_").replace(" ", "_").replace("authoris", "authoriz") if m else None


def _code_in_exception_name(text: str) -> str | None:
    m = _rx("exception_code").search(text) if "Exception" in text or "Error" in text else None
    return _HUMP.sub("_", m.group(1)).lower() if m else None


def _code_in_text(text: str) -> str | None:
    m = _rx("known_code").search(text)
    return m.group(1).lower() if m else None


def _visible_text(page: str) -> str:
    """Title and visible text; linear-time (str.find, no backtracking regex over untrusted pages)."""
    lower = page.lower()
    title = ""
    start = lower.find("<title")
    if start != -1:
        open_end = lower.find(">", start)
        close = lower.find("</title", open_end) if open_end != -1 else -1
        if close != -1:
            title = _html_unescape(page[open_end + 1:close]).strip()
    kept: list[str] = []
    pos = 0
    while True:
        cut = min((i for i in (lower.find("<script", pos), lower.find("<style", pos)) if i != -1), default=-1)
        if cut == -1:
            kept.append(page[pos:])
            break
        kept.append(page[pos:cut])
        name = "</script" if lower.startswith("<script", cut) else "</style"
        end = lower.find(name, cut)
        if end == -1:
            break
        pos = lower.find(">", end)
        pos = len(page) if pos == -1 else pos + 1
    body = _TAG.sub(" ", "".join(kept))
    lines = (_SPACE.sub(" ", line).strip() for line in _html_unescape(body).splitlines())
    visible = "\n".join(line for line in lines if line)
    return f"{title}\n{visible}" if title and not visible.startswith(title) else visible


def _auth_params(value: str) -> dict[str, str]:
    return {k.lower(): _unescape(q) if q else bare for k, q, bare in _AUTH_PARAM.findall(value)}


def _html_unescape(text: str) -> str:
    """``html.unescape``, imported on the first page or entity met (most bodies are JSON or plain text)."""
    import html

    return html.unescape(text)
