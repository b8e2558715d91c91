"""The batch runner: parallel speed-up, overhead per run, throughput, Dask overhead; one run each.

Builds plans with ``make_plan(Experiment(design="single", replications=R, ...))``
on the library's ``baseline`` scenario (R runs, each with its own spawned seed)
and times ``simulation.batch.run_batch(plan, out, workers=K, executor=...)``
into a fresh temporary results folder, from the call to its return: process-pool
(or Dask cluster) start-up and shut-down are included, as the user waits for
them too. Three measurements:

a) a batch of many short runs (40 x 2,000 residents x 52 weeks) with 1 worker
   (in the parent process, no pool) and with 2 workers (loky process pool):
   the speed-up, and the overhead per run = wall time per run minus model time
   per run (``duration_s`` in the manifest, which is ``run_one``: build, run,
   write the run's tables);
b) throughput at 10,000 residents x 520 weeks, a few runs with 2 workers:
   runs per minute and seconds per run;
c) the Dask executor (``LocalCluster``, 2 worker processes) on the batch of (a):
   overhead per run = (wall_dask - wall_local) / runs, against the 2-worker
   local pool.

Run from the project root:

    uv run python benchmarks/bench_batch.py            # ~1-2 min on 2 cores
    uv run python benchmarks/bench_batch.py --quick    # ~20 s, smaller batches
    uv run python benchmarks/bench_batch.py --runs 20 --big-runs 2 --skip-dask

This is a measurement, not a test: it prints PASS/FAIL against the targets and
always exits 0. The machine is shared and noisy, so read one run's figures as
indicative and compare runs made on the same machine at the same time.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from simulation.experiment import Plan

SPEEDUP_TARGET = 1.8  # 2 workers over 1 worker on a batch of many short runs


@dataclass
class Timing:
    label: str
    workers: int
    executor: str
    runs: int
    wall_s: float
    durations: list[float]  # duration_s of each run, from the manifest
    stamps: list[float]  # when each run's result reached the parent, from the call
    ok: int
    failed: int
    errors: list[str] = field(default_factory=list)

    @property
    def first_result_s(self) -> float:
        return self.stamps[0] if self.stamps else float("nan")

    @property
    def model_s(self) -> float:
        """Mean model time per run (``run_one``: build, run, write tables)."""
        return statistics.fmean(self.durations) if self.durations else float("nan")

    @property
    def wall_per_run(self) -> float:
        return self.wall_s / self.runs

    @property
    def overhead_per_run(self) -> float:
        """Wall time per run minus model time per run (as the brief defines it)."""
        return self.wall_per_run - self.model_s

    @property
    def worker_overhead_per_run(self) -> float:
        """Worker-seconds per run not spent in ``run_one``: (K * wall - sum of durations) / runs.

        With K workers the plain figure above is lowered by the parallelism; this one
        charges the idle and start-up time of every worker to the runs.
        """
        return (self.workers * self.wall_s - sum(self.durations)) / self.runs

    @property
    def startup_s(self) -> float:
        """Time to the first result minus that run's model time: pool start-up, imports, dispatch."""
        return self.first_result_s - (self.durations[0] if self.durations else 0.0)

    @property
    def steady_rate(self) -> float:
        """Runs per second once the first result is in (pool warm): (n - 1) / (last - first)."""
        if len(self.stamps) < 2 or self.stamps[-1] <= self.stamps[0]:
            return float("nan")
        return (len(self.stamps) - 1) / (self.stamps[-1] - self.stamps[0])

    def describe(self) -> None:
        d = self.durations
        spread = f"median {statistics.median(d):.3f}, min {min(d):.3f}, max {max(d):.3f}" if d else "none"
        print(f"  {self.label}")
        print(f"      wall {self.wall_s:8.2f} s for {self.runs} runs ({self.ok} ok, {self.failed} failed)"
              f" = {self.wall_per_run:.3f} s/run; first result after {self.first_result_s:.2f} s"
              f" (start-up ~{self.startup_s:.2f} s)")
        print(f"      model time per run (manifest duration_s) {self.model_s:.3f} s  ({spread})")
        print(f"      overhead per run: wall/run - model/run = {self.overhead_per_run * 1000:+.0f} ms;"
              f" worker-time (K*wall - sum model)/run = {self.worker_overhead_per_run * 1000:+.0f} ms;"
              f" after the first result {self.steady_rate * 60:.0f} runs/minute")
        for err in self.errors[:3]:
            print("      failed run: " + err.strip().splitlines()[0])


