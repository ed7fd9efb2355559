"""The one redaction function every renderer goes through.

A secret is never shown; a short fingerprint (first three characters and the length) lets a user tell
two secrets apart without exposing either.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, TypeVar

T = TypeVar("T")

# Secrets shorter than this are shown only by length: three characters of a six-character value leak half.
_MIN_PREFIX_LEN = 10


# Secrets seen by this process, so the top-level error handler can scrub an unexpected exception message.
_remembered: set[str] = set()


def remember(secrets: Iterable[str]) -> None:
    """Record secrets as soon as configuration is read: a crash message must not leak them either."""
    _remembered.update(s for s in secrets if s)


def remembered() -> frozenset[str]:
    """Every secret recorded by ``remember`` in this process."""
    return frozenset(_remembered)


def fingerprint(secret: str) -> str:
    """Short, non-reversible stand-in for a secret: ``s3c…(12 chars)``."""
    if not secret:
        return "(empty)"
    if len(secret) < _MIN_PREFIX_LEN:
        return f"…({len(secret)} chars)"
    return f"{secret[:3]}…({len(secret)} chars)"


STABLE_PREFIX = "fp_"
_STABLE_HEX = 12
_HEX = frozenset("0123456789abcdef")


def stable_fingerprint(secret: str) -> str:
    """``fp_`` and 12 hex digits of the value's SHA-256: the name of a code, token or secret in traffic.

    Unlike ``fingerprint``, equal values always get equal names and different values (practically) never
    share one, in every process: "the same refresh token sent twice" stays visible without the token, and a
    log written by several workers lines up with a HAR of the same flow. A value that already is such a name
    (a log written by ``oauthdoctor.record``) is returned unchanged. Tokens and codes are random, so the
    digest cannot be reversed; a guessable client secret could be confirmed by hashing guesses.
    """
    if is_stable_fingerprint(secret):
        return secret
    import hashlib  # lazily: explain's start-up must not pay for it

    return STABLE_PREFIX + hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()[:_STABLE_HEX]


def is_stable_fingerprint(value: str) -> bool:
    """``value`` is a name made by ``stable_fingerprint``."""
    return (len(value) == len(STABLE_PREFIX) + _STABLE_HEX and value.startswith(STABLE_PREFIX)
            and _HEX.issuperset(value[len(STABLE_PREFIX):]))


def scrub_text(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of every secret in ``text`` by its fingerprint (longest first)."""
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, fingerprint(secret))
    return text


def scrub(value: T, secrets: Iterable[str]) -> T:
    """Deep-copy ``value`` (str, dict, list, tuple, frozen dataclass) with every secret replaced."""
    secret_set = frozenset(s for s in secrets if s)
    if not secret_set:
        return value
    scrubbed: T = _scrub(value, secret_set)  # same shape in, same shape out
    return scrubbed


def _scrub(value: Any, secrets: frozenset[str]) -> Any:
    if isinstance(value, str):
        return scrub_text(value, secrets)
    if isinstance(value, dict):
        return {_scrub(k, secrets): _scrub(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, secrets) for v in value]
    if isinstance(value, tuple):
        return tuple(_scrub(v, secrets) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _scrub(getattr(value, f.name), secrets)
            for f in dataclasses.fields(value)
            if f.name != "secrets"
        }
        return dataclasses.replace(value, **changes)
    return value
