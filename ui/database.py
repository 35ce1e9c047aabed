"""Settings, the shared database engine, and who is visiting (for counting attempts)."""

from __future__ import annotations

import os

import streamlit as st
from sqlalchemy import Engine

from storage import StorageError, database_url, ensure_on_disk, make_engine, migrate

__all__ = ["setting", "engine", "visitor_address"]


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
    ensure_on_disk(engine)  # remember which file this engine writes to
    return engine


def engine() -> Engine:
    """The shared engine for the configured database, created and migrated once per process.

    If the SQLite file was deleted or replaced while the app runs, a new engine (and file) is made,
    so what is saved from now on is what a restart will read. Raises StorageError when the database
    cannot be reached; the failure is not cached, so the next attempt tries again.
    """
    url = database_url(setting("DATABASE_URL"))
    try:
        current = _engine_for(url)
        try:
            ensure_on_disk(current)
        except StorageError:
            _engine_for.clear()
            current.dispose()
            current = _engine_for(url)
        return current
    except StorageError:
        raise
    except Exception as exc:  # connection refused, bad credentials, disk full ...
        raise StorageError(f"database unavailable: {type(exc).__name__}") from exc


def visitor_address() -> str | None:
    """The visitor's network address, for counting their attempts (only a keyed hash is stored).

    Behind the proxy in deploy/ (``BEHIND_PROXY=1``) every connection comes from the proxy, which
    passes the real address in ``X-Real-IP``."""
    if setting("BEHIND_PROXY") == "1":
        address = st.context.headers.get("X-Real-IP")
    else:
        address = st.context.ip_address
    return address if isinstance(address, str) and address else None  # None: not served over a network
