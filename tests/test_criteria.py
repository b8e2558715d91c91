"""The six criteria read from what platforms do (issue #20, item 3): each varies across platforms and weeks in
every context, and zeroing the flow a criterion reads moves it in the direction stated before the run."""

from __future__ import annotations

import polars as pl
import pytest

from simulation import CityModel
from simulation.experiment import resolve_scenario
from simulation.registry import CRITERIA

CONTEXTS = ("calm_city", "citizen_burnout", "platform_city", "integrated_platform_city")
SEEDS = (100, 101)


def criteria(scenario: str, seed: int, **overrides) -> pl.DataFrame:
    """Every present platform's criteria from week 52 on (1,000 residents, three years)."""
    cfg = resolve_scenario(scenario, overrides={"weeks": 156, "n_residents": 1000, **overrides}, source="test")
    model = CityModel(cfg, rng=seed).run()
    return model.platform_table().filter(pl.col("present") & (pl.col("week") >= 52))


@pytest.mark.parametrize("context", CONTEXTS)
def test_each_criterion_varies_across_platforms_and_weeks(context):
    """Issue #20: each criterion has an SD of at least 0.05 across the present platforms and the weeks after
    the first year (two seeds). Before, independence was 1 for every commercial platform: the whole SD came
    from the public and cooperative ones; and financial power, read from capital and revenue alone against
    what the authority commands, stayed near 0.04 for every platform (SD 0.048 in the calm, burn-out and
    integrated cities): it now also reads how viable the platform's model is."""
    table = pl.concat([criteria(context, seed) for seed in SEEDS])
    sds = {c: float(table[c].std()) for c in CRITERIA}
    assert min(sds.values()) >= 0.05, sds
    assert float(table.filter(pl.col("kind") == "commercial")["independence"].std()) >= 0.05


# the flow each criterion reads, zeroed, and the direction stated before the run
SWITCH_OFFS = {
    "independence": ({"sectors.delivery.public_space_share": 0.0, "sectors.mobility.public_space_share": 0.0}, +1),
    "contesting_legitimacy": ({f"platforms.{name}.rule_defiance": 0.0
                               for name in ("QuickEats", "RideNow", "StayAway", "MarketPlace")}, -1),
    "competing_representation": ({f"platforms.{name}.own_representation": 0.0
                                  for name in ("QuickEats", "RideNow", "StayAway", "GlobalMaps", "MarketPlace")}, -1),
    "data_capture": ({f"platforms.{name}.data_intensity": 0.0
                      for name in ("QuickEats", "RideNow", "StayAway", "GlobalMaps", "MarketPlace")}, -1),
    "audience": ({"consumption.convenience_weight": 0.0}, -1),
    "financial_power": ({f"platforms.{name}.fixed_cost_eur_per_resident_w": 0.0
                         for name in ("QuickEats", "RideNow", "StayAway", "GlobalMaps", "MarketPlace")}, +1),
}


@pytest.mark.parametrize("criterion", SWITCH_OFFS)
def test_zeroing_the_flow_a_criterion_reads_moves_it(criterion):
    """Zero what the criterion reads (the public space rides and deliveries take place in; platforms' disposition
    to contest local rules; their own representation of the city; the traces they keep; the convenience others'
    use brings, which draws an audience; the running costs that make a model less viable) in the calm city: its
    mean over platforms and weeks moves by at least 0.05, in the stated direction, on both seeds."""
    overrides, direction = SWITCH_OFFS[criterion]
    for seed in SEEDS:
        before = float(criteria("calm_city", seed)[criterion].mean())
        after = float(criteria("calm_city", seed, **overrides)[criterion].mean())
        assert direction * (after - before) >= 0.05, (seed, before, after)


# each context under the policy its story or lesson shows it with
STORIES = ("calm_city", "citizen_burnout+contributor_care", "platform_city+regulation",
           "integrated_platform_city+regulation")


def held_changes(scenario: str, seed: int) -> list[str]:
    """The sector readings that change after the first year and hold 26 weeks (2,000 residents, five years)."""
    cfg = resolve_scenario(scenario, overrides={"weeks": 260}, source="test")
    readings = CityModel(cfg, rng=seed).run().sector_readings()
    found = []
    for (sector,), rows in readings.group_by("sector"):
        r = rows.sort("week")["reading"].to_list()
        found += [f"{sector} week {w}: {r[w - 1]} -> {r[w]}" for w in range(53, len(r) - 26)
                  if r[w] != r[w - 1] and len(set(r[w:w + 26])) == 1]
    return found


@pytest.mark.parametrize("scenario", STORIES)
def test_a_sector_changes_reading_after_the_first_year(scenario):
    """Issue #20: readings no longer settle in year one. Expected before the run: a platform turning to profit
    grows more viable, and so more powerful (financial power), and a permit withdrawn takes a ride-hail platform
    out of the city for half a year, so some sector changes reading after week 52 and keeps it 26 weeks, on one
    of seeds 100-103 at least (found on seed 100 in each, model b7cb232; before, no held change on seeds 100 and
    101 in any of them, model fd5810f)."""
    assert any(held_changes(scenario, seed) for seed in range(100, 104)), scenario
