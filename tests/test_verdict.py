"""The verdict a person reads first: clear, too close to call, or no clear fit - never a false congratulation."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import answers_for_profile, uniform_answers
from scoring import default_precision, match_jobs, score_answers, score_band, verdict
from scoring.matching import fit_arrays
from scoring.uncertainty import (
    DEFAULT_ALPHA,
    DEFAULT_SD,
    MAX_NAMED,
    difference_se,
    named_roles,
    precision_from,
    too_close_to_call,
)
from scoring.verdict import NO_FIT_BELOW


def verdict_for(bank, answers):
    scores = score_answers(answers, bank)
    return verdict(scores, match_jobs(scores, bank), bank, default_precision(bank))


def test_verdict_someone_answering_like_a_role_gets_a_clear_verdict_naming_it(bank):
    role = bank.role("accounting")
    result = verdict_for(bank, answers_for_profile(bank, {s: role.level(s) for s in bank.scale_ids}))
    assert result.kind == "clear" and [m.role.id for m in result.roles] == ["accounting"]
    assert result.next_step == "first_step"
    assert result.strengths[0] == "detail" and "numbers" in result.wanted_work


def test_verdict_someone_between_two_roles_sees_them_named_together(bank):
    # halfway between two roles' profiles: within the noise of each other
    first, second = bank.role("customer_support"), bank.role("inside_sales")
    middle = {s: (first.level(s) + second.level(s)) / 2 for s in bank.scale_ids}
    result = verdict_for(bank, answers_for_profile(bank, middle))
    assert result.kind == "close" and result.next_step == "compare"
    assert {"customer_support", "inside_sales"} <= {m.role.id for m in result.roles}
    assert len(result.roles) <= MAX_NAMED


def test_verdict_low_scores_everywhere_get_no_fit_and_no_congratulation(bank):
    # someone who rates themselves at the bottom of every trait and is lukewarm about every kind of work
    low = dict.fromkeys(bank.trait_ids, 0.0) | dict.fromkeys(bank.area_ids, 50.0)
    answers = answers_for_profile(bank, low)
    scores = score_answers(answers, bank)
    assert match_jobs(scores, bank)[0].fit < NO_FIT_BELOW
    result = verdict_for(bank, answers)
    assert result.kind == "no_fit" and result.roles == () and result.next_step == "explore"
    assert result.strengths == ()


def test_verdict_a_person_in_the_middle_of_every_trait_is_told_no_trait_stands_out(bank):
    answers = uniform_answers(bank, 2)  # forward statements 2, reverse-worded ones 4: every trait near 50
    scores = score_answers(answers, bank)
    assert all(40 <= scores[t] < 60 for t in bank.trait_ids)
    assert verdict_for(bank, answers).strengths == ()


def test_uncertainty_default_sem_is_sd_times_root_one_minus_alpha(bank):
    sem = default_precision(bank).sem
    assert sem["detail"] == pytest.approx(DEFAULT_SD["trait"] * np.sqrt(1 - DEFAULT_ALPHA))
    assert sem["numbers"] == pytest.approx(DEFAULT_SD["work"] * np.sqrt(1 - DEFAULT_ALPHA))


def test_uncertainty_stored_alpha_and_spread_replace_the_defaults_where_usable(bank):
    import pandas as pd

    table = pd.DataFrame({"scale": list(bank.scale_ids), "alpha": [0.84] + [np.nan] * (len(bank.scale_ids) - 1)})
    precision = precision_from(table, {"flexibility": 20.0}, 120, bank)
    assert precision.sem["flexibility"] == pytest.approx(20 * np.sqrt(0.16))
    assert precision.sem["detail"] == default_precision(bank).sem["detail"]
    assert precision.source == "stored" and precision.n == 120


def test_uncertainty_score_band_is_one_sem_either_side_within_the_scale():
    assert score_band(50, 9.9) == (pytest.approx(40.1), pytest.approx(59.9))
    assert score_band(96, 9.9) == (pytest.approx(86.1), 100.0)


def test_uncertainty_difference_se_matches_a_numerical_derivative(bank):
    # delta method: compare the analytic gradient with finite differences of the real fits
    scores = {s: float(v) for s, v in zip(bank.scale_ids, np.linspace(20, 80, len(bank.scale_ids)), strict=True)}
    precision = default_precision(bank)
    ids = [r.id for r in bank.roles]
    a, b = ids.index("accounting"), ids.index("quality_assurance")
    x = np.array([[scores[s] for s in bank.scale_ids]])
    step, gradient = 1e-4, []
    for k in range(x.shape[1]):
        up, down = x.copy(), x.copy()
        up[0, k] += step
        down[0, k] -= step
        diff = lambda m: m[0][a, 0] - m[0][b, 0]  # noqa: E731
        gradient.append((diff(fit_arrays(up, bank)) - diff(fit_arrays(down, bank))) / (2 * step))
    sem = np.array([precision.sem[s] for s in bank.scale_ids])
    expected = np.sqrt(((np.array(gradient) * sem) ** 2).sum())
    assert difference_se(scores, "accounting", "quality_assurance", bank, precision) == pytest.approx(
        expected, rel=1e-4
    )


def test_uncertainty_batch_and_single_person_name_the_same_roles(bank):
    from scoring import score_frame
    from scoring.synthetic import simulate

    sheet, _ = simulate(bank, 150, seed=21)
    scored = score_frame(sheet, bank)
    matrix = scored[list(bank.scale_ids)].to_numpy()
    batch = named_roles(matrix, fit_arrays(matrix, bank)[0], bank, default_precision(bank))
    for k in range(len(scored)):
        scores = dict(zip(bank.scale_ids, matrix[k], strict=True))
        single = too_close_to_call(match_jobs(scores, bank), scores, bank, default_precision(bank))
        assert [bank.roles[r].id for r in batch[k]] == [m.role.id for m in single]


def test_verdict_strengths_are_exactly_the_traits_the_trait_section_calls_strengths(bank):
    # simulated respondents (the synthetic model): the summary card and the trait section never disagree
    from scoring import band
    from scoring.synthetic import synthetic_answers

    sheet = synthetic_answers(bank, 300, seed=9)
    for _, row in sheet.iterrows():
        answers = {item_id: int(row[item_id]) for item_id in bank.item_ids}
        scores = score_answers(answers, bank)
        strengths = verdict_for(bank, answers).strengths
        assert set(strengths) == {x for x in bank.trait_ids if band(scores[x]) == "high"}
        assert [scores[x] for x in strengths] == sorted((scores[x] for x in strengths), reverse=True)
