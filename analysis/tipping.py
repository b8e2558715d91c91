"""Tipping as a probability: the share of runs that end with volunteering collapsed.

Where an outcome is bimodal (a city whose volunteering either holds or collapses, depending on the
seed), its mean over runs describes no run; the share of runs in each mode does. The `collapsed`
indicator (`simulation.registry`) says, in each week, whether contribution coverage has stayed below
a stated level for a stated number of weeks running; a run has collapsed if it is so in its last
week. This module counts those runs per scenario and design point, with a Wilson 95% interval (scipy's
`binomtest`: right at 0 and at n runs, where the normal approximation is not), and finds, along a swept
demand, the lowest level at which most runs collapse.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from scipy.stats import binomtest

from analysis.metrics import as_results, parameters, require_complete
from analysis.results import Results, ResultsError

COLLAPSED = "collapsed"
LEVEL = 0.95
"""Confidence level of the intervals on a share of runs."""
DEMAND = "contribution.volunteer_demand_h"
WEEKS_PER_MONTH = 52.0 / 12.0


def wilson(k: int, n: int, level: float = LEVEL) -> tuple[float, float]:
    """Wilson score interval of a share of ``k`` in ``n``."""
    ci = binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
    return float(ci.low), float(ci.high)


def hours_per_1000_month(demand_h: float) -> float:
    """Weekly hours asked per resident, in the unit a city counts them: hours asked per 1,000 residents
    per month."""
    return demand_h * 1000.0 * WEEKS_PER_MONTH


def collapse_shares(results: Results | str | Path) -> pl.DataFrame:
    """Per scenario and design point (with the swept parameters' values): runs, runs collapsed in their
    last week, their share and its Wilson 95% interval."""
    results = as_results(results)
    require_complete(results)
    if COLLAPSED not in results.indicators.collect_schema().names():
        raise ResultsError(f"{results.path}: no `{COLLAPSED}` indicator in these results (made by an older "
                           "citysim); run them again")
    keys = ["scenario", "point", *parameters(results)]
    last = (results.indicators.filter(pl.col("week") == pl.col("week").max().over("run_id"))
            .group_by(keys).agg(runs=pl.len(), collapsed=pl.col(COLLAPSED).cast(pl.Int64).sum())
            .sort("scenario", "point").collect())
    bounds = [wilson(k, n) for k, n in zip(last["collapsed"], last["runs"], strict=True)]
    return last.with_columns(share=pl.col("collapsed") / pl.col("runs"),
                             low=pl.Series([b[0] for b in bounds]), high=pl.Series([b[1] for b in bounds]))


def tipping_words(tips_at: float | None, highest: float) -> str:
    """Where most runs collapse, in the model's unit and a city's (``highest``: the highest demand swept)."""
    if tips_at is None:
        return f"fewer than half the runs collapse at any demand swept (up to {highest:g})"
    return (f"most runs collapse from {tips_at:g} h/resident/week ({hours_per_1000_month(tips_at):,.0f} h per "
            "1,000 residents a month)")


def tipping_demand(shares: pl.DataFrame, by: list[str] | None = None) -> pl.DataFrame:
    """Along the swept volunteer demand, for each scenario and value of the other swept parameters
    (``by``), the lowest demand at which at least half the runs collapsed (null: none such), and the
    highest below it at which fewer did (null: the lowest swept level already tips)."""
    if DEMAND not in shares.columns:
        raise ResultsError(f"no swept {DEMAND} in these results: the tipping demand is read along it")
    by = ["scenario", *(by if by is not None else [c for c in shares.columns
                                                   if c.count(".") and c != DEMAND])]
    rows = []
    for group, table in shares.sort(DEMAND).group_by(by, maintain_order=True):
        tipped = table.filter(pl.col("share") >= 0.5)
        at = tipped[DEMAND][0] if tipped.height else None
        below = table.filter(pl.col(DEMAND) < at) if at is not None else table
        rows.append({**dict(zip(by, group, strict=True)), "tips_at": at,
                     "holds_at": below[DEMAND][-1] if below.height else None})
    return pl.DataFrame(rows)
