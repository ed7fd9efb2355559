"""The probes of ``oauthdoctor diagnose``, one module each, in the order they are reported.

``REGISTRY`` is the single list: the runner, ``--probe``/``--skip`` validation, ``--help`` and the SARIF
rule table all read it. A test checks that every module in this package that declares ``META`` is here.
"""

from __future__ import annotations

from oauthdoctor.probes import (
    client_auth,
    clock_skew,
    config,
    discovery,
    grant_types,
    last_error,
    redirect_uri,
    token_policy,
    transport,
)
from oauthdoctor.probing.contract import Probe

REGISTRY: tuple[Probe, ...] = (
    config,
    redirect_uri,
    transport,
    discovery,
    clock_skew,
    client_auth,
    grant_types,
    token_policy,
    last_error,
)
PROBE_IDS: tuple[str, ...] = tuple(p.META.id for p in REGISTRY)
