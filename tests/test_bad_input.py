"""The bad-input catalogue (docs/security.md): one test per row. Each gets a clear message in the
user's language, never a traceback, and nothing is stored wrong."""

from __future__ import annotations

import io

import pandas as pd
import pytest
import sqlalchemy as sa

from conftest import (
    answers_favouring,
    foreign_token,
    open_app,
    sheet,
    summary_card,
    take_quiz,
    texts,
    uniform_answers,
)
from scoring import describe_errors, encode_answers, read_answers, score_frame, to_csv_bytes
from scoring.errors import InputFileError
from storage import cohort_export, create_cohort, list_cohorts, responses_frame, save_scored_sheet, upload_key
from storage.cohorts import CODE_ALPHABET

PASSWORD = "a long advisor passphrase"


def stored(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM responses")).scalar()


def upload(at, name: str, content: bytes):
    at.file_uploader[0].upload(name, content).run()
    assert not at.exception
    return at


def good_csv(bank, n=3, encoding="utf-8") -> bytes:
    return sheet(bank, [uniform_answers(bank, 1 + k % 5) for k in range(n)]).to_csv(index=False).encode(encoding)


# ---------------------------------------------------------------- uploads


def test_bad_upload_empty_file(advisor, strings):
    upload(advisor, "empty.csv", b"")
    assert advisor.error[0].value == strings("file_error.empty", "en")


def test_bad_upload_binary_file(advisor, strings):
    upload(advisor, "photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert advisor.error[0].value == strings("file_error.encoding", "en")  # neither UTF-8 nor cp932 text


def test_bad_upload_truncated_csv_scores_the_complete_rows(advisor, bank, strings):
    content = good_csv(bank, 4)
    upload(advisor, "cut.csv", content[: len(content) - 40])  # the last row loses its last answers
    assert strings("advisor.bulk_summary", "en", scored=3, rejected=1) in [s.value for s in advisor.success]


def test_bad_upload_fifty_megabytes(advisor, strings):
    big = b"id," + b",".join(f"Q{n:02d}".encode() for n in range(1, 36)) + b"\n" + b"1," * 26_000_000
    upload(advisor, "huge.csv", big)
    assert advisor.error[0].value == strings("file_error.too_large", "en", detail="10")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_bad_upload_wrongly_encoded(advisor, bank, strings, encoding):
    upload(advisor, "wide.csv", good_csv(bank).decode().encode(encoding))
    assert advisor.error[0].value == strings("file_error.encoding", "en")


def test_bad_upload_truncated_xlsx(advisor, bank, strings):
    buffer = io.BytesIO()
    sheet(bank, [uniform_answers(bank, 3)]).to_excel(buffer, index=False)
    upload(advisor, "cut.xlsx", buffer.getvalue()[:900])
    assert advisor.error[0].value == strings("file_error.unreadable", "en")


# ---------------------------------------------------------------- answers


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("9", "out_of_range"),
        ("0", "out_of_range"),
        ("-1", "out_of_range"),
        ("three", "not_a_number"),
        ("2.5", "not_a_number"),
        ("", "missing"),
        ("=1+2", "not_a_number"),
    ],
)
def test_bad_answer_cell_names_the_item_and_reason(bank, strings, value, reason):
    row = {k: str(v) for k, v in uniform_answers(bank, 3).items()}
    frame = sheet(bank, [row, dict(row, Q03=value)]).astype(str)
    frame.loc[1, "Q03"] = value
    result = score_frame(frame, bank)
    assert list(result["error"]) == ["", f"Q03:{reason}"]
    shown = describe_errors(result["error"], strings, "en")
    assert shown[1] == f"Q03: {strings('answer_problem.' + reason, 'en')}"


def test_bad_answer_duplicated_columns_refuse_the_file(bank):
    raw = good_csv(bank).decode().splitlines()
    raw[0] = raw[0].replace("Q42", "Q01")
    with pytest.raises(InputFileError) as caught:
        score_frame(read_answers("\n".join(raw).encode(), "dup.csv"), bank)
    assert caught.value.code == "duplicate_columns"


def test_bad_answer_duplicated_column_on_the_advisor_page(advisor, bank, strings):
    raw = good_csv(bank).decode().splitlines()
    raw[0] = raw[0] + ",Q05"
    raw[1:] = [line + ",3" for line in raw[1:]]
    upload(advisor, "dup.csv", "\n".join(raw).encode())
    assert advisor.error[0].value == strings("file_error.duplicate_columns", "en", detail="Q05")


# ---------------------------------------------------------------- share tokens


@pytest.mark.parametrize(
    ("make", "notice"),
    [
        pytest.param(lambda bank: "aa863602-1234-zzzz", "invalid", id="tampered"),
        pytest.param(lambda bank: encode_answers(uniform_answers(bank, 3), bank)[:-9], "invalid", id="truncated"),
        pytest.param(lambda bank: "1" * 10_000, "invalid", id="oversized"),
        pytest.param(foreign_token, "other_version", id="foreign-version"),
    ],
)
def test_bad_token_gives_a_message_and_a_fresh_start(bank, strings, make, notice):
    for page in ("quiz", "results"):
        at = open_app(page, lang="en", a=make(bank))
        assert not at.exception
        assert at.warning[0].value == strings(f"token.{notice}", "en")


# ---------------------------------------------------------------- query parameters


def test_bad_query_unknown_parameters_are_ignored(strings):
    at = open_app("overview", lang="en", utm_source="mail", debug="1", path="../../etc/passwd")
    assert not at.exception and at.title[0].value == strings("overview.title", "en")


