"""Merge every input onto one timeline: sorted by start time, numbered, filtered by time and client.

Exporters do not promise order (a HAR lists entries as requests finished, a log as answers arrived), and
the detections reason about "before" and "overlapping", so sorting by ``started`` comes first. Numbers are
given after sorting and filtering: they are what findings and the rendered timeline point at.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import msgspec

from oauthdoctor.trace.inputs import read_captures
from oauthdoctor.trace.model import Capture, Exchange
from oauthdoctor.trace.normalize import ProviderOf, body_wanted, normalize

DUPLICATE_SECONDS = 1.0  # clocks of a proxy and the app that recorded the same exchange differ by this little


@dataclass(frozen=True)
class Timeline:
    """The exchanges trace judges, in time order, with the inputs they came from."""

    exchanges: tuple[Exchange, ...]
    files: tuple[str, ...]
    read: int  # exchanges read before --since/--until/--client-id
    duplicates: int = 0  # the same exchange seen in two inputs (a HAR and a log of one flow), kept once

    def of_kind(self, *kinds: str) -> list[Exchange]:
        """Exchanges of the given kinds, in time order."""
        return [e for e in self.exchanges if e.kind in kinds]

    @property
    def oauth(self) -> list[Exchange]:
        """Everything but unrelated page traffic (a redirect that carries a code or state is OAuth too)."""
        return [e for e in self.exchanges if e.kind != "other" or e.callback is not None]

    @property
    def start(self) -> float:
        return self.exchanges[0].started if self.exchanges else 0.0


def build_timeline(files: Sequence[str], provider_of: ProviderOf, client_id: str | None = None,
                   since: float | None = None, until: float | None = None) -> Timeline:
    """Read, sort, filter, normalise and number every exchange of every file."""
    captures: list[Capture] = []
    for name in files:
        captures.extend(read_captures(name, body_wanted))
    read = len(captures)
    captures.sort(key=lambda c: c.started)  # stable: file order breaks ties
    if since is not None or until is not None:
        low, high = since if since is not None else float("-inf"), until if until is not None else float("inf")
        captures = [c for c in captures if low <= c.started <= high]
    exchanges = [normalize(c, provider_of, n) for n, c in enumerate(captures, 1)]
    duplicates = 0
    if len(files) > 1:
        kept = _without_duplicates(exchanges)
        duplicates = len(exchanges) - len(kept)
        exchanges = kept
    if client_id:
        exchanges = list(_of_client(exchanges, client_id))
    if len(exchanges) != len(captures):  # something was left out: number again, without gaps
        exchanges = [msgspec.structs.replace(e, number=n) for n, e in enumerate(exchanges, 1)]
    return Timeline(tuple(exchanges), tuple("<stdin>" if f == "-" else f for f in files), read, duplicates)


def _without_duplicates(exchanges: list[Exchange]) -> list[Exchange]:
    """One exchange recorded by two inputs (a proxy's HAR and the app's log) counts once, or it would look
    like a code redeemed twice. Same request, same answer, other input, starts within a second."""
    seen: dict[tuple[object, ...], list[Exchange]] = {}
    kept = []
    for e in exchanges:
        if e.kind == "other":
            kept.append(e)
            continue
        sent = tuple(sorted((k, v) for k, v in e.sent.items() if k != "client_secret"))  # a log hides Basic
        key = (e.method, e.url, e.status, sent, e.bearer, e.issued_access, e.issued_refresh, e.error)
        twins = seen.setdefault(key, [])
        if any(t.source != e.source and abs(t.started - e.started) <= DUPLICATE_SECONDS for t in twins):
            continue
        twins.append(e)
        kept.append(e)
    return kept


def _of_client(exchanges: list[Exchange], client_id: str) -> Iterable[Exchange]:
    """Keep the client's own steps, API calls with tokens issued to it, callbacks of its authorizations,
    and unrelated traffic (its Date headers still tell the clock)."""
    mine = [e for e in exchanges if e.client_id == client_id]
    issued = {e.issued_access for e in mine if e.issued_access}
    states = {e.sent.get("state") for e in mine if e.kind == "authorize"} - {None}
    codes = {e.sent.get("code") for e in mine if e.kind == "token"} - {None}
    for e in exchanges:
        if e.client_id is not None:
            if e.client_id == client_id:
                yield e
        elif e.kind == "api":
            if e.bearer in issued:
                yield e
        elif e.kind == "callback" and e.callback is not None:
            if e.callback.state in states or e.callback.code in codes:
                yield e
        elif e.kind == "other":
            yield e
