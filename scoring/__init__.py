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
from scoring.models import LANGS, Bank, Item, Overview, Role, Text, Trait
from scoring.reliability import cronbach_alpha, item_statistics, trait_reliability
from scoring.scores import band, missing_items, score_answers
from scoring.token import decode_answers, encode_answers

__all__ = [
    "DATA_DIR",
    "LANGS",
    "AnswerError",
    "Bank",
    "CategoryMatch",
    "CultureFit",
    "ContentError",
    "InputFileError",
    "Item",
    "Match",
    "NextSteps",
    "Overview",
    "Role",
    "Strings",
    "Text",
    "TokenError",
    "Trait",
    "band",
    "cronbach_alpha",
    "culture_alignment",
    "decode_answers",
    "describe_errors",
    "encode_answers",
    "item_statistics",
    "load_bank",
    "load_overview",
    "load_strings",
    "match_jobs",
    "missing_items",
    "next_steps",
    "rank_categories",
    "read_answers",
    "result_record",
    "result_table",
    "score_answers",
    "score_frame",
    "template_frame",
    "to_csv_bytes",
    "trait_reliability",
]
