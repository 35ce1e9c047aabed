"""Storage against a real SQLite file and a real PostgreSQL server (no mocks)."""

from __future__ import annotations

import datetime as dt
import shutil
from concurrent.futures import ThreadPoolExecutor
from unittest.mock import ANY

import pytest
import sqlalchemy as sa

from conftest import answers_favouring, sheet, uniform_answers
from scoring import score_answers, score_frame
from storage import (
    SCHEMA_VERSION,
    CohortNameError,
    SaveRefused,
    StorageError,
    create_cohort,
    current_version,
    delete_cohort,
    delete_response,
    fill_demo_cohort,
    find_cohort,
    list_cohorts,
    make_engine,
    migrate,
    responses_frame,
    save_response,
    save_scored_sheet,
    submission_key,
    upload_key,
)
from storage.cohorts import cohort_in
from storage.guard import LIMITS, Decision, actor_key, attempt, checked_attempt, forget
from storage.schema import attempts


def save(engine, bank, strong=frozenset({"detail"}), cohort=None, key=None):
    return save_response(
        engine,
        bank,
        answers_favouring(bank, set(strong)),
        lang="ja",
        cohort=(cohort.id, cohort.code) if cohort else None,
        key=key,
    )


def count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM responses")).scalar()


def test_storage_saved_response_reads_back_with_scores_and_no_personal_fields(engine, bank):
    code = save(engine, bank)
    frame = responses_frame(engine, bank)
    assert len(frame) == 1
    assert frame.loc[0, "Q01"] in range(1, 6)
    assert frame.loc[0, "detail"] == pytest.approx(score_answers(answers_favouring(bank, {"detail"}), bank)["detail"])
    columns = {c["name"] for c in sa.inspect(engine).get_columns("responses")}
    assert not columns & {"name", "email", "ip", "ip_address", "user_agent"}
    assert len(code.replace("-", "")) == 12


def test_storage_times_are_kept_to_the_hour(engine, bank):
    save(engine, bank)
    with engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT created_at FROM responses")).scalar()
    stored = stored if isinstance(stored, dt.datetime) else dt.datetime.fromisoformat(stored)
    assert (stored.minute, stored.second, stored.microsecond) == (0, 0, 0)
    shown = responses_frame(engine, bank).loc[0, "created_at"]
    assert (shown.minute, shown.second) == (0, 0)


def test_storage_deletion_code_removes_exactly_that_response(engine, bank):
    first, second = save(engine, bank), save(engine, bank, {"learning"})
    assert delete_response(engine, first.lower().replace("-", " ")) is True  # forgiving about case and spaces
    assert count(engine) == 1
    assert delete_response(engine, first) is False  # already gone
    assert delete_response(engine, "ZZZZ-ZZZZ-ZZZZ") is False
    assert delete_response(engine, "'; DROP TABLE responses; --") is False
    assert count(engine) == 1 and delete_response(engine, second) is True


def test_storage_cohort_join_codes(engine):
    cohort = create_cohort(engine, "  渋谷ワークショップ 11月  ")
    assert cohort.name == "渋谷ワークショップ 11月" and len(cohort.code) == 6
    assert find_cohort(engine, cohort.code.lower()).cohort == cohort
    assert find_cohort(engine, " ".join(cohort.code)).found  # spaces typed between characters
    assert not find_cohort(engine, "ＡＢＣ").found
    assert not find_cohort(engine, "0O1I00").found  # characters codes never use


def test_storage_expired_cohort_answers_exactly_like_an_unknown_code(engine):
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cohort = create_cohort(engine, "last week", expires_at=past)
    assert find_cohort(engine, cohort.code) == find_cohort(engine, "ZZZZZZ")


@pytest.mark.parametrize(
    ("name", "reason"), [("", "empty"), ("   ", "empty"), ("x" * 81, "too_long"), ("a\x00b", "control")]
)
def test_storage_bad_cohort_name_is_refused(engine, name, reason):
    with pytest.raises(CohortNameError) as caught:
        create_cohort(engine, name)
    assert caught.value.code == reason


