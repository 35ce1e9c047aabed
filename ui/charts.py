"""Altair charts: tidy DataFrames from small helpers, typed encodings, tooltips.

Colours are the Okabe-Ito palette, which stays distinguishable for the common forms of colour
blindness. Each chart's frame is also what its page shows as a table ("View as a table").
No streamlit here, so the printable report can reuse the same charts.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from scoring import Bank, Match

# Okabe & Ito (2008), "Color Universal Design"
TRAIT_COLOURS = {
    "flexibility": "#0072B2",
    "detail": "#E69F00",
    "learning": "#009E73",
    "composure": "#CC79A7",
    "planning": "#D55E00",
}
ATTEMPT_COLOURS = ["#999999", "#0072B2"]
TICKS = [0, 25, 50, 75, 100]
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
            "legend": {"labelFont": FONT, "titleFont": FONT, "orient": "bottom"},
            "view": {"strokeWidth": 0},
        }
    }


def _trait_scale(bank: Bank, lang: str) -> alt.Scale:
    return alt.Scale(domain=[t.short(lang) for t in bank.traits], range=[TRAIT_COLOURS[t] for t in bank.trait_ids])


def trait_frame(scores: Mapping[str, float], bank: Bank, lang: str) -> pd.DataFrame:
    """One row per trait: id, short label with the score (for the axis), full name, score."""
    values = [round(float(scores[t]), 1) for t in bank.trait_ids]
    return pd.DataFrame(
        {
            "trait_id": list(bank.trait_ids),
            "trait": [t.short(lang) for t in bank.traits],
            "label": [f"{t.short(lang)}  {v:.0f}" for t, v in zip(bank.traits, values, strict=True)],
            "name": [t.name(lang) for t in bank.traits],
            "score": values,
        }
    )


def trait_chart(frame: pd.DataFrame, bank: Bank, lang: str, title: str = "") -> alt.Chart:
    """Horizontal bars, one per trait; the axis label carries the score so no text layer is needed."""
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar(cornerRadiusEnd=4, height=22)
        .encode(
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title=None, axis=alt.Axis(values=TICKS)),
            y=alt.Y("label:N", sort=list(frame["label"]), title=None),
            color=alt.Color("trait:N", scale=_trait_scale(bank, lang), legend=None),
            tooltip=[alt.Tooltip("name:N"), alt.Tooltip("score:Q", format=".1f")],
        )
        .properties(height=alt.Step(34), width="container")
    )
    return chart


def contributions_frame(matches: list[Match], bank: Bank, lang: str) -> pd.DataFrame:
    """One row per role x trait: the points each trait adds to the role's fit."""
    rows = []
    for rank, match in enumerate(matches, start=1):
        for trait in bank.traits:
            rows.append(
                {
                    "rank": rank,
                    "role": match.role.name(lang),
                    "category": match.category.name(lang),
                    "trait": trait.short(lang),
                    "points": round(match.contributions[trait.id], 2),
                    "fit": round(match.fit, 1),
                }
            )
    return pd.DataFrame(rows)


def contributions_table(matches: list[Match], bank: Bank, lang: str, labels: tuple[str, str, str]) -> pd.DataFrame:
    """The same numbers as a wide table: rank, role, fit, then one column of points per trait."""
    rank_label, role_label, fit_label = labels
    table = {
        rank_label: list(range(1, len(matches) + 1)),
        role_label: [m.role.name(lang) for m in matches],
        fit_label: [round(m.fit, 1) for m in matches],
    }
    for trait in bank.traits:
        table[trait.short(lang)] = [round(m.contributions[trait.id], 1) for m in matches]
    return pd.DataFrame(table)


def contributions_chart(frame: pd.DataFrame, bank: Bank, lang: str, axis_title: str) -> alt.Chart:
    role_order = list(dict.fromkeys(frame.sort_values("rank")["role"]))
    trait_order = [t.short(lang) for t in bank.traits]
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("sum(points):Q", scale=alt.Scale(domain=[0, 100]), title=axis_title, axis=alt.Axis(values=TICKS)),
            y=alt.Y("role:N", sort=role_order, title=None),
            color=alt.Color("trait:N", scale=_trait_scale(bank, lang), sort=trait_order, title=None),
            order=alt.Order("trait_order:Q"),
            tooltip=[
                alt.Tooltip("role:N"),
                alt.Tooltip("trait:N"),
                alt.Tooltip("points:Q", format=".1f"),
                alt.Tooltip("fit:Q", format=".1f"),
            ],
        )
        .transform_calculate(trait_order=f"indexof({trait_order!r}, datum.trait)")
        .properties(height=alt.Step(26), width="container")
    )
    return chart


