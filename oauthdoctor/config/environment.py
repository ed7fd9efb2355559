"""Which deployment environment a configuration belongs to: from OAUTH_ENVIRONMENT or the file name.

Rules such as "loopback redirect in production" only apply to production files, so a wrong guess must
lean towards "unknown" rather than "production".
"""

from __future__ import annotations

import re
from pathlib import PurePath

ENVIRONMENTS = ("production", "staging", "development", "local", "test")
_SPELLINGS = {
    "production": "production", "prod": "production", "prd": "production", "live": "production",
    "staging": "staging", "stage": "staging", "stg": "staging", "preprod": "staging",
    "development": "development", "dev": "development", "develop": "development",
    "local": "local", "test": "test", "testing": "test", "ci": "test",
}


def normalise_environment(value: str | None) -> str | None:
    """``prod`` → ``production``; an unknown name is kept in lower case; empty → None."""
    if value is None or not value.strip():
        return None
    name = value.strip().lower()
    return _SPELLINGS.get(name, name)


def environment_from_name(path: str) -> str | None:
    """``.env.production``, ``prod.env``, ``.env.staging.local`` → the environment; None when unclear.

    Only the parts around ``env`` count (``.env.production``, ``production.env``, ``env.prod``); a
    directory called ``prod`` says nothing about the file.
    """
    parts = [p for p in re.split(r"[._-]+", PurePath(path).name.lower()) if p]
    if "env" not in parts:
        return None
    found = {_SPELLINGS[p] for p in parts if p in _SPELLINGS}
    # '.env.production.local' is production; 'testing.production.env' is production too.
    return next((e for e in ENVIRONMENTS if e in found), None)


def environment_of(path: str, declared: str | None) -> str | None:
    """OAUTH_ENVIRONMENT when given, else the file name."""
    return normalise_environment(declared) or environment_from_name(path)
