"""Running a plan of many runs: a results folder that survives crashes and resumes.

Layout of a results folder::

    experiment.json     the experiment, its fingerprint and the plan's run table
    provenance.json     package version, git commit and whether the checkout had uncommitted changes,
                        the command line, Python and library versions, host (and each resume's)
    runs.parquet        one row per planned run: id, scenario, point, replication, seed, parameters
    manifest.jsonl      one line per finished attempt: id, status, duration, error
    runs/<run_id>/      indicators, platforms, sectors, interventions, events (.parquet), each run
                        written to a hidden temporary folder and renamed when complete

Workers write their own run folders; the parent only appends small manifest lines,
so its memory stays flat however long the batch.

Stopping. SIGINT (Ctrl-C) and SIGTERM, sent to the parent alone or to its whole process
group, are a request to stop (:class:`StopSignals`): the parent stops waiting, records
nothing half-done, kills the workers and returns a result marked ``interrupted``; every run
already in the manifest is kept and ``resume=True`` runs the rest. Worker processes never
see these signals (they are blocked before the workers start and ignored in them), so a
stop prints no worker traceback whichever processes the signal reached.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import polars as pl

from simulation.experiment import Plan, RunSpec
from simulation.indicators import resident_snapshot
from simulation.model import CityModel
from simulation.streams import snapshot_sample

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


def _git(*args: str) -> str | None:
    """A git command's output in the checkout this code runs from (None outside a checkout)."""
    try:
        done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=Path(__file__).parent,
                              timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _git_commit() -> str | None:
    return (_git("rev-parse", "HEAD") or "").strip() or None


def _git_dirty() -> bool | None:
    """Whether the checkout has uncommitted changes to tracked files (None outside a checkout)."""
    status = _git("status", "--porcelain", "--untracked-files=no")
    return None if status is None else bool(status.strip())


def _command() -> str:
    """The command line that started this process, as one could type it again."""
    if not sys.argv or not sys.argv[0]:
        return ""
    program = Path(sys.argv[0])
    start = ["python", "-m", program.parent.name] if program.name == "__main__.py" else [program.name]
    return shlex.join([*start, *sys.argv[1:]])


def provenance() -> dict:
    """Versions, host, commit and command: what someone needs to reproduce a result. ``git_dirty``
    says whether the checkout had uncommitted changes (the commit alone then does not say what ran)."""
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
        "git_dirty": _git_dirty(),
        "command": _command(),
        "host": platform.node(),
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


