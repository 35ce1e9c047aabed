"""Engines: a SQLite file by default (WAL, busy timeout), PostgreSQL when a URL is configured."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

__all__ = ["StorageError", "database_url", "default_sqlite_url", "make_engine", "DATA_DIR_ENV"]

DATA_DIR_ENV = "BPO_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "var"


class StorageError(RuntimeError):
    """The database cannot be reached or refused the operation. Nothing was changed."""


def default_sqlite_url() -> str:
    folder = Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    return f"sqlite:///{folder / 'bpo_career_fit.sqlite3'}"


def database_url(configured: str | None = None) -> str:
    """The configured URL (secrets or ``DATABASE_URL``), else the default SQLite file."""
    url = configured or os.environ.get("DATABASE_URL") or default_sqlite_url()
    # Heroku-style URLs name the dialect "postgres"; SQLAlchemy wants psycopg 3 spelled out
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``. For SQLite the folder is created and WAL mode switched on."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError(f"the database URL is not valid ({exc})") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=5, max_overflow=20, pool_timeout=30, connect_args={"connect_timeout": 5}
    )
