"""The methodology page shows live reliability once enough real responses are stored."""

from __future__ import annotations

from conftest import open_app
from scoring import score_frame
from scoring.reliability import MIN_RESPONSES
from scoring.synthetic import synthetic_answers
from storage import create_cohort, fill_demo_cohort, save_scored_sheet, upload_key


def store_real(engine, bank, n: int) -> None:
    sheet = synthetic_answers(bank, n, seed=5)
    cohort = create_cohort(engine, "class")
    save_scored_sheet(engine, bank, sheet, score_frame(sheet, bank), "ja", cohort, upload_key(b"class", cohort.id))


def test_methodology_with_too_few_responses_says_so(app_db, bank, strings):
    store_real(app_db, bank, 3)
    fill_demo_cohort(app_db, bank, "demo", n=80, seed=1)  # demo data never counts
    at = open_app("methodology", lang="en")
    assert strings("method.reliability_too_few", "en", n=3, needed=MIN_RESPONSES) in [i.value for i in at.info]


def test_methodology_with_enough_responses_shows_alpha_per_trait(app_db, bank, strings):
    store_real(app_db, bank, MIN_RESPONSES + 10)
    at = open_app("methodology", lang="en")
    table = next(d.value for d in at.dataframe if "α" in d.value.columns)
    assert len(table) == len(bank.scale_ids) and (table[strings("method.col_n", "en")] == MIN_RESPONSES + 10).all()
    assert (table["α"] > 0.5).all()


def test_methodology_with_the_database_down_still_explains_everything(monkeypatch, strings):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    at = open_app("methodology", lang="ja")
    assert not at.exception
    assert strings("method.reliability_unavailable", "ja") in [i.value for i in at.info]
    assert at.header[-1].value == strings("method.privacy_title", "ja")
