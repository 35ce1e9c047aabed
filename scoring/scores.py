"""Turn one person's answers into scores (0-100): the five traits and the work areas."""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping

from scoring.errors import AnswerError
from scoring.models import LIKERT_POINTS, Bank, Item

__all__ = [
    "score_answers",
    "answer_problems",
    "missing_items",
    "item_values",
    "to_percent",
    "band",
    "BANDS",
    "HIGH_BAND",
    "LOW_BAND",
]

BANDS = ("high", "middle", "low")
HIGH_BAND = 60.0  # a trait score at or above this reads as a clear strength
LOW_BAND = 40.0  # below this it reads as an area to grow; in between, balanced


def to_percent(mean_value):
    """Map a mean Likert-equivalent value in [1, 5] to [0, 100]: (mean - 1) / 4 * 100."""
    return (mean_value - 1) / (LIKERT_POINTS - 1) * 100


def band(score: float) -> str:
    """``high`` (>= HIGH_BAND), ``low`` (< LOW_BAND) or ``middle`` - how a trait score is described."""
    if score >= HIGH_BAND:
        return "high"
    return "low" if score < LOW_BAND else "middle"


def answer_problems(answers: Mapping[str, object], bank: Bank, *, partial: bool = False) -> dict[str, str]:
    """Every item id whose answer cannot be scored, with a reason code.

    Reasons: ``missing`` (not answered; skipped when ``partial``), ``unknown`` (not in the bank),
    ``not_a_number`` and ``out_of_range`` (outside 1..number of options).
    """
    problems: dict[str, str] = {}
    for item_id in answers:
        if item_id not in bank.item_ids:
            problems[str(item_id)] = "unknown"
    for item in bank.items:
        if item.id not in answers or answers[item.id] is None:
            if not partial:
                problems[item.id] = "missing"
            continue
        value = answers[item.id]
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            problems[item.id] = "not_a_number"
        elif not 1 <= value <= item.n_options:
            problems[item.id] = "out_of_range"
    return problems


def missing_items(answers: Mapping[str, object], bank: Bank, items: Iterable[Item] | None = None) -> list[str]:
    """Ids of the items (every item, or just ``items``) that still need an answer, in bank order."""
    wanted = {item.id for item in (bank.items if items is None else items)}
    problems = answer_problems(answers, bank)
    return [item_id for item_id in bank.item_ids if item_id in wanted and problems.get(item_id) == "missing"]


def item_values(answers: Mapping[str, int], bank: Bank) -> dict[str, list[int]]:
    """Scale id (trait or work area) -> the Likert-equivalent values (1-5) the answered items give it."""
    values: dict[str, list[int]] = {s: [] for s in bank.scale_ids}
    for item in bank.items:
        if item.id in answers:
            for scale in item.scales:
                values[scale].append(item.value(int(answers[item.id]), scale))
    return values


def score_answers(answers: Mapping[str, int], bank: Bank) -> dict[str, float]:
    """Score a complete set of answers: every trait, then every work area (``bank.scale_ids``).

    Each item gives a scale a Likert-equivalent value between 1 and 5:

    * a statement answered ``v`` counts as ``v``, or ``6 - v`` when it is reverse-keyed;
    * a situational item's chosen option gives each trait the item names the points (1-5)
      listed for that option in ``data/items.yaml`` - so it counts as one more item for each
      of those traits;
    * a work-preference activity answered ``v`` counts as ``v`` for its work area.

    A scale's score is ``(mean - 1) / 4 * 100`` over all its values, so 0 means every answer
    was at the low end and 100 every answer at the high end.

    Raises
    ------
    AnswerError
        Listing every missing, unknown, non-integer or out-of-range answer at once.
    """
    problems = answer_problems(answers, bank)
    if problems:
        raise AnswerError(problems)
    values = item_values(answers, bank)
    return {scale: to_percent(sum(v) / len(v)) for scale, v in values.items()}
