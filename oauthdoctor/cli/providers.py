"""``oauthdoctor providers``: list, show and validate provider profiles."""

# No "from __future__ import annotations": Typer would compile and eval every string annotation at start-up.

import os
import sys
from pathlib import Path

import typer

from oauthdoctor.cli.completion import provider_names
from oauthdoctor.cli.errors import CommandExit, UsageError
from oauthdoctor.cli.helptext import examples
from oauthdoctor.cli.output import emit, format_option, output_option
from oauthdoctor.exitcodes import ExitCode

app = typer.Typer(
    help="List, show, audit and validate provider profiles.\n\n"
    + examples("oauthdoctor providers list", "oauthdoctor providers show google"),
    no_args_is_help=True,
    rich_markup_mode=None,
)




def register(root: typer.Typer) -> None:
    """Add this command group to the app."""
    root.add_typer(app, name="providers")


@app.command("list", help="Every profile: id and aliases (what --provider accepts), name, auth methods, redirect "
             "rule, refresh-token rotation and how many of its facts are confirmed.\n\n"
             + examples("oauthdoctor providers list --format json"))
def list_command(
    fmt: str = format_option("providers-list"),
    output: Path | None = output_option(),
) -> None:
    from oauthdoctor.profiles.sections import all_summaries

    emit(all_summaries(), "providers-list", fmt, output=output)


@app.command("show", help="Every section of one profile, each fact with its basis, source and the date it was "
             "checked.\n\n" + examples("oauthdoctor providers show entra"))
def show_command(
    provider: str = typer.Argument(..., help="Profile id or alias.", autocompletion=provider_names),
    fmt: str = format_option("providers-show"),
    output: Path | None = output_option(),
) -> None:
    from oauthdoctor.profiles.loader import get_profile

    emit(get_profile(provider), "providers-show", fmt, output=output)


@app.command("audit", help="The facts not confirmed by a primary source (heuristic or unconfirmed) across all "
             "profiles, oldest check first, with the totals.\n\n"
             + examples("oauthdoctor providers audit --format json"))
def audit_command(
    fmt: str = format_option("providers-audit"),
    output: Path | None = output_option(),
) -> None:
    from oauthdoctor.profiles.loader import all_profiles

    emit(all_profiles(), "providers-audit", fmt, output=output)


@app.command("validate", help="Validate profile files strictly; print every error as file:line: path: message.\n\n"
             + examples("oauthdoctor providers validate providers/*.yaml my-profiles/"))
def validate_command(
    paths: list[Path] = typer.Argument(..., help="Profile files or directories."),
) -> None:
    from oauthdoctor.profiles.validate import validate_file

    files: list[Path] = []
    for path in paths:
        try:
            if path.is_dir():
                files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
            elif os.path.lexists(path):
                files.append(path)  # a dangling link or an unreadable file is reported by validate_file
            else:
                raise UsageError(f"no such file or directory: {path}")
        except OSError as exc:  # a name too long, a loop of links, a directory that cannot be listed
            raise UsageError(f"{path}: cannot read: {exc.strerror or type(exc).__name__}") from None
    issues = [issue for file in files for issue in validate_file(file)]
    for issue in issues:
        sys.stderr.write(f"{issue}\n")
    if issues:
        raise CommandExit(ExitCode.USAGE)
    from oauthdoctor.cli.output import stdout

    stdout().write(f"{len(files)} profile(s) valid\n")
