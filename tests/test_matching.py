"""match_jobs: a person's profile against each role's, explainable and able to tell the roles apart."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import answers_favouring, answers_for_profile
from scoring import match_jobs, rank_categories, score_answers
from scoring.matching import GROWTH_GAP, TRAIT_SHARE, WORK_SHARE

SCALES = (
    "flexibility",
    "detail",
    "learning",
    "composure",
    "planning",
    "customers",
    "numbers",
    "it",
    "coordination",
    "content",
)
profiles = st.fixed_dictionaries({s: st.floats(0, 100, allow_nan=False) for s in SCALES})


def by_role(matches):
    return {m.role.id: m for m in matches}


def test_match_jobs_fit_follows_the_published_formula_by_hand(bank):
    # a person whose every score is 50, against accounting's profile
    scores = dict.fromkeys(bank.scale_ids, 50.0)
    role = bank.role("accounting")
    shortfalls = [max(role.level(t) - 50.0, 0.0) for t in bank.trait_ids]
    gaps = [50.0 - role.level(a) for a in bank.area_ids]
    trait_match = 100 - math.sqrt(sum(x * x for x in shortfalls) / len(shortfalls))
    work_match = 100 - math.sqrt(sum(x * x for x in gaps) / len(gaps))
    accounting = by_role(match_jobs(scores, bank))["accounting"]
    assert accounting.trait_match == pytest.approx(trait_match)
    assert accounting.work_match == pytest.approx(work_match)
    assert accounting.fit == pytest.approx(TRAIT_SHARE * trait_match + WORK_SHARE * work_match)


def test_match_jobs_ranks_every_role_best_first(bank):
    matches = match_jobs(dict.fromkeys(bank.scale_ids, 50.0), bank)
    assert len(matches) == len(bank.roles) == 12
    assert [m.fit for m in matches] == sorted((m.fit for m in matches), reverse=True)


def test_match_jobs_every_role_wins_its_own_plausible_answer_set_by_five_points(bank):
    # for each of the twelve roles, someone who answers like the role's profile: the role is top by >= 5
    margins = {}
    for role in bank.roles:
        answers = answers_for_profile(bank, {s: role.level(s) for s in bank.scale_ids})
        matches = match_jobs(score_answers(answers, bank), bank)
        assert matches[0].role.id == role.id
        margins[role.id] = matches[0].fit - matches[1].fit
    assert len(margins) == 12
    assert min(margins.values()) >= 5, margins


def test_match_jobs_no_two_role_profiles_point_the_same_way(bank):
    # profiles compared as deviations from the middle of the scale (50): cosine similarity <= .95
    centred = bank.profile_matrix.to_numpy() - 50
    unit = centred / np.linalg.norm(centred, axis=1, keepdims=True)
    cosine = unit @ unit.T
    np.fill_diagonal(cosine, -1)
    worst = np.unravel_index(cosine.argmax(), cosine.shape)
    assert cosine.max() <= 0.95, (bank.roles[worst[0]].id, bank.roles[worst[1]].id, cosine.max())


@pytest.mark.parametrize(
    ("strong", "wants", "category"),
    [
        ({"detail", "planning"}, {"numbers"}, "back_office"),
        ({"learning"}, {"it"}, "it_digital"),
        ({"composure", "flexibility"}, {"customers"}, "call_center"),
        ({"planning", "composure"}, {"coordination"}, "project_management"),
        ({"learning", "flexibility"}, {"content"}, "sales_marketing"),
    ],
)
def test_match_jobs_person_strong_in_what_a_category_needs_and_wanting_its_work_sees_it_first(
    bank, strong, wants, category
):
    matches = match_jobs(score_answers(answers_favouring(bank, strong, wants), bank), bank)
    assert matches[0].category.id == category
    assert rank_categories(matches)[0].category.id == category


def test_match_jobs_explains_strengths_growth_and_work(bank):
    scores = dict(
        flexibility=20.0,
        detail=90.0,
        learning=40.0,
        composure=70.0,
        planning=40.0,
        customers=10.0,
        numbers=90.0,
        it=30.0,
        coordination=30.0,
        content=20.0,
    )
    accounting = by_role(match_jobs(scores, bank))["accounting"]
    assert accounting.strengths == ("detail",)  # accuracy 85 called for, 90 scored
    assert accounting.growth_areas == ("planning",)  # planning 70 called for, 40 scored: 30 short
    assert bank.role("accounting").level("planning") - scores["planning"] >= GROWTH_GAP
    assert accounting.wanted_work == ("numbers",) and accounting.unwanted_work == ()
    support = by_role(match_jobs(scores, bank))["customer_support"]
    assert support.unwanted_work == ("customers",)  # the role's main work, which this person avoids


def test_match_jobs_rejects_missing_or_out_of_range_scores(bank):
    with pytest.raises(ValueError, match="planning"):
        match_jobs({s: 50.0 for s in bank.scale_ids if s != "planning"}, bank)
    with pytest.raises(ValueError, match="content"):
        match_jobs({**dict.fromkeys(bank.scale_ids, 50.0), "content": 120.0}, bank)


def test_rank_categories_uses_each_category_best_role(bank):
    matches = match_jobs(dict.fromkeys(bank.scale_ids, 60.0), bank)
    ranking = rank_categories(matches)
    assert len(ranking) == 5
    for entry in ranking:
        assert entry.fit == max(m.fit for m in matches if m.category.id == entry.category.id)


@settings(max_examples=200, deadline=None)
@given(scores=profiles)
def test_match_jobs_property_fit_is_its_two_parts_and_stays_in_range(bank, scores):
    for match in match_jobs(scores, bank):
        assert match.fit == pytest.approx(TRAIT_SHARE * match.trait_match + WORK_SHARE * match.work_match, abs=1e-6)
        assert 0 <= match.fit <= 100


@settings(max_examples=200, deadline=None)
@given(scores=profiles, trait=st.sampled_from(SCALES[:5]), bump=st.floats(0, 100))
def test_match_jobs_property_raising_a_trait_never_lowers_any_fit(bank, scores, trait, bump):
    raised = dict(scores, **{trait: min(100.0, scores[trait] + bump)})
    before = {m.role.id: m.fit for m in match_jobs(scores, bank)}
    after = {m.role.id: m.fit for m in match_jobs(raised, bank)}
    assert all(after[r] >= before[r] - 1e-9 for r in before)


@settings(max_examples=100, deadline=None)
@given(scores=profiles, area=st.sampled_from(SCALES[5:]))
def test_match_jobs_property_work_closest_to_a_role_is_best_for_that_role(bank, scores, area):
    # moving a work preference to exactly the role's level can only raise that role's fit
    for role in bank.roles:
        moved = dict(scores, **{area: role.level(area)})
        assert by_role(match_jobs(moved, bank))[role.id].fit >= by_role(match_jobs(scores, bank))[role.id].fit - 1e-9
