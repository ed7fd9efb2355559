"""The Typer app: registers the commands and maps exceptions to exit codes in one place.

Command modules import their heavy dependencies (httpx, ntplib, rich, pydantic) inside the command
function, so ``oauthdoctor --help`` and the offline commands start about as fast as typer itself. Typer turns
every registered command into a click command on each run, so ``main`` registers only the command named on
the command line (all of them for root help, ``--version`` or an unknown name).
"""

# No "from __future__ import annotations": Typer would compile and eval every string annotation at start-up.

import gc
import importlib
import os
import sys
from typing import NoReturn

import typer

from oauthdoctor.cli.errors import CommandExit, UsageError
from oauthdoctor.cli.helptext import examples
from oauthdoctor.exitcodes import EXIT_CODES_HELP, ExitCode
from oauthdoctor.version import __version__

# Typer vendors click from 0.25 on; find click's base exception through a public Typer class.
_CLICK_EXCEPTION = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")

HELP = (
    "Tells you why your OAuth 2.0 integration fails and what to do about it: reauth, fix_config or retry.\n\n"
    + examples("oauthdoctor diagnose --offline --env-file examples/google-testing.env",
               "oauthdoctor explain --status 400 '{\"error\":\"invalid_grant\"}'",
               "oauthdoctor providers list")
    + "\n\nTab completion for bash, zsh or fish: oauthdoctor --install-completion\n\n"
    + EXIT_CODES_HELP
)

# Command name -> module under oauthdoctor.cli whose ``register(app)`` adds it, in --help order.
COMMANDS = {
    "diagnose": "diagnose",
    "diff-redirect": "diff_redirect",
    "explain": "explain",
    "check-env": "check_env",
    "providers": "providers",
    "trace": "trace",
}
_ROOT_OPTIONS_WITH_VALUE = ("--profiles",)
_COMPLETE_VAR = "_OAUTHDOCTOR_COMPLETE"  # set by the shell's completion script (cli/completion.py)
GC_YOUNG_THRESHOLD = 100_000  # allocations between collections of the youngest generation (CPython's default: 700)

app = typer.Typer(
    name="oauthdoctor",
    help=HELP,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_enable=False,
    add_completion=False,  # switched on in main() when the root answers: see _with_completion_options
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"oauthdoctor {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    profiles: list[str] = typer.Option(
        [], "--profiles", metavar="DIR", help="Extra provider-profile directory (repeatable; overrides bundled)."
    ),
) -> None:
    if profiles:
        from oauthdoctor.profiles.dirs import add_profile_dirs

        for directory in profiles:  # a typo here would silently leave the user's profiles out
            if not os.path.isdir(directory):
                raise UsageError(f"--profiles {directory}: not a directory")
        add_profile_dirs(profiles)


_registered: set[str] = set()


def register_commands(names: list[str] | None = None) -> typer.Typer:
    """Add the named commands (default: all) to ``app``; each is registered once."""
    for name in COMMANDS if names is None else names:
        if name not in _registered:
            _registered.add(name)
            importlib.import_module(f"oauthdoctor.cli.{COMMANDS[name]}").register(app)
    return app


def requested_command(argv: list[str]) -> str | None:
    """The command named on the command line, or None when the root itself must answer (help, version)."""
    args = iter(argv)
    for arg in args:
        if arg in _ROOT_OPTIONS_WITH_VALUE:
            next(args, None)
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
        elif not arg.startswith(tuple(f"{o}=" for o in _ROOT_OPTIONS_WITH_VALUE)):
            return None  # --help, --version or an unknown root option: show the whole tree
    return None


