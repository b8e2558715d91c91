"""Which uncertain parameters drive the indicators (Sobol, Morris via SALib), and how
robust each intervention is across the uncertain parameters (wins over the baseline,
worst-case regret).

The index functions take the design matrix X and outputs Y as arrays, so the same code
path serves a results folder and a textbook test function (Ishigami).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from analysis.compare import default_baseline
from analysis.metrics import (
    as_results,
    experiment_spec,
    parameters,
    per_point,
    per_run,
    require_complete,
    window_label,
)
from analysis.results import Results, ResultsError
from simulation.atomic import parquet_bytes, write_atomic
from simulation.registry import direction

INDEX_DESIGNS = ("sobol", "morris")


def _problem(X: np.ndarray, names: list[str], bounds: list[list[float]] | None) -> dict:
    if X.ndim != 2 or X.shape[1] != len(names):
        raise ResultsError(f"design matrix has shape {X.shape}, expected (runs, {len(names)} parameters)")
    if bounds is None:
        bounds = [[float(lo), float(hi) if hi > lo else float(lo) + 1.0] for lo, hi in zip(X.min(0), X.max(0),
                                                                                            strict=True)]
    return {"num_vars": len(names), "names": list(names), "bounds": bounds}


def check_saltelli_order(X: np.ndarray) -> None:
    """Refuse a matrix not in SALib's Saltelli order (blocks A, AB_1..AB_D, B): Sobol
    estimators read rows by position, so a reordered design gives wrong indices silently."""
    n, d = X.shape
    if n % (d + 2):
        raise ResultsError(f"a Sobol design has N*(D+2) points; got {n} points for D={d} parameters")
    blocks = X.reshape(n // (d + 2), d + 2, d)
    a, b = blocks[:, 0, :], blocks[:, -1, :]
    for j in range(d):
        expected = a.copy()
        expected[:, j] = b[:, j]
        if not np.allclose(blocks[:, j + 1, :], expected):
            raise ResultsError("the design points are not in SALib's Saltelli order (A, AB_1..AB_D, B); "
                               "Sobol indices cannot be computed from them")


def sobol_indices(X: np.ndarray, Y: np.ndarray, names: list[str], bounds: list[list[float]] | None = None,
                  seed: int = 0, num_resamples: int = 100) -> pl.DataFrame:
    """First-order and total Sobol indices (with 95% bootstrap half-widths) of Y over X,
    X in SALib's Saltelli order without second order (N*(D+2) rows)."""
    from SALib.analyze import sobol

    X, Y = np.asarray(X, float), np.asarray(Y, float)
    problem = _problem(X, names, bounds)
    check_saltelli_order(X)
    if Y.shape != (X.shape[0],):
        raise ResultsError(f"Y has shape {Y.shape}, expected ({X.shape[0]},)")
    si = sobol.analyze(problem, Y, calc_second_order=False, num_resamples=num_resamples, seed=seed)
    return pl.DataFrame({"parameter": names, **{k: np.asarray(si[k], float) for k in
                                                ("S1", "S1_conf", "ST", "ST_conf")}})


def morris_indices(X: np.ndarray, Y: np.ndarray, names: list[str], bounds: list[list[float]] | None = None,
                   num_levels: int = 4, seed: int = 0, num_resamples: int = 100) -> pl.DataFrame:
    """Morris elementary effects: mu, mu* (mean absolute effect: importance), sigma
    (interaction or non-linearity) and the 95% half-width of mu*."""
    from SALib.analyze import morris

    X, Y = np.asarray(X, float), np.asarray(Y, float)
    problem = _problem(X, names, bounds)
    if X.shape[0] % (len(names) + 1):
        raise ResultsError(f"a Morris design has r*(D+1) points; got {X.shape[0]} for D={len(names)}")
    si = morris.analyze(problem, X, Y, num_resamples=num_resamples, num_levels=num_levels, seed=seed)
    return pl.DataFrame({"parameter": names, **{k: np.asarray(si[k], float) for k in
                                                ("mu", "mu_star", "sigma", "mu_star_conf")}})


def robustness(points: pl.DataFrame, baseline: str, metrics: list[str]) -> pl.DataFrame:
    """Each scenario across the uncertain design points: the share of points where it
    beats the baseline, and its worst-case regret (largest shortfall from the best
    scenario at a point; 0 means it is never beaten). Read with the indicator's direction;
    descriptive indicators (direction 0: neither higher nor lower is better) are left out."""
    if baseline not in points["scenario"].to_list():
        raise ResultsError(f"baseline {baseline!r} is not in this folder")
    rows = []
    for metric in (m for m in metrics if direction(m)):
        wide = points.pivot(on="scenario", index="point", values=metric).sort("point").drop_nulls()
        scenarios = [c for c in wide.columns if c != "point"]
        if wide.is_empty() or not scenarios:
            continue
        oriented = wide.select(scenarios).to_numpy() * direction(metric)
        regret = oriented.max(axis=1, keepdims=True) - oriented
        ref = oriented[:, scenarios.index(baseline)]
        tol = 1e-9 * max(1.0, float(np.abs(oriented).max()))  # identical runs differ in the last bits
        for k, name in enumerate(scenarios):
            worst = int(np.argmax(regret[:, k]))
            rows.append({"scenario": name, "metric": metric, "points": wide.height,
                         "beats_baseline": None if name == baseline else float((oriented[:, k] - ref > tol).mean()),
                         "worst_regret": float(regret[worst, k]), "mean_regret": float(regret[:, k].mean()),
                         "worst_point": int(wide["point"][worst])})
    return pl.DataFrame(rows, infer_schema_length=None)


