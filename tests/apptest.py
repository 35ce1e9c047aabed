"""One way to run the app under ``streamlit.testing``'s AppTest, shared by the tests and the benches.

AppTest forgets between runs what a server remembers: before every run it resets Streamlit's
"this app uses a pages/ folder" switch, so each run after ``switch_page`` would start the page
script on its own, the way only a fresh server's very first visitor to a deep link sees it (see
``ui/compat.py``). :func:`serve_like_a_server` makes every AppTest run start as a warm server does,
by calling the app's own :func:`ui.compat.navigation_only` once AppTest has set up its page
manager. This module is the only place that reaches into ``streamlit.testing``'s internals.
"""

from __future__ import annotations

from pathlib import Path

import streamlit.testing.v1.app_test as app_test_module
import streamlit.testing.v1.local_script_runner as local_runner_module
from streamlit.testing.v1 import AppTest

from ui.compat import navigation_only

ROOT = Path(__file__).resolve().parent.parent
APP_TIMEOUT = 60


_STREAMLIT_PAGES_MANAGER = app_test_module.PagesManager


def serve_like_a_server() -> None:
    """Make every later AppTest run start the way runs on a warm server do (idempotent)."""
    if app_test_module.PagesManager is not _STREAMLIT_PAGES_MANAGER:
        return

    class ServerPagesManager(_STREAMLIT_PAGES_MANAGER):
        like_a_server = True

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            navigation_only()

    app_test_module.PagesManager = ServerPagesManager


def share_bytecode() -> None:
    """Compile each script once per process, as a server's ScriptCache does (AppTest compiles every
    script afresh on every run). Only the benches need this, to time reruns as a server runs them."""
    shared = app_test_module.ScriptCache()
    app_test_module.ScriptCache = local_runner_module.ScriptCache = lambda: shared


def new_session(script: Path | str | None = None, **query: str) -> AppTest:
    """A fresh visitor's session on ``script`` (app.py by default) with these query parameters,
    not yet run."""
    serve_like_a_server()
    at = AppTest.from_file(str(script or ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    at.query_params.update(query)
    return at


def first_visit_to(page: str, **query: str) -> AppTest:
    """The very first visitor of a freshly started server, who opens a deep link such as ``/quiz``:
    Streamlit has not yet seen ``st.navigation`` and runs ``pages/<page>.py`` on its own."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    at.query_params.update(query)
    at.switch_page(f"pages/{page}.py")
    fresh_server, app_test_module.PagesManager = app_test_module.PagesManager, _STREAMLIT_PAGES_MANAGER
    try:
        return at.run()
    finally:
        app_test_module.PagesManager = fresh_server


def open_app(page: str | None = None, **query: str) -> AppTest:
    """A fresh visitor who opens the app and goes to ``page`` (``quiz``, ``results`` ...)."""
    at = new_session(**query).run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    return at
