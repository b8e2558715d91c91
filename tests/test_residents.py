"""Residents I: hours that compete, contributors who decide, burn-out measured honestly.

Switch-off experiments on paired seeds (common random numbers): each mechanism is a scenario
field, turned off with everything else equal. The seeds (100-109) are not those of the pilot
runs (0-3) that informed the directions stated in docs/ODD.md before these tests were written.
An effect counts when it exceeds the registry's smallest meaningful difference (SMD) and twice
its paired standard error, in the stated direction.
"""

from __future__ import annotations

import numpy as np
import pytest

from simulation import CityModel
from simulation.indicators import top_share
from simulation.library import build
from simulation.registry import INDICATORS
from simulation.rules import volunteer_demand_h
from simulation.scenario import validate_scenario

SEEDS = range(100, 110)
N, WEEKS = 1000, 156


def city(context: str = "citizen_burnout", weeks: int = WEEKS, **overrides):
    return build(context, overrides={"n_residents": N, "weeks": weeks, **overrides})


def last_year(config, metric: str) -> np.ndarray:
    return np.array([CityModel(config, rng=seed).run().indicators()[metric][-52:].mean() for seed in SEEDS])


def assert_effect(base: np.ndarray, treated: np.ndarray, metric: str, sign: int) -> float:
    """The paired mean difference exceeds the SMD and twice its standard error, with ``sign``."""
    diffs = treated - base
    mean, se = diffs.mean(), diffs.std(ddof=1) / np.sqrt(diffs.size)
    smd = INDICATORS[metric].smd
    assert sign * mean > smd and sign * mean > 2 * se, f"{metric}: {mean:.4g} (se {se:.3g}, SMD {smd})"
    return mean


@pytest.fixture(scope="module")
def runs():
    """Last-year means of every indicator, per seed, for the switch-off experiments."""
    variants = {
        "base": city(),
        "no_competition": city(**{"time.competition": False}),
        "no_declining": city(**{"contribution.declining": False}),
        "no_workers": city(**{"residents.worker_share": 0.0}),
        "many_workers": city(**{"residents.worker_share": 0.3}),
    }
    out = {}
    for name, config in variants.items():
        frames = [CityModel(config, rng=seed).run().indicators()[-52:].mean() for seed in SEEDS]
        out[name] = {m: np.array([f[m][0] for f in frames]) for m in INDICATORS if not INDICATORS[m].nullable}
    return out


def test_time_competition_slows_the_cascade(runs):
    """(a) Stated direction: when uses of time compete, contributors short of time decline sooner,
    tire less and burn out less, so the services keep more of their coverage in the cascade."""
    assert_effect(runs["base"]["contribution_coverage"], runs["no_competition"]["contribution_coverage"],
                  "contribution_coverage", -1)


def test_declining_keeps_contributors_from_burning_out(runs):
    """(b) Stated direction: contributors who cannot decline accept every request and burn out more;
    the cascade leaves the services with less coverage."""
    assert_effect(runs["base"]["burnout_rate"], runs["no_declining"]["burnout_rate"], "burnout_rate", +1)
    assert_effect(runs["base"]["contribution_coverage"], runs["no_declining"]["contribution_coverage"],
                  "contribution_coverage", -1)


def test_gig_work_and_volunteering_share_one_week(runs):
    """A city of burn-out cascades with 30% gig workers gives more volunteer time than one with none. The
    sign is stated after the recorded `worker_share` experiment found it, opposite to the direction its
    claim stated before the run (section 4.1, "gig work and volunteering": lower); this test guards that
    finding on other seeds (it used to accept a difference in either direction). Why is not shown here; a
    conjecture: workers' gig hours leave contributors less room, so they decline
    sooner, tire less and burn out less, and the city keeps more of its contributors."""
    assert_effect(runs["no_workers"]["contribution_hours_mean"], runs["many_workers"]["contribution_hours_mean"],
                  "contribution_hours_mean", +1)


def test_concentration_is_mostly_an_input():
    """The top-10% share computed from the inputs alone (engagement draws and the request rule)
    is within 0.04 of what the calm city shows: concentration is labelled an input in the ODD. (The bound
    was 0.03 until issue #19: with residents' budgets and remembered service, services take a little
    more or less of the week, and the gap became 0.031 on these seeds.)"""
    config = city("calm_city")
    rng = np.random.default_rng(0)
    engagement = rng.beta(*config.residents.contributor_beta, 1_000_000)
    c = config.contribution
    weights = np.where(engagement >= c.active_threshold, engagement**c.request_concentration, 0.0)
    from_inputs = top_share(weights, 0.1)
    measured = np.array([CityModel(config, rng=seed).run(104).indicators()["contribution_top10_share"][-52:].mean()
                         for seed in SEEDS[:4]])
    assert abs(measured.mean() - from_inputs) < 0.04, (measured.mean(), from_inputs)


