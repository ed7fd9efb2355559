"""``oauthdoctor explain`` through the real CLI: exit codes, exact JSON fields, batch mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_classify_support import merged_profile_dir

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ["schema_version", "class", "cause", "decision", "provider", "status", "normalized_status", "error",
          "error_description", "provider_code", "summary", "hints", "references", "candidates", "basis",
          "confidence"]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    directory = merged_profile_dir(tmp_path_factory.mktemp("profiles"))
    return {**os.environ, "OAUTHDOCTOR_PROFILES": str(directory)}


def cli(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "oauthdoctor", "explain", *args], capture_output=True, text=True,
                          input="" if stdin is None else stdin, env=env, cwd=ROOT, check=False)


def test_json_output_has_exactly_the_contract_fields(env: dict[str, str]) -> None:
    body = ('{"error":"invalid_grant","error_description":'
            '"AADSTS700082: The refresh token has expired due to inactivity."}')
    result = cli(env, "--format", "json", "--status", "400", "--provider", "entra", body)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == FIELDS
    assert {k: data[k] for k in FIELDS[:10]} == {
        "schema_version": 1, "class": "invalid_grant", "cause": "refresh_token_inactive", "decision": "reauth",
        "provider": "microsoft", "status": 400, "normalized_status": 400, "error": "invalid_grant",
        "error_description": "AADSTS700082: The refresh token has expired due to inactivity.",
        "provider_code": "AADSTS700082",
    }
    assert data["basis"] == "confirmed"  # the Entra code table was read in Microsoft's own reference (#15)


def test_curl_i_from_stdin_and_headers_option(env: dict[str, str]) -> None:
    raw = "HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain\r\n\r\nslow down\r\n"
    result = cli(env, "--format", "json", "-", stdin=raw)
    data = json.loads(result.stdout)
    assert (result.returncode, data["status"], data["class"], data["decision"]) == (0, 429, "rate_limited", "retry")
    result = cli(env, "--format", "json", "--status", "429", "--header", "Retry-After: 120", "")
    assert "Back off per Retry-After: wait 120 before the next attempt." in json.loads(result.stdout)["hints"]


def test_at_file_and_unreadable_file(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "body.json"
    path.write_text('{"ok":false,"error":"token_revoked"}')
    data = json.loads(cli(env, "--format", "json", "--status", "200", f"@{path}").stdout)
    assert (data["provider"], data["class"], data["cause"]) == ("slack", "invalid_token", "token_revoked")
    missing = cli(env, "--format", "json", f"@{tmp_path / 'nope.json'}")
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"oauthdoctor: error: {tmp_path / 'nope.json'}: cannot read: ")
    assert missing.stdout == ""
    assert missing.stderr.rstrip("\n").endswith("(a body that itself starts with '@' goes on standard input: -)")
    assert missing.stderr.count("\n") == 1


def test_a_pasted_log_starting_with_at_is_a_body_not_a_file(env: dict[str, str]) -> None:
    """A monorepo's dev log line (``@scope/app:dev: ...``) pasted whole: no file name holds a line break, so the
    text is the body (it was refused as a missing file whose name was the first line)."""
    body = ("@calcom/web:dev: 23:24:16.998 ERROR [[lib] google_calendar Error refreshing google token\n"
            "@calcom/web:dev:     data: {\n@calcom/web:dev:       error: 'invalid_grant',\n"
            "@calcom/web:dev:       error_description: 'Token has been expired or revoked.'\n@calcom/web:dev:     },")
    result = cli(env, "--format", "json", body)
    assert (result.returncode, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert (data["provider"], data["class"], data["error"], data["decision"]) == (
        "google", "invalid_grant", "invalid_grant", "reauth")


def test_a_files_path_without_the_at_is_read_too(env: dict[str, str], tmp_path: Path) -> None:
    """'explain error.json' as a new user types it: an existing file's path is its body; a bare code or a body is
    still the text itself."""
    path = tmp_path / "error.json"
    path.write_text('{"ok":false,"error":"token_revoked"}')
    data = json.loads(cli(env, "--format", "json", "--status", "200", str(path)).stdout)
    assert (data["provider"], data["class"], data["cause"]) == ("slack", "invalid_token", "token_revoked")
    code = json.loads(cli(env, "--format", "json", "invalid_grant").stdout)
    assert (code["class"], code["decision"]) == ("invalid_grant", "reauth")
    missing = cli(env, "--format", "json", str(tmp_path / "nope.json"))  # not a file: read as the text it is
    assert (missing.returncode, json.loads(missing.stdout)["class"]) == (3, "unknown")


def test_unknown_provider_and_bad_header_exit_2(env: dict[str, str]) -> None:
    assert cli(env, "--provider", "no-such-idp", "{}").returncode == 2
    bad = cli(env, "--header", "no colon here", "{}")
    assert (bad.returncode, bad.stderr.strip()) == (
        2, "oauthdoctor: error: --header must look like 'Name: value', got 13 characters without a name and ':' "
           "(starting 'no')")
    assert cli(env).returncode == 2


def test_text_without_oauth_meaning_is_inconclusive_exit_3(env: dict[str, str]) -> None:
    """Issue #11: garbage used to be labelled FIX CONFIG with exit 0."""
    result = cli(env, "--format", "json", "hello world")
    data = json.loads(result.stdout)
    assert (result.returncode, data["class"], data["decision"]) == (3, "unknown", "none")
    rich = cli(env, "\x01\x02 lorem ipsum dolor sit amet")  # words that speak of no authorization step
    assert rich.returncode == 3
    lines = rich.stdout.splitlines()
    assert lines[0].startswith("╭─ Inconclusive ─")  # the headline panel leads with the answer
    assert "no OAuth error was recognised; nothing was decided" in lines[1]
    assert "FIX CONFIG" not in rich.stdout


