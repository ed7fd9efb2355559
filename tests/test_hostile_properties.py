"""Property tests for the readers of hostile input: none raises on arbitrary text or bytes (other than its own
input error), each round-trips where that is defined, and ``explain``'s classification of a body does not depend
on key order, surrounding white space or a UTF-8 byte-order mark.

Readers: the env-file parser, the redirect-URI splitter and ``hosts.split_url``, the error-body extractor and
the classifier, the HAR and exchange-log readers, the compose and Kubernetes readers (and check-env over them).
"""

from __future__ import annotations

import base64
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.extract import OAUTH_CODES, extract
from oauthdoctor.config.envfile import EnvFileError, env_file_of, parse_env_text
from oauthdoctor.config.files import read_config
from oauthdoctor.hosts import split_url
from oauthdoctor.limits import InputError, decode_text
from oauthdoctor.redirect.parse import ParsedURI, parse_uri
from oauthdoctor.trace.errors import TraceInputError
from oauthdoctor.trace.exchange_log import read_exchange_log
from oauthdoctor.trace.har import read_har
from oauthdoctor.trace.inputs import input_format

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with the characters that break readers: line ends of every kind, quotes, escapes, '=', '#', '$', NUL,
# a byte-order mark, zero-width and bidi controls, surrogates (lone ones too), and a dash of everything else.
TRICKY = st.sampled_from(list("\n\r\t '\"\\=#${}:[]-,&?@/%") + ["\r\n", "\x00", "\ufeff", "\u200b", "\u202e",
                                                                   "export ", "KEY", "OAUTH_CLIENT_ID", "\ud800"])
HOSTILE_TEXT = st.lists(TRICKY | st.text(max_size=4), max_size=40).map("".join) | st.text(max_size=200)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def _always(*wanted: Any) -> bool:
    return True


# --- the env-file parser ------------------------------------------------------------------------------------


@SETTINGS
@given(text=HOSTILE_TEXT)
def test_the_env_parser_never_raises_and_every_entry_points_into_the_text(text: str) -> None:
    parsed = parse_env_text(text, "x.env")
    lines = len(parsed.line_starts)
    for entry in parsed.entries:
        assert 1 <= entry.line <= entry.value_line <= entry.end_line <= lines
        assert text.startswith(entry.raw, entry.offset)
    for problem in parsed.problems:
        assert 1 <= problem.line <= lines
    try:
        env_file_of(text, "x.env")
    except EnvFileError as exc:
        assert str(exc).startswith("x.env: ") and "\n" not in str(exc)


@SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes_are_text_or_one_line_naming_the_file(data: bytes) -> None:
    try:
        text = decode_text(data, "f.env", "an env file")
    except InputError as exc:
        assert str(exc).startswith("f.env: not an env file (") and "\n" not in str(exc)
        return
    parse_env_text(text, "f.env")


KEY = st.from_regex(r"[A-Z_][A-Z0-9_]{0,15}", fullmatch=True)
PLAIN_VALUE = st.from_regex(r"[A-Za-z0-9_./:@+-]{0,24}", fullmatch=True)
QUOTED_VALUE = st.text(st.characters(blacklist_characters="\"\\\r\n\x00", blacklist_categories=("Cs",)),
                       max_size=24)


