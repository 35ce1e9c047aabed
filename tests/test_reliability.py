"""Cronbach's alpha, checked against published values from outside this project."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from conftest import sheet
from scoring import cronbach_alpha, trait_reliability

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
    with pytest.raises(ValueError, match="two items"):
        cronbach_alpha(MTCARS[["cyl"]])
    with pytest.raises(ValueError, match="two complete"):
        cronbach_alpha(MTCARS.head(1))
    with pytest.raises(TypeError):
        cronbach_alpha(MTCARS.to_numpy())


def test_cronbach_alpha_identical_items_is_one():
    items = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [1, 2, 3, 4, 5], "c": [1, 2, 3, 4, 5]})
    assert cronbach_alpha(items) == pytest.approx(1.0)


def test_trait_reliability_recodes_reverse_items_first(bank):
    # consistent respondents: each answers "like me" at one level, reverse items mirrored
    rows = []
    for level in [1, 2, 3, 4, 5] * 4:
        rows.append({i.id: (6 - level if i.reverse else level) if i.kind == "likert" else 1 for i in bank.items})
    table = trait_reliability(sheet(bank, rows), bank)
    assert list(table["trait"]) == list(bank.trait_ids)
    assert (table["n"] == 20).all()
    # Likert items move together once reverse-keyed ones are recoded; alpha is high
    assert (table["alpha"] > 0.9).all()


def test_trait_reliability_skips_invalid_rows(bank):
    rows = [{i.id: 1 + (k + j) % i.n_options for j, i in enumerate(bank.items)} for k in range(6)]
    rows[0]["Q01"] = 9
    table = trait_reliability(sheet(bank, rows), bank)
    assert (table["n"] == 5).all()
