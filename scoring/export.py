"""Exportable result records: what a person's answers come to, as plain data (JSON / CSV)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from scoring.matching import match_jobs, rank_categories
from scoring.models import Bank
from scoring.scores import score_answers

__all__ = ["result_record", "result_table", "SECTIONS", "TABLE_COLUMNS"]

SECTIONS = ("trait", "work", "role", "category")  # the rows of result_table, in order
TABLE_COLUMNS = ("section", "id", "name", "score")


def result_record(answers: Mapping[str, int], bank: Bank, lang: str = "ja") -> dict:
    """Scores, role fits (with contributions) and category ranking for one complete set of answers.

    Answers are included so the record can be re-scored; names are given in ``lang``.
    """
    scores = score_answers(answers, bank)
    matches = match_jobs(scores, bank)
    return {
        "bank_version": bank.version,
        "lang": lang,
        "answers": {item_id: int(answers[item_id]) for item_id in bank.item_ids},
        "traits": {t.id: {"name": t.name(lang), "score": round(scores[t.id], 2)} for t in bank.traits},
        "work": {a.id: {"name": a.name(lang), "score": round(scores[a.id], 2)} for a in bank.work_areas},
        "roles": [
            {
                "rank": rank,
                "id": m.role.id,
                "name": m.role.name(lang),
                "category": m.category.id,
                "fit": round(m.fit, 2),
                "trait_match": round(m.trait_match, 2),
                "work_match": round(m.work_match, 2),
            }
            for rank, m in enumerate(matches, start=1)
        ],
        "categories": [
            {"rank": rank, "id": c.category.id, "name": c.category.name(lang), "fit": round(c.fit, 2)}
            for rank, c in enumerate(rank_categories(matches), start=1)
        ],
    }


def result_table(record: dict) -> pd.DataFrame:
    """The record as one tidy table: section (trait / role / category), id, name, score."""
    rows = [{"section": "trait", "id": k, "name": v["name"], "score": v["score"]} for k, v in record["traits"].items()]
    rows += [{"section": "work", "id": k, "name": v["name"], "score": v["score"]} for k, v in record["work"].items()]
    rows += [{"section": "role", "id": r["id"], "name": r["name"], "score": r["fit"]} for r in record["roles"]]
    rows += [{"section": "category", "id": c["id"], "name": c["name"], "score": c["fit"]} for c in record["categories"]]
    return pd.DataFrame(rows)
