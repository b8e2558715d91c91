"""Levers as weekly transforms: composition, clean ends, order, accounting, and the event log."""

from __future__ import annotations

import dataclasses
import math
import random

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulation import CityModel
from simulation.library import build
from simulation.scenario import validate_scenario
from simulation.vocabulary import EventKind
from tests.test_interventions import EXAMPLES
from tests.test_ledger import nothing, step_and_check_closure


def city(levers: list[dict], weeks: int = 40, n: int = 300, **sections):
    data = build("calm_city").model_dump()
    data.update(weeks=weeks, n_residents=n, interventions=levers, **sections)
    return validate_scenario(data, "test")


def platform(model: CityModel, name: str):
    return next(p for p in model.platforms if p.name == name)


def test_two_levers_on_one_platform_compose_and_the_one_that_ends_leaves_the_other_intact():
    """The issue's case: regulation (weeks 0-10, mapping, data sharing 0.5) and a data partnership
    from week 5. At week 11 the partnership's terms hold in full (it pools half the data and merges
    80% of the representation), exactly as when it runs alone."""
    regulation = {"type": "platform_regulation", "start_week": 0, "end_week": 10, "sectors": ["mapping"],
                  "data_sharing": 0.5}
    partnership = {"type": "data_partnership", "start_week": 5, "sector": "mapping", "partners": ["GlobalMaps"],
                   "data_pooled": 0.5,
                   "integration": 0.8}
    both = CityModel(city([regulation, partnership]), rng=1)
    alone = CityModel(city([partnership]), rng=1)
    for week in range(20):
        both.step()
        alone.step()
        maps = platform(both, "GlobalMaps")
        if week < 5:
            assert (maps.data_shared, maps.commons_integration) == (0.5, 0.25)  # regulation alone
        else:
            assert (maps.data_shared, maps.commons_integration) == (0.5, 0.8)  # the stronger terms
        if week > 10:  # regulation has ended: what is left is the partnership, whole
            assert both.rules.platforms == alone.rules.platforms
    spent = both.intervention_table().filter(pl.col("week") == 19)
    assert spent.filter(pl.col("type") == "data_partnership")["status"].item() == "active"
    assert spent.filter(pl.col("type") == "platform_regulation")["status"].item() == "ended"


KEEPERS = [  # levers whose rules depend only on the calendar and their own age
    {"type": "data_partnership", "sector": "mapping"},
    {"type": "contributor_care", "max_requests_h": 2.0, "recognition": 0.3},
    {"type": "innovation_policy", "priority_sectors": ["delivery", "mapping"]},
    {"type": "platform_regulation", "sectors": ["delivery"], "commission_cap": 0.2, "min_hourly_pay_eur": 13.0},
]


@pytest.mark.parametrize("kind", [k for k in EXAMPLES if k not in ("adaptive_rule",)])
def test_end_week_lifts_exactly_its_own_lever(kind):
    """A lever ending at week 10 leaves, from week 11 on, exactly the rules the other levers make.
    Incumbents stay still here: their investments are the actors' own history, not a lever's."""
    ending = {"type": kind, "start_week": 2, "end_week": 10, **EXAMPLES[kind]}
    keepers = [k for k in KEEPERS if k["type"] != kind]
    still = {"incumbents": {"react": False}}
    with_it = CityModel(city([ending, *keepers], weeks=30, **still), rng=4)
    without = CityModel(city(keepers, weeks=30, **still), rng=4)
    for week in range(30):
        with_it.step()
        without.step()
        if week > 10:
            assert with_it.rules.platforms == without.rules.platforms, week
            assert with_it.rules.programme == without.rules.programme, week
            assert with_it.rules.debate is None and with_it.rules.objective is None
    kinds = with_it.events().filter(pl.col("actor") == kind)["kind"].to_list()
    assert kinds[:1] == [EventKind.LEVER_STARTED] and EventKind.LEVER_ENDED in kinds


def test_the_order_of_levers_does_not_change_the_rules_or_the_run():
    """Rules compose commutatively; order is only the budget's priority when money runs short
    (so the budget here suffices)."""
    levers = [{"type": kind, "start_week": 3, **EXAMPLES[kind]} for kind in EXAMPLES]
    shuffled = levers[:]
    random.Random(7).shuffle(shuffled)
    rich = {"residents": {"worker_share": 0.1}, "authority": {"budget_eur": 1e8}}
    a = CityModel(city(levers, weeks=30, **rich), rng=2)
    b = CityModel(city(shuffled, weeks=30, **rich), rng=2)
    for _ in range(30):
        a.step()
        b.step()
        assert _close(a.rules, b.rules)
    x, y = a.indicators(), b.indicators()
    for column in x.columns:
        np.testing.assert_allclose(x[column].to_numpy().astype(float), y[column].to_numpy().astype(float),
                                   rtol=1e-9, atol=1e-12, err_msg=column)


