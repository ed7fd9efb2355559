"""Round twenty-nine (issue #16): detection that claims only what a provider documents, and wordings from corpora
204 and later's development halves that name their failure. The bodies are written for these tests."""

from __future__ import annotations

import pytest
from classify_answers import BOOK

from oauthdoctor.classifier import classify


@pytest.mark.parametrize("code", [50001, 10012, 40002, 530007, 110001])
def test_a_code_from_discords_table_with_a_message_is_discords(code: int) -> None:
    body = f'{{"code": {code}, "message": "Missing Access"}}'
    assert classify(403, body, None, rulebook=BOOK).provider == "discord"


@pytest.mark.parametrize("code", [10401, 12500, 100002, 105002, 390198, 900901])
def test_another_services_code_and_message_is_not_discords(code: int) -> None:
    # UPS, a Capacitor plugin, QQ's bot API, Shopee, Snowflake and WSO2 answer {code, message} with codes that
    # Discord's JSON error code table does not list
    body = f'{{"code": {code}, "message": "Invalid Credentials"}}'
    assert classify(401, body, None, rulebook=BOOK).provider != "discord"
