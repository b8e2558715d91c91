"""Scenarios against a baseline: paired differences with bootstrap intervals, and a
policy-mix view (wins and losses per indicator, Pareto-dominated options).

Replication k of every scenario and design point shares one seed (common random
numbers), so the difference is taken within a replication and the noise the two runs
share cancels out; intervals resample those paired differences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from analysis.labels import label, labels
from analysis.metrics import as_results, experiment_spec, per_run, require_complete, window_label
from analysis.outputs import Placement, write_frames
from analysis.pages import number
from analysis.results import Results, ResultsError
from analysis.verdicts import (
    BETTER,
    INCONCLUSIVE,
    NO_CHANGE,
    WORSE,
    replications_needed,
    replications_to_decide,
    verdict,
)
from simulation.registry import direction, indicator

MIN_REPLICATIONS = 10
"""Below this a percentile-bootstrap interval is unstable (and too narrow)."""


def bootstrap_ci(diffs: np.ndarray, n_boot: int = 2000, seed: int = 0, level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``diffs`` (resampling replications)."""
    diffs = np.asarray(diffs, dtype=float)
    if diffs.size < 2:
        return (math.nan, math.nan)
    rng = np.random.default_rng(seed)
    means = diffs[rng.integers(0, diffs.size, size=(n_boot, diffs.size))].mean(axis=1)
    alpha = (1 - level) / 2
    lo, hi = np.quantile(means, [alpha, 1 - alpha])
    return float(lo), float(hi)


def parse_baseline(baseline: str) -> tuple[str, int | None]:
    """``NAME`` pairs each option with NAME at the same design point; ``NAME@P`` with point P."""
    name, sep, point = baseline.partition("@")
    if not sep:
        return name, None
    if not point.isdigit():
        raise ResultsError(f"--baseline {baseline!r}: expected NAME or NAME@POINT (e.g. baseline@0)")
    return name, int(point)


def paired_differences(table: pl.DataFrame, baseline: str, metrics: list[str], *, n_boot: int = 2000,
                       seed: int = 0, precision: float | None = None) -> pl.DataFrame:
    """The core comparison on a per-run table (scenario, point, replication, metrics...).

    Each option (scenario, point) is paired with the baseline replication by replication
    (at the same design point unless the baseline names one: ``NAME@P``). Returns one row
    per option and metric: means, mean paired difference, its bootstrap interval, the
    indicator's smallest meaningful difference (SMD) and the verdict at it
    (`analysis.verdicts`), the replications that would decide an inconclusive one and, with
    ``precision`` (a half-width in SMDs), the replications that would reach that precision.
    """
    name, fixed_point = parse_baseline(baseline)
    scenarios = table["scenario"].unique().to_list()
    if name not in scenarios:
        raise ResultsError(f"baseline {name!r} is not in this folder; scenarios: {', '.join(sorted(scenarios))}")
    ref = table.filter(pl.col("scenario") == name)
    if fixed_point is not None:
        if fixed_point not in ref["point"].to_list():
            raise ResultsError(f"baseline {baseline!r}: {name} has no design point {fixed_point}")
        ref = ref.filter(pl.col("point") == fixed_point).drop("point")
    on = ["replication"] if fixed_point is not None else ["point", "replication"]
    ref = ref.select(*on, *(pl.col(m).alias(f"{m}__ref") for m in metrics))
    params = [c for c in table.columns if c not in ("run_id", "scenario", "point", "replication", *metrics)]
    is_ref = pl.col("scenario") == name
    if fixed_point is not None:
        is_ref &= pl.col("point") == fixed_point
    options = table.filter(~is_ref)
    paired = options.join(ref, on=on, how="inner")
    _require_whole_pairs(options, ref, paired, on, baseline)
    rows = []
    for (scenario, point), group in paired.group_by("scenario", "point", maintain_order=True):
        first = group.row(0, named=True)
        for metric in metrics:
            pair = group.select(metric, f"{metric}__ref").drop_nulls().to_numpy().astype(float)
            diffs = pair[:, 0] - pair[:, 1] if pair.size else np.empty(0)
            # identical runs can differ in the last bits (summation order): that is no effect
            diffs[np.abs(diffs) <= 1e-9 * np.abs(pair).max(initial=1.0)] = 0.0
            lo, hi = bootstrap_ci(diffs, n_boot, seed)
            diff = float(diffs.mean()) if diffs.size else math.nan
            sd = float(diffs.std(ddof=1)) if diffs.size > 1 else math.nan
            smd, sign = indicator(metric).smd, direction(metric)
            judged = verdict(diff, lo, hi, smd, sign)
            rows.append({
                "scenario": scenario, "point": point, **{p: first[p] for p in params},
                "metric": metric, "direction": sign, "smd": smd, "n": int(diffs.size),
                "mean": float(pair[:, 0].mean()) if pair.size else math.nan,
                "baseline_mean": float(pair[:, 1].mean()) if pair.size else math.nan,
                "diff": diff, "ci_low": lo, "ci_high": hi, "sd_diff": sd,
                "significant": not (math.isnan(lo) or lo <= 0 <= hi),
                "verdict": judged,
                "n_to_decide": replications_to_decide(sd, diff, smd) if judged == INCONCLUSIVE else None,
                "n_needed": (replications_needed(sd, precision * smd) if precision and not math.isnan(sd) else None),
            })
    if not rows:
        raise ResultsError(f"nothing to compare against baseline {baseline!r}: no other scenario or point")
    floats = ["mean", "baseline_mean", "diff", "ci_low", "ci_high", "sd_diff"]
    return pl.DataFrame(rows, infer_schema_length=None).with_columns(
        pl.col(floats).fill_nan(None), pl.col("n_to_decide", "n_needed").cast(pl.Int64))  # undefined: null


