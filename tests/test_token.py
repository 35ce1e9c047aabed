"""Answer tokens carried in links: round-trip exactly with the person's option order, never trusted."""

from __future__ import annotations

import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import uniform_answers
from scoring import AnswerError, TokenError, decode_answers, decode_token, encode_answers, load_bank
from scoring.order import SEED_ALPHABET, SEED_LENGTH

seeds = st.text(alphabet=SEED_ALPHABET, min_size=SEED_LENGTH, max_size=SEED_LENGTH)


@settings(max_examples=100, deadline=None)
@given(data=st.data(), seed=seeds)
def test_token_round_trips_partial_answers_and_the_seed(bank, data, seed):
    answers = data.draw(st.dictionaries(st.sampled_from(bank.item_ids), st.integers(1, 4)))
    decoded = decode_token(encode_answers(answers, bank, seed), bank)
    assert decoded.answers == answers and decoded.seed == seed


def test_token_is_compact(bank):
    assert len(encode_answers(uniform_answers(bank, 3), bank, "k3x9")) <= 80


def test_token_refuses_to_encode_invalid_answers_or_seeds(bank):
    with pytest.raises(AnswerError):
        encode_answers({"Q01": 8}, bank)
    with pytest.raises(ValueError, match="seed"):
        encode_answers({"Q01": 3}, bank, "ZZ!")


def _flip_digit(token: str) -> str:
    head, seed, digits, check = token.split("-")
    return f"{head}-{seed}-{'4' if digits[0] != '4' else '3'}{digits[1:]}-{check}"


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (_flip_digit, "checksum"),
        (lambda t: t.replace("-ab12-", "-ab13-"), "checksum"),
        (lambda t: t[:20], "malformed"),
        (lambda t: t + "0" * 300, "too_long"),
        (lambda t: "<script>alert(1)</script>", "malformed"),
        (lambda t: "", "malformed"),
        (lambda t: t.replace("-", "_"), "malformed"),
    ],
)
def test_token_tampered_is_rejected(bank, tamper, reason):
    token = encode_answers(uniform_answers(bank, 2), bank, "ab12")
    with pytest.raises(TokenError) as caught:
        decode_answers(tamper(token), bank)
    assert caught.value.reason == reason


def test_token_from_another_question_set_is_rejected_as_other_version(bank, data_copy):
    path = data_copy / "items.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("すぐに気づくほうだ", "すぐ気づく"), encoding="utf-8")
    other = load_bank(data_copy)
    with pytest.raises(TokenError) as caught:
        decode_answers(encode_answers(uniform_answers(other, 2), other, "ab12"), bank)
    assert caught.value.reason == "other_version" and caught.value.notice == "other_version"


def test_token_of_the_first_question_set_without_a_seed_is_recognised_as_other_version(bank):
    # links shared before this version: <hash>-<35 digits>-<checksum>, checked and then told apart
    body = "aa863602-" + "3" * 35
    token = f"{body}-{zlib.crc32(body.encode()) & 0xFFFF:04x}"
    with pytest.raises(TokenError) as caught:
        decode_answers(token, bank)
    assert caught.value.notice == "other_version"


def test_token_with_valid_checksum_but_out_of_range_digit_is_rejected(bank):
    body = f"{bank.content_hash}-ab12-{'9' * len(bank.items)}"
    token = f"{body}-{zlib.crc32(body.encode()) & 0xFFFF:04x}"
    with pytest.raises(TokenError) as caught:
        decode_answers(token, bank)
    assert caught.value.reason == "out_of_range"
