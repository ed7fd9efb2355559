"""``oauthdoctor diff-redirect`` end to end: exit codes, JSON contract, Rich view, usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_redirect_support import ROOT, write_standin_profiles

from oauthdoctor.profiles.loader import ENV_VAR


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    directory = tmp_path_factory.mktemp("redirect-cli-profiles")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_VAR, "")
        write_standin_profiles(directory)
    yield {**os.environ, ENV_VAR: str(directory), "COLUMNS": "200", "NO_COLOR": "1"}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "oauthdoctor", "diff-redirect", *args], capture_output=True,
                          text=True, check=False, env=env, cwd=ROOT)


def test_accepted_exits_0_with_json(env: dict[str, str]) -> None:
    proc = run(env, "--format", "json", "http://127.0.0.1/cb", "http://127.0.0.1:8765/cb")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema_version"] == 1 and data["accepted"] is True and data["provider"] == "generic"
    assert data["matched"] == "http://127.0.0.1/cb" and data["closest"] == "http://127.0.0.1/cb"
    assert [d["kind"] for d in data["differences"]] == ["port"]
    assert data["differences"][0]["position"] == 17


def test_rejected_exits_1_and_names_the_newline(env: dict[str, str]) -> None:
    proc = run(env, "--format", "json", "https://app.example.com/cb", "https://app.example.com/cb\n")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["accepted"] is False and data["matched"] is None
    assert data["closest"] == "https://app.example.com/cb"
    diff = data["differences"][0]
    assert (diff["kind"], diff["registered"], diff["sent"], diff["position"]) == ("whitespace", "/cb", "/cb\n", 26)
    assert "LINE FEED" in diff["explanation"]


def test_repeatable_registered_and_provider(env: dict[str, str]) -> None:
    proc = run(env, "--format", "json", "--provider", "keycloak", "--registered", "https://k.example/app/*",
               "https://other.example/cb", "https://k.example/app/page?x=1")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["matched"] == "https://k.example/app/*" and data["rule"] == "exact+trailing-star-prefix"


def test_client_type_native(env: dict[str, str]) -> None:
    args = ("--provider", "oidc-provider", "--format", "json", "http://localhost/cb", "http://localhost:3000/cb")
    assert run(env, *args).returncode == 1
    assert run(env, "--client-type", "native", *args).returncode == 0


def test_rich_view_aligns_a_caret_under_the_first_difference(env: dict[str, str]) -> None:
    proc = run(env, "https://app.example.com/callback", "https://app.example.com/Callback")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("REJECTED  provider generic")
    closest = next(line for line in lines if line.startswith("closest"))
    sent = next(line for line in lines if line.startswith("sent"))
    caret = lines[lines.index(sent) + 1]
    assert closest.index("https") == sent.index("https")
    assert caret.index("^") == sent.index("Callback")
    assert any(line.startswith("fix: ") for line in lines)


def test_rich_view_makes_invisible_characters_visible(env: dict[str, str]) -> None:
    proc = run(env, "https://app.example.com/cb", "https://app.example.com/cb\u200b")
    assert "<U+200B>" in proc.stdout and "ZERO WIDTH SPACE" in proc.stdout


def test_unknown_provider_exits_2_with_close_matches(env: dict[str, str]) -> None:
    proc = run(env, "--provider", "gogle", "https://a.example/cb", "https://a.example/cb")
    assert proc.returncode == 2
    assert "unknown provider 'gogle'" in proc.stderr and "google" in proc.stderr
    assert proc.stderr.count("\n") == 1


@pytest.mark.parametrize("args", [("https://a.example/cb",), ("--client-type", "desktop", "a:b", "a:b"),
                                  ("--format", "xml", "a:b", "a:b")])
def test_usage_errors_exit_2(env: dict[str, str], args: tuple[str, ...]) -> None:
    proc = run(env, *args)
    assert proc.returncode == 2 and proc.stderr.startswith("oauthdoctor: error:")


def test_help_has_an_example(env: dict[str, str]) -> None:
    proc = run(env, "--help")
    assert proc.returncode == 0 and "Example: oauthdoctor diff-redirect" in proc.stdout


def test_json_path_imports_no_heavy_modules(env: dict[str, str]) -> None:
    probe = (
        "import sys\nfrom oauthdoctor.cli.app import main\n"
        "sys.argv=['oauthdoctor','diff-redirect','--format','json','https://a.test/cb','https://a.test/cb/']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('httpx','ntplib','pydantic','rich') if m in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, env=env,
                          cwd=ROOT)
    assert proc.stderr.strip().splitlines()[-1] == "[]"


def test_malformed_sent_is_a_rejection_not_a_crash(env: dict[str, str]) -> None:
    for sent in ("no scheme at all", "https://a.example/c b", "https://a.example/cb#frag"):
        proc = run(env, "--format", "json", "https://a.example/cb", sent)
        assert proc.returncode == 1, (sent, proc.stderr)
        assert json.loads(proc.stdout)["differences"], sent


def test_standin_dir_is_only_needed_before_the_merge(env: dict[str, str]) -> None:
    # Sanity for the helper itself: every written stand-in is a complete, loadable profile.
    for path in Path(env[ENV_VAR]).glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("id: ")


def test_omitted_with_one_registered_uri_names_the_uri_used(env: dict[str, str]) -> None:
    proc = run(env, "--omitted", "--format", "json", "https://a.example/cb")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["sent"], data["omitted"], data["redirect_to"], data["matched"]) == (
        None, True, "https://a.example/cb", "https://a.example/cb")
    assert [d["kind"] for d in data["differences"]] == ["omitted"]
    assert data["omission"]["when"] == "single_registered" and data["omission"]["basis"] == "confirmed"


def test_omitted_rich_view_says_what_the_server_uses_instead(env: dict[str, str]) -> None:
    proc = run(env, "--omitted", "--provider", "github", "https://a.example/one", "--registered",
               "https://a.example/two")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[1] == "sent      (no redirect_uri)"
    assert lines[2] == "uses      https://a.example/one"
    assert "the first registered URI (of 2)" in proc.stdout


def test_omitted_refused_by_doorkeeper_exits_1_with_the_fix(env: dict[str, str]) -> None:
    proc = run(env, "--omitted", "--provider", "doorkeeper", "https://a.example/cb")
    assert proc.returncode == 1
    assert "uses      nothing: the server refuses the request" in proc.stdout
    assert "fix: Send redirect_uri with exactly the registered URI: https://a.example/cb" in proc.stdout


def test_openid_makes_redirect_uri_required_on_spring(env: dict[str, str]) -> None:
    args = ("--omitted", "--provider", "spring-authorization-server", "--format", "json", "https://a.example/cb")
    assert run(env, *args).returncode == 0
    proc = run(env, "--openid", *args)
    assert proc.returncode == 1
    assert "OpenID Connect" in json.loads(proc.stdout)["differences"][0]["explanation"]


def test_nothing_registered_is_a_verdict_not_a_usage_error(env: dict[str, str]) -> None:
    omitted = run(env, "--omitted", "--format", "json")
    assert omitted.returncode == 1 and "nowhere to send" in omitted.stdout
    sent = run(env, "--none-registered", "--format", "json", "https://a.example/cb")
    assert sent.returncode == 1
    assert [d["kind"] for d in json.loads(sent.stdout)["differences"]] == ["not_registered"]


@pytest.mark.parametrize(("args", "message"), [
    (("not-a-uri", "https://a.example/cb"), "REGISTERED 'not-a-uri' is not an absolute URI"),
    (("a.example/cb", "https://a.example/cb"), "no scheme such as 'https:'"),
    (("--provider", "keycloak", "/relative", "https://a.example/cb"), "root URL"),
    (("", "https://a.example/cb"), "REGISTERED is empty"),
    (("http://[::1/cb", "http://[::1]/cb"), "opens '[' (an IPv6 address) and never closes it"),
    (("https://a.example:99999/cb", "https://a.example/cb"), "port '99999' is not a number from 0 to 65535"),
    (("https://a.example:8o80/cb", "https://a.example/cb"), "port '8o80' is not a number"),
    (("--omitted", "https://a.example/cb", "https://a.example/cb"), "leave SENT out"),
    (("--none-registered", "--registered", "https://a.example/x", "https://a.example/cb"), "contradict"),
    (("--none-registered",), "give only SENT"),
])
def test_bad_registered_or_flags_are_usage_errors(env: dict[str, str], args: tuple[str, ...], message: str) -> None:
    proc = run(env, *args)
    assert proc.returncode == 2, proc.stdout
    assert proc.stderr.startswith("oauthdoctor: error:") and message in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stdout == ""


def test_keycloak_bare_star_registration_is_not_a_usage_error(env: dict[str, str]) -> None:
    assert run(env, "--provider", "keycloak", "*", "https://a.example/cb").returncode == 0


def test_empty_sent_follows_the_server(env: dict[str, str]) -> None:
    # RFC 6749 §3.1: an empty parameter counts as omitted (generic); oauthlib checks 'is not None' (DOT).
    generic = json.loads(run(env, "--format", "json", "https://a.example/cb", "").stdout)
    assert (generic["accepted"], generic["omitted"], generic["sent"]) == (True, True, "")
    dot = run(env, "--provider", "django-oauth-toolkit", "--format", "json", "https://a.example/cb", "")
    assert dot.returncode == 1 and json.loads(dot.stdout)["differences"][0]["kind"] == "not_absolute"


def test_rich_view_at_60_columns_keeps_the_caret_on_the_character(env: dict[str, str]) -> None:
    uri = "https://app.example-company.com/oauth2/callbacks/handler"  # 56 characters (issue 13)
    proc = run({**env, "COLUMNS": "60"}, uri, uri.replace("handler", "Handler"))
    lines = proc.stdout.splitlines()
    assert all(len(line) <= 60 for line in lines)
    sent = next(i for i, line in enumerate(lines) if line.startswith("sent"))
    assert lines[sent][lines[sent + 1].index("^")] == "H"
