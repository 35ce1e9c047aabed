"""BPO Career Fit - entry point: page config, navigation, language switch and shared chrome."""

import streamlit as st

from pages.common import (
    COHORT_NOTICE_KEY,
    LANG_NOTICE_KEY,
    PAGE_FILES,
    content,
    plain,
    resolve_cohort,
    resolve_kiosk,
    resolve_lang,
    switch_language,
    t,
)
from scoring import LANGS

st.set_page_config(page_title="BPO Career Fit", page_icon=":material/explore:", layout="centered")
lang = resolve_lang()
kiosk = resolve_kiosk()
cohort = resolve_cohort()

pages = {
    "": [
        st.Page(PAGE_FILES["home"], title=t("nav.home"), icon=":material/home:", default=True),
        st.Page(PAGE_FILES["overview"], title=t("nav.overview"), icon=":material/menu_book:", url_path="overview"),
        st.Page(PAGE_FILES["quiz"], title=t("nav.quiz"), icon=":material/quiz:", url_path="quiz"),
        st.Page(PAGE_FILES["results"], title=t("nav.results"), icon=":material/insights:", url_path="results"),
        st.Page(
            PAGE_FILES["methodology"], title=t("nav.methodology"), icon=":material/functions:", url_path="methodology"
        ),
    ],
    t("nav.more"): [
        st.Page(PAGE_FILES["delete"], title=t("nav.delete"), icon=":material/delete:", url_path="delete"),
        st.Page(PAGE_FILES["advisor"], title=t("nav.advisor"), icon=":material/lock:", url_path="advisor"),
    ],
}
current = st.navigation(pages, position="top")

st.session_state["app.lang_switch"] = lang
with st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center"):
    if kiosk:
        st.caption(t("app.kiosk_badge"))
    st.segmented_control(
        t("app.language"),
        options=LANGS,
        format_func=lambda code: content().strings("app.lang_name", code),
        key="app.lang_switch",
        required=True,
        label_visibility="collapsed",
        on_change=lambda: switch_language(st.session_state["app.lang_switch"]),
    )
if st.session_state.pop(LANG_NOTICE_KEY, None) is not None:
    st.warning(t("app.unknown_lang"), icon=":material/translate:")
if notice := st.session_state.pop(COHORT_NOTICE_KEY, None):
    st.warning(t(f"cohort.{notice}"), icon=":material/group_off:")
if cohort:
    st.info(t("cohort.joined", name=plain(cohort["name"])), icon=":material/group:")

current.run()

st.divider()
st.caption(t("app.footer"))
