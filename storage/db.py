"""Engines: a SQLite file by default, PostgreSQL when a URL is configured.

SQLite settings and why:

* ``journal_mode=TRUNCATE`` (a rollback journal, not WAL): WAL keeps its index in a memory-mapped
  ``-shm`` file, and a ``-shm`` file that cannot be written (a full disk, changed permissions) kills
  the whole server process with SIGBUS; WAL also keeps deleted rows in the ``-wal`` file until a
  checkpoint. A rollback journal has neither problem; writes here are rare (a consented save).
* ``synchronous=FULL``: a save reported as saved is on the disk.
* ``secure_delete=ON``: a deleted response is overwritten in the file, not just unlinked from it.
* the file's identity (device and inode) is remembered: if the data folder is deleted or replaced
  while the app runs, :func:`ensure_on_disk` says so instead of writing to a file nobody will read.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

__all__ = [
    "StorageError",
    "database_url",
    "default_sqlite_url",
    "make_engine",
    "database_file",
    "ensure_on_disk",
    "DATA_DIR_ENV",
]

DATA_DIR_ENV = "BPO_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "var"
_identity: dict[int, tuple[int, int]] = {}  # id(engine) -> (st_dev, st_ino) of its SQLite file


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
    for pragma in (
        "journal_mode=TRUNCATE",
        "busy_timeout=30000",
        "foreign_keys=ON",
        "synchronous=FULL",
        "secure_delete=ON",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def database_file(engine: Engine) -> Path | None:
    """The SQLite file behind ``engine`` (None for PostgreSQL or an in-memory database)."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return None
    return Path(engine.url.database)


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def ensure_on_disk(engine: Engine) -> None:
    """Raise StorageError when the SQLite file this engine writes to is no longer the file on disk
    (its folder deleted or the file replaced while the app runs): what it writes would be lost."""
    path = database_file(engine)
    if path is None:
        return
    now = _file_identity(path)
    first = _identity.setdefault(id(engine), now) if now else _identity.get(id(engine))
    if now is None or now != first:
        raise StorageError(f"the database file {path} is missing or was replaced")


def make_engine(url: str) -> Engine:
    """An engine for ``url``. For SQLite the folder is created and the settings above applied."""
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
