"""Match a person's profile to each role's profile, with the reasons behind every number.

A person has a score (0-100) on each trait and each work area; a role has a level (0-100) on the same
scales (``data/roles.yaml``). The fit compares the two profiles (profile matching; Cronbach & Gleser,
1953), in two parts:

* **trait match** = 100 - the root mean square of the *shortfalls* over the five traits, where a
  shortfall is how far the person's score is below the role's level (being above costs nothing, so
  raising a trait can never lower any fit);
* **work match** = 100 - the root mean square of the *differences* over the work areas between how
  much the person wants each kind of work and how much of it fills the role's day (wanting much more
  of a kind of work than a role offers is a mismatch too);
* **fit** = ``TRAIT_SHARE`` x trait match + ``WORK_SHARE`` x work match.

A fit of 80 therefore means the person's profile is, on average, about 20 points away from the
role's. Every role owns the region of profiles around its own, so every role can come out on top.

References
----------
Cronbach, L. J., & Gleser, G. C. (1953). Assessing similarity between profiles. *Psychological
Bulletin*, 50(6), 456-473.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from scoring.models import Bank, Category, CultureTrait, Overview, Role

__all__ = [
    "Match",
    "CategoryMatch",
    "CultureFit",
    "culture_alignment",
    "fit_arrays",
    "match_jobs",
    "rank_categories",
    "TRAIT_SHARE",
    "WORK_SHARE",
    "RELIED_ON",
    "MEETS_WITHIN",
    "GROWTH_GAP",
    "LIKES",
    "DISLIKES",
    "FIT_DECIMALS",
    "FIT_TOLERANCE",
]

TRAIT_SHARE = 0.6  # the traits' share of the fit
WORK_SHARE = 0.4  # the work preferences' share of the fit
RELIED_ON = 60.0  # a role level at or above this is something the role relies on
MEETS_WITHIN = 10.0  # a relied-on trait within this many points below the role's level counts as met
GROWTH_GAP = 15.0  # a shortfall of at least this much on a relied-on trait is a growth area
LIKES = 60.0  # a work-area score at or above this: the person wants that kind of work
DISLIKES = 40.0  # below this: the person would rather not do it
FIT_DECIMALS = 9  # fits are reported rounded to this many decimals
FIT_TOLERANCE = 1e-9  # fits closer than this to the best count as equal; bank order breaks the tie


@dataclass(frozen=True)
class Match:
    """How one role fits one person.

    ``fit`` (0-100) is ``TRAIT_SHARE * trait_match + WORK_SHARE * work_match``. ``strengths`` are
    traits the role relies on that the person meets; ``growth_areas`` relied-on traits where the
    person falls short by ``GROWTH_GAP`` or more (largest first); ``wanted_work`` the role's main
    kinds of work the person wants, ``unwanted_work`` those the person would rather not do.
    """

    role: Role
    category: Category
    fit: float
    trait_match: float
    work_match: float
    strengths: tuple[str, ...]
    growth_areas: tuple[str, ...]
    wanted_work: tuple[str, ...]
    unwanted_work: tuple[str, ...]


@dataclass(frozen=True)
class CategoryMatch:
    """A job category ranked by its best-fitting role."""

    category: Category
    fit: float
    best_role: Role


_CHUNK = 4096


def fit_arrays(scores: np.ndarray, bank: Bank) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fit, trait match, work match) for every role and person: arrays of roles x people.

    ``scores`` holds one row per person and one column per scale in ``bank.scale_ids`` order. Sums
    run scale by scale in a fixed order, so one person alone and the same person among thousands
    get bit-identical fits.
    """
    levels = bank.profile_matrix.to_numpy()  # roles x scales
    n_traits, n_areas = len(bank.trait_ids), len(bank.area_ids)
    by_scale = np.ascontiguousarray(np.asarray(scores, dtype=float).T)  # scales x people
    trait_match = np.empty((len(bank.roles), scores.shape[0]))
    work_match = np.empty_like(trait_match)
    for start in range(0, scores.shape[0], _CHUNK):  # a few thousand people at a time stay in the CPU cache
        people = slice(start, start + _CHUNK)
        shortfall, difference = trait_match[:, people], work_match[:, people]
        shortfall[:] = 0.0
        difference[:] = 0.0
        step = np.empty_like(shortfall)
        for k in range(n_traits):
            np.subtract(by_scale[k, people][None, :], levels[:, k, None], out=step)
            np.minimum(step, 0.0, out=step)
            np.multiply(step, step, out=step)
            shortfall += step
        for k in range(n_traits, n_traits + n_areas):
            np.subtract(by_scale[k, people][None, :], levels[:, k, None], out=step)
            np.multiply(step, step, out=step)
            difference += step
        # match = 100 - root mean square shortfall (traits) or distance (work areas)
        shortfall /= n_traits
        np.sqrt(shortfall, out=shortfall)
        np.subtract(100.0, shortfall, out=shortfall)
        difference /= n_areas
        np.sqrt(difference, out=difference)
        np.subtract(100.0, difference, out=difference)
    return TRAIT_SHARE * trait_match + WORK_SHARE * work_match, trait_match, work_match


