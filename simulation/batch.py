"""Running a plan of many runs: a results folder that survives crashes and resumes.

Layout of a results folder::

    experiment.json     the experiment, its fingerprint and the plan's run table
    provenance.json     package version, git commit, Python and library versions, host
    runs.parquet        one row per planned run: id, scenario, point, replication, seed, parameters
    manifest.jsonl      one line per finished attempt: id, status, duration, error
    runs/<run_id>/      indicators, platforms, sectors, interventions, events (.parquet), each run
                        written to a hidden temporary folder and renamed when complete

Workers write their own run folders; the parent only appends small manifest lines,
so its memory stays flat however long the batch.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import subprocess
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import numpy as np
import polars as pl

from simulation.experiment import Plan, RunSpec
from simulation.indicators import resident_snapshot
from simulation.model import CityModel

RUN_TABLES = {
    "indicators": CityModel.indicators,
    "platforms": CityModel.platform_table,
    "sectors": CityModel.sector_readings,
    "interventions": CityModel.intervention_table,
    "events": CityModel.events,
}


class BatchError(ValueError):
    """A results folder that a batch cannot use without mixing or losing results."""


class FolderTaken(BatchError):
    """The results folder already holds something (a command that can resume says so)."""


def check_target(out: Path) -> None:
    """Refuse a folder that already holds something: results are never overwritten or mixed."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FolderTaken(f"{out}: already exists and is not empty; choose another --out")
    parent = out.parent
    if parent.exists() and not os.access(parent, os.W_OK):
        raise BatchError(f"{out}: cannot write in {parent}")


def _difference(held: dict, plan: Plan) -> str:
    """What differs between the experiment a folder holds and the one asked for, in a few words."""
    asked = plan.experiment.model_dump(mode="json")
    changed = [f"{key}: {held.get(key)!r} there, {asked[key]!r} now" for key in asked if held.get(key) != asked[key]]
    return "; ".join(changed) if changed else "same experiment, but the scenarios' content changed"


