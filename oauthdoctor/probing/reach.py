"""Does an endpoint answer at all? One plain GET, without credentials, shared by the probes that ask.

``transport`` reads it for the TLS verdict (an answer over https means the certificate was verified),
``clock_skew`` for the ``Date`` header, ``discovery`` to tell "this server publishes no document" from
"this URL is wrong". The runner memoises it per URL (``Shared.visit``), so the token endpoint is visited once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class EndpointVisit:
    """What one GET saw: an HTTP answer (``status``), or a failure (``failure_kind``/``failure_message``)."""

    url: str
    status: int | None = None
    date_skew: float | None = None  # server Date minus local clock at arrival (None without a Date header)
    retry_after: str | None = None
    failure_kind: str | None = None
    failure_message: str | None = None

    @property
    def answered(self) -> bool:
        """Any HTTP status counts: the host resolved, the connection and (for https) the TLS check worked."""
        return self.status is not None

    def evidence(self) -> dict[str, Any]:
        if self.failure_kind:
            return {"url": self.url, "failure": self.failure_kind, "message": self.failure_message}
        return {"url": self.url, "status": self.status}


async def visit(client: Any, url: str) -> EndpointVisit:
    """GET ``url`` with the run's client (verified TLS, no redirects); a fault is a result, not an exception."""
    from oauthdoctor.net.clock import date_header_skew
    from oauthdoctor.net.failures import NetFailure, classify_exception
    from oauthdoctor.net.http import get_json

    try:
        obs, _ = await get_json(client, url)
        skew = date_header_skew(obs, datetime.now(UTC))
    except NetFailure as exc:
        return EndpointVisit(url, failure_kind=str(exc.kind), failure_message=exc.message)
    except Exception as exc:  # noqa: BLE001 - every transport fault is a result
        failure = classify_exception(exc)
        return EndpointVisit(url, failure_kind=str(failure.kind), failure_message=failure.message)
    return EndpointVisit(url, status=obs.status, date_skew=skew, retry_after=obs.retry_after)
