"""Helpers for tests that pin a profile fact through the probes it feeds (no tests here): what the token-policy
and config probes find wrong for a provider's bundled profile, given some configuration values; and the one quirk
a source backs, for facts no probe reads."""

from __future__ import annotations

from datetime import datetime

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.model import Finding, Status
from oauthdoctor.probes import config as config_probe
from oauthdoctor.probes import token_policy
from oauthdoctor.probing.contract import ProbeContext
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.profiles.model import Quirk

BASE_CONFIG = {"client_id": "client-123", "client_secret": "s3cret-value-123", "redirect_uri": "https://app.test/cb"}


def policy_judgement(provider: str, now: datetime, **values: str) -> list[Finding]:
    """Every finding of the token-policy probe for ``values`` (a skip or pass included)."""
    ctx = ProbeContext(config=ResolvedConfig(values), profile=get_profile(provider), now=now)
    return token_policy.judge(ctx, None)


def policy_findings(provider: str, now: datetime, **values: str) -> list[tuple[Status, str]]:
    """The token-policy probe's failures and warnings (status, title) for ``values``."""
    return [(f.status, f.title) for f in policy_judgement(provider, now, **values)
            if f.status in (Status.FAIL, Status.WARN)]


def config_findings(provider: str, now: datetime, **values: str) -> list[str]:
    """The config probe's failure and warning titles for a plain client plus ``values``."""
    ctx = ProbeContext(config=ResolvedConfig({**BASE_CONFIG, **values}), profile=get_profile(provider), now=now)
    return [f.title for f in config_probe.judge(ctx, None) if f.status in (Status.FAIL, Status.WARN)]


def sourced_quirk(provider: str, source: str) -> Quirk:
    """The one quirk of ``provider``'s bundled profile whose source is ``source``."""
    found = [q for q in get_profile(provider).quirks if q.source == source]
    assert len(found) == 1, f"no single {provider} quirk sourced from {source}"
    return found[0]
