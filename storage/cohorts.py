"""Cohorts: an advisor's groups, joined by a short code."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from storage.db import StorageError
from storage.guarded import guarded, now
from storage.schema import cohorts, responses

__all__ = [
    "Cohort",
    "CohortStatus",
    "CohortNameError",
    "create_cohort",
    "find_cohort",
    "cohort_in",
    "cohort_is_open",
    "list_cohorts",
    "delete_cohort",
    "normalise_code",
    "random_code",
    "CODE_ALPHABET",
    "COHORT_CODE_LENGTH",
    "MAX_NAME_LENGTH",
]

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
COHORT_CODE_LENGTH = 6  # 32**6 ~ 1.07e9 codes; failed lookups are counted and locked (storage.guard)
MAX_NAME_LENGTH = 80


class CohortNameError(ValueError):
    """A cohort name that is empty, too long or has control characters. ``code`` (one of ``CODES``)
    keys the message."""

    CODES = ("empty", "too_long", "control")

    def __init__(self, code: str):
        self.code = code
        super().__init__(f"invalid cohort name: {code}")


@dataclass(frozen=True)
class Cohort:
    id: int
    code: str
    name: str
    expires_at: dt.datetime | None
    created_at: dt.datetime
    is_demo: bool
    responses: int = 0
    last_response: int = 0  # the newest response's id: with ``responses`` it changes whenever the data does


@dataclass(frozen=True)
class CohortStatus:
    """``found`` is False for an unknown code and for an expired one alike (they must not be told
    apart, or expired codes could be found by guessing)."""

    found: bool
    cohort: Cohort | None = None


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything stored is UTC
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment


def random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(code: str) -> str:
    """Upper-case, drop spaces and hyphens, and fold full-width characters (IME input)."""
    return re.sub(r"[\s\-ー－]", "", unicodedata.normalize("NFKC", code or "")).upper()


def _cohort(row) -> Cohort:
    return Cohort(
        id=row.id,
        code=row.code,
        name=row.name,
        expires_at=_aware(row.expires_at),
        created_at=_aware(row.created_at),
        is_demo=bool(row.is_demo),
        responses=getattr(row, "responses", 0) or 0,
        last_response=getattr(row, "last_response", 0) or 0,
    )


def clean_name(name: str) -> str:
    """A cohort display name: trimmed, 1-80 characters, no control characters."""
    name = unicodedata.normalize("NFC", (name or "").strip())
    if not name:
        raise CohortNameError("empty")
    if len(name) > MAX_NAME_LENGTH:
        raise CohortNameError("too_long")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise CohortNameError("control")
    return name


@guarded
def create_cohort(engine: Engine, name: str, expires_at: dt.datetime | None = None, *, is_demo: bool = False) -> Cohort:
    """Create a cohort with a fresh short code (retried on the rare collision)."""
    name = clean_name(name)
    for _ in range(10):
        code = random_code(COHORT_CODE_LENGTH)
        created = now()
        try:
            with engine.begin() as connection:
                new_id = connection.execute(
                    cohorts.insert()
                    .values(code=code, name=name, expires_at=expires_at, created_at=created, is_demo=is_demo)
                    .returning(cohorts.c.id)
                ).scalar_one()
            return Cohort(new_id, code, name, expires_at, created, is_demo)
        except IntegrityError:
            continue
    raise StorageError("could not find a free cohort code")


def _open(cohort: Cohort, at: dt.datetime) -> bool:
    return cohort.expires_at is None or cohort.expires_at > at


def cohort_in(connection, code: str, at: dt.datetime | None = None) -> CohortStatus:
    """:func:`find_cohort` inside the caller's transaction (a join is counted and checked in one)."""
    code = normalise_code(code)
    if len(code) != COHORT_CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return CohortStatus(False)
    row = connection.execute(sa.select(cohorts).where(cohorts.c.code == code)).first()
    if row is None or not _open(cohort := _cohort(row), at or now()):
        return CohortStatus(False)
    return CohortStatus(True, cohort)


@guarded
def find_cohort(engine: Engine, code: str, at: dt.datetime | None = None) -> CohortStatus:
    """Look a join code up: found (and open) with the cohort, or not found - unknown and expired
    codes answer the same."""
    with engine.connect() as connection:
        return cohort_in(connection, code, at)


def is_open_in(connection, cohort_id: int, code: str) -> bool:
    """:func:`cohort_is_open` inside the caller's transaction (so a save checks what it writes beside)."""
    row = connection.execute(sa.select(cohorts).where(cohorts.c.id == cohort_id, cohorts.c.code == code)).first()
    return row is not None and _open(_cohort(row), now())


@guarded
def cohort_is_open(engine: Engine, cohort_id: int, code: str) -> bool:
    """Whether the cohort a participant joined (its id *and* code) still exists and is open."""
    with engine.connect() as connection:
        return is_open_in(connection, cohort_id, code)


@guarded
def list_cohorts(engine: Engine) -> list[Cohort]:
    """Every cohort with its number of responses, newest first."""
    # one small lookup per cohort in the cohort index (a join grouped by cohort read every response:
    # 16 ms for 20,000 in SQLite against 2 ms this way)
    of_cohort = responses.c.cohort_id == cohorts.c.id
    count = sa.select(sa.func.count()).select_from(responses).where(of_cohort).scalar_subquery().label("responses")
    last = sa.select(sa.func.max(responses.c.id)).where(of_cohort).scalar_subquery().label("last_response")
    query = sa.select(cohorts, count, last).order_by(cohorts.c.created_at.desc(), cohorts.c.id.desc())
    with engine.connect() as connection:
        return [_cohort(row) for row in connection.execute(query)]


@guarded
def delete_cohort(engine: Engine, cohort_id: int) -> int:
    """Delete a cohort and all its responses; returns how many responses went with it."""
    with engine.begin() as connection:
        removed = connection.execute(responses.delete().where(responses.c.cohort_id == cohort_id)).rowcount
        connection.execute(cohorts.delete().where(cohorts.c.id == cohort_id))
    return removed
