"""Statistics over stored responses, cached and shared by every session.

* The live reliability behind score bands (every visitor): per-scale figures only, no personal data.
* An advisor's group summary: aggregates of one cohort (spread, categories, reliability, item
  analysis), keyed by the cohort's size and newest response so new data is never hidden by the
  cache. The browser receives these few rows, never the responses.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from scoring import Precision, default_precision, precision_from, scale_reliability
from scoring.reliability import MIN_ITEM_ANALYSIS, MIN_RESPONSES, item_analysis
from storage import StorageError, database_url, responses_frame
from ui import charts
from ui.content import content
from ui.database import engine, setting

__all__ = ["live_reliability", "precision", "GroupSummary", "group_summary", "cohort_responses"]


@st.cache_data(ttl=300, show_spinner=False)
def _reliability_for(version: str, database: str) -> tuple[int, pd.DataFrame | None]:
    """(number of usable responses, scale_reliability table or None below MIN_RESPONSES).
    ``version`` and ``database`` only key the cache."""
    stored = responses_frame(engine(), content().bank, context=False)
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


@dataclass(frozen=True)
class GroupSummary:
    """What the advisor dashboard shows for one cohort: counts and small aggregate tables."""

    stored: int  # responses to the current question set
    flagged: int  # of which the answer-quality checks flagged
    used: int  # the responses the statistics below are computed from
    distribution: pd.DataFrame  # charts.distribution_frame
    categories: pd.DataFrame  # charts.category_counts_frame
    reliability: pd.DataFrame  # scoring.scale_reliability
    items: pd.DataFrame | None  # scoring.reliability.item_analysis, None below MIN_ITEM_ANALYSIS


@st.cache_data(ttl=900, max_entries=32, show_spinner=False)
def _summary(
    database: str, version: str, cohort_id: int, count: int, last: int, leave_out: bool, lang: str
) -> GroupSummary:
    """All arguments key the cache; ``count`` and ``last`` change whenever the cohort's data does.
    Only the small tables are cached (a group's responses are read again for an export)."""
    bank = content().bank
    stored = responses_frame(engine(), bank, cohort_id, context=False)
    flagged = stored["flags"] != ""
    used = stored[~flagged] if leave_out else stored
    return GroupSummary(
        stored=len(stored),
        flagged=int(flagged.sum()),
        used=len(used),
        distribution=charts.distribution_frame(used, bank, lang),
        categories=charts.category_counts_frame(used, bank, lang),
        reliability=scale_reliability(used, bank),
        items=item_analysis(used, bank) if len(used) >= MIN_ITEM_ANALYSIS else None,
    )


def _key(cohort) -> tuple:
    return (
        database_url(setting("DATABASE_URL")),
        content().bank.version,
        cohort.id,
        cohort.responses,
        cohort.last_response,
    )


def cohort_responses(cohort) -> pd.DataFrame:
    """The cohort's stored responses (``storage.responses_frame``), read now. Raises StorageError."""
    return responses_frame(engine(), content().bank, cohort.id)


def group_summary(cohort, leave_out_flagged: bool, lang: str) -> GroupSummary:
    """The dashboard's figures for ``cohort`` (a ``storage.Cohort`` from ``list_cohorts``), with or
    without the flagged responses. Raises StorageError."""
    return _summary(*_key(cohort), leave_out_flagged, lang)
