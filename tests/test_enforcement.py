"""Enforcement as a process (issue #20): inspectors the authority pays for set the chance a defied rule is
detected, fines scale with the violations found and are paid into the budget, and platforms decide
from the penalty they expect, learned from the city's enforcement record, at their reviews."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from simulation import CityModel
from simulation.authority import EnforcementRecord
from simulation.experiment import resolve_scenario
from simulation.ledger import Flow, Party
from simulation.registry import indicator
from simulation.scenario import Scenario
from simulation.vocabulary import EventKind

SEEDS = range(100, 112)
INSPECTION = (0.0, 0.02, 0.05, 0.1, 0.2, 0.5)
"""Weekly inspection spending per resident (EUR): from nobody looking to a detection chance of 0.82 a week."""


def regulated(weeks: int = 156, n: int = 1000, **lever) -> Scenario:
    """The platform city under the library's regulation (from week 52), its lever's terms changed."""
    cfg = resolve_scenario("platform_city+regulation", overrides={"weeks": weeks, "n_residents": n}, source="test")
    return cfg.model_copy(update={"interventions": [cfg.interventions[0].model_copy(update=lever)]})


@pytest.fixture(scope="module")
def inspection_sweep() -> dict[float, list[CityModel]]:
    """Six levels of inspection at the default fines, 12 paired seeds, 1,000 residents, three years."""
    return {level: [CityModel(regulated(inspection_eur_per_resident_w=level), rng=s).run() for s in SEEDS]
            for level in INSPECTION}


def test_the_expected_chance_pools_the_announced_chance_with_the_record():
    record = EnforcementRecord()
    assert record.expected_chance(0.3, prior_weeks=13) == pytest.approx(0.3)  # nothing seen yet
    for _ in range(200):  # two rules defied a week, one caught in ten
        record.add(defied=2, caught=0 if _ % 5 else 1, memory_weeks=52)
    assert record.defied == pytest.approx(2 * 52, rel=0.03)  # what it remembers: about a year's worth
    assert record.expected_chance(0.3, prior_weeks=13) == pytest.approx((13 * 0.3 + 0.1 * record.defied)
                                                                        / (13 + record.defied), rel=0.05)
    assert record.expected_chance(0.3, prior_weeks=13) < 0.15  # the record outweighs the announcement


def test_inspection_takes_the_city_from_defiance_to_compliance(inspection_sweep):
    """Issue #20, what it must show. Expected before the run: with nobody looking, the gig platforms and the
    marketplace defy the cap on most seeds; the more inspectors, the fewer defy, to none; the platforms'
    value share falls with the level, never rising by more than one standard error between successive
    levels, and by more than 3 SMD from the first level to the last (paired seeds); fines are paid into
    the authority's budget through the ledger."""
    def share(model: CityModel) -> float:
        return float(model.indicators()["platform_value_share"].tail(52).mean())

    def defiant(model: CityModel) -> bool:
        tab = model.platform_table().filter((pl.col("week") >= 104) & pl.col("present"))
        return bool((tab["defying"].str.contains("commission_cap")).any())

    shares = np.array([[share(m) for m in inspection_sweep[level]] for level in INSPECTION])
    defying = np.array([[defiant(m) for m in inspection_sweep[level]] for level in INSPECTION])
    assert defying[0].mean() > 0.5 and not defying[-1].any()
    smd = indicator("platform_value_share").smd
    for k in range(1, len(INSPECTION)):
        step = shares[k] - shares[k - 1]
        se = step.std(ddof=1) / np.sqrt(len(step))
        # where everyone complies at both levels, only the inspectors' cost differs: differences of 1e-8
        assert step.mean() <= max(se, 0.01 * smd), (INSPECTION[k], step.mean(), se)
    assert (shares[0] - shares[-1]).mean() > 3 * smd
    caught = inspection_sweep[0.05]
    for model in caught:
        fines = model.ledger().filter(pl.col("flow") == Flow.FINE)
        assert set(fines["payee"]) <= {Party.AUTHORITY}
        assert model.authority.collected_eur == pytest.approx(fines["eur"].sum())
    assert sum(m.authority.collected_eur for m in caught) > 0
    assert all(m.authority.collected_eur == 0 for m in inspection_sweep[0.0])


