"""Guards for the advisor sign-in, join codes and saves: counted in the database, never by sleeping.

Every attempt is a row in ``attempts`` (what kind, a keyed hash of who, when), so every app process
and every session shares the counts. A visitor who has used up ``limit`` attempts in ``window`` is
refused with the time until they may try again; nobody else is slowed down, and a visitor who gets it
right is never made to wait. A right join code does not count (:func:`checked_attempt` takes that one
attempt back in the transaction that checked it) but does not wipe earlier failures either: knowing one
public code must not reset the count for guessing others. Rows older than the longest window are
deleted as new ones come in. "Who" is an HMAC of the visitor's network address with a
random salt kept in the database: the address itself is never stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from storage.guarded import guarded, now
from storage.schema import attempts, settings

__all__ = [
    "password_matches",
    "Decision",
    "actor_key",
    "attempt",
    "checked_attempt",
    "forget",
    "count_recent",
    "session_token",
    "token_is_valid",
    "LIMITS",
    "KEEP",
]

# a classroom behind one address mistypes a code now and then; nobody guesses a 6-character code
# (32**6 possibilities) at 20 tries per quarter of an hour
LIMITS = {"login": (5, dt.timedelta(minutes=15)), "join": (20, dt.timedelta(minutes=15))}
KEEP = dt.timedelta(minutes=15)  # attempts older than this are deleted
T = TypeVar("T")


def password_matches(given: str, expected: str) -> bool:
    """Compare in constant time (digests first, so the length of the secret does not leak either)."""
    if not expected:
        return False
    digest = lambda text: hashlib.sha256(text.encode("utf-8")).digest()  # noqa: E731
    return hmac.compare_digest(digest(given or ""), digest(expected))


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # seconds until the visitor may try again (when not allowed)
    attempt_id: int | None = None  # the row that counted this attempt


_salts: dict[str, bytes] = {}


@guarded
def actor_key(engine: Engine, address: str | None) -> str:
    """A keyed hash of a visitor's network address (``unknown`` when there is none)."""
    url = str(engine.url)
    if url not in _salts:
        with engine.connect() as connection:
            salt = connection.execute(sa.select(settings.c.value).where(settings.c.key == "actor_salt")).scalar()
        _salts[url] = (salt or "no-salt").encode()
    return hmac.new(_salts[url], (address or "unknown").encode(), hashlib.sha256).hexdigest()


def count_recent(connection: Connection, kind: str, actor: str, window: dt.timedelta) -> tuple[int, list[dt.datetime]]:
    """Record one attempt now; return its row id and the times of this actor's attempts of this kind
    within ``window`` (this one included). Runs inside the caller's transaction."""
    moment = now()
    if connection.dialect.name == "postgresql":  # one counter at a time per actor and kind
        lock = int.from_bytes(hashlib.sha256(f"{kind}:{actor}".encode()).digest()[:8], "big", signed=True)
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})
    connection.execute(attempts.delete().where(attempts.c.at < moment - KEEP))
    row_id = connection.execute(
        attempts.insert().values(kind=kind, actor=actor, at=moment).returning(attempts.c.id)
    ).scalar_one()
    rows = connection.execute(
        sa.select(attempts.c.at)
        .where(attempts.c.kind == kind, attempts.c.actor == actor, attempts.c.at >= moment - window)
        .order_by(attempts.c.at)
    ).scalars()
    return row_id, [at if at.tzinfo else at.replace(tzinfo=dt.UTC) for at in rows]


def _counted(connection: Connection, kind: str, actor: str) -> Decision:
    """Record one attempt and decide on it, inside the caller's transaction. A refused attempt checks
    nothing, so it is taken back: the lock ends a window after the failures, however often anyone
    behind the same address tries meanwhile."""
    limit, window = LIMITS[kind]
    row_id, times = count_recent(connection, kind, actor, window)
    if len(times) <= limit:
        return Decision(True, attempt_id=row_id)
    connection.execute(attempts.delete().where(attempts.c.id == row_id))
    wait = times[-limit - 1] + window - now()
    return Decision(False, max(1, math.ceil(wait.total_seconds())))


@guarded
def attempt(engine: Engine, kind: str, actor: str) -> Decision:
    """Count one attempt of ``kind`` by ``actor``; allowed while it is within the limit."""
    with engine.begin() as connection:
        return _counted(connection, kind, actor)


@guarded
def checked_attempt(
    engine: Engine, kind: str, actor: str, check: Callable[[Connection], T]
) -> tuple[Decision, T | None]:
    """Count an attempt and, when allowed, ``check`` it in the same transaction; returns the decision
    and what ``check`` returned (None when refused). An attempt ``check`` finds right (a truthy value)
    is taken back before the transaction ends, so no other session ever counts it: a hundred people
    behind one venue's address joining at the same moment lock nobody out. The count is still atomic
    (one transaction per actor at a time), so parallel guesses cannot slip past the limit."""
    with engine.begin() as connection:
        decision = _counted(connection, kind, actor)
        if not decision.allowed:
            return decision, None
        found = check(connection)
        if found:
            connection.execute(attempts.delete().where(attempts.c.id == decision.attempt_id))
            return Decision(True), found
        return decision, found


@guarded
def forget(engine: Engine, kind: str, actor: str) -> None:
    """The visitor got it right: their earlier attempts no longer count."""
    with engine.begin() as connection:
        connection.execute(attempts.delete().where(attempts.c.kind == kind, attempts.c.actor == actor))


def session_token(secret: str, expires: int) -> str:
    """A signed "signed in until ``expires`` (Unix seconds)" token for an advisor's browser."""
    mac = hmac.new(secret.encode(), f"advisor:{expires}".encode(), hashlib.sha256).hexdigest()
    return f"{expires}.{mac}"


def token_is_valid(secret: str, token: str | None, at: float) -> bool:
    """Whether ``token`` was signed with ``secret`` and has not expired at ``at`` (Unix seconds)."""
    if not isinstance(token, str):
        return False
    expires, _, _mac = token.partition(".")
    if not expires.isdigit() or int(expires) <= at:
        return False
    return hmac.compare_digest(session_token(secret, int(expires)), token)
