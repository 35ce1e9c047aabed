"""What the quiz tells simulated people: the checks behind the methodology page's claims.

Simulated respondents (:mod:`scoring.synthetic`) take the quiz twice - the same latent levels, fresh
answer noise - and go through exactly the scoring a real person does. The figures say how often each
role comes out on top, how far apart the first two roles usually are, how often a retake gives the
same top role and category, how often the retake's top role is among the roles the first verdict
named, and how often honest answers are flagged as careless.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.batch import score_frame
from scoring.matching import fit_arrays
from scoring.models import Bank
from scoring.synthetic import simulate
from scoring.uncertainty import Precision, default_precision, named_roles
from scoring.verdict import NO_FIT_BELOW

__all__ = ["MeasurementCheck", "measurement_check"]


@dataclass(frozen=True)
class MeasurementCheck:
    n: int
    seed: int
    top_share: dict[str, float]  # role id -> share of people whose top role it is
    median_gap: float  # median fit gap between the first and the second role
    retest_role: float  # share whose retake has the same top role
    retest_category: float  # share whose retake has the same top category
    retest_named: float  # share whose retake's top role is among the roles the first verdict named
    clear_share: float  # share whose verdict names a single role
    no_fit_share: float  # share whose best fit is below NO_FIT_BELOW
    flagged_share: float  # share of (honest) simulated people with any answer-quality flag


def measurement_check(
    bank: Bank, n: int = 6000, seed: int = 2026, precision: Precision | None = None
) -> MeasurementCheck:
    """Simulate ``n`` people taking the quiz twice and summarise what the results would tell them."""
    precision = precision or default_precision(bank)
    first, latent = simulate(bank, n, seed=seed)
    again, _ = simulate(bank, n, seed=seed + 1, latent=latent)
    one, two = score_frame(first, bank), score_frame(again, bank)

    # who comes first, and by how much
    scores = one[list(bank.scale_ids)].to_numpy()
    fits = fit_arrays(scores, bank)[0]
    ranked = np.sort(fits, axis=0)
    shares = one["top_role"].value_counts(normalize=True).reindex([r.id for r in bank.roles], fill_value=0.0)

    # retaking the quiz, and the roles a verdict names
    named = named_roles(scores, fits, bank, precision)
    retake = [bank.roles.index(bank.role(r)) for r in two["top_role"]]
    named_hits = [again_top in first_named for again_top, first_named in zip(retake, named, strict=True)]
    clear = [len(roles) == 1 for roles in named]
    return MeasurementCheck(
        n=n,
        seed=seed,
        top_share={role: float(v) for role, v in shares.items()},
        median_gap=float(np.median(ranked[-1] - ranked[-2])),
        retest_role=float((one["top_role"] == two["top_role"]).mean()),
        retest_category=float((one["top_category"] == two["top_category"]).mean()),
        retest_named=float(np.mean(named_hits)),
        clear_share=float(np.mean(clear)),
        no_fit_share=float((ranked[-1] < NO_FIT_BELOW).mean()),
        flagged_share=float((pd.Series(one["flags"]) != "").mean()),
    )