def _require_whole_pairs(options: pl.DataFrame, ref: pl.DataFrame, paired: pl.DataFrame, on: list[str],
                        baseline: str) -> None:
    """Refuse an option whose replications do not pair one for one with its reference's: a
    comparison of unequal pairs would silently rest on fewer runs than it says."""
    count = ["scenario", "point"]
    have = options.group_by(count).len("runs").join(paired.group_by(count).len("pairs"), on=count, how="left")
    refs = ref.group_by(on[:-1]).len("refs") if on[:-1] else pl.DataFrame({"refs": [ref.height]})
    have = have.join(refs, on=on[:-1], how="left") if on[:-1] else have.join(refs, how="cross")
    for row in have.iter_rows(named=True):
        pairs, refs_n = row["pairs"] or 0, row["refs"] or 0
        if not row["runs"] == pairs == refs_n:
            raise ResultsError(f"{row['scenario']} (point {row['point']}) has {row['runs']} runs and its reference "
                               f"{baseline} {refs_n}, of which {pairs} pair by replication: unequal pairs are never "
                               "compared (is a run missing?)")


def dominated_by(values: np.ndarray, tolerance: np.ndarray | None = None) -> list[list[int]]:
    """For each option (row, metrics oriented so higher is better), the options that
    Pareto-dominate it: at least as good on every metric and better on one. With a
    ``tolerance`` per metric (its smallest meaningful difference), a difference smaller than
    it is a tie: "better" means better by at least the tolerance, "as good" means not worse
    by as much."""
    tol = np.zeros(values.shape[1]) if tolerance is None else np.asarray(tolerance, dtype=float)
    out = []
    for i in range(values.shape[0]):
        gap = values - values[i]
        geq = np.where(tol > 0, gap > -tol, gap >= 0).all(axis=1)
        gt = np.where(tol > 0, gap >= tol, gap > 0).any(axis=1)
        out.append([int(j) for j in np.flatnonzero(geq & gt) if j != i])
    return out


def option_label(row: dict, params: list[str], several_points: bool) -> str:
    """An option's name: its scenario and, in a sweep, its design point with the parameter values."""
    if not several_points:
        return row["scenario"]
    values = ", ".join(f"{p.rsplit('.', 1)[-1]}={_shown(row[p])}" for p in params if row.get(p) is not None)
    return f"{row['scenario']} @{row['point']}" + (f" ({values})" if values else "")


