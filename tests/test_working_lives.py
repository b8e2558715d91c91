"""Working lives (issue #21): employment statuses drawn jointly with income, the paid hours they set, who is
open to platform work, and a week that binds for some residents rather than a weight everyone shares.

Draws only (no run): 20,000 residents of the calm city, seed 40.
"""

from __future__ import annotations

import numpy as np
import pytest

from simulation import CityModel
from simulation.employment import LADDER, Status, gig_open_chance
from simulation.errors import ScenarioError
from simulation.library import build

N, SEED = 20_000, 40


def _people(**overrides):
    config = build("calm_city", overrides={"n_residents": N, **overrides})
    return CityModel(config, rng=SEED).residents_state


@pytest.fixture(scope="module")
def both():
    return _people(), _people(**{"employment.working_lives": True})


def _assert_shares(status: np.ndarray) -> None:
    """Each status's share of the draws within four binomial standard errors of `status_shares`."""
    shares = build("calm_city").employment.status_shares
    counts = np.bincount(status, minlength=len(Status))
    for s in Status:
        p = shares[s]
        assert abs(counts[s] / N - p) < 4 * np.sqrt(p * (1 - p) / N), s.name


def test_statuses_follow_their_shares(both):
    _assert_shares(both[1].status)


def test_income_keeps_its_marginal_and_rises_along_the_ladder(both):
    """The income is drawn as without working lives (the same numbers), so its marginal is INSEE's; the
    copula only orders statuses: the median income rises along the ladder's ends."""
    off, on = both
    np.testing.assert_array_equal(off.base_income_eur, on.base_income_eur)
    assert (off.status == -1).all()
    median = {s: float(np.median(on.base_income_eur[on.status == s])) for s in Status}
    assert median[Status.UNEMPLOYED] < median[Status.RETIRED] < median[Status.FULL_TIME]


def test_independent_statuses_with_no_correlation():
    """At correlation 0 the status says nothing of income (the median incomes of the ladder's ends agree
    within 5%): the ordering of the test above comes from the copula, not from the draw order."""
    s = _people(**{"employment.working_lives": True, "employment.income_rank_correlation": 0.0})
    low = np.median(s.base_income_eur[s.status == Status.UNEMPLOYED])
    high = np.median(s.base_income_eur[s.status == Status.FULL_TIME])
    assert abs(high / low - 1.0) < 0.05


def test_the_retired_are_never_open_to_platform_work_and_the_mean_stays_worker_share(both):
    _, on = both
    config = build("calm_city")
    chance = gig_open_chance(config.employment, config.residents.worker_share)
    assert chance[Status.RETIRED] == 0.0
    assert np.dot(config.employment.status_shares, chance) == pytest.approx(config.residents.worker_share)
    open_ = on.worker > 0.0
    assert not open_[on.status == Status.RETIRED].any()
    p = config.residents.worker_share
    assert abs(open_.mean() - p) < 4 * np.sqrt(p * (1 - p) / N)
    assert (on.work_sector[open_] >= 0).all() and (on.work_sector[~open_] == -1).all()


def test_a_full_time_week_binds_for_some_and_not_for_the_retired(both):
    """Full-time employees have the least free time, and some of them are at the floor; the retired keep
    most of their week. Without working lives the averaged day gives everyone a middling week."""
    off, on = both
    floor = build("calm_city").residents.min_discretionary_h
    free = {s: on.discretionary_h[on.status == s] for s in Status}
    assert free[Status.FULL_TIME].mean() < free[Status.PART_TIME].mean() < free[Status.RETIRED].mean()
    assert (free[Status.FULL_TIME] < floor + 5.0).mean() > 2 * (off.discretionary_h < floor + 5.0).mean()
    assert (free[Status.RETIRED] < floor + 5.0).mean() < 0.01
    np.testing.assert_allclose(on.work_h + on.care_h + on.discretionary_h,
                               168.0 - build("calm_city").residents.physiological_h)


def test_without_income_differences_the_shares_still_hold():
    """With every income equal (`base_income_sigma` = 0) the status ignores income and its shares still
    hold (a copula fed a constant would have narrowed the latent rank and moved them)."""
    _assert_shares(_people(**{"employment.working_lives": True, "residents.base_income_sigma": 0.0}).status)


def test_retired_residents_and_students_take_no_parents_care(both):
    """Their care comes from households without children: none of them has more care than the busiest
    childless profile allows, while parents (employed, with a young child's care) do."""
    _, on = both
    config = build("calm_city")
    profiles = np.asarray(config.residents.time_use_profiles)
    childless = 7.0 * profiles[list(config.employment.childless_profiles), 1].max()
    spread = np.exp(4 * config.residents.time_use_spread)  # four sigmas of the log-normal spread
    free_of_children = (on.status == Status.RETIRED) | (on.status == Status.STUDENT)
    assert on.care_h[free_of_children].max() < childless * spread
    assert (on.care_h[on.status == Status.FULL_TIME] > childless * 1.5).any()


def test_childless_rows_outside_the_time_use_table_are_refused():
    with pytest.raises(ScenarioError, match="childless_profiles"):
        build("calm_city", overrides={"employment.childless_profiles": [0, 99]})


def test_shares_that_do_not_sum_to_one_are_refused():
    with pytest.raises(ScenarioError, match="status_shares"):
        build("calm_city", overrides={"employment.status_shares": [0.5, 0.5, 0.5, 0.0, 0.0, 0.0]})


def test_the_ladder_holds_every_status_once():
    assert sorted(LADDER) == list(Status)


def test_where_the_week_binds_residents_give_less_of_what_they_are_asked():
    """Stated before the run: full-time employees, the residents whose week binds most, give a smaller share
    of the volunteer hours asked of them than the retired, whose week does not bind (calm city, N = 2,000,
    seeds 41-42, second year); without working lives nobody's status says anything."""
    config = build("calm_city", overrides={"n_residents": 2000, "employment.working_lives": True})
    asked, given = np.zeros(len(Status)), np.zeros(len(Status))
    for seed in (41, 42):
        model = CityModel(config, rng=seed)
        s = model.residents_state
        for week in range(104):
            model.step()
            if week >= 52:
                asked += np.bincount(s.status, weights=s.asked_h, minlength=len(Status))
                given += np.bincount(s.status, weights=s.contribution_h, minlength=len(Status))
    share = given / asked
    assert share[Status.FULL_TIME] < share[Status.RETIRED] - 0.01, share
