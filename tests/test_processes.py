"""Unit tests of each weekly process, one at a time, on small hand-set states.

Every process is tested through both engines: `VectorizedEngine` runs the
column kernels (`kernels.py`), `ReferenceEngine` loops over the `Resident`
methods (the reference rules). Each test sets the arrays of
``model.residents_state`` by hand, feeds fixed draws and checks behaviour that
a wrong rule would break.

The residents' week (issue "Residents I"): consumers pick providers, and the time
they take; the services ask; each resident shares the hours left between gig work,
volunteering, civic life and rest; contributors accept up to their share and the
declined hours are asked again; workers offer their share; fatigue, burn-out and
recovery follow what was given; citizens take their share of what is left.

Residents II: volunteering spreads and stops along ties (recruitment by neighbours who
gave hours last week, withdrawal when neighbours burned out or withdrew recently); word
of mouth in provider choice; a share of declined hours handed on to the decliner's
neighbours with room; trust in the authority weighs in volunteering, civic time,
debates and votes (when `civic.trust_behaviour`), and a request a resident could not
meet or unpaid waiting on its platform lower the trust it converges to.
"""

from __future__ import annotations

import math
from dataclasses import fields

import numpy as np
import pytest

from simulation import CityModel, load_scenario
from simulation.civic import Ballot, hold_debate, hold_vote
from simulation.engines import ReferenceEngine, VectorizedEngine, WeekDraws
from simulation.indicators import gini, top_share
from simulation.network import SocialNetwork, small_world
from simulation.registry import CRITERIA
from simulation.residents import FLOWS, NO_PROVIDER, TRAITS, YEAR_WEEKS, LastWeek, ResidentState, draw_people
from simulation.rules import Debate
from simulation.streams import Process

ENGINES = [VectorizedEngine, ReferenceEngine]
ENGINE_IDS = ["kernel", "reference"]


# --- helpers -----------------------------------------------------------------


def make_model(n: int = 20, seed: int = 0, overrides: dict | None = None, **flat) -> CityModel:
    """A small city; ``overrides`` are dotted-path scenario overrides."""
    config = load_scenario()
    if overrides:
        config = config.with_overrides(overrides)
    return CityModel(config, rng=seed, n_residents=n, **flat)


def draws_for(model: CityModel, *, choice=None, switch=None, job=None, burn=None, move=None,
              newcomers=None, recruit=None, withdraw=None, call=None) -> WeekDraws:
    """Fixed draws: by default nobody moves, is recruited or withdraws, no switching, no hazard
    burn-out (``burn``: one row per fatigue sub-step, or one row for all of them), and, with episodes,
    everyone whose propensity is above 0 answers the call."""
    cfg = model.config
    n, n_sectors = cfg.n_residents, len(cfg.sectors)
    if burn is not None:
        burn = np.broadcast_to(np.atleast_2d(burn), (cfg.contribution.substeps, n)).copy()
    full = lambda value: np.full(n, value, dtype=float)  # noqa: E731
    move = np.array([], dtype=np.int64) if move is None else np.asarray(move, dtype=np.int64)
    return WeekDraws(
        move=move,
        newcomers=draw_people(cfg, np.random.default_rng(0), move.size) if newcomers is None else newcomers,
        recruit=full(1.0) if recruit is None else np.asarray(recruit, dtype=float),
        withdraw=full(1.0) if withdraw is None else np.asarray(withdraw, dtype=float),
        choice=np.full((n, n_sectors), 0.5) if choice is None else choice,
        switch=full(1.0) if switch is None else switch,
        job=full(0.5) if job is None else job,
        burn=np.ones((cfg.contribution.substeps, n)) if burn is None else burn,
        call=full(0.0) if call is None else np.asarray(call, dtype=float),
    )


def last_week(model: CityModel) -> LastWeek:
    """What neighbours know of each other at the start of ``model.week`` (taken as the model does)."""
    return LastWeek.take(model.residents_state, model.week, model.config.civic.withdrawal_memory_weeks)


def unknown_week(model: CityModel) -> LastWeek:
    """A last week with nothing for neighbours to pass on: nobody used a provider, worked for a
    platform, volunteered, burned out or withdrew (word of mouth and ties then change nothing)."""
    s = model.residents_state
    return LastWeek(provider=np.full_like(s.provider, NO_PROVIDER), working=np.full(s.n, NO_PROVIDER, dtype=np.int32),
                    active=np.zeros(s.n, dtype=bool), lost=np.zeros(s.n, dtype=bool), contributor=s.contributor.copy())


def no_waiting(model: CityModel) -> np.ndarray:
    """No platform's couriers waited unpaid this week."""
    return np.zeros(len(model.config.platforms))


def platform(model: CityModel, name: str):
    return next(p for p in model.platforms if p.name == name)


def sector_index(model: CityModel, name: str) -> int:
    return [s.name for s in model.config.sectors].index(name)


def quiet_contributors(model: CityModel, engagement, *, discretionary: float = 40.0,
                       threshold: float = 100.0) -> ResidentState:
    """Reset the contribution state: given engagements, no fatigue, nobody burned out, no other
    use of time competing (no gig work, no civic pull, no services consumed last week)."""
    s = model.residents_state
    s.contributor[:] = engagement
    s.fatigue[:] = 0.0
    s.burnout_weeks_left[:] = 0
    s.burnout_threshold[:] = threshold
    s.discretionary_h[:] = discretionary
    s.crowded_out[:] = False
    s.heard_weeks_left[:] = 0
    s.trust[:] = 0.5
    s.worker[:] = 0.0
    s.work_sector[:] = -1
    s.citizen[:] = 0.0
    for name in FLOWS:
        getattr(s, name)[:] = 0.0
    return s


def time_sharers(model: CityModel, *, discretionary: float = 40.0) -> ResidentState:
    """Identical residents with every use of time open: a delivery worker at its reservation wage, a
    contributor and a citizen, each at half engagement, neutral trust, fresh, nothing consumed."""
    s = quiet_contributors(model, 0.5, discretionary=discretionary, threshold=1.0)
    s.worker[:] = 0.5
    s.work_sector[:] = sector_index(model, "delivery")
    s.work_platform[:] = NO_PROVIDER
    s.reservation_wage_eur_h[:] = 10.0
    s.expected_pay_eur_h[:] = 10.0
    s.citizen[:] = 0.5
    s.orientation[:] = 0.5
    return s


def allocate(engine, model: CityModel, asked_total_h: float = 0.0) -> None:
    """Residents take the call, the services ask and residents share their hours (no answer yet)."""
    engine.take_the_call(draws_for(model))
    engine.ask_and_allocate(model.open_market(), asked_total_h)


def ask_and_answer(engine, model: CityModel, asked_total_h: float) -> None:
    allocate(engine, model, asked_total_h)
    engine.answer()


def volunteer_week(engine, model: CityModel, asked_total_h: float, draws: WeekDraws | None = None) -> None:
    """Ask, share, answer (re-asks included), then tire or recover."""
    ask_and_answer(engine, model, asked_total_h)
    engine.tire_or_recover(draws if draws is not None else draws_for(model))


def give(engine, model: CityModel, hours, asked=None, draws: WeekDraws | None = None) -> None:
    """Hand-set what each resident was asked and gave this week, then tire or recover."""
    s = model.residents_state
    s.contribution_h[:] = hours
    s.asked_h[:] = hours if asked is None else asked
    engine.tire_or_recover(draws if draws is not None else draws_for(model))


def graph(n: int, edges: list[tuple[int, int]]) -> SocialNetwork:
    """An undirected network of ``n`` residents with the given ties (CSR, rows sorted)."""
    rows: list[set[int]] = [set() for _ in range(n)]
    for a, b in edges:
        rows[a].add(b)
        rows[b].add(a)
    indptr = np.cumsum([0] + [len(r) for r in rows]).astype(np.int64)
    return SocialNetwork(indptr=indptr, neighbours=np.array([j for r in rows for j in sorted(r)], dtype=np.int32))


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
        engine.choose_providers(model.open_market(), draws_for(model, choice=u), unknown_week(model))
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
        engine.choose_providers(model.open_market(), draws_for(model, choice=u), unknown_week(model))
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
                                                           .random((s.n, 6))), unknown_week(model))
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


def _twins(model: CityModel) -> tuple[ResidentState, int]:
    """Residents ``i`` and ``i + half`` alike in everything a choice reads (draws included, see callers)."""
    s = model.residents_state
    half = s.n // 2
    for name in ("orientation", "literacy", "consumer"):
        column = getattr(s, name)
        column[half:] = column[:half]
    s.discretionary_h[:] = 40.0
    for name in FLOWS:
        getattr(s, name)[:] = 0.0
    return s, half