def test_a_failure_text_nothing_reads_exits_3_and_shows_its_lean_as_a_lean(env: dict[str, str]) -> None:
    """Round thirty-five: a failure report nothing reads stays inconclusive; the base rate's lean is shown as one."""
    data = json.loads(cli(env, "--format", "json", "Sync job failed: record 42 is invalid").stdout)
    assert (data["class"], data["cause"], data["decision"], data["confidence"]) == (
        "unknown", "unrecognised_response", "fix_config", "low")
    rich = cli(env, "Sync job failed: record 42 is invalid")
    assert rich.returncode == 3
    lines = rich.stdout.splitlines()
    assert lines[0].startswith("╭─ Inconclusive (lean: fix_config, low confidence) ─")
    assert "no OAuth error was recognised; the lean is a rule of thumb" in lines[1]


EMPTY = "is empty: nothing to explain (give the body, --status or --header)"


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (("",), None, f"oauthdoctor: error: the response {EMPTY}"),
    (("-",), "", f"oauthdoctor: error: standard input {EMPTY}"),
    (("  \n",), None, f"oauthdoctor: error: the response {EMPTY}"),
])
def test_empty_response_is_an_input_error_exit_2(env: dict[str, str], args: tuple[str, ...], stdin: str | None,
                                                 message: str) -> None:
    result = cli(env, *args, stdin=stdin)
    assert (result.returncode, result.stdout, result.stderr.strip()) == (2, "", message)


def test_empty_body_with_a_status_is_explained(env: dict[str, str]) -> None:
    result = cli(env, "--format", "json", "--status", "503", "")
    assert (result.returncode, json.loads(result.stdout)["decision"]) == (0, "retry")


def test_rich_output_leads_with_the_decision(env: dict[str, str]) -> None:
    body = ('{"error":"invalid_client","error_description":'
            '"AADSTS7000222: The provided client secret keys are expired."}')
    result = cli(env, "--provider", "microsoft", "--status", "401", body)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("╭─ Decision: fix_config ─")
    assert lines[1].split("│")[1].strip() == "change the configuration; a retry or a new grant alone fails again"
    assert "client_secret_expired" in result.stdout
    words = " ".join(result.stdout.split())
    assert "Look AADSTS7000222 up at https://login.microsoftonline.com/error?code=7000222" in words


def test_jsonl_batch_keeps_order_survives_bad_lines_and_summarises(env: dict[str, str], tmp_path: Path) -> None:
    lines = [
        json.dumps({"status": 400, "body": '{"error":"invalid_grant","error_description":"Stale token"}',
                    "provider": "keycloak"}),
        "this is not json",
        json.dumps({"status": 503, "headers": {"Retry-After": "5"}, "body": ""}),
        json.dumps([1, 2]),
        json.dumps({"status": 200, "body": {"ok": False, "error": "invalid_auth"}}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = cli(env, "--jsonl", str(path))
    assert result.returncode == 0, result.stderr
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["class"] for o in out] == ["invalid_grant", "unknown", "temporarily_unavailable", "unknown",
                                         "invalid_token"]
    assert out[0]["cause"] == "refresh_token_reused_after_rotation"
    assert out[1]["parse_error"].startswith("line 2 is not valid JSON: ")
    assert out[3]["parse_error"] == "line 4 is not a JSON object"
    assert "parse_error" not in out[0]
    assert out[4]["provider"] == "slack"
    assert [o["decision"] for o in out] == ["reauth", "none", "retry", "none", "fix_config"]
    # Issue #11: unreadable lines are counted apart, not as decisions.
    assert result.stderr.splitlines() == [
        "explained 5 line(s): 3 decided, 0 inconclusive (no OAuth error recognised), 2 unreadable",
        "unreadable lines: 2, 4",
        "by decision: reauth 1, retry 1, fix_config 1",
        "by class: invalid_grant 1, temporarily_unavailable 1, invalid_token 1",
        "top causes: refresh_token_reused_after_rotation 1, token_service_unavailable 1, ambiguous 1",
    ]


def test_jsonl_repeated_unreadable_line_names_its_own_line_number(env: dict[str, str]) -> None:
    # the answer to a repeated unreadable line is made once and only its line number changes
    stdin = "not json\n[1]\nnot json\n" + json.dumps({"status": 400, "body": "x\u0000"}) + "\n[1]\nnot json\n"
    result = cli(env, "--jsonl", "-", stdin=stdin)
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(o.get("parse_error") or "")[:24] for o in out] == [
        "line 1 is not valid JSON", "line 2 is not a JSON obj", "line 3 is not valid JSON", "",
        "line 5 is not a JSON obj", "line 6 is not valid JSON"]
    assert out[5]["summary"] == "Input line 6 could not be read as a JSON object."
    assert out[3]["error_description"] == "x\u0000"  # a NUL in a readable line's text is that text's, untouched
    assert result.stderr.splitlines()[1] == "unreadable lines: 1, 2, 3, 5, 6"