def test_storage_html_in_a_cohort_name_is_stored_as_plain_text(engine):
    cohort = create_cohort(engine, "<script>alert(1)</script>")
    assert list_cohorts(engine)[0].name == "<script>alert(1)</script>"
    assert find_cohort(engine, cohort.code).cohort.name == cohort.name


def test_storage_delete_cohort_takes_its_responses_only(engine, bank):
    workshop, other = create_cohort(engine, "workshop"), create_cohort(engine, "other")
    for _ in range(3):
        save(engine, bank, cohort=workshop)
    save(engine, bank, cohort=other)
    assert {c.name: c.responses for c in list_cohorts(engine)} == {"workshop": 3, "other": 1}
    assert delete_cohort(engine, workshop.id) == 3
    assert [c.name for c in list_cohorts(engine)] == ["other"] and count(engine) == 1


def test_storage_deleted_cohort_id_is_never_given_to_a_new_cohort(engine, bank):
    old = create_cohort(engine, "monday")
    delete_cohort(engine, old.id)
    new = create_cohort(engine, "tuesday")
    assert new.id != old.id
    # someone who joined Monday's group finishes the quiz after it was deleted: nothing lands in Tuesday's
    with pytest.raises(SaveRefused) as refused:
        save(engine, bank, cohort=old)
    assert refused.value.reason == "cohort_closed"
    assert count(engine) == 0 and list_cohorts(engine)[0].responses == 0


def test_storage_save_into_a_cohort_that_expired_meanwhile_is_refused(engine, bank):
    cohort = create_cohort(engine, "closing", expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    with pytest.raises(SaveRefused) as refused:
        save(engine, bank, cohort=cohort)
    assert refused.value.reason == "cohort_closed" and count(engine) == 0


def test_storage_save_with_a_cohort_code_that_does_not_match_its_id_is_refused(engine, bank):
    cohort = create_cohort(engine, "real")
    with pytest.raises(SaveRefused):
        save_response(engine, bank, uniform_answers(bank, 3), lang="en", cohort=(cohort.id, "ZZZZZZ"))
    assert count(engine) == 0


def test_storage_the_same_result_saved_twice_is_stored_once(engine, bank):
    key = submission_key("session-1", "token-1")
    save(engine, bank, key=key)
    with pytest.raises(SaveRefused) as refused:
        save(engine, bank, key=key)
    assert refused.value.reason == "already_saved"
    save(engine, bank, key=submission_key("session-2", "token-1"))  # someone else with the same answers
    assert count(engine) == 2


def test_storage_a_flood_of_saves_into_one_cohort_is_refused_for_a_while(engine, bank, monkeypatch):
    import storage.responses

    monkeypatch.setattr(storage.responses, "COHORT_SAVES_PER_MINUTE", 3)
    cohort, other = create_cohort(engine, "flooded"), create_cohort(engine, "calm")
    for _ in range(3):
        save(engine, bank, cohort=cohort)
    with pytest.raises(SaveRefused) as refused:
        save(engine, bank, cohort=cohort)
    assert refused.value.reason == "busy"
    save(engine, bank, cohort=other)  # other groups are not affected
    assert {c.name: c.responses for c in list_cohorts(engine)} == {"flooded": 3, "calm": 1}


def test_storage_the_same_upload_saved_twice_is_stored_once(engine, bank):
    cohort = create_cohort(engine, "paper answers")
    answers = sheet(bank, [uniform_answers(bank, 2), uniform_answers(bank, 4), {}])  # the third row is empty
    scored = score_frame(answers, bank)
    key = upload_key(b"the uploaded file's bytes", cohort.id)
    assert save_scored_sheet(engine, bank, answers, scored, "ja", cohort, key) == 2
    assert save_scored_sheet(engine, bank, answers, scored, "ja", cohort, key) == 0
    assert list_cohorts(engine)[0].responses == 2


def test_storage_bulk_rows_into_a_deleted_cohort_are_refused(engine, bank):
    cohort = create_cohort(engine, "gone")
    delete_cohort(engine, cohort.id)
    answers = sheet(bank, [uniform_answers(bank, 2)])
    with pytest.raises(SaveRefused):
        save_scored_sheet(engine, bank, answers, score_frame(answers, bank), "ja", cohort, upload_key(b"x", cohort.id))
    assert count(engine) == 0


def test_storage_demo_responses_never_mix_into_real_statistics(engine, bank):
    real = create_cohort(engine, "real class")
    save(engine, bank, cohort=real)
    demo = fill_demo_cohort(engine, bank, "デモ", n=40, seed=3)
    assert demo.is_demo
    assert len(responses_frame(engine, bank)) == 1  # overall statistics: real only
    assert len(responses_frame(engine, bank, demo.id)) == 40
    fill_demo_cohort(engine, bank, "デモ", n=25, seed=4)  # refilling replaces, never piles up
    assert len(responses_frame(engine, bank, demo.id)) == 25
    assert len([c for c in list_cohorts(engine) if c.is_demo]) == 1


def test_storage_fifty_parallel_submissions_lose_nothing(engine, bank):
    cohort = create_cohort(engine, "rush hour")
    with ThreadPoolExecutor(max_workers=50) as pool:
        codes = list(pool.map(lambda _: save(engine, bank, cohort=cohort), range(50)))
    assert len(set(codes)) == 50
    assert count(engine) == 50
    assert list_cohorts(engine)[0].responses == 50


def test_storage_migration_from_v1_keeps_stored_responses(tmp_path, bank):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    assert migrate(engine, target=1) == 1
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO responses (deletion_hash, bank_version, lang, answers, scores, top_role, top_category, created_at)"
                " VALUES ('h', :v, 'ja', '{\"Q01\": 3}', '{\"detail\": 50.0}', 'accounting', 'back_office', '2026-01-01 10:37:12')"
            ),
            {"v": bank.version},
        )
    assert migrate(engine) == SCHEMA_VERSION == current_version(engine)
    with engine.connect() as connection:
        row = connection.execute(sa.text("SELECT answers, is_demo, created_at FROM responses")).one()
    assert '"Q01"' in row.answers and not row.is_demo
    assert str(row.created_at).startswith("2026-01-01 10:00:00")  # older rows rounded to the hour too
    assert migrate(engine) == SCHEMA_VERSION  # running again on start is harmless
    # after the upgrade, ids of deleted cohorts are never reused either
    first = create_cohort(engine, "a")
    delete_cohort(engine, first.id)
    assert create_cohort(engine, "b").id > first.id