def make_batch(runs: int, residents: int, weeks: int, seed: int, name: str) -> Plan:
    from simulation.experiment import Experiment, make_plan

    exp = Experiment(name=name, scenarios=["baseline"], design="single", replications=runs,
                     weeks=weeks, seed=seed, set={"n_residents": residents})
    return make_plan(exp, f"benchmarks/bench_batch.py:{name}")


def time_batch(plan: Plan, label: str, workers: int, executor: str = "local") -> Timing:
    """``run_batch`` into a fresh temporary folder, timed from the call to its return."""
    from simulation.batch import run_batch

    stamps: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench_batch-") as tmp:
        out = Path(tmp) / "out"
        t0 = time.perf_counter()
        result = run_batch(plan, out, workers=workers, executor=executor,
                           on_result=lambda _row: stamps.append(time.perf_counter() - t0))
        wall = time.perf_counter() - t0
        rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines() if line]
    return Timing(label=label, workers=workers, executor=executor, runs=len(plan.runs), wall_s=wall,
                  durations=[r["duration_s"] for r in rows if r["status"] == "ok"], stamps=stamps,
                  ok=result.ok, failed=result.failed,
                  errors=[r["error"] for r in rows if r["status"] != "ok" and r.get("error")])


def worker_import_s() -> float:
    """What each fresh worker process pays before its first run: ``import simulation.batch``."""
    code = "import time; t = time.perf_counter(); import simulation.batch; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    try:
        return float(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return float("nan")


def load() -> str:
    try:
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average n/a"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def reexec_with_pycache(cache: str) -> None:
    """Run again with bytecode written to (and read from) ``cache``, as a normal install would.

    Some environments set PYTHONDONTWRITEBYTECODE and ship no ``__pycache__``: every
    fresh worker process then compiles every module it imports. Worker processes
    inherit the environment, so they use the cache too.
    """
    cache = str(Path(cache).resolve())
    if not sys.dont_write_bytecode and sys.pycache_prefix == cache:
        return
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    os.execve(sys.executable, [sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]], env)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="smaller batches: 12 x 2,000 x 52 and 2 x 10,000 x 104 (a smoke run, ~30 s)")
    ap.add_argument("--runs", type=int, default=None, help="runs in the short-run batch of (a)/(c) (default 40)")
    ap.add_argument("--residents", type=int, default=2_000, help="residents per short run (default 2000)")
    ap.add_argument("--weeks", type=int, default=52, help="weeks per short run (default 52)")
    ap.add_argument("--big-runs", type=int, default=None, help="runs in the throughput batch of (b) (default 6)")
    ap.add_argument("--big-residents", type=int, default=10_000, help="residents per run in (b) (default 10000)")
    ap.add_argument("--big-weeks", type=int, default=None, help="weeks per run in (b) (default 520)")
    ap.add_argument("--workers", type=int, default=2, help="parallel workers (default 2)")
    ap.add_argument("--skip-throughput", action="store_true", help="skip (b)")
    ap.add_argument("--skip-dask", action="store_true", help="skip (c)")
    ap.add_argument("--pycache", metavar="DIR", default=None,
                    help="write and reuse bytecode in DIR (unsets PYTHONDONTWRITEBYTECODE, sets "
                         "PYTHONPYCACHEPREFIX) so workers start as they would from a normal install")
    ap.add_argument("--seed", type=int, default=2026, help="master seed of the plans")
    args = ap.parse_args()
    if args.pycache:
        reexec_with_pycache(args.pycache)

    runs = args.runs if args.runs is not None else (12 if args.quick else 40)
    big_runs = args.big_runs if args.big_runs is not None else (2 if args.quick else 6)
    big_weeks = args.big_weeks if args.big_weeks is not None else (104 if args.quick else 520)
    k = args.workers

    print(f"bench_batch: (a) {runs} runs x {args.residents:,} residents x {args.weeks} weeks, 1 vs {k} workers; "
          f"(b) {big_runs} runs x {args.big_residents:,} x {big_weeks} weeks, {k} workers; "
          f"(c) dask vs local, {k} workers")
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{len(os.sched_getaffinity(0))} cores available, {load()}")
    if sys.dont_write_bytecode:
        print("bytecode: not written (PYTHONDONTWRITEBYTECODE); workers without cached .pyc compile "
              "every module they import (see --pycache)")
    elif sys.pycache_prefix:
        print(f"bytecode: cached in {sys.pycache_prefix}")
    t0 = time.perf_counter()
    # the parent's own imports (run_batch imports loky or distributed on first use): outside every timing
    for name in ("simulation.batch", "loky", *(() if args.skip_dask else ("distributed",))):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    print(f"imports in the parent {time.perf_counter() - t0:.2f} s; "
          f"a fresh process's 'import simulation.batch' (what each worker pays) {worker_import_s():.2f} s")
    print()

    small = make_batch(runs, args.residents, args.weeks, args.seed, "bench_batch_small")
    results: dict[str, Timing | None] = {}

    def attempt(key: str, plan: Plan, label: str, workers: int, executor: str = "local") -> Timing | None:
        print(f"  running {label} ...", flush=True)
        try:
            results[key] = time_batch(plan, label, workers, executor)
        except Exception:  # noqa: BLE001 - one failed measurement does not stop the others
            traceback.print_exc()
            print(f"  {key}: ERROR (see above); no figures")
            results[key] = None
        return results[key]

    # (a) 1 worker runs in the parent process (no pool); K workers start a loky pool
    one = attempt("one", small, "(a) local, 1 worker (in the parent process)", 1)
    many = attempt("many", small, f"(a) local, {k} workers (loky pool)", k)
    dask = None
    if not args.skip_dask:
        dask = attempt("dask", small, f"(c) dask LocalCluster, {k} workers", k, "dask")
    big = None
    if not args.skip_throughput:
        big_plan = make_batch(big_runs, args.big_residents, big_weeks, args.seed, "bench_batch_big")
        big = attempt("big", big_plan, f"(b) local, {k} workers, {args.big_residents:,} x {big_weeks}", k)
    print(f"  ({load()})")
    print()
    for t in (one, many, dask, big):
        if t is not None:
            t.describe()
    print()

    # --- figures and targets -------------------------------------------------------
    if one is not None and many is not None:
        speedup = one.wall_s / many.wall_s
        steady = many.steady_rate / one.steady_rate
        print(f"(a) speed-up {k} workers over 1: {one.wall_s:.2f} / {many.wall_s:.2f} s = {speedup:.2f}x "
              f"(ideal {k}x); once the pool is up {steady:.2f}x; pool start-up ~{many.startup_s:.2f} s; "
              f"model time per run {many.model_s:.3f} vs {one.model_s:.3f} s")
        print(f"    overhead per run (wall/run - model/run): 1 worker {one.overhead_per_run * 1000:+.0f} ms, "
              f"{k} workers {many.overhead_per_run * 1000:+.0f} ms "
              f"(worker-time (K*wall - sum model)/run {many.worker_overhead_per_run * 1000:+.0f} ms)")
        print(f"    target: speed-up >= {SPEEDUP_TARGET}x -> {speedup:.2f}x  {verdict(speedup >= SPEEDUP_TARGET)}")
        # serial work T for which T / (S + T / steady) reaches the target, at this start-up S
        if steady > SPEEDUP_TARGET and many.startup_s > 0:
            need = SPEEDUP_TARGET * many.startup_s / (1 - SPEEDUP_TARGET / steady)
            print(f"    at this start-up the target needs ~{need:.0f} s of serial work per batch "
                  f"(~{need / one.model_s:.0f} runs of this size)")
    else:
        print(f"(a) target: speed-up >= {SPEEDUP_TARGET}x -> no figure (a batch failed)  FAIL")
    if big is not None:
        per_min = big.runs / big.wall_s * 60
        print(f"(b) throughput at {args.big_residents:,} x {big_weeks} weeks, {k} workers: "
              f"{per_min:.1f} runs/minute, {big.wall_per_run:.2f} s per run "
              f"({big.runs} runs in {big.wall_s:.1f} s, start-up included; model time {big.model_s:.2f} s "
              f"per run; {big.steady_rate * 60:.1f} runs/minute after the first result)")
    if dask is not None and many is not None:
        extra = (dask.wall_s - many.wall_s) / dask.runs
        print(f"(c) Dask overhead per run: ({dask.wall_s:.2f} - {many.wall_s:.2f}) / {dask.runs} = "
              f"{extra * 1000:+.0f} ms per run (start-up ~{dask.startup_s:.2f} s vs ~{many.startup_s:.2f} s "
              f"local; once running {dask.steady_rate * 60:.0f} vs {many.steady_rate * 60:.0f} runs/minute)")
    return 0


if __name__ == "__main__":
    warnings.filterwarnings("ignore", category=UserWarning, module="distributed")
    try:
        main()
    except Exception:  # a measurement: report, never fail the caller
        traceback.print_exc()
        print("bench_batch: ERROR (see above); no figures")
    raise SystemExit(0)
