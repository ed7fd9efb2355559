"""Hostile input, as a guarantee: every case of ``tests/fixtures/hostile/`` against every command that reads it.

Each run is the installed console script in a subprocess. Every run must end within 2 s of its own CPU time
(scaled by ``hostile_cli.slowness()`` on a machine slower than the one the limits were set on),
with exit 0-3 — exit 2 with exactly one ``oauthdoctor: error:`` line that names the input — never exit 4 and
never a traceback, holding at most about three times its input in memory. Big inputs (100 MB, a 1 MB line,
100,000 nesting levels, /dev/zero) are generated into a temporary directory here, never committed; their
time limits are the benchmarked ones the README states ("Limits").
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from big_inputs import page_har, write_lines
from hostile_cli import ROOT, Run, run_cli, slowness, warmed_environment

CORPUS = ROOT / "tests" / "fixtures" / "hostile"
CPU_LIMIT = 2.0
BASELINE_MB = 80  # the interpreter, typer, rich, pydantic and the profiles: what a run holds besides its input
MiB = 1024 * 1024

# route: (arguments, with {f} for the input file and {d} for a profile directory holding it; fed on stdin?)
ROUTES: dict[str, tuple[tuple[str, ...], bool]] = {
    "check-env": (("check-env", "--format", "json", "{f}"), False),
    "check-env-rich": (("check-env", "{f}"), False),
    "diagnose-env-file": (("diagnose", "--offline", "--env-file", "{f}"), False),
    "diagnose-config": (("diagnose", "--offline", "--format", "sarif", "--config", "{f}"), False),
    "explain-file": (("explain", "@{f}"), False),
    "explain-stdin": (("explain", "--format", "json", "-"), True),
    "explain-jsonl": (("explain", "--jsonl", "{f}"), False),
    "trace": (("trace", "--format", "junit", "{f}"), False),
    "trace-stdin": (("trace", "-"), True),
    "providers-validate": (("providers", "validate", "{f}"), False),
    "providers-dir": (("--profiles", "{d}", "providers", "show", "generic", "--format", "json"), False),
}
# Which commands read which kind of file: each reader once (a route that adds only another output format of
# the same reader is left to the format tests). Bytes that are no text at all go to every reader.
GROUP_ROUTES: dict[str, tuple[str, ...]] = {
    "bytes": ("check-env", "diagnose-config", "explain-stdin", "explain-jsonl", "trace", "providers-validate",
              "providers-dir"),
    "env": ("check-env", "check-env-rich", "diagnose-env-file", "diagnose-config"),
    "yaml": ("check-env", "diagnose-env-file", "diagnose-config", "providers-validate", "providers-dir"),
    "json": ("explain-file", "explain-stdin", "explain-jsonl", "trace-stdin"),
    "capture": ("trace", "explain-jsonl", "explain-file"),
}
STDIN_NAMES = ("standard input", "<stdin>")

# What some cases must say beyond the general rules: (case, route) -> exit code and a regex of stderr.
EXPECT: dict[tuple[str, str], tuple[int, str]] = {
    ("latin1.env", "check-env"): (2, r"latin1\.env: not an env file \(not UTF-8 at line 1, column 20, byte 19"),
    ("utf16-le-bom.env", "check-env"): (2, r"utf16-le-bom\.env: not an env file \(UTF-16 text"),
    ("binary.bin", "providers-validate"): (2, r"binary\.bin:1: \(file\): not a provider profile \(binary content\)"),
    ("binary.bin", "diagnose-config"): (2, r"binary\.bin: not a YAML config file \(binary content\)"),
    ("billion-laughs-scopes.yaml", "diagnose-config"): (2, r"billion-laughs-scopes\.yaml:1:10: .*alias"),
    ("billion-laughs.yaml", "providers-validate"): (2, r"billion-laughs\.yaml:\d+: \(yaml\): .*alias"),
    ("merge-bomb-compose.yaml", "check-env"): (2, r"expand beyond 200000 nodes"),
    ("merge-cycle.yaml", "check-env"): (2, r"merge keys nested more than 32 deep"),
    ("duplicate-keys-config.yaml", "diagnose-config"): (2, r"duplicate-keys-config\.yaml:2:1: .*duplicate key "
                                                           r"'client_id' \(first written on line 1\)"),
    ("profile-duplicate-keys.yaml", "providers-validate"): (2, r":3: \(yaml\): .*duplicate key 'id'"),
    ("python-tag.yaml", "diagnose-config"): (2, r"python-tag\.yaml:1:\d+: not valid YAML"),
    ("har-truncated.har", "trace"): (2, r"har-truncated\.har: truncated at byte \d+"),
    ("har-version-2.har", "trace"): (2, r"HAR version '2\.0' is not supported"),
    ("har-entries-object.har", "trace"): (2, r"har-entries-object\.har: not a HAR: Expected `array \| null`"),
    ("exchange-log-bad-line.jsonl", "trace"): (2, r"exchange-log-bad-line\.jsonl: line 2 is not JSON"),
    ("jsonl-all-bad.jsonl", "explain-jsonl"): (2, r"no line of .*jsonl-all-bad\.jsonl is a JSON object"),
    ("jsonl-one-bad-line.jsonl", "explain-jsonl"): (0, r"explained 3 line\(s\): 2 decided, 0 inconclusive"),
    ("unknown-provider.env", "diagnose-env-file"): (2, r"unknown provider 'no-such-idp'"),
}


def cases() -> list[tuple[str, str, str]]:
    """(group, file name, route) for every file of the corpus and every command that reads its kind."""
    found = []
    for group, routes in GROUP_ROUTES.items():
        for path in sorted((CORPUS / group).iterdir()):
            found += [(group, path.name, route) for route in routes]
    return found


def command(route: str, path: Path, profile_dir: Path) -> tuple[list[str], Path | None]:
    template, on_stdin = ROUTES[route]
    args = [a.replace("{f}", str(path)).replace("{d}", str(profile_dir)) for a in template]
    return args, path if on_stdin else None


def check(run: Run, name: str, route: str, *, cpu_limit: float = CPU_LIMIT, input_bytes: int = 0) -> None:
    """The general guarantee, plus the case's own expectation when it has one."""
    what = run.describe()
    assert not run.killed, what
    assert run.code in (0, 1, 2, 3), what
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, what
    assert run.cpu < cpu_limit * slowness(), f"{what} (limit {cpu_limit} s x {slowness():.2f}, this machine)"
    assert run.peak_mb < BASELINE_MB + 3 * input_bytes / MiB, what
    if run.code == 2:
        lines = run.stderr.strip().splitlines()
        if route == "providers-validate" and not lines[-1].startswith("oauthdoctor: error: "):
            assert lines and all(re.match(rf"^.*{re.escape(name)}:\d+: ", line) for line in lines), what
        else:
            errors = [line for line in lines if line.startswith("oauthdoctor: error: ")]
            assert len(errors) == 1 and errors[0] == lines[-1], what
            named = (name, *STDIN_NAMES) if ROUTES.get(route, ((), route.endswith("stdin")))[1] else (name,)
            assert any(n in errors[0] for n in named), what
    expected = EXPECT.get((name, route))
    if expected is not None:
        assert run.code == expected[0] and re.search(expected[1], run.stderr), what


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A private profile cache, warmed once, so every run reads profiles the way an installed tool does."""
    return warmed_environment(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def corpus_runs(environment: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str],
                                                                                                 Run]:
    """Every (case, route) run, two at a time (the development machine has two cores; CPU time is per run)."""
    dirs = tmp_path_factory.mktemp("profile-dirs")

    def one(item: tuple[str, str, str]) -> tuple[tuple[str, str], Run]:
        group, name, route = item
        path = CORPUS / group / name
        profile_dir = dirs / f"{group}-{name}"
        if route == "providers-dir" and not profile_dir.exists():
            profile_dir.mkdir()
            shutil.copyfile(path, profile_dir / f"{Path(name).stem or 'x'}.yaml")
        args, stdin = command(route, path, profile_dir)
        return (name, route), run_cli(args, stdin=stdin, env=environment)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, cases()))


def test_the_corpus_is_big_enough() -> None:
    files = {(group, name) for group, name, _ in cases()}
    assert len(files) >= 60
    assert len(cases()) >= 400


@pytest.mark.parametrize(("group", "name", "route"), cases(), ids=lambda v: str(v))
def test_every_case_ends_cleanly(corpus_runs: dict[tuple[str, str], Run], group: str, name: str,
                                 route: str) -> None:
    check(corpus_runs[(name, route)], name, route)


def test_every_expectation_names_a_case() -> None:
    known = {(name, route) for _, name, route in cases()}
    assert set(EXPECT) <= known


# --- big inputs, generated here ------------------------------------------------------------------------------

BIG = 100 * 1000 * 1000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The generated inputs, written once per module."""
    import json

    d = tmp_path_factory.mktemp("big")
    nest = 100_000
    made = {
        "env-100mb.env": write_lines(d / "env-100mb.env", b"SOME_SETTING_NAME=some value of moderate length\n", BIG),
        "body-100mb.json": d / "body-100mb.json",
        "log-100mb.jsonl": write_lines(d / "log-100mb.jsonl", json.dumps(
            {"status": 400, "body": {"error": "invalid_grant", "error_description": "y" * 200}}).encode() + b"\n",
            BIG),
        "exchanges-100mb.jsonl": write_lines(d / "exchanges-100mb.jsonl", json.dumps(
            {"time": "2026-12-05T10:00:00Z", "method": "GET", "url": "https://app.example.com/x", "status": 200,
             "response_body": "z" * 300}).encode() + b"\n", BIG),
        "page-traffic-100mb.har": page_har(d / "page-traffic-100mb.har", BIG),
        "line-1mb.env": d / "line-1mb.env",
        "nest-100k.json": d / "nest-100k.json",
        "nest-100k-object.json": d / "nest-100k-object.json",
        "nest-100k.yaml": d / "nest-100k.yaml",
        "lines-over-limit.env": write_lines(d / "lines-over-limit.env", b"A=1\n", 200_000),
    }
    made["body-100mb.json"].write_bytes(
        b'{"error": "invalid_grant", "error_description": "' + b"d" * BIG + b'"}')
    made["line-1mb.env"].write_bytes(b"OAUTH_CLIENT_ID=app\nOAUTH_REDIRECT_URI=https://app.example.com/"
                                     + b"p" * 1_000_000 + b"\nOAUTH_CLIENT_SECRET=" + b"s" * 20 + b"\n")
    made["nest-100k.json"].write_bytes(b"[" * nest + b"]" * nest)
    made["nest-100k-object.json"].write_bytes(b'{"a":' * nest + b"1" + b"}" * nest)
    made["nest-100k.yaml"].write_bytes(b"client_id: " + b"[" * nest + b"]" * nest + b"\n")
    return made


