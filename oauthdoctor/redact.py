"""The one redaction function every renderer goes through.

A secret is never shown; a short fingerprint (first three characters and the length) lets a user tell
two secrets apart without exposing either.
"""

from __future__ import annotations

import dataclasses
import functools
import re
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


# A credential can arrive as part of a URL no one declared secret: a callback URL pasted as the redirect URI
# (``?code=...``), a token URL with ``?client_secret=`` or ``?access_token=``, a password in ``user:pass@``.
# These parameters' values are replaced wherever they appear in a URL, a query string or a form body.
URL_CREDENTIAL_PARAMS = (
    "code", "access_token", "refresh_token", "id_token", "client_secret", "code_verifier", "password", "assertion",
    "client_assertion", "device_code", "subject_token", "actor_token", "token", "api_key", "apikey",
    "oauth_token", "oauth_verifier", "session_token",
)
_URL_PARAM = re.compile(r"(?i)((?:^|[?&#;\s\"'(])(?:" + "|".join(URL_CREDENTIAL_PARAMS) + r")=)([^&#;\s\"'<>\\)]+)")
_URL_PASSWORD = re.compile(r"(?i)(\b[a-z][a-z0-9+.\-]*://[^/?#\s:@\"'<>]*:)([^/?#\s@\"'<>]+)(@)")
_KEPT = frozenset({"None", "none", "null", "undefined", "nil", "NaN", "false", "true"})


def scrub_url_credentials(text: str) -> str:
    """``text`` with the value of every credential parameter of a URL (``?code=``, ``&access_token=``, ...) and
    every ``user:password@`` password replaced by its fingerprint. Names made by ``stable_fingerprint`` or
    ``fingerprint``, the sentinels a broken client sends (``None``, ``undefined``), template placeholders and
    short numbers (an error page's ``?code=7000222``; no provider issues codes that short) stay as they are."""
    if "=" not in text and "@" not in text:
        return text
    return _URL_PASSWORD.sub(_replace_credential, _URL_PARAM.sub(_replace_credential, text))


def _replace_credential(match: re.Match[str]) -> str:
    value = match.group(2)
    if (value in _KEPT or is_stable_fingerprint(value) or "…(" in value or value.startswith("%7B") or "{" in value
            or (value.isdigit() and len(value) <= 12)):
        return match.group(0)  # a name, a sentinel, a placeholder ({code}) or an error number (?code=7000222)
    return match.group(1) + fingerprint(value) + (match.group(3) if match.re is _URL_PASSWORD else "")


def scrub_text(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of every secret in ``text`` by its fingerprint (longest first), and every
    credential a URL in it carries (``scrub_url_credentials``)."""
    return _scrubber(_scrubbable(secrets)).text(text)


def scrub(value: T, secrets: Iterable[str]) -> T:
    """Deep-copy ``value`` (str, dict, list, tuple, frozen dataclass) with every secret replaced, and every
    credential a URL in it carries."""
    secret_set = _scrubbable(secrets)
    scrubbed: T = _scrub(value, _scrubber(secret_set))  # same shape in, same shape out
    return scrubbed


def _scrubbable(secrets: Iterable[str]) -> frozenset[str]:
    """The secrets worth replacing: shorter ones would match everywhere (and say nothing)."""
    if isinstance(secrets, frozenset) and all(len(s) >= _MIN_SCRUB_LEN for s in secrets):
        return secrets
    return frozenset(s for s in secrets if s and len(s) >= _MIN_SCRUB_LEN)


_MIN_SCRUB_LEN = 4
# Past this many secrets (a linted file of thousands of clients), testing each secret against each string is
# quadratic; one regex pass over the text finds where a secret's first characters occur, and only the secrets
# that start there are tested.
_INDEX_FROM = 48


class _Scrubber:
    """Replaces a fixed set of secrets, longest first, in any number of strings."""

    def __init__(self, secrets: frozenset[str]) -> None:
        self.ordered = sorted(secrets, key=len, reverse=True)
        self.by_head: dict[str, list[str]] = {}
        self.finder: re.Pattern[str] | None = None
        if len(self.ordered) >= _INDEX_FROM:
            for secret in self.ordered:
                self.by_head.setdefault(secret[:_MIN_SCRUB_LEN], []).append(secret)
            self.finder = re.compile("(?=(" + _trie_pattern(self.by_head) + "))", re.S)

    def text(self, text: str) -> str:
        candidates = self.ordered if self.finder is None else self._occurring(text)
        for secret in candidates:
            if secret in text:
                text = text.replace(secret, fingerprint(secret))
        return scrub_url_credentials(text)

    def _occurring(self, text: str) -> list[str]:
        """The secrets that occur in ``text``, longest first."""
        assert self.finder is not None
        found: set[str] = set()
        for match in self.finder.finditer(text):
            start = match.start()
            found.update(s for s in self.by_head[match.group(1)] if text.startswith(s, start))
        return sorted(found, key=len, reverse=True)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (all of one short length), shaped as their trie: one branch is tested
    per character instead of every word at every position."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items())]
        if len(branches) <= 1:
            return "".join(branches)
        return "(?:" + "|".join(branches) + ")"

    return pattern(root)


@functools.lru_cache(maxsize=8)
def _scrubber(secrets: frozenset[str]) -> _Scrubber:
    return _Scrubber(secrets)


def _scrub(value: Any, secrets: _Scrubber) -> Any:
    """``value`` with secrets replaced; a part with nothing to replace is returned as it is (no copy), so a
    document without secrets costs one walk, and every container keeps its type (a NamedTuple stays one)."""
    if isinstance(value, str):
        cleaned = secrets.text(value)
        return value if cleaned == value else cleaned
    if isinstance(value, dict):
        pairs = [(_scrub(k, secrets), _scrub(v, secrets)) for k, v in value.items()]
        if all(k is old_k and v is old_v for (k, v), (old_k, old_v) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    if isinstance(value, list | tuple):
        items = [_scrub(v, secrets) for v in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        if isinstance(value, list):
            return items
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if f.name == "secrets":
                continue
            old = getattr(value, f.name)
            new = _scrub(old, secrets)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
