"""What every storage function shares: database failures become StorageError, and the clock."""

from __future__ import annotations

import datetime as dt
import functools

from sqlalchemy.exc import SQLAlchemyError

from storage.db import StorageError

__all__ = ["guarded", "now", "to_the_hour"]


def guarded(function):
    """Turn database failures into StorageError (the transaction was rolled back)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (SQLAlchemyError, OSError) as exc:
            raise StorageError(f"{function.__name__} failed: {type(exc).__name__}") from exc

    return wrapper


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def to_the_hour(moment: dt.datetime) -> dt.datetime:
    """Stored times are kept to the hour: enough for an advisor, too coarse to single anyone out."""
    return moment.replace(minute=0, second=0, microsecond=0)
