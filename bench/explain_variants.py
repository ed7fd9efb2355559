"""Does ``classify()`` keep its answer when a response it gets right is shown another way? (issue #16)

Not a test (the floors are in ``tests/test_classify_corpus.py``); a probe of generalisation that needs no new
labels. Each corpus case the classifier answers right (class and decision) is rewritten the way the same
response reaches users elsewhere, and the answer must stay the same:

- *wrappers*: a log line, a Spring ``HttpClientErrorException``, an axios error, a JSON-encoded string, a
  ``requests`` ``HTTPError``, an HTML error page, an API gateway's ``{"statusCode", "body"}``, ``curl -i``,
  openid-client's ``OPError: code (description)``, .NET's ``HttpRequestException``, Ruby's ``OAuth2::Error``, a
  Python dict repr in a log, google-auth's ``RefreshError`` tuple, and the body without its status;
- *wordings*: contractions and their long forms, typographic apostrophes, British and American spelling, an
  upper-case message, ``refresh_token``/``RefreshToken``/``access_token``/``client ID``/``clientId``, "redirect
  URL"/"callback URL", "expired"/"has expired", "Invalid X"/"X is invalid", no final full stops, no "the",
  "provided"/"supplied", "not found"/"does not exist", "does not match"/"mismatch".

    python bench/explain_variants.py                 # both, on the committed corpora
    python bench/explain_variants.py --show 5        # and up to 5 changed answers per variant
    python bench/explain_variants.py --only html lambda path/to/cases.yaml

A rewrite that changes nothing is skipped; the status is kept (except for ``nostatus``), so each row measures
one mechanism: the extraction of a wrapper, or a rule's wording.
"""

from __future__ import annotations

import argparse
import collections
import html
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
DEFAULT_FILES = [FIXTURES / "errors_corpus_dev.yaml", FIXTURES / "errors_corpus_dev2.yaml",
                 FIXTURES / "errors_corpus_dev3.yaml", FIXTURES / "errors_corpus_dev4.yaml",
                 FIXTURES / "errors_corpus_dev5.yaml", FIXTURES / "errors_corpus_dev6.yaml"]

Body = Any
Wrapper = Callable[[Body, Any], "str | None"]


def _flat(body: Body) -> str:
    return json.dumps(body) if isinstance(body, dict | list) else " ".join(str(body).split())


def _as_dict(body: Body) -> dict[str, Any] | None:
    if isinstance(body, dict):
        return body
    try:
        value = json.loads(body)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _oauth(body: Body) -> dict[str, Any] | None:
    """The body as a dict with a string ``error`` (for wrappers that print the code and description)."""
    data = _as_dict(body)
    return data if data and isinstance(data.get("error"), str) else None


def _page(body: Body, status: Any) -> str | None:
    if "<html" in _flat(body).lower():
        return None
    return ("<html><head><title>Error</title></head><body><h1>Something went wrong</h1>"
            f"<p>{html.escape(_flat(body))}</p></body></html>")


def _operror(body: Body, status: Any) -> str | None:
    data = _oauth(body)
    if not data or not data.get("error_description"):
        return None
    return f"OPError: {data['error']} ({data['error_description']})"


def _ruby(body: Body, status: Any) -> str | None:
    data = _oauth(body)
    return f"OAuth2::Error ({data['error']}: {data.get('error_description', '')}\n{_flat(body)})" if data else None


def _pyrepr(body: Body, status: Any) -> str | None:
    data = _as_dict(body)
    return f"ERROR:root:Token refresh failed: {data!r}" if data else None


def _google_auth(body: Body, status: Any) -> str | None:
    data = _oauth(body)
    if not data:
        return None
    return f"google.auth.exceptions.RefreshError: ('{data['error']}: {data.get('error_description', '')}', {data!r})"


WRAPPERS: dict[str, Wrapper] = {
    "log": lambda b, s: f"2026-12-05 10:00:01,123 ERROR [oauth.client] request failed: {_flat(b)}",
    "spring": lambda b, s: f'org.springframework.web.client.HttpClientErrorException$BadRequest: {s or 400} Bad '
                           f'Request: "{_flat(b)}"',
    "axios": lambda b, s: f"AxiosError: Request failed with status code {s or 400}\n    at settle (node_modules/"
                          f"axios/lib/core/settle.js:19:12)\nresponse.data: {_flat(b)}",
    "jsonstr": lambda b, s: json.dumps(_flat(b)),
    "requests": lambda b, s: f"requests.exceptions.HTTPError: {s or 400} Client Error: Bad Request for url: "
                             f"https://auth.example.com/oauth/token\n{_flat(b)}",
    "html": _page,
    "gateway": lambda b, s: json.dumps({"statusCode": s or 400, "body": _flat(b)}),
    "curl": lambda b, s: None if s is None else (
        f"HTTP/1.1 {s} Error\r\nContent-Type: application/json\r\n\r\n{b if isinstance(b, str) else json.dumps(b)}"),
    "operror": _operror,
    "dotnet": lambda b, s: f"System.Net.Http.HttpRequestException: Response status code does not indicate success: "
                           f"{s or 400} (Bad Request). Body: {_flat(b)}",
    "ruby": _ruby,
    "pyrepr": _pyrepr,
    "googleauth": _google_auth,
    "nostatus": lambda b, s: b if s is not None else None,
}


