"""The two shapes of one HTTP exchange: as a reader found it (``Capture``) and as trace judges it (``Exchange``).

A ``Capture`` may still hold raw secrets (a HAR carries them) and lives only between reading and
normalising. An ``Exchange`` holds fingerprints only, so nothing downstream — detections, the report,
renderers — can leak a code, token or secret however it is written.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

Kind = Literal["authorize", "callback", "token", "api", "other"]


class Capture(msgspec.Struct, frozen=True):
    """One request/response pair as a reader found it (raw values; never rendered)."""

    source: str
    position: int  # HAR: entry number in the file (1-based); exchange log: line number
    line_based: bool  # True for an exchange log (position is a line), False for a HAR (an entry)
    started: float  # epoch seconds
    duration: float | None  # seconds
    method: str
    url: str
    request_headers: tuple[tuple[str, str], ...] = ()
    request_body: str | None = None
    status: int | None = None
    response_headers: tuple[tuple[str, str], ...] = ()
    response_body: str | None = None
    redirect_url: str | None = None
    derived: dict[str, str] = {}  # values a recorder computed from secrets
    failure: str | None = None  # transport failure instead of a response (timeout, connection refused)


class Callback(msgspec.Struct, frozen=True):
    """What came back to the redirect URI: the code, state or error of an authorization response."""

    code: str | None  # fingerprint
    state: str | None  # fingerprint
    error: str | None
    via_redirect: bool  # seen only as the authorization server's Location header


class Exchange(msgspec.Struct, frozen=True):
    """One exchange on the timeline; secrets are fingerprints (``redact.stable_fingerprint``)."""

    number: int  # position on the merged timeline (1-based): what findings point at
    source: str
    position: int
    line_based: bool
    started: float
    ended: float | None
    method: str
    url: str  # secret parameters fingerprinted
    host: str
    path: str
    kind: Kind
    status: int | None = None
    client_id: str | None = None
    grant_type: str | None = None
    sent: dict[str, str] = {}  # parameters sent: secrets fingerprinted
    bearer: str | None = None  # fingerprint of the access token an API call carried
    issued_access: str | None = None
    issued_refresh: str | None = None
    expires_in: float | None = None
    error: str | None = None
    error_description: str | None = None
    ok_false: bool = False  # Slack-style {"ok": false} in a 2xx answer
    body: dict[str, Any] | str | None = None  # response body, secrets fingerprinted (for the classifier)
    headers: dict[str, str] = {}  # response headers the classifier reads
    www_authenticate_error: str | None = None
    date: float | None = None  # the server's Date header (epoch seconds)
    callback: Callback | None = None
    failure: str | None = None
    provider: str | None = None
    origin: str | None = None  # the process or host that sent it, when the log says

    @property
    def failed(self) -> bool:
        """No usable answer: a transport failure, an error status, or an error inside a 2xx body."""
        if self.failure is not None or self.status is None:
            return True
        return self.status >= 400 or self.error is not None or self.ok_false

    @property
    def finished(self) -> float:
        """When the answer was complete (the start when the duration is unknown)."""
        return self.ended if self.ended is not None else self.started

    @property
    def where(self) -> str:
        """``file:line`` or ``file entry N``, for a person looking for it in the input."""
        return f"{self.source}:{self.position}" if self.line_based else f"{self.source} entry {self.position}"
