"""Consented responses: saving (once, into the right cohort, durably), deleting, reading for statistics."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from scoring import Bank, match_jobs, score_answers, score_frame
from scoring.synthetic import synthetic_answers
from storage.cohorts import Cohort, create_cohort, is_open_in, normalise_code, random_code
from storage.db import ensure_on_disk
from storage.guard import count_recent
from storage.guarded import guarded, now, to_the_hour
from storage.schema import cohorts, responses

__all__ = [
    "SaveRefused",
    "save_response",
    "delete_response",
    "responses_frame",
    "save_scored_sheet",
    "fill_demo_cohort",
    "cohort_export",
    "submission_key",
    "upload_key",
    "DELETION_CODE_LENGTH",
    "COHORT_SAVES_PER_MINUTE",
    "GROUP_MINIMUM",
]

DELETION_CODE_LENGTH = 12  # 60 bits, shown once, stored only as a hash
# more than this into one cohort within a minute is refused for a while: a few hundred people at an
# event finishing together fit (bench/bench_load.py --event), a script flooding a cohort does not
COHORT_SAVES_PER_MINUTE = 600
GROUP_MINIMUM = 5  # a group's statistics and export appear only from this many responses


class SaveRefused(ValueError):
    """A save that was not made, and why (``reason``, one of ``REASONS``): the cohort it names is
    gone or closed; the cohort is receiving too many saves right now; this result was saved already."""

    REASONS = ("cohort_closed", "busy", "already_saved")

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"save refused: {reason}")


def _hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "ignore")).hexdigest()


def submission_key(session_key: str, token: str) -> str:
    """What makes one person's save idempotent: the same result from the same session is one row."""
    return hashlib.sha256(f"quiz:{session_key}:{token}".encode()).hexdigest()


def upload_key(content: bytes, cohort_id: int) -> str:
    """What makes a bulk save idempotent: the same file into the same cohort is stored once."""
    return hashlib.sha256(b"upload:%d:" % cohort_id + content).hexdigest()


def answer_code(answers: Mapping[str, int], bank: Bank) -> str:
    return "".join(str(int(answers[item_id])) for item_id in bank.item_ids)


def _check_cohort(connection, cohort: tuple[int, str] | None) -> None:
    """The cohort a save names (its id and join code) must still exist and be open, and must not be
    flooded with saves."""
    if cohort is None:
        return
    cohort_id, code = cohort
    # counting writes first, so on SQLite this transaction holds the write lock before it reads the
    # cohort: a delete from another process waits for it instead of slipping in between
    _, recent = count_recent(connection, "save", f"cohort:{cohort_id}", dt.timedelta(minutes=1))
    if len(recent) > COHORT_SAVES_PER_MINUTE:
        raise SaveRefused("busy")
    if not is_open_in(connection, cohort_id, code):
        raise SaveRefused("cohort_closed")


@guarded
def save_response(
    engine: Engine,
    bank: Bank,
    answers: Mapping[str, int],
    *,
    lang: str,
    cohort: tuple[int, str] | None = None,
    flags: tuple[str, ...] = (),
    key: str | None = None,
) -> str:
    """Store one consented response; returns its deletion code (shown once, stored as a hash).

    Scores and the top role are computed here from the answers. ``cohort`` (id, join code) must
    still exist and be open (checked inside the transaction); ``key`` (:func:`submission_key`) makes
    the save idempotent. The save is reported only once it is on the database file that a restart
    will read. Raises :class:`SaveRefused` or :class:`storage.StorageError`.
    """
    scores = score_answers(answers, bank)
    best = match_jobs(scores, bank)[0]
    code = random_code(DELETION_CODE_LENGTH)
    ensure_on_disk(engine)
    try:
        with engine.begin() as connection:
            _check_cohort(connection, cohort)
            connection.execute(
                responses.insert().values(
                    deletion_hash=_hash(code),
                    cohort_id=cohort[0] if cohort else None,
                    bank_version=bank.version,
                    lang=lang,
                    answers={item_id: int(answers[item_id]) for item_id in bank.item_ids},
                    answer_code=answer_code(answers, bank),
                    scores={k: float(v) for k, v in scores.items()},
                    top_role=best.role.id,
                    top_category=best.category.id,
                    created_at=to_the_hour(now()),
                    is_demo=False,
                    bulk=False,
                    flags=list(flags),
                    submission_key=key,
                )
            )
    except IntegrityError:
        if key is None:
            raise
        raise SaveRefused("already_saved") from None
    ensure_on_disk(engine)
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@guarded
def delete_response(engine: Engine, code: str) -> bool:
    """Delete the response with this deletion code; False when no response has it. The row is
    overwritten in the SQLite file (secure_delete), not just unlinked."""
    if len(normalise_code(code)) != DELETION_CODE_LENGTH:
        return False
    ensure_on_disk(engine)
    with engine.begin() as connection:
        return connection.execute(responses.delete().where(responses.c.deletion_hash == _hash(code))).rowcount > 0


