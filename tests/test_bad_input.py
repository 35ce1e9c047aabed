"""The bad-input catalogue (docs/security.md): one test per row. Each gets a clear message in the
user's language, never a traceback, and nothing is stored wrong."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import pandas as pd
import pytest
import sqlalchemy as sa

from conftest import (
    ROOT,
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
from scoring.files import MAX_ROWS
from storage import cohort_export, create_cohort, list_cohorts, responses_frame, save_scored_sheet, upload_key
from storage.cohorts import CODE_ALPHABET

PASSWORD = "a long advisor passphrase"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args], cwd=ROOT, capture_output=True, timeout=120, stdin=subprocess.DEVNULL
    )


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


# ---------------------------------------------------------------- hostile files (docs/security.md)


def xlsx_of(bank, rows: int = 2) -> bytes:
    buffer = io.BytesIO()
    sheet(bank, [uniform_answers(bank, 3)] * rows).to_excel(buffer, index=False)
    return buffer.getvalue()


def rezipped(raw: bytes, change) -> bytes:
    """The same .xlsx with its parts passed through ``change(name, data) -> {name: data}``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            for name, data in change(info.filename, source.read(info.filename)).items():
                target.writestr(name, data)
    return out.getvalue()


def zip_bomb(bank) -> bytes:
    # a few hundred kilobytes that unpack to 80 MB
    extra = {"xl/media/padding.bin": bytes(80 * 1024 * 1024)}
    return rezipped(xlsx_of(bank), lambda name, data: {name: data, **(extra if name.endswith("sheet1.xml") else {})})


