"""The documented Python API: ``from oauthdoctor import classify`` and ``from oauthdoctor.redirect import compare``."""

from __future__ import annotations

import subprocess
import sys

import pytest

SNIPPETS = {
    "classify-first": "from oauthdoctor import classify",
    "classify-after-profiles": "import oauthdoctor.profiles; from oauthdoctor import classify",
    "classify-after-subpackage": "import oauthdoctor.profiles.error_schema; from oauthdoctor import classify",
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_classify_is_callable_whatever_was_imported_before(name: str) -> None:
    code = SNIPPETS[name] + (
        "\nr = classify(400, '{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: x\"}')"
        "\nprint(r.to_json()['class'], r.to_json()['provider_code'], r.to_json()['decision'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "invalid_grant AADSTS70008 reauth"


def test_compare_api() -> None:
    from oauthdoctor.redirect import compare

    result = compare(["https://app.example/cb"], "https://app.example/cb/", provider="google")
    assert result.accepted is False
    assert [d.kind for d in result.differences] == ["trailing_slash"]
    assert result.closest == "https://app.example/cb"
