"""Situational options: shown in an order shuffled per person, the same order for that person every time."""

from __future__ import annotations

from conftest import open_app
from scoring import encode_answers, option_order


def situations(bank):
    return [item for item in bank.items if item.kind == "situational"]


def test_order_is_stable_for_one_person(bank):
    for item in situations(bank):
        assert option_order(item.id, item.n_options, "k3x9") == option_order(item.id, item.n_options, "k3x9")


def test_order_differs_between_people(bank):
    seeds = [f"{n:04d}" for n in range(40)]
    for item in situations(bank):
        orders = {option_order(item.id, item.n_options, seed) for seed in seeds}
        assert len(orders) >= 10  # 24 possible orders of four options; 40 people see many of them
        assert all(sorted(order) == list(range(1, item.n_options + 1)) for order in orders)


def test_order_the_best_option_is_not_always_shown_first(bank):
    seeds = [f"{n:04d}" for n in range(60)]
    for item in situations(bank):
        best = max(range(1, item.n_options + 1), key=lambda n: sum(item.options[n - 1].scores.values()))
        firsts = [option_order(item.id, item.n_options, seed)[0] for seed in seeds]
        assert 0.1 < firsts.count(best) / len(firsts) < 0.5


def test_order_the_quiz_shows_a_resumed_persons_options_in_their_order(bank):
    # a person's link carries their seed: opening it again shows the same order of options
    item = situations(bank)[0]
    screen = next(k for k, s in enumerate(bank.screens) if item in s)
    earlier = {i.id: 3 for s in bank.screens[:screen] for i in s}  # the screens before are done
    for seed in ("k3x9", "0zq7"):
        at = open_app("quiz", lang="en", a=encode_answers(earlier, bank, seed))
        assert at.radio(key=f"quiz.en.{item.id}").options == [
            item.options[n - 1].text("en") for n in option_order(item.id, item.n_options, seed)
        ]