def _shown(value: object) -> str:
    """A design point's parameter value: a number at three significant digits, a list (sectors) as written."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:.3g}"
    return f"[{', '.join(map(str, value))}]" if isinstance(value, list) else str(value)


def policy_table(means: pl.DataFrame, diffs: pl.DataFrame, baseline: str, metrics: list[str]) -> pl.DataFrame:
    """Wins and losses of every option against the baseline, one column per indicator,
    and which options are Pareto-dominated (by mean values). Options are ranked within
    their design point (a point is a state of the world, not a choice) unless the baseline
    is a fixed point (``NAME@P``): then the points themselves are the options.

    Nothing is summed across indicators: a policy mix that buys trust with burn-out shows
    both, and only dominance (never a weighted score) removes an option; differences smaller
    than an indicator's smallest meaningful difference are ties.
    """
    name, fixed_point = parse_baseline(baseline)
    params = [c for c in means.columns if c not in ("scenario", "point", *metrics)]
    verdicts = (diffs.pivot(on="metric", index=["scenario", "point"], values="verdict")
                if diffs.height else pl.DataFrame(schema={"scenario": pl.String, "point": pl.Int64}))
    table = means.join(verdicts.rename({m: f"{m}__verdict" for m in metrics if m in verdicts.columns}),
                       on=["scenario", "point"], how="left")
    rows = []
    groups = [table] if fixed_point is not None else table.partition_by("point", maintain_order=True)
    for point_group in groups:
        usable = [m for m in metrics if point_group[m].null_count() == 0 and point_group[m].is_not_nan().all()]
        oriented = np.column_stack([point_group[m].to_numpy() * direction(m) for m in usable]) if usable else \
            np.zeros((point_group.height, 0))
        smds = [indicator(m).smd for m in usable]
        doms = dominated_by(oriented, np.array(smds)) if usable else [[] for _ in range(point_group.height)]
        several = table["point"].n_unique() > 1
        labels = [option_label(r, params, several) for r in point_group.iter_rows(named=True)]
        for row, dom in zip(point_group.iter_rows(named=True), doms, strict=True):
            verdict_of = {m: row.get(f"{m}__verdict") or ("baseline" if row["scenario"] == name else "n/a")
                          for m in metrics}
            rows.append({
                "scenario": row["scenario"], "point": row["point"], **{p: row[p] for p in params},
                **{m: verdict_of[m] for m in metrics},
                "better": sum(v == BETTER for v in verdict_of.values()),
                "worse": sum(v == WORSE for v in verdict_of.values()),
                "no_change": sum(v == NO_CHANGE for v in verdict_of.values()),
                "inconclusive": sum(v == INCONCLUSIVE for v in verdict_of.values()),
                "dominated": bool(dom),
                "dominated_by": ", ".join(labels[j] for j in dom),
            })
    return pl.DataFrame(rows, infer_schema_length=None)


@dataclass(frozen=True)
class Caution:
    """A warning about a comparison, said in the reader's language (`analysis.labels`, keys ``warn_*``)."""

    key: str
    values: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        said = {k: number(v, lang) if isinstance(v, int | float) else v for k, v in self.values.items()}
        if "metrics" in said:
            said["metrics"] = ", ".join(label(m, lang) for m in self.values["metrics"])
        if "metric" in said:
            said["metric"] = label(self.values["metric"], lang)
        return labels(lang)[self.key].format(**said)

    def __str__(self) -> str:
        return self.text("en")


@dataclass
class Comparison:
    """What `compare` found: the table of differences, the policy view, and warnings."""

    table: pl.DataFrame
    """One row per option (scenario, point) and indicator: means, difference, 95% CI, verdict."""
    policy: pl.DataFrame
    """One row per option: verdict per indicator, counts, Pareto dominance."""
    baseline: str
    window: str
    replications: int
    metrics: list[str]
    several_points: bool
    pooled: bool = False
    warnings: list[Caution] = field(default_factory=list)

    def write(self, out: str | Path) -> Placement:
        """Write the table and the policy view as Parquet and CSV at ``out`` and ``<stem>_policy``,
        never over an earlier, different comparison (`analysis.outputs`)."""
        return write_frames({"": self.table, "_policy": self.policy}, out)


OWN_CONTEXT = "own context"
"""The default reference: each policy is compared with its own context without it."""


def policy_groups(results: Results) -> dict[str, list[str]]:
    """For each context run alone in this folder, the scenarios that add a policy to it
    (empty when the folder was not run from contexts and policies)."""
    if "policy" not in results.runs.collect_schema().names():
        return {}
    runs = results.runs.select("scenario", "context", "policy").unique().sort("scenario").collect()
    alone = runs.filter(pl.col("policy") == "none")
    groups = {}
    for context, scenario in alone.select("context", "scenario").iter_rows():
        treated = runs.filter((pl.col("context") == context) & (pl.col("policy") != "none"))["scenario"].to_list()
        if treated:
            groups[scenario] = treated
    return groups


