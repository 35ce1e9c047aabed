"""The advisor's command line, on real files in every encoding Japanese offices produce."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT, sheet, uniform_answers


def run_cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args], cwd=cwd, capture_output=True, timeout=120, stdin=subprocess.DEVNULL
    )


@pytest.fixture
def answer_sheet(bank):
    rows = [uniform_answers(bank, v) for v in (1, 2, 3, 4, 5)]
    rows[1]["Q03"] = 9  # out of range
    rows[3]["Q17"] = None  # missing
    ids = ["山田", "=SUM(A1:A9)", "鈴木", "+81-3", "@cmd"]
    return sheet(bank, rows, ids)


@pytest.mark.parametrize(
    ("suffix", "write"),
    [
        (".csv", lambda f, p: f.to_csv(p, index=False, encoding="cp932")),
        (".csv", lambda f, p: f.to_csv(p, index=False, encoding="utf-8-sig")),
        (".csv", lambda f, p: f.to_csv(p, index=False, encoding="utf-8")),
        (".xlsx", lambda f, p: f.to_excel(p, index=False)),
    ],
    ids=["cp932", "utf8-bom", "utf8", "xlsx"],
)
def test_cli_score_reads_every_format_and_isolates_broken_rows(tmp_path, answer_sheet, suffix, write):
    source, target = tmp_path / f"answers{suffix}", tmp_path / "scored.csv"
    write(answer_sheet, source)
    done = run_cli("--lang", "en", "score", str(source), "-o", str(target))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr.decode().strip() == "3 scored, 2 rejected"
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so Excel reads Japanese
    result = pd.read_csv(target, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    # formula-like ids come back quoted so a spreadsheet shows them as text; in an .xlsx an
    # "=..." cell is a real formula whose value openpyxl does not cache, so it reads as empty
    formula_id = "" if suffix == ".xlsx" else "'=SUM(A1:A9)"
    assert list(result["id"]) == ["山田", formula_id, "鈴木", "'+81-3", "'@cmd"]
    assert result.loc[1, "error"] == "Q03: out of range"
    assert result.loc[3, "error"] == "Q17: no answer"
    assert result.loc[0, "top_role"] != ""


def test_cli_score_writes_to_stdout_without_o(tmp_path, bank, strings):
    source = tmp_path / "a.csv"
    sheet(bank, [uniform_answers(bank, 4)]).to_csv(source, index=False)
    done = run_cli("score", str(source))
    assert done.returncode == 0
    assert done.stdout.startswith(b"\xef\xbb\xbfid,flexibility")
    assert done.stderr.decode().strip() == strings("cli.summary", "ja", scored=1, rejected=0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "could not be opened"),
        (b"id,Q01,Q03\n1,3,4\n", "Columns for these questions are missing: Q42"),
        ("id,Q01\n".encode("utf-16"), "encoding cannot be read"),
    ],
    ids=["empty", "binary", "missing-columns", "utf16"],
)
def test_cli_score_unusable_file_exits_nonzero_with_one_sentence(tmp_path, content, message):
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    done = run_cli("--lang", "en", "score", str(source))
    assert done.returncode == 2
    err = done.stderr.decode()
    assert message.lower() in err.lower() and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_cli_score_missing_file(tmp_path):
    done = run_cli("--lang", "en", "score", str(tmp_path / "nope.csv"))
    assert done.returncode == 2 and b"Traceback" not in done.stderr


def test_cli_score_corrupt_xlsx(tmp_path):
    source = tmp_path / "broken.xlsx"
    source.write_bytes(b"PK\x03\x04 not really a zip")
    done = run_cli("--lang", "en", "score", str(source))
    assert done.returncode == 2 and b"could not be opened" in done.stderr


def test_cli_template_can_be_filled_in_and_scored(tmp_path, bank):
    blank = tmp_path / "blank.csv"
    assert run_cli("template", "-o", str(blank)).returncode == 0
    template = pd.read_csv(blank, encoding="utf-8-sig", dtype=str)
    assert list(template.columns) == ["id", *bank.item_ids]
    assert template.loc[0, "id"] == "#" and "当てはまる" in template.loc[0, "Q01"]
    # an advisor types two people's answers under the question row and scores the sheet
    filled = pd.concat([template, sheet(bank, [uniform_answers(bank, 3)] * 2).astype(str)])
    filled.to_csv(blank, index=False, encoding="cp932", errors="replace")
    done = run_cli("--lang", "en", "score", str(blank))
    assert done.returncode == 0 and "2 scored, 0 rejected" in done.stderr.decode()


def test_cli_score_messages_come_from_the_data_dir_it_is_given(tmp_path, bank, data_copy):
    # an advisor's own content folder with its own wording: the CLI must use it, not the bundled one
    ui = data_copy / "ui.yaml"
    ui.write_text(
        ui.read_text(encoding="utf-8").replace('en: "out of range"', 'en: "not on the scale"'), encoding="utf-8"
    )
    rows = [uniform_answers(bank, 3)]
    rows[0]["Q03"] = 9
    source = tmp_path / "a.csv"
    sheet(bank, rows).to_csv(source, index=False)
    done = run_cli("--lang", "en", "--data-dir", str(data_copy), "score", str(source))
    assert done.returncode == 0, done.stderr.decode()
    result = pd.read_csv(io.BytesIO(done.stdout), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert result.loc[0, "error"] == "Q03: not on the scale"
