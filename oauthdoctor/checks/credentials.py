"""The client itself: does the id look like the provider's, and when does the secret expire?"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from oauthdoctor.checks.values import is_placeholder
from oauthdoctor.profiles.model import ClientIdFormat

SECRET_EXPIRY_WARN_DAYS = 30


def client_id_mismatch(value: str | None, fmt: ClientIdFormat | None) -> bool:
    """True when a real client id does not match the provider's documented (or observed) shape.

    Nothing to compare (no id, a placeholder, no pattern in the profile) is not a mismatch.
    """
    if not value or fmt is None or not fmt.pattern or is_placeholder(value):
        return False
    return re.fullmatch(fmt.pattern, value.strip()) is None


def parse_when(text: str) -> datetime | None:
    """ISO 8601 date or date-time (naive = UTC), or None."""
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            return None
        parsed = datetime(day.year, day.month, day.day)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class SecretExpiry:
    """``expired``, ``expiring`` (within 30 days), ``valid`` or ``unreadable`` (not an ISO 8601 date)."""

    state: Literal["expired", "expiring", "valid", "unreadable"]
    when: datetime | None = None
    left: timedelta | None = None


def secret_expiry(value: str, now: datetime) -> SecretExpiry:
    """Judge ``OAUTH_CLIENT_SECRET_EXPIRES_AT`` against ``now``."""
    when = parse_when(value)
    if when is None:
        return SecretExpiry("unreadable")
    left = when - now
    if left <= timedelta(0):
        return SecretExpiry("expired", when, left)
    if left <= timedelta(days=SECRET_EXPIRY_WARN_DAYS):
        return SecretExpiry("expiring", when, left)
    return SecretExpiry("valid", when, left)
