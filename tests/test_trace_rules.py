"""The detections as pure functions over hand-built timelines: the boundaries the recorded flows do not pin."""

from __future__ import annotations

from typing import Any

import pytest

from oauthdoctor.classifier.result import Explanation
from oauthdoctor.model import Status
from oauthdoctor.trace.decide import decide, link_explanations
from oauthdoctor.trace.detections import answers, clock, refresh
from oauthdoctor.trace.detections.base import Detection, TraceContext
from oauthdoctor.trace.model import Exchange
from oauthdoctor.trace.run import run_detections
from oauthdoctor.trace.timeline import Timeline


def explanation(e: Exchange) -> Explanation:
    klass = e.error or "unknown"
    decision = "reauth" if klass == "invalid_grant" else "fix_config"
    return Explanation(failure_class=klass, cause=klass, decision=decision, provider=None, status=e.status,
                       normalized_status=e.status, error=e.error, error_description=None, provider_code=None,
                       summary=f"{klass} summary")


CTX = TraceContext(classifier=explanation, clock_thresholds=lambda provider: (5.0, 30.0))


def ex(number: int, started: float, **fields: Any) -> Exchange:
    base: dict[str, Any] = {"number": number, "source": "unit.jsonl", "position": number, "line_based": True,
                            "started": started, "ended": started + fields.pop("duration", 0.1), "method": "POST",
                            "url": "https://idp.example/token", "host": "idp.example", "path": "/token",
                            "kind": "token", "status": 200}
    base.update(fields)
    return Exchange(**base)


def refresh_with(number: int, started: float, token: str, ok: bool, new: str | None = None) -> Exchange:
    if ok:
        return ex(number, started, grant_type="refresh_token", sent={"refresh_token": token},
                  issued_access=f"at-{number}", issued_refresh=new, expires_in=3600.0)
    return ex(number, started, grant_type="refresh_token", sent={"refresh_token": token}, status=400,
              error="invalid_grant")


def timeline(*exchanges: Exchange) -> Timeline:
    return Timeline(tuple(exchanges), ("unit.jsonl",), len(exchanges))


@pytest.mark.parametrize(("second_start", "race", "stale"), [
    (0.05, Status.FAIL, None),  # overlapping
    (2.0, Status.FAIL, None),  # 1.9 s after the first answer: within the race window
    (2.2, Status.PASS, Status.FAIL),  # 2.1 s after: the old token was kept (stale)
])
def test_race_window_against_stale(second_start: float, race: Status, stale: Status | None) -> None:
    line = timeline(refresh_with(1, 0.0, "rt1", True, "rt2"), refresh_with(2, second_start, "rt1", False))
    assert refresh.refresh_race(line, CTX)[0].status is race
    found = refresh.stale_refresh_token(line, CTX)[0]
    assert found.status is (stale or Status.PASS)


def test_concurrent_refreshes_that_both_succeed_are_no_race() -> None:
    line = timeline(refresh_with(1, 0.0, "rt1", True, None), refresh_with(2, 0.01, "rt1", True, None))
    assert refresh.refresh_race(line, CTX)[0].status is Status.PASS


def test_a_stale_token_the_server_still_accepts_is_a_warning() -> None:
    line = timeline(refresh_with(1, 0.0, "rt1", True, "rt2"), refresh_with(2, 60.0, "rt1", True, "rt3"))
    found = refresh.stale_refresh_token(line, CTX)[0]
    assert (found.status, found.severity.value, found.evidence["accepted"]) == (Status.WARN, "warning", True)


@pytest.mark.parametrize(("repeats", "status"), [(1, Status.PASS), (2, Status.FAIL)])
def test_storm_threshold(repeats: int, status: Status) -> None:
    line = timeline(*(refresh_with(n, n * 1.0, "dead", False) for n in range(1, repeats + 2)))
    assert answers.retry_storm(line, CTX)[0].status is status


def test_a_storm_needs_the_same_credential() -> None:
    line = timeline(refresh_with(1, 0.0, "a", False), refresh_with(2, 1.0, "b", False),
                    refresh_with(3, 2.0, "c", False))
    assert answers.retry_storm(line, CTX)[0].status is Status.PASS


@pytest.mark.parametrize(("offset", "status"), [(0.0, Status.PASS), (3.0, Status.PASS), (10.0, Status.WARN),
                                               (-45.0, Status.FAIL)])
