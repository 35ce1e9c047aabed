"""Helpers for the page scripts in ``pages/``, one job per module.

* ``content``  - everything in ``data/``, loaded and validated once per process
* ``i18n``     - the language of this run and the interface strings (``t``), escaping typed text
* ``links``    - the navigation, links between pages, absolute links to share
* ``database`` - settings, the shared database engine, throttles and cached statistics
* ``visitor``  - kiosk mode and the cohort a participant joined
* ``widgets``  - drawing charts and tables the same way on every page
* ``charts``   - Altair charts built from tidy DataFrames (no streamlit)
* ``report``   - the printable one-page report (no streamlit)
* ``compat``   - the single place that touches Streamlit's internals

Pages import from here; scoring and storage rules stay in ``scoring/`` and ``storage/``.
"""
