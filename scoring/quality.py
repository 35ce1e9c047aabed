"""Answer-quality flags: signs that a set of answers may not describe the person well.

Three checks, each documented on the methodology page and calibrated on simulated respondents
(``bench/bench_measurement.py`` prints how often honest simulated people are flagged):

* ``straight_line`` - the same answer to nearly every rating question (``STRAIGHT_SHARE`` of them),
  or to every rating question on one screen that has at least ``SCREEN_MINIMUM`` of them;
* ``inconsistent`` - at least ``INCONSISTENT_PAIRS`` statements contradict their reverse-worded
  partner: agreeing (or disagreeing) with both "I check my work" and "I skip checking my work"
  leaves the two, once the reverse one is turned round, ``INCONSISTENT_GAP`` or more points apart;
* ``too_fast`` - at least ``FAST_SCREENS`` screens answered faster than ``MIN_SECONDS_PER_ITEM``
  seconds a question (only known when the quiz was taken in the app, never from a file or a link).

A flag is a reason to look again, never a verdict: results still show, with a kind notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from scoring.models import LIKERT_POINTS, Bank

__all__ = [
    "FLAGS",
    "answer_flags",
    "flag_matrix",
    "flag_texts",
    "STRAIGHT_SHARE",
    "SCREEN_MINIMUM",
    "INCONSISTENT_GAP",
    "INCONSISTENT_PAIRS",
    "MIN_SECONDS_PER_ITEM",
    "FAST_SCREENS",
]

FLAGS = ("straight_line", "inconsistent", "too_fast")
STRAIGHT_SHARE = 0.9
SCREEN_MINIMUM = 5
INCONSISTENT_GAP = 3
INCONSISTENT_PAIRS = 3
MIN_SECONDS_PER_ITEM = 2.0
FAST_SCREENS = 2


def _rated(bank: Bank) -> list[int]:
    """Columns of the rating questions (statements and work activities; not the situations)."""
    return [j for j, item in enumerate(bank.items) if item.kind != "situational"]


def flag_matrix(answers: np.ndarray, bank: Bank) -> dict[str, np.ndarray]:
    """The flags that need no timing, for every row of an answer matrix (rows x items, 1..n, 0
    where unanswered): ``{"straight_line": bool array, "inconsistent": bool array}``."""
    # small integers, one contiguous column per item: every pass below reads one column at a time
    by_item = np.asfortranarray(answers, dtype=np.int8)
    column = {item_id: j for j, item_id in enumerate(bank.item_ids)}
    rated = _rated(bank)

    # straight-lining: one answer on nearly all rated items, or on a whole screen
    most = np.zeros(len(answers), dtype=np.int16)
    for value in range(1, LIKERT_POINTS + 1):
        same = np.zeros(len(answers), dtype=np.int16)
        for j in rated:
            same += by_item[:, j] == value
        np.maximum(most, same, out=most)
    straight = most >= STRAIGHT_SHARE * len(rated)
    for screen in bank.screens:
        columns = [column[i.id] for i in screen if i.kind != "situational"]
        if len(columns) >= SCREEN_MINIMUM:
            first = by_item[:, columns[0]]
            whole = first > 0
            for j in columns[1:]:
                whole &= by_item[:, j] == first
            straight |= whole

    # contradictions: an item and its reverse-keyed partner answered far apart
    contradictions = np.zeros(len(answers), dtype=np.int16)
    for item in bank.items:
        if item.partner:
            forward, own = by_item[:, column[item.partner]], by_item[:, column[item.id]]
            mirrored = LIKERT_POINTS + 1 - own
            contradictions += (forward > 0) & (own > 0) & (np.abs(forward - mirrored) >= INCONSISTENT_GAP)
    return {"straight_line": straight, "inconsistent": contradictions >= INCONSISTENT_PAIRS}


def flag_texts(answers: np.ndarray, bank: Bank, extra: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
    """The timing-free flags of each row as text, e.g. ``"straight_line; inconsistent"`` ('' for none).

    ``extra`` adds flags found elsewhere (name -> bool array), written after these in its order."""
    found = dict(flag_matrix(answers, bank), **(extra or {}))
    names = list(found)
    code = np.zeros(len(answers), dtype=np.int64)
    for bit, name in enumerate(names):
        code |= found[name].astype(np.int64) << bit
    # one text per combination of flags, looked up by each row's bit pattern
    table = np.array(
        [
            "; ".join(name for bit, name in enumerate(names) if combination >> bit & 1)
            for combination in range(1 << len(names))
        ],
        dtype=object,
    )
    return table[code]


def answer_flags(
    answers: Mapping[str, int], bank: Bank, screen_seconds: Sequence[tuple[int, float]] = ()
) -> tuple[str, ...]:
    """The quality flags for one person's answers, in ``FLAGS`` order.

    ``screen_seconds`` lists, for each screen the person moved on from in the app, how many questions
    it had and how many seconds they spent on it; without it ``too_fast`` is never raised.
    """
    row = np.array([[int(answers.get(i, 0) or 0) for i in bank.item_ids]])
    found = {name: bool(values[0]) for name, values in flag_matrix(row, bank).items()}
    rushed = sum(1 for n_items, seconds in screen_seconds if n_items and seconds < MIN_SECONDS_PER_ITEM * n_items)
    found["too_fast"] = rushed >= FAST_SCREENS
    return tuple(name for name in FLAGS if found[name])
