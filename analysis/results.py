"""`load(DIR)`: a results folder as polars LazyFrames joined with each run's parameters.

Nothing is read unverified: the run table must match the SHA-256 experiment.json records, and
every run the manifest lists as done must hold exactly the files it wrote, byte for byte
(`simulation.manifest`). A damaged or missing run is one `DamagedResults` line naming it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from simulation import manifest

TABLES = ("indicators", "platforms", "sectors", "interventions", "events", "residents")


class ResultsError(ValueError):
    """A folder that is not a usable citysim results folder; the message says why."""


class DamagedResults(ResultsError):
    """Runs listed as done whose files are missing or changed (``--repair`` runs them again)."""


@dataclass(frozen=True)
class Results:
    path: Path
    runs: pl.LazyFrame
    """One row per planned run: run_id, scenario, point, replication, seed, parameters."""
    manifest: pl.DataFrame
    """Latest attempt of each planned run: status, duration, error."""
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


def _manifest(latest: dict[str, dict], planned: set[str]) -> pl.DataFrame:
    schema = {"run_id": pl.String, "status": pl.String, "duration_s": pl.Float64, "error": pl.String,
              "finished_at": pl.String}
    rows = [{k: row.get(k) for k in schema} for run_id, row in sorted(latest.items()) if run_id in planned]
    return pl.DataFrame(rows, schema=schema)


def _record(path: Path) -> dict:
    """experiment.json, with the run table checked against the hash it records."""
    try:
        record = json.loads((path / "experiment.json").read_text(encoding="utf-8"))
        expected = record["files"]["runs.parquet"]
    except (OSError, ValueError):
        raise ResultsError(f"{path / 'experiment.json'}: unreadable; not a citysim results folder") from None
    except (KeyError, TypeError):
        raise ResultsError(f"{path / 'experiment.json'}: no SHA-256 of runs.parquet (written before citysim "
                           "recorded them), so this folder cannot be verified; run its batch again") from None
    if manifest.sha256(path / "runs.parquet") != expected:
        raise ResultsError(f"{path / 'runs.parquet'}: does not match its SHA-256 in experiment.json "
                           "(changed or damaged since it was written)")
    return record


def load(path: str | Path) -> Results:
    """Open a results folder; every table comes joined with the run's parameters.

    >>> r = load("results/demand_sweep")
    >>> r.indicators.group_by("scenario").agg(pl.col("burnout_rate").mean()).collect()
    """
    path = Path(path)
    if not (path / "experiment.json").is_file() or not (path / "runs.parquet").is_file():
        raise ResultsError(f"{path}: not a citysim results folder (no experiment.json / runs.parquet)")
    experiment = _record(path)
    runs = pl.scan_parquet(path / "runs.parquet")
    planned = set(runs.select("run_id").collect()["run_id"])
    records = manifest.read(path / manifest.MANIFEST)
    ok = sorted(r for r in records.done() if r in planned)
    damaged = {r: problem for r in ok if (problem := manifest.damage(path, records.latest[r]))}
    if damaged:
        raise DamagedResults(manifest.damage_report(path, damaged))
    frames = {}
    for name in TABLES:
        files = [path / manifest.RUNS / run_id / f"{name}.parquet" for run_id in ok]
        files = [f for f in files if f.is_file()]  # verified: only a table a run never wrote is absent
        frame = pl.scan_parquet(files) if files else pl.LazyFrame({"run_id": []}, schema={"run_id": pl.String})
        frames[name] = runs.join(frame, on="run_id", how="inner")
    return Results(path=path, runs=runs, manifest=_manifest(records.latest, planned), experiment=experiment,
                   **frames)
