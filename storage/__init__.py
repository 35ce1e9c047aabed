"""Consented storage of quiz responses and advisor cohorts, through SQLAlchemy 2.

SQLite (a file, WAL mode) by default; PostgreSQL when a database URL is configured. Stores answers,
trait scores, bank version, language, cohort and time - never names, e-mail or IP addresses.
"""

from storage.db import StorageError, database_url, default_sqlite_url, make_engine
from storage.migrations import SCHEMA_VERSION, current_version, migrate
from storage.repository import (
    Cohort,
    CohortNameError,
    CohortStatus,
    cohort_export,
    create_cohort,
    delete_cohort,
    delete_response,
    fill_demo_cohort,
    find_cohort,
    list_cohorts,
    responses_frame,
    save_response,
    save_scored_sheet,
)

__all__ = [
    "SCHEMA_VERSION",
    "Cohort",
    "CohortNameError",
    "CohortStatus",
    "StorageError",
    "cohort_export",
    "create_cohort",
    "current_version",
    "database_url",
    "default_sqlite_url",
    "delete_cohort",
    "delete_response",
    "fill_demo_cohort",
    "find_cohort",
    "list_cohorts",
    "make_engine",
    "migrate",
    "responses_frame",
    "save_response",
    "save_scored_sheet",
]
