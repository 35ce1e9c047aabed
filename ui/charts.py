"""Altair charts: tidy DataFrames from small helpers, typed encodings, tooltips.

Colours are the Okabe-Ito palette, which stays distinguishable for the common forms of colour
blindness. Each chart's frame is also what its page shows as a table ("View as a table").
No streamlit here, so the printable report can reuse the same charts.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from scoring import Bank, Match, score_band
from scoring.matching import TRAIT_SHARE, WORK_SHARE

# Okabe & Ito (2008), "Color Universal Design"
TRAIT_COLOURS = {
    "flexibility": "#0072B2",
    "detail": "#E69F00",
    "learning": "#009E73",
    "composure": "#CC79A7",
    "planning": "#D55E00",
}
WORK_COLOUR = "#56B4E9"
PART_COLOURS = ["#0072B2", "#56B4E9"]  # trait part, work part of a fit
ATTEMPT_COLOURS = ["#999999", "#0072B2"]
TICKS = [0, 25, 50, 75, 100]
ROWS = "rows"  # the dataset a chart template names; with_rows() supplies it
DISTRIBUTION_STATS = ("min", "q1", "median", "q3", "max")
FONT = "'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', 'Meiryo', sans-serif"


@alt.theme.register("bpo_career_fit", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    """Fonts with Japanese coverage, readable axis labels, no chart border. A theme is applied when a
    chart is serialised, which is far cheaper than configuring every chart object."""
    return {
        "config": {
            "axis": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 12,
                "labelLimit": 260,
                "labelColor": "#333",
            },
            # below the chart and wrapping, so a legend never pushes a chart wider than a phone
            "legend": {
                "labelFont": FONT,
                "titleFont": FONT,
                "orient": "bottom",
                "direction": "horizontal",
                "columns": 2,
                "labelLimit": 0,
                "labelFontSize": 12,
            },
            "view": {"strokeWidth": 0},
        }
    }


def template_data() -> alt.NamedData:
    """The data of a chart template: a named dataset, filled per person by :func:`with_rows`.

    A chart's encodings never depend on its rows (sorting follows the rows' order or a rank column), so
    the Vega-Lite spec can be built and serialised once per language and reused for everyone: Altair
    spends about 100 ms building and serialising a layered chart, copying rows into a spec far less."""
    return alt.NamedData(name=ROWS)


def with_rows(spec: dict, frame: pd.DataFrame) -> dict:
    """A template's spec (see :func:`template_data`) drawing ``frame``; the template is not changed."""
    return {**spec, "datasets": {ROWS: frame.to_dict("records")}}


def _scale_colours(bank: Bank, lang: str) -> alt.Scale:
    """Each trait its own colour; the work areas share one, so the two groups read apart."""
    domain = [bank.scale(s).short(lang) for s in bank.scale_ids]
    colours = [TRAIT_COLOURS[t] for t in bank.trait_ids] + [WORK_COLOUR] * len(bank.area_ids)
    return alt.Scale(domain=domain, range=colours)


def score_frame(
    scores: Mapping[str, float], sem: Mapping[str, float], bank: Bank, lang: str, scales: tuple[str, ...]
) -> pd.DataFrame:
    """One row per scale: short label with the score (for the axis), full name, score and its band
    (score +/- one SEM)."""
    rows = []
    for scale_id in scales:
        scale, score = bank.scale(scale_id), round(float(scores[scale_id]), 1)
        low, high = score_band(score, sem[scale_id])
        rows.append(
            {
                "scale_id": scale_id,
                "scale": scale.short(lang),
                "label": f"{scale.short(lang)}  {score:.0f}",
                "name": scale.name(lang),
                "score": score,
                "low": round(low, 1),
                "high": round(high, 1),
            }
        )
    return pd.DataFrame(rows)


