"""The client itself: does the id look like the provider's, and when does the secret expire?"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from oauthdoctor.checks.values import is_placeholder

if TYPE_CHECKING:  # the profile model costs ~15 ms to import; check-env only needs the type
    from oauthdoctor.profiles.model import ClientIdFormat

SECRET_EXPIRY_WARN_DAYS = 30
# Password-hash formats an admin page shows instead of the secret (Django OAuth Toolkit hashes client secrets
# since 2.0 and shows 'pbkdf2_sha256$...'; other servers store bcrypt or argon2). Pasting one gives invalid_client.
_HASHES = (
    (re.compile(r"^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt)\$"), None),
    (re.compile(r"^\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}$"), "bcrypt"),
    (re.compile(r"^\$argon2(id|i|d)\$"), "argon2"),
    (re.compile(r"^\$(pbkdf2|pbkdf2-sha256|pbkdf2-sha512)\$"), "pbkdf2"),
    (re.compile(r"^\$scrypt\$"), "scrypt"),
)
HASHED_SECRET_HINT = (
    "Servers such as Django OAuth Toolkit store only a hash of the client secret and show that hash afterwards: "
    "use the plain secret shown once when the client was created, or generate a new one."
)


def client_id_mismatch(value: str | None, fmt: ClientIdFormat | None) -> bool:
    """True when a real client id does not match the provider's documented (or observed) shape.

    Nothing to compare (no id, a placeholder, no pattern in the profile) is not a mismatch.
    """
    if not value or fmt is None or not fmt.pattern or is_placeholder(value):
        return False
    return re.fullmatch(fmt.pattern, value.strip()) is None


def password_hash_scheme(value: str) -> str | None:
    """The password-hash scheme ``value`` is written in (``pbkdf2_sha256``, ``bcrypt``...), or None."""
    text = value.strip()
    for pattern, name in _HASHES:
        match = pattern.match(text)
        if match:
            return name or match.group(1)
    return None


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
