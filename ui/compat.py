"""The one place this app reaches into Streamlit's internals.

Streamlit still supports its first multipage design, where every script in a ``pages/`` folder
beside the entry file is a page of its own. This project keeps a ``pages/`` folder (the layout it
was asked for) but routes with ``st.navigation`` in ``app.py``. Streamlit switches the old design
off the first time ``st.navigation`` runs in a process; until then a deep link such as ``/quiz``
runs ``pages/quiz.py`` on its own, without ``app.py`` (no language switch, no navigation).

:func:`navigation_only` does what ``st.navigation`` itself does to switch the old design off
(``streamlit/commands/navigation.py``: ``PagesManager.uses_pages_directory = False``). The app calls
it from one place, :func:`ui.i18n.lang`, when a page finds it was started without ``app.py``; the
AppTest helper in ``tests/apptest.py`` calls it so every test run starts the way a warm server does.
``tests/test_app.py::test_deep_link_*`` and ``tests/test_browser.py::test_browser_first_visitor_*``
fail if an upgrade of Streamlit changes this behaviour.
"""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager

__all__ = ["navigation_only"]


def navigation_only() -> bool:
    """Switch off Streamlit's ``pages/``-folder routing for this process, as ``st.navigation`` does.

    Returns True when it was on, meaning the current run is a page script started on its own.
    """
    was_on = bool(PagesManager.uses_pages_directory)
    PagesManager.uses_pages_directory = False
    return was_on
