"""Internal-consistency reliability of the trait scales."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.batch import answer_matrix, trait_values
from scoring.models import Bank

__all__ = ["cronbach_alpha", "trait_reliability", "item_statistics", "MIN_RESPONSES"]

MIN_RESPONSES = 30  # below this many complete responses alpha is too unstable to show


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Cronbach's alpha of a set of items (columns) answered by respondents (rows).

    .. math::

        \\alpha = \\frac{k}{k - 1}\\left(1 - \\frac{\\sum_{i=1}^{k} s_i^2}{s_T^2}\\right)

    where :math:`k` is the number of items, :math:`s_i^2` the sample variance (ddof=1) of item
    :math:`i` and :math:`s_T^2` the sample variance of the respondents' total scores. Rows with any
    missing value are dropped first (listwise deletion), as in pingouin's ``cronbach_alpha``.
    Reverse-keyed items must already be recoded.

    Returns ``nan`` when the total score has no variance.

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    *Psychometrika*, 16(3), 297-334.
    """
    # validate
    if not isinstance(items, pd.DataFrame):
        raise TypeError("items must be a pandas DataFrame (rows = respondents, columns = items)")
    data = items.apply(pd.to_numeric, errors="coerce").dropna()
    k = data.shape[1]
    if k < 2:
        raise ValueError("Cronbach's alpha needs at least two items")
    if len(data) < 2:
        raise ValueError("Cronbach's alpha needs at least two complete responses")

    # variances
    item_variances = data.var(axis=0, ddof=1).sum()
    total_variance = data.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        return float("nan")

    # alpha
    return float(k / (k - 1) * (1 - item_variances / total_variance))


def trait_reliability(responses: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """Cronbach's alpha for each trait over a response frame (one column per item id).

    Items are recoded to what they give each trait first (reverse-keyed Likert items as 6 - v,
    situational options as their listed points), exactly as in scoring. Only rows with every
    answer valid are used. Returns columns ``trait``, ``n_items``, ``n`` and ``alpha`` (``nan``
    when fewer than two complete responses exist).
    """
    # validate and recode
    answers, codes = answer_matrix(responses, bank)
    complete = answers[~codes.any(axis=1)]
    rows = []

    # one alpha per trait
    for trait, values in trait_values(complete, bank).items():
        alpha = cronbach_alpha(values) if len(values) >= 2 else np.nan
        rows.append({"trait": trait, "n_items": values.shape[1], "n": len(values), "alpha": alpha})
    return pd.DataFrame(rows)


def item_statistics(responses: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """Mean, standard deviation (ddof=1) and N of each item's raw answers over complete responses.

    Raw answers, not recoded: a reverse-keyed item with a high mean means people disagreed with
    the trait-positive reading. Columns: ``item``, ``trait``, ``reverse``, ``mean``, ``sd``, ``n``.
    """
    # validate
    answers, codes = answer_matrix(responses, bank)
    complete = answers[~codes.any(axis=1)].astype(float)

    # one row per item
    n = complete.shape[0]
    return pd.DataFrame(
        {
            "item": list(bank.item_ids),
            "trait": [item.trait for item in bank.items],
            "reverse": [item.reverse for item in bank.items],
            "mean": complete.mean(axis=0) if n else np.full(len(bank.items), np.nan),
            "sd": complete.std(axis=0, ddof=1) if n > 1 else np.full(len(bank.items), np.nan),
            "n": n,
        }
    )
