"""Every trace detection on captures recorded from real flows (tests/fixtures/trace/record_fixtures.py).

The expected entries are worked out here from the raw HAR (which request carried what), not from trace,
so a detection that points at the wrong exchange fails. Each scenario exists as a HAR and as an exchange log
of the same traffic; detections that need the browser's authorization request run on the HAR (or both merged).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from oauthdoctor.model import Decision, Finding, Report, Status
from oauthdoctor.trace.detections import DETECTION_IDS
from oauthdoctor.trace.run import trace_files

FIXTURES = Path(__file__).parent / "fixtures" / "trace"


def trace(*names: str) -> Report:
    return trace_files([str(FIXTURES / n) for n in names])


def problems(report: Report, detection: str) -> list[Finding]:
    return [f for f in report.findings if f.id == detection and f.is_problem]


def only(report: Report, detection: str) -> Finding:
    found = problems(report, detection)
    assert len(found) == 1, [f.title for f in report.findings if f.id == detection]
    return found[0]


def har_entries(name: str) -> list[dict[str, Any]]:
    """The HAR's entries in time order: index + 1 is the timeline entry number."""
    entries = json.loads((FIXTURES / f"{name}.har").read_text(encoding="utf-8"))["log"]["entries"]
    return sorted(entries, key=lambda e: e["startedDateTime"])


def form(entry: dict[str, Any]) -> dict[str, str]:
    text = entry["request"].get("postData", {}).get("text", "")
    return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}


def numbers_where(name: str, predicate: Any) -> list[int]:
    return [n for n, e in enumerate(har_entries(name), 1) if predicate(e)]


def token_requests(name: str, grant: str) -> list[int]:
    return numbers_where(name, lambda e: form(e).get("grant_type") == grant)


# -- the detections, each on the capture that shows it ---------------------------------------------------

@pytest.mark.parametrize("suffix", [".har", ".jsonl"])
def test_code_reuse_names_both_redemptions_and_the_second_answer(suffix: str) -> None:
    report = trace(f"code_reuse{suffix}")
    finding = only(report, "code_reuse")
    redemptions = token_requests("code_reuse", "authorization_code")
    expected = redemptions if suffix == ".har" else [1, 2]
    assert finding.evidence["entries"] == expected
    assert [a["answer"] for a in finding.evidence["answers"]] == ["200 with tokens", "400 invalid_grant"]
    assert finding.failure_class == "invalid_grant" and finding.decision is Decision.FIX_CONFIG
    assert report.decision is Decision.FIX_CONFIG and report.root_cause.startswith("code_reuse: ")


@pytest.mark.parametrize("files", [("redirect_uri_drift.har",), ("redirect_uri_drift.har", "redirect_uri_drift.jsonl")])
def test_redirect_uri_drift_shows_the_byte_difference(files: tuple[str, ...]) -> None:
    report = trace(*files)
    finding = only(report, "redirect_uri_drift")
    authorize = numbers_where("redirect_uri_drift", lambda e: "response_type=code" in e["request"]["url"])
    redeem = token_requests("redirect_uri_drift", "authorization_code")
    assert finding.evidence["entries"] == authorize + redeem
    assert finding.evidence["authorization_redirect_uri"] == "https://client.example.com/callback"
    assert finding.evidence["token_redirect_uri"] == "https://client.example.com/callback/"
    assert [d["kind"] for d in finding.evidence["differences"]] == ["trailing_slash"]
    assert finding.fix == "redirect_uri=https://client.example.com/callback"
    token_error = only(report, "token_error")
    assert token_error.evidence["explained_by"] == "redirect_uri_drift"


@pytest.mark.parametrize("suffix", [".har", ".jsonl"])
def test_refresh_race_names_winner_loser_and_the_revoked_grant(suffix: str) -> None:
    report = trace(f"refresh_race{suffix}")
    finding = only(report, "refresh_race")
    if suffix == ".har":
        statuses = [(n, e["response"]["status"]) for n, e in enumerate(har_entries("refresh_race"), 1)
                    if form(e).get("grant_type") == "refresh_token"]
    else:  # the two workers' clocks are read apart from the HAR's: the order comes from the log itself
        lines = [json.loads(x) for x in (FIXTURES / "refresh_race.jsonl").read_text(encoding="utf-8").splitlines()]
        statuses = [(n, line["status"]) for n, line in enumerate(sorted(lines, key=lambda x: x["time"]), 1)
                    if "grant_type=refresh_token" in line["request_body"]]
    racers, fallout = [n for n, _ in statuses[:2]], [statuses[2][0]]
    statuses = dict(statuses)
    assert finding.evidence["entries"] == racers + fallout
    assert finding.evidence["winners"] == [n for n in racers if statuses[n] == 200]
    assert finding.evidence["losers"] == [n for n in racers if statuses[n] == 400]
    assert finding.evidence["fallout"] == fallout
    assert finding.evidence["overlapping"] is True
    if suffix == ".jsonl":
        assert finding.evidence["origins"] == ["worker-1", "worker-2"]
    assert report.root_cause.startswith("refresh_race: ") and report.decision is Decision.FIX_CONFIG
    assert all(f.evidence.get("explained_by") == "refresh_race" for f in problems(report, "token_error"))
    assert not problems(report, "stale_refresh_token") and not problems(report, "retry_storm")