def _close(a, b) -> bool:
    """Two rule sets equal up to float rounding (a product of three factors depends on their order in
    the last bit)."""
    if dataclasses.is_dataclass(a):
        return type(a) is type(b) and all(_close(getattr(a, f.name), getattr(b, f.name))
                                          for f in dataclasses.fields(a))
    if isinstance(a, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)
    return a == b


def test_a_pay_floor_is_met_by_the_platform_never_by_a_negative_commission():
    """EUR 35 per logged-in hour: the platform raises its price until a fully busy courier earns it
    and logs in fewer hours; its commission stays its own (capped), never negative."""
    floor = {"type": "platform_regulation", "start_week": 5, "min_hourly_pay_eur": 35.0,
             "inspection_eur_per_resident_w": 2.0, "fine_eur_per_use": 100.0, "fine_eur_per_worker_h": 100.0}
    frozen = {"learning": False}  # the floor's own effect, its price and commission otherwise fixed
    model = CityModel(city([floor], weeks=60, residents={"worker_share": 0.1}, strategies=frozen), rng=1).run()
    table = model.platform_table().filter((pl.col("week") >= 5) & pl.col("present"))
    eats = table.filter(pl.col("platform") == "QuickEats")
    assert (table["commission_revenue_eur"] >= 0).all() and (table["commission"] >= 0).all()
    assert (model.indicators()["platform_value_share"] >= 0).all()
    assert (eats["price_eur"] - 35.0 * 0.4 / (1 - 0.30)).abs().max() < 1e-9  # the price a floor needs
    working = eats.filter(pl.col("uses_served") > 0)
    logged_in_pay = working["worker_payout_eur"] / (working["worker_payout_eur"] / working["pay_rate_eur_h"])
    assert (logged_in_pay >= 35.0 - 1e-9).all()
    assert model.events().filter(pl.col("kind") == EventKind.PRICE_RAISED)["actor"].to_list()[:1] == ["QuickEats"]


def test_procurement_is_paid_for_uses_served_only():
    """The authority offers to buy far more deliveries than the cooperative's couriers can serve:
    it pays for those served, not for those offered."""
    buy = {"type": "cooperative_support", "platform": "BikeCoop", "procurement_uses_w": 500.0, "cost_eur_w": 0.0}
    model = CityModel(city([buy], weeks=30), rng=3)
    paid = 0.0
    for _ in range(30):
        model.step()
        coop = platform(model, "BikeCoop")
        assert coop.procured_uses_served <= 500.0 + 1e-9
        paid += coop.procured_uses_served * coop.price_eur
    spent = model.intervention_table().filter(pl.col("week") == 29)["spent_eur"].item()
    assert spent == pytest.approx(paid, rel=1e-12)
    assert paid < 0.9 * 500.0 * 30 * platform(model, "BikeCoop").price_eur  # much was offered, not served


def test_crowding_out_is_each_paid_residents_and_ending_pay_divides_nobody():
    """Paying volunteers crowds out the motivation of those who were paid (recorded per resident);
    when the pay ends nothing is divided back: engagement changes that week only for residents
    whose own rules changed it (a burn-out recovery or a newcomer)."""
    pay = {"type": "contributor_care", "start_week": 0, "end_week": 20, "pay_eur_h": 5.0}
    model = CityModel(city([pay], weeks=40, n=600), rng=5)
    model.run(21)  # weeks 0-20: paid
    s = model.residents_state
    assert s.crowded_out.sum() > 0
    assert (s.crowded_out <= (s.contributor > 0)).all()
    before = s.contributor.copy()
    recovering = s.burnout_weeks_left == 1
    model.step()  # week 21: the pay has ended
    changed = np.flatnonzero(before != s.contributor)
    renewed = changed[~recovering[changed]]
    assert np.allclose(s.contributor[recovering], before[recovering] * 0.5)
    # the others who changed are newcomers: their fatigue was reset with their engagement
    assert (s.fatigue[renewed] == 0).all() and len(renewed) < 0.05 * s.n


