"""docker compose substitution as check-env (no environment: references) and diagnose (the environment) see it."""

from __future__ import annotations

import pytest

from oauthdoctor.config.interpolate import Substituted, interpolate

ENVIRON = {"SET": "value", "EMPTY": ""}


@pytest.mark.parametrize(("text", "alone", "with_environ"), [
    ("plain", Substituted("plain"), Substituted("plain")),
    ("pa$$word", Substituted("pa$word"), Substituted("pa$word")),
    ("${SET}", Substituted("", "${SET}"), Substituted("value")),
    ("$SET/cb", Substituted("/cb", "$SET"), Substituted("value/cb")),
    ("https://${HOST:-auth.example.com}/cb", Substituted("https://auth.example.com/cb"),
     Substituted("https://auth.example.com/cb")),
    ("${EMPTY:-fallback}", Substituted("fallback"), Substituted("fallback")),
    ("${EMPTY-fallback}", Substituted("fallback"), Substituted("")),
    ("${UNSET:-${SET:-inner}}", Substituted("inner"), Substituted("value")),
    ("${SET:?must be set}", Substituted("", "${SET:?must be set}"), Substituted("value")),
    ("${SET:+alternative}", Substituted("", "${SET:+alternative}"), Substituted("alternative")),
    ("${UNSET}", Substituted("", "${UNSET}"), Substituted("")),
    ("${", Substituted("${", "${"), Substituted("${", "${")),
])
def test_substitution(text: str, alone: Substituted, with_environ: Substituted) -> None:
    assert interpolate(text) == alone
    assert interpolate(text, ENVIRON) == with_environ


def test_deep_nesting_stops() -> None:
    text = "${A:-" * 20 + "x" + "}" * 20
    assert interpolate(text).reference is not None