# (input, route, CPU seconds allowed, whether the input counts towards the memory allowance). 100 MB inputs
# that are not configuration are read whole: their limits are the benchmarked ones in the README.
BIG_RUNS: list[tuple[str, str, float]] = [
    *(("env-100mb.env", r, CPU_LIMIT) for r in GROUP_ROUTES["env"]),
    ("env-100mb.env", "providers-validate", CPU_LIMIT),
    ("env-100mb.env", "providers-dir", CPU_LIMIT),
    ("body-100mb.json", "explain-file", 4.0),
    ("body-100mb.json", "explain-stdin", 4.0),
    ("body-100mb.json", "trace", 4.0),
    ("body-100mb.json", "check-env", CPU_LIMIT),
    ("log-100mb.jsonl", "explain-jsonl", 8.0),
    ("log-100mb.jsonl", "trace", 8.0),
    ("exchanges-100mb.jsonl", "trace", 8.0),
    ("exchanges-100mb.jsonl", "explain-jsonl", 8.0),
    ("page-traffic-100mb.har", "trace", 6.0),
    ("page-traffic-100mb.har", "trace-stdin", 6.0),
    ("page-traffic-100mb.har", "explain-jsonl", 4.0),
    ("page-traffic-100mb.har", "explain-file", 4.0),
    *(("line-1mb.env", r, CPU_LIMIT) for r in GROUP_ROUTES["env"]),
    *(("nest-100k.json", r, CPU_LIMIT) for r in GROUP_ROUTES["json"]),
    *(("nest-100k-object.json", r, CPU_LIMIT) for r in GROUP_ROUTES["json"]),
    ("nest-100k.json", "diagnose-config", CPU_LIMIT),
    *(("nest-100k.yaml", r, CPU_LIMIT) for r in GROUP_ROUTES["yaml"]),
    *(("lines-over-limit.env", r, CPU_LIMIT) for r in ("check-env", "diagnose-env-file", "diagnose-config")),
]


