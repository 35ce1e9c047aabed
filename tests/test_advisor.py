"""Career advisors: the password gate, cohorts and join links, the dashboard, bulk scoring, demo, kiosk."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import ADVISOR_PASSWORD as PASSWORD  # noqa: E402
from conftest import answers_favouring, complete_quiz, open_app, open_keep_section, sheet, texts, uniform_answers
from scoring import encode_answers
from storage import create_cohort, fill_demo_cohort, list_cohorts, responses_frame
from storage.guard import LIMITS, password_matches


def test_advisor_without_a_password_configured_explains_and_shows_no_data(app_db, strings):
    create_cohort(app_db, "secret cohort")
    at = open_app("advisor", lang="en")
    assert at.info[0].value == strings("advisor.not_configured", "en")
    assert "secret cohort" not in texts(at) and not at.text_input and not at.dataframe


@pytest.mark.parametrize("attempt", ["", "wrong", PASSWORD.upper(), PASSWORD + " ", "' OR 1=1 --"])
def test_advisor_wrong_password_is_refused(app_db, monkeypatch, strings, attempt):
    monkeypatch.setenv("ADVISOR_PASSWORD", PASSWORD)
    create_cohort(app_db, "secret cohort")
    at = open_app("advisor", lang="en")
    at.text_input(key="advisor.password").input(attempt)
    at.button[0].click().run()
    assert at.error[0].value == strings("advisor.wrong_password", "en")
    assert "secret cohort" not in texts(at) and not at.dataframe


def test_advisor_right_password_opens_the_cohort_list(advisor, app_db):
    create_cohort(app_db, "Shibuya seminar")
    advisor.run()
    shown = pd.concat([d.value for d in advisor.dataframe])
    assert "Shibuya seminar" in shown.astype(str).to_numpy()


def test_advisor_password_compare_is_exact():
    assert password_matches(PASSWORD, PASSWORD)
    assert not password_matches(PASSWORD[:-1], PASSWORD)
    assert not password_matches("anything", "")  # no password configured never matches


def test_advisor_creates_a_cohort_with_code_link_and_qr(advisor, app_db, strings):
    advisor.text_input(key="advisor.cohort_name").input("<b>Job fair</b> 11月")
    next(b for b in advisor.button if b.label == strings("advisor.create", "en")).click().run()
    cohort = list_cohorts(app_db)[0]
    assert cohort.name == "<b>Job fair</b> 11月"
    assert any(f"cohort={cohort.code}" in c.value for c in advisor.code)
    assert advisor.get("image")  # the QR code


def test_advisor_empty_cohort_name_is_refused(advisor, app_db, strings):
    next(b for b in advisor.button if b.label == strings("advisor.create", "en")).click().run()
    assert advisor.error[0].value == strings("advisor.name_empty", "en")
    assert list_cohorts(app_db) == []


def test_advisor_dashboard_shows_a_cohort_statistics_with_item_analysis_from_fifty(advisor, app_db, bank, strings):
    cohort = fill_demo_cohort(app_db, bank, "Demo", n=60, seed=1)
    advisor.run()
    shown = texts(advisor)
    assert "60" in [str(m.value) for m in advisor.metric]
    tables = [d.value for d in advisor.dataframe]
    reliability = next(t for t in tables if "α" in t.columns)
    stored = responses_frame(app_db, bank, cohort.id)
    unflagged = int((stored["flags"] == "").sum())  # flagged answers are left out by default
    assert strings("advisor.flagged", "en", n=60 - unflagged, total=60) in shown
    # the same header as on the methodology page
    assert (reliability[strings("method.col_n", "en")] == unflagged).all()
    assert reliability["ω"].notna().all() and len(reliability) == len(bank.scale_ids)
    items = next(t for t in tables if strings("advisor.col_item_rest", "en") in t.columns)
    assert set(items[strings("advisor.col_item", "en")]) == set(bank.item_ids)
    assert strings("advisor.col_alpha_if_deleted", "en") in items.columns
    assert cohort.name in shown
    assert strings("advisor.demo_banner", "en") in [w.value for w in advisor.warning]


@pytest.mark.parametrize(
    ("n", "statistics", "items"),
    [(4, False, False), (5, True, False), (49, True, False), (60, True, True)],
)
def test_advisor_dashboard_shows_counts_below_five_and_item_statistics_from_fifty(
    advisor, app_db, bank, strings, n, statistics, items
):
    fill_demo_cohort(app_db, bank, "Demo", n=n, seed=2)
    advisor.run()
    shown = texts(advisor)
    assert (strings("advisor.too_few_for_statistics", "en", n=n, needed=5) in shown) is not statistics
    assert any("α" in d.value.columns for d in advisor.dataframe) is statistics
    assert any(strings("advisor.col_item_rest", "en") in d.value.columns for d in advisor.dataframe) is items


def test_advisor_bulk_upload_of_a_cp932_file_with_broken_rows(advisor, app_db, bank, strings):
    rows = [uniform_answers(bank, v) for v in (2, 3, 4, 5)]
    rows[1]["Q05"] = 8
    rows[3]["Q20"] = None
    content = sheet(bank, rows, ids=["佐藤", "鈴木", "高橋", "=cmd|' /C calc'!A0"]).to_csv(index=False).encode("cp932")
    advisor.file_uploader[0].upload("answers.csv", content, "text/csv").run()
    assert not advisor.exception
    assert strings("advisor.bulk_summary", "en", scored=2, rejected=2) in [s.value for s in advisor.success]
    columns = [strings("advisor.col_id", "en"), strings("advisor.col_problem", "en")]
    problems = next(d.value for d in advisor.dataframe if list(d.value.columns) == columns)
    assert list(problems[columns[1]]) == [
        f"Q05: {strings('answer_problem.out_of_range', 'en')}",
        f"Q20: {strings('answer_problem.missing', 'en')}",
    ]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.csv", b"", "empty"),
        ("binary.csv", bytes(range(256)) * 10, "encoding"),
        ("columns.csv", b"id,Q01\n1,3\n", "missing_columns"),
        ("broken.xlsx", b"PK\x03\x04 truncated", "unreadable"),
    ],
    ids=["empty", "binary", "missing-columns", "broken-xlsx"],
)
def test_advisor_bulk_upload_of_an_unusable_file_says_why(advisor, strings, name, content, code):
    advisor.file_uploader[0].upload(name, content).run()
    assert not advisor.exception
    assert advisor.error[0].value.startswith(strings(f"file_error.{code}", "en", detail="")[:20])


def test_advisor_demo_cohort_is_labelled_and_kept_out_of_real_statistics(advisor, app_db, bank, strings):
    next(b for b in advisor.button if b.key == "advisor.demo_fill").click().run()
    demo = next(c for c in list_cohorts(app_db) if c.is_demo)
    assert demo.responses == 60
    assert len(responses_frame(app_db, bank)) == 0


def test_advisor_delete_cohort_needs_confirmation(advisor, app_db, bank):
    create_cohort(app_db, "to remove")
    advisor.run()
    assert advisor.button(key="advisor.delete_go").disabled
    advisor.checkbox(key="advisor.delete_sure").check().run()
    advisor.button(key="advisor.delete_go").click().run()
    assert list_cohorts(app_db) == []


def test_cohort_join_link_puts_a_participant_in_the_cohort(app_db, bank, strings):
    cohort = create_cohort(app_db, "Evening class")
    at = open_app(lang="en", cohort=cohort.code.lower())
    assert at.info[0].value == strings("cohort.joined", "en", name="Evening class")
    assert at.query_params["cohort"] == cohort.code


@pytest.mark.parametrize("state", ["unknown", "expired"])
def test_cohort_unknown_or_expired_code_says_the_same_and_the_quiz_still_works(app_db, strings, state):
    code = "ZZZZZZ"
    if state == "expired":
        code = create_cohort(app_db, "old", expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).code
    at = open_app(lang="en", cohort=code)
    assert at.warning[0].value == strings("cohort.not_found", "en")  # expired codes cannot be told from unknown
    at.button(key="home.start").click().run()
    assert at.title[0].value == strings("quiz.title", "en")


def busy_database(monkeypatch) -> list[str]:
    """The database answers the join's attempt count but cannot look the code up (busy at an event)."""
    import ui.visitor
    from storage import StorageError

    looked_up: list[str] = []

    def refuse(connection, code):
        looked_up.append(code)
        raise StorageError("database is locked")

    monkeypatch.setattr(ui.visitor, "cohort_in", refuse)
    return looked_up