def test_jsonl_with_nothing_decided_exits_3_and_nothing_readable_exits_2(env: dict[str, str]) -> None:
    inconclusive = cli(env, "--jsonl", "-", stdin='{"status": 404, "body": "Not Found"}\n')
    assert inconclusive.returncode == 3
    answer = json.loads(inconclusive.stdout)  # nothing recognised: only the base rate's lean, which decides nothing
    assert (answer["class"], answer["cause"], answer["decision"], answer["confidence"]) == (
        "unknown", "unrecognised_response", "fix_config", "low")
    assert inconclusive.stderr.splitlines()[0] == (
        "explained 1 line(s): 0 decided, 1 inconclusive (no OAuth error recognised), 0 unreadable")
    unreadable = cli(env, "--jsonl", "-", stdin="not json\n[1]\n")
    assert unreadable.returncode == 2
    assert unreadable.stderr.splitlines()[-1] == "oauthdoctor: error: no line of standard input is a JSON object"
    assert [json.loads(x)["cause"] for x in unreadable.stdout.splitlines()] == ["unreadable_input"] * 2
    assert cli(env, "--jsonl", "-", stdin="").returncode == 0


def test_jsonl_from_stdin_and_unreadable_jsonl_file(env: dict[str, str], tmp_path: Path) -> None:
    result = cli(env, "--jsonl", "-", stdin='{"status": 400, "body": "{\\"error\\":\\"invalid_scope\\"}"}\n')
    assert json.loads(result.stdout)["class"] == "invalid_scope"
    assert cli(env, "--jsonl", str(tmp_path / "missing.jsonl")).returncode == 2


def test_jsonl_caps_a_long_value_and_keeps_a_short_one_whole(env: dict[str, str]) -> None:
    """Only a line longer than the cap can hold a value past it; both sides of that shortcut are pinned."""
    long_body = json.dumps({"error": "invalid_grant", "error_description": "x" * 70_000})
    short_body = json.dumps({"error": "invalid_grant", "error_description": "y" * 60_000})
    stdin = "".join(json.dumps({"status": 400, "body": body}) + "\n" for body in (long_body, short_body))
    long_line, short_line = (json.loads(x) for x in cli(env, "--jsonl", "-", stdin=stdin).stdout.splitlines())
    assert long_line["error_description"] == "x" * 65_536 + "…(70,000 chars)"
    assert short_line["error_description"] == "y" * 60_000


def test_help_has_an_example(env: dict[str, str]) -> None:
    result = cli(env, "--help")
    assert result.returncode == 0
    assert "Example: oauthdoctor explain" in result.stdout


def test_the_answer_says_how_firm_the_rule_behind_it_is(env) -> None:
    """#15: explain names the basis of the profile rule it rests on; the RFC baseline has none."""
    heuristic = json.loads(cli(env, "--format", "json", "--provider", "freshdesk", "--status", "429",
                               '{"message": "You have exceeded the limit"}').stdout)
    assert (heuristic["cause"], heuristic["basis"]) == ("plan_without_api_access", "heuristic")
    baseline = json.loads(cli(env, "--format", "json", "--status", "400", '{"error": "unsupported_grant_type"}').stdout)
    assert baseline["basis"] is None


