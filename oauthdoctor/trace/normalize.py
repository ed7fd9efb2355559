"""From a raw ``Capture`` to an ``Exchange``: what kind of OAuth step it is, and its secrets as fingerprints.

This is the only place that sees raw codes and tokens from a HAR. It decides the endpoint kind from what
was sent (a ``grant_type`` makes a token request, ``response_type`` an authorization request, ``code``
or ``error`` with ``state`` a callback, a Bearer header an API call), never from the provider's name, so a
self-hosted server with odd paths is read like any other.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from oauthdoctor.record.wire import (
    SECRET_PARAMS,
    basic_credentials,
    fingerprint_value,
    parse_body,
    s256,
    scrub_json,
    scrub_text_known,
    scrub_url,
)
from oauthdoctor.redact import is_stable_fingerprint
from oauthdoctor.trace.model import Callback, Capture, Exchange, Kind

# Parameters copied onto the exchange as they are (not secrets; the detections compare them).
PLAIN_PARAMS = ("grant_type", "redirect_uri", "scope", "code_challenge_method", "response_type", "client_id",
                "audience", "resource")
_TOKENISH_PATH = re.compile(r"token|access|oauth|/auth/?$", re.IGNORECASE)
_CALLBACK_KEYS = ("code", "error")
_CLASSIFIER_HEADERS = ("content-type", "www-authenticate", "retry-after", "x-ratelimit-remaining")
_WWW_ERROR = re.compile(r'error\s*=\s*"?([A-Za-z_]+)')

ProviderOf = Callable[[str, str], str | None]  # (host, path) -> profile id


def body_wanted(method: str, url: str, status: int | None, request_headers: tuple[tuple[str, str], ...],
                request_body: str | None = None) -> bool:
    """Is this response's body worth decoding? Token endpoint answers and refused API calls are; the
    megabytes of scripts and pages around them are not."""
    if method == "POST" and (_TOKENISH_PATH.search(_split(url).path or "")
                             or (request_body is not None and "grant_type" in request_body)):
        return True
    if status in (400, 401, 403):
        return any(name.lower() == "authorization" for name, _ in request_headers) or "token" in url
    return method == "POST" and status is not None and status < 300 and "oauth" in url.lower()


def normalize(capture: Capture, provider_of: ProviderOf, number: int = 0) -> Exchange:
    """The fingerprinted, typed view of one capture, as entry ``number`` of the timeline."""
    if _plain(capture):
        return _plain_exchange(capture, number)
    parts = _split(capture.url)
    host, path = (parts.hostname or "").lower(), parts.path or "/"
    request_headers = {k.lower(): v for k, v in capture.request_headers}
    response_headers = {k.lower(): v for k, v in capture.response_headers}
    query = dict(parse_qsl(parts.query, keep_blank_values=True)) if parts.query else {}
    form: dict[str, Any] = {}
    if capture.request_body and capture.method not in ("GET", "HEAD"):
        form = parse_body(capture.request_body, request_headers.get("content-type", "")) or {}
    kind = _kind(capture.method, path, query, form, request_headers)
    params = form if kind == "token" or (kind != "authorize" and form and not query) else query
    if kind == "authorize" and not query:
        params = form  # pushed authorization request: the same parameters in the body
    credentials = basic_credentials(request_headers.get("authorization", ""))
    known = _raw_secrets(params, credentials, request_headers)
    sent = _sent(params, capture.derived)
    client_id = str(params.get("client_id") or "") or (credentials[0] if credentials else None) or (
        capture.derived.get("client_id"))
    if credentials is not None:
        sent["client_secret"] = fingerprint_value(credentials[1])
    return Exchange(
        number=number, source=capture.source, position=capture.position, line_based=capture.line_based,
        started=capture.started, ended=None if capture.duration is None else capture.started + capture.duration,
        method=capture.method, url=scrub_text_known(scrub_url(capture.url), known), host=host,
        path=scrub_text_known(path, known), kind=kind, status=capture.status, client_id=client_id or None,
        grant_type=_grant(kind, params, path), sent=sent, bearer=_bearer(request_headers, query),
        date=None if "from_cache" in capture.derived else _served_at(response_headers.get("date"),
                                                                     response_headers.get("age")),
        failure=capture.failure,
        callback=_callback(kind, params, response_headers.get("location") or capture.redirect_url),
        headers={k: response_headers[k] for k in _CLASSIFIER_HEADERS if k in response_headers},
        provider=provider_of(host, path) if kind != "other" else None, origin=capture.derived.get("origin"),
        **_response_fields(kind, capture.status, capture.response_body, response_headers, known),
    )


# A query or fragment parameter that makes a GET an OAuth step (authorization request, callback, token in URL).
_OAUTH_PARAMETER = re.compile(r"[?#&;](?:code|error|state|response_type|access_token|id_token|refresh_token|token)=")


def _plain(capture: Capture) -> bool:
    """Page traffic, told apart cheaply: a GET without credentials, OAuth parameters or a refusal. Most
    entries of a big browser capture are this, and only their host, times and Date header matter."""
    if capture.method not in ("GET", "HEAD", "OPTIONS") or capture.status in (400, 401, 403):
        return False
    if _OAUTH_PARAMETER.search(capture.url):
        return False
    if capture.request_headers and "authorization" in "\n".join([n for n, _ in capture.request_headers]).lower():
        return False
    redirect = capture.redirect_url or next((v for k, v in capture.response_headers if k.lower() == "location"), "")
    return not redirect or _OAUTH_PARAMETER.search(redirect) is None


def _plain_exchange(capture: Capture, number: int) -> Exchange:
    host, path = _host_path(capture.url)
    date = None
    if "from_cache" not in capture.derived:
        stamp = age = None
        for name, value in capture.response_headers:
            lower = name.lower()
            if lower == "date":
                stamp = value
            elif lower == "age":
                age = value
        date = _served_at(stamp, age)
    url = scrub_url(capture.url) if "@" in capture.url else capture.url
    cookie = next((v for k, v in capture.request_headers if k.lower() == "cookie"), "")
    if cookie:  # a session id in a cookie may be repeated in the path (/interaction/<uid>)
        values = [p.partition("=")[2].strip() for p in cookie.split(";")]
        values = [v for v in values if len(v) >= 8 and v in url]
        if values:
            url, path = scrub_text_known(url, values), scrub_text_known(path, values)
    return Exchange(
        number=number, source=capture.source, position=capture.position, line_based=capture.line_based,
        started=capture.started, ended=None if capture.duration is None else capture.started + capture.duration,
        method=capture.method, url=url, host=host, path=path, kind="other", status=capture.status, date=date,
        failure=capture.failure,
    )


def _host_path(url: str) -> tuple[str, str]:
    """Host and path of an ordinary ``scheme://host[:port]/path`` URL without urlsplit's generality."""
    start = url.find("://")
    if start < 0 or "@" in url or "[" in url:
        parts = _split(url)
        return (parts.hostname or "").lower(), parts.path or "/"
    start += 3
    end = _first(url, "/?#", start)
    host = url[start:end]
    if ":" in host:
        host = host.rsplit(":", 1)[0]
    return host.lower(), url[end:_first(url, "?#", end)] or "/"


