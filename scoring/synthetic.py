"""Simulated respondents, for the demo cohort, tests, benchmarks and the measurement checks.

Never mixed with real data. Each simulated person has a latent level on every scale (a trait or a
work area), normal around the middle. A rating is ``3 + latent + noise`` rounded and kept within
1-5 (turned round for reverse-worded statements); in a situation the person picks the option whose
points are closest to their own levels, with some noise. So a scale's items hang together the way
real answers do, and retaking the quiz is the same latent levels with fresh noise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.models import LIKERT_POINTS, Bank

__all__ = ["simulate", "synthetic_answers", "LATENT_SD", "NOISE_SD"]

LATENT_SD = 0.9  # spread of people's latent levels, in answer points
NOISE_SD = 0.8  # answer-to-answer noise, in answer points


def simulate(
    bank: Bank,
    n: int,
    seed: int | None = None,
    latent: pd.DataFrame | None = None,
    noise: float = NOISE_SD,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` simulated answer sheets (one column per item id, plus ``id``) and their latent levels
    (one column per scale). Pass ``latent`` from an earlier call to simulate the same people again."""
    rng = np.random.default_rng(seed)
    if latent is None:
        latent = pd.DataFrame({s: rng.normal(0.0, LATENT_SD, n) for s in bank.scale_ids})
    levels = {s: 3.0 + latent[s].to_numpy() for s in bank.scale_ids}
    columns: dict[str, np.ndarray] = {"id": np.array([f"sim-{k + 1:05d}" for k in range(n)])}
    for item in bank.items:
        if item.kind == "situational":
            distance = np.stack(
                [sum((o.scores[t] - levels[t]) ** 2 for t in item.traits) for o in item.options], axis=1
            )
            columns[item.id] = (rng.gumbel(0, 0.8, distance.shape) - distance).argmax(axis=1) + 1  # logit choice
            continue
        value = levels[item.scales[0]] + rng.normal(0, noise, n)
        value = LIKERT_POINTS + 1 - value if item.reverse else value
        columns[item.id] = np.clip(np.rint(value), 1, LIKERT_POINTS).astype(int)
    return pd.DataFrame(columns), latent


def synthetic_answers(bank: Bank, n: int, seed: int | None = None) -> pd.DataFrame:
    """``n`` plausible answer sheets (one column per item id, plus ``id``) for demos and load tests."""
    answers, _ = simulate(bank, n, seed)
    answers["id"] = [f"demo-{k + 1:04d}" for k in range(n)]
    return answers
