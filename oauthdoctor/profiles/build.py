"""Build the profile dataclasses from plain YAML data without pydantic (the fast path).

Bundled profiles are validated strictly in the test-suite and by ``providers validate``; this builder
only converts shapes, so start-up stays as cheap as importing typer.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, TypeVar, get_args, get_origin

T = TypeVar("T")


class BuildError(ValueError):
    """A value does not have the shape the schema expects; ``path`` points into the YAML."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def build(cls: type[T], data: Any, path: tuple[str | int, ...] = ()) -> T:
    """Turn ``data`` (dicts/lists from YAML) into an instance of dataclass ``cls``."""
    return _convert(cls, data, path)  # type: ignore[no-any-return]


def _convert(tp: Any, value: Any, path: tuple[str | int, ...]) -> Any:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = get_args(tp)
        if value is None and type(None) in options:
            return None
        last: BuildError | None = None
        for option in options:
            if option is type(None):
                continue
            try:
                return _convert(option, value, path)
            except BuildError as exc:
                last = exc
        raise last or BuildError(path, "unexpected value")
    if origin is typing.Literal:
        if value not in get_args(tp):
            allowed = ", ".join(repr(a) for a in get_args(tp))
            raise BuildError(path, f"unknown value {value!r} (expected one of {allowed})")
        return value
    if origin is list:
        if not isinstance(value, list):
            raise BuildError(path, "expected a list")
        (item,) = get_args(tp)
        return [_convert(item, v, (*path, i)) for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise BuildError(path, "expected a mapping")
        _, item = get_args(tp)
        return {str(k): _convert(item, v, (*path, str(k))) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise BuildError(path, "expected a mapping")
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        unknown = sorted(set(value) - names)
        if unknown:
            raise BuildError((*path, str(unknown[0])), f"unknown key {unknown[0]!r}")
        kwargs = {k: _convert(hints[k], v, (*path, k)) for k, v in value.items()}
        try:
            return tp(**kwargs)
        except TypeError as exc:
            raise BuildError(path, str(exc)) from None
    if tp is Any:
        return value
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp in (str, int, float, bool):
        if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
            raise BuildError(path, f"expected {tp.__name__}, got {type(value).__name__}")
        return value
    raise BuildError(path, f"unsupported schema type {tp!r}")