def score_chart(data: pd.DataFrame | alt.NamedData, bank: Bank, lang: str) -> alt.LayerChart:
    """Horizontal bars, one per scale in the order of the rows (a :func:`score_frame`), with a line
    across each showing its band; the axis label carries the score, so no text layer is needed."""
    base = alt.Chart(data).encode(y=alt.Y("label:N", sort=None, title=None))
    tooltip = [
        alt.Tooltip("name:N"),
        alt.Tooltip("score:Q", format=".0f"),
        alt.Tooltip("low:Q", format=".0f"),
        alt.Tooltip("high:Q", format=".0f"),
    ]
    bars = base.mark_bar(cornerRadiusEnd=4, height=20, opacity=0.9).encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title=None, axis=alt.Axis(values=TICKS)),
        color=alt.Color("scale:N", scale=_scale_colours(bank, lang), legend=None),
        tooltip=tooltip,
    )
    bands = base.mark_rule(color="#1a1a1a", strokeWidth=2).encode(x="low:Q", x2="high:Q", tooltip=tooltip)
    return (bars + bands).properties(height=alt.Step(32), width="container")


def fit_frame(matches: list[Match], bank: Bank, lang: str, parts: tuple[str, str]) -> pd.DataFrame:
    """Two rows per role: the points its trait match and its work match add to the fit."""
    rows = []
    for rank, match in enumerate(matches, start=1):
        for part, points in zip(parts, (TRAIT_SHARE * match.trait_match, WORK_SHARE * match.work_match), strict=True):
            rows.append(
                {
                    "rank": rank,
                    "role": match.role.name(lang),
                    "category": match.category.name(lang),
                    "part": part,
                    "points": round(points, 1),
                    "fit": round(match.fit, 1),
                }
            )
    return pd.DataFrame(rows)


def fit_chart(data: pd.DataFrame | alt.NamedData, parts: tuple[str, str], axis_title: str) -> alt.Chart:
    """Every role's fit (rows of a :func:`fit_frame` with these ``parts``) as a bar of two parts
    (traits, work), best first."""
    parts = list(parts)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("sum(points):Q", scale=alt.Scale(domain=[0, 100]), title=axis_title, axis=alt.Axis(values=TICKS)),
            y=alt.Y("role:N", sort=alt.EncodingSortField(field="rank", op="min", order="ascending"), title=None),
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=parts, range=PART_COLOURS),
                title=None,
                legend=alt.Legend(orient="top", direction="vertical", columns=1),  # never cut off on a phone
            ),
            order=alt.Order("part_order:Q"),
            tooltip=[
                alt.Tooltip("role:N"),
                alt.Tooltip("part:N"),
                alt.Tooltip("points:Q", format=".1f"),
                alt.Tooltip("fit:Q", format=".1f"),
            ],
        )
        .transform_calculate(part_order=f"indexof({parts!r}, datum.part)")
        .properties(height=alt.Step(26), width="container")
    )


def compare_frame(
    current: Mapping[str, float], previous: Mapping[str, float], bank: Bank, lang: str, labels: tuple[str, str]
) -> pd.DataFrame:
    """Two rows per scale: the previous and the current attempt."""
    rows = []
    for scale_id in bank.scale_ids:
        short = bank.scale(scale_id).short(lang)
        rows.append({"scale": short, "attempt": labels[0], "score": round(previous[scale_id], 1)})
        rows.append({"scale": short, "attempt": labels[1], "score": round(current[scale_id], 1)})
    return pd.DataFrame(rows)


def compare_chart(data: pd.DataFrame | alt.NamedData, labels: tuple[str, str], bank: Bank, lang: str) -> alt.Chart:
    """Each scale's previous and current score side by side (rows of a :func:`compare_frame` with ``labels``)."""
    attempts = list(labels)
    return (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title=None, axis=alt.Axis(values=TICKS)),
            y=alt.Y("scale:N", sort=[bank.scale(s).short(lang) for s in bank.scale_ids], title=None),
            yOffset=alt.YOffset("attempt:N", sort=attempts),
            color=alt.Color("attempt:N", scale=alt.Scale(domain=attempts, range=ATTEMPT_COLOURS), title=None),
            tooltip=[alt.Tooltip("scale:N"), alt.Tooltip("attempt:N"), alt.Tooltip("score:Q", format=".0f")],
        )
        .properties(height=alt.Step(14), width="container")
    )