@SETTINGS
@given(assignments=st.lists(st.tuples(KEY, PLAIN_VALUE | QUOTED_VALUE, st.booleans()), max_size=8),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_written_assignments_read_back_as_written(assignments: list[tuple[str, str, bool]], newline: str) -> None:
    """The round trip where it is defined: ``KEY=value`` lines a writer produced give back the same values, and
    each statement sits on its own line."""
    lines = [f'{key}="{value}"' if quoted or not _plain(value) else f"{key}={value}"
             for key, value, quoted in assignments]
    parsed = parse_env_text(newline.join(lines) + newline, "w.env")
    assert [(e.key, e.value) for e in parsed.entries] == [(k, v) for k, v, _ in assignments]
    assert [e.line for e in parsed.entries] == list(range(1, len(assignments) + 1))
    assert parsed.problems == ()


def _plain(value: str) -> bool:
    return bool(value) and all(c.isalnum() or c in "_./:@+-" for c in value)


# --- the URI splitters ---------------------------------------------------------------------------------------


def _joined(parts: ParsedURI) -> str:
    out = f"{parts.scheme}:" if parts.scheme is not None else ""
    if parts.has_authority:
        out += "//" + (f"{parts.userinfo}@" if parts.userinfo is not None else "") + parts.host
        out += f":{parts.port}" if parts.port is not None else ""
    out += parts.path
    out += f"?{parts.query}" if parts.query is not None else ""
    return out + (f"#{parts.fragment}" if parts.fragment is not None else "")


URI_PIECES = st.sampled_from(["https:", "http://", "//", "[", "]", "[::1]", ":", "@", "/", "?", "#", "%", "%2F",
                              "..", "a", "Z", "9", " ", "\n", "\u200b", "\u202e", "xn--", "\u00fc", "*", "\x00"])
URI_TEXT = st.lists(URI_PIECES, max_size=16).map("".join) | st.text(max_size=60)


@SETTINGS
@given(raw=URI_TEXT)
def test_a_uri_joined_from_its_parts_is_the_same_characters(raw: str) -> None:
    parts = parse_uri(raw)
    assert _joined(parts) == raw
    assert raw[parts.host_at:parts.host_at + len(parts.host)] == parts.host
    assert raw[parts.path_at:parts.path_at + len(parts.path)] == parts.path
    if parts.query is not None:
        assert raw[parts.query_at:parts.query_at + len(parts.query)] == parts.query
    if parts.fragment is not None:
        assert raw[parts.fragment_at:] == parts.fragment
    split = split_url(raw)  # the lenient splitter every check uses never raises either
    assert isinstance(split.scheme, str) and isinstance(split.netloc, str)


# --- the error-body extractor and the classifier --------------------------------------------------------------

STATUS = st.none() | st.integers(-10**6, 10**6) | st.floats() | st.text(max_size=6) | st.booleans()
HEADERS = st.none() | st.dictionaries(st.text(max_size=20), st.text(max_size=40), max_size=4)


@SETTINGS
@given(body=HOSTILE_TEXT | st.binary(max_size=300) | JSON_VALUES, status=STATUS, headers=HEADERS)
def test_the_extractor_and_the_classifier_never_raise(body: Any, status: Any, headers: Any) -> None:
    extract(status if isinstance(status, int) else None, body, headers)
    result = classify(status, body, headers)
    assert result.decision in ("reauth", "fix_config", "retry", "none")
    if not result.conclusive:  # nothing recognised: at most the base rate's lean, at low confidence
        assert result.failure_class == "unknown"
        assert result.decision in ("none", "fix_config") and result.confidence == "low"
    assert result.decision != "none" or not result.conclusive


def _corpus_bodies() -> list[tuple[int | None, dict[str, Any], str | None]]:
    """Real JSON error bodies from the development corpus (status, body object, provider)."""
    found = []
    for name in ("errors_corpus_dev.yaml", "errors_dev.yaml"):
        for case in yaml.safe_load((ROOT / "tests" / "fixtures" / name).read_text(encoding="utf-8")):
            body = case.get("body")
            try:
                data = json.loads(body) if isinstance(body, str) else body
            except ValueError:
                continue
            if isinstance(data, dict) and len(data) >= 2:
                found.append((case.get("status"), data, case.get("provider")))
    return found


CORPUS = _corpus_bodies()
SYNTHETIC = st.builds(
    lambda code, description, extra: {"error": code, **({"error_description": description} if description else {}),
                                      **extra},
    st.sampled_from(OAUTH_CODES), st.sampled_from([None, "Token has been expired or revoked.", "Invalid client",
                                                   "Bad Request", "The refresh token is invalid."]),
    st.dictionaries(st.sampled_from(["error_uri", "trace_id", "timestamp", "correlation_id"]),
                    st.text(max_size=10), max_size=2))
BODIES = st.sampled_from(CORPUS) | st.tuples(st.sampled_from([400, 401, None]), SYNTHETIC, st.none())
SPACE = st.text(st.sampled_from(" \t\r\n"), max_size=6)


def _verdict(status: int | None, body: Any, provider: str | None) -> tuple[str, str, str]:
    result = classify(status, body, None, provider=provider)
    return result.failure_class, result.cause, result.decision


def test_the_corpus_gives_the_invariance_test_real_bodies() -> None:
    assert len(CORPUS) >= 20


@SETTINGS
@given(case=BODIES, order=st.randoms(use_true_random=False), before=SPACE, after=SPACE,
       indent=st.sampled_from([None, 2]), bom=st.booleans(), as_bytes=st.booleans())
def test_explains_verdict_ignores_key_order_white_space_and_a_bom(
        case: tuple[int | None, dict[str, Any], str | None], order: Any, before: str, after: str, indent: int | None,
        bom: bool, as_bytes: bool) -> None:
    status, data, provider = case
    expected = _verdict(status, json.dumps(data), provider)
    keys = list(data)
    order.shuffle(keys)
    text = before + json.dumps({k: data[k] for k in keys}, indent=indent) + after
    body: str | bytes = ("\ufeff" if bom and not as_bytes else "") + text
    if as_bytes:
        body = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    assert _verdict(status, body, provider) == expected


# --- the HAR and exchange-log readers ------------------------------------------------------------------------


def _drain(read: Any) -> None:
    try:
        for capture in read():
            assert capture.position >= 1
    except TraceInputError as exc:
        assert "\n" not in str(exc)


HAR_ISH = st.fixed_dictionaries({"log": st.fixed_dictionaries(
    {"version": st.sampled_from(["1.2", "1.1", "2.0", None, 5]),
     "entries": st.none() | st.lists(st.dictionaries(
         st.sampled_from(["startedDateTime", "time", "request", "response", "_fromCache"]),
         JSON_VALUES | st.fixed_dictionaries({"method": JSON_VALUES, "url": JSON_VALUES, "headers": JSON_VALUES,
                                              "postData": JSON_VALUES, "status": JSON_VALUES,
                                              "content": JSON_VALUES}),
         max_size=5), max_size=3)})})


@SETTINGS
@given(data=st.binary(max_size=300) | HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))
       | HAR_ISH.map(lambda h: json.dumps(h).encode()))
