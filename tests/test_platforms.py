"""Platforms that learn, enter and leave; criteria from stocks and flows; incumbents that react;
the integrated platform city; the agora without a constant. Paired seeds (100-109) unless said;
the pilot that informed the stated directions used seeds 0-2."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from simulation import CityModel, civic
from simulation.library import build
from simulation.registry import indicator
from simulation.rules import Debate
from simulation.scenario import Scenario
from simulation.vocabulary import EventKind

SEEDS = range(100, 110)
SWITCH_SEEDS = range(100, 120)
"""The learning switch-off's seeds: with 10, couriers' pay was underpowered (pilot on 100-109:
-0.93 EUR/h, paired SE 0.89); 20 were chosen before 110-119 were run."""
N = 2000
"""Residents: at 1,000 the 1% of gig workers are too few to keep a ride-hail platform's market going."""


def city(context: str = "calm_city", policy: str = "none", weeks: int = 156, n: int = N, **overrides):
    return build(context, policy, {"n_residents": n, "weeks": weeks, **overrides})


def paired(metric, a, b, seeds=SEEDS) -> np.ndarray:
    """``metric(model)`` in ``b`` minus in ``a``, seed by seed."""
    return np.array([metric(CityModel(b, rng=s).run()) - metric(CityModel(a, rng=s).run()) for s in seeds])


def beyond(diffs: np.ndarray, smd: float) -> bool:
    """The paired mean exceeds the SMD and twice its standard error (either sign); a pair where a
    platform left the city (no value) is dropped."""
    diffs = diffs[np.isfinite(diffs)]
    mean, se = abs(diffs.mean()), diffs.std(ddof=1) / np.sqrt(diffs.size)
    return mean > smd and mean > 2 * se


def last_year(column):
    return lambda m: m.indicators()[column][-52:].mean()


def take_rate(m) -> float:
    """Mean commission of the commercial gig-labour platforms over the last year (NaN if both left)."""
    t = m.platform_table().filter((pl.col("week") >= m.week - 52) & pl.col("present")
                                  & pl.col("platform").is_in(["QuickEats", "RideNow"]))
    return t["commission"].mean() if t.height else np.nan


@pytest.fixture(scope="module")
def learning_runs() -> list[CityModel]:
    """Calm city, three years, platforms learning (the default): shared by the tests below."""
    return [CityModel(city(), rng=s).run() for s in SWITCH_SEEDS]


@pytest.fixture(scope="module")
def frozen_vs_learning(learning_runs):
    """Learning minus frozen (prices and commissions held at their start values), seed by seed."""
    metrics = {"take": take_rate, "profit": last_year("platform_profit_eur_per_resident")}
    frozen = [CityModel(city(**{"strategies.learning": False}), rng=s).run() for s in SWITCH_SEEDS]
    return {k: np.array([f(a) - f(b) for a, b in zip(learning_runs, frozen, strict=True)], dtype=float)
            for k, f in metrics.items()}


def test_learning_changes_take_rates_and_profit(frozen_vs_learning):
    """Switch-off: prices and commissions frozen at their start values. Stated direction: platforms
    that learn take more (commission) and earn more."""
    d = frozen_vs_learning
    assert np.nanmean(d["take"]) > 0 and beyond(d["take"], indicator("commission").smd), d["take"]
    assert np.nanmean(d["profit"]) > 0 and beyond(d["profit"], indicator("platform_profit_eur_per_resident").smd)


def test_profit_over_fixed_commissions_peaks_inside_the_range():
    """With terms frozen, the ride-hail platform's profit at commissions from 0.15 to 0.85: low
    commissions earn little, high ones drive drivers away; the best lies inside (cf. MaaSSim's grid)."""
    commissions = [0.15, 0.35, 0.5, 0.65, 0.85]

    def profit(m) -> float:
        t = m.platform_table().filter((pl.col("week") >= 52) & (pl.col("platform") == "RideNow"))
        return t["profit_eur"].mean() / m.config.n_residents

    table = np.array([[profit(CityModel(city(weeks=104, commission=c, **{"strategies.learning": False}),
                                        rng=s).run()) for s in SEEDS[:6]] for c in commissions])
    best = int(table.mean(axis=1).argmax())
    assert 0 < best < len(commissions) - 1, table.mean(axis=1)
    for end in (0, len(commissions) - 1):
        diffs = table[best] - table[end]
        assert diffs.mean() > 2 * diffs.std(ddof=1) / np.sqrt(diffs.size)


def _marketplace_profit(commission: float, elastic: bool, seed: int) -> float:
    """MarketPlace's profit over the third year, its commission held (no platform learns)."""
    model = CityModel(city(**{"strategies.learning": False, "suppliers.elastic": elastic,
                               "platforms.MarketPlace.commission": commission}), rng=seed).run()
    t = model.platform_table().filter((pl.col("week") >= 104) & (pl.col("platform") == "MarketPlace"))
    return t["profit_eur"].sum()