def _first(text: str, characters: str, start: int) -> int:
    """Index of the first of ``characters`` in ``text`` from ``start``, else ``len(text)``."""
    found = len(text)
    for character in characters:
        index = text.find(character, start, found)
        if index >= 0:
            found = index
    return found


def _split(url: str) -> Any:
    try:
        return urlsplit(url)
    except ValueError:
        return urlsplit("")


def _kind(method: str, path: str, query: dict[str, str], form: dict[str, Any],
          headers: dict[str, str]) -> Kind:
    if "grant_type" in form or (method == "POST" and ("code" in form or "refresh_token" in form)
                                and _TOKENISH_PATH.search(path)):
        return "token"
    if "response_type" in query or (method == "POST" and "response_type" in form):
        return "authorize"
    source = query or form
    if any(k in source for k in _CALLBACK_KEYS) and ("state" in source or "callback" in path.lower()):
        return "callback"
    if headers.get("authorization", "").lower().startswith(("bearer ", "dpop ")) or "access_token" in query:
        return "api"
    return "other"


def _grant(kind: Kind, params: dict[str, Any], path: str) -> str | None:
    if kind != "token":
        return None
    grant = params.get("grant_type")
    if grant:
        return str(grant)
    return "authorization_code" if "code" in params else "refresh_token" if "refresh_token" in params else None


def _sent(params: dict[str, Any], derived: dict[str, str]) -> dict[str, str]:
    sent: dict[str, str] = {}
    for key, value in params.items():
        text = value if isinstance(value, str) else str(value)
        if key in SECRET_PARAMS:
            sent[key] = fingerprint_value(text)
        elif key in PLAIN_PARAMS:
            sent[key] = text
    verifier = params.get("code_verifier")
    if isinstance(verifier, str) and verifier and not is_stable_fingerprint(verifier):
        sent["code_verifier_s256"] = fingerprint_value(s256(verifier))
    elif derived.get("code_verifier_s256"):
        sent["code_verifier_s256"] = derived["code_verifier_s256"]
    return sent


