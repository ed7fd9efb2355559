"""Round eighteen (issue #16): reading written from corpora thirty-one and thirty-two's development halves. The texts
are written for these tests in the sources' terms; none is a corpus case."""

from __future__ import annotations

import pytest
from classify_answers import answer

from oauthdoctor.classifier.extract import extract


@pytest.mark.parametrize("body", [
    '{"error": "invalid_request", "error_description": "Invalid  refresh token"}',
    "InvalidClientIdError('(invalid_request) Invalid   refresh_token')",
])
def test_a_run_of_spaces_between_words_reads_as_one_space(body: str) -> None:
    assert answer(400, body) == ("invalid_grant", "refresh_token_invalid", "reauth")


def test_spaces_are_folded_only_between_words_and_the_description_shown_is_the_servers() -> None:
    ex = extract(400, '{"error": "invalid_request", "error_description": "Invalid  refresh token  "}')
    assert ex.desc_text == "Invalid refresh token  "
    assert ex.description == "Invalid  refresh token  "