@pytest.mark.parametrize("url", ["postgresql+psycopg://nobody@127.0.0.1:1/none", "not a url at all"])
def test_storage_unreachable_database_raises_storage_error(url, bank):
    with pytest.raises(StorageError):
        engine = make_engine(url)
        save(engine, bank)


def test_storage_data_folder_removed_while_running_is_reported_not_silently_lost(tmp_path, bank):
    folder = tmp_path / "data"
    engine = make_engine(f"sqlite:///{folder / 'app.sqlite3'}")
    migrate(engine)
    save(engine, bank)
    shutil.rmtree(folder)
    with pytest.raises(StorageError):
        save(engine, bank)  # the open connection would write into a file nobody can read again
    engine.dispose()


# ---------------------------------------------------------------- counting attempts (storage.guard)


def test_storage_wrong_logins_lock_that_visitor_only_and_say_for_how_long(engine):
    limit, window = LIMITS["login"]
    guesser, colleague = actor_key(engine, "203.0.113.7"), actor_key(engine, "198.51.100.2")
    assert guesser != colleague and "203.0.113.7" not in guesser  # only a keyed hash is kept
    decisions = [attempt(engine, "login", guesser) for _ in range(limit + 1)]
    assert [d.allowed for d in decisions] == [True] * limit + [False]
    assert 0 < decisions[-1].retry_after <= window.total_seconds()
    assert attempt(engine, "login", colleague).allowed
    forget(engine, "login", guesser)  # the right password: earlier failures no longer count
    assert attempt(engine, "login", guesser).allowed


def looks_up(code: str):
    """The check a join makes inside its counted attempt: the open cohort with ``code``, or None."""
    return lambda connection: cohort_in(connection, code).cohort


