"""Reading answer sheets (CSV in UTF-8, UTF-8 with BOM or cp932; XLSX) and writing safe CSV."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd

from scoring.batch import ID_COLUMN
from scoring.errors import InputFileError
from scoring.models import Bank

__all__ = [
    "read_answers",
    "to_csv_bytes",
    "neutralise_formulas",
    "template_frame",
    "MAX_UPLOAD_BYTES",
    "MAX_ROWS",
    "MAX_COLUMNS",
    "MAX_UNPACKED_BYTES",
    "COMMENT_MARK",
]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 25_000  # answer rows in one sheet
MAX_COLUMNS = 256  # the template has one per question plus the id
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # an .xlsx is a zip: what it may unpack to
COMMENT_MARK = "#"  # a row whose id starts with this is a note for humans (the template's question row)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ---------------------------------------------------------------- getting the bytes


def _too_large(max_bytes: int) -> InputFileError:
    megabytes = str(max_bytes // 1024 // 1024)
    return InputFileError("too_large", f"the file is larger than {megabytes} MB", megabytes)


def _too_big_sheet() -> InputFileError:
    detail = f"{MAX_ROWS:,} × {MAX_COLUMNS}"
    return InputFileError("too_big_sheet", f"the sheet is larger than {MAX_ROWS} rows or {MAX_COLUMNS} columns", detail)


def _read_capped(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` + 1 bytes of ``path``: a pipe, a device or a growing file cannot make
    this read more than the cap (their size is not known in advance)."""
    try:
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputFileError("unreadable", f"cannot open the file ({exc.strerror or type(exc).__name__})") from None


# ---------------------------------------------------------------- text


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or cp932, never a mixture of both read as one of them."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError("encoding", "the file is UTF-16 text; save it as UTF-8 or Shift-JIS (cp932)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # not UTF-8 as a whole: if some lines are (and carry non-ASCII text), the file was pieced
    # together from two encodings and reading it as cp932 would garble those lines silently
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            raise InputFileError("mixed_encoding", f"line {number} is UTF-8 but the rest is not", str(number))
    try:
        return raw.decode("cp932")
    except UnicodeDecodeError:
        raise InputFileError("encoding", "the file is neither UTF-8 nor Shift-JIS (cp932) text") from None


def _header_names(cells: list) -> list[str]:
    """Column names as the scoring reads them: trimmed and NFKC-folded (full-width ``ＩＤ`` is ``ID``);
    names given twice (``id`` and ``id ``) are refused, not renamed."""
    if len(cells) > MAX_COLUMNS:
        raise _too_big_sheet()
    names = [unicodedata.normalize("NFKC", "" if c is None else str(c)).strip() for c in cells]
    seen, repeated = set(), []
    for name in names:
        if name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    if repeated:
        listed = ", ".join(repeated[:10])
        raise InputFileError("duplicate_columns", f"columns appear more than once: {listed}", listed)
    return names


def _read_csv(raw: bytes) -> pd.DataFrame:
    text = _decode(raw)
    if "\x00" in text:
        raise InputFileError("unreadable", "the file looks binary, not a CSV")
    try:
        header = next(csv.reader(io.StringIO(text)), [])  # one line, whatever its length: linear time
    except csv.Error as exc:
        raise InputFileError("unreadable", f"the CSV header cannot be parsed ({exc})") from None
    names = _header_names(header)
    if not any(names):
        raise InputFileError("empty", "the file has no header row")
    if '"' not in text and sum(1 for line in text.splitlines() if line.strip()) > MAX_ROWS + 1:
        # without quoted cells every row is one line (blank lines are not rows): refused before parsing
        raise _too_big_sheet()
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            header=0,
            names=names,
            usecols=range(len(names)),  # extra cells on a row are ignored, never new columns
            dtype=str,
            skipinitialspace=True,
            nrows=MAX_ROWS + 1,
            on_bad_lines="skip",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as exc:
        raise InputFileError("unreadable", f"the CSV cannot be parsed ({str(exc).splitlines()[0]})") from None
    if len(frame) > MAX_ROWS:
        raise _too_big_sheet()
    return frame


# ---------------------------------------------------------------- Excel


