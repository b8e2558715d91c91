"""Comparison and sensitivity: known answers on synthetic data, clear refusals on bad folders."""

import json
import math
import shutil

import numpy as np
import polars as pl
import pytest
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample
from typer.testing import CliRunner

import analysis
from analysis.compare import bootstrap_ci, compare, dominated_by, paired_differences, policy_table
from analysis.metrics import DIRECTION, direction
from analysis.sensitivity import ISHIGAMI_BOUNDS, ishigami, morris_indices, robustness, sensitivity, sobol_indices
from analysis.verdicts import VERDICTS, replications_needed
from citysim.cli import app
from simulation.batch import run_batch
from simulation.experiment import load_experiment

runner = CliRunner()


def synthetic(effects: dict[str, float], reps: int = 20, seed: int = 1) -> pl.DataFrame:
    """Per-run table: a shared per-replication noise (common random numbers), small own
    noise, and a planted effect for the 'policy' scenario."""
    rng = np.random.default_rng(seed)
    shared = rng.normal(0.0, 0.05, size=(reps, 2))
    rows = []
    for scenario in ("baseline", "policy"):
        own = rng.normal(0.0, 0.01, size=(reps, 2))
        on = scenario == "policy"
        for r in range(reps):
            rows.append({"run_id": f"{scenario}-{r}", "scenario": scenario, "point": 0, "replication": r,
                         "burnout_rate": 0.3 + shared[r, 0] + own[r, 0] + on * effects["burnout_rate"],
                         "trust_mean": 0.5 + shared[r, 1] + own[r, 1] + on * effects["trust_mean"]})
    return pl.DataFrame(rows)


def test_direction_map_is_one_place():
    assert direction("burnout_rate") == direction("platform_value_share") == direction("income_gini") == -1
    assert direction("trust_mean") == direction("coop_market_share") == direction("objective_progress") == 1
    assert set(DIRECTION) >= {"burnout_rate", "trust_mean", "objective_progress"}


def test_planted_effect_is_found_and_null_is_not():
    table = synthetic({"burnout_rate": -0.05, "trust_mean": 0.0})
    out = paired_differences(table, "baseline", ["burnout_rate", "trust_mean"], n_boot=2000, seed=0)
    burnout = out.filter(pl.col("metric") == "burnout_rate").row(0, named=True)
    assert burnout["n"] == 20
    assert burnout["ci_low"] < -0.05 < burnout["ci_high"] < 0  # the interval holds the planted effect
    assert burnout["significant"] and burnout["verdict"] == "better"  # lower burn-out is better
    trust = out.filter(pl.col("metric") == "trust_mean").row(0, named=True)
    assert trust["ci_low"] < 0 < trust["ci_high"] and trust["verdict"] == "no meaningful change"
    # pairing by replication cancels the shared noise: the interval is far narrower than it
    assert burnout["ci_high"] - burnout["ci_low"] < 0.02
    assert out.filter(pl.col("metric") == "burnout_rate")["diff"][0] == pytest.approx(-0.05, abs=0.006)


def test_worse_reads_the_direction():
    table = synthetic({"burnout_rate": 0.05, "trust_mean": -0.05})
    out = paired_differences(table, "baseline", ["burnout_rate", "trust_mean"], seed=0)
    assert out["verdict"].to_list() == ["worse", "worse"]


def test_a_descriptive_indicator_gets_no_verdict():
    # gig hours: neither more nor fewer is better (direction 0); a clear change is "changed"
    table = synthetic({"burnout_rate": 0.0, "trust_mean": 0.05}).rename({"trust_mean": "gig_hours_mean"})
    metrics = ["burnout_rate", "gig_hours_mean"]
    out = paired_differences(table, "baseline", metrics, seed=0)
    assert out.filter(pl.col("metric") == "gig_hours_mean")["verdict"].to_list() == ["changed"]
    means = table.group_by("scenario", "point").agg(pl.col(m).mean() for m in metrics)
    policy = policy_table(means, out, "baseline", metrics).filter(pl.col("scenario") == "policy").row(0, named=True)
    assert policy["gig_hours_mean"] == "changed" and policy["better"] == policy["worse"] == 0
    points = table.rename({"replication": "p"}).drop("point").rename({"p": "point"})
    assert robustness(points, "baseline", metrics)["metric"].unique().to_list() == ["burnout_rate"]