@pytest.mark.parametrize(("name", "route", "cpu"), BIG_RUNS, ids=lambda v: str(v))
def test_big_inputs_end_within_their_limits(big: dict[str, Path], environment: dict[str, str],
                                            tmp_path: Path, name: str, route: str, cpu: float) -> None:
    path = big[name]
    profile_dir = tmp_path / "profiles"
    if route == "providers-dir":
        profile_dir.mkdir()
        os.symlink(path, profile_dir / f"{name}.yaml")
    args, stdin = command(route, path, profile_dir)
    run = run_cli(args, stdin=stdin, env=environment)
    check(run, name, route, cpu_limit=cpu, input_bytes=path.stat().st_size)


@pytest.mark.parametrize(("name", "route", "message"), [
    ("env-100mb.env", "check-env", r"too large for an env file \([\d,]+ bytes; the limit is 1 MiB\)"),
    ("env-100mb.env", "diagnose-config", r"too large for a YAML config file"),
    ("lines-over-limit.env", "check-env", r"too many lines for an env file \([\d,]+; the limit is 10,000\)"),
    ("nest-100k.yaml", "diagnose-config", r"nest-100k\.yaml:1:\d+: not valid YAML: exceeded maximum nesting depth"),
    ("nest-100k-object.json", "trace", r"nest-100k-object\.json: .*nested too deeply"),
    ("page-traffic-100mb.har", "explain-jsonl", r"explained 1 line\(s\): 0 decided, 0 inconclusive"),
])
def test_big_inputs_say_why(big: dict[str, Path], environment: dict[str, str], name: str, route: str,
                            message: str) -> None:
    args, stdin = command(route, big[name], big[name].parent)
    run = run_cli(args, stdin=stdin, env=environment)
    assert re.search(message, run.stderr), run.describe()


