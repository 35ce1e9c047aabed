"""Methodology: how scores and fits are computed, the weight table, limits, and privacy."""

import streamlit as st

from pages.lib import charts
from pages.lib.common import content, engine, lang, setting, show_chart, t
from scoring import trait_reliability
from scoring.reliability import MIN_RESPONSES
from scoring.scores import HIGH_BAND, LOW_BAND
from storage import StorageError, database_url, responses_frame


@st.cache_data(ttl=120, show_spinner=False)
def live_reliability(version: str, database: str):
    """Alpha per trait over stored real (non-demo) responses; refreshed every two minutes.
    (``version`` and ``database`` only key the cache.)"""
    stored = responses_frame(engine(), content().bank)
    return len(stored), trait_reliability(stored, content().bank) if len(stored) >= MIN_RESPONSES else None


bank = content().bank
L = lang()
likert = sum(item.kind == "likert" for item in bank.items)
situational = len(bank.items) - likert

st.title(t("method.title"))
st.markdown(t("method.lead"))

st.header(t("method.scores_title"))
st.markdown(t("method.scores_body", likert=likert, situational=situational))
st.code(t("method.score_formula"), language=None, wrap_lines=True)
st.markdown(t("method.bands", high=f"{HIGH_BAND:.0f}", low=f"{LOW_BAND:.0f}"))

st.header(t("method.fit_title"))
st.markdown(t("method.fit_body"))
st.code(t("method.fit_formula"), language=None, wrap_lines=True)

st.header(t("method.weights_title"))
st.caption(t("method.weights_caption"))
weights = charts.weights_frame(bank, L)
show_chart(charts.weights_heatmap(weights, bank, L))
with st.expander(t("results.as_table")):
    st.dataframe(
        weights.pivot(index="role", columns="trait", values="weight").reindex([role.name(L) for role in bank.roles])[
            [trait.short(L) for trait in bank.traits]
        ],
        width="stretch",
    )
with st.expander(t("method.rationales")):
    for role in bank.roles:
        st.markdown(f"**{role.name(L)}**")
        for trait_id, weight in sorted(role.weights.items(), key=lambda kv: -kv[1].weight):
            if weight.weight > 0:
                st.markdown(f"- {bank.trait(trait_id).short(L)} {weight.weight:.2f} — {weight.why(L)}")

st.header(t("method.reliability_title"))
st.markdown(t("method.reliability_body"))
try:
    stored, reliability = live_reliability(bank.version, database_url(setting("DATABASE_URL")))
except StorageError:
    st.info(t("method.reliability_unavailable"), icon=":material/cloud_off:")
else:
    if reliability is None:
        st.info(t("method.reliability_too_few", n=stored, needed=MIN_RESPONSES), icon=":material/hourglass_empty:")
    else:
        table = reliability.assign(trait=[bank.trait(x).name(L) for x in reliability["trait"]])
        st.dataframe(
            table.rename(
                columns={"trait": t("results.col_trait"), "n_items": t("method.col_items"), "n": "N", "alpha": "α"}
            ).round({"α": 2}),
            hide_index=True,
            width="stretch",
        )

st.header(t("method.limits_title"))
st.markdown(t("method.limits_body"))

st.header(t("method.privacy_title"))
st.markdown(t("method.privacy_body"))
st.caption(t("method.version", version=bank.version, items=len(bank.items)))
