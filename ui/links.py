"""The navigation and every link: between pages, and absolute links to share or scan.

Links carry what a visitor's session needs in its address: the language, kiosk mode and the cohort
joined (``st.query_params``), so a reload or a shared link lands in the same place.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from ui.i18n import lang, t
from ui.visitor import COHORT_KEY, kiosk

__all__ = ["PAGE_FILES", "navigation_pages", "link_params", "go", "absolute_link"]

PAGE_FILES = {
    "home": "pages/home.py",
    "overview": "pages/overview.py",
    "quiz": "pages/quiz.py",
    "results": "pages/results.py",
    "methodology": "pages/methodology.py",
    "delete": "pages/delete.py",
    "advisor": "pages/advisor.py",
}
_MAIN, _MORE = ("home", "overview", "quiz", "results", "methodology"), ("delete", "advisor")


def navigation_pages() -> dict[str, list]:
    """The app's pages, titled in the current language, built once per session and language.

    A Page object carries per-run state ("may this page run now", set by st.navigation and cleared
    when the page runs), so sharing one between sessions breaks when two people load a page at the
    same moment; a session's own runs follow one another, so it keeps its own pages.
    """
    key = f"app.pages.{lang()}"
    if key not in st.session_state:
        st.session_state[key] = {"": [_page(name) for name in _MAIN], t("nav.more"): [_page(name) for name in _MORE]}
    return st.session_state[key]


def _page(name: str) -> st.Page:
    # no page icons: Streamlit shows the page's icon as the browser tab's icon and fetches Material
    # icons for that from a font server; the app's own favicon (app.py) is served by the app itself
    if name == "home":
        return st.Page(PAGE_FILES[name], title=t("nav.home"), default=True)
    return st.Page(PAGE_FILES[name], title=t(f"nav.{name}"), url_path=name)


def link_params(**extra: str) -> dict[str, str]:
    """Query parameters every link carries: the language, kiosk mode and the cohort joined."""
    params = {"lang": lang()}
    if kiosk():
        params["kiosk"] = "1"
    if joined := st.session_state.get(COHORT_KEY):
        params["cohort"] = joined["code"]
    return {**params, **extra}


def go(page: str, **params: str) -> None:
    """Switch to another page, keeping the language, kiosk mode and cohort (plus ``params``)."""
    st.switch_page(PAGE_FILES[page], query_params=link_params(**params))


def absolute_link(page: str, **params: str) -> str:
    """A full link to ``page`` on the server this visitor is using, e.g. to share or to scan."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    path = "" if page == "home" else page
    return f"{parts.scheme}://{parts.netloc}/{path}?{urlencode(params)}"