def _check_scores(scores: Mapping[str, float], bank: Bank) -> None:
    missing = [s for s in bank.scale_ids if s not in scores]
    if missing:
        raise ValueError(f"scores missing for: {', '.join(missing)}")
    bad = [s for s in bank.scale_ids if not 0 <= float(scores[s]) <= 100]
    if bad:
        raise ValueError(f"scores must be 0-100: {', '.join(bad)}")


def _reasons(role: Role, scores: Mapping[str, float], bank: Bank) -> dict[str, tuple[str, ...]]:
    relied = [t for t in bank.trait_ids if role.level(t) >= RELIED_ON]
    short = {t: role.level(t) - scores[t] for t in relied}
    main_work = [a for a in bank.area_ids if role.level(a) >= RELIED_ON]
    return {
        "strengths": tuple(sorted((t for t in relied if short[t] <= MEETS_WITHIN), key=lambda t: -role.level(t))),
        "growth_areas": tuple(sorted((t for t in relied if short[t] >= GROWTH_GAP), key=lambda t: -short[t])),
        "wanted_work": tuple(a for a in main_work if scores[a] >= LIKES),
        "unwanted_work": tuple(a for a in main_work if scores[a] < DISLIKES),
    }


def match_jobs(scores: Mapping[str, float], bank: Bank) -> list[Match]:
    """Rank every role by fit, best first (bank order among equal fits).

    ``scores`` needs every scale in ``bank.scale_ids`` (what :func:`scoring.score_answers` returns).
    """
    _check_scores(scores, bank)
    row = np.array([[float(scores[s]) for s in bank.scale_ids]])
    fits, trait_match, work_match = (a[:, 0] for a in fit_arrays(row, bank))
    matches = [
        Match(
            role=role,
            category=bank.category(role.category),
            fit=round(float(fits[r]), FIT_DECIMALS),
            trait_match=float(trait_match[r]),
            work_match=float(work_match[r]),
            **_reasons(role, scores, bank),
        )
        for r, role in enumerate(bank.roles)
    ]
    # the best role is the first in bank order within FIT_TOLERANCE of the highest fit - the same
    # rule score_frame uses; sorted() is stable, so the rest keep bank order among equal fits
    top = max(m.fit for m in matches)
    first = next(m for m in matches if m.fit >= top - FIT_TOLERANCE)
    return [first] + sorted((m for m in matches if m is not first), key=lambda m: -m.fit)


def rank_categories(matches: list[Match]) -> list[CategoryMatch]:
    """Rank categories by their best role's fit (so the top category always holds the top role)."""
    best: dict[str, Match] = {}
    for match in matches:
        best.setdefault(match.category.id, match)
    ranked = [CategoryMatch(m.category, m.fit, m.role) for m in best.values()]
    return sorted(ranked, key=lambda c: -c.fit)


@dataclass(frozen=True)
class CultureFit:
    culture: CultureTrait
    score: float  # mean of the person's scores on the traits this part of the culture draws on


def culture_alignment(trait_scores: Mapping[str, float], overview: Overview) -> list[CultureFit]:
    """How the person's traits meet each of the four culture traits, in the overview's order.

    Each culture trait lists the personal traits it draws on (``data/overview/overview.yaml``); its
    score is the plain mean of the person's scores on those traits.
    """
    return [
        CultureFit(c, sum(float(trait_scores[t]) for t in c.traits) / len(c.traits)) for c in overview.culture.items
    ]
