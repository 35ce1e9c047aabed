"""Internal consistency of the scales (traits and work areas) and of each question in them.

Everything here works on stored answers (one column per item id), recodes them exactly as scoring
does (reverse-worded statements as 6 - v, situational options as their listed points) and uses only
complete responses.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.batch import _pairs, answer_matrix, value_matrix
from scoring.models import Bank

__all__ = [
    "cronbach_alpha",
    "one_factor",
    "mcdonald_omega",
    "scale_reliability",
    "item_analysis",
    "MIN_RESPONSES",
    "MIN_ITEM_ANALYSIS",
    "WEAK_ITEM_REST",
]

MIN_RESPONSES = 30  # below this many complete responses alpha is too unstable to show
MIN_ITEM_ANALYSIS = 50  # item-level statistics are shown from this many responses
WEAK_ITEM_REST = 0.20  # an item whose item-rest correlation is below this is flagged for review


def _complete(items: pd.DataFrame, minimum_items: int, what: str) -> pd.DataFrame:
    if not isinstance(items, pd.DataFrame):
        raise TypeError("items must be a pandas DataFrame (rows = respondents, columns = items)")
    data = items.apply(pd.to_numeric, errors="coerce").dropna()
    if data.shape[1] < minimum_items:
        raise ValueError(f"{what} needs at least {minimum_items} items")
    if len(data) < 2:
        raise ValueError(f"{what} needs at least two complete responses")
    return data


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Cronbach's alpha of a set of items (columns) answered by respondents (rows).

    .. math::

        \\alpha = \\frac{k}{k - 1}\\left(1 - \\frac{\\sum_{i=1}^{k} s_i^2}{s_T^2}\\right)

    where :math:`k` is the number of items, :math:`s_i^2` the sample variance (ddof=1) of item
    :math:`i` and :math:`s_T^2` the sample variance of the respondents' total scores. Rows with any
    missing value are dropped first (listwise deletion), as in pingouin's ``cronbach_alpha``.
    Reverse-keyed items must already be recoded. Returns ``nan`` when the total has no variance.

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    *Psychometrika*, 16(3), 297-334.
    """
    # validate
    data = _complete(items, 2, "Cronbach's alpha")
    k = data.shape[1]

    # variances
    item_variances = data.var(axis=0, ddof=1).sum()
    total_variance = data.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        return float("nan")

    # alpha
    return float(k / (k - 1) * (1 - item_variances / total_variance))


def one_factor(items: pd.DataFrame, max_iter: int = 5000, tol: float = 1e-10) -> tuple[pd.Series, pd.Series]:
    """Maximum-likelihood loadings and unique variances of a one-factor model.

    The ML solution satisfies, for the covariance matrix :math:`S` and unique variances
    :math:`\\Psi`, :math:`\\lambda = \\Psi^{1/2} u \\sqrt{\\theta - 1}` with :math:`\\theta, u` the
    largest eigenvalue and its eigenvector of :math:`\\Psi^{-1/2} S \\Psi^{-1/2}`, and
    :math:`\\Psi = \\mathrm{diag}(S - \\lambda\\lambda^T)`. Starting from
    :math:`\\psi_i = s_{ii}(1 - R_i^2)` (squared multiple correlations) the two steps are repeated until
    :math:`\\Psi` stops changing; unique variances are kept above 0.5% of each item's variance (a
    Heywood case). Loadings are signed so that they sum to a positive number.

    References
    ----------
    Joreskog, K. G. (1967). Some contributions to maximum likelihood factor analysis.
    *Psychometrika*, 32(4), 443-482.
    """
    # validate
    data = _complete(items, 3, "A one-factor model")
    loadings, unique = _one_factor(np.cov(data.to_numpy(dtype=float), rowvar=False, ddof=0), max_iter, tol)
    return pd.Series(loadings, index=data.columns), pd.Series(unique, index=data.columns)


def _one_factor(s: np.ndarray, max_iter: int = 5000, tol: float = 1e-10) -> tuple[np.ndarray, np.ndarray]:
    """The ML one-factor solution of a covariance matrix ``s`` (see :func:`one_factor`)."""
    variances = np.diag(s)
    if (variances <= 0).any():
        raise ValueError("every item needs some variance for a one-factor model")

    # starting values from squared multiple correlations
    try:
        smc = 1 - 1 / (np.diag(np.linalg.inv(s)) * variances)
    except np.linalg.LinAlgError:
        smc = np.full(len(variances), 0.5)
    psi = variances * (1 - np.clip(smc, 0.05, 0.95))

    # fixed-point iteration to the ML solution
    loadings = np.zeros_like(psi)
    for _ in range(max_iter):
        root = np.sqrt(psi)
        values, vectors = np.linalg.eigh(s / np.outer(root, root))
        loadings = root * vectors[:, -1] * np.sqrt(max(values[-1] - 1, 0.0))
        updated = np.maximum(variances - loadings**2, 0.005 * variances)
        if np.max(np.abs(updated - psi)) < tol * variances.max():
            psi = updated
            break
        psi = updated
    return (loadings if loadings.sum() >= 0 else -loadings), psi


