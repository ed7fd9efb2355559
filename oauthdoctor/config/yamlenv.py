"""Environment statements in YAML (docker-compose, Kubernetes), with the exact position of every key and value.

PyYAML's node graph keeps the position of every scalar; values are read from the nodes, never from the
constructed Python objects, so a ``KEY: value`` or ``- KEY=value`` becomes an ``EnvEntry`` whose line, column
and raw text describe the file exactly as an env-file entry does.

Bounded on purpose: the file size is capped, and every node visit (merge keys and aliases included) is counted
against a budget, so an alias bomb or a cycle of merges ends in a one-line error instead of memory or time
(compose files use anchors and merge keys on purpose, so they are followed, within the budget, not refused).
The node graph comes from libyaml when PyYAML has it (ten times faster than the pure-Python parser, same marks
in characters, and a nesting limit of its own). Imported only when a file turns out to be YAML (``files.py``),
so env-file runs never load PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from oauthdoctor.config.envfile import EnvEntry, EnvFileError
from oauthdoctor.limits import MAX_CONFIG_BYTES

MAX_YAML_CHARS = MAX_CONFIG_BYTES  # a compose file or a manifest is kilobytes; a bigger one is not configuration
MAX_NODE_VISITS = 200_000  # every mapping pair, sequence item and merge followed
MAX_MERGE_DEPTH = 32

_COMPOSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"


def compose_documents(text: str, path: str) -> list[Any]:
    """The node graph of every document in ``text`` (empty documents left out)."""
    if len(text) > MAX_YAML_CHARS:
        raise EnvFileError(f"{path}: too large for a compose file or manifest ({len(text):,} characters)")
    try:
        return [node for node in yaml.compose_all(text, Loader=_COMPOSER) if node is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise EnvFileError(f"{path}: not valid YAML{where}") from None
    except RecursionError:
        raise EnvFileError(f"{path}: YAML nested too deeply") from None


class Walker:
    """Reads mappings and sequences of one file's node graph within a budget of node visits."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.visits = 0

    def _tick(self, count: int = 1) -> None:
        self.visits += count
        if self.visits > MAX_NODE_VISITS:
            raise EnvFileError(f"{self.path}: YAML aliases and merge keys expand beyond {MAX_NODE_VISITS} nodes")

    def is_mapping(self, node: Any) -> bool:
        return isinstance(node, yaml.MappingNode)

    def is_sequence(self, node: Any) -> bool:
        return isinstance(node, yaml.SequenceNode)

    def is_scalar(self, node: Any) -> bool:
        return isinstance(node, yaml.ScalarNode)

    def pairs(self, node: Any, depth: int = 0) -> list[tuple[Any, Any]]:
        """A mapping's (key node, value node) pairs, duplicates kept, merge keys (``<<``) followed.

        Keys written in the mapping come first and win; merged keys follow, the first merged source winning, as
        YAML's merge key type says.
        """
        if not self.is_mapping(node):
            return []
        if depth > MAX_MERGE_DEPTH:
            raise EnvFileError(f"{self.path}: YAML merge keys nested more than {MAX_MERGE_DEPTH} deep")
        explicit: list[tuple[Any, Any]] = []
        merged: list[tuple[Any, Any]] = []
        for key, value in node.value:
            self._tick()
            if key.tag == _MERGE:
                sources = value.value if self.is_sequence(value) else [value]
                for source in sources:
                    merged += self.pairs(source, depth + 1)
            else:
                explicit.append((key, value))
        written = {k.value for k, _ in explicit if self.is_scalar(k)}
        seen: set[str] = set()
        for key, value in merged:
            if self.is_scalar(key) and key.value not in written and key.value not in seen:
                seen.add(key.value)
                explicit.append((key, value))
        return explicit

    def get(self, node: Any, name: str) -> Any:
        """The value node of ``name`` in a mapping (the last one written wins, as in PyYAML), or None."""
        found = None
        for key, value in self.pairs(node):
            if self.is_scalar(key) and key.value == name:
                found = value
        return found

    def text_of(self, node: Any) -> str | None:
        """A scalar's text as written (before YAML typing), or None for a missing, null or non-scalar node."""
        if node is None or not self.is_scalar(node) or node.tag == _NULL:
            return None
        return str(node.value)

    def items(self, node: Any) -> list[Any]:
        """A sequence's item nodes."""
        if not self.is_sequence(node):
            return []
        self._tick(len(node.value))
        return list(node.value)

    def is_null(self, node: Any) -> bool:
        return node is None or (self.is_scalar(node) and node.tag == _NULL)


@dataclass(frozen=True)
class Written:
    """Where a scalar sits in the text: its raw slice and 1-based positions."""

    raw: str
    quote: str
    line: int
    column: int
    end_line: int
    offset: int


def written(text: str, node: yaml.Node) -> Written:
    """The scalar exactly as written: quotes and escapes kept (a block scalar keeps its ``|``/``>`` header)."""
    start, end = node.start_mark, node.end_mark
    raw = text[start.index:end.index]
    style = getattr(node, "style", None)
    quote = style if style in ("'", '"') else ""
    end_line = end.line + (0 if end.column > 0 else -1) + 1
    return Written(raw, quote, start.line + 1, start.column + 1, max(end_line, start.line + 1), start.index)


def pair_entry(text: str, key: yaml.Node, value: yaml.Node | None, *, source: str, name: str | None = None,
               value_text: str | None = None, reference: str | None = None, encoded: str | None = None,
               file: str | None = None) -> EnvEntry:
    """``KEY: value`` as an ``EnvEntry`` (``name`` overrides the key text, ``value_text`` the decoded value)."""
    where_key = written(text, key)
    if value is None:
        return EnvEntry(name or str(key.value), value_text, "", "", where_key.line, where_key.column,
                        where_key.line, where_key.column, where_key.line, where_key.offset, file, source, encoded,
                        reference)
    where = written(text, value)
    decoded = value_text if value_text is not None else str(value.value)
    raw = decoded if encoded is not None else where.raw
    return EnvEntry(name or str(key.value), decoded, raw, where.quote, where_key.line, where_key.column, where.line,
                    where.column, where.end_line, where.offset, file, source, encoded, reference)


def item_entry(text: str, item: yaml.Node, *, source: str) -> EnvEntry | None:
    """A ``- KEY=value`` list item as an ``EnvEntry`` whose value starts after the '='; None if it has no key."""
    where = written(text, item)
    decoded = str(item.value)
    name, equals, value = decoded.partition("=")
    if not name:
        return None
    inner_start = where.offset + (1 if where.quote else 0)
    inner = where.raw[1:-1] if where.quote and len(where.raw) >= 2 else where.raw
    split = inner.find("=")
    key_column = where.column + (1 if where.quote else 0)
    if not equals or split < 0:
        return EnvEntry(name, None, "", "", where.line, key_column, where.line, key_column, where.line, inner_start,
                        None, source)
    raw = inner[split + 1:]
    offset = inner_start + split + 1
    before = inner[: split + 1]
    breaks = before.count("\n")
    value_line = where.line + breaks
    value_column = (key_column + len(before)) if not breaks else len(before) - before.rfind("\n")
    end_line = value_line + raw.count("\n")
    return EnvEntry(name, value, raw, "", where.line, key_column, value_line, value_column, end_line, offset,
                    None, source)


__all__ = ["MAX_NODE_VISITS", "MAX_YAML_CHARS", "Walker", "Written", "compose_documents", "item_entry",
           "pair_entry", "written"]
