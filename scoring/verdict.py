"""The verdict a person reads first: which roles their answers point to, how clearly, and what to do.

* ``clear`` - one role leads by more than the measurement noise (:mod:`scoring.uncertainty`);
* ``close`` - two or three roles are within the noise of each other: they are named together;
* ``no_fit`` - even the best fit is below ``NO_FIT_BELOW``: the answers point to no clear fit yet, and
  the next step is to read about the work and talk with an advisor - never a congratulation.

``NO_FIT_BELOW`` = 65 means the best role's profile is, on average, more than 35 points away from the
person's. In simulation fewer than 1 in 100 respondents land there; someone who rates themselves
near the bottom on every trait does (``tests/test_verdict.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.matching import LIKES, Match
from scoring.models import Bank
from scoring.scores import HIGH_BAND
from scoring.uncertainty import Precision, too_close_to_call

__all__ = ["Verdict", "verdict", "KINDS", "NEXT_STEPS", "NO_FIT_BELOW"]

KINDS = ("clear", "close", "no_fit")
NEXT_STEPS = {"clear": "first_step", "close": "compare", "no_fit": "explore"}
NO_FIT_BELOW = 65.0


@dataclass(frozen=True)
class Verdict:
    """``roles`` are the roles named (one when clear, two or three when close, none when no fit);
    ``strengths`` every trait that reads as a strength (``HIGH_BAND``), highest first - the same
    cut the trait section uses, so the two never disagree; ``wanted_work`` every work area they want
    (``LIKES``), most wanted first; ``next_step`` is one of ``NEXT_STEPS``' values."""

    kind: str
    roles: tuple[Match, ...]
    strengths: tuple[str, ...]
    wanted_work: tuple[str, ...]
    next_step: str


def _top(scores: Mapping[str, float], ids: tuple[str, ...], floor: float) -> tuple[str, ...]:
    ranked = sorted(ids, key=lambda s: -scores[s])  # stable: bank order among equal scores
    return tuple(s for s in ranked if scores[s] >= floor)


def verdict(scores: Mapping[str, float], matches: list[Match], bank: Bank, precision: Precision) -> Verdict:
    """The verdict for one person's scores and ranked matches (``match_jobs``)."""
    strengths = _top(scores, bank.trait_ids, HIGH_BAND)
    wanted = _top(scores, bank.area_ids, LIKES)
    if matches[0].fit < NO_FIT_BELOW:
        return Verdict("no_fit", (), strengths, wanted, NEXT_STEPS["no_fit"])
    named = too_close_to_call(matches, scores, bank, precision)
    kind = "clear" if len(named) == 1 else "close"
    return Verdict(kind, named, strengths, wanted, NEXT_STEPS[kind])