def test_cohort_a_busy_database_at_an_event_locks_nobody_out(app_db, monkeypatch, strings):
    # everyone at a venue comes from one address: joins the database could not check must not count
    # towards that address's limit of wrong codes
    cohort = create_cohort(app_db, "Job fair")
    with monkeypatch.context() as busy:
        busy_database(busy)
        for _ in range(LIMITS["join"][0] + 5):
            assert open_app(lang="en", cohort=cohort.code).warning[0].value == strings("cohort.unavailable", "en")
    at = open_app(lang="en", cohort=cohort.code)
    assert at.info[0].value == strings("cohort.joined", "en", name="Job fair")


def test_cohort_link_that_did_not_work_is_not_tried_again_on_every_click(app_db, monkeypatch, strings):
    cohort = create_cohort(app_db, "Job fair")
    looked_up = busy_database(monkeypatch)
    at = open_app(lang="en", cohort=cohort.code)
    for _ in range(3):  # the link still names the group; each rerun would ask the database again
        at.run()
    assert at.query_params["cohort"] == cohort.code and looked_up == [cohort.code]


def test_cohort_typed_code_on_home_joins(app_db, strings):
    cohort = create_cohort(app_db, "Morning class")
    at = open_app(lang="en")
    at.text_input(key="home.join_code").input(cohort.code)
    next(b for b in at.button if b.label == strings("home.join_submit", "en")).click().run()
    assert at.info[0].value == strings("cohort.joined", "en", name="Morning class")
    assert at.query_params["cohort"] == cohort.code
    assert not at.warning


