"""The language of this run and the interface strings in it.

``app.py`` resolves the language once per run (:func:`resolve_lang`); pages read it with
:func:`lang` and look strings up with :func:`t`. Text someone typed or uploaded goes through
:func:`plain` before it reaches any markdown.
"""

from __future__ import annotations

import threading

import streamlit as st

from scoring import LANGS
from ui.compat import navigation_only
from ui.content import content

__all__ = ["LANG_KEY", "LANG_NOTICE_KEY", "lang", "resolve_lang", "switch_language", "t", "plain", "set_param"]

LANG_KEY = "app.lang"
LANG_NOTICE_KEY = "app.lang_notice"
_this_run = threading.local()  # each session's script runs on its own thread, one run at a time


def set_param(name: str, value: str) -> None:
    """Write a query parameter only when it changes (every write is a message to the browser)."""
    if st.query_params.get(name) != value:
        st.query_params[name] = value


def _browser_lang() -> str:
    """English when the browser says so, Japanese otherwise."""
    return "en" if (st.context.locale or "").lower().startswith("en") else "ja"


def resolve_lang() -> str:
    """The language for this run: the link's ``lang`` when valid, else this session's, else the
    browser's. An unknown ``lang`` in the link is remembered so the page can say so once."""
    requested = st.query_params.get("lang")
    if requested in LANGS:
        chosen = requested
    else:
        chosen = st.session_state.get(LANG_KEY) or _browser_lang()
        if requested is not None:
            st.session_state[LANG_NOTICE_KEY] = requested
        st.query_params["lang"] = chosen
    st.session_state[LANG_KEY] = chosen
    _this_run.lang = chosen
    return chosen


def lang() -> str:
    """This run's language, as resolved by ``app.py``.

    When ``app.py`` has not run, a fresh server's first visitor opened a deep link and Streamlit ran
    the page script on its own (see :mod:`ui.compat`): switch that off and start the run again from
    ``app.py``.
    """
    if navigation_only():
        st.rerun()
    return getattr(_this_run, "lang", None) or st.session_state.get(LANG_KEY) or resolve_lang()


def t(key: str, **values) -> str:
    """The interface string ``key`` (``data/ui.yaml``) in this run's language."""
    return content().strings(key, lang(), **values)


def switch_language(new_lang: str) -> None:
    if new_lang in LANGS:
        st.session_state[LANG_KEY] = new_lang
        _this_run.lang = new_lang
        set_param("lang", new_lang)


_MARKDOWN_SPECIAL = {ch: "\\" + ch for ch in "\\`*_{}[]()#+-.!|<>~$:"}
# a WORD JOINER (invisible, zero width) before ".", ":" and "@" keeps bare addresses ("www.x.com",
# "https://...", "a@b.jp") from being turned into live links, which escaping alone does not do
_JOINED = {ch: "\u2060" + _MARKDOWN_SPECIAL.get(ch, ch) for ch in ".:@"}
_PLAIN = str.maketrans({**_MARKDOWN_SPECIAL, **_JOINED})


def plain(text: object) -> str:
    """Text someone typed or uploaded (a cohort name, an id, a column header), escaped so markdown
    shows it literally: no formatting, no HTML, no links (not even bare web or mail addresses)."""
    return str(text).translate(_PLAIN)
