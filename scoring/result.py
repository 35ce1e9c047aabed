"""Everything one person's answers come to, computed once for the Results page, the report and exports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.advice import NextSteps, next_steps
from scoring.matching import CategoryMatch, Match, match_jobs, rank_categories
from scoring.models import Bank, Overview
from scoring.quality import answer_flags
from scoring.scores import score_answers
from scoring.uncertainty import Precision
from scoring.verdict import Verdict, verdict

__all__ = ["Result", "build_result", "FIT_BANDS", "fit_band"]

# what a fit means in words: (lowest fit, name); a fit of 80 means the profiles are about 20 points apart
FIT_BANDS = ((85.0, "very_close"), (75.0, "close"), (65.0, "partial"), (0.0, "far"))


def fit_band(fit: float) -> str:
    """``very_close``, ``close``, ``partial`` or ``far`` - how a fit is described."""
    return next(name for lowest, name in FIT_BANDS if fit >= lowest)


@dataclass(frozen=True)
class Result:
    answers: dict[str, int]
    scores: dict[str, float]
    matches: list[Match]
    categories: list[CategoryMatch]
    verdict: Verdict
    flags: tuple[str, ...]
    next_steps: NextSteps
    precision: Precision


def build_result(
    answers: Mapping[str, int],
    bank: Bank,
    overview: Overview,
    precision: Precision,
    screen_seconds: Sequence[tuple[int, float]] = (),
) -> Result:
    """Score a complete set of answers and derive everything shown about it."""
    scores = score_answers(answers, bank)
    matches = match_jobs(scores, bank)
    return Result(
        answers=dict(answers),
        scores=scores,
        matches=matches,
        categories=rank_categories(matches),
        verdict=verdict(scores, matches, bank, precision),
        flags=answer_flags(answers, bank, screen_seconds),
        next_steps=next_steps(scores, matches, bank, overview),
        precision=precision,
    )