def _raw_secrets(params: dict[str, Any], credentials: tuple[str, str] | None,
                 headers: dict[str, str]) -> list[str]:
    """The request's own secrets — parameters, credentials, cookie values — to be scrubbed wherever else they
    show up: an answer that echoes them, or a path that repeats a session cookie (oidc-provider's
    ``/auth/<uid>`` is its ``_interaction_resume`` cookie)."""
    known = [str(v) for k, v in params.items() if k in SECRET_PARAMS and isinstance(v, str)]
    if credentials is not None:
        known.append(credentials[1])
    auth = headers.get("authorization", "")
    if " " in auth:
        known.append(auth.split(" ", 1)[1].strip())
    for pair in headers.get("cookie", "").split(";"):
        value = pair.partition("=")[2].strip()
        if len(value) >= 8:
            known.append(value)
    return known


def _bearer(headers: dict[str, str], query: dict[str, str]) -> str | None:
    scheme, _, token = headers.get("authorization", "").strip().partition(" ")
    if scheme.lower() in ("bearer", "dpop") and token.strip():
        return fingerprint_value(token.strip())
    if query.get("access_token"):
        return fingerprint_value(query["access_token"])
    return None


def _callback(kind: Kind, params: dict[str, Any], location: str | None) -> Callback | None:
    if kind == "callback":
        return _callback_of(params, via_redirect=False)
    if not location or not any(f"{k}=" in location for k in _CALLBACK_KEYS):
        return None
    parts = _split(location)
    found = dict(parse_qsl(parts.query or parts.fragment, keep_blank_values=True))
    if not any(k in found for k in _CALLBACK_KEYS) or ("state" not in found and kind != "authorize"):
        return None
    return _callback_of(found, via_redirect=True)


def _callback_of(params: dict[str, Any], via_redirect: bool) -> Callback:
    code, state = params.get("code"), params.get("state")
    return Callback(code=fingerprint_value(str(code)) if code is not None else None,
                    state=fingerprint_value(str(state)) if state is not None else None,
                    error=str(params["error"]) if params.get("error") else None, via_redirect=via_redirect)


def _served_at(date: str | None, age: str | None) -> float | None:
    """When the answer left its last server: ``Date`` plus ``Age`` (a shared cache serves the origin's
    ``Date`` of an answer it has held for ``Age`` seconds; without this, CDN assets look like clock skew)."""
    stamp = _date(date)
    if stamp is not None and age and age.strip().isdigit():
        return stamp + int(age.strip())
    return stamp


@lru_cache(maxsize=4096)
def _date(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _scrub_known_deep(value: Any, known: list[str]) -> Any:
    """Every string in a parsed body with the request's own raw secrets replaced: an error description that
    quotes the refresh token it refuses must not carry it into a report."""
    if isinstance(value, str):
        return scrub_text_known(value, known)
    if isinstance(value, dict):
        return {k: _scrub_known_deep(v, known) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_known_deep(v, known) for v in value]
    return value


def _response_fields(kind: Kind, status: int | None, text: str | None, headers: dict[str, str],
                     known: list[str]) -> dict[str, Any]:
    """What the answer says: issued tokens (fingerprinted), expiry, error, a scrubbed body for the classifier."""
    www = _WWW_ERROR.search(headers.get("www-authenticate", ""))
    fields: dict[str, Any] = {"www_authenticate_error": www.group(1) if www else None}
    data = parse_body(text, headers.get("content-type", "")) if text else None
    if data is not None and kind != "other":
        fields["body"] = _scrub_known_deep(scrub_json(data), known)
        error = data.get("error")
        if isinstance(error, str) and error:
            fields["error"] = error
        elif isinstance(error, dict):  # {"error": {"code": ..., "message": ...}} (Google APIs, Graph)
            fields["error"] = str(error.get("status") or error.get("code") or "error")
        description = data.get("error_description") or data.get("message")
        if isinstance(description, str):
            fields["error_description"] = scrub_text_known(description[:500], known)
        fields["ok_false"] = data.get("ok") is False
        if isinstance(data.get("access_token"), str) and data["access_token"]:
            fields["issued_access"] = fingerprint_value(data["access_token"])
        if isinstance(data.get("refresh_token"), str) and data["refresh_token"]:
            fields["issued_refresh"] = fingerprint_value(data["refresh_token"])
        expires = data.get("expires_in")
        if isinstance(expires, int | float | str) and str(expires).replace(".", "", 1).isdigit():
            fields["expires_in"] = float(expires)
    elif text and kind in ("token", "api") and status is not None and status >= 400:
        fields["body"] = scrub_text_known(text[:1000], known)
    if fields.get("ok_false") and not fields.get("error"):
        fields["error"] = "ok_false"
    return fields
