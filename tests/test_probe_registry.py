"""The probe registry is the single, ordered list of probes; every probe declares its metadata as data."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import oauthdoctor.probes as probes_pkg
from oauthdoctor.model import RuleMeta
from oauthdoctor.probes import PROBE_IDS, REGISTRY
from oauthdoctor.probing.contract import nothing_to_observe

EXPECTED_ORDER = (
    "config",
    "redirect_uri",
    "transport",
    "discovery",
    "clock_skew",
    "client_auth",
    "grant_types",
    "token_policy",
    "last_error",
)


def test_registry_order_is_the_contract() -> None:
    assert PROBE_IDS == EXPECTED_ORDER


def test_every_probe_module_is_registered() -> None:
    declared = set()
    for info in pkgutil.iter_modules(probes_pkg.__path__):
        module = importlib.import_module(f"oauthdoctor.probes.{info.name}")
        if isinstance(getattr(module, "META", None), RuleMeta):
            declared.add(module.META.id)
    assert declared == set(PROBE_IDS)


def test_probe_metadata_is_complete() -> None:
    for probe in REGISTRY:
        meta = probe.META
        assert meta.title and meta.question.endswith("?") and meta.help_uri, meta.id
        assert isinstance(probe.NETWORK, bool) and isinstance(probe.SENDS_SECRET, bool)
        assert callable(probe.judge) and inspect.iscoroutinefunction(probe.observe)
        assert list(inspect.signature(probe.observe).parameters) == ["ctx", "client"], meta.id
        # A probe that judges configuration alone says so explicitly, and only those do.
        assert (probe.observe is nothing_to_observe) == (not probe.NETWORK), meta.id


def test_the_probe_package_holds_only_probes() -> None:
    """Helpers that are not probes live in oauthdoctor.probing, not beside the probes."""
    modules = {info.name for info in pkgutil.iter_modules(probes_pkg.__path__)}
    assert modules == set(PROBE_IDS)


def test_only_network_probes_send_the_secret() -> None:
    senders = {p.META.id for p in REGISTRY if p.SENDS_SECRET}
    assert senders == {"client_auth", "grant_types"}


def test_help_text_lists_the_registry_in_order() -> None:
    from oauthdoctor.cli.diagnose import PROBES_HELP

    assert PROBES_HELP == f"Probes, in report order: {', '.join(PROBE_IDS)}."
