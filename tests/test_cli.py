"""The command line, as a new user meets it."""

import json

import polars as pl
from typer.testing import CliRunner

from simulation.cli import app
from simulation.indicators import HEADLINE

runner = CliRunner()


def test_run_writes_parquet_and_prints_headlines(tmp_path):
    out = tmp_path / "run1"
    result = runner.invoke(app, ["run", "--weeks", "12", "--residents", "300", "--seed", "5",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("burnout_rate", "platform_value_share", "trust_mean", "coop_market_share"):
        assert name in result.output
    assert str(out) in result.output.replace("\n", "")
    df = pl.read_parquet(out / "indicators.parquet")
    assert df.height == 12 and set(HEADLINE) <= set(df.columns)
    platforms = pl.read_parquet(out / "platforms.parquet")
    assert {"data_capture", "independence", "destabilisation", "reading"} <= set(platforms.columns)
    assert pl.read_parquet(out / "sectors.parquet")["reading"].is_in(
        ["risk", "tension", "opportunity"]).all()
    record = json.loads((out / "run.json").read_text())
    assert record["seed"] == 5 and record["weeks"] == 12
    assert record["config"]["n_residents"] == 300


def test_same_seed_same_bytes(tmp_path):
    args = ["run", "--weeks", "8", "--residents", "200", "--seed", "3"]
    for name in ("a", "b"):
        assert runner.invoke(app, [*args, "--out", str(tmp_path / name)]).exit_code == 0
    for table in ("indicators.parquet", "platforms.parquet", "sectors.parquet"):
        assert (tmp_path / "a" / table).read_bytes() == (tmp_path / "b" / table).read_bytes()


def test_set_overrides_and_is_validated(tmp_path):
    ok = runner.invoke(app, ["run", "--weeks", "3", "--residents", "100", "--out", str(tmp_path / "o"),
                             "--set", "contribution.volunteer_demand_h=0.4"])
    assert ok.exit_code == 0, ok.output
    record = json.loads((tmp_path / "o" / "run.json").read_text())
    assert record["config"]["contribution"]["volunteer_demand_h"] == 0.4

    bad = runner.invoke(app, ["run", "--weeks", "3", "--out", str(tmp_path / "bad"),
                              "--set", "platforms.QuickEats.commission=1.4"])
    assert bad.exit_code == 2
    assert "platforms[0].commission: must be between 0 and 1, got 1.4" in bad.output
    assert "Traceback" not in bad.output
    assert not (tmp_path / "bad").exists()


def test_bad_inputs_exit_non_zero_and_write_nothing(tmp_path):
    bad_file = tmp_path / "bad.toml"
    bad_file.write_text("n_residents = -3\n")
    cases = [
        [str(bad_file)],
        [str(tmp_path / "missing.toml")],
        ["--engine", "quantum"],
        ["--set", "novalue"],
        ["--residents", "2"],
    ]
    for extra in cases:
        out = tmp_path / "never"
        result = runner.invoke(app, ["run", *extra, "--weeks", "2", "--out", str(out)])
        assert result.exit_code != 0, extra
        assert "Traceback" not in result.output
        assert not out.exists(), extra
    assert not list(tmp_path.glob(".never*"))


def test_existing_results_are_never_overwritten(tmp_path):
    out = tmp_path / "taken"
    out.mkdir()
    (out / "indicators.parquet").write_bytes(b"precious")
    result = runner.invoke(app, ["run", "--weeks", "2", "--out", str(out)])
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert (out / "indicators.parquet").read_bytes() == b"precious"


def test_scenarios_lists_the_library():
    result = runner.invoke(app, ["scenarios"])
    assert result.exit_code == 0
    assert "baseline.toml" in result.output
    assert "Platforms arrive" in result.output
