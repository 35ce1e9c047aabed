"""Score many respondents at once, vectorised over rows.

Gives exactly the numbers :func:`scoring.score_answers` and :func:`scoring.match_jobs` give one
person, but works column by column (one numpy operation per item, trait and role) so 100,000
rows take a fraction of a second. Invalid rows never abort the file: they get an ``error`` text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.content import Strings
from scoring.errors import InputFileError
from scoring.matching import FIT_DECIMALS, FIT_TOLERANCE, fit_arrays
from scoring.models import Bank
from scoring.quality import flag_texts
from scoring.scores import to_percent

__all__ = [
    "score_frame",
    "describe_errors",
    "answer_matrix",
    "value_matrix",
    "scale_sums",
    "scale_values",
    "ID_COLUMN",
    "SHEET_FLAGS",
    "RESULT_COLUMNS",
]

ID_COLUMN = "id"
SHEET_FLAGS = ("repeated_id",)  # flags about a row of a sheet rather than about the answers
RESULT_COLUMNS = ("top_role", "top_category", "top_fit", "flags", "error")
_OK, _MISSING, _NOT_A_NUMBER, _OUT_OF_RANGE = 0, 1, 2, 3
_REASONS = {_MISSING: "missing", _NOT_A_NUMBER: "not_a_number", _OUT_OF_RANGE: "out_of_range"}


def _check_columns(frame: pd.DataFrame, bank: Bank) -> None:
    duplicated = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
    if duplicated:
        raise InputFileError(
            "duplicate_columns", f"columns appear more than once: {', '.join(duplicated)}", ", ".join(duplicated)
        )
    missing = [i for i in bank.item_ids if i not in frame.columns]
    if missing:
        shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise InputFileError("missing_columns", f"the file has no column for item(s): {shown}", shown)


def _parse_column(column: pd.Series, n_options: int) -> tuple[np.ndarray, np.ndarray]:
    """(answers as int with 0 for invalid, problem code per row) for one item column."""
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        numeric = column.to_numpy(dtype=float, na_value=np.nan)
        missing = np.isnan(numeric)
    else:
        text = column.astype("string").str.strip()
        wide = text.str.contains(r"[^\x00-\x7f]", regex=True, na=False)
        if wide.any():  # what a Japanese IME types: full-width digits (３) read as the digits they are
            text = text.where(~wide, text[wide].str.normalize("NFKC").str.strip())
        missing = (text.isna() | (text == "")).to_numpy(dtype=bool)
        numeric = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    not_number = ~missing & (np.isnan(numeric) | (np.mod(numeric, 1) != 0))
    out_of_range = ~missing & ~not_number & ((numeric < 1) | (numeric > n_options))
    codes = np.select([missing, not_number, out_of_range], [_MISSING, _NOT_A_NUMBER, _OUT_OF_RANGE], _OK)
    answers = np.where(codes == _OK, np.nan_to_num(numeric), 0).astype(np.int64)
    return answers, codes.astype(np.int8)


def answer_matrix(frame: pd.DataFrame, bank: Bank) -> tuple[np.ndarray, np.ndarray]:
    """Validated answers (rows x items, 0 where invalid) and problem codes of the same shape."""
    _check_columns(frame, bank)
    block = frame[list(bank.item_ids)]
    n_options = np.array([item.n_options for item in bank.items])
    if all(pd.api.types.is_integer_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in block.dtypes):
        # fast path (what pandas reads from a clean sheet): only the range can be wrong. The range is
        # checked with per-column min/max; a clean sheet then goes straight into a column-major matrix
        # of small integers (later steps read it column by column), so it is copied once
        columns = [block[item.id].to_numpy() for item in bank.items]
        if all(
            not len(c) or (c.min() >= 1 and c.max() <= item.n_options)
            for c, item in zip(columns, bank.items, strict=True)
        ):
            answers = np.empty((len(frame), len(bank.items)), dtype=np.int8, order="F")
            for j, column in enumerate(columns):
                answers[:, j] = column
            return answers, np.zeros(answers.shape, dtype=np.int8)
        answers = np.column_stack(columns).astype(np.int64)
        out_of_range = (answers < 1) | (answers > n_options[None, :])
        answers[out_of_range] = 0
        return answers, out_of_range.view(np.int8) * np.int8(_OUT_OF_RANGE)
    parsed = [_parse_column(block[item.id], item.n_options) for item in bank.items]
    if not parsed:
        return np.empty((len(frame), 0), np.int64), np.empty((len(frame), 0), np.int8)
    return np.column_stack([a for a, _ in parsed]), np.column_stack([c for _, c in parsed])


def _pairs(bank: Bank) -> list[tuple[int, str, np.ndarray]]:
    """(item column, scale, lookup table answer -> value) for every item/scale pair.

    Built from each item's own :meth:`Item.value`, so the recoding rule (reverse keying,
    situational points) lives in one place for single answers, batches and reliability.
    """
    return [
        (j, scale, np.array([np.nan] + [item.value(a, scale) for a in range(1, item.n_options + 1)]))
        for j, item in enumerate(bank.items)
        for scale in item.scales
    ]


def value_matrix(answers: np.ndarray, bank: Bank) -> tuple[np.ndarray, list[str]]:
    """Likert-equivalent values (rows x item/scale pairs, nan where unanswered) and each pair's scale."""
    pairs = _pairs(bank)
    values = np.empty((answers.shape[0], len(pairs)))
    for p, (j, _, table) in enumerate(pairs):
        values[:, p] = table[answers[:, j]]
    return values, [scale for _, scale, _ in pairs]


