"""Home: what the quiz is and is not, how long it takes, what is stored, and where to start."""

import streamlit as st

from pages.lib.common import COHORT_KEY, content, go, join_cohort, lang, t

bank = content().bank

st.title(t("home.title"))
st.markdown(t("home.lead"))

with st.container(horizontal=True):
    if st.button(t("home.start"), type="primary", icon=":material/play_arrow:", key="home.start"):
        go("quiz")
    if st.button(t("home.read_overview"), icon=":material/menu_book:", key="home.overview"):
        go("overview")

if not st.session_state.get(COHORT_KEY):
    with st.expander(t("home.join_title"), icon=":material/group_add:"):
        with st.form("home.join", border=False):
            code = st.text_input(t("home.join_label"), max_chars=12, placeholder="ABC234", key="home.join_code")
            if st.form_submit_button(t("home.join_submit")):
                state = join_cohort(code)
                if state == "ok":
                    st.rerun()
                st.warning(t(f"cohort.{state}"), icon=":material/group_off:")

st.header(t("home.facts_title"))
facts = st.columns(3)
facts[0].metric(t("home.questions"), len(bank.items))
facts[1].metric(t("home.minutes"), t("home.minutes_value", minutes=bank.minutes_needed))
facts[2].metric(t("home.roles"), len(bank.roles))

left, right = st.columns(2)
with left.container(border=True):
    st.markdown(f"**{t('home.is_title')}**")
    st.markdown(t("home.is_body"))
with right.container(border=True):
    st.markdown(f"**{t('home.is_not_title')}**")
    st.markdown(t("home.is_not_body"))

st.header(t("home.traits_title"))
for trait in bank.traits:
    st.markdown(f"- **{trait.name(lang())}** — {trait.description(lang())}")

st.header(t("home.privacy_title"))
st.markdown(t("home.privacy_body"))
