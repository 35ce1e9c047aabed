"""What the app stores and reads: consented responses, deletion codes, cohorts and demo data.

Every function takes an engine, runs in one transaction and turns any database failure into
:class:`StorageError`, so a failed write changes nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from scoring import Bank, score_frame
from scoring.synthetic import synthetic_answers
from storage.db import StorageError

__all__ = [
    "Cohort",
    "CohortStatus",
    "CohortNameError",
    "save_response",
    "delete_response",
    "create_cohort",
    "find_cohort",
    "list_cohorts",
    "delete_cohort",
    "responses_frame",
    "fill_demo_cohort",
    "save_scored_sheet",
    "cohort_export",
    "normalise_code",
    "COHORT_CODE_LENGTH",
    "MAX_NAME_LENGTH",
]

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
COHORT_CODE_LENGTH = 6  # 32**6 ~ 1.07e9 codes; lookups are throttled by the app as well
DELETION_CODE_LENGTH = 12  # 60 bits, shown once, stored only as a hash
MAX_NAME_LENGTH = 80

metadata = sa.MetaData()
cohorts = sa.Table(
    "cohorts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("is_demo", sa.Boolean, nullable=False, default=False),
)
responses = sa.Table(
    "responses",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("deletion_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("cohort_id", sa.Integer, sa.ForeignKey("cohorts.id", ondelete="CASCADE")),
    sa.Column("bank_version", sa.String(32), nullable=False),
    sa.Column("lang", sa.String(2), nullable=False),
    sa.Column("answers", sa.JSON, nullable=False),
    sa.Column("scores", sa.JSON, nullable=False),
    sa.Column("top_role", sa.String(40), nullable=False),
    sa.Column("top_category", sa.String(40), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("is_demo", sa.Boolean, nullable=False, default=False),
    sa.Column("flags", sa.JSON, nullable=False, default=list),
)


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


@dataclass(frozen=True)
class CohortStatus:
    state: str  # one of STATES
    cohort: Cohort | None = None

    STATES = ("ok", "unknown", "expired")


def _guarded(function):
    """Turn database failures into StorageError (the transaction was rolled back)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (SQLAlchemyError, OSError) as exc:
            raise StorageError(f"{function.__name__} failed: {type(exc).__name__}") from exc

    return wrapper


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything we store is UTC
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment


def _random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(code: str) -> str:
    """Upper-case, drop spaces and hyphens, and fold full-width characters (IME input)."""
    return re.sub(r"[\s\-ー－]", "", unicodedata.normalize("NFKC", code or "")).upper()


def _hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "ignore")).hexdigest()


def _cohort(row) -> Cohort:
    return Cohort(
        id=row.id,
        code=row.code,
        name=row.name,
        expires_at=_aware(row.expires_at),
        created_at=_aware(row.created_at),
        is_demo=bool(row.is_demo),
        responses=getattr(row, "responses", 0) or 0,
    )


# ---------------------------------------------------------------- responses


@_guarded
def save_response(
    engine: Engine,
    *,
    answers: Mapping[str, int],
    scores: Mapping[str, float],
    bank_version: str,
    lang: str,
    top_role: str,
    top_category: str,
    cohort_id: int | None = None,
    flags: tuple[str, ...] = (),
) -> str:
    """Store one consented response with its answer-quality flags; returns its deletion code (shown
    once, stored as a hash)."""
    code = _random_code(DELETION_CODE_LENGTH)
    with engine.begin() as connection:
        connection.execute(
            responses.insert().values(
                deletion_hash=_hash(code),
                cohort_id=cohort_id,
                bank_version=bank_version,
                lang=lang,
                answers={k: int(v) for k, v in answers.items()},
                scores={k: float(v) for k, v in scores.items()},
                top_role=top_role,
                top_category=top_category,
                created_at=_now(),
                is_demo=False,
                flags=list(flags),
            )
        )
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@_guarded
def delete_response(engine: Engine, code: str) -> bool:
    """Delete the response with this deletion code; False when no response has it."""
    if len(normalise_code(code)) != DELETION_CODE_LENGTH:
        return False
    with engine.begin() as connection:
        return connection.execute(responses.delete().where(responses.c.deletion_hash == _hash(code))).rowcount > 0


# ---------------------------------------------------------------- cohorts


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


@_guarded
def create_cohort(engine: Engine, name: str, expires_at: dt.datetime | None = None, *, is_demo: bool = False) -> Cohort:
    """Create a cohort with a fresh short code (retried on the rare collision)."""
    name = clean_name(name)
    for _ in range(10):
        code = _random_code(COHORT_CODE_LENGTH)
        try:
            with engine.begin() as connection:
                new_id = connection.execute(
                    cohorts.insert()
                    .values(code=code, name=name, expires_at=expires_at, created_at=_now(), is_demo=is_demo)
                    .returning(cohorts.c.id)
                ).scalar_one()
            return Cohort(new_id, code, name, expires_at, _now(), is_demo)
        except IntegrityError:
            continue
    raise StorageError("could not find a free cohort code")


@_guarded
def find_cohort(engine: Engine, code: str, now: dt.datetime | None = None) -> CohortStatus:
    """Look a join code up: ``ok`` with the cohort, ``expired``, or ``unknown``."""
    code = normalise_code(code)
    if len(code) != COHORT_CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return CohortStatus("unknown")
    with engine.connect() as connection:
        row = connection.execute(sa.select(cohorts).where(cohorts.c.code == code)).first()
    if row is None:
        return CohortStatus("unknown")
    cohort = _cohort(row)
    if cohort.expires_at is not None and cohort.expires_at <= (now or _now()):
        return CohortStatus("expired", cohort)
    return CohortStatus("ok", cohort)