def test_merchants_who_answer_the_payout_bound_a_marketplaces_commission():
    """Stated before the run: a commission of 0.6 instead of 0.45 leaves merchants too little, so they
    offer fewer uses than residents ask and the marketplace earns less; switch their answer off and the
    same rise earns more (the commission is free money again). The named mechanism of issue #19 for a
    commission where no gig worker is paid. Paired seeds 100-105, N = 2,000, 156 weeks."""
    for elastic, sign in ((True, -1), (False, +1)):
        diffs = np.array([_marketplace_profit(0.6, elastic, s) - _marketplace_profit(0.45, elastic, s)
                          for s in SEEDS[:6]])
        se = diffs.std(ddof=1) / np.sqrt(diffs.size)
        assert sign * diffs.mean() > 2 * se and (sign * diffs > 0).all(), (elastic, diffs)


def test_hosts_offer_follows_the_payout_and_caps_what_is_served():
    """A platform's hosts move their offer towards start offer x (payout / start payout) ** elasticity over
    `adjust_weeks`, and it serves no more than they offer; with the switch off they offer whatever is asked."""
    model = CityModel(city(weeks=80, **{"strategies.learning": False, "platforms.StayAway.commission": 0.6}),
                      rng=1).run()
    stay = next(p for p in model.platforms if p.name == "StayAway")
    sector = next(s for s in model.config.sectors if s.name == "housing")
    assert stay.uses_served < stay.uses_demanded  # held at 0.6, its hosts offer less than residents ask
    stay.commission = 1.0 - 0.5 * sector.supply_payout_eur / stay.price_eur  # hosts get half the reference payout
    offered = stay.uses_offered
    stay.suppliers_answer()
    target = sector.supply_uses_per_resident_w or sector.uses_per_week
    target *= model.config.n_residents * 0.5 ** sector.supply_elasticity
    assert stay.uses_offered == pytest.approx(offered + (target - offered) / model.config.suppliers.adjust_weeks)
    assert stay.uses_served <= stay.uses_offered + 1e-9
    off = CityModel(city(weeks=20, **{"suppliers.elastic": False}), rng=1).run()
    assert all(p.uses_served == p.uses_demanded for p in off.platforms if not p.has_labour and p.present)


def test_growth_first_then_take_rates_rise_once_dominant():
    """The short-term rental platform seeks audience until it is dominant: it cuts its price; once 90% of
    residents use it, it seeks profit and its take rate climbs. Nothing in its rule names a phase's terms:
    it hill-climbs on audience, then on profit. Since issue #19 most residents use it within its first
    quarter (82% on seed 100), so at the default dominance share (0.5) it seeks profit from its first review: the test
    raises the share to 0.9 to see the growth phase. Seeds 100-109, 156 weeks."""
    rises = []
    for seed in SEEDS:
        model = CityModel(city(**{"strategies.dominance_share": 0.9}), rng=seed).run()
        t = model.platform_table().filter(pl.col("platform") == "StayAway")
        turned = model.events().filter((pl.col("actor") == "StayAway") & pl.col("details").str.contains("seeks profit"))
        assert turned.height == 1 and "of residents use it" in turned["details"].item()
        week = turned["week"].item()
        at_turn = t.filter(pl.col("week") == week)
        assert week > 12 and at_turn["price_eur"].item() < t["price_eur"][0]  # it grew first, on price
        rises.append(t["commission"][-1] - at_turn["commission"].item())
    rises = np.array(rises)
    assert rises.mean() > indicator("commission").smd and (rises > 0).mean() >= 0.8, rises


def test_couriers_wait_more_when_supply_outruns_demand():
    """Five times more would-be couriers for the same demand: more of their logged-in hours are
    spent waiting, unpaid (per-task platforms take every hour offered)."""
    few = city(**{"residents.worker_share": 0.01})
    many = city(**{"residents.worker_share": 0.05})
    d = paired(last_year("waiting_share"), few, many)
    assert d.mean() > 0 and beyond(d, indicator("waiting_share").smd)


def test_capital_scales_with_the_city():
    """The same per-resident figures at 1,000 and 4,000 residents (same seeds, within noise)."""
    def per_resident(n: int, seed: int) -> float:
        model = CityModel(city(weeks=52, n=n), rng=seed).run()
        t = model.platform_table().filter((pl.col("week") == 51) & (pl.col("platform") == "RideNow"))
        return t["capital_eur"].item() / n

    small = np.array([per_resident(1000, s) for s in SEEDS[:5]])
    large = np.array([per_resident(4000, s) for s in SEEDS[:5]])
    diff = large.mean() - small.mean()
    noise = np.hypot(small.std(ddof=1), large.std(ddof=1)) / np.sqrt(5)
    assert abs(diff) < max(3 * noise, 0.05 * small.mean()), (small, large)