def test_null_interval_covers_zero_about_95_percent():
    rng = np.random.default_rng(2026)
    covered = 0
    for k in range(300):
        lo, hi = bootstrap_ci(rng.normal(0.0, 1.0, size=30), n_boot=1000, seed=k)
        covered += lo <= 0.0 <= hi
    assert 0.90 <= covered / 300 <= 0.99


def test_bootstrap_is_seeded():
    x = np.random.default_rng(0).normal(size=15)
    assert bootstrap_ci(x, seed=3) == bootstrap_ci(x, seed=3)
    assert math.isnan(bootstrap_ci(x[:1])[0])  # one replication: no interval


def test_replications_needed():
    assert replications_needed(sd=0.1, half_width=0.01) == math.ceil((1.96 * 0.1 / 0.01) ** 2) == 385


def test_pareto_dominance():
    # rows: options; columns: metrics oriented so that higher is better
    values = np.array([[1.0, 1.0], [0.5, 1.0], [2.0, 0.0], [1.0, 1.0]])
    assert dominated_by(values) == [[], [0, 3], [], []]  # ties dominate nobody


def test_policy_table_shows_trade_offs_and_dominance():
    table = pl.concat([synthetic({"burnout_rate": -0.05, "trust_mean": -0.05}),
                       synthetic({"burnout_rate": 0.05, "trust_mean": -0.05}).filter(pl.col("scenario") == "policy")
                       .with_columns(scenario=pl.lit("worse_policy"))])
    metrics = ["burnout_rate", "trust_mean"]
    diffs = paired_differences(table, "baseline", metrics, seed=0)
    means = table.group_by("scenario", "point").agg(pl.col(m).mean() for m in metrics).sort("scenario")
    policy = {r["scenario"]: r for r in policy_table(means, diffs, "baseline", metrics).iter_rows(named=True)}
    assert (policy["policy"]["burnout_rate"], policy["policy"]["trust_mean"]) == ("better", "worse")
    assert not policy["policy"]["dominated"]  # a trade-off: kept, both sides shown
    assert policy["worse_policy"]["dominated"] and "policy" in policy["worse_policy"]["dominated_by"]
    assert policy["baseline"]["burnout_rate"] == "baseline"


def test_sobol_on_ishigami_matches_the_literature():
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": ISHIGAMI_BOUNDS}
    X = sobol_sample.sample(problem, 1024, calc_second_order=False, seed=42)
    si = sobol_indices(X, ishigami(X), ["x1", "x2", "x3"], ISHIGAMI_BOUNDS, seed=1)
    np.testing.assert_allclose(si["S1"].to_numpy(), [0.314, 0.442, 0.0], atol=0.05)
    np.testing.assert_allclose(si["ST"].to_numpy(), [0.558, 0.442, 0.244], atol=0.05)
    assert (si["ST_conf"].to_numpy() > 0).all()


def test_sobol_refuses_a_reordered_design():
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": ISHIGAMI_BOUNDS}
    X = sobol_sample.sample(problem, 16, calc_second_order=False, seed=1)
    shuffled = X[np.random.default_rng(0).permutation(len(X))]
    with pytest.raises(analysis.ResultsError, match="Saltelli order"):
        sobol_indices(shuffled, ishigami(shuffled), ["x1", "x2", "x3"])


def test_morris_recovers_linear_effects():
    problem = {"num_vars": 3, "names": ["a", "b", "c"], "bounds": [[0.0, 1.0]] * 3}
    X = morris_sample.sample(problem, 20, num_levels=4, seed=3)
    Y = 4.0 * X[:, 0] - 2.0 * X[:, 1]
    mi = morris_indices(X, Y, ["a", "b", "c"], problem["bounds"], num_levels=4)
    np.testing.assert_allclose(mi["mu_star"].to_numpy(), [4.0, 2.0, 0.0], atol=1e-9)
    np.testing.assert_allclose(mi["mu"].to_numpy(), [4.0, -2.0, 0.0], atol=1e-9)


