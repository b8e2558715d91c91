"""The policymaker's answer: each policy against its own context, read through the registry.

For a results folder run from contexts and policies (`citysim compare --context C --policy P`,
or an experiment naming contexts and policies): per policy and indicator the paired effect,
its 95% interval and its verdict at the indicator's smallest meaningful difference
(`analysis.compare`, `analysis.verdicts`); the policy's cost to the authority and the
cost-effectiveness of each "better" effect (`analysis.costs`); the events behind the outcomes
(`analysis.events`); and a ranking that weighs no indicator against another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from analysis.compare import Comparison, compare, policy_groups
from analysis.costs import policy_costs, value_for_money
from analysis.events import event_summary
from analysis.metrics import as_results
from analysis.outputs import Placement, write_frames
from analysis.results import Results, ResultsError

RANKING = "not dominated first; then more indicators better than worse; then fewer worse; then the lower cost"
"""How policies are ranked within their context: no weighting of one indicator against another."""


@dataclass
class Answer:
    results: Results
    comparison: Comparison
    table: pl.DataFrame
    """One row per policy and indicator: means, effect, 95% CI, SMD, verdict, replications to
    decide, the policy's cost and the cost-effectiveness of the effect (or why there is none)."""
    costs: pl.DataFrame
    """One row per policy: cost to the authority over the horizon (95% CI), burn-outs avoided, pay gained."""
    events: pl.DataFrame
    """The main events of each policy's runs (`analysis.events.event_summary`)."""
    ranking: pl.DataFrame
    """One row per policy: its rank within its context, verdict counts, dominance, cost."""
    groups: dict[str, list[str]]
    """Each context scenario and the policy scenarios compared with it."""

    def write(self, out: str | Path) -> Placement:
        """The table, the ranking (``<stem>_policy``) and the events (``<stem>_events``), as Parquet
        and CSV, never over an earlier, different comparison."""
        events = self.events.with_columns(pl.col("channels").list.join(", "))  # CSV has no lists
        return write_frames({"": self.table, "_policy": self.ranking, "_events": events}, out)


def rank(policy: pl.DataFrame, costs: pl.DataFrame, groups: dict[str, list[str]]) -> pl.DataFrame:
    """The policy view (`analysis.compare.policy_table`) of the policies only, with their cost,
    ranked within each context and design point (`RANKING`)."""
    context_of = {p: c for c, ps in groups.items() for p in ps}
    rows = (policy.filter(pl.col("scenario").is_in(list(context_of)))
            .with_columns(context=pl.col("scenario").replace_strict(context_of))
            .join(costs.select("scenario", "point", "cost_eur", "cost_low", "cost_high"), on=["scenario", "point"],
                  how="left")
            .with_columns(net=pl.col("better") - pl.col("worse")))
    ranked = rows.sort("context", "point", "dominated", "net", "worse", "cost_eur",
                       descending=[False, False, False, True, False, False], nulls_last=True)
    return ranked.with_columns(rank=pl.int_range(1, pl.len() + 1).over("context", "point")).drop("net")


def answer(results: Results | str | Path, metrics: list[str] | None = None, at_step: int | None = None,
           over: str = "last-52-weeks", n_boot: int = 2000, seed: int = 0,
           precision: float | None = None) -> Answer:
    """The whole answer for a folder run from contexts and policies; a clear `ResultsError` for
    any other folder."""
    results = as_results(results)
    groups = policy_groups(results)
    if not groups:
        raise ResultsError(f"{results.path}: no policy run beside its own context here; run one with "
                           "`citysim compare --context NAME --policy NAME --out DIR`")
    comparison = compare(results, None, at_step, over, metrics, n_boot, seed, precision)
    costs = policy_costs(results, groups, n_boot, seed)
    return Answer(results=results, comparison=comparison, table=value_for_money(comparison.table, costs),
                  costs=costs, events=event_summary(results, groups),
                  ranking=rank(comparison.policy, costs, groups), groups=groups)
