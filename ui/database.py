"""Settings and the shared database engine, created and migrated once per process and URL."""

from __future__ import annotations

import os

import streamlit as st
from sqlalchemy import Engine

from storage import StorageError, database_url, make_engine, migrate
from storage.guard import Throttle

__all__ = ["setting", "engine", "throttle"]


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
    """The shared engine for the configured database.

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