def scale_sums(answers: np.ndarray, bank: Bank) -> np.ndarray:
    """Sum of Likert-equivalent values per scale (rows x scales), in small exact integers."""
    by_item = np.asfortranarray(answers)  # contiguous columns make the per-item gathers fast
    sums = np.zeros((len(bank.scale_ids), answers.shape[0]), dtype=np.int32)
    row = {s: k for k, s in enumerate(bank.scale_ids)}
    for j, scale, table in _pairs(bank):
        sums[row[scale]] += np.take(np.nan_to_num(table, nan=0).astype(np.int32), by_item[:, j])
    return sums.T


def scale_values(answers: np.ndarray, bank: Bank) -> dict[str, pd.DataFrame]:
    """Scale id -> Likert-equivalent values (rows x the scale's items), reverse keying applied."""
    values, scales = value_matrix(answers, bank)
    ids = [bank.items[j].id for j, _, _ in _pairs(bank)]
    return {
        s: pd.DataFrame({ids[p]: values[:, p] for p in range(len(scales)) if scales[p] == s}) for s in bank.scale_ids
    }


def _error_codes(codes: np.ndarray, bank: Bank) -> np.ndarray:
    """``Q03:out_of_range; Q12:missing`` for each row: every item at fault with its reason code."""
    text = pd.Series([""] * len(codes), dtype=object)
    for j, item_id in enumerate(bank.item_ids):
        piece = pd.Series(codes[:, j]).map({c: f"{item_id}:{name}; " for c, name in _REASONS.items()}).fillna("")
        text = text + piece
    return text.str.rstrip("; ").to_numpy(dtype=object)


def describe_errors(errors: pd.Series, strings: Strings, lang: str) -> pd.Series:
    """The ``error`` codes of :func:`score_frame` as text in ``lang``, e.g. ``Q03: out of range``.

    The caller passes its own interface strings (``data/ui.yaml``, or another data folder's), so
    messages are translated where they are shown - the CLI or a page - never inside scoring.
    """
    labels = {name: strings(f"answer_problem.{name}", lang) for name in _REASONS.values()}

    def one(codes: str) -> str:
        if not codes:
            return ""
        return "; ".join(f"{item}: {labels[reason]}" for item, reason in (c.split(":") for c in codes.split("; ")))

    return errors.map(one)


