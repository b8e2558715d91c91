"""Docking: the vectorised kernels reproduce the reference per-agent rules."""

import functools

import numpy as np
import pytest

from simulation import CityModel, load_scenario

# ulp-level differences between numpy's and libm's exp/log are allowed; nothing more.
RTOL, ATOL = 1e-9, 1e-12
BUSY_TIES = {"civic.recruit_rate_w": 0.01, "civic.withdraw_rate_w": 0.3}
"""Ties far busier than the default, so that a short run exercises recruitment and withdrawal."""


@functools.cache
def _run_pair(seed, weeks, **params):
    """Both engines on one city (run once per arguments: the tests only read the models)."""
    config = load_scenario().with_overrides(BUSY_TIES)
    fast = CityModel(config, rng=seed, engine="vectorized", **params).run(weeks)
    slow = CityModel(config, rng=seed, engine="reference", **params).run(weeks)
    return fast, slow


EPISODES = {"contribution.episodes": True}
WORKING_LIVES = {"employment.working_lives": True, "residents.worker_share": 0.05, "contribution.substeps": 4}
"""Statuses, more workers than the default (so that 300 residents hold a few of each) and giving decided
over four sub-steps of the week."""


@pytest.mark.parametrize(
    "seed, demand, options",
    # calm city, a city in burn-out cascade, episodes, working lives in a busy city
    [(3, 0.1, {}), (11, 0.25, {}), (5, 0.15, EPISODES), (7, 0.25, WORKING_LIVES)],
)
def test_engines_give_the_same_trajectories(seed, demand, options):
    fast, slow = _run_pair(seed, 40, n_residents=300, volunteer_demand=demand, **options)
    a, b = fast.indicators(), slow.indicators()
    assert a.columns == b.columns
    for col in a.columns:
        x = a[col].to_numpy().astype(float)
        y = b[col].to_numpy().astype(float)
        np.testing.assert_allclose(x, y, rtol=RTOL, atol=ATOL, equal_nan=True, err_msg=col)
    # discrete state is identical, not just close
    sa, sb = fast.residents_state, slow.residents_state
    assert np.array_equal(sa.provider, sb.provider)
    assert np.array_equal(sa.work_platform, sb.work_platform)
    assert np.array_equal(sa.burnout_weeks_left, sb.burnout_weeks_left)
    assert np.array_equal(sa.first_active_week, sb.first_active_week)
    assert np.array_equal(sa.last_active_week, sb.last_active_week)
    assert np.array_equal(sa.work_sector, sb.work_sector)  # the same newcomers moved in
    assert np.array_equal(sa.status, sb.status)
    assert np.array_equal(sa.recruited, sb.recruited) and np.array_equal(sa.left_week, sb.left_week)
    assert np.array_equal(sa.answering, sb.answering)
    np.testing.assert_allclose(sa.propensity, sb.propensity, rtol=RTOL, atol=ATOL)
    pa, pb = fast.platform_table(), slow.platform_table()
    np.testing.assert_allclose(pa["capital_eur"].to_numpy(), pb["capital_eur"].to_numpy(), rtol=RTOL)


def test_docking_exercises_every_process():
    """The docking runs above are only meaningful if burn-out, declining, re-asking, moving, gig
    work and provider switching all happen in them."""
    fast, _ = _run_pair(11, 40, n_residents=300, volunteer_demand=0.25)
    df = fast.indicators()
    assert df["burnout_incidence"].sum() > 0 and df["declined_share"].max() > 0.03
    assert fast.residents_state.recruited.any() and (fast.residents_state.left_week >= 0).any()  # ties
    assert (fast.residents_state.asked_h > fast.residents_state.contribution_h).any()
    initial = CityModel(rng=11, n_residents=300, volunteer_demand=0.25).residents_state.discretionary_h
    assert (fast.residents_state.discretionary_h != initial).any()  # some moved away, newcomers came
    assert df["gig_worker_share"].min() > 0
    assert df["civic_hours_mean"].min() > 0
    assert fast.platform_table()["users"].sum() > 0
    episodes, _ = _run_pair(5, 40, n_residents=300, volunteer_demand=0.15, **EPISODES)
    first = CityModel(rng=5, n_residents=300, **EPISODES).residents_state.propensity
    moved = episodes.residents_state.propensity != first
    assert moved.any() and (episodes.residents_state.propensity[moved] == 0.0).any()  # judged; some withdrew
    assert (episodes.residents_state.answering != (episodes.residents_state.contributor >= 0.15)).any()
