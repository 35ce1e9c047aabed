"""BPO Career Fit - entry point: page config, navigation, language switch and shared chrome."""

from pathlib import Path

import streamlit as st

from scoring import LANGS
from ui.content import content
from ui.i18n import LANG_NOTICE_KEY, plain, resolve_lang, switch_language, t
from ui.links import absolute_link, link_params, navigation_pages
from ui.style import apply_style
from ui.visitor import COHORT_NOTICE_KEY, kiosk_idle_seconds, resolve_cohort, resolve_kiosk, retry_minutes
from ui.widgets import idle_reset

FAVICON = Path(__file__).parent / "ui" / "assets" / "favicon.png"  # served by the app itself, never a font server


def language_switch(kiosk: bool) -> None:
    st.session_state["app.lang_switch"] = st.session_state["app.lang"]
    with st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center", key="app-chrome"):
        apply_style(st.session_state["app.lang"], t("app.choose_file"))
        if kiosk:
            st.caption(t("app.kiosk_badge"))
            idle_reset(kiosk_idle_seconds(), absolute_link("home", **link_params()))
        st.segmented_control(
            t("app.language"),
            options=LANGS,
            format_func=lambda code: content().strings("app.lang_name", code),
            key="app.lang_switch",
            required=True,
            label_visibility="collapsed",
            on_change=lambda: switch_language(st.session_state["app.lang_switch"]),
        )


def notices(cohort: dict | None) -> None:
    if st.session_state.pop(LANG_NOTICE_KEY, None) is not None:
        st.warning(t("app.unknown_lang"), icon=":material/translate:")
    if notice := st.session_state.pop(COHORT_NOTICE_KEY, None):
        st.warning(t(f"cohort.{notice}", minutes=retry_minutes()), icon=":material/group_off:")
    if cohort:
        st.info(t("cohort.joined", name=plain(cohort["name"])), icon=":material/group:")


resolve_lang()
kiosk = resolve_kiosk()
cohort = resolve_cohort()
current = st.navigation(navigation_pages(), position="top")
st.set_page_config(page_title=f"{current.title} | {t('app.name')}", page_icon=str(FAVICON), layout="centered")
language_switch(kiosk)
notices(cohort)
current.run()
st.caption(t("app.footer"))
