"""What every check-env rule looks at: one env file, one mapped client configuration, its profile.

Rules are plain functions ``(FileCheck) -> list[Finding]``; this module gives them positions and a
uniform way to build findings so that no rule formats a location or a secret by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oauthdoctor.checkenv.rules import RULES_BY_ID
from oauthdoctor.config import EnvEntry, EnvFile, ResolvedConfig, env_name
from oauthdoctor.model import Finding, Location, Severity, Status

if TYPE_CHECKING:
    from oauthdoctor.profiles.model import Profile

# Characters nobody means to put into an OAuth value: zero-width, BOM, no-break and bidi controls.
INVISIBLE = frozenset(
    "\u00a0\u00ad\u061c\u180e\u2007\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u202f"
    "\u205f\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u3000\ufeff"
)
def show_url(url: str) -> str:
    """A URL fit for a message: any ``user:password@`` is masked."""
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@", r"\1***@", url)


def strip_invisible(text: str) -> str:
    return "".join(ch for ch in text if ch not in INVISIBLE)


@dataclass(frozen=True)
class FileCheck:
    """One client configuration found in one env file: its resolved values, provider id and profile."""

    env: EnvFile
    config: ResolvedConfig
    provider: str | None  # profile id (normalised from OAUTH_PROVIDER, a framework name, --prefix or --provider)
    profile: Profile | None
    oauth_keys: frozenset[str]  # env keys the OAuth rules look at (hygiene rules skip the rest)
    key_names: dict[str, str]  # stripped-of-invisibles key → key as written
    framework: bool = False  # the client id came from a framework name (AUTH_GITHUB_ID), not OAUTH_*/--prefix

    @property
    def path(self) -> str:
        return self.env.path

    @property
    def environment(self) -> str | None:
        return self.config.environment

    def key_of(self, canonical: str) -> str | None:
        """The env key as written in the file that supplied ``canonical``."""
        origin = self.config.origin(canonical)
        if origin is None or origin.kind != "env_file":
            return None
        return self.key_names.get(origin.key, origin.key)

    def display_key(self, canonical: str) -> str:
        """The key to name in a message: the one in the file, or the OAUTH_* name when it is absent."""
        return self.key_of(canonical) or env_name(canonical)

    def entry(self, canonical: str) -> EnvEntry | None:
        key = self.key_of(canonical)
        return self.env.entry(key) if key else None

    def value(self, canonical: str) -> str | None:
        """The value with whitespace and invisible characters removed; '' becomes None."""
        raw = self.config.raw(canonical)
        if raw is None:
            return None
        cleaned = strip_invisible(raw).strip()
        return cleaned or None

    def at(self, canonical: str) -> Location:
        """Where ``canonical``'s value starts, or the top of the file when the key is absent."""
        entry = self.entry(canonical)
        if entry is None:
            return Location(self.path, 1, 1)
        return value_location(self.env, entry)


def value_location(env: EnvFile, entry: EnvEntry, index: int = 0) -> Location:
    """Location of character ``index`` of ``entry.raw``."""
    if index == 0:
        return Location(env.path, entry.value_line, entry.value_column)
    line, column = env.position(entry.offset + index)
    return Location(env.path, line, column)


def finding(
    rule: str,
    location: Location,
    message: str,
    fix: str | None = None,
    key: str | None = None,
    severity: Severity | None = None,
    evidence: dict[str, Any] | None = None,
) -> Finding:
    """A check-env finding; ``severity`` overrides the rule's default (e.g. a warning-level variant)."""
    meta = RULES_BY_ID[rule]
    level = severity or meta.severity
    status = Status.FAIL if level is Severity.ERROR else Status.WARN
    return Finding(
        id=rule, status=status, severity=level, title=message, location=location, key=key, fix=fix,
        evidence=evidence or {}, references=(meta.help_uri,) if meta.help_uri else (),
    )