def profile_frame(bank: Bank, lang: str, scales: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per role x scale (every scale, or ``scales``) with the level the role calls for."""
    return pd.DataFrame(
        [
            {"role": r.name(lang), "scale": bank.scale(s).short(lang), "level": int(r.level(s))}
            for r in bank.roles
            for s in scales or bank.scale_ids
        ]
    )


def profile_heatmap(frame: pd.DataFrame) -> alt.Chart:
    """Roles down, scales across (five at most, so a phone can read the labels), the level in each cell."""
    roles = list(dict.fromkeys(frame["role"]))
    scales = list(dict.fromkeys(frame["scale"]))
    base = alt.Chart(frame).encode(
        x=alt.X("scale:N", sort=scales, title=None, axis=alt.Axis(orient="top", labelAngle=-45, labelOverlap=False)),
        y=alt.Y("role:N", sort=roles, title=None),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("level:Q", scale=alt.Scale(scheme="blues", domain=[0, 100]), legend=None),
        tooltip=[alt.Tooltip("role:N"), alt.Tooltip("scale:N"), alt.Tooltip("level:Q")],
    )
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("level:Q"),
        color=alt.condition("datum.level >= 60", alt.value("white"), alt.value("#1a1a1a")),
    )
    return (cells + text).properties(height=alt.Step(26), width="container")


def distribution_frame(stored: pd.DataFrame, bank: Bank, lang: str) -> pd.DataFrame:
    """One row per scale: how a group's scores spread (minimum, quartiles, median, maximum, N).

    Aggregated here, so the browser receives ten rows whatever the size of the group."""
    rows = []
    for scale_id in bank.scale_ids:
        scores = pd.to_numeric(stored[scale_id], errors="coerce").dropna()
        q = scores.quantile([0, 0.25, 0.5, 0.75, 1]).round(1).tolist() if len(scores) else [float("nan")] * 5
        stats = dict(zip(DISTRIBUTION_STATS, q, strict=True))
        rows.append({"scale": bank.scale(scale_id).short(lang), **stats, "n": len(scores)})
    return pd.DataFrame(rows)


def distribution_chart(frame: pd.DataFrame, bank: Bank, lang: str) -> alt.Chart:
    """A box plot drawn from the aggregated frame: whiskers min-max, box q1-q3, a tick at the median."""
    order = [bank.scale(s).short(lang) for s in bank.scale_ids]
    base = alt.Chart(frame).encode(y=alt.Y("scale:N", sort=order, title=None))
    tooltip = [alt.Tooltip(f"{c}:Q", format=".0f") for c in DISTRIBUTION_STATS]
    whiskers = base.mark_rule(color="#555").encode(
        x=alt.X("min:Q", scale=alt.Scale(domain=[0, 100]), title=None, axis=alt.Axis(values=TICKS)), x2="max:Q"
    )
    boxes = base.mark_bar(size=20, cornerRadius=3).encode(
        x="q1:Q",
        x2="q3:Q",
        color=alt.Color("scale:N", scale=_scale_colours(bank, lang), legend=None),
        tooltip=[alt.Tooltip("scale:N"), *tooltip, alt.Tooltip("n:Q")],
    )
    medians = base.mark_tick(color="white", thickness=3, size=20).encode(x="median:Q")
    return (whiskers + boxes + medians).properties(height=alt.Step(34), width="container")


def category_counts_frame(stored: pd.DataFrame, bank: Bank, lang: str) -> pd.DataFrame:
    """How many responses have each category as their best match (every category listed)."""
    counts = stored["top_category"].value_counts()
    return pd.DataFrame(
        {
            "category": [c.name(lang) for c in bank.categories],
            "count": [int(counts.get(c.id, 0)) for c in bank.categories],
        }
    )


def category_counts_chart(frame: pd.DataFrame) -> alt.Chart:
    chart = (
        alt.Chart(frame)
        .mark_bar(color="#0072B2", cornerRadiusEnd=3)
        .encode(
            x=alt.X("count:Q", title=None, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("category:N", sort="-x", title=None),
            tooltip=[alt.Tooltip("category:N"), alt.Tooltip("count:Q")],
        )
        .properties(height=alt.Step(30), width="container")
    )
    return chart
