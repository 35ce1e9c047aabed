"""How it works: an honest account of what the quiz measures, how it scores, what was checked and what was not."""

import pandas as pd
import streamlit as st

from scoring import default_precision
from scoring.matching import GROWTH_GAP, RELIED_ON, TRAIT_SHARE, WORK_SHARE
from scoring.quality import FAST_SCREENS, INCONSISTENT_GAP, INCONSISTENT_PAIRS, MIN_SECONDS_PER_ITEM, STRAIGHT_SHARE
from scoring.reliability import MIN_RESPONSES
from scoring.result import FIT_BANDS
from scoring.scores import HIGH_BAND, LOW_BAND
from scoring.simulation import measurement_check
from scoring.uncertainty import DEFAULT_ALPHA, DEFAULT_SD, MAX_NAMED, Z_CLOSE
from scoring.verdict import NO_FIT_BELOW
from storage import StorageError
from ui import charts
from ui.content import content
from ui.i18n import lang, t
from ui.present import reliability_table
from ui.statistics import live_reliability
from ui.widgets import show_chart, show_table

bank = content().bank


@st.cache_resource(show_spinner=False)
def simulated(version: str):
    """The simulation checks for this question set, computed once per process (``version`` keys it)."""
    return measurement_check(bank, n=3000)


def status() -> None:
    with st.container(border=True):
        st.markdown(f"**{t('method.status_title')}**")
        st.markdown(t("method.status_body"))


def what_is_measured() -> None:
    counts = {kind: sum(item.kind == kind for item in bank.items) for kind in ("likert", "situational", "preference")}
    st.header(t("method.measured_title"))
    st.markdown(t("method.measured_body", **counts))
    for trait in bank.traits:
        st.markdown(f"- **{trait.name(lang())}** — {trait.description(lang())}")
    st.markdown(t("method.work_body"))
    for area in bank.work_areas:
        st.markdown(f"- **{area.name(lang())}** — {area.description(lang())}")


def scores() -> None:
    st.header(t("method.scores_title"))
    st.markdown(t("method.scores_body"))
    st.code(t("method.score_formula"), language=None, wrap_lines=True)
    st.markdown(t("method.bands", high=f"{HIGH_BAND:.0f}", low=f"{LOW_BAND:.0f}"))
    sem = default_precision(bank).sem
    st.markdown(
        t(
            "method.sem_body",
            alpha=f"{DEFAULT_ALPHA:.2f}",
            sd_trait=f"{DEFAULT_SD['trait']:.0f}",
            sd_work=f"{DEFAULT_SD['work']:.0f}",
            sem_trait=f"{sem[bank.trait_ids[0]]:.0f}",
            sem_work=f"{sem[bank.area_ids[0]]:.0f}",
            n=MIN_RESPONSES,
        )
    )


def fit() -> None:
    st.header(t("method.fit_title"))
    st.markdown(t("method.fit_body", traits=f"{TRAIT_SHARE:.0%}", work=f"{WORK_SHARE:.0%}"))
    st.code(t("method.fit_formula", a=f"{TRAIT_SHARE:.1f}", b=f"{WORK_SHARE:.1f}"), language=None, wrap_lines=True)
    bands = t("app.list_separator").join(
        t("method.fit_band_item", lowest=f"{lowest:.0f}", meaning=t(f"results.fit_{name}"))
        for lowest, name in FIT_BANDS
    )
    st.markdown(t("method.fit_meaning", bands=bands))
    st.markdown(t("method.reasons_body", relied=f"{RELIED_ON:.0f}", gap=f"{GROWTH_GAP:.0f}"))
    st.markdown(
        t(
            "method.verdict_rules",
            z=f"{Z_CLOSE:.0f}",
            named=MAX_NAMED,
            floor=f"{NO_FIT_BELOW:.0f}",
            gap=f"{100 - NO_FIT_BELOW:.0f}",
        )
    )


