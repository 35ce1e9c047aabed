"""score_frame: many respondents at once, identical to one-by-one scoring, bad rows isolated."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import sheet, uniform_answers
from scoring import InputFileError, describe_errors, match_jobs, score_answers, score_frame


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_score_frame_property_equals_score_answers_row_by_row(bank, data):
    rows = data.draw(
        st.lists(st.fixed_dictionaries({i.id: st.integers(1, i.n_options) for i in bank.items}), min_size=1, max_size=8)
    )
    result = score_frame(sheet(bank, rows), bank)
    for k, answers in enumerate(rows):
        scores = score_answers(answers, bank)
        best = match_jobs(scores, bank)[0]
        for trait, value in scores.items():
            assert result.loc[k, trait] == value
        assert result.loc[k, "top_role"] == best.role.id
        assert result.loc[k, "top_category"] == best.category.id
        assert result.loc[k, "top_fit"] == best.fit
        assert result.loc[k, "error"] == ""


def test_score_frame_ties_break_like_match_jobs(bank):
    # all-equal answers give every role the same fit; both paths must pick the same role
    rows = [uniform_answers(bank, v) for v in (1, 2, 3, 4, 5)]
    result = score_frame(sheet(bank, rows), bank)
    for k, answers in enumerate(rows):
        assert result.loc[k, "top_role"] == match_jobs(score_answers(answers, bank), bank)[0].role.id


def test_score_frame_bad_rows_get_an_error_and_good_rows_still_score(bank):
    rows = [uniform_answers(bank, 4) for _ in range(4)]
    rows[1]["Q03"] = 9
    rows[2]["Q11"] = None
    rows[3]["Q52"] = 5  # a situation has four options
    rows[3]["W15"] = 0
    result = score_frame(sheet(bank, rows, ids=["a", "b", "c", "d"]), bank)
    assert list(result["id"]) == ["a", "b", "c", "d"]
    assert result.loc[0, "error"] == "" and result.loc[0, "top_role"]
    assert list(result["error"][1:]) == ["Q03:out_of_range", "Q11:missing", "Q52:out_of_range; W15:out_of_range"]
    assert result.loc[1:, list(bank.trait_ids)].isna().all().all()


@pytest.mark.parametrize(
    ("item", "value", "problem"),
    [
        ("Q03", 6, "Q03:out_of_range"),
        ("Q03", 0, "Q03:out_of_range"),
        ("Q52", 5, "Q52:out_of_range"),
        ("Q20", -1, "Q20:out_of_range"),
        ("W15", 2**40, "W15:out_of_range"),
    ],
)
def test_score_frame_whole_number_sheet_with_one_answer_out_of_range(bank, item, value, problem):
    # a sheet of whole numbers only (what pandas reads from a clean CSV) takes the fast path
    rows = [uniform_answers(bank, 3), uniform_answers(bank, 3), uniform_answers(bank, 2)]
    rows[1][item] = value
    frame = sheet(bank, rows)
    assert all(pd.api.types.is_integer_dtype(t) for t in frame[list(bank.item_ids)].dtypes)
    result = score_frame(frame, bank)
    assert list(result["error"]) == ["", problem, ""]
    assert result.loc[1, list(bank.trait_ids)].isna().all()
    for k in (0, 2):
        assert result.loc[k, "top_role"] == match_jobs(score_answers(rows[k], bank), bank)[0].role.id


def test_score_frame_text_cells_from_a_spreadsheet(bank):
    row = {k: str(v) for k, v in uniform_answers(bank, 2).items()}
    bad = dict(row, Q01=" 4 ", Q42="abc", Q03="2.5", Q27="")
    frame = sheet(bank, [row, bad]).astype(str)
    result = score_frame(frame, bank)
    assert result.loc[0, "error"] == ""
    assert result.loc[1, "error"] == "Q42:not_a_number; Q03:not_a_number; Q27:missing"  # in question order


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", ["", "Q02: 数字ではない; Q04: 未回答"]),
        ("en", ["", "Q02: not a number; Q04: no answer"]),
    ],
)
def test_describe_errors_translates_codes_with_the_strings_it_is_given(strings, lang, expected):
    codes = pd.Series(["", "Q02:not_a_number; Q04:missing"])
    assert list(describe_errors(codes, strings, lang)) == expected


def test_score_frame_keeps_row_numbers_when_there_is_no_id(bank):
    frame = sheet(bank, [uniform_answers(bank, 3)] * 3).drop(columns="id")
    assert list(score_frame(frame, bank)["id"]) == [1, 2, 3]


@pytest.mark.parametrize(
    ("frame_change", "code"),
    [
        (lambda f: f.drop(columns=["Q05", "W06"]), "missing_columns"),
        (lambda f: pd.concat([f, f[["Q19"]]], axis=1), "duplicate_columns"),
    ],
)
def test_score_frame_unusable_file_raises(bank, frame_change, code):
    frame = frame_change(sheet(bank, [uniform_answers(bank, 3)]))
    with pytest.raises(InputFileError) as caught:
        score_frame(frame, bank)
    assert caught.value.code == code


def test_score_frame_empty_frame_gives_empty_result(bank):
    result = score_frame(sheet(bank, []), bank)
    assert len(result) == 0 and "top_role" in result.columns


def test_score_frame_large_frame_scores_every_row(bank):
    rng = np.random.default_rng(7)
    n = 5000
    frame = pd.DataFrame({i.id: rng.integers(1, i.n_options + 1, n) for i in bank.items})
    result = score_frame(frame, bank)
    assert (result["error"] == "").all() and result["top_role"].notna().all()
