"""A compact, checked token carrying answers in a URL (resume a quiz, share a result).

Format: ``<content hash>-<seed>-<one digit per item in bank order, 0 = unanswered>-<checksum>``, e.g.
``a4590ecf-k3x9-5342...-0b7e``. The seed fixes the order this person sees situational options in
(:mod:`scoring.order`). The token holds answers only - never scores - so a shared link is re-scored
by whoever opens it. Decoding never trusts the token: a wrong length, a digit out of range, a
checksum mismatch or another question set all raise :class:`TokenError`. Tokens of the first
question set had no seed; they are still recognised, and reported as ``other_version``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from typing import NamedTuple

from scoring.errors import AnswerError, TokenError
from scoring.models import Bank
from scoring.order import SEED_ALPHABET, SEED_LENGTH
from scoring.scores import answer_problems

__all__ = ["encode_answers", "decode_answers", "decode_token", "Decoded", "MAX_TOKEN_LENGTH"]

MAX_TOKEN_LENGTH = 256
_SHAPE = re.compile(rf"^([0-9a-f]{{8}})-(?:([{SEED_ALPHABET}]{{{SEED_LENGTH}}})-)?([0-9]+)-([0-9a-f]{{4}})$")


class Decoded(NamedTuple):
    answers: dict[str, int]
    seed: str


def _checksum(body: str) -> str:
    return f"{zlib.crc32(body.encode('ascii')) & 0xFFFF:04x}"


def encode_answers(answers: Mapping[str, int], bank: Bank, seed: str = "0" * SEED_LENGTH) -> str:
    """Encode (possibly partial) answers and the person's option-order seed; raises ``AnswerError``
    via validation first."""
    problems = answer_problems(answers, bank, partial=True)
    if problems:
        raise AnswerError(problems)
    if len(seed) != SEED_LENGTH or any(ch not in SEED_ALPHABET for ch in seed):
        raise ValueError(f"a seed is {SEED_LENGTH} characters from {SEED_ALPHABET!r}")
    digits = "".join(str(int(answers.get(i, 0) or 0)) for i in bank.item_ids)
    body = f"{bank.content_hash}-{seed}-{digits}"
    return f"{body}-{_checksum(body)}"


def decode_token(token: str, bank: Bank) -> Decoded:
    """The answers (only the answered items) and the option-order seed carried by ``token``."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        raise TokenError("too_long")
    match = _SHAPE.match(token.strip())
    if not match:
        raise TokenError("malformed")
    version, seed, digits, check = match.groups()
    body = "-".join(part for part in (version, seed, digits) if part is not None)
    if _checksum(body) != check:
        raise TokenError("checksum")
    if version != bank.content_hash or seed is None:
        raise TokenError("other_version")
    if len(digits) != len(bank.items):
        raise TokenError("malformed")
    answers = {item.id: int(d) for item, d in zip(bank.items, digits, strict=True) if d != "0"}
    if answer_problems(answers, bank, partial=True):
        raise TokenError("out_of_range")
    return Decoded(answers, seed)


def decode_answers(token: str, bank: Bank) -> dict[str, int]:
    """Answers carried by ``token`` (only the answered items)."""
    return decode_token(token, bank).answers
