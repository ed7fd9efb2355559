"""What check-env rules look at: one env file (``EnvFileCheck``), or one client configuration in it
(``FileCheck``: its ``ResolvedConfig``, provider id and profile), and where its values sit in the file.

Rules get positions from here so that no rule formats a location or a secret by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from oauthdoctor.checks.values import INVISIBLE
from oauthdoctor.config import EnvEntry, EnvFile, ResolvedConfig, env_name
from oauthdoctor.model import Location

if TYPE_CHECKING:
    from oauthdoctor.profiles.model import Profile

_ASSIGNMENT_LINE = re.compile(r"^[^\S\r\n]*(?:export[^\S\r\n]+)?[A-Za-z_][A-Za-z0-9_.]*[^\S\r\n]*=", re.M)


def show_url(url: str) -> str:
    """A URL fit for a message: any ``user:password@`` is masked."""
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@", r"\1***@", url)


def strip_invisible(text: str) -> str:
    return "".join(ch for ch in text if ch not in INVISIBLE)


@dataclass(frozen=True)
class EnvFileCheck:
    """One env file as the file-scope rules see it: which keys are OAuth keys, which hold URI lists."""

    env: EnvFile
    oauth_keys: frozenset[str]  # env keys (as written) the hygiene rules look at
    list_keys: frozenset[str] = frozenset()  # keys whose value may span lines (registered URIs)
    has_config: bool = True  # any OAuth key recognised (or --provider given)

    @property
    def path(self) -> str:
        return self.env.path

    def entries(self) -> list[EnvEntry]:
        """The OAuth statements with a value whose quote does not swallow later lines, in file order."""
        return [e for e in self.env.entries if e.key in self.oauth_keys and e.value is not None
                and e not in self.swallowing]

    @cached_property
    def swallowing(self) -> frozenset[EnvEntry]:
        """Quoted values that run on over lines that look like assignments: a quote was not closed."""
        out = set()
        for entry in self.env.entries:
            if not entry.quote or entry.end_line == entry.value_line or entry.key not in self.oauth_keys:
                continue
            first_break = re.search(r"\r\n|\n|\r", entry.raw)
            rest = entry.raw[first_break.end():] if first_break else ""
            if _ASSIGNMENT_LINE.search(rest):
                out.add(entry)
        return frozenset(out)


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
    unknown_provider: tuple[str, ...] | None = field(default=None)  # close matches when the provider is unknown

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
