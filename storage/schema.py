"""The tables, as the latest migration leaves them (storage/migrations.py builds them step by step)."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["metadata", "cohorts", "responses", "attempts", "settings"]

metadata = sa.MetaData()

cohorts = sa.Table(
    "cohorts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),  # never reused (SQLite AUTOINCREMENT, PostgreSQL serial)
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("is_demo", sa.Boolean, nullable=False, default=False),
    sqlite_autoincrement=True,
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
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),  # to the hour, never finer
    sa.Column("is_demo", sa.Boolean, nullable=False, default=False),
    sa.Column("flags", sa.JSON, nullable=False, default=list),
    # one digit per question in the version's order: statistics read this, not the JSON, so a group
    # of 20,000 loads as quickly as it must
    sa.Column("answer_code", sa.String(128)),
    # what makes a save idempotent: one result per session, one row per row of one upload
    sa.Column("submission_key", sa.String(64), unique=True),
    sa.Column("bulk", sa.Boolean, nullable=False, default=False),
    sqlite_autoincrement=True,
)

attempts = sa.Table(
    "attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),  # "login" or "join"
    sa.Column("actor", sa.String(64), nullable=False),  # a keyed hash of the visitor's address, never the address
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_attempts_kind_actor_at", "kind", "actor", "at"),
)

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(32), primary_key=True),
    sa.Column("value", sa.String(128), nullable=False),
)
