"""What check-env rules look at: one group of statements as written (``EnvFileCheck``: an env file, a compose
service's ``environment:``, a Kubernetes Secret), or one client configuration (``FileCheck``: its
``ResolvedConfig``, provider id and profile), and where its values sit in which file.

Rules get positions from here so that no rule formats a location or a secret by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from oauthdoctor.checks.values import without_invisible
from oauthdoctor.config import EnvEntry, EnvFile, ResolvedConfig, env_name
from oauthdoctor.model import Location

if TYPE_CHECKING:
    from oauthdoctor.profiles.model import Profile

_ASSIGNMENT_LINE = re.compile(r"^[^\S\r\n]*(?:export[^\S\r\n]+)?[A-Za-z_][A-Za-z0-9_.]*[^\S\r\n]*=", re.M)


def show_url(url: str) -> str:
    """A URL fit for a message: any ``user:password@`` is masked."""
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@", r"\1***@", url)


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

    @property
    def dotenv(self) -> bool:
        """Statements of an env file (python-dotenv syntax), rather than YAML values (compose, Kubernetes)."""
        return self.env.kind == "env"

    def entries(self) -> list[EnvEntry]:
        """The OAuth statements with a value whose quote does not swallow later lines, in file order."""
        return [e for e in self.env.entries if e.key in self.oauth_keys and e.value is not None
                and e not in self.swallowing]

    @cached_property
    def swallowing(self) -> frozenset[EnvEntry]:
        """Quoted values that run on over lines that look like assignments: a quote was not closed."""
        out: set[EnvEntry] = set()
        if not self.dotenv:
            return frozenset(out)  # a YAML quote that is never closed is a YAML syntax error, refused earlier
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
    framework: bool = False  # the framework or tool derives the callback (AUTH_GITHUB_ID, Grafana, oauth2-proxy)
    unknown_provider: tuple[str, ...] | None = field(default=None)  # close matches when the provider is unknown
    deferred: frozenset[str] = frozenset()  # canonical keys supplied but known only at run time (a template)
    incomplete: bool = False  # part of the environment could not be read (a missing env_file:, a Secret elsewhere)
    dialect: str | None = None  # the tool whose variables configure this client ("grafana")
    spelled: Mapping[str, str] = field(default_factory=dict)  # canonical → the tool's name for a missing key

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
        """The key to name in a message: the one in the file, else the tool's name for it, else OAUTH_*."""
        return self.key_of(canonical) or self.spelled.get(canonical) or env_name(canonical)

    def entry(self, canonical: str) -> EnvEntry | None:
        key = self.key_of(canonical)
        return self.env.entry(key) if key else None

    def is_deferred(self, canonical: str) -> bool:
        """Is ``canonical`` supplied but known only at run time (``${VAR}``, a Spring ``{baseUrl}`` template,
        ``OAUTH2_PROXY_CLIENT_SECRET_FILE``, a Secret in another file)?"""
        if canonical in self.deferred:
            return True
        entry = self.entry(canonical)
        return entry is not None and entry.reference is not None

    def value(self, canonical: str) -> str | None:
        """The value with whitespace and invisible characters removed; '' or a run-time value becomes None."""
        raw = self.config.raw(canonical)
        if raw is None or self.is_deferred(canonical):
            return None
        cleaned = without_invisible(raw).strip()
        return cleaned or None

    def at(self, canonical: str) -> Location:
        """Where ``canonical``'s value starts. When the key is absent: the top of an env file, or in a file with
        several clients (compose, Kubernetes, a tool's dialect) the key of the client's id, which says which
        client lacks it."""
        entry = self.entry(canonical)
        if entry is not None:
            return value_location(self.env, entry, _substituted_at(entry))
        if self.dialect is not None or self.env.kind != "env":
            anchor = self.entry("client_id") or next(
                (e for k in self.config.origins if (e := self.entry(k)) is not None), None)
            if anchor is not None:
                return key_location(self.env, anchor)
        return Location(self.path, 1, 1)


_BREAK = re.compile(r"\r\n|\n|\r")


def _substituted_at(entry: EnvEntry) -> int:
    """Where the value compose uses starts in ``${VAR:-default}`` (the default), else the start of the value."""
    value = entry.value or ""
    if entry.encoded is None and "${" in entry.raw and value and value != entry.raw and value in entry.raw:
        return entry.raw.index(value)
    return 0


def value_location(env: EnvFile, entry: EnvEntry, index: int = 0) -> Location:
    """Location of character ``index`` of ``entry.raw``, in the file the statement is in.

    Counted from the entry itself, so a statement read from another file (a compose ``env_file:``) or from
    another object of a manifest points where it is written. A decoded value (Secret ``data``) has no
    position inside it: every index is its start.
    """
    path = entry_file(env, entry)
    if index == 0 or entry.encoded is not None:
        return Location(path, entry.value_line, entry.value_column)
    breaks = list(_BREAK.finditer(entry.raw, 0, index))
    if not breaks:
        return Location(path, entry.value_line, entry.value_column + index)
    return Location(path, entry.value_line + len(breaks), index - breaks[-1].end() + 1)


def key_location(env: EnvFile, entry: EnvEntry, index: int = 0) -> Location:
    """Location of character ``index`` of ``entry.key`` (a key never spans lines)."""
    return Location(entry_file(env, entry), entry.line, entry.column + index)


def entry_file(env: EnvFile, entry: EnvEntry) -> str:
    """The file a statement is written in."""
    return entry.file or env.path