def test_the_answer_says_how_hard_to_lean_on_the_decision(env) -> None:
    """#16: an ambiguous cause or a bare status is a low-confidence decision; a confirmed rule that names the
    failure is high; a heuristic rule, the error code alone or the word families are medium."""
    def confidence(*args: str) -> tuple[str, str]:
        data = json.loads(cli(env, "--format", "json", *args).stdout)
        return data["cause"], data["confidence"]

    assert confidence('{"error": "invalid_grant"}') == ("ambiguous", "low")
    assert confidence("--status", "401", "") == ("ambiguous", "low")
    assert confidence('{"error": "invalid_grant", "error_description": "Code was already redeemed."}') == (
        "auth_code_reused", "high")
    assert confidence('{"error": "invalid_client"}') == ("bad_client_credentials", "medium")
    assert confidence("consumer key is invalid") == ("unknown_client_id", "medium")
    assert confidence("--provider", "freshdesk", "--status", "429", '{"message": "You have exceeded the limit"}') == (
        "plan_without_api_access", "medium")
    assert confidence("--status", "400", "--provider", "entra",
                      '{"error": "invalid_grant", "error_description": '
                      '"AADSTS700082: The refresh token has expired due to inactivity."}')[1] == "high"
    assert confidence("Hello, world") == ("unrecognised_response", "low")


def test_the_failing_requests_grant_narrows_an_ambiguous_answer(env) -> None:
    """A bare invalid_grant lists four causes; the grant of the failing request rules some out."""
    def answer(*args: str) -> dict[str, object]:
        return json.loads(cli(env, "--format", "json", *args, '{"error": "invalid_grant"}').stdout)

    refresh = answer("--grant-type", "refresh_token")
    assert (refresh["cause"], refresh["decision"], refresh["confidence"], refresh["candidates"]) == (
        "refresh_token_expired_or_revoked", "reauth", "medium", [])
    code = answer("--grant-type", "authorization_code")
    assert code["cause"] == "ambiguous"
    assert [c["cause"] for c in code["candidates"]] == [
        "auth_code_expired_or_reused", "redirect_uri_differs_from_authorize", "pkce_verifier_mismatch"]
    assert "3 possible causes in this grant" in code["summary"]
    password = answer("--grant-type", "password")  # RFC 6749 4.3: the user's credentials
    assert (password["cause"], password["decision"]) == ("resource_owner_credentials_invalid", "fix_config")
    assert answer()["cause"] == "ambiguous" and len(answer()["candidates"]) == 4


def test_an_unknown_grant_type_is_one_line_and_exit_2(env) -> None:
    result = cli(env, "--grant-type", "refresh", '{"error": "invalid_grant"}')
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "is not a grant type" in result.stderr
    pasted = "rt-0123456789abcdef0123456789abcdef"  # a refresh token given to the wrong flag is not echoed
    leaked = cli(env, "--grant-type", pasted, '{"error": "invalid_grant"}')
    assert leaked.returncode == 2 and pasted not in leaked.stderr + leaked.stdout


def test_a_jsonl_line_names_its_own_grant_type(env) -> None:
    lines = ('{"status": 400, "body": {"error": "invalid_grant"}, "grant_type": "refresh_token"}\n'
             '{"status": 400, "body": {"error": "invalid_grant"}, '
             '"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer"}\n')
    result = cli(env, "--jsonl", "-", stdin=lines)
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["cause"] == "refresh_token_expired_or_revoked"
    assert (second["cause"], second["decision"]) == ("assertion_invalid", "fix_config")  # RFC 7523 3.1


def test_an_answer_split_across_grants_says_that_naming_the_grant_narrows_it(env) -> None:
    bare = json.loads(cli(env, "--format", "json", '{"error": "invalid_grant"}').stdout)
    assert any(h.startswith("Knowing which grant failed narrows these causes") for h in bare["hints"])
    named = json.loads(cli(env, "--format", "json", "--grant-type", "authorization_code",
                           '{"error": "invalid_grant"}').stdout)
    assert not any(h.startswith("Knowing which grant failed") for h in named["hints"])


def test_batch_counts_stay_exact_past_the_fold() -> None:
    """The summary counts per result object and folds every 8,192 distinct objects: the totals are the same as
    counting line by line, repeated objects included."""
    from oauthdoctor.classifier import classify
    from oauthdoctor.classifier.book import RuleBook
    from oauthdoctor.cli.explain import _Tally

    book = RuleBook()
    revoked = classify(400, '{"error":"invalid_grant","error_description":"Token has been revoked"}', rulebook=book)
    slow = classify(400, '{"error":"slow_down"}', rulebook=book)
    tally = _Tally()
    number = 0
    for i in range(10_000):  # distinct objects (no memo): each is its own entry
        number += 1
        tally.add(number, classify(429, f"Too Many Requests {i}", rulebook=book))
    for _ in range(3):
        for result in (revoked, slow, revoked):
            number += 1
            tally.add(number, result)
    tally.fold()
    assert tally.lines == 10_009
    assert tally.classes["rate_limited"] == 10_000
    assert tally.classes["invalid_grant"] == 6 and tally.classes["slow_down"] == 3
    assert tally.decided == 10_009 and tally.decisions["retry"] == 10_003 and tally.decisions["reauth"] == 6
