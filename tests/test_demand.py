"""Demand that remembers failed service (issue #19): residents expect of a provider the uses it left
unserved (their own memory, or its app's availability) and count as convenient the users it served.

Stated before the run: switched off, residents keep choosing providers whose workers cannot serve
them, so the unserved share of gig-service demand rises by more than its SMD (0.02), and hollow
provider-weeks by more than theirs (1 a year). The five-year, twelve-seed measurement at 2,000
residents is the recording `switch_off_reliability` (docs/ODD.md, section 7.14); this is its small
probe on other seeds."""

from __future__ import annotations

import numpy as np
import pytest

from simulation import CityModel
from simulation.experiment import resolve_scenario
from simulation.registry import INDICATORS

SEEDS = range(300, 308)


@pytest.fixture(scope="module")
def switch_off():
    """Last-year means of the calm city with and without remembered service, on paired seeds."""
    out = {}
    for remember in (True, False):
        config = resolve_scenario("calm_city", overrides={"n_residents": 1000, "weeks": 156,
                                                          "consumption.reliability_memory": remember}, source="test")
        rows = []
        for seed in SEEDS:
            frame = CityModel(config, rng=seed).run().indicators().tail(52)
            rows.append([frame["unserved_share"].mean(), frame["hollow_provider_weeks"].mean()])
        out[remember] = np.array(rows)
    return out


def test_without_remembered_service_more_demand_goes_unserved(switch_off):
    diff = switch_off[False][:, 0] - switch_off[True][:, 0]
    se = diff.std(ddof=1) / np.sqrt(diff.size)
    assert diff.mean() - 2 * se > INDICATORS["unserved_share"].smd, (diff.mean(), se)


def test_without_remembered_service_more_providers_stay_hollow(switch_off):
    diff = switch_off[False][:, 1] - switch_off[True][:, 1]
    assert diff.mean() > INDICATORS["hollow_provider_weeks"].smd, diff