def _busy_last_week(s: ResidentState, rows: slice) -> None:
    """35 of 40 discretionary hours used last week, by every use of time."""
    s.consumption_h[rows], s.gig_h[rows], s.contribution_h[rows], s.civic_h[rows] = 2.0, 20.0, 10.0, 3.0


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_busier_residents_pick_the_time_saving_digital_provider_more(engine_cls):
    model = make_model(n=1000, seed=14)
    s, half = _twins(model)
    _busy_last_week(s, slice(half, None))  # the second twin had 5 free hours last week, the first 40
    u = np.random.default_rng(9).random((half, len(model.config.sectors)))
    market = model.open_market()
    assert all(market.time_per_use_h[j] < market.offline_time_h[k]
               for k in range(market.n_sectors) for j in market.choice_sets[k])  # digital saves time
    engine_cls(model).choose_providers(market, draws_for(model, choice=np.vstack([u, u])), unknown_week(model))
    digital = s.provider != NO_PROVIDER
    # same draw, dearer time: where the relaxed twin goes digital, so does the busy one ...
    assert np.all(digital[half:] >= digital[:half])
    # ... and in every sector with time to save, more busy residents go digital
    for k in range(market.n_sectors):
        assert digital[half:, k].sum() > digital[:half, k].sum(), model.config.sectors[k].name
    # so services take them less time
    assert np.all(s.consumption_h[half:] <= s.consumption_h[:half] + 1e-12)
    assert s.consumption_h[half:].sum() < 0.95 * s.consumption_h[:half].sum()


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_consumption_time_is_uses_times_the_time_per_use_of_the_chosen_option(engine_cls):
    model = make_model(n=400, seed=15, overrides={"platforms.QuickEats.time_per_use_h": 0.3})
    s = model.residents_state
    market = model.open_market()
    delivery = sector_index(model, "delivery")
    quick, coop = platform(model, "QuickEats"), platform(model, "BikeCoop")
    # a platform's own time per use, else its sector's digital time
    assert market.time_per_use_h[quick.index] == 0.3
    assert market.time_per_use_h[coop.index] == model.config.sectors[delivery].digital_time_h
    u = np.random.default_rng(2).random((s.n, market.n_sectors))
    engine_cls(model).choose_providers(market, draws_for(model, choice=u), unknown_week(model))
    expected = np.zeros(s.n)
    for k in range(market.n_sectors):
        chosen = s.provider[:, k]
        per_use = np.where(chosen == NO_PROVIDER, market.offline_time_h[k],
                           market.time_per_use_h[np.maximum(chosen, 0)])
        expected += s.consumer * market.uses_per_week[k] * per_use
    np.testing.assert_allclose(s.consumption_h, expected, rtol=1e-12)
    used = set(s.provider[:, delivery].tolist())
    assert {NO_PROVIDER, quick.index, coop.index} <= used  # every option was chosen by some
    # every use offline (u = 0 picks the outside option): the sectors' offline times
    engine_cls(model).choose_providers(market, draws_for(model, choice=np.zeros_like(u)), unknown_week(model))
    assert np.all(s.provider == NO_PROVIDER)
    np.testing.assert_allclose(s.consumption_h, s.consumer * (market.uses_per_week @ market.offline_time_h))


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_no_consumption_time_nor_time_price_when_uses_do_not_compete(engine_cls):
    model = make_model(n=1000, seed=14, overrides={"time.competition": False})
    s, half = _twins(model)
    _busy_last_week(s, slice(half, None))
    u = np.random.default_rng(9).random((half, len(model.config.sectors)))
    engine_cls(model).choose_providers(model.open_market(), draws_for(model, choice=np.vstack([u, u])),
                                       unknown_week(model))
    assert np.all(s.consumption_h == 0.0)
    np.testing.assert_array_equal(s.provider[half:], s.provider[:half])  # busy or not, the same choices
    assert (s.provider != NO_PROVIDER).any() and np.all(s.traces >= 0.0) and s.traces.sum() > 0.0


GROUPS = 6
"""Word-of-mouth groups: 0 to 4 of a resident's 4 neighbours used the coop last week; in the sixth,
one of them rides for it (and none used it)."""


def _word_of_mouth_city(model: CityModel, m: int) -> tuple[ResidentState, LastWeek, int]:
    """``GROUPS`` groups of ``m`` residents alike in everything a choice reads (draws included, see
    callers), each resident tied to its group's four informants only; returns the state, what the
    informants did last week (nobody else used or worked for anything) and the coop's index."""
    s = model.residents_state
    informants = GROUPS * m
    model.network = graph(s.n, [(g * m + i, informants + 4 * g + k)
                                for g in range(GROUPS) for i in range(m) for k in range(4)])
    for name in ("orientation", "literacy", "consumer"):
        column = getattr(s, name)
        column[m:informants] = np.tile(column[:m], GROUPS - 1)
    s.discretionary_h[:] = 40.0
    for name in FLOWS:
        getattr(s, name)[:] = 0.0
    coop = platform(model, "BikeCoop").index
    before = unknown_week(model)
    delivery = sector_index(model, "delivery")
    for used in range(5):
        before.provider[informants + 4 * used : informants + 4 * used + used, delivery] = coop
    before.working[informants + 4 * 5] = coop
    return s, before, coop


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_word_of_mouth_favours_what_neighbours_used_and_where_they_work(engine_cls):
    m = 200
    use_w, work_w = 1.2, 2.0  # distinct weights: a rule that swapped them would break the equalities
    choices = {}
    for word in (True, False):
        model = make_model(n=GROUPS * m + 4 * GROUPS, seed=22, overrides={
            "consumption.word_of_mouth": word, "consumption.neighbour_use_weight": use_w,
            "consumption.neighbour_work_weight": work_w})
        s, before, coop = _word_of_mouth_city(model, m)
        market = model.open_market()
        u = np.random.default_rng(10).random((m, market.n_sectors))
        draws = draws_for(model, choice=np.vstack([np.tile(u, (GROUPS, 1)), np.full((4 * GROUPS, market.n_sectors),
                                                                                    0.5)]))
        engine_cls(model).choose_providers(market, draws, before)
        choices[word] = s.provider[: GROUPS * m].reshape(GROUPS, m, -1).copy()
        if not word:  # the same choices again, with the coop's quality raised by what word of mouth adds
            shifted = {}
            for name, shift in (("used_by_2", use_w * 2 / 4), ("works_1", work_w * 1 / 4)):
                s.consumption_h[:] = 0.0  # last week's time for services, as in the first choice
                market = model.open_market()
                market.quality[coop] += shift
                engine_cls(model).choose_providers(market, draws, before)
                shifted[name] = s.provider[:m].copy()
    delivery = sector_index(model, "delivery")
    on, off = choices[True], choices[False]
    picks_coop = on[:, :, delivery] == coop
    counts = picks_coop.sum(axis=1)
    # more neighbours who used it last week: chosen more, and never less by the same resident
    assert np.all(np.diff(counts[:5]) > 0), counts
    assert np.all(picks_coop[1:5] >= picks_coop[:4])
    assert counts[4] > counts[0] + 0.1 * m
    # a neighbour who rides for it: chosen more than when no neighbour has anything to say
    assert counts[5] > counts[0] and np.all(picks_coop[5] >= picks_coop[0])
    # the rule: weight x the share of neighbours, added to the provider's utility
    np.testing.assert_array_equal(on[2], shifted["used_by_2"])
    np.testing.assert_array_equal(on[5], shifted["works_1"])
    # other sectors: nobody's neighbour used or worked for anything there, choices as without a word
    others = [k for k in range(on.shape[2]) if k != delivery]
    np.testing.assert_array_equal(on[:, :, others], off[:, :, others])
    # switched off: what neighbours did changes nothing
    for g in range(1, GROUPS):
        np.testing.assert_array_equal(off[g], off[0])
    np.testing.assert_array_equal(off[0], on[0])  # nothing to say: the same as without word of mouth


# --- the week's hours: shares of gig work, volunteering, civic life and rest --------


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_higher_expected_pay_raises_gig_share_and_lowers_volunteering(engine_cls):
    model = make_model(n=12)
    s = time_sharers(model, discretionary=30.0)
    s.worker[:] = s.contributor[:] = 1.0  # gig cap 45 h: above the 30 h to share
    engine = engine_cls(model)
    # at the reservation wage gig work weighs its engagement, as volunteering does at neutral trust
    allocate(engine, model)
    np.testing.assert_allclose(s.gig_willing_h, s.contribution_willing_h, rtol=1e-12)
    s.expected_pay_eur_h[:] = np.linspace(2.0, 30.0, s.n)
    allocate(engine, model)
    assert np.all(np.diff(s.gig_willing_h) > 0)
    assert np.all(np.diff(s.contribution_willing_h) < 0)  # the same resident, better paid: volunteers less
    assert np.all(np.diff(s.civic_willing_h) <= 0)
    assert s.gig_willing_h[0] < 0.05 * 30.0 and s.gig_willing_h[-1] > 0.95 * 30.0


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_recognition_and_trust_raise_volunteering_at_the_other_uses_expense(engine_cls):
    model = make_model(n=10)
    s = time_sharers(model, discretionary=4.0)  # civic share under its cap
    engine = engine_cls(model)
    allocate(engine, model)
    gig, con, civ = s.gig_willing_h.copy(), s.contribution_willing_h.copy(), s.civic_willing_h.copy()
    assert np.all(civ < s.citizen * (0.5 + 0.5 * s.orientation) * model.config.civic.civic_h_max)
    model.authority.programme.recognition = 0.8
    allocate(engine, model)
    assert np.all(s.contribution_willing_h > con)
    assert np.all(s.gig_willing_h < gig) and np.all(s.civic_willing_h < civ)
    # trust in the authority: a trusted ask weighs more
    model.authority.programme.recognition = 0.0
    s.trust[:] = np.linspace(0.0, 1.0, s.n)
    allocate(engine, model)
    assert np.all(np.diff(s.contribution_willing_h) > 0) and np.all(np.diff(s.gig_willing_h) < 0)
    # being heard (a project it voted for was funded) draws civic time
    s.trust[:] = 0.5
    s.heard_weeks_left[::2] = 3
    allocate(engine, model)
    assert np.all(s.civic_willing_h[::2] > s.civic_willing_h[1::2])
    assert np.all(s.contribution_willing_h[::2] < s.contribution_willing_h[1::2])


