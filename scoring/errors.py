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

    ``code`` is a stable key for the user-facing message in ``data/ui.yaml``;
    ``detail`` fills its placeholder (for example the missing column names).
    """

    def __init__(self, code: str, message: str, detail: str = ""):
        self.code, self.detail = code, detail
        super().__init__(message)


class TokenError(ValueError):
    """A share/resume token is malformed, tampered with or from another bank version."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"invalid answer token: {reason}")
