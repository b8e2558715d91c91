"""Random streams: one per process and week, so that comparisons stay paired.

Every random number the model uses comes from here. From the run's seed, each process
(`Process`) gets, for each week, a generator of its own spawned by
``numpy.random.SeedSequence``: its draws in week t depend only on (seed, process, t), and,
for a lever's processes, on the lever that owns them. A policy that holds a debate or a
vote therefore draws from streams no other process reads, and the city with the policy
sees, week after week, the very draws the city without it sees (common random numbers,
kept process by process instead of only at the start).

Two rules keep this true inside a process:
- draw for every resident slot, whoever is eligible: eligibility masks the draw, it never
  changes how many numbers are drawn (a debate draws a chance for every resident, and an
  order for every resident, then keeps those who can come);
- no other module of ``simulation/`` calls ``model.rng``, ``model.random`` or
  ``numpy.random`` (Mesa keeps those for its own use; `tests/test_streams.py` checks it).

The seeds of a batch's replications and the generator of a design's sample are spawned
here too (`replication_seeds`, `design_generator`), from the experiment's master seed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import numpy as np


class Process(StrEnum):
    """The model's random processes, each with its own stream."""

    POPULATION = "population"
    """The residents drawn at the start (once, not weekly)."""
    NETWORK = "network"
    """The small-world network's rewiring (once, not weekly)."""
    MOVES = "moves"
    """Who moves out of the city this week, and who moves in, in their place."""
    TIES = "ties"
    """Recruitment by neighbours, and withdrawal after neighbours left."""
    PROVIDER_CHOICE = "provider_choice"
    """Each resident's choice of a provider in each sector."""
    JOBS = "jobs"
    """A worker reconsidering its platform, and which platform it picks."""
    BURNOUT = "burnout"
    """The burn-out hazard of contributors over their limit (per sub-step)."""
    EPISODES = "episodes"
    """Who answers the services' call for volunteers this week."""
    ATTENDANCE = "attendance"
    """Who comes to a debate and whom they meet there (owned by the lever that holds it)."""
    VOTES = "votes"
    """Who votes and for what (owned by the lever that holds the vote)."""
    ENFORCEMENT = "enforcement"
    """Which defied rules the authority detects this week (drawn every week, regulated or not)."""
    LEVER = "lever"
    """A lever's own draws, e.g. the proposals put to a participatory vote (owned by the lever)."""
    SNAPSHOT = "snapshot"
    """The sample of residents whose state a batch records (once; never read by the model)."""


def _code(name: str) -> int:
    """A stable 64-bit integer for a name (Python's ``hash`` of a string changes between processes)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little")


class Stream:
    """One process's generator for one week: the distributions the model uses, passed through to
    ``numpy.random.Generator``, and, when the run is audited, a digest of every number drawn."""

    def __init__(self, generator: np.random.Generator, digest: Any = None) -> None:
        self._g = generator
        self._digest = digest

    def _seen(self, values: np.ndarray) -> np.ndarray:
        if self._digest is not None:
            values = np.ascontiguousarray(values)
            self._digest.update(str((values.dtype, values.shape)).encode())
            self._digest.update(values.tobytes())
        return values

    def random(self, size: int | tuple[int, ...]) -> np.ndarray:
        return self._seen(self._g.random(size))

    def uniform(self, low: float, high: float, size: int | tuple[int, ...]) -> np.ndarray:
        return self._seen(self._g.uniform(low, high, size))

    def integers(self, low: int, high: int, size: int | tuple[int, ...], dtype: Any = np.int64) -> np.ndarray:
        return self._seen(self._g.integers(low, high, size, dtype=dtype))

    def beta(self, a: float, b: float, size: int) -> np.ndarray:
        return self._seen(self._g.beta(a, b, size))

    def normal(self, loc: float, scale: float, size: int) -> np.ndarray:
        return self._seen(self._g.normal(loc, scale, size))

    def lognormal(self, mean: float, sigma: float, size: int | tuple[int, ...]) -> np.ndarray:
        return self._seen(self._g.lognormal(mean, sigma, size))

    def gumbel(self, loc: float, scale: float, size: tuple[int, ...]) -> np.ndarray:
        return self._seen(self._g.gumbel(loc, scale, size))

    def choice(self, a: int, size: int, p: np.ndarray | None = None, replace: bool = True) -> np.ndarray:
        return self._seen(self._g.choice(a, size=size, p=p, replace=replace))

    def generator(self) -> np.random.Generator:
        """The underlying generator, for a library that wants one (e.g. scipy's samplers); not audited."""
        return self._g


class Streams:
    """The streams of one run, spawned from its root seed.

    ``week(process, t, owner)`` gives the process's generator for week t (a fresh one on each
    call: a process draws what it needs for the week in one place); ``once(process)`` gives the
    generator of a process that draws once (the population, the network). ``audit()`` starts
    keeping a digest of every number each (process, owner, week) draws, for tests that compare
    the draws of two runs."""

    def __init__(self, root: np.random.SeedSequence) -> None:
        self.root = root
        self.digests: dict[tuple[str, str, int], Any] | None = None

    @classmethod
    def of(cls, rng: Any, model: Any) -> Streams:
        """The streams of a run seeded by ``rng`` (what ``CityModel(rng=...)`` was given): an integer,
        a sequence of integers or a ``SeedSequence`` is the root itself; anything else (None, a
        generator) draws the root's entropy from ``model.rng``, the generator Mesa made of it (the one
        place the model's own generator is read)."""
        if isinstance(rng, np.random.SeedSequence):
            return cls(rng)
        if isinstance(rng, int | np.integer) or (isinstance(rng, Sequence) and not isinstance(rng, str)):
            return cls(np.random.SeedSequence(rng))
        return cls(np.random.SeedSequence(model.rng.integers(0, 2**63, size=2).tolist()))

    def audit(self) -> None:
        self.digests = {}

    def week(self, process: Process, week: int, owner: str = "") -> Stream:
        return self._stream(process, week + 1, owner)

    def once(self, process: Process) -> Stream:
        return self._stream(process, 0, "")

    def _stream(self, process: Process, tick: int, owner: str) -> Stream:
        key = (_code(process.value), tick, _code(owner) if owner else 0)
        seq = np.random.SeedSequence(self.root.entropy, spawn_key=(*self.root.spawn_key, *key))
        digest = None
        if self.digests is not None:
            digest = self.digests.setdefault((process.value, owner, tick - 1), hashlib.sha256())
        return Stream(np.random.Generator(np.random.PCG64(seq)), digest)

    def drawn(self) -> dict[tuple[str, str, int], str]:
        """What each (process, owner, week) drew, as a hex digest (week -1: drawn once, at the start)."""
        return {key: d.hexdigest() for key, d in (self.digests or {}).items()}


def replication_seeds(master: int, replications: int) -> list[int]:
    """Seed of each replication, spawned in a fixed order from an experiment's master seed."""
    _, runs = np.random.SeedSequence(master).spawn(2)
    return [int(child.generate_state(1, dtype=np.uint64)[0]) for child in runs.spawn(replications)]


def design_generator(master: int) -> np.random.Generator:
    """The generator of an experiment's design (a sampler's seed), apart from the replications' seeds."""
    design, _ = np.random.SeedSequence(master).spawn(2)
    return np.random.default_rng(design)


def snapshot_sample(seed: int, n: int, size: int) -> np.ndarray:
    """The rows of a run's resident snapshots: a sample of its own stream, so snapshots never change the run."""
    return np.sort(Streams(np.random.SeedSequence(seed)).once(Process.SNAPSHOT).choice(n, min(size, n), replace=False))