@dataclass(frozen=True)
class Note:
    """A note on a sensitivity analysis, in words the report can say in either language (`analysis.labels`,
    ``note_<key>``); as a string, in English."""

    key: str
    values: dict[str, object] = field(default_factory=dict)

    def say(self, lang: str = "en") -> str:
        from analysis.labels import LABELS, design_name

        values = {k: design_name(v, lang) if k == "design" else v for k, v in self.values.items()}
        return LABELS[lang][f"note_{self.key}"].format(**values)

    def __str__(self) -> str:
        return self.say("en")


@dataclass
class Sensitivity:
    design: str
    window: str
    indices: pl.DataFrame | None
    """sobol: scenario, metric, parameter, S1, S1_conf, ST, ST_conf;
    morris: scenario, metric, parameter, mu, mu_star, sigma, mu_star_conf."""
    robustness: pl.DataFrame | None
    baseline: str | None = None
    notes: list[Note] = field(default_factory=list)

    def write(self, out: str | Path) -> list[Path]:
        """Indices (and robustness) as Parquet and CSV beside ``out``."""
        stem = Path(out).with_suffix("")
        stem.parent.mkdir(parents=True, exist_ok=True)
        written = []
        for frame, path in ((self.indices, stem), (self.robustness, stem.with_name(f"{stem.name}_robustness"))):
            if frame is not None:
                write_atomic(path.with_suffix(".parquet"), parquet_bytes(frame))
                write_atomic(path.with_suffix(".csv"), frame.write_csv())
                written += [path.with_suffix(".parquet"), path.with_suffix(".csv")]
        return written


def design_matrix(results: Results, scenario: str) -> tuple[np.ndarray, list[str]]:
    """The design's sample matrix, one row per point in point order (identical across
    replications, so the first replication's row stands for the point)."""
    names = parameters(results)
    runs = (results.runs.filter(pl.col("scenario") == scenario).group_by("point").agg(pl.col(names).first())
            .sort("point").collect())
    return runs.select(names).to_numpy().astype(float), names


def sensitivity(results: Results | str | Path, metrics: list[str] | None = None, at_step: int | None = None,
                over: str = "last-52-weeks", seed: int = 0, baseline: str | None = None) -> Sensitivity:
    """Sensitivity indices of a sobol or morris sweep, per scenario and indicator, and the
    robustness of each scenario when several are crossed with the uncertain parameters.

    Y is each run's mean over the window (last 52 weeks, or the whole run if shorter),
    averaged over replications per design point.
    """
    results = as_results(results)
    require_complete(results)
    spec = experiment_spec(results)
    design = spec.get("design", "single")
    table = per_run(results, metrics, at_step, over)
    metrics = [c for c in table.columns if c not in results.runs.collect_schema().names()]
    points = per_point(table, metrics)
    scenarios = points["scenario"].unique(maintain_order=True).to_list()
    several = len(scenarios) > 1 and points["point"].n_unique() > 1
    if design not in INDEX_DESIGNS and not several:
        raise ResultsError(
            f"{results.path}: design {design!r} has no sensitivity indices; they need design = \"sobol\" or "
            "\"morris\" in the experiment file (robustness needs several scenarios over several design points)")
    notes, frames = [], []
    if design in INDEX_DESIGNS:
        for scenario in scenarios:
            X, names = design_matrix(results, scenario)
            bounds = [[float(p["min"]), float(p["max"])] for p in (spec["parameters"][n] for n in names)]
            ys = points.filter(pl.col("scenario") == scenario)
            for metric in metrics:
                Y = ys[metric].to_numpy().astype(float)
                if not np.isfinite(Y).all() or np.ptp(Y) <= 1e-9 * max(1.0, float(np.abs(Y).max())):
                    notes.append(Note("constant", {"scenario": scenario, "metric": metric}))
                    continue
                if design == "sobol":
                    df = sobol_indices(X, Y, names, bounds, seed=seed)
                else:
                    df = morris_indices(X, Y, names, bounds, num_levels=int(spec.get("morris_levels", 4)),
                                        seed=seed)
                frames.append(df.select(pl.lit(scenario).alias("scenario"), pl.lit(metric).alias("metric"),
                                        pl.all()))
        base_n = points["point"].n_unique() // (len(parameters(results)) + 2)
        if design == "sobol" and base_n < 128:
            notes.append(Note("rough_sobol", {"n": base_n}))
        if table["replication"].n_unique() > 1:
            notes.append(Note("replications", {"n": table["replication"].n_unique()}))
    else:
        notes.append(Note("no_indices", {"design": design}))
    robust = None
    if several:
        baseline = baseline or default_baseline(results)
        descriptive = [m for m in metrics if not direction(m)]
        if descriptive:
            notes.append(f"no robustness for descriptive indicators (neither higher nor lower is better): "
                         f"{', '.join(descriptive)}")
        robust = robustness(points, baseline, metrics)
        robust = robust if robust.height else None
    return Sensitivity(design=design, window=window_label(at_step, over),
                       indices=pl.concat(frames) if frames else None, robustness=robust,
                       baseline=baseline if several else None, notes=notes)


def ishigami(X: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    """The Ishigami function (Ishigami and Homma 1990), the classic sensitivity test:
    analytic S1 = (0.314, 0.442, 0), ST = (0.558, 0.442, 0.244) for a=7, b=0.1."""
    return np.sin(X[:, 0]) + a * np.sin(X[:, 1]) ** 2 + b * X[:, 2] ** 4 * np.sin(X[:, 0])


ISHIGAMI_BOUNDS = [[-math.pi, math.pi]] * 3
