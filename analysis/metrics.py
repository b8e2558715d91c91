"""What the analyses measure: which indicators, which way is better, over which weeks.

Every comparison, ranking, robustness score and report reads the direction of an
indicator from the registry (`simulation.registry.direction`), so "better" means the same
thing everywhere; `DIRECTION` is that direction for the default metrics.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from analysis.results import Results, ResultsError, load
from simulation.errors import did_you_mean
from simulation.registry import METRICS, direction

DIRECTION: dict[str, int] = {m: direction(m) for m in METRICS}

KEYS = ("run_id", "scenario", "point", "replication")
WINDOW_RE = re.compile(r"last-(\d+)-weeks?")


def as_results(results: Results | str | Path) -> Results:
    return results if isinstance(results, Results) else load(results)


def experiment_spec(results: Results) -> dict:
    """The experiment part of experiment.json (design, parameters, replications...)."""
    return results.experiment.get("experiment", results.experiment)


def parameters(results: Results) -> list[str]:
    """The varied parameters' dotted paths, as named in runs.parquet."""
    names = list(experiment_spec(results).get("parameters") or {})
    columns = set(results.runs.collect_schema().names())
    return [n for n in names if n in columns]


def require_complete(results: Results) -> None:
    """Refuse a folder whose batch is empty or unfinished: paired statistics on a
    partial batch silently mix different replications."""
    runs = results.runs.select("run_id").collect()["run_id"]
    status = dict(zip(results.manifest["run_id"], results.manifest["status"], strict=True))
    if runs.is_empty() or not any(s == "ok" for s in status.values()):
        raise ResultsError(f"{results.path}: empty results folder: no finished run to analyse")
    missing = [r for r in runs if r not in status]
    failed = [r for r in runs if status.get(r, "ok") != "ok"]
    if missing or failed:
        example = (failed or missing)[0]
        raise ResultsError(
            f"{results.path}: unfinished batch: {len(missing) + len(failed)} of {len(runs)} runs not done "
            f"({len(failed)} failed, {len(missing)} missing; e.g. {example}). Finish it with "
            f"`citysim sweep EXPERIMENT.toml --out {results.path} --resume` before analysing."
        )


def window_filter(at_step: int | None = None, over: str = "last-52-weeks") -> pl.Expr:
    """Weeks a per-run value averages over: one week, the last N weeks (the whole run if
    shorter), or ``all``. Late weeks by default: the model starts from a transient."""
    if at_step is not None:
        return pl.col("week") == at_step
    if over == "all":
        return pl.lit(True)
    match = WINDOW_RE.fullmatch(over)
    if not match or int(match[1]) < 1:
        raise ResultsError(f"--over {over!r}: expected last-N-weeks (e.g. last-52-weeks) or all")
    return pl.col("week") > pl.col("week").max().over("run_id") - int(match[1])


def window_label(at_step: int | None = None, over: str = "last-52-weeks") -> str:
    return f"week {at_step}" if at_step is not None else over


def check_metrics(results: Results, metrics: list[str] | tuple[str, ...] | None) -> list[str]:
    available = results.indicators.collect_schema().names()
    chosen = list(metrics or [m for m in METRICS if m in available])
    unknown = [m for m in chosen if m not in available]
    if unknown:
        numeric = sorted(c for c, t in results.indicators.collect_schema().items() if t.is_numeric()
                         and c not in ("point", "replication", "seed", "week"))
        hint = did_you_mean(unknown[0], numeric)
        raise ResultsError(f"unknown indicator {', '.join(unknown)}{hint} (known: {', '.join(numeric)})")
    return chosen


def per_run(results: Results, metrics: list[str] | None = None, at_step: int | None = None,
            over: str = "last-52-weeks") -> pl.DataFrame:
    """One row per run: the mean of each indicator over the window, with the run's keys
    and parameters. Nulls (an undefined median pay) are skipped in the mean."""
    metrics = check_metrics(results, metrics)
    if at_step is not None:
        weeks = results.indicators.select(pl.col("week").max()).collect().item()
        if not 0 <= at_step <= weeks:
            raise ResultsError(f"--at-step {at_step}: runs have weeks 0 to {weeks}")
    keys = [*KEYS, *parameters(results)]
    return (results.indicators.filter(window_filter(at_step, over))
            .group_by(keys).agg(pl.col(m).cast(pl.Float64).mean() for m in metrics)
            .sort("scenario", "point", "replication").collect())


def per_point(table: pl.DataFrame, metrics: list[str]) -> pl.DataFrame:
    """Mean over replications of each scenario and design point (sensitivity's Y)."""
    extra = [c for c in table.columns if c not in (*KEYS, *metrics)]
    return (table.group_by("scenario", "point", *extra)
            .agg(pl.col(m).mean() for m in metrics).sort("scenario", "point"))