@pytest.mark.parametrize("trusting", [True, False])
@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_trust_weighs_in_volunteering_and_civic_shares_only_when_it_changes_behaviour(engine_cls, trusting):
    model = make_model(n=11, overrides={"civic.trust_behaviour": trusting})
    s = time_sharers(model, discretionary=2.0)  # civic share under its cap
    s.trust[:] = np.linspace(0.0, 1.0, s.n)
    allocate(engine_cls(model), model)
    assert np.all(s.civic_willing_h < s.citizen * (0.5 + 0.5 * s.orientation) * model.config.civic.civic_h_max)
    # gig work's weight does not read trust: against it, each share is its weight, here against the
    # resident of neutral trust (the sixth)
    con = s.contribution_willing_h / s.gig_willing_h
    civ = s.civic_willing_h / s.gig_willing_h
    con, civ = con / con[5], civ / civ[5]
    trust_term = s.trust - 0.5 if trusting else np.zeros(s.n)
    np.testing.assert_allclose(con, np.exp(model.config.time.trust_weight * trust_term), rtol=1e-12)
    np.testing.assert_allclose(civ, np.exp(model.config.civic.trust_participation_weight * trust_term), rtol=1e-12)
    if trusting:
        assert np.all(np.diff(s.contribution_willing_h) > 0) and np.all(np.diff(s.civic_willing_h) > 0)
    else:  # trust still differs, nobody acts on it
        for name in ("gig_willing_h", "contribution_willing_h", "civic_willing_h"):
            np.testing.assert_allclose(getattr(s, name), getattr(s, name)[0], rtol=1e-12, err_msg=name)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_fatigue_and_overload_lower_volunteering_willingness(engine_cls):
    model = make_model(n=10)
    s = time_sharers(model)  # burn-out threshold 1
    engine = engine_cls(model)
    s.fatigue[:] = np.linspace(0.0, 0.9, s.n)
    allocate(engine, model)
    assert np.all(np.diff(s.contribution_willing_h) < 0)
    assert np.all(np.diff(s.gig_willing_h) > 0)  # the hours freed go elsewhere
    # overload: a request above capacity weighs against volunteering, one within it does not
    s.fatigue[:] = 0.0
    capacity = model.config.contribution.capacity_h * 0.5
    willing = {}
    for load in (0.0, 0.5, 1.0, 2.0, 4.0):
        allocate(engine, model, load * capacity * s.n)
        np.testing.assert_allclose(s.asked_h, load * capacity)
        willing[load] = s.contribution_willing_h.copy()
    np.testing.assert_allclose(willing[0.5], willing[0.0], rtol=1e-12)
    np.testing.assert_allclose(willing[1.0], willing[0.0], rtol=1e-12)
    assert np.all(willing[2.0] < willing[1.0]) and np.all(willing[4.0] < willing[2.0])


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_burned_out_resident_gets_no_contribution_or_civic_share(engine_cls):
    model = make_model(n=10)
    s = time_sharers(model, discretionary=4.0)
    s.burnout_weeks_left[:3] = 5
    allocate(engine_cls(model), model, 10.0)
    assert np.all(s.asked_h[:3] == 0.0)
    assert np.all(s.contribution_willing_h[:3] == 0.0) and np.all(s.civic_willing_h[:3] == 0.0)
    assert np.all(s.contribution_willing_h[3:] > 0.0) and np.all(s.civic_willing_h[3:] > 0.0)
    assert s.gig_willing_h[:3].min() > s.gig_willing_h[3:].max()  # its hours go to what is left: gig work, rest


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_gig_share_is_capped_by_engagement_and_civic_share_by_the_wish(engine_cls):
    model = make_model(n=10)
    s = time_sharers(model, discretionary=80.0)
    s.worker[:5] = np.linspace(0.2, 1.0, 5)
    s.expected_pay_eur_h[:5] = 30.0  # three times the reservation wage: gig work wants nearly everything
    s.worker[5:] = s.contributor[5:] = 0.0
    s.citizen[5:] = 1.0
    s.orientation[5:] = np.linspace(0.0, 1.0, 5)
    s.heard_weeks_left[5:] = 2  # being heard: civic life wants most of the hours
    allocate(engine_cls(model), model)
    cap = s.worker * model.config.labour.gig_h_max
    wish = s.citizen * (0.5 + 0.5 * s.orientation) * model.config.civic.civic_h_max
    np.testing.assert_allclose(s.gig_willing_h[:5], cap[:5], rtol=1e-12)
    np.testing.assert_allclose(s.civic_willing_h[5:], wish[5:], rtol=1e-12)
    assert np.all(s.gig_willing_h[5:] == 0.0)  # not a worker: no gig share
    assert np.all(s.gig_willing_h <= cap + 1e-12) and np.all(s.civic_willing_h <= wish + 1e-12)


def _mixed_residents(model: CityModel, seed: int) -> ResidentState:
    """A varied population: some workers, contributors and citizens, some tired, heard or burned out."""
    rng = np.random.default_rng(seed)
    s = model.residents_state
    n = s.n
    s.discretionary_h[:] = rng.uniform(2.0, 80.0, n)
    s.consumption_h[:] = rng.uniform(0.0, 2.0, n)
    s.worker[:] = np.where(rng.random(n) < 0.5, rng.uniform(0.3, 1.0, n), 0.0)
    s.work_sector[:] = np.where(s.worker > 0, sector_index(model, "delivery"), -1)
    s.reservation_wage_eur_h[:] = 10.0
    s.expected_pay_eur_h[:] = rng.uniform(4.0, 30.0, n)
    s.contributor[:] = rng.random(n)
    s.citizen[:] = rng.random(n)
    s.orientation[:] = rng.random(n)
    s.trust[:] = rng.random(n)
    s.burnout_threshold[:] = 1.0
    s.fatigue[:] = rng.uniform(0.0, 1.0, n)
    s.burnout_weeks_left[:] = np.where(rng.random(n) < 0.1, 4, 0)
    s.heard_weeks_left[:] = np.where(rng.random(n) < 0.3, 2, 0)
    return s


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_competing_uses_share_the_hours_available_and_separate_ones_each_see_them_all(engine_cls):
    willing = ("gig_willing_h", "contribution_willing_h", "civic_willing_h")
    for competition in (True, False):
        model = make_model(n=300, seed=16, overrides={"time.competition": competition})
        s = _mixed_residents(model, seed=4)
        engine = engine_cls(model)
        allocate(engine, model, 0.3 * s.n)
        hours = s.discretionary_h - s.consumption_h
        total = s.gig_willing_h + s.contribution_willing_h + s.civic_willing_h
        for name in willing:
            assert np.all(getattr(s, name) >= 0.0) and np.all(getattr(s, name) <= hours + 1e-9), name
        before = {name: getattr(s, name).copy() for name in willing}
        s.expected_pay_eur_h[:] *= 2.0  # gig work pays more: only its weight changes
        allocate(engine, model, 0.3 * s.n)
        workers = (s.worker > 0) & (s.gig_willing_h < s.worker * model.config.labour.gig_h_max)
        assert np.all(s.gig_willing_h[workers] > before["gig_willing_h"][workers])
        if competition:
            assert np.all(total <= hours + 1e-9)  # one budget
            others = workers & (before["contribution_willing_h"] > 0)
            assert others.sum() > 10
            assert np.all(s.contribution_willing_h[others] < before["contribution_willing_h"][others])
        else:
            assert (total > hours).any()  # each use sees all the hours as if it were alone
            for name in ("contribution_willing_h", "civic_willing_h"):
                np.testing.assert_array_equal(getattr(s, name), before[name])


# --- contributors: requests, answers, re-asks --------------------------------------


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_requests_concentrate_on_the_most_engaged(engine_cls):
    model = make_model(n=10, overrides={"contribution.request_concentration": 2.0})
    engagement = np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 0.9, 1.0])
    s = quiet_contributors(model, engagement)
    asked_total = 4.0
    ask_and_answer(engine_cls(model), model, asked_total)
    c = model.config.contribution
    active = engagement >= c.active_threshold
    weights = np.where(active, engagement**c.request_concentration, 0.0)
    np.testing.assert_allclose(s.asked_h, asked_total * weights / weights.sum(), rtol=1e-12)
    assert s.asked_h.sum() == pytest.approx(asked_total)
    assert np.all(s.asked_h[~active] == 0.0)  # below the threshold: never asked
    assert s.asked_h[-1] == pytest.approx(4.0 * s.asked_h[5])  # twice as engaged, four times asked
    np.testing.assert_allclose(s.contribution_h, s.asked_h)  # willing enough: all given


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_contributors_accept_up_to_their_willing_hours(engine_cls):
    model = make_model(n=10, overrides={"contribution.reask_rounds": 0})
    s = quiet_contributors(model, 0.6)
    s.discretionary_h[:] = np.linspace(1.0, 40.0, s.n)
    engine = engine_cls(model)
    allocate(engine, model, 10 * 3.0)
    asked, willing = s.asked_h.copy(), s.contribution_willing_h.copy()
    engine.answer()
    np.testing.assert_allclose(s.contribution_h, np.minimum(asked, willing), rtol=1e-12)
    assert (s.contribution_h < asked).any() and (s.contribution_h == asked).any()  # some decline, some accept
    np.testing.assert_array_equal(s.asked_h, asked)  # no re-asks: declined hours go unserved
    assert s.contribution_h.sum() < 30.0


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_without_declining_contributors_accept_all_asked_up_to_their_time(engine_cls):
    model = make_model(n=10, overrides={"contribution.declining": False, "contribution.reask_rounds": 0})
    s = quiet_contributors(model, 0.6)
    s.discretionary_h[:] = np.linspace(1.0, 40.0, s.n)
    s.consumption_h[:] = 0.5
    engine = engine_cls(model)
    allocate(engine, model, 10 * 3.0)
    asked, willing = s.asked_h.copy(), s.contribution_willing_h.copy()
    engine.answer()
    available = s.discretionary_h - s.consumption_h
    np.testing.assert_allclose(s.contribution_h, np.minimum(asked, available), rtol=1e-12)
    assert s.contribution_h[0] == pytest.approx(0.5)  # all its time, less than asked
    assert (s.contribution_h > willing).any()  # more than its share would give


@pytest.mark.parametrize("rounds", [0, 1])
@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_declined_hours_are_asked_again_of_contributors_with_room_by_weight(engine_cls, rounds):
    # the services' pool alone: nothing is handed on to the decliners' neighbours
    model = make_model(n=10, overrides={"contribution.reask_rounds": rounds, "contribution.reask_through_ties": 0.0})
    c = model.config.contribution
    engagement = np.array([0.9, 0.9, 0.4, 0.6, 0.8, 0.0, 0.0, 0.0, 0.0, 0.0])
    s = quiet_contributors(model, engagement, discretionary=60.0)
    s.discretionary_h[:2] = 1.0  # the most engaged have little time: they decline most of it
    engine = engine_cls(model)
    asked_total = 6.0
    allocate(engine, model, asked_total)
    first, willing = s.asked_h.copy(), s.contribution_willing_h.copy()
    engine.answer()
    pool = (first - np.minimum(first, willing)).sum()
    assert pool > 1.0
    extra = s.asked_h - first
    if rounds == 0:
        assert np.all(extra == 0.0)
        assert s.contribution_h.sum() == pytest.approx(asked_total - pool)  # unserved
    else:
        assert np.all(extra[:2] == 0.0) and np.all(extra[5:] == 0.0)  # no room, or never asked
        weights = engagement[2:5] ** c.request_concentration
        np.testing.assert_allclose(extra[2:5], pool * weights / weights.sum(), rtol=1e-12)
        np.testing.assert_allclose(s.contribution_h[2:5], s.asked_h[2:5], rtol=1e-12)
        assert s.contribution_h.sum() == pytest.approx(asked_total)  # room enough: all served
    np.testing.assert_allclose(s.contribution_h[:2], willing[:2], rtol=1e-12)
    assert np.all(s.contribution_h <= willing + 1e-12)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_more_reask_rounds_serve_more_but_never_past_what_contributors_will_give(engine_cls):
    served = []
    for rounds in (0, 1, 3):
        model = make_model(n=10, overrides={"contribution.reask_rounds": rounds})
        s = quiet_contributors(model, 0.5)
        # six with little time decline; three with a little room decline most of their re-ask; one has room
        s.discretionary_h[:] = [1.0] * 6 + [8.0] * 3 + [40.0]
        ask_and_answer(engine_cls(model), model, 20.0)
        assert np.all(s.contribution_h <= s.contribution_willing_h + 1e-12)
        assert np.all(s.contribution_h <= s.asked_h + 1e-12)
        served.append(s.contribution_h.sum())
    assert served[0] < served[1] < served[2] <= 20.0 + 1e-9


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_request_cap_limits_first_asks_and_reasks(engine_cls):
    cap = 1.5
    model = make_model(n=10, overrides={"contribution.max_requests_h": cap})
    s = quiet_contributors(model, np.linspace(0.2, 1.0, 10))
    s.discretionary_h[-1] = 1.0  # the most engaged has little time: it declines part of its request
    engine = engine_cls(model)
    allocate(engine, model, 20.0)
    first = s.asked_h.copy()
    engine.answer()
    assert np.all(first <= cap + 1e-12)
    assert np.all(s.asked_h <= cap + 1e-12)  # re-asks too stop at the cap
    at_cap = first >= cap - 1e-12
    assert at_cap.sum() >= 2 and (~at_cap).sum() >= 2
    np.testing.assert_array_equal(s.asked_h[at_cap], first[at_cap])  # no re-ask past the cap
    assert (s.asked_h[~at_cap] > first[~at_cap]).all()  # those under it were asked again
    assert np.isclose(s.asked_h[~at_cap], cap).any()  # ... some up to the cap, no further
    assert s.contribution_h[-1] < first[-1]
    assert np.all(s.contribution_h <= s.asked_h + 1e-12)


