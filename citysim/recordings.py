"""Recording the experiments the documents read, and the probe that tells when they are stale.

`citysim docs --run all` runs the probe, then every recording of `docs/results/plan.toml` (the
library's experiments, through the crash-safe batch runner, in `results/docs/<model>/<name>` so an
interrupted regeneration resumes where it stopped), compares each, and writes one JSON record per
recording (`docs/results/records/`) naming the commit of the model it ran on and the probe's
digest at that time. The probe is a fixed, short run of every scenario the records use; CI re-runs
it and fails when its indicators differ from the recording (`tests/test_documents.py`), so a model
change cannot land without regenerated docs.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from analysis.documents import PROBE, RECORDS, ROOT, Plan, Probe, Recording, load_plan
from analysis.tipping import collapse_shares
from simulation.experiment import resolve_scenario
from simulation.model import CityModel
from simulation.registry import HEADLINE
from simulation.streams import replication_seeds

MODEL_SOURCES = ("simulation", "scenarios")
"""What the model is: its code and its scenario library."""
PROBE_DIGITS = 4
"""Significant digits the probe's means are compared at (display precision, far above the last bits
that differ between machines)."""


def model_fingerprint() -> str:
    """A hash of the model's code and scenario library (what a record ran on, beyond the commit)."""
    digest = hashlib.sha256()
    for top in MODEL_SOURCES:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def git_state() -> tuple[str, bool]:
    """The commit checked out, and whether the model's files have uncommitted changes."""

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD") or "unknown"
    dirty = bool(git("status", "--porcelain", "--", *MODEL_SOURCES))
    return commit, dirty


# --- the probe -----------------------------------------------------------------------------------


def run_probe(probe: Probe, scenarios: list[str] | None = None, overrides: dict | None = None) -> dict[str, str]:
    """Each headline indicator's mean over the probe's weeks, per scenario and seed, at
    `PROBE_DIGITS` significant digits (``overrides``: a changed model, for the test that a change is seen)."""
    values = {}
    for name in scenarios or probe.scenarios:
        config = resolve_scenario(name, overrides={"n_residents": probe.n_residents, "weeks": probe.weeks,
                                                   **(overrides or {})}, source="probe")
        for k, seed in enumerate(replication_seeds(probe.seed, probe.replications)):
            frame = CityModel(config, rng=seed).run().indicators()
            for metric in HEADLINE:
                mean = frame[metric].mean()
                values[f"{name} | seed {k} | {metric}"] = "null" if mean is None else f"{mean:.{PROBE_DIGITS}g}"
    return values


def digest(values: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def record_probe(plan: Plan) -> dict:
    values = run_probe(plan.probe)
    commit, dirty = git_state()
    data = {"commit": commit, "dirty": dirty, "model": model_fingerprint(), "date": _today(),
            "digest": digest(values), "values": values}
    _write_json(PROBE, data)
    return data


def probe_differences(recorded: dict[str, str], now: dict[str, str]) -> list[str]:
    """Where the probe run now differs from its recording (empty: the model behaves as recorded)."""
    keys = sorted(set(recorded) | set(now))
    return [f"{k}: recorded {recorded.get(k, 'absent')}, now {now.get(k, 'absent')}"
            for k in keys if recorded.get(k) != now.get(k)]


# --- recordings ----------------------------------------------------------------------------------


def record(recording: Recording, probe: dict, workers: int, scratch: Path, metrics: list[str],
           say: Callable[[str], None] = print) -> Path:
    """Run one recording's experiment (resuming an interrupted run of the same model), compare it on
    ``metrics``, and write its record."""
    from analysis.answer import answer
    from analysis.compare import compare
    from analysis.metrics import parameters
    from analysis.results import load
    from simulation.batch import run_batch
    from simulation.experiment import load_experiment

    plan = load_experiment(recording.experiment)
    out = scratch / probe["model"][:12] / recording.name
    started = time.perf_counter()
    resume = out.exists()
    result = run_batch(plan, out, workers=workers, resume=resume)
    if result.interrupted or result.failed:
        raise RuntimeError(f"{recording.name}: {result.failed} runs failed or the batch was stopped "
                           f"(repeat `citysim docs --run {recording.name}` to resume)")
    results = load(out)
    costs = None
    if recording.baselines:
        frames = []
        for baseline in recording.baselines:
            table = compare(results, baseline=baseline, metrics=metrics).table
            scenario = baseline.partition("@")[0]
            frames.append(table.filter(pl.col("scenario") == scenario).with_columns(reference=pl.lit(baseline)))
        rows = pl.concat(frames, how="diagonal_relaxed")
        window = compare(results, baseline=recording.baselines[0], metrics=metrics).window
    else:
        found = answer(results, metrics=metrics)
        rows, costs, window = found.table, found.costs, found.comparison.window
    commit, dirty = git_state()
    exp = plan.experiment
    sizes = {r.config.n_residents for r in plan.runs}
    weeks = {r.config.weeks for r in plan.runs}
    meta = {
        "commit": commit, "dirty": dirty, "model": probe["model"], "probe": probe["digest"], "date": _today(),
        "model_minutes": results.manifest["duration_s"].sum() / 60.0,
        "minutes": (time.perf_counter() - started) / 60.0, "workers": workers, "resumed": resume,
        "runs": len(plan.runs), "window": window, "parameters": parameters(results),
        "points": results.runs.select("point", *parameters(results)).unique().sort("point").collect().to_dicts(),
        "scenarios": list(dict.fromkeys(r.scenario for r in plan.runs)),
        "experiment": {"name": exp.name, "replications": exp.replications, "seed": exp.seed,
                       "n_residents": sizes.pop() if len(sizes) == 1 else None,
                       "weeks": weeks.pop() if len(weeks) == 1 else None},
    }
    keep = [c for c in rows.columns if c not in ("significant", "n_needed")]
    data = {"meta": meta, "rows": rows.select(keep).to_dicts(),
            "costs": costs.to_dicts() if costs is not None else None}
    if recording.tipping:
        data["tipping"] = collapse_shares(results).to_dicts()
    path = RECORDS / f"{recording.name}.json"
    _write_json(path, data)
    say(f"{recording.name}: {len(plan.runs)} runs ({meta['model_minutes']:.1f} min of model time) "
        f"-> {path.relative_to(ROOT)}")
    return path


def metrics_of(plan: Plan, name: str) -> list[str]:
    """The headline indicators and every indicator a claim reads from the recording ``name``."""
    named = [m for c in plan.claims if c.recording == name for m in (c.metric, *c.also)]
    return list(dict.fromkeys([*HEADLINE, *plan.recording(name).metrics, *named]))


def regenerate(names: list[str], workers: int | None = None, scratch: Path | None = None,
               say: Callable[[str], None] = print) -> list[Path]:
    """Record the probe, then the named recordings ("all": every recording but the long ones)."""
    plan = load_plan()
    chosen = [r for r in plan.recordings if not r.long] if names == ["all"] else [plan.recording(n) for n in names]
    workers = workers or os.cpu_count() or 1
    scratch = scratch or ROOT / "results" / "docs"
    started = time.perf_counter()
    probe = record_probe(plan)
    say(f"probe: {len(probe['values'])} values, digest {probe['digest'][:12]}")
    written = [record(r, probe, workers, scratch, metrics_of(plan, r.name), say) for r in chosen]
    say(f"recorded {len(written)} experiments in {(time.perf_counter() - started) / 60.0:.1f} min")
    return written


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def _write_json(path: Path, data: dict) -> None:
    """Written whole or not at all (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True, default=str) + "\n")
    tmp.replace(path)
