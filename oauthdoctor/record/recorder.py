"""The exchange recorder: your app's token-endpoint exchanges, appended to a log that is safe to share.

Back-end token traffic (refresh jobs, workers, webhooks) never shows up in a browser's HAR. Hook this recorder
into the HTTP client the app already uses and every token request and answer — plus API calls refused with
401/403 — becomes one JSON line that ``oauthdoctor trace`` reads. Every code, token, secret, cookie and
``Authorization`` value is replaced by its fingerprint *before* the line is written, so the file can be
attached to a ticket. The recorder never sends anything itself.

    recorder = ExchangeRecorder("/var/log/myapp/oauth-exchanges.jsonl")
    client = httpx.Client(event_hooks=recorder.httpx_event_hooks())      # httpx
    client = httpx.Client(transport=recorder.httpx_transport())          # httpx, also records timeouts
    recorder.install_requests(session)                                    # requests.Session

The format is documented in ``oauthdoctor/schemas/exchange-log.schema.json``.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from oauthdoctor.hosts import split_url
from oauthdoctor.record.wire import (
    SECRET_PARAMS,
    basic_credentials,
    fingerprint_value,
    parse_body,
    s256,
    scrub_body,
    scrub_header,
    scrub_text_known,
    scrub_url,
)

FORMAT_VERSION = 1
_TOKEN_PATH = re.compile(r"/(token|access_token|oauth2?/v\d+/token|oauth\.v2\.access|oauth_token\.do)/?$",
                         re.IGNORECASE)
_STARTED = "oauthdoctor.started"


class ExchangeRecorder:
    """Appends fingerprinted token-endpoint exchanges (and refused API calls) to a JSON Lines file.

    Thread-safe; several processes may append to one file (each line is one ``O_APPEND`` write). The file is
    opened per line, so log rotation needs no signal. ``token_urls`` adds endpoints the built-in test (a
    ``grant_type`` in the body, or a path such as ``/token``) would miss; ``api_errors=False`` records token
    exchanges only; ``origin`` names this process in each line (default ``host:pid``).
    """

    def __init__(self, path: str | os.PathLike[str], *, token_urls: Iterable[str] = (), api_errors: bool = True,
                 origin: str | None = None, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.token_urls = tuple(u.split("?", 1)[0].rstrip("/") for u in token_urls)
        self.api_errors = api_errors
        self.origin = origin if origin is not None else f"{socket.gethostname()}:{os.getpid()}"
        self.clock = clock
        self._lock = threading.Lock()

    # -- what to record -------------------------------------------------------------------------------

    def wants(self, method: str, url: str, request_headers: Mapping[str, str], request_body: str | None,
              status: int | None) -> bool:
        """A token-endpoint exchange, or (with ``api_errors``) an API call refused with 401/403."""
        base = url.split("?", 1)[0].rstrip("/")
        if base in self.token_urls:
            return True
        if method.upper() == "POST":
            form = parse_body(request_body, _get(request_headers, "content-type")) or {}
            if "grant_type" in form or (("code" in form or "refresh_token" in form)
                                        and _TOKEN_PATH.search(split_url(url).path or "")):
                return True
        if self.api_errors and status in (401, 403):
            return _get(request_headers, "authorization").lower().startswith(("bearer ", "dpop "))
        return False

    # -- the line -------------------------------------------------------------------------------------

    def record(self, *, started: float, duration: float | None, method: str, url: str,
               request_headers: Mapping[str, str], request_body: str | None, status: int | None,
               response_headers: Mapping[str, str], response_body: str | None, failure: str | None = None) -> bool:
        """Write one exchange if it is one the recorder keeps; True when a line was written."""
        if not self.wants(method, url, request_headers, request_body, status):
            return False
        line = self.line(started=started, duration=duration, method=method, url=url,
                         request_headers=request_headers, request_body=request_body, status=status,
                         response_headers=response_headers, response_body=response_body, failure=failure)
        data = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
        return True

    def line(self, *, started: float, duration: float | None, method: str, url: str,
             request_headers: Mapping[str, str], request_body: str | None, status: int | None,
             response_headers: Mapping[str, str], response_body: str | None,
             failure: str | None = None) -> dict[str, Any]:
        """The JSON object for one exchange, every secret already a fingerprint."""
        request_type = _get(request_headers, "content-type")
        form = parse_body(request_body, request_type) or {}
        credentials = basic_credentials(_get(request_headers, "authorization"))
        known = _secrets_of(form, request_headers, credentials)
        known += _secrets_of(parse_body(response_body, _get(response_headers, "content-type")) or {}, {}, None)
        line: dict[str, Any] = {
            "exchange_log": FORMAT_VERSION,
            "time": datetime.fromtimestamp(started, UTC).isoformat(timespec="microseconds").replace("+00:00", "Z"),
            "duration": None if duration is None else round(duration, 6),
            "method": method.upper(),
            "url": scrub_url(url),
            "request_headers": {k.lower(): scrub_header(k, v) for k, v in request_headers.items()},
            "request_body": scrub_body(request_body, request_type, known),
            "status": status,
            "response_headers": {k.lower(): scrub_header(k, v) for k, v in response_headers.items()},
            "response_body": scrub_body(response_body, _get(response_headers, "content-type"), known),
            "origin": self.origin,
        }
        client_id = form.get("client_id") or (credentials[0] if credentials else None)
        if client_id:
            line["client_id"] = str(client_id)
        verifier = form.get("code_verifier")
        if isinstance(verifier, str) and verifier:
            line["derived"] = {"code_verifier_s256": fingerprint_value(s256(verifier))}
        if failure is not None:
            line["failure"] = scrub_text_known(failure, known)
        return _last_pass(line, known)

    # -- httpx ----------------------------------------------------------------------------------------

    def httpx_event_hooks(self) -> dict[str, list[Callable[[Any], None]]]:
        """``event_hooks=`` for ``httpx.Client``. Only an answer the recorder keeps is read in the hook, so
        streamed downloads through the same client stay streamed."""

        def on_request(request: Any) -> None:
            request.extensions[_STARTED] = self.clock()

        def on_response(response: Any) -> None:
            if self._wants_httpx(response.request, response.status_code):
                response.read()
                self._record_httpx(response.request, response, None)

        return {"request": [on_request], "response": [on_response]}

    def httpx_async_event_hooks(self) -> dict[str, list[Callable[[Any], Any]]]:
        """``event_hooks=`` for ``httpx.AsyncClient``."""

        async def on_request(request: Any) -> None:
            request.extensions[_STARTED] = self.clock()

        async def on_response(response: Any) -> None:
            if self._wants_httpx(response.request, response.status_code):
                await response.aread()
                self._record_httpx(response.request, response, None)

        return {"request": [on_request], "response": [on_response]}

    def httpx_transport(self, inner: Any = None) -> Any:
        """An ``httpx.BaseTransport`` around ``inner`` (default ``httpx.HTTPTransport()``) that also records
        token requests that got no answer (timeouts, refused connections)."""
        import httpx

        recorder = self
        wrapped = inner if inner is not None else httpx.HTTPTransport()

        class RecordingTransport(httpx.BaseTransport):
            def handle_request(self, request: httpx.Request) -> httpx.Response:
                request.extensions[_STARTED] = recorder.clock()
                try:
                    response = wrapped.handle_request(request)
                except httpx.TransportError as exc:
                    if recorder._wants_httpx(request, None):
                        recorder._record_httpx(request, None, f"{type(exc).__name__}: {exc}")
                    raise
                if recorder._wants_httpx(request, response.status_code):
                    response.read()
                    recorder._record_httpx(request, response, None)
                return response

            def close(self) -> None:
                wrapped.close()

        return RecordingTransport()

    def _wants_httpx(self, request: Any, status: int | None) -> bool:
        return self.wants(request.method, str(request.url), request.headers, _httpx_body(request), status)

    def _record_httpx(self, request: Any, response: Any, failure: str | None) -> None:
        started = request.extensions.get(_STARTED, self.clock())
        self.record(started=started, duration=self.clock() - started, method=request.method, url=str(request.url),
                    request_headers=dict(request.headers), request_body=_httpx_body(request),
                    status=None if response is None else response.status_code,
                    response_headers={} if response is None else dict(response.headers),
                    response_body=None if response is None else response.text, failure=failure)

    # -- requests -------------------------------------------------------------------------------------

    def requests_hook(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        """A ``requests`` response hook: ``session.hooks["response"].append(recorder.requests_hook)``. Only an
        answer the recorder keeps is read (``stream=True`` downloads stay streamed)."""
        request = response.request
        body = request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        body = body if isinstance(body, str) else None
        headers = dict(request.headers)
        if not self.wants(request.method or "GET", request.url or "", headers, body, response.status_code):
            return response
        elapsed = response.elapsed.total_seconds()
        self.record(started=self.clock() - elapsed, duration=elapsed, method=request.method or "GET",
                    url=request.url or "", request_headers=headers, request_body=body, status=response.status_code,
                    response_headers=dict(response.headers), response_body=response.text)
        return response

    def install_requests(self, session: Any) -> Any:
        """Add the response hook to a ``requests.Session``; returns the session."""
        session.hooks.setdefault("response", []).append(self.requests_hook)
        return session


def _httpx_body(request: Any) -> str | None:
    try:
        return str(request.content.decode("utf-8", "replace"))
    except Exception:  # noqa: BLE001 - a streamed request body cannot be read back
        return None


def _get(headers: Mapping[str, str], name: str) -> str:
    return next((v for k, v in headers.items() if k.lower() == name), "")


def _secrets_of(params: Mapping[str, Any], headers: Mapping[str, str],
                credentials: tuple[str, str] | None) -> list[str]:
    """Raw secret values a request or answer carried: scrubbed from any free text that might echo them."""
    found = [v for k, v in params.items() if k in SECRET_PARAMS and isinstance(v, str)]
    for value in params.values():
        if isinstance(value, dict):
            found += _secrets_of(value, {}, None)
    if credentials is not None:
        found.append(credentials[1])
    auth = _get(headers, "authorization")
    if " " in auth:
        found.append(auth.split(" ", 1)[1].strip())
    return found


def _last_pass(line: dict[str, Any], known: list[str]) -> dict[str, Any]:
    """The guarantee: no known raw secret survives anywhere in the line, whatever field it hid in."""
    text = json.dumps(line, ensure_ascii=False)
    if not any(len(s) >= 4 and s in text for s in known):
        return line
    cleaned: dict[str, Any] = json.loads(scrub_text_known(text, known))
    return cleaned
