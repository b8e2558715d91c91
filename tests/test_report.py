"""The HTML report: built from a small real sobol sweep, every section there, offline."""

import json
import re

import polars as pl
import pytest
from typer.testing import CliRunner

from analysis.labels import LABELS
from analysis.report import SECTIONS, build_report
from analysis.sensitivity import sensitivity
from citysim.cli import app
from simulation.batch import run_batch
from simulation.experiment import load_experiment

runner = CliRunner()

EXPERIMENT = """
name = "tiny_sobol"
contexts = ["calm_city"]
policies = ["participatory_innovation"]
design = "sobol"
points = 4
replications = 1
weeks = 56
seed = 9
[set]
n_residents = 400
[parameters."contribution.volunteer_demand_h"]
min = 0.05
max = 0.3
[parameters.commission]
min = 0.1
max = 0.4
"""
FIGURES = ("timeseries", "comparison", "radar", "sectors", "valueflow", "demand", "sensitivity")


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    base = tmp_path_factory.mktemp("sobol")
    (base / "exp.toml").write_text(EXPERIMENT)
    result = run_batch(load_experiment(base / "exp.toml"), base / "out", workers=1)
    assert result.failed == 0 and result.ok == 2 * 4 * (2 + 2)
    return base / "out"


def test_labels_have_the_same_keys_in_every_language():
    keys = {lang: set(labels) for lang, labels in LABELS.items()}
    assert keys["en"] == keys["fr"]
    assert all(s in keys["en"] for s in SECTIONS)


def test_sensitivity_of_a_real_sobol_sweep(sweep):
    result = sensitivity(sweep, metrics=["burnout_rate", "platform_value_share"])
    assert result.design == "sobol"
    idx = result.indices
    assert set(idx["scenario"]) == {"calm_city", "calm_city+participatory_innovation"}
    assert set(idx["parameter"]) == {"contribution.volunteer_demand_h", "commission"}
    assert {"S1", "S1_conf", "ST", "ST_conf"} <= set(idx.columns)
    # commission drives the platform value share, volunteer demand drives burn-out
    top = {m: idx.filter((idx["scenario"] == "calm_city") & (idx["metric"] == m)).sort("ST")["parameter"][-1]
           for m in ("burnout_rate", "platform_value_share")}
    assert top == {"burnout_rate": "contribution.volunteer_demand_h", "platform_value_share": "commission"}
    assert result.robustness is not None and result.robustness["points"].max() == 16


def test_report_has_every_section_and_renders_offline(sweep, tmp_path):
    out = build_report(sweep, tmp_path / "report.html", n_boot=300)
    page = out.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'<section id="{section}"><h2>{LABELS["en"][section]}</h2>' in page
    for key in FIGURES:
        png = tmp_path / "report_figures" / f"{key}.png"
        assert png.is_file() and png.stat().st_size > 5000, key
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f'id="fig-{key}"' in page
        spec = re.search(rf'<script type="application/vnd.vegalite\+json" id="spec-{key}">(.*?)</script>', page, re.S)
        assert "vega-lite" in json.loads(spec[1])["$schema"]
    assert page.count("data:image/png;base64,") == len(FIGURES)
    assert "<script src" not in page and "<link" not in page  # nothing fetched from the network
    assert LABELS["en"]["policy"] in page and LABELS["en"]["robustness"] in page


