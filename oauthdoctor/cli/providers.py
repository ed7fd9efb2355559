"""``oauthdoctor providers``: list, show and validate provider profiles."""

# No "from __future__ import annotations": Typer would compile and eval every string annotation at start-up.

import json
import sys
from pathlib import Path

import typer

from oauthdoctor.cli.errors import CommandExit, UsageError
from oauthdoctor.cli.options import ViewFormat
from oauthdoctor.exitcodes import ExitCode

app = typer.Typer(
    help="List, show and validate provider profiles.\n\nExample: oauthdoctor providers show google",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(root: typer.Typer) -> None:
    """Add this command group to the app."""
    root.add_typer(app, name="providers")


@app.command("list", help="Table of every profile: id, name, auth methods, redirect rule, rotation.\n\n"
             "Example: oauthdoctor providers list --format json")
def list_command(
    fmt: ViewFormat = typer.Option(ViewFormat.rich, "--format", help="rich (table) or json."),
) -> None:
    from oauthdoctor.profiles.loader import all_profiles
    from oauthdoctor.render.providers_view import providers_json, summary_rows

    profiles = all_profiles()
    if fmt is ViewFormat.json:
        sys.stdout.write(json.dumps(providers_json(profiles), indent=2) + "\n")
        return
    from oauthdoctor.render.providers_console import print_table

    print_table(summary_rows(profiles))


@app.command("show", help="Every fact of one profile with its source and the date it was checked.\n\n"
             "Example: oauthdoctor providers show entra")
def show_command(
    provider: str = typer.Argument(..., help="Profile id or alias."),
    fmt: ViewFormat = typer.Option(ViewFormat.rich, "--format", help="rich or json."),
) -> None:
    from oauthdoctor.profiles.loader import get_profile
    from oauthdoctor.render.providers_view import profile_facts, profile_json

    profile = get_profile(provider)
    if fmt is ViewFormat.json:
        sys.stdout.write(json.dumps(profile_json(profile), indent=2) + "\n")
        return
    from oauthdoctor.render.providers_console import print_facts

    print_facts(profile, profile_facts(profile))


@app.command("audit", help="The facts not confirmed by a primary source (heuristic or unconfirmed) across all "
             "profiles, oldest check first, with the totals.\n\nExample: oauthdoctor providers audit --format json")
def audit_command(
    fmt: ViewFormat = typer.Option(ViewFormat.rich, "--format", help="rich or json."),
) -> None:
    from oauthdoctor.profiles.loader import all_profiles
    from oauthdoctor.render.providers_view import audit_json

    data = audit_json(all_profiles())
    if fmt is ViewFormat.json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    from oauthdoctor.render.providers_console import print_audit

    print_audit(data)


@app.command("validate", help="Validate profile files strictly; print every error as file:line: path: message.\n\n"
             "Example: oauthdoctor providers validate providers/*.yaml my-profiles/")
def validate_command(
    paths: list[Path] = typer.Argument(..., help="Profile files or directories."),
) -> None:
    from oauthdoctor.profiles.validate import validate_file

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"no such file or directory: {path}")
    issues = [issue for file in files for issue in validate_file(file)]
    for issue in issues:
        sys.stderr.write(f"{issue}\n")
    if issues:
        raise CommandExit(ExitCode.USAGE)
    sys.stdout.write(f"{len(files)} profile(s) valid\n")