def test_events_say_what_happened_and_why():
    levers = [
        {"type": "contributor_care", "start_week": 2, "end_week": 6, "max_requests_h": 2.0},
        {"type": "participatory_innovation", "start_week": 3, "every_weeks": 10, "cost_eur_w": 0.0},
        {"type": "adaptive_rule", "sector": "civic", "when_reading": "opportunity", "for_weeks": 2,
         "then": {"type": "data_partnership", "sector": "mapping"}},
        {"type": "innovation_agora", "start_week": 1, "every_weeks": 5, "cost_eur_w": 40_000.0},
    ]
    model = CityModel(city(levers, weeks=40, authority={"budget_eur": 100_000.0}), rng=1).run()
    events = model.events()
    assert events.columns == ["week", "actor", "kind", "details", "facts"] and events["week"].is_sorted()
    kinds = set(events["kind"])
    assert {EventKind.LEVER_STARTED, EventKind.LEVER_ENDED, EventKind.LEVER_UNFUNDED, EventKind.RULE_FIRED,
            EventKind.VOTE_HELD, EventKind.READING_CHANGED} <= kinds
    unfunded = events.filter(pl.col("kind") == EventKind.LEVER_UNFUNDED).row(0, named=True)
    assert unfunded["actor"] == "innovation_agora" and "EUR" in unfunded["details"]
    fired = events.filter(pl.col("kind") == EventKind.RULE_FIRED).row(0, named=True)
    started = events.filter((pl.col("actor") == "data_partnership") & (pl.col("kind") == EventKind.LEVER_STARTED))
    assert started["week"].item() == fired["week"] + 1


LEVER_SPACE = {
    "platform_regulation": lambda d: {"commission_cap": d(st.floats(0, 0.5)), "min_hourly_pay_eur": d(st.floats(0, 40)),
                                      "data_sharing": d(st.floats(0, 1))},
    "data_partnership": lambda d: {"sector": "mapping", "data_pooled": d(st.floats(0, 1))},
    "cooperative_support": lambda d: {"platform": "BikeCoop", "grant_eur": d(st.floats(0, 1e5)),
                                      "procurement_uses_w": d(st.floats(0, 300)),
                                      "price_subsidy_eur": d(st.floats(0, 10))},
    "contributor_care": lambda d: {"max_requests_h": d(st.floats(0, 5)), "recognition": d(st.floats(0, 0.9)),
                                   "rotation": d(st.booleans()), "pay_eur_h": d(st.floats(0, 20))},
    "innovation_policy": lambda d: {"priority_sectors": ["delivery"], "alignment_rate_w": d(st.floats(0, 0.2))},
    "grand_objective": lambda d: {"platform_signal": d(st.floats(0, 1))},
    "innovation_agora": lambda d: {"every_weeks": d(st.integers(1, 6)), "attendance": d(st.floats(0, 1))},
    "participatory_innovation": lambda d: {"every_weeks": d(st.integers(2, 10)),
                                           "budget_eur": d(st.floats(0, 5e5))},
}


@st.composite
def lever_mixes(draw) -> tuple[list[dict], dict]:
    kinds = draw(st.lists(st.sampled_from(sorted(LEVER_SPACE)), min_size=1, max_size=5, unique=True))
    levers = []
    for kind in kinds:
        start = draw(st.integers(0, 15))
        end = draw(st.one_of(st.none(), st.integers(start, 25)))
        levers.append({"type": kind, "start_week": start, "end_week": end, **LEVER_SPACE[kind](draw)})
    budget = draw(st.sampled_from([2e4, 2e5, 1e6]))
    return levers, {"seed": draw(st.integers(0, 2**31)), "budget": budget,
                    "worker_share": draw(st.sampled_from([0.02, 0.2]))}


@settings(max_examples=20, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(lever_mixes())
def test_invariants_hold_for_any_mix_of_levers(mix):
    levers, draw = mix
    cfg = city(levers, weeks=30, n=250, residents={"worker_share": draw["worker_share"]},
               authority={"budget_eur": draw["budget"]})
    model = CityModel(cfg, rng=draw["seed"])
    s, authority = model.residents_state, model.authority
    income = cfg.authority.budget_income_eur_w
    held = nothing(model)
    for week in range(cfg.weeks):
        held = step_and_check_closure(model, held)  # every party's money moves by exactly its payments
        assert (s.used_h <= s.discretionary_h + 1e-9).all(), week
        for p in model.platforms:
            assert 0.0 <= p.commission <= 1.0 and p.commission_revenue_eur >= -1e-9, (week, p.name)
            assert p.gross_eur == pytest.approx(p.commission_revenue_eur + p.payout_eur, abs=1e-9)
            assert math.isfinite(p.capital_eur) and math.isfinite(p.price_eur)
        labour = sum(p.payout_eur for p in model.platforms if p.has_labour)
        assert s.earnings_eur.sum() == pytest.approx(labour, rel=1e-9, abs=1e-9)
        assert authority.budget_eur >= 0.0 and authority.reserved_eur == 0.0
        # money the authority has = what it had + its income + the fines it collected - what it spent
        assert authority.budget_eur == pytest.approx(
            draw["budget"] + income * (week + 1) + authority.collected_eur - authority.spent_eur, rel=1e-9, abs=1e-6)
    df = model.indicators()
    for column in df.columns:
        if df[column].dtype == pl.Float64:
            assert not df[column].is_nan().any(), column
    spent = model.intervention_table().filter(pl.col("week") == cfg.weeks - 1)["spent_eur"].sum()
    assert spent == pytest.approx(authority.spent_eur, rel=1e-9, abs=1e-6)
