"""What a person could do next, from their scores and matches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.matching import Match
from scoring.models import Bank, Category, Company, Overview, Trait

__all__ = ["NextSteps", "next_steps"]


@dataclass(frozen=True)
class NextSteps:
    trait: Trait  # the trait to develop first: the person's lowest score (bank order breaks ties)
    category: Category  # the category of the best-matching role
    companies: tuple[Company, ...]  # companies that do that category's work


def next_steps(scores: Mapping[str, float], matches: list[Match], bank: Bank, overview: Overview) -> NextSteps:
    """The trait to develop first and where the best-matching kind of work is done."""
    weakest = min(bank.traits, key=lambda trait: scores[trait.id])
    category = matches[0].category
    return NextSteps(weakest, category, tuple(overview.company(c) for c in category.companies))