@pytest.mark.parametrize("lang", ["fr", "", "ja-JP", "<b>x</b>", "en%00"])
def test_bad_query_unknown_language(strings, lang):
    at = open_app(lang=lang)
    assert at.warning[0].value == strings("app.unknown_lang", "ja") and at.query_params["lang"] == "ja"


@pytest.mark.parametrize("code", ["<script>", "'; DROP TABLE cohorts; --", "A" * 500, "ＡＢＣ１２３"])
def test_bad_query_cohort_code_garbage(app_db, strings, code):
    at = open_app(lang="en", cohort=code)
    assert at.warning[0].value == strings("cohort.not_found", "en")
    assert "<script>" not in texts(at)


# ---------------------------------------------------------------- payloads in free-text fields

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "**bold** [link](javascript:alert(1))",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_a_cohort_name_is_literal_on_the_page(app_db, payload):
    cohort = create_cohort(app_db, payload)
    at = open_app(lang="en", cohort=cohort.code)
    banner = at.info[0].value
    # markdown special characters are escaped, so nothing is rendered as a link, image or HTML
    assert "](" not in banner.replace("\\]\\(", "")
    assert all(ch not in banner.replace("\\" + ch, "") for ch in "<>")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_a_cohort_name_is_neutralised_in_the_export(app_db, bank, payload):
    cohort = create_cohort(app_db, payload)
    frame = sheet(bank, [uniform_answers(bank, 2)])
    save_scored_sheet(app_db, bank, frame, score_frame(frame, bank), "ja", cohort, upload_key(b"sheet", cohort.id))
    exported = pd.read_csv(
        io.BytesIO(to_csv_bytes(cohort_export(responses_frame(app_db, bank, cohort.id), cohort))),
        encoding="utf-8-sig",
        dtype=str,
    )
    assert not exported.loc[0, "cohort"].startswith(("=", "+", "-", "@"))
    assert payload in exported.loc[0, "cohort"]
    assert list_cohorts(app_db)[0].name == payload  # stored exactly as typed


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_an_uploaded_id_is_neutralised_in_the_scored_file(bank, payload):
    frame = sheet(bank, [uniform_answers(bank, 2)], ids=[payload])
    scored = score_frame(read_answers(frame.to_csv(index=False).encode("utf-8"), "ids.csv"), bank)
    cell = pd.read_csv(io.BytesIO(to_csv_bytes(scored)), encoding="utf-8-sig", dtype=str).loc[0, "id"]
    assert not cell.startswith(("=", "+", "-", "@")) and payload in cell


# ---------------------------------------------------------------- guessing


def test_brute_forced_cohort_codes_join_nothing_then_lock_that_visitor(app_db, strings):
    from storage.guard import LIMITS

    create_cohort(app_db, "real")
    at = open_app(lang="en")
    limit, window = LIMITS["join"]
    for guess in range(limit):
        at.text_input(key="home.join_code").input(f"AAAA{CODE_ALPHABET[guess]}{CODE_ALPHABET[guess]}")
        next(b for b in at.button if b.label == strings("home.join_submit", "en")).click().run()
        assert at.warning[0].value == strings("cohort.not_found", "en")
    at.text_input(key="home.join_code").input("BBBBBB")
    next(b for b in at.button if b.label == strings("home.join_submit", "en")).click().run()
    minutes = int(window.total_seconds() // 60)
    assert at.warning[0].value == strings("cohort.locked", "en", minutes=minutes)
    assert "app.cohort" not in at.session_state


def test_wrong_advisor_passwords_in_a_loop_lock_sign_in_for_a_while(app_db, monkeypatch, strings):
    from storage.guard import LIMITS

    monkeypatch.setenv("ADVISOR_PASSWORD", PASSWORD)
    at = open_app("advisor", lang="en")
    limit, window = LIMITS["login"]
    for guess in range(limit):
        at.text_input(key="advisor.password").input(f"guess {guess}")
        at.button[0].click().run()
        assert at.error[0].value == strings("advisor.wrong_password", "en")
    # from now on even the right password waits: the guesser cannot tell a right guess from a wrong one
    at.text_input(key="advisor.password").input(PASSWORD)
    at.button[0].click().run()
    assert at.error[0].value == strings("advisor.locked", "en", minutes=int(window.total_seconds() // 60))
    assert not at.get("tab")


def test_a_right_advisor_password_after_a_few_typos_signs_in(app_db, monkeypatch, strings):
    monkeypatch.setenv("ADVISOR_PASSWORD", PASSWORD)
    at = open_app("advisor", lang="en")
    for typo in (PASSWORD.upper(), PASSWORD[:-1]):
        at.text_input(key="advisor.password").input(typo)
        at.button[0].click().run()
    at.text_input(key="advisor.password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.error and at.get("tab")


# ---------------------------------------------------------------- the database going away


def test_database_going_away_mid_session(monkeypatch, bank, strings):
    from pgserver import PostgresServer

    with PostgresServer() as server:
        monkeypatch.setenv("DATABASE_URL", server.url)
        answers = answers_favouring(bank, {"planning"}, {"coordination"})
        first = take_quiz(open_app(lang="en"), answers)
        first.checkbox(key="results.consent").check().run()
        first.button(key="results.save").click().run()
        assert strings("results.saved", "en") in texts(first)
        # a second person is on the results page when the database stops
        second = take_quiz(open_app(lang="en"), answers)
        server.stop()
        second.checkbox(key="results.consent").check().run()
        second.button(key="results.save").click().run()
        assert not second.exception
        assert strings("results.save_failed", "en") in [w.value for w in second.warning]
        assert summary_card(second)  # their results are still on screen
        server.start()
        from storage import make_engine

        engine = make_engine(server.url)
        assert stored(engine) == 1  # the first person's record is intact, nothing half-written
        engine.dispose()
