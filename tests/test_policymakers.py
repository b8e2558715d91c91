"""The policymaker's journey: verdicts that mean something, cost-effectiveness, events, one
command from question to answer, a French brief, and nothing ever overwritten silently."""

import hashlib
import html
import json
import math
import re
import shutil
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

import analysis
from analysis.answer import answer, dominance
from analysis.brief_words import TERMS, WORDS, plural
from analysis.compare import paired_differences
from analysis.costs import NO_COST, NOT_BETTER, PER_BURNOUT, PER_SMD, TOTAL_NOT_IMPROVED, cost_effectiveness
from analysis.events import CHANNELS
from analysis.labels import LABELS
from analysis.verdicts import (
    BETTER,
    CHANGED,
    INCONCLUSIVE,
    NO_CHANGE,
    WORSE,
    replications_needed,
    replications_to_decide,
    verdict,
)
from citysim.cli import app
from simulation import CityModel
from simulation.batch import run_batch
from simulation.experiment import Experiment, make_plan
from simulation.indicators import bottom_share
from simulation.interventions import INTERVENTION_TYPES, ContributorCare
from simulation.registry import COLUMNS, METRICS, indicator
from simulation.scenario import Scenario
from simulation.vocabulary import EventKind

runner = CliRunner()
FOUR = {BETTER, WORSE, NO_CHANGE, INCONCLUSIVE}
ENGLISH_VERDICTS = ("better", "worse", "inconclusive", "no meaningful change", "changed")


def paired(effect: float, noise: float, reps: int = 20, seed: int = 1, metric: str = "burnout_rate",
           shared: float = 0.05) -> pl.DataFrame:
    """A per-run table of a context and a policy: noise shared by replication k of both (common
    random numbers), own noise ``noise``, and a planted ``effect`` for the policy."""
    rng = np.random.default_rng(seed)
    common = rng.normal(0.3, shared, reps)
    rows = []
    for scenario, on in (("context", 0.0), ("context+policy", 1.0)):
        own = rng.normal(0.0, noise, reps)
        rows += [{"run_id": f"{scenario}-{r}", "scenario": scenario, "point": 0, "replication": r,
                  metric: common[r] + own[r] + on * effect} for r in range(reps)]
    return pl.DataFrame(rows)


def judged(effect: float, noise: float, reps: int = 20, metric: str = "burnout_rate", seed: int = 1) -> dict:
    table = paired(effect, noise, reps, seed, metric)
    return paired_differences(table, "context", [metric], n_boot=2000, seed=0).row(0, named=True)


# --- verdicts at the smallest meaningful difference -------------------------------------------

def test_verdicts_of_planted_effects_above_below_and_straddling_the_smd():
    smd = indicator("burnout_rate").smd  # 0.01, lower is better
    above = judged(-5 * smd, noise=0.002)
    assert above["verdict"] == BETTER and above["ci_high"] < -smd  # well past the SMD
    assert judged(+5 * smd, noise=0.002)["verdict"] == WORSE
    below = judged(-0.2 * smd, noise=0.0005)
    assert below["ci_high"] < 0  # a real effect, the interval excludes zero...
    assert below["verdict"] == NO_CHANGE and -smd < below["ci_low"]  # ...but too small to matter
    straddle = judged(-0.7 * smd, noise=0.006)  # below the SMD, but the interval reaches past it
    assert straddle["ci_low"] < -smd < straddle["ci_high"] < 0 and -smd < straddle["diff"]
    assert straddle["verdict"] == INCONCLUSIVE and straddle["n_to_decide"] > straddle["n"]
    noisy = judged(-3 * smd, noise=0.08)  # large, but the interval covers zero
    assert noisy["ci_low"] < 0 < noisy["ci_high"] and noisy["verdict"] == INCONCLUSIVE


def test_a_descriptive_indicator_changes_but_is_never_better_or_worse():
    smd = indicator("gig_hours_mean").smd
    assert judged(5 * smd, 0.002, metric="gig_hours_mean")["verdict"] == CHANGED
    assert judged(-5 * smd, 0.002, metric="gig_hours_mean")["verdict"] == CHANGED
    assert judged(0.1 * smd, 0.0005, metric="gig_hours_mean")["verdict"] == NO_CHANGE
    assert judged(smd, 0.006, metric="gig_hours_mean")["verdict"] == INCONCLUSIVE


