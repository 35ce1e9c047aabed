"""How precise a person's scores are, and when two roles are too close to call.

Every score carries measurement error. Its size is the standard error of measurement,

.. math::

    \\mathrm{SEM}_s = \\mathrm{SD}_s \\sqrt{1 - \\alpha_s}

for each scale :math:`s` (a trait or a work area), where :math:`\\mathrm{SD}_s` is the spread of that
score among respondents and :math:`\\alpha_s` its reliability (Cronbach's alpha). With at least
``MIN_RESPONSES`` stored real responses both come from them; until then the documented defaults
``DEFAULT_ALPHA`` and ``DEFAULT_SD`` are used (the methodology page says which).

A score's band is score +/- one SEM. Two roles are too close to call when the gap between their fits
is smaller than ``Z_CLOSE`` standard errors of that gap; the standard error comes from the SEMs
through the fits' gradients (the delta method):

.. math::

    \\mathrm{SE}(f_a - f_b) = \\sqrt{\\sum_s \\left(\\frac{\\partial f_a}{\\partial x_s}
        - \\frac{\\partial f_b}{\\partial x_s}\\right)^2 \\mathrm{SEM}_s^2}

References
----------
Lord, F. M., & Novick, M. R. (1968). *Statistical theories of mental test scores*. Addison-Wesley.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.matching import TRAIT_SHARE, WORK_SHARE, Match
from scoring.models import Bank

__all__ = [
    "Precision",
    "default_precision",
    "precision_from",
    "score_band",
    "fit_gradients",
    "named_roles",
    "difference_se",
    "too_close_to_call",
    "DEFAULT_ALPHA",
    "DEFAULT_SD",
    "Z_CLOSE",
    "MAX_NAMED",
]

DEFAULT_ALPHA = 0.70  # a common minimum for a short scale; replaced by the observed alpha from 30 responses
DEFAULT_SD = {"trait": 18.0, "work": 22.0}  # about 0.7 and 0.9 answer points on the 1-5 scale, in 0-100 units
Z_CLOSE = 1.0  # fits less than one standard error of their gap apart are too close to call
MAX_NAMED = 3  # at most this many roles are named together


@dataclass(frozen=True)
class Precision:
    """The SEM of every scale (0-100 units), where it came from, and how many responses were behind it."""

    sem: dict[str, float]
    source: str  # one of SOURCES
    n: int = 0

    SOURCES = ("default", "stored")


def _default_sem(bank: Bank, scale: str) -> float:
    sd = DEFAULT_SD["trait" if scale in bank.trait_ids else "work"]
    return sd * float(np.sqrt(1 - DEFAULT_ALPHA))


def default_precision(bank: Bank) -> Precision:
    return Precision({s: _default_sem(bank, s) for s in bank.scale_ids}, "default")


def precision_from(reliability: pd.DataFrame, spread: Mapping[str, float], n: int, bank: Bank) -> Precision:
    """SEMs from stored responses: ``reliability`` has columns ``scale`` and ``alpha``; ``spread`` maps
    each scale to the standard deviation of its scores. A scale whose alpha cannot be computed, or
    is not positive, keeps its default SEM."""
    alpha = dict(zip(reliability["scale"], reliability["alpha"], strict=True))
    sem = {}
    for scale in bank.scale_ids:
        a, sd = alpha.get(scale), spread.get(scale)
        ok = a is not None and sd is not None and np.isfinite(a) and np.isfinite(sd) and 0 < a < 1
        sem[scale] = float(sd * np.sqrt(1 - a)) if ok else _default_sem(bank, scale)
    return Precision(sem, "stored", n)


def score_band(score: float, sem: float) -> tuple[float, float]:
    """The score plus and minus one SEM, kept within 0-100."""
    return max(0.0, score - sem), min(100.0, score + sem)


def fit_gradients(scores: np.ndarray, bank: Bank) -> np.ndarray:
    """How much each role's fit moves per point of each score, for many people at once.

    ``scores``: people x scales (``bank.scale_ids`` order). Returns people x roles x scales.
    """
    levels = bank.profile_matrix.to_numpy()[None, :, :]
    x = scores[:, None, :]
    n_traits = len(bank.trait_ids)
    below = np.minimum(x[:, :, :n_traits] - levels[:, :, :n_traits], 0.0)
    apart = x[:, :, n_traits:] - levels[:, :, n_traits:]
    shortfall = np.sqrt((below**2).mean(axis=2, keepdims=True))
    distance = np.sqrt((apart**2).mean(axis=2, keepdims=True))
    with np.errstate(divide="ignore", invalid="ignore"):
        g_traits = np.where(shortfall > 0, -TRAIT_SHARE * below / (n_traits * shortfall), 0.0)
        g_work = np.where(distance > 0, -WORK_SHARE * apart / (apart.shape[2] * distance), 0.0)
    return np.concatenate([g_traits, g_work], axis=2)


def named_roles(scores: np.ndarray, fits: np.ndarray, bank: Bank, precision: Precision) -> list[list[int]]:
    """For each person, the role indices named together: the top role and every role whose fit is
    within ``Z_CLOSE`` standard errors of the top one, best first, at most ``MAX_NAMED``.

    ``scores``: people x scales; ``fits``: roles x people (``scoring.matching.fit_arrays``)."""
    gradients = fit_gradients(scores, bank)
    sem = np.array([precision.sem[s] for s in bank.scale_ids])
    order = np.argsort(-fits, axis=0, kind="stable")  # roles best first, bank order among equals
    named = []
    for k in range(scores.shape[0]):
        top = order[0, k]
        se = np.sqrt((((gradients[k, top] - gradients[k]) * sem) ** 2).sum(axis=1))
        close = [int(r) for r in order[:, k] if r == top or fits[top, k] - fits[r, k] < Z_CLOSE * se[r]]
        named.append(close[:MAX_NAMED])
    return named


def difference_se(scores: Mapping[str, float], first: str, second: str, bank: Bank, precision: Precision) -> float:
    """Standard error of the gap between two roles' fits (delta method)."""
    gradients = fit_gradients(np.array([[float(scores[s]) for s in bank.scale_ids]]), bank)[0]
    ids = [r.id for r in bank.roles]
    sem = np.array([precision.sem[s] for s in bank.scale_ids])
    change = gradients[ids.index(first)] - gradients[ids.index(second)]
    return float(np.sqrt(((change * sem) ** 2).sum()))


def too_close_to_call(
    matches: list[Match], scores: Mapping[str, float], bank: Bank, precision: Precision
) -> tuple[Match, ...]:
    """The top role and every role whose fit is within ``Z_CLOSE`` standard errors of it (best
    first, at most ``MAX_NAMED``). One role means the result is clear."""
    gradients = fit_gradients(np.array([[float(scores[s]) for s in bank.scale_ids]]), bank)[0]
    sem = np.array([precision.sem[s] for s in bank.scale_ids])
    row = {r.id: k for k, r in enumerate(bank.roles)}
    top = matches[0]

    def se(match: Match) -> float:
        return float(np.sqrt((((gradients[row[top.role.id]] - gradients[row[match.role.id]]) * sem) ** 2).sum()))

    named = [top] + [m for m in matches[1:] if top.fit - m.fit < Z_CLOSE * se(m)]
    return tuple(named[:MAX_NAMED])