def _xlsx_cell(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(raw: bytes) -> pd.DataFrame:
    """The first sheet of an .xlsx, checked before it is unpacked: its declared unpacked size (a
    zip bomb declares what it unpacks to, and reading stops there) and its declared dimensions;
    then read row by row, stopping at the limits whatever the file claimed."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise _too_big_sheet()
    except zipfile.BadZipFile:
        raise InputFileError("unreadable", "the Excel file is not a valid .xlsx (zip) file") from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
            if declared_rows > MAX_ROWS + 1 or declared_columns > MAX_COLUMNS:
                raise _too_big_sheet()
            rows = []
            for position, row in enumerate(sheet.iter_rows(values_only=True)):
                if position > MAX_ROWS or len(row) > MAX_COLUMNS:
                    raise _too_big_sheet()
                rows.append([_xlsx_cell(v) for v in row])
        finally:
            workbook.close()
    except InputFileError:
        raise
    except Exception as exc:  # a cut-off or malformed part: any parser error means "cannot be opened"
        raise InputFileError("unreadable", f"the Excel file cannot be opened ({type(exc).__name__})") from None
    if not rows:
        raise InputFileError("empty", "the sheet is empty")
    names = _header_names(rows[0])
    width = len(names)
    body = [(r + [None] * width)[:width] for r in rows[1:]]
    return pd.DataFrame(body, columns=names, dtype=str)  # text cells, as a CSV gives them


# ---------------------------------------------------------------- the entry point


def read_answers(
    source: str | Path | bytes, name: str | None = None, max_bytes: int = MAX_UPLOAD_BYTES
) -> pd.DataFrame:
    """Read an answer sheet into a DataFrame of text cells.

    ``source`` is a path (a pipe or device too: reading stops at ``max_bytes``) or the file's bytes
    (then ``name`` tells the format by its ending). Column names are trimmed and NFKC-folded. Rows
    whose id starts with ``#`` (the template's question-text row) are dropped. Every check happens
    before anything large is built, so no file costs more than its capped size to refuse.

    Raises
    ------
    InputFileError
        For a file that is too large (``too_large``), unpacks or spreads beyond ``MAX_ROWS`` x
        ``MAX_COLUMNS`` (``too_big_sheet``), is empty, is not UTF-8/cp932 text or a readable .xlsx
        (``encoding``, ``mixed_encoding``, ``unreadable``), or names a column twice
        (``duplicate_columns``).
    """
    # bytes, capped before anything else
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        raw = _read_capped(path, max_bytes)
    else:
        raw = bytes(source)
    if len(raw) > max_bytes:
        raise _too_large(max_bytes)
    if not raw.strip():
        raise InputFileError("empty", "the file is empty")

    # parse
    is_xlsx = (name or "").lower().endswith((".xlsx", ".xlsm")) or raw.startswith(b"PK\x03\x04")
    frame = _read_xlsx(raw) if is_xlsx else _read_csv(raw)

    # notes for humans
    if ID_COLUMN in frame.columns:
        notes = frame[ID_COLUMN].fillna("").astype(str).str.startswith(COMMENT_MARK)
        frame = frame.loc[~notes].reset_index(drop=True)
    return frame


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with a single quote."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_numeric_dtype(safe[column]):
            continue
        text = safe[column].astype("string")
        risky = text.str.startswith(_FORMULA_START).fillna(False)
        if risky.any():
            safe[column] = safe[column].astype(object)
            safe.loc[risky, column] = "'" + text[risky]
    safe.columns = [("'" + c) if str(c).startswith(_FORMULA_START) else c for c in safe.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as UTF-8 with BOM (so Excel shows Japanese), formula-like cells neutralised."""
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def template_frame(bank: Bank, lang: str = "ja") -> pd.DataFrame:
    """An empty answer sheet: an ``id`` column and one column per item, with a question-text row.

    The question row's id is ``#`` so :func:`read_answers` skips it; answers go in the rows below
    (1-5 for statements and work activities, the option number for situations, as numbered here).
    """
    scales = {
        kind: " / ".join(f"{n}={o(lang)}" for n, o in enumerate(options, start=1))
        for kind, options in (("likert", bank.likert_options), ("preference", bank.preference_options))
    }
    texts = {ID_COLUMN: COMMENT_MARK}
    for item in bank.items:
        if item.kind == "situational":
            options = " / ".join(f"{n}) {o.text(lang)}" for n, o in enumerate(item.options, start=1))
            texts[item.id] = f"{item.text(lang)} [{options}]"
        else:
            texts[item.id] = f"{item.text(lang)} [{scales[item.kind]}]"
    return pd.DataFrame([texts], columns=[ID_COLUMN, *bank.item_ids])
