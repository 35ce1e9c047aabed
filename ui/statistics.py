"""Statistics over stored real responses, cached for a few minutes and shared by every visitor.

They hold no personal data: only per-scale reliability and spread of the current question set.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from scoring import Precision, default_precision, precision_from, scale_reliability
from scoring.reliability import MIN_RESPONSES
from storage import StorageError, database_url, responses_frame
from ui.content import content
from ui.database import engine, setting

__all__ = ["live_reliability", "precision"]


@st.cache_data(ttl=300, show_spinner=False)
def _reliability_for(version: str, database: str) -> tuple[int, pd.DataFrame | None]:
    """(number of usable responses, scale_reliability table or None below MIN_RESPONSES).
    ``version`` and ``database`` only key the cache."""
    stored = responses_frame(engine(), content().bank)
    usable = stored[stored["flags"] == ""]  # answers flagged as careless never shape the statistics
    if len(usable) < MIN_RESPONSES:
        return len(usable), None
    return len(usable), scale_reliability(usable, content().bank)


def live_reliability() -> tuple[int, pd.DataFrame | None]:
    """Reliability of each scale over stored, unflagged real responses. Raises StorageError."""
    return _reliability_for(content().bank.version, database_url(setting("DATABASE_URL")))


def precision() -> Precision:
    """The SEMs behind score bands and "too close to call": from stored responses once there are
    enough, else the documented defaults (also when the database cannot be reached)."""
    bank = content().bank
    try:
        n, table = live_reliability()
    except StorageError:
        return default_precision(bank)
    if table is None:
        return default_precision(bank)
    return precision_from(table, dict(zip(table["scale"], table["sd"], strict=True)), n, bank)