def test_the_100mb_har_is_traced_and_its_failure_found(big: dict[str, Path], environment: dict[str, str]) -> None:
    run = run_cli(["trace", "--format", "json", str(big["page-traffic-100mb.har"])], env=environment)
    assert run.code == 1, run.describe()
    assert '"token_error"' in run.stdout and '"invalid_grant"' in run.stdout


# --- devices, links, pipes, closed descriptors, permissions --------------------------------------------------

DEVICE_ROUTES = ("check-env", "diagnose-config", "explain-file", "trace", "providers-validate", "explain-jsonl")


@pytest.mark.parametrize("route", DEVICE_ROUTES)
def test_dev_zero_is_refused_after_the_limit(environment: dict[str, str], route: str) -> None:
    if route == "explain-jsonl":  # one endless line: skipped in chunks, forever; a bounded device instead
        pytest.skip("--jsonl streams: /dev/zero never ends a line; covered by the 8 MiB line case")
    args, stdin = command(route, Path("/dev/zero"), Path("/nonexistent"))
    run = run_cli(args, stdin=stdin, env=environment, timeout=30)
    check(run, "zero", route, cpu_limit=CPU_LIMIT, input_bytes=2 * 256 * MiB)
    assert run.code == 2 and "too large" in run.stderr, run.describe()


