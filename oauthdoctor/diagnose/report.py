"""Assemble a diagnosis: pick the profile, run the probes, and wrap everything in a ``Report``.

Inputs are echoed in the report (so a reader knows what was diagnosed), with secrets only as
fingerprints and each value's supplying key, and every raw secret is handed to the renderers in
``Report.secrets`` so that no output format can leak one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from oauthdoctor.config.resolved import ResolvedConfig
from oauthdoctor.diagnose.decide import decide
from oauthdoctor.hosts import host_of
from oauthdoctor.model import Report
from oauthdoctor.probes import REGISTRY
from oauthdoctor.probing.contract import ProbeContext, ProbeOptions
from oauthdoctor.profiles.hosts import host_matches
from oauthdoctor.profiles.model import Profile
from oauthdoctor.redact import fingerprint


def pick_profile(config: ResolvedConfig) -> Profile | None:
    """The named provider's profile; else the one whose hosts include the token URL's host; else generic.

    Only the chosen profile is built: the hosts of the others are read from one index of the profile cache
    when every file is cached (``profiles.sections.all_checked_parts``), else from a full load.
    """
    from oauthdoctor.profiles.loader import all_profiles, get_profile
    from oauthdoctor.profiles.sections import all_checked_parts

    name = config.get("provider")
    if name:
        return get_profile(name)  # UnknownProfile → usage error with close matches
    host = host_of(config.get("token_url") or config.get("issuer"))
    entries = all_checked_parts(("id", "kind", "endpoints.hosts"))
    if entries is None:
        candidates = [(p.id, p.kind, p.endpoints.hosts) for p in all_profiles()]
    else:
        candidates = sorted(((d["id"], d.get("kind", "provider"), d.get("endpoints", {}).get("hosts", []))
                             for _, d in entries), key=lambda c: (c[1] == "generic", c[0]))
    chosen = next((pid for pid, kind, hosts in candidates if kind != "generic" and host_matches(host, hosts)),
                  None) if host else None
    chosen = chosen or next((pid for pid, kind, _ in candidates if kind == "generic" or pid == "generic"), None)
    return get_profile(chosen) if chosen else None


def inputs(ctx: ProbeContext) -> dict[str, Any]:
    """What was diagnosed: endpoints, ids, the secret's fingerprint, trusted hosts, and each value's source."""
    config, profile, token = ctx.config, ctx.profile, ctx.endpoints.token
    out: dict[str, Any] = {
        "provider": profile.id if profile else config.get("provider"),
        "environment": config.get("environment"),
        "token_endpoint": token.url,
        "token_endpoint_from": token.origin,
        "issuer": config.get("issuer"),
        "grant_type": config.grant_type,
        "auth_method": config.get("auth_method"),
        "client_id": config.get("client_id"),
        "client_secret": fingerprint(config.raw("client_secret") or "")
        if config.raw("client_secret")
        else None,
        "redirect_uri": config.get("redirect_uri"),
        "trusted_hosts": list(ctx.options.trust_hosts),
    }
    out["sources"] = {k: config.source(k) for k in sorted(config.values) if config.source(k)}
    return out


def diagnose(
    config: ResolvedConfig,
    profile: Profile | None,
    options: ProbeOptions,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    on_network: Callable[[bool], None] | None = None,
) -> Report:
    """Run the checklist and return the report (the CLI renders it and picks the exit code)."""
    from oauthdoctor.diagnose.runner import run

    ctx = ProbeContext(config=config, profile=profile, options=options)
    findings = run(ctx, only, skip, on_network)
    decision, cause = decide(findings)
    return Report(
        command="diagnose",
        findings=tuple(findings),
        rules=tuple(p.META for p in REGISTRY),
        provider=profile.id if profile else config.get("provider"),
        environment=config.get("environment"),
        decision=decision,
        root_cause=cause,
        inputs=inputs(ctx),
        secrets=config.secrets,
    )
