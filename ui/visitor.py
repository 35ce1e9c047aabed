"""Who is visiting: kiosk mode (a shared laptop) and the cohort a participant joined.

Both are switched on by a link (``?kiosk=1``, ``?cohort=CODE``) and kept for the session.
"""

from __future__ import annotations

import time

import streamlit as st

from storage import StorageError
from storage.cohorts import cohort_in
from storage.guard import actor_key, checked_attempt
from ui.database import engine, setting, visitor_address
from ui.i18n import LANG_KEY, set_param

__all__ = [
    "KIOSK_KEY",
    "COHORT_KEY",
    "COHORT_NOTICE_KEY",
    "JOIN_NOTICES",
    "kiosk",
    "resolve_kiosk",
    "join_cohort",
    "resolve_cohort",
    "forget_visitor",
    "retry_minutes",
    "KIOSK_IDLE_MINUTES",
    "kiosk_idle_seconds",
]

KIOSK_KEY = "app.kiosk"
COHORT_KEY = "app.cohort"
COHORT_NOTICE_KEY = "app.cohort_notice"
JOIN_NOTICES = ("not_found", "locked", "unavailable")  # what a join attempt that did not work can say
RETRY_KEY = "app.retry_after"
TRIED_KEY = "app.cohort_tried"  # (code, monotonic time) of the last join link that did not work
JOIN_RETRY_SECONDS = 60
KIOSK_IDLE_MINUTES = 3.0  # a shared laptop starts over after this long untouched (setting KIOSK_IDLE_MINUTES)


def kiosk() -> bool:
    return bool(st.session_state.get(KIOSK_KEY))


def kiosk_idle_seconds() -> float:
    """How long a kiosk waits untouched before starting over (``KIOSK_IDLE_MINUTES``, default 3)."""
    try:
        minutes = float(setting("KIOSK_IDLE_MINUTES") or KIOSK_IDLE_MINUTES)
    except ValueError:
        minutes = KIOSK_IDLE_MINUTES
    return max(10.0, minutes * 60)  # never so short that someone reading a question is thrown out


def resolve_kiosk() -> bool:
    """Kiosk mode is switched on by ``?kiosk=1`` and kept for the session."""
    if st.query_params.get("kiosk") == "1":
        st.session_state[KIOSK_KEY] = True
        return True
    if kiosk():
        st.query_params["kiosk"] = "1"
        return True
    return False


def join_cohort(code: str) -> str:
    """Try a join code: returns "ok", or one of ``JOIN_NOTICES``, and remembers a match.

    Failed codes are counted per visitor in the database; after too many the visitor is told when to
    try again instead of being slowed down, and a right code is never delayed (nor counted). Unknown and expired
    codes answer the same, so expired codes cannot be found by guessing."""
    try:
        # counted and checked in one transaction: a right code is never counted, not even for the moment
        # between the two (a crowd joining behind a venue's one address must not lock itself out), and
        # one the database could not check is not counted either (the transaction is rolled back)
        decision, cohort = checked_attempt(
            engine(),
            "join",
            actor_key(engine(), visitor_address()),
            lambda connection: cohort_in(connection, code).cohort,
        )
    except StorageError:
        return "unavailable"
    if not decision.allowed:
        st.session_state[RETRY_KEY] = decision.retry_after
        return "locked"
    if cohort is not None:
        st.session_state[COHORT_KEY] = {"id": cohort.id, "code": cohort.code, "name": cohort.name}
        set_param("cohort", cohort.code)
        return "ok"
    st.session_state.pop(COHORT_KEY, None)
    st.query_params.pop("cohort", None)
    return "not_found"


def retry_minutes() -> int:
    """Minutes until a locked visitor may try again (rounded up)."""
    return max(1, -(-int(st.session_state.get(RETRY_KEY, 60)) // 60))


def resolve_cohort() -> dict | None:
    """The cohort this session takes part in; a ``?cohort=CODE`` link joins it (once). A code that
    did not work (locked out, database unavailable) is tried again after ``JOIN_RETRY_SECONDS``,
    not on every click while the link still carries it."""
    requested = st.query_params.get("cohort")
    joined = st.session_state.get(COHORT_KEY)
    if requested and (not joined or joined["code"] != requested.upper()):
        tried = st.session_state.get(TRIED_KEY)
        if tried and tried[0] == requested and time.monotonic() - tried[1] < JOIN_RETRY_SECONDS:
            return joined
        state = join_cohort(requested)
        if state != "ok":
            st.session_state[TRIED_KEY] = (requested, time.monotonic())
            st.session_state[COHORT_NOTICE_KEY] = state
        return st.session_state.get(COHORT_KEY)
    if joined and requested != joined["code"]:
        st.query_params["cohort"] = joined["code"]
    return joined


def forget_visitor() -> None:
    """Wipe everything one person left in a kiosk session; keep only the kiosk's own settings
    (language, kiosk mode, the cohort the laptop is set up for)."""
    keep = {key: st.session_state.get(key) for key in (LANG_KEY, KIOSK_KEY, COHORT_KEY)}
    st.session_state.clear()
    st.session_state.update({key: value for key, value in keep.items() if value is not None})