def _odd_paths(tmp: Path) -> dict[str, Path]:
    (tmp / "file.env").write_text("OAUTH_CLIENT_ID=app\n")
    (tmp / "loop-a").symlink_to(tmp / "loop-b")
    (tmp / "loop-b").symlink_to(tmp / "loop-a")
    (tmp / "dangling").symlink_to(tmp / "nowhere")
    (tmp / "a-directory.yaml").mkdir()
    return {
        "missing": tmp / "does-not-exist.env",
        "not-a-directory": tmp / "file.env" / "child.env",
        "symlink-loop": tmp / "loop-a",
        "dangling-symlink": tmp / "dangling",
        "name-too-long": tmp / ("n" * 300),
        "directory": tmp / "a-directory.yaml",
    }


ODD = ("missing", "not-a-directory", "symlink-loop", "dangling-symlink", "name-too-long", "directory")
FILE_READERS = ("check-env", "diagnose-config", "explain-file", "explain-jsonl", "trace", "providers-validate")


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("route", FILE_READERS)
def test_paths_that_cannot_be_read_name_themselves(environment: dict[str, str], tmp_path: Path, odd: str,
                                                   route: str) -> None:
    path = _odd_paths(tmp_path)[odd]
    args, stdin = command(route, path, tmp_path)
    run = run_cli(args, stdin=stdin, env=environment)
    check(run, path.name, route)
    if not (odd == "directory" and route == "providers-validate"):  # it validates the profiles in a directory
        assert run.code == 2, run.describe()


def test_a_directory_of_profiles_that_is_a_file_or_missing(environment: dict[str, str], tmp_path: Path) -> None:
    file = tmp_path / "profiles.yaml"
    file.write_text("id: x\n")
    for where in (file, tmp_path / "missing"):
        run = run_cli(["--profiles", str(where), "providers", "list", "--format", "json"], env=environment)
        check(run, where.name, "providers-dir")
        assert run.code == 2 and f"--profiles {where}: not a directory" in run.stderr, run.describe()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads a file whatever its mode")
@pytest.mark.parametrize("route", FILE_READERS)
def test_an_unreadable_file_is_named(environment: dict[str, str], tmp_path: Path, route: str) -> None:
    path = tmp_path / "secret.env"
    path.write_text("OAUTH_CLIENT_ID=app\n")
    path.chmod(0)
    args, stdin = command(route, path, tmp_path)
    run = run_cli(args, stdin=stdin, env=environment)
    check(run, "secret.env", route)
    assert run.code == 2 and "Permission denied" in run.stderr, run.describe()


@pytest.mark.parametrize("route", ["explain-file", "check-env", "trace", "diagnose-env-file"])
def test_a_named_pipe_is_read_like_a_file(environment: dict[str, str], tmp_path: Path, route: str) -> None:
    """``explain @<(curl ...)`` hands over a pipe: read to its end, like a file."""
    fifo = tmp_path / "pipe.env"
    os.mkfifo(fifo)
    content = {"explain-file": b'{"error": "invalid_grant"}', "trace": b"not a capture\n"}.get(
        route, b"OAUTH_CLIENT_ID=app\n")

    def feed() -> None:
        with open(fifo, "wb") as writer:
            writer.write(content)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    args, stdin = command(route, fifo, tmp_path)
    run = run_cli(args, stdin=stdin, env=environment, timeout=20)
    writer.join(5)
    check(run, "pipe.env", route)


CLOSED_STDIN = [("explain", "-"), ("explain", "--jsonl", "-"), ("trace", "-"), ("explain",)]


