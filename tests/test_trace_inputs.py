"""What trace reads: each exporter's HAR shape, exchange logs, stdin, and refusals that name file and reason."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oauthdoctor.redact import stable_fingerprint
from oauthdoctor.trace.errors import TraceInputError
from oauthdoctor.trace.run import trace_files

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "trace"
EXPORTERS = FIXTURES / "exporters"
RT = "canary-refresh-0123456789abcdefghij"
NEW_AT = "canary-access-0123456789abcdefghijk"
NEW_RT = "canary-refresh-new-0123456789abcdefg"


def run(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "oauthdoctor", *args], capture_output=True, input=stdin, cwd=cwd,
                          check=False)


@pytest.mark.parametrize("exporter", ["chrome", "firefox", "mitmproxy", "charles", "proxyman", "fiddler"])
def test_each_exporter_shape_gives_the_same_token_exchange(exporter: str) -> None:
    report = trace_files([str(EXPORTERS / f"{exporter}.har")])
    rows = report.details["timeline"]["rows"]
    token = [r for r in rows if r["kind"] == "token"]
    assert len(token) == 1, rows
    row = token[0]
    assert (row["method"], row["host"], row["path"], row["status"], row["grant_type"], row["client_id"]) == (
        "POST", "login.example.com", "/oauth/token", 200, "refresh_token", "shape-client")
    assert row["sent"]["refresh_token"] == stable_fingerprint(RT)
    assert row["issued"] == {"access_token": stable_fingerprint(NEW_AT), "refresh_token": stable_fingerprint(NEW_RT),
                             "expires_in": 3600.0}
    assert row["duration"] == pytest.approx(0.12, abs=0.002)
    clock = next(f for f in report.findings if f.id == "clock_skew")
    assert clock.status.value == "pass"  # every exporter's time zone spelling reads as the same instant


def test_entries_out_of_order_are_sorted_and_cached_answers_do_not_judge_the_clock() -> None:
    report = trace_files([str(EXPORTERS / "chrome.har")])
    assert [r["path"] for r in report.details["timeline"]["rows"]] == ["/oauth/token"]
    assert report.inputs["exchanges"] == 2
    # the cached script carries an hour-old Date header: it must not count as a skew of an hour
    assert next(f for f in report.findings if f.id == "clock_skew").evidence["entries"] == [1]


def test_an_exchange_log_from_stdin() -> None:
    data = (FIXTURES / "refresh_race.jsonl").read_bytes()
    result = run("trace", "--format", "json", "-", stdin=data)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["inputs"]["files"] == ["<stdin>"]
    assert [f["id"] for f in report["findings"] if f["status"] == "fail"][0] == "refresh_race"
    assert report["timeline"]["rows"][0]["source"] == "<stdin>:1"


def test_a_har_from_stdin_merged_with_a_file() -> None:
    data = (FIXTURES / "lost_refresh_token.har").read_bytes()
    result = run("trace", "--format", "json", "-", "tests/fixtures/trace/healthy_authlib.jsonl", stdin=data)
    report = json.loads(result.stdout)
    assert report["inputs"]["files"] == ["<stdin>", "tests/fixtures/trace/healthy_authlib.jsonl"]
    assert "lost_refresh_token" in {f["id"] for f in report["findings"] if f["status"] == "fail"}


def _refusal(path: Path) -> str:
    with pytest.raises(TraceInputError) as caught:
        trace_files([str(path)])
    result = run("trace", str(path))
    assert result.returncode == 2
    line = result.stderr.decode()
    assert line == f"oauthdoctor: error: {caught.value}\n", line
    return str(caught.value)


def test_a_truncated_har_names_the_byte(tmp_path: Path) -> None:
    data = (FIXTURES / "code_reuse.har").read_bytes()[:5000]
    path = tmp_path / "cut.har"
    path.write_bytes(data)
    assert _refusal(path) == f"{path}: truncated at byte 5000 (the JSON ends before the document is complete)"


def test_an_unsupported_har_version(tmp_path: Path) -> None:
    path = tmp_path / "future.har"
    path.write_text(json.dumps({"log": {"version": "2.0", "entries": []}}))
    assert _refusal(path) == f"{path}: HAR version '2.0' is not supported (1.1 and 1.2 are)"


def test_line_17_of_a_log_is_not_json(tmp_path: Path) -> None:
    good = (FIXTURES / "retry_storm.jsonl").read_text(encoding="utf-8").splitlines()
    lines = (good * 3)[:16] + ['{"time": "2026-12-05T10:00:00Z", "method": "POST", "url": "https://a.test/token", ']
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n")
    assert _refusal(path) == f"{path}: line 17 is not JSON"


def test_a_log_line_without_url(tmp_path: Path) -> None:
    path = tmp_path / "nourl.jsonl"
    path.write_text('{"time": "2026-12-05T10:00:00Z", "method": "POST", "url": "https://a.test/token"}\n\n'
                    '{"time": "2026-12-05T10:00:01Z", "method": "POST"}\n')
    assert _refusal(path) == f"{path}: line 3 is not an exchange: Object missing required field `url`"


@pytest.mark.parametrize(("content", "reason"), [
    (b"<html><body>login</body></html>", "not a HAR or an exchange log: it does not start with a JSON object "
                                         "(first character '<')"),
    (b"", "is empty: not a HAR or an exchange log"),
    (b'{"name": "package", "version": "1.0"}\n', "not a HAR or an exchange log: line 1 is a JSON object with "
                                                 "neither 'log' (HAR) nor 'method' and 'url' (exchange log)"),
    (b'{"log": {"entries": {"a": 1}}}', "not a HAR: Expected `array | null`, got `object` - at `log.entries`"),
    (b'{"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": "https://a.test/"}}]}}',
     "entry 1 has no startedDateTime"),
    (b'{"log": {"version": "1.2", "entries": [{"startedDateTime": "yesterday"}]}}',
     "entry 1: startedDateTime 'yesterday' is not an ISO 8601 time"),
    (b'{"log": {"version": "1.2", "entries": [{"startedDateTime": "2026-12-05T10:00:00Z", "time": "slow"}]}}',
     "entry 1: Expected `float | null`, got `str` - at `time`"),
    (b'{"log": {"version": "1.2", "entries": [}', "not JSON at byte 39"),
])
def test_what_is_not_a_har_or_a_log_is_refused_with_the_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "input.har"
    path.write_bytes(content)
    assert _refusal(path) == f"{path}: {reason}"


def test_a_missing_file_and_a_directory(tmp_path: Path) -> None:
    assert _refusal(tmp_path / "nope.har") == f"{tmp_path / 'nope.har'}: cannot read it: No such file or directory"
    assert _refusal(tmp_path) == f"{tmp_path}: is a directory, not a HAR or an exchange log"


def test_stdin_only_once_and_an_input_is_required() -> None:
    assert run("trace", "-", "-", stdin=b"").stderr == b"oauthdoctor: error: stdin (-) can be read only once\n"
    none = run("trace")
    assert none.returncode == 2 and none.stderr.startswith(b"oauthdoctor: error: no input given")


def test_since_until_and_client_id_narrow_the_timeline() -> None:
    whole = trace_files([str(FIXTURES / "retry_storm.jsonl")])
    rows = whole.details["timeline"]["rows"]
    from oauthdoctor.trace.har import parse_time

    lines = [json.loads(x) for x in (FIXTURES / "retry_storm.jsonl").read_text().splitlines()]
    third = parse_time(lines[2]["time"])
    later = trace_files([str(FIXTURES / "retry_storm.jsonl")], since=third)
    assert later.inputs["exchanges"] == len(rows) - 2
    earlier = trace_files([str(FIXTURES / "retry_storm.jsonl")], until=third)
    assert earlier.inputs["exchanges"] == 3
    other = trace_files([str(FIXTURES / "retry_storm.jsonl")], client_id="someone-else")
    assert other.inputs["exchanges"] == 0 and other.decision.value == "none"
    mine = trace_files([str(FIXTURES / "retry_storm.jsonl")], client_id="good-client")
    assert mine.inputs["exchanges"] == len(rows)


def test_bad_since_and_unknown_provider_are_usage_errors() -> None:
    bad = run("trace", "--since", "last tuesday", "tests/fixtures/trace/code_reuse.jsonl")
    assert bad.returncode == 2 and b"--since 'last tuesday' is not an ISO 8601 time" in bad.stderr
    unknown = run("trace", "--provider", "no-such-idp", "tests/fixtures/trace/code_reuse.jsonl")
    assert unknown.returncode == 2 and unknown.stderr.startswith(b"oauthdoctor: error: ")


def test_a_log_written_by_something_else_epoch_times_header_pairs_and_json_bodies(tmp_path: Path) -> None:
    path = tmp_path / "other-writer.jsonl"
    lines = [
        {"time": 1796461200.0, "duration": 0.2, "method": "POST", "url": "https://idp.example/oauth/token",
         "request_headers": [["Content-Type", "application/json"]],
         "request_body": {"grant_type": "refresh_token", "refresh_token": RT, "client_id": "writer"},
         "status": 200, "response_headers": [["Content-Type", "application/json"]],
         "response_body": {"access_token": NEW_AT, "refresh_token": NEW_RT, "expires_in": 60}},
        {"time": "2026-12-05T10:20:00.500", "method": "POST", "url": "https://idp.example/oauth/token",
         "request_body": f"grant_type=refresh_token&refresh_token={NEW_RT}&client_id=writer", "status": None,
         "failure": "ReadTimeout"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    rows = trace_files([str(path)]).details["timeline"]["rows"]
    assert [(r["entry"], r["source"], r["status"], r["sent"]["refresh_token"]) for r in rows] == [
        (1, f"{path}:1", 200, stable_fingerprint(RT)), (2, f"{path}:2", None, stable_fingerprint(NEW_RT))]
    assert rows[0]["issued"]["refresh_token"] == stable_fingerprint(NEW_RT) and rows[1]["failure"] == "ReadTimeout"
    from datetime import UTC, datetime

    naive_is_utc = datetime(2026, 12, 5, 10, 20, 0, 500000, tzinfo=UTC).timestamp()
    assert rows[1]["t"] == pytest.approx(naive_is_utc - 1796461200.0)


def test_a_self_hosted_server_is_named_by_its_endpoint_path(tmp_path: Path) -> None:
    """A Keycloak realm on a host no profile lists: its token path names the server, a shared path nobody."""
    path = tmp_path / "keycloak.jsonl"
    lines = [
        {"time": 1796461200.0, "method": "POST", "url": "https://sso.corp.example/realms/main/protocol/openid-connect/token",
         "request_body": f"grant_type=refresh_token&refresh_token={RT}&client_id=app", "status": 400,
         "response_body": {"error": "invalid_grant", "error_description": "Token is not active"}},
        {"time": 1796461260.0, "method": "POST", "url": "https://other.example/oauth/token",
         "request_body": f"grant_type=refresh_token&refresh_token={RT}&client_id=app", "status": 400,
         "response_body": {"error": "invalid_grant"}},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    report = trace_files([str(path)])
    assert report.inputs["providers_seen"] == ["keycloak"]  # the /oauth/token exchange names no provider
    assert report.provider == "keycloak"
