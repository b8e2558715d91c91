"""Invariants of whole runs, over random seeds and parameters (hypothesis).

Whatever the seed, city size, volunteer demand, commission, horizon and engine:
no resident spends more time than it has, money is neither created nor lost
between consumers, platforms and workers, every indicator stays in its range
and is never NaN, and a run is a pure function of its seed.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulation import CRITERIA, CityModel, load_scenario
from simulation.registry import INDICATORS

REFERENCE_MAX_N = 150
"""The per-agent reference engine is drawn only for cities this small (it is slow)."""

SETTINGS = settings(max_examples=25, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def runs(draw) -> dict:
    n = draw(st.integers(50, 400), label="n_residents")
    engine = (draw(st.sampled_from(["vectorized", "reference"]), label="engine")
              if n <= REFERENCE_MAX_N else "vectorized")
    return {
        "seed": draw(st.integers(0, 2**32 - 1), label="seed"),
        "n_residents": n,
        # no demand at all, or a real one: below ~1e-300 h the requests underflow to subnormal
        # floats and the coverage ratio loses its precision (a float artefact, not a behaviour)
        "volunteer_demand": draw(st.one_of(st.just(0.0), st.floats(1e-9, 1.0)),
                                 label="volunteer_demand"),
        "commission": draw(st.floats(0.0, 0.6), label="commission"),
        "weeks": draw(st.integers(5, 30), label="weeks"),
        "engine": engine,
        # the baseline's 1% of gig workers leaves small cities with none: draw more, so the
        # labour markets (and their money) are exercised
        "worker_share": draw(st.sampled_from([0.01, 0.1, 0.4]), label="worker_share"),
        # how contributors answer and how the services re-ask
        "declining": draw(st.booleans(), label="declining"),
        "reask_rounds": draw(st.sampled_from([0, 1, 3]), label="reask_rounds"),
    }


def build(run: dict, seed: int | None = None) -> CityModel:
    config = load_scenario().with_overrides({"residents.worker_share": run["worker_share"],
                                             "contribution.declining": run.get("declining", True),
                                             "contribution.reask_rounds": run.get("reask_rounds", 1)})
    return CityModel(config, rng=run["seed"] if seed is None else seed,
                     n_residents=run["n_residents"], volunteer_demand=run["volunteer_demand"],
                     commission=run["commission"], engine=run["engine"])


def close(a: float, b: float, rel: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


# --- time --------------------------------------------------------------------------


@SETTINGS
@given(runs())
def test_time_budgets_are_never_exceeded(run):
    model = build(run)
    s = model.residents_state
    recovery = model.config.contribution.recovery_weeks
    physiological = model.config.residents.physiological_h
    for week in range(run["weeks"]):
        model.step()
        # every hour of the week is counted once: body, paid work, care, services, gig work,
        # volunteering, civic life (debates and votes included); rest is what is left
        week_h = physiological + s.work_h + s.care_h + s.consumption_h + s.gig_h + s.contribution_h + s.civic_h
        assert np.all(week_h <= 168.0 + 1e-9), (week, float(week_h.max()))
        assert np.allclose(physiological + s.work_h + s.care_h + s.discretionary_h, 168.0)
        for name in ("consumption_h", "gig_h", "offered_h", "asked_h", "contribution_h", "declined_h", "civic_h",
                     "earnings_eur", "fatigue", "traces", "hours_year"):
            values = getattr(s, name)
            assert np.all(values >= 0.0), (week, name, float(values.min()))
            assert np.all(np.isfinite(values)), (week, name)
        assert np.all(s.gig_h <= s.offered_h + 1e-9)  # nobody works more than offered
        assert np.all(s.contribution_h <= s.asked_h + 1e-9)  # nor gives more than asked
        # burned out: no civic time; nothing given either, except in the week of the burn-out
        burned = s.burnout_weeks_left > 0
        recovering = burned & (s.burnout_weeks_left < recovery)
        assert np.all(s.civic_h[burned] == 0.0)
        assert np.all(s.contribution_h[recovering] == 0.0) and np.all(s.asked_h[recovering] == 0.0)
        assert np.all((s.burnout_weeks_left >= 0) & (s.burnout_weeks_left <= recovery))
        for name in ("trust", "orientation", "contributor", "affordable"):
            values = getattr(s, name)
            assert np.all((values >= 0.0) & (values <= 1.0)), (week, name)
        assert np.all(s.money_eur >= -1e-9) and np.all(s.spent_eur >= 0.0), week  # nobody pays what it lacks


# --- money -------------------------------------------------------------------------


@SETTINGS
@given(runs())
def test_money_is_conserved_every_week(run):
    model = build(run)
    s = model.residents_state
    for week in range(run["weeks"]):
        model.step()
        labour_payout = 0.0
        for p in model.platforms:
            assert p.gross_eur >= 0.0 and p.commission_revenue_eur >= 0.0 and p.payout_eur >= 0.0
            assert close(p.gross_eur, p.commission_revenue_eur + p.payout_eur, rel=1e-12), (
                week, p.name)
            assert p.uses_served <= p.uses_demanded + 1e-9, (week, p.name)
            if p.has_labour:
                labour_payout += p.payout_eur
                # what this platform's workers earned is what it paid out
                earned = float(s.earnings_eur[s.work_platform == p.index].sum())
                assert math.isclose(earned, p.payout_eur, rel_tol=1e-6, abs_tol=1e-9), (
                    week, p.name, earned, p.payout_eur)
                assert p.hours_accepted <= p.hours_offered + 1e-9
        assert math.isclose(float(s.earnings_eur.sum()), labour_payout, rel_tol=1e-6,
                            abs_tol=1e-9), week
        row = model.latest
        assert math.isclose(row["worker_pay_eur_per_resident"] * s.n, labour_payout, rel_tol=1e-9,
                            abs_tol=1e-9)


# --- indicators --------------------------------------------------------------------

UNIT_INTERVAL = tuple(n for n, i in INDICATORS.items() if i.unit.startswith("share") or i.unit in ("index", "gini"))
"""Shares, indices and Gini coefficients, by their unit in the registry."""
NON_NEGATIVE = tuple(n for n, i in INDICATORS.items() if not i.nullable and not i.signed)


@SETTINGS
@given(runs())
def test_indicators_stay_in_range_and_are_never_nan(run):
    model = build(run).run(run["weeks"])
    df = model.indicators()
    assert df.height == run["weeks"]
    assert df["week"].to_list() == list(range(run["weeks"]))
    eps = 1e-9
    for col in UNIT_INTERVAL:
        values = df[col]
        if not INDICATORS[col].nullable:  # nulls only where the registry allows them (undefined weeks)
            assert values.null_count() == 0, col
        values = values.drop_nulls()
        if values.len():
            assert values.min() >= -eps and values.max() <= 1.0 + eps, (col, values.min(), values.max())
    for col in NON_NEGATIVE:
        assert df[col].null_count() == 0 and df[col].min() >= 0, col
    # no NaN anywhere; nulls only where the registry allows them: workers' pay and income in weeks
    # without gig workers, burn-out's neighbourhood in weeks without burn-out, recruits' share in
    # weeks without new contributors
    workers_only = ("worker_hourly_net_median", "courier_net_income_eur")
    assert all(INDICATORS[c].nullable for c in workers_only)
    for col in df.columns:
        if df[col].dtype.is_float():
            assert not df[col].is_nan().any(), col
        if col != "week" and not INDICATORS[col].nullable:
            assert df[col].null_count() == 0, col
    no_workers = (df["gig_worker_share"] == 0).to_list()
    for col in workers_only:
        assert df[col].is_null().to_list() == no_workers, col
        if not all(no_workers):
            assert df[col].drop_nulls().min() >= 0.0, col
    clustered = df["burnout_clustering"]
    assert clustered.is_null().to_list() == (df["burnout_prevalence"] == 0).to_list()
    assert (clustered.drop_nulls() >= 0).all()
    readings = df["risk_sectors"] + df["tension_sectors"] + df["opportunity_sectors"]
    assert (readings == len(model.config.sectors)).all()


@SETTINGS
@given(runs())
def test_six_criteria_and_destabilisation_in_unit_interval(run):
    model = build(run).run(run["weeks"])
    table = model.platform_table()
    assert table.height == run["weeks"] * len(model.config.platforms)
    for col in (*CRITERIA, "destabilisation", "threat"):
        values = table[col]
        assert values.null_count() == 0 and not values.is_nan().any(), col
        assert values.min() >= 0.0 and values.max() <= 1.0 + 1e-12, (col, values.min(),
                                                                      values.max())
    assert (table["threat"] <= table["destabilisation"] + 1e-12).all()
    assert set(table["reading"].drop_nulls().unique()) <= {"risk", "tension", "opportunity"}
    sectors = model.sector_readings()
    assert sectors["threat"].min() >= 0.0 and sectors["threat"].max() <= 1.0 + 1e-12


# --- reproducibility ---------------------------------------------------------------


@settings(max_examples=20, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(runs())
def test_same_seed_same_run_different_seed_different_run(run):
    weeks = run["weeks"]
    first = build(run).run(weeks)
    again = build(run).run(weeks)
    other = build(run, seed=(run["seed"] + 1) % 2**32).run(weeks)
    assert first.indicators().equals(again.indicators())
    assert first.platform_table().equals(again.platform_table())
    assert first.sector_readings().equals(again.sector_readings())
    assert not first.indicators().equals(other.indicators())


def test_indicator_frame_has_no_unexpected_dtypes():
    """Sanity of the schema the properties above rely on (a quick, fixed run): numbers, and the flags the
    registry declares as such (`collapsed`)."""
    df = CityModel(rng=0, n_residents=100).run(3).indicators()
    for col in df.columns:
        flag = df[col].dtype == pl.Boolean and col in INDICATORS and INDICATORS[col].dtype == "Boolean"
        assert df[col].dtype.is_numeric() or df[col].dtype == pl.Null or flag, (col, df[col].dtype)
