"""The policymaker's answer: each policy against its own context, read through the registry.

For a results folder run from contexts and policies (`citysim compare --context C --policy P`,
or an experiment naming contexts and policies): per policy and indicator the paired effect,
its 95% interval and its verdict at the indicator's smallest meaningful difference
(`analysis.compare`, `analysis.verdicts`); the policy's cost to the authority and the
cost-effectiveness of each "better" effect (`analysis.costs`); what the platforms did (rules
defied or obeyed, exits and entries: `analysis.conduct`); the other events the policy changed
(`analysis.events`); and a ranking that weighs no indicator against another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from analysis.compare import Comparison, compare, dominated_by, policy_groups
from analysis.conduct import defiance, moves
from analysis.costs import policy_costs, value_for_money
from analysis.events import event_summary
from analysis.metrics import as_results
from analysis.outputs import Placement, write_frames
from analysis.results import Results, ResultsError
from simulation.registry import direction, indicator

RANKING = ("not dominated first (counting cost); then more indicators better than worse; then fewer worse; "
           "then the lower cost")
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
    """The events each policy changed (`analysis.events.event_summary`)."""
    defiance: pl.DataFrame
    """Per policy, each rule it imposes on platforms and who defied it (`analysis.conduct.defiance`)."""
    moves: pl.DataFrame
    """Per policy, the platforms that left or came in, with and without it (`analysis.conduct.moves`)."""
    ranking: pl.DataFrame
    """One row per policy: its rank within its context, verdict counts, dominance, cost."""
    groups: dict[str, list[str]]
    """Each context scenario and the policy scenarios compared with it."""

    def write(self, out: str | Path) -> Placement:
        """The table, the ranking (``<stem>_policy``), the events (``<stem>_events``) and what the
        platforms did (``<stem>_defiance``, ``<stem>_moves``), as Parquet and CSV, never over an
        earlier, different comparison."""
        events = self.events.with_columns(pl.col("channels").list.join(", "))  # CSV has no lists
        return write_frames({"": self.table, "_policy": self.ranking, "_events": events, "_defiance": self.defiance,
                             "_moves": self.moves}, out)


def dominance(table: pl.DataFrame, costs: pl.DataFrame, groups: dict[str, list[str]]) -> dict[tuple, list[str]]:
    """For each policy (scenario, point), the options of its context that dominate it once cost is
    counted: at least as good on every indicator and no dearer, and better on one or cheaper
    (differences below an indicator's SMD, or below the SMD of spending, are ties). Doing nothing
    (the context alone, at no cost) is an option too."""
    metrics = table["metric"].unique(maintain_order=True).to_list()
    cost_of = {(r["scenario"], r["point"]): r["cost_eur"] for r in costs.iter_rows(named=True)}
    found: dict[tuple, list[str]] = {}
    for context, policies in groups.items():
        for (point,), rows in table.filter(pl.col("scenario").is_in(policies)).group_by("point"):
            wide = rows.pivot(on="metric", index="scenario", values="mean").sort("scenario")
            base = rows.group_by("metric").agg(pl.col("baseline_mean").first())
            names = [context, *wide["scenario"]]
            usable = [m for m in metrics if m in wide.columns and wide[m].null_count() == 0]
            reference = dict(base.iter_rows())
            values = np.array([[reference[m] * direction(m) for m in usable] + [0.0],
                               *([r[m] * direction(m) for m in usable] + [-(cost_of.get((r["scenario"], point)) or 0.0)]
                                 for r in wide.iter_rows(named=True))])
            tolerance = np.array([indicator(m).smd for m in usable] + [indicator("authority_spent_eur").smd])
            for k, by in enumerate(dominated_by(values, tolerance)[1:], start=1):
                found[(names[k], point)] = [names[j] for j in by]
    return found


def rank(table: pl.DataFrame, policy: pl.DataFrame, costs: pl.DataFrame, groups: dict[str, list[str]]
         ) -> pl.DataFrame:
    """The policy view (`analysis.compare.policy_table`) of the policies only, with their cost and
    their dominance once cost is counted (`dominance`), ranked within each context and design
    point (`RANKING`)."""
    context_of = {p: c for c, ps in groups.items() for p in ps}
    dominated = dominance(table, costs, groups)
    by = pl.struct("scenario", "point").map_elements(lambda r: ", ".join(dominated.get((r["scenario"], r["point"]),
                                                                                      [])), return_dtype=pl.String)
    rows = (policy.filter(pl.col("scenario").is_in(list(context_of)))
            .with_columns(context=pl.col("scenario").replace_strict(context_of), dominated_by=by)
            .with_columns(dominated=pl.col("dominated_by") != "")
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
                  costs=costs, events=event_summary(results, groups), defiance=defiance(results, groups),
                  moves=moves(results, groups),
                  ranking=rank(comparison.table, comparison.policy, costs, groups), groups=groups)
