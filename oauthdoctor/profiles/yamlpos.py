"""YAML reading that keeps dates as strings and can find the line of any path into the document.

Profiles and ``--config`` files are read strictly: an alias (``*name``) is refused, because an alias is where
a YAML bomb expands (a billion-laughs file is a few hundred bytes, its expansion gigabytes, and whatever walks
it — validation, ``str()`` — walks every copy), and neither kind of file needs one; a key written twice is
refused, because YAML's "the last one wins" silently hides the first (a typo or a merge gone wrong). Both
errors carry the line and column of the offending node.
"""

from __future__ import annotations

from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"


class _Strict:
    """Construction that refuses aliases and duplicate keys (mixed into a SafeLoader)."""

    constructed_objects: dict[Any, Any]
    recursive_objects: dict[Any, Any]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:  # reached a second time: an alias
            raise yaml.constructor.ConstructorError(
                None, None, "an alias (*name) repeats the value anchored here; aliases are not accepted in "
                "this file: write the value out", node.start_mark)
        return super().construct_object(node, deep)  # type: ignore[misc]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        first: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            if key_node.value in first:
                line = first[key_node.value].start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key_node.value}' (first written on line {line})",
                    key_node.start_mark)
            first[key_node.value] = key_node
        return super().construct_mapping(node, deep)  # type: ignore[misc]


class StrictLoader(_Strict, _Base):  # type: ignore[misc]
    """Safe loader without aliases or duplicate keys (``--config`` files)."""


class PlainLoader(_Strict, _Base):  # type: ignore[misc]
    """Strict safe loader without the implicit timestamp type: ``checked: 2026-11-27`` stays a string."""


PlainLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in _Base.yaml_implicit_resolvers.copy().items()
}


def load_text(text: str) -> Any:
    """Parse YAML text into plain Python data (dates stay strings; aliases and duplicate keys refused)."""
    return yaml.load(text, Loader=PlainLoader)  # noqa: S506 - PlainLoader is a SafeLoader


def yaml_problem(exc: BaseException) -> tuple[int, int, str]:
    """(line, column, problem) of a YAML error, 1-based; (1, 1, ...) when it carries no position.

    A nesting deeper than the parser (or Python) allows is a problem of the file, not a crash."""
    if isinstance(exc, RecursionError):
        return 1, 1, "nested too deeply"
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or ["invalid YAML"])[0]
    if mark is None:
        return 1, 1, str(problem)
    return mark.line + 1, mark.column + 1, str(problem)


def line_of(text: str, path: tuple[str | int, ...]) -> int:
    """1-based line of the deepest node along ``path`` that exists in ``text`` (1 if none)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 1
    line = 1
    for part in path:
        if node is None:
            break
        line = node.start_mark.line + 1
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    line = key_node.start_mark.line + 1
                    child = value_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def format_path(path: tuple[str | int, ...]) -> str:
    """``redirect.loopback.hosts[0]`` style rendering of a YAML path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"
