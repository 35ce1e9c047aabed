"""What the quiz tells people, checked by simulating respondents through the library (fixed seeds)."""

from __future__ import annotations

import pytest

from scoring.simulation import measurement_check


@pytest.fixture(scope="module")
def check(bank):
    # 6,000 simulated people: latent level per scale, rating = 3 + latent + noise, clipped to 1-5
    return measurement_check(bank, n=6000, seed=2026)


def test_measurement_every_one_of_the_twelve_roles_is_top_for_between_2_and_25_percent(bank, check):
    assert set(check.top_share) == {r.id for r in bank.roles} and len(check.top_share) == 12
    outside = {role: share for role, share in check.top_share.items() if not 0.02 <= share <= 0.25}
    assert not outside


def test_measurement_a_retake_usually_lands_among_the_roles_the_verdict_named(check):
    # a single top role is shaky (about half the retakes agree); the roles named together cover far more
    assert check.retest_named >= check.retest_role + 0.15
    assert check.retest_named >= 0.7


def test_measurement_honest_simulated_people_are_rarely_flagged(check):
    assert check.flagged_share < 0.03


def test_measurement_almost_nobody_plausible_gets_no_fit(check):
    assert check.no_fit_share < 0.02
