"""``oauthdoctor diff-redirect``: would this provider accept SENT, given the registered redirect URIs?"""

# No "from __future__ import annotations": Typer would compile and eval every string annotation at start-up.

from enum import StrEnum
from pathlib import Path

import typer

from oauthdoctor.cli.completion import provider_names
from oauthdoctor.cli.errors import CommandExit, UsageError
from oauthdoctor.cli.helptext import examples
from oauthdoctor.cli.output import emit, format_option, output_option
from oauthdoctor.exitcodes import ExitCode

HELP = (
    "Compare a sent redirect_uri with the registered one(s), byte for byte, under the provider's real matching "
    "rule, and say exactly which character makes the difference.\n\n"
    "REGISTERED is a URI on file with the provider (add more with --registered); SENT is the redirect_uri the "
    "client sends. Invisible characters (newline, tab, zero-width space, no-break space, full-width letters) "
    "are reported by name and position. With --omitted the request has no redirect_uri: give only REGISTERED "
    "(or nothing when no URI is registered), and the answer says which URI the server uses instead.\n\n"
    "Exit codes: 0 accepted; 1 rejected; 2 usage error (missing argument, REGISTERED not a URI, unknown "
    "provider).\n\n"
    + examples("oauthdoctor diff-redirect https://app.example.com/callback https://app.example.com/callback/",
               "oauthdoctor diff-redirect --provider keycloak --format json 'http://127.0.0.1/cb' "
               "'http://127.0.0.1:8765/cb'",
               "oauthdoctor diff-redirect --omitted --provider github https://app.example.com/callback")
)


class ClientType(StrEnum):
    web = "web"
    native = "native"


def register(app: typer.Typer) -> None:
    """Add this command to the app."""
    app.command("diff-redirect", help=HELP)(diff_redirect_command)


def diff_redirect_command(
    registered: str | None = typer.Argument(None, metavar="REGISTERED",
                                            help="A redirect URI registered with the provider."),
    sent: str | None = typer.Argument(None, metavar="SENT", help="The redirect_uri the client sends."),
    more: list[str] = typer.Option([], "--registered", metavar="URI", help="Another registered URI (repeatable)."),
    omitted: bool = typer.Option(False, "--omitted",
                                 help="The request carries no redirect_uri (leave SENT out)."),
    none_registered: bool = typer.Option(False, "--none-registered",
                                         help="No redirect URI is registered (leave REGISTERED out)."),
    openid: bool = typer.Option(False, "--openid", help="The request asks for scope openid (OpenID Connect)."),
    provider: str = typer.Option("generic", "--provider", metavar="ID",
                                 help="Provider profile id or alias (default generic).",
                                 autocompletion=provider_names),
    client_type: ClientType = typer.Option(ClientType.web, "--client-type",
                                           help="web or native (some servers relax loopback for native only)."),
    fmt: str = format_option("diff-redirect"),
    output: Path | None = output_option(),
) -> None:
    from oauthdoctor.profiles.sections import redirect_rule
    from oauthdoctor.redirect.engine import compare_with_rule, registration_problem

    uris, sent_value = _arguments(registered, sent, more, omitted=omitted, none_registered=none_registered)
    profile_id, rule = redirect_rule(provider)  # UnknownProfile -> exit 2 naming the close matches
    problem = registration_problem(uris, rule)
    if problem is not None:
        raise UsageError(problem)
    match = compare_with_rule(uris, sent_value, rule, client_type.value, provider=profile_id, openid=openid)
    emit(match, "diff-redirect", fmt, output=output)
    if not match.accepted:
        raise CommandExit(ExitCode.FINDINGS)


def _arguments(registered: str | None, sent: str | None, more: list[str], *, omitted: bool,
               none_registered: bool) -> tuple[list[str], str | None]:
    """The registered URIs and SENT (None: omitted) from the positional arguments and the flags."""
    given = [a for a in (registered, sent) if a is not None]
    if none_registered and more:
        raise UsageError("--none-registered and --registered contradict each other")
    if omitted:
        if sent is not None or (none_registered and given):
            raise UsageError("--omitted means the request has no redirect_uri: leave SENT out")
        return [*given, *more], None
    if none_registered:
        if len(given) != 1:
            raise UsageError("with --none-registered give only SENT (the redirect_uri the client sends)")
        return [], given[0]
    if registered is None:
        raise UsageError("missing argument REGISTERED (Example: oauthdoctor diff-redirect https://app.example.com/cb "
                         "https://app.example.com/cb/; --omitted when the request has no redirect_uri)")
    if sent is None:
        raise UsageError("missing argument SENT (the redirect_uri the client sends; --omitted when it sends none)")
    return [registered, *more], sent