@pytest.mark.parametrize("suffix", [".har", ".jsonl"])
def test_stale_refresh_token_after_rotation(suffix: str) -> None:
    report = trace(f"stale_refresh_token{suffix}")
    finding = only(report, "stale_refresh_token")
    refreshes = token_requests("stale_refresh_token", "refresh_token")
    offset = 0 if suffix == ".har" else refreshes[0] - 2
    assert finding.status is Status.FAIL
    assert finding.evidence["entries"] == [n - offset for n in refreshes]
    assert finding.evidence["rotated_at"] == refreshes[0] - offset
    assert finding.evidence["refused"] == [refreshes[1] - offset]
    assert not problems(report, "refresh_race")


@pytest.mark.parametrize("suffix", [".har", ".jsonl"])
def test_lost_refresh_token_when_the_answer_had_none(suffix: str) -> None:
    report = trace(f"lost_refresh_token{suffix}")
    finding = only(report, "lost_refresh_token")
    refreshes = token_requests("lost_refresh_token", "refresh_token")
    offset = 0 if suffix == ".har" else 1  # the log has no authorization request
    assert finding.evidence["entries"] == [n - offset for n in refreshes]
    assert "refresh_token='None'" in finding.title
    assert report.root_cause.startswith("lost_refresh_token: ")


@pytest.mark.parametrize("suffix", [".har", ".jsonl"])
def test_retry_storm_after_invalid_grant(suffix: str) -> None:
    report = trace(f"retry_storm{suffix}")
    finding = only(report, "retry_storm")
    refreshes = token_requests("retry_storm", "refresh_token")
    offset = 0 if suffix == ".har" else refreshes[0] - 2
    assert finding.evidence["first_refusal"] == refreshes[0] - offset
    assert finding.evidence["repeats"] == len(refreshes) - 1 == 5
    assert finding.evidence["entries"] == [n - offset for n in refreshes]
    # the grant is dead: the user must authorise again; the storm is the client's bug on top
    assert report.decision is Decision.REAUTH and report.root_cause.startswith("token_error: ")


@pytest.mark.parametrize("suffix", [".har", ".jsonl"])
def test_late_refresh_after_a_401_on_an_expired_token(suffix: str) -> None:
    report = trace(f"late_refresh{suffix}")
    finding = only(report, "late_refresh")
    entries = har_entries("late_refresh")
    refused = numbers_where("late_refresh", lambda e: e["response"]["status"] == 401)
    code = token_requests("late_refresh", "authorization_code")
    refresh = token_requests("late_refresh", "refresh_token")
    assert len(entries) == 6 and len(refused) == 1
    if suffix == ".har":
        assert finding.evidence["entries"] == code + refused + refresh
    else:  # the log keeps token exchanges and refused API calls only
        assert finding.evidence["entries"] == [1, 2, 3]
    assert finding.status is Status.WARN and finding.evidence["expired_for_seconds"][0] > 0


@pytest.mark.parametrize("suffix", [".har", ".jsonl"])
def test_error_in_200_for_github_and_slack(suffix: str) -> None:
    report = trace(f"error_in_200{suffix}")
    found = problems(report, "error_in_200")
    assert [(f.evidence["entries"], f.evidence["error"], f.evidence["ok_false"]) for f in found] == [
        ([1], "bad_verification_code", False), ([2], "invalid_code", True)]
    assert {f.evidence["provider"] for f in found} == {"github", "slack"}
    assert len(problems(report, "token_error")) == 2


def test_state_mismatch_on_a_foreign_callback() -> None:
    report = trace("state_mismatch.har")
    finding = only(report, "state_mismatch")
    entries = har_entries("state_mismatch")
    callback = numbers_where("state_mismatch", lambda e: "/callback?" in e["request"]["url"])
    own = parse_qs(urlsplit(entries[0]["request"]["url"]).query)["state"][0]
    foreign = parse_qs(urlsplit(entries[callback[0] - 1]["request"]["url"]).query)["state"][0]
    assert own != foreign and callback == [2]
    assert finding.evidence["entries"] == [1, 2]
    assert finding.evidence["callback_state"].startswith("fp_")