def test_a_platform_whose_capital_runs_out_leaves_and_says_so():
    costly = city(weeks=60, **{"platforms.QuickEats.fixed_cost_eur_per_resident_w": 5.0})
    model = CityModel(costly, rng=1).run()
    exits = model.events().filter(pl.col("kind") == EventKind.PLATFORM_EXITED)
    assert exits["actor"].to_list() == ["QuickEats"] and "capital" in exits["details"].item()
    week = exits["week"].item()
    after = model.platform_table().filter((pl.col("platform") == "QuickEats") & (pl.col("week") > week))
    assert not after["present"].any() and (after["users"] == 0).all() and (after["status"] == "exited").all()


def test_an_entrant_waits_for_a_profitable_sector():
    """With no launch date, the delivery entrant comes in only once the sector's platforms made a
    profit over a whole review period, and is present from then until it leaves (if it does)."""
    waiting = city("platform_city", weeks=104, **{"platforms.FastFood.entry_week": None})
    model = CityModel(waiting, rng=1).run()
    events = model.events().filter(pl.col("actor") == "FastFood")
    entered = events.filter(pl.col("kind") == EventKind.PLATFORM_ENTERED)
    assert entered.height == 1 and "made EUR" in entered["details"].item()
    start = entered["week"].item()
    exited = events.filter(pl.col("kind") == EventKind.PLATFORM_EXITED)
    end = exited["week"].item() if exited.height else model.week
    rows = model.platform_table().filter(pl.col("platform") == "FastFood")
    assert start > 0 and not rows.filter(pl.col("week") < start)["present"].any()
    assert rows.filter((pl.col("week") >= start) & (pl.col("week") < end))["present"].all()
    assert not rows.filter(pl.col("week") > end)["present"].any()


def _address_commons(react: bool, commons_quality_gain: float) -> Scenario:
    """The address-commons story (calm city + data_commons), with the commons' service gain set."""
    story = city(policy="data_commons", weeks=208, **{"incumbents.react": react})
    lever = story.interventions[0].model_copy(update={"commons_quality_gain": commons_quality_gain})
    return story.model_copy(update={"interventions": [lever]})


def test_incumbents_turn_the_address_commons_tension_into_an_opportunity():
    """The commercial map's lead puts mapping at risk within months; the authority offers an open
    commons from year 1. The OpenStreetMap community pools its data by its own rule, its service
    improves, residents move back, and mapping goes from risk to tension to opportunity. With
    incumbents that never react, the offer finds no taker and mapping stays at risk. (With the
    story's own commons gain, 0.5, the map's lock-in holds: see the ODD; here the gain is 1.0.)"""
    def path(m) -> list[str]:
        r = m.sector_readings().filter(pl.col("sector") == "mapping")["reading"].to_list()
        return [x for i, x in enumerate(r) if i == 0 or x != r[i - 1]]

    for seed in SEEDS[:4]:
        reacting = CityModel(_address_commons(True, 1.0), rng=seed).run()
        frozen = CityModel(_address_commons(False, 1.0), rng=seed).run()
        pooled = reacting.events().filter((pl.col("kind") == EventKind.INCUMBENT_REACTED)
                                          & pl.col("details").str.contains("pools its data"))
        assert pooled.height == 1
        assert path(reacting)[-3:] == ["risk", "tension", "opportunity"], path(reacting)
        assert path(frozen)[-1] == "risk", path(frozen)


def test_the_integrated_platform_city_shares_data_across_sectors():
    """One company in mapping, mobility and delivery pools one stock of data, which makes each of its
    services more convenient (switch-off: no data network effect), so it wins more of the mobility and
    delivery uses on nearly every seed. On the streams of issue #18 the gain is below the smallest
    meaningful difference of a market share (median about 0.02): the sign is asserted, not the size,
    and the ODD's generated claim table reports the value share's switch-off as measured."""
    base = city("integrated_platform_city", weeks=104)
    model = CityModel(base, rng=1).run()
    table = model.platform_table()
    omni = table.filter(pl.col("group") == "OmniCorp")
    assert set(omni["sector"]) == {"mapping", "mobility", "delivery"}
    assert table.height == model.week * len(base.platforms)  # one row per platform, sector and week
    week = omni.filter((pl.col("week") == 103) & pl.col("present"))
    assert week["data_capture"].n_unique() == 1  # one stock for the group

    def omni_share(m) -> float:
        """OmniCorp's share of mobility and delivery uses over the second year."""
        t = m.platform_table().filter((pl.col("week") >= 52) & pl.col("sector").is_in(["mobility", "delivery"]))
        return t.filter(pl.col("group") == "OmniCorp")["users"].sum() / max(t["users"].sum(), 1)

    off = city("integrated_platform_city", weeks=104, **{"strategies.data_network_weight": 0.0})
    d = paired(omni_share, off, base)
    # one seed may tip a whole market (a large difference): the signs, not the mean
    assert (d > 0).sum() >= 9, d