def _git_commit() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                              cwd=Path(__file__).parent, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def provenance() -> dict:
    """Versions and host: what someone needs to reproduce a result."""
    versions = {}
    for pkg in ("citysim", "mesa", "numpy", "polars", "pydantic", "scipy", "SALib"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {
        "python": platform.python_version(),
        "packages": versions,
        "git_commit": _git_commit(),
        "host": platform.node(),
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def run_one(spec: RunSpec, out: str) -> dict:
    """Run one model and write its tables; never raises (a failure is a manifest row)."""
    started = time.perf_counter()
    final = Path(out) / "runs" / spec.run_id
    tmp = final.parent / f".{spec.run_id}.partial-{os.getpid()}"
    try:
        model, snapshots = _simulate(spec)
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        tables = {name: table(model) for name, table in RUN_TABLES.items()}
        if snapshots is not None:
            tables["residents"] = snapshots
        for name, df in tables.items():
            df = df.with_columns(pl.lit(spec.run_id).alias("run_id"))
            df.select("run_id", pl.exclude("run_id")).write_parquet(tmp / f"{name}.parquet")
        shutil.rmtree(final, ignore_errors=True)  # a rerun after a crash replaces a stale copy
        tmp.rename(final)
        status, error = "ok", None
    except Exception as exc:  # noqa: BLE001 - a failed run is recorded, the batch goes on
        shutil.rmtree(tmp, ignore_errors=True)
        status = "failed"
        error = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"
    return {"run_id": spec.run_id, "status": status, "duration_s": round(time.perf_counter() - started, 3),
            "error": error}


def _simulate(spec: RunSpec) -> tuple[CityModel, pl.DataFrame | None]:
    """Run the model; take resident snapshots if asked, from a sample drawn with a generator of
    its own (seeded from the run's seed), so that snapshots never change the run."""
    model = CityModel(spec.config, rng=spec.seed)
    if spec.snapshots is None:
        return model.run(), None
    n = spec.config.n_residents
    sample = np.sort(np.random.default_rng([spec.seed, 1]).choice(n, min(spec.snapshots.sample, n), replace=False))
    frames = []
    for _ in range(spec.config.weeks):
        model.step()
        if model.week % spec.snapshots.every_weeks == 0 or model.week == spec.config.weeks:
            frames.append(resident_snapshot(model, sample))
    return model, pl.concat(frames)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides how a batch stops


@dataclass
class Folder:
    """A batch's results folder."""

    path: Path

    @property
    def manifest(self) -> Path:
        return self.path / "manifest.jsonl"

    def prepare(self, plan: Plan, resume: bool) -> None:
        """Create the folder for ``plan``, or check it holds the same plan when resuming."""
        fingerprint = plan.fingerprint()
        record = self.path / "experiment.json"
        if resume:
            if not record.is_file():
                raise BatchError(f"{self.path}: nothing to resume (no experiment.json)")
            try:
                stored = json.loads(record.read_text())["fingerprint"]
            except (json.JSONDecodeError, KeyError):
                raise BatchError(f"{record}: unreadable; not a citysim results folder") from None
            if stored != fingerprint:
                held = json.loads(record.read_text()).get("experiment", {})
                raise BatchError(
                    f"{self.path}: holds results of a different experiment ({_difference(held, plan)}); "
                    "refusing to mix them. Use a new --out folder."
                )
            return
        check_target(self.path)
        self.path.mkdir(parents=True, exist_ok=True)
        runs = pl.DataFrame([
            {"run_id": r.run_id, "scenario": r.scenario, "context": r.context, "policy": r.policy,
             "point": r.point, "replication": r.replication, "seed": r.seed, **r.params}
            for r in plan.runs
        ], schema_overrides={"seed": pl.UInt64}, infer_schema_length=None)
        self._write_atomic("runs.parquet", lambda p: runs.write_parquet(p))
        self._write_atomic("provenance.json", lambda p: p.write_text(json.dumps(provenance(), indent=2)))
        doc = {"fingerprint": fingerprint, "source": plan.source,
               "experiment": plan.experiment.model_dump(mode="json"),
               "scenarios": {r.scenario: r.config.model_dump(mode="json") for r in plan.runs}}
        self._write_atomic("experiment.json", lambda p: p.write_text(json.dumps(doc, indent=2)))

    def _write_atomic(self, name: str, write: Callable[[Path], object]) -> None:
        tmp = self.path / f".{name}.tmp"
        write(tmp)
        tmp.replace(self.path / name)

    def done(self) -> set[str]:
        """Runs finished successfully with their files in place (a torn last line is ignored)."""
        ok = set()
        if self.manifest.is_file():
            for line in self.manifest.read_text().splitlines():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if row.get("status") == "ok":
                    ok.add(row["run_id"])
                else:
                    ok.discard(row.get("run_id"))
        return {r for r in ok if (self.path / "runs" / r / "indicators.parquet").is_file()}

    def record(self, row: dict) -> None:
        with self.manifest.open("a") as fh:
            fh.write(json.dumps({**row, "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S")}) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def clean_partials(self) -> None:
        runs = self.path / "runs"
        if runs.is_dir():
            for stale in runs.glob(".*.partial-*"):
                shutil.rmtree(stale, ignore_errors=True)


def _local(todo: list[RunSpec], out: str, workers: int) -> Iterator[dict]:
    if workers == 1:
        for spec in todo:
            yield run_one(spec, out)
        return
    from loky import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_sigint)
    try:
        # a bounded window of submitted runs keeps the parent's memory flat
        window, pending = 4 * workers, iter(todo)
        futures = {pool.submit(run_one, s, out) for s in _take(pending, window)}
        while futures:
            finished = next(as_completed(futures))
            futures.discard(finished)
            futures |= {pool.submit(run_one, s, out) for s in _take(pending, 1)}
            yield finished.result()
    finally:
        pool.shutdown(wait=False, kill_workers=True)


def _dask(todo: list[RunSpec], out: str, workers: int, scheduler: str | None) -> Iterator[dict]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise BatchError("the dask executor needs the optional extra: pip install 'citysim[distributed]'") \
            from None
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        futures = [client.submit(run_one, spec, out, key=f"citysim-{spec.run_id}", pure=False)
                   for spec in todo]
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _take(it: Iterator[RunSpec], n: int) -> list[RunSpec]:
    return [spec for _, spec in zip(range(n), it, strict=False)]


@dataclass
class BatchResult:
    path: Path
    planned: int
    skipped: int
    ok: int
    failed: int
    interrupted: bool


def run_batch(plan: Plan, out: Path, *, workers: int = 1, resume: bool = False,
              executor: str = "local", scheduler: str | None = None,
              on_result: Callable[[dict], None] | None = None) -> BatchResult:
    """Run every planned run not already done; record each in the manifest as it finishes."""
    folder = Folder(out.resolve())
    folder.prepare(plan, resume)
    folder.clean_partials()
    done = folder.done() if resume else set()
    todo = [r for r in plan.runs if r.run_id not in done]
    ok = failed = 0
    results = (_local(todo, str(folder.path), workers) if executor == "local"
               else _dask(todo, str(folder.path), workers, scheduler))
    interrupted = False
    try:
        for row in results:
            folder.record(row)
            ok += row["status"] == "ok"
            failed += row["status"] != "ok"
            if on_result:
                on_result(row)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        results.close()
    return BatchResult(folder.path, len(plan.runs), len(done), ok, failed, interrupted)