def mcdonald_omega(items: pd.DataFrame) -> float:
    """McDonald's omega (total) from a one-factor model of the items (:func:`one_factor`).

    .. math::

        \\omega = \\frac{\\left(\\sum_i \\lambda_i\\right)^2}{\\left(\\sum_i \\lambda_i\\right)^2 + \\sum_i \\psi_i}

    Needs at least three items (with two a one-factor model is not identified). Reverse-keyed items
    must already be recoded.

    References
    ----------
    McDonald, R. P. (1999). *Test theory: A unified treatment*. Lawrence Erlbaum.
    """
    loadings, unique = one_factor(items)
    common = loadings.sum() ** 2
    return float(common / (common + unique.sum()))


def _scale_blocks(responses: pd.DataFrame, bank: Bank) -> dict[str, tuple[list[str], np.ndarray]]:
    """For every scale: its item ids and the recoded values of complete responses (rows x items)."""
    answers, codes = answer_matrix(responses, bank)
    values, scales = value_matrix(answers[~codes.any(axis=1)], bank)
    items = [bank.items[j].id for j, _, _ in _pairs(bank)]
    blocks = {}
    for scale in bank.scale_ids:
        columns = [p for p, s in enumerate(scales) if s == scale]
        blocks[scale] = ([items[p] for p in columns], values[:, columns])
    return blocks


def _alpha_from_cov(c: np.ndarray) -> float:
    k, total = c.shape[0], c.sum()
    return float(k / (k - 1) * (1 - np.trace(c) / total)) if k >= 2 and total > 0 else float("nan")


def scale_reliability(responses: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    """Alpha, omega and the spread of scores for every trait and work area over complete responses.

    Columns: ``scale``, ``kind`` (trait / work), ``n_items``, ``n``, ``alpha``, ``omega`` (``nan`` with
    fewer than three items or two responses), and ``sd`` (standard deviation of the 0-100 score).
    Everything comes from each scale's covariance matrix, so a group of 20,000 costs little more
    than one of 1,000.
    """
    rows = []
    for scale, (_items, values) in _scale_blocks(responses, bank).items():
        n, k = values.shape
        alpha = omega = sd = np.nan
        if n >= 2:
            c = np.cov(values, rowvar=False, ddof=1)
            alpha = _alpha_from_cov(c)
            sd = float(np.sqrt(c.sum()) / k / 4 * 100)
            if k >= 3 and (np.diag(c) > 0).all():
                loadings, unique = _one_factor(c * (n - 1) / n)
                omega = float(loadings.sum() ** 2 / (loadings.sum() ** 2 + unique.sum()))
        kind = "trait" if scale in bank.trait_ids else "work"
        rows.append({"scale": scale, "kind": kind, "n_items": k, "n": n, "alpha": alpha, "omega": omega, "sd": sd})
    return pd.DataFrame(rows)


def item_analysis(responses: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    r"""Each question's statistics within each scale it scores, over complete responses.

    Columns: ``item``, ``scale``, ``reverse``, ``mean`` and ``sd`` (of the recoded 1-5 values),
    ``item_rest`` (the correlation of the item with the sum of the scale's other items - the corrected
    item-total correlation), ``alpha_if_deleted`` (the scale's alpha without the item) and ``weak``
    (item-rest correlation below ``WEAK_ITEM_REST``: the question may not measure what its scale
    measures). From each scale's covariance matrix :math:`C`: the rest score's variance is
    :math:`\sum C - 2\sum_j C_{ij} + C_{ii}` and its covariance with the item :math:`\sum_j C_{ij} - C_{ii}`.
    """
    rows = []
    for scale, (items, values) in _scale_blocks(responses, bank).items():
        n, k = values.shape
        c = np.cov(values, rowvar=False, ddof=1) if n >= 2 else np.full((k, k), np.nan)
        for i, item_id in enumerate(items):
            rest_var = c.sum() - 2 * c[i].sum() + c[i, i]
            with np.errstate(divide="ignore", invalid="ignore"):
                item_rest = (c[i].sum() - c[i, i]) / np.sqrt(c[i, i] * rest_var) if n >= 3 else np.nan
            keep = [j for j in range(k) if j != i]
            without = _alpha_from_cov(c[np.ix_(keep, keep)]) if k >= 3 and n >= 2 else np.nan
            item_rest = float(item_rest) if np.isfinite(item_rest) else np.nan
            rows.append(
                {
                    "item": item_id,
                    "scale": scale,
                    "reverse": bank.item(item_id).reverse,
                    "mean": float(values[:, i].mean()) if n else np.nan,
                    "sd": float(np.sqrt(c[i, i])) if n > 1 else np.nan,
                    "item_rest": item_rest,
                    "alpha_if_deleted": without,
                    "weak": bool(np.isfinite(item_rest) and item_rest < WEAK_ITEM_REST),
                }
            )
    return pd.DataFrame(rows)
