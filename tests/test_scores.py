"""score_answers: a job seeker's answers become five 0-100 trait scores."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import answers_favouring, uniform_answers
from scoring import AnswerError, load_bank, score_answers


def answer_sets(bank):
    return st.fixed_dictionaries({i.id: st.integers(1, i.n_options) for i in bank.items})


def test_score_answers_all_middle_statements_give_exactly_fifty(data_copy):
    # 3 on a 1-5 rating is the midpoint whatever the keying: with the ratings alone (the
    # situations taken out of a copy of the bank) every trait scores exactly 50
    path = data_copy / "items.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["items"] = [item for item in raw["items"] if item.get("kind") != "situational"]
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    statements_only = load_bank(data_copy)
    assert score_answers(uniform_answers(statements_only, 3), statements_only) == {
        scale: 50.0 for scale in statements_only.scale_ids
    }


def test_score_answers_person_strong_in_everything_and_keen_on_all_work_scores_100(bank):
    # every situation has an option worth 5 to both its traits, so the top is exactly 100
    scores = score_answers(answers_favouring(bank, set(bank.trait_ids), set(bank.area_ids)), bank)
    assert scores == dict.fromkeys(bank.scale_ids, 100.0)


def test_score_answers_person_weak_in_everything_and_keen_on_no_work_scores_near_0(bank):
    scores = score_answers(answers_favouring(bank, set(), {"none"}), bank)
    assert all(0 <= scores[t] <= 10 for t in bank.trait_ids)  # situations' lowest option is worth 1 or 2
    assert all(scores[a] == 0 for a in bank.area_ids)


def test_score_answers_work_activity_counts_as_v_for_its_area(bank):
    activity = next(i for i in bank.items if i.kind == "preference")
    base = answers_favouring(bank, set(), {activity.area})  # every activity of this area answered 5
    lowered = dict(base, **{activity.id: 1})
    n = len(bank.items_for(activity.area))
    drop = score_answers(base, bank)[activity.area] - score_answers(lowered, bank)[activity.area]
    assert drop == pytest.approx(4 / n / 4 * 100)


def test_score_answers_reverse_keyed_item_counts_as_six_minus_v(bank):
    reverse = next(i for i in bank.items if i.reverse)
    base = answers_favouring(bank, set(bank.trait_ids))  # reverse item answered 1
    flipped = dict(base, **{reverse.id: 5})
    n = len(bank.items_for(reverse.trait))
    drop = score_answers(base, bank)[reverse.trait] - score_answers(flipped, bank)[reverse.trait]
    assert drop == pytest.approx(4 / n / 4 * 100)  # value went from 5 to 1


def test_score_answers_formula_by_hand(bank):
    # a job seeker who answers 4 to every statement and activity and option 1 to every situation
    answers = {i.id: (1 if i.kind == "situational" else 4) for i in bank.items}
    expected = {}
    for scale in bank.scale_ids:
        values = []
        for item in bank.items_for(scale):
            if item.kind == "situational":
                values.append(item.options[0].scores[scale])
            else:
                values.append(2 if item.reverse else 4)
        expected[scale] = (sum(values) / len(values) - 1) / 4 * 100
    assert score_answers(answers, bank) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("change", "problems"),
    [
        (lambda a: a.pop("Q03"), {"Q03": "missing"}),
        (lambda a: a.update(Q04=6), {"Q04": "out_of_range"}),
        (lambda a: a.update(Q52=5), {"Q52": "out_of_range"}),  # situational items have 4 options
        (lambda a: a.update(W01=6), {"W01": "out_of_range"}),
        (lambda a: a.update(Q05=0), {"Q05": "out_of_range"}),
        (lambda a: a.update(Q24="3"), {"Q24": "not_a_number"}),
        (lambda a: a.update(Q24=2.5), {"Q24": "not_a_number"}),
        (lambda a: a.update(Q24=True), {"Q24": "not_a_number"}),
        (lambda a: a.update(Q99=3), {"Q99": "unknown"}),
        (lambda a: (a.pop("Q01"), a.update(Q03=9, Q77=1)), {"Q01": "missing", "Q03": "out_of_range", "Q77": "unknown"}),
    ],
)
def test_score_answers_bad_input_lists_every_offending_item(bank, change, problems):
    answers = uniform_answers(bank, 3)
    change(answers)
    with pytest.raises(AnswerError) as caught:
        score_answers(answers, bank)
    assert caught.value.problems == problems
    for item in problems:
        assert item in str(caught.value)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_score_answers_property_bounds(bank, data):
    scores = score_answers(data.draw(answer_sets(bank)), bank)
    assert all(0 <= v <= 100 for v in scores.values())


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_score_answers_property_agreeing_more_raises_a_forward_item_trait(bank, data):
    answers = data.draw(answer_sets(bank))
    item = data.draw(st.sampled_from([i for i in bank.items if i.kind == "likert"]))
    if answers[item.id] == 5:
        return
    higher = dict(answers, **{item.id: answers[item.id] + 1})
    before, after = score_answers(answers, bank)[item.trait], score_answers(higher, bank)[item.trait]
    assert (after < before) if item.reverse else (after > before)
