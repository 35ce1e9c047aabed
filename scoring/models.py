"""Validated content models (pydantic). Everything user-facing is a :class:`Text` with ja and en."""

from __future__ import annotations

import math
from functools import cached_property
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "LANGS",
    "Text",
    "Trait",
    "Option",
    "Item",
    "Weight",
    "Category",
    "Role",
    "Bank",
    "Table",
    "Overview",
]

LANGS = ("ja", "en")
LIKERT_POINTS = 5
TRAIT_IDS = ("flexibility", "detail", "learning", "composure", "planning")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A user-facing string in Japanese and English; both must be non-empty."""

    ja: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @field_validator("ja", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("translation is blank")
        return value

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


class Trait(_Model):
    id: str
    name: Text
    short: Text
    description: Text
    high: Text
    low: Text
    grow: tuple[Text, ...] = Field(min_length=2, max_length=3)


class Option(_Model):
    """One answer option of a situational item, giving 1-5 points to each trait the item scores."""

    text: Text
    scores: dict[str, int]

    @field_validator("scores")
    @classmethod
    def _points_in_range(cls, scores: dict[str, int]) -> dict[str, int]:
        for trait, points in scores.items():
            if not 1 <= points <= LIKERT_POINTS:
                raise ValueError(f"points for {trait!r} must be 1-{LIKERT_POINTS}, got {points}")
        return scores


class Item(_Model):
    """A question. Likert items score one trait; situational items score each trait in ``traits``."""

    id: str = Field(pattern=r"^Q\d{2,3}$")
    kind: Literal["likert", "situational"] = "likert"
    trait: str | None = None
    traits: tuple[str, ...] = ()
    reverse: bool = False
    text: Text
    options: tuple[Option, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> Item:
        if self.kind == "likert":
            if not self.trait:
                raise ValueError("a Likert item needs `trait`")
            if self.traits or self.options:
                raise ValueError("a Likert item takes `trait` only, not `traits`/`options`")
            object.__setattr__(self, "traits", (self.trait,))
        else:
            if not self.traits or len(self.options) < 2:
                raise ValueError("a situational item needs `traits` and at least two `options`")
            if self.reverse:
                raise ValueError("a situational item cannot be reverse-keyed")
            if self.trait and self.trait != self.traits[0]:
                raise ValueError("`trait` of a situational item must be the first of `traits`")
            object.__setattr__(self, "trait", self.traits[0])
            for number, option in enumerate(self.options, start=1):
                if set(option.scores) != set(self.traits):
                    raise ValueError(f"option {number} must give points to exactly {list(self.traits)}")
        return self

    @property
    def n_options(self) -> int:
        return LIKERT_POINTS if self.kind == "likert" else len(self.options)

    def value(self, answer: int, trait: str) -> int:
        """The Likert-equivalent value (1-5) that ``answer`` gives ``trait``."""
        if self.kind == "situational":
            return self.options[answer - 1].scores[trait]
        return LIKERT_POINTS + 1 - answer if self.reverse else answer


class Weight(_Model):
    weight: float = Field(ge=0, le=1)
    why: Text | None = None


class Category(_Model):
    id: str
    name: Text
    description: Text
    companies: tuple[str, ...] = ()


class Role(_Model):
    id: str
    category: str
    name: Text
    description: Text
    typical_day: Text
    weights: dict[str, Weight]
    first_step: Text

    @field_validator("weights")
    @classmethod
    def _weights(cls, weights: dict[str, Weight]) -> dict[str, Weight]:
        total = sum(w.weight for w in weights.values())
        if not math.isclose(total, 1.0, abs_tol=1e-9):
            raise ValueError(f"weights must sum to 1, they sum to {total:g}")
        for trait, w in weights.items():
            if w.weight > 0 and w.why is None:
                raise ValueError(f"weight for {trait!r} needs a one-line rationale (`why`)")
        return weights

    def weight(self, trait: str) -> float:
        entry = self.weights.get(trait)
        return entry.weight if entry else 0.0


class Bank(_Model):
    """The whole scoring content: traits, items, categories and roles, with a version string.

    ``content_hash`` is a hash of every item and answer option; ``version`` is the declared version
    of ``items.yaml`` followed by it, so any edit to an item changes the version.
    """

    version: str
    content_hash: str = Field(pattern=r"^[0-9a-f]{8}$")
    traits: tuple[Trait, ...]
    likert_options: tuple[Text, ...] = Field(min_length=LIKERT_POINTS, max_length=LIKERT_POINTS)
    seconds_per_item: float = Field(gt=0, le=120)
    per_screen: int = Field(ge=1, le=20)
    items: tuple[Item, ...]
    categories: tuple[Category, ...]
    roles: tuple[Role, ...]

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    @cached_property
    def trait_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.traits)

    @cached_property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)

    @cached_property
    def screens(self) -> tuple[tuple[Item, ...], ...]:
        """The items in the order the quiz shows them, ``per_screen`` to a screen."""
        return tuple(self.items[k : k + self.per_screen] for k in range(0, len(self.items), self.per_screen))

    @property
    def minutes_needed(self) -> int:
        """About how long the quiz takes, from the bank's time per question (at least one minute)."""
        return max(1, round(len(self.items) * self.seconds_per_item / 60))

    @cached_property
    def _by_id(self) -> dict[str, object]:
        return {x.id: x for group in (self.traits, self.items, self.categories, self.roles) for x in group}

    def trait(self, trait_id: str) -> Trait:
        return self._lookup(trait_id, Trait)

    def item(self, item_id: str) -> Item:
        return self._lookup(item_id, Item)

    def role(self, role_id: str) -> Role:
        return self._lookup(role_id, Role)

    def category(self, category_id: str) -> Category:
        return self._lookup(category_id, Category)

    def _lookup(self, key: str, kind: type):
        found = self._by_id.get(key)
        if not isinstance(found, kind):
            raise KeyError(f"no {kind.__name__.lower()} with id {key!r}")
        return found

    def items_for(self, trait_id: str) -> tuple[Item, ...]:
        """Every item that contributes to ``trait_id`` (Likert and situational)."""
        return tuple(i for i in self.items if trait_id in i.traits)

    def roles_in(self, category_id: str) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.category == category_id)

    @cached_property
    def weight_matrix(self) -> pd.DataFrame:
        """Role x trait weights as a DataFrame (rows in bank order)."""
        return pd.DataFrame(
            [[r.weight(t) for t in self.trait_ids] for r in self.roles],
            index=[r.id for r in self.roles],
            columns=list(self.trait_ids),
        )


