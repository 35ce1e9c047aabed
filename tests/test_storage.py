"""Storage against a real SQLite file and a real PostgreSQL server (no mocks)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from conftest import answers_favouring
from scoring import match_jobs, score_answers
from storage import (
    SCHEMA_VERSION,
    CohortNameError,
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
)


def save(engine, bank, strong=frozenset({"detail"}), cohort_id=None):
    answers = answers_favouring(bank, set(strong))
    scores = score_answers(answers, bank)
    best = match_jobs(scores, bank)[0]
    return save_response(
        engine,
        answers=answers,
        scores=scores,
        bank_version=bank.version,
        lang="ja",
        top_role=best.role.id,
        top_category=best.category.id,
        cohort_id=cohort_id,
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
    assert find_cohort(engine, cohort.code.lower()).state == "ok"
    assert find_cohort(engine, "ＡＢＣ").state == "unknown"
    assert find_cohort(engine, "0O1I00").state == "unknown"  # characters codes never use


def test_storage_expired_cohort_is_reported_as_expired(engine):
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cohort = create_cohort(engine, "last week", expires_at=past)
    assert find_cohort(engine, cohort.code).state == "expired"


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
        save(engine, bank, cohort_id=workshop.id)
    save(engine, bank, cohort_id=other.id)
    assert {c.name: c.responses for c in list_cohorts(engine)} == {"workshop": 3, "other": 1}
    assert delete_cohort(engine, workshop.id) == 3
    assert [c.name for c in list_cohorts(engine)] == ["other"] and count(engine) == 1


def test_storage_demo_responses_never_mix_into_real_statistics(engine, bank):
    real = create_cohort(engine, "real class")
    save(engine, bank, cohort_id=real.id)
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
        codes = list(pool.map(lambda _: save(engine, bank, cohort_id=cohort.id), range(50)))
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
                " VALUES ('h', :v, 'ja', '{\"Q01\": 3}', '{\"detail\": 50.0}', 'accounting', 'back_office', '2026-01-01')"
            ),
            {"v": bank.version},
        )
    assert migrate(engine) == SCHEMA_VERSION == current_version(engine)
    with engine.connect() as connection:
        row = connection.execute(sa.text("SELECT answers, is_demo FROM responses")).one()
    assert '"Q01"' in row.answers and not row.is_demo
    assert migrate(engine) == SCHEMA_VERSION  # running again on start is harmless


@pytest.mark.parametrize("url", ["postgresql+psycopg://nobody@127.0.0.1:1/none", "not a url at all"])
def test_storage_unreachable_database_raises_storage_error(url, bank):
    with pytest.raises(StorageError):
        engine = make_engine(url)
        save(engine, bank)
