"""Codes, tokens, secrets and cookies reach no output of trace and no line of a recorded log; fingerprints are
stable, so the same value is recognisable without being shown."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlsplit

import pytest

from oauthdoctor.record.wire import SECRET_PARAMS, fingerprint_value, scrub_header, scrub_url
from oauthdoctor.redact import is_stable_fingerprint, stable_fingerprint

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "trace"
HARS = sorted(FIXTURES.glob("*.har")) + sorted((FIXTURES / "exporters").glob("*.har"))
SECRET_KEYS = SECRET_PARAMS - {"code_challenge"}  # a challenge is a hash already; it is fingerprinted anyway


def _pairs(text: str) -> dict[str, str]:
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return {}
        return {k: v for k, v in _flatten(data)} if isinstance(data, dict) else {}
    return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}


def _flatten(data: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out += [(k, v)] if isinstance(v, str) else _flatten(v)
    elif isinstance(data, list):
        for v in data:
            out += _flatten(v)
    return out


def har_secrets(path: Path) -> set[str]:
    """Every raw secret in a HAR: parameters, answers, Basic and Bearer credentials, cookies."""
    found: set[str] = set()
    for entry in json.loads(path.read_text(encoding="utf-8"))["log"]["entries"]:
        request, response = entry["request"], entry["response"]
        texts = [urlsplit(request["url"]).query, request.get("postData", {}).get("text") or "",
                 response.get("content", {}).get("text") or ""]
        texts += [urlsplit(h["value"]).query for h in response["headers"] if h["name"].lower() == "location"]
        for text in texts:
            found |= {v for k, v in _pairs(text).items() if k in SECRET_KEYS}
        for p in request.get("postData", {}).get("params") or []:
            if p["name"] in SECRET_KEYS:
                found.add(p["value"])
        for h in request["headers"]:
            name, value = h["name"].lower(), h.get("value") or ""
            if name == "authorization":
                scheme, _, credential = value.partition(" ")
                found.add(credential)
                if scheme.lower() == "basic":
                    found.add(unquote_plus(base64.b64decode(credential).decode().partition(":")[2]))
            if name == "cookie":
                found |= {c.partition("=")[2] for c in value.split("; ")}
    return {s for s in found if len(s) >= 8 and s not in ("None", "refresh_token")}


def test_the_fixtures_do_hold_secrets_to_leak() -> None:
    assert len(har_secrets(FIXTURES / "refresh_race.har")) >= 8
    assert "good-secret-0123456789abcdef" in har_secrets(FIXTURES / "refresh_race.har")
    assert "canary-cookie-0123456789" in har_secrets(FIXTURES / "exporters" / "chrome.har")


@pytest.mark.parametrize("fmt", ["rich", "json", "sarif", "github", "junit"])
def test_no_secret_of_any_capture_in_any_output_format(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    result = subprocess.run([sys.executable, "-m", "oauthdoctor", "trace", "--format", fmt, "--output", str(out),
                             *map(str, HARS)], capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "fp_" in text or fmt in ("github", "junit")
    secrets = set().union(*(har_secrets(p) for p in HARS))
    assert len(secrets) > 50
    leaked = sorted(s for s in secrets if s in text)
    assert leaked == []


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.jsonl")))
def test_recorded_logs_hold_fingerprints_of_the_flow_and_none_of_its_secrets(name: str) -> None:
    log = (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8")
    secrets = har_secrets(FIXTURES / f"{name}.har")
    assert [s for s in secrets if s in log] == []
    seen = [s for s in secrets if stable_fingerprint(s) in log]
    assert seen, "the log names the flow's secrets by fingerprint"


def test_a_fingerprint_is_the_same_in_every_process_and_for_a_fingerprint() -> None:
    value = "a-refresh-token-0123456789"
    other = subprocess.run([sys.executable, "-c", "from oauthdoctor.redact import stable_fingerprint as f; "
                            f"print(f({value!r}))"], capture_output=True, text=True, check=True).stdout.strip()
    assert other == stable_fingerprint(value) == "fp_" + __import__("hashlib").sha256(value.encode()).hexdigest()[:12]
    assert is_stable_fingerprint(other) and stable_fingerprint(other) == other
    assert stable_fingerprint(value + "x") != stable_fingerprint(value)
    assert not is_stable_fingerprint("fp_0123456789aG") and not is_stable_fingerprint("fp_0123")


def test_sentinels_a_broken_client_sends_stay_readable() -> None:
    assert [fingerprint_value(v) for v in ("None", "", "undefined", "null")] == ["None", "", "undefined", "null"]
    assert fingerprint_value("real-token-0123456789").startswith("fp_")


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("Authorization", "Bearer abc.def.ghi-0123456789", f"Bearer {stable_fingerprint('abc.def.ghi-0123456789')}"),
    ("Cookie", "sid=s3cr3t-cookie; theme=dark", f"sid={stable_fingerprint('s3cr3t-cookie')}; "
                                                f"theme={stable_fingerprint('dark')}"),
    ("Set-Cookie", "sid=s3cr3t-cookie; Path=/; HttpOnly", f"sid={stable_fingerprint('s3cr3t-cookie')}; Path=/; "
                                                          "HttpOnly"),
    ("X-Api-Key", "key-0123456789", stable_fingerprint("key-0123456789")),
    ("Content-Type", "application/json", "application/json"),
])
def test_headers_keep_their_shape_but_not_their_credentials(name: str, value: str, expected: str) -> None:
    assert scrub_header(name, value) == expected


def test_urls_keep_everything_but_secret_parameters() -> None:
    url = "https://app.example.com/callback?code=abcdefgh12345&state=xyz987654321&iss=https%3A%2F%2Fidp#access_token=t0k"
    assert scrub_url(url) == (f"https://app.example.com/callback?code={stable_fingerprint('abcdefgh12345')}"
                              f"&state={stable_fingerprint('xyz987654321')}&iss=https://idp"
                              f"#access_token={stable_fingerprint('t0k')}")
    assert scrub_url("https://user:pa55word@host.example/x") == (
        f"https://user:{stable_fingerprint('pa55word')}@host.example/x")


def test_an_error_description_that_quotes_the_refused_token_is_scrubbed() -> None:
    from oauthdoctor.trace.model import Capture
    from oauthdoctor.trace.normalize import normalize

    token = "quoted-refresh-token-0123456789"
    capture = Capture(
        source="unit", position=1, line_based=True, started=0.0, duration=0.1, method="POST",
        url="https://idp.example/oauth/token",
        request_headers=(("Content-Type", "application/x-www-form-urlencoded"),),
        request_body=f"grant_type=refresh_token&refresh_token={token}", status=400,
        response_headers=(("Content-Type", "application/json"),),
        response_body=json.dumps({"error": "invalid_grant", "error_description": f"token {token} is revoked",
                                  "details": [{"token": token, "why": f"{token} expired"}]}))
    exchange = normalize(capture, lambda host, path: None)
    assert token not in repr(exchange)
    assert exchange.error_description == f"token {stable_fingerprint(token)} is revoked"
    assert exchange.body == {"error": "invalid_grant", "error_description": f"token {stable_fingerprint(token)} is "
                             "revoked", "details": [{"token": stable_fingerprint(token),
                                                     "why": f"{stable_fingerprint(token)} expired"}]}


def test_a_session_cookie_repeated_in_a_path_is_scrubbed_there_too() -> None:
    from oauthdoctor.trace.model import Capture
    from oauthdoctor.trace.normalize import normalize

    uid = "interaction-uid-0123456789"
    callback = (("Location", "https://app.example/cb?code=abcdefgh123&state=s"),)
    for url, cookie, answer, kind in (
            (f"https://idp.example/interaction/{uid}", f"_interaction={uid}", (), "other"),  # page traffic
            (f"https://idp.example/auth/{uid}", f"_interaction_resume={uid}", callback, "other")):
        capture = Capture(source="unit", position=1, line_based=False, started=0.0, duration=0.1, method="GET",
                          url=url, request_headers=(("Cookie", cookie),), status=303, response_headers=answer)
        exchange = normalize(capture, lambda host, path: None)
        assert exchange.kind == kind and (exchange.callback is None) == (not answer)
        assert uid not in repr(exchange)
        assert exchange.path.endswith(stable_fingerprint(uid))
