"""Assemble a diagnosis: pick the profile, run the probes, and wrap everything in a ``Report``.

Inputs are echoed in the report (so a reader knows what was diagnosed), with secrets only as
fingerprints and each value's supplying key, and every raw secret is handed to the renderers in
``Report.secrets`` so that no output format can leak one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from oauthdoctor.diagnose import endpoints
from oauthdoctor.diagnose.decide import decide
from oauthdoctor.diagnose.settings import Settings
from oauthdoctor.model import Report
from oauthdoctor.probes import REGISTRY
from oauthdoctor.probes.base import ProbeContext, ProbeOptions
from oauthdoctor.profiles.hosts import host_matches
from oauthdoctor.profiles.model import Profile
from oauthdoctor.redact import fingerprint

INPUT_KEYS = (
    "provider",
    "environment",
    "token_url",
    "issuer",
    "grant_type",
    "auth_method",
    "client_id",
    "client_secret",
    "redirect_uri",
)


def pick_profile(settings: Settings) -> Profile | None:
    """The named provider's profile; else the one whose hosts include the token URL's host; else generic."""
    from oauthdoctor.profiles.loader import all_profiles, get_profile

    name = settings.get("provider")
    if name:
        return get_profile(name)  # UnknownProfile → usage error with close matches
    host = endpoints.host_of(settings.get("token_url") or settings.get("issuer"))
    profiles = all_profiles()
    if host:
        for profile in profiles:
            if profile.kind != "generic" and host_matches(host, profile.endpoints.hosts):
                return profile
    return next((p for p in profiles if p.kind == "generic" or p.id == "generic"), None)


def inputs(settings: Settings, profile: Profile | None, trusted_hosts: Iterable[str] = ()) -> dict[str, Any]:
    """What was diagnosed: endpoints, ids, the secret's fingerprint, trusted hosts, and each value's source."""
    token = endpoints.token_url(settings, profile)
    out: dict[str, Any] = {
        "provider": profile.id if profile else settings.get("provider"),
        "environment": settings.get("environment"),
        "token_endpoint": token.url,
        "token_endpoint_from": token.origin,
        "issuer": settings.get("issuer"),
        "grant_type": settings.grant_type,
        "auth_method": settings.get("auth_method"),
        "client_id": settings.get("client_id"),
        "client_secret": fingerprint(settings.raw("client_secret") or "")
        if settings.raw("client_secret")
        else None,
        "redirect_uri": settings.get("redirect_uri"),
        "trusted_hosts": list(trusted_hosts),
    }
    out["sources"] = {k: settings.source(k) for k in sorted(settings.values) if settings.source(k)}
    return out


def diagnose(
    settings: Settings,
    profile: Profile | None,
    options: ProbeOptions,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    on_network: Callable[[bool], None] | None = None,
) -> Report:
    """Run the checklist and return the report (the CLI renders it and picks the exit code)."""
    from oauthdoctor.diagnose.runner import run

    ctx = ProbeContext(settings=settings, profile=profile, options=options)
    findings = run(ctx, only, skip, on_network)
    decision, cause = decide(findings)
    return Report(
        command="diagnose",
        findings=tuple(findings),
        rules=tuple(p.META for p in REGISTRY),
        provider=profile.id if profile else settings.get("provider"),
        environment=settings.get("environment"),
        decision=decision,
        root_cause=cause,
        inputs=inputs(settings, profile, options.trust_hosts),
        secrets=settings.secrets,
    )