class ProgressLines:
    """Progress as plain lines, for a log a terminal never shows (nohup, SLURM, CI): a line every
    ``every`` runs (default: a tenth of them) or ``seconds`` seconds, whichever comes first, and at
    the last run, each with the runs done, the failures, the time elapsed and an estimate of the
    time left. Call `start` with the runs to do, then the instance with each manifest row."""

    def __init__(self, name: str, stream: object, every: int | None = None, seconds: float = 30.0) -> None:
        self.name, self.stream, self.every, self.seconds = name, stream, every, seconds
        self.todo = self.finished = self.failed = 0
        self.started = self.last = time.monotonic()

    def start(self, todo: int, done: int) -> None:
        self.todo = todo
        self.every = self.every or max(1, todo // 10)
        self.started = self.last = time.monotonic()
        already = f" ({done} already done)" if done else ""
        self._line(f"{todo} runs to do{already}")

    def __call__(self, row: dict) -> None:
        self.finished += 1
        self.failed += row.get("status") != "ok"
        now = time.monotonic()
        if self.finished % self.every and now - self.last < self.seconds and self.finished < self.todo:
            return
        self.last = now
        elapsed = now - self.started
        left = elapsed / self.finished * (self.todo - self.finished)
        self._line(f"{self.finished} of {self.todo} runs done ({self.finished / max(self.todo, 1):.0%}), "
                   f"{self.failed} failed, {_duration(elapsed)} elapsed, about {_duration(left)} left")

    def _line(self, text: str) -> None:
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        print(f"{stamp} {self.name}: {text}", file=self.stream, flush=True)


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


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
    sample = snapshot_sample(spec.seed, n, spec.snapshots.sample)
    frames = []
    for _ in range(spec.config.weeks):
        model.step()
        if model.week % spec.snapshots.every_weeks == 0 or model.week == spec.config.weeks:
            frames.append(resident_snapshot(model, sample))
    return model, pl.concat(frames)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
POLL_S = 0.2
"""How often the parent, waiting for results, looks whether a stop was asked for."""


class StopSignals:
    """SIGINT and SIGTERM as a request to stop a batch, in the parent process.

    While active (a context manager; re-entrant; only the main thread can install signal
    handlers, elsewhere it does nothing), the first of these signals sets ``signum``, which
    the batch loops check between results, so a manifest line or a run folder is never cut
    half-way. Inside :meth:`interruptible` (the parent running a run itself, ``workers=1``)
    it also raises KeyboardInterrupt, so a stop does not wait for the run to finish. Further
    signals are ignored: the stop is under way. SIGINT is handled even if the process was
    started with it ignored (a background job of a script), so a script can stop a batch
    with ``kill -INT``.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self._interruptible = False
        self._depth = 0
        self._previous: dict[int, object] = {}

    @property
    def requested(self) -> bool:
        return self.signum is not None

    @property
    def name(self) -> str | None:
        return signal.Signals(self.signum).name if self.signum is not None else None

    def __enter__(self) -> StopSignals:
        self._depth += 1
        if self._depth == 1 and threading.current_thread() is threading.main_thread():
            self._previous = {s: signal.signal(s, self._handle) for s in STOP_SIGNALS}
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            for s, handler in self._previous.items():  # None: a handler set outside Python
                signal.signal(s, signal.SIG_DFL if handler is None else handler)
            self._previous = {}

    def _handle(self, signum: int, frame: object) -> None:
        if self.signum is None:
            self.signum = signum
            if self._interruptible:
                raise KeyboardInterrupt

    @contextmanager
    def interruptible(self) -> Iterator[None]:
        """A stop raises KeyboardInterrupt here (at once if one was already asked for)."""
        if self.requested:
            raise KeyboardInterrupt
        self._interruptible = True
        try:
            yield
        finally:
            self._interruptible = False


@contextmanager
def _stop_signals_blocked() -> Iterator[None]:
    """Block SIGINT and SIGTERM in this thread while it starts worker processes.

    Processes and threads inherit the signal mask, so workers (and the pool threads that
    start replacements later) never receive a signal sent to the whole process group, not
    even while they are still importing, before any handler could be set. A signal sent
    to the parent meanwhile waits and is handled when the block ends.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    # multiprocessing's resource tracker, started on first need, *unblocks* these signals in
    # the thread that starts it (CPython's ensure_running ends with SIG_UNBLOCK): start it first
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _ignore_stop_signals() -> None:
    """Worker initializer: the parent decides how a batch stops, and kills its workers."""
    for s in STOP_SIGNALS:
        signal.signal(s, signal.SIG_IGN)


def _lost(spec: RunSpec, exc: BaseException) -> dict:
    """The manifest row of a run that ended with its worker process, not with an exception."""
    return {"run_id": spec.run_id, "status": "failed", "duration_s": None,
            "error": f"{type(exc).__name__}: {exc}\nThe worker process died (killed by the system, "
                     "out of memory, or a crash in native code) while this run was in the pool; "
                     "it may not be the run that caused it. --resume runs it again."}


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

    def add_resume(self) -> None:
        """Record a resume's provenance (it may run another commit) beside the first one's."""
        file = self.path / "provenance.json"
        try:
            record = json.loads(file.read_text())
        except (OSError, json.JSONDecodeError):
            return  # an older or damaged record: left as it is
        now = provenance()
        record.setdefault("resumes", []).append(
            {k: now[k] for k in ("git_commit", "git_dirty", "command", "host", "written_at")})
        self._write_atomic("provenance.json", lambda p: p.write_text(json.dumps(record, indent=2)))

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


def _local(todo: list[RunSpec], out: str, workers: int, stop: StopSignals) -> Iterator[dict]:
    """Run ``todo`` in a loky process pool of ``workers`` (in this process if 1).

    If a worker process dies of something other than a stop (the OOM killer, a segfault),
    loky ends every run in the pool: those runs are recorded as failed (see :func:`_lost`),
    a fresh pool takes the rest, and the batch ends with exit code 1; ``--resume`` reruns them.
    """
    if workers == 1:
        for spec in todo:
            with stop.interruptible():
                row = run_one(spec, out)
            yield row
        return
    from loky import FIRST_COMPLETED, ProcessPoolExecutor, wait

    pending = deque(todo)
    window = 4 * workers  # a bounded window of submitted runs keeps the parent's memory flat
    while pending and not stop.requested:
        running: dict = {}
        with _stop_signals_blocked():  # the first submit starts the workers and the pool's thread
            pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_stop_signals)
            broken = _submit(pool, running, pending, window, out)
        try:
            while running and broken is None and not stop.requested:
                done, _ = wait(running, timeout=POLL_S, return_when=FIRST_COMPLETED)
                for future in done:
                    spec = running.pop(future)
                    try:
                        row = future.result()
                    except BrokenProcessPool as exc:
                        broken = exc
                        if stop.requested:
                            return
                        row = _lost(spec, exc)
                    yield row
                if broken is None:
                    broken = _submit(pool, running, pending, len(done), out)
        finally:
            pool.shutdown(wait=True, kill_workers=True)
        if stop.requested:
            return
        for future, spec in running.items():  # the pool broke: whatever was in it ended with it
            exc = future.exception(timeout=0) if future.done() else broken
            yield _lost(spec, exc) if exc is not None else future.result()


