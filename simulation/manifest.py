"""A results folder's manifest: one whole JSON line per finished attempt of a run, holding the
SHA-256 of every file the run wrote; and the check that a run it lists is still what was written.

Lines are appended whole: a line cut by a crash is ended before the next record is written (so it
never swallows that record) and skipped when read; a record that cannot be written whole (a full
disk) is taken back. A run listed as done is verified against its hashes before anything reads or
skips it: a missing folder or file, a changed byte, a file it never wrote are all found.

Standard library only: the analysis reads manifests without Mesa.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.jsonl"
RUNS = "runs"
RUN_ID = re.compile(r"[a-z0-9_+\-][a-z0-9_+.\-]{0,99}")
"""A run id: its scenario's identifier (`simulation.inputs`), its design point and replication."""


class UnsafeRunId(ValueError):
    """A run id that would put a run's files outside its results folder."""


def run_folder(out: Path, run_id: str) -> Path:
    """Where run ``run_id`` of the results folder ``out`` lives: ``out/runs/<run_id>``, checked to
    resolve inside ``out/runs`` (an id with '/', a leading '.' or a link out is refused)."""
    runs = out / RUNS
    path = runs / run_id
    if not RUN_ID.fullmatch(run_id) or path.resolve().parent != runs.resolve():
        raise UnsafeRunId(f"{run_id!r} is not a run id: its files would be written outside {runs}")
    return path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def file_hashes(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file in ``folder`` (a run's files, or a results folder's own), by name."""
    return {p.name: sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


def append(path: Path, row: dict) -> None:
    """Append ``row`` to the manifest at ``path`` as one whole line, synced to the disk.

    A line left cut by a crash is ended first, so this record starts on its own line; if this
    record cannot be written whole (a full disk), what was written of it is taken back and the
    error raised."""
    line = (json.dumps(row, allow_nan=False) + "\n").encode()
    with path.open("a+b", buffering=0) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size and os.pread(fh.fileno(), 1, size - 1) != b"\n":
            line = b"\n" + line
        try:
            view = memoryview(line)
            while view:  # a write may be partial
                view = view[fh.write(view):]
            os.fsync(fh.fileno())
        except OSError:
            os.ftruncate(fh.fileno(), size)
            raise


@dataclass
class Records:
    """What a manifest holds: the latest attempt of each run, and how many lines were cut."""

    latest: dict[str, dict] = field(default_factory=dict)
    torn: int = 0

    def done(self) -> list[str]:
        """The runs whose latest attempt succeeded."""
        return [r for r, row in self.latest.items() if row.get("status") == "ok"]


def read(path: Path) -> Records:
    """The records of the manifest at ``path`` (none if it does not exist); cut lines are counted
    and skipped."""
    records = Records()
    if not path.is_file():
        return records
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                row = None
            if not isinstance(row, dict) or not isinstance(row.get("run_id"), str):  # a cut line
                records.torn += 1
                continue
            records.latest[row["run_id"]] = row
    return records


def damage(out: Path, row: dict) -> str | None:
    """What is wrong with a run the manifest lists as done, in a few words (None: its folder holds
    exactly the files it wrote, byte for byte)."""
    try:
        folder = run_folder(out, row["run_id"])
    except UnsafeRunId as exc:
        return str(exc)
    files = row.get("files")
    if not isinstance(files, dict) or not files:
        return "no SHA-256 recorded (written before citysim recorded them), so it cannot be verified"
    if not folder.is_dir():
        return "its folder is missing"
    present = {p.name for p in folder.iterdir()}
    for name, digest in files.items():
        if name not in present:
            return f"{name} is missing"
        if sha256(folder / name) != digest:
            return f"{name} does not match its SHA-256 (changed or damaged since it was written)"
    extra = sorted(present - set(files))
    return f"holds {extra[0]}, which the run did not write" if extra else None


def damage_report(out: Path, damaged: dict[str, str]) -> str:
    """One line for the runs found damaged or missing: the first named, the others counted."""
    first, problem = next(iter(damaged.items()))
    more = len(damaged) - 1
    return (f"{out}: run {first}: {problem}" + (f" (and {more} more runs damaged or missing)" if more else "")
            + f"; --repair runs {'them' if more else 'it'} again")
