"""diagnose and check-env give the same answer for the same value on every shared check (#12).

Each case is one env file. check-env lints it; diagnose reads the same file (``--env-file``) and its offline
probes judge the same values. Both answers are reduced to the check that fired.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from oauthdoctor.checkenv import check_files
from oauthdoctor.checks.values import RULE_OF_KIND
from oauthdoctor.config.sources import resolve
from oauthdoctor.diagnose.report import pick_profile
from oauthdoctor.model import Status
from oauthdoctor.probes import config as config_probe
from oauthdoctor.probes import redirect_uri, token_policy
from oauthdoctor.probing.contract import ProbeContext

NOW = datetime(2026, 12, 5, tzinfo=UTC)
BASE = (
    "OAUTH_PROVIDER=google\n"
    "OAUTH_CLIENT_ID=1234567890-abc123def456.apps.googleusercontent.com\n"
    "OAUTH_REDIRECT_URI=https://app.example.com/callback\n"
)


def _both(tmp_path: Path, extra: str, *, base: str = BASE) -> tuple[set[str], set[str]]:
    """(check-env rule ids, diagnose problem names) for the file ``base + extra``."""
    path = tmp_path / "app.env"
    path.write_text(base + extra, encoding="utf-8")
    lint = {f.id for f in check_files([str(path)], now=NOW).findings if f.is_problem}
    config = resolve({}, env_file=str(path), environ={})
    ctx = ProbeContext(config=config, profile=pick_profile(config), now=NOW)
    diagnosed: set[str] = set()
    for probe in (config_probe, redirect_uri, token_policy):
        for finding in probe.judge(ctx, None):
            if finding.status in (Status.FAIL, Status.WARN):
                diagnosed |= _names(finding)
    return lint, diagnosed


def _names(finding) -> set[str]:
    """A diagnose finding as the check-env rule that makes the same check."""
    ev, title = finding.evidence, finding.title
    out = {RULE_OF_KIND[k] for k in ev.get("problems", ()) if k in RULE_OF_KIND}
    if "placeholder" in title:
        out.add("credential-placeholder")
    if "password hash" in title:
        out.add("credential-hashed")
    if "does not look like" in title:
        out.add("client-id-format")
    if "client secret expire" in title:
        out.add("secret-expiry")
    if "token URL host" in title:
        out.add("endpoint-host")
    problem = ev.get("problem")
    if problem:
        out.add({"not_absolute": "redirect-not-absolute", "fragment": "redirect-fragment",
                 "http_not_loopback": "redirect-http"}[problem])
    return out


VALUE_CASES = {
    "clean": ('OAUTH_CLIENT_SECRET="s3cret-value-123"\n', set()),
    "inner trailing space": ('OAUTH_CLIENT_SECRET="s3cret-value-123 "\n', {"value-whitespace"}),
    "inner leading space": ('OAUTH_CLIENT_SECRET=" s3cret-value-123"\n', {"value-whitespace"}),
    "escaped newline": ('OAUTH_CLIENT_SECRET="s3cret-value-123\\n"\n', {"value-newline"}),
    "literal backslash n": ("OAUTH_CLIENT_SECRET='s3cret-value-123\\n'\n", {"value-newline"}),
    "quoted twice": ("OAUTH_CLIENT_SECRET='\"s3cret-value-123\"'\n", {"value-quote"}),
    "stray quote": ("OAUTH_CLIENT_SECRET=s3cret-value-123'\n", {"value-quote"}),
    "smart quote": ("OAUTH_CLIENT_SECRET=\u201cs3cret-value-123\u201d\n", {"value-quote"}),
    "zero width space": ("OAUTH_CLIENT_SECRET=s3cret\u200b-value-123\n", {"value-invisible"}),
    "placeholder": ("OAUTH_CLIENT_SECRET=changeme\n", {"credential-placeholder"}),
    "password hash": ("OAUTH_CLIENT_SECRET=pbkdf2_sha256$1000000$abc$def=\n", {"credential-hashed"}),
}


@pytest.mark.parametrize("case", sorted(VALUE_CASES))
def test_value_checks_agree(tmp_path: Path, case: str) -> None:
    line, expected = VALUE_CASES[case]
    lint, diagnosed = _both(tmp_path, line)
    assert lint == expected
    assert diagnosed == expected


def test_client_id_shape_agrees(tmp_path: Path) -> None:
    base = BASE.replace("1234567890-abc123def456.apps.googleusercontent.com", "not-a-google-client-id")
    assert _both(tmp_path, "OAUTH_CLIENT_SECRET=s3cret-value-123\n", base=base) == (
        {"client-id-format"}, {"client-id-format"})


@pytest.mark.parametrize(("when", "expected"), [
    ("2026-11-30", {"secret-expiry"}),  # expired
    ("2026-12-20", {"secret-expiry"}),  # within 30 days
    ("2027-06-01", set()),
])
def test_secret_expiry_agrees(tmp_path: Path, when: str, expected: set[str]) -> None:
    extra = f"OAUTH_CLIENT_SECRET=s3cret-value-123\nOAUTH_CLIENT_SECRET_EXPIRES_AT={when}\n"
    assert _both(tmp_path, extra) == (expected, expected)


def test_endpoint_host_agrees(tmp_path: Path) -> None:
    extra = "OAUTH_CLIENT_SECRET=s3cret-value-123\nOAUTH_TOKEN_URL=https://login.microsoftonline.com/common/token\n"
    assert _both(tmp_path, extra) == ({"endpoint-host"}, {"endpoint-host"})


@pytest.mark.parametrize(("uri", "expected"), [
    ("http://app.example.com/callback", {"redirect-http"}),
    ("https://app.example.com/callback#frag", {"redirect-fragment"}),
    ("app.example.com/callback", {"redirect-not-absolute"}),
    ("http://127.0.0.1:8080/callback", set()),
])
def test_redirect_shape_agrees(tmp_path: Path, uri: str, expected: set[str]) -> None:
    base = BASE.replace("https://app.example.com/callback", uri)
    assert _both(tmp_path, "OAUTH_CLIENT_SECRET=s3cret-value-123\n", base=base) == (expected, expected)
