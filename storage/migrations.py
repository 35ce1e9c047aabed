"""Versioned schema, upgraded on start. Each step only adds, so an upgrade never loses responses.

Steps use Alembic's ``Operations`` (portable DDL for SQLite and PostgreSQL) driven from code: the
``schema_version`` table records how far a database has come, and ``migrate`` runs the rest.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Engine

__all__ = ["SCHEMA_VERSION", "migrate", "current_version", "STEPS"]


def _v1_cohorts_and_responses(op: Operations) -> None:
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "responses",
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
    )
    op.create_index("ix_responses_cohort", "responses", ["cohort_id"])


def _v2_demo_flag(op: Operations) -> None:
    # demo data must never mix into real statistics: flag it on both tables
    for table in ("cohorts", "responses"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("is_demo", sa.Boolean, nullable=False, server_default=sa.false()))


def _v3_answer_quality(op: Operations) -> None:
    # answer-quality flags travel with each stored response (a JSON list; empty for older rows)
    with op.batch_alter_table("responses") as batch:
        batch.add_column(sa.Column("flags", sa.JSON, nullable=False, server_default="[]"))


def _v4_hardening(op: Operations) -> None:
    """Ids never reused, idempotent saves, compact answers, shared throttles, times to the hour."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    # SQLite reuses the id of a deleted row unless the table is AUTOINCREMENT: a participant who
    # joined a deleted cohort could otherwise save into a new one that got its id
    for table in ("cohorts", "responses"):
        options = {"recreate": "always", "table_kwargs": {"sqlite_autoincrement": True}} if sqlite else {}
        with op.batch_alter_table(table, **options) as batch:
            if table == "responses":
                batch.add_column(sa.Column("answer_code", sa.String(128)))
                batch.add_column(sa.Column("submission_key", sa.String(64)))
                batch.add_column(sa.Column("bulk", sa.Boolean, nullable=False, server_default=sa.false()))
                batch.create_unique_constraint("uq_responses_submission_key", ["submission_key"])
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_attempts_kind_actor_at", "attempts", ["kind", "actor", "at"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
    )
    # a random salt for hashing visitors' addresses (shared by every app process on this database)
    op.bulk_insert(
        sa.table("settings", sa.column("key"), sa.column("value")),
        [{"key": "actor_salt", "value": secrets.token_hex(32)}],
    )
    # times are kept to the hour: earlier rows are rounded down like new ones
    connection = op.get_bind()
    responses = sa.table("responses", sa.column("id"), sa.column("created_at", sa.DateTime(timezone=True)))
    for row in connection.execute(sa.select(responses.c.id, responses.c.created_at)).all():
        if row.created_at is not None:
            hour = row.created_at.replace(minute=0, second=0, microsecond=0)
            connection.execute(responses.update().where(responses.c.id == row.id).values(created_at=hour))


STEPS: list[Callable[[Operations], None]] = [
    _v1_cohorts_and_responses,
    _v2_demo_flag,
    _v3_answer_quality,
    _v4_hardening,
]
SCHEMA_VERSION = len(STEPS)


def _version_table(metadata: sa.MetaData) -> sa.Table:
    return sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))


def current_version(engine: Engine) -> int:
    table = _version_table(sa.MetaData())
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("schema_version"):
            return 0
        return connection.execute(sa.select(table.c.version)).scalar() or 0


def migrate(engine: Engine, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target``; each step runs in its own transaction. Returns the version."""
    table = _version_table(sa.MetaData())
    with engine.begin() as connection:
        table.create(connection, checkfirst=True)
        if connection.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0:
            connection.execute(table.insert().values(version=0))
    version = current_version(engine)
    for number in range(version + 1, target + 1):
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                # one migrator at a time when several app processes start together
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(725001)"))
                if connection.execute(sa.select(table.c.version)).scalar() >= number:
                    continue
            STEPS[number - 1](Operations(MigrationContext.configure(connection)))
            connection.execute(table.update().values(version=number))
    return current_version(engine)