# ---------------------------------------------------------------- reading for statistics


def _answer_matrix(ids, codes, bank: Bank, engine: Engine) -> np.ndarray:
    """Answers of the rows (their ids and answer codes) as a matrix (rows x items): from the compact
    answer codes when every row has one (one numpy call for any number of rows), else from the JSON."""
    k = len(bank.item_ids)
    if None not in codes and set(map(len, codes)) <= {k}:  # C-level checks: no Python loop per row
        digits = np.frombuffer("".join(codes).encode("ascii"), dtype=np.uint8).reshape(len(codes), k)
        return digits.astype(np.int64) - ord("0")
    with engine.connect() as connection:
        stored = dict(connection.execute(sa.select(responses.c.id, responses.c.answers).where(responses.c.id.in_(ids))))
    return np.array([[int(stored[i].get(item, 0) or 0) for item in bank.item_ids] for i in ids], dtype=np.int64)


@guarded
def responses_frame(engine: Engine, bank: Bank, cohort_id: int | None = None, *, context: bool = True) -> pd.DataFrame:
    """Stored responses to the current question set, one row each: answers, scores (recomputed from
    the answers by the same core as everywhere), the top role and category, flags, and (unless
    ``context`` is False, which statistics do not need) the row id, language and hour saved.

    With ``cohort_id`` only that cohort (demo or real); without it every real response - demo
    responses never enter overall statistics. Older question sets are left out: their questions
    mean something else.
    """
    # plain text columns: no per-row conversion in Python, every column is converted at once below
    wanted = [responses.c.id, responses.c.answer_code, sa.cast(responses.c.flags, sa.String).label("flags")]
    if context:
        wanted += [responses.c.lang, sa.cast(responses.c.created_at, sa.String).label("created_at")]
    query = sa.select(*wanted).where(responses.c.bank_version == bank.version)
    if cohort_id is None:
        query = query.where(responses.c.is_demo.is_(False))
    else:
        query = query.where(responses.c.cohort_id == cohort_id)
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(responses.c.id)).all()
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(wanted)
    ids, codes, stored_flags = columns[:3]
    answers = pd.DataFrame(_answer_matrix(ids, codes, bank, engine), columns=list(bank.item_ids))
    scored = score_frame(answers, bank)
    # a group has a handful of distinct flag lists and saving hours: convert each distinct value once
    flags = _by_distinct(stored_flags, lambda text: "; ".join(json.loads(text or "[]")))
    parts = [
        scored[["top_role", "top_category"]],
        answers,
        scored[list(bank.scale_ids)],
        pd.DataFrame({"flags": pd.Series(flags, dtype=object)}),
    ]
    if context:
        langs, times = columns[3:]
        hours = np.array(_by_distinct(times, _utc_hour), dtype="datetime64[ns]")
        first = {
            "response": np.array(ids, dtype=np.int64),
            "lang": pd.Series(langs, dtype=object),
            "created_at": pd.DatetimeIndex(hours).tz_localize("UTC"),
        }
        parts.insert(0, pd.DataFrame(first))
    return pd.concat(parts, axis=1)


# ---------------------------------------------------------------- bulk and demo rows


def _utc_hour(text: str) -> np.datetime64:
    """A stored time (SQLite: naive text in UTC; PostgreSQL: with its offset) as the UTC hour."""
    moment = pd.Timestamp(text)
    moment = moment.tz_convert("UTC").tz_localize(None) if moment.tzinfo is not None else moment
    return np.datetime64(to_the_hour(moment), "ns")


def _by_distinct(values, convert) -> list:
    """``[convert(v) for v in values]``, calling ``convert`` once per distinct value."""
    converted = {value: convert(value) for value in set(values)}
    return [converted[value] for value in values]


