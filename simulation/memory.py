"""Whether a batch fits in memory, said before it starts rather than found out by the OOM killer.

A run's memory grows with its residents: their state arrays, their agents, the network of ties,
and what a week's step allocates. `bytes_per_resident` measures all of it (Python's allocation
tracer, peak over the build and one week) on a small city of the run's own scenario; a run of N
residents needs about N times that, and a batch as many runs at once as it has workers. This
is compared with the memory the system says is available (``MemAvailable`` in /proc/meminfo).
"""

from __future__ import annotations

import tracemalloc
from dataclasses import dataclass

from simulation.experiment import RunSpec
from simulation.model import CityModel
from simulation.scenario import Scenario

SAMPLE_RESIDENTS = 1_000
"""The small city a run's bytes per resident are measured on."""


def bytes_per_resident(config: Scenario) -> float:
    """Peak bytes allocated per resident while building a small city of ``config`` and stepping it
    one week."""
    small = config.with_overrides({"n_residents": SAMPLE_RESIDENTS}, source="memory estimate")
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        model = CityModel(small, rng=0)
        model.step()
        peak = tracemalloc.get_traced_memory()[1]
        del model
    finally:
        if not tracing:
            tracemalloc.stop()
    return (peak - before) / SAMPLE_RESIDENTS


def available_bytes() -> int | None:
    """Memory the system can give without swapping (None where /proc/meminfo does not say)."""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


@dataclass(frozen=True)
class Estimate:
    residents: int
    """Residents of the largest run."""
    per_resident: float
    at_once: int
    """Runs in memory at once (the workers, at most the runs to do)."""
    available: int | None

    @property
    def needed(self) -> float:
        return self.residents * self.per_resident * self.at_once

    @property
    def fits(self) -> bool:
        return self.available is None or self.needed <= self.available

    def __str__(self) -> str:
        free = "unknown" if self.available is None else f"{self.available / 1e9:.1f} GB"
        return (f"about {self.needed / 1e9:.1f} GB ({self.at_once} runs at once x {self.residents:,} residents x "
                f"{self.per_resident:,.0f} bytes per resident, measured on a city of {SAMPLE_RESIDENTS:,}); "
                f"available: {free}")


def estimate(todo: list[RunSpec], workers: int) -> Estimate | None:
    """The memory the runs ``todo`` need on ``workers`` workers (None: nothing to run)."""
    if not todo:
        return None
    largest = max(todo, key=lambda r: r.config.n_residents)
    return Estimate(largest.config.n_residents, bytes_per_resident(largest.config), max(1, min(workers, len(todo))),
                    available_bytes())
