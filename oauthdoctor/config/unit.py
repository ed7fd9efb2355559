"""What one configuration file holds: the environments it declares, each as a process will receive it.

An env file is one environment. A docker-compose file has one per service; a Kubernetes manifest one per
container (its ``env``/``envFrom`` resolved against the Secrets and ConfigMaps in the same file) and one for the
Secrets and ConfigMaps no container in the file reads. Lint rules read two views: the ``parts`` of the file (the
statements as written, each group once: whitespace, quotes, duplicates) and each environment's ``effective``
statements (what the process gets, ``env_file:`` and ``envFrom`` included: the OAuth rules).
"""

from __future__ import annotations

from dataclasses import dataclass

from oauthdoctor.config.envfile import EnvFile


@dataclass(frozen=True)
class Environment:
    """One process environment declared in a file."""

    name: str  # the compose service, "Deployment/proxy container proxy", or "" for an env file
    effective: EnvFile  # what the process receives: env_file:/envFrom entries, then its own (the last one wins)
    unread: tuple[str, ...] = ()  # sources it reads that could not be (a missing env_file:, a Secret elsewhere)


@dataclass(frozen=True)
class ConfigFile:
    """A file given to check-env or diagnose, whatever its type."""

    path: str
    kind: str  # "env", "compose" or "kubernetes"
    environments: tuple[Environment, ...]
    parts: tuple[EnvFile, ...]  # every group of statements written in the file, once (the file rules read these)
    included: tuple[EnvFile, ...] = ()  # env files read through env_file: (linted as files of their own)

    def environment(self, name: str) -> Environment | None:
        """The environment called ``name`` (a compose service, a container, a workload or a Secret)."""
        for environment in self.environments:
            if environment.name == name:
                return environment
        for environment in self.environments:
            if name in _names(environment.name):
                return environment
        return None


def _names(label: str) -> set[str]:
    """The short names an environment answers to: ``Deployment/proxy container web`` → proxy, web, ..."""
    words = set(label.replace(",", " ").split())
    return words | {w.split("/", 1)[1] for w in words if "/" in w}


__all__ = ["ConfigFile", "Environment"]