@pytest.mark.parametrize("args", CLOSED_STDIN, ids=" ".join)
def test_a_closed_stdin_is_a_usage_error(environment: dict[str, str], args: tuple[str, ...]) -> None:
    run = run_cli(list(args), close_stdin=True, env=environment)
    if "-" in args:
        check(run, "standard input", "closed-stdin")
        assert run.code == 2 and "closed: nothing to read" in run.stderr, run.describe()
    else:  # nothing to read from, and nothing given: the usage line
        assert run.code == 2 and "give the response body" in run.stderr, run.describe()


CLOSED_STDOUT = [("explain", '{"error":"invalid_grant"}'), ("providers", "list"),
                 ("diagnose", "--offline", "--client-id", "app"), ("check-env", "--list-rules"),
                 ("diff-redirect", "https://a.example/cb", "https://a.example/cb/")]


@pytest.mark.parametrize("args", CLOSED_STDOUT, ids=" ".join)
def test_a_closed_stdout_is_a_usage_error(environment: dict[str, str], args: tuple[str, ...]) -> None:
    run = run_cli(list(args), close_stdout=True, env=environment)
    check(run, "standard output", "closed-stdout")
    assert run.code == 2 and "standard output is closed" in run.stderr, run.describe()


# --- hostile arguments -------------------------------------------------------------------------------------------

TEN_KB_URI = "https://app.example.com/" + "segment/" * 1280
RLO, ZWSP = "\u202e", "\u200b"
ARGUMENTS: list[tuple[str, ...]] = [
    # diff-redirect: URIs of 10 kB, bidi overrides, zero-width characters, IDNA and broken hosts
    ("diff-redirect", TEN_KB_URI, TEN_KB_URI + "x"),
    ("diff-redirect", "https://app.example.com/cb", f"https://app.example.com/{RLO}bc"),
    ("diff-redirect", "https://app.example.com/cb", f"https://app{ZWSP}.example.com/cb"),
    ("diff-redirect", "https://bücher.example/cb", "https://xn--bcher-kva.example/cb"),
    ("diff-redirect", "https://xn--zz.example/cb", "https://xn--.example/cb"),
    ("diff-redirect", "http://[::1/cb", "http://[::1]:99999/cb"),
    ("diff-redirect", "https://user:pa@ss@app.example.com/cb", "https:\\\\app.example.com\\cb"),
    ("diff-redirect", "https://app.example.com/cb%00", "https://app.example.com/cb%"),
    ("diff-redirect", "", " "),
    ("diff-redirect", "https:", "//"),
    ("diff-redirect", "https://app.example.com/cb?" + "&".join(f"p{i}=v" for i in range(2000)),
     "https://app.example.com/cb?"),
    ("diff-redirect", "--provider", "no-such-idp", "https://a.example/cb", "https://a.example/cb"),
    ("diff-redirect", "--omitted", "https://a.example/cb", "https://a.example/cb"),
    ("diff-redirect", "--none-registered", "--registered", "https://a.example/cb"),
    ("diff-redirect", "--provider", "", "https://a.example/cb", "https://a.example/cb"),
    # diagnose: flags with hostile values, contradictions, unknown ids
    ("diagnose", "--offline", "--active", "--client-id", "app"),
    ("diagnose", "--offline", "--probe", "config", "--skip", "config"),
    ("diagnose", "--offline", "--probe", "no-such-probe"),
    ("diagnose", "--offline", "--provider", "no-such-idp"),
    ("diagnose", "--offline", "--redirect-uri", TEN_KB_URI, "--registered-redirect-uri", f"{TEN_KB_URI}{RLO}"),
    ("diagnose", "--offline", "--token-url", "https://[::1", "--client-id", "app", "--client-secret", "x" * 40),
    ("diagnose", "--offline", "--token-url", "http://xn--zz/token", "--issuer", "javascript:alert(1)"),
    ("diagnose", "--offline", "--timeout", "-1"),
    ("diagnose", "--offline", "--timeout", "nan"),
    ("diagnose", "--offline", "--timeout", "inf", "--client-id", "app"),
    ("diagnose", "--offline", "--ntp-server", "[::1"),
    ("diagnose", "--offline", "--ntp-server", "host:0"),
    ("diagnose", "--offline", "--trust-host", "a b"),
    ("diagnose", "--offline", "--last-error", "{" * 50_000),
    ("diagnose", "--offline", "--last-error", '{"error": "' + "e" * 100_000 + '"}', "--client-id", "app"),
    ("diagnose", "--offline", "--env-file", "-"),
    ("diagnose", "--offline", "--config", ""),
    # explain: odd statuses, headers with escapes, empty and unknown things
    ("explain", "--status", "99999", "{}"),
    ("explain", "--status", "-1", '{"error": "invalid_grant"}'),
    ("explain", "--header", "X-Evil: \x1b[31mred\x1b]8;;https://evil.example\x07",
     "--header", "Retry-After: " + "9" * 400,
     '{"error": "temporarily_unavailable"}'),
    ("explain", "--header", "no colon", "{}"),
    ("explain", "--provider", "", '{"error": "invalid_grant"}'),
    ("explain", "--url", "not a url at all \u202e", '{"error": "invalid_grant"}'),
    ("explain", "{"),
    ("explain", "@"),
    ("explain", "--jsonl", "-", "{}"),
    # check-env, trace, providers
    ("check-env",),
    ("check-env", "--provider", "no-such-idp", "tests/fixtures/env/clean.production.env"),
    ("check-env", "--rule", "value-quote", "--ignore", "value-quote", "tests/fixtures/env/clean.production.env"),
    ("check-env", "tests/fixtures/env/clean.production.env", "tests/fixtures/env/clean.production.env"),
    ("check-env", "/dev/null"),
    ("trace",),
    ("trace", "-", "-"),
    ("trace", "--since", "yesterday", "tests/fixtures/trace/refresh_race.jsonl"),
    ("trace", "--since", "2026-12-31", "--until", "2026-01-01", "tests/fixtures/trace/refresh_race.jsonl"),
    ("trace", "--provider", "no-such-idp", "tests/fixtures/trace/refresh_race.jsonl"),
    ("providers", "show", "no-such-idp"),
    ("providers", "show", ""),
    ("providers", "validate", "tests/fixtures/hostile"),
    ("no-such-command",),
    ("--profiles",),
]


