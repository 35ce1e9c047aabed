"""Every Altair chart the app draws is a valid Vega-Lite spec (the pages skip this check per rerun)."""

from __future__ import annotations

import inspect

import pytest

from conftest import answers_favouring
from scoring import match_jobs, score_answers, score_frame
from scoring.synthetic import synthetic_answers
from ui import charts


def _all_charts(bank):
    scores = score_answers(answers_favouring(bank, {"detail"}), bank)
    matches = match_jobs(scores, bank)
    stored = score_frame(synthetic_answers(bank, 30, seed=2), bank)
    previous = score_answers(answers_favouring(bank, {"learning"}), bank)
    return {
        "trait_chart": charts.trait_chart(charts.trait_frame(scores, bank, "ja"), bank, "ja"),
        "contributions_chart": charts.contributions_chart(
            charts.contributions_frame(matches, bank, "en"), bank, "en", "Fit"
        ),
        "compare_chart": charts.compare_chart(
            charts.compare_frame(scores, previous, bank, "ja", ("前回", "今回")), bank, "ja"
        ),
        "weights_heatmap": charts.weights_heatmap(charts.weights_frame(bank, "en"), bank, "en"),
        "distribution_chart": charts.distribution_chart(charts.distribution_frame(stored, bank, "ja"), bank, "ja"),
        "category_counts_chart": charts.category_counts_chart(charts.category_counts_frame(stored, bank, "ja")),
    }


def test_charts_every_chart_function_is_checked_here(bank):
    drawn = {
        name for name, f in inspect.getmembers(charts, inspect.isfunction) if name.endswith(("_chart", "_heatmap"))
    }
    assert drawn == set(_all_charts(bank))


@pytest.mark.parametrize(
    "name",
    [
        "trait_chart",
        "contributions_chart",
        "compare_chart",
        "weights_heatmap",
        "distribution_chart",
        "category_counts_chart",
    ],
)
def test_charts_spec_is_valid_vega_lite(bank, name):
    spec = _all_charts(bank)[name].to_dict()  # validates against the Vega-Lite schema
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_charts_group_distribution_sends_one_row_per_trait_whatever_the_group_size(bank):
    stored = score_frame(synthetic_answers(bank, 3000, seed=4), bank)
    frame = charts.distribution_frame(stored, bank, "en")
    assert len(frame) == len(bank.traits) and (frame["n"] == 3000).all()
    assert (frame["min"] <= frame["q1"]).all() and (frame["q1"] <= frame["median"]).all()
    assert (frame["median"] <= frame["q3"]).all() and (frame["q3"] <= frame["max"]).all()
