"""Writing a finished run to disk: Parquet tables plus a small JSON record.

A run folder appears whole or not at all: everything is written into a hidden
temporary folder beside the target, which is renamed into place at the end.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from simulation.model import CityModel

TABLES = {
    "indicators.parquet": CityModel.indicators,
    "platforms.parquet": CityModel.platform_table,
    "sectors.parquet": CityModel.sector_readings,
    "interventions.parquet": CityModel.intervention_table,
}


class OutputError(ValueError):
    """A results folder that cannot be written without losing or mixing results."""


def check_target(out: Path) -> None:
    """Refuse a folder that already holds something: results are never overwritten or mixed."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OutputError(f"{out}: already exists and is not empty; choose another --out")
    parent = out.parent if out.parent != Path("") else Path(".")
    if parent.exists() and not os.access(parent, os.W_OK):
        raise OutputError(f"{out}: cannot write in {parent}")


def _git_commit() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                              cwd=Path(__file__).parent, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def provenance() -> dict[str, Any]:
    """Versions and host: what someone needs to reproduce a result."""
    versions = {}
    for pkg in ("citysim", "mesa", "numpy", "polars", "pydantic"):
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


def write_run(model: CityModel, out: Path, seed: int, extra: dict[str, Any] | None = None) -> Path:
    """Write ``model``'s tables and run record to ``out`` atomically; return ``out``."""
    check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for filename, table in TABLES.items():
            table(model).write_parquet(tmp / filename)
        record = {
            "scenario": model.config.name,
            "seed": seed,
            "weeks": model.week,
            "n_residents": model.config.n_residents,
            "engine": model.config.engine,
            "config": model.config.model_dump(mode="json"),
            **(extra or {}),
            "provenance": provenance(),
        }
        (tmp / "run.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
        if out.exists():
            out.rmdir()  # empty, checked above
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