def _reask_city(model: CityModel) -> ResidentState:
    """Two decliners with little time: 0, tied to 1 and 2 (room) and 3; 3, tied to 0 and to 4 (never
    asked), so none of its neighbours has room. 5 and 6 have room but no tie to a decliner."""
    engagement = np.array([0.9, 0.5, 0.7, 0.8, 0.0, 0.6, 1.0, 0.0, 0.0, 0.0])
    s = quiet_contributors(model, engagement, discretionary=60.0)
    s.discretionary_h[[0, 3]] = 1.0
    model.network = graph(s.n, [(0, 1), (0, 2), (0, 3), (1, 2), (3, 4), (5, 6), (7, 8)])  # 9: no tie
    return s


@pytest.mark.parametrize("share", [1.0, 0.5, 0.0])
@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_a_share_of_declined_hours_goes_to_the_decliners_neighbours_with_room(engine_cls, share):
    model = make_model(n=10, overrides={"contribution.reask_rounds": 1, "contribution.reask_through_ties": share})
    s = _reask_city(model)
    engine = engine_cls(model)
    allocate(engine, model, 6.0)
    first, willing = s.asked_h.copy(), s.contribution_willing_h.copy()
    engine.answer()
    declined = first - np.minimum(first, willing)
    assert declined[0] > 0.3 and declined[3] > 0.3 and np.all(declined[[1, 2, 5, 6]] == 0.0)
    weights = s.contributor ** model.config.contribution.request_concentration
    room = np.zeros(s.n, dtype=bool)
    room[[1, 2, 5, 6]] = True  # every active contributor but the two decliners
    # 0's share goes to its neighbours with room, 1 and 2, by weight; 3 has none: all its hours go to the pool
    local = share * declined[0]
    pool = declined[0] - local + declined[3]
    expected = np.where(room, pool * weights / weights[room].sum(), 0.0)
    expected[[1, 2]] += local * weights[[1, 2]] / weights[[1, 2]].sum()
    np.testing.assert_allclose(s.asked_h - first, expected, rtol=1e-12, atol=1e-15)
    assert (s.asked_h - first).sum() == pytest.approx(declined.sum())  # every declined hour asked again, once
    np.testing.assert_allclose(s.contribution_h[room], s.asked_h[room], rtol=1e-12)  # room enough: all given
    if share == 1.0:  # those without a tie to 0 see only 3's hours
        np.testing.assert_allclose((s.asked_h - first)[[5, 6]], declined[3] * weights[[5, 6]] / weights[room].sum())


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_declined_hours_handed_to_neighbours_without_enough_room_are_declined_again(engine_cls):
    """All of 0's declined hours go to 1, which has less room than that: it gives what it will, and
    with a second round its own neighbour 2 is asked the rest."""
    for rounds in (1, 2):
        model = make_model(n=10, overrides={"contribution.reask_rounds": rounds,
                                           "contribution.reask_through_ties": 1.0})
        s = quiet_contributors(model, [0.9, 0.2, 0.5] + [0.0] * 7, discretionary=60.0)
        s.discretionary_h[:2] = [1.0, 2.5]
        model.network = graph(s.n, [(0, 1), (1, 2), (3, 4), (4, 5)])
        engine = engine_cls(model)
        allocate(engine, model, 3.0)
        first, willing = s.asked_h.copy(), s.contribution_willing_h.copy()
        engine.answer()
        declined = first[0] - willing[0]
        spare = willing[1] - first[1]
        assert 0.0 < spare < declined  # 1 has some room, not enough
        extra = s.asked_h - first
        assert extra[0] == 0.0 and np.all(extra[3:] == 0.0)
        assert extra[1] == pytest.approx(declined)  # 1 is 0's only neighbour with room
        assert s.contribution_h[1] == pytest.approx(willing[1])
        if rounds == 1:
            assert extra[2] == 0.0  # no tie to 0
        else:  # 1 has no room left: what it declined goes to its neighbour 2
            assert extra[2] == pytest.approx(declined - spare)
            assert s.contribution_h[2] == pytest.approx(s.asked_h[2])


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


def test_clear_market_without_labour_serves_what_its_hosts_offer():
    """Without gig labour a platform serves what is asked up to what its hosts offer (issue #19); with hosts
    who offer whatever is asked (`suppliers.elastic` false), all of it."""
    model = make_model()
    p = platform(model, "StayAway")
    assert not p.has_labour and p.has_suppliers
    offered = p.uses_offered
    p.clear_market(offered + 10.0, 0.0)
    assert p.uses_served == pytest.approx(offered)
    model = make_model(overrides={"suppliers.elastic": False})
    p = platform(model, "StayAway")
    assert not p.has_suppliers
    p.clear_market(12.0, 0.0)
    assert p.uses_served == 12.0
    assert p.gross_eur == pytest.approx(12.0 * p.price_eur)
    assert p.commission_revenue_eur == pytest.approx(p.commission * p.gross_eur)
    assert p.hours_accepted == 0.0


def _workers(model: CityModel, sector: int) -> ResidentState:
    """Full-time-free gig workers of one trade, nothing else competing for their hours."""
    s = quiet_contributors(model, 0.0, discretionary=30.0)
    s.worker[:] = 1.0
    s.work_sector[:] = sector
    s.work_platform[:] = NO_PROVIDER
    s.reservation_wage_eur_h[:] = 10.0
    s.expected_pay_eur_h[:] = 10.0
    return s