def test_the_capture_readers_never_raise_but_their_input_error(data: bytes) -> None:
    try:
        kind = input_format(data, "in.har")
    except TraceInputError:
        kind = None
    assert kind in ("har", "log", None)
    _drain(lambda: read_har(data, "in.har", _always))
    _drain(lambda: read_exchange_log(data, "in.jsonl", _always))


LOG_LINE = st.fixed_dictionaries({"time": JSON_VALUES | st.just("2026-12-05T10:00:00Z"),
                                  "method": JSON_VALUES | st.just("POST"),
                                  "url": JSON_VALUES | st.just("https://idp.example.com/token")},
                                 optional={"status": JSON_VALUES, "request_headers": JSON_VALUES,
                                           "request_body": JSON_VALUES, "response_body": JSON_VALUES,
                                           "exchange_log": JSON_VALUES, "derived": JSON_VALUES})


@SETTINGS
@given(lines=st.lists(LOG_LINE.map(json.dumps) | HOSTILE_TEXT, min_size=1, max_size=5))
def test_exchange_logs_with_odd_lines_never_raise_but_their_input_error(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    _drain(lambda: read_exchange_log(data, "in.jsonl", _always))


# --- the compose and Kubernetes readers ------------------------------------------------------------------------

WORDS = st.sampled_from(["services", "environment", "env_file", "apiVersion", "kind", "metadata", "name", "namespace",
                         "data", "stringData", "spec", "template", "containers", "initContainers", "env", "envFrom",
                         "valueFrom", "secretKeyRef", "configMapKeyRef", "key", "value", "prefix", "items", "sops",
                         "secretRef", "configMapRef", "path", "OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET", "List",
                         "Secret", "ConfigMap", "Deployment", "Pod", "CronJob", "jobTemplate", "v1", "<<", "x-common"])
YAML_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | WORDS | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(WORDS | st.text(max_size=6), children,
                                                                      max_size=5),
    max_leaves=30,
)


VALUE = st.text(max_size=12) | st.sampled_from(["${OAUTH_CLIENT_ID}", "${A:-${B}}", "$(VAR)", "%%%", "YXBw", "",
                                                "https://app.example.com/cb", "changeme"])


def mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any], odds: int = 6) -> st.SearchStrategy[Any]:
    """``good`` ``odds`` times in ``odds + 1``, else ``bad`` (one_of would pick each half of the time)."""
    return st.integers(0, odds).flatmap(lambda i: bad if i == 0 else good)


ODD = mostly(VALUE, YAML_DATA, 3)  # mostly a value of the right kind, now and then any shape
ENVIRONMENT = (st.dictionaries(WORDS | st.text(max_size=8), ODD, max_size=4)
               | st.lists(st.text(max_size=12).map(lambda t: f"OAUTH_CLIENT_ID={t}") | ODD, max_size=4) | ODD)
SERVICE = st.fixed_dictionaries({"environment": ENVIRONMENT}, optional={"env_file": ODD | st.lists(ODD, max_size=2)})
COMPOSE = st.fixed_dictionaries({"services": st.dictionaries(
    st.text(min_size=1, max_size=6), mostly(SERVICE, ODD), min_size=1, max_size=3)},
    optional={"x-common": ODD, "version": ODD})
