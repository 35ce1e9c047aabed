"""BPO Career Fit scoring core: content loading, scoring, matching, batch scoring, reliability.

Pure Python + pandas; never imports streamlit. Used by the app, the CLI (``python -m scoring``)
and advisors' notebooks::

    from scoring import load_bank, score_answers, match_jobs
"""

from scoring.advice import NextSteps, next_steps
from scoring.batch import describe_errors, score_frame
from scoring.content import DATA_DIR, Strings, load_bank, load_overview, load_strings
from scoring.errors import AnswerError, ContentError, InputFileError, TokenError
from scoring.export import result_record, result_table
from scoring.files import read_answers, template_frame, to_csv_bytes
from scoring.matching import CategoryMatch, CultureFit, Match, culture_alignment, match_jobs, rank_categories
from scoring.models import LANGS, Bank, Item, Overview, Role, Text, Trait, WorkArea
from scoring.order import new_seed, option_order
from scoring.quality import FLAGS, answer_flags
from scoring.reliability import cronbach_alpha, item_analysis, mcdonald_omega, scale_reliability
from scoring.result import Result, build_result, fit_band
from scoring.scores import band, missing_items, score_answers
from scoring.token import decode_answers, decode_token, encode_answers
from scoring.uncertainty import Precision, default_precision, precision_from, score_band
from scoring.verdict import Verdict, verdict

__all__ = [
    "DATA_DIR",
    "FLAGS",
    "LANGS",
    "AnswerError",
    "Bank",
    "CategoryMatch",
    "ContentError",
    "CultureFit",
    "InputFileError",
    "Item",
    "Match",
    "NextSteps",
    "Overview",
    "Precision",
    "Result",
    "Role",
    "Strings",
    "Text",
    "TokenError",
    "Trait",
    "Verdict",
    "WorkArea",
    "answer_flags",
    "band",
    "build_result",
    "cronbach_alpha",
    "culture_alignment",
    "decode_answers",
    "decode_token",
    "default_precision",
    "describe_errors",
    "encode_answers",
    "fit_band",
    "item_analysis",
    "load_bank",
    "load_overview",
    "load_strings",
    "match_jobs",
    "mcdonald_omega",
    "missing_items",
    "new_seed",
    "next_steps",
    "option_order",
    "precision_from",
    "rank_categories",
    "read_answers",
    "result_record",
    "result_table",
    "scale_reliability",
    "score_answers",
    "score_band",
    "score_frame",
    "template_frame",
    "to_csv_bytes",
    "verdict",
]
