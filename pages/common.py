"""Shared helpers for the page scripts: cached content, the current language, strings, links.

Content is loaded once per process with ``st.cache_resource`` (it is the same for every user and
holds nothing personal). Pages import from here; they hold no scoring rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from scoring import LANGS, Bank, Overview, Strings, load_bank, load_overview, load_strings

LANG_KEY = "app.lang"
LANG_NOTICE_KEY = "app.lang_notice"
PAGE_FILES = {
    "home": "pages/home.py",
    "overview": "pages/overview.py",
    "quiz": "pages/quiz.py",
    "results": "pages/results.py",
    "methodology": "pages/methodology.py",
}


@dataclass(frozen=True)
class Content:
    bank: Bank
    overview: Overview
    strings: Strings


@st.cache_resource(show_spinner=False)
def content() -> Content:
    """Everything in data/, validated once per process and shared by all sessions."""
    bank = load_bank()
    return Content(bank=bank, overview=load_overview(bank=bank), strings=load_strings())


def browser_lang() -> str:
    """English when the browser says so, Japanese otherwise."""
    locale = (st.context.locale or "").lower()
    return "en" if locale.startswith("en") else "ja"


def resolve_lang() -> str:
    """The language for this run: the URL's ``lang`` when valid, else this session's, else the browser's.

    An unknown ``lang`` in the URL is remembered so the page can say so once.
    """
    requested = st.query_params.get("lang")
    if requested in LANGS:
        lang = requested
    else:
        lang = st.session_state.get(LANG_KEY) or browser_lang()
        if requested is not None:
            st.session_state[LANG_NOTICE_KEY] = requested
    st.session_state[LANG_KEY] = lang
    st.query_params["lang"] = lang
    return lang


def lang() -> str:
    return st.session_state.get(LANG_KEY) or resolve_lang()


def t(key: str, **values) -> str:
    """The interface string ``key`` in the current language."""
    return content().strings(key, lang(), **values)


def switch_language(new_lang: str) -> None:
    if new_lang in LANGS:
        st.session_state[LANG_KEY] = new_lang
        st.query_params["lang"] = new_lang


def go(page: str, **params: str) -> None:
    """Switch to another page, keeping the language (and any extra query parameters)."""
    st.switch_page(PAGE_FILES[page], query_params={"lang": lang(), **params})
