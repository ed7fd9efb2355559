"""Token-endpoint trials with bogus grant values, and how to read the answers.

A trial never redeems anything real: the code or refresh token is random, so the only way the server
can answer is with an error — and *which* error tells whether the client authenticated and whether the
grant type is allowed. Reading the answer is pure (``read_answer``, ``auth_outcome``, ``grant_outcome``)
so every provider quirk (HTTP 200 errors, form-encoded bodies, catch-all errors, HTML) is a table test.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from oauthdoctor.model import Decision, Finding, RuleMeta, Status
from oauthdoctor.probing.contract import ProbeContext, make_finding

BASIC, POST, NONE = "client_secret_basic", "client_secret_post", "none"

_AUTHENTICATED_ERRORS = {"invalid_grant", "bad_verification_code", "bad_refresh_token", "invalid_code"}
_CLIENT_ERRORS = {
    "invalid_client",
    "incorrect_client_credentials",
    "unauthorized",
    "invalid_client_id",
    "bad_client_secret",
    "invalid_client_secret",
}
_GRANT_REFUSED = {"unauthorized_client", "unsupported_grant_type"}
_GRANT_REFUSED_TEXT = re.compile(
    r"grant[ _-]?type.*not (allowed|supported|authori[sz]ed)|not allowed.*grant", re.IGNORECASE
)


def configured_method(ctx: ProbeContext) -> str:
    """OAUTH_AUTH_METHOD, else the profile's preferred method, else RFC 6749's default (Basic)."""
    method = ctx.config.get("auth_method")
    if method:
        return method
    if not ctx.config.get("client_secret"):
        return NONE
    preferred = ctx.profile.client_auth.preferred if ctx.profile else None
    return preferred if preferred in (BASIC, POST) else BASIC


def with_credentials(
    ctx: ProbeContext, data: dict[str, str], method: str
) -> tuple[dict[str, str], tuple[str, str] | None]:
    """Place the client credentials for ``method``: Basic credentials, or client_id (+ secret) in the body."""
    client_id = ctx.config.get("client_id") or ""
    if method == BASIC:
        return data, (client_id, ctx.config.get("client_secret") or "")
    data["client_id"] = client_id
    if method == POST:
        data["client_secret"] = ctx.config.get("client_secret") or ""
    return data, None


def bogus(kind: str) -> str:
    """A random value that cannot be a real code or token (never a secret, never redeemable)."""
    return f"oauthdoctor-probe-{kind}-{secrets.token_urlsafe(18)}"


@dataclass(frozen=True)
class TokenAnswer:
    """What the token endpoint said, normalised across body formats; ``failure_kind`` when none came.

    ``retry_after`` and ``location`` keep the two headers a verdict needs (a transient answer's
    ``Retry-After``, a redirect's target); ``truncated`` says the body went past the read cap.
    """

    status: int | None = None
    error: str | None = None
    description: str | None = None
    body_kind: str = "empty"  # json | form | html | text | invalid_json | empty
    issued_token: bool = False
    failure_kind: str | None = None
    failure_message: str | None = None
    retry_after: str | None = None
    location: str | None = None
    truncated: bool = False

    @property
    def transient(self) -> bool:
        """The server answered and said "not now": 5xx, 429 or ``temporarily_unavailable`` (a catch-all aside)."""
        if self.failure_kind or self.status is None or is_catch_all(self):
            return False
        return self.status >= 500 or self.status == 429 or self.error == "temporarily_unavailable"

    @property
    def redirected(self) -> bool:
        return self.status is not None and 300 <= self.status < 400

    def evidence(self) -> dict[str, Any]:
        """The answer as evidence (no token values, ever)."""
        if self.failure_kind:
            return {"failure": self.failure_kind, "message": self.failure_message}
        out: dict[str, Any] = {"status": self.status, "error": self.error}
        if self.description:
            out["error_description"] = self.description[:200]
        if self.body_kind not in ("json", "form"):
            out["body"] = self.body_kind
        if self.truncated:
            out["body_cut_at_bytes"] = MAX_ANSWER_BYTES
        if self.retry_after:
            out["retry_after"] = self.retry_after
        if self.location:
            out["location"] = self.location
        if self.issued_token:
            out["issued_token"] = True
        return out


MAX_ANSWER_BYTES = 1024 * 1024  # net.http.MAX_BODY_BYTES, restated so reading an answer imports no httpx


def answer_fault(answer: TokenAnswer, endpoint: str = "the token endpoint") -> str | None:
    """The fault in an answer, in words for a finding's title; None for a readable OAuth answer.

    A transport failure, a transient server answer (with its Retry-After), a redirect (never followed), an
    answer too large to be an OAuth answer, and HTML or invalid JSON where JSON belongs.
    """
    if answer.failure_kind:
        what = "did not answer in time" if answer.failure_kind == "timeout" else "could not be reached"
        return f"{endpoint} {what}: {answer.failure_message}"
    status = _status_words(answer.status)
    if answer.transient:
        retry = f" with Retry-After: {answer.retry_after}" if answer.retry_after else ""
        return f"{endpoint} answered {status}{retry}: the server asks to try again later"
    if answer.redirected:
        target = answer.location or "(no Location header)"
        return f"{endpoint} redirected to {target} — not followed, credentials not sent there"
    if answer.truncated:
        return f"{endpoint}'s answer is too large (over {MAX_ANSWER_BYTES // (1024 * 1024)} MB, {status}): " \
            "not an OAuth answer"
    if answer.body_kind == "html":
        return f"{endpoint} answered HTML, not JSON ({status})"
    if answer.body_kind == "invalid_json":
        return f"{endpoint} answered invalid JSON ({status})"
    return None


@dataclass(frozen=True)
class FaultVerdict:
    """How a probe reports an answer with a fault: ``fail`` for a redirect (the URL is not the token endpoint),
    ``error`` otherwise; ``retry`` only for what the server itself called transient (5xx, 429, a slow answer)."""

    fail: bool
    title: str
    decision: str  # a Decision value: "retry", "fix_config" or "none"
    failure_class: str | None = None
    hint: str | None = None
    key: str | None = None


_TRANSIENT_CLASS = {429: "rate_limited", 503: "temporarily_unavailable"}
_UNREADABLE_HINT = (
    "Check OAUTH_TOKEN_URL: a token endpoint answers JSON; a web page (or a proxy's or login page) in its "
    "place usually means the URL points somewhere else."
)


def fault_verdict(answer: TokenAnswer, endpoint: str = "the token endpoint") -> FaultVerdict | None:
    """The verdict for an answer whose fault decides it (see ``answer_fault``), or None."""
    title = answer_fault(answer, endpoint)
    if title is None:
        return None
    if answer.failure_kind == "timeout":
        return FaultVerdict(False, title, "retry", "temporarily_unavailable")
    if answer.failure_kind:
        return FaultVerdict(False, title, "none")
    if answer.transient:
        cls = _TRANSIENT_CLASS.get(answer.status or 0, "server_error")
        hint = _wait_hint(answer.retry_after)
        return FaultVerdict(False, title, "retry", cls, hint)
    if answer.redirected:
        hint = (
            "Token requests are never sent on to another URL. If the redirect target is the provider's token "
            "endpoint, set OAUTH_TOKEN_URL to it (an http→https or trailing-slash redirect usually is)."
        )
        return FaultVerdict(True, title, "fix_config", "invalid_request", hint, "OAUTH_TOKEN_URL")
    return FaultVerdict(False, title, "none", hint=_UNREADABLE_HINT, key="OAUTH_TOKEN_URL")


def _wait_hint(retry_after: str | None) -> str | None:
    """``Wait 120 s (Retry-After) before the next attempt.``; None without a readable Retry-After."""
    from oauthdoctor.net.http import retry_after_seconds

    seconds = retry_after_seconds(retry_after)
    if seconds is None:
        return None
    return f"Wait {seconds:.0f} s (Retry-After) before the next attempt; do not retry sooner."


def fault_finding(meta: RuleMeta, verdict: FaultVerdict, evidence: dict[str, Any]) -> Finding:
    """The finding for a decisive fault: a ``fail`` or an ``error`` with the fault named in the title."""
    return make_finding(
        meta,
        Status.FAIL if verdict.fail else Status.ERROR,
        verdict.title,
        decision=Decision(verdict.decision),
        failure_class=verdict.failure_class,
        evidence=evidence,
        hint=verdict.hint,
        key=verdict.key,
    )


def describe(answer: TokenAnswer) -> str:
    """``HTTP 400 invalid_grant`` / ``HTTP 200 with a token``: an answer in a few words, for ``observed``."""
    if answer.failure_kind:
        return answer.failure_message or answer.failure_kind
    what = "with a token" if answer.issued_token else (answer.error or answer.body_kind)
    return f"HTTP {answer.status} {what}"


def _status_words(status: int | None) -> str:
    from http import HTTPStatus

    if status is None:
        return "no status"
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _text(body: Any) -> str:
    if body is None:
        return ""
    if isinstance(body, bytes | bytearray):
        return bytes(body).decode("utf-8", "replace")
    if isinstance(body, dict | list):
        return json.dumps(body)
    return str(body)


def read_answer(
    status: int | None,
    body: Any,
    content_type: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    truncated: bool = False,
) -> TokenAnswer:
    """Normalise one token-endpoint response (JSON, Slack's ``ok:false``, GitHub's form body, HTML)."""
    extra = _header_fields(status, headers or {}, truncated)
    data: Any = body if isinstance(body, dict) else None
    text = _text(body).strip()
    kind = "empty" if not text else "text"
    if data is None and text[:1] in ("{", "["):
        try:
            data = json.loads(text)
        except ValueError:
            data, kind = None, "invalid_json"
    if truncated:
        data = None
    if isinstance(data, dict):
        kind = "json"
    elif text and "=" in text and "<" not in text[:50] and " " not in text.split("&")[0]:
        data = dict(parse_qsl(text))
        kind = "form" if data else "text"
    elif text.lower().startswith(("<!doctype", "<html")) or (content_type or "").startswith("text/html"):
        kind = "html"
    if not isinstance(data, dict):
        return TokenAnswer(status=status, body_kind=kind, **extra)
    error = data.get("error")
    if isinstance(error, dict):  # {"error": {"code": ..., "message": ...}}
        error = error.get("code") or error.get("status")
    description = data.get("error_description") or data.get("message") or data.get("reason")
    return TokenAnswer(
        status=status,
        error=str(error) if error else None,
        description=str(description) if description else None,
        body_kind=kind,
        issued_token=bool(data.get("access_token")),
        **extra,
    )


def _header_fields(status: int | None, headers: dict[str, str], truncated: bool) -> dict[str, Any]:
    lower = {k.lower(): v for k, v in headers.items()}
    retry = (lower.get("retry-after") or "").strip() or None
    location = lower.get("location") if status is not None and 300 <= status < 400 else None
    return {"retry_after": retry, "location": location, "truncated": truncated}


def is_catch_all(answer: TokenAnswer) -> bool:
    """ServiceNow-style answers that say the same thing for every failure: they decide nothing."""
    return answer.error == "server_error" and (answer.description or "").strip() == "access_denied"


def auth_outcome(answer: TokenAnswer) -> str:
    """Did the client authenticate? ``authenticated`` | ``rejected`` | ``unclear`` | ``error``."""
    if answer.failure_kind:
        return "error"
    if answer.transient:
        return "error"
    if is_catch_all(answer):
        return "unclear"
    if answer.issued_token or answer.error in _AUTHENTICATED_ERRORS or answer.error == "unauthorized_client":
        return "authenticated"
    if answer.error in _CLIENT_ERRORS:
        return "rejected"
    if answer.error is None and answer.status == 401:
        return "rejected"
    if answer.error == "invalid_request" and _GRANT_REFUSED_TEXT.search(answer.description or ""):
        return "authenticated"  # oidc-provider checks the grant type only after authenticating the client
    return "unclear"


def grant_outcome(answer: TokenAnswer) -> str:
    """Is the grant type allowed? allowed | not_allowed | client_rejected | unclear | error."""
    auth = auth_outcome(answer)
    if auth == "error":
        return "error"
    if answer.error in _GRANT_REFUSED:
        return "not_allowed"
    if answer.error == "invalid_request" and _GRANT_REFUSED_TEXT.search(answer.description or ""):
        return "not_allowed"
    if auth == "rejected":
        return "client_rejected"
    if answer.issued_token or answer.error in _AUTHENTICATED_ERRORS:
        return "allowed"
    return "unclear"


async def post_trial(
    client: Any, url: str, data: dict[str, str], basic_auth: tuple[str, str] | None, *, guard: Any
) -> TokenAnswer:
    """POST one trial through the credential guard; a refusal or a transport fault becomes an answer with
    ``failure_kind`` instead of an exception."""
    from oauthdoctor.net.failures import NetFailure, classify_exception
    from oauthdoctor.net.http import post_form

    try:
        obs = await post_form(client, url, data, guard=guard, basic_auth=basic_auth)
    except NetFailure as exc:
        return TokenAnswer(failure_kind=str(exc.kind), failure_message=exc.message)
    except Exception as exc:  # noqa: BLE001 - every transport fault is a result, not a crash
        failure = classify_exception(exc)
        return TokenAnswer(failure_kind=str(failure.kind), failure_message=failure.message)
    headers = dict(getattr(obs, "headers", {}) or {})
    return read_answer(
        obs.status, obs.body, headers.get("content-type"), headers=headers, truncated=bool(obs.truncated)
    )
