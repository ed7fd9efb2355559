"""docker-compose files: every service's environment, as the container will receive it.

A service's environment is its ``env_file:`` files (in order) overridden by its ``environment:`` (map form
``KEY: value`` or list form ``- KEY=value``; ``KEY:`` or ``- KEY`` takes the value from the shell). Values go
through compose's substitution (``config/interpolate.py``). Each ``env_file:`` is read as an env file of its own,
relative to the compose file and only inside its directory (a compose file in a pull request must not make the
linter read ``/etc`` or ``~/.aws``); one that cannot be read (absent in CI, outside the directory) leaves the
service incomplete rather than failing the run, and the client rules do not call its keys missing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from oauthdoctor.config.envfile import EnvEntry, EnvFile, EnvFileError, read_env_file
from oauthdoctor.config.interpolate import interpolate
from oauthdoctor.config.unit import Environment
from oauthdoctor.config.yamlenv import Walker, item_entry, pair_entry


def is_compose(walker: Walker, documents: list[Any]) -> bool:
    """One document whose ``services`` is a mapping of service mappings."""
    if len(documents) != 1 or not walker.is_mapping(documents[0]):
        return False
    services = walker.get(documents[0], "services")
    return walker.is_mapping(services) and all(walker.is_mapping(v) for _, v in walker.pairs(services))


def compose_environments(walker: Walker, document: Any, line_starts: tuple[int, ...],
                         environ: Mapping[str, str] | None,
                         env_files: dict[str, EnvFile | str]) -> list[tuple[Environment, EnvFile]]:
    """One ``Environment`` per service in file order, with the statements its ``environment:`` writes;
    ``env_files`` caches the env files read (path → the file, or why it could not be read)."""
    out = []
    services = walker.get(document, "services")
    for name_node, service in walker.pairs(services):
        name = str(name_node.value)
        source = f"service {name}"
        included: list[EnvEntry] = []
        unread: list[str] = []
        for reference in _env_file_references(walker, service):
            found = _read_included(walker.path, reference, environ, env_files)
            if isinstance(found, EnvFile):
                included += [dataclasses.replace(e, file=found.path, source=source) for e in found.entries]
            else:
                unread.append(found)
        own = _environment_entries(walker, walker.get(service, "environment"), source, environ)
        declared = EnvFile(walker.path, walker.text, tuple(own), (), line_starts, "compose", source)
        effective = EnvFile(walker.path, walker.text, (*included, *own), (), line_starts, "compose", source)
        out.append((Environment(name, effective, tuple(unread)), declared))
    return out


def _environment_entries(walker: Walker, node: Any, source: str,
                         environ: Mapping[str, str] | None) -> list[EnvEntry]:
    text = walker.text
    entries: list[EnvEntry] = []
    if walker.is_mapping(node):
        for key, value in walker.pairs(node):
            if not walker.is_scalar(key):
                continue
            if walker.is_null(value):
                entries.append(_from_shell(pair_entry(text, key, value, source=source), environ))
            elif walker.is_scalar(value):
                entries.append(_substituted(pair_entry(text, key, value, source=source), environ))
    else:
        for item in walker.items(node):
            if not walker.is_scalar(item):
                continue
            entry = item_entry(text, item, source=source)
            if entry is None:
                continue
            entries.append(_from_shell(entry, environ) if entry.value is None else _substituted(entry, environ))
    return entries


def _substituted(entry: EnvEntry, environ: Mapping[str, str] | None) -> EnvEntry:
    if entry.value is None or "$" not in entry.value:
        return entry
    result = interpolate(entry.value, environ)
    if result.reference is not None:
        return dataclasses.replace(entry, reference=result.reference)  # the value stays as written
    return dataclasses.replace(entry, value=result.value)


def _from_shell(entry: EnvEntry, environ: Mapping[str, str] | None) -> EnvEntry:
    """``KEY:`` / ``- KEY``: compose passes the shell's value through (nothing when the shell has none)."""
    if environ is not None:
        return dataclasses.replace(entry, value=environ.get(entry.key, ""))
    return dataclasses.replace(entry, value="", reference=f"${{{entry.key}}} (from the shell)")


def _env_file_references(walker: Walker, service: Any) -> list[str]:
    node = walker.get(service, "env_file")
    if walker.is_scalar(node):
        return [str(node.value)]
    out = []
    for item in walker.items(node):
        if walker.is_scalar(item):
            out.append(str(item.value))
        elif walker.is_mapping(item) and (path := walker.text_of(walker.get(item, "path"))):
            out.append(path)
    return out


def _read_included(compose_path: str, reference: str, environ: Mapping[str, str] | None,
                   cache: dict[str, EnvFile | str]) -> EnvFile | str:
    """The env file an ``env_file:`` names, or why it was not read (a sentence naming it)."""
    substituted = interpolate(reference, environ)
    if substituted.reference is not None:
        return f"{reference} (depends on {substituted.reference})"
    if "\x00" in substituted.value:  # no file system takes it; os.path raises ValueError
        return f"{reference!r} (not a path: it holds a NUL byte)"
    relative = Path(substituted.value)
    project = Path(compose_path).parent
    target = project / relative
    try:
        outside = relative.is_absolute() or not target.resolve().is_relative_to(project.resolve())
        found = not outside and target.is_file()
    except OSError as exc:  # a name too long, a loop of links: a reason, not a crash
        return f"{reference[:80]} (cannot be read: {exc.strerror or type(exc).__name__})"
    if outside:
        return f"{reference} (outside the compose file's directory: not read)"
    key = str(target)
    if key not in cache:
        if not found:
            cache[key] = f"{reference} (not found)"
        else:
            try:
                cache[key] = read_env_file(target)
            except EnvFileError as exc:
                raise EnvFileError(f"{compose_path}: env_file {reference}: {str(exc).split(': ', 1)[-1]}") from None
    return cache[key]


__all__ = ["compose_environments", "is_compose"]