def test_robustness_share_and_regret():
    points = pl.DataFrame({
        "scenario": ["baseline"] * 4 + ["a"] * 4 + ["b"] * 4, "point": [0, 1, 2, 3] * 3,
        "burnout_rate": [0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.6, 0.4, 0.45, 0.45, 0.45, 0.45],
    })
    r = {row["scenario"]: row for row in robustness(points, "baseline", ["burnout_rate"]).iter_rows(named=True)}
    assert r["a"]["beats_baseline"] == 0.75 and r["b"]["beats_baseline"] == 1.0
    assert r["a"]["worst_regret"] == pytest.approx(0.15) and r["a"]["worst_point"] == 2
    assert r["b"]["worst_regret"] == pytest.approx(0.05)
    assert r["baseline"]["beats_baseline"] is None


# --- real batches ---------------------------------------------------------------------------

EXPERIMENT = """
name = "tiny_grid"
contexts = ["calm_city"]
policies = ["participatory_innovation"]
design = "grid"
replications = 3
weeks = 56
seed = 5
[set]
n_residents = 200
[parameters."contribution.volunteer_demand_h"]
values = [0.05, 0.25]
"""


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    base = tmp_path_factory.mktemp("grid")
    (base / "exp.toml").write_text(EXPERIMENT)
    result = run_batch(load_experiment(base / "exp.toml"), base / "out", workers=1)
    assert result.failed == 0
    return base / "out"


def test_compare_a_real_sweep(grid, tmp_path):
    result = compare(grid, n_boot=500, precision=0.01)
    assert result.baseline == "own context" and result.several_points  # the policy against its own context
    table = result.table
    assert set(table["scenario"]) == {"calm_city+participatory_innovation"} and set(table["point"]) == {0, 1}
    assert set(table["verdict"]) <= set(VERDICTS) - {"changed"}
    assert (table["ci_low"] <= table["diff"] + 1e-12).all() and (table["diff"] <= table["ci_high"] + 1e-12).all()
    assert "contribution.volunteer_demand_h" in table.columns
    assert any("too few replications (3)" in str(w) for w in result.warnings)
    assert any("replications (worst" in str(w) for w in result.warnings)
    written = result.write(tmp_path / "cmp.csv")
    assert {p.name for p in written.paths} == {"cmp.parquet", "cmp.csv", "cmp_policy.parquet", "cmp_policy.csv"}
    assert pl.read_parquet(tmp_path / "cmp.parquet").height == table.height
    pooled = compare(grid, n_boot=200, pool_points=True)
    assert pooled.table["n"].max() == 6  # 2 points x 3 replications


def test_one_scenario_sweep_compares_points(grid):
    result = compare(grid, baseline="calm_city@0", n_boot=200, metrics=["burnout_rate"])
    row = result.table.filter((pl.col("scenario") == "calm_city") & (pl.col("point") == 1)).row(0, named=True)
    assert row["diff"] > 0 and row["verdict"] == "worse"  # more volunteer demand, more burn-out


def test_sensitivity_on_a_grid_gives_robustness_only(grid):
    result = sensitivity(grid, metrics=["burnout_rate", "trust_mean"])
    assert result.indices is None and result.robustness is not None
    assert set(result.robustness["scenario"]) == {"calm_city", "calm_city+participatory_innovation"}


@pytest.mark.parametrize("problem", ["empty", "no_runs", "missing_baseline", "unfinished", "failed"])
def test_compare_refuses_with_one_clear_message(grid, tmp_path, problem):
    folder, baseline = tmp_path / "r", None
    expected = {"empty": "not a citysim results folder", "no_runs": "empty results folder",
                "missing_baseline": "baseline 'nowhere' is not in this folder",
                "unfinished": "unfinished batch", "failed": "1 failed"}[problem]
    if problem == "empty":
        folder.mkdir()
    else:
        shutil.copytree(grid, folder)
        manifest = folder / "manifest.jsonl"
        lines = manifest.read_text().splitlines()
        if problem == "no_runs":
            manifest.unlink()
        elif problem == "missing_baseline":
            baseline = "nowhere"
        elif problem == "unfinished":
            manifest.write_text("\n".join(lines[:-2]) + "\n")
        else:
            row = json.loads(lines[0]) | {"status": "failed", "error": "boom"}
            manifest.write_text("\n".join([*lines, json.dumps(row)]) + "\n")
    with pytest.raises(analysis.ResultsError, match=expected):
        compare(folder, baseline=baseline, n_boot=100)
    cli = runner.invoke(app, ["compare", str(folder), *(["--baseline", baseline] if baseline else [])])
    assert cli.exit_code == 2
    assert expected in " ".join(cli.output.split()) and "Traceback" not in cli.output