# --- the agora without a constant ----------------------------------------------------------


def _debate_city(worker_share: float) -> CityModel:
    model = CityModel(city(weeks=10, **{"residents.worker_share": worker_share}), rng=3)
    model.run(4)  # couriers have worked, waited and been paid
    model.residents_state.civic_h[:] = 0.0
    return model


def test_the_agora_moves_no_one_without_couriers_or_cooperative_members():
    model = _debate_city(0.0)
    assert not civic.testimony(model).any()
    before = model.residents_state.orientation.copy()
    attendance = civic.hold_debate(model, Debate("agora", 2.0, 1.0, 1.0, 0.5))
    assert attendance > 0.1 and np.array_equal(before, model.residents_state.orientation)


def test_the_agora_moves_listeners_by_what_couriers_tell():
    model = _debate_city(0.3)
    told = civic.testimony(model)
    assert told.max() > 0 and told.min() >= 0
    before = model.residents_state.orientation.copy()
    civic.hold_debate(model, Debate("agora", 2.0, 1.0, 1.0, 0.5))
    moved = model.residents_state.orientation - before
    assert (moved >= 0).all() and moved.max() > 0  # towards the citizen pole only, and only by testimony


DETERRING = {"inspection_eur_per_resident_w": 2.0, "fine_eur_per_use": 100.0, "fine_eur_per_worker_h": 100.0}
"""Inspectors who catch nearly every defiance (a chance of 1 - 2^-10 a week at full legitimacy) and fines
no platform would risk."""


def test_a_price_change_is_put_down_to_a_pay_floor_only_where_one_binds():
    """Issue #20: in the platform city under regulation, every price change the event log puts down to a
    pay floor is a per-task platform with workers, once the floor has come; platforms without workers
    (MarketPlace, StayAway) never have one, whatever their learning does to their price (before the fix,
    a price they learned at the review just before the floor came was logged as meeting it). The
    regulation starts in week 39, just after a price review. Seeds 100-104, 104 weeks; then a floor
    that binds (EUR 30 an hour, a fine no platform defies) is put down to the floor."""
    def regulation(**changes) -> Scenario:
        regulated = city("platform_city", "regulation", weeks=104)
        lever = regulated.interventions[0].model_copy(update={"start_week": 39, **changes})
        return regulated.model_copy(update={"interventions": [lever]})

    for seed in SEEDS[:5]:
        model = CityModel(regulation(), rng=seed).run()
        price_events = model.events().filter(pl.col("kind").is_in([EventKind.PRICE_RAISED, EventKind.PRICE_LOWERED]))
        for event in price_events.iter_rows(named=True):
            platform = next(p for p in model.platforms if p.name == event["actor"])
            assert platform.has_labour and platform.pay_model == "per_task", event
            assert event["week"] >= 39 and "pay floor" in event["details"], event
    binding = CityModel(regulation(min_hourly_pay_eur=30.0, **DETERRING), rng=SEEDS[0]).run()
    raised = binding.events().filter(pl.col("kind") == EventKind.PRICE_RAISED)
    assert raised.height > 0 and (raised["week"] >= 39).all()


def test_a_regulation_without_a_fine_is_defied_not_obeyed():
    """Issue #20: a fine of 0 (and no permit held) means no penalty, never compliance (before the fix it read as
    no regulation, and every platform complied). In the platform city the cap of 0.2 from week 52 binds RideNow (start
    commission 0.25): with no fine it defies it, with an overwhelming fine it complies. Seed 100, 78 weeks."""
    def regulated(fine: float) -> CityModel:
        cfg = city("platform_city", "regulation", weeks=78)
        terms = {**DETERRING, "fine_eur_per_use": fine, "permit_sectors": []}  # no permit at stake either
        lever = cfg.interventions[0].model_copy(update=terms)
        return CityModel(cfg.model_copy(update={"interventions": [lever]}), rng=SEEDS[0]).run()

    def ride_defiance(model: CityModel) -> pl.DataFrame:
        return model.events().filter((pl.col("actor") == "RideNow") & (pl.col("kind") == EventKind.DEFIANCE)
                                     & pl.col("details").str.contains("commission cap"))

    assert ride_defiance(regulated(0.0)).height > 0
    assert ride_defiance(regulated(1000.0)).height == 0
