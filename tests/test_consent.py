"""Job seekers stay in control: nothing stored without consent; a deletion code removes it."""

from __future__ import annotations

import re

import sqlalchemy as sa

from conftest import answers_favouring, open_app, open_keep_section, summary_card, take_quiz, texts
from scoring import encode_answers


def stored(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM responses")).scalar()


def results_page(bank, **query):
    """A job seeker who has just taken the quiz in this session and sees their results."""
    return take_quiz(open_app(lang="en", **query), answers_favouring(bank, {"detail"}, {"numbers"}))


def deletion_code(at) -> str:
    return next(c.value for c in at.code if re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", c.value))


def test_consent_is_not_offered_to_someone_who_opened_another_persons_share_link(app_db, bank, strings):
    at = open_app("results", lang="en", a=encode_answers(answers_favouring(bank, {"detail"}, {"numbers"}), bank))
    assert not at.exception
    assert not [c for c in at.checkbox if c.key == "results.consent"]
    assert strings("results.save_not_yours", "en") in [i.value for i in at.info]
    assert stored(app_db) == 0


def test_consent_without_ticking_the_box_nothing_is_stored(app_db, bank):
    at = results_page(bank)
    assert at.button(key="results.save").disabled  # the save button waits for the box
    at.checkbox(key="results.consent").check().run()
    at.checkbox(key="results.consent").uncheck().run()
    assert at.button(key="results.save").disabled
    assert stored(app_db) == 0


def test_consent_ticked_saves_once_and_shows_a_deletion_code(app_db, bank, strings):
    at = results_page(bank)
    at.checkbox(key="results.consent").check().run()
    at.button(key="results.save").click().run()
    assert not at.exception
    assert strings("results.saved", "en") in texts(at)
    code = deletion_code(at)
    assert len(code.replace("-", "")) == 12 and stored(app_db) == 1
    at.run()  # a rerun does not store a second copy
    assert stored(app_db) == 1


def test_consent_deletion_code_removes_the_record(app_db, bank, strings):
    at = results_page(bank)
    at.checkbox(key="results.consent").check().run()
    at.button(key="results.save").click().run()
    code = deletion_code(at)
    page = open_app("delete", lang="en")
    page.text_input(key="delete.code").input(code.lower())
    page.button[0].click().run()
    assert [m.value for m in page.success] == [strings("delete.done", "en")], texts(page)
    assert stored(app_db) == 0
    page.text_input(key="delete.code").input(code)
    page.button[0].click().run()
    assert page.error[0].value == strings("delete.not_found", "en")


def test_consent_database_down_during_save_keeps_results_and_says_so(monkeypatch, bank, strings):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    at = results_page(bank)
    at.checkbox(key="results.consent").check().run()
    at.button(key="results.save").click().run()
    assert not at.exception
    assert strings("results.save_failed", "en") in [w.value for w in at.warning]
    # everything else is still there: the verdict, the share link and the downloads
    open_keep_section(at)
    assert summary_card(at) and any("/results?" in c.value for c in at.code)
    assert len(at.get("download_button")) == 3


def test_consent_saved_inside_a_cohort_counts_for_that_cohort(app_db, bank):
    from storage import create_cohort, list_cohorts

    cohort = create_cohort(app_db, "Tuesday class")
    at = results_page(bank, cohort=cohort.code)
    at.checkbox(key="results.consent").check().run()
    at.button(key="results.save").click().run()
    assert list_cohorts(app_db)[0].responses == 1


def test_delete_page_with_database_down_says_so(monkeypatch, strings):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    page = open_app("delete", lang="ja")
    page.text_input(key="delete.code").input("ABCD-EFGH-JKLM")
    page.button[0].click().run()
    assert page.warning[0].value == strings("delete.unavailable", "ja")