class Table(_Model):
    """A bilingual table: column labels and cell texts in ja and en."""

    title: Text | None = None
    columns: dict[str, Text]
    rows: tuple[dict[str, Text], ...]

    def frame(self, lang: str) -> pd.DataFrame:
        """The table in one language, with localized column labels."""
        return pd.DataFrame(
            [[row[c](lang) for c in self.columns] for row in self.rows],
            columns=[label(lang) for label in self.columns.values()],
        )


class Named(_Model):
    name: Text
    body: Text


class Example(_Model):
    area: Text
    example: Text


class Definition(_Model):
    title: Text
    body: Text
    examples: tuple[Example, ...]


class Section(_Model):
    title: Text
    items: tuple[Named, ...]


class Strategies(_Model):
    title: Text
    items: tuple[Text, ...]


class BusinessModels(_Model):
    title: Text
    intro: Text
    table: Table
    strategies: Strategies


class Classifications(_Model):
    title: Text
    intro: Text
    tables: tuple[Table, ...]


class Company(_Model):
    id: str
    name: Text
    points: tuple[Text, ...]


class Companies(_Model):
    title: Text
    items: tuple[Company, ...]


class CultureTrait(_Model):
    id: str
    name: Text
    body: Text
    traits: tuple[str, ...]


class Culture(_Model):
    title: Text
    items: tuple[CultureTrait, ...]


class Overview(_Model):
    definition: Definition
    values: Section
    business_models: BusinessModels
    classifications: Classifications
    companies: Companies
    trends: Section
    challenges: Section
    culture: Culture

    def company(self, company_id: str) -> Company:
        for company in self.companies.items:
            if company.id == company_id:
                return company
        raise KeyError(f"no company with id {company_id!r}")
