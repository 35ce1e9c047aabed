"""Reading answer sheets (CSV in UTF-8, UTF-8 with BOM or cp932; XLSX) and writing safe CSV."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

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
    "COMMENT_MARK",
]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
COMMENT_MARK = "#"  # a row whose id starts with this is a note for humans (the template's question row)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MANGLED_DUPLICATE = re.compile(r"^(.+)\.(\d+)$")


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError("encoding", "the file is UTF-16 text; save it as UTF-8 or Shift-JIS (cp932)")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputFileError("encoding", "the file is neither UTF-8 nor Shift-JIS (cp932) text")


def read_answers(
    source: str | Path | bytes, name: str | None = None, max_bytes: int = MAX_UPLOAD_BYTES
) -> pd.DataFrame:
    """Read an answer sheet into a DataFrame of text cells.

    ``source`` is a path or the file's bytes (then ``name`` tells the format by its ending).
    Rows whose id starts with ``#`` (the template's question-text row) are dropped.

    Raises
    ------
    InputFileError
        For a file that is too large, empty, not text/XLSX, or has duplicated columns.
    """
    # bytes and format
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        try:
            if path.stat().st_size > max_bytes:
                raise InputFileError(
                    "too_large",
                    f"the file is larger than {max_bytes // 1024 // 1024} MB",
                    str(max_bytes // 1024 // 1024),
                )
            raw = path.read_bytes()
        except OSError as exc:
            raise InputFileError("unreadable", f"cannot open the file ({exc.strerror})") from None
    else:
        raw = bytes(source)
    if len(raw) > max_bytes:
        raise InputFileError(
            "too_large", f"the file is larger than {max_bytes // 1024 // 1024} MB", str(max_bytes // 1024 // 1024)
        )
    if not raw.strip():
        raise InputFileError("empty", "the file is empty")

    # parse
    if (name or "").lower().endswith((".xlsx", ".xlsm")):
        try:
            frame = pd.read_excel(io.BytesIO(raw), dtype=str, engine="openpyxl")
        except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
            raise InputFileError("unreadable", f"the Excel file cannot be opened ({type(exc).__name__})") from None
    else:
        text = _decode(raw)
        if "\x00" in text:
            raise InputFileError("unreadable", "the file looks binary, not a CSV")
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, skipinitialspace=True)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise InputFileError("unreadable", f"the CSV cannot be parsed ({str(exc).splitlines()[0]})") from None

    # shape
    frame.columns = [str(c).strip() for c in frame.columns]
    duplicated = sorted(
        {m.group(1) for c in frame.columns if (m := _MANGLED_DUPLICATE.match(c)) and m.group(1) in frame.columns}
    )
    if duplicated:
        raise InputFileError(
            "duplicate_columns", f"columns appear more than once: {', '.join(duplicated)}", ", ".join(duplicated)
        )
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