@pytest.mark.parametrize("files", [("pkce_mismatch.har",), ("pkce_mismatch.har", "pkce_mismatch.jsonl")])
def test_pkce_mismatch_by_s256(files: tuple[str, ...]) -> None:
    report = trace(*files)
    finding = only(report, "pkce_mismatch")
    assert "whose S256 is not the code_challenge" in finding.title
    assert finding.evidence["code_verifier_s256"] != finding.evidence["code_challenge"]


@pytest.mark.parametrize("suffix", [".har", ".jsonl"])
def test_clock_skew_of_a_capture_five_minutes_fast(suffix: str) -> None:
    report = trace(f"clock_skew{suffix}")
    finding = only(report, "clock_skew")
    assert finding.status is Status.FAIL
    assert -302 < finding.evidence["median_offset_seconds"] < -298
    assert finding.evidence["thresholds"] == {"warn": 5.0, "fail": 30.0}


def test_token_error_classifies_every_failing_answer() -> None:
    report = trace("retry_storm.har")
    finding = only(report, "token_error")
    assert finding.evidence["count"] == 6
    assert (finding.evidence["class"], finding.evidence["decision"], finding.evidence["provider"]) == (
        "invalid_grant", "reauth", "oidc-provider")


def test_a_token_answer_nothing_reads_is_no_decision_of_trace(tmp_path: Path) -> None:
    """explain's base-rate lean (fix_config for a failure text nothing reads) is no decision of trace."""
    line = {"exchange_log": 1, "time": "2026-12-05T04:27:05.297100Z", "duration": 0.01, "method": "POST",
            "url": "https://idp.example.com/token",
            "request_headers": {"content-type": "application/x-www-form-urlencoded"},
            "request_body": "grant_type=client_credentials", "status": 409,
            "response_headers": {"content-type": "text/plain"}, "response_body": "sync failed: E77 (see the console)"}
    log = tmp_path / "unread.jsonl"
    log.write_text(json.dumps(line) + "\n", encoding="utf-8")
    finding = only(trace_files([str(log)]), "token_error")
    assert (finding.evidence["class"], finding.evidence["cause"], finding.evidence["decision"]) == (
        "unknown", "unrecognised_response", "none")
    assert finding.decision is Decision.NONE


# -- healthy captures: nothing to report, and every verdict earned ---------------------------------------

@pytest.mark.parametrize("name", ["healthy_oidc.har", "healthy_oidc.jsonl", "healthy_authlib.har",
                                  "healthy_authlib.jsonl"])
def test_healthy_captures_have_no_findings(name: str) -> None:
    report = trace(name)
    assert [f.title for f in report.findings if f.is_problem] == []
    assert report.decision is Decision.NONE and report.root_cause is None
    assert {f.id for f in report.findings} == set(DETECTION_IDS)
    for f in report.findings:
        assert f.status in (Status.PASS, Status.SKIP)
        assert f.title  # a pass says what it saw, a skip why it could not look


def test_healthy_code_flow_passes_the_checks_it_could_make() -> None:
    report = trace("healthy_oidc.har")
    status = {f.id: f.status for f in report.findings}
    assert {k for k, v in status.items() if v is Status.PASS} == {
        "code_reuse", "redirect_uri_drift", "refresh_race", "stale_refresh_token", "error_in_200", "state_mismatch",
        "pkce_mismatch", "clock_skew", "token_error"}
    skips = {f.id: f.title for f in report.findings if f.status is Status.SKIP}
    assert skips == {
        "lost_refresh_token": "every successful refresh answer in the capture carried a refresh_token",
        "retry_storm": "no invalid_grant, invalid_client or unauthorized_client answer in the capture",
        "late_refresh": "no API call with an access token whose issue (and expires_in) is in the capture",
    }


def test_a_client_that_keeps_its_refresh_token_passes_lost_refresh_token() -> None:
    report = trace("healthy_authlib.har")
    verdicts = {f.id: f for f in report.findings}
    assert verdicts["lost_refresh_token"].status is Status.PASS
    assert verdicts["late_refresh"].status is Status.PASS


def test_a_har_and_a_log_of_one_flow_count_each_exchange_once() -> None:
    report = trace("code_reuse.har", "code_reuse.jsonl")
    assert report.inputs["duplicates"] == 2
    assert only(report, "code_reuse").evidence["entries"] == token_requests("code_reuse", "authorization_code")


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".har", ".jsonl")))
def test_no_detection_crashes_on_any_recording(name: str) -> None:
    for provider in (None, "oidc-provider"):
        report = trace_files([str(FIXTURES / name)], provider=provider)
        assert [f.title for f in report.findings if f.status is Status.ERROR] == []


def test_a_named_provider_sets_the_clock_tolerance_and_the_classifier() -> None:
    report = trace_files([str(FIXTURES / "clock_skew.har")], provider="oidc-provider")
    assert report.provider == "oidc-provider"
    assert only(report, "clock_skew").evidence["thresholds"] == {"warn": 5.0, "fail": 30.0}