def _sub(pattern: str, replacement: str) -> Callable[[str], str]:
    rx = re.compile(pattern, re.I)
    return lambda text: rx.sub(replacement, text)


_NEGATABLE = re.compile(r"\b(does|is|was|has|have|did|can|are|were) not\b", re.I)
_CONTRACTED = re.compile(r"\b(does|is|was|has|have|did|are|were)n't\b", re.I)
WORDINGS: dict[str, Callable[[str], str]] = {
    "contract": lambda t: _NEGATABLE.sub(lambda m: "can't" if m.group(1).lower() == "can" else m.group(1) + "n't", t),
    "uncontract": lambda t: _CONTRACTED.sub(r"\1 not", re.sub(r"\bcan't\b", "cannot", t, flags=re.I)),
    "curly": lambda t: t.replace("'", "\u2019") if not t.lstrip().startswith("{'") else t,
    "british": lambda t: re.sub(r"(?<=[a-z])iz(e|ed|es|ing|ation)\b", r"is\1", t),
    "american": lambda t: re.sub(r"(?<=[a-z])is(e|ed|es|ing|ation)\b", r"iz\1", t),
    "upper": lambda t: re.sub(r'("(?:error_description|message)"\s*:\s*")([^"]*)"',
                              lambda m: m.group(1) + m.group(2).upper() + '"', t),
    "rt_snake": _sub(r"\brefresh token\b", "refresh_token"),
    "rt_camel": _sub(r"\brefresh[ _]token\b", "RefreshToken"),
    "at_snake": _sub(r"\baccess token\b", "access_token"),
    "client_id": _sub(r"\bclient[ _]?id\b", "client ID"),
    "clientId": _sub(r"\bclient[ _]?id\b", "clientId"),
    "redirect_url": _sub(r"\bredirect[ _]uri\b", "redirect URL"),
    "callback_url": _sub(r"\bredirect[ _]ur[il]\b", "callback URL"),
    "expired": _sub(r"\b(?:has|is) expired\b", "expired"),
    "has_expired": _sub(r"\bexpired\b", "has expired"),
    "invalid_x": _sub(r"\bInvalid ([a-z_]+(?: [a-z_]+)?)\b", r"\1 is invalid"),
    "x_invalid": _sub(r"\b([a-z_]+) (?:is|was) invalid\b", r"invalid \1"),
    "no_stop": lambda t: re.sub(r"\.(?=\"|'|$|\s)", "", t),
    "no_the": _sub(r"\bthe ", ""),
    "supplied": _sub(r"\bprovided\b", "supplied"),
    "provided": _sub(r"\bsupplied\b", "provided"),
    "not_exist": _sub(r"\bnot found\b", "does not exist"),
    "not_found": _sub(r"\b(?:does not|doesn't) exist\b", "not found"),
    "mismatch": _sub(r"\bdoes not match\b", "mismatch"),
    "not_match": _sub(r"\bmismatch(?:ed)?\b", "does not match"),
}


def run(files: list[Path], only: set[str], show: int) -> None:
    """Print, per variant, how many right answers it keeps; and up to ``show`` changed answers."""
    sys.path.insert(0, str(ROOT))
    import yaml

    from oauthdoctor.classifier import classify
    from oauthdoctor.classifier.book import RuleBook

    book = RuleBook()
    kept: collections.Counter[str] = collections.Counter()
    tried: collections.Counter[str] = collections.Counter()
    changed: dict[str, list[str]] = collections.defaultdict(list)

    def check(name: str, case: dict[str, Any], status: Any, body: Any, headers: Any) -> None:
        got = classify(status, body, headers, provider=case.get("provider"), rulebook=book)
        tried[name] += 1
        if (got.failure_class, got.decision) == (case["expected_class"], case["expected_decision"]):
            kept[name] += 1
        else:
            changed[name].append(f"{case['id']}: {got.failure_class}/{got.decision} ({got.cause})")

    for path in files:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            status, body, headers = case.get("status"), case.get("body"), case.get("headers")
            first = classify(status, body, headers, provider=case.get("provider"), rulebook=book)
            if (first.failure_class, first.decision) != (case["expected_class"], case["expected_decision"]):
                continue
            for name, wrap in WRAPPERS.items():
                if (not only or name in only) and (wrapped := wrap(body, status)) is not None:
                    check(name, case, None if name == "nostatus" else status, wrapped,
                          None if name == "nostatus" else headers)
            text = body if isinstance(body, str) else json.dumps(body)
            for name, reword in WORDINGS.items():
                if (not only or name in only) and text and (reworded := reword(text)) != text:
                    check(name, case, status, reworded, headers)
    for name in [*WRAPPERS, *WORDINGS]:
        if tried[name]:
            print(f"{name:12s} {kept[name]:4d}/{tried[name]:<4d} kept ({kept[name] / tried[name]:.1%})")
            for line in changed[name][:show]:
                print(f"    {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--only", nargs="*", default=[], help="variant names (default: all)")
    parser.add_argument("--show", type=int, default=0, help="changed answers to list per variant")
    args = parser.parse_args()
    run(args.files, set(args.only), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