def _sheet_rows(bank: Bank, answers: pd.DataFrame, scored: pd.DataFrame, lang: str, cohort_id, *, is_demo, keys):
    """Insert rows for a sheet's valid answers and their ``score_frame`` rows (same index)."""
    created = to_the_hour(now())
    matrix = answers[list(bank.item_ids)].to_numpy(dtype=np.int64)
    scores = scored.loc[answers.index, list(bank.scale_ids)].to_numpy(dtype=float)
    roles = [str(r) for r in scored.loc[answers.index, "top_role"]]
    categories = [str(c) for c in scored.loc[answers.index, "top_category"]]
    flags = [[f for f in str(text).split("; ") if f] for text in scored.loc[answers.index, "flags"]]
    rows = []
    for position in range(len(matrix)):
        values = matrix[position].tolist()
        rows.append(
            {
                "deletion_hash": _hash(random_code(DELETION_CODE_LENGTH)),
                "cohort_id": cohort_id,
                "bank_version": bank.version,
                "lang": lang,
                "answers": dict(zip(bank.item_ids, values, strict=True)),
                "answer_code": "".join(map(str, values)),
                "scores": dict(zip(bank.scale_ids, scores[position].tolist(), strict=True)),
                "top_role": roles[position],
                "top_category": categories[position],
                "created_at": created,
                "is_demo": is_demo,
                "bulk": not is_demo,
                "flags": flags[position],
                "submission_key": keys[position] if keys else None,
            }
        )
    return rows


def _insert_new(connection, rows: list[dict]) -> int:
    """Insert rows whose submission key is not stored yet; returns how many were new."""
    if not rows:
        return 0
    dialect = connection.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    # the ids that came back are the rows that went in (rowcount is not reliable for many rows)
    statement = insert(responses).on_conflict_do_nothing(index_elements=["submission_key"]).returning(responses.c.id)
    return len(connection.execute(statement, rows).all())


@guarded
def save_scored_sheet(
    engine: Engine, bank: Bank, sheet: pd.DataFrame, scored: pd.DataFrame, lang: str, cohort: Cohort, upload: str
) -> int:
    """Store every valid row of a bulk-scored answer sheet (``score_frame`` output beside its input)
    into ``cohort``; ``upload`` (:func:`upload_key`) makes a second save of the same file a no-op.

    Rows with an ``error`` are skipped. Bulk rows get no deletion codes: the advisor who collected
    the sheet removes them by deleting the cohort. Returns how many rows were newly stored.
    """
    valid = scored.index[scored["error"] == ""]
    answers = sheet.loc[list(valid), list(bank.item_ids)].apply(pd.to_numeric).astype(int)
    keys = [hashlib.sha256(f"{upload}:{k}".encode()).hexdigest() for k in valid]
    rows = _sheet_rows(bank, answers, scored, lang, cohort.id, is_demo=False, keys=keys)
    ensure_on_disk(engine)
    with engine.begin() as connection:
        count_recent(
            connection, "upload", f"cohort:{cohort.id}", dt.timedelta(minutes=1)
        )  # writes first: see _check_cohort
        if not is_open_in(connection, cohort.id, cohort.code):
            raise SaveRefused("cohort_closed")
        added = _insert_new(connection, rows)
    ensure_on_disk(engine)
    return added


def cohort_export(stored: pd.DataFrame, cohort: Cohort) -> pd.DataFrame:
    """A cohort's responses (from :func:`responses_frame`) for download: answers, scores, context and
    the cohort's name, without internal row ids; times to the hour.

    Pass it through ``scoring.to_csv_bytes`` so formula-like text (a cohort name typed as ``=...``)
    is neutralised for spreadsheets.
    """
    export = stored.drop(columns=["response"]).assign(cohort=cohort.name)
    export["created_at"] = [moment.strftime("%Y-%m-%d %H:00") for moment in export["created_at"]]
    return export


@guarded
def fill_demo_cohort(engine: Engine, bank: Bank, name: str, n: int = 60, seed: int | None = None) -> Cohort:
    """Create (or refill) the clearly labelled demo cohort with ``n`` synthetic responses."""
    with engine.connect() as connection:
        row = connection.execute(sa.select(cohorts.c.id).where(cohorts.c.is_demo.is_(True))).first()
    cohort = _demo(engine, row.id) if row else create_cohort(engine, name, is_demo=True)
    sheet = synthetic_answers(bank, n, seed)
    scored = score_frame(sheet, bank)
    rows = _sheet_rows(bank, sheet, scored, "ja", cohort.id, is_demo=True, keys=None)
    with engine.begin() as connection:
        connection.execute(responses.delete().where(responses.c.cohort_id == cohort.id))
        if rows:
            connection.execute(responses.insert(), rows)
    return cohort


def _demo(engine: Engine, cohort_id: int) -> Cohort:
    from storage.cohorts import _cohort

    with engine.connect() as connection:
        return _cohort(connection.execute(sa.select(cohorts).where(cohorts.c.id == cohort_id)).one())
