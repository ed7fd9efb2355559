"""Configuration input shared by ``diagnose``, ``check-env`` and ``trace``: the one input model.

- ``ResolvedConfig`` (``resolved.py``): canonical key → raw value and its ``Origin`` (flag, ``--config``,
  env file, environment, the env file's name, profile, discovery), the deployment environment included.
- ``resolve(flags, config_file=, env_file=, environ=, prefix=)`` (``sources.py``): the precedence flags >
  --config > --env-file > environment; ``from_mapped`` turns one mapped env file into a ``ResolvedConfig``.
- ``resolve_endpoints(config, profile)`` (``endpoints.py``): token/authorize/discovery URLs, once per run.
- ``read_config(path, environ=None) -> ConfigFile`` (``files.py``): an env file, a docker-compose file
  (``compose.py``) or a Kubernetes manifest (``kubernetes.py``), the type read from the content; one
  ``Environment`` per service or container, each ``EnvEntry`` at its exact position (``yamlenv.py``), compose
  ``${VAR}`` substitution in ``interpolate.py``.
- ``DIALECTS`` (``dialects.py``): the tools' own variable names as data (oauth2-proxy, Grafana, Spring Boot,
  GoTrue, Outline, Directus, Mattermost, ...), applied by ``dialect_map.map_dialects``; ``clients.configs_for``
  gives every client configuration of one environment, ``env_layer.py`` picks one for ``diagnose``.

API (pure apart from reading the file; python-dotenv is imported lazily):

- ``read_env_file(path) -> EnvFile`` — raises ``EnvFileError`` (message names the file) when the file is
  unreadable or not an env file. ``EnvFile.values`` is ``{key: value}`` exactly as python-dotenv loads it
  (quotes, ``export``, comments, multi-line handled; the last duplicate wins); ``EnvFile.entries`` keeps
  every statement with ``raw`` text, ``quote``, ``line``/``column`` of the key and ``value_line``/
  ``value_column``; ``EnvFile.entry(key)`` is the winning statement; ``EnvFile.problems`` lists lines
  python-dotenv skipped. ``parse_env_text(text, path)`` does the same for a string.
- ``map_keys(values, prefix=None, provider=None, providers=None) -> MappedConfig`` — ``values`` is any
  ``{env name: value}`` (an ``EnvFile.values``, ``os.environ``). ``MappedConfig.values`` is canonical key
  (``client_id``, ``redirect_uri``, ``tenant``, ... the ``OAUTH_*`` name lower-cased without the prefix) →
  value; ``MappedConfig.origin`` is canonical key → the env name that supplied it (``GITHUB_ID``);
  ``MappedConfig.provider`` is the profile id implied by ``provider``/``OAUTH_PROVIDER``/the prefix/a
  framework name, ``provider_origin`` the key that implied it. ``providers`` is the provider-name table
  (``known_provider_names()``, built from the installed profiles when None).
- ``environment_of(path, declared)`` — ``production|staging|development|local|test`` or None, from
  ``OAUTH_ENVIRONMENT`` (``declared``) or the file name.
- ``CANONICAL_KEYS``, ``PLACEHOLDER_KEYS``, ``SECRET_KEYS``, ``env_name(canonical)`` → ``OAUTH_X``.

Values are returned as supplied (whitespace, newlines and stray quotes kept): those are findings.
"""

from oauthdoctor.config.envfile import EnvEntry, EnvFile, EnvFileError, SyntaxProblem, parse_env_text, read_env_file
from oauthdoctor.config.environment import environment_from_name, environment_of, normalise_environment
from oauthdoctor.config.files import read_config
from oauthdoctor.config.keys import (
    AUTH_METHODS,
    CANONICAL_KEYS,
    PLACEHOLDER_KEYS,
    SECRET_KEYS,
    MappedConfig,
    detect_providers,
    env_name,
    known_provider_names,
    map_keys,
)
from oauthdoctor.config.resolved import Origin, ResolvedConfig
from oauthdoctor.config.unit import ConfigFile, Environment

__all__ = [
    "AUTH_METHODS", "CANONICAL_KEYS", "PLACEHOLDER_KEYS", "SECRET_KEYS", "ConfigFile", "EnvEntry", "EnvFile",
    "EnvFileError", "Environment",
    "MappedConfig", "Origin", "ResolvedConfig",
    "SyntaxProblem", "detect_providers", "env_name", "environment_from_name", "environment_of",
    "known_provider_names", "map_keys", "normalise_environment", "parse_env_text", "read_config", "read_env_file",
]