def _submit(pool, running: dict, pending: deque, n: int, out: str) -> BrokenProcessPool | None:
    for _ in range(min(n, len(pending))):
        spec = pending.popleft()
        try:
            running[pool.submit(run_one, spec, out)] = spec
        except BrokenProcessPool as exc:
            pending.appendleft(spec)
            return exc
    return None


def _dask(todo: list[RunSpec], out: str, workers: int, scheduler: str | None,
          stop: StopSignals) -> Iterator[dict]:
    """Run ``todo`` on Dask: a LocalCluster of ``workers`` processes, or ``scheduler``.

    A worker that dies is Dask's business: it reruns the task elsewhere, and after repeated
    deaths (``KilledWorker``) the run is recorded as failed. The local cluster logs only
    errors, and nothing once a stop closes it, so a stop is quiet; closing its workers takes
    up to about 5 s when a run is in progress (Dask lets it finish, then kills the worker).
    With a remote ``scheduler`` a stop cancels the batch's tasks; a run already executing
    there may still write its folder, which ``resume`` then replaces.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise BatchError("the dask executor needs the optional extra: pip install 'citysim[distributed]'") \
            from None
    cluster = client = None
    futures: dict = {}
    try:
        with _stop_signals_blocked():  # the cluster's threads start (and restart) its worker processes
            if scheduler is None:
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(scheduler or cluster)
        if stop.requested:
            return
        futures = {client.submit(run_one, spec, out, key=f"citysim-{spec.run_id}", pure=False): spec
                   for spec in todo}
        finished = as_completed(futures)
        while not finished.is_empty() and not stop.requested:
            if not finished.has_ready():
                time.sleep(POLL_S)
                continue
            for future in finished.next_batch(block=False):
                try:
                    row = future.result()
                except Exception as exc:  # noqa: BLE001 - KilledWorker and the like: a failed run
                    if stop.requested:
                        return
                    row = {"run_id": futures[future].run_id, "status": "failed", "duration_s": None,
                           "error": f"{type(exc).__name__}: {exc}"}
                yield row
    finally:
        if client is not None:
            if stop.requested:
                client.cancel(list(futures))
                if cluster is not None:  # closing busy workers makes them log connection errors
                    _quiet_dask_logs()
                    with suppress(Exception):
                        client.run(_quiet_dask_logs)
            client.close()
        if cluster is not None:
            cluster.close()


def _quiet_dask_logs() -> None:
    """Silence Dask's loggers in this process: run on a local cluster when a stop closes it."""
    logging.getLogger("distributed").setLevel(logging.CRITICAL + 1)


@dataclass
class BatchResult:
    path: Path
    planned: int
    skipped: int
    ok: int
    failed: int
    interrupted: bool
    stop_signal: str | None = None
    """The stop signal received (SIGINT, SIGTERM), if any."""


def run_batch(plan: Plan, out: Path, *, workers: int = 1, resume: bool = False,
              executor: str = "local", scheduler: str | None = None,
              on_result: Callable[[dict], None] | None = None,
              stop: StopSignals | None = None,
              on_start: Callable[[int, int], None] | None = None) -> BatchResult:
    """Run every planned run not already done; record each in the manifest as it finishes.

    SIGINT or SIGTERM stops the batch (see :class:`StopSignals`; pass ``stop`` to cover
    more than this call, as the command line does): the runs recorded so far are kept, the
    workers are killed, their half-written folders removed, and the result says
    ``interrupted``. A stop asked for before this call starts the batch in its folder and
    returns at once, so ``resume=True`` can finish it. ``on_start`` hears the runs to do and
    those already done; ``on_result`` each manifest row (progress, e.g. `ProgressLines`).
    """
    with stop or StopSignals() as stop:
        folder = Folder(out.resolve())
        folder.prepare(plan, resume)
        folder.clean_partials()
        done = folder.done() if resume else set()
        todo = [r for r in plan.runs if r.run_id not in done]
        if resume and todo:  # a resume that runs nothing changes nothing
            folder.add_resume()
        if on_start:
            on_start(len(todo), len(done))
        ok = failed = 0
        results = (_local(todo, str(folder.path), workers, stop) if executor == "local"
                   else _dask(todo, str(folder.path), workers, scheduler, stop))
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
        interrupted = interrupted or (stop.requested and ok + failed < len(todo))
        if interrupted and scheduler is None:
            folder.clean_partials()  # our workers are gone: nothing is still writing
    return BatchResult(folder.path, len(plan.runs), len(done), ok, failed, interrupted, stop.name)
