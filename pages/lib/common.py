"""Shared helpers for the page scripts: cached content, the current language, strings, links.

Content is loaded once per process with ``st.cache_resource`` (it is the same for every user and
holds nothing personal). Pages import from here; they hold no scoring rules.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from scoring import LANGS, Bank, Overview, Strings, load_bank, load_overview, load_strings
from storage import StorageError, database_url, find_cohort, make_engine, migrate
from storage.guard import Throttle

LANG_KEY = "app.lang"
LANG_NOTICE_KEY = "app.lang_notice"
KIOSK_KEY = "app.kiosk"
COHORT_KEY = "app.cohort"
COHORT_NOTICE_KEY = "app.cohort_notice"
PAGE_FILES = {
    "home": "pages/home.py",
    "overview": "pages/overview.py",
    "quiz": "pages/quiz.py",
    "results": "pages/results.py",
    "methodology": "pages/methodology.py",
    "delete": "pages/delete.py",
    "advisor": "pages/advisor.py",
}


@dataclass(frozen=True)
class Content:
    bank: Bank
    overview: Overview
    strings: Strings


@st.cache_resource(show_spinner=False)
def _load_content() -> Content:
    bank = load_bank()
    return Content(bank=bank, overview=load_overview(bank=bank), strings=load_strings())


_loaded: list[Content] = []


def content() -> Content:
    """Everything in data/, validated once per process (st.cache_resource) and shared by all sessions.

    The loaded object is also kept in a plain module variable: a page calls this dozens of times per
    rerun, and a dictionary lookup is much cheaper than the cache's own bookkeeping.
    """
    if not _loaded:
        _loaded.append(_load_content())
    return _loaded[0]


_this_run = threading.local()  # each session's script runs on its own thread, one run at a time


def set_param(name: str, value: str) -> None:
    """Write a query parameter only when it changes (every write is a message to the browser)."""
    if st.query_params.get(name) != value:
        st.query_params[name] = value


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
        st.query_params["lang"] = lang
    st.session_state[LANG_KEY] = lang
    _this_run.lang = lang
    return lang


_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]()#+-.!|<>~$:"})


def plain(text: str) -> str:
    """Escape text someone typed (a cohort name, an id) so markdown shows it literally."""
    return str(text).translate(_MARKDOWN_SPECIAL)


def navigation_pages() -> dict[str, list]:
    """The app's pages, titled in the current language, built once per session and language.

    A Page object carries per-run state ("may this page be run now", set by st.navigation and cleared
    when the page runs), so sharing one between sessions breaks when two people load a page at the
    same moment; a session's own runs follow one another, so it keeps its pages (building them costs a
    path lookup per page, about a tenth of a quiz rerun).
    """
    key = f"app.pages.{lang()}"
    if key not in st.session_state:
        st.session_state[key] = _build_pages()
    return st.session_state[key]


def _build_pages() -> dict[str, list]:
    page = lambda name, icon, **kw: st.Page(PAGE_FILES[name], title=t(f"nav.{name}"), icon=icon, **kw)  # noqa: E731
    return {
        "": [
            page("home", ":material/home:", default=True),
            page("overview", ":material/menu_book:", url_path="overview"),
            page("quiz", ":material/quiz:", url_path="quiz"),
            page("results", ":material/insights:", url_path="results"),
            page("methodology", ":material/functions:", url_path="methodology"),
        ],
        t("nav.more"): [
            page("delete", ":material/delete:", url_path="delete"),
            page("advisor", ":material/lock:", url_path="advisor"),
        ],
    }


def show_chart(chart) -> None:
    """Draw an Altair chart. Its spec is serialised without re-validating against the Vega-Lite
    schema on every rerun (the tests validate every chart once), which is most of a chart's cost."""
    st.vega_lite_chart(chart.to_dict(validate=False), width="stretch")


def lang() -> str:
    """The current run's language, resolved once per run by app.py.

    If app.py has not run in this run, the page was started on its own: Streamlit treats an app with
    a pages/ folder as an old-style multipage app until app.py's st.navigation has run once in the
    process, so a fresh server's first visitors to /quiz or /advisor get the bare page script. Then
    switch that off and rerun, so the run starts again from app.py (language, chrome, navigation).
    """
    current = getattr(_this_run, "lang", None)
    if current:
        return current
    if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state.get(LANG_KEY) or resolve_lang()


def t(key: str, **values) -> str:
    """The interface string ``key`` in the current language."""
    return content().strings(key, lang(), **values)


def switch_language(new_lang: str) -> None:
    if new_lang in LANGS:
        st.session_state[LANG_KEY] = new_lang
        _this_run.lang = new_lang
        set_param("lang", new_lang)


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


# ---------------------------------------------------------------- secrets and storage


def setting(name: str) -> str | None:
    """A setting from Streamlit secrets, else the environment (secrets are optional)."""
    try:
        value = st.secrets.get(name)
    except (FileNotFoundError, KeyError, AttributeError, st.errors.StreamlitSecretNotFoundError):
        value = None
    return str(value) if value else os.environ.get(name) or None


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)  # versioned schema: upgrading never loses stored responses
    return engine


def engine() -> Engine:
    """The shared database engine (created and migrated once per process and URL).

    Raises StorageError when the database cannot be reached; the failure is not cached, so the
    next attempt tries again.
    """
    try:
        return _engine_for(database_url(setting("DATABASE_URL")))
    except StorageError:
        raise
    except Exception as exc:  # connection refused, bad credentials, disk full ...
        raise StorageError(f"database unavailable: {type(exc).__name__}") from exc


@st.cache_resource(show_spinner=False)
def throttle() -> Throttle:
    """Process-wide failure counts for advisor logins and join codes (no personal data)."""
    return Throttle(base=float(os.environ.get("BPO_THROTTLE_BASE", "0.5")))


# ---------------------------------------------------------------- kiosk mode and cohorts


def kiosk() -> bool:
    return bool(st.session_state.get(KIOSK_KEY))


def resolve_kiosk() -> bool:
    """Kiosk mode (a shared demo laptop) is switched on by ``?kiosk=1`` and kept for the session."""
    in_link = st.query_params.get("kiosk") == "1"
    if in_link:
        st.session_state[KIOSK_KEY] = True
        return True
    if kiosk():
        st.query_params["kiosk"] = "1"
        return True
    return False


def join_cohort(code: str) -> str:
    """Try a join code: returns "ok", "unknown", "expired" or "unavailable" and remembers a match."""
    guard = throttle()
    time.sleep(guard.delay("cohort"))  # growing delay after wrong codes, against guessing
    try:
        status = find_cohort(engine(), code)
    except StorageError:
        return "unavailable"
    if status.state == "ok":
        guard.succeeded("cohort")
        st.session_state[COHORT_KEY] = {"id": status.cohort.id, "code": status.cohort.code, "name": status.cohort.name}
        set_param("cohort", status.cohort.code)
    else:
        guard.failed("cohort")
        st.session_state.pop(COHORT_KEY, None)
        st.query_params.pop("cohort", None)
    return status.state


def resolve_cohort() -> dict | None:
    """The cohort this session takes part in; a ``?cohort=CODE`` link joins it (once)."""
    requested = st.query_params.get("cohort")
    joined = st.session_state.get(COHORT_KEY)
    if requested and (not joined or joined["code"] != requested.upper()):
        state = join_cohort(requested)
        if state != "ok":
            st.session_state[COHORT_NOTICE_KEY] = state
        return st.session_state.get(COHORT_KEY)
    if joined and requested != joined["code"]:
        st.query_params["cohort"] = joined["code"]
    return joined
