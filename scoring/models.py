"""Validated content models (pydantic). Everything user-facing is a :class:`Text` with ja and en."""

from __future__ import annotations

from functools import cached_property
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "LANGS",
    "Text",
    "Trait",
    "Company",
    "Option",
    "Item",
    "WorkArea",
    "Level",
    "Category",
    "Role",
    "Bank",
    "Table",
    "Overview",
]

LANGS = ("ja", "en")
LIKERT_POINTS = 5
MAIN_WORK_LEVEL = 60  # a work area at or above this level is a main part of a role's day
TRAIT_IDS = ("flexibility", "detail", "learning", "composure", "planning")
AREA_IDS = ("customers", "numbers", "it", "coordination", "content")


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


class WorkArea(_Model):
    """A kind of work a person may want to spend their day on (scored from the work-preference items)."""

    id: str
    name: Text
    short: Text
    description: Text


class Option(_Model):
    """One answer option of a situational item: 1-5 points for each trait the item scores, and a
    one-line rationale for those points."""

    text: Text
    scores: dict[str, int]
    why: Text

    @field_validator("scores")
    @classmethod
    def _points_in_range(cls, scores: dict[str, int]) -> dict[str, int]:
        for trait, points in scores.items():
            if not 1 <= points <= LIKERT_POINTS:
                raise ValueError(f"points for {trait!r} must be 1-{LIKERT_POINTS}, got {points}")
        return scores