def test_cohort_typed_wrong_code_on_home_says_so(app_db, strings):
    at = open_app(lang="en")
    at.text_input(key="home.join_code").input("NOPE99")
    next(b for b in at.button if b.label == strings("home.join_submit", "en")).click().run()
    assert at.warning[0].value == strings("cohort.not_found", "en")
    assert "app.cohort" not in at.session_state


def test_cohort_name_with_markdown_is_shown_literally(app_db, strings):
    cohort = create_cohort(app_db, "[click](javascript:alert(1)) **bold**")
    at = open_app(lang="en", cohort=cohort.code)
    banner = at.info[0].value
    assert "\\[click\\]" in banner and "\\*\\*bold\\*\\*" in banner


def test_kiosk_next_person_wipes_the_session_and_leaves_nothing_in_the_url(app_db, bank, strings):
    at = open_app(lang="en", kiosk="1")
    at.button(key="home.start").click().run()
    assert "a" not in at.query_params
    complete_quiz(at, answers_favouring(bank, {"detail"}))
    assert "a" not in at.query_params and at.query_params["kiosk"] == "1"
    open_keep_section(at)
    assert at.image and not at.get("download_button")  # a QR code to take away, no files left behind
    at.button(key="results.next_person").click().run()
    assert at.title[0].value == strings("home.title", "en")
    assert "quiz.answers" not in at.session_state and at.query_params["kiosk"] == "1"
    at.switch_page("pages/results.py").run()
    assert at.info[0].value == strings("results.not_started", "en", minutes=bank.minutes_needed)


def test_kiosk_share_link_for_the_previous_person_is_not_in_the_next_session(bank):
    token = encode_answers(answers_favouring(bank, {"detail"}), bank)
    at = open_app("results", lang="en", kiosk="1", a=token)
    # in kiosk mode a token in the URL is ignored: results only come from this session's quiz
    assert at.info and not at.success


def test_advisor_dashboard_of_a_cohort_over_a_thousand_responses_opens_with_every_tab(advisor, app_db, bank, strings):
    # 1,001 responses used to send 5,005 rows to one chart and crash the dashboard (and the tabs with it)
    fill_demo_cohort(app_db, bank, "Big fair", n=1001, seed=4)
    advisor.run()
    assert not advisor.exception
    assert "1001" in [str(m.value) for m in advisor.metric]
    assert len(advisor.get("vega_lite_chart")) >= 2  # the spread of scores and the categories
    assert [tab.label for tab in advisor.tabs] == [
        strings(f"advisor.tab_{name}", "en") for name in ("cohorts", "dashboard", "bulk", "demo")
    ]