def test_verdict_boundaries():
    assert verdict(-0.01, -0.012, -0.008, 0.01, -1) == BETTER  # exactly one SMD, interval excludes zero
    assert verdict(-0.0099, -0.012, -0.008, 0.01, -1) == INCONCLUSIVE  # just short of it
    assert verdict(0.0, -0.01, 0.01, 0.01, 1) == NO_CHANGE  # within plus or minus one SMD
    assert verdict(0.002, 0.001, 0.003, 0.01, 1) == NO_CHANGE  # significant, not meaningful
    assert verdict(math.nan, math.nan, math.nan, 0.01, 1) == INCONCLUSIVE  # no interval yet


def test_the_replications_to_decide_do_decide():
    """An inconclusive verdict says how many replications would decide (four times in five, if the
    estimate were the truth); with that many fresh replications, they do about that often."""
    smd = indicator("trust_mean").smd
    first = judged(0.3 * smd, noise=0.03, reps=6, metric="trust_mean", seed=4)
    assert first["verdict"] == INCONCLUSIVE
    needed = replications_to_decide(first["sd_diff"], 0.3 * smd, smd)
    assert first["n_to_decide"] == replications_to_decide(first["sd_diff"], first["diff"], smd) > 6
    decided = [judged(0.3 * smd, noise=first["sd_diff"] / math.sqrt(2), reps=needed, metric="trust_mean",
                      seed=100 + k)["verdict"] == NO_CHANGE for k in range(40)]
    assert 0.65 <= np.mean(decided) <= 0.95
    fewer = [judged(0.3 * smd, noise=first["sd_diff"] / math.sqrt(2), reps=max(2, needed // 4),
                    metric="trust_mean", seed=200 + k)["verdict"] == NO_CHANGE for k in range(40)]
    assert np.mean(fewer) < np.mean(decided) - 0.3  # a quarter as many decide far less often


def test_precision_is_relative_to_each_indicator_smd():
    table = paired(-0.05, 0.01, reps=12)
    row = paired_differences(table, "context", ["burnout_rate"], seed=0, precision=0.5).row(0, named=True)
    assert row["n_needed"] == replications_needed(row["sd_diff"], 0.5 * 0.01)  # half an SMD, not 0.5


# --- cost-effectiveness -----------------------------------------------------------------------

def test_cost_effectiveness_only_where_the_verdict_is_better():
    cost = {"cost_eur": 100_000.0, "burnouts_avoided": 50.0, "pay_gained_eur": 20_000.0}
    for v in (WORSE, NO_CHANGE, INCONCLUSIVE, CHANGED):
        assert cost_effectiveness(v, -0.5, "burnout_rate", cost) == (None, PER_BURNOUT, NOT_BETTER)
    assert cost_effectiveness(BETTER, -0.5, "burnout_rate", cost) == (2000.0, PER_BURNOUT, None)  # per burn-out
    assert cost_effectiveness(BETTER, 0.3, "courier_net_income_eur", cost)[0] == 5.0  # per euro of pay
    assert cost_effectiveness(BETTER, 0.04, "trust_mean", cost) == (50_000.0, PER_SMD, None)  # 2 SMDs of trust
    assert cost_effectiveness(BETTER, -0.5, "burnout_rate", {**cost, "cost_eur": 0.0})[2] == NO_COST
    assert cost_effectiveness(BETTER, -0.5, "burnout_rate", {**cost, "burnouts_avoided": -3.0})[2] == \
        TOTAL_NOT_IMPROVED


def test_dominance_counts_cost_and_doing_nothing():
    """A cheaper policy with smaller gains is not dominated; one that is worse than doing nothing and
    costs money is dominated by doing nothing (and by any cheaper, better policy)."""
    trust = {"c+a": 0.60, "c+b": 0.55, "c+z": 0.45}  # the context alone: 0.50
    table = pl.DataFrame({"scenario": list(trust), "point": [0] * 3, "metric": ["trust_mean"] * 3,
                          "mean": list(trust.values()), "baseline_mean": [0.5] * 3})
    costs = pl.DataFrame({"scenario": list(trust), "point": [0] * 3, "cost_eur": [100_000.0, 10_000.0, 50_000.0]})
    found = dominance(table, costs, {"c": list(trust)})
    assert found == {("c+a", 0): [], ("c+b", 0): [], ("c+z", 0): ["c", "c+b"]}
    free = costs.with_columns(cost_eur=pl.lit(0.0))  # at no cost, the larger gain dominates the smaller
    assert dominance(table, free, {"c": list(trust)})[("c+b", 0)] == ["c+a"]


# --- the distributional indicators ------------------------------------------------------------

def test_distributional_indicators_match_the_state():
    model = CityModel(rng=3, n_residents=600)
    model.run(30)
    row = model.indicators().row(-1, named=True)
    s, n = model.residents_state, model.residents_state.n
    working = s.gig_h > 0
    assert working.any()
    assert row["courier_net_income_eur"] == pytest.approx(s.earnings_eur[working].mean())
    income = np.sort(s.income_eur)
    assert row["income_share_bottom20"] == pytest.approx(income[:120].sum() / income.sum())
    # read from the platforms' own state, not the ledger the indicators read: what was paid for every
    # platform's services and for its data; commercial platforms capture their commissions and data sales
    created = sum(p.gross_eur + p.data_revenue_eur for p in model.platforms)
    captured = sum(p.commission_revenue_eur + p.data_revenue_eur for p in model.platforms if p.kind == "commercial")
    assert row["value_kept_eur_per_resident"] * n == pytest.approx(created - captured)
    assert row["platform_value_share"] == pytest.approx(captured / created)
    assert bottom_share(np.array([1.0, 1.0, 1.0, 7.0, 10.0]), 0.2) == pytest.approx(0.05)
    for name in ("courier_net_income_eur", "income_share_bottom20", "value_kept_eur_per_resident"):
        assert COLUMNS[name].smd > 0 and COLUMNS[name].smd_reason and name in METRICS


# --- words ------------------------------------------------------------------------------------

def test_brief_words_in_both_languages_and_every_model_term():
    assert WORDS["en"].keys() == WORDS["fr"].keys()
    assert set(TERMS["lever"]) == set(INTERVENTION_TYPES) == set(CHANNELS)
    assert {s.name for s in Scenario().sectors} <= set(TERMS["sector"])
    assert set(TERMS["kind"]) == {"commercial", "cooperative", "public"}
    assert (plural(1, "run", "fr"), plural(0, "run", "fr"), plural(0, "run"), plural(2, "run", "fr")) == \
        ("1 simulation", "0 simulation", "0 runs", "2 simulations")
    for v in (BETTER, WORSE, NO_CHANGE, INCONCLUSIVE, CHANGED):
        assert LABELS["fr"][v] not in ENGLISH_VERDICTS


# --- the journey, from the question to the brief ----------------------------------------------

JOURNEY = ["compare", "--context", "citizen_burnout", "--policy", "contributor_care", "--replications", "10",
           "--weeks", "156", "--population", "400"]


@pytest.fixture(scope="module")
def journey(tmp_path_factory):
    """`citysim compare --context citizen_burnout --policy contributor_care --replications 10 --weeks 156`
    (a small city, to stay fast), run once for the tests below."""
    out = tmp_path_factory.mktemp("journey") / "answer"
    result = runner.invoke(app, [*JOURNEY, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_one_command_runs_the_comparison_and_records_the_city(journey):
    out, output = journey
    runs = analysis.load(out).runs.collect()
    assert runs.height == 20 and set(runs["scenario"]) == {"citizen_burnout", "citizen_burnout+contributor_care"}
    pairs = runs.group_by("replication").agg(pl.col("seed").n_unique(), pl.len())
    assert (pairs["seed"] == 1).all() and (pairs["len"] == 2).all()  # paired seeds
    record = json.loads((out / "experiment.json").read_text())
    assert record["experiment"]["set"] == {"n_residents": 400}  # the city options, recorded
    assert record["experiment"]["contexts"] == ["citizen_burnout"] and record["experiment"]["weeks"] == 156
    assert "citizen_burnout+contributor_care vs citizen_burnout" in output and "What the platforms did" in output
    table = pl.read_csv(out / "analysis" / "compare.csv")
    assert set(table["metric"]) == set(METRICS) and set(table["verdict"]) <= FOUR  # every indicator judged
    cost = pl.read_csv(out / "analysis" / "compare_policy.csv")["cost_eur"][0]
    assert cost == pytest.approx(156 * ContributorCare.model_fields["cost_eur_w"].default)  # EUR 1,000 a week


def test_the_french_brief(journey, tmp_path):
    out, _ = journey
    result = runner.invoke(app, ["brief", str(out), "--lang", "fr", "--out", str(tmp_path / "brief.html")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page
    assert "<script" not in page and "<link" not in page and "http" not in page.replace(
        "http://www.w3.org", "")  # self-contained, nothing fetched
    body = page[page.index("<body>"):]
    text = html.unescape(re.sub(r"<code>.*?</code>|<[^>]+>", " ", body))  # what a reader sees, names aside
    for word in ENGLISH_VERDICTS:
        assert not re.search(rf"\b{word}\b", text, re.I), word
    assert not re.search(r"\b(the|and|of|with|per|runs?|policy)\b", text), "English left in the French brief"
    verdicts = {LABELS["fr"][v] for v in FOUR}
    shown = re.findall(r'<b style="color:#[0-9a-f]+">([^<]+)</b>', page)
    assert len([v for v in shown if v in verdicts]) >= len(METRICS) and set(shown) <= verdicts
    burnout = page[page.index('id="m-burnout_rate"'):page.index("<h3", page.index('id="m-burnout_rate"'))]
    assert LABELS["fr"][BETTER] in burnout or LABELS["fr"][WORSE] in burnout or "derrière" not in burnout
    assert "Ce qui s'est passé derrière" in burnout and "Le soin des contributeurs commence" in burnout
    assert "156 000" in page.replace("\u202f", " ")  # the cost, in French digits
    for section in ("La question", "La réponse en bref", "La ville en quelques mots", "Ce que le modèle laisse"):
        assert section in page
    english = runner.invoke(app, ["brief", str(out), "--out", str(tmp_path / "brief_en.html")])
    assert english.exit_code == 0 and "What happened behind it" in (tmp_path / "brief_en.html").read_text()


# --- never overwritten silently ---------------------------------------------------------------

def _fingerprint(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_comparison_never_overwrites_silently(journey, tmp_path):
    folder = tmp_path / "answer"
    shutil.copytree(journey[0], folder)
    before = _fingerprint(folder)
    same = runner.invoke(app, [*JOURNEY, "--out", str(folder)])
    assert same.exit_code == 0, same.output
    assert "already held 20 of these 20 runs: nothing to run" in " ".join(same.output.split())
    assert "already holds this same output" in " ".join(same.output.split())
    assert _fingerprint(folder) == before
    other = runner.invoke(app, [*JOURNEY[:-4], "--population", "500", "--out", str(folder)])
    assert other.exit_code == 2 and "Traceback" not in other.output
    assert "different experiment" in other.output and "n_residents" in other.output
    assert _fingerprint(folder) == before
    window = runner.invoke(app, ["compare", str(folder), "--over", "last-26-weeks"])
    assert window.exit_code == 0
    assert "holds an earlier, different output (kept); this one is written as compare-2.parquet" in \
        " ".join(window.output.split())
    assert (folder / "analysis" / "compare.csv").read_bytes() == (journey[0] / "analysis" / "compare.csv").read_bytes()
    for lang in ("fr", "en"):
        assert runner.invoke(app, ["brief", str(folder), "--lang", lang, "--out", str(tmp_path / "b.html")]).exit_code \
            == 0
    assert 'lang="fr"' in (tmp_path / "b.html").read_text() and 'lang="en"' in (tmp_path / "b-2.html").read_text()


def test_compare_refuses_bad_input_with_one_clear_message(tmp_path):
    cases = {("--context", "citizen_burnot", "--policy", "contributor_care"): "did you mean 'citizen_burnout'?",
             ("--context", "calm_city", "--policy", "contributer_care"): "did you mean 'contributor_care'?",
             ("--context", "calm_city"): "needs at least one --policy",
             ("--policy", "regulation"): "--policy, --out: only with --context",
             ("--context", "calm_city", "--policy", "regulation", "--commission", "1.4"): "--commission",
             ("--context", "calm_city", "--policy", "regulation", "--weeks", "40"): "after the horizon"}
    for args, expected in cases.items():
        out = tmp_path / "never"
        result = runner.invoke(app, ["compare", *args, "--out", str(out)])
        assert result.exit_code == 2, args
        assert expected in " ".join(result.output.split()) and "Traceback" not in result.output, args
        assert not out.exists(), args


# --- each policy with its own context, and only with it ----------------------------------------

def test_a_policy_is_never_paired_with_another_context(tmp_path):
    exp = Experiment(name="two_cities", contexts=["calm_city", "citizen_burnout"], policies=["contributor_care"],
                     design="single", replications=3, weeks=30, seed=7, set={"n_residents": 150})
    run_batch(make_plan(exp, "test"), tmp_path / "out", workers=1)
    found = answer(tmp_path / "out", metrics=["burnout_rate", "trust_mean"], n_boot=200)
    per_run = analysis.per_run(analysis.load(tmp_path / "out"), ["burnout_rate", "trust_mean"])
    for row in found.table.iter_rows(named=True):
        context = row["scenario"].split("+")[0]
        assert row["reference"] == context
        mine = per_run.filter(pl.col("scenario") == row["scenario"]).sort("replication")[row["metric"]]
        theirs = per_run.filter(pl.col("scenario") == context).sort("replication")[row["metric"]]
        assert row["diff"] == pytest.approx((mine - theirs).mean())  # replication by replication, own context
    assert dict(found.costs.select("scenario", "context").iter_rows()) == {
        "calm_city+contributor_care": "calm_city", "citizen_burnout+contributor_care": "citizen_burnout"}
    assert set(found.ranking["context"]) == {"calm_city", "citizen_burnout"}
    assert (found.ranking["rank"] == 1).all()  # ranked within its own context only


# --- the command line, polished ---------------------------------------------------------------

def test_version_help_and_did_you_mean(tmp_path):
    from importlib.metadata import version

    assert runner.invoke(app, ["--version"]).output.strip() == f"citysim {version('citysim')}"
    for command in ([], ["run"], ["compare"], ["brief"], ["sweep"]):
        shown = CliRunner(env={"COLUMNS": "160"}).invoke(app, [*command, "--help"]).output
        assert "<bool>" not in shown and "<int" not in shown and "<list" not in shown and "<path>" not in shown
    typo = runner.invoke(app, ["run", "--weeks", "3", "--set", "contribution.volunter_demand_h=0.2",
                               "--out", str(tmp_path / "x")])
    assert typo.exit_code == 2 and "did you mean 'volunteer_demand_h'?" in typo.output
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    again = runner.invoke(app, ["run", "--weeks", "3", "--out", str(taken)])
    assert again.exit_code == 2 and "already exists" in again.output and "--resume" not in again.output


# --- what the platforms did, in the answer and the brief (issue 23) ----------------------------

STRICT = """name = "strict_regulation"
description = "The same regulation, with a fine no platform would risk."
description_fr = "La même régulation, avec une amende qu'aucune plateforme ne risquerait."

[[interventions]]
type = "platform_regulation"
start_week = 52
commission_cap = 0.2
min_hourly_pay_eur = 12.0
data_sharing = 0.5
inspection_eur_per_resident_w = 2.0
fine_eur_per_use = 100.0
fine_eur_per_worker_h = 100.0
"""
REGULATED = ["compare", "--context", "platform_city", "--policy", "regulation", "--policy", "strict_regulation.toml",
             "--replications", "2", "--weeks", "104", "--population", "400", "--out", "out"]


@pytest.fixture(scope="module")
def regulated(tmp_path_factory):
    """platform_city with the library's regulation (a fine platforms defy) and the same regulation
    with a deterring fine (a policy file), a small city over two years; its answer and both briefs."""
    base = tmp_path_factory.mktemp("regulated")
    (base / "strict_regulation.toml").write_text(STRICT)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(base)  # the policy file is named as a policymaker would, relative to where she works
        result = runner.invoke(app, REGULATED)
        assert result.exit_code == 0, result.output
        pages = {}
        for lang in ("en", "fr"):
            brief = runner.invoke(app, ["brief", "out", "--lang", lang, "--out", f"brief_{lang}.html"])
            assert brief.exit_code == 0, brief.output
            pages[lang] = (base / f"brief_{lang}.html").read_text(encoding="utf-8")
    return base / "out", result.stdout, pages


def _defier(folder) -> tuple[str, int, float, float, float]:
    """From the event log alone: the platform that defied the commission cap under the library's
    regulation in the most runs, those runs, and the medians over them of its first defiance's week,
    gain and expected penalty."""
    from analysis.narrative import facts

    events = (analysis.load(folder).events.filter((pl.col("scenario") == "platform_city+regulation")
                                                  & (pl.col("kind") == EventKind.DEFIANCE)).collect()
              .filter(pl.col("facts").str.contains('"commission_cap"'))
              .sort("week").group_by("actor", "replication").first())
    assert events.height, "the regulation's fine is defied in this city (the premise of the test)"
    platform = events.group_by("actor").len().sort("len", "actor", descending=[True, False])["actor"][0]
    mine = events.filter(pl.col("actor") == platform)
    recorded = [facts(e) for e in mine.iter_rows(named=True)]
    return (platform, mine.height, float(np.median(mine["week"])),
            float(np.median([f["gain_eur_w"] for f in recorded])),
            float(np.median([f["penalty_eur_w"] for f in recorded])))


def test_the_answer_says_which_rule_was_defied_by_whom_when_and_why(regulated):
    folder, output, _ = regulated
    text = " ".join(output.split())
    platform, runs, week, gain, penalty = _defier(folder)
    assert week >= 52  # the cap starts in week 52
    assert (f"{platform} defied the commission cap in {runs} of 2 runs, from week {round(week)} for " in text
            and f"it gained EUR {round(gain):,} a week against an expected penalty of EUR {round(penalty):,} a week"
            in text), text
    assert f"it would comply once the penalty it expects tops EUR {round(gain):,} a week" in text
    # the deterring fine: every rule obeyed, said so
    sections = re.split(r"\d\. platform_city\+", text)
    strict = next(part for part in sections if part.startswith("strict_regulation.toml (context"))
    assert "No platform defied the commission cap in any of the 2 runs: the rule was obeyed" in strict
    assert not re.search(r"\w+ defied the commission cap in \d", strict)
    # exits and entries, with and without the policy
    assert re.search(r"\w+ runs out of capital and leaves \w+ in \d of 2 runs", text) and "without the policy:" in text
    # only the events the policy changed: routine price reviews and incumbents' moves happen alike without it
    found = answer(folder, metrics=["burnout_rate"], n_boot=200)
    assert not set(found.events["kind"]) & {EventKind.TERMS_CHANGED, EventKind.INCUMBENT_REACTED}
    assert {EventKind.LEVER_STARTED, EventKind.DEFIANCE} <= set(found.events["kind"])
    assert set(found.defiance.filter(pl.col("scenario").str.ends_with("strict_regulation.toml"))["platform"]) == {None}
    written = pl.read_csv(folder / "analysis" / "compare_defiance.csv")
    assert platform in written["platform"].to_list()


def test_inspection_and_fines_are_city_options(tmp_path):
    """Issue #23 (item 1, once #20 landed): ``--inspection`` and ``--fine`` set the enforcement of every
    regulation compared, the command names the scenarios they set and those with no regulation, and with
    inspectors who catch a defied rule four weeks in five the answer says each rule was obeyed (under the
    library's own, it is defied: `test_the_answer_says_which_rule_was_defied_by_whom_when_and_why`)."""
    result = runner.invoke(app, ["compare", "--context", "platform_city", "--policy", "regulation", "--inspection",
                                 "0.5", "--fine", "5", "--replications", "2", "--weeks", "104", "--population",
                                 "400", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert ("--inspection EUR 0.5 and --fine EUR 5 set the enforcement of the regulation in: "
            "platform_city+regulation (no regulation to enforce in: platform_city)") in text
    assert "No platform defied the commission cap in any of the 2 runs: the rule was obeyed" in text
    config = json.loads((tmp_path / "out" / "experiment.json").read_text())
    assert config["experiment"]["set"]["inspection"] == 0.5 and config["experiment"]["set"]["fine"] == 5.0
    refused = runner.invoke(app, ["run", "platform_city", "--policy", "regulation", "--inspection", "-1"])
    assert refused.exit_code == 2 and "--inspection" in refused.output
    # the brief says what was set in words and units, not option names in code font
    from analysis.vocabulary_scan import page_text

    for lang, words in (("en", "inspection spending (EUR per resident per week) = 0.5, fine per use sold while "
                                "defying (EUR) = 5"),
                        ("fr", "dépense de contrôle (EUR par habitant et par semaine) = 0,5, amende par usage vendu "
                               "en infraction (EUR) = 5")):
        brief = runner.invoke(app, ["brief", str(tmp_path / "out"), "--lang", lang,
                                    "--out", str(tmp_path / f"brief_{lang}.html")])
        assert brief.exit_code == 0, brief.output
        html = (tmp_path / f"brief_{lang}.html").read_text(encoding="utf-8")
        assert "<code>inspection" not in html and "<code>fine" not in html
        assert words in " ".join(page_text(html).split()), lang


def test_the_brief_names_the_defied_rule_and_the_obeyed_one_in_both_languages(regulated):
    from analysis.vocabulary_scan import page_text

    folder, _, pages = regulated
    platform, runs, week, gain, penalty = _defier(folder)
    en, fr = (" ".join(page_text(pages[lang]).split()) for lang in ("en", "fr"))
    assert (f"{platform} defied the commission cap in {runs} of 2 runs, from week {round(week)}" in en
            and f"EUR {round(gain):,} a week against an expected penalty of EUR {round(penalty):,}" in en)
    gain_fr, penalty_fr = (f"{round(v):,}".replace(",", "\u202f") for v in (gain, penalty))
    french = f"{gain_fr} EUR par semaine, contre une pénalité attendue de {penalty_fr} EUR"
    runs_fr = f"{runs} simulation{'s' if runs > 1 else ''} sur 2"
    assert f"{platform} n'a pas respecté le plafond de commission dans {runs_fr}" in fr and french in fr
    assert "Aucune plateforme n'a enfreint le plafond de commission dans les 2 simulations : la règle a été respectée" \
        in fr
    assert "No platform defied the commission cap in any of the 2 runs: the rule was obeyed" in en
    # the short answer says it too (issue #23: it said only "better on trust and value kept")
    start = en.index("The short answer")
    short = en[start:en.index("The city in plain words", start)]
    assert re.search(rf"Platforms defied its rules: [^.]*\b{platform} \(the commission cap, {runs} of 2 runs",
                     short), short
    assert "Every platform obeyed its rules." in short
    short_fr = fr[fr.index("La réponse en bref"):]
    assert re.search(rf"Des plateformes ont enfreint ses règles : [^.]*\b{platform} \([^,]*plafond de commission, "
                     rf"{runs_fr}", short_fr), short_fr
    assert "do not lobby" in en and "leave the city" not in en  # no limitation the events contradict


def test_the_french_brief_speaks_plain_french(regulated):
    from analysis.vocabulary_scan import english_left, page_text

    folder, _, pages = regulated
    en, fr = (page_text(pages[lang]) for lang in ("en", "fr"))
    names = analysis.load(folder).platforms.select("platform").unique().collect()["platform"].to_list()
    assert english_left(en, fr, allowed=names) == []
    # no identifier in prose: contexts, policies and indicators by their names, code only in the footer
    for identifier in ("platform_city", "strict_regulation", "burnout_rate", "citizen_burnout", "trust_mean"):
        assert identifier not in fr and identifier not in en, identifier
    footer = pages["fr"].rindex("<hr>")
    assert "<code>" not in pages["fr"][:footer]
    assert not re.search(r"\d[eE][-+]?\d", fr + en)  # no e-notation
    # a cost is given an interval only where it varies between runs (the regulation's costs do not here)
    costs = re.findall(r"\[([\d\u202f ]+ EUR) ; ([\d\u202f ]+ EUR)\]", fr)
    assert all(lo != hi for lo, hi in costs), costs
    assert re.search(r"\d EUR (?!\[)", fr)
    assert re.search(r"\d+,\d %", fr) and "pts" in fr  # shares as percentages, effects in points
    assert "plus bas = mieux ici" in fr and "commerces de proximité" not in en
    assert "Les mots employés ici" in fr and "Écart minimal pertinent :" in fr  # the glossary


def test_the_french_brief_fits_a_projector_in_chromium(regulated, tmp_path):
    from playwright.sync_api import sync_playwright

    _, _, pages = regulated
    chromium = "/usr/bin/chromium"
    assert Path(chromium).exists(), "Debian's chromium is needed (apt-get install chromium)"
    page_file = tmp_path / "brief_fr.html"
    page_file.write_text(pages["fr"], encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(page_file.as_uri())
        overflow = page.evaluate("""() => {
            const root = document.documentElement;
            const wide = [root.scrollWidth - root.clientWidth];
            const clipped = [];
            for (const el of document.querySelectorAll('body *')) {
                const style = getComputedStyle(el);
                if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible' && el.clientWidth > 0)
                    clipped.push(el.tagName + '.' + el.className + ': ' + el.scrollWidth + ' > ' + el.clientWidth);
            }
            return {page: wide[0], clipped: clipped};
        }""")
        browser.close()
    assert overflow["page"] <= 0, overflow
    assert overflow["clipped"] == [], overflow["clipped"]
