"""What a policy costs the authority, and what that money buys.

**Cost**: the authority's spending over the whole horizon (``authority_spent_eur`` in the
last week, every lever's spending together) in the policy's run minus its context's run,
paired by seed (replication k of both shares one seed), with a bootstrap 95% interval.

**Cost-effectiveness**: only where the verdict on an indicator is "better" (`analysis.verdicts`);
else "-" with the reason. In natural units where the model counts them over the horizon:
EUR per burn-out avoided (burn-out indicators: new burn-outs from ``burnout_incidence``) and
EUR per euro of couriers' pay gained (couriers' income and pay: ``worker_pay_eur_per_resident``);
for every other indicator, EUR per smallest meaningful difference (SMD) of improvement. A policy's
whole cost is set against each of its effects in turn (no cost is split between effects), so the
cost-effectiveness of two indicators is not to be added.
"""

from __future__ import annotations

import math

import polars as pl

from analysis.brief_words import WORDS
from analysis.compare import bootstrap_ci
from analysis.metrics import KEYS
from analysis.pages import number
from analysis.results import Results
from analysis.verdicts import BETTER
from simulation.registry import indicator

PER_BURNOUT, PER_EURO_OF_PAY, PER_SMD = "eur_per_burnout", "eur_per_euro_of_pay", "eur_per_smd"
"""The units cost-effectiveness is expressed in."""
NATURAL_UNIT = {
    "burnout_rate": (PER_BURNOUT, "burnouts_avoided"),
    "burnout_prevalence": (PER_BURNOUT, "burnouts_avoided"),
    "burnout_incidence": (PER_BURNOUT, "burnouts_avoided"),
    "courier_net_income_eur": (PER_EURO_OF_PAY, "pay_gained_eur"),
    "worker_pay_eur_per_resident": (PER_EURO_OF_PAY, "pay_gained_eur"),
}
"""Indicators whose improvement is priced in a count over the horizon, and which count."""
NOT_BETTER, NO_COST, TOTAL_NOT_IMPROVED = "not_better", "no_cost", "total_not_improved"
"""Why there is no cost-effectiveness: the verdict is not "better"; the policy cost the
authority nothing (or saved money); the total over the horizon did not improve although the
window's mean did."""
WEEKS_PER_YEAR = 52.0


def horizon_totals(results: Results) -> pl.DataFrame:
    """One row per run: what the authority spent over the run, the burn-outs and the gig
    workers' pay over the whole horizon (counts, from the weekly per-resident indicators and
    each scenario's population)."""
    population = {name: float(s["n_residents"]) for name, s in results.experiment.get("scenarios", {}).items()}
    n = pl.col("scenario").replace_strict(population, return_dtype=pl.Float64)
    return (results.indicators.group_by(KEYS)
            .agg(spent_eur=pl.col("authority_spent_eur").sort_by("week").last(),
                 burnouts=pl.col("burnout_incidence").sum() / (1000.0 * WEEKS_PER_YEAR),
                 pay_eur=pl.col("worker_pay_eur_per_resident").sum())
            .with_columns(pl.col("burnouts", "pay_eur") * n)
            .sort("scenario", "point", "replication").collect())


def policy_costs(results: Results, groups: dict[str, list[str]], n_boot: int = 2000,
                 seed: int = 0) -> pl.DataFrame:
    """Per policy scenario and design point: its cost to the authority over the horizon (mean
    paired difference with its context, 95% bootstrap interval), the burn-outs it avoided and
    the couriers' pay it added over the horizon (mean paired differences)."""
    totals = horizon_totals(results)
    rows = []
    for context, policies in groups.items():
        ref = totals.filter(pl.col("scenario") == context).select(
            "point", "replication", *(pl.col(c).alias(f"{c}__ref") for c in ("spent_eur", "burnouts", "pay_eur")))
        for policy in policies:
            paired = totals.filter(pl.col("scenario") == policy).join(ref, on=["point", "replication"])
            for (point,), group in paired.group_by("point", maintain_order=True):
                cost = (group["spent_eur"] - group["spent_eur__ref"]).to_numpy()
                lo, hi = bootstrap_ci(cost, n_boot, seed)
                rows.append({
                    "scenario": policy, "context": context, "point": point, "n": cost.size,
                    "cost_eur": float(cost.mean()), "cost_low": lo, "cost_high": hi,
                    "burnouts_avoided": float((group["burnouts__ref"] - group["burnouts"]).mean()),
                    "pay_gained_eur": float((group["pay_eur"] - group["pay_eur__ref"]).mean()),
                })
    schema = {"scenario": pl.String, "context": pl.String, "point": pl.Int64, "n": pl.Int64, "cost_eur": pl.Float64,
              "cost_low": pl.Float64, "cost_high": pl.Float64, "burnouts_avoided": pl.Float64,
              "pay_gained_eur": pl.Float64}
    return pl.DataFrame(rows, schema=schema).with_columns(pl.col(pl.Float64).fill_nan(None))


def cost_effectiveness(verdict: str, diff: float, metric: str, cost: dict) -> tuple[float | None, str, str | None]:
    """(value, unit, reason): what one unit of improvement on ``metric`` cost, given its
    verdict, its effect ``diff`` (mean paired difference over the window) and its policy's
    ``cost`` row (`policy_costs`); value None with the reason when it is undefined."""
    unit, total = NATURAL_UNIT.get(metric, (PER_SMD, None))
    if verdict != BETTER:
        return None, unit, NOT_BETTER
    if not cost["cost_eur"] > 0:
        return None, unit, NO_COST
    if total is None:
        return cost["cost_eur"] / (abs(diff) / indicator(metric).smd), unit, None
    gained = cost[total]
    if gained is None or not gained > 0:
        return None, unit, TOTAL_NOT_IMPROVED
    return cost["cost_eur"] / gained, unit, None


def value_for_money(table: pl.DataFrame, costs: pl.DataFrame) -> pl.DataFrame:
    """The comparison ``table`` (one row per option and indicator) with its policy's cost and
    the cost-effectiveness of each effect: ``ce_eur`` in ``ce_unit``, or ``ce_reason``."""
    cost_of = {(r["scenario"], r["point"]): r for r in costs.iter_rows(named=True)}
    rows = []
    for r in table.iter_rows(named=True):
        cost = cost_of.get((r["scenario"], r["point"]))
        diff = r["diff"] if r["diff"] is not None else math.nan
        value, unit, reason = (cost_effectiveness(r["verdict"], diff, r["metric"], cost) if cost
                               else (None, PER_SMD, NO_COST))
        rows.append({"scenario": r["scenario"], "point": r["point"], "metric": r["metric"],
                     "cost_eur": cost["cost_eur"] if cost else None, "ce_eur": value, "ce_unit": unit,
                     "ce_reason": reason})
    schema = {"scenario": pl.String, "point": pl.Int64, "metric": pl.String, "cost_eur": pl.Float64,
              "ce_eur": pl.Float64, "ce_unit": pl.String, "ce_reason": pl.String}
    return table.join(pl.DataFrame(rows, schema=schema), on=["scenario", "point", "metric"], how="left")



def describe_value(row: dict, lang: str = "en") -> str:
    """One effect's cost-effectiveness (a row of `value_for_money`) in words, or why there is none."""
    words = WORDS[lang]
    if row["ce_eur"] is None:
        return words[row["ce_reason"] or NOT_BETTER]
    facts = indicator(row["metric"])
    return words[row["ce_unit"]].format(value=number(round(row["ce_eur"]), lang),
                                        smd=f"{number(facts.smd, lang)} ({facts.unit_label(lang)})")
