"""Overall decision, root cause and exit code from a list of findings."""

from __future__ import annotations

from dataclasses import replace

from oauthdoctor.diagnose.decide import decide, exit_code, root_finding
from oauthdoctor.exitcodes import ExitCode
from oauthdoctor.model import Decision, Finding, Severity, Status


def f(
    pid: str,
    status: Status,
    decision: Decision = Decision.NONE,
    severity: Severity | None = None,
    evidence: dict | None = None,
    hint: str | None = None,
) -> Finding:
    sev = severity or {Status.FAIL: Severity.ERROR, Status.WARN: Severity.WARNING}.get(status, Severity.INFO)
    return Finding(
        id=pid,
        status=status,
        severity=sev,
        title=f"{pid} {status}",
        decision=decision,
        evidence=evidence or {},
        hint=hint,
    )


def test_tied_last_error_is_the_root_cause() -> None:
    findings = [
        f("redirect_uri", Status.FAIL, Decision.FIX_CONFIG),
        f("token_policy", Status.FAIL, Decision.FIX_CONFIG),
        replace(
            f(
                "last_error",
                Status.FAIL,
                Decision.FIX_CONFIG,
                evidence={"explained_by": "token_policy"},
                hint="Publish the app",
            ),
            failure_class="invalid_grant",
        ),
    ]
    assert decide(findings) == (
        Decision.FIX_CONFIG,
        "token_policy fail (token_policy; explains the last error invalid_grant). Publish the app",
    )


def test_first_config_fix_before_reauth() -> None:
    findings = [
        f("token_policy", Status.FAIL, Decision.REAUTH),
        f("client_auth", Status.FAIL, Decision.FIX_CONFIG),
    ]
    assert root_finding(findings).id == "client_auth"  # type: ignore[union-attr]


def test_untied_last_error_after_fails() -> None:
    findings = [
        f("last_error", Status.FAIL, Decision.REAUTH),
        f("grant_types", Status.FAIL, Decision.FIX_CONFIG),
    ]
    assert root_finding(findings).id == "grant_types"  # type: ignore[union-attr]
    assert root_finding([f("last_error", Status.FAIL, Decision.REAUTH)]).id == "last_error"  # type: ignore[union-attr]


def test_nothing_wrong() -> None:
    assert decide([f("config", Status.PASS), f("discovery", Status.SKIP)]) == (Decision.NONE, None)


def test_network_error_says_retry() -> None:
    assert decide([f("client_auth", Status.ERROR, Decision.RETRY)])[0] is Decision.RETRY


def test_exit_codes() -> None:
    warn = [f("clock_skew", Status.WARN, Decision.FIX_CONFIG)]
    fail = [f("config", Status.FAIL, Decision.FIX_CONFIG)]
    error = [f("client_auth", Status.ERROR)]
    assert exit_code(warn, "error") is ExitCode.OK
    assert exit_code(warn, "warning") is ExitCode.FINDINGS
    assert exit_code(fail, "error") is ExitCode.FINDINGS
    assert exit_code(fail, "never") is ExitCode.OK
    assert exit_code(error + warn, "error") is ExitCode.INCONCLUSIVE
    assert exit_code(error + fail, "error") is ExitCode.FINDINGS
    assert exit_code([f("config", Status.PASS)], "warning") is ExitCode.OK


# --- the precedence of docs/decisions.md ---------------------------------------------------------------------


def test_a_transient_answer_outranks_a_metadata_mismatch() -> None:
    findings = [
        f("discovery", Status.FAIL, Decision.FIX_CONFIG),
        f("client_auth", Status.ERROR, Decision.RETRY),
    ]
    assert decide(findings)[0] is Decision.RETRY


def test_a_failure_outranks_a_transient_answer() -> None:
    findings = [f("redirect_uri", Status.FAIL, Decision.FIX_CONFIG), f("client_auth", Status.ERROR, Decision.RETRY)]
    assert root_finding(findings).id == "redirect_uri"  # type: ignore[union-attr]


def test_the_last_error_alone_outranks_a_transient_answer_but_not_a_failure() -> None:
    last = f("last_error", Status.FAIL, Decision.REAUTH)
    assert root_finding([f("grant_types", Status.ERROR, Decision.RETRY), last]) is last
    assert root_finding([last, f("client_auth", Status.FAIL, Decision.FIX_CONFIG)]).id == "client_auth"  # type: ignore[union-attr]


def test_warnings_decide_only_after_every_failure_and_transient_answer() -> None:
    warn = f("token_policy", Status.WARN, Decision.FIX_CONFIG)
    assert root_finding([warn, f("discovery", Status.FAIL, Decision.FIX_CONFIG)]).id == "discovery"  # type: ignore[union-attr]
    assert root_finding([warn, f("client_auth", Status.ERROR, Decision.RETRY)]).id == "client_auth"  # type: ignore[union-attr]
    assert root_finding([f("config", Status.PASS), warn]) is warn


def test_an_unobserved_check_never_decides() -> None:
    findings = [
        f("transport", Status.SKIP, Decision.FIX_CONFIG),  # a skip observed nothing, whatever it carries
        f("config", Status.PASS, Decision.FIX_CONFIG),
        f("clock_skew", Status.CRASH, Decision.FIX_CONFIG),
    ]
    assert decide(findings) == (Decision.NONE, None)


def test_nothing_decided_while_probes_could_not_observe_is_inconclusive() -> None:
    down = {"failure": "connect", "message": "could not connect: [Errno 111] Connection refused"}
    findings = [
        f("config", Status.PASS),
        f("discovery", Status.ERROR, evidence={"url": "http://127.0.0.1:9/.well-known/x", **down}),
        f("client_auth", Status.ERROR, evidence={"token_url": "http://127.0.0.1:9/token",
                                                 "matrix": {"client_secret_basic": {"outcome": "error", **down}}}),
    ]
    decision, cause = decide(findings)
    assert decision is Decision.NONE
    assert cause == (
        "could not reach 127.0.0.1:9 (could not connect: [Errno 111] Connection refused); nothing was decided. "
        "Could not decide: discovery, client_auth."
    )
    unreadable = [f("client_auth", Status.ERROR)]
    assert decide(unreadable) == (Decision.NONE, "client_auth error (client_auth); nothing was decided. "
                                                 "Could not decide: client_auth.")


def test_decisions_md_lists_the_rungs_in_the_order_decide_applies_them() -> None:
    from pathlib import Path

    from oauthdoctor.diagnose.decide import rungs

    doc = (Path(__file__).resolve().parents[1] / "docs" / "decisions.md").read_text(encoding="utf-8")
    names = [name for name, _ in rungs([])]
    positions = [doc.find(f"**{name}**") for name in names]
    assert -1 not in positions, dict(zip(names, positions, strict=True))
    assert positions == sorted(positions)
