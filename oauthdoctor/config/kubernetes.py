"""Kubernetes manifests: Secrets, ConfigMaps and the environment of the containers that read them.

A ``Secret``'s ``stringData`` is text; its ``data`` is base64, decoded here (a secret that decodes to
``changeme`` is a placeholder, one that decodes to ``secret\\n`` carries the newline ``echo`` added). A
``ConfigMap``'s ``data`` is text. A container's environment is its ``envFrom`` sources, then its ``env`` (which
wins); ``valueFrom.secretKeyRef``/``configMapKeyRef`` is followed to the object in the same file, and points at
that value's line; a reference to an object that is not in the file is a value known only at run time.
Secrets and ConfigMaps that no container in the file reads form one more environment per namespace. A
document encrypted with SOPS (a top-level ``sops:`` key) holds ciphertext: its values are not read, and the
containers that read them are incomplete rather than wrong.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import re
from typing import Any

from oauthdoctor.config.envfile import EnvEntry, EnvFile
from oauthdoctor.config.unit import Environment
from oauthdoctor.config.yamlenv import Walker, pair_entry

DATA_KINDS = ("Secret", "ConfigMap")
_POD_SPEC_PATHS = {
    "Pod": ("spec",),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
    **{kind: ("spec", "template", "spec") for kind in (
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job")},
}
_DEPENDENT = re.compile(r"(?<!\$)\$\([A-Za-z_][A-Za-z0-9_.-]*\)")  # $(VAR): filled from earlier env entries


def objects_of(walker: Walker, documents: list[Any]) -> list[Any] | None:
    """Every Kubernetes object (``kind: List`` items included), or None if a document is not one."""
    out: list[Any] = []
    for document in documents:
        if not _is_object(walker, document):
            return None
        if walker.text_of(walker.get(document, "kind")) == "List":
            items = walker.items(walker.get(document, "items"))
            if not all(_is_object(walker, item) for item in items):
                return None
            out += items
        else:
            out.append(document)
    return out or None


def _is_object(walker: Walker, node: Any) -> bool:
    return (walker.is_mapping(node) and walker.text_of(walker.get(node, "apiVersion")) is not None
            and walker.text_of(walker.get(node, "kind")) is not None)


@dataclasses.dataclass(frozen=True)
class _DataObject:
    kind: str
    name: str
    namespace: str
    entries: tuple[EnvEntry, ...]

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.name}"


def kubernetes_environments(walker: Walker, objects: list[Any],
                            line_starts: tuple[int, ...]) -> tuple[list[Environment], list[EnvFile]]:
    """(environments, declared parts): one environment per container and per namespace of unread objects."""
    data: dict[tuple[str, str, str], _DataObject] = {}
    for node in objects:
        kind = walker.text_of(walker.get(node, "kind")) or ""
        if kind in DATA_KINDS and walker.get(node, "sops") is None:
            found = _data_object(walker, node, kind)
            data[(found.namespace, found.kind, found.name)] = found
    parts = [_part(walker, line_starts, obj.label, obj.entries) for obj in data.values()]
    environments: list[Environment] = []
    used: set[tuple[str, str, str]] = set()
    for node in objects:
        kind = walker.text_of(walker.get(node, "kind")) or ""
        if kind not in _POD_SPEC_PATHS:
            continue
        name, namespace = _metadata(walker, node)
        spec = node
        for step in _POD_SPEC_PATHS[kind]:
            spec = walker.get(spec, step)
        for field in ("initContainers", "containers"):
            for container in walker.items(walker.get(spec, field)):
                label = f"{kind}/{name} container {walker.text_of(walker.get(container, 'name')) or '?'}"
                own, effective, unread = _container(walker, container, namespace, data, used, label)
                parts.append(_part(walker, line_starts, label, own))
                environments.append(Environment(label, _part(walker, line_starts, label, effective), tuple(unread)))
    by_namespace: dict[str, list[_DataObject]] = {}
    for key, obj in data.items():
        if key not in used:
            by_namespace.setdefault(obj.namespace, []).append(obj)
    for objs in by_namespace.values():
        label = ", ".join(o.label for o in objs)
        entries = tuple(e for o in objs for e in o.entries)
        environments.append(Environment(label, _part(walker, line_starts, label, entries)))
    return environments, parts


def _part(walker: Walker, line_starts: tuple[int, ...], label: str, entries: Any) -> EnvFile:
    return EnvFile(walker.path, walker.text, tuple(entries), (), line_starts, "kubernetes", label)


def _metadata(walker: Walker, node: Any) -> tuple[str, str]:
    metadata = walker.get(node, "metadata")
    return (walker.text_of(walker.get(metadata, "name")) or "?",
            walker.text_of(walker.get(metadata, "namespace")) or "")


def _data_object(walker: Walker, node: Any, kind: str) -> _DataObject:
    name, namespace = _metadata(walker, node)
    source = f"{kind}/{name}"
    entries: list[EnvEntry] = []
    for key, value in walker.pairs(walker.get(node, "data")):
        if not walker.is_scalar(key) or not walker.is_scalar(value) or walker.is_null(value):
            continue
        if kind == "Secret":
            entry = _decoded(walker, key, value, source)
            if entry is not None:
                entries.append(entry)
        else:
            entries.append(pair_entry(walker.text, key, value, source=source))
    if kind == "Secret":  # stringData is merged over data by the API server: its keys win
        for key, value in walker.pairs(walker.get(node, "stringData")):
            if walker.is_scalar(key) and walker.is_scalar(value) and not walker.is_null(value):
                entries.append(pair_entry(walker.text, key, value, source=source))
    return _DataObject(kind, name, namespace, tuple(entries))


def _decoded(walker: Walker, key: Any, value: Any, source: str) -> EnvEntry | None:
    """A ``data`` value decoded; an invalid one is kept with no value (a finding); binary data is skipped."""
    written_text = walker.text[value.start_mark.index:value.end_mark.index]
    try:
        raw = base64.b64decode(re.sub(r"[\r\n]", "", str(value.value)), validate=True)
    except (binascii.Error, ValueError):
        return dataclasses.replace(pair_entry(walker.text, key, value, source=source), value=None,
                                   encoded=written_text)
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None  # a certificate or a key file: not a setting
    return pair_entry(walker.text, key, value, source=source, value_text=decoded, encoded=written_text)


def _container(walker: Walker, container: Any, namespace: str, data: dict[tuple[str, str, str], _DataObject],
               used: set[tuple[str, str, str]], label: str) -> tuple[list[EnvEntry], list[EnvEntry], list[str]]:
    """(its own literal env entries, its whole environment in order, the sources not in this file)."""
    own: list[EnvEntry] = []
    effective: list[EnvEntry] = []
    unread: list[str] = []
    for source in walker.items(walker.get(container, "envFrom")):
        prefix = walker.text_of(walker.get(source, "prefix")) or ""
        for field, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
            ref = walker.get(source, field)
            if ref is None:
                continue
            name = walker.text_of(walker.get(ref, "name")) or "?"
            obj = data.get((namespace, kind, name))
            if obj is None:
                unread.append(f"{kind}/{name}")
                continue
            used.add((namespace, kind, name))
            effective += [dataclasses.replace(e, key=prefix + e.key) for e in obj.entries]
    for item in walker.items(walker.get(container, "env")):
        name_node = walker.get(item, "name")
        if not walker.is_scalar(name_node):
            continue
        value_node = walker.get(item, "value")
        value_from = walker.get(item, "valueFrom")
        if value_from is None:
            entry = pair_entry(walker.text, name_node, value_node if walker.is_scalar(value_node) else None,
                               source=label, name=str(name_node.value),
                               value_text=None if walker.is_scalar(value_node) else "")
            if entry.value and (dependent := _DEPENDENT.search(entry.value)) is not None:
                entry = dataclasses.replace(entry, reference=dependent.group(0))  # $(VAR): known in the pod only
            own.append(entry)
            effective.append(entry)
            continue
        effective.append(_value_from(walker, name_node, value_from, namespace, data, used, label))
    return own, effective, unread


def _value_from(walker: Walker, name_node: Any, value_from: Any, namespace: str,
                data: dict[tuple[str, str, str], _DataObject], used: set[tuple[str, str, str]],
                label: str) -> EnvEntry:
    """``valueFrom``: the referenced value where it is written, or a reference when it is not in the file."""
    env_name = str(name_node.value)
    for field, kind in (("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")):
        ref = walker.get(value_from, field)
        if ref is None:
            continue
        name = walker.text_of(walker.get(ref, "name")) or "?"
        key = walker.text_of(walker.get(ref, "key")) or "?"
        obj = data.get((namespace, kind, name))
        target = next((e for e in reversed(obj.entries) if e.key == key), None) if obj else None
        if target is not None:
            used.add((namespace, kind, name))
            return dataclasses.replace(target, key=env_name, line=name_node.start_mark.line + 1,
                                       column=name_node.start_mark.column + 1)
        return dataclasses.replace(pair_entry(walker.text, name_node, None, source=label, name=env_name,
                                              value_text=""), reference=f"{field} {name}/{key}")
    what = next((f for f in ("fieldRef", "resourceFieldRef") if walker.get(value_from, f) is not None), "valueFrom")
    return dataclasses.replace(pair_entry(walker.text, name_node, None, source=label, name=env_name,
                                          value_text=""), reference=what)


__all__ = ["DATA_KINDS", "kubernetes_environments", "objects_of"]
