"""`load(DIR)`: a results folder as polars LazyFrames joined with each run's parameters."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

TABLES = ("indicators", "platforms", "sectors", "interventions", "events", "residents")


class ResultsError(ValueError):
    """A folder that is not a usable citysim results folder; the message says why."""


@dataclass(frozen=True)
class Results:
    path: Path
    runs: pl.LazyFrame
    """One row per planned run: run_id, scenario, point, replication, seed, parameters."""
    manifest: pl.DataFrame
    """Latest attempt of each run: status, duration, error."""
    indicators: pl.LazyFrame
    platforms: pl.LazyFrame
    sectors: pl.LazyFrame
    interventions: pl.LazyFrame
    events: pl.LazyFrame
    """The event log of every run: week, actor, kind, details (what happened and why), facts (JSON)."""
    residents: pl.LazyFrame
    """Resident-level snapshots (only when the experiment asked for them; else empty)."""
    experiment: dict

    def to_pandas(self, table: str = "indicators") -> Any:
        """One table (``indicators`` by default; any of `TABLES`, or ``runs``) as a pandas DataFrame,
        each row with its run's parameters: ``analysis.load("results/x").to_pandas("platforms")``."""
        if table != "runs" and table not in TABLES:
            raise ResultsError(f"{table!r}: not a table of a results folder (expected runs or {', '.join(TABLES)})")
        return getattr(self, table).collect().to_pandas()

    @property
    def complete(self) -> bool:
        planned = self.runs.select(pl.len()).collect().item()
        return (self.manifest.height == planned and
                (self.manifest["status"] == "ok").all()) if planned else False


def _manifest(path: Path) -> pl.DataFrame:
    rows: dict[str, dict] = {}
    file = path / "manifest.jsonl"
    if file.is_file():
        for line in file.read_text().splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line torn by a crash
            rows[row["run_id"]] = row
    schema = {"run_id": pl.String, "status": pl.String, "duration_s": pl.Float64, "error": pl.String,
              "finished_at": pl.String}
    return pl.DataFrame(sorted(rows.values(), key=lambda r: r["run_id"]), schema=schema)


def load(path: str | Path) -> Results:
    """Open a results folder; every table comes joined with the run's parameters.

    >>> r = load("results/demand_sweep")
    >>> r.indicators.group_by("scenario").agg(pl.col("burnout_rate").mean()).collect()
    """
    path = Path(path)
    if not (path / "experiment.json").is_file() or not (path / "runs.parquet").is_file():
        raise ResultsError(f"{path}: not a citysim results folder (no experiment.json / runs.parquet)")
    runs = pl.scan_parquet(path / "runs.parquet")
    manifest = _manifest(path)
    ok = manifest.filter(pl.col("status") == "ok")["run_id"].to_list()
    frames = {}
    for name in TABLES:
        files = [path / "runs" / run_id / f"{name}.parquet" for run_id in ok]
        files = [f for f in files if f.is_file()]
        frame = pl.scan_parquet(files) if files else pl.LazyFrame({"run_id": []}, schema={"run_id": pl.String})
        frames[name] = runs.join(frame, on="run_id", how="inner")
    experiment = json.loads((path / "experiment.json").read_text())
    return Results(path=path, runs=runs, manifest=manifest, experiment=experiment, **frames)