def _workers_means(config, column: str, who) -> np.ndarray:
    out = []
    for seed in SEEDS:
        model = CityModel(config, rng=seed)
        values = []
        for _ in range(config.weeks):
            model.step()
            s = model.residents_state
            values.append(getattr(s, column)[who(s)].mean())
        out.append(np.mean(values))
    return np.array(out)


def _working_contributors(s):
    return (s.worker > 0) & (s.contributor >= 0.15)


def test_higher_pay_pulls_hours_from_volunteering():
    """Same workers, same requests: with a lower commission (higher pay) they are willing to give
    fewer volunteer hours."""
    low_pay = city(weeks=26, commission=0.45, **{"residents.worker_share": 0.3})
    high_pay = city(weeks=26, commission=0.05, **{"residents.worker_share": 0.3})
    base = _workers_means(low_pay, "contribution_willing_h", _working_contributors)
    treated = _workers_means(high_pay, "contribution_willing_h", _working_contributors)
    diffs = treated - base
    assert diffs.mean() < -2 * diffs.std(ddof=1) / np.sqrt(diffs.size) and (diffs < 0).all()


def test_higher_recognition_pulls_hours_from_gig_work():
    """Same workers: when the services recognise what volunteers give, contributors who also work
    for platforms offer fewer gig hours."""
    recognised = [{"type": "contributor_care", "start_week": 0, "recognition": 0.6, "cost_eur_w": 0.0}]
    base_cfg = city(weeks=26, **{"residents.worker_share": 0.3})
    treated_cfg = validate_scenario({**base_cfg.model_dump(), "interventions": recognised})
    base = _workers_means(base_cfg, "offered_h", _working_contributors)
    treated = _workers_means(treated_cfg, "offered_h", _working_contributors)
    diffs = treated - base
    assert diffs.mean() < -2 * diffs.std(ddof=1) / np.sqrt(diffs.size) and (diffs < 0).all()


def test_a_collapse_leaves_a_mark_when_demand_falls_again():
    """Hysteresis: demand rises from 0.05 to 0.3 h per resident over five years and falls back over
    five more. At the same demand, coverage and active contributors are lower on the way down: the
    burned-out came back less engaged, and only newcomers renew the pool."""
    schedule = [(0, 0.05), (260, 0.3), (520, 0.05)]
    config = build("calm_city", overrides={"n_residents": N, "weeks": 520, "contribution.demand_schedule": schedule})
    demand = np.array([volunteer_demand_h(config, w) for w in range(520)])
    band = (demand >= 0.1) & (demand < 0.15)
    up, down = band & (np.arange(520) < 260), band & (np.arange(520) >= 260)
    gaps = []
    for seed in range(3):
        df = CityModel(config, rng=100 + seed).run().indicators()
        coverage = df["contribution_coverage"].to_numpy()
        active = df["active_contributor_share"].to_numpy()
        gaps.append((coverage[up].mean() - coverage[down].mean(), active[up].mean() - active[down].mean()))
    gaps = np.array(gaps)
    assert (gaps[:, 0] > INDICATORS["contribution_coverage"].smd).all()
    assert (gaps[:, 1] > INDICATORS["active_contributor_share"].smd).all()


def test_retention_is_measured_over_cohorts_of_new_contributors():
    model = CityModel(city("calm_city", weeks=120), rng=3).run()
    pooled = model.contributor_retention()
    assert pooled["after_weeks"].to_list() == [4, 13, 26, 52]
    share = pooled["share"].to_numpy()
    assert ((share > 0) & (share <= 1)).all() and share[-1] < share[0]  # fewer remain a year on than a month on
    cohorts = model.contributor_retention(by_cohort=True)
    assert (cohorts["still_active"] <= cohorts["cohort"]).all() and cohorts["cohort_week"].min() >= 1


def test_results_do_not_hinge_on_the_weekly_step():
    """Giving decided, fatigue integrated and burn-out drawn over 4 sub-steps a week instead of 1: in the
    calm city the outputs move by less than their SMD; in the cascade, by less than the seed-to-seed noise
    of the paired difference (the collapse's timing varies by seed). The recorded `substeps` experiment
    (ODD section 7.6.2) compares 1, 2, 4 and 8 on more seeds."""
    metrics = ("burnout_rate", "contribution_coverage")
    for context, strict in (("calm_city", True), ("citizen_burnout", False)):
        steps = {k: build(context, overrides={"n_residents": N, "weeks": 130, "contribution.substeps": k})
                 for k in (1, 4)}
        means = {k: np.array([[df[m][-52:].mean() for m in metrics] for df in
                              (CityModel(config, rng=seed).run().indicators() for seed in SEEDS[:6])])
                 for k, config in steps.items()}
        diffs = means[4] - means[1]
        for j, metric in enumerate(metrics):
            se = diffs[:, j].std(ddof=1) / np.sqrt(len(diffs))
            smd = INDICATORS[metric].smd
            bound = smd if strict else 2.5 * se + smd
            assert abs(diffs[:, j].mean()) < bound, (context, metric, diffs[:, j].mean(), se)
