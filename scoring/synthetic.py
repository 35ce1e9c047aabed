"""Synthetic respondents for demos, benchmarks and load tests (never mixed with real data)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.models import Bank

__all__ = ["synthetic_answers"]


def synthetic_answers(bank: Bank, n: int, seed: int | None = None) -> pd.DataFrame:
    """``n`` plausible answer sheets (one column per item id, plus ``id``).

    Each synthetic person has a latent level per trait (normal around the middle); a Likert answer
    is that level plus noise, mirrored for reverse-keyed items; a situational answer is the option
    whose points are closest to the person's levels. So the traits hang together the way real
    answers do and Cronbach's alpha comes out positive, unlike uniform random noise.
    """
    rng = np.random.default_rng(seed)
    levels = {t: rng.normal(3.0, 0.8, n) for t in bank.trait_ids}
    columns: dict[str, np.ndarray] = {"id": np.array([f"demo-{k + 1:04d}" for k in range(n)])}
    for item in bank.items:
        if item.kind == "likert":
            value = levels[item.trait] + rng.normal(0, 0.7, n)
            value = 6 - value if item.reverse else value
            columns[item.id] = np.clip(np.rint(value), 1, 5).astype(int)
        else:
            distance = np.stack(
                [sum((o.scores[t] - levels[t]) ** 2 for t in item.traits) for o in item.options], axis=1
            ) + rng.gumbel(0, 0.8, (n, len(item.options)))
            columns[item.id] = distance.argmin(axis=1) + 1
    return pd.DataFrame(columns)
