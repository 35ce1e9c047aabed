"""A compact, checked token carrying answers in a URL (resume a quiz, share a result).

Format: ``<bank hash>-<one digit per item in bank order, 0 = unanswered>-<checksum>``, e.g.
``3fa9c2d1-5342...-0b7e``. The token holds answers only - never scores - so a shared link is
re-scored by whoever opens it. Decoding never trusts the token: a wrong length, a digit out of
range, a checksum mismatch or another bank version all raise :class:`TokenError`.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping

from scoring.errors import AnswerError, TokenError
from scoring.models import Bank
from scoring.scores import answer_problems

__all__ = ["encode_answers", "decode_answers", "MAX_TOKEN_LENGTH"]

MAX_TOKEN_LENGTH = 256
_SHAPE = re.compile(r"^([0-9a-f]{8})-([0-9]+)-([0-9a-f]{4})$")


def _checksum(body: str) -> str:
    return f"{zlib.crc32(body.encode('ascii')) & 0xFFFF:04x}"


def encode_answers(answers: Mapping[str, int], bank: Bank) -> str:
    """Encode (possibly partial) answers; raises ``AnswerError`` via validation first."""
    problems = answer_problems(answers, bank, partial=True)
    if problems:
        raise AnswerError(problems)
    digits = "".join(str(int(answers.get(i, 0) or 0)) for i in bank.item_ids)
    body = f"{bank.content_hash}-{digits}"
    return f"{body}-{_checksum(body)}"


def decode_answers(token: str, bank: Bank) -> dict[str, int]:
    """Answers carried by ``token`` (only the answered items)."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        raise TokenError("too_long")
    match = _SHAPE.match(token.strip())
    if not match:
        raise TokenError("malformed")
    version, digits, check = match.groups()
    if _checksum(f"{version}-{digits}") != check:
        raise TokenError("checksum")
    if version != bank.content_hash:
        raise TokenError("other_version")
    if len(digits) != len(bank.items):
        raise TokenError("malformed")
    answers = {item.id: int(d) for item, d in zip(bank.items, digits, strict=True) if d != "0"}
    if answer_problems(answers, bank, partial=True):
        raise TokenError("out_of_range")
    return answers
