"""Results folders that cannot be escaped, corrupted or silently wrong (issue 22).

Each test plays one way a folder went wrong when probed: a crafted name, a deleted run, a flipped
byte, a truncated table, hostile names in HTML, a parent killed with SIGKILL, two commands at once,
a full disk, inputs that got through, a dashboard that kept every page's session."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import suppress
from pathlib import Path

import polars as pl
import pytest
from test_batch import KILLABLE, SMALL
from test_batch import live_processes_in_group as processes_in_group
from test_batch import table_bytes as tables
from test_dashboard_browser import CHROMIUM, _free_port
from typer.testing import CliRunner

import analysis
from citysim.cli import app
from simulation.batch import run_batch
from simulation.experiment import load_experiment

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
COMPARE = ["compare", "--context", "calm_city", "--policy", "contributor_care", "--replications", "3", "--weeks",
           "20", "--population", "150", "--workers", "1", "--n-boot", "200"]


def said(result) -> str:
    """What a command printed, on one line (rich wraps long messages)."""
    return " ".join(result.output.split())


def manifest_rows(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines()]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The small sweep's file and its uninterrupted tables (run once)."""
    base = tmp_path_factory.mktemp("small")
    (base / "small.toml").write_text(SMALL)
    run_batch(load_experiment(base / "small.toml"), base / "whole", workers=1)
    return base / "small.toml", tables(base / "whole")


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    """A finished `citysim compare --context ... --policy ...` folder (run once; tests damage copies)."""
    out = tmp_path_factory.mktemp("comparison") / "answer"
    result = runner.invoke(app, [*COMPARE, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def copy_of(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


# --- 1. confined names --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../../../../elsewhere/ESCAPED", "../../victim/runs/calm_city"])
def test_a_scenario_name_cannot_lead_a_run_out_of_its_results_folder(tmp_path, name):
    victim = tmp_path / "victim"
    assert runner.invoke(app, ["run", "--weeks", "3", "--residents", "100", "--out", str(victim)]).exit_code == 0
    before = tables(victim)
    evil = tmp_path / "evil.toml"
    evil.write_text(f'name = "{name}"\nweeks = 3\nn_residents = 100\n')
    out = tmp_path / "a" / "b" / "c" / "out"
    result = runner.invoke(app, ["run", str(evil), "--out", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert (f"{evil}: name: must be an identifier (1 to 64 characters among lowercase ASCII letters, digits, '_', "
            "'-', '+' and '.', not starting with '.')") in said(result)
    assert not out.exists() and not list(tmp_path.rglob("ESCAPED*"))
    assert tables(victim) == before and analysis.load(victim).complete


def test_a_run_folder_must_resolve_inside_runs(tmp_path):
    from simulation.manifest import UnsafeRunId, run_folder

    (tmp_path / "out" / "runs").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "out" / "runs" / "calm_city-p00000-r000").symlink_to(tmp_path / "outside")
    assert run_folder(tmp_path / "out", "calm_city-p00001-r000") == tmp_path / "out" / "runs" / "calm_city-p00001-r000"
    for run_id in ("../x", "a/b", ".hidden", "calm_city-p00000-r000", "", "X" * 3):
        with pytest.raises(UnsafeRunId):
            run_folder(tmp_path / "out", run_id)


@pytest.mark.parametrize("where, body, expected", [
    ("experiment", 'name = "../up"\nscenarios = ["calm_city"]\ndesign = "single"\n',
     "name: must be an identifier"),
    ("experiment", 'name = "Small Sweep"\nscenarios = ["calm_city"]\ndesign = "single"\n',
     "got 'Small Sweep'"),
    ("context", 'name = "x\\" onfocus=\\"alert(1)"\n', "name: must be an identifier"),
    ("context", 'context = ".hidden"\n', "context: must be an identifier"),
    ("context", '[[platforms]]\nname = "Q\\u0000E"\nsector = "delivery"\nkind = "commercial"\ncommission = 0.3\n'
                'price_eur = 8.0\n', "no control character"),
    ("policy", 'name = "a/b"\n[[interventions]]\ntype = "contributor_care"\n', "name: must be an identifier"),
])
def test_names_are_identifiers_and_display_names_are_bounded(tmp_path, where, body, expected):
    path = tmp_path / f"{where}.toml"
    path.write_text(body)
    args = {"experiment": ["sweep", str(path)], "context": ["run", str(path), "--weeks", "3"],
            "policy": ["run", "calm_city", "--policy", str(path), "--weeks", "3"]}[where]
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "never")])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert expected in said(result) and str(path) in said(result)
    assert not (tmp_path / "never").exists()


# --- 2. verified folders --------------------------------------------------------------------------

def test_a_deleted_run_is_refused_by_every_analysis_and_repair_runs_it_again(comparison, tmp_path):
    folder = copy_of(comparison, tmp_path)
    gone = "calm_city+contributor_care-p00000-r001"
    kept = (comparison / "runs" / gone / "indicators.parquet").read_bytes()
    shutil.rmtree(folder / "runs" / gone)
    expected = f"{folder}: run {gone}: its folder is missing; --repair runs it again"
    for command in (["compare", str(folder), "--n-boot", "200"], ["brief", str(folder), "--n-boot", "200"],
                    ["sensitivity", str(folder)], ["report", str(folder)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2 and "Traceback" not in result.output, (command, result.output)
        assert expected in said(result), command
    with pytest.raises(analysis.ResultsError, match="its folder is missing"):
        analysis.load(folder)
    resumed = runner.invoke(app, [*COMPARE, "--out", str(folder)])  # what --resume does, in a comparison
    assert resumed.exit_code == 2 and expected in said(resumed)
    repaired = runner.invoke(app, ["compare", str(folder), "--repair", "--n-boot", "200"])
    assert repaired.exit_code == 0, repaired.output
    assert "repaired: ran 1 runs again" in said(repaired)
    assert "already holds this same output" in said(repaired)  # the same comparison as before the damage
    assert (folder / "runs" / gone / "indicators.parquet").read_bytes() == kept
    assert analysis.load(folder).complete


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "extra file"])
def test_a_changed_table_is_found_and_named(comparison, tmp_path, damage):
    folder = copy_of(comparison, tmp_path)
    run = "calm_city-p00000-r002"
    table = folder / "runs" / run / "indicators.parquet"
    whole = table.read_bytes()
    if damage == "flipped byte":
        data = bytearray(whole)
        data[len(data) // 2] ^= 0x01
        table.write_bytes(bytes(data))
        expected = "indicators.parquet does not match its SHA-256"
    elif damage == "truncated":
        table.write_bytes(whole[: len(whole) // 2])
        expected = "indicators.parquet does not match its SHA-256"
    else:
        shutil.copy(folder / "runs" / run / "events.parquet", folder / "runs" / run / "residents.parquet")
        expected = "holds residents.parquet, which the run did not write"
    result = runner.invoke(app, ["compare", str(folder), "--n-boot", "200"])
    assert result.exit_code == 2 and "Traceback" not in result.output and "polars" not in result.output
    assert f"run {run}: {expected}" in said(result)
    resumed = runner.invoke(app, [*COMPARE, "--out", str(folder)])
    assert resumed.exit_code == 2 and f"run {run}: {expected}" in said(resumed) and "nothing to run" not in \
        said(resumed)
    repaired = runner.invoke(app, [*COMPARE, "--out", str(folder), "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert tables(folder) == tables(comparison)


def test_a_damaged_run_table_is_refused(comparison, tmp_path):
    folder = copy_of(comparison, tmp_path)
    runs = pl.read_parquet(folder / "runs.parquet")
    runs.with_columns(pl.col("seed") + 1).write_parquet(folder / "runs.parquet")
    with pytest.raises(analysis.ResultsError, match="runs.parquet: does not match its SHA-256"):
        analysis.load(folder)


def test_unequal_pairs_are_never_compared():
    from analysis.compare import paired_differences

    rows = [{"run_id": f"{s}-{r}", "scenario": s, "point": 0, "replication": r, "burnout_rate": 0.1 * r}
            for s in ("context", "context+policy") for r in range(4) if (s, r) != ("context+policy", 2)]
    with pytest.raises(analysis.ResultsError, match="has 3 runs and its reference context 4, of which 3 pair"):
        paired_differences(pl.DataFrame(rows), "context", ["burnout_rate"], n_boot=100)


def test_a_cut_manifest_line_is_dropped_and_never_swallows_the_next_record(small, tmp_path):
    exp, whole = small
    out = tmp_path / "out"
    assert runner.invoke(app, ["sweep", str(exp), "--workers", "1", "--out", str(out)]).exit_code == 0
    manifest = out / "manifest.jsonl"
    text = manifest.read_text()
    manifest.write_text(text[: len(text) - len(text.splitlines()[-1]) // 2 - 1])  # a crash mid-line
    resumed = runner.invoke(app, ["sweep", str(exp), "--workers", "1", "--out", str(out), "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert "resumed: 7 runs were already done" in said(resumed) and "1 cut line(s) dropped" in said(resumed)
    done = [r["run_id"] for r in manifest_rows_whole(out)]
    assert len(done) == len(set(done)) == 8
    assert analysis.load(out).complete and tables(out) == whole


def manifest_rows_whole(folder: Path) -> list[dict]:
    """The manifest's records that parse (a cut line does not)."""
    rows = []
    for line in (folder / "manifest.jsonl").read_text().splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return rows


# --- 3. a lock, atomic writes, a full disk -----------------------------------------------------------

def test_two_identical_comparisons_at_once_run_each_run_exactly_once(tmp_path):
    """Two identical commands started together: one runs, and the other is refused while the first holds
    the folder, or, when it starts only after the first has finished (a slow start under load), finds
    nothing to run. Either way each run is run exactly once."""
    out = tmp_path / "both"
    cmd = [sys.executable, "-m", "citysim", "compare", "--context", "calm_city", "--policy", "contributor_care",
           "--replications", "3", "--weeks", "52", "--population", "800", "--workers", "1", "--n-boot", "200",
           "--out", str(out)]
    both = [subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    ended = {proc.pid: (proc.communicate(timeout=120)[1], proc.returncode) for proc in both}
    codes = sorted(code for _, code in ended.values())
    assert codes in ([0, 2], [0, 0]), ended
    if codes == [0, 2]:
        winner = next(pid for pid, (_, code) in ended.items() if code == 0)
        loser = " ".join(next(err for err, code in ended.values() if code == 2).split())
        assert f"{out}: in use by PID {winner} on " in loser and "citysim compare --context calm_city" in loser, loser
    else:
        assert any("nothing to run" in " ".join(err.split()) for err, _ in ended.values()), ended
    ids = [r["run_id"] for r in manifest_rows(out)]
    assert len(ids) == 6 and len(set(ids)) == 6  # each run exactly once
    third = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert third.returncode == 0 and "nothing to run" in " ".join(third.stderr.split())
    assert not (out / ".citysim.lock").exists()


def test_a_folder_made_by_an_identical_command_a_moment_ago_is_held_not_refused(tmp_path, monkeypatch):
    """Two identical commands started together both see no folder; the second to make it must not stop
    on "File exists" (seen once in a fresh clone's suite under load) but go on to the lock, which decides;
    and, not having made the folder, it never removes it."""
    from citysim.analysis_cli import _holding

    folder = tmp_path / "both"
    folder.mkdir()  # the other command made it between our look and our mkdir
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda self: False if self == folder else real_exists(self))
    with _holding(folder, create=True):
        assert (folder / ".citysim.lock").exists()  # held
    assert folder.is_dir()


def test_a_refused_command_names_a_holder_that_has_not_written_who_it_is_yet(tmp_path):
    """The holder takes the lock, then writes who it is: a command refused in between waits for the words
    instead of saying "another command" (seen once in a fresh clone's suite under load)."""
    import fcntl
    import threading

    from simulation.folder_lock import LOCK_FILE, FolderBusy, holding

    fd = os.open(tmp_path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held, nothing written yet
    info = {"pid": 4242, "host": "here", "command": "citysim run", "started": "now"}
    late = threading.Timer(0.2, lambda: os.pwrite(fd, json.dumps(info).encode(), 0))
    late.start()
    try:
        with pytest.raises(FolderBusy, match="in use by PID 4242 on here"), holding(tmp_path):
            pass
    finally:
        late.join()
        os.close(fd)


class FullDisk:
    """A disk with ``room`` bytes left under ``root``, for everything written there through Python's
    files or polars' Parquet writer: the write that does not fit puts what fits, then fails with
    ENOSPC, as a real full disk does. (`undo` with the monkeypatch frees it.)"""

    def __init__(self, monkeypatch, root: Path, room: int) -> None:
        self.root, self.room = root.resolve(), room
        real_open, real_parquet, disk = Path.open, pl.DataFrame.write_parquet, self

        def open_(path, mode="r", *args, **kwargs):
            handle = real_open(path, mode, *args, **kwargs)
            return _Limited(handle, disk) if set(mode) & set("wax") and disk.holds(path) else handle

        def write_parquet(frame, file, *args, **kwargs):
            if not isinstance(file, str | Path) or not disk.holds(Path(file)):
                return real_parquet(frame, file, *args, **kwargs)
            buffer = io.BytesIO()
            real_parquet(frame, buffer, *args, **kwargs)
            with Path(file).open("wb") as fh:
                fh.write(buffer.getvalue())

        monkeypatch.setattr(Path, "open", open_)
        monkeypatch.setattr(pl.DataFrame, "write_parquet", write_parquet)

    def holds(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.root)


class _Limited:
    def __init__(self, handle, disk: FullDisk) -> None:
        self._handle, self._disk = handle, disk

    def write(self, data):
        size = len(data.encode() if isinstance(data, str) else bytes(data))
        if size <= self._disk.room:
            self._disk.room -= size
            return self._handle.write(data)
        self._handle.write(data[: self._disk.room])
        self._handle.flush()
        self._disk.room = 0
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)


def ok_rows(folder: Path) -> list[dict]:
    """The runs recorded as done; every manifest line must be whole, and a run that failed must
    have failed for want of room."""
    rows = manifest_rows(folder)
    assert all(r["status"] == "ok" or "No space left on device" in r["error"] for r in rows), rows
    return [r for r in rows if r["status"] == "ok"]


def leftovers(folder: Path) -> list[Path]:
    """Hidden files a command left behind (temporaries; a lock file of a running command aside)."""
    return [p for p in folder.rglob(".*") if p.name != ".citysim.lock"] if folder.exists() else []


def test_a_full_disk_midway_stops_the_batch_keeping_whole_records_and_resume_finishes(small, tmp_path,
                                                                                      monkeypatch):
    exp, whole = small
    out = tmp_path / "out"
    FullDisk(monkeypatch, tmp_path, room=150_000)  # the folder's header and two or three runs
    result = runner.invoke(app, ["sweep", str(exp), "--workers", "1", "--out", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "No space left on device" in said(result) or "the disk is full" in said(result)
    assert f"--out {out} --resume" in said(result)
    kept = ok_rows(out)
    assert 1 <= len(kept) < 8 and leftovers(out) == []
    monkeypatch.undo()
    resumed = runner.invoke(app, ["sweep", str(exp), "--workers", "1", "--out", str(out), "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert f"resumed: {len(kept)} runs were already done" in said(resumed)
    assert tables(out) == whole and analysis.load(out).complete


def test_a_record_cut_by_a_full_disk_is_taken_back_and_swallows_nothing(small, tmp_path, monkeypatch):
    exp, whole = small
    out = tmp_path / "out"
    line = 650  # a manifest line is about 600 bytes: the third is cut
    FullDisk(monkeypatch, out / "manifest.jsonl", room=2 * line + line // 2)
    result = runner.invoke(app, ["sweep", str(exp), "--workers", "1", "--out", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "No space left on device" in said(result) and f"--out {out} --resume" in said(result)
    assert len(manifest_rows(out)) == 2  # whole lines only: the cut one was taken back
    monkeypatch.undo()
    resumed = runner.invoke(app, ["sweep", str(exp), "--workers", "1", "--out", str(out), "--resume"])
    assert resumed.exit_code == 0 and "resumed: 2 runs were already done" in said(resumed)
    assert analysis.load(out).complete and tables(out) == whole
    compared = runner.invoke(app, ["compare", str(out), "--baseline", "calm_city@0", "--n-boot", "100"])
    assert compared.exit_code == 0, compared.output  # the folder is whole for the analysis too


def test_a_full_disk_before_the_first_run_leaves_nothing_that_blocks_the_next_command(small, tmp_path, monkeypatch):
    exp, whole = small
    out = tmp_path / "out"
    FullDisk(monkeypatch, tmp_path, room=5_000)  # not even the experiment's record fits
    result = runner.invoke(app, ["sweep", str(exp), "--workers", "1", "--out", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output and "No space left on device" in said(result)
    assert not out.exists()
    monkeypatch.undo()
    again = runner.invoke(app, ["sweep", str(exp), "--workers", "1", "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert tables(out) == whole


def test_a_full_disk_never_leaves_a_cut_brief_behind(comparison, tmp_path, monkeypatch):
    folder = copy_of(comparison, tmp_path)
    (folder / "analysis").mkdir(exist_ok=True)
    FullDisk(monkeypatch, folder / "analysis", room=8192)
    result = runner.invoke(app, ["brief", str(folder), "--n-boot", "200"])
    assert result.exit_code == 2 and "Traceback" not in result.output and "No space left on device" in said(result)
    assert not list((folder / "analysis").glob("*brief*")) and leftovers(folder) == []
    monkeypatch.undo()
    again = runner.invoke(app, ["brief", str(folder), "--n-boot", "200"])
    assert again.exit_code == 0 and "earlier, different output" not in said(again)
    assert (folder / "analysis" / "brief_en.html").is_file()


def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.mark.skipif(not _can_mount(), reason="mounting a tmpfs needs root")
def test_a_full_tmpfs_stops_the_batch_and_resume_finishes_once_there_is_room(small, tmp_path):
    exp, whole = small
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)]).returncode != 0:
        pytest.skip("mount is not allowed here")
    try:
        out = disk / "out"
        cmd = [sys.executable, "-m", "citysim", "sweep", str(exp), "--workers", "1", "--out", str(out)]
        full = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120)
        assert full.returncode == 2 and "Traceback" not in full.stderr, full.stderr
        assert "No space left on device" in full.stderr or "the disk is full" in " ".join(full.stderr.split())
        kept = ok_rows(out)
        assert 0 < len(kept) < 8
        assert leftovers(out) == []
        assert subprocess.run(["mount", "-o", "remount,size=8m", str(disk)]).returncode == 0
        resumed = subprocess.run([*cmd, "--resume"], cwd=REPO, capture_output=True, text=True, timeout=120)
        assert resumed.returncode == 0, resumed.stderr
        assert f"resumed: {len(kept)} runs were already done" in resumed.stderr
        assert tables(out) == whole and analysis.load(out).complete
    finally:
        subprocess.run(["umount", "-l", str(disk)])


# --- 4. workers that die with their parent; stops that say so ---------------------------------------

def start(cmd: list[str], out: Path, min_runs: int, pipes: bool = True) -> subprocess.Popen:
    """A command in a process group of its own, once ``min_runs`` are recorded in ``out`` (``pipes``: its
    output is read; else dropped, so that no orphan can hold a pipe the test waits on)."""
    output = subprocess.PIPE if pipes else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=REPO, start_new_session=True, stdout=output, stderr=output, text=True)
    manifest = out / "manifest.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if manifest.is_file() and len(manifest.read_text().splitlines()) >= min_runs:
            break
        time.sleep(0.02)
    return proc


def test_sigkill_of_the_parent_leaves_no_worker_no_later_run_and_no_semaphore(tmp_path):
    (tmp_path / "exp.toml").write_text(KILLABLE)
    out = tmp_path / "out"
    proc = start([sys.executable, "-m", "citysim", "sweep", str(tmp_path / "exp.toml"), "--workers", "2", "--out",
                  str(out)], out, min_runs=1, pipes=False)
    try:
        os.kill(proc.pid, signal.SIGKILL)  # the parent alone: nothing can catch it
        proc.wait()
        time.sleep(0.5)
        runs = sorted(p.name for p in (out / "runs").iterdir() if not p.name.startswith("."))
        time.sleep(10)
        assert processes_in_group(proc.pid) == [], "a worker outlived its parent"
        assert sorted(p.name for p in (out / "runs").iterdir() if not p.name.startswith(".")) == runs
        assert not list(Path("/dev/shm").glob(f"sem.loky-{proc.pid}-*"))
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # on failure: the orphans this test made
    resumed = runner.invoke(app, ["sweep", str(tmp_path / "exp.toml"), "--workers", "1", "--out", str(out),
                                  "--resume"])
    assert resumed.exit_code == 0, resumed.output  # the run folders left are recorded ones, or removed


def test_sigterm_during_an_analysis_ends_it_with_one_line_and_exit_130(comparison, tmp_path):
    folder = copy_of(comparison, tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "citysim", "report", str(folder)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 3  # the report takes several seconds to draw its figures
    while time.time() < deadline and not (folder / ".citysim.lock").exists():
        time.sleep(0.02)
    time.sleep(1.5)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.strip().splitlines() == [
        "interrupted (SIGTERM): the analysis stopped; no output was left half-written"]
    assert not list((folder / "analysis").glob(".*"))


def test_runs_finishing_on_dask_after_a_stop_are_recorded_or_removed(tmp_path):
    pytest.importorskip("distributed")
    (tmp_path / "exp.toml").write_text(KILLABLE)
    out = tmp_path / "out"
    proc = start([sys.executable, "-m", "citysim", "sweep", str(tmp_path / "exp.toml"), "--workers", "2",
                  "--executor", "dask", "--out", str(out)], out, min_runs=1)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    time.sleep(2)
    recorded = {r["run_id"] for r in manifest_rows(out) if r["status"] == "ok"}
    assert {p.name for p in (out / "runs").iterdir()} <= recorded


def test_workers_are_never_more_than_the_runs(tmp_path, monkeypatch):
    from concurrent.futures import Future

    import loky

    asked = []

    class Inline:
        """A pool that says how many workers it was asked for and runs each task at once, here."""

        def __init__(self, max_workers=None, **kwargs) -> None:
            asked.append(max_workers)

        def submit(self, fn, *args, **kwargs) -> Future:
            future = Future()
            future.set_result(fn(*args, **kwargs))
            return future

        def shutdown(self, *args, **kwargs) -> None:
            pass

    monkeypatch.setattr(loky, "ProcessPoolExecutor", Inline)
    result = runner.invoke(app, ["run", "--weeks", "3", "--residents", "100", "--replications", "2", "--workers", "12",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert asked == [2]


# --- 5. inputs that no longer get through ------------------------------------------------------------

HUGE_TEXT = "x" * 3000


@pytest.mark.parametrize("case, expected", [
    (["--set", "contribution.capacity_h=inf"], "contribution.capacity_h: must be a finite number, got inf"),
    (["--budget", "inf"], "authority.budget_eur: must be a finite number, got inf"),
    (["--set", "sectors.delivery.offline_utility=nan"],
     "sectors.delivery.offline_utility: must be a finite number, got nan"),
    (["POLICY", "cost_eur_w = inf"], "cost_eur_w: must be a finite number, got inf"),
    (["POLICY", "commons_quality_gain = nan"], "commons_quality_gain: must be a finite number, got nan"),
    (["CONTEXT", f'description = "{HUGE_TEXT}"'], "description: at most 2,000 characters, got 3,000"),
    (["CONTEXT", f'description = "{"x" * 2_000_000}"'], "too large for a TOML input (more than 1,000,000 bytes)"),
    (["BINARY", ""], "a binary file, not TOML text"),
    (["LATIN-1", ""], "not UTF-8 text (byte 14); save it as UTF-8"),
])
def test_non_finite_long_or_binary_inputs_are_refused_in_one_line(tmp_path, case, expected):
    kind, line = case
    path = tmp_path / "input.toml"
    if kind == "POLICY":
        path.write_text(f'name = "mine"\n[[interventions]]\ntype = "data_partnership"\nsector = "mapping"\n{line}\n')
        args = ["calm_city", "--policy", str(path)]
    elif kind == "CONTEXT":
        path.write_text(f'name = "mine"\n{line}\n')
        args = [str(path)]
    elif kind == "BINARY":
        path.write_bytes(bytes(range(256)) * 8)
        args = [str(path)]
    elif kind == "LATIN-1":
        path.write_bytes('name = "Chaussée"\n'.encode("latin-1"))
        args = [str(path)]
    else:
        args = case
    out = tmp_path / "never"
    result = runner.invoke(app, ["run", *args, "--weeks", "60", "--residents", "100", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) <= 3
    assert expected in said(result)
    assert not out.exists()


def test_a_non_finite_design_never_reaches_experiment_json(tmp_path):
    path = tmp_path / "exp.toml"
    path.write_text(SMALL.replace("[parameters.commission]\nvalues = [0.1, 0.3]",
                                  '[parameters."authority.budget_eur"]\nmin = 0\nmax = inf\nlevels = 2'))
    result = runner.invoke(app, ["sweep", str(path), "--workers", "1", "--out", str(tmp_path / "never")])
    assert result.exit_code == 2
    assert 'parameters.authority.budget_eur.max: must be a finite number, got inf' in said(result)
    assert not (tmp_path / "never").exists()


def test_the_memory_guard_refuses_a_batch_that_would_not_fit_unless_yes(tmp_path, monkeypatch):
    import builtins

    real_open = builtins.open

    def little_memory(file, *args, **kwargs):  # a machine with 4 MiB available
        return io.StringIO("MemAvailable:       4096 kB\n") if file == "/proc/meminfo" else real_open(file, *args,
                                                                                                          **kwargs)

    monkeypatch.setattr(builtins, "open", little_memory)
    out = tmp_path / "out"
    args = ["run", "--weeks", "1", "--residents", "5000", "--replications", "2", "--workers", "1", "--out", str(out)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert "this batch would need about" in said(refused) and "--yes runs it anyway" in said(refused)
    assert "1 runs at once x 5,000 residents x" in said(refused)
    assert not out.exists()
    forced = runner.invoke(app, [*args, "--yes"])
    assert forced.exit_code == 0, forced.output
    monkeypatch.undo()

    import simulation.memory as memory
    from simulation.experiment import single_scenario_plan
    from simulation.model import CityModel

    big = single_scenario_plan("calm_city", 2, 0, {"n_residents": 10_000_000, "weeks": 1})
    need = memory.estimate(big.runs, workers=12)
    small = CityModel(big.runs[0].config.with_overrides({"n_residents": 500}), rng=0)
    state = small.residents_state.nbytes() / 500  # the residents' state arrays, per resident
    assert need.at_once == 2 and need.per_resident > state  # the arrays, and what else a run allocates
    assert need.needed == pytest.approx(2 * 10_000_000 * need.per_resident)


def test_the_dask_extra_missing_is_said_literally_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    (tmp_path / "exp.toml").write_text(SMALL)
    out = tmp_path / "out"
    result = runner.invoke(app, ["sweep", str(tmp_path / "exp.toml"), "--executor", "dask", "--out", str(out)])
    assert result.exit_code == 2
    assert "the dask executor needs the optional extra: pip install 'citysim[distributed]'" in said(result)
    assert not out.exists()


# --- 6. hostile names render as text, in a browser -----------------------------------------------------

ATTRIBUTE = 'x" autofocus tabindex="1" onfocus="window.__pwned=1" y="'
ELEMENT = '</code><img src=x onerror="window.__pwned=2"><code>'
SCRIPT = "</script><script>window.__pwned=3</script>"
HOSTILE = f"{ATTRIBUTE}{ELEMENT}{SCRIPT}"


def forge_hostile_names(folder: Path) -> None:
    """Every name and text a results folder holds, made hostile (as a crafted folder could be), with
    the run table's hash recomputed so that the folder still verifies."""
    import hashlib

    context, policy = f"ctx{HOSTILE}", f"pol{HOSTILE}"
    mix = f"{context}+{policy}"
    rename = {"calm_city": context, "calm_city+contributor_care": mix, "contributor_care": policy}
    runs = pl.read_parquet(folder / "runs.parquet").with_columns(
        pl.col("scenario", "context", "policy").replace(rename))
    runs.write_parquet(folder / "runs.parquet")
    record = json.loads((folder / "experiment.json").read_text())
    record["experiment"] |= {"name": f"exp{HOSTILE}", "description": HOSTILE, "set": {f"key{HOSTILE}": HOSTILE}}
    scenarios = {}
    for name, config in record["scenarios"].items():
        config |= {"name": rename[name], "description": HOSTILE, "description_fr": HOSTILE,
                   "context": context, "policy": rename.get(config["policy"], config["policy"])}
        for platform in config["platforms"]:
            platform["name"] = f"{platform['name']}{HOSTILE}"
        scenarios[rename[name]] = config
    record["scenarios"] = scenarios
    if "files" in record:
        record["files"]["runs.parquet"] = hashlib.sha256((folder / "runs.parquet").read_bytes()).hexdigest()
    (folder / "experiment.json").write_text(json.dumps(record))


def assert_inert(page, own_scripts: bool = False) -> None:
    """Nothing hostile ran or became markup: no handler, no image, no script (but Vega-Lite specs, or
    the page's own when ``own_scripts``)."""
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.querySelectorAll('[onfocus], [onerror], [autofocus], img[src=\"x\"]')"
                         ".length") == 0
    if not own_scripts:
        assert page.evaluate("() => [...document.scripts].filter(s => s.type !== 'application/vnd.vegalite+json')"
                             ".length") == 0


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is needed (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def test_hostile_names_in_every_field_stay_text_in_the_brief_and_the_report(comparison, tmp_path, chromium):
    folder = copy_of(comparison, tmp_path)
    forge_hostile_names(folder)
    brief = runner.invoke(app, ["brief", str(folder), "--n-boot", "200", "--out", str(tmp_path / "brief.html")])
    assert brief.exit_code == 0, brief.output
    report = runner.invoke(app, ["report", str(folder), "--out", str(tmp_path / "report.html")])
    assert report.exit_code == 0, report.output
    for page_file in ("brief.html", "report.html"):
        page = chromium.new_page()
        page.goto((tmp_path / page_file).as_uri())
        page.wait_for_timeout(300)
        assert_inert(page)
        assert ATTRIBUTE in page.inner_text("body"), page_file  # shown as the text it is
        page.close()


def _resident_mib(pgid: int) -> float:
    total = 0
    for pid in processes_in_group(pgid):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


@pytest.fixture(scope="module")
def hostile_dashboard(tmp_path_factory):
    """The dashboard served from a library whose descriptions (the only input text it shows) are hostile, with
    sessions released 2 s after their page goes (the shipped delay is longer; see the test below)."""
    import re

    base = tmp_path_factory.mktemp("hostile_library")
    library = base / "scenarios"
    shutil.copytree(REPO / "scenarios", library)
    short = '"><img src=x onerror="window.__pwned=4">'
    for path in [*(library / "contexts").glob("*.toml"), *(library / "policies").glob("*.toml")]:
        path.write_text(re.sub(r"(?m)^(description(?:_fr)?) = .*$", lambda m: f"{m[1]} = {json.dumps(short)}",
                               path.read_text()))
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(base), str(REPO)]), "SOLARA_KERNEL_CULL_TIMEOUT": "2s"}
    proc = subprocess.Popen([sys.executable, "-m", "citysim", "dashboard", "--port", str(port)], cwd=base, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"dashboard did not start: {proc.stdout.read()}")
    yield url, proc.pid, short
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


def test_hostile_descriptions_and_names_stay_text_on_the_dashboard(hostile_dashboard, chromium):
    url, _, short = hostile_dashboard
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.locator(".week-counter").wait_for(timeout=60000)
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=short, timeout=30000)
    page.locator(".step-button").click()
    page.wait_for_timeout(1000)
    assert_inert(page, own_scripts=True)
    assert errors == []
    page.close()


def test_a_closed_page_releases_its_session(hostile_dashboard, chromium):
    url, pgid, _ = hostile_dashboard

    def load() -> None:
        page = chromium.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url)
        page.locator(".week-counter").wait_for(timeout=60000)
        page.close()

    load()
    time.sleep(4)
    before = _resident_mib(pgid)
    for _ in range(20):
        load()
    time.sleep(6)
    assert _resident_mib(pgid) - before <= 40

    from solara.util import parse_timedelta

    from citysim.dashboard.app import SESSION_IDLE

    assert parse_timedelta(SESSION_IDLE) <= 120  # the delay shipped: not Solara's 24 hours