def default_baseline(results: Results) -> str:
    """``baseline`` when the folder holds it, else the experiment's first scenario."""
    names = results.runs.select(pl.col("scenario").unique(maintain_order=True)).collect()["scenario"].to_list()
    return "baseline" if "baseline" in names else (names[0] if names else "baseline")


def compare(results: Results | str | Path, baseline: str | None = None, at_step: int | None = None,
            over: str = "last-52-weeks", metrics: list[str] | None = None, n_boot: int = 2000,
            seed: int = 0, precision: float | None = None, pool_points: bool = False) -> Comparison:
    """Every scenario (and design point, in a sweep) against the baseline scenario.

    ``baseline``: by default each policy against its own context without it (when the folder
    was run from contexts and policies), else ``baseline`` or the first scenario; a scenario
    name compares every other scenario with it; ``NAME@P``
    compares every option with design point P of NAME, which is how the points of a
    one-scenario sweep are compared. ``precision``: a target half-width in smallest meaningful
    differences (0.5: half an SMD); the table then says how many replications would reach it.
    ``pool_points``: one comparison per scenario over all design points, pairing (point,
    replication): the average effect across the sweep.
    """
    results = as_results(results)
    require_complete(results)
    table = per_run(results, metrics, at_step, over)
    metrics = [c for c in table.columns if c not in results.runs.collect_schema().names()]
    if pool_points:
        reps = table["replication"].max() + 1
        table = table.select("run_id", "scenario", pl.lit(0).alias("point"),
                             (pl.col("point") * reps + pl.col("replication")).alias("replication"), *metrics)
    scenarios = table["scenario"].unique().to_list()
    several_points = table["point"].n_unique() > 1
    groups = policy_groups(results) if baseline is None else {}
    if baseline is None and not groups:
        baseline = default_baseline(results)
        if len(scenarios) == 1 and several_points:
            baseline = f"{baseline}@0"
    params = [c for c in table.columns if c not in ("run_id", "replication", *metrics)]
    means = table.group_by(params).agg(pl.col(m).mean() for m in metrics).sort("scenario", "point")
    references = groups or {baseline: scenarios}
    diffs, policy = [], []
    for reference, members in references.items():
        mine = pl.col("scenario").is_in([reference, *members])
        found = paired_differences(table.filter(mine), reference, metrics, n_boot=n_boot, seed=seed,
                                   precision=precision).with_columns(reference=pl.lit(reference))
        diffs.append(found)
        policy.append(policy_table(means.filter(mine), found, reference, metrics))
    diffs, policy = pl.concat(diffs, how="diagonal_relaxed"), pl.concat(policy, how="diagonal_relaxed")
    baseline = baseline or OWN_CONTEXT
    replications = int(table["replication"].n_unique())
    warnings = []
    if replications < MIN_REPLICATIONS:
        warnings.append(Caution("warn_few_replications", {"n": replications, "minimum": MIN_REPLICATIONS}))
    if precision:
        worst = diffs.filter(pl.col("n_needed").is_not_null()).sort("n_needed", descending=True).head(1)
        if worst.height:
            w = worst.row(0, named=True)
            warnings.append(Caution("warn_precision", {"precision": precision, "needed": w["n_needed"],
                                                       "metric": w["metric"], "scenario": w["scenario"]}))
    elif replications < MIN_REPLICATIONS:
        warnings.append(Caution("warn_pass_precision"))
    thin = diffs.filter(pl.col("n") < 2)["metric"].unique(maintain_order=True).to_list()
    if thin:
        warnings.append(Caution("warn_thin", {"metrics": thin}))
    spec = experiment_spec(results)
    if spec.get("design") in ("sobol", "morris", "lhs") and several_points:
        warnings.append(Caution("warn_sampled"))
    return Comparison(table=diffs, policy=policy, baseline=baseline, window=window_label(at_step, over),
                      replications=replications, metrics=metrics, several_points=several_points,
                      pooled=pool_points, warnings=warnings)