def test_clock_thresholds(offset: float, status: Status) -> None:
    line = timeline(*(ex(n, 1000.0 + n, date=1000.0 + n + offset) for n in range(1, 4)))
    assert clock.clock_skew(line, CTX)[0].status is status


def test_late_refresh_only_after_expiry() -> None:
    issue = ex(1, 0.0, grant_type="refresh_token", issued_access="at1", expires_in=60.0)
    early = ex(2, 30.0, kind="api", method="GET", bearer="at1", status=401, www_authenticate_error="invalid_token")
    late = ex(3, 61.0, kind="api", method="GET", bearer="at1", status=401, www_authenticate_error="invalid_token")
    assert answers.late_refresh(timeline(issue, early), CTX)[0].status is Status.PASS
    found = answers.late_refresh(timeline(issue, late), CTX)[0]
    assert found.status is Status.WARN and found.evidence["late_calls"] == [3]


def test_a_crashing_detection_is_an_error_finding_and_the_others_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(line: Timeline, ctx: TraceContext) -> list[Any]:
        raise KeyError("oops")

    from oauthdoctor.trace import run

    broken = Detection(refresh.REFRESH_RACE.__class__("refresh_race", "t", "q?"), boom)
    monkeypatch.setattr(run, "DETECTIONS", (broken, *run.DETECTIONS[3:]))
    findings = run_detections(timeline(refresh_with(1, 0.0, "rt", True, "rt2")), CTX)
    assert findings[0].status is Status.ERROR and findings[0].title == "the detection crashed: KeyError: 'oops'"
    assert len(findings) == 1 + len(run.DETECTIONS) - 1


def test_the_root_cause_is_the_first_link_of_the_chain() -> None:
    line = timeline(refresh_with(1, 0.0, "rt1", True, "rt2"), refresh_with(2, 0.01, "rt1", False),
                    refresh_with(3, 0.5, "rt1", False), refresh_with(4, 0.6, "rt1", False))
    findings = link_explanations([*refresh.refresh_race(line, CTX), *answers.retry_storm(line, CTX),
                                  *answers.token_error(line, CTX)])
    token_error = next(f for f in findings if f.id == "token_error")
    assert token_error.evidence["explained_by"] == "refresh_race"
    decision, cause = decide(findings)
    assert decision.value == "fix_config" and cause is not None and cause.startswith("refresh_race: ")


def test_pkce_without_a_verifier() -> None:
    from oauthdoctor.trace.detections import code_flow
    from oauthdoctor.trace.model import Callback

    authorize = ex(1, 0.0, kind="authorize", method="GET", status=302, client_id="c",
                   sent={"state": "s1", "code_challenge": "ch", "code_challenge_method": "S256",
                         "redirect_uri": "https://app/cb"},
                   callback=Callback(code="c1", state="s1", error=None, via_redirect=True))
    redeem = ex(2, 1.0, grant_type="authorization_code", client_id="c", status=400, error="invalid_grant",
                sent={"code": "c1", "redirect_uri": "https://app/cb"})
    [found] = code_flow.pkce_mismatch(timeline(authorize, redeem), CTX)
    assert found.status is Status.FAIL and found.title == (
        "the token request #2 sent no code_verifier, although the authorization request #1 sent a code_challenge")
    assert code_flow.redirect_uri_drift(timeline(authorize, redeem), CTX)[0].status is Status.PASS


def test_importing_the_recorder_stays_light() -> None:
    import json
    import subprocess
    import sys

    code = ("import sys, json; import oauthdoctor.record; print(json.dumps(sorted(m for m in ('httpx', 'requests', "
            "'rich', 'pydantic', 'msgspec', 'typer', 'yaml') if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_a_cdn_answer_held_for_an_hour_is_not_clock_skew() -> None:
    from oauthdoctor.trace.model import Capture
    from oauthdoctor.trace.normalize import normalize

    capture = Capture(source="unit", position=1, line_based=False, started=1796461200.0, duration=0.05,
                      method="GET", url="https://cdn.example/app.js", status=200,
                      response_headers=(("Date", "Sat, 05 Dec 2026 08:00:00 GMT"), ("Age", "3600")))
    exchange = normalize(capture, lambda host, path: None)
    plain_date = __import__("email.utils").utils.parsedate_to_datetime("Sat, 05 Dec 2026 08:00:00 GMT").timestamp()
    assert exchange.kind == "other" and exchange.date == plain_date + 3600
