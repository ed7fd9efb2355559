"""``oauthdoctor diagnose``: run the whole troubleshooting checklist against a failing configuration."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from oauthdoctor.cli.completion import probe_ids, provider_names
from oauthdoctor.cli.errors import CommandExit, UsageError
from oauthdoctor.cli.helptext import did_you_mean, examples
from oauthdoctor.cli.options import FailOn
from oauthdoctor.cli.output import emit, format_option, output_option
from oauthdoctor.config.keys import CANONICAL_KEYS, PLACEHOLDER_KEYS
from oauthdoctor.exitcodes import EXIT_CODES_HELP, ExitCode

if TYPE_CHECKING:
    from oauthdoctor.config.resolved import ResolvedConfig
    from oauthdoctor.profiles.model import Profile

CONFIG_KEYS = (*CANONICAL_KEYS, *PLACEHOLDER_KEYS)

# generated: probes-help (python tools/generate_reference.py writes it from probes.REGISTRY; a test checks it)
PROBES_HELP = (
    'Probes, in report order: config, redirect_uri, transport, discovery, clock_skew, client_auth, '
    'grant_types, token_policy, last_error.'
)
# end generated
HELP = (
    "Run every check of the OAuth troubleshooting checklist (offline checks and live, non-destructive trials "
    "against the token endpoint) and name the root cause and the decision: reauth, fix_config or retry.\n\n"
    "Configuration, highest precedence first: flags, --config FILE.yaml, --env-file FILE, the environment "
    "(OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_REDIRECT_URI, OAUTH_TOKEN_URL, ...). Never redeems a real "
    "code or refresh token; client_credentials only with --active.\n\n"
    f"Keys of the --config YAML file (the OAUTH_* names in lower case): {', '.join(CONFIG_KEYS)}.\n\n"
    f"{PROBES_HELP}\n\n"
    + examples("oauthdoctor diagnose --offline --env-file examples/google-testing.env",
               "oauthdoctor diagnose --offline --env-file examples/github-host-case.env --format json",
               "oauthdoctor diagnose --offline --provider github --client-id Iv1.abc --probe config")
    + "\n\n" + EXIT_CODES_HELP
)






def parse_ntp_server(value: str) -> tuple[str, int]:
    """``host``, ``host:port`` or ``[v6]:port`` → (host, port)."""
    text = value.strip()
    host, port = text, 123
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise UsageError(f"--ntp-server {value!r}: unterminated '['")
        host, rest = text[1:end], text[end + 1 :]
        if rest:
            if not rest.startswith(":"):
                raise UsageError(f"--ntp-server {value!r}: expected [host]:port")
            port = _port(value, rest[1:])
    elif text.count(":") == 1:
        host, port_text = text.split(":")
        port = _port(value, port_text)
    if not host:
        raise UsageError(f"--ntp-server {value!r}: empty host")
    return host, port


def parse_trust_host(value: str) -> str:
    """``--trust-host``: a host name or IP literal (a URL is accepted and reduced to its host)."""
    from oauthdoctor.hosts import host_of

    text = value.strip()
    host = host_of(text) if "://" in text else text.strip("[]").lower().rstrip(".")
    if not host or any(ch in host for ch in "/ @?#") or host.count(":") == 1:
        raise UsageError(f"--trust-host {value!r}: expected a host name such as auth.example.com (no port or path)")
    return host


def _port(value: str, text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise UsageError(f"--ntp-server {value!r}: port must be 1-65535")
    return int(text)


def diagnose_command(
    provider: str | None = typer.Option(
        None, "--provider", metavar="ID",
        help="Provider profile id or alias (google, entra...).", autocompletion=provider_names
    ),
    client_id: str | None = typer.Option(None, "--client-id", metavar="ID", help="Client id (OAUTH_CLIENT_ID)."),
    client_secret: str | None = typer.Option(
        None,
        "--client-secret", metavar="SECRET",
        help="Client secret. Discouraged (shell history); prefer OAUTH_CLIENT_SECRET.",
    ),
    redirect_uri: str | None = typer.Option(None, "--redirect-uri", metavar="URI",
                                            help="The redirect_uri the app sends."),
    registered: list[str] = typer.Option(
        [], "--registered-redirect-uri", metavar="URI", help="A redirect URI registered at the provider (repeatable)."
    ),
    token_url: str | None = typer.Option(None, "--token-url", metavar="URL", help="Token endpoint URL."),
    authorize_url: str | None = typer.Option(None, "--authorize-url", metavar="URL",
                                             help="Authorization endpoint URL."),
    issuer: str | None = typer.Option(None, "--issuer", metavar="URL", help="Issuer URL (for discovery)."),
    grant_type: str | None = typer.Option(
        None, "--grant-type", metavar="GRANT", help="Grant the app uses (authorization_code)."
    ),
    auth_method: str | None = typer.Option(
        None, "--auth-method", metavar="METHOD", help="client_secret_basic | client_secret_post | none."
    ),
    scopes: str | None = typer.Option(None, "--scopes", metavar="SCOPES", help="Scopes the app requests."),
    tenant: str | None = typer.Option(None, "--tenant", metavar="TENANT",
                                      help="Tenant placeholder (Entra and others)."),
    instance: str | None = typer.Option(
        None, "--instance", metavar="INSTANCE", help="Instance placeholder (ServiceNow and others)."
    ),
    environment: str | None = typer.Option(None, "--environment", metavar="NAME",
                                           help="production, staging, development..."),
    last_error: str | None = typer.Option(None, "--last-error", metavar="BODY",
                                          help="The error response body the app got."),
    config: str | None = typer.Option(
        None, "--config", metavar="FILE.yaml", help="YAML config: the keys listed above."
    ),
    env_file: str | None = typer.Option(
        None, "--env-file", metavar="FILE", help="Env file, docker-compose file or Kubernetes manifest."),
    service: str | None = typer.Option(
        None, "--service", metavar="NAME", help="The compose service or container in --env-file to diagnose."),
    prefix: str | None = typer.Option(None, "--prefix", metavar="PREFIX",
                                      help="Read <PREFIX>CLIENT_ID etc. (e.g. GOOGLE_)."),
    offline: bool = typer.Option(False, "--offline", help="No network probes."),
    probe: list[str] = typer.Option([], "--probe", metavar="ID", help="Run only this probe (repeatable).",
                                    autocompletion=probe_ids),
    skip: list[str] = typer.Option([], "--skip", metavar="ID", help="Do not run this probe (repeatable).",
                                   autocompletion=probe_ids),
    timeout: float = typer.Option(5.0, "--timeout", metavar="SECONDS", help="Per-request timeout."),
    active: bool = typer.Option(False, "--active", help="Also try client_credentials (issues a real token)."),
    trust_host: list[str] = typer.Option(
        [], "--trust-host", metavar="HOST",
        help="Send credentials to HOST although it is not one of the provider's hosts (repeatable). "
        "Without it, trials never send the secret to a host the profile does not list.",
    ),
    ntp_server: list[str] = typer.Option(
        [], "--ntp-server", metavar="HOST[:PORT]", help="NTP server for clock_skew (repeatable)."
    ),
    fmt: str = format_option("diagnose"),
    output: Path | None = output_option(),
    fail_on: FailOn = typer.Option(
        FailOn.error, "--fail-on", help="Exit 1 on findings at or above: error, warning, or never."
    ),
    no_color: bool = typer.Option(False, "--no-color", help="No colours in the rich report."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show evidence for passing probes too."),
) -> None:
    from oauthdoctor.config.sources import ConfigError, resolve
    from oauthdoctor.probes import PROBE_IDS
    from oauthdoctor.probing.contract import ProbeOptions

    for pid in (*probe, *skip):
        if pid not in PROBE_IDS:
            raise UsageError(f"unknown probe '{pid}' ({did_you_mean(pid, PROBE_IDS)}probes: {', '.join(PROBE_IDS)})")
    if not timeout > 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if offline and active:
        raise UsageError("--offline and --active contradict each other (--active sends a real token request)")
    if both := sorted(set(probe) & set(skip)):
        raise UsageError(f"--probe and --skip both name {', '.join(both)}: give one or the other")
    if client_secret is not None:
        sys.stderr.write(
            "oauthdoctor: warning: --client-secret ends up in shell history and the process list; "
            "prefer OAUTH_CLIENT_SECRET in the environment or an env file\n"
        )
    flags = {
        "provider": provider,
        "client_id": client_id,
        "client_secret": client_secret,
        "redirect_uri": redirect_uri,
        "registered_redirect_uris": " ".join(registered) if registered else None,
        "token_url": token_url,
        "authorize_url": authorize_url,
        "issuer": issuer,
        "grant_type": grant_type,
        "auth_method": auth_method,
        "scopes": scopes,
        "tenant": tenant,
        "instance": instance,
        "environment": environment,
        "last_error": last_error,
    }
    try:
        resolved = resolve(flags, config_file=config, env_file=env_file, environ=os.environ, prefix=prefix,
                           service=service)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    from oauthdoctor.redact import remember

    remember(resolved.secrets)
    options = ProbeOptions(
        offline=offline,
        active=active,
        timeout=timeout,
        ntp_servers=tuple(parse_ntp_server(s) for s in ntp_server),
        trust_hosts=tuple(parse_trust_host(h) for h in trust_host),
    )
    from oauthdoctor.diagnose.decide import exit_code
    from oauthdoctor.diagnose.report import diagnose, pick_profile

    profile = _profile(resolved, pick_profile)
    on_network = None
    if not offline and sys.stderr is not None and sys.stderr.isatty():
        on_network = spinner(no_color=no_color)
    report = diagnose(resolved, profile, options, probe, skip, on_network)
    emit(report, "diagnose", fmt, output=output, no_color=no_color, verbose=verbose)
    code = exit_code(report.findings, str(fail_on))
    if code is not ExitCode.OK:
        raise CommandExit(code)


def _profile(resolved: ResolvedConfig, pick: Callable[[ResolvedConfig], Profile | None]) -> Profile | None:
    """The run's profile; an unknown provider names where it was set (an env file, --config, the environment)."""
    from oauthdoctor.profiles.loader import UnknownProfile

    try:
        return pick(resolved)
    except UnknownProfile as exc:
        origin = resolved.origins.get("provider")
        where = f"{origin.file}: {origin.key}: " if origin is not None and origin.file else (
            f"{origin}: " if origin is not None else "")
        raise UsageError(f"{where}{exc}") from None


def spinner(no_color: bool, message: str = "running network probes…") -> Callable[[bool], None]:
    """``on_network(bool)`` for the runner: a spinner on stderr (a terminal only) while network probes run."""
    from rich.console import Console

    status = Console(stderr=True, no_color=True if no_color else None).status(message, spinner="dots")
    running: list[bool] = []

    def on_network(active: bool) -> None:
        if active and not running:
            status.start()
            running.append(True)
        elif not active and running:
            status.stop()
            running.clear()

    return on_network


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("diagnose", help=HELP)(diagnose_command)
