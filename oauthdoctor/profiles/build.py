"""Build the profile dataclasses from plain YAML data without pydantic (the fast path).

Bundled profiles are validated strictly in the test-suite and by ``providers validate``; this builder
only converts shapes, so start-up stays as cheap as importing typer. Each schema type gets one converter,
made on first use and reused for every value of that type (a profile has a few thousand values).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast, get_args, get_origin

T = TypeVar("T")
YamlPath = tuple[str | int, ...]
Converter = Callable[[Any, YamlPath], Any]


class BuildError(ValueError):
    """A value does not have the shape the schema expects; ``path`` points into the YAML."""

    def __init__(self, path: YamlPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def build(cls: type[T], data: Any, path: YamlPath = ()) -> T:
    """Turn ``data`` (dicts/lists from YAML) into an instance of dataclass ``cls``."""
    converted: T = _converter(cast(Hashable, cls))(data, path)
    return converted


@functools.cache
def _converter(tp: Any) -> Converter:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _union(get_args(tp))
    if origin is typing.Literal:
        return _literal(get_args(tp))
    if origin is list:
        return _list(_converter(get_args(tp)[0]))
    if origin is dict:
        return _dict(_converter(get_args(tp)[1]))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp)
    if tp is Any:
        return lambda value, path: value
    if tp is float:
        return _float
    if tp in (str, int, bool):
        return _scalar(tp)
    raise TypeError(f"unsupported schema type {tp!r}")


def _union(options: tuple[Any, ...]) -> Converter:
    optional = type(None) in options
    converters = [_converter(o) for o in options if o is not type(None)]

    def convert(value: Any, path: YamlPath) -> Any:
        if value is None and optional:
            return None
        last: BuildError | None = None
        for converter in converters:
            try:
                return converter(value, path)
            except BuildError as exc:
                last = exc
        raise last or BuildError(path, "unexpected value")

    return convert


def _literal(allowed: tuple[Any, ...]) -> Converter:
    def convert(value: Any, path: YamlPath) -> Any:
        if value not in allowed:
            raise BuildError(path, f"unknown value {value!r} (expected one of {', '.join(map(repr, allowed))})")
        return value

    return convert


def _list(item: Converter) -> Converter:
    def convert(value: Any, path: YamlPath) -> Any:
        if not isinstance(value, list):
            raise BuildError(path, "expected a list")
        return [item(v, (*path, i)) for i, v in enumerate(value)]

    return convert


def _dict(item: Converter) -> Converter:
    def convert(value: Any, path: YamlPath) -> Any:
        if not isinstance(value, dict):
            raise BuildError(path, "expected a mapping")
        return {str(k): item(v, (*path, str(k))) for k, v in value.items()}

    return convert


def _dataclass(cls: type) -> Converter:
    hints = typing.get_type_hints(cls)
    names = frozenset(f.name for f in dataclasses.fields(cls) if f.init)
    fields: dict[str, Converter] = {}

    def convert(value: Any, path: YamlPath) -> Any:
        if not isinstance(value, dict):
            raise BuildError(path, "expected a mapping")
        unknown = sorted(set(value) - names, key=str)  # YAML keys may be numbers, dates, ... as well as text
        if unknown:
            raise BuildError((*path, str(unknown[0])), f"unknown key {unknown[0]!r}")
        if not fields:  # filled on first use: a field's type may be this very dataclass
            fields.update((name, _converter(hints[name])) for name in names)
        kwargs = {k: fields[k](v, (*path, k)) for k, v in value.items()}
        try:
            return cls(**kwargs)
        except TypeError as exc:
            raise BuildError(path, str(exc)) from None

    return convert


def _float(value: Any, path: YamlPath) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, float):
        raise BuildError(path, f"expected float, got {type(value).__name__}")
    return value


def _scalar(tp: type) -> Converter:
    def convert(value: Any, path: YamlPath) -> Any:
        if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
            raise BuildError(path, f"expected {tp.__name__}, got {type(value).__name__}")
        return value

    return convert
