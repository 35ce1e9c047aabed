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
    rated = _rated(bank)
    block = answers[:, rated]
    counts = np.stack([(block == v).sum(axis=1) for v in range(1, LIKERT_POINTS + 1)], axis=1)
    straight = counts.max(axis=1) >= STRAIGHT_SHARE * len(rated)
    for screen in bank.screens:
        columns = [bank.item_ids.index(i.id) for i in screen if i.kind != "situational"]
        if len(columns) >= SCREEN_MINIMUM:
            part = answers[:, columns]
            straight |= (part == part[:, :1]).all(axis=1) & (part[:, 0] > 0)
    column = {item_id: j for j, item_id in enumerate(bank.item_ids)}
    contradictions = np.zeros(len(answers), dtype=np.int64)
    for item in bank.items:
        if item.partner:
            forward, mirrored = answers[:, column[item.partner]], LIKERT_POINTS + 1 - answers[:, column[item.id]]
            answered = (answers[:, column[item.partner]] > 0) & (answers[:, column[item.id]] > 0)
            contradictions += answered & (np.abs(forward - mirrored) >= INCONSISTENT_GAP)
    return {"straight_line": straight, "inconsistent": contradictions >= INCONSISTENT_PAIRS}


def flag_texts(answers: np.ndarray, bank: Bank) -> np.ndarray:
    """The timing-free flags of each row as text, e.g. ``"straight_line; inconsistent"`` ('' for none)."""
    found = flag_matrix(answers, bank)
    text = np.full(len(answers), "", dtype=object)
    for name in ("straight_line", "inconsistent"):
        text = np.where(found[name], np.where(text == "", name, text + "; " + name), text)
    return text


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
