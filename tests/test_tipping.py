"""Collapse of volunteering as a share of runs (issue #21, item 5): the `collapsed` indicator, the
library's demand x capacity sweep and `citysim tipping`."""

from __future__ import annotations

import polars as pl
import pytest
from typer.testing import CliRunner

import analysis
from analysis.tipping import DEMAND, collapse_shares, hours_per_1000_month, tipping_demand, wilson
from citysim.cli import app
from simulation.model import CityModel

CAPACITY = "contribution.capacity_h"


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    """The library's collapse sweep, small: 2 paired seeds, 300 residents, 60 weeks (42 runs)."""
    out = tmp_path_factory.mktemp("collapse") / "sweep"
    done = CliRunner().invoke(app, ["sweep", "collapse_sweep", "--replications", "2", "--weeks", "60",
                                    "--population", "300", "--out", str(out)])
    assert done.exit_code == 0, done.output
    return out


def test_collapsed_means_coverage_below_the_level_for_the_stated_weeks_running():
    """Recomputed from the weekly coverage of a run that tips: a week is collapsed exactly when it and the
    25 before it all had coverage below 0.8; a run far below its onset never collapses."""
    model = CityModel(rng=3, n_residents=400, volunteer_demand=0.4, weeks=80).run()
    frame = model.indicators()
    c = model.config.contribution
    below = (frame["contribution_coverage"] < c.collapse_coverage).cast(pl.Int64)
    expected = below.rolling_sum(c.collapse_weeks).fill_null(0) == c.collapse_weeks
    assert frame["collapsed"].to_list() == expected.to_list()
    assert frame["collapsed"][-1] and not frame["collapsed"][: c.collapse_weeks - 1].any()
    calm = CityModel(rng=3, n_residents=400, volunteer_demand=0.02, weeks=80).run().indicators()
    assert not calm["collapsed"].any()


def test_a_longer_stated_spell_collapses_later():
    shorter = CityModel(rng=3, n_residents=400, volunteer_demand=0.4, weeks=80).run().indicators()
    longer = CityModel(rng=3, n_residents=400, volunteer_demand=0.4, weeks=80,
                       **{"contribution.collapse_weeks": 52}).run().indicators()
    first = shorter["week"].filter(shorter["collapsed"]).min()
    assert longer["week"].filter(longer["collapsed"]).min() == first + 26


def test_wilson_interval_is_right_where_the_normal_one_is_not():
    low, high = wilson(0, 20)  # the normal approximation gives [0, 0]
    assert low == 0.0 and high == pytest.approx(1.96**2 / (20 + 1.96**2), abs=1e-3)
    low, high = wilson(10, 20)
    assert low == pytest.approx(0.299, abs=1e-3) and high == pytest.approx(0.701, abs=1e-3)


def test_tipping_demand_is_the_lowest_level_where_most_runs_collapse():
    shares = pl.DataFrame({"scenario": ["c"] * 4, DEMAND: [0.1, 0.2, 0.3, 0.4], "share": [0.0, 0.4, 0.6, 0.3]})
    found = tipping_demand(shares).row(0, named=True)
    assert found["tips_at"] == 0.3 and found["holds_at"] == 0.2
    never = tipping_demand(shares.with_columns(share=pl.lit(0.1))).row(0, named=True)
    assert never["tips_at"] is None and never["holds_at"] == 0.4
    assert hours_per_1000_month(0.1) == pytest.approx(100 * 52 / 12)


def test_the_collapse_sweep_tips_where_demand_exceeds_what_capacity_carries(sweep):
    """Stated before the run: at the lowest demand nobody collapses at any capacity; at the highest demand
    and the lowest capacity every run does; more capacity never tips at a lower demand."""
    shares = collapse_shares(sweep)
    assert shares["runs"].to_list() == [2] * 21
    lowest = shares.filter(pl.col(DEMAND) == 0.02)
    assert lowest["collapsed"].sum() == 0
    worst = shares.filter((pl.col(DEMAND) == 0.4) & (pl.col(CAPACITY) == 1.5))
    assert worst["collapsed"].to_list() == [2]
    tips = tipping_demand(shares).sort(CAPACITY)
    levels = [t if t is not None else float("inf") for t in tips["tips_at"]]
    assert levels == sorted(levels) and levels[0] < levels[-1]
    # each share is read from the run's last week, as recomputed from its weekly coverage
    frame = analysis.load(sweep).indicators.collect()
    last = frame.filter(pl.col("week") == pl.col("week").max())
    spell = (frame.filter(pl.col("week") > pl.col("week").max() - 26)
             .group_by("run_id").agg((pl.col("contribution_coverage") < 0.8).all().alias("spell")))
    joined = last.join(spell, on="run_id")
    assert (joined["collapsed"] == joined["spell"]).all()


def test_citysim_tipping_prints_and_writes_the_shares(sweep):
    done = CliRunner().invoke(app, ["tipping", str(sweep)], env={"COLUMNS": "120"})
    assert done.exit_code == 0, done.output
    assert "Wilson 95% interval" in done.output and "most runs collapse from" in done.output
    written = pl.read_csv(sweep / "analysis" / "collapse.csv")
    assert written.select("scenario", "point", "runs", "collapsed").equals(
        collapse_shares(sweep).select("scenario", "point", "runs", "collapsed"))


def test_citysim_tipping_never_writes_over_an_earlier_different_output(sweep, tmp_path):
    out = tmp_path / "shares.parquet"
    (tmp_path / "shares.csv").write_text("an,earlier\n1,2\n")
    (tmp_path / "shares.parquet").write_bytes(b"earlier")
    done = CliRunner().invoke(app, ["tipping", str(sweep), "--out", str(out)], env={"COLUMNS": "120"})
    assert done.exit_code == 0, done.output
    assert (tmp_path / "shares.csv").read_text() == "an,earlier\n1,2\n"
    assert pl.read_csv(tmp_path / "shares-2.csv")["collapsed"].sum() == collapse_shares(sweep)["collapsed"].sum()
    again = CliRunner().invoke(app, ["tipping", str(sweep), "--out", str(out)], env={"COLUMNS": "120"})
    assert "already holds this same output" in " ".join(again.output.split())
    assert not (tmp_path / "shares-3.csv").exists()


def test_citysim_tipping_refuses_results_without_the_indicator(sweep, tmp_path):
    done = CliRunner().invoke(app, ["tipping", str(tmp_path / "nothing")])
    assert done.exit_code != 0 and "Traceback" not in done.output