def lying_dimensions(bank) -> bytes:
    return rezipped(
        xlsx_of(bank),
        lambda name, data: {name: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:AY900000"', data)},
    )


def cut_off_sheet(bank) -> bytes:
    return rezipped(
        xlsx_of(bank, 20), lambda name, data: {name: data[: len(data) // 2] if name.endswith("sheet1.xml") else data}
    )


def header_repeated(bank) -> bytes:
    return b"id," + b"Q01," * 100_000 + b"\n1," + b"3," * 100_000 + b"\n"  # 400 KB


def million_columns(bank) -> bytes:
    return b",".join(b"c%d" % k for k in range(1_000_000)) + b"\n"


def mixed_encoding(bank) -> bytes:
    lines = good_csv(bank, 2, encoding="cp932").splitlines(keepends=True)
    return lines[0] + lines[1].replace(b"p1", "佐藤".encode("cp932")) + lines[2].replace(b"p2", "鈴木".encode())


def too_many_rows(bank) -> bytes:
    header, row = good_csv(bank, 1).splitlines(keepends=True)
    return header + row * (MAX_ROWS + 1)


@pytest.mark.parametrize(
    "padding", ["", "\n\n", ' ,"a\nb"'], ids=["plain", "blank lines", "a quoted cell with a line break"]
)
def test_upload_of_exactly_the_row_limit_is_read_in_full(bank, padding):
    # the line count that refuses an oversized sheet before parsing must not refuse one at the limit
    header, row = good_csv(bank, 1).decode().splitlines(keepends=True)
    rows = [row] * MAX_ROWS
    if padding.startswith(" ,"):
        rows[7] = row.rstrip("\n") + padding + "\n"
    else:
        rows[7] += padding
    assert len(read_answers((header + "".join(rows)).encode(), "limit.csv")) == MAX_ROWS


def opening(strings, code: str, lang: str) -> str:
    """The fixed start of the message for ``code`` (up to its first placeholder)."""
    return strings(f"file_error.{code}", lang).split("{")[0]  # no values: the template itself


ATTACK_FILES = [
    ("zip-bomb", "bomb.xlsx", zip_bomb, "too_big_sheet"),
    ("lying-dimensions", "big.xlsx", lying_dimensions, "too_big_sheet"),
    ("cut-off-sheet-xml", "cut.xlsx", cut_off_sheet, "unreadable"),
    ("csv-named-xlsx", "answers.xlsx", lambda bank: good_csv(bank), "unreadable"),
    ("repeated-header", "repeat.csv", header_repeated, "too_big_sheet"),
    ("million-columns", "wide.csv", million_columns, "too_big_sheet"),
    ("id-twice", "ids.csv", lambda bank: b"id,id ,Q01\n1,2,3\n", "duplicate_columns"),
    ("column-twice", "twice.csv", lambda bank: good_csv(bank).replace(b"Q03", b"Q01", 1), "duplicate_columns"),
    ("mixed-encoding", "mixed.csv", mixed_encoding, "mixed_encoding"),
    ("too-many-rows", "rows.csv", too_many_rows, "too_big_sheet"),
]


@pytest.mark.parametrize(("name", "build", "code"), [a[1:] for a in ATTACK_FILES], ids=[a[0] for a in ATTACK_FILES])
def test_hostile_file_is_refused_with_its_reason(bank, name, build, code):
    with pytest.raises(InputFileError) as refused:
        score_frame(read_answers(build(bank), name), bank)
    assert refused.value.code == code


@pytest.mark.parametrize(("name", "build", "code"), [a[1:] for a in ATTACK_FILES], ids=[a[0] for a in ATTACK_FILES])
def test_hostile_file_on_the_command_line_exits_2_with_one_sentence(tmp_path, bank, strings, name, build, code):
    source = tmp_path / name
    source.write_bytes(build(bank))
    done = run_cli("--lang", "en", "score", str(source), "-o", str(tmp_path / "out.csv"))
    assert done.returncode == 2
    message = done.stderr.decode().strip()
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(opening(strings, code, "en"))


@pytest.mark.parametrize(("name", "build", "code"), [a[1:] for a in ATTACK_FILES], ids=[a[0] for a in ATTACK_FILES])
def test_hostile_file_on_the_advisor_page_gets_one_message_in_the_advisors_language(
    advisor, bank, strings, name, build, code
):
    upload(advisor, name, build(bank))
    assert len(advisor.error) == 1 and not advisor.success and not advisor.dataframe
    assert advisor.error[0].value.startswith(opening(strings, code, "en"))


def test_hostile_file_from_a_device_or_pipe_stops_at_the_size_limit(strings):
    done = run_cli("--lang", "ja", "score", "/dev/zero")
    assert done.returncode == 2
    assert done.stderr.decode().strip() == strings("file_error.too_large", "ja", detail="10")


def test_hostile_markdown_in_a_repeated_header_is_shown_as_text(advisor, bank):
    header = "![x](https://evil.example/p.png) [Session expired - log in again](https://evil.example)"
    upload(advisor, "md.csv", f"id,{header},{header}\n1,2,3\n".encode())
    message = advisor.error[0].value
    assert "](" not in message.replace("\\]\\(", "")  # brackets escaped: no image, no link
    assert "https://" not in message  # not even a bare address that markdown would link


def test_real_column_named_like_a_pandas_duplicate_is_not_called_one(bank):
    frame = read_answers(good_csv(bank).replace(b"id,", b"id,Q01.1,", 1).replace(b"\np", b"\nx,p"), "a.csv")
    assert "Q01.1" in frame.columns and len(score_frame(frame, bank)) == 3


def test_full_width_digits_typed_with_a_japanese_ime_are_read_as_digits(bank):
    content = good_csv(bank, 1, encoding="utf-8").decode()
    header, row = content.splitlines()
    wide = row.split(",")[0] + "," + ",".join("３" for _ in row.split(",")[1:])
    scored = score_frame(read_answers(f"{header}\n{wide}\n".encode(), "ime.csv"), bank)
    assert scored.loc[0, "error"] == "" and scored.loc[0, "flags"] != "error"


@pytest.mark.parametrize(
    "ids",
    [["a", "b", "a"], ["a", "b", " a "], [7, 8, 7]],
    ids=["text", "text-with-spaces", "whole-numbers"],
)
def test_repeated_respondent_ids_are_scored_and_flagged(bank, ids):
    frame = sheet(bank, [uniform_answers(bank, 2), uniform_answers(bank, 4), uniform_answers(bank, 3)], ids=ids)
    scored = score_frame(frame, bank)
    # all-same answers are straight-lining; the repeated id is added after the answer flags
    assert list(scored["flags"]) == ["straight_line; repeated_id", "straight_line", "straight_line; repeated_id"]
    assert (scored["error"] == "").all()


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


def test_an_excel_file_saved_with_a_csv_name_is_still_read(bank):
    scored = score_frame(read_answers(xlsx_of(bank), "answers.csv"), bank)
    assert len(scored) == 2 and (scored["error"] == "").all()