ENV_ITEM = st.fixed_dictionaries({"name": VALUE}, optional={
    "value": ODD, "valueFrom": st.fixed_dictionaries({}, optional={
        "secretKeyRef": st.fixed_dictionaries({"name": ODD, "key": ODD}),
        "configMapKeyRef": st.fixed_dictionaries({"name": ODD, "key": ODD}), "fieldRef": ODD}) | ODD})
CONTAINER = st.fixed_dictionaries({"name": VALUE, "env": st.lists(mostly(ENV_ITEM, ODD), max_size=3)},
                                  optional={"envFrom": st.lists(st.fixed_dictionaries({}, optional={
                                      "prefix": ODD, "secretRef": st.fixed_dictionaries({"name": ODD}),
                                      "configMapRef": st.fixed_dictionaries({"name": ODD})}) | ODD, max_size=2)})
BASE64 = st.text(max_size=12).map(lambda t: base64.b64encode(t.encode("utf-8", "surrogatepass")).decode())
DATA = st.dictionaries(st.text(min_size=1, max_size=8), mostly(BASE64, ODD, 3), min_size=1, max_size=3)
METADATA = st.fixed_dictionaries({"name": VALUE}, optional={"namespace": VALUE})
SECRET = st.fixed_dictionaries({"apiVersion": st.just("v1"), "kind": st.sampled_from(["Secret", "ConfigMap"]),
                                "metadata": METADATA, "data": DATA}, optional={"stringData": DATA, "sops": ODD})
WORKLOAD = st.one_of(
    st.fixed_dictionaries({"apiVersion": st.just("apps/v1"), "kind": st.sampled_from(["Deployment", "Job"]),
                           "metadata": METADATA, "spec": st.fixed_dictionaries({"template": st.fixed_dictionaries(
                               {"spec": st.fixed_dictionaries({"containers": st.lists(CONTAINER, max_size=2)},
                                                              optional={"initContainers": st.lists(CONTAINER,
                                                                                                   max_size=1)})})})}),
    st.fixed_dictionaries({"apiVersion": st.just("v1"), "kind": st.just("Pod"), "metadata": METADATA,
                           "spec": st.fixed_dictionaries({"containers": st.lists(CONTAINER, max_size=2) | ODD})}),
)
OBJECT = st.one_of(SECRET, WORKLOAD, st.fixed_dictionaries({"apiVersion": VALUE, "kind": VALUE, "metadata": ODD},
                                                          optional={"data": ODD, "spec": ODD}))
MANIFEST = st.lists(OBJECT, min_size=1, max_size=3) | st.fixed_dictionaries(
    {"apiVersion": st.just("v1"), "kind": st.just("List"), "items": st.lists(OBJECT, max_size=2) | ODD})


def _dump(data: Any) -> str:
    if isinstance(data, list) and data and all(isinstance(d, dict) and "kind" in d for d in data):
        return yaml.safe_dump_all(data, allow_unicode=True)
    return yaml.safe_dump(data, allow_unicode=True)


def _read(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"file{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            read_config(path)
        except EnvFileError as exc:
            assert str(exc).startswith(str(path)) and "\n" not in str(exc)


@SETTINGS
@given(data=COMPOSE | MANIFEST | YAML_DATA, suffix=st.sampled_from([".yaml", ".env", ""]))
def test_compose_and_kubernetes_shapes_never_raise_but_their_input_error(data: Any, suffix: str) -> None:
    _read(_dump(data), suffix)


@SETTINGS
@given(text=HOSTILE_TEXT, suffix=st.sampled_from([".yml", ".env", ""]))
def test_any_text_read_as_configuration_is_a_file_or_one_error_line(text: str, suffix: str) -> None:
    assume("\ud800" not in text)
    _read(text, suffix)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=COMPOSE | MANIFEST)
def test_check_env_over_any_compose_or_manifest_shape_never_raises(data: Any) -> None:
    from oauthdoctor.checkenv import check_files

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "compose.yaml"
        path.write_text(_dump(data), encoding="utf-8")
        try:
            report = check_files([str(path)])
        except EnvFileError:
            return
        assert all(f.id for f in report.findings)


@pytest.mark.parametrize("anchor", ["&a", "&a !!map"])
def test_an_anchor_shared_between_services_is_followed_within_the_budget(anchor: str, tmp_path: Path) -> None:
    """yaml.safe_dump writes shared objects as anchors and aliases: compose files use them on purpose."""
    path = tmp_path / "compose.yaml"
    path.write_text(f"x: {anchor} {{OAUTH_CLIENT_ID: app}}\nservices:\n  a: {{environment: *a}}\n"
                    "  b: {environment: *a}\n", encoding="utf-8")
    config = read_config(path)
    assert [e.name for e in config.environments] == ["a", "b"]
