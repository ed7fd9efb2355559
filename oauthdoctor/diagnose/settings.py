"""The resolved configuration a diagnosis runs on: values by canonical key, and where each came from.

Values are kept as the raw strings the user supplied (whitespace, quotes and newlines included) because
those are exactly what the ``config`` probe looks for; typed accessors parse on demand and never raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

# Canonical keys (the env names without the OAUTH_ prefix, lower case). Placeholders such as tenant or
# instance come from the profile and are accepted under their own names.
KEYS = (
    "provider",
    "client_id",
    "client_secret",
    "redirect_uri",
    "registered_redirect_uris",
    "authorize_url",
    "token_url",
    "issuer",
    "scopes",
    "grant_type",
    "auth_method",
    "client_type",
    "environment",
    "refresh_token_issued_at",
    "refresh_token_last_used_at",
    "active_refresh_tokens",
    "app_publishing_status",
    "client_secret_expires_at",
    "last_error",
    "last_error_status",
    "refresh_token",
    "access_token",
)
PLACEHOLDER_KEYS = ("tenant", "instance", "shop", "domain", "account_id", "subdomain", "org", "realm")
SECRET_KEYS = ("client_secret", "refresh_token", "access_token")
AUTH_METHODS = ("client_secret_basic", "client_secret_post", "none")


@dataclass(frozen=True)
class Settings:
    """Canonical key → raw value, and canonical key → the key (and file) that supplied it."""

    values: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

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

    def source(self, key: str) -> str | None:
        return self.sources.get(key)

    @property
    def secrets(self) -> frozenset[str]:
        """Every raw secret value and its trimmed form: renderers must never show either."""
        found: set[str] = set()
        for key in SECRET_KEYS:
            for value in (self.raw(key), self.get(key)):
                if value:
                    found.add(value)
        return frozenset(found)

    @property
    def grant_type(self) -> str:
        return self.get("grant_type") or "authorization_code"

    def placeholders(self) -> dict[str, str]:
        """Profile placeholder values supplied by the user (tenant, instance, ...)."""
        return {k: v for k in PLACEHOLDER_KEYS if (v := self.get(k)) is not None}
