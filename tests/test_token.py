"""Answer tokens carried in links: round-trip exactly, never trusted."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import uniform_answers
from scoring import AnswerError, TokenError, decode_answers, encode_answers, load_bank


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_token_round_trips_partial_answers(bank, data):
    answers = data.draw(st.dictionaries(st.sampled_from(bank.item_ids), st.integers(1, 4)))
    assert decode_answers(encode_answers(answers, bank), bank) == answers


def test_token_is_compact(bank):
    assert len(encode_answers(uniform_answers(bank, 3), bank)) <= 60


def test_token_refuses_to_encode_invalid_answers(bank):
    with pytest.raises(AnswerError):
        encode_answers({"Q01": 8}, bank)


def _flip_digit(token: str) -> str:
    head, digits, check = token.split("-")
    return f"{head}-{'4' if digits[0] != '4' else '3'}{digits[1:]}-{check}"


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (_flip_digit, "checksum"),
        (lambda t: t[:20], "malformed"),
        (lambda t: t + "0" * 300, "too_long"),
        (lambda t: "<script>alert(1)</script>", "malformed"),
        (lambda t: "", "malformed"),
        (lambda t: t.replace("-", "_"), "malformed"),
    ],
)
def test_token_tampered_is_rejected(bank, tamper, reason):
    token = encode_answers(uniform_answers(bank, 2), bank)
    with pytest.raises(TokenError) as caught:
        decode_answers(tamper(token), bank)
    assert caught.value.reason == reason


def test_token_from_another_bank_version_is_rejected(bank, data_copy):
    path = data_copy / "items.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("読み返している", "確かめている"), encoding="utf-8")
    other = load_bank(data_copy)
    token = encode_answers(uniform_answers(other, 2), other)
    with pytest.raises(TokenError) as caught:
        decode_answers(token, bank)
    assert caught.value.reason == "other_version"


def test_token_with_valid_checksum_but_out_of_range_digit_is_rejected(bank):
    import zlib

    head = bank.content_hash
    digits = "9" * len(bank.items)
    body = f"{head}-{digits}"
    token = f"{body}-{zlib.crc32(body.encode()) & 0xFFFF:04x}"
    with pytest.raises(TokenError) as caught:
        decode_answers(token, bank)
    assert caught.value.reason == "out_of_range"
