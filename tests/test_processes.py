"""Unit tests of each weekly process, one at a time, on small hand-set states.

Every process is tested through both engines: `VectorizedEngine` runs the
column kernels (`kernels.py`), `ReferenceEngine` loops over the `Resident`
methods (the reference rules). Each test sets the arrays of
``model.residents_state`` by hand, feeds fixed draws and checks behaviour that
a wrong rule would break.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from simulation import CityModel, load_scenario
from simulation.engines import ReferenceEngine, VectorizedEngine, WeekDraws
from simulation.indicators import gini, top_share
from simulation.network import SocialNetwork, small_world
from simulation.registry import CRITERIA
from simulation.residents import NO_PROVIDER

ENGINES = [VectorizedEngine, ReferenceEngine]
ENGINE_IDS = ["kernel", "reference"]


# --- helpers -----------------------------------------------------------------


def make_model(n: int = 20, seed: int = 0, overrides: dict | None = None, **flat) -> CityModel:
    """A small city; ``overrides`` are dotted-path scenario overrides."""
    config = load_scenario()
    if overrides:
        config = config.with_overrides(overrides)
    return CityModel(config, rng=seed, n_residents=n, **flat)


def draws_for(model: CityModel, *, choice=None, switch=None, job=None, burn=None, renew=None,
              fresh=None) -> WeekDraws:
    """Fixed draws: by default no switching, no hazard burn-out, no turnover."""
    n, n_sectors = model.config.n_residents, len(model.config.sectors)
    full = lambda value: np.full(n, value, dtype=float)  # noqa: E731
    return WeekDraws(
        choice=np.full((n, n_sectors), 0.5) if choice is None else choice,
        switch=full(1.0) if switch is None else switch,
        job=full(0.5) if job is None else job,
        burn=full(1.0) if burn is None else burn,
        renew=full(1.0) if renew is None else renew,
        fresh_engagement=full(0.0) if fresh is None else fresh,
    )


def platform(model: CityModel, name: str):
    return next(p for p in model.platforms if p.name == name)


def sector_index(model: CityModel, name: str) -> int:
    return [s.name for s in model.config.sectors].index(name)


def quiet_contributors(model: CityModel, engagement, *, free_time: float = 40.0,
                       threshold: float = 100.0) -> None:
    """Reset the contribution state: given engagements, no fatigue, nobody burned out."""
    s = model.residents_state
    s.contributor[:] = engagement
    s.fatigue[:] = 0.0
    s.burnout_weeks_left[:] = 0
    s.burnout_threshold[:] = threshold
    s.free_time_h[:] = free_time
    s.gig_h[:] = 0.0
    s.trust[:] = 0.5


# --- consumers: choice of a provider ----------------------------------------------


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_cheaper_and_more_social_platform_wins_more_citizen_users(engine_cls):
    model = make_model(n=1000, seed=1)
    s = model.residents_state
    s.orientation[:] = 1.0  # citizen-oriented
    delivery = sector_index(model, "delivery")
    quick, coop = platform(model, "QuickEats"), platform(model, "BikeCoop")
    u = np.random.default_rng(7).random((s.n, len(model.config.sectors)))
    engine = engine_cls(model)

    def coop_users(coop_price: float, coop_social: float) -> int:
        quick.price_eur, quick.social_score = 10.0, 0.0
        coop.price_eur, coop.social_score = coop_price, coop_social
        engine.choose_providers(model.open_market(), draws_for(model, choice=u))
        return int((s.provider[:, delivery] == coop.index).sum())

    even = coop_users(10.0, 0.0)
    cheaper = coop_users(2.0, 0.0)
    social = coop_users(10.0, 0.9)
    both = coop_users(2.0, 0.9)
    quick_users = int((s.provider[:, delivery] == quick.index).sum())
    # same draws for every call: each advantage moves residents to the coop, never away
    assert cheaper > even + 50
    assert social > even + 50
    assert both > max(cheaper, social)
    assert both > 2 * quick_users


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_social_score_attracts_citizens_and_repels_consumers(engine_cls):
    model = make_model(n=1000, seed=2)
    s = model.residents_state
    delivery = sector_index(model, "delivery")
    quick, coop = platform(model, "QuickEats"), platform(model, "BikeCoop")
    quick.price_eur = coop.price_eur = 10.0
    quick.social_score, coop.social_score = 0.0, 0.9
    u = np.random.default_rng(8).random((s.n, len(model.config.sectors)))
    engine = engine_cls(model)
    shares = {}
    for orientation in (0.0, 1.0):
        s.orientation[:] = orientation
        engine.choose_providers(model.open_market(), draws_for(model, choice=u))
        chosen = s.provider[:, delivery]
        shares[orientation] = ((chosen == coop.index).sum(), (chosen == quick.index).sum())
    coop_c, quick_c = shares[1.0]
    coop_k, quick_k = shares[0.0]
    assert coop_c > 1.5 * quick_c  # citizens prefer the social platform
    assert coop_k < quick_k / 1.5  # consumers prefer the other


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_traces_count_only_digital_uses(engine_cls):
    model = make_model(n=200, seed=3)
    s = model.residents_state
    engine = engine_cls(model)
    engine.choose_providers(model.open_market(), draws_for(model, choice=np.random.default_rng(1)
                                                           .random((s.n, 6))))
    uses = np.array([sec.uses_per_week for sec in model.config.sectors])
    expected = (s.provider != NO_PROVIDER) @ uses * s.consumer
    np.testing.assert_allclose(s.traces, expected, rtol=1e-12)
    assert (s.provider == NO_PROVIDER).any() and (s.provider != NO_PROVIDER).any()


@pytest.mark.parametrize("engine", ["vectorized", "reference"])
def test_no_provider_chosen_before_its_entry_week(engine):
    model = make_model(n=300, seed=4, overrides={"platforms.BikeCoop.entry_week": 3,
                                                 "residents.worker_share": 0.3},
                       engine=engine)
    coop = platform(model, "BikeCoop")
    for week in range(6):
        market = model.open_market()
        offered = set(np.concatenate(market.choice_sets).tolist())
        assert (coop.index in offered) == (week >= 3)
        model.step()
        s = model.residents_state
        chosen = (s.provider == coop.index).sum()
        working = (s.work_platform == coop.index).sum()
        if week < 3:
            assert chosen == 0 and working == 0
            assert coop.users == 0 and coop.gross_eur == 0.0 and coop.hours_offered == 0.0
    # once in, it does win users and workers
    assert chosen > 0 and working > 0


# --- workers: labour supply, platform market clearing, pay ---------------------------


def test_per_task_platform_accepts_every_hour_and_pay_per_hour_falls_with_oversupply():
    model = make_model()
    p = platform(model, "QuickEats")
    assert p.pay_model == "per_task"
    uses = 100.0
    needed = uses * p.task_h
    nominal = (1.0 - p.commission) * p.price_eur / p.task_h

    p.clear_market(uses, needed)
    assert p.hours_accepted == pytest.approx(needed)
    assert p.accept_ratio == pytest.approx(1.0)
    assert p.pay_rate_eur_h == pytest.approx(nominal)
    assert p.uses_served == pytest.approx(uses)

    rates = []
    for factor in (1.5, 2.0, 4.0):
        p.clear_market(uses, factor * needed)
        assert p.hours_accepted == pytest.approx(factor * needed)  # every hour taken
        assert p.accept_ratio == pytest.approx(1.0)
        assert p.uses_served == pytest.approx(uses)  # no more than demand is served
        assert p.pay_rate_eur_h == pytest.approx(nominal / factor)  # waiting is unpaid
        assert p.payout_eur == pytest.approx((1 - p.commission) * uses * p.price_eur)
        rates.append(p.pay_rate_eur_h)
    assert rates == sorted(rates, reverse=True)

    # short of hours: only what the hours can serve is served, at the nominal rate
    p.clear_market(uses, 0.5 * needed)
    assert p.uses_served == pytest.approx(0.5 * uses)
    assert p.pay_rate_eur_h == pytest.approx(nominal)


def test_hourly_platform_rations_hours_to_demand_and_pays_nominal_rate():
    model = make_model()
    p = platform(model, "BikeCoop")
    assert p.pay_model == "hourly"
    uses = 100.0
    needed = uses * p.task_h
    nominal = (1.0 - p.commission) * p.price_eur / p.task_h
    for factor in (0.25, 1.0, 3.0, 10.0):
        offered = factor * needed
        p.clear_market(uses, offered)
        assert p.hours_accepted == pytest.approx(min(offered, needed))
        assert p.accept_ratio == pytest.approx(min(1.0, 1.0 / factor))
        assert p.pay_rate_eur_h == pytest.approx(nominal)  # every accepted hour paid in full
        assert p.payout_eur == pytest.approx(p.hours_accepted * nominal)
        assert p.gross_eur == pytest.approx(p.commission_revenue_eur + p.payout_eur)


def test_higher_commission_lowers_worker_pay_and_raises_platform_revenue():
    model = make_model()
    for name in ("QuickEats", "BikeCoop"):
        p = platform(model, name)
        results = []
        for commission in (0.0, 0.1, 0.3, 0.5):
            p.commission = commission
            p.clear_market(80.0, 50.0)
            results.append((p.pay_rate_eur_h, p.commission_revenue_eur, p.payout_eur))
            assert p.gross_eur == pytest.approx(p.commission_revenue_eur + p.payout_eur)
        pay, revenue, payout = map(list, zip(*results, strict=True))
        assert all(a > b for a, b in zip(pay, pay[1:], strict=False)), name
        assert all(a < b for a, b in zip(revenue, revenue[1:], strict=False)), name
        assert all(a > b for a, b in zip(payout, payout[1:], strict=False)), name


def test_clear_market_without_labour_serves_all_demand():
    model = make_model()
    p = platform(model, "StayAway")
    assert not p.has_labour
    p.clear_market(12.0, 0.0)
    assert p.uses_served == 12.0
    assert p.gross_eur == pytest.approx(12.0 * p.price_eur)
    assert p.commission_revenue_eur == pytest.approx(p.commission * p.gross_eur)
    assert p.hours_accepted == 0.0


def _workers(model: CityModel, sector: int) -> np.ndarray:
    s = model.residents_state
    s.worker[:] = 1.0
    s.work_sector[:] = sector
    s.work_platform[:] = NO_PROVIDER
    s.free_time_h[:] = 100.0
    s.reservation_wage_eur_h[:] = 10.0
    return s


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_labour_supply_rises_with_expected_pay(engine_cls):
    model = make_model(n=30)
    s = _workers(model, sector_index(model, "delivery"))
    s.expected_pay_eur_h[:] = np.linspace(2.0, 30.0, s.n)
    engine_cls(model).offer_labour(model.open_market(), draws_for(model))
    assert np.all(np.diff(s.offered_h) > 0)
    assert s.offered_h[0] < 0.05 * model.config.labour.gig_h_max
    assert s.offered_h[-1] > 0.95 * model.config.labour.gig_h_max
    # at the reservation wage a full worker offers half the maximum
    s.expected_pay_eur_h[:] = 10.0
    engine_cls(model).offer_labour(model.open_market(), draws_for(model))
    np.testing.assert_allclose(s.offered_h, 0.5 * model.config.labour.gig_h_max)
    assert np.all(s.work_platform != NO_PROVIDER)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_labour_offered_never_exceeds_free_time_and_needs_a_labour_sector(engine_cls):
    model = make_model(n=20)
    s = _workers(model, sector_index(model, "delivery"))
    s.expected_pay_eur_h[:] = 50.0
    s.free_time_h[:] = np.linspace(0.0, 60.0, s.n)
    s.work_sector[:5] = sector_index(model, "housing")  # no gig labour in housing
    engine_cls(model).offer_labour(model.open_market(), draws_for(model))
    assert np.all(s.offered_h <= s.free_time_h)
    assert np.all(s.offered_h[:5] == 0.0)
    assert np.all(s.work_platform[:5] == NO_PROVIDER)
    assert np.all(s.offered_h[5:] > 0.0) or s.free_time_h[5] == 0.0


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_workers_prefer_the_better_paying_platform(engine_cls):
    model = make_model(n=1000, seed=5)
    s = _workers(model, sector_index(model, "delivery"))
    s.orientation[:] = 0.5  # social score neutral
    quick, coop = platform(model, "QuickEats"), platform(model, "BikeCoop")
    quick.pay_rate_eur_h, quick.accept_ratio = 20.0, 1.0
    coop.pay_rate_eur_h, coop.accept_ratio = 10.0, 1.0
    job = np.random.default_rng(3).random(s.n)
    engine_cls(model).offer_labour(model.open_market(), draws_for(model, job=job))
    on_quick = (s.work_platform == quick.index).sum()
    on_coop = (s.work_platform == coop.index).sum()
    assert on_quick + on_coop == s.n
    assert on_quick > 5 * on_coop


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_get_paid_works_accepted_hours_and_updates_expected_pay(engine_cls):
    model = make_model(n=10)
    s = model.residents_state
    s.work_platform[:] = NO_PROVIDER
    s.work_platform[:3] = [0, 1, 1]
    s.offered_h[:] = [10.0, 20.0, 5.0] + [7.0] * 7
    s.expected_pay_eur_h[:] = 12.0
    accept = np.ones(len(model.config.platforms))
    rate = np.zeros(len(model.config.platforms))
    accept[0], rate[0] = 1.0, 9.0
    accept[1], rate[1] = 0.25, 20.0
    engine_cls(model).get_paid(accept, rate)
    m = model.config.labour.wage_memory
    np.testing.assert_allclose(s.gig_h[:3], [10.0, 5.0, 1.25])
    np.testing.assert_allclose(s.earnings_eur[:3], [90.0, 100.0, 25.0])
    np.testing.assert_allclose(s.expected_pay_eur_h[:3],
                               [(1 - m) * 12 + m * 9.0, (1 - m) * 12 + m * 5.0,
                                (1 - m) * 12 + m * 5.0])
    assert np.all(s.gig_h[3:] == 0.0) and np.all(s.earnings_eur[3:] == 0.0)
    assert np.all(s.expected_pay_eur_h[3:] == 12.0)


@pytest.mark.parametrize("engine", ["vectorized", "reference"])
def test_a_week_of_the_model_clears_labour_as_each_pay_model_says(engine):
    model = make_model(n=400, seed=6, overrides={"residents.worker_share": 0.3}, engine=engine)
    for _ in range(4):
        model.step()
        for p in model.platforms:
            if not p.has_labour:
                continue
            if p.pay_model == "per_task":
                assert p.hours_accepted == pytest.approx(p.hours_offered)
            else:
                assert p.hours_accepted <= p.uses_demanded * p.task_h + 1e-9
                assert p.hours_accepted <= p.hours_offered + 1e-9
                if p.hours_accepted > 0:
                    assert p.pay_rate_eur_h == pytest.approx(p.nominal_pay_rate)


# --- contributors: requests, fatigue, burn-out ------------------------------------


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_requests_concentrate_on_the_most_engaged(engine_cls):
    model = make_model(n=10, overrides={"contribution.request_concentration": 2.0})
    s = model.residents_state
    engagement = np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 0.9, 1.0])
    quiet_contributors(model, engagement)
    asked_total = 4.0
    engine_cls(model).contribute(asked_total, draws_for(model))
    c = model.config.contribution
    active = engagement >= c.active_threshold
    weights = np.where(active, engagement**c.request_concentration, 0.0)
    np.testing.assert_allclose(s.asked_h, asked_total * weights / weights.sum(), rtol=1e-12)
    assert s.asked_h.sum() == pytest.approx(asked_total)
    assert np.all(s.asked_h[~active] == 0.0)  # below the threshold: never asked
    assert s.asked_h[-1] == pytest.approx(4.0 * s.asked_h[5])  # twice as engaged, four times asked
    np.testing.assert_allclose(s.contribution_h, s.asked_h)  # time enough: all given


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_request_cap_and_free_time_limit_what_is_given(engine_cls):
    model = make_model(n=10, overrides={"contribution.max_requests_h": 1.5})
    s = model.residents_state
    quiet_contributors(model, np.linspace(0.2, 1.0, 10))
    s.free_time_h[:] = 3.0
    s.gig_h[:] = 0.0
    s.gig_h[-1] = 2.5  # the most engaged has only half an hour left
    engine_cls(model).contribute(20.0, draws_for(model))
    assert np.all(s.asked_h <= 1.5 + 1e-12)
    assert s.contribution_h[-1] == pytest.approx(0.5)
    assert np.all(s.contribution_h <= s.asked_h + 1e-12)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_burned_out_resident_is_asked_nothing_and_recovers_with_less_engagement(engine_cls):
    weeks = 4
    model = make_model(n=10, overrides={"contribution.recovery_weeks": weeks})
    s = model.residents_state
    c = model.config.contribution
    quiet_contributors(model, 0.8)
    s.burnout_weeks_left[0] = weeks
    s.fatigue[0] = 0.9
    engine = engine_cls(model)
    for week in range(weeks):
        engine.contribute(5.0, draws_for(model))
        assert s.asked_h[0] == 0.0 and s.contribution_h[0] == 0.0
        assert s.asked_h[1:].sum() == pytest.approx(5.0)  # the others share everything
        assert s.burnout_weeks_left[0] == weeks - 1 - week
        if week < weeks - 1:
            assert s.contributor[0] == 0.8  # engagement is lost only on recovery
    assert s.burnout_weeks_left[0] == 0
    assert s.fatigue[0] == 0.0
    assert s.contributor[0] == pytest.approx(0.8 * (1.0 - c.burnout_engagement_loss))
    engine.contribute(5.0, draws_for(model))  # back in the pool
    assert s.asked_h[0] > 0.0


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_fatigue_rises_above_capacity_and_recovers_below(engine_cls):
    model = make_model(n=10)
    s = model.residents_state
    c = model.config.contribution
    engagement = np.zeros(10)
    engagement[0] = 0.5  # the only active contributor: asked everything
    quiet_contributors(model, engagement)
    capacity = c.capacity_h * 0.5
    engine = engine_cls(model)

    engine.contribute(2.0 * capacity, draws_for(model))  # load 2
    assert s.fatigue[0] == pytest.approx(c.fatigue_gain * c.fatigue_gain_factor * 1.0)
    engine.contribute(3.0 * capacity, draws_for(model))  # load 3
    high = c.fatigue_gain * c.fatigue_gain_factor * 3.0
    assert s.fatigue[0] == pytest.approx(high)
    engine.contribute(capacity, draws_for(model))  # load 1: neither tires nor rests
    assert s.fatigue[0] == pytest.approx(high)
    engine.contribute(0.5 * capacity, draws_for(model))  # load 0.5: rests a little
    assert s.fatigue[0] == pytest.approx(high - 0.5 * c.fatigue_recovery)
    for _ in range(200):  # at zero load fatigue falls to 0, never below
        engine.contribute(0.0, draws_for(model))
    assert s.fatigue[0] == 0.0
    assert np.all(s.fatigue >= 0.0)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_burnout_when_fatigue_passes_threshold_costs_trust(engine_cls):
    model = make_model(n=10)
    s = model.residents_state
    c = model.config.contribution
    engagement = np.zeros(10)
    engagement[:2] = 0.5
    quiet_contributors(model, engagement, threshold=1.0)
    s.fatigue[:2] = 0.95
    s.trust[:] = 0.6
    # overloaded: load 4 each, fatigue 0.95 + 0.45 passes the threshold
    engine_cls(model).contribute(2 * 4.0 * c.capacity_h * 0.5, draws_for(model))
    assert np.all(s.burnout_weeks_left[:2] == c.recovery_weeks)
    np.testing.assert_allclose(s.trust[:2], 0.6 * (1.0 - c.burnout_trust_loss))
    assert np.all(s.trust[2:] == 0.6)
    assert np.all(s.burnout_weeks_left[2:] == 0)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_no_burnout_below_threshold_without_hazard_draw(engine_cls):
    model = make_model(n=10)
    s = model.residents_state
    engagement = np.zeros(10)
    engagement[0] = 0.5
    quiet_contributors(model, engagement, threshold=1.0)
    s.fatigue[0] = 0.5
    engine = engine_cls(model)
    engine.contribute(3.0, draws_for(model))  # load 2: fatigue 0.65 < 1
    assert s.burnout_weeks_left[0] == 0
    # the same week with an unlucky hazard draw burns out
    u = np.ones(10)
    u[0] = 0.0
    engine.contribute(3.0, draws_for(model, burn=u))
    assert s.burnout_weeks_left[0] == model.config.contribution.recovery_weeks


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_burnout_cascade_remaining_contributors_are_asked_more(engine_cls):
    model = make_model(n=12)
    s = model.residents_state
    engagement = np.zeros(12)
    engagement[:6] = 0.6
    quiet_contributors(model, engagement, threshold=1.0)
    s.fatigue[:3] = 0.99  # three are on the edge
    asked_total = 6 * 2.0 * model.config.contribution.capacity_h * 0.6  # load 2 each
    engine = engine_cls(model)

    engine.contribute(asked_total, draws_for(model))
    assert np.all(s.burnout_weeks_left[:3] > 0) and np.all(s.burnout_weeks_left[3:6] == 0)
    before = s.asked_h[3:6].copy()
    fatigue_before = s.fatigue[3:6].copy()

    engine.contribute(asked_total, draws_for(model))
    np.testing.assert_allclose(s.asked_h[3:6], 2.0 * before)  # half the pool: twice the ask
    assert np.all(s.asked_h[:3] == 0.0)
    # and they tire faster: load 4 instead of 2
    gain = model.config.contribution.fatigue_gain
    np.testing.assert_allclose(s.fatigue[3:6] - fatigue_before, gain * 3.0)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_turnover_replaces_engagement_and_rests_but_not_while_recovering(engine_cls):
    model = make_model(n=10)
    s = model.residents_state
    quiet_contributors(model, 0.7)
    s.fatigue[:] = 0.4
    s.burnout_weeks_left[1] = 5  # recovering: no turnover draw this week
    renew = np.ones(10)
    renew[:2] = 0.0
    fresh = np.full(10, 0.05)
    engine_cls(model).contribute(0.0, draws_for(model, renew=renew, fresh=fresh))
    assert s.contributor[0] == 0.05 and s.fatigue[0] == 0.0  # a newcomer took the place
    assert s.contributor[1] == 0.7 and s.fatigue[1] == 0.4
    np.testing.assert_allclose(s.contributor[2:], 0.7)


def test_burnout_cascade_in_the_running_model():
    """Over-asking a city: once some burn out, hours asked per remaining contributor rise."""
    model = make_model(n=400, seed=9, volunteer_demand=0.6)
    s = model.residents_state
    asked_per_active = []
    for _ in range(12):
        model.step()
        asked = s.asked_h[s.asked_h > 0]
        asked_per_active.append(asked.mean() if asked.size else 0.0)
    rates = model.indicators()["burnout_rate"].to_list()
    assert rates[-1] > 0.5 > rates[0]
    # while the pool shrinks, each remaining contributor is asked more every week
    first = asked_per_active[:5]
    assert all(a < b for a, b in zip(first, first[1:], strict=False))
    assert first[-1] > 1.5 * first[0]


# --- citizens: civic time, influence ---------------------------------------------


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_civic_time_is_what_is_left_and_zero_when_burned_out(engine_cls):
    model = make_model(n=10)
    s = model.residents_state
    s.citizen[:] = 1.0
    s.orientation[:] = 1.0  # wish = civic_h_max
    wish = model.config.civic.civic_h_max
    s.free_time_h[:] = 5.0
    s.burnout_weeks_left[:] = 0
    s.gig_h[:] = [0.0, 3.0, 4.0, 5.0, 0.0, 0.0, 0.0, 1.0, 2.0, 0.0]
    s.contribution_h[:] = [0.0, 1.5, 1.0, 0.0, 5.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    s.burnout_weeks_left[5] = 3
    s.citizen[6] = 0.5
    s.orientation[9] = 0.0
    engine_cls(model).take_civic_time()
    expected = [wish, 0.5, 0.0, 0.0, 0.0, 0.0, 0.5 * wish, wish, wish, 0.5 * wish]
    np.testing.assert_allclose(s.civic_h, expected)
    assert np.all(s.gig_h + s.contribution_h + s.civic_h <= s.free_time_h + 1e-12)


def _isolate_influence(model: CityModel) -> None:
    """No commercial use and no memory pull: only the neighbours move orientation."""
    s = model.residents_state
    s.provider[:] = NO_PROVIDER
    s.orientation_initial[:] = s.orientation


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_orientation_moves_towards_neighbours_mean(engine_cls):
    model = make_model(n=60, seed=10)
    s = model.residents_state
    s.orientation[:] = np.random.default_rng(0).random(s.n)
    _isolate_influence(model)
    before = (s.orientation.copy(), s.trust.copy())
    nb_mean = np.array([before[0][model.network.neighbours_of(i)].mean() for i in range(s.n)])
    engine_cls(model).be_influenced(model.open_market(), before, 1.0, 1.0)
    w = model.config.civic.social_influence_w
    np.testing.assert_allclose(s.orientation, before[0] + w * (nb_mean - before[0]), rtol=1e-12)
    moved = s.orientation - before[0]
    gap = nb_mean - before[0]
    assert np.all(np.sign(moved) == np.sign(gap))
    assert np.all(np.abs(moved) < np.abs(gap))  # towards the mean, not past it


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_commercial_use_pulls_towards_consumer_pole(engine_cls):
    model = make_model(n=40, seed=11)
    s = model.residents_state
    s.orientation[:] = 0.6
    s.orientation_initial[:] = 0.6
    s.provider[:] = NO_PROVIDER
    commercial = [p.index for p in model.platforms if p.kind == "commercial"]
    commercial_sector = {platform_.sector_index: platform_.index for platform_ in model.platforms
                         if platform_.index in commercial}
    for k, j in commercial_sector.items():
        s.provider[: s.n // 2, k] = j  # half use every commercial platform they can
    before = (s.orientation.copy(), s.trust.copy())
    engine_cls(model).be_influenced(model.open_market(), before, 1.0, 1.0)
    assert np.all(s.orientation[: s.n // 2] < 0.6)
    np.testing.assert_allclose(s.orientation[s.n // 2 :], 0.6)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_trust_follows_coverage_control_and_voice(engine_cls):
    model = make_model(n=40, seed=12)
    s = model.residents_state
    _isolate_influence(model)
    s.trust[:] = 0.5  # neighbours agree: only the target moves trust
    s.civic_h[:] = 0.0
    s.civic_h[::2] = 1.0
    engine = engine_cls(model)
    engine.be_influenced(model.open_market(), (s.orientation.copy(), s.trust.copy()), 1.0, 1.0)
    assert np.all(s.trust[::2] > 0.5)  # full coverage, control and voice: trust rises
    s.trust[:] = 0.5
    engine.be_influenced(model.open_market(), (s.orientation.copy(), s.trust.copy()), 0.0, 0.0)
    assert np.all(s.trust[1::2] < 0.5)  # nothing works and no voice: trust falls
    assert np.all((s.trust >= 0.0) & (s.trust <= 1.0))


# --- the social network ------------------------------------------------------------


def _edges(net) -> set[tuple[int, int]]:
    n = net.indptr.size - 1
    return {(i, int(j)) for i in range(n) for j in net.neighbours_of(i)}


@pytest.mark.parametrize("n, degree, rewire", [(50, 4, 0.1), (300, 8, 0.1), (200, 6, 1.0),
                                               (10, 8, 0.3)])
def test_small_world_is_symmetric_without_self_loops(n, degree, rewire):
    net = small_world(n, degree, rewire, np.random.default_rng(1))
    edges = _edges(net)
    assert all((j, i) in edges for i, j in edges)
    assert all(i != j for i, j in edges)
    for i in range(n):  # no duplicate neighbours, sorted rows
        row = net.neighbours_of(i)
        assert np.all(np.diff(row) > 0)
    assert net.neighbours.min() >= 0 and net.neighbours.max() < n


def test_small_world_ring_has_exact_degree_and_rewiring_keeps_mean_degree():
    ring = small_world(100, 8, 0.0, np.random.default_rng(0))
    assert np.all(ring.degree == 8)
    assert _edges(ring) == {(i, (i + d) % 100) for i in range(100) for d in (-4, -3, -2, -1,
                                                                             1, 2, 3, 4)}
    net = small_world(2000, 8, 0.1, np.random.default_rng(0))
    assert 7.9 <= net.degree.mean() <= 8.0  # only rare duplicate edges are dropped
    assert net.degree.min() >= 1
    assert net.degree.std() > 0  # rewiring did something
    # small world: some links jump far along the ring
    rows = np.repeat(np.arange(2000), net.degree)
    ring_distance = np.minimum(np.abs(rows - net.neighbours), 2000 - np.abs(rows - net.neighbours))
    far = (ring_distance > 4).mean()
    assert 0.05 < far < 0.15


def test_small_world_same_seed_same_network_different_seed_different():
    a = small_world(500, 8, 0.1, np.random.default_rng(42))
    b = small_world(500, 8, 0.1, np.random.default_rng(42))
    c = small_world(500, 8, 0.1, np.random.default_rng(43))
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.neighbours, b.neighbours)
    assert not (np.array_equal(a.indptr, c.indptr) and np.array_equal(a.neighbours, c.neighbours))
    # and the model's network follows the model's seed
    m1, m2 = make_model(n=100, seed=5), make_model(n=100, seed=5)
    assert np.array_equal(m1.network.neighbours, m2.network.neighbours)


def test_neighbour_mean_matches_a_plain_loop():
    net = small_world(80, 6, 0.3, np.random.default_rng(3))
    values = np.random.default_rng(4).random(80)
    expected = [values[net.neighbours_of(i)].mean() for i in range(80)]
    np.testing.assert_allclose(net.neighbour_mean(values), expected, rtol=1e-12)


def _ring_with_isolated(n: int, isolated: int) -> SocialNetwork:
    """A ring of ``n`` residents where ``isolated`` has no neighbour at all."""
    rows = []
    for i in range(n):
        nb = [] if i == isolated else sorted({(i - 1) % n, (i + 1) % n} - {isolated})
        rows.append(nb)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    return SocialNetwork(indptr=indptr, neighbours=np.array(sum(rows, []), dtype=np.int32))


def test_neighbour_mean_isolated_resident_in_the_middle_keeps_own_value():
    net = _ring_with_isolated(6, 2)
    values = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
    means = net.neighbour_mean(values)
    assert means[2] == 0.3
    assert means[1] == pytest.approx(0.1)  # its only neighbour left is 0
    assert means[0] == pytest.approx((0.6 + 0.2) / 2)


def test_neighbour_mean_isolated_last_resident_keeps_own_value():
    net = _ring_with_isolated(6, 5)
    values = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
    assert net.neighbour_mean(values)[5] == 0.6


def test_isolated_resident_influence_is_the_same_in_both_engines():
    results = []
    for engine_cls in ENGINES:
        model = make_model(n=10, seed=0)
        model.network = _ring_with_isolated(10, 4)
        s = model.residents_state
        s.provider[:] = NO_PROVIDER
        before = (s.orientation.copy(), s.trust.copy())
        s.trust[4] *= 0.7  # burned out this week, after the copies were taken
        engine_cls(model).be_influenced(model.open_market(), before, 1.0, 1.0)
        results.append((s.orientation.copy(), s.trust.copy()))
    (o_fast, t_fast), (o_slow, t_slow) = results
    np.testing.assert_allclose(o_fast, o_slow, rtol=1e-12)
    np.testing.assert_allclose(t_fast, t_slow, rtol=1e-12)


# --- the authority -------------------------------------------------------------------


def test_authority_reads_threat_against_its_thresholds():
    model = make_model()
    a = model.config.authority
    read = model.authority.read
    assert read(0.95) == "risk"
    assert read(a.risk_threshold) == "risk"
    assert read((a.risk_threshold + a.tension_threshold) / 2) == "tension"
    assert read(a.tension_threshold) == "tension"
    assert read(0.05) == "opportunity"
    assert read(0.0) == "opportunity"


def test_authority_reads_high_threat_platform_as_risk_and_low_as_opportunity():
    model = make_model(n=20)
    n = model.config.n_residents
    high, low = platform(model, "RideNow"), platform(model, "OpenStreetMap")
    high.data_intensity = high.rule_defiance = high.own_representation = 1.0
    high.public_dependence = high.social_score = 0.0
    high.capital_eur, high.users = 1e12, n
    low.data_intensity = low.rule_defiance = low.own_representation = 0.0
    low.public_dependence = 1.0
    low.capital_eur, low.users = 0.0, 0
    for _ in range(300):
        high.update()
        low.update()
    assert high.threat >= model.config.authority.risk_threshold
    assert low.threat < model.config.authority.tension_threshold
    assert high.reading == "risk"
    assert low.reading == "opportunity"
    for p in (high, low):
        assert all(0.0 <= p.criteria[c] <= 1.0 for c in CRITERIA)
    # a platform's threat is offset by its social score
    high.social_score = 1.0
    assert high.threat == 0.0 and high.reading == "opportunity"
    high.social_score = 0.0

    model.authority.update(hours_given=0.0, mean_trust=0.5)
    assert model.authority.sector_reading["mobility"] == "risk"
    # mapping reads as its most destabilising platform: GlobalMaps, not OpenStreetMap
    maps = platform(model, "GlobalMaps")
    assert model.authority.sector_threat["mapping"] == pytest.approx(max(maps.threat, low.threat))
    assert 0.0 <= model.authority.risk_share <= 1.0
    assert sum(model.authority.reading_counts().values()) == len(model.config.sectors)


def test_sector_ignores_platform_not_yet_entered():
    model = make_model(n=20, overrides={"platforms.RideNow.entry_week": 10})
    ride = platform(model, "RideNow")
    ride.criteria = dict.fromkeys(CRITERIA, 1.0)
    assert ride.threat == pytest.approx(1.0)
    model.authority.update(0.0, 0.5)
    assert model.authority.sector_reading["mobility"] == "opportunity"
    assert model.authority.sector_threat["mobility"] == 0.0
    model.week = 10
    model.authority.update(0.0, 0.5)
    assert model.authority.sector_reading["mobility"] == "risk"


def test_authority_coverage_is_given_over_asked():
    model = make_model(n=100, volunteer_demand=0.2)
    asked = model.authority.asked_total_h
    assert asked == pytest.approx(20.0)
    model.authority.update(hours_given=5.0, mean_trust=0.4)
    assert model.authority.coverage == pytest.approx(0.25)
    assert model.authority.legitimacy == 0.4
    model.authority.update(hours_given=50.0, mean_trust=0.4)
    assert model.authority.coverage == 1.0


# --- indicators ----------------------------------------------------------------------


def test_gini_of_equal_values_is_zero_and_of_one_holder_is_maximal():
    assert gini(np.full(50, 7.3)) == pytest.approx(0.0, abs=1e-12)
    assert gini(np.zeros(10)) == 0.0
    one = np.zeros(100)
    one[17] = 5.0
    assert gini(one) == pytest.approx(0.99)  # (n - 1) / n
    assert gini(np.array([1.0, 3.0])) == pytest.approx(0.25)
    x = np.random.default_rng(0).lognormal(size=500)
    assert gini(x) == pytest.approx(gini(np.random.default_rng(1).permutation(x)))  # order-free
    assert gini(x * 10) == pytest.approx(gini(x))  # scale-free
    assert 0.0 < gini(x) < 1.0


def test_top_share_of_concentrated_and_equal_vectors():
    concentrated = np.zeros(100)
    concentrated[:10] = 1.0
    assert top_share(concentrated) == pytest.approx(1.0)
    concentrated[10:] = 1.0 / 90  # the other 90 hold as much as one of the top ten
    assert top_share(concentrated) == pytest.approx(10.0 / 11.0)
    assert top_share(np.full(100, 2.0)) == pytest.approx(0.1)
    assert top_share(np.full(100, 2.0), fraction=0.25) == pytest.approx(0.25)
    assert top_share(np.zeros(20)) == 0.0
    assert top_share(np.array([0.0, 0.0, 3.0])) == pytest.approx(1.0)  # at least one entry


def test_weekly_indicators_match_the_state():
    model = make_model(n=300, seed=13, volunteer_demand=0.3)
    model.run(6)
    row = model.indicators().row(-1, named=True)
    s = model.residents_state
    assert row["week"] == 5
    assert row["trust_mean"] == pytest.approx(s.trust.mean())
    assert row["citizen_orientation_mean"] == pytest.approx(s.orientation.mean())
    assert row["contribution_coverage"] == pytest.approx(
        s.contribution_h.sum() / model.authority.asked_total_h)
    assert row["active_contributor_share"] == pytest.approx((s.contribution_h > 0).mean())
    assert row["income_gini"] == pytest.approx(gini(s.base_income_eur + s.earnings_eur))
    assert row["gig_worker_share"] == pytest.approx((s.gig_h > 0).mean())
    assert math.isclose(row["worker_pay_eur_per_resident"] * s.n, s.earnings_eur.sum(), rel_tol=1e-9,
                        abs_tol=1e-9)
