"""Answer-quality flags: careless answering is noticed, honest answering is left alone."""

from __future__ import annotations

import pytest

from conftest import answers_favouring, uniform_answers
from scoring import FLAGS, answer_flags, score_frame
from scoring.quality import FAST_SCREENS, INCONSISTENT_PAIRS, MIN_SECONDS_PER_ITEM
from scoring.synthetic import simulate


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_quality_the_same_answer_everywhere_is_flagged_as_straight_lining(bank, value):
    assert "straight_line" in answer_flags(uniform_answers(bank, value), bank)


def test_quality_one_screen_of_identical_statements_is_flagged(bank):
    answers = answers_favouring(bank, {"detail"}, {"numbers"})
    answers.update({item.id: 4 for item in bank.screens[2] if item.kind == "likert"})
    assert answer_flags(answers, bank) == ("straight_line",)


def test_quality_agreeing_with_a_statement_and_its_opposite_is_flagged_as_inconsistent(bank):
    answers = answers_favouring(bank, {"detail", "planning"}, {"numbers"})
    pairs = [item for item in bank.items if item.partner][:INCONSISTENT_PAIRS]
    for item in pairs:  # "very much like me" to both a statement and its reverse-worded partner
        answers[item.id] = answers[item.partner] = 5
    assert answer_flags(answers, bank) == ("inconsistent",)
    for item in pairs[1:]:  # one contradiction is not enough
        answers[item.id] = 1
    assert answer_flags(answers, bank) == ()


def test_quality_screens_answered_faster_than_a_person_can_read_are_flagged(bank):
    answers = answers_favouring(bank, {"learning"}, {"it"})
    rushed = [(7, 7 * MIN_SECONDS_PER_ITEM * 0.5)] * FAST_SCREENS
    careful = [(7, 7 * MIN_SECONDS_PER_ITEM * 3)] * 5
    assert answer_flags(answers, bank, rushed + careful) == ("too_fast",)
    assert answer_flags(answers, bank, rushed[:1] + careful) == ()
    assert answer_flags(answers, bank) == ()  # no timing (a file, a shared link): never "too fast"


def test_quality_a_plausible_consistent_person_is_not_flagged(bank):
    assert answer_flags(answers_favouring(bank, {"composure", "flexibility"}, {"customers"}), bank) == ()


def test_quality_flags_come_in_a_fixed_order(bank):
    flags = answer_flags(uniform_answers(bank, 5), bank, [(7, 1.0)] * 3)
    assert flags == FLAGS


def test_quality_score_frame_flags_every_row_like_answer_flags(bank):
    sheet, _ = simulate(bank, 200, seed=9)
    sheet.loc[0, list(bank.item_ids)] = [min(5, item.n_options) for item in bank.items]
    scored = score_frame(sheet, bank)
    for k in range(len(sheet)):
        answers = {i: int(sheet.at[k, i]) for i in bank.item_ids}
        assert scored.at[k, "flags"] == "; ".join(answer_flags(answers, bank))
    assert scored.at[0, "flags"] == "straight_line; inconsistent"