class Item(_Model):
    """A question, scoring one or more scales (a scale is a trait or a work area).

    * ``likert``: a statement rated 1-5 for one ``trait``; reverse-keyed ones name the forward
      statement they mirror as ``partner`` (answer-quality checks compare the two);
    * ``situational``: a workplace situation whose chosen option gives points to each of ``traits``;
    * ``preference``: an activity rated 1-5 for how much a person would like it in their working
      day, scoring one work ``area``.
    """

    id: str = Field(pattern=r"^[QW]\d{2,3}$")
    kind: Literal["likert", "situational", "preference"] = "likert"
    trait: str | None = None
    traits: tuple[str, ...] = ()
    area: str | None = None
    reverse: bool = False
    partner: str | None = None
    text: Text
    gloss: Text | None = None
    options: tuple[Option, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> Item:
        if self.kind == "situational":
            if not self.traits or len(self.options) < 2:
                raise ValueError("a situational item needs `traits` and at least two `options`")
            if self.reverse or self.partner or self.area:
                raise ValueError("a situational item takes `traits` and `options` only")
            for number, option in enumerate(self.options, start=1):
                if set(option.scores) != set(self.traits):
                    raise ValueError(f"option {number} must give points to exactly {list(self.traits)}")
            object.__setattr__(self, "trait", self.traits[0])
            return self
        if self.traits or self.options:
            raise ValueError(f"a {self.kind} item takes no `traits` or `options`")
        if self.kind == "likert":
            if not self.trait or self.area:
                raise ValueError("a Likert item needs `trait` (and no `area`)")
            if self.reverse != bool(self.partner):
                raise ValueError("a reverse-keyed item names its forward `partner`, and only it does")
            object.__setattr__(self, "traits", (self.trait,))
        else:
            if not self.area or self.trait or self.reverse or self.partner:
                raise ValueError("a preference item needs `area` only")
        return self

    @property
    def scales(self) -> tuple[str, ...]:
        """The traits or work area this item scores."""
        return (self.area,) if self.kind == "preference" else self.traits

    @property
    def n_options(self) -> int:
        return len(self.options) if self.kind == "situational" else LIKERT_POINTS

    def value(self, answer: int, scale: str) -> int:
        """The Likert-equivalent value (1-5) that ``answer`` gives ``scale``."""
        if self.kind == "situational":
            return self.options[answer - 1].scores[scale]
        return LIKERT_POINTS + 1 - answer if self.reverse else answer


class Level(_Model):
    """How much of a trait, or of a kind of work, a role calls for day to day (0-100), and why."""

    level: int = Field(ge=0, le=100)
    why: Text | None = None


class Category(_Model):
    id: str
    name: Text
    description: Text
    companies: tuple[str, ...] = ()


class Role(_Model):
    """A job role with its profile: the level of each trait it calls for (every one explained) and
    how much of each kind of work it involves (explained where the role involves a lot of it)."""

    id: str
    category: str
    name: Text
    description: Text
    typical_day: Text
    traits: dict[str, Level]
    work: dict[str, Level]
    first_step: Text

    @field_validator("traits")
    @classmethod
    def _every_trait_explained(cls, traits: dict[str, Level]) -> dict[str, Level]:
        for trait, level in traits.items():
            if level.why is None:
                raise ValueError(f"the level for {trait!r} needs a one-line rationale (`why`)")
        return traits

    @field_validator("work")
    @classmethod
    def _big_work_explained(cls, work: dict[str, Level]) -> dict[str, Level]:
        for area, level in work.items():
            if level.level >= MAIN_WORK_LEVEL and level.why is None:
                raise ValueError(f"{area!r} is a main part of the work ({level.level}): it needs a rationale (`why`)")
        return work

    def level(self, scale: str) -> float:
        """The role's level for a trait or a work area."""
        entry = self.traits.get(scale) or self.work.get(scale)
        return float(entry.level) if entry else 0.0

    def why(self, scale: str) -> Text | None:
        entry = self.traits.get(scale) or self.work.get(scale)
        return entry.why if entry else None


class Bank(_Model):
    """The whole scoring content: traits, work areas, items, categories and roles, with a version.

    ``content_hash`` is a hash of every item and answer option; ``version`` is the declared version
    of ``items.yaml`` followed by it, so any edit to an item changes the version.
    """

    version: str
    content_hash: str = Field(pattern=r"^[0-9a-f]{8}$")
    traits: tuple[Trait, ...]
    work_areas: tuple[WorkArea, ...]
    likert_options: tuple[Text, ...] = Field(min_length=LIKERT_POINTS, max_length=LIKERT_POINTS)
    preference_options: tuple[Text, ...] = Field(min_length=LIKERT_POINTS, max_length=LIKERT_POINTS)
    seconds: dict[Literal["likert", "situational", "preference"], float]
    per_screen: dict[Literal["traits", "work"], int]
    retired: tuple[str, ...] = ()
    items: tuple[Item, ...]
    categories: tuple[Category, ...]
    roles: tuple[Role, ...]

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    @field_validator("seconds")
    @classmethod
    def _seconds(cls, seconds: dict[str, float]) -> dict[str, float]:
        missing = {"likert", "situational", "preference"} - set(seconds)
        if missing:
            raise ValueError(f"seconds needed for {sorted(missing)}")
        if not all(0 < s <= 120 for s in seconds.values()):
            raise ValueError("seconds per question must be more than 0 and at most 120")
        return seconds

    @field_validator("per_screen")
    @classmethod
    def _per_screen(cls, per_screen: dict[str, int]) -> dict[str, int]:
        if set(per_screen) != {"traits", "work"} or not all(1 <= n <= 20 for n in per_screen.values()):
            raise ValueError("per_screen needs `traits` and `work`, each 1-20")
        return per_screen

    @cached_property
    def trait_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.traits)

    @cached_property
    def area_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.work_areas)

    @cached_property
    def scale_ids(self) -> tuple[str, ...]:
        """Every scale a person gets a score on: the five traits, then the work areas."""
        return self.trait_ids + self.area_ids

    @cached_property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)

    @cached_property
    def screens(self) -> tuple[tuple[Item, ...], ...]:
        """The items in quiz order, a screen at a time: statements and situations ``per_screen
        ["traits"]`` to a screen, then the work-preference items ``per_screen["work"]`` to a screen."""
        screens: list[tuple[Item, ...]] = []
        for section, size in (("traits", self.per_screen["traits"]), ("work", self.per_screen["work"])):
            items = [i for i in self.items if (i.kind == "preference") == (section == "work")]
            screens += [tuple(items[k : k + size]) for k in range(0, len(items), size)]
        return tuple(screens)

    @property
    def minutes_needed(self) -> int:
        """About how long the quiz takes, from the time each kind of question needs (at least one minute)."""
        return max(1, round(sum(self.seconds[i.kind] for i in self.items) / 60))

    @cached_property
    def _by_id(self) -> dict[str, object]:
        groups = (self.traits, self.work_areas, self.items, self.categories, self.roles)
        return {x.id: x for group in groups for x in group}

    def trait(self, trait_id: str) -> Trait:
        return self._lookup(trait_id, Trait)

    def area(self, area_id: str) -> WorkArea:
        return self._lookup(area_id, WorkArea)

    def scale(self, scale_id: str) -> Trait | WorkArea:
        """A trait or a work area."""
        return self._lookup(scale_id, (Trait, WorkArea))

    def item(self, item_id: str) -> Item:
        return self._lookup(item_id, Item)

    def role(self, role_id: str) -> Role:
        return self._lookup(role_id, Role)

    def category(self, category_id: str) -> Category:
        return self._lookup(category_id, Category)

    def _lookup(self, key: str, kind):
        found = self._by_id.get(key)
        if not isinstance(found, kind):
            raise KeyError(f"no {getattr(kind, '__name__', 'scale').lower()} with id {key!r}")
        return found

    def items_for(self, scale_id: str) -> tuple[Item, ...]:
        """Every item that gives points to ``scale_id`` (a trait or a work area)."""
        return tuple(i for i in self.items if scale_id in i.scales)

    def roles_in(self, category_id: str) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.category == category_id)

    @cached_property
    def profile_matrix(self) -> pd.DataFrame:
        """Role x scale levels (rows in bank order; trait columns, then work-area columns)."""
        return pd.DataFrame(
            [[r.level(s) for s in self.scale_ids] for r in self.roles],
            index=[r.id for r in self.roles],
            columns=list(self.scale_ids),
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
