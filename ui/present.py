"""Tables for the advisor's screens in the advisor's language: names instead of ids, whole numbers,
"—" for nothing, dates without seconds. (Downloads keep the machine-readable ids.)"""

from __future__ import annotations

import pandas as pd

from scoring import Bank
from ui.i18n import lang, t

__all__ = ["EMPTY", "scored_table", "rejected_table", "cohorts_table", "reliability_table"]

EMPTY = "—"


def _flags(text: str) -> str:
    names = [t(f"advisor.flag_{flag}") for flag in str(text).split("; ") if flag]
    return t("app.list_separator").join(names) or EMPTY


def scored_table(scored: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """A bulk-scoring result for reading on screen."""
    ok = scored["error"] == ""
    table = {t("advisor.col_id"): scored["id"].astype(str)}
    for scale in bank.scale_ids:
        table[bank.scale(scale).short(lang())] = [
            f"{v:.0f}" if good else EMPTY for v, good in zip(scored[scale], ok, strict=True)
        ]
    table[t("results.col_role")] = [
        bank.role(r).name(lang()) if good else EMPTY for r, good in zip(scored["top_role"], ok, strict=True)
    ]
    table[t("advisor.col_category")] = [
        bank.category(c).name(lang()) if good else EMPTY for c, good in zip(scored["top_category"], ok, strict=True)
    ]
    table[t("results.col_fit")] = [f"{v:.0f}" if good else EMPTY for v, good in zip(scored["top_fit"], ok, strict=True)]
    table[t("advisor.col_flags")] = [_flags(f) for f in scored["flags"]]
    table[t("advisor.col_problem")] = [e or EMPTY for e in scored["error"]]
    return pd.DataFrame(table)


def rejected_table(scored: pd.DataFrame) -> pd.DataFrame:
    rejected = scored[scored["error"] != ""]
    return pd.DataFrame({t("advisor.col_id"): rejected["id"].astype(str), t("advisor.col_problem"): rejected["error"]})


def cohorts_table(cohorts: list) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("advisor.col_name"): [c.name for c in cohorts],
            t("advisor.col_code"): [c.code for c in cohorts],
            t("advisor.col_responses"): [c.responses for c in cohorts],
            t("advisor.col_expires"): [c.expires_at.strftime("%Y-%m-%d") if c.expires_at else EMPTY for c in cohorts],
            t("advisor.col_demo"): [t("advisor.yes_mark") if c.is_demo else EMPTY for c in cohorts],
        }
    )


def reliability_table(table: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """Alpha and omega per scale (``scoring.scale_reliability``), named in the page's language; shown
    the same way on the advisor's dashboard and the methodology page."""
    return pd.DataFrame(
        {
            t("results.col_scale"): [bank.scale(s).name(lang()) for s in table["scale"]],
            t("method.col_items"): table["n_items"],
            t("method.col_n"): table["n"],
            "α": table["alpha"].round(2),
            "ω": table["omega"].round(2),
        }
    )
