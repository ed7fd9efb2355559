"""What on the OAuth wire is a secret, and how to replace it by its fingerprint.

One table serves both sides: ``trace`` fingerprints a HAR's raw values as it reads them, and
``oauthdoctor.record`` fingerprints before it writes a line. Because both use
``redact.stable_fingerprint``, a value has the same name in a recorded log and in a HAR of the same flow.
Values that are not secrets but tell of a client bug (``None``, ``undefined``, an empty string) are kept.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

from oauthdoctor.redact import stable_fingerprint

# Parameters (query, form or JSON keys) whose values are credentials or bind a session.
SECRET_PARAMS = frozenset({
    "code", "refresh_token", "access_token", "id_token", "client_secret", "code_verifier", "code_challenge",
    "password", "assertion", "client_assertion", "subject_token", "actor_token", "device_code", "user_code",
    "token", "state", "nonce", "issued_token", "session_state", "oauth_token", "oauth_verifier", "api_key",
})
# Headers whose whole value (after an auth scheme) is a credential.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "x-api-key", "dpop", "x-auth-token",
                            "x-csrf-token", "x-xsrf-token", "private-token"})
COOKIE_HEADERS = frozenset({"cookie", "set-cookie"})
# Not secrets, and exactly what a client that lost its token sends: shown as they are.
FREE_TEXT_LIMIT = 2000  # an error page longer than this is not kept: it may quote anything
SENTINELS = frozenset({"", "None", "none", "null", "undefined", "nil", "NaN", "false", "true", "[object Object]"})


def fingerprint_value(value: str) -> str:
    """The fingerprint of one secret value; sentinels such as ``None`` stay readable."""
    return value if value in SENTINELS else stable_fingerprint(value)


def is_secret_header(name: str) -> bool:
    """Any header that carries a credential, a cookie or something named like a token or key."""
    lower = name.lower()
    return (lower in SECRET_HEADERS or lower in COOKIE_HEADERS
            or any(word in lower for word in ("token", "secret", "api-key", "apikey", "session", "signature")))


def scrub_header(name: str, value: str) -> str:
    """A header value with its credential fingerprinted: ``Bearer fp_…``, ``sid=fp_…; Path=/``."""
    lower = name.lower()
    if lower in COOKIE_HEADERS:
        return _scrub_cookie(value, lower == "set-cookie")
    if not is_secret_header(name):
        return value
    scheme, sep, rest = value.strip().partition(" ")
    if sep and rest and scheme.isalpha() and lower in ("authorization", "proxy-authorization"):
        return f"{scheme} {fingerprint_value(rest.strip())}"
    return fingerprint_value(value.strip())


def _scrub_cookie(value: str, set_cookie: bool) -> str:
    parts = value.split(";")
    out = []
    for index, part in enumerate(parts):
        name, sep, cookie = part.partition("=")
        if sep and (index == 0 or not set_cookie):
            out.append(f"{name}={fingerprint_value(cookie.strip())}")
        else:
            out.append(part)
    return ";".join(out)


def scrub_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Query or form parameters with secret values fingerprinted."""
    return [(k, fingerprint_value(v) if k in SECRET_PARAMS else v) for k, v in pairs]


def scrub_url(url: str) -> str:
    """The URL with secret query and fragment parameters (and any userinfo password) fingerprinted."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return stable_fingerprint(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user, sep, password = userinfo.partition(":")
        netloc = f"{user}:{fingerprint_value(password)}@{host}" if sep else netloc
    query = _scrub_query(parts.query)
    fragment = _scrub_query(parts.fragment) if "=" in parts.fragment else parts.fragment
    return urlunsplit((parts.scheme, netloc, parts.path, query, fragment))


def _scrub_query(query: str) -> str:
    if not query or not any(f"{name}=" in query for name in SECRET_PARAMS):
        return query
    return urlencode(scrub_pairs(parse_qsl(query, keep_blank_values=True)), safe=":/")


def scrub_json(value: Any) -> Any:
    """A parsed JSON value with the values of secret keys fingerprinted, at any depth."""
    if isinstance(value, dict):
        return {k: (_scrub_leaf(v) if k in SECRET_PARAMS else scrub_json(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_json(v) for v in value]
    return value


def _scrub_leaf(value: Any) -> Any:
    if isinstance(value, str):
        return fingerprint_value(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return stable_fingerprint(json.dumps(value, sort_keys=True))


def parse_body(text: str | None, content_type: str = "") -> dict[str, Any] | None:
    """A request or response body as a mapping: JSON object or form fields; None for anything else."""
    if not text:
        return None
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None
    if "json" in content_type or "html" in content_type or stripped.startswith("<") or "=" not in text:
        return None
    try:
        pairs = parse_qsl(text.strip(), keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return None
    return dict(pairs)


def scrub_body(text: str | None, content_type: str = "", known: Iterable[str] = ()) -> str | None:
    """A body with every secret fingerprinted: JSON and forms field by field; other text (an HTML or plain
    error page) only when short, with each ``known`` raw secret (what the request carried) replaced."""
    if text is None:
        return None
    data = parse_body(text, content_type)
    if data is not None:
        if text.lstrip().startswith("{"):
            return json.dumps(scrub_json(data), ensure_ascii=False, separators=(",", ":"))
        return urlencode(scrub_pairs((str(k), str(v)) for k, v in data.items()), safe=":/")
    if len(text) > FREE_TEXT_LIMIT:
        return f"[{len(text)} characters of {content_type or 'text'} left out]"
    return scrub_text_known(text, known)


def scrub_text_known(text: str, known: Iterable[str]) -> str:
    """``text`` with every occurrence of each known raw secret replaced by its fingerprint."""
    for secret in sorted({s for s in known if len(s) >= 4 and s not in SENTINELS}, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, fingerprint_value(secret))
    return text


def basic_credentials(value: str) -> tuple[str, str] | None:
    """``Authorization: Basic`` decoded per RFC 6749 §2.3.1 (base64, then form-urldecode each half)."""
    scheme, _, encoded = value.strip().partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (unquote_plus(client_id), unquote_plus(secret)) if sep else None


def s256(verifier: str) -> str:
    """The PKCE S256 challenge of a verifier (RFC 7636 §4.2)."""
    import hashlib

    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
