"""Home: what the quiz is and is not, how long it takes, what is stored, and where to start."""

import streamlit as st

from ui.content import content
from ui.i18n import lang, t
from ui.links import go
from ui.visitor import COHORT_KEY, join_cohort, retry_minutes


def start() -> None:
    with st.container(horizontal=True):
        if st.button(t("home.start"), type="primary", icon=":material/play_arrow:", key="home.start"):
            go("quiz")
        if st.button(t("home.read_overview"), icon=":material/menu_book:", key="home.overview"):
            go("overview")


def join_form() -> None:
    if st.session_state.get(COHORT_KEY):
        return
    with st.expander(t("home.join_title"), icon=":material/group_add:"):
        with st.form("home.join", border=False):
            code = st.text_input(t("home.join_label"), max_chars=12, placeholder="ABC234", key="home.join_code")
            if st.form_submit_button(t("home.join_submit")):
                state = join_cohort(code)
                if state == "ok":
                    st.rerun()
                st.warning(t(f"cohort.{state}", minutes=retry_minutes()), icon=":material/group_off:")


def facts() -> None:
    bank = content().bank
    st.header(t("home.facts_title"))
    columns = st.columns(3)
    columns[0].metric(t("home.questions"), len(bank.items))
    columns[1].metric(t("home.minutes"), t("home.minutes_value", minutes=bank.minutes_needed))
    columns[2].metric(t("home.roles"), len(bank.roles))
    left, right = st.columns(2)
    with left.container(border=True):
        st.markdown(f"**{t('home.is_title')}**")
        st.markdown(t("home.is_body"))
    with right.container(border=True):
        st.markdown(f"**{t('home.is_not_title')}**")
        st.markdown(t("home.is_not_body"))


def traits() -> None:
    st.header(t("home.traits_title"))
    for trait in content().bank.traits:
        st.markdown(f"- **{trait.name(lang())}** — {trait.description(lang())}")


def privacy() -> None:
    st.header(t("home.privacy_title"))
    st.markdown(t("home.privacy_body"))


st.title(t("home.title"), anchor=False)
st.markdown(t("home.lead"))
start()
join_form()
facts()
traits()
privacy()
