"""The command line, as a new user meets it."""

import json
import shutil

from typer.testing import CliRunner

import analysis
from citysim.cli import app
from simulation.registry import HEADLINE

runner = CliRunner()


def test_run_writes_parquet_and_prints_headlines(tmp_path):
    out = tmp_path / "run1"
    result = runner.invoke(app, ["run", "--weeks", "12", "--residents", "300", "--seed", "5",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("burnout_rate", "platform_value_share", "trust_mean", "coop_market_share"):
        assert name in result.output
    assert "indicator (unit)" in result.output and "burn-out rate" in result.output  # the registry's labels
    assert str(out) in result.output.replace("\n", "")
    res = analysis.load(out)
    df = res.indicators.collect()
    assert df.height == 12 and set(HEADLINE) <= set(df.columns)
    platforms = res.platforms.collect()
    assert {"data_capture", "independence", "destabilisation", "reading"} <= set(platforms.columns)
    assert res.sectors.collect()["reading"].is_in(["risk", "tension", "opportunity"]).all()
    runs = res.runs.collect()
    assert runs.height == 1 and runs["seed"][0] > 0  # the seed is recorded with the results
    events = res.events.collect()  # the event log travels with the results
    assert {"run_id", "week", "actor", "kind", "details"} <= set(events.columns)
    assert events.filter(events["kind"] == "reading_changed").height > 0
    record = json.loads((out / "experiment.json").read_text())
    assert record["experiment"]["seed"] == 5
    assert record["scenarios"]["calm_city"]["n_residents"] == 300


def test_replications_get_distinct_recorded_seeds(tmp_path):
    out = tmp_path / "reps"
    result = runner.invoke(app, ["run", "--weeks", "5", "--residents", "100", "--replications", "3",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "over 3 replications" in " ".join(result.output.split())
    runs = analysis.load(out).runs.collect()
    assert runs.height == 3 and runs["seed"].n_unique() == 3


def test_same_seed_same_bytes(tmp_path):
    args = ["run", "--weeks", "8", "--residents", "200", "--seed", "3"]
    for name in ("a", "b"):
        assert runner.invoke(app, [*args, "--out", str(tmp_path / name)]).exit_code == 0
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.parquet"))
    assert len(files) == 6
    for f in files:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()


def test_set_overrides_and_is_validated(tmp_path):
    ok = runner.invoke(app, ["run", "--weeks", "3", "--residents", "100", "--out", str(tmp_path / "o"),
                             "--set", "contribution.volunteer_demand_h=0.4"])
    assert ok.exit_code == 0, ok.output
    record = json.loads((tmp_path / "o" / "experiment.json").read_text())
    assert record["scenarios"]["calm_city"]["contribution"]["volunteer_demand_h"] == 0.4

    bad = runner.invoke(app, ["run", "--weeks", "3", "--out", str(tmp_path / "bad"),
                              "--set", "platforms.QuickEats.commission=1.4"])
    assert bad.exit_code == 2
    assert "platforms.QuickEats.commission: must be between 0 and 1, got 1.4" in bad.output.replace("\n", "")
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


def test_the_library_lists_contexts_policies_and_stories_one_line_each():
    from simulation.library import names, stories

    for command, expected in (("contexts", names("contexts")), ("policies", names("policies")),
                              ("scenarios", [s.name for s in stories()])):
        result = CliRunner(env={"COLUMNS": "200"}).invoke(app, [command])
        assert result.exit_code == 0, result.output
        rows = [line for line in result.output.splitlines() if line.startswith("│")]
        assert [row.split("│")[1].strip() for row in rows] == expected  # one line each
    assert "citizen_burnout + governed_mix" in CliRunner(env={"COLUMNS": "200"}).invoke(app, ["scenarios"]).output


def test_run_a_context_with_policies(tmp_path):
    out = tmp_path / "mix"
    result = runner.invoke(app, ["run", "citizen_burnout", "--policy", "contributor_care", "--policy", "regulation",
                                 "--weeks", "60", "--residents", "200", "--out", str(out)])
    assert result.exit_code == 0, result.output
    runs = analysis.load(out).runs.collect()
    assert runs.select("scenario", "context", "policy").row(0) == (
        "citizen_burnout+contributor_care+regulation", "citizen_burnout", "contributor_care+regulation")
    bad = runner.invoke(app, ["run", "platform_city", "--policy", "agora_and_coop", "--weeks", "200",
                              "--out", str(tmp_path / "bad")])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    assert "scenarios/policies/agora_and_coop.toml: interventions[1].platform: unknown platform 'BikeCoop'" in \
        " ".join(bad.output.split())
    late = runner.invoke(app, ["run", "calm_city", "--policy", "regulation", "--weeks", "40",
                               "--out", str(tmp_path / "late")])
    assert late.exit_code == 2
    assert ("scenarios/policies/regulation.toml: interventions[0].start_week: platform_regulation starts in week 52, "
            "after the horizon (40 weeks)") in " ".join(late.output.split())
    assert not (tmp_path / "bad").exists() and not (tmp_path / "late").exists()


def test_run_resume_finishes_an_interrupted_run(tmp_path):
    out = tmp_path / "reps"
    args = ["run", "--weeks", "5", "--residents", "100", "--replications", "3", "--workers", "1"]
    assert runner.invoke(app, [*args, "--out", str(out)]).exit_code == 0
    def tables():
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted((out / "runs").rglob("*.parquet"))}

    whole = tables()
    assert len(whole) == 3 * 5  # indicators, platforms, sectors, interventions, events
    manifest = out / "manifest.jsonl"
    first, *rest = manifest.read_text().splitlines()
    manifest.write_text(first + "\n")  # as if stopped after the first run
    for line in rest:
        shutil.rmtree(out / "runs" / json.loads(line)["run_id"])

    no_out = runner.invoke(app, [*args, "--resume"])
    assert no_out.exit_code == 2 and "--resume needs --out" in no_out.output
    resumed = runner.invoke(app, [*args, "--out", str(out), "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert "resumed: 1 runs were already done" in resumed.output
    assert tables() == whole
    assert analysis.load(out).complete