def test_compliance_changes_at_most_twice_a_platform_year(inspection_sweep):
    """Issue #20: platforms decide at their quarterly reviews, from the penalty they have learned to expect
    and the gain against complying at their own terms. Before the fix they decided every week from a
    drifting commission: under the library's regulation (seeds 100-111, 2,000 residents, 260 weeks, model
    598fd61) QuickEats changed 130 times in 48 platform-years, 2.7 a year. Counted for each commercial
    platform over the 12 seeds, at every level of the sweep, over the weeks it is present under the regulation."""
    for level, models in inspection_sweep.items():
        flips: dict[str, int] = {}
        years: dict[str, float] = {}
        for model in models:
            events = model.events().filter(pl.col("kind").is_in([EventKind.DEFIANCE, EventKind.COMPLIANCE])
                                           & ~pl.col("details").str.contains("lifted"))
            for p in model.platforms:
                if p.kind != "commercial":
                    continue
                flips[p.name] = flips.get(p.name, 0) + events.filter(pl.col("actor") == p.name).height
                weeks = model.platform_table().filter(pl.col("present") & (pl.col("week") >= 52)
                                                      & (pl.col("platform") == p.name)).height
                years[p.name] = years.get(p.name, 0.0) + weeks / 52
        rates = {name: flips[name] / years[name] for name in flips if years[name] > 0}
        assert max(rates.values()) <= 2.0, (level, rates)


def test_a_fine_is_the_violations_found_times_the_fine_per_violation():
    """The fine for a defied cap is the uses the platform sold that week times the fine per use; for a
    defied floor, the hours its workers were logged in times the fine per hour. The platform learns it as a
    cost in the week it is imposed (its period's profit), though it pays it 26 weeks later."""
    model = CityModel(regulated(weeks=104, inspection_eur_per_resident_w=0.05, fine_eur_per_use=3.0,
                                fine_eur_per_worker_h=0.5), rng=101).run()
    fined = model.events().filter(pl.col("kind") == EventKind.FINED)
    assert fined.height > 0
    facts = pl.Struct({"rule": pl.String, "fine_eur": pl.Float64})
    fined = fined.with_columns(pl.col("facts").str.json_decode(facts).struct.unnest())
    table = model.platform_table()
    for row in fined.iter_rows(named=True):
        week = table.filter((pl.col("platform") == row["actor"]) & (pl.col("week") == row["week"]))
        if row["rule"] == "min_pay":
            hours = week["worker_payout_eur"][0] / week["pay_rate_eur_h"][0]
            assert row["fine_eur"] == pytest.approx(0.5 * hours, rel=1e-6)
        else:
            assert row["fine_eur"] == pytest.approx(3.0 * week["uses_served"][0], rel=1e-6)


def test_inspectors_are_paid_from_the_budget_and_without_them_nothing_is_detected():
    """The regulation's inspectors cost EUR inspection x residents a week, on top of its running cost;
    with no inspectors no defiance is ever detected, however high the fine."""
    weeks, n = 80, 1000
    looked = CityModel(regulated(weeks=weeks, n=n, inspection_eur_per_resident_w=0.1), rng=100).run()
    blind = CityModel(regulated(weeks=weeks, n=n, inspection_eur_per_resident_w=0.0, fine_eur_per_use=1e4),
                      rng=100).run()
    cost = {m: m.ledger().filter((pl.col("flow") == Flow.PROGRAMME_COSTS) & (pl.col("week") == 60))["eur"].sum()
            for m in (looked, blind)}
    assert cost[looked] - cost[blind] == pytest.approx(0.1 * n)
    assert blind.events().filter(pl.col("kind") == EventKind.FINED).height == 0
    assert blind.events().filter(pl.col("kind") == EventKind.DEFIANCE).height > 0


def test_platforms_learn_the_chance_of_being_caught_from_the_record():
    """A contested authority catches less than its inspectors are announced to: the chance platforms expect
    falls below the announced one towards what the record shows (caught / defied), and stays between."""
    model = CityModel(regulated(weeks=156, inspection_eur_per_resident_w=0.02, fine_eur_per_use=5.0), rng=102).run()
    record = model.authority.record
    assert record.defied > 0
    rules = next(p for p in model.platforms if p.name == "RideNow").rules
    announced = rules.detection_chance
    expected = next(p for p in model.platforms if p.name == "RideNow").expected_detection(rules)
    seen = record.caught / record.defied
    assert min(seen, announced) <= expected <= max(seen, announced)
    assert expected != pytest.approx(announced)


