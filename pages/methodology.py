"""Methodology: how scores and fits are computed, the weight table, limits, and privacy."""

import streamlit as st

from pages import charts
from pages.common import content, lang, t
from scoring.scores import HIGH_BAND, LOW_BAND

bank = content().bank
L = lang()
likert = sum(item.kind == "likert" for item in bank.items)
situational = len(bank.items) - likert

st.title(t("method.title"))
st.markdown(t("method.lead"))

st.header(t("method.scores_title"))
st.markdown(t("method.scores_body", likert=likert, situational=situational))
st.latex(r"\text{score}_t = \frac{\bar{v}_t - 1}{4} \times 100")
st.markdown(t("method.bands", high=f"{HIGH_BAND:.0f}", low=f"{LOW_BAND:.0f}"))

st.header(t("method.fit_title"))
st.markdown(t("method.fit_body"))
st.latex(r"\text{fit}_r = \sum_{t} w_{r,t} \, \text{score}_t")
st.latex(r"w_{r,t} \ge 0, \quad \sum_t w_{r,t} = 1")

st.header(t("method.weights_title"))
st.caption(t("method.weights_caption"))
weights = charts.weights_frame(bank, L)
st.altair_chart(charts.weights_heatmap(weights, bank, L), width="stretch")
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

st.header(t("method.limits_title"))
st.markdown(t("method.limits_body"))

st.header(t("method.privacy_title"))
st.markdown(t("method.privacy_body"))
st.caption(t("method.version", version=bank.version, items=len(bank.items)))
