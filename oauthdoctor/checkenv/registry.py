"""How a check-env rule is declared: its metadata next to the function that checks it (cfn-lint's pattern).

A rule is a function decorated with its id, title, question, severity (and the variants it may report at
another severity) and its scope:

- ``file``: called once per env file with an ``EnvFileCheck`` (raw-text hygiene: syntax, quotes, duplicates);
- ``client``: called once per client configuration found in a file, with a ``FileCheck``;
- ``clients``: called once with every ``FileCheck`` of the run (rules across the files of one client).

``checkenv/rules.py`` lists every rule once, in report order: that tuple is the registry ``--list-rules``,
``--rule``/``--ignore``, SARIF and JUnit read. ``finding(rule_id, ...)`` takes the severity from the metadata, so
a rule never states its own severity in code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from oauthdoctor.model import Finding, Location, RuleMeta, Severity, SeverityVariant, Status

Scope = Literal["file", "client", "clients"]


@dataclass(frozen=True)
class Rule:
    """One check-env rule: metadata, scope and the function that finds its problems."""

    meta: RuleMeta
    scope: Scope
    check: Callable[..., list[Finding]]

    @property
    def id(self) -> str:
        return self.meta.id


_DECLARED: dict[str, RuleMeta] = {}


def rule(
    rule_id: str,
    title: str,
    question: str,
    severity: Severity,
    *,
    scope: Scope,
    help_uri: str | None = None,
    variants: tuple[SeverityVariant, ...] = (),
) -> Callable[[Callable[..., list[Finding]]], Rule]:
    """Declare a rule; the decorated function becomes a ``Rule``."""

    def wrap(check: Callable[..., list[Finding]]) -> Rule:
        if rule_id in _DECLARED:
            raise ValueError(f"check-env rule id declared twice: {rule_id}")
        meta = RuleMeta(rule_id, title, question, severity, help_uri, variants)
        _DECLARED[rule_id] = meta
        return Rule(meta, scope, check)

    return wrap


def declared_ids() -> frozenset[str]:
    """Every rule id declared so far (a test compares it with the registry tuple)."""
    return frozenset(_DECLARED)


def finding(
    rule_id: str,
    location: Location,
    message: str,
    fix: str | None = None,
    key: str | None = None,
    variant: str | None = None,
    evidence: dict[str, Any] | None = None,
) -> Finding:
    """A check-env finding at the severity the rule's metadata gives (``variant`` picks a declared variant)."""
    meta = _DECLARED[rule_id]
    level = meta.severity_of(variant)
    status = Status.FAIL if level is Severity.ERROR else Status.WARN
    return Finding(
        id=rule_id, status=status, severity=level, title=message, location=location, key=key, fix=fix,
        evidence=evidence or {}, references=(meta.help_uri,) if meta.help_uri else (),
    )
