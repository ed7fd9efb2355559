"""``oauthdoctor diff-redirect``: would this provider accept SENT, given the registered redirect URIs?"""

# No "from __future__ import annotations": Typer would compile and eval every string annotation at start-up.

from enum import StrEnum
from pathlib import Path

import typer

from oauthdoctor.cli.completion import provider_names
from oauthdoctor.cli.errors import CommandExit
from oauthdoctor.cli.helptext import examples
from oauthdoctor.cli.output import emit, format_choices, format_option, output_option
from oauthdoctor.exitcodes import ExitCode

HELP = (
    "Compare a sent redirect_uri with the registered one(s), byte for byte, under the provider's real matching "
    "rule, and say exactly which character makes the difference.\n\n"
    "REGISTERED is a URI on file with the provider (add more with --registered); SENT is the redirect_uri the "
    "client sends. Invisible characters (newline, tab, zero-width space, no-break space, full-width letters) "
    "are reported by name and position.\n\n"
    "Exit codes: 0 accepted; 1 rejected; 2 usage error (missing argument, unknown provider).\n\n"
    + examples("oauthdoctor diff-redirect https://app.example.com/callback https://app.example.com/callback/",
               "oauthdoctor diff-redirect --provider keycloak --format json 'http://127.0.0.1/cb' "
               "'http://127.0.0.1:8765/cb'")
)



DiffRedirectFormat = format_choices("diff-redirect")


class ClientType(StrEnum):
    web = "web"
    native = "native"


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("diff-redirect", help=HELP)(diff_redirect_command)


def diff_redirect_command(
    registered: str = typer.Argument(..., metavar="REGISTERED", help="A redirect URI registered with the provider."),
    sent: str = typer.Argument(..., metavar="SENT", help="The redirect_uri the client sends."),
    more: list[str] = typer.Option([], "--registered", metavar="URI", help="Another registered URI (repeatable)."),
    provider: str = typer.Option("generic", "--provider", help="Provider profile id or alias (default generic).",
                                 autocompletion=provider_names),
    client_type: ClientType = typer.Option(ClientType.web, "--client-type",
                                           help="web or native (some servers relax loopback for native only)."),
    fmt: DiffRedirectFormat = format_option("diff-redirect"),
    output: Path | None = output_option(),
) -> None:
    from oauthdoctor.redirect import compare

    # UnknownProfile -> exit 2 naming the close matches
    match = compare([registered, *more], sent, provider=provider, client_type=client_type.value)
    emit(match, "diff-redirect", fmt, output=output)
    if not match.accepted:
        raise CommandExit(ExitCode.FINDINGS)
