"""Every Altair chart the app draws is a valid Vega-Lite spec (the pages skip this check per rerun)."""

from __future__ import annotations

import inspect
import re

import pytest

from conftest import answers_favouring
from scoring import default_precision, match_jobs, score_answers, score_frame
from scoring.synthetic import synthetic_answers
from ui import charts


def _all_charts(bank):
    scores = score_answers(answers_favouring(bank, {"detail"}, {"numbers"}), bank)
    matches = match_jobs(scores, bank)
    sem = default_precision(bank).sem
    stored = score_frame(synthetic_answers(bank, 30, seed=2), bank)
    previous = score_answers(answers_favouring(bank, {"learning"}, {"it"}), bank)
    return {
        "score_chart": charts.score_chart(charts.score_frame(scores, sem, bank, "ja", bank.trait_ids), bank, "ja"),
        "fit_chart": charts.fit_chart(
            charts.fit_frame(matches, bank, "en", ("Traits", "Work")), ("Traits", "Work"), "Fit"
        ),
        "compare_chart": charts.compare_chart(
            charts.compare_frame(scores, previous, bank, "ja", ("前回", "今回")), ("前回", "今回"), bank, "ja"
        ),
        "profile_heatmap": charts.profile_heatmap(charts.profile_frame(bank, "en", bank.trait_ids)),
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
    ["score_chart", "fit_chart", "compare_chart", "profile_heatmap", "distribution_chart", "category_counts_chart"],
)
def test_charts_spec_is_valid_vega_lite(bank, name):
    spec = _all_charts(bank)[name].to_dict()  # validates against the Vega-Lite schema
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


@pytest.mark.parametrize("name", ["score", "fit", "compare"])
def test_charts_shared_template_with_a_persons_rows_draws_the_same_chart(bank, name):
    # Results draws these from one spec per language plus the person's rows: it must be valid Vega-Lite and
    # draw exactly what the chart built around the rows draws (same bars, same order), compared as SVG
    import vl_convert

    scores = score_answers(answers_favouring(bank, {"composure"}, {"it"}), bank)
    previous = score_answers(answers_favouring(bank, {"detail"}, {"numbers"}), bank)
    parts, labels = ("Traits", "Work"), ("Before", "Now")
    frame, build = {
        "score": (
            charts.score_frame(scores, default_precision(bank).sem, bank, "en", bank.trait_ids),
            lambda data: charts.score_chart(data, bank, "en"),
        ),
        "fit": (
            charts.fit_frame(match_jobs(scores, bank), bank, "en", parts),
            lambda data: charts.fit_chart(data, parts, "Fit"),
        ),
        "compare": (
            charts.compare_frame(scores, previous, bank, "en", labels),
            lambda data: charts.compare_chart(data, labels, bank, "en"),
        ),
    }[name]
    template = build(charts.template_data()).to_dict()  # validates against the Vega-Lite schema
    assert "datasets" not in template  # nobody's data in what every visitor shares
    svg = lambda spec: re.sub(r"clip\d+", "clip", vl_convert.vegalite_to_svg(spec))  # noqa: E731 (ids count up per render)
    assert svg(charts.with_rows(template, frame)) == svg(build(frame).to_dict())


def test_charts_score_bands_are_one_sem_either_side_within_the_scale(bank):
    scores = dict.fromkeys(bank.scale_ids, 95.0)
    sem = default_precision(bank).sem
    frame = charts.score_frame(scores, sem, bank, "en", bank.scale_ids)
    assert (frame["high"] == 100.0).all()
    assert list(frame["low"]) == [round(95.0 - sem[s], 1) for s in bank.scale_ids]


def test_charts_fit_parts_add_up_to_each_roles_fit(bank):
    matches = match_jobs(score_answers(answers_favouring(bank, {"planning"}, {"coordination"}), bank), bank)
    frame = charts.fit_frame(matches, bank, "en", ("Traits", "Work"))
    totals = frame.groupby("role")["points"].sum()
    for match in matches:
        assert totals[match.role.name("en")] == pytest.approx(match.fit, abs=0.11)


def test_charts_group_distribution_sends_one_row_per_scale_whatever_the_group_size(bank):
    stored = score_frame(synthetic_answers(bank, 3000, seed=4), bank)
    frame = charts.distribution_frame(stored, bank, "en")
    assert len(frame) == len(bank.scale_ids) and (frame["n"] == 3000).all()
    assert (frame["min"] <= frame["q1"]).all() and (frame["q1"] <= frame["median"]).all()
    assert (frame["median"] <= frame["q3"]).all() and (frame["q3"] <= frame["max"]).all()
