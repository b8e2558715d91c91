"""Running a plan of many runs: a results folder that survives crashes and resumes.

Layout of a results folder::

    experiment.json     the experiment, its fingerprint, the scenarios, the SHA-256 of runs.parquet
    provenance.json     package version, git commit and whether the checkout had uncommitted changes,
                        the command line, Python and library versions, host (and each resume's)
    runs.parquet        one row per planned run: id, scenario, point, replication, seed, parameters
    manifest.jsonl      one line per finished attempt: id, status, duration, error, and the SHA-256
                        of every file the run wrote (`simulation.manifest`)
    runs/<run_id>/      indicators, platforms, sectors, interventions, events (.parquet), each run
                        written to a hidden temporary folder and renamed when complete

Workers write their own run folders; the parent only appends small manifest lines,
so its memory stays flat however long the batch.

Integrity. A batch holds its folder's lock (`simulation.folder_lock`) from start to end, so two
commands never write one folder; every file is written whole or not at all (`simulation.atomic`);
a run's folder is confined to ``runs/`` whatever its id; resuming verifies every run the manifest
lists against its hashes and refuses a damaged or missing one, or with ``repair`` runs it again.
Before starting, a batch that would not fit in the available memory is refused
(`simulation.memory`), and a full disk stops it with what was recorded kept.

Workers die with their parent. Each local worker asks the kernel to kill it when the parent dies
(Linux ``PR_SET_PDEATHSIG``, SIGKILL included), and every worker, local or Dask, renames a finished
run into place only while its batch is still running (its parent alive, the batch's token file
present); a stop removes the token first, and the folders of runs that finished unrecorded after it.

Stopping. SIGINT (Ctrl-C) and SIGTERM, sent to the parent alone or to its whole process
group, are a request to stop (:class:`StopSignals`): the parent stops waiting, records
nothing half-done, kills the workers and returns a result marked ``interrupted``; every run
already in the manifest is kept and ``resume=True`` runs the rest. Worker processes never
see these signals (they are blocked before the workers start and ignored in them), so a
stop prints no worker traceback whichever processes the signal reached.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import platform
import secrets
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

from simulation import manifest
from simulation.atomic import (
    disk_full,
    is_temporary,
    parquet_bytes,
    remove_temporaries,
    sync_folder,
    temporary,
    write_atomic,
    write_synced,
)
from simulation.experiment import Experiment, Plan, RunSpec
from simulation.folder_lock import holding, is_lock_file, this_command
from simulation.indicators import resident_snapshot
from simulation.manifest import RUNS, damage, file_hashes, run_folder
from simulation.memory import estimate
from simulation.model import CityModel
from simulation.scenario import ScenarioError, validate_scenario
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


class DamagedRuns(BatchError):
    """Runs the manifest lists as done whose files are missing or changed."""


class DiskFull(BatchError):
    """No room left to write; what was recorded is kept (a command that can resume says so)."""


class NotEnoughMemory(BatchError):
    """The batch would need more memory than is available."""


def _ours(entry: Path) -> bool:
    """Whether a folder entry is only what an interrupted citysim command left (a lock file, a temporary)."""
    return is_lock_file(entry) or is_temporary(entry) or entry.name.startswith(ACTIVE)


def check_target(out: Path) -> None:
    """Refuse a folder that already holds something: results are never overwritten or mixed."""
    if out.exists() and (not out.is_dir() or not all(_ours(e) for e in out.iterdir())):
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
        "command": this_command(),
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


ACTIVE = ".active-batch-"
"""A batch's token file, ``.active-batch-<token>``: present while the batch runs."""
_PARENT: int | None = None
"""In a local worker process: the PID of the batch that started it."""


def _batch_alive(out: Path, token: str | None) -> bool:
    """Whether the batch a worker runs for is still there to record its runs."""
    if _PARENT is not None and os.getppid() != _PARENT:
        return False
    return token is None or (out / f"{ACTIVE}{token}").exists()