def score_frame(df: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """Score every row of a response frame (one column per item id, answers 1..n).

    Returns one row per input row: ``id`` (kept from the input, or 1, 2, ... when absent), a score
    (0-100) for every trait and work area, ``top_role``, ``top_category``, ``top_fit``, ``flags``
    (answer-quality flags that need no timing, e.g. ``straight_line; inconsistent``, and
    ``repeated_id`` on every row whose id appears more than once) and ``error``.
    A row with any missing, non-numeric or out-of-range answer gets empty scores and an ``error``
    listing every item at fault with a reason code (``Q03:out_of_range; Q12:missing``;
    :func:`describe_errors` turns them into text); the other rows are scored as usual.

    Raises
    ------
    InputFileError
        When item columns are missing or duplicated - the file as a whole cannot be scored.
    """
    # validate and parse
    answers, codes = answer_matrix(df, bank)
    n = len(df)
    bad = codes.any(axis=1) if codes.any() else np.zeros(n, dtype=bool)

    # scale scores: mean Likert-equivalent value per scale, mapped to 0-100
    # (sums of small integers are exact in any order, so these equal score_answers bit for bit)
    counts = np.array([len(bank.items_for(s)) for s in bank.scale_ids], dtype=float)
    scores = to_percent(scale_sums(answers, bank) / counts)

    # role fits: the same arithmetic as match_jobs; fits within FIT_TOLERANCE of the best count as
    # a tie and bank order breaks it
    fits = np.round(fit_arrays(scores, bank)[0], FIT_DECIMALS)  # roles x rows
    near_best = fits.max(axis=0, initial=-np.inf) - FIT_TOLERANCE
    best = np.empty(n, dtype=np.int64)
    for r in reversed(range(len(bank.roles))):  # the first role in bank order within tolerance wins
        best[fits[r] >= near_best] = r
    top_fit = fits[best, np.arange(n)] if n else np.zeros(0)
    scores[bad] = np.nan

    # assemble (categoricals keep 100,000 repeated role ids cheap)
    missing_code = np.where(bad, -1, best)
    error = np.full(n, "", dtype=object)
    if bad.any():
        error[bad] = _error_codes(codes[bad], bank)
    ids = df[ID_COLUMN].reset_index(drop=True) if ID_COLUMN in df.columns else np.arange(1, n + 1)
    repeated = _repeated_ids(ids) if ID_COLUMN in df.columns else np.zeros(n, dtype=bool)
    flags = flag_texts(answers, bank, {"repeated_id": repeated})
    flags[bad] = ""
    columns = {ID_COLUMN: ids}
    columns.update({scale: scores[:, k] for k, scale in enumerate(bank.scale_ids)})
    columns["top_role"] = pd.Categorical.from_codes(missing_code, categories=[r.id for r in bank.roles])
    columns["top_category"] = pd.Categorical.from_codes(
        np.where(bad, -1, _role_category_codes(bank)[best]), categories=[c.id for c in bank.categories]
    )
    columns["top_fit"] = np.where(bad, np.nan, top_fit)
    columns["flags"] = pd.Series(flags, dtype=object)
    columns["error"] = pd.Series(error, dtype=object)
    return pd.DataFrame(columns, copy=False)


def _repeated_ids(ids: pd.Series) -> np.ndarray:
    """Rows whose id (spaces around it ignored) appears on more than one row: scored, but flagged."""
    if pd.api.types.is_integer_dtype(ids.dtype):  # what pandas reads from a column of whole numbers
        return ids.duplicated(keep=False).to_numpy(dtype=bool)
    given = ids.astype("string").str.strip()
    return (given.duplicated(keep=False) & given.notna() & (given != "")).to_numpy(dtype=bool)


def _role_category_codes(bank: Bank) -> np.ndarray:
    position = {c.id: k for k, c in enumerate(bank.categories)}
    return np.array([position[r.category] for r in bank.roles], dtype=np.int64)