def profiles() -> None:
    st.header(t("method.profiles_title"))
    st.caption(t("method.profiles_caption"))
    for title, scales in ((t("results.traits_part"), bank.trait_ids), (t("results.work_part"), bank.area_ids)):
        st.markdown(f"**{title}**")
        show_chart(charts.profile_heatmap(charts.profile_frame(bank, lang(), scales)))
    frame = charts.profile_frame(bank, lang())
    with st.expander(t("results.as_table")):
        table = frame.pivot(index="role", columns="scale", values="level")
        table = table.reindex([role.name(lang()) for role in bank.roles])[
            [bank.scale(s).short(lang()) for s in bank.scale_ids]
        ]
        show_table(table.rename_axis(index=t("results.col_role"), columns=None).reset_index())
    with st.expander(t("method.rationales")):
        for role in bank.roles:
            st.markdown(f"**{role.name(lang())}**")
            for scale_id in bank.scale_ids:
                if why := role.why(scale_id):
                    level = f"{role.level(scale_id):.0f}"
                    st.markdown(
                        t(
                            "method.rationale_line",
                            scale=bank.scale(scale_id).short(lang()),
                            level=level,
                            why=why(lang()),
                        )
                    )


def situations() -> None:
    st.header(t("method.situations_title"))
    st.markdown(t("method.situations_body"))
    with st.expander(t("method.situations_points")):
        for item in (i for i in bank.items if i.kind == "situational"):
            st.markdown(f"**{item.text(lang())}**")
            for option in item.options:
                points = t("app.list_separator").join(
                    f"{bank.trait(trait).short(lang())} {value}" for trait, value in option.scores.items()
                )
                st.markdown(t("method.option_line", option=option.text(lang()), points=points, why=option.why(lang())))


def quality() -> None:
    st.header(t("method.quality_title"))
    st.markdown(
        t(
            "method.quality_body",
            share=f"{STRAIGHT_SHARE:.0%}",
            gap=INCONSISTENT_GAP,
            pairs=INCONSISTENT_PAIRS,
            seconds=f"{MIN_SECONDS_PER_ITEM:.0f}",
            screens=FAST_SCREENS,
        )
    )


def checked() -> None:
    check = simulated(bank.version)
    st.header(t("method.checked_title"))
    st.markdown(
        t(
            "method.checked_body",
            n=f"{check.n:,}",
            low=f"{min(check.top_share.values()):.0%}",
            high=f"{max(check.top_share.values()):.0%}",
            gap=f"{check.median_gap:.1f}",
            role=f"{check.retest_role:.0%}",
            category=f"{check.retest_category:.0%}",
            named=f"{check.retest_named:.0%}",
            clear=f"{check.clear_share:.0%}",
            flagged=f"{check.flagged_share:.1%}",
        )
    )
    with st.expander(t("method.shares_title")):
        show_table(
            pd.DataFrame(
                {
                    t("results.col_role"): [r.name(lang()) for r in bank.roles],
                    t("method.col_share"): [f"{check.top_share[r.id]:.1%}" for r in bank.roles],
                }
            )
        )
    st.header(t("method.validation_title"))
    st.markdown(t("method.validation_body"))


def reliability() -> None:
    st.header(t("method.reliability_title"))
    st.markdown(t("method.reliability_body"))
    try:
        n_stored, table = live_reliability()
    except StorageError:
        st.info(t("method.reliability_unavailable"), icon=":material/cloud_off:")
        return
    if table is None:
        st.info(t("method.reliability_too_few", n=n_stored, needed=MIN_RESPONSES), icon=":material/hourglass_empty:")
        return
    show_table(reliability_table(table, bank))


def limits_and_privacy() -> None:
    st.header(t("method.limits_title"))
    st.markdown(t("method.limits_body"))
    st.header(t("method.privacy_title"))
    st.markdown(t("method.privacy_body"))
    st.caption(t("method.version", version=bank.version, items=len(bank.items)))


st.title(t("method.title"), anchor=False)
status()
what_is_measured()
scores()
fit()
profiles()
situations()
quality()
checked()
reliability()
limits_and_privacy()