@_guarded
def list_cohorts(engine: Engine) -> list[Cohort]:
    """Every cohort with its number of responses, newest first."""
    count = sa.func.count(responses.c.id).label("responses")
    query = (
        sa.select(cohorts, count)
        .select_from(cohorts.outerjoin(responses, responses.c.cohort_id == cohorts.c.id))
        .group_by(*cohorts.c)
        .order_by(cohorts.c.created_at.desc(), cohorts.c.id.desc())
    )
    with engine.connect() as connection:
        return [_cohort(row) for row in connection.execute(query)]


@_guarded
def delete_cohort(engine: Engine, cohort_id: int) -> int:
    """Delete a cohort and all its responses; returns how many responses went with it."""
    with engine.begin() as connection:
        removed = connection.execute(responses.delete().where(responses.c.cohort_id == cohort_id)).rowcount
        connection.execute(cohorts.delete().where(cohorts.c.id == cohort_id))
    return removed


# ---------------------------------------------------------------- reading for statistics


@_guarded
def responses_frame(engine: Engine, bank: Bank, cohort_id: int | None = None) -> pd.DataFrame:
    """Stored responses as one row each: item answers, scores, flags and context columns.

    With ``cohort_id`` only that cohort (demo or real); without it every real response - demo
    responses never enter overall statistics. Only responses to the current bank version carry
    item columns that mean the same thing, so older versions are left out.
    """
    query = sa.select(responses).where(responses.c.bank_version == bank.version)
    if cohort_id is None:
        query = query.where(responses.c.is_demo.is_(False))
    else:
        query = query.where(responses.c.cohort_id == cohort_id)
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(responses.c.id)).all()
    records = [
        {
            "response": row.id,
            "lang": row.lang,
            "created_at": _aware(row.created_at),
            "top_role": row.top_role,
            "top_category": row.top_category,
            **{i: row.answers.get(i) for i in bank.item_ids},
            **{s: row.scores.get(s) for s in bank.scale_ids},
            "flags": "; ".join(row.flags or ()),
        }
        for row in rows
    ]
    columns = ["response", "lang", "created_at", "top_role", "top_category", *bank.item_ids, *bank.scale_ids, "flags"]
    return pd.DataFrame(records, columns=columns)


def _sheet_rows(
    bank: Bank, sheet: pd.DataFrame, scored: pd.DataFrame, index, lang: str, cohort_id: int | None, *, is_demo: bool
) -> list[dict]:
    """Insert rows for the given rows of an answer sheet and its ``score_frame`` output."""
    now = _now()
    answers = sheet.loc[list(index), list(bank.item_ids)].apply(pd.to_numeric).astype(int)
    return [
        {
            "deletion_hash": _hash(_random_code(DELETION_CODE_LENGTH)),
            "cohort_id": cohort_id,
            "bank_version": bank.version,
            "lang": lang,
            "answers": {i: int(answers.at[k, i]) for i in bank.item_ids},
            "scores": {s: float(scored.at[k, s]) for s in bank.scale_ids},
            "flags": [f for f in str(scored.at[k, "flags"]).split("; ") if f],
            "top_role": str(scored.at[k, "top_role"]),
            "top_category": str(scored.at[k, "top_category"]),
            "created_at": now,
            "is_demo": is_demo,
        }
        for k in index
    ]


@_guarded
def save_scored_sheet(
    engine: Engine, bank: Bank, sheet: pd.DataFrame, scored: pd.DataFrame, lang: str, cohort_id: int | None
) -> int:
    """Store every valid row of a bulk-scored answer sheet (``score_frame`` output beside its input).

    Rows with an ``error`` are skipped. No deletion codes are handed out: the advisor who collected
    the sheet removes these responses by deleting the cohort. Returns how many rows were stored.
    """
    valid = scored.index[scored["error"] == ""]
    if len(valid) == 0:
        return 0
    rows = _sheet_rows(bank, sheet, scored, valid, lang, cohort_id, is_demo=False)
    with engine.begin() as connection:
        connection.execute(responses.insert(), rows)
    return len(rows)


def cohort_export(stored: pd.DataFrame, cohort: Cohort) -> pd.DataFrame:
    """A cohort's responses (from :func:`responses_frame`) for download: answers, scores, context and
    the cohort's name, without internal row ids.

    Pass it through ``scoring.to_csv_bytes`` so formula-like text (a cohort name typed as ``=...``)
    is neutralised for spreadsheets.
    """
    return stored.drop(columns=["response"]).assign(cohort=cohort.name)


# ---------------------------------------------------------------- demo data


@_guarded
def fill_demo_cohort(engine: Engine, bank: Bank, name: str, n: int = 60, seed: int | None = None) -> Cohort:
    """Create (or refill) the clearly labelled demo cohort with ``n`` synthetic responses."""
    with engine.connect() as connection:
        row = connection.execute(sa.select(cohorts).where(cohorts.c.is_demo.is_(True))).first()
    cohort = _cohort(row) if row else create_cohort(engine, name, is_demo=True)
    sheet = synthetic_answers(bank, n, seed)
    scored = score_frame(sheet, bank)
    rows = _sheet_rows(bank, sheet, scored, range(n), "ja", cohort.id, is_demo=True)
    with engine.begin() as connection:
        connection.execute(responses.delete().where(responses.c.cohort_id == cohort.id))
        connection.execute(responses.insert(), rows)
    return cohort
