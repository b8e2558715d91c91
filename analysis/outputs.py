"""Writing analysis outputs without ever overwriting an earlier one.

A comparison table or a brief goes where it is asked; if that name already holds the very
same output, nothing is written again ("unchanged"); if it holds something else (an earlier
comparison, another language's brief), the earlier one is kept and the new one takes the next
free name, ``<stem>-2``, ``<stem>-3``... ("renamed"), and the caller says so.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import polars.testing

from simulation.atomic import parquet_bytes, write_atomic

NEW, UNCHANGED, RENAMED = "new", "unchanged", "renamed"


@dataclass(frozen=True)
class Placement:
    paths: list[Path]
    """Where the outputs are (to be written unless ``status`` is unchanged)."""
    status: str
    """new, unchanged (the same outputs were already there) or renamed (an earlier, different
    output holds the asked name and is kept)."""
    asked: list[Path]

    def message(self) -> str:
        """One sentence for the user, empty when the asked names were free."""
        if self.status == UNCHANGED:
            return f"{self.paths[0]} already holds this same output: nothing rewritten"
        if self.status == RENAMED:
            return (f"{self.asked[0]} holds an earlier, different output (kept); this one is written as "
                    f"{self.paths[0].name}")
        return ""


def numbered(path: Path, k: int) -> Path:
    return path if k == 1 else path.with_name(f"{path.stem}-{k}{path.suffix}")


def place(paths: list[Path], same: Callable[[list[Path]], bool]) -> Placement:
    """The first numbering of ``paths`` whose files are all free, or all hold what ``same`` says
    is this very output; never one where any file holds something else."""
    for k in itertools.count(1):
        candidate = [numbered(p, k) for p in paths]
        exists = [p.exists() for p in candidate]
        if not any(exists):
            return Placement(candidate, NEW if k == 1 else RENAMED, paths)
        if all(exists) and same(candidate):
            return Placement(candidate, UNCHANGED, paths)
    raise AssertionError("unreachable")  # pragma: no cover


def same_text(texts: list[str]) -> Callable[[list[Path]], bool]:
    """``same`` for `place`: each file holds the matching text (UTF-8)."""
    return lambda paths: all(p.read_text(encoding="utf-8") == t for p, t in zip(paths, texts, strict=True))


def same_table(text: str, path: Path) -> bool:
    """Whether the CSV at ``path`` holds the table of CSV ``text``, to 1e-9 relative: a statistic
    computed twice may differ in its last bits (the order of a parallel sum), not in substance."""
    try:
        polars.testing.assert_frame_equal(pl.read_csv(io.StringIO(text)), pl.read_csv(path), rel_tol=1e-9,
                                          abs_tol=1e-12)
    except (AssertionError, pl.exceptions.PolarsError):
        return False
    return True


def write_frames(frames: dict[str, pl.DataFrame], out: str | Path) -> Placement:
    """Write each frame as Parquet and CSV at ``<out stem><key>`` (key "" for the main table,
    e.g. "_policy" for the others), never over an earlier, different set (checked on the CSVs)."""
    stem = Path(out).with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    texts = {key: frame.write_csv() for key, frame in frames.items()}
    paths = [stem.with_name(f"{stem.name}{key}{suffix}") for key in frames for suffix in (".parquet", ".csv")]
    placement = place(paths, lambda found: all(same_table(t, p) for t, p in zip(texts.values(), found[1::2],
                                                                                 strict=True)))
    if placement.status != UNCHANGED:
        for (key, frame), parquet, csv in zip(frames.items(), placement.paths[::2], placement.paths[1::2],
                                              strict=True):
            write_atomic(parquet, parquet_bytes(frame))  # whole or absent: a cut file is never "an earlier output"
            write_atomic(csv, texts[key])
    return placement
