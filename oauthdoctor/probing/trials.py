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

from oauthdoctor.probing.contract import ProbeContext

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
    """What the token endpoint said, normalised across body formats; ``failure_kind`` when none came."""

    status: int | None = None
    error: str | None = None
    description: str | None = None
    body_kind: str = "empty"  # json | form | html | text | empty
    issued_token: bool = False
    failure_kind: str | None = None
    failure_message: str | None = None

    def evidence(self) -> dict[str, Any]:
        """The answer as evidence (no token values, ever)."""
        if self.failure_kind:
            return {"failure": self.failure_kind, "message": self.failure_message}
        out: dict[str, Any] = {"status": self.status, "error": self.error}
        if self.description:
            out["error_description"] = self.description[:200]
        if self.body_kind not in ("json", "form"):
            out["body"] = self.body_kind
        if self.issued_token:
            out["issued_token"] = True
        return out


def _text(body: Any) -> str:
    if body is None:
        return ""
    if isinstance(body, bytes | bytearray):
        return bytes(body).decode("utf-8", "replace")
    if isinstance(body, dict | list):
        return json.dumps(body)
    return str(body)


def read_answer(status: int | None, body: Any, content_type: str | None = None) -> TokenAnswer:
    """Normalise one token-endpoint response (JSON, Slack's ``ok:false``, GitHub's form body, HTML)."""
    data: Any = body if isinstance(body, dict) else None
    text = _text(body).strip()
    kind = "empty" if not text else "text"
    if data is None and text[:1] in ("{", "["):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
    if isinstance(data, dict):
        kind = "json"
    elif text and "=" in text and "<" not in text[:50] and " " not in text.split("&")[0]:
        data = dict(parse_qsl(text))
        kind = "form" if data else "text"
    elif text.lower().startswith(("<!doctype", "<html")) or (content_type or "").startswith("text/html"):
        kind = "html"
    if not isinstance(data, dict):
        return TokenAnswer(status=status, body_kind=kind)
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
    )


def is_catch_all(answer: TokenAnswer) -> bool:
    """ServiceNow-style answers that say the same thing for every failure: they decide nothing."""
    return answer.error == "server_error" and (answer.description or "").strip() == "access_denied"


def auth_outcome(answer: TokenAnswer) -> str:
    """Did the client authenticate? ``authenticated`` | ``rejected`` | ``unclear`` | ``error``."""
    if answer.failure_kind:
        return "error"
    if answer.status is not None and answer.status >= 500 or answer.error in ("temporarily_unavailable",):
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
    headers = getattr(obs, "headers", {}) or {}
    content_type = headers.get("content-type") if hasattr(headers, "get") else None
    return read_answer(obs.status, obs.body, content_type)
