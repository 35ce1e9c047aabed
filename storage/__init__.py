"""Consented storage of quiz responses and advisor cohorts, through SQLAlchemy 2.

A SQLite file by default; PostgreSQL when a database URL is configured. Stores answers, scores,
answer-quality flags, question-set version, language, cohort and the hour - never names, e-mail
or network addresses.
"""

from storage.cohorts import (
    Cohort,
    CohortNameError,
    CohortStatus,
    cohort_is_open,
    create_cohort,
    delete_cohort,
    find_cohort,
    list_cohorts,
)
from storage.db import StorageError, database_file, database_url, default_sqlite_url, ensure_on_disk, make_engine
from storage.migrations import SCHEMA_VERSION, current_version, migrate
from storage.responses import (
    GROUP_MINIMUM,
    SaveRefused,
    cohort_export,
    delete_response,
    fill_demo_cohort,
    responses_frame,
    save_response,
    save_scored_sheet,
    submission_key,
    upload_key,
)

__all__ = [
    "GROUP_MINIMUM",
    "SCHEMA_VERSION",
    "Cohort",
    "CohortNameError",
    "CohortStatus",
    "SaveRefused",
    "StorageError",
    "cohort_export",
    "cohort_is_open",
    "create_cohort",
    "current_version",
    "database_file",
    "database_url",
    "default_sqlite_url",
    "delete_cohort",
    "delete_response",
    "ensure_on_disk",
    "fill_demo_cohort",
    "find_cohort",
    "list_cohorts",
    "make_engine",
    "migrate",
    "responses_frame",
    "save_response",
    "save_scored_sheet",
    "submission_key",
    "upload_key",
]