def test_cli_report_in_french(tmp_path):
    run = tmp_path / "run"
    assert runner.invoke(app, ["run", "--weeks", "10", "--residents", "150", "--out", str(run)]).exit_code == 0
    result = runner.invoke(app, ["report", str(run), "--lang", "fr", "--out", str(tmp_path / "rapport.html")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and LABELS["fr"]["radar"] in page
    assert LABELS["fr"]["comparison_none"] in page and LABELS["fr"]["demand_none"] in page  # one scenario, no sweep
    for section in SECTIONS:
        assert f'id="{section}"' in page
    assert (tmp_path / "rapport_figures" / "radar.png").stat().st_size > 0
    # French plurals and numbers (issue 23): one scenario, one replication; decimal commas
    from analysis.vocabulary_scan import page_text

    text = " ".join(page_text(page).split())
    assert "1 scénario, 1 point du plan, 1 réplication, 10 semaines" in text, text[:600]
    assert not re.search(r"\d\.\d", text) and re.search(r"\d,\d", text)


def test_cli_report_refuses_bad_input(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["report", str(empty)])
    assert result.exit_code == 2 and "not a citysim results folder" in result.output
    assert "Traceback" not in result.output
    lang = runner.invoke(app, ["report", str(empty), "--lang", "de"])
    assert lang.exit_code == 2 and "--lang" in lang.output


def test_the_comparison_warnings_are_said_in_the_reader_s_language(sweep):
    """A sampled design of 1 replication warns (too few replications, no interval, points compared one by
    one); in French each warning is French, with nothing left in English but the command's own words."""
    from analysis.compare import compare
    from analysis.vocabulary_scan import english_left

    warnings = compare(sweep, n_boot=100).warnings
    assert {w.key for w in warnings} >= {"warn_few_replications", "warn_thin", "warn_sampled"}
    for w in warnings:
        assert english_left(w.text("en"), w.text("fr"), allowed=["citysim sensitivity", "precision"]) == [], w
    assert "too few replications (1)" in str(warnings[0]) and "trop peu de réplications (1)" in warnings[0].text("fr")


def test_a_french_report_on_a_sweep_says_its_notes_and_reference_in_french(sweep, tmp_path):
    """Issue #23: the report's notes on sensitivity, its reference ("own context"), its design and the robustness
    table's reference mark were English in a French report. Each note reads in both languages with no English
    left in the French, and the French report on a Sobol sweep carries none of the English forms."""
    from analysis.sensitivity import Note
    from analysis.vocabulary_scan import english_left, page_text

    notes = [Note("constant", {"scenario": "calm_city", "metric": "objective_progress"}), Note("rough_sobol", {"n": 4}),
             Note("replications", {"n": 2}), Note("no_indices", {"design": "grid"})]
    for note in notes:
        allowed = ["calm_city", "objective_progress", "Sobol", "sobol", "morris", "constant", "base", "point"]
        assert english_left(note.say("en"), note.say("fr"), allowed=allowed) == [], note
    assert str(notes[3]) == "design 'grid': no sensitivity indices (they need sobol or morris); robustness only"
    result = runner.invoke(app, ["report", str(sweep), "--lang", "fr", "--out", str(tmp_path / "rapport.html")])
    assert result.exit_code == 0, result.output
    text = " ".join(page_text((tmp_path / "rapport.html").read_text(encoding="utf-8")).split())
    for english in ("own context", "base samples gives rough", "replications per design point", "design 'sobol'",
                    "plan sobol,"):
        assert english not in text, english
    assert "plan de Sobol" in text


def test_the_sensitivity_table_fits_80_columns_and_never_cuts_a_number_or_a_name(sweep, tmp_path):
    """Issue #23: at 80 columns the indices table folded numbers ("-0.029" then "1" on the next line) and names
    ("contribution_covera", "ge"). Each index and its half-width now share a cell that wraps between them, and
    names break after a "_", "+" or "."; every number the table shows appears whole."""
    from analysis.narrative import number
    from citysim.analysis_cli import breakable

    assert breakable("data_captured_eur_per_resident") == "data_captured_\neur_per_resident"
    assert breakable("calm_city+participatory_innovation") == "calm_city+\nparticipatory_\ninnovation"
    assert breakable("burnout_rate") == "burnout_rate"
    result = runner.invoke(app, ["sensitivity", str(sweep), "--metric", "burnout_rate", "--out",
                                 str(tmp_path / "s")])  # to a pipe: 80 columns
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if not line.startswith("Written: ")]  # paths never cut
    assert max(len(line) for line in lines) <= 80
    indices = pl.read_parquet(tmp_path / "s.parquet")  # what the command computed and wrote
    assert "calm_city+part" not in result.stdout  # the robustness table's scenarios break after "+" too
    words = set(result.stdout.replace("±", " ").split())
    for value in indices.select("S1", "S1_conf", "ST", "ST_conf").to_numpy().ravel():
        assert number(float(value)) in words, number(float(value))
