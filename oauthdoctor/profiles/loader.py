"""Find, read and look up provider profiles (bundled, ``--profiles DIR`` and ``OAUTHDOCTOR_PROFILES``)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path

from oauthdoctor.profiles import cache
from oauthdoctor.profiles.build import BuildError, build
from oauthdoctor.profiles.dirs import ENV_VAR, add_profile_dirs, bundled_dir, locate, profile_dirs, profile_files
from oauthdoctor.profiles.model import Profile

__all__ = [
    "ENV_VAR", "ProfileError", "ProfileIssue", "UnknownProfile", "add_profile_dirs", "all_profiles", "bundled_dir",
    "get_profile", "load_file", "profile_dirs", "resolve_id",
]


@dataclass(frozen=True)
class ProfileIssue:
    """One problem in a profile file, located by file, line and YAML path."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message}"


class ProfileError(Exception):
    """A profile file is invalid; carries every issue found."""

    def __init__(self, issues: list[ProfileIssue]) -> None:
        super().__init__("; ".join(str(i) for i in issues))
        self.issues = issues


class UnknownProfile(LookupError):
    """No profile has this id or alias; ``suggestions`` are the close matches."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"unknown provider '{name}'{hint}; see 'oauthdoctor providers list'")
        self.name = name
        self.suggestions = suggestions


def load_file(path: Path) -> Profile:
    """Read one profile file; raise ProfileError naming file, line and YAML path."""
    data = cache.get(path)
    if data is not None:
        try:
            return replace(build(Profile, data), path=str(path))
        except BuildError:
            pass  # parse the file again: the error message needs its text and lines
    from oauthdoctor.profiles.yamlpos import format_path, line_of, load_text, yaml_problem

    text = read_profile_text(path)
    try:
        data = load_text(text)
    except Exception as exc:  # yaml.YAMLError and friends, RecursionError for a nesting too deep
        line, _, problem = yaml_problem(exc)
        raise ProfileError([ProfileIssue(str(path), line, "(yaml)", f"invalid YAML: {problem}")]) from None
    if not isinstance(data, dict):
        raise ProfileError([ProfileIssue(str(path), 1, "(top level)", "a profile must be a mapping")])
    try:
        profile = build(Profile, data)
    except BuildError as exc:
        issue = ProfileIssue(str(path), line_of(text, exc.path), format_path(exc.path), exc.message)
        raise ProfileError([issue]) from None
    cache.put(path, data)
    return replace(profile, path=str(path))


def read_profile_text(path: Path) -> str:
    """A profile file's text within the profile limits (``limits.py``); ``ProfileError`` naming the file
    when it is unreadable, a directory, binary, not UTF-8, too large or too long."""
    from oauthdoctor.limits import MAX_PROFILE_BYTES, MAX_PROFILE_LINES, InputError, read_config_text

    try:
        return read_config_text(str(path), "a provider profile", MAX_PROFILE_BYTES, MAX_PROFILE_LINES)
    except InputError as exc:
        raise ProfileError([ProfileIssue(str(path), 1, "(file)", exc.reason)]) from None


class _Registry:
    def __init__(self, profiles: dict[str, Profile]) -> None:
        self.by_id = profiles
        self.by_name: dict[str, str] = {}
        for p in profiles.values():
            for name in p.names():
                self.by_name[name] = p.id


_registries: dict[tuple[str, ...], _Registry] = {}


def _loaded() -> _Registry | None:
    """The registry of the current profile directories if this process has loaded them all already."""
    return _registries.get(tuple(str(d) for d in profile_dirs()))


def _load_all() -> _Registry:
    key = tuple(str(d) for d in profile_dirs())
    if key not in _registries:
        profiles: dict[str, Profile] = {}
        files = profile_files()
        for file in files:
            profile = load_file(file)
            profiles[profile.id] = profile
        registry = _registries[key] = _Registry(profiles)
        cache.put_names(files, {name: str(profiles[pid].path) for name, pid in registry.by_name.items()})
    return _registries[key]


def all_profiles() -> list[Profile]:
    """Every known profile, sorted by id (generic last)."""
    return sorted(_load_all().by_id.values(), key=lambda p: (p.kind == "generic", p.id))


def resolve_id(name: str) -> str:
    """Map an id or alias (any case) to a profile id, or raise UnknownProfile with close matches."""
    registry = _load_all()
    found = registry.by_name.get(name.strip().lower())
    if found:
        return found
    suggestions = difflib.get_close_matches(name.lower(), list(registry.by_name), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(registry.by_name[s] for s in suggestions))
    raise UnknownProfile(name, ids)


def get_profile(name: str) -> Profile:
    """The profile for an id or alias.

    Once every profile is loaded, the answer comes from memory. Before that, the file that ``locate`` finds
    (name index, else file stem) is read alone, so offline commands parse one profile instead of all of them.
    """
    registry = _loaded()
    if registry is not None:
        return registry.by_id[resolve_id(name)]
    path = locate(name)
    if path is not None:
        profile = load_file(path)
        if name.strip().lower() in profile.names():
            return profile
    return _load_all().by_id[resolve_id(name)]
