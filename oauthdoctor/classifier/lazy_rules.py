"""A profile's rule list read from its cached data, each rule built on first use.

A single ``explain`` tries a handful of the generic profile's two thousand phrase rules (the prefilter reads which
ones a body can meet straight from the data), yet building every ``ErrorRule`` cost more than the classification.
The data was checked when the cache was written and its value types are checked again before this list is made
(``facts._plain_errors``); only the dataclass instances are deferred.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar, overload

from oauthdoctor.profiles.error_schema import Candidate, ErrorRule, Outcome

OutcomeT = TypeVar("OutcomeT", bound=Outcome)


class LazyRules(Sequence[ErrorRule]):
    """A read-only sequence of ``ErrorRule``: the cached mapping of each, built into a rule when it is read."""

    __slots__ = ("_plain", "_built")

    def __init__(self, plain: list[dict[str, Any]]) -> None:
        self._plain = plain
        self._built: list[ErrorRule | None] = [None] * len(plain)

    def plain(self, index: int) -> dict[str, Any]:
        """The rule's cached mapping, for readers that need a field or two of every rule (``Prefilter.of_rules``)."""
        return self._plain[index]

    def __len__(self) -> int:
        return len(self._plain)

    @overload
    def __getitem__(self, index: int) -> ErrorRule: ...

    @overload
    def __getitem__(self, index: slice) -> list[ErrorRule]: ...

    def __getitem__(self, index: int | slice) -> ErrorRule | list[ErrorRule]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        built = self._built[index]
        if built is None:
            built = self._built[index] = from_plain(ErrorRule, self._plain[index])
        return built

    def __iter__(self) -> Iterator[ErrorRule]:
        for index in range(len(self._plain)):
            yield self[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyRules):
            return self._plain == other._plain
        if isinstance(other, list):
            return len(other) == len(self) and list(self) == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking like a list: not hashable

    def __repr__(self) -> str:
        return f"LazyRules({len(self)} rules)"


def from_plain(kind: type[OutcomeT], entry: dict[str, Any]) -> OutcomeT:
    """One rule or outcome from cached data whose values already have their schema types (candidates as
    mappings)."""
    candidates = entry.get("candidates")
    if candidates is not None:
        entry = {**entry, "candidates": [Candidate(**c) for c in candidates]}
    return kind(**entry)
