"""The command line, as a new user meets it."""

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

import analysis
from citysim.cli import app
from simulation.registry import HEADLINE

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]


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


# --- inputs as people write them, output for machines (issue 23) --------------------------------

def test_a_share_is_written_35_percent_or_0_35_and_35_alone_is_refused(tmp_path):
    args = ["run", "--weeks", "6", "--population", "100", "--seed", "2"]
    outputs = {}
    for name, extra in (("percent", ["--commission", "35%"]), ("share", ["--commission", "0.35"]),
                        ("set", ["--set", "commission=35%"])):
        result = runner.invoke(app, [*args, *extra, "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        outputs[name] = result.output
        record = json.loads((tmp_path / name / "experiment.json").read_text())
        assert record["experiment"]["set"]["commission"] == 0.35, name
    files = sorted(p.relative_to(tmp_path / "share") for p in (tmp_path / "share").rglob("*.parquet"))
    for other in ("percent", "set"):
        for f in files:
            assert (tmp_path / other / f).read_bytes() == (tmp_path / "share" / f).read_bytes(), (other, f)
    # the option names the platforms it set: the commercial ones only, the free map said to be unchanged
    said = " ".join(outputs["percent"].split())
    assert "--commission 35% set the commission of the commercial platforms: QuickEats" in said
    assert "CityConsult" not in said.split("commercial platforms:")[1].split(".")[0]
    assert "GlobalMaps charges no price" in said
    as_json = runner.invoke(app, [*args, "--commission", "35%", "--format", "json", "--out", str(tmp_path / "json")])
    summary = json.loads(as_json.stdout)["summary"]  # nothing but JSON on stdout
    assert {row["indicator"] for row in summary} == set(HEADLINE)
    for bad, expected in (("35", "use 0.35 or 35%"), ("140%", "between 0 and 1"), ("lots", "0.35 or 35%")):
        result = runner.invoke(app, [*args, "--commission", bad, "--out", str(tmp_path / "never")])
        said = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())  # the message, out of its box
        assert result.exit_code == 2 and expected in said, (bad, result.output)
        assert "Traceback" not in result.output and not (tmp_path / "never").exists()


def test_compare_fits_80_columns_and_speaks_csv_and_json_to_machines(tmp_path):
    out = tmp_path / "cmp"
    args = ["compare", "--context", "calm_city", "--policy", "contributor_care", "--policy", "regulation",
            "--replications", "2", "--weeks", "60", "--population", "120", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    wide = [line for line in result.stdout.splitlines() if len(line) > 80 and not line.startswith("Written in /")]
    assert wide == [], wide  # every table wraps at 80 columns in a file or a pipe (a folder's path is never cut)
    assert "What the platforms did" in result.stdout and "calm_city+regulation" in result.stdout
    as_csv = runner.invoke(app, ["compare", str(out), "--format", "csv", "--table", str(tmp_path / "c.parquet")])
    assert as_csv.exit_code == 0
    table = pl.read_csv(io.StringIO(as_csv.stdout))  # nothing but the CSV on stdout
    assert {"scenario", "metric", "diff", "ci_low", "ci_high", "verdict"} <= set(table.columns)
    assert table.height == 2 * len(set(table["metric"]))
    as_json = runner.invoke(app, ["compare", str(out), "--format", "json", "--table", str(tmp_path / "c.parquet")])
    found = json.loads(as_json.stdout)
    assert set(found) == {"comparison", "ranking", "defiance", "moves", "events"}
    assert {r["rule"] for r in found["defiance"]} == {"commission_cap", "min_pay", "data_sharing"}
    bad = runner.invoke(app, ["compare", str(out), "--format", "xml"])
    assert bad.exit_code == 2 and "--format 'xml'" in bad.output


def test_the_library_in_french_and_for_machines():
    from simulation.library import load_context, load_policy, names

    wide = CliRunner(env={"COLUMNS": "250"})
    french = wide.invoke(app, ["policies", "--lang", "fr"]).output
    assert "Politiques" in french and load_policy("regulation")[0].description_fr in french
    assert load_policy("regulation")[0].description not in french
    contexts = json.loads(runner.invoke(app, ["contexts", "--lang", "fr", "--format", "json"]).stdout)["items"]
    assert [c["name"] for c in contexts] == names("contexts")
    assert contexts[0]["description"] == load_context(names("contexts")[0]).description_fr
    listed = runner.invoke(app, ["experiments", "--format", "csv"])
    rows = pl.read_csv(io.StringIO(listed.stdout))
    assert rows["name"].to_list() == names("experiments")
    demand = rows.filter(pl.col("name") == "demand_sweep").row(0, named=True)
    assert (demand["points"], demand["scenarios"], demand["replications"], demand["runs"]) == (6, 2, 5, 60)
    people = runner.invoke(app, ["experiments"])
    assert people.exit_code == 0 and "citysim sweep NAME" in people.output and "60 runs" in people.output
    assert runner.invoke(app, ["contexts", "--lang", "de"]).exit_code == 2
    from simulation.library import stories

    told = json.loads(runner.invoke(app, ["scenarios", "--lang", "fr", "--format", "json"]).stdout)["items"]
    assert [s["name"] for s in told] == [s.name for s in stories()]
    assert all(story.description_fr in row["description"] for story, row in zip(stories(), told, strict=True))


def test_sweep_from_the_command_line_logs_progress_and_records_what_it_changed(tmp_path):
    """`citysim sweep demand_sweep --replications 2 --weeks 52 --population 400`, as a SLURM job would run
    it: stderr to a file (no terminal)."""
    command = [str(Path(sys.executable).parent / "citysim"), "sweep", "demand_sweep", "--replications", "2",
               "--weeks", "52", "--population", "400", "--seed", "7", "--workers", "2",
               "--out", str(tmp_path / "sweep")]
    with open(tmp_path / "late.log", "w") as log:
        late = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, cwd=REPO, timeout=300)
    said = " ".join((tmp_path / "late.log").read_text().split())
    assert late.returncode == 2 and "after the horizon" in said and "--drop-late-levers" in said
    assert not (tmp_path / "sweep").exists()
    with open(tmp_path / "sweep.log", "w") as log:
        done = subprocess.run([*command, "--drop-late-levers", "--set", "contribution.volunteer_demand_h=0.1"],
                              stdout=subprocess.DEVNULL, stderr=log, cwd=REPO, timeout=600)
    text = (tmp_path / "sweep.log").read_text()
    assert done.returncode == 0, text
    progress = re.findall(r"demand_sweep: (\d+) of 24 runs done \(\d+%\), 0 failed, .* elapsed, about .* left", text)
    assert len(progress) >= 5 and progress[-1] == "24" and "24 runs to do" in text  # lines, not a bar
    assert "dropped a late lever: calm_city+governed_mix: cooperative_support (starts in week 104" in text
    # a --set of what the design varies is said to be overridden, not silently lost
    assert "ignored: --set contribution.volunteer_demand_h: the design varies it" in " ".join(text.split())
    record = json.loads((tmp_path / "sweep" / "experiment.json").read_text())["experiment"]
    assert (record["replications"], record["weeks"], record["seed"], record["drop_late_levers"]) == (2, 52, 7, True)
    assert record["set"]["n_residents"] == 400
    provenance = json.loads((tmp_path / "sweep" / "provenance.json").read_text())
    assert provenance["command"].startswith("citysim sweep demand_sweep --replications 2 --weeks 52")
    assert provenance["git_commit"] and isinstance(provenance["git_dirty"], bool)
    # pandas, from the results
    frame = analysis.load(tmp_path / "sweep").to_pandas()
    assert len(frame) == 24 * 52 and "burnout_rate" in frame.columns
    assert len(analysis.load(tmp_path / "sweep").to_pandas("runs")) == 24


def test_run_and_compare_drop_the_levers_a_shorter_horizon_leaves_out(tmp_path):
    """Issue #23: `run` and `compare` with a horizon shorter than a policy's calendar said only "starts after the
    horizon"; now they name --drop-late-levers, which runs the policy without those levers and says which."""
    short = ["--weeks", "52", "--population", "100"]
    refused = runner.invoke(app, ["run", "citizen_burnout", "--policy", "governed_mix", *short,
                                  "--out", str(tmp_path / "no")])
    assert refused.exit_code == 2 and "--drop-late-levers runs it" in " ".join(refused.output.split())
    assert not (tmp_path / "no").exists()
    ran = runner.invoke(app, ["run", "citizen_burnout", "--policy", "governed_mix", *short, "--drop-late-levers",
                              "--out", str(tmp_path / "run")])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert "dropped a late lever: citizen_burnout+governed_mix: cooperative_support (starts in week 104" in said
    compared = runner.invoke(app, ["compare", "--context", "citizen_burnout", "--policy", "governed_mix", *short,
                                   "--replications", "2", "--drop-late-levers", "--out", str(tmp_path / "cmp")])
    assert compared.exit_code == 0, compared.output
    compared_said = " ".join(compared.output.split())
    assert "dropped a late lever: citizen_burnout+governed_mix: platform_regulation" in compared_said
    record = json.loads((tmp_path / "cmp" / "experiment.json").read_text())["experiment"]
    assert record["drop_late_levers"] is True