def _with_completion_options(on: bool) -> None:
    """``--install-completion``/``--show-completion`` (bash, zsh, fish; ``cli/completion.py``) are root options:
    Typer builds them (and sets up its completion classes) only when the root answers (help, completion, an
    unknown command), so running a command does not pay for them. Typer has no public switch after the app is
    made; ``_add_completion`` is the attribute its ``add_completion=`` argument sets."""
    app._add_completion = on


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; every exception becomes an exit code, never a traceback for bad input."""
    argv = sys.argv[1:] if argv is None else argv
    _tolerant_stdout()
    command = requested_command(argv)
    completing = _COMPLETE_VAR in os.environ
    try:
        if completing:
            from oauthdoctor.cli.completion import normalise_instruction

            normalise_instruction(os.environ)
        register_commands(None if command is None or completing else [command])
        _with_completion_options(command is None or completing)
        # Outside standalone mode Click returns (does not raise) typer.Exit's code, Ctrl-C's 130 included.
        code = app(args=argv, standalone_mode=False, prog_name="oauthdoctor")
    except CommandExit as exc:
        sys.exit(int(exc.code))
    except UsageError as exc:
        _fail(str(exc), ExitCode.USAGE)
    except LookupError as exc:  # UnknownProfile and friends: the profiles module is loaded by then
        from oauthdoctor.profiles.loader import UnknownProfile

        if not isinstance(exc, UnknownProfile):
            _fail(_internal_error(exc), ExitCode.INTERNAL)
        _fail(str(exc), ExitCode.USAGE)
    except KeyboardInterrupt:
        _fail("interrupted", ExitCode.INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 - the single top-level handler
        if isinstance(exc, typer.Abort):
            _fail("interrupted", ExitCode.INTERRUPTED)
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare 'oauthdoctor' or 'oauthdoctor providers'
            getattr(exc, "show")()  # noqa: B009 - Click's NoArgsIsHelpError: the whole help, on stderr
            sys.exit(int(ExitCode.USAGE))
        if isinstance(exc, _CLICK_EXCEPTION):
            ctx = getattr(exc, "ctx", None)
            where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            _fail(f"{getattr(exc, 'format_message')()}{where}", ExitCode.USAGE)  # noqa: B009 - Click's API
        if isinstance(exc, typer.Exit):
            sys.exit(exc.exit_code)
        from oauthdoctor.profiles.loader import ProfileError

        if isinstance(exc, ProfileError):
            for issue in exc.issues:
                sys.stderr.write(f"oauthdoctor: error: {issue}\n")
            sys.exit(int(ExitCode.USAGE))
        _fail(_internal_error(exc), ExitCode.INTERNAL)
    if code == ExitCode.INTERRUPTED:
        _fail("interrupted", ExitCode.INTERRUPTED)
    sys.exit(code if isinstance(code, int) else 0)


def _internal_error(exc: BaseException) -> str:
    """The line for a bug: the exception's type and the place in oauthdoctor it came from, not its message.

    A message may quote whatever the failing code held — a token from a capture, a line of an env file — and
    only the secrets this process was told about can be scrubbed; the type and the place are what a bug
    report needs, and cannot carry a secret."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "oauthdoctor" in f.filename.replace("\\", "/")]
    where = ""
    if frames:
        path = frames[-1].filename.replace("\\", "/")
        where = f" at {path[path.rfind('oauthdoctor/'):]}:{frames[-1].lineno}"
    return f"internal error: {type(exc).__name__}{where} (a bug in oauthdoctor; please report it)"


def _tolerant_stdout() -> None:
    """Text read from a hostile input may hold what UTF-8 cannot encode (a JSON ``"\\ud800"`` escape decodes
    to a lone surrogate): it is written escaped (``\\ud800``), as stderr already does, not turned into a crash."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")


def run() -> NoReturn:
    """The console script's entry point (and ``python -m oauthdoctor``): ``main()`` in a process that ends with it.

    Start-up makes some 20,000 objects that live until the process ends (typer and click, then the command's
    modules). The cyclic garbage collector would walk them again in every full collection, and the interpreter's
    teardown would free them one by one after the answer is already written: together a tenth of an offline
    command's run, and more after a live ``diagnose``. So ``gc.freeze()`` moves the objects that exist before
    the command out of the collector's sight (objects made later are collected as usual), and once ``main()``
    has finished, ``_leave`` flushes the output and ends the process with the command's exit code. Nothing is
    left to tear down by then: files are written and closed, the event loop and its threads are shut down, and
    oauthdoctor registers no exit handlers. ``main()`` itself does neither, so a program or test that calls it
    in-process keeps its collector and gets its ``SystemExit``.

    The youngest generation is collected every ``GC_YOUNG_THRESHOLD`` allocations instead of every 700: the
    commands make objects that live (modules, records of a HAR), and at 700 the collector kept walking them.
    A command that starts and answers (a live ``diagnose`` included) now finishes before its first collection,
    and ``trace`` of a 100 MB HAR runs a fifth faster with the same peak memory. Cyclic garbage still goes, a
    little later.
    """
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    try:
        main()
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def _leave(code: object) -> NoReturn:
    """Exit as ``sys.exit(code)`` would (None is 0; a message is printed and is 1), after flushing the output
    and running the exit hooks (the anchors memo's write-back), without the interpreter's teardown
    (``os._exit``)."""
    message = "" if code is None or isinstance(code, int) else f"{code}\n"
    status = code if isinstance(code, int) else 1 if message else 0
    for stream, text in ((sys.stdout, ""), (sys.stderr, message)):
        if stream is None:  # started with the stream closed (2>&-)
            continue
        try:
            stream.write(text)
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (| head), or a stream already closed
            pass
    import atexit

    atexit._run_exitfuncs()
    os._exit(status)


def _fail(message: str, code: ExitCode) -> None:
    from oauthdoctor.redact import remembered, scrub_text

    message = scrub_text(message, remembered())
    if sys.stderr is not None:  # a closed stderr (2>&-) still gets the exit code
        sys.stderr.write(f"oauthdoctor: error: {message.splitlines()[0] if message else code.name}\n")
    sys.exit(int(code))
