"""Cronbach's alpha, checked against published values from outside this project."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from conftest import sheet
from scoring import cronbach_alpha, item_analysis, mcdonald_omega, scale_reliability
from scoring.reliability import WEAK_ITEM_REST, one_factor
from scoring.synthetic import simulate

# R's built-in mtcars data set, four columns
MTCARS = pd.DataFrame(
    {
        "cyl": [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4],
        "gear": [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5, 5, 4],
        "carb": [4, 4, 1, 1, 2, 1, 4, 2, 2, 4, 4, 3, 3, 3, 4, 4, 4, 1, 2, 1, 1, 2, 2, 4, 2, 1, 2, 2, 4, 6, 8, 2],
        "hp": [
            110,
            110,
            93,
            110,
            175,
            105,
            245,
            62,
            95,
            123,
            123,
            180,
            180,
            180,
            205,
            215,
            230,
            66,
            52,
            65,
            97,
            150,
            150,
            245,
            175,
            66,
            91,
            113,
            264,
            175,
            335,
            109,
        ],
    }
)


def test_cronbach_alpha_matches_r_performance_package():
    # easystats/performance tests cronbachs_alpha(mtcars[, c("cyl","gear","carb","hp")]) == 0.09463206
    assert cronbach_alpha(MTCARS) == pytest.approx(0.09463206, abs=1e-7)


# pingouin's data set cronbach_wide_missing.csv (11 dichotomous items, 12 people, 4 gaps)
PINGOUIN_WIDE_MISSING = """Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10,Q11
1,1,1,1,1,1,1,1,1,1,1
1,1,1,1,1,1,1,1,0,1,0
,0,1,1,,1,1,1,1,0,0
1,1,1,0,1,1,0,1,1,0,0
1,1,1,1,1,0,0,0,1,0,0
0,1,,0,1,1,1,1,0,0,0
1,1,1,1,0,0,1,0,0,0,0
1,1,1,1,1,0,0,0,0,0,0
0,1,0,1,1,0,0,0,0,1,0
1,0,0,1,0,1,0,0,,0,0
1,1,1,0,0,0,0,0,0,0,0
1,0,0,1,0,0,0,0,0,0,0
"""


def test_cronbach_alpha_matches_r_psych_on_complete_cases():
    # pingouin's tests/test_reliability.py::test_cronbach_alpha: "In R: psych::alpha(data[complete.cases(data), ])"
    # gives 0.801695 on this data set; listwise deletion is exactly what cronbach_alpha does
    data = pd.read_csv(io.StringIO(PINGOUIN_WIDE_MISSING))
    assert round(cronbach_alpha(data), 6) == 0.801695


def test_cronbach_alpha_drops_incomplete_rows_and_validates():
    with_gap = MTCARS.astype(float)
    with_gap.loc[0, "hp"] = np.nan
    assert cronbach_alpha(with_gap) == pytest.approx(cronbach_alpha(MTCARS.drop(index=0)))
    with pytest.raises(ValueError, match="at least 2 items"):
        cronbach_alpha(MTCARS[["cyl"]])
    with pytest.raises(ValueError, match="two complete"):
        cronbach_alpha(MTCARS.head(1))
    with pytest.raises(TypeError):
        cronbach_alpha(MTCARS.to_numpy())


def test_cronbach_alpha_identical_items_is_one():
    items = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [1, 2, 3, 4, 5], "c": [1, 2, 3, 4, 5]})
    assert cronbach_alpha(items) == pytest.approx(1.0)


# R's built-in data set datasets::attitude, without its first column `rating`
ATTITUDE = pd.DataFrame(
    {
        "complaints": [
            51,
            64,
            70,
            63,
            78,
            55,
            67,
            75,
            82,
            61,
            53,
            60,
            62,
            83,
            77,
            90,
            85,
            60,
            70,
            58,
            40,
            61,
            66,
            37,
            54,
            77,
            75,
            57,
            85,
            82,
        ],
        "privileges": [
            30,
            51,
            68,
            45,
            56,
            49,
            42,
            50,
            72,
            45,
            53,
            47,
            57,
            83,
            54,
            50,
            64,
            65,
            46,
            68,
            33,
            52,
            52,
            42,
            42,
            66,
            58,
            44,
            71,
            39,
        ],
        "learning": [
            39,
            54,
            69,
            47,
            66,
            44,
            56,
            55,
            67,
            47,
            58,
            39,
            42,
            45,
            72,
            72,
            69,
            75,
            57,
            54,
            34,
            62,
            50,
            58,
            48,
            63,
            74,
            45,
            71,
            59,
        ],
        "raises": [
            61,
            63,
            76,
            54,
            71,
            54,
            66,
            70,
            71,
            62,
            58,
            59,
            55,
            59,
            79,
            60,
            79,
            55,
            75,
            64,
            43,
            66,
            63,
            50,
            66,
            88,
            80,
            51,
            77,
            64,
        ],
        "critical": [
            92,
            73,
            86,
            84,
            83,
            49,
            68,
            66,
            83,
            80,
            67,
            74,
            63,
            77,
            77,
            54,
            79,
            80,
            85,
            78,
            64,
            80,
            80,
            57,
            75,
            76,
            78,
            83,
            74,
            78,
        ],
        "advance": [
            45,
            47,
            48,
            35,
            47,
            34,
            35,
            41,
            31,
            41,
            34,
            41,
            25,
            35,
            46,
            36,
            63,
            60,
            46,
            52,
            33,
            41,
            37,
            49,
            33,
            72,
            49,
            38,
            55,
            39,
        ],
    }
)


def test_mcdonald_omega_matches_lavaan_one_factor_on_r_attitude_data():
    # a one-factor CFA in lavaan (ML; easystats/performance R/mcdonalds_omega.r fits exactly this model
    # to attitude[, -1]) gives omega = (sum of loadings)^2 / ((sum of loadings)^2 + sum of residual variances)
    # = 0.8274243
    assert mcdonald_omega(ATTITUDE) == pytest.approx(0.8274243, abs=2e-6)


def test_one_factor_reproduces_the_covariances_it_can_explain():
    loadings, unique = one_factor(ATTITUDE)
    observed = np.cov(ATTITUDE.to_numpy(dtype=float), rowvar=False, ddof=0)
    implied = np.outer(loadings, loadings) + np.diag(unique)
    assert np.allclose(np.diag(implied), np.diag(observed))  # the ML solution reproduces every variance
    assert (loadings > 0).all()
    with pytest.raises(ValueError, match="at least 3 items"):
        one_factor(ATTITUDE[["complaints", "learning"]])


def test_scale_reliability_recodes_reverse_items_first(bank):
    # consistent respondents: each answers "like me" at one level, reverse items mirrored
    rows = []
    for level in [1, 2, 3, 4, 5] * 4:
        rows.append({i.id: (6 - level if i.reverse else level) if i.kind != "situational" else 1 for i in bank.items})
    table = scale_reliability(sheet(bank, rows), bank)
    assert list(table["scale"]) == list(bank.scale_ids)
    assert (table["n"] == 20).all()
    # statements move together once reverse-keyed ones are recoded; alpha is high
    assert (table["alpha"] > 0.9).all()


def test_scale_reliability_skips_invalid_rows(bank):
    rows = [{i.id: 1 + (k + j) % i.n_options for j, i in enumerate(bank.items)} for k in range(6)]
    rows[0]["Q01"] = 9
    table = scale_reliability(sheet(bank, rows), bank)
    assert (table["n"] == 5).all()


def test_item_analysis_item_rest_correlation_and_alpha_if_deleted_by_definition(bank):
    answers, _ = simulate(bank, 300, seed=5)
    items = item_analysis(answers, bank)
    values = {i.id: [answers.at[k, i.id] for k in range(len(answers))] for i in bank.items_for("detail")}
    frame = pd.DataFrame(
        {i.id: [bank.item(i.id).value(v, "detail") for v in values[i.id]] for i in bank.items_for("detail")}
    )
    for item_id in frame.columns:
        row = items[(items["item"] == item_id) & (items["scale"] == "detail")].iloc[0]
        rest = frame.drop(columns=item_id)
        assert row["item_rest"] == pytest.approx(np.corrcoef(frame[item_id], rest.sum(axis=1))[0, 1])
        assert row["alpha_if_deleted"] == pytest.approx(cronbach_alpha(rest))


def test_item_analysis_flags_an_item_that_does_not_belong(bank):
    answers, _ = simulate(bank, 300, seed=6)
    noise = np.random.default_rng(1).integers(1, 6, len(answers))
    answers["Q40"] = noise  # an accuracy statement answered at random
    items = item_analysis(answers, bank).set_index(["item", "scale"])
    assert items.loc[("Q40", "detail"), "item_rest"] < WEAK_ITEM_REST and items.loc[("Q40", "detail"), "weak"]
    assert not items.loc[("Q19", "detail"), "weak"]
