"""YAML reading that keeps dates as strings and can find the line of any path into the document."""

from __future__ import annotations

from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlainLoader(_Base):  # type: ignore[misc]  # _Base is CSafeLoader or SafeLoader, chosen at import
    """Safe loader without the implicit timestamp type: ``checked: 2026-11-27`` stays a string."""


PlainLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in _Base.yaml_implicit_resolvers.copy().items()
}


def load_text(text: str) -> Any:
    """Parse YAML text into plain Python data (dates stay strings)."""
    return yaml.load(text, Loader=PlainLoader)  # noqa: S506 - PlainLoader is a SafeLoader


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
