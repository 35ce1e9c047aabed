"""match_jobs / rank_categories: explainable, monotone role fits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import answers_favouring
from scoring import match_jobs, rank_categories, score_answers

trait_scores = st.fixed_dictionaries(
    {t: st.floats(0, 100, allow_nan=False) for t in ("flexibility", "detail", "learning", "composure", "planning")}
)


def test_match_jobs_ranks_every_role_best_first(bank):
    matches = match_jobs({t: 50.0 for t in bank.trait_ids}, bank)
    assert len(matches) == len(bank.roles)
    assert [m.fit for m in matches] == sorted((m.fit for m in matches), reverse=True)


@pytest.mark.parametrize(
    ("strong", "expected_category"),
    [
        ({"detail", "planning"}, "back_office"),
        ({"learning"}, "it_digital"),
        ({"learning", "flexibility"}, "it_digital"),
        ({"composure", "flexibility"}, "call_center"),
        ({"planning", "composure"}, "project_management"),
    ],
)
def test_match_jobs_person_strong_in_what_roles_weight_sees_their_category_first(bank, strong, expected_category):
    scores = score_answers(answers_favouring(bank, strong), bank)
    matches = match_jobs(scores, bank)
    assert rank_categories(matches, bank)[0].category.id == expected_category
    assert matches[0].category.id == expected_category


def test_match_jobs_explains_strengths_and_growth_areas(bank):
    scores = {"flexibility": 20.0, "detail": 90.0, "learning": 40.0, "composure": 70.0, "planning": 10.0}
    accounting = next(m for m in match_jobs(scores, bank) if m.role.id == "accounting")
    assert accounting.strengths == ("detail",)
    assert accounting.growth_areas == ("planning",)


def test_match_jobs_rejects_missing_or_out_of_range_scores(bank):
    with pytest.raises(ValueError, match="planning"):
        match_jobs({t: 50.0 for t in bank.trait_ids if t != "planning"}, bank)
    with pytest.raises(ValueError, match="detail"):
        match_jobs({**{t: 50.0 for t in bank.trait_ids}, "detail": 120.0}, bank)


def test_rank_categories_uses_each_category_best_role(bank):
    matches = match_jobs({"flexibility": 10, "detail": 95, "learning": 20, "composure": 30, "planning": 90}, bank)
    ranking = rank_categories(matches, bank)
    assert len(ranking) == 5
    for entry in ranking:
        assert entry.fit == max(m.fit for m in matches if m.category.id == entry.category.id)


@settings(max_examples=200, deadline=None)
@given(scores=trait_scores)
def test_match_jobs_property_contributions_sum_to_fit(bank, scores):
    for match in match_jobs(scores, bank):
        assert sum(match.contributions.values()) == pytest.approx(match.fit, abs=1e-6)
        assert 0 <= match.fit <= 100


@settings(max_examples=200, deadline=None)
@given(
    scores=trait_scores,
    trait=st.sampled_from(["flexibility", "detail", "learning", "composure", "planning"]),
    bump=st.floats(0, 100),
)
def test_match_jobs_property_raising_a_trait_never_lowers_any_fit(bank, scores, trait, bump):
    raised = dict(scores, **{trait: min(100.0, scores[trait] + bump)})
    before = {m.role.id: m.fit for m in match_jobs(scores, bank)}
    after = {m.role.id: m.fit for m in match_jobs(raised, bank)}
    assert all(after[r] >= before[r] - 1e-9 for r in before)
