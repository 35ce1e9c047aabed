"""BPO Career Fit - entry point: page config, navigation, language switch and shared chrome."""

import streamlit as st

from pages.lib.common import (
    COHORT_NOTICE_KEY,
    LANG_NOTICE_KEY,
    content,
    navigation_pages,
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

current = st.navigation(navigation_pages(), position="top")

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

st.caption(t("app.footer"))
