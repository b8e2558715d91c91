"""Batches: designs, seeds, byte-identical results, workers, Dask, resume, failures, bad input."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

import analysis
from citysim.cli import app
from simulation.batch import run_batch
from simulation.experiment import Experiment, ExperimentError, design_points, load_experiment
from simulation.streams import replication_seeds

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent


def experiment_file(tmp_path, body, name="exp.toml"):
    path = tmp_path / name
    path.write_text(body)
    return path


SMALL = """
name = "small"
scenarios = ["baseline"]
design = "grid"
replications = 2
weeks = 12
seed = 99
[set]
n_residents = 150
[parameters."contribution.volunteer_demand_h"]
values = [0.05, 0.4]
[parameters.commission]
values = [0.1, 0.3]
"""


def table_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted((folder / "runs").rglob("*.parquet"))}


# --- designs and seeds -----------------------------------------------------------------

def _exp(**kw):
    base = {"name": "x", "scenarios": ["baseline"], "seed": 5,
            "parameters": {"a": {"min": 0.0, "max": 1.0}, "b": {"min": 2.0, "max": 4.0}}}
    return Experiment.model_validate({**base, **kw})


@pytest.mark.parametrize("design, points, expected", [
    ("lhs", 20, 20), ("sobol", 16, 16 * (2 + 2)), ("morris", 5, 5 * (2 + 1)),
])
def test_design_counts_bounds_and_seeding(design, points, expected):
    rows = design_points(_exp(design=design, points=points))
    assert len(rows) == expected
    a = np.array([r["a"] for r in rows])
    b = np.array([r["b"] for r in rows])
    assert a.min() >= 0.0 and a.max() <= 1.0 and b.min() >= 2.0 and b.max() <= 4.0
    assert a.std() > 0.1  # it spreads over the range
    assert rows == design_points(_exp(design=design, points=points))  # same seed, same design
    assert rows != design_points(_exp(design=design, points=points, seed=6))


def test_lhs_is_a_latin_hypercube():
    rows = design_points(_exp(design="lhs", points=10))
    strata = np.floor(np.array([r["a"] for r in rows]) * 10).astype(int)
    assert sorted(strata) == list(range(10))  # one point in each tenth of the range


def test_grid_is_the_full_product():
    exp = _exp(design="grid", parameters={"a": {"values": [1, 2, 3]}, "b": {"min": 0, "max": 1, "levels": 2}})
    assert design_points(exp) == [{"a": a, "b": b} for a in (1, 2, 3) for b in (0.0, 1.0)]


def test_replication_seeds_are_spawned_and_shared_across_points(tmp_path):
    seeds = replication_seeds(99, 2)
    assert seeds == replication_seeds(99, 2) and len(set(seeds)) == 2 and seeds != replication_seeds(100, 2)
    plan = load_experiment(experiment_file(tmp_path, SMALL))
    assert len(plan.runs) == 4 * 2
    for run in plan.runs:
        assert run.seed == seeds[run.replication]  # common random numbers
    assert {r.config.n_residents for r in plan.runs} == {150}
    assert {r.config.contribution.volunteer_demand_h for r in plan.runs} == {0.05, 0.4}


# --- results on disk -----------------------------------------------------------------

def test_sweep_writes_a_complete_folder_and_load_joins_parameters(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["sweep", str(experiment_file(tmp_path, SMALL)), "--workers", "1",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("experiment.json", "provenance.json", "runs.parquet", "manifest.jsonl"):
        assert (out / name).is_file()
    provenance = json.loads((out / "provenance.json").read_text())
    assert provenance["packages"]["mesa"] and provenance["python"]
    res = analysis.load(out)
    assert res.complete
    df = res.indicators.collect()
    assert df.height == 8 * 12
    assert {"contribution.volunteer_demand_h", "commission", "seed", "replication"} <= set(df.columns)
    burn = df.group_by("contribution.volunteer_demand_h").agg(pl.col("burnout_rate").mean()).sort(
        "contribution.volunteer_demand_h")
    assert burn["burnout_rate"][1] > burn["burnout_rate"][0]
    manifest = res.manifest
    assert manifest.height == 8 and (manifest["status"] == "ok").all()
    assert (manifest["duration_s"] > 0).all()


def test_same_experiment_same_bytes_whatever_the_workers(tmp_path):
    exp = experiment_file(tmp_path, SMALL)
    plan = load_experiment(exp)
    run_batch(plan, tmp_path / "one", workers=1)
    run_batch(load_experiment(exp), tmp_path / "two", workers=2)
    run_batch(load_experiment(exp), tmp_path / "again", workers=1)
    one = table_bytes(tmp_path / "one")
    assert len(one) == 8 * 5
    assert one == table_bytes(tmp_path / "two") == table_bytes(tmp_path / "again")


def test_dask_local_cluster_gives_the_same_results(tmp_path):
    exp = experiment_file(tmp_path, SMALL)
    run_batch(load_experiment(exp), tmp_path / "local", workers=1)
    result = run_batch(load_experiment(exp), tmp_path / "dask", workers=2, executor="dask")
    assert result.ok == 8 and result.failed == 0
    assert table_bytes(tmp_path / "local") == table_bytes(tmp_path / "dask")


# a batch long enough to be stopped part-way: 24 runs of ~0.1 s each, after ~5 s of start-up
KILLABLE = (SMALL.replace("replications = 2", "replications = 6").replace("weeks = 12", "weeks = 60")
            .replace("n_residents = 150", "n_residents = 600"))


@pytest.fixture(scope="module")
def killable(tmp_path_factory):
    """The experiment that the stop tests interrupt, and its uninterrupted tables (run once)."""
    folder = tmp_path_factory.mktemp("killable")
    exp = experiment_file(folder, KILLABLE)
    run_batch(load_experiment(exp), folder / "whole", workers=1)
    return exp, table_bytes(folder / "whole")


def start_sweep(exp: Path, out: Path, min_runs: int) -> subprocess.Popen:
    """`citysim sweep --workers 2` in a process group of its own, once ``min_runs`` are recorded."""
    cmd = [sys.executable, "-m", "citysim", "sweep", str(exp), "--workers", "2", "--out", str(out)]
    proc = subprocess.Popen(cmd, cwd=REPO, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    manifest = out / "manifest.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if manifest.is_file() and len(manifest.read_text().splitlines()) >= min_runs:
            break
        time.sleep(0.02)
    return proc


def live_processes_in_group(pgid: int) -> list[int]:
    """Processes of a process group that are still running (zombies do not count)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def test_resume_after_sigkill_gives_the_uninterrupted_tables(tmp_path, killable):
    exp, whole = killable
    out = tmp_path / "killed"
    proc = start_sweep(exp, out, min_runs=3)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole batch, workers included, mid-way
    proc.communicate()
    finished = len((out / "manifest.jsonl").read_text().splitlines())
    assert 3 <= finished < 24, "the kill must land part-way through the batch"

    result = runner.invoke(app, ["sweep", str(exp), "--workers", "2", "--out", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert f"{finished}" in result.output or "already done" in result.output
    assert table_bytes(out) == whole
    assert not list((out / "runs").glob(".*partial*"))
    assert analysis.load(out).complete


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_to_the_process_group_ends_the_batch_in_one_line_and_resume_finishes_it(
        tmp_path, killable, stop):
    """What a script's `kill -TERM -PGID` (or Ctrl-C, SIGINT to the terminal's foreground
    group) does: the parent and both workers get the signal; exit 130, no traceback."""
    exp, whole = killable
    out = tmp_path / "stopped"
    proc = start_sweep(exp, out, min_runs=1)
    os.killpg(proc.pid, stop)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    for noise in ("Traceback", "Error", "Warning", "leaked"):
        assert noise not in stderr, stderr
    lines = stderr.strip().splitlines()  # progress lines (stderr is not a terminal), then the one line
    assert all(re.search(r" small: \d+ (runs to do|of 24 runs done)", line) for line in lines[:-1]), stderr
    assert lines[-1].startswith(f"interrupted ({stop.name}): ") and f"--out {out} --resume" in lines[-1]
    kept = analysis.load(out)
    assert 1 <= kept.manifest.height < 24 and (kept.manifest["status"] == "ok").all()
    assert f"{kept.manifest.height} of 24 runs finished and kept" in lines[-1]
    assert kept.indicators.select("run_id").unique().collect().height == kept.manifest.height
    assert not list((out / "runs").glob(".*partial*"))  # what the killed workers left is gone
    deadline = time.time() + 10
    while live_processes_in_group(proc.pid) and time.time() < deadline:
        time.sleep(0.05)
    assert not live_processes_in_group(proc.pid), "no worker outlives the batch"

    resumed = runner.invoke(app, ["sweep", str(exp), "--workers", "1", "--out", str(out), "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert table_bytes(out) == whole and analysis.load(out).complete


def test_resume_refuses_a_different_experiment(tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(app, ["sweep", str(experiment_file(tmp_path, SMALL)), "--workers", "1",
                               "--out", str(out)]).exit_code == 0
    before = table_bytes(out)
    other = experiment_file(tmp_path, SMALL.replace("seed = 99", "seed = 100"), "other.toml")
    result = runner.invoke(app, ["sweep", str(other), "--out", str(out), "--resume"])
    assert result.exit_code == 2
    assert "different experiment" in result.output
    assert table_bytes(out) == before
    again = runner.invoke(app, ["sweep", str(other), "--out", str(out)])
    assert again.exit_code == 2 and "not empty" in again.output


def test_a_failing_run_is_recorded_and_the_batch_goes_on(tmp_path, monkeypatch):
    import simulation.batch as batch

    class Fragile(batch.CityModel):
        def step(self):
            if self.config.contribution.volunteer_demand_h > 0.3 and self.week == 3:
                raise RuntimeError("planted failure")
            super().step()

    monkeypatch.setattr(batch, "CityModel", Fragile)
    out = tmp_path / "out"
    result = runner.invoke(app, ["sweep", str(experiment_file(tmp_path, SMALL)), "--workers", "1",
                                 "--out", str(out)])
    assert result.exit_code == 1
    manifest = analysis.load(out).manifest
    failed = manifest.filter(pl.col("status") == "failed")
    assert failed.height == 4 and manifest.height == 8
    assert failed["error"].str.contains("planted failure").all()
    assert all(not (out / "runs" / r).exists() for r in failed["run_id"])
    assert not analysis.load(out).complete
    assert analysis.load(out).indicators.select("run_id").unique().collect().height == 4


@pytest.mark.parametrize("body, expected", [
    (SMALL.replace('[parameters.commission]', '[parameters."contribution.nonsense"]'),
     "contribution.nonsense: unknown field 'nonsense'"),
    (SMALL.replace('values = [0.05, 0.4]', 'min = 0.4\nmax = 0.4'), "empty range: min (0.4) must be below max"),
    (SMALL.replace('design = "grid"', 'design = "sobol"\npoints = 12').replace(
        'values = [0.05, 0.4]', 'min = 0.1\nmax = 0.4').replace('values = [0.1, 0.3]', 'min = 0.1\nmax = 0.3'),
     "points: a sobol design needs a power of two, got 12 (try 16)"),
    (SMALL.replace('scenarios = ["baseline"]', 'scenarios = ["atlantis"]'),
     "atlantis: unknown context 'atlantis'"),
    (SMALL.replace('replications = 2', 'replications = 0'), "replications: must be >= 1, got 0"),
    ("name = [", "not valid TOML"),
])
def test_bad_experiment_files_are_refused_and_nothing_is_written(tmp_path, body, expected):
    exp = experiment_file(tmp_path, body)
    with pytest.raises(ExperimentError) as info:
        load_experiment(exp)
    assert expected in str(info.value) and str(exp) in str(info.value)
    out = tmp_path / "never"
    result = runner.invoke(app, ["sweep", str(exp), "--out", str(out)])
    assert result.exit_code == 2
    assert expected in result.output.replace("\n", "")
    assert "Traceback" not in result.output
    assert not out.exists()


def test_worked_examples_in_the_library_are_valid():
    for path in sorted((REPO / "scenarios" / "experiments").glob("*.toml")):
        plan = load_experiment(path)
        assert plan.runs, path


def test_resident_snapshots_are_sampled_and_leave_the_run_unchanged(tmp_path):
    plain = experiment_file(tmp_path, SMALL, "plain.toml")
    snap = experiment_file(tmp_path, SMALL + "\n[snapshots]\nevery_weeks = 5\nsample = 40\n", "snap.toml")
    run_batch(load_experiment(plain), tmp_path / "plain", workers=1)
    run_batch(load_experiment(snap), tmp_path / "snap", workers=1)
    with_snapshots = table_bytes(tmp_path / "snap")
    residents = {k: v for k, v in with_snapshots.items() if k.endswith("residents.parquet")}
    assert len(residents) == 8
    assert {k: v for k, v in with_snapshots.items() if k not in residents} == table_bytes(tmp_path / "plain")
    df = analysis.load(tmp_path / "snap").residents.collect()
    assert sorted(df["week"].unique().to_list()) == [4, 9, 11]  # every 5 weeks, and the last week
    per_snapshot = df.group_by("run_id", "week").agg(pl.col("resident").n_unique())
    assert (per_snapshot["resident"] == 40).all()
    assert {"fatigue", "trust", "contribution_h", "seed", "contribution.volunteer_demand_h"} <= set(df.columns)
    assert analysis.load(tmp_path / "plain").residents.collect().height == 0


def test_a_worker_that_dies_fails_the_runs_in_its_pool_and_the_batch_goes_on(tmp_path, monkeypatch):
    from crashing_run import die_in_one_run

    import simulation.batch as batch

    monkeypatch.setattr(batch, "run_one", die_in_one_run)  # pickled by name: the workers import it
    exp = experiment_file(tmp_path, SMALL.replace("replications = 2", "replications = 3"))
    result = run_batch(load_experiment(exp), tmp_path / "out", workers=2)
    assert not result.interrupted and result.ok + result.failed == 12
    assert 1 <= result.failed <= 8 and result.ok >= 4  # a fresh pool ran what was never submitted
    manifest = analysis.load(tmp_path / "out").manifest
    lost = manifest.filter(pl.col("status") == "failed")
    assert "calm_city-p00000-r000" in lost["run_id"].to_list()
    assert lost["error"].str.contains("TerminatedWorkerError").all()
