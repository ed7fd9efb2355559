"""The one input model: every configuration value by canonical key, and where each came from.

``diagnose``, ``check-env`` and ``trace`` all read a ``ResolvedConfig``. Values are kept as the raw strings the
user supplied (whitespace, quotes and newlines included) because those are exactly what the checks look for;
typed accessors parse on demand and never raise. Every value carries an ``Origin`` — flag, ``--config`` file,
env file, process environment, the env file's name, profile default or discovery — because "which of my five
.env files set this?" is half of every configuration bug.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from oauthdoctor.config.keys import AUTH_METHODS, PLACEHOLDER_KEYS, SECRET_KEYS

OriginKind = Literal["flag", "config_file", "env_file", "environment", "file_name", "profile", "discovery"]


@dataclass(frozen=True)
class Origin:
    """Where one value came from: the kind of source, the name as written there, and the file if any."""

    kind: OriginKind
    key: str  # "--client-id", "client_id", "OAUTH_CLIENT_ID", "AUTH_GITHUB_ID", ".env.production"
    file: str | None = None

    def __str__(self) -> str:
        if self.kind == "flag":
            return self.key
        if self.kind == "environment":
            return f"{self.key} (environment)"
        if self.kind == "file_name":
            return f"file name ({self.key})"
        if self.kind in ("profile", "discovery"):
            return f"{self.kind} ({self.key})"
        return f"{self.key} ({self.file})" if self.file else self.key


@dataclass(frozen=True)
class ResolvedConfig:
    """Canonical key → raw value, and canonical key → the ``Origin`` of that value."""

    values: Mapping[str, str] = field(default_factory=dict)
    origins: Mapping[str, Origin] = field(default_factory=dict)

    def raw(self, key: str) -> str | None:
        """The value exactly as supplied, or None."""
        return self.values.get(key)

    def get(self, key: str) -> str | None:
        """The value with surrounding whitespace and one pair of matching quotes removed; '' is None."""
        value = self.values.get(key)
        if value is None:
            return None
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1].strip()
        return value or None

    def items(self, key: str) -> list[str]:
        """A space- or comma-separated list value."""
        value = self.get(key)
        return [v for v in re.split(r"[\s,]+", value) if v] if value else []

    def integer(self, key: str) -> int | None:
        value = self.get(key)
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None

    def timestamp(self, key: str) -> datetime | None:
        """An ISO 8601 date or date-time; a naive value is taken as UTC."""
        value = self.get(key)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

    def origin(self, key: str) -> Origin | None:
        return self.origins.get(key)

    def source(self, key: str) -> str | None:
        """The origin of ``key`` in words (``OAUTH_CLIENT_ID (.env.production)``), for messages."""
        origin = self.origins.get(key)
        return str(origin) if origin else None

    def key_name(self, key: str) -> str | None:
        """The name that supplied ``key`` as written in its source (``AUTH_GITHUB_ID``, ``--client-id``)."""
        origin = self.origins.get(key)
        return origin.key if origin else None

    @property
    def provider(self) -> str | None:
        return self.get("provider")

    @property
    def environment(self) -> str | None:
        """``production``, ``staging``, ... declared, or read from the env file's name at resolution."""
        return self.get("environment")

    @property
    def grant_type(self) -> str:
        return self.get("grant_type") or "authorization_code"

    @property
    def secrets(self) -> frozenset[str]:
        """Every raw secret value and its trimmed form: renderers must never show either."""
        found: set[str] = set()
        for key in SECRET_KEYS:
            for value in (self.raw(key), self.get(key)):
                if value:
                    found.add(value)
        return frozenset(found)

    def placeholders(self) -> dict[str, str]:
        """Profile placeholder values supplied by the user (tenant, instance, ...)."""
        return {k: v for k in PLACEHOLDER_KEYS if (v := self.get(k)) is not None}

    def with_value(self, key: str, value: str, origin: Origin) -> ResolvedConfig:
        """A copy with one more value (used when a later step learns it, e.g. from the file name)."""
        return ResolvedConfig({**self.values, key: value}, {**self.origins, key: origin})


__all__ = ["AUTH_METHODS", "Origin", "OriginKind", "ResolvedConfig"]