def test_cli_compare_and_sensitivity(grid, tmp_path):
    ok = runner.invoke(app, ["compare", str(grid), "--metric", "burnout_rate", "--metric", "trust_mean",
                             "--precision", "0.5", "--table", str(tmp_path / "c.parquet")])
    assert ok.exit_code == 0, ok.output
    assert "calm_city+participatory_innovation @1 (volunteer_demand_h=0.25) vs calm_city" in ok.output  # values shown
    assert "Policy mix" in ok.output and "Cost to the authority" in ok.output
    assert (tmp_path / "c.csv").is_file() and (tmp_path / "c_policy.parquet").is_file()
    both = runner.invoke(app, ["compare", str(grid), "--at-step", "5", "--over", "all"])
    assert both.exit_code == 2 and "not both" in both.output
    unknown = runner.invoke(app, ["compare", str(grid), "--metric", "happiness"])
    assert unknown.exit_code == 2 and "unknown indicator happiness" in unknown.output
    sens = runner.invoke(app, ["sensitivity", str(grid), "--metric", "burnout_rate", "--out", str(tmp_path / "s")])
    assert sens.exit_code == 0, sens.output
    assert "Robustness vs calm_city" in sens.output and (tmp_path / "s_robustness.csv").is_file()


def test_cli_sensitivity_refuses_a_plain_run(tmp_path):
    out = tmp_path / "run"
    assert runner.invoke(app, ["run", "--weeks", "8", "--residents", "100", "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["sensitivity", str(out)])
    assert result.exit_code == 2
    assert "no sensitivity indices" in " ".join(result.output.split()) and "Traceback" not in result.output


def test_each_policy_is_compared_with_its_own_context(tmp_path):
    (tmp_path / "exp.toml").write_text("""
name = "two_cities"
contexts = ["calm_city", "citizen_burnout"]
policies = ["contributor_care"]
design = "single"
replications = 2
weeks = 20
seed = 3
[set]
n_residents = 150
""")
    run_batch(load_experiment(tmp_path / "exp.toml"), tmp_path / "out", workers=1)
    result = compare(tmp_path / "out", n_boot=100, metrics=["burnout_rate"])
    rows = {r["scenario"]: r for r in result.table.iter_rows(named=True)}
    assert set(rows) == {"calm_city+contributor_care", "citizen_burnout+contributor_care"}
    per_run_table = analysis.per_run(analysis.load(tmp_path / "out"), ["burnout_rate"])
    means = dict(per_run_table.group_by("scenario").agg(pl.col("burnout_rate").mean()).iter_rows())
    assert rows["citizen_burnout+contributor_care"]["baseline_mean"] == pytest.approx(means["citizen_burnout"])
    assert rows["calm_city+contributor_care"]["baseline_mean"] == pytest.approx(means["calm_city"])


def test_a_design_point_with_a_list_value_is_named_not_a_traceback():
    """A grid over a list field (the sectors a regulation holds permits over: `switch_off_permits`) gave a
    TypeError in `compare`, which formatted every value as a number."""
    from analysis.compare import option_label

    row = {"scenario": "platform_city+regulation", "point": 1, "interventions.platform_regulation.permit_sectors": [],
           "contribution.volunteer_demand_h": 0.25}
    params = ["interventions.platform_regulation.permit_sectors", "contribution.volunteer_demand_h"]
    assert option_label(row, params, True) == "platform_city+regulation @1 (permit_sectors=[], volunteer_demand_h=0.25)"
    row["interventions.platform_regulation.permit_sectors"] = ["mobility"]
    assert "permit_sectors=[mobility]" in option_label(row, params, True)