def compare_frame(
    current: Mapping[str, float], previous: Mapping[str, float], bank: Bank, lang: str, labels: tuple[str, str]
) -> pd.DataFrame:
    """Two rows per trait: the previous and the current attempt."""
    rows = []
    for trait in bank.traits:
        rows.append({"trait": trait.short(lang), "attempt": labels[0], "score": round(previous[trait.id], 1)})
        rows.append({"trait": trait.short(lang), "attempt": labels[1], "score": round(current[trait.id], 1)})
    return pd.DataFrame(rows)


def compare_chart(frame: pd.DataFrame, bank: Bank, lang: str) -> alt.Chart:
    attempts = list(dict.fromkeys(frame["attempt"]))
    chart = (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title=None, axis=alt.Axis(values=TICKS)),
            y=alt.Y("trait:N", sort=[t.short(lang) for t in bank.traits], title=None),
            yOffset=alt.YOffset("attempt:N", sort=attempts),
            color=alt.Color("attempt:N", scale=alt.Scale(domain=attempts, range=ATTEMPT_COLOURS), title=None),
            tooltip=[alt.Tooltip("trait:N"), alt.Tooltip("attempt:N"), alt.Tooltip("score:Q", format=".1f")],
        )
        .properties(height=alt.Step(16), width="container")
    )
    return chart


def weights_frame(bank: Bank, lang: str) -> pd.DataFrame:
    """One row per role x trait with the role's weight for that trait."""
    return pd.DataFrame(
        [
            {"role": r.name(lang), "trait": t.short(lang), "weight": r.weight(t.id)}
            for r in bank.roles
            for t in bank.traits
        ]
    )


def weights_heatmap(frame: pd.DataFrame, bank: Bank, lang: str) -> alt.Chart:
    roles = list(dict.fromkeys(frame["role"]))
    traits = [t.short(lang) for t in bank.traits]
    base = alt.Chart(frame).encode(
        x=alt.X("trait:N", sort=traits, title=None, axis=alt.Axis(orient="top", labelAngle=-35, labelOverlap=False)),
        y=alt.Y("role:N", sort=roles, title=None),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("weight:Q", scale=alt.Scale(scheme="blues", domain=[0, 0.4]), legend=None),
        tooltip=[alt.Tooltip("role:N"), alt.Tooltip("trait:N"), alt.Tooltip("weight:Q", format=".2f")],
    )
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("weight:Q", format=".2f"),
        color=alt.condition("datum.weight >= 0.25", alt.value("white"), alt.value("#1a1a1a")),
    )
    return (cells + text).properties(height=alt.Step(28), width="container")


def distribution_frame(stored: pd.DataFrame, bank: Bank, lang: str) -> pd.DataFrame:
    """One row per trait: how a group's scores spread (minimum, quartiles, median, maximum, N).

    Aggregated here, so the browser receives five rows whatever the size of the group."""
    rows = []
    for trait in bank.traits:
        scores = pd.to_numeric(stored[trait.id], errors="coerce").dropna()
        q = scores.quantile([0, 0.25, 0.5, 0.75, 1]).round(1).tolist() if len(scores) else [float("nan")] * 5
        rows.append({"trait": trait.short(lang), **dict(zip(DISTRIBUTION_STATS, q, strict=True)), "n": len(scores)})
    return pd.DataFrame(rows)


def distribution_chart(frame: pd.DataFrame, bank: Bank, lang: str) -> alt.Chart:
    """A box plot drawn from the aggregated frame: whiskers min-max, box q1-q3, a tick at the median."""
    order = [t.short(lang) for t in bank.traits]
    base = alt.Chart(frame).encode(y=alt.Y("trait:N", sort=order, title=None))
    tooltip = [alt.Tooltip(f"{c}:Q", format=".0f") for c in DISTRIBUTION_STATS]
    whiskers = base.mark_rule(color="#555").encode(
        x=alt.X("min:Q", scale=alt.Scale(domain=[0, 100]), title=None, axis=alt.Axis(values=TICKS)), x2="max:Q"
    )
    boxes = base.mark_bar(size=20, cornerRadius=3).encode(
        x="q1:Q",
        x2="q3:Q",
        color=alt.Color("trait:N", scale=_trait_scale(bank, lang), legend=None),
        tooltip=[alt.Tooltip("trait:N"), *tooltip, alt.Tooltip("n:Q")],
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