@pytest.mark.parametrize("args", ARGUMENTS, ids=lambda a: " ".join(x[:40] for x in a)[:120])
def test_hostile_arguments_end_cleanly(environment: dict[str, str], args: tuple[str, ...]) -> None:
    run = run_cli(list(args), env=environment)
    what = run.describe()
    assert not run.killed and run.code in (0, 1, 2, 3), what
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, what
    assert run.cpu < CPU_LIMIT, what
    if run.code == 2 and args[:2] != ("providers", "validate"):
        errors = [line for line in run.stderr.strip().splitlines() if line.startswith("oauthdoctor: error: ")]
        assert len(errors) == 1, what


CONTRADICTIONS = {
    ("diagnose", "--offline", "--active", "--client-id", "app"): "--offline and --active contradict each other",
    ("diagnose", "--offline", "--probe", "config", "--skip", "config"): "--probe and --skip both name config",
    ("check-env", "--rule", "value-quote", "--ignore", "value-quote", "tests/fixtures/env/clean.production.env"):
        "--rule and --ignore both name value-quote",
    ("trace", "--since", "2026-12-31", "--until", "2026-01-01", "tests/fixtures/trace/refresh_race.jsonl"):
        "--since 2026-12-31 is after --until 2026-01-01",
}


@pytest.mark.parametrize("args", list(CONTRADICTIONS), ids=" ".join)
def test_contradictory_flags_are_usage_errors(environment: dict[str, str], args: tuple[str, ...]) -> None:
    run = run_cli(list(args), env=environment)
    assert run.code == 2 and f"oauthdoctor: error: {CONTRADICTIONS[args]}" in run.stderr, run.describe()


