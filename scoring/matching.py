"""Match trait scores to roles and categories, with the reasons behind every number.

A role's fit is the weighted sum of the person's trait scores with the role's weights
(non-negative, summing to 1), so fit is on the same 0-100 scale, each trait's contribution
is visible, and raising any trait can never lower any role's fit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.models import Bank, Category, CultureTrait, Overview, Role

__all__ = [
    "Match",
    "CategoryMatch",
    "CultureFit",
    "culture_alignment",
    "match_jobs",
    "rank_categories",
    "HEAVY_WEIGHT",
    "LOW_SCORE",
    "STRONG_SCORE",
    "FIT_DECIMALS",
    "FIT_TOLERANCE",
]

HEAVY_WEIGHT = 0.2  # a weight at or above this is something the role "relies on"
LOW_SCORE = 50.0  # below this a relied-on trait is a growth area
STRONG_SCORE = 60.0  # at or above this a relied-on trait is a reason the role fits
FIT_DECIMALS = 9  # fits are reported rounded to this many decimals
FIT_TOLERANCE = 1e-9  # fits closer than this to the best count as equal; bank order breaks the tie


@dataclass(frozen=True)
class Match:
    """How one role fits one person: the fit (0-100), each trait's contribution to it, and the
    relied-on traits that explain it (``strengths``) or hold it back (``growth_areas``)."""

    role: Role
    category: Category
    fit: float
    contributions: dict[str, float]
    strengths: tuple[str, ...]
    growth_areas: tuple[str, ...]


@dataclass(frozen=True)
class CategoryMatch:
    """A job category ranked by its best-fitting role."""

    category: Category
    fit: float
    best_role: Role


def _check_scores(trait_scores: Mapping[str, float], bank: Bank) -> None:
    missing = [t for t in bank.trait_ids if t not in trait_scores]
    if missing:
        raise ValueError(f"trait scores missing for: {', '.join(missing)}")
    bad = [t for t in bank.trait_ids if not 0 <= float(trait_scores[t]) <= 100]
    if bad:
        raise ValueError(f"trait scores must be 0-100: {', '.join(bad)}")


def match_jobs(trait_scores: Mapping[str, float], bank: Bank) -> list[Match]:
    """Rank every role by fit, best first.

    ``fit = sum(weight[t] * score[t])`` over the five traits; ``contributions[t]`` is each term.
    ``strengths`` are relied-on traits (weight >= HEAVY_WEIGHT) where the person scored at least
    STRONG_SCORE, biggest contribution first; ``growth_areas`` are relied-on traits scored below
    LOW_SCORE, most costly first.
    """
    _check_scores(trait_scores, bank)
    matches = []
    for role in bank.roles:
        contributions = {t: role.weight(t) * float(trait_scores[t]) for t in bank.trait_ids}
        heavy = [t for t in bank.trait_ids if role.weight(t) >= HEAVY_WEIGHT]
        strengths = sorted((t for t in heavy if trait_scores[t] >= STRONG_SCORE), key=lambda t: -contributions[t])
        growth = sorted(
            (t for t in heavy if trait_scores[t] < LOW_SCORE),
            key=lambda t: -role.weight(t) * (100 - trait_scores[t]),
        )
        matches.append(
            Match(
                role=role,
                category=bank.category(role.category),
                fit=round(sum(contributions.values()), FIT_DECIMALS),
                contributions=contributions,
                strengths=tuple(strengths),
                growth_areas=tuple(growth),
            )
        )
    # the best role is the first in bank order within FIT_TOLERANCE of the highest fit - the same
    # rule score_frame uses; sorted() is stable, so the rest keep bank order among equal fits
    top = max(m.fit for m in matches)
    first = next(m for m in matches if m.fit >= top - FIT_TOLERANCE)
    return [first] + sorted((m for m in matches if m is not first), key=lambda m: -m.fit)


def rank_categories(matches: list[Match], bank: Bank) -> list[CategoryMatch]:
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