def offer(engine, model: CityModel, asked_total_h: float = 0.0, draws: WeekDraws | None = None) -> None:
    """Take the call, ask, share, answer, then offer labour."""
    market = model.open_market()
    engine.take_the_call(draws_for(model))
    engine.ask_and_allocate(market, asked_total_h)
    engine.answer()
    engine.offer_labour(market, draws if draws is not None else draws_for(model))


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_labour_offer_rises_with_expected_pay(engine_cls):
    model = make_model(n=30)
    s = _workers(model, sector_index(model, "delivery"))
    s.expected_pay_eur_h[:] = np.linspace(2.0, 30.0, s.n)
    offer(engine_cls(model), model)
    assert np.all(np.diff(s.offered_h) > 0)
    np.testing.assert_allclose(s.offered_h, s.gig_willing_h)  # nothing else took its hours
    assert s.offered_h[0] < 0.05 * 30.0
    assert s.offered_h[-1] > 0.95 * 30.0
    assert np.all(s.work_platform != NO_PROVIDER)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_labour_offered_within_gig_share_and_what_volunteering_left_and_needs_a_labour_sector(engine_cls):
    model = make_model(n=20, overrides={"contribution.declining": False, "contribution.reask_rounds": 0})
    s = _workers(model, sector_index(model, "delivery"))
    s.discretionary_h[:] = 10.0
    s.consumption_h[:] = 1.0
    s.expected_pay_eur_h[:] = 15.0
    s.work_sector[:5] = sector_index(model, "housing")  # no gig labour in housing
    s.contributor[5:10] = 1.0  # asked 9 h each: accepting everything, they give all their time
    offer(engine_cls(model), model, 5 * 9.0)
    available = s.discretionary_h - s.consumption_h
    assert np.all(s.offered_h <= s.gig_willing_h + 1e-12)
    assert np.all(s.offered_h <= np.maximum(0.0, available - s.contribution_h) + 1e-12)
    assert np.all(s.gig_willing_h[:5] == 0.0) and np.all(s.offered_h[:5] == 0.0)
    assert np.all(s.work_platform[:5] == NO_PROVIDER)
    np.testing.assert_allclose(s.contribution_h[5:10], 9.0)
    assert np.all(s.gig_willing_h[5:10] > 0.0)
    assert np.all(s.offered_h[5:10] == 0.0)  # volunteering took the hours first
    assert np.all(s.offered_h[10:] > 0.0)
    np.testing.assert_allclose(s.offered_h[10:], s.gig_willing_h[10:])


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_workers_prefer_the_better_paying_platform(engine_cls):
    model = make_model(n=1000, seed=5)
    s = _workers(model, sector_index(model, "delivery"))
    s.orientation[:] = 0.5  # social score neutral
    quick, coop = platform(model, "QuickEats"), platform(model, "BikeCoop")
    quick.pay_rate_eur_h, quick.accept_ratio = 20.0, 1.0
    coop.pay_rate_eur_h, coop.accept_ratio = 10.0, 1.0
    job = np.random.default_rng(3).random(s.n)
    offer(engine_cls(model), model, draws=draws_for(model, job=job))
    on_quick = (s.work_platform == quick.index).sum()
    on_coop = (s.work_platform == coop.index).sum()
    assert on_quick + on_coop == s.n
    assert on_quick > 5 * on_coop
    # a worker already on a platform stays unless it reconsiders
    before = s.work_platform.copy()
    quick.pay_rate_eur_h, coop.pay_rate_eur_h = 10.0, 20.0
    switch = np.ones(s.n)
    switch[: s.n // 2] = 0.0  # half reconsider
    offer(engine_cls(model), model, draws=draws_for(model, job=job, switch=switch))
    np.testing.assert_array_equal(s.work_platform[s.n // 2 :], before[s.n // 2 :])
    assert (s.work_platform[: s.n // 2] == coop.index).sum() > 5 * (s.work_platform[: s.n // 2] == quick.index).sum()


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


# --- contributors: fatigue, burn-out, recovery, activity ----------------------------


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_fatigue_rises_above_capacity_and_recovers_below(engine_cls):
    model = make_model(n=10)
    c = model.config.contribution
    engagement = np.zeros(10)
    engagement[0] = 0.5
    s = quiet_contributors(model, engagement)
    capacity = c.capacity_h * 0.5
    factor = model.authority.programme.fatigue_factor
    engine = engine_cls(model)

    def hours(load: float) -> np.ndarray:
        h = np.zeros(10)
        h[0] = load * capacity
        return h

    give(engine, model, hours(2.0))  # load 2
    assert s.fatigue[0] == pytest.approx(c.fatigue_gain * factor * 1.0)
    give(engine, model, hours(3.0))  # load 3
    high = c.fatigue_gain * factor * 3.0
    assert s.fatigue[0] == pytest.approx(high)
    give(engine, model, hours(1.0))  # load 1: neither tires nor rests
    assert s.fatigue[0] == pytest.approx(high)
    give(engine, model, hours(0.5))  # load 0.5: rests a little
    assert s.fatigue[0] == pytest.approx(high - 0.5 * c.fatigue_recovery)
    for _ in range(200):  # at zero load fatigue falls to 0, never below
        give(engine, model, hours(0.0))
    assert s.fatigue[0] == 0.0
    assert np.all(s.fatigue >= 0.0)
    # recognition lowers the fatigue of an overload hour
    model.authority.programme.recognise(0.5)
    give(engine, model, hours(2.0))
    assert s.fatigue[0] == pytest.approx(0.5 * c.fatigue_gain * factor)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_burnout_when_fatigue_passes_threshold_costs_trust(engine_cls):
    model = make_model(n=10)
    c = model.config.contribution
    engagement = np.zeros(10)
    engagement[:3] = 0.5
    s = quiet_contributors(model, engagement, threshold=1.0)
    s.fatigue[:3] = 0.95
    s.trust[:] = 0.6
    hours = np.zeros(10)
    hours[:2] = 4.0 * c.capacity_h * 0.5  # load 4: fatigue 0.95 + 0.45 passes the threshold
    give(engine_cls(model), model, hours)
    assert np.all(s.burnout_weeks_left[:2] == c.recovery_weeks)
    np.testing.assert_allclose(s.trust[:2], 0.6 * (1.0 - c.burnout_trust_loss))
    assert s.burnout_weeks_left[2] == 0 and s.fatigue[2] < 0.95  # as tired, but gave nothing: rests
    assert np.all(s.trust[2:] == 0.6)
    assert np.all(s.burnout_weeks_left[2:] == 0)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_no_burnout_below_threshold_without_hazard_draw(engine_cls):
    model = make_model(n=10)
    engagement = np.zeros(10)
    engagement[:2] = 0.5
    s = quiet_contributors(model, engagement, threshold=1.0)
    engine = engine_cls(model)
    hours = np.zeros(10)
    hours[0] = 3.0  # load 2: fatigue 0.5 -> 0.65 < 1

    def week(burn: np.ndarray | None = None) -> None:
        s.fatigue[:2], s.burnout_weeks_left[:] = 0.5, 0
        give(engine, model, hours, draws=draws_for(model, burn=burn))

    week()
    assert s.fatigue[0] == pytest.approx(0.65) and np.all(s.burnout_weeks_left == 0)
    week(np.full(10, 0.5))
    assert np.all(s.burnout_weeks_left == 0)
    # the same week with an unlucky hazard draw burns out; one who gave nothing does not
    week(np.zeros(10))
    assert s.burnout_weeks_left[0] == model.config.contribution.recovery_weeks
    assert np.all(s.burnout_weeks_left[1:] == 0)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_substeps_integrate_fatigue_and_a_burnout_mid_week_ends_the_giving(engine_cls):
    steps = 4
    model = make_model(n=10, overrides={"contribution.substeps": steps})
    c = model.config.contribution
    engagement = np.zeros(10)
    engagement[:4] = 0.5
    s = quiet_contributors(model, engagement, threshold=1.0)
    rate = c.fatigue_gain * model.authority.programme.fatigue_factor * 1.0  # per week, at load 2
    start = np.array([1.0 - 2.5 * rate / steps, 0.5, 0.2, 0.2])
    s.fatigue[:4] = start  # 0 crosses its threshold in the third sub-step
    hours = np.zeros(10)
    hours[:4] = 2.0 * c.capacity_h * 0.5
    burn = np.ones((steps, 10))
    burn[1, 2] = 0.0  # 2: an unlucky draw in the second sub-step
    burn[:, 3] = 0.001  # 3: under the weekly hazard, over its share in any one sub-step
    give(engine_cls(model), model, hours, asked=hours + 1.0, draws=draws_for(model, burn=burn))
    np.testing.assert_array_equal(s.burnout_weeks_left[:4], [c.recovery_weeks, 0, c.recovery_weeks, 0])
    # a resident gives its hours evenly over the week, and none after it burns out
    np.testing.assert_allclose(s.contribution_h[:4], hours[:4] * [3 / 4, 1.0, 2 / 4, 1.0])
    np.testing.assert_allclose(s.declined_h, s.asked_h - s.contribution_h)
    np.testing.assert_allclose(s.hours_year, s.contribution_h)
    # fatigue integrates the weekly rate step by step, and stops at the burn-out
    np.testing.assert_allclose(s.fatigue[:4], start + rate * np.array([3 / 4, 1.0, 2 / 4, 1.0]))
    assert s.fatigue[0] >= 1.0


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
@pytest.mark.parametrize("steps, fatigue_weight", [(4, 2.0), (1, 2.0), (4, 0.0)])
def test_at_each_sub_step_a_tiring_contributor_decides_afresh_how_much_to_give(engine_cls, steps, fatigue_weight):
    """Sub-steps cover the decision to give: a contributor who agreed to all its week's volunteering share
    allows (0) reduces its giving once fatigue has risen within the week, since volunteering then weighs less
    in its week; one with room to spare (1) still gives what it agreed to. With one step, or with fatigue
    weighing nothing in the time shares, both give what they agreed to."""
    model = make_model(n=10, overrides={"contribution.substeps": steps, "time.fatigue_weight": fatigue_weight})
    s = quiet_contributors(model, np.array([0.5, 0.5] + [0.0] * 8), threshold=1.0)
    agreed = 2.0 * model.config.contribution.capacity_h * 0.5  # load 2: fatigue rises all week
    s.contribution_willing_h[:2] = [agreed, 20.0]
    give(engine_cls(model), model, np.array([agreed, agreed] + [0.0] * 8))
    assert s.contribution_h[1] == pytest.approx(agreed)
    if steps > 1 and fatigue_weight > 0.0:
        assert 0.8 * agreed < s.contribution_h[0] < agreed - 1e-6
        assert s.declined_h[0] == pytest.approx(agreed - s.contribution_h[0])
        assert s.fatigue[0] < s.fatigue[1]  # it tired less than the one that gave all
    else:
        assert s.contribution_h[0] == pytest.approx(agreed) and s.fatigue[0] == pytest.approx(s.fatigue[1])


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_burned_out_resident_is_asked_nothing_and_recovers_with_less_engagement(engine_cls):
    weeks = 4
    model = make_model(n=10, overrides={"contribution.recovery_weeks": weeks})
    c = model.config.contribution
    s = quiet_contributors(model, 0.8)
    s.citizen[:] = 0.5
    s.burnout_weeks_left[0] = weeks
    s.fatigue[0] = 0.9
    engine = engine_cls(model)
    for week in range(weeks):
        volunteer_week(engine, model, 5.0)
        engine.take_civic_time()
        assert s.asked_h[0] == 0.0 and s.contribution_h[0] == 0.0 and s.civic_h[0] == 0.0
        assert s.asked_h[1:].sum() == pytest.approx(5.0)  # the others share everything
        assert np.all(s.civic_h[1:] > 0.0)
        assert s.burnout_weeks_left[0] == weeks - 1 - week
        if week < weeks - 1:
            assert s.contributor[0] == 0.8 and s.fatigue[0] == 0.9  # engagement is lost only on recovery
    assert s.burnout_weeks_left[0] == 0
    assert s.fatigue[0] == 0.0
    assert s.contributor[0] == pytest.approx(0.8 * (1.0 - c.burnout_engagement_loss))
    volunteer_week(engine, model, 5.0)  # back in the pool
    assert s.asked_h[0] > 0.0 and s.contribution_h[0] > 0.0
    assert s.asked_h[0] < s.asked_h[1]  # less engaged: asked less


def _edge_of_burnout(model: CityModel) -> tuple[ResidentState, float]:
    """Six contributors, three of them on the edge of burn-out; asked twice their capacity each."""
    engagement = np.zeros(12)
    engagement[:6] = 0.6
    s = quiet_contributors(model, engagement, threshold=1.0)
    s.fatigue[:3] = 0.99
    return s, 6 * 2.0 * model.config.contribution.capacity_h * 0.6


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_burnout_cascade_remaining_contributors_are_asked_more(engine_cls):
    # contributors who cannot say no: all they are asked, as far as their time allows
    model = make_model(n=12, overrides={"contribution.declining": False})
    s, asked_total = _edge_of_burnout(model)
    engine = engine_cls(model)

    volunteer_week(engine, model, asked_total)
    assert np.all(s.burnout_weeks_left[:3] > 0) and np.all(s.burnout_weeks_left[3:6] == 0)
    before = s.asked_h[3:6].copy()
    fatigue_before = s.fatigue[3:6].copy()

    volunteer_week(engine, model, asked_total)
    np.testing.assert_allclose(s.asked_h[3:6], 2.0 * before)  # half the pool: twice the ask
    assert np.all(s.asked_h[:3] == 0.0)
    # and they tire faster: load 4 instead of 2
    gain = model.config.contribution.fatigue_gain * model.authority.programme.fatigue_factor
    np.testing.assert_allclose(s.fatigue[3:6] - fatigue_before, gain * 3.0)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_exhausted_contributors_decline_and_their_hours_move_to_the_fresh(engine_cls):
    model = make_model(n=12)  # contributors decide; declined hours asked again once
    s, asked_total = _edge_of_burnout(model)
    engine = engine_cls(model)
    allocate(engine, model, asked_total)
    first = s.asked_h.copy()
    engine.answer()
    engine.tire_or_recover(draws_for(model))
    assert np.all(s.contribution_h[:3] < first[:3])  # the exhausted give less than asked ...
    assert np.all(s.burnout_weeks_left[:3] == 0) and np.all(s.fatigue[:3] < 0.99)  # ... and rest
    assert np.all(s.asked_h[3:6] > first[3:6])  # the fresh are asked their hours
    assert s.contribution_h.sum() > first[3:6].sum()
    assert np.all(s.fatigue[3:6] > 0.0)  # and tire
    np.testing.assert_allclose(s.declined_h, s.asked_h - s.contribution_h)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_activity_is_tracked_first_last_week_hours_of_the_year_and_declined(engine_cls):
    model = make_model(n=10)
    s = quiet_contributors(model, 1.0)  # capacity 3 h: these hours do not tire
    s.burnout_weeks_left[3] = 20  # recovering
    engine = engine_cls(model)
    keep = 1.0 - 1.0 / YEAR_WEEKS

    model.week = 3
    rest = [0.0] * 4  # residents 6 to 9 never give

    model.week = 3
    give(engine, model, [2.0, 0.0, 0.0, 0.0, 1.0, 0.0, *rest], asked=[3.0, 1.0, 0.0, 0.0, 1.0, 0.0, *rest])
    np.testing.assert_array_equal(s.first_active_week, [3, -1, -1, -1, 3, -1, -1, -1, -1, -1])
    np.testing.assert_array_equal(s.last_active_week, [3, -1, -1, -1, 3, -1, -1, -1, -1, -1])
    np.testing.assert_allclose(s.declined_h, [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, *rest])
    np.testing.assert_allclose(s.hours_year, [2.0, 0.0, 0.0, 0.0, 1.0, 0.0, *rest])

    model.week = 7
    give(engine, model, [1.0, 2.0, 0.0, 0.0, 0.0, 0.0, *rest], asked=[1.0, 2.5, 0.5, 0.0, 0.0, 0.0, *rest])
    np.testing.assert_array_equal(s.first_active_week, [3, 7, -1, -1, 3, -1, -1, -1, -1, -1])
    np.testing.assert_array_equal(s.last_active_week, [7, 7, -1, -1, 3, -1, -1, -1, -1, -1])
    np.testing.assert_allclose(s.declined_h, [0.0, 0.5, 0.5, 0.0, 0.0, 0.0, *rest])
    np.testing.assert_allclose(s.hours_year, [2.0 * keep + 1.0, 2.0, 0.0, 0.0, keep, 0.0, *rest])

    # weeks without giving: the year's hours fade by 1 - 1/52 a week, the last active week stays
    for week in range(8, 8 + YEAR_WEEKS):
        model.week = week
        before = s.hours_year.copy()
        give(engine, model, np.zeros(10))
        np.testing.assert_allclose(s.hours_year, before * keep, rtol=1e-12)
    np.testing.assert_array_equal(s.last_active_week, [7, 7, -1, -1, 3, -1, -1, -1, -1, -1])
    assert s.hours_year[1] == pytest.approx(2.0 * keep**YEAR_WEEKS)
    assert np.all(s.declined_h == 0.0)


# --- contributors: the call and episodes (issue #21) --------------------------------

EPISODES = {"contribution.episodes": True}


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_the_call_is_answered_by_propensity_with_episodes_and_by_the_threshold_without(engine_cls):
    """Residents 0-1 below the threshold, 2-5 above it; 4 has withdrawn (propensity 0); 5 is burned out;
    6-9 not engaged at all."""
    model = make_model(n=10, overrides=EPISODES)
    engagement = [0.05, 0.05, 0.5, 0.5, 0.5, 0.5, 0.0, 0.0, 0.0, 0.0]
    s = quiet_contributors(model, engagement)
    s.propensity[:] = [0.3, 0.3, 0.3, 0.3, 0.0, 0.9, 0.0, 0.0, 0.0, 0.0]
    s.burnout_weeks_left[5] = 3
    call = [0.2, 0.4, 0.2, 0.4, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    engine_cls(model).take_the_call(draws_for(model, call=call))
    assert s.answering.tolist() == [True, False, True, False, False, False, False, False, False, False]
    without = make_model(n=10)
    s = quiet_contributors(without, engagement)
    s.burnout_weeks_left[5] = 3
    engine_cls(without).take_the_call(draws_for(without))
    assert s.answering.tolist() == [False, False, True, True, True, False, False, False, False, False]


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_an_episode_moves_the_propensity_towards_how_it_went_and_a_poor_match_withdraws(engine_cls):
    """Resident 0: a good match whose request fitted (went = 1): its propensity rises towards what its
    engagement gives (1); resident 1: no match at all (went = 0): it falls by half and, below the quit level,
    withdraws; resident 2: half its request met (went = match / 2); the others gave nothing: not judged."""
    model = make_model(n=10, overrides={**EPISODES, "contribution.quit_propensity": 0.3})
    s = quiet_contributors(model, 0.5)
    s.match[:] = [1.0, 0.0, 0.8] + [1.0] * 7
    s.propensity[:] = 0.5
    s.asked_h[:] = [1.0, 1.0, 1.0] + [0.0] * 7
    s.contribution_h[:] = [1.0, 1.0, 0.5] + [0.0] * 7
    model.authority.programme.demand_h = 2.5 / s.n  # the city gave the 2.5 h it asked: help = 1
    engine_cls(model).judge_episode()
    lam = model.config.contribution.propensity_learning
    np.testing.assert_allclose(s.propensity, [0.5 + lam * 0.5, 0.0, 0.5 + lam * (0.4 - 0.5)] + [0.5] * 7)
    assert s.left_week.tolist() == [-1, model.week] + [-1] * 8


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_recognition_lifts_an_episode_and_without_trial_outcomes_nothing_moves(engine_cls):
    for trial in (True, False):
        model = make_model(n=10, overrides={**EPISODES, "contribution.trial_outcomes": trial})
        s = quiet_contributors(model, 0.5)
        s.match[:] = 0.0  # every episode would go badly...
        s.propensity[:] = 0.5
        s.asked_h[:] = 1.0
        s.contribution_h[:] = 1.0
        model.authority.programme.demand_h = 1.0
        model.authority.programme.recognition = 1.0  # ...but full recognition lifts it to 1
        engine_cls(model).judge_episode()
        lifted = 0.5 + model.config.contribution.propensity_learning * 0.5
        np.testing.assert_allclose(s.propensity, lifted if trial else 0.5)


# --- mobility ----------------------------------------------------------------------


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_moving_away_replaces_traits_with_the_newcomers_and_resets_state_and_flows(engine_cls):
    model = make_model(n=12, seed=17)
    s = model.residents_state
    n = s.n
    # a lived-in city: every evolving column away from what a newcomer starts with
    s.fatigue[:] = 0.7
    s.burnout_weeks_left[:] = 3
    s.heard_weeks_left[:] = 2
    s.crowded_out[:] = True
    s.expected_pay_eur_h[:] = 99.0
    s.work_platform[:] = 0
    s.provider[:] = 0
    s.hours_year[:] = 40.0
    s.first_active_week[:] = 1
    s.last_active_week[:] = 5
    for k, name in enumerate(FLOWS):
        getattr(s, name)[:] = 1.0 + k
    before = {f.name: getattr(s, f.name).copy() for f in fields(s)}
    movers = [7, 2]
    people = draw_people(model.config, np.random.default_rng(3), len(movers))
    engine_cls(model).move(draws_for(model, move=movers, newcomers=people))
    for k, i in enumerate(movers):  # the k-th newcomer takes the k-th mover's place
        for name in TRAITS:
            assert getattr(s, name)[i] == people[name][k], name
        assert s.fatigue[i] == 0.0 and s.burnout_weeks_left[i] == 0 and s.heard_weeks_left[i] == 0
        assert not s.crowded_out[i]
        assert s.expected_pay_eur_h[i] == people["reservation_wage_eur_h"][k]
        assert s.work_platform[i] == NO_PROVIDER and np.all(s.provider[i] == NO_PROVIDER)
        assert s.hours_year[i] == 0.0 and s.first_active_week[i] == -1 and s.last_active_week[i] == -1
        for name in FLOWS:
            assert getattr(s, name)[i] == 0.0, name
    assert np.all(s.discretionary_h[movers] != before["discretionary_h"][movers])
    physiological = model.config.residents.physiological_h
    np.testing.assert_allclose(physiological + s.work_h + s.care_h + s.discretionary_h, 168.0)
    stay = np.setdiff1d(np.arange(n), movers)
    for f in fields(s):  # nobody else changed
        np.testing.assert_array_equal(getattr(s, f.name)[stay], before[f.name][stay], err_msg=f.name)


@pytest.mark.parametrize("engine", ["vectorized", "reference"])
def test_mobility_in_the_running_model_follows_its_weekly_chance(engine):
    traits = ("discretionary_h", "work_h", "base_income_eur")  # only moving changes them
    for mobility, moved in ((0.0, False), (0.05, True)):
        model = make_model(n=200, seed=18, overrides={"residents.mobility_w": mobility}, engine=engine)
        s = model.residents_state
        before = {name: getattr(s, name).copy() for name in traits}
        model.run(4)
        changed = np.zeros(s.n, dtype=bool)
        for name in traits:
            changed |= getattr(s, name) != before[name]
        if moved:
            assert 10 <= changed.sum() <= 80  # about 5% a week over 4 weeks
        else:
            assert not changed.any()  # nobody left


# --- ties: recruitment and withdrawal (Residents II) -------------------------------

WEEK = 20
"""The week the tie tests run in (last week: 19)."""


def _tie_city(model: CityModel, engagement) -> ResidentState:
    """Quiet contributors in week ``WEEK``, none of whom ever gave hours, withdrew or was recruited."""
    s = quiet_contributors(model, engagement)
    s.last_active_week[:] = -1
    s.first_active_week[:] = -1
    s.left_week[:] = -1
    s.recruited[:] = False
    model.week = WEEK
    return s


def _recruitment_city(model: CityModel, m: int) -> tuple[ResidentState, np.ndarray, np.ndarray]:
    """Four residents who gave hours last week (0-3) and four who did not (4-7, the last time two weeks
    before); then five groups of ``m`` non-contributors, group k tied to k of the givers and 4 - k of
    the others; then 8 + 5m: burned out, tied to the four givers; + 1: tied to giver 3 only (whose
    engagement has fallen under the threshold); + 2: a contributor who did not give last week, tied to
    the four givers; + 3: burned out, tied to giver 0. Givers 2 and 3 are tied too: 3, under the threshold,
    gave hours nonetheless, so it is no one to recruit. Returns the state, the draws and the groups."""
    threshold = model.config.contribution.active_threshold
    s = _tie_city(model, 0.05)
    givers, others = np.arange(4), np.arange(4, 8)
    s.contributor[givers] = [0.9, 0.5, 0.7, 0.1]
    assert s.contributor[3] < threshold
    s.last_active_week[givers] = WEEK - 1
    s.last_active_week[others] = WEEK - 2
    groups = 8 + np.arange(5 * m).reshape(5, m)
    edges = [(int(i), int(g)) for k in range(5) for i in groups[k] for g in (*givers[:k], *others[: 4 - k])]
    burned, low, contributor, burned_0 = 8 + 5 * m + np.arange(4)
    edges += [(burned, g) for g in givers] + [(low, 3)] + [(contributor, g) for g in givers] + [(burned_0, 0)]
    edges += [(2, 3)]
    model.network = graph(s.n, edges)
    s.burnout_weeks_left[[burned, burned_0]] = 2
    s.contributor[contributor] = 0.5
    u = np.ones(s.n)
    u[groups] = (np.arange(m) + 0.5) / m  # the same grid of draws in every group
    u[others] = 0.0  # would be recruited at the first chance
    u[[burned, low, contributor, 3]] = 0.0
    return s, u, groups


@pytest.mark.parametrize("ties", [True, False])
@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_non_contributors_are_recruited_by_neighbours_who_gave_hours_last_week(engine_cls, ties):
    m, rate = 40, 0.2
    model = make_model(n=8 + 5 * m + 4, overrides={"civic.ties": ties, "civic.recruit_rate_w": rate})
    c = model.config
    threshold = c.contribution.active_threshold
    s, u, groups = _recruitment_city(model, m)
    burned, low, contributor = 8 + 5 * m + np.arange(3)
    withdraw = np.ones(s.n)
    withdraw[0] = 0.0  # giver 0 has a burned-out neighbour: it withdraws this very week
    start = s.contributor.copy()
    engine_cls(model).follow_ties(draws_for(model, recruit=u, withdraw=withdraw), last_week(model))
    if not ties:  # nobody starts or stops because of the people it knows
        np.testing.assert_array_equal(s.contributor, start)
        assert not s.recruited.any() and np.all(s.left_week == -1)
        return
    chances = 1.0 - (1.0 - rate) ** np.arange(5)
    recruited = s.recruited[groups]
    # each giver is a chance: the same draws recruit more with more givers around, none without
    np.testing.assert_array_equal(recruited.sum(axis=1), [(u[groups[0]] < p).sum() for p in chances])
    np.testing.assert_array_equal(recruited, u[groups] < chances[:, None])
    assert recruited[0].sum() == 0 and np.all(np.diff(recruited.sum(axis=1)) > 0)
    # a recruit's engagement: the threshold plus half the gap to its givers' mean, as they were at the
    # start of the week (giver 0 withdrew since)
    means = np.array([np.nan] + [start[:k].mean() for k in range(1, 5)])
    target = threshold + 0.5 * np.maximum(0.0, means - threshold)
    for k in range(1, 5):
        np.testing.assert_allclose(s.contributor[groups[k]][recruited[k]], target[k], rtol=1e-12)
        np.testing.assert_array_equal(s.contributor[groups[k]][~recruited[k]], 0.05)
    assert s.recruited[low] and s.contributor[low] == threshold  # its giver's engagement is under the threshold
    # nobody else: not the burned out, nor a contributor, nor one who gave hours, nor those without givers
    assert set(np.flatnonzero(s.recruited)) == set(groups[recruited].tolist()) | {low}
    assert s.contributor[burned] == 0.05 and s.contributor[contributor] == 0.5
    np.testing.assert_array_equal(s.contributor[4:8], 0.05)
    # giver 0 withdrew: the only withdrawal
    assert s.contributor[0] == pytest.approx(0.9 * (1.0 - c.civic.withdraw_engagement_loss))
    np.testing.assert_array_equal(np.flatnonzero(s.left_week >= 0), [0])
    assert s.left_week[0] == WEEK


def _withdrawal_city(model: CityModel, m: int) -> tuple[ResidentState, np.ndarray, np.ndarray]:
    """Five groups of ``m`` contributors who gave hours last week (rows 0 to 5m - 1), group j tied to
    j of four lost neighbours (two burned out, two who withdrew within the memory, one of them at its
    edge) and 4 - j of four others (one withdrew just before the memory, three never left);
    then 5m + 8: a burned-out contributor tied to the four lost ones."""
    memory = model.config.civic.withdrawal_memory_weeks
    s = _tie_city(model, 0.05)
    groups = np.arange(5 * m).reshape(5, m)
    lost, kept = 5 * m + np.arange(4), 5 * m + 4 + np.arange(4)
    burned = 5 * m + 8
    s.contributor[groups] = 0.8
    s.contributor[burned] = 0.8
    s.last_active_week[groups] = WEEK - 1
    s.last_active_week[burned] = WEEK - 1
    s.burnout_weeks_left[lost[:2]] = 3
    s.left_week[lost[2:]] = [WEEK - 1, WEEK - memory]
    s.left_week[kept[0]] = WEEK - memory - 1
    s.burnout_weeks_left[burned] = 1
    s.contributor[[*lost, *kept]] = 0.05
    edges = [(int(i), int(n)) for j in range(5) for i in groups[j] for n in (*lost[:j], *kept[: 4 - j])]
    model.network = graph(s.n, edges + [(burned, n) for n in lost])
    u = np.ones(s.n)
    u[groups] = (np.arange(m) + 0.5) / m
    u[burned] = 0.0
    return s, u, groups


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_contributors_withdraw_more_often_the_more_of_their_neighbours_are_lost(engine_cls):
    m, rate = 40, 0.6
    model = make_model(n=5 * m + 9, overrides={"civic.withdraw_rate_w": rate})
    loss = model.config.civic.withdraw_engagement_loss
    s, u, groups = _withdrawal_city(model, m)
    before = last_week(model)
    lost = np.flatnonzero(before.lost)
    assert set(lost.tolist()) == set(range(5 * m, 5 * m + 4)) | {5 * m + 8}  # the memory's edge is in, past it out
    engine_cls(model).follow_ties(draws_for(model, withdraw=u), before)
    left = s.left_week[groups] == WEEK
    # in proportion to the share of neighbours lost: the same draws withdraw more, none without
    np.testing.assert_array_equal(left, u[groups] < rate * np.arange(5)[:, None] / 4)
    assert left[0].sum() == 0 and np.all(np.diff(left.sum(axis=1)) > 0)
    np.testing.assert_allclose(s.contributor[groups][left], 0.8 * (1.0 - loss), rtol=1e-12)
    np.testing.assert_array_equal(s.contributor[groups][~left], 0.8)
    np.testing.assert_array_equal(s.left_week[groups][~left], -1)
    assert s.left_week[5 * m + 8] == -1 and s.contributor[5 * m + 8] == 0.8  # burned out: does not withdraw
    assert not s.recruited.any()


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_a_neighbours_withdrawal_counts_for_the_memory_window_only(engine_cls):
    """Contributor 2k gave hours last week; its only neighbour, 2k + 1, withdrew k + 1 weeks ago."""
    memory = 4
    model = make_model(n=16, overrides={"civic.withdrawal_memory_weeks": memory, "civic.withdraw_rate_w": 0.5})
    keep = 1.0 - model.config.civic.withdraw_engagement_loss
    s = _tie_city(model, 0.05)
    contributors, neighbours = np.arange(0, 16, 2), np.arange(1, 16, 2)
    ago = np.arange(1, 9)
    s.contributor[contributors] = 0.6
    s.last_active_week[contributors] = WEEK - 1
    s.left_week[neighbours] = WEEK - ago
    model.network = graph(s.n, list(zip(contributors.tolist(), neighbours.tolist(), strict=True)))
    u = np.ones(s.n)
    u[contributors] = 0.499  # withdraws if its neighbour counts as lost
    before = last_week(model)
    np.testing.assert_array_equal(before.lost[neighbours], ago <= memory)
    engine_cls(model).follow_ties(draws_for(model, withdraw=u), before)
    np.testing.assert_array_equal(s.left_week[contributors] == WEEK, ago <= memory)
    np.testing.assert_allclose(s.contributor[contributors], np.where(ago <= memory, 0.6 * keep, 0.6))


def test_nobody_gave_hours_in_the_week_before_the_first():
    """`LastWeek.active` is "gave volunteer hours last week"; in week 0 there was no last week, and a
    resident who never gave (`last_active_week` -1) is no giver."""
    model = make_model(n=50)
    s = model.residents_state
    assert model.week == 0 and np.all(s.last_active_week == -1)
    assert not last_week(model).active.any()


# --- the running model --------------------------------------------------------------


def test_burnout_and_decline_cascade_in_the_running_model():
    """Over-asking a city: against a calm city on the same seed, contributors decline more of what they
    are asked, more of them burn out, and less of the demand is served."""
    weeks = 20
    calm = make_model(n=400, seed=9, volunteer_demand=0.1).run(weeks).indicators()
    hard = make_model(n=400, seed=9, volunteer_demand=0.6).run(weeks).indicators()
    assert hard["declined_share"].mean() > calm["declined_share"].mean() + 0.3
    assert hard["burnout_incidence"].sum() > 2 * calm["burnout_incidence"].sum()
    assert hard["burnout_prevalence"][-1] > calm["burnout_prevalence"][-1]
    assert hard["fatigue_mean"].mean() > calm["fatigue_mean"].mean()
    assert hard["contribution_coverage"][-1] < 0.5 < calm["contribution_coverage"][-1]
    # the cascade: the declined share climbs as contributors tire
    declined = hard["declined_share"].to_numpy()
    assert declined[-5:].mean() > declined[:2].mean() + 0.1


def test_demand_schedule_raises_requests_and_the_declined_share_follows():
    schedule = [(0, 0.05), (20, 0.4)]
    model = make_model(n=400, seed=9, overrides={"contribution.demand_schedule": schedule})
    asked = []
    for _ in range(30):
        model.step()
        asked.append(model.authority.asked_total_h)
    weeks = np.arange(30)
    np.testing.assert_allclose(asked, 400 * np.interp(weeks, *zip(*schedule, strict=True)))  # flat past the end
    declined = model.indicators()["declined_share"].to_numpy()
    assert declined[:5].max() < 0.05
    assert declined[-5:].min() > 0.3


# --- citizens: civic time, influence ---------------------------------------------


@pytest.mark.parametrize("competition", [True, False])
@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_civic_time_is_its_share_within_what_is_left_and_zero_when_burned_out(engine_cls, competition):
    model = make_model(n=10, overrides={"time.competition": competition})
    s = model.residents_state
    s.burnout_weeks_left[:] = 0
    s.discretionary_h[:] = 6.0
    s.consumption_h[:] = 1.0
    s.civic_willing_h[:] = 2.0
    s.civic_willing_h[6] = 1.0
    s.gig_h[:] = [0.0, 3.0, 4.0, 5.0, 0.0, 0.0, 0.0, 1.0, 2.0, 0.0]
    s.contribution_h[:] = [0.0, 1.5, 1.0, 0.0, 5.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    s.burnout_weeks_left[5] = 3
    engine_cls(model).take_civic_time()
    if competition:  # what is left: 5, 0.5, 0, 0, 0, 5, 5, 3, 3, 5
        expected = [2.0, 0.5, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 2.0, 2.0]
        assert np.all(s.used_h <= s.discretionary_h + 1e-12)
    else:  # its share as if alone
        expected = [2.0, 2.0, 2.0, 2.0, 2.0, 0.0, 1.0, 2.0, 2.0, 2.0]
    np.testing.assert_allclose(s.civic_h, expected)


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_a_whole_week_of_hours_fits_the_discretionary_time_when_uses_compete(engine_cls):
    model = make_model(n=300, seed=19, overrides={"contribution.declining": False})
    s = _mixed_residents(model, seed=6)
    engine = engine_cls(model)
    market = model.open_market()
    draws = draws_for(model, choice=np.random.default_rng(1).random((s.n, market.n_sectors)))
    engine.choose_providers(market, draws, last_week(model))
    engine.take_the_call(draws)
    engine.ask_and_allocate(market, 0.5 * s.n)
    engine.answer()
    engine.offer_labour(market, draws)
    n_platforms = len(model.config.platforms)
    engine.get_paid(np.ones(n_platforms), np.full(n_platforms, 12.0))
    engine.tire_or_recover(draws)
    engine.take_civic_time()
    assert np.all(s.used_h <= s.discretionary_h + 1e-9)
    assert (s.contribution_h > 0).any() and (s.gig_h > 0).any() and (s.civic_h > 0).any()
    assert np.all(s.civic_h[s.burned_out] == 0.0)


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
    engine_cls(model).be_influenced(model.open_market(), before, 1.0, 1.0, no_waiting(model))
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
    engine_cls(model).be_influenced(model.open_market(), before, 1.0, 1.0, no_waiting(model))
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
    engine.be_influenced(model.open_market(), (s.orientation.copy(), s.trust.copy()), 1.0, 1.0,
                         no_waiting(model))
    assert np.all(s.trust[::2] > 0.5)  # full coverage, control and voice: trust rises
    s.trust[:] = 0.5
    engine.be_influenced(model.open_market(), (s.orientation.copy(), s.trust.copy()), 0.0, 0.0,
                         no_waiting(model))
    assert np.all(s.trust[1::2] < 0.5)  # nothing works and no voice: trust falls
    assert np.all((s.trust >= 0.0) & (s.trust <= 1.0))


@pytest.mark.parametrize("trusting", [True, False])
@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_a_request_it_could_not_meet_and_unpaid_waiting_lower_its_trust_target(engine_cls, trusting):
    model = make_model(n=12, seed=12, overrides={"civic.trust_behaviour": trusting})
    civ = model.config.civic
    s = model.residents_state
    _isolate_influence(model)
    s.trust[:] = 0.5  # neighbours agree: only the target moves trust
    s.civic_h[:] = 0.0
    s.heard_weeks_left[:] = 0
    s.asked_h[:] = s.declined_h[:] = s.gig_h[:] = 0.0
    s.work_platform[:] = NO_PROVIDER
    quick, coop = platform(model, "QuickEats").index, platform(model, "BikeCoop").index
    s.asked_h[:5] = 4.0
    s.declined_h[:5] = [0.0, 1.0, 2.0, 3.0, 4.0]  # 4: declined all it was asked
    s.work_platform[5:9] = [quick, quick, coop, quick]
    s.gig_h[5:9] = [10.0, 0.0, 10.0, 10.0]  # 6 worked no hour this week
    s.asked_h[8], s.declined_h[8] = 2.0, 2.0  # 8: a courier who waited and declined all its request
    waiting = no_waiting(model)
    waiting[quick] = 0.8
    coverage, control = 0.9, 0.7
    engine_cls(model).be_influenced(model.open_market(), (s.orientation.copy(), s.trust.copy()), coverage,
                                    control, waiting)
    w_cov, w_ctl, _ = civ.trust_weights
    unmet = np.array([0.0, 0.25, 0.5, 0.75, 1.0, 0, 0, 0, 1.0, 0, 0, 0])
    waited = np.array([0.0] * 5 + [0.8, 0.0, 0.0, 0.8, 0.0, 0.0, 0.0])
    target = ((w_cov * coverage + w_ctl * control) * (1.0 - civ.unmet_request_trust_loss * unmet)
              * (1.0 - civ.waiting_trust_loss * waited))
    np.testing.assert_allclose(s.trust, 0.5 + civ.trust_rate_w * (target - 0.5), rtol=1e-12)
    assert np.all(np.diff(s.trust[:5]) < 0)  # the more it declined, the lower
    assert s.trust[5] < s.trust[6] == s.trust[7] == s.trust[0]  # waiting on its platform, not on another's
    assert s.trust[8] < min(s.trust[4], s.trust[5])


@pytest.mark.parametrize("trusting", [True, False])
@pytest.mark.parametrize("engine", ["vectorized", "reference"])
def test_trust_moves_debate_attendance_and_turnout_only_when_it_changes_behaviour(engine, trusting):
    """Civic events are one implementation for both engines; each city below has the same seed, so
    the same draws: whether trust matters is all that differs."""
    n, weight = 1000, 2.0
    debate = Debate(host="test", session_h=2.0, attendance=0.3, confidence=0.0, convergence=0.0)
    ballot = Ballot(kinds=("cooperative_service", "objective"), vote_h=1.0, base_turnout=0.4)

    def city(trust: float) -> CityModel:
        model = make_model(n=n, seed=23, engine=engine, overrides={
            "civic.trust_behaviour": trusting, "civic.trust_participation_weight": weight})
        s = model.residents_state
        s.burnout_weeks_left[:] = 0
        s.discretionary_h[:] = 40.0
        for name in FLOWS:
            getattr(s, name)[:] = 0.0
        s.citizen[:] = 0.5
        s.orientation[:] = 0.5
        s.trust[:] = trust
        return model

    attended, voted = {}, {}
    for trust in (0.1, 0.5, 0.9):
        factor = math.exp(weight * (trust - 0.5)) if trusting else 1.0
        model = city(trust)
        # the draw each resident's chance to attend is held against: the first of the host's stream this week
        u = model.streams.week(Process.ATTENDANCE, model.week, owner="test").random(n)
        share = hold_debate(model, debate)
        attended[trust] = np.flatnonzero(model.residents_state.civic_h > 0.0)
        np.testing.assert_array_equal(attended[trust], np.flatnonzero(u < 0.3 * 0.5 * factor))
        assert share == pytest.approx(attended[trust].size / n)
        model = city(trust)
        u = model.streams.week(Process.VOTES, model.week, owner="test").random(n)
        voted[trust] = hold_vote(model, ballot, model.streams.week(Process.VOTES, model.week, owner="test")).voters
        np.testing.assert_array_equal(voted[trust], np.flatnonzero(u < 0.4 * 0.5 * (0.5 + 0.5) * factor))
    for record in (attended, voted):
        if trusting:  # the same draws: whoever comes at low trust comes at higher trust, and more do
            assert set(record[0.1]) < set(record[0.5]) < set(record[0.9])
            assert record[0.9].size > 2 * record[0.1].size
        else:
            np.testing.assert_array_equal(record[0.1], record[0.9])
            np.testing.assert_array_equal(record[0.5], record[0.9])


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
        engine_cls(model).be_influenced(model.open_market(), before, 1.0, 1.0, no_waiting(model))
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
    high.commission_revenue_eur = high.profit_eur = 1e6  # a viable model: its costs take nothing of its takings
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
    assert row["declined_share"] == pytest.approx(s.declined_h.sum() / s.asked_h.sum())
    assert row["consumption_hours_mean"] == pytest.approx(s.consumption_h.mean())
    assert row["income_gini"] == pytest.approx(gini(s.base_income_eur + s.earnings_eur))
    assert row["gig_worker_share"] == pytest.approx((s.gig_h > 0).mean())
    assert math.isclose(row["worker_pay_eur_per_resident"] * s.n, s.earnings_eur.sum(), rel_tol=1e-9,
                        abs_tol=1e-9)


# --- services never take more time than the week has ------------------------------


@pytest.mark.parametrize("engine_cls", ENGINES, ids=ENGINE_IDS)
def test_services_never_leave_negative_hours_to_share(engine_cls):
    """A resident at the floor of discretionary time (2 h) whose every use is offline would need
    2.05 h for services: they take all its time, and nothing is left to share (never less)."""
    model = make_model(n=10)
    s = time_sharers(model, discretionary=model.config.residents.min_discretionary_h)
    s.consumer[:] = 1.0
    engine = engine_cls(model)
    market = model.open_market()
    draws = draws_for(model, choice=np.zeros((s.n, market.n_sectors)))  # u = 0: every use offline
    engine.choose_providers(market, draws, last_week(model))
    np.testing.assert_allclose(s.consumption_h, s.discretionary_h)
    engine.take_the_call(draws)
    engine.ask_and_allocate(market, 5.0)
    engine.answer()
    engine.offer_labour(market, draws)
    for name in ("gig_willing_h", "contribution_willing_h", "civic_willing_h", "contribution_h", "offered_h"):
        assert np.all(getattr(s, name) >= 0.0), name