def run_one(spec: RunSpec, out: str, token: str | None = None) -> dict:
    """Run one model and write its tables; never raises (a failure is a manifest row).

    The tables go to a hidden temporary folder, each file synced and hashed; the folder is renamed
    into ``runs/<run_id>`` only if the batch is still running (``token``: its token file), else
    removed (status ``abandoned``, which nobody records)."""
    started = time.perf_counter()
    root = Path(out)
    tmp = None
    try:
        final = run_folder(root, spec.run_id)
        tmp = temporary(final)
        model, snapshots = _simulate(spec)
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        tables = {name: table(model) for name, table in RUN_TABLES.items()}
        if snapshots is not None:
            tables["residents"] = snapshots
        for name, df in tables.items():
            df = df.with_columns(pl.lit(spec.run_id).alias("run_id"))
            write_synced(tmp / f"{name}.parquet", parquet_bytes(df.select("run_id", pl.exclude("run_id"))))
        files = file_hashes(tmp)
        if not _batch_alive(root, token):
            shutil.rmtree(tmp, ignore_errors=True)
            return {"run_id": spec.run_id, "status": "abandoned"}
        shutil.rmtree(final, ignore_errors=True)  # a rerun (after a crash, a repair) replaces a stale copy
        tmp.rename(final)
        sync_folder(final.parent)
        row = {"status": "ok", "error": None, "files": files}
    except Exception as exc:  # noqa: BLE001 - a failed run is recorded, the batch goes on
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        row = {"status": "failed", "error": f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"}
        if disk_full(exc):
            row["disk_full"] = True
    return {"run_id": spec.run_id, "duration_s": round(time.perf_counter() - started, 3), **row}


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


PR_SET_PDEATHSIG = 1


def _start_worker(parent: int) -> None:
    """Worker initializer: the parent decides how a batch stops, and kills its workers; and if the
    parent dies (even by SIGKILL, which it cannot handle), the kernel kills the worker (Linux)."""
    global _PARENT
    _PARENT = parent
    for s in STOP_SIGNALS:
        signal.signal(s, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the kernel could be asked
        os._exit(0)


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
        return self.path / manifest.MANIFEST

    @property
    def record_file(self) -> Path:
        return self.path / "experiment.json"

    def _stored(self) -> dict:
        try:
            return json.loads(self.record_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BatchError(f"{self.path}: nothing to resume (no experiment.json)") from None
        except (OSError, ValueError):
            raise BatchError(f"{self.record_file}: unreadable; not a citysim results folder") from None

    def check_same(self, plan: Plan) -> None:
        """Refuse to resume a folder holding another experiment's results."""
        held = self._stored()
        if held.get("fingerprint") != plan.fingerprint():
            raise BatchError(
                f"{self.path}: holds results of a different experiment "
                f"({_difference(held.get('experiment', {}), plan)}); refusing to mix them. Use a new --out folder."
            )

    def prepare(self, plan: Plan) -> None:
        """Write the plan into the (empty) folder: the run table, the provenance, then the record that
        makes it a results folder, holding their hashes. On a failure (a full disk) nothing is left."""
        runs = pl.DataFrame([
            {"run_id": r.run_id, "scenario": r.scenario, "context": r.context, "policy": r.policy,
             "point": r.point, "replication": r.replication, "seed": r.seed, **r.params}
            for r in plan.runs
        ], schema_overrides={"seed": pl.UInt64}, infer_schema_length=None)
        doc = {"fingerprint": plan.fingerprint(), "source": plan.source,
               "experiment": plan.experiment.model_dump(mode="json"),
               "scenarios": {r.scenario: r.config.model_dump(mode="json") for r in plan.runs}}
        files = {"runs.parquet": parquet_bytes(runs), "provenance.json": json.dumps(provenance(), indent=2)}
        written = []
        try:
            for name, data in files.items():
                write_atomic(self.path / name, data)
                written.append(self.path / name)
            doc["files"] = {"runs.parquet": manifest.sha256(self.path / "runs.parquet")}  # provenance grows
            write_atomic(self.record_file, json.dumps(doc, indent=2, allow_nan=False))
        except OSError as exc:
            for path in written:
                path.unlink(missing_ok=True)
            raise (DiskFull if disk_full(exc) else BatchError)(
                f"{self.path}: cannot write the results folder: {exc.strerror}; nothing was kept") from None

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
        write_atomic(file, json.dumps(record, indent=2))

    def verified(self, plan: Plan, repair: bool) -> tuple[set[str], int]:
        """The planned runs done, each checked against the hashes its manifest line holds, and the
        manifest's cut lines (dropped: their runs are not done). A damaged or missing run is refused
        (`DamagedRuns`), or with ``repair`` left to run again."""
        records = manifest.read(self.manifest)
        planned = {r.run_id for r in plan.runs}
        done, damaged = set(), {}
        for run_id in records.done():
            if run_id in planned:
                problem = damage(self.path, records.latest[run_id])
                if problem:
                    damaged[run_id] = problem
                else:
                    done.add(run_id)
        if damaged and not repair:
            raise DamagedRuns(manifest.damage_report(self.path, damaged))
        return done, records.torn

    def record(self, row: dict) -> None:
        """Append a finished attempt to the manifest, as one whole line."""
        try:
            manifest.append(self.manifest, {**row, "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S")})
        except OSError as exc:
            raise (DiskFull if disk_full(exc) else BatchError)(
                f"{self.manifest}: cannot record run {row['run_id']}: {exc.strerror}") from None

    def remove_leftovers(self, plan: Plan) -> None:
        """What interrupted commands left (call it holding the lock): temporaries, stale batch tokens,
        and the folders of planned runs the manifest does not list as done (a run that finished
        after a stop, or whose manifest line was never written)."""
        remove_temporaries(self.path)
        remove_temporaries(self.path / RUNS)
        for stale in self.path.glob(f"{ACTIVE}*"):
            stale.unlink(missing_ok=True)
        done = set(manifest.read(self.manifest).done())
        for run in plan.runs:
            if run.run_id not in done and (self.path / RUNS / run.run_id).is_dir():
                shutil.rmtree(run_folder(self.path, run.run_id), ignore_errors=True)

    @contextmanager
    def running(self) -> Iterator[str]:
        """The batch's token while it runs: workers rename a finished run into place only while its
        file is there, so removing it first at the end means no run lands unrecorded later."""
        token = secrets.token_hex(8)
        active = self.path / f"{ACTIVE}{token}"
        active.touch()
        try:
            yield token
        finally:
            active.unlink(missing_ok=True)

    def stored_plan(self) -> Plan:
        """The plan this folder was made for, rebuilt from what it records (experiment.json, runs.parquet):
        what `repair` needs to run again a damaged or missing run, without the files that made it."""
        held = self._stored()
        try:
            experiment = Experiment.model_validate(held["experiment"])
            configs = {name: validate_scenario(config, f"{self.record_file}: scenarios.{name}")
                       for name, config in held["scenarios"].items()}
            table = pl.read_parquet(self.path / "runs.parquet")
        except (KeyError, TypeError, ValueError, OSError, pl.exceptions.PolarsError) as exc:
            raise BatchError(f"{self.path}: cannot read the plan it was made for ({exc})") from None
        names = [n for n in experiment.parameters if n in table.columns]
        points: dict[tuple, object] = {}
        runs = []
        for r in table.iter_rows(named=True):
            params = {n: r[n] for n in names}
            key = (r["scenario"], r["point"])
            if key not in points:
                try:
                    points[key] = configs[r["scenario"]].with_overrides(params) if params else configs[r["scenario"]]
                except (KeyError, ScenarioError) as exc:
                    raise BatchError(f"{self.path}: cannot rebuild run {r['run_id']} ({exc})") from None
            runs.append(RunSpec(r["run_id"], r["scenario"], r["context"], r["policy"], r["point"], r["replication"],
                                r["seed"], params, points[key], experiment.snapshots))
        design = list({r.point: r.params for r in runs}.values())
        plan = Plan(experiment, runs, design, held.get("source", str(self.path)))
        if plan.fingerprint() != held.get("fingerprint"):
            raise BatchError(f"{self.path}: its runs cannot be rebuilt from what it records (made by another "
                             "version of citysim?); repeat the command that made it with --resume --repair")
        return plan


def _local(todo: list[RunSpec], out: str, workers: int, stop: StopSignals, token: str) -> Iterator[dict]:
    """Run ``todo`` in a loky process pool of ``workers`` (in this process if 1; never more
    workers than runs).

    If a worker process dies of something other than a stop (the OOM killer, a segfault),
    loky ends every run in the pool: those runs are recorded as failed (see :func:`_lost`),
    a fresh pool takes the rest, and the batch ends with exit code 1; ``--resume`` reruns them.
    """
    workers = min(workers, len(todo))
    if workers <= 1:
        for spec in todo:
            with stop.interruptible():
                row = run_one(spec, out, token)
            yield row
        return
    from loky import FIRST_COMPLETED, ProcessPoolExecutor, wait

    pending = deque(todo)
    window = 4 * workers  # a bounded window of submitted runs keeps the parent's memory flat
    while pending and not stop.requested:
        running: dict = {}
        with _stop_signals_blocked():  # the first submit starts the workers and the pool's thread
            pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(os.getpid(),))
            broken = _submit(pool, running, pending, window, out, token)
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
                    broken = _submit(pool, running, pending, len(done), out, token)
        finally:
            pool.shutdown(wait=True, kill_workers=True)
        if stop.requested:
            return
        for future, spec in running.items():  # the pool broke: whatever was in it ended with it
            exc = future.exception(timeout=0) if future.done() else broken
            yield _lost(spec, exc) if exc is not None else future.result()


def _submit(pool, running: dict, pending: deque, n: int, out: str, token: str) -> BrokenProcessPool | None:
    for _ in range(min(n, len(pending))):
        spec = pending.popleft()
        try:
            running[pool.submit(run_one, spec, out, token)] = spec
        except BrokenProcessPool as exc:
            pending.appendleft(spec)
            return exc
    return None


def _require_distributed() -> None:
    """Refuse the dask executor without its optional extra, before anything is written."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise BatchError("the dask executor needs the optional extra: pip install 'citysim[distributed]'") \
            from None


def _dask(todo: list[RunSpec], out: str, workers: int, scheduler: str | None,
          stop: StopSignals, token: str) -> Iterator[dict]:
    """Run ``todo`` on Dask: a LocalCluster of ``workers`` processes (at most one per run), or ``scheduler``.

    A worker that dies is Dask's business: it reruns the task elsewhere, and after repeated
    deaths (``KilledWorker``) the run is recorded as failed. The local cluster logs only
    errors, and nothing once a stop closes it, so a stop is quiet; closing its workers takes
    up to about 5 s when a run is in progress (Dask lets it finish, then kills the worker).
    With a remote ``scheduler`` a stop cancels the batch's tasks; a run already executing
    there finds the batch's token gone when it ends and removes its own folder.
    """
    from distributed import Client, LocalCluster, as_completed
    cluster = client = None
    futures: dict = {}
    try:
        with _stop_signals_blocked():  # the cluster's threads start (and restart) its worker processes
            if scheduler is None:
                cluster = LocalCluster(n_workers=min(workers, len(todo)), threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(scheduler or cluster)
        if stop.requested:
            return
        futures = {client.submit(run_one, spec, out, token, key=f"citysim-{spec.run_id}", pure=False): spec
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
    cut_lines: int = 0
    """Manifest lines found cut (by a crash or a full disk) and dropped when resuming."""


def run_batch(plan: Plan, out: Path, *, workers: int = 1, resume: bool = False,
              executor: str = "local", scheduler: str | None = None,
              on_result: Callable[[dict], None] | None = None,
              stop: StopSignals | None = None, on_start: Callable[[int, int], None] | None = None,
              repair: bool = False, ignore_memory: bool = False) -> BatchResult:
    """Run every planned run not already done; record each in the manifest as it finishes.

    The folder is held (`simulation.folder_lock`) for the whole batch. Resuming verifies every
    run recorded as done against its hashes: a damaged or missing one is refused (`DamagedRuns`),
    or with ``repair`` run again. A batch that would not fit in the available memory is refused
    (`NotEnoughMemory`) unless ``ignore_memory``; nothing is written before these checks pass. A
    full disk stops the batch (`DiskFull`), keeping what was recorded.

    SIGINT or SIGTERM stops the batch (see :class:`StopSignals`; pass ``stop`` to cover
    more than this call, as the command line does): the runs recorded so far are kept, the
    workers are killed, their half-written folders removed, and the result says
    ``interrupted``. A stop asked for before this call starts the batch in its folder and
    returns at once, so ``resume=True`` can finish it. ``on_start`` hears the runs to do and
    those already done; ``on_result`` each manifest row (progress, e.g. `ProgressLines`).
    """
    resume = resume or repair
    if executor == "dask":
        _require_distributed()
    with stop or StopSignals() as stop:
        folder = Folder(out.resolve())
        if not resume:
            check_target(folder.path)
        created = not folder.path.exists()
        folder.path.mkdir(parents=True, exist_ok=True)
        try:
            with holding(folder.path):
                return _run_held(plan, folder, workers, resume, repair, ignore_memory, executor, scheduler,
                                 on_start, on_result, stop)
        finally:
            if created and not folder.record_file.exists():  # refused before it began: leave nothing
                shutil.rmtree(folder.path, ignore_errors=True)


def _run_held(plan: Plan, folder: Folder, workers: int, resume: bool, repair: bool, ignore_memory: bool,
              executor: str, scheduler: str | None, on_start: Callable[[int, int], None] | None,
              on_result: Callable[[dict], None] | None, stop: StopSignals) -> BatchResult:
    if resume:
        folder.check_same(plan)
    else:
        check_target(folder.path)  # again, holding it: another command may have filled it meanwhile
    folder.remove_leftovers(plan)
    done, cut = folder.verified(plan, repair) if resume else (set(), 0)
    todo = [r for r in plan.runs if r.run_id not in done]
    need = estimate(todo, workers)
    if need is not None and not need.fits and not ignore_memory:
        raise NotEnoughMemory(f"this batch would need {need}; refusing to start it (--yes runs it anyway; "
                              "or fewer --workers, a smaller --population)")
    if not resume:
        folder.prepare(plan)
    elif todo:  # a resume that runs nothing changes nothing
        folder.add_resume()
    if on_start:
        on_start(len(todo), len(done))
    ok = failed = 0
    interrupted = False
    full: DiskFull | None = None
    results = None
    try:
        with folder.running() as token:  # ended first: a run finishing from then on is not renamed into place
            results = (_local(todo, str(folder.path), workers, stop, token) if executor == "local"
                       else _dask(todo, str(folder.path), workers, scheduler, stop, token))
            for row in results:
                if row["status"] == "abandoned":
                    continue
                folder.record(row)
                ok += row["status"] == "ok"
                failed += row["status"] != "ok"
                if on_result:
                    on_result(row)
                if row.get("disk_full"):
                    raise DiskFull(f"{folder.path}: the disk is full (run {row['run_id']} could not be written); "
                                   f"the {len(done) + ok} runs recorded are kept")
    except KeyboardInterrupt:
        interrupted = True
    except DiskFull as exc:
        full = exc
    finally:
        if results is not None:
            results.close()  # stops the workers
    interrupted = interrupted or (stop.requested and ok + failed < len(todo))
    if (interrupted or full) and scheduler is None:
        folder.remove_leftovers(plan)  # our workers are gone: nothing is still writing
    if full:
        raise full
    return BatchResult(folder.path, len(plan.runs), len(done), ok, failed, interrupted, stop.name, cut)
