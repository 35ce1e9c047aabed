"""How it works: how scores and fits are computed, the weight table, live reliability, limits, privacy."""

import streamlit as st

from scoring import trait_reliability
from scoring.reliability import MIN_RESPONSES
from scoring.scores import HIGH_BAND, LOW_BAND
from storage import StorageError, database_url, responses_frame
from ui import charts
from ui.content import content
from ui.database import engine, setting
from ui.i18n import lang, t
from ui.widgets import show_chart, show_table

bank = content().bank


@st.cache_data(ttl=120, show_spinner=False)
def live_reliability(version: str, database: str):
    """Alpha per trait over stored real (non-demo) responses; refreshed every two minutes.
    (``version`` and ``database`` only key the cache.)"""
    stored = responses_frame(engine(), bank)
    return len(stored), trait_reliability(stored, bank) if len(stored) >= MIN_RESPONSES else None


def trait_scores() -> None:
    likert = sum(item.kind == "likert" for item in bank.items)
    st.header(t("method.scores_title"))
    st.markdown(t("method.scores_body", likert=likert, situational=len(bank.items) - likert))
    st.code(t("method.score_formula"), language=None, wrap_lines=True)
    st.markdown(t("method.bands", high=f"{HIGH_BAND:.0f}", low=f"{LOW_BAND:.0f}"))


def role_fit() -> None:
    st.header(t("method.fit_title"))
    st.markdown(t("method.fit_body"))
    st.code(t("method.fit_formula"), language=None, wrap_lines=True)


def weights() -> None:
    st.header(t("method.weights_title"))
    st.caption(t("method.weights_caption"))
    frame = charts.weights_frame(bank, lang())
    show_chart(charts.weights_heatmap(frame, bank, lang()))
    with st.expander(t("results.as_table")):
        table = frame.pivot(index="role", columns="trait", values="weight")
        table = table.reindex([role.name(lang()) for role in bank.roles])[
            [trait.short(lang()) for trait in bank.traits]
        ]
        show_table(table.rename_axis(index=t("results.col_role"), columns=None).reset_index())
    with st.expander(t("method.rationales")):
        for role in bank.roles:
            st.markdown(f"**{role.name(lang())}**")
            for trait_id, weight in sorted(role.weights.items(), key=lambda kv: -kv[1].weight):
                if weight.weight > 0:
                    st.markdown(f"- {bank.trait(trait_id).short(lang())} {weight.weight:.2f} — {weight.why(lang())}")


def reliability() -> None:
    st.header(t("method.reliability_title"))
    st.markdown(t("method.reliability_body"))
    try:
        n_stored, table = live_reliability(bank.version, database_url(setting("DATABASE_URL")))
    except StorageError:
        st.info(t("method.reliability_unavailable"), icon=":material/cloud_off:")
        return
    if table is None:
        st.info(t("method.reliability_too_few", n=n_stored, needed=MIN_RESPONSES), icon=":material/hourglass_empty:")
        return
    show_table(
        table.assign(trait=[bank.trait(x).name(lang()) for x in table["trait"]], alpha=table["alpha"].round(2)).rename(
            columns={
                "trait": t("results.col_trait"),
                "n_items": t("method.col_items"),
                "n": t("method.col_n"),
                "alpha": "α",
            }
        )
    )


def limits_and_privacy() -> None:
    st.header(t("method.limits_title"))
    st.markdown(t("method.limits_body"))
    st.header(t("method.privacy_title"))
    st.markdown(t("method.privacy_body"))
    st.caption(t("method.version", version=bank.version, items=len(bank.items)))


st.title(t("method.title"))
st.markdown(t("method.lead"))
trait_scores()
role_fit()
weights()
reliability()
limits_and_privacy()
