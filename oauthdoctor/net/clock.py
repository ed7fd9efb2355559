"""Clock skew from an HTTP ``Date`` header: a second signal where UDP 123 is blocked."""

from __future__ import annotations

from datetime import UTC, datetime

from oauthdoctor.net.http import HttpObservation

# A Date header is truncated to whole seconds, so a server in perfect sync reads on average 0.5 s behind.
_TRUNCATION_BIAS = 0.5


def date_header_skew(obs: HttpObservation, now: datetime) -> float | None:
    """Server clock minus local clock in seconds, or None without a usable ``Date`` header.

    ``now`` is the local time when the response arrived. The header has 1 s resolution, so the result is
    only good to about ±1 s: never judge a skew below a couple of seconds from it. The server stamped the
    header roughly half-way through the round trip, which is corrected for with ``obs.elapsed``.
    """
    if obs.date is None:
        return None
    local = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    server = obs.date.timestamp() + _TRUNCATION_BIAS
    local_at_stamp = local.timestamp() - max(obs.elapsed, 0.0) / 2
    return round(server - local_at_stamp, 3)