@pytest.fixture(scope="module")
def permits() -> dict[bool, list[CityModel]]:
    """The platform city under the library's regulation with and without its permit for ride-hail, inspectors
    at EUR 0.1 a resident a week (a detection chance of 0.29 at full legitimacy), paired seeds 100-105."""
    sectors = {True: ["mobility"], False: []}
    return {held: [CityModel(regulated(weeks=208, inspection_eur_per_resident_w=0.1, permit_sectors=sectors[held]),
                             rng=s).run() for s in range(100, 106)]
            for held in (True, False)}


def test_a_platform_caught_too_often_loses_its_permit_for_a_while(permits):
    """A ride-hail platform caught defying `permit_strikes` (3) times since it last came in loses its permit: the
    week after, it is out of the city (no users, no workers, not in its sector's reading) for `suspension_weeks`
    (26), still paying the fines it owes, then returns. Without a permit regime nobody is ever suspended."""
    suspended = 0
    for model in permits[True]:
        events = model.events()
        table = model.platform_table()
        withdrawn = events.filter(pl.col("kind") == EventKind.PERMIT_WITHDRAWN)
        for row in withdrawn.iter_rows(named=True):
            platform, week = row["actor"], row["week"]
            assert platform == "RideNow"  # the regulation holds permits over mobility only
            fined = events.filter((pl.col("kind") == EventKind.FINED) & (pl.col("actor") == platform)
                                  & (pl.col("week") <= week))
            back = events.filter((pl.col("kind") == EventKind.PERMIT_RESTORED) & (pl.col("actor") == platform)
                                 & (pl.col("week") < week))
            since = back["week"].max() if back.height else -1
            assert fined.filter(pl.col("week") >= since).height == 3, (platform, week)
            out = table.filter((pl.col("platform") == platform) & (pl.col("week") > week)
                               & (pl.col("week") <= week + 26))
            assert not out["present"].any() and out["users"].sum() == 0 and out["workers"].sum() == 0
            if week + 27 < model.config.weeks:
                returned = table.filter((pl.col("platform") == platform) & (pl.col("week") == week + 27))
                assert returned["present"].all()
                assert events.filter((pl.col("kind") == EventKind.PERMIT_RESTORED)
                                     & (pl.col("week") == week + 27)).height == 1
            if week + 26 < model.config.weeks:  # its last fine falls due while it is away, and is paid
                due = model.ledger().filter((pl.col("flow") == Flow.FINE) & (pl.col("payer") == platform)
                                            & (pl.col("week") > week) & (pl.col("week") <= week + 26))
                assert due["eur"].sum() > 0
            suspended += 1
    assert suspended > 0
    for model in permits[False]:
        assert model.events().filter(pl.col("kind") == EventKind.PERMIT_WITHDRAWN).height == 0


def test_a_permit_at_stake_deters_and_makes_the_platform_depend_on_the_city(permits):
    """Expected before the run: where the authority holds its permit, what a detection costs RideNow includes a
    share of a suspension, so it defies fewer weeks (paired seeds, more than one week in ten less on average);
    and it needs the permit, so its independence is lower every week the regulation runs."""
    def defied_weeks(model: CityModel) -> int:
        tab = model.platform_table().filter((pl.col("platform") == "RideNow") & (pl.col("week") >= 52))
        return int(tab["defying"].str.contains("commission_cap").sum())

    def independence(model: CityModel) -> float:
        tab = model.platform_table().filter((pl.col("platform") == "RideNow") & (pl.col("week") >= 78)
                                            & pl.col("present"))
        return float(tab["independence"].mean())

    held = np.array([defied_weeks(m) for m in permits[True]])
    free = np.array([defied_weeks(m) for m in permits[False]])
    assert (free - held).mean() > 0.1 * (208 - 52), (held, free)
    for a, b in zip(permits[True], permits[False], strict=True):
        assert independence(a) < independence(b) - 0.1