def test_storage_a_known_join_code_does_not_reset_the_count_of_wrong_ones(engine):
    limit, _ = LIMITS["join"]
    actor = actor_key(engine, "192.0.2.1")
    public = create_cohort(engine, "Open day")
    right = looks_up(public.code)
    wrong = looks_up("ZZZZZZ")  # no cohort has it
    for _ in range(limit - 1):
        assert checked_attempt(engine, "join", actor, wrong) == (Decision(True, attempt_id=ANY), None)
    for _ in range(5):  # a public code, used again and again, is not counted
        assert checked_attempt(engine, "join", actor, right) == (Decision(True), public)
    assert checked_attempt(engine, "join", actor, wrong)[0].allowed  # the limit-th wrong code
    assert not checked_attempt(engine, "join", actor, wrong)[0].allowed


def test_storage_a_crowd_joining_with_the_right_code_at_once_locks_nobody_out(engine):
    # a job fair: 100 people behind the venue's one address scan the join link within the same second
    cohort = create_cohort(engine, "Job fair")
    venue = actor_key(engine, "192.0.2.80")
    right = looks_up(cohort.code)
    with ThreadPoolExecutor(max_workers=50) as pool:
        joined = list(pool.map(lambda _: checked_attempt(engine, "join", venue, right), range(100)))
    assert all(decision.allowed and found == cohort for decision, found in joined)
    limit, _ = LIMITS["join"]
    wrong = looks_up("ZZZZZZ")  # no cohort has it
    assert [checked_attempt(engine, "join", venue, wrong)[0].allowed for _ in range(limit + 1)] == [True] * limit + [
        False
    ]


def test_storage_tries_while_locked_do_not_make_the_lock_longer(engine):
    limit, _ = LIMITS["login"]
    actor = actor_key(engine, "203.0.113.9")
    first_refusal = [attempt(engine, "login", actor) for _ in range(limit + 1)][-1]
    later = [attempt(engine, "login", actor) for _ in range(10)]
    assert not any(d.allowed for d in later)
    assert all(d.retry_after <= first_refusal.retry_after for d in later)  # still ends a window after the failures
    with engine.connect() as connection:
        counted = connection.execute(sa.select(sa.func.count()).select_from(attempts)).scalar()
    assert counted == limit


@pytest.mark.parametrize("kind", ["login", "join"])
def test_storage_fifty_parallel_wrong_attempts_get_exactly_the_limit_through(engine, kind):
    limit, _ = LIMITS[kind]
    actor = actor_key(engine, "203.0.113.50")
    wrong = looks_up("ZZZZZZ")  # no cohort has it
    with ThreadPoolExecutor(max_workers=50) as pool:
        decisions = list(pool.map(lambda _: checked_attempt(engine, kind, actor, wrong)[0], range(limit + 30)))
    assert sum(d.allowed for d in decisions) == limit


def test_storage_fifty_parallel_wrong_logins_get_exactly_the_limit_through(engine):
    limit, _ = LIMITS["login"]
    actor = actor_key(engine, "203.0.113.50")
    with ThreadPoolExecutor(max_workers=50) as pool:
        decisions = list(pool.map(lambda _: attempt(engine, "login", actor), range(50)))
    assert sum(d.allowed for d in decisions) == limit


def test_storage_sqlite_keeps_no_shared_memory_file_that_could_take_the_server_down(tmp_path, bank):
    # WAL keeps its index in a memory-mapped -shm file; one that cannot be written kills the process
    # (SIGBUS). The rollback journal needs no such file.
    engine = make_engine(f"sqlite:///{tmp_path / 'app.sqlite3'}")
    migrate(engine)
    save(engine, bank)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "truncate"
    assert not list(tmp_path.glob("*-shm")) and not list(tmp_path.glob("*-wal"))
    engine.dispose()


def test_storage_a_deleted_response_is_gone_from_the_file_not_just_unlinked(tmp_path, bank):
    from storage.responses import _hash

    path = tmp_path / "app.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    code = save(engine, bank)
    assert _hash(code).encode() in path.read_bytes()
    assert delete_response(engine, code)
    engine.dispose()
    assert _hash(code).encode() not in path.read_bytes()  # overwritten (secure_delete), no journal copy left
