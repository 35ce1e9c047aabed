"""Exceptions raised by the scoring core. Each carries a plain-language message."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["ContentError", "AnswerError", "InputFileError", "TokenError"]


class ContentError(ValueError):
    """A content file in ``data/`` is missing, malformed or inconsistent.

    The message always names the file and the field at fault.
    """

    def __init__(self, file: str, field: str, problem: str):
        self.file, self.field, self.problem = file, field, problem
        super().__init__(f"{file}: {field}: {problem}")


class AnswerError(ValueError):
    """One or more answers are missing, unknown or out of range.

    ``problems`` maps each offending item id to a reason code: ``missing``,
    ``unknown``, ``out_of_range`` or ``not_a_number``.
    """

    def __init__(self, problems: Mapping[str, str]):
        self.problems = dict(sorted(problems.items()))
        listed = "; ".join(f"{item}: {reason.replace('_', ' ')}" for item, reason in self.problems.items())
        super().__init__(f"{len(self.problems)} answer(s) cannot be scored - {listed}")


class InputFileError(ValueError):
    """An answer file cannot be used at all (unreadable, empty, missing columns).

    ``code`` (one of ``CODES``) keys the user-facing message ``file_error.<code>`` in
    ``data/ui.yaml``; ``detail`` fills its placeholder (for example the missing column names).
    """

    CODES = (
        "encoding",
        "mixed_encoding",
        "unreadable",
        "empty",
        "too_large",
        "too_big_sheet",
        "missing_columns",
        "duplicate_columns",
    )

    def __init__(self, code: str, message: str, detail: str = ""):
        if code not in self.CODES:
            raise ValueError(f"unknown file problem code {code!r}")
        self.code, self.detail = code, detail
        super().__init__(message)


class TokenError(ValueError):
    """A share/resume token is malformed, tampered with or from another bank version.

    ``reason`` says exactly what is wrong; ``notice`` (one of ``NOTICES``) is what a person is told:
    ``other_version`` for a link made with an earlier question set, ``invalid`` for anything else.
    """

    NOTICES = ("invalid", "other_version")

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"invalid answer token: {reason}")

    @property
    def notice(self) -> str:
        return "other_version" if self.reason == "other_version" else "invalid"
